//! What kind of operation produced an error, as far as its call shows: some errors carry no cause
//! worth keeping ("locked", "timed out", "channel closed", "not a number"), and some failures are
//! answers (an unset setting).

use super::nodes::{last_ident, peel};

/// The kind of operation a fallible expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    /// `try_lock()`, `try_borrow()`, `try_read()`, `try_write()`, `try_recv()`, `try_acquire()`
    /// (and their `_mut`/`_owned` forms), without arguments: "locked", "already borrowed",
    /// "empty" say *now is not the time*. `try_send` is not one: its error hands back a message;
    /// nor are `try_read(buf)`/`try_write(buf)` on sockets, whose error may be a reset connection.
    StateProbe,
    /// A conversion of input: `parse*`, `parse_str`/`*_parse_str`, `from_str*`, `from_utf8*`,
    /// `try_from`. Its error says "this is not an X", which a new error can say as well.
    Conversion,
    /// An integer conversion: `.try_into()`, `u32::try_from(n)`. Its only error is "out of
    /// range" (`TryFromIntError`), whose bound the author knows.
    IntegerConversion,
    /// `tokio::time::timeout(d, fut)`, `.timeout(d)`, `.with_timeout(d)`: the error (`Elapsed`)
    /// says only that time ran out.
    Timeout,
    /// A channel's `recv()`/`recv_timeout(..)`/`blocking_recv()`: the error says only that the
    /// sending side is gone.
    Receive,
    /// A channel's `send(msg)`/`blocking_send(msg)` (one argument: not an HTTP client's
    /// argument-less `send()`). The error says only that the receiving side is gone, so nothing
    /// is lost by replacing it; but it hands the message back, so dropping it silently loses the
    /// message.
    Send,
    /// Waiting for a task or thread: `spawn(..)`/`spawn_blocking(..)` awaited, `handle.join()`.
    /// The error says it panicked or was cancelled; the panic was already reported where it
    /// happened.
    Task,
    /// Reading an optional setting: `env::var(..)`, `env::var_os(..)`,
    /// `EnvFilter::try_from_default_env()`. Its common error, "not set", is an answer.
    Setting,
    /// Anything else: the error may well have a cause.
    Other,
}

impl Operation {
    /// Whether the operation's error carries nothing beyond its kind, so that a handler that
    /// drops it loses no cause.
    pub(crate) fn error_carries_no_cause(self) -> bool {
        matches!(
            self,
            Self::StateProbe
                | Self::Conversion
                | Self::IntegerConversion
                | Self::Timeout
                | Self::Receive
                | Self::Send
                | Self::Task
        )
    }
}

/// The operation `expr` (through `.await`s, parentheses and references) performs.
pub(crate) fn operation(expr: &syn::Expr) -> Operation {
    let mut expr = peel(expr);
    while let syn::Expr::Await(inner) = expr {
        expr = peel(&inner.base);
    }
    match expr {
        syn::Expr::MethodCall(call) => {
            let name = call.method.to_string();
            let args = call.args.len();
            let base = name
                .strip_suffix("_owned")
                .or_else(|| name.strip_suffix("_mut"))
                .unwrap_or(&name);
            match base {
                "try_lock" | "try_borrow" | "try_read" | "try_write" | "try_recv"
                | "try_acquire"
                    if args == 0 =>
                {
                    Operation::StateProbe
                }
                "timeout" | "with_timeout" if args == 1 => Operation::Timeout,
                "recv" | "blocking_recv" if args == 0 => Operation::Receive,
                "recv_timeout" if args == 1 => Operation::Receive,
                "send" | "blocking_send" if args == 1 => Operation::Send,
                "join" if args == 0 => Operation::Task,
                "try_into" if args == 0 => Operation::IntegerConversion,
                _ if is_conversion_name(&name) => Operation::Conversion,
                _ => Operation::Other,
            }
        }
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return Operation::Other;
            };
            let Some(name) = last_ident(&path.path).map(ToString::to_string) else {
                return Operation::Other;
            };
            let in_env = path
                .path
                .segments
                .iter()
                .any(|segment| segment.ident == "env");
            let owner = path
                .path
                .segments
                .iter()
                .rev()
                .nth(1)
                .map(|owner| &owner.ident);
            let of_integer = owner.is_some_and(|owner| INTEGERS.iter().any(|int| owner == int));
            match name.as_str() {
                "try_from" if of_integer => Operation::IntegerConversion,
                "timeout" if call.args.len() == 2 => Operation::Timeout,
                "spawn" | "spawn_blocking" => Operation::Task,
                "var" | "var_os" if in_env => Operation::Setting,
                "try_from_default_env" | "from_default_env" => Operation::Setting,
                _ if is_conversion_name(&name) => Operation::Conversion,
                _ => Operation::Other,
            }
        }
        _ => Operation::Other,
    }
}

const INTEGERS: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
];

/// `parse*`, `parse_str`/`*_parse_str`, `from_str*`, `from_utf8*`, `try_from`, `try_into`.
pub(crate) fn is_conversion_name(name: &str) -> bool {
    name.starts_with("parse")
        || name.ends_with("_parse_str")
        || name.starts_with("from_str")
        || name.starts_with("from_utf8")
        || name == "try_from"
        || name == "try_into"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(code: &str) -> Operation {
        operation(&syn::parse_str(code).unwrap_or_else(|error| panic!("{code}: {error}")))
    }

    #[test]
    fn operations_are_told_by_their_calls() {
        assert_eq!(of("session.try_lock()"), Operation::StateProbe);
        assert_eq!(of("socket.try_read(&mut buf)"), Operation::Other);
        assert_eq!(of("Uuid::parse_str(id)"), Operation::Conversion);
        assert_eq!(of("text.parse::<IpAddr>()"), Operation::Conversion);
        assert_eq!(of("i64::try_from(id)"), Operation::IntegerConversion);
        assert_eq!(of("n.try_into()"), Operation::IntegerConversion);
        assert_eq!(of("Password::try_from(pw)"), Operation::Conversion);
        assert_eq!(of("String::from_utf8_lossy(b)"), Operation::Conversion);
        assert_eq!(
            of("tokio::time::timeout(d, fetch()).await"),
            Operation::Timeout
        );
        assert_eq!(of("query().with_timeout(d).await"), Operation::Timeout);
        assert_eq!(of("tx.send(job)"), Operation::Send);
        assert_eq!(of("request.send().await"), Operation::Other);
        assert_eq!(of("rx.recv().await"), Operation::Receive);
        assert_eq!(
            of("tokio::task::spawn_blocking(work).await"),
            Operation::Task
        );
        assert_eq!(of("std::env::var(\"PORT\")"), Operation::Setting);
        assert_eq!(of("EnvFilter::try_from_default_env()"), Operation::Setting);
        assert_eq!(of("var(\"PORT\")"), Operation::Other);
        assert_eq!(of("db.fetch_one(id).await"), Operation::Other);
    }
}
