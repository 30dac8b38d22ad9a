//! The built-in table of well-known fallible std, tokio and serde-format APIs, extended by
//! [`Config::extra_fallible`](crate::Config::extra_fallible).
//!
//! Paths match by suffix, so `fs::write(..)` and `std::fs::write(..)` both match
//! `std::fs::write`, but a bare `write(..)` does not: without the module the engine cannot tell it
//! from a local function. Method names match any receiver, so only names that are fallible almost
//! everywhere are listed.

use std::collections::HashSet;

/// Free functions and associated functions that return a `Result`.
const PATHS: &[&str] = &[
    "std::fs::read",
    "std::fs::read_to_string",
    "std::fs::write",
    "std::fs::remove_file",
    "std::fs::remove_dir",
    "std::fs::remove_dir_all",
    "std::fs::create_dir",
    "std::fs::create_dir_all",
    "std::fs::copy",
    "std::fs::rename",
    "std::fs::hard_link",
    "std::fs::set_permissions",
    "std::fs::metadata",
    "std::fs::symlink_metadata",
    "std::fs::read_dir",
    "std::fs::read_link",
    "std::fs::canonicalize",
    "std::fs::File::open",
    "std::fs::File::create",
    "std::fs::File::create_new",
    "std::env::var",
    "std::env::set_current_dir",
    "std::net::TcpStream::connect",
    "std::net::TcpListener::bind",
    "std::net::UdpSocket::bind",
    "std::os::unix::fs::symlink",
    "std::io::stdout::flush",
    "tokio::fs::read",
    "tokio::fs::read_to_string",
    "tokio::fs::write",
    "tokio::fs::remove_file",
    "tokio::fs::remove_dir",
    "tokio::fs::remove_dir_all",
    "tokio::fs::create_dir",
    "tokio::fs::create_dir_all",
    "tokio::fs::copy",
    "tokio::fs::rename",
    "tokio::fs::set_permissions",
    "tokio::fs::metadata",
    "tokio::fs::File::open",
    "tokio::fs::File::create",
    "tokio::net::TcpStream::connect",
    "tokio::net::TcpListener::bind",
    "tokio::net::UdpSocket::bind",
    "serde_json::from_str",
    "serde_json::from_slice",
    "serde_json::from_reader",
    "serde_json::from_value",
    "serde_json::to_string",
    "serde_json::to_string_pretty",
    "serde_json::to_vec",
    "serde_json::to_value",
    "toml::from_str",
    "toml::to_string",
    "serde_yaml::from_str",
    "serde_yaml::to_string",
];

/// Method names that return a `Result` on every std or tokio type that has them: `Write::flush`,
/// `Write::write_all`, `str::parse`, channel `send`/`try_send`, `File::sync_all`, ...
const METHODS: &[&str] = &[
    "flush",
    "write_all",
    "write_fmt",
    "write_str",
    "read_exact",
    "read_to_end",
    "read_to_string",
    "sync_all",
    "sync_data",
    "set_len",
    "set_permissions",
    "set_nonblocking",
    "set_nodelay",
    "set_read_timeout",
    "set_write_timeout",
    "send",
    "try_send",
    "send_timeout",
    "blocking_send",
    "parse",
    "try_into",
    "try_from",
];

/// Macros that expand to a `Result`.
const MACROS: &[&str] = &["write", "writeln"];

/// Method names that, in std, return something other than a `Result` on common types. A workspace
/// method of the same name that returns a `Result` does not make every `.get()` fallible.
const COMMON_INFALLIBLE_METHODS: &[&str] = &[
    "get",
    "get_mut",
    "insert",
    "remove",
    "take",
    "replace",
    "pop",
    "push",
    "next",
    "first",
    "last",
    "find",
    "position",
    "max",
    "min",
    "peek",
    "entry",
    "map",
    "and_then",
    "filter",
    "iter",
    "len",
    "split",
    "join",
    "clone",
    "into",
    "as_ref",
    "to_string",
    "new",
    "default",
    "build",
    "call",
    "poll",
    "run",
    "start",
    "stop",
    "close",
    "spawn",
    "wait",
    "recv",
    "try_recv",
    "lock",
    "read",
    "write",
    "load",
    "store",
    "swap",
    // A number's checked arithmetic answers `Option` (quadratic's `CellValue::checked_div` does
    // not make `n.checked_div(d)` on a `Decimal` fallible).
    "checked_add",
    "checked_sub",
    "checked_mul",
    "checked_div",
    "checked_rem",
    "checked_pow",
    "checked_neg",
];

/// Whether `name` is a method std has on common types with a non-`Result` return.
pub(crate) fn is_common_infallible_method(name: &str) -> bool {
    COMMON_INFALLIBLE_METHODS.contains(&name)
}

/// Calls the configuration names, in its one dialect: a path (`reqwest::get`, matched by suffix),
/// a `Type::method` (which also matches `.method()` calls: the receiver's type is not known), or a
/// bare function name (`send_email`, matching any path ending so and `.send_email()` calls).
#[derive(Debug, Default)]
pub(crate) struct CallNames {
    paths: Vec<Vec<String>>,
    names: HashSet<String>,
    methods: HashSet<String>,
}

impl CallNames {
    pub(crate) fn new(entries: &[String]) -> Self {
        let mut calls = Self::default();
        for entry in entries {
            calls.add(split(entry));
        }
        calls
    }

    fn add(&mut self, segments: Vec<String>) {
        match segments.as_slice() {
            [] => {}
            [name] => {
                self.names.insert(name.clone());
                self.methods.insert(name.clone());
            }
            [.., owner, name] => {
                if owner.starts_with(|c: char| c.is_ascii_uppercase()) {
                    self.methods.insert(name.clone());
                }
                self.paths.push(segments);
            }
        }
    }

    /// Whether a method of this name is named (by itself, or as `Type::method`).
    pub(crate) fn contains_method(&self, name: &str) -> bool {
        self.methods.contains(name)
    }

    /// Whether a call through this path is named.
    pub(crate) fn contains_path(&self, segments: &[String]) -> bool {
        let Some(last) = segments.last() else {
            return false;
        };
        self.names.contains(last)
            || (segments.len() >= 2 && self.paths.iter().any(|known| known.ends_with(segments)))
    }
}

/// The built-in table plus the configured extras, ready for lookups.
#[derive(Debug, Default)]
pub(crate) struct Table {
    calls: CallNames,
}

impl Table {
    /// The built-in table extended by `extra` entries (`reqwest::get`, `Client::send`, `send_email`).
    pub(crate) fn new(extra: &[String]) -> Self {
        let mut calls = CallNames {
            paths: PATHS.iter().map(|path| split(path)).collect(),
            names: HashSet::new(),
            methods: METHODS.iter().map(|&name| name.to_owned()).collect(),
        };
        for entry in extra {
            calls.add(split(entry));
        }
        Self { calls }
    }

    /// Whether a call through this path is known to return a `Result`.
    pub(crate) fn path_is_fallible(&self, segments: &[String]) -> bool {
        self.calls.contains_path(segments)
    }

    /// Whether a method of this name is known to return a `Result`.
    pub(crate) fn method_is_fallible(&self, name: &str) -> bool {
        self.calls.contains_method(name)
    }

    /// Whether a macro of this name expands to a `Result`.
    pub(crate) fn macro_is_fallible(&self, name: &str) -> bool {
        MACROS.contains(&name)
    }
}

fn split(path: &str) -> Vec<String> {
    path.split("::")
        .map(str::trim)
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(path: &str) -> Vec<String> {
        split(path)
    }

    #[test]
    fn paths_match_by_suffix_of_at_least_two_segments() {
        let table = Table::new(&[]);
        assert!(table.path_is_fallible(&segments("fs::write")));
        assert!(table.path_is_fallible(&segments("std::fs::write")));
        assert!(table.path_is_fallible(&segments("File::open")));
        assert!(!table.path_is_fallible(&segments("write")));
        assert!(!table.path_is_fallible(&segments("fs::frobnicate")));
    }

    #[test]
    fn config_extends_paths_methods_and_names() {
        let table = Table::new(&[
            "reqwest::get".to_owned(),
            "Client::send_mail".to_owned(),
            "send_email".to_owned(),
        ]);
        assert!(table.path_is_fallible(&segments("reqwest::get")));
        assert!(table.method_is_fallible("send_mail"));
        assert!(table.path_is_fallible(&segments("send_email")));
        assert!(table.path_is_fallible(&segments("mailer::send_email")));
        assert!(table.method_is_fallible("send_email"));
        assert!(!table.method_is_fallible("get"));
    }
}
