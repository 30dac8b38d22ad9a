//! Name helpers: the default `code` of a variant and the "did you mean" suggestions, both shared
//! with the checker (`onus_lints::declaration`, `onus_lints::suggest`) so the two never disagree.

pub(crate) use onus_lints::declaration::default_code;
pub(crate) use onus_lints::suggest::nearest;
