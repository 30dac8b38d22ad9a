//! # What it finds
//!
//! An error that is turned into another error (or a status) while the original is thrown away:
//!
//! - `.map_err(|_| EXPR)` and `.map_err(|_e| EXPR)`: the closure ignores the error it is given;
//! - an `Err(_)` arm whose body returns or evaluates to a new error
//!   (`Err(_) => return Err(AppError::Db)`, `Err(_) => Err(Error::Parse)`);
//! - `EXPR.ok().ok_or(E)` and `EXPR.ok().ok_or_else(..)` on a `Result`;
//! - `let Ok(x) = EXPR else { return Err(NEW) };` where the new error cannot carry the old one.
//!
//! An `Err(_)` arm guarded by a message written in the code (`Err(_) if
//! stderr.contains("release: not found") => Err(ReleaseDoesNotExist(..))`) is left alone: the
//! failure is told by what the operation said, which the new error names. A guard on anything
//! else (`Err(_) if tries > 3 => Err(GaveUp)`) still loses the cause. One asking whether the
//! work was called off (`Err(_) if token.is_cancelled() => Err(SyncError::Cancelled)`) is left
//! alone too: the cancelling made it fail, and the new error says so. So is one that falls
//! back on another operation and answers only that operation's errors, with their cause
//! (`Err(_) => match File::create(&path) { .., Err(err) => return Err(BadDataFile(path, err))
//! }`): whether the first failure may be dropped is `swallowed_error`'s question.
//!
//! - the cause flattened into text, so its type and source chain are gone: into a variant declared
//!   `class = system` by `#[derive(Classify)]` (`.map_err(|e| E::Db(e.to_string()))`, `Err(e) =>
//!   Err(E::Io(format!("..: {e}")))`); into an untyped error (`anyhow!("{e}")`,
//!   `io::Error::other(e.to_string())`, `io::Error::new(kind, e.to_string())`); or into the
//!   `String` a fn returning `Result<_, String>` answers with (`.map_err(|e| e.to_string())`). A
//!   business variant carrying a validation error's text (the caller's message), `E::Db(e)`,
//!   `.context(..)`, `anyhow!(e)` (also with the error whole in a value,
//!   `anyhow!(ResponseError::Auth { source: err })`), a text only logged, a text that writes every
//!   cause of the error (`format!("..: {}", InlineErrorChain::new(&err))`, `DisplayErrorChain`, or
//!   an untyped error that writes it only with `Debug`: `anyhow!("..: {:?}", e)`, `eyre!("{e:?}")`,
//!   or with the alternate `Display`, `anyhow!("{e:#}")`, a `String` error `format!("..: {:?}",
//!   e)`, whose derived `Debug` nests each cause in its variant, and anyhow's prints the chain),
//!   and an unclassified target are left alone; so are an error from the operating system written
//!   into a report a person reads, or into a `String` error (`std::fs::read(&p).map_err(|e|
//!   eyre!("cannot read {}: {e}", p.display()))`, also `read_to_string(p)` after `use
//!   std::fs::read_to_string;`, `File::open`, `OpenOptions::new()..open(..)`,
//!   `File::options()..open(..)`, a `Command`'s `output()` (also of a parameter or local declared
//!   one), tokio's `Runtime::new()` (or a runtime `Builder`'s `build()`), a read or write of a
//!   file the fn opened (`writer.flush()`, `writer.write_all(b)` after `let file =
//!   File::create(p).await?; let mut writer = BufWriter::new(file);`, `File::create(p)?
//!   .write_all(b)`), a temporary directory made (`tempfile::tempdir()`), a host name resolved
//!   (`(host, port).to_socket_addrs()`, `net::lookup_host(..)`): it has no cause below
//!   it, and the report's text is whole; into `io::Error::other(..)` or
//!   a variant its kind, which callers match on, is lost, and that is reported; made again with
//!   its own kind, `io::Error::new(e.kind(), format!("[{}]: {e}", path.display()))`, nothing
//!   is), a borrowed error
//!   (`state.client.as_ref().map_err(|e| anyhow!("..: {e}"))`, a JavaScript exception caught in its
//!   context, `res.get("dr").catch(&ctx)`: its text is all that can be handed on), the `String` of
//!   a trait's method (`impl Host for State`: the trait declares it), the error of a fn of the
//!   checked code declared to fail with text (`-> Result<T, String>`, `&str`, `Box<str>`,
//!   `Cow<str>`: `IpRateLimiter::new(config).map_err(|e| anyhow!("..: {e}"))` keeps all it had;
//!   dropping it, `map_err(|_| ..)`, is still reported), or with a type of the checked code that
//!   holds only text and numbers in every variant (`struct RunError { stage: &'static str, message:
//!   String }`, also through the crate's alias of `Result`: `type ProxyResult<T> = Result<T,
//!   ProxyError>`), the error of a fn of the checked code that has reported every error it hands on
//!   (`#[instrument(err)]`, or `error!("..: {e}"); return Err(Failed)`: its cause is in the log),
//!   and errors that carry no cause (below).
//!
//! Left alone: errors that carry no cause beyond their kind, so a new error loses nothing — the
//! readiness or the call of a service a middleware wraps, in an impl that binds it to `Error =
//! Infallible`, as axum's routes are (`self.inner.poll_ready(cx)`), a state
//! probe (`try_lock()`, `try_recv()`, room asked of a pool, `try_grow(size)`, a socket's
//! `local_addr()`/`peer_addr()`, `Arc::try_unwrap(shared)`, whose error is the `Arc` still shared,
//! a fn of the checked code declared `-> Result<_, Self>`, whose error hands the value back, ...),
//! a serialization into memory (`serde_json::to_value(&extension)`, an image written into a new
//! buffer, `img.write_to(&mut Cursor::new(Vec::new()), ImageFormat::Png)`, rows written by a CSV
//! writer over one, `WriterBuilder::new().from_writer(Vec::new())`, text or metrics written into
//! a `String` or a buffer bound in the fn: `writeln!(output, ..)`, `encoder.encode(&families, &mut
//! buffer).map(|_| buffer)`, a token signed there:
//! `jwt::encode(&header, &claims, &key)`, a key held in memory encoded as DER or PEM:
//! `key.to_pkcs1_der()`, `to_public_key_pem(LineEnding::LF)`, a value archived by
//! `rkyv::to_bytes`, a template written in the code rendered with a value
//! written there: `render_template(DOCKERFILE, &json)` after `let json = json!({..})`: it fails
//! only through a bug in our own `Serialize`, key or template, and its text names a type or a
//! field), a property named in the code looked up on another
//! crate's value, without `.await` (`resource.get(urls::NAME)`, `settings.get("port")`: a key in a
//! variable or an awaited lookup reads a store, and is reported) or by its type in a type map
//! (`depot.get_typed::<ApiState>()`, async-graphql's `ctx.data::<Store>()`), a schema's field by
//! its name (arrow's `schema.field_with_name(column)`, `index_of(column)`), a read from a `Cursor`
//! over bytes in memory (`cursor.read_exact(&mut buf)`: "the bytes end too soon", or bytes'
//! `bs.reader()`; also a decoder's read from one: `TokenMessage::read_from(&mut cursor)`, and
//! the items a reader yields from one: `pem_reader_iter(&mut cursor).collect()`), an
//! integer conversion (`i64::try_from(id)`, `.try_into()`, chrono's `Duration::from_std(d)`), a
//! timeout (`tokio::time::timeout(..)`, `timeout_at(..)`, `.timeout(d)`, `.with_timeout(d)`, also
//! run to its end by `block_on(async { timeout(limit, work).await })`), a
//! closed channel (`tx.send(msg)`, `rx.recv()`, `rx.recv_async()`, `tx.reserve()`, a watch's
//! `rx.changed()`, a oneshot receiver awaited, also one known by its name alone: `for rx in
//! receivers { rx.await }`) or semaphore (`permits.acquire().await`), a value not in a sorted list
//! (`binary_search*`), axum's server (`axum::serve(listener, app).await`, also
//! `.with_graceful_shutdown(..)`: axum documents that it never returns an error; not axum-server's
//! `bind(addr).serve(app)`), a finished task (`spawn_blocking(..).await`, also through a helper
//! named for it: `spawn_blocking_in_current_span(f)`, `handle.join()`, `Some(res)` of
//! `set.join_next().await`), a static `OnceLock` set twice (`DATA_ROOT.set(path)`: "already set",
//! also a field declared `OnceLock`/`OnceCell`: `self.handler.set(h)`) or a process-wide default
//! set once (`set_global_default(subscriber)`, `metrics::set_global_recorder(r)`,
//! `log::set_logger(l)`, rustls's `CryptoProvider::install_default(provider)`), a full or closed
//! channel's `try_send(msg)` (the message handed back is `swallowed_error`'s concern), a failed
//! decryption, encryption or verification (`verify_password`, `verify_slice`,
//! `verify_with_key(token, key)`, `key.verify(msg, sig)`, a signed value's own `event.verify()`,
//! `crypto::verify(msg, sig, key)`, an AEAD's `cipher.encrypt(key, plaintext)` or
//! `encrypt_in_place_detached(..)`, a block cipher's `encrypt_padded_mut::<Pkcs7>(..)`,
//! sodiumoxide's `secretbox::open(..)`, a key unwrapped by its
//! key-encryption key, `kek.unwrap_key(..)`, a signature's signer recovered,
//! `signature.recover_signer(&hash)`), a password hashed (`argon2.hash_password(pw, &salt)`: its
//! error names the parameter or salt that is wrong), a fn of the checked code declared to fail with
//! `()` (also `bool`, `Option<()>`, through `impl Future<Output = Result<T, ()>>`, and through the
//! crate's alias: `type CoerceResult = Result<(), ()>`) or with a unit struct no other type is
//! named after (`-> Result<T, Failed>` with `struct Failed;`, or an enum of one fieldless variant:
//! the error says only that it failed, its cause logged where it happened), url's `()` errors
//! (`url.path_segments_mut()`: "cannot be a base"), an error type the configuration lists in
//! `opaque_errors` (`aead::Error`: known where the code names it, in a `Result<_, E>` parameter or
//! local, or in the return type of a fn of the checked code), ring's and aws-lc-rs's
//! `error::Unspecified` and `KeyRejected`, and std's `AllocError` of an allocator given a layout
//! (`self.inner.allocate(layout)`), a stream cipher run past its keystream
//! (`cipher.try_apply_keystream(buf)`), a message signed through the `signature` traits
//! (`signer.sign_prehash(&digest)`, `key.try_sign(msg)`), opaque by design (named so, or the
//! error of a fn of those crates called by its path: `UnboundKey::new(..)` after
//! `use aws_lc_rs::aead::UnboundKey;`) — and
//! conversions of input (`parse*`, `from_str*`, `from_utf8*`, `from_slice`, `from_value`,
//! `deserialize`, `try_from`, `try_into*`, `try_new`, `from_u16`, `parse_str`, `cast`, `cast_to`,
//! `downcast`, `downcast_*`, pyo3's `extract()`, `into_string`, a body frame's `into_data()`, a
//! URL's `set_host(..)`, `url.to_file_path()`, `Url::from_file_path(..)`, a URL type's `new`
//! (`IssuerUrl::new(s)`), a constructor named for checking its input
//! (`Bytecode::new_raw_checked(bytes)`), `from_bytes`, `*_decode`, `decode*` (`decode_utf8`,
//! `decode_to_vec`), `try_from_*`, `try_as_*`, `from_b64`, a value made, viewed or turned by the
//! naming convention of conversions (`Time::from_hms(h, m, s)`, `id.as_rowid()`,
//! `address.into_address()`; not made from outside the process: `from_reader`, `from_file`,
//! `from_env`, `from_url`, `from_pkcs12`, or from a connection, `Project::from_slug(conn, slug)`;
//! not a writer's `into_inner()` nor a response read into its body: `into_json()`), a nom parser of
//! the checked code (`-> IResult<I, O>`), a value checking itself (validator's
//! `org_id.validate()`), a header value's `from_maybe_shared`, a URI's `from_shared`, a key read
//! from its encoding (`from_der*`, `from_pem*`, `from_pkcs8_*`, `from_pkcs1_*`, `from_sec1_*`, also
//! after what it reads: `private_key_from_der`; not read from a file: `from_pem_file(path)`), a
//! value read from hex (`from_hex`), bytes in memory decoded (`val.as_slice().read_i64()`,
//! `(&key[1..]).read_u32()`; not a reader's `read_*`), an extractor run on a request
//! (`from_request_parts`, `from_request`, `parts.extract::<T>()`, and a handler's `Result<T,
//! *Rejection>` parameter), a query string read (`from_query`), any of these in an `Option`'s
//! closure (`opt.map_or_else(|| Ok(..), |u| serde_json::from_str(u))`, `opt.map(|v| v.try_into())
//! .transpose()`), a decoder over `Cursor::new(bytes)`, items converted and collected
//! (`parts.map(|p| p.parse::<T>()).collect::<Result<_, _>>()`), and by path `PasswordHash::new`,
//! `Regex::new`, `glob(..)`, `markdown::to_html_with_options`, `CString::new`), whose error says
//! "this input is not an X", which the new error says as well. So is a decoder's error once an
//! earlier arm has split its I/O variant off (`Err(serde_bare::Error::Io(err)) => return Err(err),
//! Err(err) => ..`): what is left is its verdict on the input. So is every error inside a
//! conversion trait's method (`from_str` of `FromStr`, `try_from` of `TryFrom`, `deserialize` of
//! `Deserialize`: `Invoice::from_signed(raw).map_err(|_| InvalidInvoice)`), unless it reaches
//! outside the process (awaited, or reading a file or a socket). And `.map_err(|_| fmt::Error)` in
//! a `Display` impl or another fn that answers `fmt::Result` (tracing's
//! `FormatEvent::format_event`; also as `stdfmt::Error` after `use std::fmt as stdfmt`), or an arm
//! `Err(_) => return Err(fmt::Error)`, whose `fmt::Error` has no room for a cause.
//!
//! Nor is code under an `#[expect(clippy::map_err_ignore, reason = "..")]`, clippy's lint for
//! `map_err(|_| ..)`, which rustc checks still fires: the team's decision, as an
//! `#[onus::allow]` would be (an `#[allow(..)]` is not read: it may have been written only to
//! quiet clippy).
//!
//! Nor is an error logged on its way to the new one (`.inspect_err(|error| error!(?error))
//! .map_err(|_| Error::Api(ErrorCode::UnknownServerError))`, the tap crate's `.tap_err(|e|
//! error!(..))`, err_trail's `.error(|e|
//! format!("opening {path}: {e}")).map_err(|_| CannotReadFile)`, also on a future before its
//! `.await`: `.send().inspect_err(..).await.map_err(|_| ..)`, or in the closure or arm that
//! builds the new one: `.map_err(|e| { error!("opening the db: {e}"); anyhow!("cannot open the
//! db: {e}") })`): its cause is in the log.
//!
//! The same holds for a call to a fn of the checked code that hands on such an error
//! (`fn id_in(s) -> Result<u64, IdError> { s.parse().map_err(|_| IdError::NotANumber) }`: see
//! `syntax/wrappers.rs`) or only errors it builds itself, from no other error (`match &self.kind
//! { Mfa(..) => Ok(..), _ => Err(E::InvalidAccountState(..)) }`: a leaf, with no cause below
//! it), and for std's locks: `config.read().map_err(|_| ..)`, on a local or a field declared
//! `Mutex`/`RwLock` or when the checked code declares no `read` of its own, replaces a
//! `PoisonError`, which says only that another thread panicked holding the lock (that panic was
//! reported where it happened); so does a call to a fn of the checked code that hands such a
//! lock's error on (`fn shards(&self) -> Result<Shards, E> { Ok(self.shards.read()
//! .map_err(E::lock)?.clone()) }`), while the checked code declares no method of that name.
//!
//! # Why is this bad
//!
//! The cause chain is how an incident is read backwards: "request failed" ← "database error" ←
//! "connection refused to 10.0.0.7:5432". Replace the error with a fresh one and the chain stops at
//! "database error"; the operator must reproduce the failure to learn what the code already knew.
//! A system error that loses its source also loses what distinguishes it from a business error, so
//! it can no longer be classified, alerted on or retried correctly.
//!
//! # Example
//!
//! ```text
//! let row = query(&pool, id).await.map_err(|_| AppError::Db)?;
//! let port: u16 = text.parse().ok().ok_or(ConfigError::Port)?;
//! ```
//!
//! # Use instead
//!
//! Keep the original as the new error's source:
//!
//! ```text
//! let row = query(&pool, id).await.map_err(AppError::Db)?;        // Db(#[source] sqlx::Error)
//! let port: u16 = text.parse().map_err(ConfigError::Port)?;       // Port(#[from] ParseIntError)
//! let row = query(&pool, id).await.context("loading the user")?;  // anyhow
//! ```

use std::ops::ControlFlow;

use quote::ToTokens;

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use crate::index::Cond;
use crate::syntax::handlers::{
    HandlerBody, Handling, block_handling, discards_error_in_closure, err_handlers, logs_the_error,
};
use crate::syntax::wrappers::reports_its_error;
use crate::syntax::nodes::{
    block_value, is_variant, last_ident, macro_name, method_span, peel, segment_names, stmt_span,
};
use crate::syntax::text::{
    error_text, format_names_an_error, renders_its_chain, writes_it_with_debug, writes_its_chain,
};
use crate::syntax::calls::error_not_of;
use crate::syntax::operations::{
    Operation, Operations, hands_on_no_new_error, is_try_send, reads_an_environment_variable,
};
use crate::syntax::patterns::{ErrInner, ErrPattern, err_pattern, let_ok_else_block};
use crate::syntax::visitors::{Descend, Node, Root, for_each_node, mentions};
use crate::walk::{Cx, Hooks};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "lost_source";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "an error is replaced by another and the original cause is thrown away",
    docs_source: include_str!("lost_source.rs"),
    allowed_by: &["clippy::map_err_ignore"],
    // `map_err(..)`, an `Err(..)` handler, `let Ok(..) = .. else`, and `.ok().ok_or(..)`.
    triggers: &[
        Trigger::Word("map_err"),
        Trigger::Pattern("Err"),
        Trigger::Pattern("Ok"),
        Trigger::Word("ok"),
    ],
    kind: RuleKind::Checked(Hooks {
        stmt: Some(check_stmt),
        expr: Some(check_expr),
        ..Hooks::NONE
    }),
};

const HELP: &str = "keep the original error as the source: `.map_err(AppError::Db)` with `Db(#[source] E)`, \
                    or `.map_err(|e| AppError::Db(e))`";

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    if let syn::Expr::MethodCall(call) = expr {
        check_method(cx, call);
        if call.method == "map_err"
            && let Some(syn::Expr::Closure(closure)) = call.args.first().map(peel)
            && let Some(syn::Pat::Ident(binding)) = closure.inputs.first()
            && !is_borrowed(&call.receiver)
        {
            check_flattened(cx, &call.receiver, &closure.body, &binding.ident, true);
        }
        return;
    }
    let handlers = err_handlers(expr);
    for (at, handler) in handlers.iter().enumerate() {
        // `Err(serde_bare::Error::Io(err)) => return Err(err), Err(err) => ..`: with the
        // reader's failure split off, what is left is the decoder's verdict on its input.
        if handlers[..at]
            .iter()
            .any(|earlier| splits_off_io(earlier.pattern.pat))
        {
            continue;
        }
        if let ErrInner::Bound(binding) = handler.pattern.inner
            && let HandlerBody::Expr(body) = handler.body
        {
            check_flattened(cx, handler.scrutinee, body, binding, false);
        }
        if matches!(handler.pattern.inner, ErrInner::Specific)
            || handler.handling() != Handling::NewError
            || handler.pattern.guard.is_some_and(tells_it_by_a_message)
            || handler.pattern.guard.is_some_and(asks_whether_cancelled)
            || match handler.body {
                HandlerBody::Expr(body) => answers_only_its_fallbacks_errors(body),
                HandlerBody::Block(body) => answers_only_its_fallbacks_errors(body),
            }
            || carries_no_cause(cx, handler.scrutinee)
            || matches!(handler.body, HandlerBody::Expr(body) if answers_fmt_error(body))
        {
            continue;
        }
        let requires = loss_conds(cx, handler.scrutinee);
        cx.report_if(
            Finding::new(
                ID,
                handler.pattern.span(),
                "the error is replaced by a new one and its source is lost",
                "bind it and keep it as the source: `Err(e) => return Err(AppError::Db(e))`",
            ),
            requires,
            Vec::new(),
        );
    }
}

/// `Err(_) => match File::create(&path) { Ok(file) => .., Err(err) => return
/// Err(BadDataFile(path, err)) }` (habitat's member id): the handler falls back on another
/// operation, and every error it answers is that operation's, with its cause. Whether the
/// first failure should have been dropped is `swallowed_error`'s question.
fn answers_only_its_fallbacks_errors<'ast>(body: &'ast impl Root<'ast>) -> bool {
    let mut bound = Vec::new();
    for_each_node(body, Descend::Body, |node| {
        let patterns: Vec<&syn::Pat> = match node {
            Node::Expr(syn::Expr::Match(matched)) => matched.arms.iter().map(|arm| &arm.pat).collect(),
            Node::Expr(syn::Expr::Let(tested)) => vec![&*tested.pat],
            _ => Vec::new(),
        };
        for pattern in patterns {
            if let Some(ErrPattern {
                inner: ErrInner::Bound(error),
                ..
            }) = err_pattern(pattern)
            {
                bound.push(error.clone());
            }
        }
        ControlFlow::<()>::Continue(())
    });
    if bound.is_empty() {
        return false;
    }
    let carries_one = |value: &syn::Expr| bound.iter().any(|error| mentions(value, error));
    let mut answers = 0;
    let other_answer = for_each_node(body, Descend::Body, |node| match node {
        Node::Expr(syn::Expr::Call(call)) if is_variant(&call.func, "Err") => {
            answers += 1;
            if call.args.iter().all(|arg| !carries_one(arg)) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        }
        Node::Macro(mac) if macro_name(mac).is_some_and(|name| name == "bail") => ControlFlow::Break(()),
        _ => ControlFlow::Continue(()),
    });
    answers > 0 && other_answer.is_none()
}

/// `Err(_) if stderr.contains("release: not found") => Err(ReleaseDoesNotExist(..))`: a guard
/// that tells the failure by a message written in the code, which the new error names. What the
/// command said is the cause, and the arm after it keeps the error of the rest.
fn tells_it_by_a_message(guard: &syn::Expr) -> bool {
    match peel(guard) {
        syn::Expr::Binary(both) => tells_it_by_a_message(&both.left) || tells_it_by_a_message(&both.right),
        syn::Expr::MethodCall(call) => {
            matches!(call.method.to_string().as_str(), "contains" | "starts_with" | "ends_with")
                && matches!(call.args.first().map(peel), Some(syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(_),
                    ..
                })))
        }
        _ => false,
    }
}

/// `Err(_) if self.pipes.is_cancelled() => Err(SyncError::Cancelled)`: a guard that asks
/// whether the work was called off, which is what made it fail; the new error says so.
fn asks_whether_cancelled(guard: &syn::Expr) -> bool {
    match peel(guard) {
        syn::Expr::Binary(both) if matches!(both.op, syn::BinOp::And(_)) => {
            asks_whether_cancelled(&both.left) || asks_whether_cancelled(&both.right)
        }
        syn::Expr::MethodCall(call) => {
            call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "is_cancelled" | "is_canceled" | "is_interrupted"
                )
        }
        _ => false,
    }
}

/// `Err(serde_bare::Error::Io(err))`: the arm of a decoder's I/O variant.
fn splits_off_io(pat: &syn::PatTupleStruct) -> bool {
    matches!(pat.elems.first(), Some(syn::Pat::TupleStruct(variant))
        if variant.path.segments.last().is_some_and(|last| last.ident == "Io"))
}

fn check_stmt(cx: &mut Cx<'_>, stmt: &syn::Stmt) {
    let Some(else_block) = let_ok_else_block(stmt) else {
        return;
    };
    if block_handling(else_block, None) != Handling::NewError
        || let_initializer(stmt).is_some_and(|init| carries_no_cause(cx, init))
    {
        return;
    }
    let requires = let_initializer(stmt).map_or_else(Vec::new, |init| loss_conds(cx, init));
    cx.report_if(
        Finding::new(
            ID,
            stmt_span(stmt),
            "`let Ok(..) = .. else` returns a new error and loses the original",
            "propagate with the source: `let x = expr.map_err(AppError::Db)?;`",
        ),
        requires,
        Vec::new(),
    );
}

fn check_method(cx: &mut Cx<'_>, call: &syn::ExprMethodCall) {
    let method = call.method.to_string();
    match method.as_str() {
        "map_err" => {
            if !discards_error_in_closure(call)
                || carries_no_cause(cx, &call.receiver)
                || answers_no_new_error(call)
            {
                return;
            }
            let requires = loss_conds(cx, &call.receiver);
            cx.report_if(
                Finding::new(
                    ID,
                    method_span(call),
                    "`map_err` throws the original error away",
                    HELP,
                ),
                requires,
                Vec::new(),
            );
        }
        "ok_or" | "ok_or_else" => {
            let syn::Expr::MethodCall(ok) = &*call.receiver else {
                return;
            };
            if ok.method != "ok"
                || !ok.args.is_empty()
                || carries_no_cause(cx, &ok.receiver)
            {
                return;
            }
            let requires = loss_conds(cx, &ok.receiver);
            cx.report_if(
                Finding::new(
                    ID,
                    SpanRange::new(ok.method.span(), call.paren_token.span.close()),
                    format!("`.ok().{method}(..)` throws the original error away"),
                    "convert the error instead of dropping it: `.map_err(ConfigError::Port)`",
                ),
                requires,
                Vec::new(),
            );
        }
        _ => {}
    }
}

/// The conditions, for the whole workspace to answer, that `operation` is no call of a fn whose
/// error [`loses_nothing`] replaced.
fn loss_conds(cx: &Cx<'_>, operation: &syn::Expr) -> Vec<Cond> {
    error_not_of(cx, operation, Operations::matching(loses_nothing))
}

/// Whether replacing an error of this kind loses nothing: it carries no cause, its cause is in
/// the log already (`#[instrument(err)]`, a warning logged before each error handed on), or it
/// is a serialization into memory's, which fails only through a bug in our own `Serialize`.
fn loses_nothing(kind: Operation) -> bool {
    kind.error_carries_no_cause()
        || kind == Operation::Reported
        || kind == Operation::Serialization
}

/// Whether the error of `operation` carries no cause a new error could keep (see
/// [`crate::syntax::operations::Operation`]), or is a `try_send`'s: "full" or "closed" and the
/// message handed back. Dropping that message is `swallowed_error`'s concern, not a lost cause.
/// Nor is an error replaced earlier (`let r = f().map_err(|_| ..); let Ok(x) = r else ..`): its
/// cause is lost, and reported, where it was replaced. Nor one logged on its way
/// (`.inspect_err(|error| error!(?error)).map_err(|_| Api(UnknownServerError))`): its cause is
/// in the log, and the new error is what the caller is answered (a wire protocol's code). Nor an
/// environment variable's (`env::var("API_KEY").map_err(|_| MissingApiKey)`, also with its value
/// mapped first: `.map(|v| Secret::new(&v))`): "not set" is all
/// it says. Nor an error inside a conversion trait's method (`from_str`, `try_from`,
/// `deserialize`), which says only that the input is not the value made. Nor one of a kind that
/// [`loses_nothing`] replaced: a serialization into memory's, or a fn's of the checked code
/// that has reported it.
fn carries_no_cause(cx: &Cx<'_>, operation: &syn::Expr) -> bool {
    // `impl FromStr for Invoice { fn from_str(s) { .. Invoice::from_signed(raw).map_err(|_|
    // InvalidInvoice) } }`: a conversion's every check is a verdict on its input.
    if cx.enclosing_fn().is_some_and(|fn_cx| fn_cx.converts_its_input) {
        return true;
    }
    let operation_kind = cx.operation_of(operation);
    loses_nothing(operation_kind)
        || operation_kind == Operation::Replaced
        || reads_an_environment_variable(operation)
        || is_try_send(operation)
        || reports_its_error(operation)
}

/// Where an error's cause is flattened into text, and what the text goes into.
enum Flattened {
    /// A variant of a classified type (a finding if it is declared `class = system`): the
    /// type's name, its path as written (`Self`, `AppError`, `crate::db::Error`), the variant.
    Variant {
        ty: String,
        written: Vec<String>,
        variant: String,
    },
    /// An untyped report, read by a person: `anyhow!("{e}")`, `eyre!(..)`, `format_err!(..)`.
    Report,
    /// An untyped error: `io::Error::other(e.to_string())`; `keeps_the_kind`: made with the
    /// error's own kind, `io::Error::new(e.kind(), format!(".. {path}: {e}"))`.
    Untyped { keeps_the_kind: bool },
    /// The error itself becomes the `String` a fn returns as its error.
    Text,
}

/// Reports `value` (a `map_err` closure's value, or an `Err(binding)` arm's), when it flattens
/// the error of `operation`, bound to `binding`, into text: the cause's type and source chain
/// are gone. An error that carries no cause (a conversion of input, a timeout, ...) loses nothing
/// by becoming text.
fn check_flattened(
    cx: &mut Cx<'_>,
    operation: &syn::Expr,
    value: &syn::Expr,
    binding: &syn::Ident,
    is_new_error: bool,
) {
    let is_error = |name: &str| *binding == name;
    let Some((flattened, span)) = flattened(value, &is_error, cx.self_type(), is_new_error) else {
        return;
    };
    // `.map_err(|e| { error!("opening the db: {e}"); anyhow!("cannot open the db: {e}") })`:
    // the cause is in the log, as with `.inspect_err(..)`.
    // `format!("reading the message: {}", InlineErrorChain::new(&err))`: every cause's message
    // is in the text.
    if carries_no_cause(cx, operation)
        || logs_the_error(value, binding)
        || renders_its_chain(&value.to_token_stream(), &is_error)
    {
        return;
    }
    // A fn of the checked code that fails with text hands on a message, which the text keeps.
    let mut requires = error_not_of(
        cx,
        operation,
        Operations::matching(|kind| loses_nothing(kind) || kind == Operation::Text),
    );
    requires.extend(match flattened {
        Flattened::Variant {
            ty,
            written,
            variant,
        } => {
            let paths = cx.resolve_path(&written);
            vec![Cond::IsSystemVariant { ty, paths, variant }]
        }
        // `std::fs::read(&path).map_err(|e| eyre!("cannot read {}: {e}", path.display()))`: an
        // error from the operating system has no cause below it, and a report's text (or a
        // `String` error's) is all a person reads of it. Into a typed error
        // (`io::Error::other(..)`, a variant) its kind, which callers match on, is lost.
        // With its own kind (`io::Error::new(e.kind(), ..)`) nothing callers match on is lost.
        Flattened::Report | Flattened::Text | Flattened::Untyped { keeps_the_kind: true }
            if cx.reaches_the_os(operation) =>
        {
            return;
        }
        Flattened::Report | Flattened::Untyped { .. } => Vec::new(),
        // A trait's method answers with the `String` the trait declares (a handlebars helper,
        // a host function a WIT interface generates): the finding belongs to the declaration.
        Flattened::Text => {
            if !cx
                .enclosing_fn()
                .is_some_and(|fn_cx| fn_cx.returns_string_error && !fn_cx.implements_trait)
            {
                return;
            }
            Vec::new()
        }
    });
    cx.report_if(
        Finding::new(
            ID,
            span,
            "the error is flattened into text: its type and its source chain are lost",
            "keep the error itself as the source: `AppError::Db(error)` with `Db(#[source] E)`, \
             `anyhow::Error::from(error).context(\"..\")`, or `io::Error::other(error)`",
        ),
        requires,
        Vec::new(),
    );
}

/// What `value` flattens the error into, and where the text is. `is_new_error`: `value` is the
/// new error itself (a `map_err` closure's value, the inside of `Err(..)`), not a `Result`.
fn flattened(
    value: &syn::Expr,
    is_error: &dyn Fn(&str) -> bool,
    self_type: Option<&str>,
    is_new_error: bool,
) -> Option<(Flattened, SpanRange)> {
    match peel(value) {
        syn::Expr::Block(block) => match block.block.stmts.last() {
            Some(syn::Stmt::Expr(tail, None)) => flattened(tail, is_error, self_type, is_new_error),
            _ => None,
        },
        syn::Expr::Return(ret) => flattened(ret.expr.as_deref()?, is_error, self_type, false),
        syn::Expr::Macro(mac) => {
            let name = macro_name(&mac.mac)?;
            if matches!(name.as_str(), "anyhow" | "eyre" | "format_err")
                && format_names_an_error(&mac.mac.tokens, is_error)
                && !wraps_the_error_whole(&mac.mac.tokens, is_error)
                && !writes_its_chain(&mac.mac.tokens, is_error)
            {
                return Some((Flattened::Report, SpanRange::of(&mac.mac)));
            }
            // `.map_err(|e| format!("..: {:?}", e))` into a `String` error, as into an untyped
            // report: the `Debug` text nests every cause.
            (is_new_error && name == "format" && !writes_it_with_debug(&mac.mac.tokens, is_error))
                .then(|| error_text(value, is_error).map(|span| (Flattened::Text, span)))
                .flatten()
        }
        syn::Expr::MethodCall(_) if is_new_error => {
            error_text(value, is_error).map(|span| (Flattened::Text, span))
        }
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return None;
            };
            let segments = segment_names(&path.path);
            match &segments[..] {
                [.., last] if last == "Err" => call
                    .args
                    .first()
                    .and_then(|inner| flattened(inner, is_error, self_type, true)),
                [.., owner, method] if owner == "Error" && (method == "other" || method == "new") => {
                    let text = call.args.iter().find_map(|arg| error_text(arg, is_error))?;
                    let keeps_the_kind = method == "new"
                        && call.args.first().is_some_and(|kind| matches!(peel(kind),
                            syn::Expr::MethodCall(asked) if asked.method == "kind"
                                && matches!(peel(&asked.receiver), syn::Expr::Path(error)
                                    if error.path.get_ident().is_some_and(|name| is_error(&name.to_string())))));
                    Some((Flattened::Untyped { keeps_the_kind }, text))
                }
                [written @ .., owner, variant] if variant.starts_with(char::is_uppercase) => {
                    let text = call.args.iter().find_map(|arg| error_text(arg, is_error))?;
                    let ty = match (owner.as_str(), self_type) {
                        ("Self", Some(self_type)) => self_type.to_owned(),
                        _ => owner.clone(),
                    };
                    let mut written = written.to_vec();
                    written.push(owner.clone());
                    Some((
                        Flattened::Variant {
                            ty,
                            written,
                            variant: variant.clone(),
                        },
                        text,
                    ))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

/// `anyhow!(e)`, `anyhow!(ResponseError::Auth { source: err })`: one value and no format
/// string, the error in it whole; anyhow keeps a value that is an error as the error itself,
/// with its source chain.
fn wraps_the_error_whole(tokens: &proc_macro2::TokenStream, is_error: &dyn Fn(&str) -> bool) -> bool {
    fn holds(value: &syn::Expr, is_error: &dyn Fn(&str) -> bool) -> bool {
        match peel(value) {
            syn::Expr::Path(path) => path
                .path
                .get_ident()
                .is_some_and(|ident| is_error(&ident.to_string())),
            syn::Expr::Struct(literal) => literal.fields.iter().any(|field| holds(&field.expr, is_error)),
            syn::Expr::Call(call) => {
                matches!(peel(&call.func), syn::Expr::Path(path)
                    if last_ident(&path.path).is_some_and(|name| name.to_string().starts_with(char::is_uppercase)))
                    && call.args.iter().any(|arg| holds(arg, is_error))
            }
            _ => false,
        }
    }
    syn::parse2::<syn::Expr>(tokens.clone()).is_ok_and(|value| holds(&value, is_error))
}

/// `result.as_ref()`, `result.as_deref()`: the error is borrowed (a result kept in a cell or in
/// the app's state), so its text is all that can be handed on; it cannot become a source. So is
/// a JavaScript exception caught in its context (rquickjs's `value.get("dr").catch(&ctx)`,
/// whose `CaughtError<'js>` cannot leave the context's closure).
fn is_borrowed(receiver: &syn::Expr) -> bool {
    matches!(peel(receiver), syn::Expr::MethodCall(call)
        if (call.args.is_empty() && (call.method == "as_ref" || call.method == "as_deref"))
            || (call.method == "catch"
                && matches!(call.args.first(), Some(syn::Expr::Reference(_)))
                && call.args.len() == 1))
}

/// The initializer of `let PAT = EXPR ..;`.
fn let_initializer(stmt: &syn::Stmt) -> Option<&syn::Expr> {
    match stmt {
        syn::Stmt::Local(local) => local.init.as_ref().map(|init| &*init.expr),
        _ => None,
    }
}

/// `.map_err(|_| ())`, `.map_err(|_| first)`: no new error stands in for the old one (see
/// [`hands_on_no_new_error`]). Nor can one keep it in `.map_err(|_| fmt::Error)`: a `Display` or
/// `Debug` impl answers only `fmt::Error`, which has no room for a cause.
fn answers_no_new_error(call: &syn::ExprMethodCall) -> bool {
    let Some(syn::Expr::Closure(closure)) = call.args.first() else {
        return false;
    };
    is_fmt_error(&closure.body) || hands_on_no_new_error(&closure.body)
}

/// `fmt::Error`, `std::fmt::Error`, and through the module renamed as it is imported (`use
/// std::fmt as stdfmt;`, then `stdfmt::Error`).
fn is_fmt_error(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::Path(path)
        if matches!(segment_names(&path.path).as_slice(), [.., fmt, error] if fmt.ends_with("fmt") && error == "Error"))
}

/// An arm that answers `Err(fmt::Error)` (`Err(_) => return Err(fmt::Error)` in a `Display`
/// impl), as `.map_err(|_| fmt::Error)` does.
fn answers_fmt_error(body: &syn::Expr) -> bool {
    match peel(body) {
        syn::Expr::Return(ret) => ret.expr.as_deref().is_some_and(answers_fmt_error),
        syn::Expr::Call(call) => {
            matches!(peel(&call.func), syn::Expr::Path(path) if path.path.is_ident("Err"))
                && call.args.first().is_some_and(is_fmt_error)
        }
        syn::Expr::Block(block) => block_value(&block.block).is_some_and(answers_fmt_error),
        _ => false,
    }
}
