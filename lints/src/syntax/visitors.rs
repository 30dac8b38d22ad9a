//! Walking bodies: one helper that visits the code a body runs itself (not nested closures,
//! async blocks or items), instead of a `Visit` impl per question repeating the same overrides;
//! and searches for names.

use std::ops::ControlFlow;

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};

use super::text::is_string_literal;

/// How far [`for_each_node`] descends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Descend {
    /// The code the body runs itself: not into closures, async blocks or nested items, whose
    /// code runs at another time (or never).
    Body,
    /// The code one iteration of a loop runs: as [`Descend::Body`], and not into nested loops
    /// either (a `continue` or `break` there leaves the nested loop, not this one).
    Iteration,
}

/// A node [`for_each_node`] hands to its callback.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Node<'ast> {
    /// Every expression, outermost first.
    Expr(&'ast syn::Expr),
    /// Every macro invocation, in expression and in statement position (an `Expr::Macro` is
    /// seen twice: as the expression, then as its macro).
    Macro(&'ast syn::Macro),
}

/// Something [`for_each_node`] can start from.
pub(crate) trait Root<'ast> {
    /// Hands `self` to the visitor.
    fn accept(&'ast self, visitor: &mut impl Visit<'ast>);
}

impl<'ast> Root<'ast> for syn::Expr {
    fn accept(&'ast self, visitor: &mut impl Visit<'ast>) {
        visitor.visit_expr(self);
    }
}

impl<'ast> Root<'ast> for syn::Pat {
    fn accept(&'ast self, visitor: &mut impl Visit<'ast>) {
        visitor.visit_pat(self);
    }
}

impl<'ast> Root<'ast> for syn::Block {
    fn accept(&'ast self, visitor: &mut impl Visit<'ast>) {
        visitor.visit_block(self);
    }
}

/// Calls `f` on every expression and macro of `root`, as far as `descend` says, until `f` breaks
/// (clippy's `for_each_expr_without_closures`). Returns the break value, if `f` broke.
pub(crate) fn for_each_node<'ast, B>(
    root: &'ast impl Root<'ast>,
    descend: Descend,
    f: impl FnMut(Node<'ast>) -> ControlFlow<B>,
) -> Option<B> {
    struct Walk<F, B> {
        descend: Descend,
        f: F,
        done: Option<B>,
    }
    impl<'ast, B, F: FnMut(Node<'ast>) -> ControlFlow<B>> Visit<'ast> for Walk<F, B> {
        fn visit_expr(&mut self, expr: &'ast syn::Expr) {
            if self.done.is_some() {
                return;
            }
            match expr {
                syn::Expr::Closure(_) | syn::Expr::Async(_) => return,
                syn::Expr::Loop(_) | syn::Expr::While(_) | syn::Expr::ForLoop(_)
                    if self.descend == Descend::Iteration =>
                {
                    return;
                }
                _ => {}
            }
            if let ControlFlow::Break(value) = (self.f)(Node::Expr(expr)) {
                self.done = Some(value);
                return;
            }
            visit::visit_expr(self, expr);
        }

        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if self.done.is_some() {
                return;
            }
            if let ControlFlow::Break(value) = (self.f)(Node::Macro(mac)) {
                self.done = Some(value);
            }
        }

        fn visit_item(&mut self, _: &'ast syn::Item) {}
    }
    let mut walk = Walk {
        descend,
        f,
        done: None,
    };
    root.accept(&mut walk);
    walk.done
}

/// Whether `root` (as far as `descend` says) has a node for which `found` holds.
pub(crate) fn any_node<'ast>(
    root: &'ast impl Root<'ast>,
    descend: Descend,
    mut found: impl FnMut(Node<'ast>) -> bool,
) -> bool {
    for_each_node(root, descend, |node| {
        if found(node) {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    })
    .is_some()
}

/// Whether `ident` is mentioned in `node`: as a path, a field, or inside a macro call, including
/// inline format arguments (`"{e}"`, `"{e:?}"`).
pub(crate) fn mentions<'ast>(node: &'ast impl Root<'ast>, ident: &syn::Ident) -> bool {
    let mut finder = IdentFinder {
        name: ident.to_string(),
        found: false,
    };
    node.accept(&mut finder);
    finder.found
}

struct IdentFinder {
    name: String,
    found: bool,
}

impl<'ast> Visit<'ast> for IdentFinder {
    fn visit_ident(&mut self, ident: &'ast syn::Ident) {
        if !self.found && *ident == self.name {
            self.found = true;
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if !self.found && tokens_mention(&mac.tokens, &self.name) {
            self.found = true;
        }
    }
}

/// Whether the macro call `mac` mentions `ident` among its arguments (see [`mentions`]).
pub(crate) fn macro_mentions(mac: &syn::Macro, ident: &syn::Ident) -> bool {
    tokens_mention(&mac.tokens, &ident.to_string())
}

fn tokens_mention(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == name,
        TokenTree::Group(group) => tokens_mention(&group.stream(), name),
        TokenTree::Literal(literal) => {
            let text = literal.to_string();
            is_string_literal(&text) && format_string_mentions(&text, name)
        }
        TokenTree::Punct(_) => false,
    })
}

/// `"{e}"`, `"{e:?}"`, `"{e:#}"` mention `e`.
fn format_string_mentions(text: &str, name: &str) -> bool {
    text.match_indices('{').any(|(at, _)| {
        let rest = &text[at + 1..];
        rest.strip_prefix(name)
            .is_some_and(|after| after.starts_with('}') || after.starts_with(':'))
    })
}

/// Whether an identifier of `root` (closures and macro arguments included) contains one of
/// `words`, in any case: `mentions_word(body, &["jitter"])` finds `add_jitter` and `JITTER_MS`.
pub(crate) fn mentions_word<'ast>(root: &'ast impl Root<'ast>, words: &[&str]) -> bool {
    let mut finder = WordFinder {
        words,
        found: false,
    };
    root.accept(&mut finder);
    finder.found
}

struct WordFinder<'w> {
    words: &'w [&'w str],
    found: bool,
}

impl WordFinder<'_> {
    fn check(&mut self, ident: &str) {
        if self.found {
            return;
        }
        let lower = ident.to_ascii_lowercase();
        if self.words.iter().any(|word| lower.contains(word)) {
            self.found = true;
        }
    }
}

impl<'ast> Visit<'ast> for WordFinder<'_> {
    fn visit_ident(&mut self, ident: &'ast syn::Ident) {
        self.check(&ident.to_string());
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        visit::visit_macro(self, mac);
        fn walk(finder: &mut WordFinder<'_>, tokens: TokenStream) {
            for token in tokens {
                match token {
                    TokenTree::Ident(ident) => finder.check(&ident.to_string()),
                    TokenTree::Group(group) => walk(finder, group.stream()),
                    _ => {}
                }
            }
        }
        walk(self, mac.tokens.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_strings_mention_inline_arguments() {
        assert!(format_string_mentions("\"failed: {e}\"", "e"));
        assert!(format_string_mentions("\"failed: {e:?}\"", "e"));
        assert!(!format_string_mentions("\"failed: {err}\"", "e"));
        assert!(!format_string_mentions("\"failed\"", "e"));
    }
}
