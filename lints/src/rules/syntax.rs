//! Questions the rules ask about syntax: is this an `Err(..)` pattern, does this body use the
//! error, panic, propagate, build a new error, leave the loop; which call produces this value.

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::{self, Visit};

use crate::finding::SpanRange;
use crate::index::{Call, Cond};
use crate::walk::Cx;

/// The inside of an `Err(..)` pattern.
#[derive(Debug, Clone, Copy)]
pub(crate) enum ErrInner<'a> {
    /// `Err(_)`, `Err(..)`, `Err(_e)`: the error is not bound.
    Ignored,
    /// `Err(e)`, `Err(ref e)`, `Err(mut e)`.
    Bound(&'a syn::Ident),
    /// `Err(Error::NotFound)`, `Err(e @ ..)`, ...: a deliberate, specific case.
    Specific,
}

/// An `Err(..)` pattern, with its guard.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ErrPattern<'a> {
    /// The `Err(..)` pattern itself, without the guard.
    pub(crate) pat: &'a syn::PatTupleStruct,
    pub(crate) inner: ErrInner<'a>,
    pub(crate) guard: Option<&'a syn::Expr>,
}

impl ErrPattern<'_> {
    /// The span findings point at: `Err(..)`.
    pub(crate) fn span(&self) -> SpanRange {
        SpanRange::of(self.pat)
    }
}

/// The last segment of a path, as a string comparison target.
pub(crate) fn last_ident(path: &syn::Path) -> Option<&syn::Ident> {
    path.segments.last().map(|segment| &segment.ident)
}

/// `Err(..)` in any of its forms, possibly guarded; `None` for other patterns.
pub(crate) fn err_pattern(pat: &syn::Pat) -> Option<ErrPattern<'_>> {
    match pat {
        syn::Pat::Guard(guarded) => {
            let mut inner = err_pattern(&guarded.pat)?;
            inner.guard = Some(&guarded.guard);
            Some(inner)
        }
        syn::Pat::Paren(paren) => err_pattern(&paren.pat),
        syn::Pat::TupleStruct(tuple)
            if tuple.qself.is_none() && last_ident(&tuple.path)? == "Err" =>
        {
            let inner = match tuple.elems.iter().collect::<Vec<_>>().as_slice() {
                [] | [syn::Pat::Wild(_) | syn::Pat::Rest(_)] => ErrInner::Ignored,
                // `Err(WouldBlock)`: an imported unit variant or constant, a specific case.
                [syn::Pat::Ident(ident)]
                    if ident.subpat.is_none()
                        && ident.ident.to_string().starts_with(char::is_uppercase) =>
                {
                    ErrInner::Specific
                }
                [syn::Pat::Ident(ident)] if ident.subpat.is_none() => {
                    if ident.ident.to_string().starts_with('_') {
                        ErrInner::Ignored
                    } else {
                        ErrInner::Bound(&ident.ident)
                    }
                }
                _ => ErrInner::Specific,
            };
            Some(ErrPattern {
                pat: tuple,
                inner,
                guard: None,
            })
        }
        _ => None,
    }
}

/// The `else` block of `let Ok(..) = EXPR else { .. };`, where the statement is one.
pub(crate) fn let_ok_else_block(stmt: &syn::Stmt) -> Option<&syn::Block> {
    let syn::Stmt::Local(local) = stmt else {
        return None;
    };
    let (_, diverge) = local.init.as_ref()?.diverge.as_ref()?;
    if !is_ok_pattern(&local.pat) {
        return None;
    }
    match &**diverge {
        syn::Expr::Block(block) => Some(&block.block),
        _ => None,
    }
}

/// `Ok(..)`, possibly guarded or parenthesized.
pub(crate) fn is_ok_pattern(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Guard(guarded) => is_ok_pattern(&guarded.pat),
        syn::Pat::Paren(paren) => is_ok_pattern(&paren.pat),
        syn::Pat::TupleStruct(tuple) => last_ident(&tuple.path).is_some_and(|ident| ident == "Ok"),
        _ => false,
    }
}

/// Removes parentheses, invisible groups and `&`.
pub(crate) fn peel(mut expr: &syn::Expr) -> &syn::Expr {
    loop {
        expr = match expr {
            syn::Expr::Paren(inner) => &inner.expr,
            syn::Expr::Group(inner) => &inner.expr,
            syn::Expr::Reference(inner) => &inner.expr,
            _ => return expr,
        };
    }
}

/// The macro's name: `log::error!` → `error`.
pub(crate) fn macro_name(mac: &syn::Macro) -> Option<String> {
    last_ident(&mac.path).map(ToString::to_string)
}

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

/// Calls that end the process or thread: they do not swallow anything.
const DIVERGING_CALLS: &[&str] = &[
    "exit",
    "abort",
    "resume_unwind",
    "panic_any",
    "unreachable_unchecked",
];

/// What an error handler (an `Err(..)` arm, a `let .. else` block, an `if let Err` body) does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Handling {
    /// Uses the bound error: logs it, wraps it, returns it, stores it.
    UsesError,
    /// Panics or exits.
    Panics,
    /// Evaluates to or returns a new `Err(..)` that cannot carry the original.
    NewError,
    /// Propagates some other error with `?` (a fallback that may itself fail).
    Propagates,
    /// None of the above: the error is gone. `logged` if a log macro mentions the failure.
    Swallows { logged: bool },
}

/// Classifies what a handler does with the error bound to `binding` (if any).
pub(crate) fn handling(
    body: &syn::Expr,
    binding: Option<&syn::Ident>,
    guard: Option<&syn::Expr>,
) -> Handling {
    if let Some(binding) = binding
        && (mentions(body, binding) || guard.is_some_and(|guard| mentions(guard, binding)))
    {
        return Handling::UsesError;
    }
    let mut scan = BodyScan::default();
    scan.visit_expr(body);
    if scan.panics {
        Handling::Panics
    } else if scan.returns_err || evaluates_to_err(body) {
        Handling::NewError
    } else if scan.tries {
        Handling::Propagates
    } else {
        Handling::Swallows { logged: scan.logs }
    }
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
    /// Whether the handler's error is not a failure to keep: the scrutinee is a state probe
    /// ([`is_state_probe`]) or a conversion whose input the handler reads another way.
    pub(crate) fn error_is_an_answer(&self) -> bool {
        if is_state_probe(self.scrutinee) {
            return true;
        }
        match self.body {
            HandlerBody::Expr(body) => {
                reinterprets_input(self.scrutinee, |ident| mentions(body, ident))
            }
            HandlerBody::Block(block) => reinterprets_input(self.scrutinee, |ident| {
                let mut finder = IdentFinder {
                    name: ident.to_string(),
                    found: false,
                };
                finder.visit_block(block);
                finder.found
            }),
        }
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
        match self.body {
            HandlerBody::Expr(expr) => handling(expr, binding, self.pattern.guard),
            HandlerBody::Block(block) => {
                // Rare enough (an `if let Err(..)`) that a copy is cheaper than a second visitor.
                let expr = syn::Expr::Block(syn::ExprBlock {
                    attrs: Vec::new(),
                    label: None,
                    block: block.clone(),
                });
                handling(&expr, binding, self.pattern.guard)
            }
        }
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

/// `_e` in `Err(_e)`: a binding the author marked unused, which a log may use all the same.
fn underscore_binding(pat: &syn::PatTupleStruct) -> Option<&syn::Ident> {
    match pat.elems.iter().collect::<Vec<_>>()[..] {
        [syn::Pat::Ident(ident)] if ident.subpat.is_none() && ident.ident != "_" => {
            Some(&ident.ident)
        }
        _ => None,
    }
}

/// Whether `expr` asks for something that may simply not be available right now: `try_lock()`,
/// `try_borrow()`, `try_read()`, `try_write()`, `try_recv()`, `try_acquire()` (and their
/// `_mut`/`_owned` forms), without arguments. Their error is a state ("locked", "empty", "no
/// permit"), not a failure with a cause, so a fallback for it throws nothing away.
///
/// `try_send` is not one of them: its error hands back a message that is then lost. Nor are
/// `try_read(buf)`/`try_write(buf)` on sockets, whose error may be a reset connection: they take
/// a buffer, the lock methods do not.
pub(crate) fn is_state_probe(expr: &syn::Expr) -> bool {
    let mut expr = peel(expr);
    while let syn::Expr::Await(inner) = expr {
        expr = peel(&inner.base);
    }
    let syn::Expr::MethodCall(call) = expr else {
        return false;
    };
    if !call.args.is_empty() {
        return false;
    }
    let name = call.method.to_string();
    let base = name
        .strip_suffix("_owned")
        .or_else(|| name.strip_suffix("_mut"))
        .unwrap_or(&name);
    matches!(
        base,
        "try_lock" | "try_borrow" | "try_read" | "try_write" | "try_recv" | "try_acquire"
    )
}

/// Whether the handler reads the same input another way after a conversion failed:
/// `match cap.parse::<usize>() { Ok(i) => Number(i), Err(_) => Named(cap) }`. The error is the
/// answer to "is this a number?", not a failure to report.
///
/// Only conversions count (`parse`, `try_into`, `from_utf8`, `from_str`, `from_str_radix`,
/// `try_from`): a fallback that reads the path of a failed `File::open(path)` is still a default
/// that hides an I/O error.
fn reinterprets_input(scrutinee: &syn::Expr, body_mentions: impl Fn(&syn::Ident) -> bool) -> bool {
    let inputs: Vec<&syn::Expr> = match peel(scrutinee) {
        syn::Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(call.method.to_string().as_str(), "parse" | "try_into") =>
        {
            vec![&*call.receiver]
        }
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return false;
            };
            let is_conversion = last_ident(&path.path).is_some_and(|name| {
                matches!(
                    name.to_string().as_str(),
                    "from_utf8" | "from_str" | "from_str_radix" | "try_from" | "parse"
                )
            });
            if !is_conversion {
                return false;
            }
            call.args.iter().collect()
        }
        _ => return false,
    };
    inputs.into_iter().any(|input| match peel(input) {
        syn::Expr::Path(path) => path
            .path
            .get_ident()
            .is_some_and(|ident| ident != "self" && body_mentions(ident)),
        _ => false,
    })
}

/// The same, for a block (`let .. else { .. }`).
pub(crate) fn block_handling(block: &syn::Block) -> Handling {
    let mut scan = BodyScan::default();
    scan.visit_block(block);
    let tail_is_err =
        matches!(block.stmts.last(), Some(syn::Stmt::Expr(tail, None)) if evaluates_to_err(tail));
    if scan.panics {
        Handling::Panics
    } else if scan.returns_err || tail_is_err {
        Handling::NewError
    } else if scan.tries {
        Handling::Propagates
    } else {
        Handling::Swallows { logged: scan.logs }
    }
}

/// Whether the value of `expr` is an `Err(..)` (or `Poll::Ready(Err(..))`, `Some(Err(..))`).
fn evaluates_to_err(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => {
                let Some(name) = last_ident(&path.path) else {
                    return false;
                };
                name == "Err"
                    || ((name == "Ready" || name == "Some")
                        && call.args.iter().any(evaluates_to_err))
            }
            _ => false,
        },
        syn::Expr::Block(block) => {
            matches!(block.block.stmts.last(), Some(syn::Stmt::Expr(tail, None)) if evaluates_to_err(tail))
        }
        syn::Expr::Return(ret) => ret.expr.as_deref().is_some_and(evaluates_to_err),
        _ => false,
    }
}

/// The condition that a swallowing handler calls no fn of the checked code declared `-> !`
/// (such a call ends the process, like a panic); empty when the handler calls nothing the index
/// could know. Only computed for handlers already found to swallow, so it costs nothing elsewhere.
pub(crate) fn no_divergence(cx: &Cx<'_>, body: HandlerBody<'_>) -> Vec<Cond> {
    let mut calls = CallCollector {
        cx,
        calls: Vec::new(),
    };
    match body {
        HandlerBody::Expr(expr) => calls.visit_expr(expr),
        HandlerBody::Block(block) => calls.visit_block(block),
    }
    if calls.calls.is_empty() {
        Vec::new()
    } else {
        vec![Cond::NoCallDiverges(calls.calls)]
    }
}

/// Collects the fn and method calls of a handler body (not in closures or nested items).
struct CallCollector<'a, 'cx> {
    cx: &'a Cx<'cx>,
    calls: Vec<Call>,
}

impl<'ast> Visit<'ast> for CallCollector<'_, '_> {
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = peel(&call.func)
            && path.qself.is_none()
        {
            let mut segments: Vec<String> = path
                .path
                .segments
                .iter()
                .map(|segment| segment.ident.to_string())
                .collect();
            if segments.first().is_some_and(|first| first == "Self")
                && let Some(self_type) = self.cx.self_type()
            {
                self_type.clone_into(&mut segments[0]);
            }
            self.calls.push(Call::Path(segments));
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let on_self =
            matches!(peel(&call.receiver), syn::Expr::Path(path) if path.path.is_ident("self"));
        self.calls.push(Call::Method {
            name: call.method.to_string(),
            self_type: on_self
                .then(|| self.cx.self_type().map(str::to_owned))
                .flatten(),
        });
        visit::visit_expr_method_call(self, call);
    }
}

/// Walks a handler body (not into closures or nested items) for panics, `return Err`, `?` and logging.
#[derive(Default)]
struct BodyScan {
    panics: bool,
    returns_err: bool,
    tries: bool,
    logs: bool,
}

impl<'ast> Visit<'ast> for BodyScan {
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}

    fn visit_expr_return(&mut self, ret: &'ast syn::ExprReturn) {
        if ret.expr.as_deref().is_some_and(evaluates_to_err) {
            self.returns_err = true;
        }
        visit::visit_expr_return(self, ret);
    }

    fn visit_expr_try(&mut self, expr: &'ast syn::ExprTry) {
        self.tries = true;
        visit::visit_expr_try(self, expr);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.method == "unwrap" || call.method == "expect" {
            self.panics = true;
        }
        visit::visit_expr_method_call(self, call);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = peel(&call.func)
            && last_ident(&path.path)
                .is_some_and(|name| DIVERGING_CALLS.iter().any(|call| name == call))
        {
            self.panics = true;
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let Some(name) = macro_name(mac) else {
            return;
        };
        if PANIC_MACROS.contains(&name.as_str()) {
            self.panics = true;
        } else if is_log_macro(&name) {
            self.logs = true;
        }
    }
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

/// Whether `ident` is mentioned in `node`: as a path, a field, or inside a macro call, including
/// inline format arguments (`"{e}"`, `"{e:?}"`).
pub(crate) fn mentions(node: &syn::Expr, ident: &syn::Ident) -> bool {
    let mut finder = IdentFinder {
        name: ident.to_string(),
        found: false,
    };
    finder.visit_expr(node);
    finder.found
}

/// Whether a closure's only argument is ignored: `|_|`, `|_e|`, or `|e|` with `e` unused.
pub(crate) fn closure_ignores_argument(closure: &syn::ExprClosure) -> bool {
    let [arg] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
        return false;
    };
    match arg {
        syn::Pat::Wild(_) => true,
        syn::Pat::Ident(ident) if ident.subpat.is_none() => {
            ident.ident.to_string().starts_with('_') || !mentions(&closure.body, &ident.ident)
        }
        syn::Pat::Type(typed) => matches!(&*typed.pat, syn::Pat::Wild(_)),
        _ => false,
    }
}

/// Whether a method call's only argument is a closure that drops the error it is given without
/// panicking: `.map_err(|_| ..)`, `.unwrap_or_else(|_e| ..)`.
pub(crate) fn discards_error_in_closure(call: &syn::ExprMethodCall) -> bool {
    let [syn::Expr::Closure(closure)] = call.args.iter().collect::<Vec<_>>()[..] else {
        return false;
    };
    closure_ignores_argument(closure) && handling(&closure.body, None, None) != Handling::Panics
}

/// The ident a one-argument closure binds, if it is a plain binding.
pub(crate) fn closure_binding(closure: &syn::ExprClosure) -> Option<&syn::Ident> {
    let [syn::Pat::Ident(ident)] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    ident.subpat.is_none().then_some(&ident.ident)
}

struct IdentFinder {
    name: String,
    found: bool,
}

impl<'ast> Visit<'ast> for IdentFinder {
    fn visit_ident(&mut self, ident: &'ast syn::Ident) {
        if !self.found && *ident == self.name {
            self.found = true;
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if !self.found && tokens_mention(&mac.tokens, &self.name) {
            self.found = true;
        }
    }
}

fn tokens_mention(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == name,
        TokenTree::Group(group) => tokens_mention(&group.stream(), name),
        TokenTree::Literal(literal) => {
            let text = literal.to_string();
            text.starts_with('"') && format_string_mentions(&text, name)
        }
        TokenTree::Punct(_) => false,
    })
}

/// `"{e}"`, `"{e:?}"`, `"{e:#}"` mention `e`.
fn format_string_mentions(text: &str, name: &str) -> bool {
    text.match_indices('{').any(|(at, _)| {
        let rest = &text[at + 1..];
        rest.strip_prefix(name)
            .is_some_and(|after| after.starts_with('}') || after.starts_with(':'))
    })
}

/// Whether a statement-level `return`/`break` leaves unconditionally: the expression itself, or
/// a block whose last statement does.
pub(crate) fn exits_unconditionally(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Return(_) | syn::Expr::Break(_) => true,
        syn::Expr::Block(block) => block_exits_unconditionally(&block.block),
        syn::Expr::Macro(mac) => {
            macro_name(&mac.mac).is_some_and(|name| PANIC_MACROS.contains(&name.as_str()))
        }
        _ => false,
    }
}

/// Whether a block ends with `return`/`break` (or a panic).
pub(crate) fn block_exits_unconditionally(block: &syn::Block) -> bool {
    block.stmts.iter().any(|stmt| match stmt {
        syn::Stmt::Expr(expr, _) => exits_unconditionally(expr),
        syn::Stmt::Macro(mac) => {
            macro_name(&mac.mac).is_some_and(|name| PANIC_MACROS.contains(&name.as_str()))
        }
        _ => false,
    })
}

/// Whether `continue` appears anywhere in `expr` (not in closures or nested loops).
pub(crate) fn may_continue(expr: &syn::Expr) -> bool {
    let mut finder = ExitFinder::default();
    finder.visit_expr(expr);
    finder.continues
}

#[derive(Default)]
struct ExitFinder {
    continues: bool,
}

impl<'ast> Visit<'ast> for ExitFinder {
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_expr_loop(&mut self, _: &'ast syn::ExprLoop) {}
    fn visit_expr_while(&mut self, _: &'ast syn::ExprWhile) {}
    fn visit_expr_for_loop(&mut self, _: &'ast syn::ExprForLoop) {}

    fn visit_expr_continue(&mut self, _: &'ast syn::ExprContinue) {
        self.continues = true;
    }
}

/// Identifiers that mean the delay is randomized.
const JITTER_WORDS: &[&str] = &["rand", "jitter", "random", "rng", "fastrand"];

/// Whether the block mentions jitter or randomness anywhere (`rand::random`, `fastrand::u64`,
/// `jitter(..)`, `thread_rng()`, `gen_range`).
pub(crate) fn mentions_jitter(block: &syn::Block) -> bool {
    let mut finder = WordFinder {
        words: JITTER_WORDS,
        found: false,
    };
    finder.visit_block(block);
    finder.found
}

/// Whether the expression mentions jitter or randomness.
pub(crate) fn expr_mentions_jitter(expr: &syn::Expr) -> bool {
    let mut finder = WordFinder {
        words: JITTER_WORDS,
        found: false,
    };
    finder.visit_expr(expr);
    finder.found
}

/// Whether the expression mentions a backoff library or policy (`backon`, `backoff`,
/// `tokio_retry`, `ExponentialBackoff`, `Retry::spawn`).
pub(crate) fn mentions_backoff_library(block: &syn::Block) -> bool {
    let mut finder = WordFinder {
        words: &[
            "backoff",
            "backon",
            "retry_policy",
            "tokio_retry",
            "exponential",
        ],
        found: false,
    };
    finder.visit_block(block);
    finder.found
}

/// Whether the fn hands a caught panic back to `resume_unwind`: `resume_unwind(payload)` where
/// `payload` is bound by an `Err(payload)` pattern or is the parameter of a one-argument closure
/// (`.unwrap_or_else(|payload| resume_unwind(payload))`). A payload made up on the spot
/// (`resume_unwind(Box::new(".."))`) is a different panic: the caught one is still absorbed.
pub(crate) fn resumes_caught_unwind(block: &syn::Block) -> bool {
    let mut finder = ResumeFinder::default();
    finder.visit_block(block);
    finder
        .resumed
        .iter()
        .any(|resumed| finder.payloads.contains(resumed))
}

#[derive(Default)]
struct ResumeFinder {
    /// Names bound by `Err(name)` or as a closure's only parameter.
    payloads: Vec<syn::Ident>,
    /// Names passed to `resume_unwind`.
    resumed: Vec<syn::Ident>,
}

impl<'ast> Visit<'ast> for ResumeFinder {
    fn visit_pat_tuple_struct(&mut self, pat: &'ast syn::PatTupleStruct) {
        if last_ident(&pat.path).is_some_and(|name| name == "Err")
            && let [syn::Pat::Ident(binding)] = pat.elems.iter().collect::<Vec<_>>().as_slice()
        {
            self.payloads.push(binding.ident.clone());
        }
        visit::visit_pat_tuple_struct(self, pat);
    }

    fn visit_expr_closure(&mut self, closure: &'ast syn::ExprClosure) {
        if let [syn::Pat::Ident(binding)] = closure.inputs.iter().collect::<Vec<_>>().as_slice() {
            self.payloads.push(binding.ident.clone());
        }
        visit::visit_expr_closure(self, closure);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = peel(&call.func)
            && last_ident(&path.path).is_some_and(|name| name == "resume_unwind")
            && let Some(syn::Expr::Path(arg)) = call.args.first().map(peel)
            && let Some(name) = arg.path.get_ident()
        {
            self.resumed.push(name.clone());
        }
        visit::visit_expr_call(self, call);
    }
}

struct WordFinder {
    words: &'static [&'static str],
    found: bool,
}

impl WordFinder {
    fn check(&mut self, ident: &str) {
        if self.found {
            return;
        }
        let lower = ident.to_ascii_lowercase();
        if self.words.iter().any(|word| lower.contains(word)) {
            self.found = true;
        }
    }
}

impl<'ast> Visit<'ast> for WordFinder {
    fn visit_ident(&mut self, ident: &'ast syn::Ident) {
        self.check(&ident.to_string());
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        visit::visit_macro(self, mac);
        fn walk(finder: &mut WordFinder, tokens: TokenStream) {
            for token in tokens {
                match token {
                    TokenTree::Ident(ident) => finder.check(&ident.to_string()),
                    TokenTree::Group(group) => walk(finder, group.stream()),
                    _ => {}
                }
            }
        }
        walk(self, mac.tokens.clone());
    }
}

/// The conditions under which `expr` produces a `Result`, if it might: `Some(vec![])` when it
/// certainly does (`x.map_err(..)`, `write!(..)`), `Some(conds)` when that depends on the index,
/// `None` when it does not (or the engine cannot tell).
pub(crate) fn result_conds(cx: &Cx<'_>, expr: &syn::Expr) -> Option<Vec<Cond>> {
    let (call, awaited) = result_call(cx, expr, false)?;
    Some(
        call.map(|call| vec![Cond::ReturnsResult { call, awaited }])
            .unwrap_or_default(),
    )
}

/// The call that produces `expr`'s value, `Ok(None)`-like (`Some((None, _))`) when the value is
/// certainly a `Result` whatever the call.
fn result_call(cx: &Cx<'_>, expr: &syn::Expr, awaited: bool) -> Option<(Option<Call>, bool)> {
    match peel(expr) {
        syn::Expr::Await(inner) => result_call(cx, &inner.base, true),
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return None;
            };
            if path.qself.is_some() {
                return None;
            }
            let mut segments: Vec<String> = path
                .path
                .segments
                .iter()
                .map(|segment| segment.ident.to_string())
                .collect();
            if matches!(
                segments.last().map(String::as_str),
                Some("Ok" | "Err" | "Some" | "drop")
            ) {
                return None;
            }
            if segments.first().is_some_and(|first| first == "Self")
                && let Some(self_type) = cx.self_type()
            {
                segments[0] = self_type.to_owned();
            }
            Some((Some(Call::Path(segments)), awaited))
        }
        syn::Expr::MethodCall(call) => {
            let name = call.method.to_string();
            match name.as_str() {
                "map_err" | "context" | "with_context" | "ok_or" | "ok_or_else" => {
                    Some((None, awaited))
                }
                "map" | "and_then" | "inspect" | "inspect_err" | "or_else" => {
                    result_call(cx, &call.receiver, awaited)
                }
                _ => {
                    let receiver_is_self = matches!(peel(&call.receiver), syn::Expr::Path(path) if path.path.is_ident("self"));
                    let self_type = if receiver_is_self {
                        cx.self_type().map(str::to_owned)
                    } else {
                        None
                    };
                    Some((Some(Call::Method { name, self_type }), awaited))
                }
            }
        }
        syn::Expr::Macro(mac) => {
            let name = macro_name(&mac.mac)?;
            Some((Some(Call::Macro(name)), awaited))
        }
        _ => None,
    }
}

/// A short human name for the call producing `expr`, for messages: `save`, `fs::write`, `write!`.
pub(crate) fn callee_name(expr: &syn::Expr) -> Option<String> {
    match peel(expr) {
        syn::Expr::Await(inner) => callee_name(&inner.base),
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => {
                let segments: Vec<String> = path
                    .path
                    .segments
                    .iter()
                    .map(|segment| segment.ident.to_string())
                    .collect();
                let keep = segments.len().min(2);
                Some(segments[segments.len() - keep..].join("::"))
            }
            _ => None,
        },
        syn::Expr::MethodCall(call) => Some(call.method.to_string()),
        syn::Expr::Macro(mac) => macro_name(&mac.mac).map(|name| format!("{name}!")),
        _ => None,
    }
}

/// The span from a method call's name through its closing parenthesis: `map_err(|_| ..)`.
pub(crate) fn method_span(call: &syn::ExprMethodCall) -> SpanRange {
    SpanRange::new(call.method.span(), call.paren_token.span.close())
}

/// The span of a whole statement, through its semicolon.
pub(crate) fn stmt_span(stmt: &syn::Stmt) -> SpanRange {
    SpanRange::of(stmt)
}

/// The span of an expression's source, for copying it into a suggestion.
pub(crate) fn expr_span(expr: &syn::Expr) -> SpanRange {
    SpanRange::of(expr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_strings_mention_inline_arguments() {
        assert!(format_string_mentions("\"failed: {e}\"", "e"));
        assert!(format_string_mentions("\"failed: {e:?}\"", "e"));
        assert!(!format_string_mentions("\"failed: {err}\"", "e"));
        assert!(!format_string_mentions("\"failed\"", "e"));
    }

    #[test]
    fn handlers_are_classified() {
        let e: syn::Ident = syn::parse_quote!(e);
        let cases: [(syn::Expr, Option<&syn::Ident>, Handling); 7] = [
            (
                syn::parse_quote!({}),
                None,
                Handling::Swallows { logged: false },
            ),
            (
                syn::parse_quote!({ log::warn!("failed") }),
                Some(&e),
                Handling::Swallows { logged: true },
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
