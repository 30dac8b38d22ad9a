//! # What it finds
//!
//! One wildcard handler that treats every error alike:
//!
//! - in a `match` whose arms name specific variants of an error enum of the checked code
//!   (`AppError::NotFound => ..`, `Err(AppError::NotFound) => ..`), a catch-all arm after them:
//!   `_ =>`, `Err(_) =>`, `other =>`, `Err(e) =>` (unless every variant is listed), whose
//!   answer classifies the error: a status or a code (`_ => 500`, `StatusCode::BAD_REQUEST`,
//!   `ErrorCodes::InvalidArgument`, `HttpResponse::NotFound()`), another error (`Err(..)`,
//!   `_ => DiskError::UnformattedDisk`, `return Err(..)`, `?`, one built on the way:
//!   `Notice::error(..)`), a yes or no, or whatever a fn answers that says by its name that it
//!   classifies (`fn status`, `fn as_code`, `fn is_transient`, `fn retry_request`,
//!   `fn severity`) or converts the error (`From::from`). A catch-all whose answer is no class
//!   (a label for a log, a metric or a display: `_ => "other"`, `_ => Some("no trace")`; a
//!   state set, a counter bumped, a fallback taken) decides nobody's onus: a new variant gets
//!   that label, and what is done with the error is decided elsewhere. Where the
//!   catch-all answers one 5xx (`_ => 500`, `e => { error!(..); INTERNAL_SERVER_ERROR }`, or
//!   another protocol's "the fault is ours": Kafka's `UnknownServerError`, JSON-RPC's
//!   `InternalError`, gRPC's `Code::Internal`, WebSocket's `CloseCode::Error`, a constant
//!   named for an internal error in a protocol's own spelling: NVMe's `STS_INTERNAL_ERR`; a
//!   program's exit code for failure in a fn that picks one: `fn exit_code(&self) -> i32 { ..,
//!   _ => DEFAULT_ERROR_EXIT_CODE }`, `1`, `ExitCode::FAILURE`), only
//!   in code that uses onus, as the next form: in a service that does not classify its errors
//!   yet, "everything else is ours" is how it classifies them, and deriving `Classify` is a
//!   migration step, not a fix of a defect;
//! - an `Err(e)` arm or a `map_err(|e| ..)` closure that uses the error but answers every error
//!   with one hard-coded 5xx status (`StatusCode::INTERNAL_SERVER_ERROR`, `500`,
//!   `HttpResponse::InternalServerError()`) without asking the error what it is, and without
//!   handing it on whole on another path (`if e.to_string().contains("not found") { return
//!   Ok(HttpResponse::NotFound()..) } return Err(e)`: not every error gets the status);
//! - the same with one hard-coded 4xx status (`StatusCode::NOT_FOUND`, `400`,
//!   `HttpResponse::NotFound()`, `Status::not_found(..)`) after an operation that can fail on our
//!   side (a database call, a request upstream): `Err(e) => { warn!("{e}"); Err(NOT_FOUND) }`
//!   tells the caller "there is no such user" while the database is down. Left alone after a
//!   conversion of input (`parse`, `from_str`, `serde_json::from_slice`, `split*`, `*_from_*`,
//!   ...), a check of it (`validate*`, `check*`, `verify*`, `authorize*`, `authenticate*`) or a
//!   call on the request itself, its headers or its body (`request.path()`, `read_filter(req)`,
//!   `resolve_claims(&keys, req.headers().get(AUTHORIZATION))`), whose every error is the
//!   caller's, also through a fn of the checked code that hands on only such errors
//!   (`get_self_profile_id(..)`, whose every `?` is a `.parse()` of the request's fields); a
//!   value read out of the request and looked up (`db.load_user(req.user_id())`) is still
//!   reported. Left alone too where the error is handed whole to a fn of the service's given no
//!   status itself, which decides the answer (omicron's `.map_err(|e| public_error_from_diesel(e,
//!   ErrorHandler::Conflict(..)))`: 409 for a unique violation, 500 for the rest); a type's
//!   constructor (`Error::new(StatusCode::NOT_FOUND, e)`) or a fn given the status
//!   (`error_reply(e, StatusCode::NOT_FOUND)`) still answers every error alike;
//! - `std::panic::catch_unwind(..)`, `panic::catch_unwind`, `AssertUnwindSafe(..).catch_unwind()`,
//!   outside the configured `panic_boundaries`, the program's entry point (`fn main`), the
//!   closure a thread starts with (`thread::spawn(move || panic::catch_unwind(..))`) and the
//!   panic hook (`panic::set_hook(Box::new(|info| ..))`, where a panic aborts the process and
//!   what is caught only decorates the report of the panic under way),
//!   unless the same fn hands the caught payload to
//!   `resume_unwind` (`Err(payload) => resume_unwind(payload)`: cleanup, then a re-raise) or
//!   asks it what the panic said (`payload.downcast_ref::<&str>()`, then `Err(Panicked(msg))`
//!   or a log of it: each panic answered with its own message), or hands the caught outcome on
//!   whole, payload and all, to a call (`center.on_finish(id, result)`, `tx.send(catch_unwind(
//!   AssertUnwindSafe(f)))` to the handle its caller awaits, not `drop(result)`) or
//!   to its caller (`runtime.block_on(AssertUnwindSafe(future).catch_unwind())` as the fn's
//!   value, also through a local: `let res = catch_unwind(f); unmute(); res`), or reports it
//!   after the catch: a log (`if let Err(payload) = outcome {
//!   error!(?payload, "the build panicked") }`) or an error made for it (`.map_err(|_|
//!   Error::Panicked)`, `Err(_) => Err(..)`). A panic has no variants: one answer for every
//!   panic is its classification (the fault is ours), and what must not happen is that nobody
//!   hears of it. Also left alone where a comment above it says, in
//!   words about panics, why they are caught there (`// sqlite3_parser still panics on some
//!   input; we trap it here`): the author has drawn the boundary, as `panic_boundaries` would.
//!
//! A catch-all arm that only logs the error it binds and goes on (`Err(e) => warn!("..: {e}")`,
//! `Err(e) => { warn!(?e); continue }`, also through a logger kept in a value:
//! `self.logger.warn(..)`, and after working out a pause and taking it: `err => { let delay =
//! policy.next(); trace!(%err, ..); sleep(delay).await }`, or counting it and putting the work
//! back: `_ => { error!("..: {}", err); let _ = queue.set_vt(id, LONG).await?;
//! metrics.requeues.add(1, &[..]); continue }`) is left alone: it gives no answer
//! that a new variant could get wrong,
//! and its log says what the new variant is. So is one that ends the process or panics
//! (`Err(e) => { eprintln!("{e}"); process::exit(1) }`), and one that passes the error on or
//! asks it what it is (`Err(e) => Err(e)`, `Err(e) => break Err(e)`, `other =>
//! Self::Store(other)`, `a => a?`,
//! `err => return Err(err).wrap("create interface")`,
//! `e => Other(anyhow!(e))`, `e => { let boxed = Box::new(e) as Box<dyn Error>;
//! Other(boxed) }`, `_ => Error::Query { source: Box::new(e) }`, given whole to a method that
//! decides, `err => self.handle_hash_err(err).map_err(Stopped::internal)?`, `e.kind()`, `if let
//! Error::Rusqlite(inner) = e { .. }`) or
//! hands its text on (`other => other.to_string()`, `Err(e) => Err(Invalid(e.to_string()))`,
//! `Custom(format!("..: {e}"))`, `anyhow!("merge failed: {error:?}")`,
//! `wasm_error!(Host(e.to_string()))`, set on the answer being
//! built: `other => { err.set_msg(format!("{other:?}")); }`, or taken before the match: `let
//! msg = format!("{stderr}: {err}"); match err { .., _ => Err(Cmd(msg)) }`: each error still
//! says what it is; the cause flattened into text is `lost_source`'s finding), or answers
//! nothing itself and
//! hands the error on whole to code that sees what it is (`res => { results.insert(hash, res);
//! log.drop_tx(); }`, `Err(e) => { tx.send_modify(move |s| *s = Failed(e)); return; }`, `err =>
//! self.0.push(err)`), also as a `_` arm by the name the match was given (`match e { .., _ if ..
//! }`, `_ => { e.is_nx_domain() .. }`, `match *inner { .., _ => *inner }`, `match err.unwrap() {
//! .., _ => errors.push(err) }`). Another crate's enum (`rusqlite::Error::QueryReturnedNoRows => ..`) is
//! not the checked code's to classify, whatever the checked code names its own.
//!
//! A match that only picks a log level (`let level = match e { ValueActive => Level::Error, _
//! => Level::Debug }`, then `log!(level, "..: {e:?}")`) or a log field (`fn error_category(&self)
//! -> ErrorCategory { .., _ => ErrorCategory::Database }`), or a metric's label (in a fn named
//! for it: `fn request_metric_status(..) { .., Err(_) => REQUEST_INGRESS_ERROR }`) is left
//! alone: it answers nobody. So,
//! in code that does not use onus yet, is one that picks a severity (`_ => ErrorSeverity::Minor`,
//! or the crate's own level, `_ => ErrorLevel::Warning`):
//! there it is how the service picks its log level. With onus a severity is part of the
//! classification, and a new variant must not take the others' silently.
//!
//! A variant projection is left alone: a match over the error itself (not a `Result`) whose
//! named arms hand something out, also as the value a block of statements ends with
//! (`Some(..)`, `Ok(..)`, `true`, what they bound,
//! `err.is_partial()`, `response.headers.as_deref()`, `s.error.stacktrace().and_then(..)`,
//! `is_transient_io(e.kind())`, `failed_by_status(*status_code)`,
//! `e.is_connect() || e.is_timeout()`, `vec![("error", e.to_string())]`, `vec![("type",
//! format!("{kind:?}"))]`) or say "not this one" as its catch-all does (`None`, `return None`,
//! `false`, `Err(DifferentVariant)`, `Err(())`, an empty value:
//! `Validation { details, .. } => details, _ => &[]`), as in `TryFrom<Error> for Variant`,
//! `Error::source` or an `is_*` predicate (`_ => false`, however the named arms work their
//! answer out: `matches!(status, 429 | 503)`, a match or an `if` of their own), also through an
//! inner match of the variant's own value. A new variant is rightly "not this one" there, so
//! nothing is absorbed. So is a predicate whose catch-all asks the rest a question of its own
//! (`_ => self.kind.metric_label().is_none()`): a new variant is asked too. So is a
//! predicate that asks whether operators hear of the error, `_ => true` (`fn
//! is_sentry_event(&self) -> bool`, `should_report`, `alert`, `should_trace_error`,
//! `is_critical`): a new
//! variant is reported; or whether it is final (`fn is_terminal(&self) -> bool { Transient(e) =>
//! !e.is_transient(), _ => true }`, `fatal`, `permanent`): a new variant is not retried.
//!
//! # Why is this bad
//!
//! "Do not rescue everything." Errors come in two kinds: business errors, which the caller can fix
//! (a 4xx, a validation message, no page to anyone), and system errors, which an operator must fix
//! (a 5xx, an alert, a retry with backoff). A catch-all gives both the same answer: the user gets
//! "internal server error" for their own typo, or the on-call engineer is paged for it; and a new
//! variant added next month is absorbed silently instead of failing to compile where it must be
//! decided. `catch_unwind` goes further and rescues bugs themselves: one that neither reports
//! the panic nor hands it on hides a bug from everyone who could fix it.
//!
//! # Example
//!
//! ```text
//! match service.transfer(from, to, amount) {
//!     Ok(receipt) => Ok(Json(receipt)),
//!     Err(TransferError::InsufficientFunds) => Err(StatusCode::CONFLICT),
//!     Err(_) => Err(StatusCode::INTERNAL_SERVER_ERROR),
//! }
//! ```
//!
//! # Use instead
//!
//! Let the error say what it is, once, where it is defined (`#[derive(Classify)]`), and map that:
//!
//! ```text
//! service.transfer(from, to, amount).map(Json).map_err(|error| error.status())
//! ```
//!
//! or list every variant, so the compiler asks about each new one. Keep `catch_unwind` to a
//! declared panic boundary (`panic_boundaries` in the configuration).

use std::ops::ControlFlow;

use syn::visit::{self, Visit};

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::index::Cond;
use crate::syntax::http::{
    FIVE_XX_CALLS, FIVE_XX_CONSTS, FOUR_XX_CALLS, FOUR_XX_CONSTS, QUALIFIED_SERVER_ERROR_CODES,
    SERVER_ERROR_CODES, is_4xx_literal, is_5xx_literal, names_an_internal_error,
};
use crate::syntax::calls::error_not_of;
use crate::syntax::operations::{Operation, Operations};
use crate::syntax::macros::is_log_macro;
use crate::syntax::handlers::{Ending, delay_of, ending, is_catch_unwind, is_logger_call};
use crate::syntax::nodes::{
    block_value, both_branches, has_a_camel_word, has_a_word, is_variant, last_ident, macro_name,
    method_span, peel, peel_outcome, segment_names,
};
use crate::syntax::patterns::{ErrInner, err_pattern, is_catch_all_binding};
use crate::syntax::visitors::{Descend, Node, any_node, for_each_node, mentions};
use crate::walk::{Cx, Hooks, LocalKind};
use crate::triggers::{Token, Trigger};

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "catch_all";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "one wildcard handler treats business and system errors alike",
    docs_source: include_str!("catch_all.rs"),
    allowed_by: &[],
    // A catch-all arm (`_ =>`, `other =>`, `Err(..) =>`), an `Err(..)` arm or `map_err` that
    // answers with one status, and `catch_unwind`.
    triggers: &[
        Trigger::Sequence(&[Token::Binding, Token::Op("=>")]),
        Trigger::Pattern("Err"),
        Trigger::Word("map_err"),
        Trigger::Word("catch_unwind"),
    ],
    kind: RuleKind::Checked(Hooks {
        expr: Some(check_expr),
        ..Hooks::NONE
    }),
};

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    match expr {
        syn::Expr::Match(matched) => {
            check_variant_match(cx, matched);
            check_uniform_status_arms(cx, matched);
        }
        syn::Expr::MethodCall(call) if call.method == "map_err" => {
            check_uniform_status_map_err(cx, call)
        }
        syn::Expr::MethodCall(call) if call.method == "catch_unwind" => {
            report_catch_unwind(cx, method_span(call));
        }
        syn::Expr::Call(call) => {
            if let syn::Expr::Path(path) = peel(&call.func)
                && last_ident(&path.path).is_some_and(|name| name == "catch_unwind")
            {
                report_catch_unwind(cx, SpanRange::of(&path.path));
            }
        }
        _ => {}
    }
}

fn report_catch_unwind(cx: &mut Cx<'_>, span: SpanRange) {
    // The program's entry point is the outermost boundary there is: the panic ends the process
    // either way (crater's `main`, which reports it first). So is the closure a thread starts
    // with for that thread (cloud-hypervisor's VMM threads, which report it and signal exit).
    // In the panic hook, a panic aborts the process: what it catches there (a backtrace taken,
    // a clock read) only decorates the report of the panic under way (curvine's crash report).
    if in_panic_boundary(cx)
        || cx.innermost().is_some_and(|fn_cx| {
            fn_cx.is_entry_point || fn_cx.starts_a_thread || fn_cx.hooks_panics
        })
    {
        return;
    }
    cx.report(Finding::new(
        ID,
        span,
        "`catch_unwind` rescues every panic and neither reports nor hands it on",
        "let panics crash the task and fix the bug; or log the panic, or answer it with an error \
         of its own; if this is a deliberate panic boundary, add it to `panic_boundaries` in the \
         configuration",
    ));
    // A re-raise after cleanup (`resume_unwind(payload)`), the panic's message handed on, a log
    // of it or an error for it, is only seen once the whole fn is.
    cx.retract_at_fn_end(hands_the_panic_on);
}

fn in_panic_boundary(cx: &Cx<'_>) -> bool {
    let config = cx.config;
    if cx
        .path
        .is_some_and(|path| config.panic_boundary_files.contains(path))
    {
        return true;
    }
    if config.panic_boundaries.is_empty() {
        return false;
    }
    let fn_name = cx.enclosing_fn().and_then(|fn_cx| fn_cx.name.as_deref());
    let qualified = match (cx.self_type(), fn_name) {
        (Some(owner), Some(name)) => Some(format!("{owner}::{name}")),
        _ => None,
    };
    config.panic_boundaries.iter().any(|boundary| {
        fn_name == Some(boundary.as_str()) || qualified.as_deref() == Some(boundary.as_str())
    })
}

/// The enum (its path as written) and the variant a pattern names, `Enum::Variant`, looking
/// through `Err(..)`.
fn named_variant(pat: &syn::Pat, out: &mut Vec<(Vec<String>, String)>) {
    let path = match pat {
        syn::Pat::Guard(guarded) => return named_variant(&guarded.pat, out),
        syn::Pat::Paren(paren) => return named_variant(&paren.pat, out),
        syn::Pat::Or(or) => {
            for case in &or.cases {
                named_variant(case, out);
            }
            return;
        }
        syn::Pat::TupleStruct(tuple)
            if last_ident(&tuple.path).is_some_and(|name| name == "Err") =>
        {
            if let [inner] = tuple.elems.iter().collect::<Vec<_>>()[..] {
                named_variant(inner, out);
            }
            return;
        }
        syn::Pat::TupleStruct(tuple) => &tuple.path,
        syn::Pat::Struct(structure) => &structure.path,
        syn::Pat::Path(path) => &path.path,
        syn::Pat::Ident(ident) => {
            if let Some((_, sub)) = &ident.subpat {
                named_variant(sub, out);
            }
            return;
        }
        _ => return,
    };
    let segments = &path.segments;
    if segments.len() < 2 {
        return;
    }
    let owner: Vec<String> = segments
        .iter()
        .take(segments.len() - 1)
        .map(|segment| segment.ident.to_string())
        .collect();
    out.push((owner, segments[segments.len() - 1].ident.to_string()));
}

/// `_`, `other`, `Err(_)`, `Err(e)`, without a guard.
fn is_catch_all(pat: &syn::Pat) -> bool {
    is_catch_all_binding(pat)
        || err_pattern(pat)
            .is_some_and(|err| err.guard.is_none() && !matches!(err.inner, ErrInner::Specific))
}

fn check_variant_match(cx: &mut Cx<'_>, matched: &syn::ExprMatch) {
    let mut named = Vec::new();
    let mut catch_all = None;
    let mut named_arms = Vec::new();
    for arm in &matched.arms {
        let before = named.len();
        named_variant(&arm.pat, &mut named);
        if named.len() > before {
            named_arms.push(arm);
        } else if !named.is_empty() && catch_all.is_none() && is_catch_all(&arm.pat) {
            catch_all = Some(arm);
        }
    }
    let (Some(catch_all), Some((owner, _))) = (catch_all, named.first()) else {
        return;
    };
    // `_ => ()`: the named variants get something extra (a header, a metric); the others need
    // nothing, and a new one rightly gets nothing either.
    let does_nothing = match peel(&catch_all.body) {
        syn::Expr::Tuple(unit) => unit.elems.is_empty(),
        syn::Expr::Block(block) => block.block.stmts.is_empty(),
        _ => false,
    };
    // `match e { .., _ => { if e.is_nx_domain() { .. } } }`, `match *inner { .., _ => inner }`:
    // a `_` arm still has the error, by the name the match was given.
    let binding = catch_all_binding(&catch_all.pat).or_else(|| {
        // `match *inner`, and `match err.unwrap()` (netavark's error wrapper): the arm still has
        // the error the match looked into.
        let scrutinee = match peel(&matched.expr) {
            syn::Expr::Unary(deref) if matches!(deref.op, syn::UnOp::Deref(_)) => peel(&deref.expr),
            syn::Expr::MethodCall(call) if call.args.is_empty() => peel(&call.receiver),
            scrutinee => scrutinee,
        };
        match (&catch_all.pat, scrutinee) {
            (syn::Pat::Wild(_), syn::Expr::Path(path)) => path.path.get_ident(),
            _ => None,
        }
    });
    if does_nothing
        // `Err(e) => { eprintln!("{e}"); process::exit(1) }`: no answer a new variant could
        // get wrong.
        || ending(&catch_all.body) == Ending::NeverReturns
        || is_projection(&named_arms, catch_all, yes_is_the_safe_answer(cx))
        || picks_a_log_level(matched)
        || picks_a_metric_label(cx)
        || declines_a_retry(cx, arm_value(&catch_all.body))
        || !answers_with_a_classification(cx, &catch_all.body)
        || hands_on_text_taken_before(cx, &catch_all.body)
        || binding.is_some_and(|binding| {
            passes_on_or_asks(&catch_all.body, binding)
                || logs_and_moves_on(&catch_all.body, binding)
                || hands_it_on_whole(&catch_all.body, binding)
        })
    {
        return;
    }
    // `_ => 500`: a migration step where the errors are not classified yet, as for
    // `report_uniform_5xx`.
    let answers_5xx = uniform_status(&catch_all.body, binding, &FIVE_XX)
        || is_5xx_literal(arm_value(&catch_all.body))
        || is_a_generic_failure_exit_code(cx, arm_value(&catch_all.body));
    let catch_all = &catch_all.pat;
    // The enum's name, `Self` being the impl's type.
    let name_of = |written: &[String]| match written.last().map(String::as_str) {
        Some("Self") => cx.self_type().map(str::to_owned),
        last => last.map(str::to_owned),
    };
    // Another crate's enum (`rusqlite::Error::QueryReturnedNoRows`) is not the checked code's
    // to classify, whatever the checked code calls its own.
    if named
        .iter()
        .any(|(other, _)| name_of(other) != name_of(owner))
        || cx.names_another_crate(owner)
    {
        return;
    }
    let paths = cx.resolve_path(owner);
    let owner = name_of(owner).unwrap_or_default();
    let listed = named.into_iter().map(|(_, variant)| variant).collect();
    let span = match err_pattern(catch_all) {
        Some(err) => err.span(),
        None => SpanRange::of(catch_all),
    };
    let mut requires = vec![Cond::ErrorEnumNotCovered {
        name: owner.clone(),
        paths,
        listed,
    }];
    if answers_5xx || picks_a_severity(matched) {
        let file = cx.path.map(std::path::Path::to_path_buf).unwrap_or_default();
        requires.push(Cond::UsesOnus(file));
    }
    cx.report_if(
        Finding::new(
            ID,
            span,
            format!("this catch-all arm treats every other `{owner}` variant alike, and absorbs new ones silently"),
            format!("list the remaining `{owner}` variants, or ask the error what it is (`error.status()`)"),
        ),
        requires,
        Vec::new(),
    );
}

/// Whether the catch-all's answer is a classification of the error, which a new variant would
/// take silently: a status or code (`_ => 500`, `StatusCode::BAD_REQUEST`, `ErrorCodes::Internal`,
/// `HttpResponse::NotFound()`, `Status::invalid_argument(..)`), another error (`Err(..)`,
/// `IggyError::TransientNotAccepted`, `?`, `bail!(..)`), a yes or no (a predicate's), or any
/// answer of a fn that classifies by its name (`fn status_code`, `fn as_code`, `fn
/// is_transient`, `fn retry_request`) or converts the error (`From::from`). A catch-all that
/// answers with something else (a label for a log, a metric or a display: `_ =>
/// Category::Other`, `_ => "other"`, `KeyProvisioning::Failed` after a log, a counter bumped)
/// decides nobody's onus: a new variant gets that label, and what is done with the error is
/// decided elsewhere.
fn answers_with_a_classification(cx: &Cx<'_>, body: &syn::Expr) -> bool {
    let fn_cx = cx.enclosing_fn();
    let fn_name = fn_cx.and_then(|fn_cx| fn_cx.name.as_deref());
    let converts = fn_cx.is_some_and(|fn_cx| fn_cx.implements_trait) && fn_name == Some("from");
    converts
        || fn_cx.is_some_and(|fn_cx| fn_cx.is_predicate)
        || fn_name.is_some_and(|name| {
            has_a_word(name, CLASSIFYING_FN_WORDS) || has_a_word(name, RETRY_WORDS)
        })
        || classifies(answer_of(body))
        || builds_an_error(body)
}

/// Words of a fn's name that say it classifies errors: whatever it answers is a class. So do
/// [`RETRY_WORDS`].
const CLASSIFYING_FN_WORDS: &[&str] = &[
    "status", "code", "codes", "severity", "temporary", "permanent", "fatal", "response",
    "respond", "answer", "reply", "http", "grpc",
];

/// Words of a fn's name that say it decides whether an error is retried.
const RETRY_WORDS: &[&str] = &["retry", "retryable", "retriable", "retries", "transient"];

/// Words of a type or variant's name that say its value is a class of error or an answer.
const CLASSIFYING_TYPE_WORDS: &[&str] = &[
    "error", "err", "status", "code", "codes", "response", "reply", "answer", "rejection",
    "failure", "fault", "severity", "retry", "kind",
];

/// Whether the value an arm answers with is a class of error (see
/// [`answers_with_a_classification`]).
fn classifies(value: &syn::Expr) -> bool {
    match peel(value) {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(_) | syn::Lit::Bool(_),
            ..
        }) => true,
        syn::Expr::Try(_) => true,
        syn::Expr::Return(answer) => answer.expr.as_deref().is_some_and(classifies),
        syn::Expr::Path(path) => names_a_class(&path.path),
        syn::Expr::Struct(built) => names_a_class(&built.path),
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) if path.path.is_ident("Some") || path.path.is_ident("Ok") => {
                call.args.iter().any(classifies)
            }
            syn::Expr::Path(path) => path.path.is_ident("Err") || names_a_class(&path.path),
            _ => false,
        },
        // `HttpResponse::NotFound().body(..)`, `StatusCode::OK.into_response()`.
        syn::Expr::MethodCall(call) => classifies(&call.receiver),
        syn::Expr::Tuple(items) => items.elems.iter().any(classifies),
        syn::Expr::Array(items) => items.elems.iter().any(classifies),
        syn::Expr::Macro(mac) => match vec_items(&mac.mac) {
            Some(items) => items.iter().any(classifies),
            None => macro_name(&mac.mac).is_some_and(|name| {
                has_a_camel_word(&name, &["bail", "anyhow", "err", "error", "eyre"])
            }),
        },
        syn::Expr::Block(block) => block_value(&block.block).is_some_and(classifies),
        syn::Expr::If(branches) => both_branches(branches, classifies),
        syn::Expr::Match(matched) => matched.arms.iter().any(|arm| classifies(&arm.body)),
        _ => answers_a_question(value),
    }
}

/// The items of `vec![a, b]`; `None` for another macro, or a `vec![x; n]`.
fn vec_items(
    mac: &syn::Macro,
) -> Option<syn::punctuated::Punctuated<syn::Expr, syn::Token![,]>> {
    if macro_name(mac).as_deref() != Some("vec") {
        return None;
    }
    mac.parse_body_with(syn::punctuated::Punctuated::parse_terminated).ok()
}

/// Whether a path names a class of error or an answer by one of its segments
/// (`ErrorCodes::Internal`, `StatusCode::BAD_REQUEST`, `Notice::error`).
fn names_a_class(path: &syn::Path) -> bool {
    path.segments
        .iter()
        .any(|segment| has_a_camel_word(&segment.ident.to_string(), CLASSIFYING_TYPE_WORDS))
}

/// Whether an arm's body returns an error from the fn on some path (`return Err(..)`, `?`,
/// `bail!(..)`), or builds one on its way (`notices.send(Notice::error(..))`), whatever it ends
/// with.
fn builds_an_error(body: &syn::Expr) -> bool {
    any_node(body, Descend::Body, |node| match node {
        Node::Expr(syn::Expr::Return(answer)) => answer.expr.as_deref().is_some_and(|value| {
            matches!(peel(value), syn::Expr::Call(call) if matches!(peel(&call.func),
                syn::Expr::Path(path) if path.path.is_ident("Err")))
        }),
        Node::Expr(syn::Expr::Try(_)) => true,
        Node::Expr(syn::Expr::Call(call)) => {
            matches!(peel(&call.func), syn::Expr::Path(path) if names_a_class(&path.path))
        }
        Node::Expr(syn::Expr::Macro(mac)) => {
            macro_name(&mac.mac).is_some_and(|name| name == "bail" || name == "ensure")
        }
        _ => false,
    })
}

/// The name a catch-all arm binds the rest to: `other`, `Err(e)`.
fn catch_all_binding(pat: &syn::Pat) -> Option<&syn::Ident> {
    match pat {
        syn::Pat::Ident(ident) if ident.subpat.is_none() => Some(&ident.ident),
        _ => match err_pattern(pat)?.inner {
            ErrInner::Bound(binding) => Some(binding),
            _ => None,
        },
    }
}

/// Whether a catch-all arm passes the rest on as they are (`Err(e) => Err(e)`,
/// `other => return Err(other.into())`, `e => Self::Store(e)`: the wrapped error still says what
/// it is), or asks the error what it is (`e.kind()`, `e.status()`, `e.aws_code()`): either way
/// it does not answer every error alike.
fn passes_on_or_asks(body: &syn::Expr, binding: &syn::Ident) -> bool {
    fn passes_on(expr: &syn::Expr, binding: &syn::Ident) -> bool {
        match peel(expr) {
            value if is_the_binding(value, binding) => true,
            // `a => a?`, and the error wrapped whole: `anyhow!(e)`, `eyre!(e)`; or its text
            // written in the message (`anyhow!("merge failed: {error:?}")`), as below.
            syn::Expr::Try(tried) => passes_on(&tried.expr, binding),
            macro_call @ syn::Expr::Macro(mac)
                if matches!(macro_name(&mac.mac).as_deref(), Some("anyhow" | "eyre")) =>
            {
                mac.mac
                    .parse_body::<syn::Expr>()
                    .is_ok_and(|arg| passes_on(&arg, binding))
                    || mentions(macro_call, binding)
            }
            // Its text handed on: `other => other.to_string()`, `Err(Invalid(e.to_string()))`,
            // `wasm_error!(Host(e.to_string()))`, `Custom(format!("..: {e}"))`. Each error
            // still says what it is; the cause flattened is `lost_source`'s to report.
            syn::Expr::MethodCall(call) if call.method == "to_string" && call.args.is_empty() => {
                passes_on(&call.receiver, binding)
            }
            macro_call @ syn::Expr::Macro(_) => mentions(macro_call, binding),
            syn::Expr::Call(call) => call.args.iter().any(|arg| passes_on(arg, binding)),
            // `Error::InvalidQuery { source: (Arc::new(err) as DynError).into(), .. }`.
            syn::Expr::Struct(literal) => literal
                .fields
                .iter()
                .any(|field| passes_on(&field.expr, binding)),
            syn::Expr::Cast(cast) => passes_on(&cast.expr, binding),
            syn::Expr::MethodCall(call) if call.method == "into" && call.args.is_empty() => {
                passes_on(&call.receiver, binding)
            }
            // `Err(err).wrap("delete old default route")`, `Err(e).context(..)`: the same error,
            // with what was being done added.
            syn::Expr::MethodCall(call) if is_err_of(&call.receiver) => {
                passes_on(&call.receiver, binding)
            }
            // `err => self.handle_hash_err(err).map_err(Stopped::internal)?`: given whole to a
            // method that decides, and what it answers handed on.
            // Not its text set on a response being built (`.message(err.to_string())` after
            // `.status_code(NOT_FOUND)`): that answers every error alike.
            syn::Expr::MethodCall(call) => {
                call.args.iter().any(|arg| is_the_binding(arg, binding))
                    || (["map_err", "context", "with_context", "wrap_err"]
                        .iter()
                        .any(|adapter| call.method == adapter)
                        && passes_on(&call.receiver, binding))
            }
            // `Err(e) => break Err(e)`: out of a retry loop, as `return` is out of the fn.
            syn::Expr::Return(ret) => ret.expr.as_deref().is_some_and(|value| passes_on(value, binding)),
            syn::Expr::Break(out) => out.expr.as_deref().is_some_and(|value| passes_on(value, binding)),
            // `e => { let boxed = Box::new(e) as Box<dyn Error>; Store(Other(boxed)) }`: through
            // a local that holds it.
            syn::Expr::Block(block) => {
                let holder = block.block.stmts.iter().find_map(|stmt| match stmt {
                    syn::Stmt::Local(local) => match (&local.pat, &local.init) {
                        (syn::Pat::Ident(held), Some(init)) if passes_on(&init.expr, binding) => {
                            Some(&held.ident)
                        }
                        _ => None,
                    },
                    _ => None,
                });
                let Some(syn::Stmt::Expr(tail, _)) = block.block.stmts.last() else {
                    return false;
                };
                passes_on(tail, binding)
                    || holder.is_some_and(|held| passes_on(tail, held))
                    // `other => { err.set_msg(format!("{other:?}")); }`: its text set on the
                    // answer being built.
                    || matches!(peel(tail), syn::Expr::MethodCall(call)
                        if call.method.to_string().starts_with("set_")
                            && call.args.iter().any(|arg| passes_on(arg, binding)))
            }
            _ => false,
        }
    }
    let asks = for_each_node(body, Descend::Body, |node| match node {
        Node::Expr(syn::Expr::MethodCall(call))
            if matches!(peel(&call.receiver), syn::Expr::Path(path) if path.path.is_ident(binding))
                && !matches!(
                    call.method.to_string().as_str(),
                    "to_string" | "into" | "clone" | "as_ref" | "fmt"
                ) =>
        {
            ControlFlow::Break(())
        }
        // `if let Error::Rusqlite(err) = e { e = Extended(err, code) }`, `match &e { .. }`:
        // it tells some errors from others.
        Node::Expr(syn::Expr::Let(tested)) if is_the_binding(&tested.expr, binding) => ControlFlow::Break(()),
        Node::Expr(syn::Expr::Match(tested)) if is_the_binding(&tested.expr, binding) => {
            ControlFlow::Break(())
        }
        _ => ControlFlow::Continue(()),
    })
    .is_some();
    asks || passes_on(body, binding)
}

/// Whether `value` is a program's exit code for "it failed", in a fn that picks the exit code
/// (habitat's `fn exit_code(&self) -> i32 { .., _ => DEFAULT_ERROR_EXIT_CODE }`): `1`,
/// `ExitCode::FAILURE`, `EXIT_FAILURE`, a constant named for an error exit code. A process's
/// "the fault is ours", as `_ => 500` is a service's.
fn is_a_generic_failure_exit_code(cx: &Cx<'_>, value: &syn::Expr) -> bool {
    let picks_the_exit_code = cx
        .enclosing_fn()
        .and_then(|fn_cx| fn_cx.name.as_deref())
        .is_some_and(|name| name.contains("exit_code") || name.contains("exit_status"));
    picks_the_exit_code
        && match peel(value) {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Int(code),
                ..
            }) => code.base10_digits() == "1",
            syn::Expr::Path(path) => last_ident(&path.path).is_some_and(|name| {
                let name = name.to_string();
                name == "FAILURE"
                    || (name.contains("EXIT") && (name.contains("ERR") || name.contains("FAIL")))
            }),
            _ => false,
        }
}

/// Whether a catch-all arm hands on the text of the error taken before the match (Qovery's
/// helm: `let stderr_msg = format!("{stderr_msg}: {err}"); match err { .., _ =>
/// Err(CmdError(.., stderr_msg)) }`): each error still says what it is, as with
/// `Err(Invalid(e.to_string()))` in the arm.
fn hands_on_text_taken_before(cx: &Cx<'_>, body: &syn::Expr) -> bool {
    for_each_node(body, Descend::Body, |node| match node {
        Node::Expr(syn::Expr::Path(path))
            if path
                .path
                .get_ident()
                .is_some_and(|name| cx.local(name) == Some(&LocalKind::ErrorText)) =>
        {
            ControlFlow::Break(())
        }
        _ => ControlFlow::Continue(()),
    })
    .is_some()
}

/// Whether `expr` is the error bound to `binding` (`e`, `&e`, `*e`).
fn is_the_binding(expr: &syn::Expr, binding: &syn::Ident) -> bool {
    match peel(expr) {
        syn::Expr::Path(path) => path.path.is_ident(binding),
        syn::Expr::Unary(deref) if matches!(deref.op, syn::UnOp::Deref(_)) => is_the_binding(&deref.expr, binding),
        _ => false,
    }
}

/// `Err(..)`: a `Result` built from an error.
fn is_err_of(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::Call(call) if is_variant(&call.func, "Err"))
}

/// Whether a catch-all arm answers nothing itself (its block ends in a statement) and hands the
/// error on whole to other code, which sees what it is: as an argument (`res => {
/// results.insert(hash, res); log.drop_tx(); }`) or stored (`Err(e) => { tx.send_modify(move
/// |state| *state = Inner::Failed(e)); return; }`). Its text alone (`e.to_string()`) is not the
/// error whole.
fn hands_it_on_whole(body: &syn::Expr, binding: &syn::Ident) -> bool {
    struct Handoff<'a> {
        binding: &'a syn::Ident,
        found: bool,
    }
    impl Handoff<'_> {
        /// `e`, `e.into()`, `Box::new(e)`, `Inner::Failed(e)`, `Some(e)`, `Outcome { error: e }`.
        fn is_whole(&self, expr: &syn::Expr) -> bool {
            match peel(expr) {
                syn::Expr::Path(path) => path.path.is_ident(self.binding),
                syn::Expr::MethodCall(call) if call.method == "into" && call.args.is_empty() => {
                    self.is_whole(&call.receiver)
                }
                syn::Expr::Call(call) => call.args.iter().any(|arg| self.is_whole(arg)),
                syn::Expr::Struct(literal) => {
                    literal.fields.iter().any(|field| self.is_whole(&field.expr))
                }
                _ => false,
            }
        }
    }
    impl<'ast> Visit<'ast> for Handoff<'_> {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            // `return Err(error)` under a condition is not where the arm sends the error.
            let wraps_a_value = matches!(peel(&call.func), syn::Expr::Path(path)
                if last_ident(&path.path).is_some_and(|name| name == "Err" || name == "Ok" || name == "Some"));
            self.found |= !wraps_a_value && call.args.iter().any(|arg| self.is_whole(arg));
            visit::visit_expr_call(self, call);
        }
        fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
            self.found |= call.args.iter().any(|arg| self.is_whole(arg));
            visit::visit_expr_method_call(self, call);
        }
        fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
            self.found |= self.is_whole(&assign.right);
            visit::visit_expr_assign(self, assign);
        }
    }
    let handoff_of = |expr: &syn::Expr| {
        let mut handoff = Handoff {
            binding,
            found: false,
        };
        handoff.visit_expr(expr);
        handoff.found
    };
    let block = match peel(body) {
        // `err => self.0.push(err)`: the arm's value is whatever the call that takes the error
        // answers.
        call @ syn::Expr::MethodCall(_) => return handoff_of(call),
        syn::Expr::Block(block) => block,
        _ => return false,
    };
    let answers_nothing = match block.block.stmts.last() {
        Some(syn::Stmt::Expr(_, Some(_)) | syn::Stmt::Local(_) | syn::Stmt::Macro(_)) => true,
        Some(syn::Stmt::Expr(last, None)) => matches!(peel(last),
            syn::Expr::Return(syn::ExprReturn { expr: None, .. })
                | syn::Expr::Break(syn::ExprBreak { expr: None, .. })
                | syn::Expr::Continue(_)),
        _ => false,
    };
    answers_nothing && handoff_of(peel(body))
}

/// Whether a catch-all arm only logs the error it binds and goes on (`Err(e) => warn!("..: {e}")`,
/// `Err(e) => { warn!(?e, ".."); continue }`, also counting it and setting up the next round on
/// the way: `_ => { error!(..: {}", err); let _ = queue.set_vt(id, LONG).await?;
/// metrics.requeues.add(1, &[..]); continue }`): it gives no answer that a new variant could get
/// wrong, and the log says what the new variant is.
fn logs_and_moves_on(body: &syn::Expr, binding: &syn::Ident) -> bool {
    let is_log = |mac: &syn::Macro| {
        last_ident(&mac.path).is_some_and(|name| is_log_macro(&name.to_string()))
    };
    let moves_on = |expr: &syn::Expr| match peel_outcome(expr) {
        syn::Expr::Macro(mac) => is_log(&mac.mac),
        syn::Expr::MethodCall(call) => {
            is_logger_call(call) || call.method == "sleep" || bumps_a_counter(call)
        }
        // `tokio::time::sleep(delay).await`: a pause before the next round.
        syn::Expr::Call(call) => delay_of(call).is_some(),
        syn::Expr::Continue(_) => true,
        syn::Expr::Break(leave) => leave.expr.is_none(),
        syn::Expr::Return(leave) => leave.expr.is_none(),
        _ => false,
    };
    let only_logs_and_moves_on = match peel(body) {
        syn::Expr::Block(block) => block.block.stmts.iter().all(|statement| match statement {
            syn::Stmt::Macro(mac) => is_log(&mac.mac),
            syn::Stmt::Expr(expr, _) => moves_on(expr),
            // `let delay = policy.next()..;` for the log or the pause, not from the error.
            syn::Stmt::Local(local) => local
                .init
                .as_ref()
                .is_none_or(|init| !mentions(&*init.expr, binding)),
            _ => false,
        }),
        other => moves_on(other),
    };
    // Everything in it is a log or a jump: the binding is mentioned in a log.
    only_logs_and_moves_on && mentions(body, binding)
}

/// Whether a method call counts one more in a metric: prometheus's `errors.inc()`,
/// `inc_by(n)`, the metrics crate's `counter.increment(1)`, OpenTelemetry's
/// `metrics.requeues.add(1, &[KeyValue::new(..)])`.
fn bumps_a_counter(call: &syn::ExprMethodCall) -> bool {
    match (call.method.to_string().as_str(), call.args.len()) {
        ("inc", 0) | ("inc_by" | "increment", 1) => true,
        ("add", 2) => call.args.first().is_some_and(|count| {
            matches!(peel(count), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(_), .. }))
        }),
        _ => false,
    }
}

/// Whether `expr` is what an arm bound, or asked of it, however long the chain of questions
/// (`s.error.stacktrace().and_then(|s| ..)`).
fn is_asked_of_the_binding(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::MethodCall(call) => is_asked_of_the_binding(&call.receiver),
        // `RequestError { status_code, .. } => failed_by_status(*status_code)`: a bound
        // reference's value.
        syn::Expr::Unary(deref) if matches!(deref.op, syn::UnOp::Deref(_)) => {
            is_asked_of_the_binding(&deref.expr)
        }
        // `format!("{timeout_type:?}").to_ascii_lowercase()`: what it bound, as text.
        syn::Expr::Macro(mac) => macro_name(&mac.mac).as_deref() == Some("format"),
        other => is_bound_by_the_arm(other),
    }
}

/// Whether `expr` is a name an arm bound, or a field of one (`response.headers`), not `self`.
fn is_bound_by_the_arm(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Path(path) => path.path.get_ident().is_some_and(|ident| ident != "self"),
        syn::Expr::Field(field) => is_bound_by_the_arm(&field.base),
        _ => false,
    }
}

/// An arm's value, looking through a block that only holds it (`=> { Some(*code) }`).
fn arm_value(body: &syn::Expr) -> &syn::Expr {
    match peel(body) {
        syn::Expr::Block(block) if block.block.stmts.len() == 1 => {
            block_value(&block.block).map_or(peel(body), arm_value)
        }
        value => value,
    }
}

/// The value an arm's body ends with, through blocks of statements.
fn answer_of(body: &syn::Expr) -> &syn::Expr {
    match peel(body) {
        syn::Expr::Block(block) => block_value(&block.block).map_or(peel(body), answer_of),
        value => value,
    }
}

/// `let level = match e { Error::ValueActive => Level::Error, _ => Level::Debug };`: every arm
/// picks a log level (`Level::*`, `LevelFilter::*`), and the error is logged whole with it. The
/// match answers nobody; a new variant is logged at the level of the others. So does one that
/// picks a log field (`fn error_category(&self) -> ErrorCategory { .., _ =>
/// ErrorCategory::Database }`).
fn picks_a_log_level(matched: &syn::ExprMatch) -> bool {
    every_arm_picks(matched, |owner| {
        owner == "Level" || owner == "LevelFilter" || owner.ends_with("Category")
    })
}

/// Whether the enclosing fn picks a metric's label (`fn request_metric_status(..) -> &'static
/// str { .., Err(_) => REQUEST_INGRESS_ERROR }`): among the words of its name are `metric` or
/// `label`. Like a log field, it answers nobody.
fn picks_a_metric_label(cx: &Cx<'_>) -> bool {
    cx.enclosing_fn()
        .and_then(|fn_cx| fn_cx.name.as_deref())
        .is_some_and(|name| has_a_word(name, &["metric", "metrics", "label"]))
}

/// `fn error_severity(&self) -> ErrorSeverity { .., _ => ErrorSeverity::Minor }`: every arm
/// picks a severity, or the crate's own level (quadratic's `_ => ErrorLevel::Warning`). Where
/// the errors are not classified yet it is how the service picks its log
/// level; in code that uses onus a severity is part of the classification, and a new variant
/// must not take the others' silently.
fn picks_a_severity(matched: &syn::ExprMatch) -> bool {
    every_arm_picks(matched, |owner| {
        owner.ends_with("Severity") || (owner.ends_with("Level") && owner != "Level")
    })
}

/// Whether every arm's value is a variant of an enum whose name `owner` accepts.
fn every_arm_picks(matched: &syn::ExprMatch, owner: impl Fn(&str) -> bool) -> bool {
    matched.arms.iter().all(|arm| {
        matches!(arm_value(&arm.body), syn::Expr::Path(path)
            if path.path.segments.iter().rev().nth(1).is_some_and(|segment| {
                owner(&segment.ident.to_string())
            }))
    })
}

/// Whether the match extracts variants rather than handles errors: the named arms hand out
/// something (`Some(..)`, `Ok(..)`, `true`, what they bound, or ask it: `err.is_partial()`) or
/// say "not this one" as the catch-all does (`None`, `false`, `Err(DifferentVariant)`, `&[]`). That is how
/// `TryFrom<Error> for Variant`, `Error::source` and `is_*` predicates read; a new variant is
/// rightly "not this one", so nothing is absorbed.
fn is_projection(named_arms: &[&syn::Arm], catch_all: &syn::Arm, yes_is_the_safe: bool) -> bool {
    // Over a `Result` (`Err(_) =>`), the match handles a failure: never a projection.
    if err_pattern(&catch_all.pat).is_some() {
        return false;
    }
    let catch_all_value = arm_value(&catch_all.body);
    // An arm that works its answer out in statements answers with its block's value
    // (`Db(db) => { let retry = ..; info!(..); retry.then_some(..) }`).
    let named: Vec<&syn::Expr> = named_arms.iter().map(|arm| answer_of(&arm.body)).collect();
    // An `is_*` predicate, `_ => false`: the named arms answer the question, however they work
    // it out (`matches!(status, 429 | 503)`, `a || retryable_scope(e).is_some()`). So does one
    // that asks whether operators hear of the error, `_ => true`: a new variant is reported
    // (autopush's `is_sentry_event`: `Validation(_) => false, _ => true`), or whether it is
    // final (iggy's `is_terminal`): a new variant is not retried; elsewhere yes for
    // the rest takes a new variant for what the named arms are not (`is_client_error`).
    // A catch-all that asks the rest a question of its own (`_ => self.kind.metric_label()
    // .is_none()`) asks a new variant too: nothing is absorbed unasked.
    let predicate = match catch_all_value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(value),
            ..
        }) => !value.value || yes_is_the_safe,
        asked => answers_a_question(asked),
    };
    (says_no(catch_all_value) || predicate)
        && projects(&named, |value| {
            hands_out(value) || (predicate && answers_a_question(value))
        })
}

/// Whether the catch-all of a fn that decides retries answers "do not retry" (`fn
/// retry_hint(&self) -> RetryHint { .., _ => RetryHint::NonRetryable }`, `_ => false` in `fn
/// is_retryable`, `_ => RetryDecision::Stop` in `fn should_retry`): a new variant is not
/// retried until someone says it may be, which is the safe default (retry only what is known to
/// be transient).
fn declines_a_retry(cx: &Cx<'_>, value: &syn::Expr) -> bool {
    let decides_retries = cx
        .enclosing_fn()
        .and_then(|fn_cx| fn_cx.name.as_deref())
        .is_some_and(|name| has_a_word(name, RETRY_WORDS));
    let declines = match peel(value) {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(value),
            ..
        }) => !value.value,
        syn::Expr::Path(path) => last_ident(&path.path).is_some_and(|name| {
            let name = name.to_string();
            // `RetryDecision::Stop`, `Action::GiveUp`, `DoNotRetry`.
            [
                "Non", "Not", "No", "Never", "Permanent", "Fatal", "Stop", "Abort", "Give",
                "DoNot", "Dont", "Fail",
            ]
                .iter()
                .any(|prefix| name.starts_with(prefix))
        }),
        _ => false,
    };
    decides_retries && declines
}

/// Whether the fn the match is in asks a question whose "yes" is the safe answer for a variant
/// nobody thought of: whether operators hear of the error (among the words of its name are
/// `sentry`, `report`, `reportable`, `alert`, `trace`, `log` or `critical`: `is_sentry_event`,
/// `should_report`, `should_trace_error`, `is_critical`), or whether
/// it is final, not to be retried (`terminal`, `fatal`, `permanent`: `is_terminal`).
fn yes_is_the_safe_answer(cx: &Cx<'_>) -> bool {
    cx.enclosing_fn()
        .and_then(|fn_cx| fn_cx.name.as_deref())
        .is_some_and(|name| {
            has_a_word(
                name,
                &[
                    "sentry",
                    "report",
                    "reportable",
                    "alert",
                    "trace",
                    "log",
                    "critical",
                    "terminal",
                    "fatal",
                    "permanent",
                ],
            )
        })
}

/// Whether arms with these values project a variant: some hand something out (as `hands_out`
/// says), and the others say "not this one" (`Self::NetError(_) => None`).
fn projects(values: &[&syn::Expr], hands_out: impl Fn(&syn::Expr) -> bool) -> bool {
    values.iter().any(|value| hands_out(value))
        && values.iter().all(|value| hands_out(value) || says_no(value))
}

/// Whether `value` is a `bool` worked out: a comparison, `!`, `&&`/`||`, `matches!(..)`, a
/// question (`is_*`, `has_*`, `contains*`, `starts_with`, `ends_with`), also as the value a
/// block ends with.
fn answers_a_question(value: &syn::Expr) -> bool {
    match peel(value) {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(_),
            ..
        }) => true,
        syn::Expr::Binary(both) => matches!(
            both.op,
            syn::BinOp::And(_)
                | syn::BinOp::Or(_)
                | syn::BinOp::Eq(_)
                | syn::BinOp::Ne(_)
                | syn::BinOp::Lt(_)
                | syn::BinOp::Le(_)
                | syn::BinOp::Gt(_)
                | syn::BinOp::Ge(_)
        ),
        syn::Expr::Unary(not) => matches!(not.op, syn::UnOp::Not(_)),
        syn::Expr::Macro(mac) => macro_name(&mac.mac).as_deref() == Some("matches"),
        syn::Expr::MethodCall(call) => {
            let method = call.method.to_string();
            ["is_", "has_", "contains"]
                .iter()
                .any(|prefix| method.starts_with(prefix))
                || method == "starts_with"
                || method == "ends_with"
        }
        syn::Expr::Block(block) => block_value(&block.block).is_some_and(answers_a_question),
        // `match status.code() { UNAVAILABLE => false, INTERNAL => !ignored(status), _ => true }`.
        syn::Expr::Match(matched) => matched.arms.iter().all(|arm| answers_a_question(&arm.body)),
        syn::Expr::If(branches) => both_branches(branches, answers_a_question),
        _ => false,
    }
}

/// Whether an arm's value says "not this one": `None`, `false`, `Err(DifferentVariant)`, or an
/// empty value (see [`is_empty_value`]).
fn says_no(value: &syn::Expr) -> bool {
    match value {
        syn::Expr::Path(path) => path.path.is_ident("None"),
        // `Some(match &self.kind { Common(e) => e, _ => return None })`.
        syn::Expr::Return(answer) => answer.expr.as_deref().is_some_and(|value| says_no(peel(value))),
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(value),
            ..
        }) => !value.value,
        value if is_empty_value(value) => true,
        syn::Expr::Call(call) => {
            matches!(peel(&call.func), syn::Expr::Path(path) if path.path.is_ident("Err"))
                && call.args.iter().all(|arg| {
                    // A unit type (`DifferentVariant`), not a constant (`INTERNAL_SERVER_ERROR`);
                    // or `()`, a `TryInto<Variant>`'s error that says only "not this one".
                    matches!(peel(arg), syn::Expr::Tuple(unit) if unit.elems.is_empty())
                        || matches!(peel(arg), syn::Expr::Path(path) if last_ident(&path.path)
                            .is_some_and(|name| {
                                let name = name.to_string();
                                name.starts_with(char::is_uppercase)
                                    && name.contains(char::is_lowercase)
                            }))
                })
        }
        _ => false,
    }
}

/// `None`, `MAX_SIZE`, `Variant.0`: a name that starts with a capital is not a binding.
fn starts_with_a_capital(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Path(path) => path
            .path
            .get_ident()
            .is_some_and(|ident| ident.to_string().starts_with(char::is_uppercase)),
        syn::Expr::Field(field) => starts_with_a_capital(&field.base),
        _ => false,
    }
}

/// An empty value, which says "nothing of this variant" as `None` does: `&[]`, `Vec::new()`,
/// `vec![]`, `String::new()`, `""`, `Default::default()`.
fn is_empty_value(value: &syn::Expr) -> bool {
    match peel(value) {
        syn::Expr::Reference(reference) => is_empty_value(&reference.expr),
        syn::Expr::Array(array) => array.elems.is_empty(),
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(text),
            ..
        }) => text.value().is_empty(),
        syn::Expr::Macro(mac) => macro_name(&mac.mac).as_deref() == Some("vec") && mac.mac.tokens.is_empty(),
        syn::Expr::Call(call) if call.args.is_empty() => {
            matches!(peel(&call.func), syn::Expr::Path(path) if path.path.segments.last()
                .is_some_and(|last| last.ident == "new" || last.ident == "default"))
        }
        _ => false,
    }
}

/// Whether a named arm's value hands something out of the variant: `Some(..)`, `Ok(..)`,
/// `true`, what the arm bound (`Validation { details, .. } => details`), a question asked of
/// it (`err.is_partial()`, `is_transient_io(e.kind())`), or such questions joined
/// (`e.is_connect() || e.is_timeout()`).
fn hands_out(value: &syn::Expr) -> bool {
    match peel(value) {
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) if path.path.is_ident("Some") || path.path.is_ident("Ok") => true,
            syn::Expr::Path(_) => {
                !call.args.is_empty() && call.args.iter().all(is_asked_of_the_binding)
            }
            _ => false,
        },
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(value),
            ..
        }) => value.value,
        syn::Expr::MethodCall(call) => is_asked_of_the_binding(&call.receiver),
        // `vec![("type", format!("{kind:?}"))]`: what it bound, as text.
        syn::Expr::Macro(mac) if macro_name(&mac.mac).as_deref() == Some("format") => true,
        // What it bound, copied out of the borrow: `Self::Reqwest { status, .. } => *status`.
        syn::Expr::Unary(copied) if matches!(copied.op, syn::UnOp::Deref(_)) => {
            hands_out(&copied.expr)
        }
        // A binding, named in snake case (`details`), not a unit variant or a constant.
        bound @ (syn::Expr::Path(_) | syn::Expr::Field(_)) => {
            is_bound_by_the_arm(bound) && !starts_with_a_capital(bound)
        }
        syn::Expr::Binary(both) if matches!(both.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) => {
            hands_out(&both.left) && hands_out(&both.right)
        }
        // `Auth(e) => vec![("error", e.to_string())]`: what it bound, gathered with written
        // labels (autopush's `extras()`).
        syn::Expr::Macro(mac) if macro_name(&mac.mac).as_deref() == Some("vec") => {
            vec_items(&mac.mac).is_some_and(|items| gathers_what_it_bound(items.iter()))
        }
        syn::Expr::Array(items) => gathers_what_it_bound(items.elems.iter()),
        syn::Expr::Tuple(items) => gathers_what_it_bound(items.elems.iter()),
        // `Variant { never } => match never {}`: an uninhabited variant answers nothing. An inner
        // projection of the variant's own error (`Provider(inner) => match inner { .. => Some(..),
        // _ => None }`) hands out what it does.
        syn::Expr::Match(matched) => {
            let values: Vec<&syn::Expr> =
                matched.arms.iter().map(|arm| arm_value(&arm.body)).collect();
            values.is_empty() || projects(&values, hands_out)
        }
        _ => false,
    }
}

/// Whether these items hand out what the arm bound, with written values beside it: at least
/// one hands something out, and the rest are literals.
fn gathers_what_it_bound<'a>(items: impl Iterator<Item = &'a syn::Expr>) -> bool {
    let mut hands_something_out = false;
    for item in items {
        if hands_out(item) {
            hands_something_out = true;
        } else if !matches!(peel(item), syn::Expr::Lit(_)) {
            return false;
        }
    }
    hands_something_out
}

fn check_uniform_status_arms(cx: &mut Cx<'_>, matched: &syn::ExprMatch) {
    for arm in &matched.arms {
        let Some(err) = err_pattern(&arm.pat) else {
            continue;
        };
        let ErrInner::Bound(binding) = err.inner else {
            continue;
        };
        if err.guard.is_some() || !mentions(&*arm.body, binding) {
            continue;
        }
        if uniform_status(&arm.body, Some(binding), &FIVE_XX) {
            report_uniform_5xx(
                cx,
                err.span(),
                "ask the error what it is: `Err(error) => error.status()` (derive `Classify` on the error type)",
            );
        } else if uniform_status(&arm.body, Some(binding), &FOUR_XX) {
            report_uniform_4xx(cx, &matched.expr, err.span());
        }
    }
}

fn check_uniform_status_map_err(cx: &mut Cx<'_>, call: &syn::ExprMethodCall) {
    let [syn::Expr::Closure(closure)] = call.args.iter().collect::<Vec<_>>()[..] else {
        return;
    };
    // A closure that ignores the error is `lost_source`'s finding; report it once.
    let Some(binding) = closure_binding(closure) else {
        return;
    };
    if !mentions(&*closure.body, binding) {
        return;
    }
    if uniform_status(&closure.body, Some(binding), &FIVE_XX) {
        report_uniform_5xx(
            cx,
            method_span(call),
            "ask the error what it is: `.map_err(|error| error.status())` (derive `Classify` on the error type)",
        );
    } else if uniform_status(&closure.body, Some(binding), &FOUR_XX) {
        report_uniform_4xx(cx, &call.receiver, method_span(call));
    }
}

/// "Every error of `operation` gets the same 4xx": the caller is told their request is wrong
/// when our side failed. Reported where the operation is a call known to return a `Result` that
/// can fail on our side: not a conversion or a check of input, whose every error is the caller's.
/// A question asked of the file system is one, and so is a removal: "not found" is the
/// caller's, "permission denied" is ours.
fn report_uniform_4xx(cx: &mut Cx<'_>, operation: &syn::Expr, span: SpanRange) {
    let kind = cx.operation_of(operation);
    let of_the_file_system = matches!(kind, Operation::FileProbe | Operation::Removal);
    if !(kind.is_unknown() || of_the_file_system) || checks_input(operation) {
        return;
    }
    let Some(mut requires) = cx.value_result_conds(operation) else {
        return;
    };
    // A fn of the checked code whose every error is the caller's input read wrongly
    // (rustc-perf's `get_self_profile_id(..)`, which only parses the request's fields): its one
    // 4xx is the answer, as for the parse itself.
    requires.extend(error_not_of(
        cx,
        operation,
        Operations::matching(|kind| {
            !(kind.is_unknown() || matches!(kind, Operation::FileProbe | Operation::Removal))
        }),
    ));
    cx.report_if(
        Finding::new(
            ID,
            span,
            "every error gets the same 4xx status: a failure on our side is answered as the caller's mistake",
            "answer the caller's case with its 4xx and propagate the rest: \
             `Err(DbError::NotFound) => Err(StatusCode::NOT_FOUND), Err(error) => Err(error.into())`, \
             or ask the error (`error.status()`)",
        ),
        requires,
        Vec::new(),
    );
}

/// Whether the call producing `operation` checks or reads the caller's input: `validate*`,
/// `check*`, `verify*`, `authorize*`, `authenticate*`, and conversions by another name than
/// [`Operation::Conversion`]'s (`split*`, `from_*`, `*_from_*`: `node_id_from_did(id)`), or a
/// call on the request itself (`request.path()`, `read_filter(req)`,
/// `resolve_claims(&keys, req.headers().get(AUTHORIZATION))`). Their errors are the caller's by
/// design.
fn checks_input(operation: &syn::Expr) -> bool {
    let mut expr = peel(operation);
    loop {
        match expr {
            syn::Expr::Await(inner) => expr = peel(&inner.base),
            syn::Expr::Try(inner) => expr = peel(&inner.expr),
            _ => break,
        }
    }
    let name = match expr {
        // `request.path()`, `req.json().await`: the request read or converted.
        syn::Expr::MethodCall(call) if reads_the_request(&call.receiver) => return true,
        syn::Expr::MethodCall(call) => call.method.to_string(),
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => match last_ident(&path.path) {
                Some(_) if call.args.iter().any(is_the_request) => return true,
                Some(name) => name.to_string(),
                None => return false,
            },
            _ => return false,
        },
        _ => return false,
    };
    ["validate", "check", "verify", "authorize", "authenticate", "split", "from_"]
        .iter()
        .any(|prefix| name.starts_with(prefix))
        || name.contains("_from_")
}

/// Whether `expr` is the request a handler was given (`req`, `&request`, `http_request`), or
/// its headers, URI or body (`req.headers().get(AUTHORIZATION)`): what a call on them fails on
/// is the request. A value read out of it (`req.user_id()`) is not: a lookup of it may fail on
/// our side.
fn is_the_request(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::MethodCall(call)
            if matches!(
                call.method.to_string().as_str(),
                "headers" | "uri" | "body" | "into_body"
            ) =>
        {
            is_the_request(&call.receiver)
        }
        syn::Expr::MethodCall(call) => {
            !matches!(peel(&call.receiver), syn::Expr::Path(_)) && is_the_request(&call.receiver)
        }
        syn::Expr::Path(path) => path.path.get_ident().is_some_and(|name| {
            let name = name.to_string();
            matches!(name.as_str(), "req" | "request")
                || name.ends_with("_req")
                || name.ends_with("_request")
        }),
        _ => false,
    }
}

/// Whether a receiver is the request or what its methods read of it (`request.path()`).
fn reads_the_request(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::MethodCall(call) => reads_the_request(&call.receiver),
        _ => is_the_request(expr),
    }
}

/// "Every error gets the same 5xx" is answered by classifying the error: a defect where onus is
/// used, a migration step elsewhere (as `unclassified_error`).
fn report_uniform_5xx(cx: &mut Cx<'_>, span: SpanRange, help: &str) {
    let file = cx.path.map(std::path::Path::to_path_buf).unwrap_or_default();
    cx.report_if(
        Finding::new(
            ID,
            span,
            "every error gets the same 5xx status, whatever it is",
            help,
        ),
        vec![Cond::UsesOnus(file)],
        Vec::new(),
    );
}

/// A class of statuses as code writes them: constants, constructors, literals.
struct Statuses {
    consts: &'static [&'static [&'static str]],
    /// Constants known only with their type's name (`CloseCode::Error`).
    qualified: &'static [[&'static str; 2]],
    /// Constants known by a word in their name (`STS_INTERNAL_ERR`).
    named: fn(&str) -> bool,
    calls: &'static [&'static str],
    literal: fn(&syn::Expr) -> bool,
}

const FIVE_XX: Statuses = Statuses {
    consts: &[FIVE_XX_CONSTS, SERVER_ERROR_CODES],
    qualified: QUALIFIED_SERVER_ERROR_CODES,
    named: names_an_internal_error,
    calls: FIVE_XX_CALLS,
    literal: is_5xx_literal,
};

const FOUR_XX: Statuses = Statuses {
    consts: &[FOUR_XX_CONSTS],
    qualified: &[],
    named: |_| false,
    calls: FOUR_XX_CALLS,
    literal: is_4xx_literal,
};

/// Whether `body` answers with a hard-coded status of the class, never asks `binding` what it
/// is and never hands it on whole (`return Err(e)`; not looking into closures, which answer for
/// something else).
fn uniform_status(body: &syn::Expr, binding: Option<&syn::Ident>, statuses: &Statuses) -> bool {
    let is_binding = |expr: &syn::Expr| {
        matches!(peel(expr), syn::Expr::Path(path) if binding.is_some_and(|binding| path.path.is_ident(binding)))
    };
    let mut has_status = false;
    let delegates = for_each_node(body, Descend::Body, |node| {
        let Node::Expr(expr) = node else {
            return ControlFlow::Continue(());
        };
        match expr {
            syn::Expr::Path(path) => {
                has_status |= last_ident(&path.path)
                    .is_some_and(|name| {
                        statuses.consts.iter().flat_map(|consts| consts.iter()).any(|c| name == c)
                            || (statuses.named)(&name.to_string())
                    })
                    || matches!(&segment_names(&path.path)[..], [.., owner, name]
                        if statuses.qualified.iter().any(|[ty, constant]| owner == ty && name == constant));
            }
            syn::Expr::Call(call) => {
                if let syn::Expr::Path(path) = peel(&call.func)
                    && let Some(name) = last_ident(&path.path)
                {
                    // `if e.to_string().contains("not found") { return Ok(NotFound) } return
                    // Err(e)`: the error handed on whole on another path; not every error gets
                    // the status.
                    if is_variant(&call.func, "Err") && call.args.iter().any(is_binding) {
                        return ControlFlow::Break(());
                    }
                    let name = name.to_string();
                    let is_status_call = statuses.calls.contains(&name.as_str())
                        || ((name.contains("status") || name == "from_u16")
                            && call.args.iter().any(statuses.literal));
                    if !is_status_call
                        && classifies_what_it_is_given(path, call, statuses)
                        && call.args.iter().any(is_binding)
                    {
                        return ControlFlow::Break(());
                    }
                    has_status |= is_status_call;
                }
            }
            syn::Expr::MethodCall(call) => {
                let name = call.method.to_string();
                if is_binding(&call.receiver)
                    && !matches!(name.as_str(), "to_string" | "into" | "clone" | "as_ref")
                {
                    // `e.status()`, `e.kind()`, `e.downcast_ref()`: the answer depends on the error.
                    return ControlFlow::Break(());
                }
                has_status |= name.contains("status") && call.args.iter().any(statuses.literal);
            }
            syn::Expr::Tuple(tuple) => has_status |= tuple.elems.iter().any(statuses.literal),
            syn::Expr::Match(matched) if is_binding(&matched.expr) => {
                return ControlFlow::Break(());
            }
            syn::Expr::Let(let_expr) if is_binding(&let_expr.expr) => {
                return ControlFlow::Break(());
            }
            _ => {}
        }
        ControlFlow::Continue(())
    })
    .is_some();
    has_status && !delegates
}

/// Whether a call given the error whole is a fn of its own that decides the answer
/// (omicron's `public_error_from_diesel(e, ErrorHandler::Conflict(..))`, which answers 409 for a
/// unique violation and 500 for the rest): a free fn, not a type's constructor
/// (`Error::new(StatusCode::NOT_FOUND, e)`) nor a variant, given no status itself
/// (`error_response(e, StatusCode::NOT_FOUND)` still answers every error alike).
fn classifies_what_it_is_given(
    path: &syn::ExprPath,
    call: &syn::ExprCall,
    statuses: &Statuses,
) -> bool {
    let is_a_constant = |name: &syn::Ident| {
        statuses.consts.iter().flat_map(|consts| consts.iter()).any(|c| name == c)
    };
    let is_a_status = |arg: &syn::Expr| {
        (statuses.literal)(arg)
            || matches!(peel(arg), syn::Expr::Path(path)
                if last_ident(&path.path).is_some_and(is_a_constant))
    };
    path.qself.is_none()
        && path.path.segments.iter().all(|segment| {
            let name = segment.ident.to_string();
            !name.starts_with(|c: char| c.is_ascii_uppercase())
        })
        && !call.args.iter().any(is_a_status)
}

/// The ident a one-argument closure binds, if it is a plain binding.
fn closure_binding(closure: &syn::ExprClosure) -> Option<&syn::Ident> {
    let [syn::Pat::Ident(ident)] = closure.inputs.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    ident.subpat.is_none().then_some(&ident.ident)
}

/// Whether the fn hands a caught panic on: back to `resume_unwind`, `resume_unwind(payload)`
/// where `payload` is bound by an `Err(payload)` pattern or is the parameter of a one-argument
/// closure (`.unwrap_or_else(|payload| resume_unwind(payload))`); or as its message, asked of
/// the payload (`payload.downcast_ref::<&str>()`, then `Err(Error::Panicked(msg))` or a log of
/// it): each panic answered with what it said, not one uniform answer. A payload made up on the
/// spot (`resume_unwind(Box::new(".."))`) is a different panic: the caught one is still
/// absorbed. Or whether it reports the panic, after the catch: a log (`Err(_) => error!("the job
/// panicked")`) or an error made for it (`.map_err(|_| Error::Panicked)`, `Err(_) =>
/// Err(..)`). A panic has no variants: one answer for every panic is its classification, the
/// fault is ours; what must not happen is that nobody hears of it.
fn hands_the_panic_on(block: &syn::Block) -> bool {
    let mut finder = ResumeFinder::default();
    finder.visit_block(block);
    finder.reported
        || finder.handed_over
        || finder
            .resumed
            .iter()
            .chain(&finder.asked)
            .any(|handed_on| finder.payloads.contains(handed_on))
        || finder
            .passed
            .iter()
            .any(|handed_on| finder.caught.contains(handed_on))
        || block_value(block).is_some_and(|value| {
            returns_what_it_caught(value)
                // `let res = panic::catch_unwind(f); unmute(); res`.
                || matches!(peel(value), syn::Expr::Path(path)
                    if path.path.get_ident().is_some_and(|name| finder.caught.contains(name)))
        })
}

/// Whether a fn's value is the caught outcome itself, payload and all, perhaps run by an
/// executor first (`self.runtime.block_on(AssertUnwindSafe(future).catch_unwind())`): its
/// caller decides what a panic means.
fn returns_what_it_caught(value: &syn::Expr) -> bool {
    match peel_outcome(value) {
        caught if is_catch_unwind(caught) => true,
        syn::Expr::Call(call) => call.args.iter().any(returns_what_it_caught),
        syn::Expr::MethodCall(call) => call.args.iter().any(returns_what_it_caught),
        _ => false,
    }
}

/// Whether an expression catches a panic, not inside a closure it hands on.
fn catches(expr: &syn::Expr) -> bool {
    any_node(expr, Descend::Body, |node| matches!(node, Node::Expr(expr) if is_catch_unwind(expr)))
}

#[derive(Default)]
struct ResumeFinder {
    /// Names bound by `Err(name)` or as a closure's only parameter.
    payloads: Vec<syn::Ident>,
    /// Names passed to `resume_unwind`.
    resumed: Vec<syn::Ident>,
    /// Names asked for what they hold: `payload.downcast_ref::<String>()`.
    asked: Vec<syn::Ident>,
    /// Locals bound to a caught outcome: `let result = AssertUnwindSafe(fut).catch_unwind().await`.
    caught: Vec<syn::Ident>,
    /// Names passed whole to a call (`self.on_finish(id, result)`), which sees what they hold.
    passed: Vec<syn::Ident>,
    /// Whether a caught outcome is itself an argument of a call (`tx.send(catch_unwind(f))`,
    /// to the task's handle that its caller awaits): the call sees the panic.
    handed_over: bool,
    /// Whether a catch has been visited whole: what comes after it may report its panic, what
    /// runs inside it (`catch_unwind(|| { info!(..); work() })`) or before it does not.
    after_a_catch: bool,
    /// Whether, after a catch, the fn logs or makes an error.
    reported: bool,
}

impl ResumeFinder {
    /// Notes the names among a call's arguments, but for `drop(outcome)`, which sees nothing.
    fn note_passed<'a>(
        &mut self,
        callee: Option<&syn::Ident>,
        args: impl Iterator<Item = &'a syn::Expr>,
    ) {
        if callee.is_some_and(|callee| callee == "drop") {
            return;
        }
        for arg in args {
            if is_catch_unwind(peel_outcome(arg)) {
                self.handed_over = true;
            }
            if let syn::Expr::Path(path) = peel(arg)
                && let Some(name) = path.path.get_ident()
            {
                self.passed.push(name.clone());
            }
        }
    }
}

impl<'ast> Visit<'ast> for ResumeFinder {
    fn visit_expr(&mut self, expr: &'ast syn::Expr) {
        visit::visit_expr(self, expr);
        if is_catch_unwind(expr) {
            self.after_a_catch = true;
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if self.after_a_catch && macro_name(mac).is_some_and(|name| is_log_macro(&name)) {
            self.reported = true;
        }
        visit::visit_macro(self, mac);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        if let syn::Pat::Ident(binding) = &local.pat
            && local.init.as_ref().is_some_and(|init| catches(&init.expr))
        {
            self.caught.push(binding.ident.clone());
        }
        visit::visit_local(self, local);
    }

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

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if call.method.to_string().starts_with("downcast")
            && let syn::Expr::Path(receiver) = peel(&call.receiver)
            && let Some(name) = receiver.path.get_ident()
        {
            self.asked.push(name.clone());
        }
        self.note_passed(Some(&call.method), call.args.iter());
        visit::visit_expr_method_call(self, call);
        // After the receiver: `catch_unwind(..).map_err(|_| Error::Panicked)`.
        if self.after_a_catch && (call.method == "map_err" || is_logger_call(call)) {
            self.reported = true;
        }
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = peel(&call.func)
            && last_ident(&path.path).is_some_and(|name| name == "resume_unwind")
            && let Some(syn::Expr::Path(arg)) = call.args.first().map(peel)
            && let Some(name) = arg.path.get_ident()
        {
            self.resumed.push(name.clone());
        }
        let callee = match peel(&call.func) {
            syn::Expr::Path(path) => last_ident(&path.path),
            _ => None,
        };
        self.note_passed(callee, call.args.iter());
        visit::visit_expr_call(self, call);
        if self.after_a_catch && callee.is_some_and(|name| name == "Err") {
            self.reported = true;
        }
    }
}
