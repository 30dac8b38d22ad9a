//! # What it finds
//!
//! A `Result` that is produced and thrown away without being looked at:
//!
//! - `let _ = EXPR;` and `_ = EXPR;` where `EXPR` is a call known to return a `Result` (a function
//!   or method of the checked code declared `-> Result<..>`, `io::Result<..>`, `fmt::Result`,
//!   `anyhow::Result<..>` or a local alias of `Result`; or a well-known fallible std or tokio API such
//!   as `fs::write`, `write!`, `flush`, channel `send`, `parse`, also after `.await`);
//! - `drop(EXPR);` of such a call;
//! - the same of a local holding a `Result` (`let r = save(); drop(r);`, `let _ = r;`, `_ = r;`),
//!   and `let _: Result<..> = EXPR;`;
//! - `EXPR.ok();`, `EXPR.is_ok();` and `EXPR.is_err();` as statements, and `let _ = EXPR.ok();`
//!   (`.is_ok()`, `.is_err()`) of a call known to return a `Result`.
//!
//! Left alone: a `Result` dropped in a destructor (`impl Drop`) or in a shell's completion of a
//! word (`fn complete_*(arg: &str, ..) -> Vec<String>`), which cannot report it (nor can a
//! task it spawns: `fn drop(&mut self) { tokio::spawn(async move { let _ = manager.stop().await;
//! }); }`), or on the way out of a failure (`let _ = rollback(fd); return Err(e)`: a block that
//! ends by returning an error, or a branch that ends in a panic: `let _ =
//! adapter.delete_mock(id).await; panic!(..)`, or an error handler that logs the error it binds:
//! `Err(e) => { error!("..: {e}"); let _ = write_error(stream, &e); }`, or hands it on:
//! `Err(err) => { let _ = manage_common_issues(&err); OperationResult::Retry(err) }`, or a
//! branch taken when a local has failed: `if resp.is_err() { let _ = delete_payload(url).await;
//! } resp`, or a `map_err`
//! closure, whose value is the error handed on: `.map_err(|e| { _ = write!(f, "{e:?}"); fmt::Error
//! })`), where the error that matters is the one returned, panicked with or logged; a write to the
//! console (`writeln!(io::stderr(), ..)`, `stdout.write_all(b"\n")`, crossterm's
//! `execute!(io::stdout(), ..).ok()`, clap's `cmd.print_help().ok()`), where its failure would be
//! reported, and a logger's write to its log (in a fn taking a log record or level: `fn log(&self,
//! record: &Record)`, `fn write_to_log_file(level: log::Level, ..)`, or a tracing visitor's field:
//! `fn record_str(&mut self, field: &Field, value: &str)`); calls the configuration lists as
//! `ignorable` (`ignorable = ["oneshot::Sender::send"]`: a team decides once which calls may be
//! ignored; nothing is by default); a `Result` whose error is reported in the same expression
//! (`.map_err(|e| warn!("..: {e}")).ok()`, `.inspect_err(|e| ..).ok()`, a method of the checked
//! code's own named for it, `.log_err().ok()`, or a fn so named, `.map_err(log_err)`, a closure
//! that hands it to a collector and answers nothing: `.map_err(|e| { errors.push(e); }).ok()`), or
//! by the fn that returns it (declared `#[instrument(err)]`, whose span records every error it
//! returns, or logging each error as a warning or an error before it hands it on: `if let Err(e) =
//! notifier.deliver(m) { error!("..: {e}"); return Err(true) }`); a call to a fn of the checked
//! code that handles every error it meets and answers `Ok`, or never returns (a `loop` that nothing
//! leaves, restarting a worker and logging each failure; not a stand-in that only answers, nor a
//! trait's method: see `syntax/wrappers.rs`), or whose only error is an answer (a logger set up
//! once more: `fn init_logger(..) -> Result<()> { FmtSubscriber::builder()..try_init() }`, "already
//! set"), or whose error cannot be (`-> Result<T, Infallible>`, or `Result<(), Self::Error>` in an
//! impl that declares `type Error = Infallible;`, a visitor's: `let _ = finder.visit_expr(e);`);
//! `write!` into a `String` or a `Vec<u8>` (a local, also a file's text read into one: `let mut
//! text = fs::read_to_string(path)?;`, or a field declared as one: `write!(self.buf, ..)` with
//! `buf: &'a mut String`; also one in an arena, bumpalo's `String::with_capacity_in(n, &arena)`; a
//! parameter declared a writer of text, `out: &mut impl fmt::Write`, whose `fmt::Error` says only
//! that the writer failed), also in its method form (`view.write_fmt(format_args!(..))` on a local
//! `String`), which cannot fail; `flush()` of a field declared std's `File` (`let _ =
//! self.index_file.flush();`: a `File` buffers nothing, so its flush writes nothing; a
//! `BufWriter<File>`'s or tokio's `File`'s is reported); and removing a file or a directory
//! (`fs::remove_file(path)`, `remove_dir`, `remove_dir_all`, std or tokio), called for "make sure
//! it is gone": its common failures are answers ("not found": gone already; "not empty": `let _ =
//! fs::remove_dir(parent);` is "remove it if it is empty"), and any other leaves a file behind
//! (`let _ = fs::remove_file(&temporary);` after a failed write), not a wrong answer. A store's own
//! `remove_file(id)` is not one of them. So is an optional setting (`dotenv().ok();`: "no `.env`
//! here" is an answer), and a connection closed at the end of its use
//! (`socket.close().await.ok();`, `let _ = stream.shutdown().await;`, also through an accessor,
//! `stream.inner_mut().shutdown()`, `let _ =
//! client.quit().await;`: `close`, `shutdown`, or a mail protocol's `quit`/`logout`, on a receiver
//! named as a connection or a client, or std's `shutdown(Shutdown::Both)`, or a WebSocket's close
//! frame sent: `drop(tx.send(Message::Close(None)).await)`), whose other side may be gone already;
//! a writer's `close()`, which may still have data to write, is reported. So is a receiver awaited
//! for a signal (`shutdown.await.ok();`, a `oneshot::Receiver` parameter or one bound from
//! `oneshot::channel()`): its only error says the sender is gone, which ends the wait as the signal
//! does, and a pause that such a signal may cut short (`tokio::time::timeout(interval,
//! stop_receiver.changed()).await.ok();`, `timeout(d, token.cancelled())`): a sleep that ends early
//! on shutdown, whose `Elapsed` says the pause ran its course. So is a request that carries the
//! sender of the fn's own reply channel (`let (reply, answer) = oneshot::channel(); let _ =
//! tx.send(Query { reply }).await; answer.await?`): not delivered, it drops that sender, and the
//! wait for the answer fails. So is a process-wide default set once
//! (`slog_stdlog::init_with_level(..).ok();`, `let _ =
//! tracing::subscriber::set_global_default(subscriber);`, `DATA_ROOT.set(path)`) and a probe of a
//! state (`let _ = flag.compare_exchange(..)`): "already set", "not now" is the answer. And a
//! socket option set to a value written in the code (`stream.set_nodelay(true).ok();`, `let _ =
//! socket.set_read_timeout(Some(FIVE_MINUTES));`): if it fails, the connection goes on with the
//! system's default (not `set_nonblocking`, which an async runtime depends on).
//!
//! A choice the code explains in a comment by it is left alone too (a `/* .. */` one by the call
//! counts: `.ok(/* Don't care if caller is gone */)`): a `//` comment on the
//! finding's line, on the line above its statement (the rest of its block where it speaks of "the
//! following"), or first in the block of the handler
//! whose line it is (`let Ok(out) = render() else {` over `// Should never throw: ..`), that
//! says the error is ignored on
//! purpose or best effort, or cannot happen (`// Ignore errors: the client may be gone`, `// can't
//! fail: parsed above`, `// best effort`), and is not a `TODO`/`FIXME`. Its reason is written
//! where a reviewer reads it, as an `// onus: allow(..) — reason` would be; every such finding
//! read on services was a deliberate choice (see `lints/PRECISION.md`, session 14). A comment
//! above a fn speaks of the fn, and covers nothing in it, unless the fn's body is the one
//! statement (`/// If reading fails, the function silently returns` over `fn submit() { if let
//! Ok(stats) = read() { .. } }`). So is code under an `#[expect(..)]` of
//! rustc's or clippy's lint for the same (`unused_must_use`, `clippy::let_underscore_must_use`),
//! which rustc checks still fires (an `#[allow(..)]` of them is not read).
//!
//! # Why is this bad
//!
//! "Never ignore a return value": a failure that is dropped on the floor is a failure nobody will
//! hear about until it becomes an incident. The operator sees a healthy service, the user sees
//! missing data, and the investigation finds no log line, no error id and no cause to follow.
//! `let _ =` silences the compiler's `unused_must_use` warning, which exists precisely to stop this.
//!
//! # Example
//!
//! ```text
//! fn register(repo: &Repo, user: &User) -> Result<(), AppError> {
//!     let _ = repo.save(user);
//!     Ok(())
//! }
//! ```
//!
//! # Use instead
//!
//! Propagate the error, or handle it where it happens and say so:
//!
//! ```text
//! fn register(repo: &Repo, user: &User) -> Result<(), AppError> {
//!     repo.save(user)?;
//!     Ok(())
//! }
//!
//! if let Err(error) = tx.send(event) {
//!     tracing::warn!(%error, "event dropped: the subscriber is gone");
//! }
//! ```
//!
//! When dropping it really is right, say why: `// onus: allow(ignored_result) — reason`.
//!
//! The rule warns by default. `let _ =` is how Rust code says "I drop this on purpose", and on
//! services nobody here had read most such drops were deliberate (a reply to a caller that may
//! have gone, a console write, a socket option, a best effort with a comment): outside channel
//! sends, about one in four was a failure a reviewer would want handled (`lints/PRECISION.md`).
//! A team that has read its findings makes it fail the build with `ignored_result = "deny"`, as
//! `examples/shop` does.

use crate::diagnostic::Level;
use crate::finding::{Finding, FindingSuggestion, SpanRange, SuggestionPart};
use crate::index::RetKind;
use crate::index::Cond;
use crate::syntax::calls::{error_not_of, not_ignorable};
use crate::syntax::handlers::interruptible_pause;
use crate::syntax::wrappers::reports_its_error;
use crate::syntax::macros::{is_a_write, writes_to_the_console};
use crate::syntax::operations::{Operation, Operations, is_try_send, is_written};
use crate::syntax::nodes::{macro_name, peel, peel_outcome, segment_names, stmt_span};
use crate::walk::{Cx, Hooks};
use crate::triggers::{Token, Trigger};

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "ignored_result";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "a `Result` is produced and thrown away without being looked at",
    docs_source: include_str!("ignored_result.rs"),
    allowed_by: &["unused_must_use", "clippy::let_underscore_must_use"],
    // `let _ =`, `_ =` (and `let _: Result<..> =`), `drop(..)`, and `.ok()`, `.is_ok()`,
    // `.is_err()`: every statement the rule reports holds one.
    triggers: &[
        Trigger::Sequence(&[Token::Word("let"), Token::Word("_")]),
        Trigger::Sequence(&[Token::Word("_"), Token::Op("=")]),
        Trigger::Word("drop"),
        Trigger::Word("ok"),
        Trigger::Word("is_ok"),
        Trigger::Word("is_err"),
    ],
    kind: RuleKind::Checked(Hooks {
        stmt: Some(check_stmt),
        ..Hooks::NONE
    }),
};

fn check_stmt(cx: &mut Cx<'_>, stmt: &syn::Stmt) {
    // A destructor cannot report a failure, and a cleanup on the way out of a failure
    // (`let _ = rollback(fd); return Err(e)`) leaves the error that matters to be reported.
    if cx.in_a_destructor() || cx.on_a_failing_path() || cx.completes_a_word() {
        return;
    }
    match stmt {
        syn::Stmt::Local(local) => {
            let Some(init) = &local.init else {
                return;
            };
            if init.diverge.is_some() || !is_wild(&local.pat) {
                return;
            }
            // `let _: Result<..> = value;` says what it drops, and is left alone where `let _ =`
            // would be (its error reported on the way, a file removed, a team's `ignorable`).
            if let syn::Pat::Type(typed) = &local.pat
                && RetKind::of_type(&typed.ty) == RetKind::Result
            {
                report_dropped(cx, stmt, &init.expr, "`let _: Result<..> =`", Declared::Result);
                return;
            }
            report_dropped(cx, stmt, &init.expr, "`let _ =`", Declared::Nothing);
        }
        syn::Stmt::Expr(expr, Some(_)) => match expr {
            syn::Expr::Assign(assign) if matches!(peel(&assign.left), syn::Expr::Infer(_)) => {
                report_dropped(cx, stmt, &assign.right, "`_ =`", Declared::Nothing);
            }
            syn::Expr::Call(call) => {
                let is_drop = matches!(peel(&call.func), syn::Expr::Path(path)
                    if path.path.segments.last().is_some_and(|last| last.ident == "drop")
                        && (path.path.segments.len() == 1 || path.path.segments.iter().any(|s| s.ident == "mem")));
                if let (true, [arg]) = (is_drop, call.args.iter().collect::<Vec<_>>().as_slice()) {
                    report_dropped(cx, stmt, arg, "`drop`", Declared::Nothing);
                }
            }
            syn::Expr::MethodCall(call) if call.args.is_empty() => {
                let method = call.method.to_string();
                let (message, help) = match method.as_str() {
                    "ok" if is_a_send(cx, &call.receiver) => (
                        "`.ok()` turns the `Result` into an `Option` and throws it away",
                        SEND_HELP,
                    ),
                    "ok" => (
                        "`.ok()` turns the `Result` into an `Option` and throws it away",
                        "handle the error: propagate it with `?`, or log it with the error: \
                         `if let Err(error) = result { tracing::warn!(%error, \"..\") }`",
                    ),
                    "is_ok" | "is_err" => (
                        "the outcome of this `Result` is checked and then thrown away",
                        "use the answer (`if x.is_err() { .. }`), or handle the error itself",
                    ),
                    _ => return,
                };
                // `write!(string, ..).ok();`: writing into a `String` cannot fail.
                if matches!(peel(&call.receiver), syn::Expr::Macro(_))
                    && cx.value_result_conds(&call.receiver).is_none()
                    || dropped_on_purpose(cx, &call.receiver)
                {
                    return;
                }
                let mut finding = Finding::new(ID, stmt_span(stmt), message, help);
                finding.suggestion = propagate_suggestion(stmt, &call.receiver);
                let conds = fn_result_conds(cx);
                let requires = not_excused(cx, &call.receiver);
                cx.report_if(finding, requires, conds.clone().unwrap_or_default());
                if conds.is_none()
                    && let Some(candidate) = cx.candidates.last_mut()
                {
                    candidate.finding.suggestion = None;
                }
            }
            _ => {}
        },
        _ => {}
    }
}

/// Whether the `Result` of `produced` may be dropped as it is: its error was reported in the
/// expression, its failure is an answer, it writes to the console or, in a logger, to the log
/// (where the failure would be reported), it sets a socket option to a written value, or it is
/// a pause that a stop signal may cut short (`timeout(d, stop.changed()).await.ok()`).
fn dropped_on_purpose(cx: &Cx<'_>, produced: &syn::Expr) -> bool {
    reports_its_error(produced)
        || is_an_answer(cx.operation_of(produced))
        || writes_to_the_console(produced)
        || (cx.enclosing_fn().is_some_and(|fn_cx| fn_cx.is_a_logger) && is_a_write(produced))
        || sets_a_written_socket_option(produced)
        || interruptible_pause(produced).is_some()
        || sends_for_a_reply(cx, produced)
}

/// `stream.set_nodelay(true)`, `socket.set_read_timeout(Some(FIVE_MINUTES))`: a socket option
/// set to a value written in the code. If it fails, the connection goes on with the system's
/// default, and what there is to learn is the same for every connection. Not
/// `set_nonblocking`, which an async runtime depends on.
fn sets_a_written_socket_option(expr: &syn::Expr) -> bool {
    const OPTIONS: &[&str] = &[
        "set_nodelay",
        // socket2's name for it since 0.6.
        "set_tcp_nodelay",
        "set_read_timeout",
        "set_write_timeout",
        "set_reuseaddr",
        "set_reuse_address",
        "set_reuseport",
        "set_reuse_port",
        "set_keepalive",
        "set_tcp_keepalive",
        "set_linger",
        "set_ttl",
        "set_recv_buffer_size",
        "set_send_buffer_size",
    ];
    fn written(arg: &syn::Expr) -> bool {
        match peel(arg) {
            // `Some(FIVE_MINUTES)`, `Duration::from_secs(5)`.
            syn::Expr::Call(call) => call.args.iter().all(written),
            other => is_written(other),
        }
    }
    matches!(peel(expr), syn::Expr::MethodCall(call)
        if OPTIONS.contains(&call.method.to_string().as_str()) && call.args.iter().all(written))
}

/// Whether the operation's failure is an answer to what the code asked (see
/// [`Operation::failure_is_an_answer`]), or, for a receiver awaited (`shutdown.await.ok();`), the
/// end of the wait: a signal's sender gone ends it as the signal does. A state probe's failure
/// ("already set", "locked", a lost compare-and-swap) answers it too.
fn is_an_answer(operation: Operation) -> bool {
    operation.failure_is_an_answer()
        || operation == Operation::Receive
        || operation == Operation::StateProbe
}

/// `_`, or `_: Type`.
fn is_wild(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Wild(_) => true,
        syn::Pat::Type(typed) => matches!(&*typed.pat, syn::Pat::Wild(_)),
        _ => false,
    }
}

/// What the statement that drops a value declares it to be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Declared {
    /// `let _: Result<..> = ..`: a `Result`, whatever the call.
    Result,
    Nothing,
}

fn report_dropped(
    cx: &mut Cx<'_>,
    stmt: &syn::Stmt,
    value: &syn::Expr,
    how: &str,
    declared: Declared,
) {
    // `let _ = x.ok();`, `let _ = x.is_err();`: the `Result` is `x`'s.
    let produced = match peel(value) {
        syn::Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(call.method.to_string().as_str(), "ok" | "err" | "is_ok" | "is_err") =>
        {
            &*call.receiver
        }
        _ => value,
    };
    if dropped_on_purpose(cx, produced) {
        return;
    }
    let mut requires = match declared {
        Declared::Result => Vec::new(),
        Declared::Nothing => match cx.value_result_conds(produced) {
            Some(requires) => requires,
            None => return,
        },
    };
    requires.extend(not_excused(cx, produced));
    report_with(cx, stmt, produced, how, requires);
}

/// The conditions, for the whole workspace to answer, that the call producing `result` is not
/// one the team lists as `ignorable`, nor to a fn of the checked code that reports its error
/// itself (`#[instrument(err)]`, see [`Operation::Reported`]), returns none, or hands on only
/// an error that is an answer (see [`Operation::failure_is_an_answer`]) or a state probe's
/// (`fn init_logger(..) -> Result<()> { FmtSubscriber::builder()..try_init() }`: "already
/// set"). Not a receiver's: a fn that awaits a reply (`receiver.await?`) hands on the reply's
/// error too.
fn not_excused(cx: &Cx<'_>, result: &syn::Expr) -> Vec<Cond> {
    let mut conds = not_ignorable(cx, result);
    conds.extend(error_not_of(
        cx,
        result,
        Operations::matching(|kind| {
            matches!(
                kind,
                Operation::Reported | Operation::Infallible | Operation::StateProbe
            ) || kind.failure_is_an_answer()
        }),
    ));
    conds
}

/// Reports `value`, dropped by `stmt` as `how`, if `requires` holds.
fn report_with(
    cx: &mut Cx<'_>,
    stmt: &syn::Stmt,
    value: &syn::Expr,
    how: &str,
    requires: Vec<crate::index::Cond>,
) {
    let what = match peel(value) {
        syn::Expr::Path(path) => path
            .path
            .get_ident()
            .map(|local| format!("the `Result` in `{local}`")),
        _ => callee_name(value).map(|callee| format!("the `Result` of `{callee}`")),
    }
    .unwrap_or_else(|| "the `Result` of this call".to_owned());
    let help = if is_a_send(cx, value) {
        SEND_HELP
    } else {
        "handle the error: propagate it with `?`, or match on it and log it with the error itself"
    };
    let mut finding = Finding::new(
        ID,
        stmt_span(stmt),
        format!("{what} is thrown away with {how}"),
        help,
    );
    finding.suggestion = propagate_suggestion(stmt, value);
    match fn_result_conds(cx) {
        Some(suggestion_requires) => cx.report_if(finding, requires, suggestion_requires),
        None => {
            finding.suggestion = None;
            cx.report_if(finding, requires, Vec::new());
        }
    }
}

/// A channel's "the receiver is gone" is often dropped on purpose: the team decides it once.
const SEND_HELP: &str = "if the receiver may be gone on purpose, decide it once for the team: \
     `ignorable = [\"Sender::send\"]` in `onus.toml` (or a suppression with the reason); \
     otherwise say what was not delivered: \
     `if let Err(error) = tx.send(..) { tracing::warn!(%error, \"..\") }`";

/// Whether `value` sends on a channel: `tx.send(msg)`, `tx.try_send(msg)`, through `.await`.
fn is_a_send(cx: &Cx<'_>, value: &syn::Expr) -> bool {
    cx.operation_of(value) == Operation::Send || is_try_send(value)
}

/// Whether `value` sends a request that carries the sender of the fn's own reply channel
/// (`let (reply, response) = oneshot::channel(); let _ = tx.send(Query { reply }).await;
/// response.await?`): a request not delivered drops that sender, and the wait for the answer
/// fails with it.
fn sends_for_a_reply(cx: &Cx<'_>, value: &syn::Expr) -> bool {
    is_a_send(cx, value)
        && matches!(peel_outcome(value), syn::Expr::MethodCall(call)
            if call.args.iter().any(|message| cx.mentions_a_reply_sender(message)))
}

/// `value?;` in place of the statement.
fn propagate_suggestion(stmt: &syn::Stmt, value: &syn::Expr) -> Option<FindingSuggestion> {
    Some(FindingSuggestion {
        span: stmt_span(stmt),
        parts: vec![
            SuggestionPart::Source(expr_span(value)),
            SuggestionPart::Text("?;".to_owned()),
        ],
        message: "propagate the error with `?`".to_owned(),
    })
}

/// When `?` would work here: directly in a fn returning a `Result`.
fn fn_result_conds(cx: &Cx<'_>) -> Option<Vec<crate::index::Cond>> {
    let innermost = cx.innermost()?;
    if innermost.is_closure {
        return None;
    }
    Cx::result_conds(&innermost.ret)
}

/// A short human name for the call producing `expr`, for messages: `save`, `fs::write`, `write!`.
fn callee_name(expr: &syn::Expr) -> Option<String> {
    match peel(expr) {
        syn::Expr::Await(inner) => callee_name(&inner.base),
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => {
                let segments = segment_names(&path.path);
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

/// The span of an expression's source, for copying it into a suggestion.
fn expr_span(expr: &syn::Expr) -> SpanRange {
    SpanRange::of(expr)
}
