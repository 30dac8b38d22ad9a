//! A rule's finding before it becomes a [`Diagnostic`](crate::Diagnostic): spanned with
//! `proc_macro2` spans, so the `#[onus::check]` macro can emit it at the right tokens.

/// The first and last token of a construct: the derive's spans (`onus_declare`'s), so a finding
/// of `#[onus::check]` becomes a compile error with no conversion.
pub use onus_declare::ctxt::SpanRange;

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
