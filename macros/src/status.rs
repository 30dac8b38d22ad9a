//! The `http::StatusCode` constant names, so the derive can check a status and name it. The
//! table lives in `onus_lints::declaration`, which the checker's catalog reads too.

pub(crate) use onus_lints::declaration::{
    error_status_names as error_names, status_by_name as code_of, status_name as name_of,
};
