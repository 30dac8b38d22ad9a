//! The arguments of `#[onus::check(...)]`: a default level and per-rule levels.
//!
//! ```text
//! #[onus::check]                                                 every rule warns
//! #[onus::check(deny)]                                           every rule is an error
//! #[onus::check(deny(swallowed_error), allow(unwrap_in_fallible))]
//! ```

use onus_declare::ctxt::Ctxt;
use onus_declare::suggest;
use onus_lints::{Config, Level, RuleInfo, rules};
use proc_macro2::TokenStream;
use syn::ext::IdentExt;
use syn::parse::{ParseBuffer, ParseStream, Parser};
use syn::{Ident, Token};

const EXAMPLE: &str = "e.g. `#[onus::check(deny)]` or `#[onus::check(deny(swallowed_error), allow(unwrap_in_fallible))]`";

/// The levels the attribute asks for, on top of the configuration file's.
#[derive(Debug)]
pub(crate) struct Levels {
    /// A bare `deny` or `warn`: the level of every rule not named in a list.
    default: Option<Level>,
    /// Rules named in `deny(..)`, `warn(..)` or `allow(..)`, with the name as written.
    rules: Vec<(&'static RuleInfo, Level, Ident)>,
}

impl Levels {
    /// The engine's configuration: the project's (`file`: ignorable calls, panic boundaries,
    /// ...) with each rule's level decided, most specific first, by
    ///
    /// 1. the attribute's list naming the rule (`deny(swallowed_error)`);
    /// 2. `allow` in the file: the project turned the rule off, and `cargo onus check` does not
    ///    report it either;
    /// 3. a bare `deny` or `warn` in the attribute;
    /// 4. the file's level;
    /// 5. `warn`. The rules' CLI defaults (some deny) do not apply: in the editor, a finding is a
    ///    warning unless the project or the attribute says `deny`.
    pub(crate) fn config(&self, file: &Config) -> Config {
        let mut config = file.clone();
        for rule in rules::all().iter().filter(|rule| applies(rule)) {
            let level = match (file.level_of(rule.id), self.default) {
                (Some(Level::Allow), _) => Level::Allow,
                (_, Some(default)) => default,
                (Some(level), None) => level,
                (None, None) => Level::Warn,
            };
            config.levels.insert(rule.id.to_owned(), level);
        }
        for (rule, level, _) in &self.rules {
            config.levels.insert(rule.id.to_owned(), *level);
        }
        config
    }
}

/// Parses the arguments, reporting every mistake (not only the first) into `cx`. Whatever could
/// be read is kept, so the item is still checked with the levels that were well formed.
pub(crate) fn parse(args: TokenStream, cx: &Ctxt) -> Levels {
    let mut levels = Levels {
        default: None,
        rules: Vec::new(),
    };
    let parser = |input: ParseStream| {
        parse_list(input, &mut levels, cx);
        Ok(())
    };
    if let Err(error) = parser.parse2(args) {
        cx.push(error);
    }
    levels
}

/// Which rule ids `#[onus::check]` accepts: every rule but `parse_error`, which the compiler
/// reports itself.
fn applies(rule: &RuleInfo) -> bool {
    rule.id != rules::PARSE_ERROR
}

fn parse_list(input: ParseStream, levels: &mut Levels, cx: &Ctxt) {
    let mut default_set: Option<Ident> = None;
    while !input.is_empty() {
        if parse_arg(input, levels, &mut default_set, cx).is_err() {
            // The rest of the list cannot be read reliably; the error is already reported.
            skip_rest(input);
            return;
        }
        if input.is_empty() {
            break;
        }
        if let Err(error) = input.parse::<Token![,]>() {
            cx.error(
                error.span(),
                "expected `,` between the arguments of `#[onus::check(...)]`",
                EXAMPLE,
            );
            skip_rest(input);
            return;
        }
    }
}

/// One `level` or `level(rule, ...)`. `Err` means the input is no longer where a new argument
/// starts.
fn parse_arg(
    input: ParseStream,
    levels: &mut Levels,
    default_set: &mut Option<Ident>,
    cx: &Ctxt,
) -> Result<(), ()> {
    let word = match input.call(Ident::parse_any) {
        Ok(word) => word,
        Err(error) => {
            cx.error(
                error.span(),
                "expected `deny`, `warn` or `allow` in `#[onus::check(...)]`",
                EXAMPLE,
            );
            return Err(());
        }
    };
    let Some(level) = level_named(&word) else {
        let name = word.to_string();
        let help = if rules::find(&name).is_some() {
            format!("to set the level of one rule, name it in a list: `deny({name})`")
        } else if let Some(known) = suggest::nearest(&name, ["deny", "warn", "allow"]) {
            format!("did you mean `{known}`?")
        } else {
            EXAMPLE.to_owned()
        };
        cx.error(
            word.span(),
            format_args!("unknown argument `{name}` in `#[onus::check(...)]`; expected `deny`, `warn` or `allow`"),
            help,
        );
        return if input.peek(syn::token::Paren) {
            // Skip the list of the unknown argument (all of it: syn reports tokens left in a
            // group as "unexpected token"); what is in it means nothing.
            match parens(input) {
                Ok(content) => {
                    if let Err(error) = content.parse::<proc_macro2::TokenStream>() {
                        cx.push(error);
                    }
                }
                Err(error) => cx.push(error),
            }
            Ok(())
        } else if input.is_empty() || input.peek(Token![,]) {
            Ok(())
        } else {
            Err(())
        };
    };
    if input.peek(syn::token::Paren) {
        let content = parens(input).map_err(|error| cx.push(error))?;
        parse_rules(&content, &word, level, levels, cx);
        return Ok(());
    }
    if level == Level::Allow {
        cx.error(
            word.span(),
            "a bare `allow` would turn every rule off",
            "name the rules to allow, `allow(unwrap_in_fallible)`, or remove `#[onus::check]`",
        );
    } else if let Some(first) = default_set {
        cx.error(
            word.span(),
            format_args!(
                "`#[onus::check]` takes one default level, and `{first}` is already given"
            ),
            "keep one of `deny` and `warn`; name single rules in a list: `warn(catch_all)`",
        );
    } else {
        levels.default = Some(level);
        *default_set = Some(word.clone());
    }
    if input.is_empty() || input.peek(Token![,]) {
        Ok(())
    } else {
        cx.error(
            input.span(),
            format_args!("expected `,` or `(rule, ...)` after `{word}`"),
            EXAMPLE,
        );
        Err(())
    }
}

fn parse_rules(content: ParseStream, word: &Ident, level: Level, levels: &mut Levels, cx: &Ctxt) {
    if content.is_empty() {
        cx.error(
            word.span(),
            format_args!("`{word}()` names no rule"),
            format_args!("name the rules: `{word}(swallowed_error)`"),
        );
        return;
    }
    while !content.is_empty() {
        let name = match content.call(Ident::parse_any) {
            Ok(name) => name,
            Err(error) => {
                cx.error(
                    error.span(),
                    format_args!("expected a rule name in `{word}(...)`"),
                    format_args!("rule names are snake_case ids: `{word}(swallowed_error)`"),
                );
                skip_rest(content);
                return;
            }
        };
        add_rule(name, level, levels, cx);
        if content.is_empty() {
            break;
        }
        if content.parse::<Token![,]>().is_err() {
            cx.error(
                content.span(),
                format_args!("expected `,` between the rules of `{word}(...)`"),
                format_args!("e.g. `{word}(swallowed_error, catch_all)`"),
            );
            skip_rest(content);
            return;
        }
    }
}

fn add_rule(name: Ident, level: Level, levels: &mut Levels, cx: &Ctxt) {
    let id = name.to_string();
    match rules::find(&id) {
        Some(rule) if !applies(rule) => cx.error(
            name.span(),
            format_args!("`{id}` does not apply to `#[onus::check]`"),
            "the compiler reports syntax errors itself; remove it",
        ),
        Some(rule) => {
            if let Some((_, earlier, _)) =
                levels.rules.iter().find(|(known, ..)| known.id == rule.id)
            {
                cx.error(
                    name.span(),
                    format_args!("`{id}` is already given a level (`{earlier}`)"),
                    "name each rule once",
                );
            } else {
                levels.rules.push((rule, level, name));
            }
        }
        None => {
            let known = rules::all()
                .iter()
                .filter(|rule| applies(rule))
                .map(|rule| rule.id);
            let help = match suggest::nearest(&id, known) {
                Some(known) => format!("did you mean `{known}`?"),
                None => format!("the rules are: {}", rule_list()),
            };
            cx.error(name.span(), format_args!("unknown rule `{id}`"), help);
        }
    }
}

fn rule_list() -> String {
    rules::all()
        .iter()
        .filter(|rule| applies(rule))
        .map(|rule| format!("`{}`", rule.id))
        .collect::<Vec<_>>()
        .join(", ")
}

fn level_named(word: &Ident) -> Option<Level> {
    if word == "deny" {
        Some(Level::Deny)
    } else if word == "warn" {
        Some(Level::Warn)
    } else if word == "allow" {
        Some(Level::Allow)
    } else {
        None
    }
}

fn parens<'a>(input: ParseStream<'a>) -> syn::Result<ParseBuffer<'a>> {
    let content;
    syn::parenthesized!(content in input);
    Ok(content)
}

fn skip_rest(input: ParseStream) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((_, next)) = rest.token_tree() {
            rest = next;
        }
        Ok(((), rest))
    });
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn levels(args: TokenStream) -> Result<Config, String> {
        let cx = Ctxt::new();
        let levels = parse(args, &cx);
        match cx.check() {
            Ok(()) => Ok(levels.config(&Config::default())),
            Err(error) => Err(error
                .into_iter()
                .map(|error| error.to_string())
                .collect::<Vec<_>>()
                .join(" | ")),
        }
    }

    fn level(config: &Config, id: &str) -> Level {
        config.levels[id]
    }

    #[test]
    fn every_rule_warns_by_default() {
        let config = levels(quote!()).unwrap();
        for id in ["ignored_result", "swallowed_error", "unused_suppression"] {
            assert_eq!(level(&config, id), Level::Warn, "{id}");
        }
        assert!(!config.levels.contains_key("parse_error"));
    }

    #[test]
    fn bare_deny_and_per_rule_levels() {
        let config = levels(quote!(deny, warn(catch_all), allow(unwrap_in_fallible,))).unwrap();
        assert_eq!(level(&config, "swallowed_error"), Level::Deny);
        assert_eq!(level(&config, "catch_all"), Level::Warn);
        assert_eq!(level(&config, "unwrap_in_fallible"), Level::Allow);
        let config = levels(quote!(deny(swallowed_error), allow(lost_source))).unwrap();
        assert_eq!(level(&config, "swallowed_error"), Level::Deny);
        assert_eq!(level(&config, "lost_source"), Level::Allow);
        assert_eq!(level(&config, "catch_all"), Level::Warn);
    }

    #[test]
    fn a_misspelled_level_with_a_list_is_one_error() {
        let errors = levels(quote!(alow(lost_source))).unwrap_err();
        assert!(errors.contains("did you mean `allow`?"), "{errors}");
        assert!(!errors.contains("unexpected token"), "{errors}");
    }

    #[test]
    fn every_mistake_is_reported() {
        let errors = levels(quote!(
            deny(swallowed_eror),
            allow,
            dney,
            deny,
            warn,
            deny(catch_all, catch_all)
        ))
        .unwrap_err();
        assert!(errors.contains("unknown rule `swallowed_eror`"), "{errors}");
        assert!(
            errors.contains("did you mean `swallowed_error`?"),
            "{errors}"
        );
        assert!(errors.contains("a bare `allow`"), "{errors}");
        assert!(errors.contains("unknown argument `dney`"), "{errors}");
        assert!(errors.contains("one default level"), "{errors}");
        assert!(
            errors.contains("`catch_all` is already given a level"),
            "{errors}"
        );
    }

    #[test]
    fn malformed_shapes() {
        for args in [
            quote!(deny = "x"),
            quote!(deny()),
            quote!(deny(1)),
            quote!(parse_error),
            quote!(deny(parse_error)),
            quote!(deny(a b)),
            quote!("deny"),
            quote!(deny warn),
            quote!(swallowed_error),
        ] {
            assert!(levels(args.clone()).is_err(), "{args}");
        }
    }
}
