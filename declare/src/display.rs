//! What a thiserror `#[error(...)]` shows of a variant's source: a business error's public
//! message is its `Display`, so a source shown there reaches the caller.
//!
//! Read from the attribute's tokens the way thiserror reads them: `#[error(transparent)]` is the
//! one field's `Display`; in `#[error("fmt", args..)]` a `{0}` or `{name}` placeholder names a
//! field (unless an argument of that name is given), and an argument written `.field` is that
//! field. A source is a field marked `#[source]` or `#[from]`, or one named `source`.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::{Attribute, LitStr, Member, Meta};

use crate::ast::Field;
use crate::ctxt::SpanRange;
use crate::{Class, GENERIC_SYSTEM_MESSAGE};

/// A source field whose text the `Display` includes, and the attribute that includes it.
#[derive(Debug)]
pub struct ShownSource<'a> {
    /// The source field.
    pub field: &'a Field<'a>,
    /// The `#[error(...)]` attribute that shows it.
    pub at: SpanRange,
}

/// The first source field whose text `attrs`' `#[error(...)]` shows (`inherited`: the enum's
/// attributes, which thiserror applies to a variant without its own).
#[must_use]
pub fn shown_source<'a>(
    attrs: &[Attribute],
    inherited: &[Attribute],
    fields: &'a [Field<'a>],
) -> Option<ShownSource<'a>> {
    let attr = error_attr(attrs).or_else(|| error_attr(inherited))?;
    let Meta::List(list) = &attr.meta else {
        return None;
    };
    let field = match shown_members(list.tokens.clone(), fields)? {
        // thiserror's transparent field is the source, whatever its attributes say.
        Shown::Transparent => match fields {
            [field] => field,
            _ => return None,
        },
        Shown::Members(shown) => fields
            .iter()
            .find(|field| is_source(field, fields) && shown.contains(&field.member))?,
    };
    Some(ShownSource {
        field,
        at: SpanRange::of(attr),
    })
}

/// The format string of thiserror's `#[error("...")]` among `attrs`, as written (placeholders
/// and `{{` escapes kept); `None` for `#[error(transparent)]` or without the attribute.
#[must_use]
pub fn error_template(attrs: &[Attribute]) -> Option<String> {
    let Meta::List(list) = &error_attr(attrs)?.meta else {
        return None;
    };
    match list.tokens.clone().into_iter().next()? {
        TokenTree::Literal(literal) => syn::parse2::<LitStr>(TokenTree::Literal(literal).into())
            .ok()
            .map(|lit| lit.value()),
        _ => None,
    }
}

/// The text a `Display` from `template` shows for every value, when it has no placeholder:
/// `"email taken"` (and `"{{braces}}"` as `"{braces}"`), not `"email {0} taken"`. An API
/// document's example shows it as a business error's `detail`.
///
/// ```
/// use onus_declare::display::fixed_text;
/// assert_eq!(fixed_text("this email is taken").as_deref(), Some("this email is taken"));
/// assert_eq!(fixed_text("use {{json}}").as_deref(), Some("use {json}"));
/// assert_eq!(fixed_text("email {0} is taken"), None);
/// ```
#[must_use]
pub fn fixed_text(template: &str) -> Option<String> {
    if !placeholders(template).is_empty() {
        return None;
    }
    Some(template.replace("{{", "{").replace("}}", "}"))
}

/// The `detail` an API document's example body shows for a declaration: its `public` text, a
/// business error's `#[error("...")]` `template` when it has no placeholder ([`fixed_text`]), a
/// system error's generic message; never a system error's own text. `None` when every value
/// shows a different text. The derive's OpenAPI answers and the catalog's both use it.
///
/// ```
/// use onus_declare::{Class, display::example_detail};
/// assert_eq!(example_detail(Class::Business, None, Some("email taken")).as_deref(), Some("email taken"));
/// assert_eq!(example_detail(Class::Business, None, Some("email {0} taken")), None);
/// assert_eq!(example_detail(Class::System, None, Some("db at 10.0.0.3 down")).as_deref(), Some("an internal error occurred"));
/// assert_eq!(example_detail(Class::System, Some("try later"), None).as_deref(), Some("try later"));
/// ```
#[must_use]
pub fn example_detail(
    class: Class,
    public: Option<&str>,
    template: Option<&str>,
) -> Option<String> {
    match (public, class) {
        (Some(text), _) => Some(text.to_owned()),
        (None, Class::Business) => template.and_then(fixed_text),
        (None, Class::System) => Some(GENERIC_SYSTEM_MESSAGE.to_owned()),
    }
}

fn error_attr(attrs: &[Attribute]) -> Option<&Attribute> {
    attrs.iter().find(|attr| attr.path().is_ident("error"))
}

/// thiserror's rule: `#[source]` or `#[from]`, or a field named `source`.
fn is_source(field: &Field, fields: &[Field]) -> bool {
    let marked = |field: &Field| {
        field
            .original
            .attrs
            .iter()
            .any(|attr| attr.path().is_ident("source") || attr.path().is_ident("from"))
    };
    marked(field)
        || (matches!(&field.member, Member::Named(name) if name == "source")
            && !fields.iter().any(marked))
}

enum Shown {
    /// `#[error(transparent)]`: the one field's `Display`.
    Transparent,
    /// The fields a format displays.
    Members(Vec<Member>),
}

/// The fields `#[error(..)]`'s tokens display; `None` when they are not a format at all.
fn shown_members(tokens: TokenStream, fields: &[Field]) -> Option<Shown> {
    let mut tokens = tokens.into_iter();
    let first = tokens.next()?;
    if let TokenTree::Ident(ident) = &first
        && ident == "transparent"
    {
        return Some(Shown::Transparent);
    }
    let format: LitStr = syn::parse2(first.into()).ok()?;
    let args = arguments(tokens.collect());
    let mut shown = Vec::new();
    let mut positional = args.iter().filter(|arg| arg.name.is_none());
    for placeholder in placeholders(&format.value()) {
        let arg = match placeholder {
            Placeholder::Next => positional.next(),
            Placeholder::Named(name) => args.iter().find(|arg| arg.name.as_deref() == Some(name)),
            Placeholder::Index(_) => None,
        };
        let member = match (arg, placeholder) {
            (Some(arg), _) => arg.field.clone(),
            (None, Placeholder::Index(index)) => Some(Member::Unnamed(syn::Index::from(index))),
            (None, Placeholder::Named(name)) => fields
                .iter()
                .map(|field| &field.member)
                .find(|member| matches!(member, Member::Named(field) if field == name))
                .cloned(),
            (None, Placeholder::Next) => None,
        };
        shown.extend(member);
    }
    Some(Shown::Members(shown))
}

enum Placeholder<'f> {
    /// `{}` or `{:?}`: the next positional argument.
    Next,
    /// `{0}`: thiserror's shorthand for field `0`.
    Index(usize),
    /// `{name}`: a named argument, else the field `name`.
    Named(&'f str),
}

fn placeholders(format: &str) -> Vec<Placeholder<'_>> {
    let mut found = Vec::new();
    let mut rest = format;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(escaped) = after.strip_prefix('{') {
            rest = escaped;
            continue;
        }
        let Some(close) = after.find('}') else {
            break;
        };
        let inside = &after[..close];
        let name = inside.split(':').next().unwrap_or_default().trim();
        found.push(if name.is_empty() {
            Placeholder::Next
        } else if let Ok(index) = name.parse() {
            Placeholder::Index(index)
        } else {
            Placeholder::Named(name)
        });
        rest = &after[close + 1..];
    }
    found
}

/// One argument after the format: its name (`name = ..`), and the field when it is exactly
/// `.field`.
struct Argument {
    name: Option<String>,
    field: Option<Member>,
}

fn arguments(tokens: Vec<TokenTree>) -> Vec<Argument> {
    tokens
        .split(|token| matches!(token, TokenTree::Punct(punct) if punct.as_char() == ','))
        .filter(|arg| !arg.is_empty())
        .map(|arg| {
            let (name, value) = match arg {
                [TokenTree::Ident(name), TokenTree::Punct(eq), value @ ..]
                    if eq.as_char() == '=' =>
                {
                    (Some(name.to_string()), value)
                }
                value => (None, value),
            };
            Argument {
                name,
                field: field_shorthand(value),
            }
        })
        .collect()
}

/// `.field`, `.0`, or either in a group (thiserror's macro may hand over `(.field)`).
fn field_shorthand(value: &[TokenTree]) -> Option<Member> {
    match value {
        [TokenTree::Punct(dot), TokenTree::Ident(name)] if dot.as_char() == '.' => {
            Some(Member::Named(name.clone()))
        }
        [TokenTree::Punct(dot), TokenTree::Literal(index)] if dot.as_char() == '.' => {
            syn::parse_str::<syn::Index>(&index.to_string())
                .ok()
                .map(Member::Unnamed)
        }
        [TokenTree::Group(group)] if group.delimiter() == Delimiter::None => {
            field_shorthand(&group.stream().into_iter().collect::<Vec<_>>())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::Input;
    use crate::ctxt::Ctxt;

    /// The shown source of each variant, by member name.
    fn shown(input: &syn::DeriveInput) -> Vec<Option<String>> {
        let cx = Ctxt::new();
        let Some(Input::Enum(model)) = Input::from_syn(input, &cx) else {
            panic!("an enum");
        };
        let shown = model
            .variants
            .iter()
            .map(|variant| {
                shown_source(
                    &variant.original.attrs,
                    &model.original.attrs,
                    &variant.fields,
                )
                .map(|shown| match &shown.field.member {
                    Member::Named(name) => name.to_string(),
                    Member::Unnamed(index) => index.index.to_string(),
                })
            })
            .collect();
        assert!(cx.check().is_ok());
        shown
    }

    #[test]
    fn a_source_in_the_format_is_shown() {
        let input: syn::DeriveInput = syn::parse_quote! {
            enum E {
                #[error("invalid: {0}")]
                Index(#[source] Inner),
                #[error("upload: {source:?}")]
                Named { source: Inner },
                #[error("line {line}: {}", .cause)]
                Positional { line: usize, #[from] cause: Inner },
                #[error("line {line}: {why}", why = .cause)]
                NamedArgument { line: usize, #[source] cause: Inner },
                #[error(transparent)]
                Transparent(Inner),
            }
        };
        assert_eq!(
            shown(&input),
            [
                Some("0".to_owned()),
                Some("source".to_owned()),
                Some("cause".to_owned()),
                Some("cause".to_owned()),
                Some("0".to_owned()),
            ]
        );
    }

    #[test]
    fn a_source_kept_out_of_the_format_is_not_shown() {
        let input: syn::DeriveInput = syn::parse_quote! {
            enum E {
                #[error("the file is not valid CSV")]
                Hidden(#[source] Inner),
                #[error("field {0} is invalid")]
                NotASource(String, #[source] Inner),
                #[error("{{0}} is literal; kind {}", .source.kind())]
                Escaped { source: Inner },
                #[error("{name} taken", name = .login)]
                Renamed { login: String, #[source] source: Inner },
                Undisplayed(#[source] Inner),
            }
        };
        assert_eq!(shown(&input), [None, None, None, None, None]);
    }

    #[test]
    fn a_variant_inherits_the_enum_s_format() {
        let input: syn::DeriveInput = syn::parse_quote! {
            #[error(transparent)]
            enum E {
                Wrapped(#[from] Inner),
                #[error("own text")]
                Own(#[from] Other),
            }
        };
        assert_eq!(shown(&input), [Some("0".to_owned()), None]);
    }
}
