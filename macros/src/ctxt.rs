//! Error accumulation: every mistake in one type is reported in the same build.

use std::cell::RefCell;
use std::fmt::Display;
use std::thread;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};

/// Where a diagnostic points: one token, or a run of tokens such as `status = 500`.
#[derive(Clone, Copy)]
pub(crate) struct SpanRange {
    pub(crate) start: Span,
    pub(crate) end: Span,
}

impl SpanRange {
    /// A range from the start of `start` to the end of `end`.
    pub(crate) fn new(start: Span, end: Span) -> Self {
        Self { start, end }
    }

    /// A `syn::Error` covering the range. Stable proc macros cannot join spans, but
    /// `syn::Error::new_spanned` reports from its first token's span to its last one's, so two
    /// placeholder tokens carry the range.
    pub(crate) fn error(self, message: impl Display) -> syn::Error {
        let tokens: TokenStream = [self.start, self.end]
            .into_iter()
            .map(|span| TokenTree::Ident(Ident::new("onus", span)))
            .collect();
        syn::Error::new_spanned(tokens, message)
    }
}

impl From<Span> for SpanRange {
    fn from(span: Span) -> Self {
        Self::new(span, span)
    }
}

/// Collects the errors of one derive and combines them in [`Ctxt::check`].
///
/// Forgetting to call `check` would silently drop errors, so debug builds panic on drop if it
/// was not called (as serde_derive's `Ctxt` does).
pub(crate) struct Ctxt {
    // `None` once checked.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub(crate) fn new() -> Self {
        Self {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Reports a mistake at `at`, with a `help:` line that shows the fix.
    pub(crate) fn error(
        &self,
        at: impl Into<SpanRange>,
        message: impl Display,
        help: impl Display,
    ) {
        self.push(at.into().error(format_args!("{message}\n\nhelp: {help}")));
    }

    /// Reports an error that already carries its span and message (a syn parse error).
    pub(crate) fn push(&self, error: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push(error);
        }
    }

    /// Consumes the context: `Err` holds every reported error, combined.
    pub(crate) fn check(self) -> syn::Result<()> {
        let errors = self.errors.borrow_mut().take().unwrap_or_default();
        let mut errors = errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if cfg!(debug_assertions) && !thread::panicking() && self.errors.borrow().is_some() {
            panic!("onus-macros: Ctxt dropped without check(); errors would be lost");
        }
    }
}
