//! A rule's finding before it becomes a [`Diagnostic`](crate::Diagnostic): spanned with
//! `proc_macro2` spans, so the `#[onus::check]` macro can emit it at the right tokens.

use proc_macro2::Span;
use quote::ToTokens;

/// The first and last token of a construct, as `syn::Error::new_spanned` keeps them: a proc macro
/// on stable Rust cannot join two spans, but it can point at a range this way.
#[derive(Debug, Clone, Copy)]
pub struct SpanRange {
    /// The span of the construct's first token.
    pub start: Span,
    /// The span of the construct's last token.
    pub end: Span,
}

impl SpanRange {
    /// The range from `start`'s first token to `end`'s last token.
    #[must_use]
    pub const fn new(start: Span, end: Span) -> Self {
        Self { start, end }
    }

    /// A range covering exactly one token.
    #[must_use]
    pub const fn single(span: Span) -> Self {
        Self {
            start: span,
            end: span,
        }
    }

    /// The range of a whole syntax node, from its first to its last token.
    ///
    /// This re-tokenizes the node, so rules call it only once they know they report it.
    pub(crate) fn of(node: &impl ToTokens) -> Self {
        let tokens = node.to_token_stream();
        let mut iter = tokens.into_iter();
        let Some(first) = iter.next() else {
            return Self::single(Span::call_site());
        };
        let first = first.span();
        let last = iter.last().map_or(first, |token| token.span());
        Self::new(first, last)
    }
}

/// One finding of one rule, spanned for a proc macro or a source file alike.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The rule's id.
    pub rule: &'static str,
    /// The smallest construct that shows the problem.
    pub span: SpanRange,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// How to fix it, with real syntax.
    pub help: Option<String>,
    /// Secondary places that explain the finding.
    pub labels: Vec<(SpanRange, String)>,
    /// A mechanical fix, where one is known.
    pub suggestion: Option<FindingSuggestion>,
}

/// A replacement for a span, assembled from literal text and pieces of the original source.
#[derive(Debug, Clone)]
pub struct FindingSuggestion {
    /// What is replaced.
    pub span: SpanRange,
    /// The replacement, in order.
    pub parts: Vec<SuggestionPart>,
    /// What the replacement does.
    pub message: String,
}

/// A piece of a suggested replacement.
#[derive(Debug, Clone)]
pub enum SuggestionPart {
    /// Text inserted as is.
    Text(String),
    /// The original source of this range, copied.
    Source(SpanRange),
}

impl Finding {
    /// A finding with no labels and no suggestion.
    pub(crate) fn new(
        rule: &'static str,
        span: SpanRange,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Self {
            rule,
            span,
            message: message.into(),
            help: Some(help.into()),
            labels: Vec::new(),
            suggestion: None,
        }
    }
}
