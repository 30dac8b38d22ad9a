//! The tokens a rule needs to see before it can report anything: `#[onus::check]`'s pre-filter.
//!
//! Parsing an item with syn is most of what the attribute costs, and most items hold nothing any
//! rule could report: no `let _`, no `Err(..)` pattern, no `unwrap`, no `map_err`. Each rule
//! declares its [`Trigger`]s next to its checks (`RuleInfo::triggers`), derived from what its
//! hooks look at; [`occurs`] finds them in an item's tokens in one linear pass, before any parse,
//! and an item in which no enabled rule's trigger occurs is left unchecked. A trigger may match
//! more than its rule reports (a `_ =>` arm over an `Option` is no catch-all of an error), never
//! less: `lints/tests/rules.rs` fails when a rule's marked findings sit in an item its triggers
//! miss.

use std::fmt::Write as _;

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};

use crate::parse::split_operators;

/// A token pattern whose presence lets a rule report something in an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    /// An identifier or keyword, anywhere: `unwrap`, `map_err`, `drop`, `struct`.
    Word(&'static str),
    /// Tokens next to each other at one level of nesting: `let _`, `_ =`, `onus :: allow`.
    Sequence(&'static [Token]),
    /// A tuple variant as a pattern: its name, its `( .. )`, then `=` (`if let Ok(x) =`,
    /// `let Ok(x) = .. else`), `=>` (a `match` arm), `if` (a guard), `|` (an or-pattern) or the
    /// end of enclosing parentheses (`(Err(e))`, `Some(Err(e))`; also `f(Ok(x))`, a value).
    /// Not the variant built as a value elsewhere (`Ok(x)` at the end of a fn, `return Err(e)`,
    /// `Ok(x)?`, `vec![Ok(1), Ok(2)]`).
    Pattern(&'static str),
}

/// One token of a [`Trigger::Sequence`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token {
    /// An identifier or keyword with this text (`_` is one).
    Word(&'static str),
    /// An operator, as rustc splits punctuation: `=`, `=>`, `::` (so `=` is not the start of
    /// `==` or `=>`).
    Op(&'static str),
    /// An identifier that can bind anything in a pattern: `_`, or one starting with a lowercase
    /// ASCII letter or `_` (`other`, `_e`, `error`).
    Binding,
}

/// Whether one of `triggers` occurs in `tokens` (inside macro invocations and attributes too).
///
/// Linear in the number of tokens and iterative (the brackets still to look into are kept on
/// the heap), so an item of any depth is scanned without recursion.
///
/// ```
/// use onus_lints::triggers::{Token, Trigger, occurs};
///
/// let item: proc_macro2::TokenStream =
///     "fn f() -> Result<u8, E> { match g() { Ok(v) => Ok(v), Err(_) => Ok(0) } }".parse().unwrap();
/// assert!(occurs(&item, &[Trigger::Pattern("Err")]));
/// assert!(occurs(&item, &[Trigger::Sequence(&[Token::Op("=>"), Token::Word("Ok")])]));
/// assert!(!occurs(&item, &[Trigger::Word("unwrap"), Trigger::Sequence(&[Token::Word("_"), Token::Op("=")])]));
///
/// let built: proc_macro2::TokenStream = "fn f() -> Result<u8, E> { Ok(1) }".parse().unwrap();
/// assert!(!occurs(&built, &[Trigger::Pattern("Ok")]));
/// ```
#[must_use]
pub fn occurs(tokens: &TokenStream, triggers: &[Trigger]) -> bool {
    if triggers.is_empty() {
        return false;
    }
    // Where a trigger can start: one of these words (searched once per identifier), a binding,
    // or an operator. Only there are the triggers tried one by one.
    let mut words: Vec<&str> = Vec::new();
    let (mut binding_first, mut op_first) = (false, false);
    for trigger in triggers {
        match trigger.first() {
            Some(Token::Word(word)) => words.push(word),
            Some(Token::Binding) => binding_first = true,
            Some(Token::Op(_)) => op_first = true,
            None => {}
        }
    }
    words.sort_unstable();
    words.dedup();
    let may_start = |flat: &Flat| match flat {
        Flat::Ident(text) => {
            words.binary_search(&text.as_str()).is_ok()
                || (binding_first && Token::Binding.matches(flat))
        }
        Flat::Op(_) => op_first,
        _ => false,
    };
    let mut level = Vec::new();
    let mut pending = vec![(tokens.clone(), None)];
    while let Some((stream, delimiter)) = pending.pop() {
        level.clear();
        flatten(stream, &mut level, &mut pending);
        let in_parens = delimiter == Some(Delimiter::Parenthesis);
        if (0..level.len()).any(|at| {
            may_start(&level[at])
                && triggers
                    .iter()
                    .any(|trigger| trigger.matches(&level[at..], in_parens))
        }) {
            return true;
        }
    }
    false
}

/// A token of one level of nesting, as the triggers compare it.
#[derive(Debug, PartialEq, Eq)]
enum Flat {
    Ident(String),
    Op(&'static str),
    /// Punctuation that is no operator the triggers name.
    OtherPunct,
    Group(Delimiter),
    Literal,
}

/// One level of `stream` into `level`, its punctuation split into operators; its brackets'
/// contents go to `pending`, with their delimiter.
fn flatten(
    stream: TokenStream,
    level: &mut Vec<Flat>,
    pending: &mut Vec<(TokenStream, Option<Delimiter>)>,
) {
    let mut run = String::new();
    for token in stream {
        if let TokenTree::Punct(punct) = &token {
            run.push(punct.as_char());
            if punct.spacing() == Spacing::Alone {
                push_operators(&mut run, level);
            }
            continue;
        }
        push_operators(&mut run, level);
        match token {
            TokenTree::Ident(ident) => {
                let mut text = String::new();
                // Writing into a `String` cannot fail.
                write!(text, "{ident}").ok();
                level.push(Flat::Ident(text));
            }
            TokenTree::Group(group) => {
                level.push(Flat::Group(group.delimiter()));
                pending.push((group.stream(), Some(group.delimiter())));
            }
            TokenTree::Literal(_) => level.push(Flat::Literal),
            TokenTree::Punct(_) => {}
        }
    }
    push_operators(&mut run, level);
}

/// The punctuation `run` (joined characters) split into operators as rustc's lexer splits it,
/// longest first, onto `level`; `run` is left empty.
fn push_operators(run: &mut String, level: &mut Vec<Flat>) {
    for op in split_operators(run) {
        let op = op.ok().or_else(|| {
            let single = op.err()?;
            SINGLE.iter().copied().find(|known| *known == single)
        });
        level.push(op.map_or(Flat::OtherPunct, Flat::Op));
    }
    run.clear();
}

/// The one-character operators a trigger may name.
const SINGLE: &[&str] = &[
    "=", "|", "!", "#", ":", ".", "&", "*", "<", ">", "-", "+", "?",
];

impl Trigger {
    /// The token the trigger starts with (`None` for an empty sequence, which never occurs).
    fn first(&self) -> Option<Token> {
        match self {
            Self::Word(word) | Self::Pattern(word) => Some(Token::Word(word)),
            Self::Sequence(tokens) => tokens.first().copied(),
        }
    }

    /// Whether the trigger starts at the first token of `level`, a level inside `( .. )` when
    /// `in_parens`.
    fn matches(&self, level: &[Flat], in_parens: bool) -> bool {
        match self {
            Self::Word(word) => is_word(level.first(), word),
            Self::Sequence(tokens) => {
                !tokens.is_empty()
                    && tokens.len() <= level.len()
                    && tokens
                        .iter()
                        .zip(level)
                        .all(|(token, flat)| token.matches(flat))
            }
            Self::Pattern(variant) => {
                is_word(level.first(), variant)
                    && level.get(1) == Some(&Flat::Group(Delimiter::Parenthesis))
                    && match level.get(2) {
                        None => in_parens,
                        Some(Flat::Op(op)) => matches!(*op, "=" | "=>" | "|"),
                        Some(next) => is_word(Some(next), "if"),
                    }
            }
        }
    }
}

impl Token {
    fn matches(&self, flat: &Flat) -> bool {
        match (self, flat) {
            (Self::Word(word), Flat::Ident(text)) => text == word,
            (Self::Op(op), Flat::Op(found)) => op == found,
            (Self::Binding, Flat::Ident(text)) => {
                text.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
            }
            _ => false,
        }
    }
}

fn is_word(flat: Option<&Flat>, word: &str) -> bool {
    matches!(flat, Some(Flat::Ident(text)) if text == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occurs_in(text: &str, trigger: Trigger) -> bool {
        let tokens: TokenStream = text
            .parse()
            .unwrap_or_else(|error| panic!("{text}: {error}"));
        occurs(&tokens, &[trigger])
    }

    #[test]
    fn patterns_are_told_from_values() {
        for pattern in [
            "if let Ok(x) = f() {}",
            "let Ok(x) = f() else { return };",
            "match f() { Ok(x) => x, _ => 0 }",
            "match f() { Ok(x) if x > 1 => x, _ => 0 }",
            "match f() { Ok(1) | Ok(2) => 1, _ => 0 }",
            "if let (Ok(x)) = f() {}",
            "match f() { Some(Ok(x)) => x, _ => 0 }",
            "let Result::Ok(x) = f() else { return };",
        ] {
            assert!(occurs_in(pattern, Trigger::Pattern("Ok")), "{pattern}");
        }
        for value in [
            "Ok(x)",
            "fn f() -> Result<u8, E> { let x = g()?; Ok(x) }",
            "return Ok(x);",
            "Ok(x)?",
            "if Ok(x) == y {}",
            "f(Ok(1), 2)",
            "vec![Ok(1), Ok(2)]",
        ] {
            assert!(!occurs_in(value, Trigger::Pattern("Ok")), "{value}");
        }
    }

    #[test]
    fn operators_are_split_as_rustc_splits_them() {
        let let_wild = Trigger::Sequence(&[Token::Word("_"), Token::Op("=")]);
        assert!(occurs_in("_ = f();", let_wild));
        assert!(occurs_in("let _=f();", let_wild));
        assert!(!occurs_in("match x { _ => 0 }", let_wild));
        assert!(!occurs_in("if _x == 1 {}", let_wild));
        let arm = Trigger::Sequence(&[Token::Binding, Token::Op("=>")]);
        assert!(occurs_in("match x { _=>-1 }", arm));
        assert!(occurs_in("match x { other => 1 }", arm));
        assert!(!occurs_in("match x { None => 1 }", arm));
        let path = Trigger::Sequence(&[Token::Word("onus"), Token::Op("::"), Token::Word("allow")]);
        assert!(occurs_in("#[onus::allow(catch_all)] fn f() {}", path));
        assert!(!occurs_in("#[allow(dead_code)] fn f() {}", path));
    }

    #[test]
    fn words_are_found_at_any_depth_without_recursion() {
        let found = std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(|| {
                let deep = format!(
                    "fn f() {{ {} x.unwrap() {} }}",
                    "{".repeat(50_000),
                    "}".repeat(50_000)
                );
                let deep: TokenStream = deep.parse().unwrap_or_else(|error| panic!("{error}"));
                occurs(&deep, &[Trigger::Word("unwrap")])
                    && !occurs(&deep, &[Trigger::Word("expect")])
            })
            .unwrap_or_else(|error| panic!("{error}"))
            .join();
        assert_eq!(found.ok(), Some(true));
    }
}
