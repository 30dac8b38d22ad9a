//! # What it finds
//!
//! A retry loop that tries a failed operation again immediately, or after a fixed delay, or after a
//! growing delay without jitter.
//!
//! A retry loop is a `loop`, a `while` (not `while let`) or a `for` over a range, whose body leaves
//! the loop on success (an `Ok(..)` arm or `is_ok()` check that `break`s or `return`s) and goes round
//! again on failure (an `Err(_)`/`Err(e)` arm that does not always leave, or `continue`s).
//! Loops over collections, compare-and-swap loops and retries through `backon`, `backoff` or
//! `tokio-retry` are left alone. So are loops whose `Err` arm moves the input on
//! (`bytes = &bytes[n..]`, `at += skipped` where the operation reads `bytes` or `at`): the next
//! round is a different operation, as in a decoder or a parser, not the same one again. An `Err`
//! arm whose value is the error itself (`Err(counter) => counter`, as `Arc::try_unwrap` hands the
//! value back) waits for a state, not for a failing dependency.
//!
//! # Why is this bad
//!
//! "Always back off, with jitter." A dependency that fails is usually overloaded or restarting.
//! Retrying at once, or every 100 ms from every client, turns a short outage into a long one: the
//! retries are the load that keeps it down (a retry storm), and clients that failed together retry
//! together in synchronized waves (the thundering herd). Exponential growth spreads the load over
//! time; random jitter spreads it between clients.
//!
//! # Example
//!
//! ```text
//! loop {
//!     match client.send(&request).await {
//!         Ok(response) => return Ok(response),
//!         Err(error) => {
//!             tracing::warn!(%error, "send failed, retrying");
//!             tokio::time::sleep(Duration::from_millis(100)).await;
//!         }
//!     }
//! }
//! ```
//!
//! # Use instead
//!
//! ```text
//! use backon::{ExponentialBuilder, Retryable};
//!
//! let response = (|| client.send(&request))
//!     .retry(ExponentialBuilder::default().with_jitter().with_max_times(5))
//!     .await?;
//! ```
//!
//! or grow the delay (`delay = (delay * 2).min(MAX)`) and add random jitter to every sleep.

use syn::visit::{self, Visit};

use crate::finding::{Finding, SpanRange};
use crate::index::RetKind;
use crate::walk::Cx;

use super::syntax::{
    ErrInner, Handling, err_pattern, exits_unconditionally, expr_mentions_jitter, is_ok_pattern,
    last_ident, may_continue, mentions_backoff_library, peel,
};

/// The rule's id.
pub(crate) const ID: &str = "retry_without_backoff";

pub(crate) fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    let (keyword, body) = match expr {
        syn::Expr::Loop(looped) => (looped.loop_token.span, &looped.body),
        syn::Expr::While(looped) if !matches!(peel(&looped.cond), syn::Expr::Let(_)) => {
            (looped.while_token.span, &looped.body)
        }
        syn::Expr::ForLoop(looped) if matches!(peel(&looped.expr), syn::Expr::Range(_)) => {
            (looped.for_token.span, &looped.body)
        }
        _ => return,
    };
    // `poll_*` functions are state machines: their loops wait by returning `Pending`, not by sleeping.
    if cx
        .innermost()
        .is_some_and(|fn_cx| fn_cx.ret == RetKind::Named("Poll".to_owned()))
    {
        return;
    }
    let mut scan = RetryScan::default();
    scan.visit_block(body);
    let continues_then_exits =
        scan.continues_on_failure && super::syntax::block_exits_unconditionally(body);
    let matched_retry = (scan.exits_on_success && scan.repeats_on_failure) || continues_then_exits;
    // `if let Ok(x) = next() { return x }` also reads a stream until a good item comes; only a
    // sleep between attempts makes it a retry.
    let polled_retry = scan.exits_when_ok && !scan.delays.is_empty();
    if !(matched_retry || polled_retry) || scan.compare_and_swap || mentions_backoff_library(body) {
        return;
    }
    let span = SpanRange::single(keyword);
    if scan.delays.is_empty() {
        if scan.failure_awaits {
            // `Err(e) => handle_error(e).await` may well wait; the engine cannot see into it.
            return;
        }
        cx.report(Finding::new(
            ID,
            span,
            "this retry loop retries immediately, with no delay",
            "back off exponentially with jitter, e.g. with `backon`: \
             `(|| op()).retry(ExponentialBuilder::default().with_jitter())`",
        ));
        return;
    }
    let delays: Vec<Delay> = scan
        .delays
        .iter()
        .map(|delay| classify_delay(delay, body))
        .collect();
    if delays.contains(&Delay::Unknown) {
        return;
    }
    if delays.iter().all(|delay| *delay == Delay::Constant) {
        cx.report(Finding::new(
            ID,
            span,
            "this retry loop waits a fixed delay between attempts",
            "grow the delay (`delay = (delay * 2).min(max)`) and add random jitter, or use `backon`",
        ));
        return;
    }
    if scan.delays.iter().any(|delay| expr_mentions_jitter(delay)) || body_mentions_jitter(body) {
        return;
    }
    cx.report(Finding::new(
        ID,
        span,
        "this retry loop backs off without jitter",
        "add random jitter to every delay (`sleep(delay.mul_f64(0.5 + rand::random::<f64>()))`), \
         or use `backon` with `.with_jitter()`",
    ));
    cx.retract_if_fn_has_jitter();
}

fn body_mentions_jitter(body: &syn::Block) -> bool {
    super::syntax::mentions_jitter(body)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delay {
    Constant,
    Growing,
    /// Computed by something the engine cannot see into (`policy.next_delay()`).
    Unknown,
}

fn has_growth(expr: &syn::Expr) -> bool {
    struct Growth(bool);
    impl<'ast> Visit<'ast> for Growth {
        fn visit_bin_op(&mut self, op: &'ast syn::BinOp) {
            if matches!(
                op,
                syn::BinOp::Mul(_)
                    | syn::BinOp::Shl(_)
                    | syn::BinOp::MulAssign(_)
                    | syn::BinOp::ShlAssign(_)
            ) {
                self.0 = true;
            }
        }
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            let name = call.method.to_string();
            if matches!(
                name.as_str(),
                "pow"
                    | "saturating_mul"
                    | "checked_mul"
                    | "mul_f32"
                    | "mul_f64"
                    | "saturating_pow"
                    | "checked_pow"
                    | "checked_shl"
                    | "wrapping_mul"
            ) {
                self.0 = true;
            }
            visit::visit_expr_method_call(self, call);
        }
    }
    let mut growth = Growth(false);
    growth.visit_expr(expr);
    growth.0
}

fn classify_delay(delay: &syn::Expr, body: &syn::Block) -> Delay {
    if has_growth(delay) {
        return Delay::Growing;
    }
    match peel(delay) {
        syn::Expr::Lit(_) => Delay::Constant,
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return Delay::Unknown;
            };
            let is_duration = path
                .path
                .segments
                .iter()
                .any(|segment| segment.ident == "Duration");
            match (is_duration, call.args.first()) {
                (true, Some(arg)) => classify_delay(arg, body),
                _ => Delay::Unknown,
            }
        }
        syn::Expr::Path(path) => {
            let Some(name) = path.path.get_ident().map(ToString::to_string) else {
                return Delay::Constant;
            };
            if name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            {
                return Delay::Constant;
            }
            assignments_to(&name, body)
        }
        syn::Expr::Field(_) => Delay::Constant,
        _ => Delay::Unknown,
    }
}

/// How a local delay variable changes inside the loop.
fn assignments_to(name: &str, body: &syn::Block) -> Delay {
    struct Assignments<'n> {
        name: &'n str,
        result: Delay,
    }
    impl<'ast> Visit<'ast> for Assignments<'_> {
        fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
            if matches!(peel(&assign.left), syn::Expr::Path(path) if path.path.is_ident(self.name))
            {
                let change = if has_growth(&assign.right) {
                    Delay::Growing
                } else {
                    Delay::Unknown
                };
                self.result = merge(self.result, change);
            }
            visit::visit_expr_assign(self, assign);
        }
        fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
            if matches!(peel(&binary.left), syn::Expr::Path(path) if path.path.is_ident(self.name))
            {
                let change = match binary.op {
                    syn::BinOp::MulAssign(_) | syn::BinOp::ShlAssign(_) => Delay::Growing,
                    syn::BinOp::AddAssign(_)
                    | syn::BinOp::SubAssign(_)
                    | syn::BinOp::DivAssign(_) => Delay::Unknown,
                    _ => Delay::Constant,
                };
                self.result = merge(self.result, change);
            }
            visit::visit_expr_binary(self, binary);
        }
        fn visit_local(&mut self, local: &'ast syn::Local) {
            if let syn::Pat::Ident(ident) = &local.pat
                && ident.ident == self.name
            {
                self.result = merge(self.result, Delay::Unknown);
            }
            visit::visit_local(self, local);
        }
    }
    fn merge(a: Delay, b: Delay) -> Delay {
        match (a, b) {
            (Delay::Growing, _) | (_, Delay::Growing) => Delay::Growing,
            (Delay::Unknown, _) | (_, Delay::Unknown) => Delay::Unknown,
            _ => Delay::Constant,
        }
    }
    let mut assignments = Assignments {
        name,
        result: Delay::Constant,
    };
    assignments.visit_block(body);
    assignments.result
}

/// Whether the arm's value is the bound error itself, or the arm assigns it to something.
fn hands_back(body: &syn::Expr, binding: &syn::Ident) -> bool {
    struct HandsBack<'b> {
        binding: &'b syn::Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for HandsBack<'_> {
        fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
            if super::syntax::mentions(&assign.right, self.binding) {
                self.found = true;
            }
            visit::visit_expr_assign(self, assign);
        }
    }
    let value = match peel(body) {
        syn::Expr::Block(block) => match block.block.stmts.last() {
            Some(syn::Stmt::Expr(tail, None)) => tail,
            _ => body,
        },
        _ => body,
    };
    if matches!(peel(value), syn::Expr::Path(path) if path.path.is_ident(binding)) {
        return true;
    }
    let mut finder = HandsBack {
        binding,
        found: false,
    };
    finder.visit_expr(body);
    finder.found
}

/// Whether `body` assigns to a local that the operation reads (`op(bytes)`, `parse(&s[at..])`).
fn advances_input(operation: &syn::Expr, body: &syn::Expr) -> bool {
    struct Assigned<'a>(Vec<&'a syn::Ident>);
    impl<'ast> Visit<'ast> for Assigned<'ast> {
        fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
            // `timeout = timeout * 2` is a backoff of the same operation, not new input.
            if let syn::Expr::Path(path) = peel(&assign.left)
                && let Some(ident) = path.path.get_ident()
                && !has_growth(&assign.right)
            {
                self.0.push(ident);
            }
            visit::visit_expr_assign(self, assign);
        }
        fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
            if matches!(
                binary.op,
                syn::BinOp::AddAssign(_) | syn::BinOp::SubAssign(_)
            ) && let syn::Expr::Path(path) = peel(&binary.left)
                && let Some(ident) = path.path.get_ident()
            {
                self.0.push(ident);
            }
            visit::visit_expr_binary(self, binary);
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut assigned = Assigned(Vec::new());
    assigned.visit_expr(body);
    assigned
        .0
        .into_iter()
        .any(|ident| super::syntax::mentions(operation, ident))
}

fn awaits(expr: &syn::Expr) -> bool {
    struct Awaits(bool);
    impl<'ast> Visit<'ast> for Awaits {
        fn visit_expr_await(&mut self, _: &'ast syn::ExprAwait) {
            self.0 = true;
        }
        fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    }
    let mut finder = Awaits(false);
    finder.visit_expr(expr);
    finder.0
}

/// Looks through a loop body (not into closures or nested loops) for the retry shape and sleeps.
#[derive(Default)]
struct RetryScan<'ast> {
    exits_on_success: bool,
    repeats_on_failure: bool,
    /// An `Err(..)` arm `continue`s: with an exit after the match, that is a retry too.
    continues_on_failure: bool,
    /// `if let Ok(..) = op() { return .. }` or `if op().is_ok() { break }`.
    exits_when_ok: bool,
    /// A failure arm awaits something, which may be a delay.
    failure_awaits: bool,
    /// The loop calls `compare_exchange` or `fetch_update`: a lost race is retried at once by design.
    compare_and_swap: bool,
    delays: Vec<&'ast syn::Expr>,
}

/// Operations whose "failure" is a lost race, retried at once by design.
fn is_compare_and_swap(scrutinee: &syn::Expr) -> bool {
    let mut expr = peel(scrutinee);
    while let syn::Expr::Await(inner) = expr {
        expr = peel(&inner.base);
    }
    matches!(expr, syn::Expr::MethodCall(call) if {
        let name = call.method.to_string();
        name.starts_with("compare_") || name == "fetch_update" || name.starts_with("try_lock")
    })
}

impl<'ast> Visit<'ast> for RetryScan<'ast> {
    fn visit_expr_closure(&mut self, _: &'ast syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'ast syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'ast syn::Item) {}
    fn visit_expr_loop(&mut self, _: &'ast syn::ExprLoop) {}
    fn visit_expr_while(&mut self, _: &'ast syn::ExprWhile) {}
    fn visit_expr_for_loop(&mut self, _: &'ast syn::ExprForLoop) {}

    fn visit_expr_match(&mut self, matched: &'ast syn::ExprMatch) {
        if !is_compare_and_swap(&matched.expr) {
            // A guarded `Err(e) if e.kind() == Interrupted` is a specific case, retried at once by design.
            // `Err(actual) => current = actual`: a lost race hands back the state to try with next.
            let catch_all_err = |arm: &syn::Arm| {
                err_pattern(&arm.pat).is_some_and(|err| match err.inner {
                    ErrInner::Specific => false,
                    _ if err.guard.is_some() => false,
                    // `Err(e) => bytes = &bytes[e.valid_up_to()..]`: the next round works on other
                    // input. That is iteration (a parser, a decoder), not a retry.
                    _ if advances_input(&matched.expr, &arm.body) => false,
                    ErrInner::Bound(binding) => !hands_back(&arm.body, binding),
                    ErrInner::Ignored => true,
                })
            };
            let success = matched
                .arms
                .iter()
                .any(|arm| is_ok_pattern(&arm.pat) && exits_unconditionally(&arm.body));
            let failure = matched.arms.iter().any(|arm| {
                catch_all_err(arm)
                    && (may_continue(&arm.body)
                        || (!exits_unconditionally(&arm.body)
                            && super::syntax::handling(&arm.body, None, None) != Handling::Panics))
            });
            if matched
                .arms
                .iter()
                .any(|arm| catch_all_err(arm) && may_continue(&arm.body))
            {
                self.continues_on_failure = true;
            }
            if success && failure {
                self.exits_on_success = true;
                self.repeats_on_failure = true;
                self.failure_awaits |= matched
                    .arms
                    .iter()
                    .any(|arm| catch_all_err(arm) && awaits(&arm.body));
            }
        }
        visit::visit_expr_match(self, matched);
    }

    fn visit_expr_if(&mut self, if_expr: &'ast syn::ExprIf) {
        let success_check = match peel(&if_expr.cond) {
            syn::Expr::Let(let_expr) => {
                is_ok_pattern(&let_expr.pat) && !is_compare_and_swap(&let_expr.expr)
            }
            syn::Expr::MethodCall(call) => call.method == "is_ok",
            _ => false,
        };
        let then_exits = super::syntax::block_exits_unconditionally(&if_expr.then_branch);
        let else_exits = if_expr
            .else_branch
            .as_ref()
            .is_some_and(|(_, branch)| exits_unconditionally(branch));
        if success_check && then_exits && !else_exits {
            self.exits_when_ok = true;
        }
        visit::visit_expr_if(self, if_expr);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = peel(&call.func)
            && let Some(name) = last_ident(&path.path)
            && matches!(
                name.to_string().as_str(),
                "sleep" | "sleep_ms" | "delay_for"
            )
            && let Some(delay) = call.args.first()
        {
            self.delays.push(delay);
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let name = call.method.to_string();
        if name.starts_with("compare_") || name == "fetch_update" || name.starts_with("try_lock") {
            self.compare_and_swap = true;
        }
        if call.method == "sleep"
            && let Some(delay) = call.args.first()
        {
            self.delays.push(delay);
        }
        visit::visit_expr_method_call(self, call);
    }
}
