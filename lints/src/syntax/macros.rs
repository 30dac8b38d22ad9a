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

/// Whether a macro of this name ends a handler in an error: `bail!(..)` (anyhow's, eyre's
/// `return Err(..)`), or `Err!(..)`, a macro named as the variant it builds (conduit's and its
/// forks').
pub(crate) fn ends_in_an_error(name: &str) -> bool {
    matches!(name, "bail" | "Err")
}

/// Whether a macro of this name never returns (`panic!`, `todo!`, `assert!`, ...).
pub(crate) fn is_panic_macro(name: &str) -> bool {
    PANIC_MACROS.contains(&name)
}

/// `error!`, `warn!`, `log::info!`, `tracing::debug!`, `eprintln!`, ..., and the
/// `log_error!(logger, ..)` family that rust-lightning defines and ldk-node, vls and kaspa use.
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
            | "log_error"
            | "log_warn"
            | "log_info"
            | "log_debug"
            | "log_trace"
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
    first_argument(mac)
}

/// The first argument of a macro whose arguments are expressions, through `&`, `&mut`, `*` and
/// parentheses.
fn first_argument(mac: &syn::Macro) -> Option<syn::Expr> {
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

/// A write: `write!(..)`/`writeln!(..)`, `.write_all(..)`, `.write(..)`, `.write_fmt(..)`,
/// `.flush()`.
pub(crate) fn is_a_write(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Macro(mac) => mac
            .mac
            .path
            .segments
            .last()
            .is_some_and(|name| writes(&name.ident.to_string())),
        syn::Expr::MethodCall(call) => is_a_write_method(&call.method),
        _ => false,
    }
}

/// `write_all`, `write`, `write_fmt`, `flush`: `io::Write`'s methods, and `write_str`,
/// `write_char`: `fmt::Write`'s, called on a writer.
pub(crate) fn is_a_write_method(method: &syn::Ident) -> bool {
    matches!(
        method.to_string().as_str(),
        "write_all" | "write" | "write_fmt" | "write_str" | "write_char" | "flush"
    )
}

/// `writeln!(io::stderr(), ..)`, `write!(Stdout, ..)`, `stdout.write_all(b"\n")`,
/// `io::stderr().flush()`, crossterm's `execute!(io::stdout(), Clear(..))` and `queue!(..)`,
/// clap's `cmd.print_help()`: the console is where the failure would be reported.
pub(crate) fn writes_to_the_console(expr: &syn::Expr) -> bool {
    match peel(expr) {
        // tokio's `stdout.flush().await`.
        syn::Expr::Await(awaited) => writes_to_the_console(&awaited.base),
        syn::Expr::Macro(mac) => {
            let commands_a_terminal = mac
                .mac
                .path
                .segments
                .last()
                .is_some_and(|name| name.ident == "execute" || name.ident == "queue");
            let destination = if commands_a_terminal {
                first_argument(&mac.mac)
            } else {
                write_destination(&mac.mac)
            };
            destination.is_some_and(|destination| is_the_console(&destination))
        }
        syn::Expr::MethodCall(call) if is_a_write_method(&call.method) => {
            is_the_console(&call.receiver)
        }
        // clap's `cmd.print_help()`, `print_long_help()`: the help text written to stdout.
        syn::Expr::MethodCall(call) => {
            call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "print_help" | "print_long_help"
                )
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
/// One branch of `tokio::select!`: `binding = future => handler` (`_` or a pattern other than a
/// name binds nothing).
pub(crate) struct SelectBranch {
    pub(crate) binding: Option<syn::Ident>,
    pub(crate) future: syn::Expr,
    pub(crate) handler: syn::Expr,
}

/// The branches of a `select!` (`tokio::select!`, `futures::select!`): `biased;` first, each
/// branch `pattern = future (, if precondition)? => handler`, and `else => handler`, which has no
/// future and is left out. `None` for another macro, or tokens that do not read so.
pub(crate) fn select_branches(mac: &syn::Macro) -> Option<Vec<SelectBranch>> {
    if last_ident(&mac.path)? != "select" {
        return None;
    }
    let parser = |input: syn::parse::ParseStream<'_>| {
        if input.peek(syn::Ident) && input.peek2(syn::Token![;]) {
            input.parse::<syn::Ident>()?;
            input.parse::<syn::Token![;]>()?;
        }
        let mut branches = Vec::new();
        while !input.is_empty() {
            let future = if input.peek(syn::Token![else]) {
                input.parse::<syn::Token![else]>()?;
                None
            } else {
                let pattern = syn::Pat::parse_single(input)?;
                input.parse::<syn::Token![=]>()?;
                let future: syn::Expr = input.parse()?;
                if input.peek(syn::Token![,]) && input.peek2(syn::Token![if]) {
                    input.parse::<syn::Token![,]>()?;
                    input.parse::<syn::Token![if]>()?;
                    input.parse::<syn::Expr>()?;
                }
                let binding = match pattern {
                    syn::Pat::Ident(binding) if binding.subpat.is_none() => Some(binding.ident),
                    _ => None,
                };
                Some((binding, future))
            };
            input.parse::<syn::Token![=>]>()?;
            let handler: syn::Expr = input.parse()?;
            if input.peek(syn::Token![,]) {
                input.parse::<syn::Token![,]>()?;
            }
            if let Some((binding, future)) = future {
                branches.push(SelectBranch {
                    binding,
                    future,
                    handler,
                });
            }
        }
        Ok(branches)
    };
    parser.parse2(mac.tokens.clone()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn select_branches_read_as_tokio_writes_them() {
        let mac: syn::Macro = syn::parse_quote! {
            tokio::select! {
                biased;
                () = stop.cancelled() => return,
                permit = semaphore.acquire(), if open => permit,
                Some(message) = rx.recv() => { handle(message) }
                _ = tick.tick() => continue,
                else => break,
            }
        };
        let branches = select_branches(&mac).unwrap_or_default();
        let bindings: Vec<Option<String>> = branches
            .iter()
            .map(|branch| branch.binding.as_ref().map(ToString::to_string))
            .collect();
        assert_eq!(bindings, [None, Some("permit".to_owned()), None, None]);
        let not_select: syn::Macro = syn::parse_quote!(println!("{x}"));
        assert!(select_branches(&not_select).is_none());
    }
}
