//! # What it finds
//!
//! An error's own text sent to a client in a 5xx answer: the text expression (`e.to_string()`,
//! `format!("..: {e}")`, `format!("{e:?}")`, `self.to_string()`, `json!({ "error": e.to_string() })`)
//! when it is the body or message of
//!
//! - an axum tuple with a 5xx status: `(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())`
//!   (`SERVICE_UNAVAILABLE`, `BAD_GATEWAY`, `GATEWAY_TIMEOUT`, a literal `500`..`599`);
//! - `Response::builder().status(5xx).body(..)`, `HttpResponse::build(5xx).body(..)`, also from a
//!   local (`let mut resp = HttpResponseBuilder::new(5xx); .. resp.body(..)`);
//! - actix-web's `HttpResponse::InternalServerError()` (`ServiceUnavailable()`, `BadGateway()`,
//!   `GatewayTimeout()`) `.body(..)` / `.json(..)`;
//! - actix-web's `error::ErrorInternalServerError(..)` (`ErrorServiceUnavailable`,
//!   `ErrorBadGateway`, `ErrorGatewayTimeout`), whose body is its argument's `Display` — so the
//!   error itself counts too: `.map_err(ErrorInternalServerError)`, `ErrorInternalServerError(e)`;
//! - tonic's `Status::internal(..)`, `Status::unknown(..)`, `Status::unavailable(..)`,
//!   `Status::new(Code::Internal | Code::Unknown | Code::Unavailable, ..)`, in code that uses
//!   onus: gRPC defines a status's message as "a developer-facing error message"
//!   (`google.rpc.Status`; what a user reads goes in its details), and gRPC mostly carries one
//!   service's calls to another of the same team, whose developers learn from that text what
//!   failed (of the gRPC findings read on services, 2 in 64 were a leak; see
//!   `lints/PRECISION.md`, session 20). A service that uses onus answers with its
//!   classification through the tonic integration, and there the text is the thing to fix;
//! - a constructor of the crate's own answer given a 5xx status and the text
//!   (`ErrorResponse::with_error(StatusCode::INTERNAL_SERVER_ERROR, format!("..: {err}"))`), or a
//!   struct literal with a 5xx field and the text in another.
//!
//! An error is a binding named `e`, `err`, `error` or `*_err`/`*_error`, `self` in an
//! `into_response`/`error_response` impl, or a parameter typed as one (`cause: &DbError`,
//! `impl Error`, `&dyn Error`, and `impl Display` in a helper named as an error answer:
//! `fn internal_server_error(message: impl Display)`). Its text may go through a local first:
//! `let msg = format!("..: {e}"); error!("{msg}"); Status::internal(msg)`.
//!
//! Left alone: 4xx answers carrying the text (a business error's message is meant for the caller),
//! a generic message, logs, `onus::Problem`, which never carries a system error's text, an error
//! bound to a unit variant (`Err(err @ ConnectError::OutOfEnergy) =>`: its text is the variant's
//! fixed message), `self` or the error matched by name in the arm of a unit variant (`match self {
//! Error::NotReady => (SERVICE_UNAVAILABLE, self.to_string()) }`, `match &err { JoinError::Pending
//! => Status::unavailable(err.to_string()) }`), and the error of an operation whose text shows no
//! internals, bound by an `Err(e)` arm, an `if let Err(e) = ..`, a `map_err(|e| ..)` closure (also
//! through a local holding its text: `let message = format!("bad tags: {error:?}")`) or given to
//! `.map_err(ErrorInternalServerError)`: one that carries no cause (a conversion of input, a
//! timeout, a closed channel, a send's error shown with `Display`, which says only "channel
//! closed": see `lost_source`; an AWS SDK request's shown with `Display`, which says only its
//! category, "service error": `client.get_object().bucket(b).key(k).send().await`), or a
//! serialization into memory (`serde_json::to_vec(&backend)`, a
//! template rendered, `page.render()`, metrics encoded as text, `encode_to_string(&families)`,
//! `encoder.encode(&[family], &mut buffer)` into a local `Vec::new()`: its text names a type, a
//! field or a template, never a host or a path). So is an answer handed to a fn of the checked code
//! that decides what the client sees of it: one that takes the answer's type and, on some path,
//! builds one from a written message (`obscure_error_if_true(report,
//! Status::internal(e.to_string()))`, whose body answers `Status::new(status.code(), "Details are
//! obscured")` unless the operator asked for details). And an answer of a handler that first turns
//! away whoever is not an admin (`if !is_admin(client) { return admin_auth_required() }`, `if
//! !is_root_user(&user_id) { return forbidden() }`, `require_admin(&auth)?;`, an extractor named
//! for admins among its parameters, `_admin: AdminRole`): its client is the operator, who reads the
//! same text in the logs. Nor is an answer built only in a test or debug build (`Internal(err) if
//! cfg!(debug_assertions) => (INTERNAL_SERVER_ERROR, Some(err.to_string()))`, the branch of `if
//! cfg!(debug_assertions)`), nor the field of an answer that stays on the server (dropshot's
//! `HttpError { external_message: "..".into(), internal_message: e.to_string(), .. }`, which is
//! logged, never sent: a field named `internal_*` or `log_*`).
//!
//! The same leak through a 4xx answer is the derive's to refuse: a business variant whose
//! `#[error(...)]` shows its `#[source]`/`#[from]` field (`#[error("invalid input: {0}")]
//! WrapsSystem(#[source] StoreDown)`) or is `#[error(transparent)]` would put the source's text
//! in `Problem.detail`, so `#[derive(onus::Classify)]` rejects it unless `public = "..."` replaces
//! the text or `reason = "..."` says why the source's text is the caller's.
//!
//! # Why is this bad
//!
//! A system error is ours, not the caller's: "its internals must never reach the client". Its
//! text names hosts and ports (`connection refused to 10.0.0.7:5432`), tables and constraints,
//! file paths, library versions and sometimes data — a map for an attacker (CWE-209) and nothing
//! the caller can act on. The operator needs that text; the client needs an apology and an id to
//! quote.
//!
//! # Example
//!
//! ```text
//! Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
//! ```
//!
//! # Use instead
//!
//! Log the error with an id and answer with a generic message that carries the id — what
//! `#[derive(onus::Classify)]` and `onus::Problem` do:
//!
//! ```text
//! Err(e) => AppError::Db(e).into_response(), // 503, "an internal error occurred", error_id
//! ```

use quote::ToTokens;

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::index::Cond;
use crate::syntax::calls::call_of;
use crate::syntax::http::{builds_5xx, is_5xx_status};
use crate::syntax::nodes::{last_ident, peel, segment_names};
use crate::syntax::text::{error_text, reads_as_an_error};
use crate::triggers::Trigger;
use crate::walk::{Cx, Hooks, LocalKind};

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "leaked_error_text";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "an error's own text reaches a client in a 5xx answer",
    docs_source: include_str!("leaked_error_text.rs"),
    allowed_by: &[],
    // The error's text: `.to_string()`, `format!(..)`, `json!(..)` (a 5xx status alone leaks
    // nothing), or actix-web's 5xx errors, whose body is the `Display` of what they are given.
    triggers: &[
        Trigger::Word("to_string"),
        Trigger::Word("format"),
        Trigger::Word("json"),
        Trigger::Word("ErrorInternalServerError"),
        Trigger::Word("ErrorServiceUnavailable"),
        Trigger::Word("ErrorBadGateway"),
        Trigger::Word("ErrorGatewayTimeout"),
    ],
    kind: RuleKind::Checked(Hooks {
        expr: Some(check_expr),
        ..Hooks::NONE
    }),
};

const MESSAGE: &str = "an error's own text is sent to the client in a 5xx answer";
const HELP: &str = "log the error with an id and answer with a generic message: derive \
                    `onus::Classify` and return the error (its `Problem` never carries a system \
                    error's text)";

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    // trailbase's `Internal(err) if cfg!(debug_assertions) => (500, Some(err.to_string()))`,
    // beside the release build's arm that answers without a body.
    if cx.in_a_debug_build_only() {
        return;
    }
    // `async fn send_support_data(_admin: AdminRole, ..)`: the extractor turned everyone but
    // the operator away.
    if cx.enclosing_fn().is_some_and(|fn_cx| fn_cx.admits_only_admins) {
        return;
    }
    if let syn::Expr::MethodCall(call) = expr
        && call.method == "map_err"
    {
        check_map_err_into_5xx(cx, call);
        return;
    }
    // `obscure_error_if_true(report, Status::internal(e.to_string()))`: an answer handed to a fn
    // of the checked code that may decide what the client sees of it. Reported here, with that
    // condition, before the walker reaches the answer itself.
    let arguments = match expr {
        syn::Expr::Call(call) => Some(&call.args),
        syn::Expr::MethodCall(call) => Some(&call.args),
        _ => None,
    };
    let leaked_arguments: Vec<(SpanRange, Vec<Cond>)> = arguments
        .into_iter()
        .flatten()
        .flat_map(|argument| {
            leaked_texts(cx, argument)
                .into_iter()
                .map(|span| (span, where_it_is_a_leak(cx, argument)))
        })
        .collect();
    if !leaked_arguments.is_empty()
        && let Some(callee) = call_of(cx, expr)
    {
        for (span, mut requires) in leaked_arguments {
            requires.push(Cond::NotRedactedBy(callee.clone()));
            cx.report_if(Finding::new(ID, span, MESSAGE, HELP), requires, Vec::new());
            cx.retract_at_fn_end(admits_only_admins);
        }
    }
    for span in leaked_texts(cx, expr) {
        let at = |span: &SpanRange| (span.start.start(), span.end.end());
        let reported = cx
            .candidates
            .iter()
            .any(|candidate| candidate.finding.rule == ID && at(&candidate.finding.span) == at(&span));
        if !reported {
            let requires = where_it_is_a_leak(cx, expr);
            cx.report_if(Finding::new(ID, span, MESSAGE, HELP), requires, Vec::new());
            cx.retract_at_fn_end(admits_only_admins);
        }
    }
}

/// Whether a handler first turns away whoever is not an admin (`if !is_admin(client) { return
/// admin_auth_required() }`, `require_admin(&auth)?;`, or an extractor named for admins among
/// its parameters, `_admin: AdminRole`, see [`crate::walk::FnCx::admits_only_admins`]): its
/// client is the operator, who can read the same text in the logs.
fn admits_only_admins(body: &syn::Block) -> bool {
    body.stmts.iter().any(|stmt| match stmt {
        syn::Stmt::Expr(syn::Expr::If(guard), _) => {
            guard.else_branch.is_none()
                && names_admin(guard.cond.to_token_stream())
                && guard
                    .then_branch
                    .stmts
                    .iter()
                    .any(|stmt| matches!(stmt, syn::Stmt::Expr(syn::Expr::Return(_), _)))
        }
        syn::Stmt::Expr(syn::Expr::Try(checked), _) => {
            let called = match peel(&checked.expr) {
                syn::Expr::Call(call) => match peel(&call.func) {
                    syn::Expr::Path(path) => last_ident(&path.path).map(ToString::to_string),
                    _ => None,
                },
                syn::Expr::MethodCall(call) => Some(call.method.to_string()),
                _ => None,
            };
            called.is_some_and(|name| name.to_lowercase().contains("admin"))
        }
        _ => false,
    })
}

/// Whether the tokens name an admin: `is_admin(..)`, `client.admin`, `Role::Admin`, also as the
/// root user or a superuser (openobserve's `is_root_user(user_id)`).
fn names_admin(tokens: proc_macro2::TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        proc_macro2::TokenTree::Ident(ident) => {
            let name = ident.to_string().to_lowercase();
            ["admin", "root_user", "superuser"]
                .iter()
                .any(|operator| name.contains(operator))
        }
        proc_macro2::TokenTree::Group(group) => names_admin(group.stream()),
        _ => false,
    })
}

/// Where `expr`, if it is a 5xx answer, carries an error's text.
fn leaked_texts(cx: &Cx<'_>, expr: &syn::Expr) -> Vec<SpanRange> {
    let self_is_error = cx.enclosing_fn().is_some_and(|fn_cx| {
        matches!(
            fn_cx.name.as_deref(),
            Some("into_response" | "error_response" | "respond_to")
        )
    });
    let is_error = |name: &str| {
        (reads_as_an_error(name)
            || (self_is_error && name == "self")
            || cx.is_error_parameter(name))
            && !cx.binds_an_error_without_internals(name)
    };
    let bodies: Vec<&syn::Expr> = match expr {
        syn::Expr::Tuple(tuple) if tuple.elems.iter().any(is_5xx_status) => {
            tuple.elems.iter().collect()
        }
        syn::Expr::MethodCall(call)
            if matches!(
                call.method.to_string().as_str(),
                "body" | "json" | "set_body" | "message"
            ) && (builds_5xx(&call.receiver) || holds_a_5xx_builder(cx, &call.receiver)) =>
        {
            call.args.iter().collect()
        }
        syn::Expr::Call(call) => {
            if let Some(argument) = actix_5xx_error(call)
                && let Some(name) = bare_name(argument)
                && is_error(&name)
            {
                // `ErrorInternalServerError(e)`: the error's `Display` is the body.
                return vec![SpanRange::of(argument)];
            }
            let mut bodies = tonic_5xx_message(call);
            bodies.extend(actix_5xx_error(call));
            // `ErrorResponse::with_error(StatusCode::INTERNAL_SERVER_ERROR, text)`: a constructor
            // of the crate's own answer, given a 5xx status and a text.
            if call.args.iter().any(is_5xx_status) {
                bodies.extend(call.args.iter());
            }
            bodies
        }
        // Not a field the answer keeps for the server's own log (dropshot's `HttpError {
        // external_message: "..", internal_message: e.to_string(), .. }`).
        syn::Expr::Struct(answer)
            if answer.fields.iter().any(|field| is_5xx_status(&field.expr)) =>
        {
            answer
                .fields
                .iter()
                .filter(|field| !is_kept_for_the_log(&field.member))
                .map(|field| &field.expr)
                .collect()
        }
        _ => Vec::new(),
    };
    bodies
        .into_iter()
        .filter_map(|body| error_text(body, &is_error).or_else(|| held_error_text(cx, body)))
        .collect()
}

/// A field named for what stays on the server: `internal_message` (dropshot's `HttpError`,
/// which logs it and sends `external_message`), `internal_error`, `log_message`.
fn is_kept_for_the_log(member: &syn::Member) -> bool {
    match member {
        syn::Member::Named(name) => {
            let name = name.to_string();
            name.starts_with("internal_") || name.starts_with("log_")
        }
        syn::Member::Unnamed(_) => false,
    }
}

/// `.map_err(ErrorInternalServerError)`: actix-web's 5xx error whose body is the error's
/// `Display`. An error that carries no cause (a closed channel, a conversion of input) or comes
/// from a serialization into memory has no internals to show.
fn check_map_err_into_5xx(cx: &mut Cx<'_>, call: &syn::ExprMethodCall) {
    let Some(syn::Expr::Path(constructor)) = call.args.first().map(peel) else {
        return;
    };
    if !last_ident(&constructor.path).is_some_and(|name| is_actix_5xx_error(&name.to_string()))
        || cx.error_shows_no_internals(&call.receiver)
    {
        return;
    }
    let requires = cx.cause_conds(&call.receiver);
    cx.report_if(
        Finding::new(ID, SpanRange::of(constructor), MESSAGE, HELP),
        requires,
        Vec::new(),
    );
}

/// A local known to hold an error's text (`let msg = format!("..: {e}");`), or a call wrapping
/// one (`Body::from(msg)`, `msg.into()`).
fn held_error_text(cx: &Cx<'_>, expr: &syn::Expr) -> Option<SpanRange> {
    match peel(expr) {
        syn::Expr::Path(path) => {
            let name = path.path.get_ident()?;
            (cx.local(name) == Some(&LocalKind::ErrorText)).then(|| SpanRange::of(expr))
        }
        syn::Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(call.method.to_string().as_str(), "into" | "to_owned" | "clone") =>
        {
            held_error_text(cx, &call.receiver)
        }
        syn::Expr::Call(call) if call.args.len() == 1 => {
            call.args.first().and_then(|arg| held_error_text(cx, arg))
        }
        _ => None,
    }
}

/// A local holding a response builder started with a 5xx status:
/// `let mut resp = HttpResponseBuilder::new(StatusCode::INTERNAL_SERVER_ERROR); .. resp.body(..)`.
fn holds_a_5xx_builder(cx: &Cx<'_>, receiver: &syn::Expr) -> bool {
    matches!(peel(receiver), syn::Expr::Path(path)
        if path.path.get_ident().is_some_and(|name| cx.local(name) == Some(&LocalKind::Builder5xx)))
}

/// The argument of actix-web's `error::ErrorInternalServerError(..)` (and the other 5xx
/// helpers), whose response body is the argument's `Display`.
fn actix_5xx_error(call: &syn::ExprCall) -> Option<&syn::Expr> {
    let syn::Expr::Path(path) = peel(&call.func) else {
        return None;
    };
    let name = last_ident(&path.path)?.to_string();
    if !is_actix_5xx_error(&name) || call.args.len() != 1 {
        return None;
    }
    call.args.first()
}

/// actix-web's 5xx errors, whose body is the `Display` of what they are given. Each is one of
/// the rule's triggers too (a test keeps the two lists together).
const ACTIX_5XX_ERRORS: &[&str] = &[
    "ErrorInternalServerError",
    "ErrorServiceUnavailable",
    "ErrorBadGateway",
    "ErrorGatewayTimeout",
];

fn is_actix_5xx_error(name: &str) -> bool {
    ACTIX_5XX_ERRORS.contains(&name)
}

/// The name of a plain local: `e`, `&e`.
fn bare_name(expr: &syn::Expr) -> Option<String> {
    match peel(expr) {
        syn::Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        _ => None,
    }
}


/// Where an answer's text is a leak: anywhere for an HTTP answer, whose body a browser shows
/// its user; for a gRPC `Status`, only in code that uses onus. gRPC defines a status's message
/// as "a developer-facing error message" (`google.rpc.Status`; what a user reads goes in its
/// details), and gRPC mostly carries one service's calls to another of the same team: there
/// an error's text is how the caller's developers learn what failed. Where the service has
/// adopted onus, its tonic integration answers with the classification instead, and the text
/// is the thing to fix.
fn where_it_is_a_leak(cx: &Cx<'_>, answer: &syn::Expr) -> Vec<Cond> {
    let is_grpc = matches!(peel(answer), syn::Expr::Call(call) if !tonic_5xx_message(call).is_empty());
    if is_grpc {
        let file = cx.path.map(std::path::Path::to_path_buf).unwrap_or_default();
        vec![Cond::UsesOnus(file)]
    } else {
        Vec::new()
    }
}

/// The message of tonic's `Status::internal(msg)`, `Status::unknown(msg)`,
/// `Status::unavailable(msg)`, `Status::new(Code::Internal, msg)`.
fn tonic_5xx_message(call: &syn::ExprCall) -> Vec<&syn::Expr> {
    let syn::Expr::Path(path) = peel(&call.func) else {
        return Vec::new();
    };
    let segments = segment_names(&path.path);
    let args: Vec<&syn::Expr> = call.args.iter().collect();
    match (&segments[..], &args[..]) {
        ([.., owner, method], [message])
            if owner == "Status" && matches!(method.as_str(), "internal" | "unknown" | "unavailable") =>
        {
            vec![message]
        }
        ([.., owner, method], [code, message]) if owner == "Status" && method == "new" => {
            let is_5xx_code = matches!(peel(code), syn::Expr::Path(code)
                if last_ident(&code.path).is_some_and(|name| {
                    matches!(name.to_string().as_str(), "Internal" | "Unknown" | "Unavailable")
                }));
            if is_5xx_code { vec![message] } else { Vec::new() }
        }
        _ => Vec::new(),
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_actix_5xx_error_is_a_trigger() {
        for name in ACTIX_5XX_ERRORS {
            assert!(
                RULE.triggers.contains(&Trigger::Word(name)),
                "`{name}` is not among leaked_error_text's triggers: #[onus::check] would skip it"
            );
        }
    }
}
