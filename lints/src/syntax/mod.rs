//! Questions several rules ask about syntax, split by topic as clippy's `clippy_utils` is:
//! [`nodes`] reads single nodes, [`macros`] tells what a macro does by its name, [`attrs`] reads attributes, [`patterns`] recognizes
//! `Err(..)`/`Ok(..)` patterns, [`handlers`] judges what an error handler does, [`operations`]
//! tells what kind of operation failed, [`calls`] names the call that produces a value, [`http`]
//! reads HTTP answers, [`text`] finds an error turned into text, [`explanations`] reads what an author writes to
//! explain letting an error go, [`visitors`] walks bodies, and
//! [`wrappers`] tells which operation a fn of the checked code hands on.
//! A helper only one rule needs lives in that rule's file.
//!
//! Nothing here knows about rules, findings' levels or the traversal's state: it sits below them.

pub(crate) mod attrs;
pub(crate) mod calls;
pub(crate) mod explanations;
pub(crate) mod handlers;
pub(crate) mod http;
pub(crate) mod macros;
pub(crate) mod nodes;
pub(crate) mod operations;
pub(crate) mod patterns;
pub(crate) mod text;
pub(crate) mod visitors;
pub(crate) mod wrappers;
