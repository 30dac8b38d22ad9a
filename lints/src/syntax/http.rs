//! HTTP answers as code writes them: which status constants, literals and framework constructors
//! mean a 5xx, or the caller's 4xx.

use super::nodes::{last_ident, peel, segment_names, type_name};
use super::visitors::{Descend, Node, any_node};

/// `http::StatusCode`'s 5xx constants that services answer with.
pub(crate) const FIVE_XX_CONSTS: &[&str] = &[
    "INTERNAL_SERVER_ERROR",
    "BAD_GATEWAY",
    "SERVICE_UNAVAILABLE",
    "GATEWAY_TIMEOUT",
];

/// What other protocols answer where HTTP answers a 5xx, "the fault is ours": Kafka's
/// `ErrorCode::UnknownServerError`, JSON-RPC's `ErrorCode::InternalError` (`INTERNAL_ERROR`,
/// `INTERNAL_ERROR_CODE`: -32603), gRPC's `Code::Internal`.
pub(crate) const SERVER_ERROR_CODES: &[&str] = &[
    "UnknownServerError",
    "InternalError",
    "INTERNAL_ERROR",
    "INTERNAL_ERROR_CODE",
    "Internal",
];

/// Whether a constant's name says "internal error" in a protocol's own spelling (NVMe's
/// `STS_INTERNAL_ERR`, `SQLITE_INTERNAL_ERROR`), as [`SERVER_ERROR_CODES`] do.
pub(crate) fn names_an_internal_error(name: &str) -> bool {
    name.contains("INTERNAL_ERR")
}

/// The same where the code of another protocol is named by its type, with a name too common to
/// be read alone: WebSocket's close code 1011 ("internal error"), tungstenite's and actix-ws's
/// `CloseCode::Error`.
pub(crate) const QUALIFIED_SERVER_ERROR_CODES: &[[&str; 2]] = &[["CloseCode", "Error"]];

/// Constructors of a 5xx answer: actix-web's `HttpResponse::InternalServerError()` and
/// `error::ErrorInternalServerError(..)`, tonic's `Status::internal(..)`, ...
pub(crate) const FIVE_XX_CALLS: &[&str] = &[
    "InternalServerError",
    "ErrorInternalServerError",
    "internal_server_error",
    "internal",
];

/// `http::StatusCode`'s 4xx constants that say "your request is wrong" (not 408 or 429, which
/// say "try again").
pub(crate) const FOUR_XX_CONSTS: &[&str] = &[
    "BAD_REQUEST",
    "UNAUTHORIZED",
    "FORBIDDEN",
    "NOT_FOUND",
    "CONFLICT",
    "GONE",
    "PRECONDITION_FAILED",
    "UNPROCESSABLE_ENTITY",
];

/// Constructors of such a 4xx answer: actix-web's `HttpResponse::NotFound()` and
/// `error::ErrorNotFound(..)`, tonic's `Status::not_found(..)`, ...
pub(crate) const FOUR_XX_CALLS: &[&str] = &[
    "BadRequest",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "ErrorBadRequest",
    "ErrorUnauthorized",
    "ErrorForbidden",
    "ErrorNotFound",
    "ErrorConflict",
    "not_found",
    "invalid_argument",
    "permission_denied",
    "unauthenticated",
];

/// A status literal from 400 to 499, but 408 and 429 (see [`FOUR_XX_CONSTS`]).
pub(crate) fn is_4xx_literal(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(int), .. })
        if int.base10_parse::<u16>().is_ok_and(|code| (400..500).contains(&code) && code != 408 && code != 429))
}

/// A status literal from 500 to 599.
pub(crate) fn is_5xx_literal(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Int(int), .. })
        if int.base10_parse::<u16>().is_ok_and(|code| (500..600).contains(&code)))
}

/// A 5xx status: `StatusCode::INTERNAL_SERVER_ERROR` (and the other 5xx constants), a literal
/// `500`, `StatusCode::from_u16(503)`.
pub(crate) fn is_5xx_status(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Path(path) => last_ident(&path.path)
            .is_some_and(|name| FIVE_XX_CONSTS.iter().any(|constant| name == constant)),
        syn::Expr::Call(call) => {
            matches!(peel(&call.func), syn::Expr::Path(path)
                if last_ident(&path.path).is_some_and(|name| name == "from_u16"))
                && call.args.iter().any(is_5xx_literal)
        }
        syn::Expr::MethodCall(call) if call.method == "unwrap" || call.method == "expect" => {
            is_5xx_status(&call.receiver)
        }
        expr => is_5xx_literal(expr),
    }
}

/// actix-web's `HttpResponse::InternalServerError()`, `ServiceUnavailable()`, `BadGateway()`,
/// `GatewayTimeout()`: the start of a 5xx response builder.
pub(crate) fn starts_5xx_response(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::Call(call) if matches!(peel(&call.func), syn::Expr::Path(path)
    if last_ident(&path.path).is_some_and(|name| matches!(
        name.to_string().as_str(),
        "InternalServerError" | "ServiceUnavailable" | "BadGateway" | "GatewayTimeout"
    ))))
}

/// Whether a response builder chain has a 5xx status: `Response::builder().status(500)`,
/// `HttpResponse::InternalServerError()`, `HttpResponse::build(StatusCode::BAD_GATEWAY)`.
pub(crate) fn builds_5xx(receiver: &syn::Expr) -> bool {
    match peel(receiver) {
        syn::Expr::MethodCall(call) => {
            (call.method == "status" && call.args.iter().any(is_5xx_status))
                || builds_5xx(&call.receiver)
        }
        syn::Expr::Call(call) if call.args.iter().any(is_5xx_status) => true,
        expr => starts_5xx_response(expr),
    }
}

/// The methods that give a response builder its body, and make the response: `.body(..)`,
/// `.json(..)`, `.finish()`, `.set_body(..)`.
fn gives_the_body(call: &syn::ExprMethodCall) -> bool {
    matches!(
        call.method.to_string().as_str(),
        "body" | "json" | "finish" | "set_body"
    )
}

/// A response builder with a 5xx status, not yet given its body: `HttpResponse::
/// InternalServerError()`, `HttpResponseBuilder::new(StatusCode::INTERNAL_SERVER_ERROR)`,
/// `Response::builder().status(500)` (not `.body(..)`/`.json(..)`/`.finish()` of one).
pub(crate) fn is_a_5xx_builder(expr: &syn::Expr) -> bool {
    let finished = matches!(peel(expr), syn::Expr::MethodCall(call) if gives_the_body(call));
    !finished
        && matches!(peel(expr), syn::Expr::Call(_) | syn::Expr::MethodCall(_))
        && builds_5xx(expr)
}

/// A response with a 5xx status, given its body: `HttpResponse::InternalServerError().json(..)`,
/// `Response::builder().status(500).body(..)`.
pub(crate) fn is_a_5xx_response(call: &syn::ExprMethodCall) -> bool {
    gives_the_body(call) && builds_5xx(&call.receiver)
}

/// Whether a fn with this signature and body decides what a client sees of an answer it is
/// given: it takes a parameter of the type it returns, and on some path builds one of that type
/// from a written message (`fn obscure_error_if_true(report: bool, status: Status) -> Status {
/// if report { status } else { warn!(..); Status::new(status.code(), "Details are obscured") } }`).
/// What the answer handed to it carries is then its decision, not the caller's leak.
pub(crate) fn redacts_an_answer(sig: &syn::Signature, body: &syn::Block) -> bool {
    let syn::ReturnType::Type(_, returned) = &sig.output else {
        return false;
    };
    let Some(answer) = type_name(returned).filter(|name| name != "Self") else {
        return false;
    };
    let takes_one = sig.inputs.iter().any(|input| {
        matches!(input, syn::FnArg::Typed(param) if type_name(&param.ty).as_ref() == Some(&answer))
    });
    takes_one
        && any_node(body, Descend::Body, |node| {
            let Node::Expr(syn::Expr::Call(call)) = node else {
                return false;
            };
            let syn::Expr::Path(path) = peel(&call.func) else {
                return false;
            };
            let segments = segment_names(&path.path);
            matches!(&segments[..], [.., owner, _] if *owner == answer)
                && call.args.iter().any(|arg| {
                    matches!(
                        peel(arg),
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(_),
                            ..
                        })
                    )
                })
        })
}
