//! # What it finds
//!
//! A failure turned into a panic directly in the body of a function whose declared return type is
//! a `Result` (or an alias of one): `.unwrap()` or `.expect(..)` on a `Result` — a call known to
//! return one (`fs::read_to_string(path)`, a fn of the workspace declared `-> Result<..>`), or a
//! local holding one — also written `Result::unwrap(x)`; and `panic!(..)`, `todo!()`,
//! `unimplemented!()`.
//!
//! Left alone: an `Option`'s `.unwrap()` (an invariant or an absence, not a discarded error:
//! clippy's `unwrap_used` covers it), also written out as a `panic!` in the `else` of `let
//! Some(tag) = request.tag() else { .. }` or of `if let Some(..) = .. { .. } else { .. }` (also of
//! a tuple of them, `if let (Some(id), Some(kind)) = (..)`), or in a `None =>` arm, and so in the
//! `else` of a `let` that asserts one variant of an enum other than `Result` (`let
//! InferResult::Classify(r) = results else { panic!("unexpected variant") }`: the shape of a value
//! the code made, an invariant), or in the arm of such a variant (`match users.entry(id) {
//! Entry::Vacant(_) => panic!("missing uid {id}!"), .. }`, `match self.project() {
//! FlattenProj::Empty => panic!("start_send called after eof"), .. }`, also of a map handed in
//! and looked up with the fn's own key; not of a value handed in, or read out of one, which a
//! caller or a peer chose: `match envelope.rumor() { Rumor::Service(_) => panic!(..) }`), a
//! receiver the checker cannot tell is a `Result`, integer
//! conversions (`.try_into()`, `u32::try_from(n)`: "out of range" is an invariant the author
//! knows), a clock read as a duration (`SystemTime::now().duration_since(UNIX_EPOCH)`, `elapsed()`,
//! chrono's `to_std()`: "earlier is later") and conversions of a literal or a constant (also
//! through a local bound to one, to `json!(..)` or to `include_str!(..)`: `let csr = json!({..});
//! serde_json::from_value(csr).expect(..)`) and of a number's text
//! (`queue_time.as_millis().to_string().parse().unwrap()` into a header value, also of a local
//! bound to a number: `let limit = u64::from(capacity)`, `cap.saturating_sub(used)`, `n as u32`, a
//! local or parameter declared `u64`), a serialization
//! into memory (`serde_json::to_string(&request)`: it fails only through a bug in our own
//! `Serialize`), a call of a fn of the checked code that returns no error (its body handles every
//! error it meets and answers `Ok`: `self.wait_for_transaction(hash).await.unwrap()`), a fn whose
//! error cannot be (`-> Result<T, Infallible>`, or `Result<_, Self::Error>` in an impl declaring
//! `type Error = Infallible;`, axum's `IntoResponseParts`: there is no error to return; a parse
//! into `String`, `value.parse::<String>()` or `let bucket: String = value.parse().expect(..)`,
//! whose error is `Infallible`), a local
//! `Result` the code has checked or asserted is `Ok` (`if r.is_ok() { r.unwrap() }`, the `Ok(_)`
//! arm of `match r`, `debug_assert!(r.is_ok())`, after `if let Err(e) = r { return Err(e.into())
//! }`, in the `else` of `if let Err(e) = &r`), a call with only written arguments the condition
//! checked is `Ok` (`if env::var("PG_USER").is_ok() && .. { env::var("PG_USER").unwrap() }`), a
//! conversion of an input that a conversion handed on with `?` read above it in the fn
//! (`EUI64::from_str(&req .dev_eui).map_err(..)?`, then `req.dev_eui.parse().unwrap()`: the input
//! is well-formed there), a write to the console (`io::stdout().flush().unwrap()`,
//! `writeln!(io::stderr(), ..) .unwrap()`: where its failure would be reported; `print!` itself
//! panics on it), `write!`/`writeln!` into a `String` (which cannot fail) and a call that writes
//! into a `String` or a buffer of bytes bound in the fn (`state.compose(&mut buf).expect(..)` after
//! `let mut buf = Vec::new();`, `buf.write_all(..).unwrap()`: memory takes every write),
//! `unreachable!`, also written as a `panic!` in the arm for every count but 0 and 1 (`match
//! rows_affected { 0 => Err(NotFound), 1 => Ok(..), _ => panic!("updated several users") }`: a
//! statement keyed by a unique column changes one row at most), `unwrap_or*`, a panic statement
//! compiled only for some platforms or features (`#[cfg(not(target_os = "linux"))] panic!("custom
//! clocks are not supported here")`: the build says what it lacks where it would be used), as is
//! the catch-all arm of a match whose other arms are each compiled only with a feature
//! (`#[cfg(feature = "postgres")] Store::Postgres(s) => .., _ => panic!("invalid store type")`: the
//! arm of the builds without them; an arm of its own feature is compiled, and reached, where the
//! feature is on), a panic only the tests or a debug build reach (`Err(e) if cfg!(test) =>
//! panic!(..)`, `if cfg!(debug_assertions) { panic!(..) }`, `cfg!(debug)`, an arm under
//! `#[cfg(feature = "test_mode")]`), a trait's default body that only panics (`fn features(&self)
//! -> Result<u64, Error> { unimplemented!() }`: a stub for the implementors that have the method),
//! and so is an implementation of a trait whose every method, three or more, only panics (tikv's
//! `PanicEngine`, a stand-in type), or most of whose methods, three or more and two in three at
//! least, do (quadratic's unused Redis pub/sub: its panicking methods are left alone, its others
//! read), or three or more of whose methods refuse with one written reason (helix-db's read-only
//! directories, `unimplemented!("read-only")`: a capability declined on purpose; also counted over
//! a type's impls of several traits in one file, zenoh's `PatchFsm` with no OPEN step), and, in a
//! `match self` that dispatches the method to the variant's value, an arm for a variant that binds
//! nothing, or for the rest, and only panics (in `fn collect`: `SysDb::Grpc(grpc) =>
//! grpc.collect().await, SysDb::Sqlite(_) => unimplemented!("not for local chroma")`,
//! `Self::Invalid => panic!(..)`: that variant lacks the method; a value the data may hold,
//! `Value::Nested(_) => todo!()` beside `Value::U64(v) => Ok(v.to_be_bytes())`, is still reported,
//! and so are one or two methods of an impl left `todo!()`), or, in a fn that builds from its
//! configuration (`build*`, `new*`, `create*`, `connect*`, `from_*`), a match over a field (`match
//! &self.connection { Conf::Ethereum(c) => .., Conf::Fuel(_) => todo!() }`, hyperlane's chains: the
//! backend not built yet; an arm of the same match that answers the gap with an error,
//! `Conf::Sealevel(_) => Err(eyre!("not supported yet"))`, keeps its panicking neighbours
//! reported), a fn a `cfg` leaves as a stub for the builds without it (`#[cfg(not(test))] fn
//! build_transfer_tx(..) -> Result<..> { unimplemented!() }`), a channel's send, not awaited
//! (`tx.send(job).unwrap()`: it fails only when the receiving thread or task has already ended; an
//! awaited send may be a socket's, and is reported), an `.unwrap()` after `.map_err(|e| {
//! error!(..); process::exit(1) })` (the closure never returns), a panic in a fn declared to fail
//! with a type parameter of its own that no bound lets it build (`fn retry<T, E>(op: F, n: u32) ->
//! Result<T, E> { if n == 0 { panic!(..) } .. }`: its own failure has no error to be),
//! `.lock().unwrap()`/`.read().unwrap()`/`.write().unwrap()` (lock poisoning, which should
//! propagate the panic), panics in `const { .. }` blocks and `const`/`static` items (evaluated at
//! compile time), closures, nested functions, the program's entry point (`fn main`, a fn with
//! `#[tokio::main]` or `#[actix_web::main]`: a panic there ends the process with its message, as
//! the error returned would) and the fns that run only at startup (called from its body, or in a
//! task or thread it starts there, not in a loop: `tokio::spawn(async move { loop {
//! run(..).await } })`, whose panic ends that task at once with its message; or from other such
//! fns, and named nowhere else, a method by its type where the call names it,
//! `Config::new(..)`: `fn main() { block_on(run(options)) }` then `async fn run(..)`; in the file
//! with `main`, and in every file of a binary whose entry file is checked too, `main` calling
//! `config::from_basic_conf(path)` in another module; see `startup.rs`), `#[test]` functions,
//! `#[cfg(test)]` modules, a fuzz target's (`#[cfg(fuzzing)]`, `#[cfg(feature = "fuzzing")]`) and
//! modules named for test helpers or doubles (`pub mod test_util { .. }`, `mod mocks;`) and
//! packages named for them (tikv's `components/test_raftstore`), and an unwrap in a `Debug` or
//! `Display` impl's `fmt` of anything but a write to the formatter, and a panic macro there (its
//! `fmt::Error` is for the writer failing, with no room for another cause, and `format!` panics on
//! it all the same; `write!(f, ..).unwrap()` is reported: `?` hands that error on).
//!
//! A choice the code explains in a comment by it is left alone too (a `/* .. */` one by the call
//! counts: `.ok(/* Don't care if caller is gone */)`): a `//` comment on the finding's
//! line, on the line above its statement (the rest of its block where it speaks of "the
//! following"), or first in the block of the handler whose line it is
//! (`let Ok(out) = render() else {` over `// Should never throw: ..`), that says the error is
//! ignored on purpose or best effort, or cannot happen (`// Ignore errors: the client may be gone`,
//! `// can't fail: parsed above`, `// best effort`, `// SAFETY: index is verified on creation`; a
//! lint's `#[allow(..)]` may stand between it and the statement), and is not a `TODO`/`FIXME`; a
//! `SAFETY:` note over an `unsafe` block speaks of the block. A comment on lines of its own right
//! above a `panic!` says why the code stops there, in whatever words (`// The committer is single
//! threaded, so the timestamp cannot have moved` over `panic!("Snapshots were changed
//! concurrently")`). Its reason is written where a reviewer reads it, as an `// onus: allow(..) —
//! reason` would be; every such finding read on services was a deliberate choice (see
//! `lints/PRECISION.md`, session 14). A comment above a fn speaks of the fn, and covers nothing in
//! it, unless the fn's body is the one statement (`/// If reading fails, the function silently
//! returns` over `fn submit() { if let Ok(stats) = read() { .. } }`); but a fn whose documentation
//! has a `# Panics` section (clippy's `missing_panics_doc` asks for one), or a line saying when it
//! panics (`/// Panics if the pipe is not ready`, `/// If run outside a LocalSet, this will panic`,
//! `/// Adds an edge. Panics if there is one`), has told its callers when it panics, and is left
//! alone. So is code under an `#[expect(..)]` of clippy's lints for the same
//! (`clippy::unwrap_used`, `expect_used`, `panic`, `unwrap_in_result`, `todo`, `unimplemented`),
//! which rustc checks still fires: the team's decision, as an `#[onus::allow]` would be (an
//! `#[allow(..)]` of them is not read: it may have been written only to quiet clippy). So is a
//! panic whose own message says it cannot happen (`.expect("never fails: the range was checked
//! above")`, `panic!("programmer error: expected the APPE command")`, `"Developer error: .."`,
//! `"internal error: .."` as std's `unreachable!` words it, `".. despite checking above"`) or names
//! the check made before it (`.expect("ReturnPlan::Variables already guarantees unique names")`,
//! `"validated ASCII digits"`): the author asserts an invariant there.
//!
//! # Why is this bad
//!
//! The function already has a way to report failure, and its callers are written to handle it.
//! A panic skips all of that: no error is returned, no status is chosen, the request or task dies
//! and the incident starts with a backtrace instead of an error with its cause. "Errors as control
//! flow" is an anti-pattern, and so is its opposite: turning an ordinary, expected failure into a
//! crash.
//!
//! # Example
//!
//! ```text
//! fn load(path: &Path) -> Result<Config, ConfigError> {
//!     let text = fs::read_to_string(path).unwrap();
//!     let config = toml::from_str(&text).expect("valid config");
//!     Ok(config)
//! }
//! ```
//!
//! # Use instead
//!
//! ```text
//! fn load(path: &Path) -> Result<Config, ConfigError> {
//!     let text = fs::read_to_string(path).map_err(ConfigError::Read)?;
//!     let config = toml::from_str(&text).map_err(ConfigError::Parse)?;
//!     Ok(config)
//! }
//! ```

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::syntax::handlers::{Handling, handling};
use crate::syntax::macros::{is_a_write, writes_to_the_console};
use crate::syntax::nodes::{macro_name, method_span, peel};
use crate::syntax::calls::error_not_of;
use crate::syntax::operations::{Operation, Operations, is_lock_call};
use crate::syntax::explanations::says_it_cannot_fail;
use crate::syntax::text::{template, written_text};
use crate::walk::{Cx, Hooks};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "unwrap_in_fallible";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "a function that returns `Result` panics instead",
    docs_source: include_str!("unwrap_in_fallible.rs"),
    allowed_by: &[
        "clippy::unwrap_used",
        "clippy::expect_used",
        "clippy::panic",
        "clippy::unwrap_in_result",
        "clippy::todo",
        "clippy::unimplemented",
    ],
    triggers: &[
        Trigger::Word("unwrap"),
        Trigger::Word("expect"),
        Trigger::Word("panic"),
        Trigger::Word("todo"),
        Trigger::Word("unimplemented"),
    ],
    kind: RuleKind::Checked(Hooks {
        expr: Some(check_expr),
        mac: Some(check_mac),
        ..Hooks::NONE
    }),
};

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    if cx.in_const() {
        return;
    }
    match expr {
        syn::Expr::MethodCall(call) => {
            let method = call.method.to_string();
            let arity_ok = match method.as_str() {
                "unwrap" => call.args.is_empty(),
                "expect" => call.args.len() == 1,
                _ => false,
            };
            if !arity_ok
                || call.args.first().is_some_and(message_says_it_cannot_fail)
                || is_lock_call(&call.receiver)
                || holds_no_failure(cx.operation_of(&call.receiver))
                || passes_a_panic_on(cx.operation_of(&call.receiver))
                || sends_on_a_channel(cx, &call.receiver)
                || ends_the_process_on_error(&call.receiver)
                // `io::stdout().flush().unwrap()`: the console is where the failure would be
                // reported (`print!` itself panics on it).
                || writes_to_the_console(&call.receiver)
                || decodes_for_display(cx, &call.receiver)
                || cx.converts_an_input_validated_above(&call.receiver)
                || (cx.binds_text(expr) && parses_untyped(&call.receiver))
            {
                return;
            }
            let Some(mut receiver) = cx.value_result_conds(&call.receiver) else {
                return;
            };
            // `self.pool.run().unwrap()` where `run` hands on its threads' `join()`.
            // What the whole workspace tells of a fn of the checked code: `self.into_block(..)
            // .unwrap()` on a fn whose body only answers `Ok(..)` holds no failure either.
            receiver.extend(error_not_of(
                cx,
                &call.receiver,
                Operations::matching(|operation| {
                    passes_a_panic_on(operation) || holds_no_failure(operation)
                }),
            ));
            report(cx, method_span(call), &format!("`.{method}()`"), receiver);
        }
        // `Result::unwrap(x)`, `Result::expect(x, "..")`: a `Result` by the path itself.
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return;
            };
            let segments: Vec<&syn::PathSegment> = path.path.segments.iter().collect();
            let [.., owner, method] = segments[..] else {
                return;
            };
            let arity_ok = match method.ident.to_string().as_str() {
                "unwrap" => call.args.len() == 1,
                "expect" => call.args.len() == 2,
                _ => false,
            };
            if owner.ident == "Result"
                && arity_ok
                && !call.args.iter().nth(1).is_some_and(message_says_it_cannot_fail)
            {
                report(
                    cx,
                    SpanRange::of(&path.path),
                    &format!("`Result::{}`", method.ident),
                    Vec::new(),
                );
            }
        }
        _ => {}
    }
}

fn check_mac(cx: &mut Cx<'_>, mac: &syn::Macro) {
    if cx.in_const() {
        return;
    }
    let Some(name) = macro_name(mac) else {
        return;
    };
    // `#[cfg(not(target_os = "linux"))] panic!("not supported on this platform")`: a build
    // without the platform or feature says so where the code would use it.
    // In a formatter's `fmt`, as an unwrap there; where an `Option` holds nothing, as its
    // `.expect(..)`.
    if !matches!(name.as_str(), "panic" | "todo" | "unimplemented")
        || cx.macro_is_cfg_gated
        || cx.in_a_formatter()
        || (name == "panic" && cx.in_an_asserting_branch())
        || template(mac).is_some_and(|message| says_it_cannot_fail(&message.value()))
        || cx.innermost().is_some_and(|fn_cx| fn_cx.cannot_make_its_error)
    {
        return;
    }
    report(cx, SpanRange::of(mac), &format!("`{name}!`"), Vec::new());
}

/// `value.parse()` with no type named: in `let bucket: String = value.parse().expect(..)`, the
/// `let` names `String`, whose `FromStr` cannot fail.
fn parses_untyped(receiver: &syn::Expr) -> bool {
    matches!(peel(receiver), syn::Expr::MethodCall(call)
        if call.method == "parse" && call.args.is_empty() && call.turbofish.is_none())
}

/// `.expect("never fails: the range was checked above")`, also `&format!("programmer error:
/// {command}")`: the author asserts the error cannot happen, where a reviewer reads it.
fn message_says_it_cannot_fail(message: &syn::Expr) -> bool {
    written_text(message).is_some_and(|text| says_it_cannot_fail(&text))
}

/// A `Result` whose error is a panic that already happened elsewhere: a thread or task joined
/// (`handle.join()`, `spawn(..).await`, a fn of the checked code that hands their error on, as
/// `-> thread::Result<()>`), or a lock another thread panicked while holding. Unwrapping it
/// passes that panic on, which is what the panic asked for.
fn passes_a_panic_on(operation: Operation) -> bool {
    matches!(operation, Operation::Task | Operation::Poisoned)
}

/// `tx.send(job).unwrap()`, not awaited (std's, crossbeam's or flume's channel, tokio's
/// unbounded one): it fails only when the receiving side is gone, a thread or task that has
/// already ended, and the panic passes that on, as `handle.join().unwrap()` does. An awaited
/// send may be a socket's (`websocket.send(msg).await`), whose failure is the network's.
fn sends_on_a_channel(cx: &Cx<'_>, receiver: &syn::Expr) -> bool {
    // Through the error's wrapping (`.await.map_err(|_| ())`), as the operation is read.
    let sent = match peel(receiver) {
        syn::Expr::MethodCall(call) if call.method == "map_err" => &call.receiver,
        sent => sent,
    };
    !matches!(peel(sent), syn::Expr::Await(_)) && cx.operation_of(receiver) == Operation::Send
}

/// A `Result` whose error is an invariant rather than a failure to report: a serialization into
/// memory (`serde_json::to_string(&request)`, a call writing into a buffer bound in the fn:
/// `state.compose(&mut buf)`), a `json!` value's, a conversion of a literal or a constant
/// (`"127.0.0.1:80".parse()`), a local the code has checked or asserted is `Ok` (`if r.is_ok()
/// { r.unwrap() }`), and an integer conversion or a clock read as a duration (`.try_into()`,
/// `u32::try_from(n)`, `now.duration_since(UNIX_EPOCH)`: "out of range", "earlier is later",
/// whose bounds the author knows).
fn holds_no_failure(operation: Operation) -> bool {
    matches!(
        operation,
        Operation::Serialization
            | Operation::Infallible
            | Operation::FixedInput
            | Operation::AssertedOk
            | Operation::IntegerConversion
    )
}


/// `impl Debug for Message { fn fmt(..) -> fmt::Result { .. decode(payload).unwrap() .. } }`:
/// `fmt::Error` is for the writer failing, with no room for another cause, and `format!` panics
/// on it all the same. A write to the formatter itself (`write!(f, ..).unwrap()`) fails with
/// that very error, which `?` hands on.
fn decodes_for_display(cx: &Cx<'_>, receiver: &syn::Expr) -> bool {
    cx.in_a_formatter() && !is_a_write(receiver)
}

/// `.map_err(|e| { error!("..: {e}"); process::exit(1) })`: the closure never returns, so the
/// `.unwrap()` after it cannot panic.
fn ends_the_process_on_error(receiver: &syn::Expr) -> bool {
    matches!(peel(receiver), syn::Expr::MethodCall(call)
        if call.method == "map_err"
            && matches!(call.args.first().map(peel), Some(syn::Expr::Closure(closure))
                if handling(&closure.body, None, None) == Handling::Panics))
}

/// Reports `what` if the enclosing fn returns a `Result` and `receiver` (the conditions under
/// which the unwrapped value is one) holds.
fn report(cx: &mut Cx<'_>, span: SpanRange, what: &str, receiver: Vec<crate::index::Cond>) {
    let Some(fn_cx) = cx.innermost() else {
        return;
    };
    if fn_cx.is_closure || fn_cx.is_entry_point || fn_cx.documents_its_panics {
        return;
    }
    let Some(mut requires) = Cx::result_conds(&fn_cx.ret) else {
        return;
    };
    requires.extend(receiver);
    cx.report_if(
        Finding::new(
            ID,
            span,
            format!("{what} panics in a function that returns `Result`"),
            "return the error instead: `?`, `.map_err(MyError::from)?`, or `.ok_or(MyError::Missing)?`",
        ),
        requires,
        Vec::new(),
    );
    cx.retract_if_run_only_at_startup();
}
