//! Attributes: which mark test code, which traits an item derives.

use syn::punctuated::Punctuated;

/// The outer attributes of an item (`#[..]` written on it).
pub(crate) fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    match item {
        syn::Item::Const(item) => &item.attrs,
        syn::Item::Enum(item) => &item.attrs,
        syn::Item::ExternCrate(item) => &item.attrs,
        syn::Item::Fn(item) => &item.attrs,
        syn::Item::ForeignMod(item) => &item.attrs,
        syn::Item::Impl(item) => &item.attrs,
        syn::Item::Macro(item) => &item.attrs,
        syn::Item::Mod(item) => &item.attrs,
        syn::Item::Static(item) => &item.attrs,
        syn::Item::Struct(item) => &item.attrs,
        syn::Item::Trait(item) => &item.attrs,
        syn::Item::TraitAlias(item) => &item.attrs,
        syn::Item::Type(item) => &item.attrs,
        syn::Item::Union(item) => &item.attrs,
        syn::Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

/// The cases of a `cfg(any(..))`: `test`, and only features named for tests besides
/// (`feature = "test_utils"`, `feature = "testing"`).
fn only_for_tests(cases: proc_macro2::TokenStream) -> bool {
    let Ok(cases) = syn::parse::Parser::parse2(
        Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
        cases,
    ) else {
        return false;
    };
    let mut has_test = false;
    let all_for_tests = cases.iter().all(|case| match case {
        syn::Meta::Path(path) if path.is_ident("test") => {
            has_test = true;
            true
        }
        feature => is_a_feature_for_tests(feature),
    });
    has_test && all_for_tests
}

/// `feature = "test_utils"`, `feature = "testing"`: a feature named for tests.
fn is_a_feature_for_tests(case: &syn::Meta) -> bool {
    matches!(case, syn::Meta::NameValue(feature) if feature.path.is_ident("feature")
        && matches!(&feature.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(name), .. })
            if name.value().contains("test")))
}

/// A `cfg` of a match arm compiled only in a build for tests: the `cfg`s of [`is_test_attr`],
/// and one feature named for tests alone (`#[cfg(feature = "test_mode")]`), which an arm may
/// take where an item may not (another crate's tests may enable it to reach the item).
pub(crate) fn is_cfg_for_tests(attr: &syn::Attribute) -> bool {
    attr.path().is_ident("cfg")
        && (is_test_attr(attr)
            || attr
                .parse_args::<syn::Meta>()
                .is_ok_and(|case| is_a_feature_for_tests(&case)))
}

/// `#[test]`, `#[tokio::test]`, `#[cfg(test)]`, `#[cfg(all(test, ..))]`,
/// `#[cfg(any(test, feature = "test_utils"))]` where every other case is a feature for tests, and
/// a fuzz target's `#[cfg(fuzzing)]` or `#[cfg(feature = "fuzzing")]`.
pub(crate) fn is_test_attr(attr: &syn::Attribute) -> bool {
    let path = attr.path();
    if path
        .segments
        .last()
        .is_some_and(|last| last.ident == "test")
    {
        return true;
    }
    if !path.is_ident("cfg") {
        return false;
    }
    let syn::Meta::List(list) = &attr.meta else {
        return false;
    };
    if for_fuzzing(list) {
        return true;
    }
    let mut tokens = list.tokens.clone().into_iter();
    match tokens.next() {
        Some(proc_macro2::TokenTree::Ident(ident)) if ident == "test" => true,
        Some(proc_macro2::TokenTree::Ident(ident)) if ident == "all" => match tokens.next() {
            Some(proc_macro2::TokenTree::Group(group)) => group.stream().into_iter().any(
                |token| matches!(token, proc_macro2::TokenTree::Ident(ident) if ident == "test"),
            ),
            _ => false,
        },
        Some(proc_macro2::TokenTree::Ident(ident)) if ident == "any" => match tokens.next() {
            Some(proc_macro2::TokenTree::Group(group)) => only_for_tests(group.stream()),
            _ => false,
        },
        _ => false,
    }
}

/// `cfg(fuzzing)` (set by cargo-fuzz) or `cfg(feature = "fuzzing")`: code built only for a fuzz
/// target, whose every error is an expected answer to the bytes it is fed (helix-db's
/// `#[cfg(feature = "fuzzing")] pub mod fuzzing`).
fn for_fuzzing(list: &syn::MetaList) -> bool {
    match list.parse_args::<syn::Meta>() {
        Ok(syn::Meta::Path(path)) => path.is_ident("fuzzing"),
        Ok(syn::Meta::NameValue(feature)) => {
            feature.path.is_ident("feature")
                && matches!(&feature.value, syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(name), ..
                }) if name.value().contains("fuzz"))
        }
        _ => false,
    }
}

/// The text of each documentation line (`/// ..`, `#[doc = ".."]`), with its attribute.
pub(crate) fn doc_lines(
    attrs: &[syn::Attribute],
) -> impl Iterator<Item = (&syn::Attribute, String)> {
    attrs.iter().filter_map(|attr| match &attr.meta {
        syn::Meta::NameValue(doc) if doc.path.is_ident("doc") => match &doc.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) => Some((attr, text.value())),
            _ => None,
        },
        _ => None,
    })
}

/// Whether the attributes derive an error trait (`Error`, `Snafu`) and `Classify`.
pub(crate) fn derives(attrs: &[syn::Attribute]) -> (bool, bool) {
    let mut error = false;
    let mut classify = false;
    for attr in attrs {
        if !attr.path().is_ident("derive") {
            continue;
        }
        let Ok(paths) =
            attr.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
        else {
            continue;
        };
        for path in &paths {
            let Some(last) = path.segments.last() else {
                continue;
            };
            if last.ident == "Error" || last.ident == "Snafu" {
                error = true;
            } else if last.ident == "Classify" {
                classify = true;
            }
        }
    }
    (error, classify)
}

/// `#[instrument(err)]`, `#[tracing::instrument(skip(self), err(Debug))]`, or a wrapper named
/// for it (`#[miden_instrument(.., err)]`): the span records every error the fn returns as an
/// event, so a caller that drops the error drops nothing unsaid.
pub(crate) fn instruments_its_error(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let syn::Meta::List(list) = &attr.meta else {
            return false;
        };
        list.path
            .segments
            .last()
            .is_some_and(|last| last.ident.to_string().ends_with("instrument"))
            && list.tokens.clone().into_iter().any(
                |token| matches!(token, proc_macro2::TokenTree::Ident(ident) if ident == "err"),
            )
    })
}

#[cfg(test)]
mod tests {
    use super::is_test_attr;

    fn marks_tests(text: &str) -> bool {
        let attrs = syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text).unwrap();
        attrs.iter().any(is_test_attr)
    }

    #[test]
    fn test_code_by_its_attributes() {
        assert!(marks_tests("#[test]"));
        assert!(marks_tests("#[tokio::test]"));
        assert!(marks_tests("#[cfg(test)]"));
        assert!(marks_tests("#[cfg(all(test, feature = \"db\"))]"));
        assert!(marks_tests("#[cfg(any(test, feature = \"test_utils\"))]"));
        assert!(!marks_tests("#[cfg(any(test, feature = \"metrics\"))]"));
        assert!(!marks_tests(
            "#[cfg(any(feature = \"test_utils\", feature = \"testing\"))]"
        ));
        assert!(!marks_tests("#[cfg(feature = \"db\")]"));
    }

    #[test]
    fn an_arm_for_a_testing_feature_is_test_code() {
        let for_tests = |text: &str| {
            syn::parse::Parser::parse_str(syn::Attribute::parse_outer, text)
                .unwrap()
                .iter()
                .any(super::is_cfg_for_tests)
        };
        assert!(for_tests("#[cfg(feature = \"test_mode\")]"));
        assert!(for_tests("#[cfg(test)]"));
        assert!(!for_tests("#[cfg(not(test))]"));
        assert!(!for_tests("#[cfg(feature = \"postgres\")]"));
        assert!(!for_tests("#[test]"));
    }
}
