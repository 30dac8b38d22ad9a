//! Error accumulation: every mistake in one type is reported in the same build, and each is
//! recorded against the part of the type it is about, so a lenient reader (the catalog) can keep
//! the variants that have none.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::fmt::Display;
use std::thread;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// Where a diagnostic points: one token, or a run of tokens such as `status = 500`, kept as its
/// first and last token as `syn::Error::new_spanned` keeps them: a proc macro on stable Rust
/// cannot join two spans, but it can point at a range this way. The checker's findings are
/// spanned with it too.
#[derive(Clone, Copy, Debug)]
pub struct SpanRange {
    /// The span of the first token.
    pub start: Span,
    /// The span of the last token.
    pub end: Span,
}

impl SpanRange {
    /// A range from the start of `start` to the end of `end`.
    #[must_use]
    pub const fn new(start: Span, end: Span) -> Self {
        Self { start, end }
    }

    /// A range covering exactly one token.
    #[must_use]
    pub const fn single(span: Span) -> Self {
        Self::new(span, span)
    }

    /// The range of a whole syntax node, from its first to its last token.
    ///
    /// This re-tokenizes the node, so call it only once the range is known to be reported.
    #[must_use]
    pub fn of(node: &impl ToTokens) -> Self {
        let mut tokens = node.to_token_stream().into_iter();
        let Some(first) = tokens.next() else {
            return Self::single(Span::call_site());
        };
        let first = first.span();
        let last = tokens.last().map_or(first, |token| token.span());
        Self::new(first, last)
    }

    /// A `syn::Error` covering the range. Stable proc macros cannot join spans, but
    /// `syn::Error::new_spanned` reports from its first token's span to its last one's, so two
    /// placeholder tokens carry the range.
    #[must_use]
    pub fn error(self, message: impl Display) -> syn::Error {
        let tokens: TokenStream = [self.start, self.end]
            .into_iter()
            .map(|span| TokenTree::Ident(Ident::new("onus", span)))
            .collect();
        syn::Error::new_spanned(tokens, message)
    }
}

impl From<Span> for SpanRange {
    fn from(span: Span) -> Self {
        Self::single(span)
    }
}

/// The part of a classified type an error is about.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Part {
    /// The type itself: its `#[onus(...)]` (an enum's defaults, a struct's declaration), or the
    /// derive's input as a whole (a union).
    Container,
    /// The enum variant at this index, in declaration order.
    Variant(usize),
}

/// Collects the errors found in one type, for [`Ctxt::check`] (the derive: all or nothing) or
/// [`Ctxt::into_faults`] (the catalog: which variants are sound).
///
/// Forgetting to consume it would silently drop errors, so debug builds panic on drop if neither
/// was called (as serde_derive's `Ctxt` does).
#[derive(Debug)]
pub struct Ctxt {
    // `None` once consumed.
    errors: RefCell<Option<Vec<(Part, syn::Error)>>>,
    // What the errors reported now are about; set by the model and the checks as they go.
    part: Cell<Part>,
}

impl Ctxt {
    /// An empty context.
    #[must_use]
    pub const fn new() -> Self {
        Self {
            errors: RefCell::new(Some(Vec::new())),
            part: Cell::new(Part::Container),
        }
    }

    /// Reports a mistake at `at`, with a `help:` line that shows the fix.
    pub fn error(&self, at: impl Into<SpanRange>, message: impl Display, help: impl Display) {
        self.push(at.into().error(format_args!("{message}\n\nhelp: {help}")));
    }

    /// Reports an error that already carries its span and message (a syn parse error).
    pub fn push(&self, error: syn::Error) {
        if let Some(errors) = self.errors.borrow_mut().as_mut() {
            errors.push((self.part.get(), error));
        }
    }

    /// Runs `f` with the errors it reports recorded against `part`.
    pub(crate) fn within<R>(&self, part: Part, f: impl FnOnce() -> R) -> R {
        let outer = self.part.replace(part);
        let result = f();
        self.part.set(outer);
        result
    }

    /// Consumes the context: `Err` holds every reported error, combined.
    ///
    /// # Errors
    ///
    /// Every error reported, combined into one (in the order reported).
    pub fn check(self) -> syn::Result<()> {
        let errors = self.take();
        let mut errors = errors.into_iter().map(|(_, error)| error);
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }

    /// Consumes the context without failing: which parts of the type had errors.
    #[must_use]
    pub fn into_faults(self) -> Faults {
        let mut faults = Faults::default();
        for (part, _) in self.take() {
            match part {
                Part::Container => faults.container = true,
                Part::Variant(index) => {
                    faults.variants.insert(index);
                }
            }
        }
        faults
    }

    fn take(&self) -> Vec<(Part, syn::Error)> {
        self.errors.borrow_mut().take().unwrap_or_default()
    }
}

impl Default for Ctxt {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if cfg!(debug_assertions) && !thread::panicking() && self.errors.borrow().is_some() {
            panic!(
                "onus-declare: Ctxt dropped without check() or into_faults(); errors would be lost"
            );
        }
    }
}

/// Which parts of a type the derive would reject, from [`Ctxt::into_faults`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Faults {
    container: bool,
    variants: BTreeSet<usize>,
}

impl Faults {
    /// Whether nothing was reported at all: the derive accepts the type.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        !self.container && self.variants.is_empty()
    }

    /// Whether the declaration of the variant at `index` (`0` for a struct's one declaration)
    /// is sound: no error about it, and none about the type's own `#[onus(...)]`, which every
    /// variant inherits.
    #[must_use]
    pub fn is_sound(&self, index: usize) -> bool {
        !self.container && !self.variants.contains(&index)
    }
}
