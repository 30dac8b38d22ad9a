//! What a macro does, as far as its name tells: never returns, logs, or evaluates its arguments
//! as the expressions they are written as.

use syn::parse::Parser;

use super::nodes::{last_ident, peel};

/// Macros that never return.
const PANIC_MACROS: &[&str] = &[
    "panic",
    "unreachable",
    "todo",
    "unimplemented",
    "assert",
    "assert_eq",
    "assert_ne",
];

/// Whether a macro of this name never returns (`panic!`, `todo!`, `assert!`, ...).
pub(crate) fn is_panic_macro(name: &str) -> bool {
    PANIC_MACROS.contains(&name)
}

/// `error!`, `warn!`, `log::info!`, `tracing::debug!`, `eprintln!`, ...
pub(crate) fn is_log_macro(name: &str) -> bool {
    matches!(
        name,
        "error"
            | "warn"
            | "info"
            | "debug"
            | "trace"
            | "event"
            | "eprintln"
            | "eprint"
            | "println"
            | "log"
    )
}

/// Macros whose arguments parse as comma-separated expressions and are evaluated as written.
const EXPR_ARG_MACROS: &[&str] = &[
    "vec",
    "format",
    "print",
    "println",
    "eprint",
    "eprintln",
    "write",
    "writeln",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "dbg",
    "panic",
    "format_args",
];

/// Whether a macro of this name evaluates its arguments as the expressions they are written as
/// (`vec![..]`, `println!(..)`, `assert!(..)`, ...), so that they can be read as code.
pub(crate) fn evaluates_its_arguments(name: &str) -> bool {
    EXPR_ARG_MACROS.contains(&name)
}

/// Whether a macro of this name writes into its first argument (`write!`, `writeln!`): its
/// value is that writer's `Result`.
pub(crate) fn writes(name: &str) -> bool {
    name == "write" || name == "writeln"
}

/// The place a `write!`/`writeln!` writes into: `self.buf` of `write!(self.buf, ..)` (also
/// `&mut self.buf`, `*self.buf`).
pub(crate) fn write_destination(mac: &syn::Macro) -> Option<syn::Expr> {
    if !writes(&mac.path.segments.last()?.ident.to_string()) {
        return None;
    }
    let args = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated
        .parse2(mac.tokens.clone())
        .ok()?;
    let mut destination = args.into_iter().next()?;
    loop {
        destination = match destination {
            syn::Expr::Reference(reference) => *reference.expr,
            syn::Expr::Unary(deref) if matches!(deref.op, syn::UnOp::Deref(_)) => *deref.expr,
            syn::Expr::Paren(inner) => *inner.expr,
            other => return Some(other),
        };
    }
}

/// `writeln!(io::stderr(), ..)`, `write!(Stdout, ..)`, `stdout.write_all(b"\n")`,
/// `io::stderr().flush()`: the console is where the failure would be reported.
pub(crate) fn writes_to_the_console(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Macro(mac) => {
            write_destination(&mac.mac).is_some_and(|destination| is_the_console(&destination))
        }
        syn::Expr::MethodCall(call)
            if matches!(
                call.method.to_string().as_str(),
                "write_all" | "write" | "write_fmt" | "flush"
            ) =>
        {
            is_the_console(&call.receiver)
        }
        _ => false,
    }
}

/// `stdout`, `Stderr`, `self.stdout`, `io::stdout()`, `io::stderr().lock()`.
fn is_the_console(writer: &syn::Expr) -> bool {
    let is_console = |name: &syn::Ident| {
        matches!(
            name.to_string().as_str(),
            "stderr" | "Stderr" | "stdout" | "Stdout"
        )
    };
    match peel(writer) {
        syn::Expr::MethodCall(lock) if lock.method == "lock" => is_the_console(&lock.receiver),
        syn::Expr::Path(path) => last_ident(&path.path).is_some_and(is_console),
        syn::Expr::Field(field) => {
            matches!(&field.member, syn::Member::Named(name) if is_console(name))
        }
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if last_ident(&path.path).is_some_and(is_console)),
        _ => false,
    }
}
