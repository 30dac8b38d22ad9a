//! What an error handler (an `Err(..)` arm, a `let .. else` block, an `if let Err` body, a
//! closure given the error) does with the error: uses it, panics, answers with a new error,
//! propagates another, or swallows it.

use std::ops::ControlFlow;

use crate::index::{Call, Cond};

use super::calls::{Types, calls_in};
use super::http::is_a_5xx_response;
use super::macros::{ends_in_an_error, is_log_macro, is_panic_macro};
use super::nodes::{
    block_value, both_branches, last_ident, macro_name, name_and_owner, names_a_constant, peel,
    peel_outcome,
};
use super::operations::{Operation, hands_the_error_on, operation};
use super::patterns::{
    ErrInner, ErrPattern, closure_ignores_argument, err_pattern, underscore_binding,
};
use super::text::written_text;
use super::visitors::{Descend, Node, Root, any_node, for_each_node, macro_mentions, mentions};

/// Calls that end the process or thread: they do not swallow anything.
const DIVERGING_CALLS: &[&str] = &[
    "exit",
    "abort",
    "resume_unwind",
    "panic_any",
    "unreachable_unchecked",
];

/// Whether the call ends the process or thread (`process::exit(1)`, `resume_unwind(payload)`).
fn is_diverging_call(call: &syn::ExprCall) -> bool {
    matches!(peel(&call.func), syn::Expr::Path(path)
        if last_ident(&path.path).is_some_and(|name| DIVERGING_CALLS.iter().any(|call| name == call)))
}

/// How a body ends: by jumping away (`return`, `break`, `continue`), by never returning (a
/// panic, `process::exit(1)`), or by going on to its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    Jumps,
    NeverReturns,
    GoesOn,
}

/// How an arm's body or a branch ends (see [`Ending`]): its last statement decides.
pub(crate) fn ending(expr: &syn::Expr) -> Ending {
    match peel(expr) {
        syn::Expr::Block(block) => block_ending(&block.block),
        syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_) => Ending::Jumps,
        syn::Expr::Macro(mac) if macro_name(&mac.mac).is_some_and(|name| is_panic_macro(&name)) => {
            Ending::NeverReturns
        }
        syn::Expr::Call(call) if is_diverging_call(call) => Ending::NeverReturns,
        _ => Ending::GoesOn,
    }
}

/// The same, for a block.
pub(crate) fn block_ending(block: &syn::Block) -> Ending {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(last, _)) => ending(last),
        Some(syn::Stmt::Macro(mac))
            if macro_name(&mac.mac).is_some_and(|name| is_panic_macro(&name)) =>
        {
            Ending::NeverReturns
        }
        _ => Ending::GoesOn,
    }
}

/// Whether a method call writes to a logger (`self.logger.warn(&msg)`, `log.error(..)`): a
/// log, for code that keeps its logger in a value instead of using the macros.
pub(crate) fn is_logger_call(call: &syn::ExprMethodCall) -> bool {
    let receiver = match peel(&call.receiver) {
        syn::Expr::Field(field) => match &field.member {
            syn::Member::Named(name) => name.to_string(),
            syn::Member::Unnamed(_) => return false,
        },
        syn::Expr::Path(path) => match path.path.get_ident() {
            Some(name) => name.to_string(),
            None => return false,
        },
        _ => return false,
    };
    matches!(receiver.as_str(), "log" | "logger")
        && is_log_macro(&call.method.to_string())
        && call.method != "println"
}

/// What an error handler (an `Err(..)` arm, a `let .. else` block, an `if let Err` body) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Handling {
    /// Uses the bound error: logs it, wraps it, returns it, stores it.
    UsesError,
    /// Panics or exits.
    Panics,
    /// Evaluates to or returns a new `Err(..)` that cannot carry the original.
    NewError,
    /// Propagates some other error with `?`, or as its value (`next.await.map_err(..)`): a
    /// fallback that may itself fail.
    Propagates,
    /// Counts the failure in a metric (`manifest.metrics.invalid_certs += 1`, `counter!(..)`,
    /// `FAILURES.inc()`), or writes it into a field named for it (`result.error = format!("unable
    /// to read '{}'", PATH)`): the failure is recorded where operators or readers look, if not
    /// its cause.
    Counts,
    /// None of the above: the error is gone. `logged` if a log macro mentions the failure.
    Swallows {
        /// A log macro mentions the failure.
        logged: bool,
        /// Every such log is at `debug` or `trace` level: the author notes the case as routine.
        routine: bool,
    },
}

/// Classifies what a handler does with the error bound to `binding` (if any).
pub(crate) fn handling(
    body: &syn::Expr,
    binding: Option<&syn::Ident>,
    guard: Option<&syn::Expr>,
) -> Handling {
    HandlerBody::Expr(body).handling(binding, guard)
}

/// An error handler the rules look at: the `Err(..)` pattern and the code that runs for it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ErrHandler<'a> {
    pub(crate) pattern: ErrPattern<'a>,
    pub(crate) body: HandlerBody<'a>,
    /// The expression whose `Err` this handles: the `match` scrutinee or the `let` initializer.
    pub(crate) scrutinee: &'a syn::Expr,
}

/// A match arm's body is an expression; an `if let`/`while let` body is a block.
#[derive(Debug, Clone, Copy)]
pub(crate) enum HandlerBody<'a> {
    Expr(&'a syn::Expr),
    Block(&'a syn::Block),
}

impl ErrHandler<'_> {
    /// Whether dropping the handler's error, of an `operation` (see [`operation`]), loses
    /// nothing (see [`error_is_an_answer`]).
    pub(crate) fn error_is_an_answer(&self, operation: Operation) -> bool {
        error_is_an_answer(operation, self.scrutinee, Some(self.body))
    }

    /// What the handler does with the error.
    pub(crate) fn handling(&self) -> Handling {
        // `Err(_e)` says "unused" to rustc, but `trace!("{_e}")` uses it (the underscore only
        // keeps the build quiet when the log macro compiles out).
        let binding = match self.pattern.inner {
            ErrInner::Bound(ident) => Some(ident),
            ErrInner::Ignored => underscore_binding(self.pattern.pat),
            ErrInner::Specific => None,
        };
        self.body.handling(binding, self.pattern.guard)
    }
}

/// Whether a handler that drops the error of `scrutinee`, an `operation`, loses nothing: the
/// error carries no cause (a state probe, an integer conversion, a timeout, a closed channel, a
/// finished task, see [`Operation`]), its failure is an answer (an optional setting not set, a
/// directory not empty, a path the file system answers "no" for), it covers only a bug (a
/// serialization into memory, a result asserted `Ok`), or it says that the input is not what
/// a conversion wanted and the handler answers that — by reading the input another way, or by
/// leaving (`continue`, `return peer`, `None`). A conversion whose handler puts a hard-coded
/// default in the input's place (`Err(_) => 8080`) still hides a wrong input. `body` is `None`
/// for `unwrap_or_default()`, whose fallback is the type's default.
pub(crate) fn error_is_an_answer(
    operation: Operation,
    scrutinee: &syn::Expr,
    body: Option<HandlerBody<'_>>,
) -> bool {
    // `.unwrap_or_else(|_| "unknown".to_owned())`: the value shows that it is not known.
    if body.is_some_and(HandlerBody::says_unknown) {
        return true;
    }
    match operation {
        Operation::Conversion => {
            body.is_some_and(|body| !body.is_default_value() || reinterprets_input(scrutinee, body))
        }
        // A serialization into memory, a conversion of input written in the code or a result
        // asserted `Ok` fails only through a bug in our own code, which the fallback covers; an
        // error reported already leaves nothing unsaid.
        Operation::Serialization
        | Operation::FixedInput
        | Operation::AssertedOk
        | Operation::Reported => true,
        Operation::FileProbe => {
            body.is_none_or(|body| body.says_no() || reinterprets_input(scrutinee, body))
        }
        // A fn's own verdict has no cause below it, but may stand for a failure.
        Operation::Verdict => false,
        other => other.failure_is_an_answer() || other.error_carries_no_cause(),
    }
}

impl<'a> HandlerBody<'a> {
    /// The body's value: the expression, or the block's tail.
    fn value(self) -> Option<&'a syn::Expr> {
        match self {
            Self::Expr(expr) => Some(expr),
            Self::Block(block) => block_value(block),
        }
    }

    /// Whether the body's value is a hard-coded default (see [`is_default_value`]).
    fn is_default_value(self) -> bool {
        self.value().is_some_and(is_default_value)
    }

    /// Whether the body's value is a placeholder that says the value is not known: `"unknown"`,
    /// `"<unknown>"`, `"n/a"`, `"?"`, `"-"`, a stand-in in angle brackets (`"<expr>"`), a label or
    /// key with the word (`"os.unknown"`, `"h2.goaway.unknown_error"`), a short text that starts or
    /// ends with it (`"Unknown error"`) or says it failed (`"error reading db"`), also as one of a
    /// tuple's values (also `.to_owned()`, `.to_string()`, `.into()`, `String::from(..)` of one,
    /// and one a variant wraps: `Value::String("Unknown".into())`).
    /// Where a label would be, it shows the failure instead of hiding it.
    fn says_unknown(self) -> bool {
        fn placeholder(expr: &syn::Expr) -> bool {
            match peel(expr) {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) => {
                    let text = text.value().to_lowercase();
                    // A stand-in in angle brackets, as `Debug` output writes one (`"<expr>"`,
                    // `"<binary>"`): it shows that the value is not there.
                    let stand_in = text.len() <= 24
                        && text.starts_with('<')
                        && text.ends_with('>')
                        && !text.contains(' ');
                    let text = text.trim_matches(|c: char| "<>()[] ".contains(c));
                    // A label or a metric's key with the word (`"h2.rst_stream.received.
                    // unknown_error"`, `"os.unknown"`), or a short text that starts or ends
                    // with it (`"Unknown error"`, `"reason unknown"`).
                    let words: Vec<&str> = text.split_whitespace().collect();
                    stand_in
                        || matches!(text, "unknown" | "n/a" | "?" | "-" | "unavailable")
                        || (words.len() == 1
                            && text
                                .split(|c: char| !c.is_alphanumeric())
                                .any(|word| word == "unknown"))
                        || (words.len() <= 3
                            && (words.first() == Some(&"unknown")
                                || words.last() == Some(&"unknown")))
                        // A short text that says it failed (`"error reading db"`, `"failed"`,
                        // `"Unable to read response body"`).
                        || (words.len() <= 5
                            && words.iter().any(|word| {
                                word.starts_with("error")
                                    || word.starts_with("fail")
                                    || *word == "unable"
                            }))
                }
                // `Err(_) => (0, 0, "error reading db")`: a row that shows the failure.
                syn::Expr::Tuple(items) => items.elems.iter().any(placeholder),
                syn::Expr::MethodCall(call)
                    if call.args.is_empty()
                        && matches!(
                            call.method.to_string().as_str(),
                            "to_owned" | "to_string" | "into"
                        ) =>
                {
                    placeholder(&call.receiver)
                }
                // `String::from("unknown")`, and one wrapped in a variant or a tuple struct
                // (lodestone's `ProcedureCallResultInner::String("Unknown".to_string())`).
                syn::Expr::Call(call) => {
                    matches!(peel(&call.func), syn::Expr::Path(path)
                    if last_ident(&path.path).is_some_and(|name| {
                        name == "from"
                            || name.to_string().starts_with(|c: char| c.is_ascii_uppercase())
                    })) && matches!(call.args.iter().collect::<Vec<_>>()[..], [text] if placeholder(text))
                }
                syn::Expr::Block(block) => block_value(&block.block).is_some_and(placeholder),
                // A constant named for the failure (walrus's `.unwrap_or(METRICS_ERROR)`, `-1`
                // in a gauge): the value shows the failure where a reading would be.
                syn::Expr::Path(path) => last_ident(&path.path).is_some_and(|name| {
                    names_a_constant(name)
                        && name.to_string().split('_').any(|word| {
                            matches!(word, "ERROR" | "ERR" | "FAILED" | "FAILURE" | "UNKNOWN")
                        })
                }),
                _ => false,
            }
        }
        self.value().is_some_and(placeholder)
    }

    /// Whether the body answers "no": its value is `false`, `None` or nothing (an empty
    /// collection: `vec![]`, `Vec::new()`), or it leaves (`continue`, `break`, `return`,
    /// `return false`, `return vec![]`).
    fn says_no(self) -> bool {
        match self {
            // `Err(_) => ()`: nothing to do, as an `if let Ok(..)` without `else`.
            Self::Expr(expr) => {
                says_no(expr)
                    || matches!(peel(expr), syn::Expr::Tuple(unit) if unit.elems.is_empty())
            }
            Self::Block(block) => match block.stmts.last() {
                Some(syn::Stmt::Expr(tail, _)) => says_no(tail),
                // `Err(_) => {}`: nothing to do, as an `if let Ok(..)` without `else`.
                None => true,
                _ => false,
            },
        }
    }

    /// Whether the body reads the place `field` names (`config.dir`, or an accessor:
    /// `config.data_dir()`), compared as written.
    fn reads(self, field: &syn::Expr) -> bool {
        let written = quote::ToTokens::to_token_stream(field).to_string();
        let same = |node: Node<'_>| {
            matches!(node, Node::Expr(expr @ (syn::Expr::Field(_) | syn::Expr::MethodCall(_)))
                if quote::ToTokens::to_token_stream(expr).to_string() == written)
        };
        match self {
            Self::Expr(expr) => any_node(expr, Descend::Body, same),
            Self::Block(block) => any_node(block, Descend::Body, same),
        }
    }

    /// Whether `scrutinee` is a local (`response`, `template`) the body reads: the error is
    /// still in it, and the body hands it on (`Err(_) => Self::handle_response(response)`) or
    /// logs it (`let Ok(t) = template else { warn!(?template, ..) }`).
    pub(crate) fn reads_the_local(self, scrutinee: &syn::Expr) -> bool {
        matches!(peel(scrutinee), syn::Expr::Path(path)
            if path.path.get_ident().is_some_and(|local| self.mentions(local)))
    }

    /// Whether the body mentions `ident` (see [`mentions`]).
    fn mentions(self, ident: &syn::Ident) -> bool {
        match self {
            Self::Expr(expr) => mentions(expr, ident),
            Self::Block(block) => mentions(block, ident),
        }
    }

    /// What the body does with the error bound to `binding` (if any), guarded by `guard`.
    fn handling(self, binding: Option<&syn::Ident>, guard: Option<&syn::Expr>) -> Handling {
        if let Some(binding) = binding
            && (self.mentions(binding) || guard.is_some_and(|guard| mentions(guard, binding)))
        {
            return Handling::UsesError;
        }
        let mut scan = match self {
            Self::Expr(expr) => BodyScan::of(expr),
            Self::Block(block) => BodyScan::of(block),
        };
        let tail = self.value();
        scan.tries |= tail.is_some_and(hands_on_a_result);
        scan.handling(tail.is_some_and(evaluates_to_err))
    }
}

/// The `Err(..)` handlers of a `match`, `if let` or `while let` expression.
pub(crate) fn err_handlers(expr: &syn::Expr) -> Vec<ErrHandler<'_>> {
    match expr {
        syn::Expr::Match(matched) => matched
            .arms
            .iter()
            .filter_map(|arm| {
                Some(ErrHandler {
                    pattern: err_pattern(&arm.pat)?,
                    body: HandlerBody::Expr(&arm.body),
                    scrutinee: &matched.expr,
                })
            })
            .collect(),
        syn::Expr::If(if_expr) => let_err(&if_expr.cond, &if_expr.then_branch)
            .into_iter()
            .collect(),
        syn::Expr::While(while_expr) => let_err(&while_expr.cond, &while_expr.body)
            .into_iter()
            .collect(),
        _ => Vec::new(),
    }
}

fn let_err<'a>(cond: &'a syn::Expr, body: &'a syn::Block) -> Option<ErrHandler<'a>> {
    let syn::Expr::Let(let_expr) = cond else {
        return None;
    };
    Some(ErrHandler {
        pattern: err_pattern(&let_expr.pat)?,
        body: HandlerBody::Block(body),
        scrutinee: &let_expr.expr,
    })
}

/// Whether the handler reads the same input another way after a conversion failed:
/// `match cap.parse::<usize>() { Ok(i) => Number(i), Err(_) => Named(cap) }`. The error is the
/// answer to "is this a number?", not a failure to report.
///
/// Only conversions count (`parse`, `try_into`, `from_utf8`, `from_str`, `from_str_radix`,
/// `try_from`), and questions to the file system (`path.canonicalize().unwrap_or_else(|_|
/// path.to_owned())`: canonical if possible): a fallback that reads the path of a failed
/// `File::open(path)` is still a default that hides an I/O error.
///
/// The input is a local (`cap`) or a field (`config.dir`, `opt.root_path`) the handler reads.
fn reinterprets_input(scrutinee: &syn::Expr, body: HandlerBody<'_>) -> bool {
    if !matches!(
        operation(scrutinee),
        Operation::Conversion | Operation::IntegerConversion | Operation::FileProbe
    ) {
        return false;
    }
    // `fs::canonicalize(&p).map(|p| p.display().to_string())`: the input is the call's.
    let mut call = peel_outcome(scrutinee);
    while let syn::Expr::MethodCall(adapter) = call
        && (adapter.method == "map" || adapter.method == "inspect")
    {
        call = peel_outcome(&adapter.receiver);
    }
    let inputs: Vec<&syn::Expr> = match call {
        syn::Expr::MethodCall(call) => vec![&*call.receiver],
        syn::Expr::Call(call) => call.args.iter().collect(),
        _ => return false,
    };
    inputs.into_iter().any(|input| match peel(input) {
        syn::Expr::Path(path) => path
            .path
            .get_ident()
            .is_some_and(|ident| ident != "self" && body.mentions(ident)),
        syn::Expr::Field(_) => body.reads(peel(input)),
        // `config.data_dir().canonicalize().unwrap_or_else(|_| config.data_dir().to_path_buf())`:
        // the same accessor read again.
        syn::Expr::MethodCall(accessor) if accessor.args.is_empty() => body.reads(peel(input)),
        _ => false,
    })
}

/// The same, for a block (`let .. else { .. }`; the branch of `if let Err(e) = ..`, which binds
/// `binding`).
pub(crate) fn block_handling(block: &syn::Block, binding: Option<&syn::Ident>) -> Handling {
    HandlerBody::Block(block).handling(binding, None)
}

/// See [`HandlerBody::says_no`].
fn says_no(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Lit(lit) => matches!(&lit.lit, syn::Lit::Bool(value) if !value.value),
        syn::Expr::Path(path) => path.path.is_ident("None"),
        syn::Expr::Macro(mac) => mac.mac.path.is_ident("vec") && mac.mac.tokens.is_empty(),
        // `return Ok(None)`: a fallible fn's "no".
        syn::Expr::Call(call) if call.args.len() == 1 => {
            matches!(peel(&call.func), syn::Expr::Path(path) if path.path.is_ident("Ok"))
                && call.args.first().is_some_and(says_no)
        }
        syn::Expr::Call(call) => {
            call.args.is_empty()
                && matches!(peel(&call.func), syn::Expr::Path(path)
                    if path.path.segments.len() == 2
                        && path.path.segments[1].ident == "new"
                        && COLLECTIONS.iter().any(|name| path.path.segments[0].ident == name))
        }
        syn::Expr::Continue(_) | syn::Expr::Break(_) => true,
        syn::Expr::Return(ret) => ret.expr.as_deref().is_none_or(says_no),
        syn::Expr::Block(block) => {
            matches!(block.block.stmts.last(), Some(syn::Stmt::Expr(tail, _)) if says_no(tail))
        }
        _ => false,
    }
}

/// std's collections, which `T::new()` makes empty.
const COLLECTIONS: &[&str] = &[
    "Vec", "VecDeque", "HashMap", "HashSet", "BTreeMap", "BTreeSet", "String",
];

/// Whether `expr`'s value is a hard-coded default standing in for a failed value: a literal,
/// `Default::default()`, `T::default()`, `T::new()`, `vec![]`, or one of them in `Ok(..)`/`Some(..)`.
/// `None`, `false` as an answer to "is it?", `continue` and `return` are not: they answer, or
/// leave.
pub(crate) fn is_default_value(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Lit(lit) => !matches!(lit.lit, syn::Lit::Bool(_)),
        syn::Expr::Unary(unary) => is_default_value(&unary.expr),
        syn::Expr::Macro(mac) => mac.mac.path.is_ident("vec") && mac.mac.tokens.is_empty(),
        syn::Expr::Block(block) => block_value(&block.block).is_some_and(is_default_value),
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => last_ident(&path.path).is_some_and(|name| {
                ((name == "default" || name == "new") && call.args.is_empty())
                    || ((name == "Ok" || name == "Some") && call.args.iter().all(is_default_value))
            }),
            _ => false,
        },
        _ => false,
    }
}

/// Whether `root` logs the error bound to `binding`: a log macro that names it (`warn!(%e,
/// ..)`, `error!("..: {e}")`).
pub(crate) fn logs_the_error<'ast>(root: &'ast impl Root<'ast>, binding: &syn::Ident) -> bool {
    any_node(root, Descend::Body, |node| {
        matches!(node, Node::Macro(mac)
            if macro_name(mac).is_some_and(|name| is_log_macro(&name)) && macro_mentions(mac, binding))
    })
}

/// Whether `block` ends by returning an error: its last statement is `Err(..)`, `return
/// Err(..)` or `bail!(..)`.
pub(crate) fn block_ends_in_error(block: &syn::Block) -> bool {
    match block.stmts.last() {
        Some(syn::Stmt::Expr(last, _)) => {
            evaluates_to_err(last)
                || matches!(peel(last), syn::Expr::Macro(mac)
                    if macro_name(&mac.mac).is_some_and(|name| ends_in_an_error(&name)))
        }
        Some(syn::Stmt::Macro(mac)) => {
            macro_name(&mac.mac).is_some_and(|name| ends_in_an_error(&name))
        }
        _ => false,
    }
}

/// `debug_assert!(false, ..)`, `assert!(false, ..)`: an assertion that the code it is in never
/// runs.
fn asserts_it_never_runs(name: &str, mac: &syn::Macro) -> bool {
    matches!(name, "debug_assert" | "assert")
        && matches!(mac.tokens.clone().into_iter().next(),
            Some(proc_macro2::TokenTree::Ident(first)) if first == "false")
}

/// Whether `block` ends in `panic!(..)` (or `unreachable!`, `todo!`, ..): it leaves by failing.
pub(crate) fn block_ends_in_a_panic(block: &syn::Block) -> bool {
    let mac = match block.stmts.last() {
        Some(syn::Stmt::Macro(mac)) => &mac.mac,
        Some(syn::Stmt::Expr(last, _)) => match peel(last) {
            syn::Expr::Macro(mac) => &mac.mac,
            _ => return false,
        },
        _ => return false,
    };
    macro_name(mac).is_some_and(|name| is_panic_macro(&name))
}

/// Whether the value of `expr` is another attempt's `Result`, whose error it hands on:
/// `Err(..) => next.await.map_err(io::Error::other)` (the other of two racing queries),
/// `.context(..)`, `.with_context(..)`, `.wrap_err(..)`.
fn hands_on_a_result(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::MethodCall(call) => hands_the_error_on(&call.method.to_string()),
        syn::Expr::Block(block) => block_value(&block.block).is_some_and(hands_on_a_result),
        _ => false,
    }
}

/// Whether the value of `expr` is an `Err(..)` (or `Poll::Ready(Err(..))`, `Some(Err(..))`).
fn evaluates_to_err(expr: &syn::Expr) -> bool {
    match peel(expr) {
        // `Err(..)`, and an error wrapped in a value: `Ok(Err(..))`, `Some(Err(..))`,
        // `Poll::Ready(Some(Err(..)))`, `Item::Failed(Err(..))`.
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => {
                last_ident(&path.path).is_some_and(|name| name == "Err")
                    || builds_a_failure(&path.path)
                    || call.args.iter().any(evaluates_to_err)
            }
            _ => false,
        },
        // `vec![Err(..)]`: a list of outcomes whose failure is an error.
        syn::Expr::Macro(mac) if mac.mac.path.is_ident("vec") => mac
            .mac
            .parse_body_with(
                syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
            )
            .is_ok_and(|items| items.iter().any(evaluates_to_err)),
        syn::Expr::Block(block) => block_value(&block.block).is_some_and(evaluates_to_err),
        syn::Expr::Return(ret) => ret.expr.as_deref().is_some_and(evaluates_to_err),
        // `Err!(Request(Forbidden("..")))`.
        syn::Expr::Macro(mac) => macro_name(&mac.mac).as_deref() == Some("Err"),
        // `Err(_) => match kind { Csv => Err(E::MalformedCsv), _ => Err(E::Malformed) }`: an
        // error in every branch.
        syn::Expr::Match(matched) => {
            !matched.arms.is_empty() && matched.arms.iter().all(|arm| evaluates_to_err(&arm.body))
        }
        syn::Expr::If(branches) => both_branches(branches, evaluates_to_err),
        // `Err(e).wrap_err_with(|| ..)`, `Err(e).context(..)`: still the error, with context;
        // `ApiError::internal_error().into_response()`, `HttpServerError::IndexNotFound.into()`:
        // the failure, as the handler's answer.
        syn::Expr::MethodCall(call) => {
            ((hands_the_error_on(&call.method.to_string())
                || (call.args.is_empty()
                    && (call.method == "into_response" || call.method == "into")))
                && (evaluates_to_err(&call.receiver) || is_a_failure_variant(&call.receiver)))
                // `HttpResponse::InternalServerError().json(..)`: a response that says the
                // fault is ours, as the handler's answer, is the failure.
                || is_a_5xx_response(call)
        }
        _ => false,
    }
}

/// Whether `expr` is a unit variant of a type named for a failure (`HttpServerError::
/// IndexNotFound`), as [`builds_a_failure`] calls build one.
fn is_a_failure_variant(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::Path(path) if path.path.segments.len() >= 2
        && builds_a_failure(&path.path))
}

/// Whether a call's path builds a value of a type named for a failure
/// (`ValidationFailure::critical("Connection Failed", ..)`, `ApiError::bad_request(..)`): the
/// handler answers with the failure, as with an `Err(..)`.
fn builds_a_failure(path: &syn::Path) -> bool {
    let mut segments = path.segments.iter().rev().skip(1);
    segments.next().is_some_and(|owner| {
        let owner = owner.ident.to_string();
        owner.ends_with("Failure") || owner.ends_with("Error")
    })
}

/// The condition that a swallowing handler calls no fn of the checked code declared `-> !`
/// (such a call ends the process, like a panic); empty when the handler calls nothing the index
/// could know. Only computed for handlers already found to swallow, so it costs nothing elsewhere.
pub(crate) fn no_divergence(types: &dyn Types, body: HandlerBody<'_>) -> Vec<Cond> {
    let calls: Vec<Call> = match body {
        HandlerBody::Expr(expr) => calls_in(expr, types),
        HandlerBody::Block(block) => calls_in(block, types),
    };
    if calls.is_empty() {
        Vec::new()
    } else {
        vec![Cond::NoCallDiverges(calls)]
    }
}

/// What a handler body does itself (not in closures or nested items): panics, `return Err`,
/// `?` and logging.
#[derive(Default)]
struct BodyScan {
    panics: bool,
    returns_err: bool,
    tries: bool,
    logs: bool,
    /// A log at `info` level or louder (or to the console).
    logs_loudly: bool,
    /// Counts the failure in a metric (see [`Handling::Counts`]).
    counts: bool,
}

impl BodyScan {
    fn of<'ast>(root: &'ast impl Root<'ast>) -> Self {
        let mut scan = Self::default();
        for_each_node(root, Descend::Body, |node| {
            match node {
                Node::Expr(syn::Expr::Return(ret)) => {
                    scan.returns_err |= ret.expr.as_deref().is_some_and(evaluates_to_err);
                }
                Node::Expr(syn::Expr::Try(_)) => scan.tries = true,
                Node::Expr(syn::Expr::MethodCall(call)) => {
                    scan.panics |= call.method == "unwrap" || call.method == "expect";
                    scan.counts |= call.method == "inc" && call.args.is_empty();
                }
                Node::Expr(syn::Expr::Binary(binary))
                    if matches!(binary.op, syn::BinOp::AddAssign(_)) =>
                {
                    scan.counts |= names_a_failure_count(&binary.left);
                }
                Node::Expr(syn::Expr::Assign(assign)) => {
                    scan.counts |= records_the_failure(&assign.left, &assign.right);
                }
                Node::Expr(syn::Expr::Call(call)) => scan.panics |= is_diverging_call(call),
                Node::Macro(mac) => {
                    if let Some(name) = macro_name(mac) {
                        // `bail!(..)` (anyhow, eyre) is `return Err(..)`.
                        scan.returns_err |= name == "bail";
                        // `debug_assert!(false, "encoding should never fail")`: the author
                        // asserts the failure cannot happen, as `unreachable!` does.
                        scan.panics |= is_panic_macro(&name) || asserts_it_never_runs(&name, mac);
                        scan.logs |= is_log_macro(&name);
                        scan.counts |= matches!(name.as_str(), "counter" | "increment_counter");
                        scan.logs_loudly |=
                            is_log_macro(&name) && !matches!(name.as_str(), "debug" | "trace");
                    }
                }
                Node::Expr(_) => {}
            }
            ControlFlow::<()>::Continue(())
        });
        scan
    }

    /// The verdict, given whether the handler's value is itself an `Err(..)`.
    fn handling(&self, evaluates_to_err: bool) -> Handling {
        if self.panics {
            Handling::Panics
        } else if self.returns_err || evaluates_to_err {
            Handling::NewError
        } else if self.tries {
            Handling::Propagates
        } else if self.counts {
            Handling::Counts
        } else {
            Handling::Swallows {
                logged: self.logs,
                routine: self.logs && !self.logs_loudly,
            }
        }
    }
}

/// `result.error = format!("unable to read '{}'", PATH)`: a text written into a field named for
/// the failure, of the value the fn answers or keeps (bottlerocket's CIS checks, whose report
/// shows it). The failure is told where the answer is read, if not its cause.
fn records_the_failure(place: &syn::Expr, value: &syn::Expr) -> bool {
    fn is_text(value: &syn::Expr) -> bool {
        if written_text(value).is_some() {
            return true;
        }
        match peel(value) {
            syn::Expr::MethodCall(call) => {
                call.args.is_empty()
                    && matches!(
                        call.method.to_string().as_str(),
                        "to_string" | "to_owned" | "into"
                    )
                    && is_text(&call.receiver)
            }
            syn::Expr::Call(call) => {
                call.args.len() == 1
                    && matches!(peel(&call.func), syn::Expr::Path(path)
                        if last_ident(&path.path).is_some_and(|name| name == "Some" || name == "from"))
                    && call.args.first().is_some_and(is_text)
            }
            _ => false,
        }
    }
    let syn::Expr::Field(field) = peel(place) else {
        return false;
    };
    let syn::Member::Named(name) = &field.member else {
        return false;
    };
    let name = name.to_string().to_lowercase();
    (name.contains("error") || name == "err" || name.contains("failure")) && is_text(value)
}

/// A counter of failures in a value's metrics: a field whose path names metrics, statistics or
/// failures (`manifest.metrics.invalid_certs`, `self.stats.rejected`, `state.failed_count`). A
/// local counter (`attempts += 1`) counts tries, not failures for an operator.
fn names_a_failure_count(counter: &syn::Expr) -> bool {
    const NAMES: &[&str] = &[
        "metric", "stat", "count", "fail", "error", "invalid", "reject", "dropped",
    ];
    let mut place = peel(counter);
    while let syn::Expr::Field(field) = place {
        if let syn::Member::Named(name) = &field.member {
            let name = name.to_string().to_lowercase();
            if NAMES.iter().any(|part| name.contains(part)) {
                return true;
            }
        }
        place = peel(&field.base);
    }
    false
}

/// Whether a method call's only argument is a closure that drops the error it is given without
/// panicking: `.map_err(|_| ..)`, `.unwrap_or_else(|_e| ..)`.
pub(crate) fn discards_error_in_closure(call: &syn::ExprMethodCall) -> bool {
    let [syn::Expr::Closure(closure)] = call.args.iter().collect::<Vec<_>>()[..] else {
        return false;
    };
    closure_ignores_argument(closure) && handling(&closure.body, None, None) != Handling::Panics
}

/// The delay a call waits for: `sleep(d)`, `thread::sleep(d)`, `delay_for(d)`, and the timers
/// of the runtimes without a `sleep` fn, `futures_timer::Delay::new(d)` and smol's
/// `Timer::after(d)`.
pub(crate) fn delay_of(call: &syn::ExprCall) -> Option<&syn::Expr> {
    let syn::Expr::Path(path) = peel(&call.func) else {
        return None;
    };
    let (name, owner) = name_and_owner(&path.path);
    let name = name?;
    let waits = matches!(
        name.to_string().as_str(),
        "sleep" | "sleep_ms" | "delay_for"
    ) || (name == "new" && owner.is_some_and(|owner| owner == "Delay"))
        || (name == "after" && owner.is_some_and(|owner| owner == "Timer"));
    if waits { call.args.first() } else { None }
}

/// The delay of a pause that a stop signal may cut short: a timeout around a wait for a signal
/// (`tokio::time::timeout(INTERVAL, stop_receiver.changed())`, `timeout(d, token.cancelled())`,
/// `stop.notified().timeout(d)`), awaited or not. Its `Elapsed` says the pause ran its course,
/// and the wait's own error only that the signal's sender is gone; it is a `sleep(d)` that ends
/// early on shutdown, not a call with a deadline.
pub(crate) fn interruptible_pause(expr: &syn::Expr) -> Option<&syn::Expr> {
    fn waits_for_a_signal(future: &syn::Expr) -> bool {
        matches!(peel(future), syn::Expr::MethodCall(wait) if wait.args.is_empty()
            && ["changed", "cancelled", "notified"].iter().any(|signal| wait.method == signal))
    }
    let expr = match peel(expr) {
        syn::Expr::Await(awaited) => peel(&awaited.base),
        other => other,
    };
    match expr {
        syn::Expr::Call(call) => {
            match (peel(&call.func), &call.args.iter().collect::<Vec<_>>()[..]) {
                (syn::Expr::Path(path), [delay, future])
                    if last_ident(&path.path).is_some_and(|name| name == "timeout")
                        && waits_for_a_signal(future) =>
                {
                    Some(delay)
                }
                _ => None,
            }
        }
        syn::Expr::MethodCall(call) if call.method == "timeout" && call.args.len() == 1 => {
            waits_for_a_signal(&call.receiver).then(|| &call.args[0])
        }
        _ => None,
    }
}

/// A call of `catch_unwind`: `catch_unwind(..)`, `panic::catch_unwind(..)`,
/// `AssertUnwindSafe(fut).catch_unwind()`.
pub(crate) fn is_catch_unwind(expr: &syn::Expr) -> bool {
    match expr {
        syn::Expr::MethodCall(call) => call.method == "catch_unwind",
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if last_ident(&path.path).is_some_and(|name| name == "catch_unwind")),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handlers_are_classified() {
        let e: syn::Ident = syn::parse_quote!(e);
        let cases: [(syn::Expr, Option<&syn::Ident>, Handling); 7] = [
            (
                syn::parse_quote!({}),
                None,
                Handling::Swallows {
                    logged: false,
                    routine: false,
                },
            ),
            (
                syn::parse_quote!({ log::warn!("failed") }),
                Some(&e),
                Handling::Swallows {
                    logged: true,
                    routine: false,
                },
            ),
            (
                syn::parse_quote!({ log::warn!("failed: {e}") }),
                Some(&e),
                Handling::UsesError,
            ),
            (
                syn::parse_quote!(return Err(AppError::Db)),
                None,
                Handling::NewError,
            ),
            (
                syn::parse_quote!(Err(AppError::Db)),
                None,
                Handling::NewError,
            ),
            (syn::parse_quote!(panic!("no")), None, Handling::Panics),
            (syn::parse_quote!(fallback()?), None, Handling::Propagates),
        ];
        for (body, binding, expected) in cases {
            assert_eq!(
                handling(&body, binding, None),
                expected,
                "{}",
                quote::quote!(#body)
            );
        }
    }
}
