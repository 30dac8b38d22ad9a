//! # What it finds
//!
//! A retry loop that tries a failed operation again immediately, or after a fixed delay, or after a
//! growing delay without jitter.
//!
//! A retry loop is a `loop`, a `while` (not `while let`) or a `for` over a range, whose body leaves
//! the loop on success (an `Ok(..)` arm or `is_ok()` check that `break`s or `return`s; every `Ok`
//! arm, not a keep-alive's `Ok(Some(_)) => {}` that goes on to the next round) and goes round again
//! on failure (an `Err(_)`/`Err(e)` arm that does not always leave, or `continue`s: also one that
//! records the error, `last = Some(e)`, and a guarded or specific `Err(E::Locked) if n < 5` arm
//! that sleeps or yields); and `while let Err(e) = op() { .. }`. A wait is a `sleep(d)` (tokio's,
//! std's, async-std's), or the timer of a runtime without one
//! (`futures_timer::Delay::new(d).await`, smol's `Timer::after(d).await`), also as a branch of a
//! `select!` that a signal to stop may cut short (`select! { _ = &mut exit_rx => return, _ =
//! sleep(RETRY_DELAY) => continue }`), or a timeout around a wait for that signal
//! (`tokio::time::timeout(d, stop_receiver.changed()).await`, whose `Ok` says "stop", not that an
//! attempt succeeded); not a timer that a `select!` races against another future whose answer it
//! reads (`let patience = sleep(d); select! { r = ticket => .., _ = patience => .. }`, `answer =
//! client.send() => answer, _ = sleep(d) => continue`), which is a deadline for that future. A loop
//! paced by an interval's tick (`ticker.tick().await`) polls at the rate the interval was made
//! with, outside the loop: it is left alone, as a delay computed by something the checker cannot
//! see into is. A failure handler that awaits something else may be waiting, unseen (`Err(e) =>
//! handle(e).await`; the body of `while let Err(not_until) = limiter.check() {
//! runtime.wait(not_until.wait_time_from(now)) .await }`, a rate limiter's wait as long as the
//! failure says): it is left alone, as is a `while` whose condition awaits (`while
//! policy.attempt().await`: a retry policy that waits before each round), and a loop that waits
//! for something to appear: the only failures it goes round on say "not found" or "not ready"
//! (`Err(E::Starknet(e)) if e.code == BlockNotFound => sleep(500ms).await`, `Err(e) if e.kind()
//! == ErrorKind::NotFound`), and every other one leaves. Yielding
//! (`tokio::task::yield_now().await`,
//! `thread::yield_now()`) is not backing off: the next attempt comes as soon as the scheduler
//! allows, even when the arm takes back what the failure handed over (`Err(Full(job)) => { next =
//! job; yield_now().await }`). Loops over collections (also by hand: a loop that takes `it.next()`
//! or `stream.try_next().await` each round, receives the next datagram, message or connection,
//! `socket.recv(&mut buf)`, `listener.accept()`, reads the next line or answer of a prompt
//! (`read_line*`, dialoguer's `.interact_text()`, inquire's `.prompt()`), or starts each round with
//! `let Some(x) = .. else { return }`), compare-and-swap loops, loops that wait for a state
//! (`try_lock()`, a channel's `try_recv()`, a child process's `try_wait()`, a non-blocking or
//! interrupted call whose arm names `EAGAIN`/`EWOULDBLOCK`/`WouldBlock` or `EINTR`/`Interrupted`
//! (or a lock file's `AlreadyExists`/`EEXIST`: another process holds it),
//! in its pattern or its body (`if e.kind() != WouldBlock { return Err(e) }`): `Err(Errno::EAGAIN)
//! => sleep(POLL)` is how a non-blocking socket is used) and retries through `backon`, `backoff`,
//! `tokio-retry` or an exponential backoff policy (also in the condition of a `while let Err(e) =
//! tryhard::retry_fn(..).exponential_backoff(..)`) are left alone, and so is a loop that polls a
//! future or stream by hand (`self.s.poll()`, `stream.poll_next(cx)`): a state machine, as `poll_*`
//! fns are. So are loops whose `Err` arm moves the input on (`bytes = &bytes[n..]`, `at +=
//! skipped`, `path = format!("{base}_{count}")`, a buffer grown, `multiplier *= 2` or
//! `buf.reserve(n)`, where the operation reads `bytes`, `at` or `path`, also through the local a
//! round binds it to first: `let file = File::create_new(&path); match file { .. }`): the next
//! round is a different operation, as in a decoder or a parser, not the same one again; so are
//! loops whose operation reads a value the round makes from the loop's counter (also one a `loop`
//! counts by hand, `i += 1`, or down, `block_n -= 1`, or an iterator keeps in a field: `while
//! self.index < self.paths.len() { let path = &self.paths[self.index]; self.index += 1; .. }`,
//! also through a conversion of what it read: `Ok(text) => match from_str(&text)`) or
//! draws at random (`let port = start +
//! (offset + i) % size`, `folder.push_str(&format!("-{i}"))`, `let port =
//! rand::random_range(ports)`): each round claims another candidate, a search (passing the
//! attempt's number along, `send(request, attempt)`, is still the same request); and so are loops
//! that take what failed out of the candidates they pick from (`parents.retain(|p| p.id !=
//! parent.id)`, then `select(&parents)`; `while !candidates.is_empty()` around a pick that is lent
//! them, `sample(&mut candidates)`): a failover to the next replica. An `Err` arm whose value is
//! the error itself (`Err(counter) => counter`, as `Arc::try_unwrap` hands the value back) waits
//! for a state, not for a failing dependency. Nor is a loop that polls the local machine (its body
//! names `localhost`, `127.0.0.1` or `[::1]`: `client.get(format!( "http://localhost:{port}/"))`
//! until the child process it just started answers), or binds a listener to one of its ports
//! (`TcpListener::bind(addr).await` until a previous instance lets the port go): one client, no
//! herd for jitter to spread. Nor is a loop in a fn named for waiting until a state holds
//! (`wait_for_db`, `wait_until_ready`, `try_wait_leader_elected`, `await_rack_initialization`): it
//! polls for that state, the wait its callers asked for.
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

use std::ops::ControlFlow;

use syn::visit::{self, Visit};

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::index::RetKind;
use crate::syntax::handlers::{Handling, delay_of, handling, interruptible_pause};
use crate::syntax::macros::{SelectBranch, is_panic_macro, select_branches};
use crate::syntax::nodes::{last_ident, macro_name, names_a_constant, peel};
use crate::syntax::operations::{Operation, operation};
use crate::syntax::patterns::{ErrInner, err_pattern, is_ok_pattern};
use crate::syntax::visitors::{Descend, Node, Root, any_node, for_each_node, mentions, mentions_word};
use crate::walk::{Cx, FnCx, Hooks};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "retry_without_backoff";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "a retry loop retries at once or at a fixed pace, with no exponential backoff or jitter",
    docs_source: include_str!("retry_without_backoff.rs"),
    allowed_by: &[],
    // A loop leaves on success and goes round on failure: an `Err(..)` or `Ok(..)` pattern
    // (`while let Err`, a `match`, `if let Ok`), or `.is_ok()`.
    triggers: &[
        Trigger::Pattern("Err"),
        Trigger::Pattern("Ok"),
        Trigger::Word("is_ok"),
    ],
    kind: RuleKind::Checked(Hooks {
        expr: Some(check_expr),
        ..Hooks::NONE
    }),
};

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    // `while let Err(e) = op() { .. }`: a retry loop by its shape, whatever the body does.
    let mut retries_by_shape = false;
    // `for attempt in 0..5`, `while attempts < 5 { .. attempts += 1 }`: a bounded number of tries,
    // counted by these locals.
    let mut counters: Option<Vec<&syn::Ident>> = None;
    let (keyword, body) = match expr {
        syn::Expr::While(looped)
            if matches!(peel(&looped.cond), syn::Expr::Let(let_expr)
                if err_pattern(&let_expr.pat).is_some()
                    && operation(&let_expr.expr).is_unknown()
                    && !is_compare_and_swap(&let_expr.expr)
                    // `while let Err(e) = tryhard::retry_fn(..).exponential_backoff(..).await`
                    && !mentions_backoff_library(&*let_expr.expr)) =>
        {
            retries_by_shape = true;
            (looped.while_token.span, &looped.body)
        }
        syn::Expr::Loop(looped) => (looped.loop_token.span, &looped.body),
        // `while policy.attempt().await { .. }`: each round first awaits its condition, a retry
        // policy's wait (curvine's `TimeBondedRetry` sleeps, doubling) the body cannot show.
        syn::Expr::While(looped) if awaits(&*looped.cond) => return,
        syn::Expr::While(looped) if !matches!(peel(&looped.cond), syn::Expr::Let(_)) => {
            counters = counted_up_to_a_bound(&looped.cond, &looped.body).map(|counter| vec![counter]);
            (looped.while_token.span, &looped.body)
        }
        syn::Expr::ForLoop(looped) if matches!(peel(&looped.expr), syn::Expr::Range(_)) => {
            counters = Some(match &*looped.pat {
                syn::Pat::Ident(binding) => vec![&binding.ident],
                _ => Vec::new(),
            });
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
    let scan = RetryScan::of(body);
    let continues_then_exits = scan.continues_on_failure && block_exits_unconditionally(body);
    let matched_retry = (scan.exits_on_success && scan.repeats_on_failure)
        || continues_then_exits
        || retries_by_shape;
    // `if let Ok(x) = next() { return x }` also reads a stream until a good item comes; only a
    // sleep between attempts, or a count of them, makes it a retry.
    // An operation that reads a value made from the counter, or drawn at random, each round
    // tries another input each time (a random port, the next slot `(start + i) % size`): a
    // search, not a retry. So does a check that reads the counter (`bind(("0", port))` over
    // ports); a `match` on `send(request, attempt)` only tells the attempt's number.
    let is_counted = counters.is_some();
    let counters = counters.unwrap_or_default();
    // A `loop` that counts its rounds by hand (`i += 1`) reads its counter as a `for` does.
    let stepped = match expr {
        syn::Expr::Loop(_) => counted_up(body),
        _ => Vec::new(),
    };
    let inputs = inputs_of_the_round(body, &[counters.as_slice(), stepped.as_slice()].concat());
    let reads = |operation: &syn::Expr, locals: &[&syn::Ident]| {
        locals.iter().any(|local| mentions(operation, local))
    };
    let counts_attempts = is_counted
        && !scan
            .ok_checks
            .iter()
            .any(|check| reads(check, &counters) || reads(check, &inputs));
    let polled_retry = scan.exits_when_ok && (!scan.delays.is_empty() || counts_attempts);
    // A conversion of what the round read from its input (`Ok(content) =>
    // serde_json::from_str(&content)` after reading the round's file) fails on that input too.
    let read_from_inputs = read_from(body, &inputs);
    let searches = !scan.retried.is_empty()
        && scan.retried.iter().all(|retried| {
            reads(retried, &inputs)
                || (operation(retried) == Operation::Conversion
                    && reads(retried, &read_from_inputs))
        });
    if !(matched_retry || polled_retry)
        || searches
        || scan.compare_and_swap
        || mentions_backoff_library(body)
        || reads_a_sequence(body)
        || fails_over(body, while_condition(expr))
        || polls(body)
        || polls_the_local_machine(body)
        || waits_for_it_to_appear(body)
        || (!scan.retried.is_empty() && scan.retried.iter().all(|op| binds_a_port(op)))
        || cx.enclosing_fn().is_some_and(waits_for_a_state)
    {
        return;
    }
    let span = SpanRange::single(keyword);
    if scan.delays.is_empty() && scan.paced.is_empty() {
        // `Err(e) => handle_error(e).await` may well wait; the engine cannot see into it. Nor
        // into the body of `while let Err(not_until) = limiter.check() { let delay =
        // not_until.wait_time_from(now); runtime.wait(delay).await }`, all of which handles
        // the failure: a rate limiter's wait, as long as the error says.
        if scan.failure_awaits || (retries_by_shape && awaits(body)) {
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
    // `for i in 0..10 { sleep(Duration::from_secs(i)) }` waits longer each round.
    let grows_with_the_count = |delay: &syn::Expr| reads(delay, &counters);
    let delays: Vec<Delay> = scan
        .delays
        .iter()
        .map(|delay| {
            if grows_with_the_count(delay) {
                Delay::Growing
            } else {
                classify_delay(delay, body)
            }
        })
        .chain(scan.paced.iter().copied())
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
    if scan
        .delays
        .iter()
        .any(|delay| mentions_word(*delay, JITTER_WORDS))
        || mentions_word(body, JITTER_WORDS)
    {
        return;
    }
    cx.report(Finding::new(
        ID,
        span,
        "this retry loop backs off without jitter",
        "add random jitter to every delay (`sleep(delay.mul_f64(0.5 + rand::random::<f64>()))`), \
         or use `backon` with `.with_jitter()`",
    ));
    // A delay computed elsewhere in the fn (`let jitter = rand::random(); .. sleep(base + jitter)`)
    // is only seen once the whole fn is.
    cx.retract_at_fn_end(|body| mentions_word(body, JITTER_WORDS));
}

/// A fn named for waiting until a state holds (`wait_for_db`, `wait_until_ready`,
/// `try_wait_leader_elected`, `await_rack_initialization`): its loop polls for that state, the
/// wait its callers asked for, not a retry of a failure.
fn waits_for_a_state(fn_cx: &FnCx) -> bool {
    fn_cx.name.as_deref().is_some_and(|name| {
        let name = name.strip_prefix("try_").unwrap_or(name);
        name.starts_with("wait_") || name.starts_with("await_")
    })
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
            let Some(name) = path.path.get_ident() else {
                return Delay::Constant;
            };
            if names_a_constant(name) {
                return Delay::Constant;
            }
            assignments_to(&name.to_string(), body)
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
        // `if let Some(delay) = strategy.next_delay()` (walrus's backoff): computed in the
        // loop, by what is not seen. Not an option given (`if let Some(d) = delay`), whose
        // value is the same each round.
        fn visit_expr_let(&mut self, bound: &'ast syn::ExprLet) {
            if matches!(peel(&bound.expr), syn::Expr::Call(_) | syn::Expr::MethodCall(_))
                && binds(&bound.pat, self.name)
            {
                self.result = merge(self.result, Delay::Unknown);
            }
            visit::visit_expr_let(self, bound);
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

/// Whether a pattern binds `name` (`Some(delay)`, `(delay, _)`).
fn binds(pat: &syn::Pat, name: &str) -> bool {
    match pat {
        syn::Pat::Ident(ident) => ident.ident == name,
        syn::Pat::TupleStruct(tuple) => tuple.elems.iter().any(|elem| binds(elem, name)),
        syn::Pat::Tuple(tuple) => tuple.elems.iter().any(|elem| binds(elem, name)),
        syn::Pat::Reference(reference) => binds(&reference.pat, name),
        _ => false,
    }
}

/// Whether the arm's value is the bound error itself, or the arm assigns it to something.
fn hands_back(operation: &syn::Expr, body: &syn::Expr, binding: &syn::Ident) -> bool {
    struct HandsBack<'b> {
        operation: &'b syn::Expr,
        binding: &'b syn::Ident,
        found: bool,
    }
    impl<'ast> Visit<'ast> for HandsBack<'_> {
        fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
            // `current = actual` where the operation reads `current`: the next attempt starts
            // from what the failure handed back. `last = Some(e)` only records the error.
            if mentions(&*assign.right, self.binding)
                && local_name(&assign.left).is_some_and(|name| mentions(self.operation, name))
            {
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
        operation,
        binding,
        found: false,
    };
    finder.visit_expr(body);
    finder.found
}

/// Whether `body` assigns to a local that the operation reads (`op(bytes)`, `parse(&s[at..])`).
fn advances_input(operation: &syn::Expr, body: &syn::Expr) -> bool {
    let mut assigned: Vec<&syn::Ident> = Vec::new();
    for_each_node(body, Descend::Body, |node| {
        match node {
            // `timeout = timeout * 2` is a backoff of the same operation, not new input.
            Node::Expr(syn::Expr::Assign(assign)) if !has_growth(&assign.right) => {
                assigned.extend(local_name(&assign.left));
            }
            Node::Expr(syn::Expr::Binary(binary))
                if matches!(
                    binary.op,
                    syn::BinOp::AddAssign(_) | syn::BinOp::SubAssign(_)
                ) =>
            {
                assigned.extend(local_name(&binary.left));
            }
            // `multiplier *= 2` before `decompress(value, multiplier * value.len())`: a bigger
            // buffer for the same input, not a longer wait (`timeout *= 2`).
            Node::Expr(syn::Expr::Binary(binary))
                if matches!(binary.op, syn::BinOp::MulAssign(_) | syn::BinOp::ShlAssign(_)) =>
            {
                assigned.extend(
                    local_name(&binary.left).filter(|local| !names_a_wait(&local.to_string())),
                );
            }
            // `buffer.reserve(n)`, `bytes.extend(more)`: the input itself grown.
            Node::Expr(syn::Expr::MethodCall(call))
                if ["reserve", "reserve_exact", "resize", "extend", "extend_from_slice"]
                    .iter()
                    .any(|grows| call.method == grows) =>
            {
                assigned.extend(local_name(&call.receiver));
            }
            _ => {}
        }
        ControlFlow::<()>::Continue(())
    });
    assigned.into_iter().any(|ident| mentions(operation, ident))
}

/// Whether a local's name says it is a wait or a deadline (`timeout`, `retry_delay`,
/// `backoff`), which grows without changing what the operation is given.
fn names_a_wait(name: &str) -> bool {
    ["timeout", "delay", "wait", "backoff", "interval", "sleep", "duration"]
        .iter()
        .any(|word| name.contains(word))
}

/// `name` in `name = ..`, `name += ..`.
fn local_name(place: &syn::Expr) -> Option<&syn::Ident> {
    match peel(place) {
        syn::Expr::Path(path) => path.path.get_ident(),
        _ => None,
    }
}

/// Errors that say "not ready yet" or "interrupted, call again": `EAGAIN`/`EWOULDBLOCK`,
/// `ErrorKind::WouldBlock`, `EINTR`/`ErrorKind::Interrupted`, and a lock file another process
/// holds (`fs::create_dir(&lock)` answering `ErrorKind::AlreadyExists`/`EEXIST`). Calling again
/// is how a non-blocking or interrupted call, or a wait for a lock, is used, not a retry of a
/// failure.
const NOT_READY_YET: &[&str] = &[
    "eagain",
    "ewouldblock",
    "wouldblock",
    "eintr",
    "interrupted",
    "alreadyexists",
    "eexist",
];

/// Whether the body waits: `sleep(..)`, `thread::sleep(..)`, `.sleep(..)`, `delay_for(..)`,
/// `Delay::new(..)`, `Timer::after(..)`.
fn sleeps(body: &syn::Expr) -> bool {
    any_node(body, Descend::Body, |node| match node {
        Node::Expr(syn::Expr::Call(call)) => delay_of(call).is_some(),
        Node::Expr(syn::Expr::MethodCall(call)) => call.method == "sleep",
        _ => false,
    })
}

/// The delays of timers bound to a local that a `select!` races against another future (`let
/// patience = sleep(batch_timeout); tokio::select! { r = ticket => .., _ = patience => .. }`):
/// a deadline for the other branch, not a pause between attempts.
fn raced_timers(body: &syn::Block) -> Vec<&syn::Expr> {
    let mut raced: Vec<syn::Ident> = Vec::new();
    for_each_node(body, Descend::Iteration, |node| {
        if let Node::Macro(mac) = node {
            let branches = select_branches(mac).unwrap_or_default();
            raced.extend(branches.iter().filter_map(|branch| match peel(&branch.future) {
                syn::Expr::Path(path) => path.path.get_ident().cloned(),
                _ => None,
            }));
        }
        ControlFlow::<()>::Continue(())
    });
    if raced.is_empty() {
        return Vec::new();
    }
    let mut timers = Vec::new();
    for stmt in &body.stmts {
        if let syn::Stmt::Local(local) = stmt
            && let syn::Pat::Ident(binding) = &local.pat
            && raced.contains(&binding.ident)
            && let Some(init) = &local.init
            && let syn::Expr::Call(call) = peel(&init.expr)
        {
            timers.extend(delay_of(call));
        }
    }
    timers
}

/// The locals the loop body binds to a value that differs each round: computed from the loop's
/// counter (`let port = start + (offset + i) % size`) or drawn at random (`let port =
/// rand::random::<u16>()`), and those made from them (`let key = Key::new(ip, port)`).
fn inputs_of_the_round<'a>(body: &'a syn::Block, counters: &[&'a syn::Ident]) -> Vec<&'a syn::Ident> {
    /// `folder.push_str(&format!("-{i}"));`: a local changed, as a statement of its own, by a
    /// call that reads the round (not `client.send(request, attempt)`, whose value is used).
    struct Changed<'a, 'r> {
        round: &'r [&'a syn::Ident],
        changed: Vec<&'a syn::Ident>,
    }
    impl<'a> Visit<'a> for Changed<'a, '_> {
        fn visit_stmt(&mut self, stmt: &'a syn::Stmt) {
            if let syn::Stmt::Expr(syn::Expr::MethodCall(call), Some(_)) = stmt
                && let syn::Expr::Path(path) = peel(&call.receiver)
                && let Some(local) = path.path.get_ident()
                && call
                    .args
                    .iter()
                    .any(|arg| self.round.iter().any(|input| mentions(arg, input)))
            {
                self.changed.push(local);
            }
            visit::visit_stmt(self, stmt);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    }
    let mut inputs: Vec<&syn::Ident> = Vec::new();
    for stmt in &body.stmts {
        let mut round = counters.to_vec();
        round.extend(&inputs);
        match stmt {
            syn::Stmt::Local(local) => {
                // Also typed: `let bytes: [u8; 32] = rand::random();`.
                let pat = match &local.pat {
                    syn::Pat::Type(typed) => &*typed.pat,
                    pat => pat,
                };
                let (syn::Pat::Ident(binding), Some(init)) = (pat, &local.init) else {
                    continue;
                };
                if round.iter().any(|input| mentions(&*init.expr, input))
                    || mentions_word(&*init.expr, RANDOM_WORDS)
                {
                    inputs.push(&binding.ident);
                }
            }
            other => {
                let mut changed = Changed {
                    round: &round,
                    changed: Vec::new(),
                };
                changed.visit_stmt(other);
                inputs.extend(changed.changed);
            }
        }
    }
    inputs
}

/// The values a `match` in `body` binds on success (`Ok(content)`) of an operation that reads
/// one of `inputs`: what the round read from its own input.
fn read_from<'a>(body: &'a syn::Block, inputs: &[&syn::Ident]) -> Vec<&'a syn::Ident> {
    struct OkBindings<'a, 'i> {
        inputs: &'i [&'i syn::Ident],
        read: Vec<&'a syn::Ident>,
    }
    impl<'a> Visit<'a> for OkBindings<'a, '_> {
        fn visit_expr_match(&mut self, matched: &'a syn::ExprMatch) {
            if self.inputs.iter().any(|input| mentions(&*matched.expr, input)) {
                for arm in &matched.arms {
                    if let syn::Pat::TupleStruct(ok) = &arm.pat
                        && ok.path.is_ident("Ok")
                        && let [syn::Pat::Ident(binding)] = &ok.elems.iter().collect::<Vec<_>>()[..]
                    {
                        self.read.push(&binding.ident);
                    }
                }
            }
            visit::visit_expr_match(self, matched);
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    }
    let mut bindings = OkBindings {
        inputs,
        read: Vec::new(),
    };
    bindings.visit_block(body);
    bindings.read
}

/// `loop { .. i += 1; }`: the locals a `loop`'s body counts up (or down, `block_n -= 1`, madara's
/// walk back to a common ancestor), at its top level; also a field of `self` (an iterator's
/// `self.index += 1`).
fn counted_up(body: &syn::Block) -> Vec<&syn::Ident> {
    body.stmts
        .iter()
        .filter_map(|stmt| match stmt {
            syn::Stmt::Expr(syn::Expr::Binary(step), _)
                if matches!(step.op, syn::BinOp::AddAssign(_) | syn::BinOp::SubAssign(_)) =>
            {
                counter_name(&step.left)
            }
            _ => None,
        })
        .collect()
}

const RANDOM_WORDS: &[&str] = &["rand", "random", "rng"];

/// `while attempts < N { .. attempts += 1 }`: the local (or field of `self`: `while self.index <
/// self.paths.len() { .. self.index += 1 }`) the condition bounds and the body counts up.
fn counted_up_to_a_bound<'a>(cond: &'a syn::Expr, body: &syn::Block) -> Option<&'a syn::Ident> {
    let syn::Expr::Binary(compare) = peel(cond) else {
        return None;
    };
    if !matches!(compare.op, syn::BinOp::Lt(_) | syn::BinOp::Le(_)) {
        return None;
    }
    let counter = counter_name(&compare.left)?;
    any_node(body, Descend::Body, |node| {
        matches!(node, Node::Expr(syn::Expr::Binary(step))
            if matches!(step.op, syn::BinOp::AddAssign(_))
                && counter_name(&step.left) == Some(counter))
    })
    .then_some(counter)
}

/// A count kept in a local (`attempts`) or in a field of `self` (`self.index`): the name the
/// rounds read it by.
fn counter_name(place: &syn::Expr) -> Option<&syn::Ident> {
    match peel(place) {
        syn::Expr::Field(field)
            if matches!(peel(&field.base), syn::Expr::Path(base) if base.path.is_ident("self")) =>
        {
            match &field.member {
                syn::Member::Named(name) => Some(name),
                syn::Member::Unnamed(_) => None,
            }
        }
        place => local_name(place),
    }
}

/// Whether the body yields to the scheduler: `yield_now()`, `tokio::task::yield_now().await`.
fn yields(body: &syn::Expr) -> bool {
    any_node(body, Descend::Body, |node| is_yield(node))
}

fn is_yield(node: Node<'_>) -> bool {
    matches!(node, Node::Expr(syn::Expr::Call(call)) if matches!(peel(&call.func),
        syn::Expr::Path(path) if last_ident(&path.path).is_some_and(|name| name == "yield_now")))
}

/// Whether the body awaits something that may be a delay (a yield is not one).
fn awaits<'ast>(code: &'ast impl Root<'ast>) -> bool {
    any_node(code, Descend::Body, |node| {
        matches!(node, Node::Expr(syn::Expr::Await(awaited))
            if !is_yield(Node::Expr(peel(&awaited.base))))
    })
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
    /// The conditions of those checks (`op().is_ok()`, `let Ok(x) = op()`).
    ok_checks: Vec<&'ast syn::Expr>,
    /// The operations of the `match`es that leave on success and go round on failure.
    retried: Vec<&'ast syn::Expr>,
    /// A failure arm awaits something, which may be a delay.
    failure_awaits: bool,
    /// The loop calls `compare_exchange` or `fetch_update`: a lost race is retried at once by design.
    compare_and_swap: bool,
    delays: Vec<&'ast syn::Expr>,
    /// The pauses the loop takes that are not a timer called in its body: a `select!` branch on
    /// a timer (`_ = sleep(RETRY_DELAY) => continue`, raced against a signal to stop), and an
    /// interval's tick, whose period is set where the interval is made (`Unknown`).
    paced: Vec<Delay>,
    /// The locals each round binds first (`let file = File::create_new(&path);`), whose
    /// operation a `match file { .. }` is.
    round_locals: Vec<(&'ast syn::Ident, &'ast syn::Expr)>,
}

/// Operations whose "failure" is a lost race, retried at once by design.
fn is_compare_and_swap(scrutinee: &syn::Expr) -> bool {
    let mut expr = peel(scrutinee);
    while let syn::Expr::Await(inner) = expr {
        expr = peel(&inner.base);
    }
    matches!(expr, syn::Expr::MethodCall(call) if races_or_polls(&call.method.to_string()))
}

/// A compare-and-swap (`compare_exchange`, `fetch_update`), a lock tried (`try_lock*`), a
/// channel polled (`rx.try_recv()`) or a child process asked whether it has exited
/// (`child.try_wait()`): the loop waits for a state, not for a failing dependency.
fn races_or_polls(method: &str) -> bool {
    method.starts_with("compare_")
        || method == "fetch_update"
        || method.starts_with("try_lock")
        || method == "try_recv"
        || method == "try_wait"
}

impl<'ast> RetryScan<'ast> {
    /// Scans one iteration of the loop body (not nested loops, closures or items).
    fn of(body: &'ast syn::Block) -> Self {
        let mut scan = Self::default();
        for statement in &body.stmts {
            if let syn::Stmt::Local(local) = statement
                && let syn::Pat::Ident(binding) = &local.pat
                && let Some(init) = &local.init
            {
                scan.round_locals.push((&binding.ident, &init.expr));
            }
        }
        for_each_node(body, Descend::Iteration, |node| {
            match node {
                Node::Expr(syn::Expr::Match(matched)) => scan.look_at_match(matched),
                Node::Expr(syn::Expr::If(if_expr)) => scan.look_at_if(if_expr),
                Node::Expr(syn::Expr::Call(call)) => scan.delays.extend(delay_of(call)),
                Node::Expr(expr @ syn::Expr::Await(awaited)) => {
                    // `timeout(INTERVAL, stop_receiver.changed()).await`: a pause that a stop
                    // signal may cut short.
                    if let Some(delay) = interruptible_pause(expr) {
                        scan.paced.push(classify_delay(delay, body));
                    } else if matches!(peel(&awaited.base), syn::Expr::MethodCall(call)
                        if call.method == "tick" && call.args.is_empty())
                    {
                        // `ticker.tick().await`: tokio's interval, at the period it was made
                        // with (not a progress bar's `bar.tick()`, which waits for nothing).
                        scan.paced.push(Delay::Unknown);
                    }
                }
                // `select! { _ = &mut exit_rx => return, _ = sleep(RETRY_DELAY) => continue }`:
                // a pause that a signal may cut short. Not where another branch reads what its
                // future answered (`res = client.call() => match res { .. }`): the timer is a
                // deadline for that call.
                Node::Macro(mac) => {
                    let branches = select_branches(mac).unwrap_or_default();
                    let reads_an_answer = |branch: &SelectBranch| {
                        branch
                            .binding
                            .as_ref()
                            .is_some_and(|binding| mentions(&branch.handler, binding))
                    };
                    for branch in &branches {
                        if let syn::Expr::Call(timer) = peel(&branch.future)
                            && let Some(delay) = delay_of(timer)
                            && !branches.iter().any(reads_an_answer)
                        {
                            scan.paced.push(classify_delay(delay, body));
                        }
                    }
                }
                Node::Expr(syn::Expr::MethodCall(call)) => {
                    if races_or_polls(&call.method.to_string()) {
                        scan.compare_and_swap = true;
                    }

                    if call.method == "sleep"
                        && let Some(delay) = call.args.first()
                    {
                        scan.delays.push(delay);
                    }
                }
                _ => {}
            }
            ControlFlow::<()>::Continue(())
        });
        let raced = raced_timers(body);
        scan.delays.retain(|delay| !raced.iter().any(|timer| std::ptr::eq(*timer, *delay)));
        scan
    }

    /// The operation a scrutinee is: itself, or what the round bound the local it names to.
    fn operation_of(&self, scrutinee: &'ast syn::Expr) -> &'ast syn::Expr {
        match peel(scrutinee) {
            syn::Expr::Path(path) => path
                .path
                .get_ident()
                .and_then(|name| {
                    self.round_locals
                        .iter()
                        .find(|(local, _)| *local == name)
                        .map(|(_, init)| *init)
                })
                .unwrap_or(scrutinee),
            _ => scrutinee,
        }
    }

    fn look_at_match(&mut self, matched: &'ast syn::ExprMatch) {
        // `match timeout(d, stop.changed()).await { Ok(_) => break, Err(_) => {} }`: a pause
        // that ended early on a stop signal, not an attempt that succeeded.
        if !is_compare_and_swap(&matched.expr) && interruptible_pause(&matched.expr).is_none() {
            // A guarded `Err(e) if e.kind() == Interrupted` is a specific case, retried at once by design.
            // `Err(actual) => current = actual`: a lost race hands back the state to try with next.
            let operation = self.operation_of(&matched.expr);
            let catch_all_err = |arm: &syn::Arm| {
                // `Err(Errno::EAGAIN) => sleep(POLL)`, `Err(e) if e.kind() == Interrupted`: the
                // call said "not ready yet" or "interrupted", not that something failed.
                if mentions_word(&arm.pat, NOT_READY_YET)
                    || mentions_word(&*arm.body, NOT_READY_YET)
                {
                    return false;
                }
                err_pattern(&arm.pat).is_some_and(|err| {
                    // `Err(Full(job)) => { next = job; yield_now().await }`: the same
                    // operation again, as soon as the scheduler allows.
                    if !exits_unconditionally(&arm.body) && yields(&arm.body) {
                        return true;
                    }
                    // `Err(e) => bytes = &bytes[e.valid_up_to()..]`: the next round works on
                    // other input. That is iteration (a parser, a decoder), not a retry.
                    if advances_input(operation, &arm.body) {
                        return false;
                    }
                    if let ErrInner::Bound(binding) = err.inner
                        && hands_back(&matched.expr, &arm.body, binding)
                    {
                        return false;
                    }
                    // `Err(E::Locked) if n < 5 => { n += 1; sleep(d) }`: a chosen error,
                    // retried after a wait.
                    if !exits_unconditionally(&arm.body) && sleeps(&arm.body) {
                        return true;
                    }
                    !matches!(err.inner, ErrInner::Specific) && err.guard.is_none()
                })
            };
            // Every plain success leaves: a loop that goes on after `Ok(Some(_)) => {}` and
            // stops on `Ok(None)` does its work each round (a keep-alive), it does not retry. A
            // guarded `Ok(r) if r.status() == 503` and an `Ok(Err(e))` are failures of their own.
            let success = matched
                .arms
                .iter()
                .any(|arm| is_ok_pattern(&arm.pat) && exits_unconditionally(&arm.body))
                && matched
                    .arms
                    .iter()
                    .filter(|arm| {
                        is_ok_pattern(&arm.pat)
                            && !matches!(arm.pat, syn::Pat::Guard(_))
                            && !holds_an_error(&arm.pat)
                    })
                    .all(|arm| exits_unconditionally(&arm.body));
            let failure = matched.arms.iter().any(|arm| {
                catch_all_err(arm)
                    && (may_continue(&arm.body)
                        || (!exits_unconditionally(&arm.body)
                            && handling(&arm.body, None, None) != Handling::Panics))
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
                self.retried.push(&matched.expr);
                self.failure_awaits |= matched
                    .arms
                    .iter()
                    .any(|arm| catch_all_err(arm) && awaits(&*arm.body));
            }
        }
    }

    fn look_at_if(&mut self, if_expr: &'ast syn::ExprIf) {
        let success_check = match peel(&if_expr.cond) {
            syn::Expr::Let(let_expr) => {
                is_ok_pattern(&let_expr.pat)
                    && !is_compare_and_swap(&let_expr.expr)
                    && interruptible_pause(&let_expr.expr).is_none()
            }
            // `if timeout(d, stop.changed()).await.is_ok() { break }`: stopped, not succeeded.
            syn::Expr::MethodCall(call) => {
                call.method == "is_ok" && interruptible_pause(&call.receiver).is_none()
            }
            _ => false,
        };
        if success_check {
            self.ok_checks.push(&if_expr.cond);
        }
        let then_exits = block_exits_unconditionally(&if_expr.then_branch);
        let else_exits = if_expr
            .else_branch
            .as_ref()
            .is_some_and(|(_, branch)| exits_unconditionally(branch));
        if success_check && then_exits && !else_exits {
            self.exits_when_ok = true;
        }
    }
}

/// Whether the loop waits for something to appear: the only failures it goes round on say
/// "not found" or "not ready" (`Err(StarknetError(e)) if e.code == BlockNotFound => {
/// sleep(500ms).await; continue }`, pathfinder's signature of a block not published yet; `Err(e)
/// if e.kind() == ErrorKind::NotFound`, curvine's sysfs entry the kernel is still making), and
/// every other failure leaves. It polls for a state; no failing service is hammered.
fn waits_for_it_to_appear(body: &syn::Block) -> bool {
    const ABSENT: &[&str] = &["notfound", "not_found", "notready", "not_ready", "notyet"];
    // `if !e.is_not_found()`, `if e.kind() != NotFound`: an arm that goes round on the rest.
    let negates = |guard: &syn::Expr| {
        any_node(guard, Descend::Body, |node| {
            matches!(node, Node::Expr(syn::Expr::Unary(syn::ExprUnary { op: syn::UnOp::Not(_), .. }))
                | Node::Expr(syn::Expr::Binary(syn::ExprBinary { op: syn::BinOp::Ne(_), .. })))
        })
    };
    any_node(body, Descend::Iteration, |node| {
        let Node::Expr(syn::Expr::Match(matched)) = node else {
            return false;
        };
        let mut goes_round_on_an_absence = false;
        for arm in &matched.arms {
            if err_pattern(&arm.pat).is_none() || exits_unconditionally(&arm.body) {
                continue;
            }
            let negated = matches!(&arm.pat, syn::Pat::Guard(guarded) if negates(&guarded.guard));
            if negated || !mentions_word(&arm.pat, ABSENT) {
                return false;
            }
            goes_round_on_an_absence = true;
        }
        goes_round_on_an_absence
    })
}

/// `Ok(Err(..))`: the outer call succeeded, the operation inside failed.
fn holds_an_error(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Paren(paren) => holds_an_error(&paren.pat),
        syn::Pat::TupleStruct(ok) => ok.elems.iter().any(|inner| err_pattern(inner).is_some()),
        _ => false,
    }
}

/// Whether a statement-level `return`/`break` leaves unconditionally: the expression itself, or
/// a block whose last statement does.
fn exits_unconditionally(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Return(_) | syn::Expr::Break(_) => true,
        syn::Expr::Block(block) => block_exits_unconditionally(&block.block),
        syn::Expr::Macro(mac) => macro_name(&mac.mac).is_some_and(|name| is_panic_macro(&name)),
        _ => false,
    }
}

/// Whether a block ends with `return`/`break` (or a panic).
fn block_exits_unconditionally(block: &syn::Block) -> bool {
    block.stmts.iter().any(|stmt| match stmt {
        syn::Stmt::Expr(expr, _) => exits_unconditionally(expr),
        syn::Stmt::Macro(mac) => macro_name(&mac.mac).is_some_and(|name| is_panic_macro(&name)),
        _ => false,
    })
}

/// Whether `continue` appears anywhere in `expr` (not in closures or nested loops).
fn may_continue(expr: &syn::Expr) -> bool {
    any_node(expr, Descend::Iteration, |node| {
        matches!(node, Node::Expr(syn::Expr::Continue(_)))
    })
}

/// Identifiers that mean the delay is randomized.
const JITTER_WORDS: &[&str] = &["rand", "jitter", "random", "rng", "fastrand"];

/// Whether the loop takes the next item of a sequence each round (`let Some(path) =
/// paths.next() else { return }`, `match watcher.try_next().await`): a loop over a collection or
/// a stream written by hand, whose next round works on another item.
///
/// So is a loop that receives each round (`socket.recv(&mut buf)`, `recv_from`, `rx.recv()`,
/// `listener.accept()`, `stream.read(&mut buf)`): its next round works on the next datagram,
/// message or connection. And one that starts each round by taking an item or leaving (`let
/// Some(peer) = self.lookup().await else { return Ok(()) };`).
fn reads_a_sequence(body: &syn::Block) -> bool {
    if let Some(syn::Stmt::Local(first)) = body.stmts.first()
        && matches!(&first.pat, syn::Pat::TupleStruct(some)
            if some.path.segments.last().is_some_and(|last| last.ident == "Some"))
        && first.init.as_ref().is_some_and(|init| {
            init.diverge.as_ref().is_some_and(|(_, otherwise)| leaves(otherwise))
        })
    {
        return true;
    }
    for_each_node(body, Descend::Body, |node| match node {
        Node::Expr(syn::Expr::MethodCall(call)) if takes_the_next(call) => ControlFlow::Break(()),
        _ => ControlFlow::Continue(()),
    })
    .is_some()
}

/// The condition of a `while` loop (not `while let`).
fn while_condition(looped: &syn::Expr) -> Option<&syn::Expr> {
    match looped {
        syn::Expr::While(looped) if !matches!(peel(&looped.cond), syn::Expr::Let(_)) => {
            Some(&looped.cond)
        }
        _ => None,
    }
}

/// Whether the loop takes what failed out of the candidates it picks from (`parents.retain(|p|
/// p.id != parent.id)`, then `select(&parents)` or `parents.is_empty()` next round; `while
/// !candidates.is_empty()` around a pick that takes one out, `sample(&mut candidates)`): it
/// fails over to the next replica, a different operation each round, not the same one again.
fn fails_over(body: &syn::Block, condition: Option<&syn::Expr>) -> bool {
    const TAKES_OUT: &[&str] = &["retain", "remove", "swap_remove", "pop", "pop_front", "pop_back"];
    // `while !candidates.is_empty() { .. pick(&mut candidates) .. }`: the loop lasts while
    // candidates are left, and hands them to a call that may take one.
    if let Some(condition) = condition {
        let lent = for_each_node(body, Descend::Body, |node| match node {
            Node::Expr(syn::Expr::Reference(lent))
                if lent.mutability.is_some()
                    && local_name(&lent.expr).is_some_and(|list| mentions(condition, list)) =>
            {
                ControlFlow::Break(())
            }
            _ => ControlFlow::Continue(()),
        });
        if lent.is_some() {
            return true;
        }
    }
    let mut candidates: Vec<&syn::Ident> = Vec::new();
    for_each_node(body, Descend::Body, |node| {
        if let Node::Expr(syn::Expr::MethodCall(call)) = node
            && TAKES_OUT.iter().any(|name| call.method == name)
            && let Some(list) = local_name(&call.receiver)
        {
            candidates.push(list);
        }
        ControlFlow::<()>::Continue(())
    });
    // Read again beyond the removal: the loop picks from what is left, or leaves when nothing is.
    candidates.into_iter().any(|list| {
        let mut reads = 0;
        for_each_node(body, Descend::Body, |node| {
            if let Node::Expr(syn::Expr::Path(path)) = node
                && path.path.is_ident(list)
            {
                reads += 1;
            }
            ControlFlow::<()>::Continue(())
        });
        reads >= 2
    })
}

/// `it.next()`, `stream.try_next()`, `rx.recv()`, `socket.recv_from(&mut buf)`,
/// `listener.accept()`, `stream.read(&mut buf)`, `stdin.read_line(&mut answer)`: the next item
/// of a sequence (a prompt asked again reads the next answer, also through a terminal's own
/// `self.read_line_raw()` or a prompt library's `.interact_text()`, `.prompt()`).
fn takes_the_next(call: &syn::ExprMethodCall) -> bool {
    let name = call.method.to_string();
    match name.as_str() {
        "next" | "try_next" | "accept" => call.args.is_empty(),
        "read" | "read_buf" => !call.args.is_empty(),
        // dialoguer's prompt (`Input::new().with_prompt("Username").interact_text()`): the
        // next answer.
        "interact" | "interact_text" | "interact_opt" | "interact_text_opt" => {
            call.args.is_empty()
        }
        // inquire's (`Text::new("Price:").prompt()`, `prompt_skippable()`).
        "prompt" | "prompt_skippable" => {
            call.args.is_empty()
                && matches!(peel(&call.receiver), syn::Expr::Call(_) | syn::Expr::MethodCall(_))
        }
        _ => name.starts_with("recv") || name.starts_with("read_line") || name == "readline",
    }
}

/// Whether a `let .. else` block leaves the loop or the fn: `return ..`, `break`.
fn leaves(otherwise: &syn::Expr) -> bool {
    let syn::Expr::Block(block) = peel(otherwise) else {
        return false;
    };
    matches!(block.block.stmts.last(),
        Some(syn::Stmt::Expr(syn::Expr::Return(_) | syn::Expr::Break(_), _)))
}

/// Whether the loop polls a future or stream by hand (`match self.s.poll()?`, `w.poll()`,
/// `stream.poll_next(cx)`, with the task's context): a state machine that waits by returning "not
/// ready", as a `poll_*` fn does, not by sleeping. A request named so (`client.poll_work(req)`)
/// is not one.
fn polls(body: &syn::Block) -> bool {
    for_each_node(body, Descend::Body, |node| match node {
        Node::Expr(syn::Expr::MethodCall(call))
            if (call.method == "poll" && call.args.is_empty())
                || (call.method.to_string().starts_with("poll_")
                    && matches!(call.args.iter().map(peel).collect::<Vec<_>>()[..],
                        [syn::Expr::Path(cx)] if cx.path.get_ident().is_some_and(|cx| cx == "cx" || cx == "ctx"))) =>
        {
            ControlFlow::Break(())
        }
        _ => ControlFlow::Continue(()),
    })
    .is_some()
}

/// Whether an operation binds a listener to a port of this machine (`TcpListener::bind(addr)
/// .await`, hyper's `Server::try_bind(&addr)`): retried, it waits until a previous instance lets
/// the port go, a state of the local machine rather than a dependency that is down.
fn binds_a_port(operation: &syn::Expr) -> bool {
    let mut expr = peel(operation);
    while let syn::Expr::Await(awaited) = expr {
        expr = peel(&awaited.base);
    }
    let name = match expr {
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => last_ident(&path.path),
            _ => None,
        },
        syn::Expr::MethodCall(call) => Some(&call.method),
        _ => None,
    };
    name.is_some_and(|name| name == "bind" || name == "try_bind")
}

/// Whether the loop names the local machine in a string (`"http://localhost:{port}/"`,
/// `"127.0.0.1:8080"`, `"[::1]"`), also in a macro's arguments (`format!(..)`).
fn polls_the_local_machine(body: &syn::Block) -> bool {
    const LOCAL: &[&str] = &["localhost", "127.0.0.1", "[::1]"];
    struct Finder(bool);
    impl Finder {
        fn check(&mut self, text: &str) {
            self.0 |= LOCAL.iter().any(|local| text.contains(local));
        }
        fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
            for token in tokens {
                match token {
                    proc_macro2::TokenTree::Literal(literal) => self.check(&literal.to_string()),
                    proc_macro2::TokenTree::Group(group) => self.tokens(group.stream()),
                    _ => {}
                }
            }
        }
    }
    impl<'ast> Visit<'ast> for Finder {
        fn visit_lit_str(&mut self, literal: &'ast syn::LitStr) {
            self.check(&literal.value());
        }
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            self.tokens(mac.tokens.clone());
        }
    }
    let mut finder = Finder(false);
    finder.visit_block(body);
    finder.0
}

/// Whether the code mentions a backoff library or policy (`backon`, `backoff`, `tokio_retry`,
/// `ExponentialBackoff`, `Retry::spawn`).
fn mentions_backoff_library<'ast>(block: &'ast impl Root<'ast>) -> bool {
    mentions_word(
        block,
        &[
            "backoff",
            "backon",
            "retry_policy",
            "tokio_retry",
            "exponential",
        ],
    )
}
