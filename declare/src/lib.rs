//! The model of onus's `#[onus(...)]` declarations, shared by `#[derive(onus::Classify)]`
//! (`onus-macros`) and the checker's catalog and rules (`onus-lints`), so the two cannot
//! disagree. Not meant for users: the `onus` crate documents the declarations; this is the one
//! place their grammar, defaults and rules are written down in code.
//!
//! Like `serde_derive_internals`, it is a pipeline, one stage per module:
//!
//! - [`attr`] parses the `#[onus(...)]` on one item into [`attr::Attrs`];
//! - [`ast`] builds the model of a `#[derive(Classify)]` input ([`ast::Input`]), each node next
//!   to the syn node it came from;
//! - [`check`] checks the rules and resolves the enum's defaults into one [`check::Decl`] per
//!   variant;
//! - [`ctxt`] collects the errors of all three, so that every mistake is reported at once;
//! - [`display`] reads what thiserror's `#[error(...)]` shows of a variant's source, so a
//!   business error cannot hand a system error's text to the caller.
//!
//! And the facts those stages share, once each: the status table ([`status`]), [`Class`] and
//! [`Severity`], the default code ([`default_code`]), the generic system message
//! ([`GENERIC_SYSTEM_MESSAGE`]) and "did you mean" ([`suggest`]).
//!
//! ```
//! use onus_declare::check::Answer;
//! use onus_declare::{Class, ast, check, ctxt::Ctxt};
//!
//! let input: syn::DeriveInput = syn::parse_quote! {
//!     #[onus(class = system, severity = error)]
//!     enum StoreError {
//!         #[onus(status = 503)]
//!         Down,
//!         #[onus(class = business, status = NOT_FOUND, severity = info, code = "store.missing")]
//!         Missing,
//!         #[onus(status = 500, severty = error)]
//!         Typo,
//!     }
//! };
//! let cx = Ctxt::new();
//! let model = ast::Input::from_syn(&input, &cx).unwrap();
//! let answers = check::check(&model, &cx);
//! let faults = cx.into_faults();
//!
//! let Some(Answer::Declared(down)) = &answers[0] else { panic!() };
//! assert_eq!(down.code, "store_error.down");
//! assert!(down.retryable); // 503
//! let Some(Answer::Declared(missing)) = &answers[1] else { panic!() };
//! assert_eq!((missing.class, missing.status.code()), (Class::Business, 404));
//! // `severty` is reported against the third variant only.
//! assert!(faults.is_sound(0) && faults.is_sound(1) && !faults.is_sound(2));
//! ```

#![warn(missing_docs)]

pub mod ast;
pub mod attr;
pub mod check;
mod class;
mod code;
pub mod ctxt;
pub mod display;
pub mod status;
pub mod suggest;

pub use class::{Class, Severity};
pub use code::{default_code, snake_case};

/// The text a system error answers with when it declares no `public` text (the runtime's
/// `onus::GENERIC_SYSTEM_MESSAGE`).
pub const GENERIC_SYSTEM_MESSAGE: &str = "an internal error occurred";
