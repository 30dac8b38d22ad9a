//! # What it finds
//!
//! An error that is caught and then discarded: nothing records it, returns it, or uses it.
//!
//! - an `Err(_)`/`Err(..)` arm (of a `match`, `if let` or `while let`) whose body neither
//!   propagates an error, nor panics, nor uses the error: empty bodies, `continue`, `break`, and
//!   fallback values such as `Err(_) => 0`, `Err(_) => None`, `Err(_) => Ok(default)`;
//! - an `Err(e)` arm that binds the error and never uses it, even if it logs a message
//!   (`Err(e) => log::error!("send failed")` logs without the error itself);
//! - `let Ok(x) = EXPR else { return; }` (or `continue`, `break`, a default) where the `else`
//!   neither reports nor returns an error (a plain `Ok(x)`/`Ok(_)`: `let Ok(Some(x)) = .. else`
//!   also takes successes that do not fit, and is left alone);
//! - `if let Ok(v) = EXPR { .. }` without an `else` (`v` a plain binding or `_`, not
//!   `Ok(None)`, `EXPR` a call
//!   known to return a `Result` that is neither a conversion nor a probe), or with an `else`
//!   that neither propagates, reports nor panics;
//! - `.ok().unwrap_or(..)`, `.ok().unwrap_or_default()`, `.ok().unwrap_or_else(..)` and the same
//!   after `.and_then(..)`/`.map(..)`, on a call known to return a `Result` (the last one in the
//!   chain: `var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080)` is the parse's);
//! - `.filter_map(|x| CALL.ok())`, `.flat_map(|x| CALL)` and `.map(|x| CALL).flatten()`: every
//!   item whose call fails is skipped without a trace (a `Result` iterates as its `Ok` value, or
//!   as nothing);
//! - a `match` on such a call with an `Ok(..)` arm and a catch-all arm (`_ =>`, `other =>`) that
//!   neither propagates, reports nor panics (after only `Ok(Some(x)) =>`, the catch-all also
//!   takes what is not there, `Ok(None)`, and its value answers that: it is left alone, as the
//!   `else` of `if let Ok(Some(x))` is);
//! - `let is_banned = CALL.is_ok();` (or `.is_err()`, through `!`, `&&`, `||`): every failure of
//!   the call becomes the answer `false` ("not banned") and is dropped, as
//!   `.map(|_| true).unwrap_or(false)` would. Left alone on a local `Result` (still there), and
//!   on an operation whose failure is the answer asked for (a parse, a file-system question, a
//!   verification, a fn's own verdict such as `fn valid_name(..)`);
//! - `.unwrap_or_else(|_| VALUE)`, and `.unwrap_or(..)`/`.unwrap_or_default()` on a call known to
//!   return a `Result`.
//!
//! Left alone: calls the configuration lists as `ignorable` (decided once by the team, as for
//! `ignored_result`; nothing is by default). And, because the error there is an answer rather
//! than a failure with a cause:
//!
//! - a fallback for a state probe without arguments: `try_lock()`, `try_borrow()`,
//!   `try_borrow_mut()`, `try_read()`, `try_write()`, `try_recv()`, `try_acquire()` (and their
//!   `_owned` forms). "Locked", "already borrowed", "empty" say *now is not the time*; there is no
//!   cause to keep (`Err(_) => d.field("data", &"<locked>")`). `try_send` is not one of them: its
//!   error hands back a message that the fallback then loses. Nor is there in a socket's
//!   `local_addr()`/`peer_addr()` ("not connected"), often a label for a log line, in
//!   `Handle::try_current()` ("not inside a runtime"), in a lost compare-and-swap race or in
//!   an atomic's `fetch_update` that its closure declined;
//! - a property named in the code, looked up without `.await` on a value of another crate
//!   (`resource.get(urls::MIMETYPE).map(..).unwrap_or_else(|_| "application/octet-stream")`,
//!   `settings.get("theme")`, a document's typed accessor: `privilege.get_array("actions")`),
//!   by its type in a type map (`depot.get_typed::<Config>()`, `ctx.data::<Store>()`), or a
//!   schema's field by its name (arrow's `schema.field_with_name(column)`, tantivy's
//!   `schema.get_field(&name)`):
//!   "no such property" is an answer. A key held in a variable
//!   (`tree.get(&key)`) or an awaited lookup (`cache.get(KEY).await`) reads a store, which may
//!   fail on its own, and is reported, as is a call to a `get` of the checked code;
//! - errors that carry no cause and hand nothing back: integer conversions
//!   (`n.try_into().unwrap_or(u32::MAX)`, `u16::try_from(n)`, a signed duration's `to_std()`), timeouts (`timeout(..).await`,
//!   `.with_timeout(d)`), a closed channel's `recv()`, a finished task (`spawn_blocking(..).await`,
//!   `handle.join()`, `Some(res)` of `set.join_next().await`, a panic caught at a boundary by
//!   `panic::catch_unwind(f)`, which the panic hook reported where it happened), a closed channel's
//!   `send(msg)`/`recv()`, a closed semaphore's `acquire()` (also raced in `tokio::select!`:
//!   `let acquired = select! { permit = semaphore.acquire() => permit, _ = stop => return };`
//!   holds the acquire's outcome), the error types the configuration lists in
//!   `opaque_errors` (`opaque_errors = ["aead::Error"]`), and ring's and aws-lc-rs's
//!   `error::Unspecified`/`KeyRejected` (opaque by design);
//! - an optional setting that is not set: `std::env::var(..)`/`var_os(..)` (also read as
//!   `env::var(..).as_deref()`, or through a crate's own module named for it: `henv::var(..)`),
//!   `EnvFilter::try_from_default_env()` and an optional `.env` file (`dotenv()`,
//!   `dotenvy::dotenv()`) with a fallback, in any form; where the process runs
//!   (`env::current_dir()`, `env::current_exe()`); the local time offset
//!   (`OffsetDateTime::now_local()`); a kernel interface this platform may not
//!   have (`fs::read_to_string("/proc/meminfo")`, `/sys/..`, a process's own
//!   `format!("/proc/{pid}/stat")`, gone once it has exited); a file's times asked of its
//!   metadata (`metadata.modified()`, `created()`, `accessed()`), which the platform or the file
//!   system may not keep;
//! - a fallback that covers a bug in our own code rather than a failure of the world outside: the
//!   serialization of a value held in memory (`serde_json::to_string(&v)`, `to_vec`, `to_value`,
//!   `to_xml*`, postcard's `to_stdvec`; not `to_writer`, whose writer may fail, unless it writes
//!   into a new buffer: `encoder.finish()` of `GzEncoder::new(Vec::new(), ..)`), a time rendered by
//!   a format description (`now.format(&Rfc3339)`) or by a fn declared to fail with `fmt::Error`
//!   (`-> Result<String, fmt::Error>`), a conversion of input written in the code
//!   (`toml::from_str(r#"path = "/stats""#)`, `"127.0.0.1:80".parse()`, a local bound to
//!   `json!(..)` or `include_str!(..)` and converted, a response built from constant parts:
//!   `Response::builder().status(StatusCode::OK).body(..)`), and a local `Result` the code asserts
//!   is `Ok` (`debug_assert!(r.is_ok()); r.unwrap_or(false)`);
//! - removing a file or a directory (`fs::remove_file(path)`, `remove_dir`, `remove_dir_all`):
//!   "not found" (gone already) and, for `remove_dir`, "not empty" are answers to "make sure it
//!   is gone";
//! - a question asked of the file system (`fs::metadata(p)`, `symlink_metadata`, `canonicalize`,
//!   also by another crate's helper: `canonicalize_path_maybe_not_exists(p)`, `try_exists`,
//!   `fs::exists`, and the listing of a directory that may not be there,
//!   `fs::read_dir(dir)`;
//!   std's, tokio's or `fs_err`'s; nix's and rustix's `stat(p)`)
//!   answered "no" on an error (`false`, `None`, nothing: `vec![]`, `Vec::new()`, the default,
//!   nothing to do: `Err(_) => ()`, or leaving: an `if let Ok(entries) = read_dir(dir)` without
//!   `else`), which is what
//!   `Path::is_file()` and `Path::exists()` do themselves, or with the path as given
//!   (`path.canonicalize().unwrap_or_else(|_| path.to_owned())`, also of a field such as
//!   `config.dir`: canonical if possible);
//! - a conversion of input (`parse*`, `try_parse*`, `parse_str`, `from_str*`, `from_utf8*`,
//!   `try_from`, a value made, viewed or turned by the naming convention of conversions:
//!   `Time::from_hms(..)`, `bytes.as_utf8()`, `address.into_address()`, not made from outside
//!   the process: `from_reader`, `from_file`, `from_slug(conn, ..)`,
//!   `cast_to`, a constructor that checks its arguments, `T::try_new(..)` or one of the checked
//!   code whose only errors are its own checks (`fn new(id) -> Result<Self, E> { if
//!   !valid(&id) { return Err(..) } Ok(Self(id)) }`), a nom parser of the checked code (`fn
//!   preface(i: &[u8]) -> IResult<&[u8], &[u8]>`), a decoder's read from a `Cursor` over
//!   bytes in memory (`TokenMessage::read_from(&mut cursor)`), an extractor run on
//!   the request: `T::from_request_parts(parts, state)`, `parts.extract::<T>()`, a handler's `ws: Result<WebSocketUpgrade,
//!   WebSocketUpgradeRejection>`, the request's body read, `request.into_body().collect()`)
//!   whose handler
//!   answers "this is not an X": it reads the input another way (`match cap.parse::<usize>() {
//!   Ok(i) => Number(i), Err(_) => Named(cap) }`), or leaves or says "none" (`Err(_) =>
//!   continue`, `let Ok(ip) = s.parse() else { return peer }`, `Err(_) => None`). A hard-coded
//!   default in the input's place (`Err(_) => 8080`, `.parse().unwrap_or(0)`) still hides a
//!   wrong input and is reported, unless the value parsed may be missing and the default
//!   stands for both (`parts.get(1).and_then(|p| p.parse().ok()).unwrap_or(0)`: "missing or
//!   not a number", a lenient read of data); not for a setting's value
//!   (`env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080)`, a command-line
//!   argument), which its operator needs to hear is wrong;
//! - a call to a fn of the checked code that hands on the error of one of the operations above
//!   (`fn try_metadata(p) -> Result<Metadata, StatusCode>` around `fs::metadata`, a getter
//!   whose only error is `self.editor.clone().ok_or_else(..)` or a lookup in memory given a
//!   context (`self.tables.get(&id).map(..).with_context(..)`), a fn named for a lookup
//!   (`get`, `get_*`, `lookup*`, `find*`) that waits for nothing and whose every error is its
//!   own verdict (apollo's `TypeDefinitionPosition::get`: the type is not in the schema, or not
//!   of that kind), or a static's that is set once:
//!   `if let Some(c) = CLIENT.get() { Ok(c) } else { Err(..) }`, a clock read), including one a
//!   `macro_rules!` of the checked code stamps out (`config_get_fn!(api_base, get_api_base);`),
//!   and one that converts its input and adds verdicts of its own (`fn validate_nonce(n)`:
//!   `from_utf8(n)?`, then `bail!("invalid nonce")`), which checks its input, also through
//!   wrappers that hand on only its error (`fn spendable(&self) -> Result<u64> {
//!   self.balances().map(|(_, s)| s) }`): see `syntax/wrappers.rs` and `expand.rs`. A fn that
//!   builds an error of its own (`if self.down { return Err(Unavailable) }`) or calls another
//!   fn of the checked code beside other sources may stand for a failure, and is not one of
//!   them;
//! - `Err(_)` after a guarded arm that keeps one error on purpose
//!   (`Err(e) if first.is_none() => first = Some(e)`);
//! - an `Err(_e)` arm that uses `_e` after all (`trace!("{_e}")`);
//! - a local `Result` looked into in place (`match &result { Err(_) => warn!(..), .. }`, `match
//!   &result { Ok(..) => .., _ => .. }`, `if let Ok(v) = &mut result`, a field's in place: `match
//!   statement.options.as_mut()`, an item lent to the closure of `sort_by_key`, `max_by_key`,
//!   `inspect`: `|arg| match arg { Ok(a) => a.start(), Err(_) => 0 }`, or kept by a
//!   `filter`/`take_while` predicate that answers `Err(_) => true`, for the `collect` into a
//!   `Result` after it; a parameter whose error is lent, `read: Result<&Option<Blob>,
//!   &StoreError>`): it is still there afterwards, for the code that hands it on; a result held in
//!   a value, a record of an outcome whose error was handled where it was stored (`match
//!   metrics.status { Ok(s) => s.code(), Err(_) => -1 }`), or described by a `fmt` method (`Err(_)
//!   => write!(f, "Continue(Err)")`); and a local `Result` whose error was reported before the
//!   fallback (`if let Err(ref e) = config { println!("..: {e}") }`, then
//!   `config.unwrap_or_default()`);
//! - a call to a fn of the checked code declared to fail with `()` (also `bool`, `Option<()>`,
//!   and through `impl Future<Output = Result<T, ()>>`) or with a unit struct no
//!   other type is named after (`-> Result<T, Failed>` with `struct Failed;`, routinator's
//!   "already logged"), or an enum of one fieldless variant (`enum ValidationError { Invalid
//!   }`): its error carries nothing beyond its name;
//! - a fallback in a method of std's hashing and comparison traits (`fn hash`, `eq`, `ne`,
//!   `cmp`, `partial_cmp`: `if let Ok(serial) = get_serial(cert) { serial.hash(state) }`; also
//!   any fn declared to answer an `Ordering`, a comparator for `sort_by`), or in
//!   `From::from` (`impl From<String> for LibraryPattern { fn from(s: String) -> Self {
//!   Self::from_str(&s).unwrap_or_default() } }`: a conversion that cannot fail), whose answer
//!   has no room for an error;
//! - a fallback after the error was reported in the same expression
//!   (`run().map_err(|e| eprintln!("{e:?}")).unwrap_or(1)`, `.inspect_err(|e| ..)`, a method
//!   named for it, `.log_err()`, a `map_err` closure that hands the error or its text to a
//!   value that collects them and answers nothing: `.map_err(|err| { bp.build_error(id, err);
//!   }).unwrap_or_default()`, also
//!   matched: `match tx.commit().await.inspect_err(|err| error!(?err)) { .., Err(_) => .. }`, `if
//!   let Ok(stats) = server.stats().inspect_err(|e| warn!("..: {e}")) { .. }`), or by the fn
//!   that returned it (a fn of the checked code declared `#[instrument(err)]`, whose span
//!   records every error it returns, one that logs each error as a warning or an error before
//!   it hands it on, or one that hands such an error on);
//! - a handler that reads the local `Result` it matched, where the error still is
//!   (`match response { Ok(h) => Ok(h), Err(_) => Self::handle_response(response) }`, `let
//!   Ok(t) = template else { warn!(?template, "waiting"); .. }`);
//! - a handler that notes the case at `debug` or `trace` level (and at no louder level): the
//!   author logged it as routine (`Err(_already_exists) => debug!("hash exists")`, also in an
//!   `unwrap_or_else(|_e| { trace!(..); .. })` closure). A log at
//!   `info` or louder without the error is "logging without the error object", and reported;
//! - a fallback on the way out of a failure, in a branch that ends by returning an error (or in
//!   a panic)
//!   (`if !ok { let body = resp.text().await.unwrap_or_default(); return Err(Http(status,
//!   body)) }`): the error handed on is the one that matters. Not in a fn whose body ends in
//!   its own error, nor in a branch that loops first (`for _ in 0..150 { match try_bind(port) {
//!   .., Err(_) => continue } } Err("no free port")`): those search and give up;
//! - a guarded `Err(_) if .. =>` arm followed by an arm that handles the other errors;
//! - an arm or an `unwrap_or_else` closure whose value is an error, even wrapped or in every
//!   branch of its own `match` or `if` (`Err(_) => vec![Err(E::Integrity)]`,
//!   `res.unwrap_or_else(|_| Err(anyhow!("stream panicked")))`,
//!   `Err(_) => Ok(Err(AlreadyExists))`), or a value built by a type named for a failure
//!   (`Err(_) => Ok(vec![ValidationFailure::critical("Connection Failed", ..)])`,
//!   `ApiError::bad_request(..)`, also as the handler's answer: `BeaconError::internal_error()
//!   .into_response()`, `HttpServerError::IndexNotFound.into()`; a response that says the fault
//!   is ours: `Err(_) => return Ok(HttpResponse::InternalServerError().json(..))`): nothing is
//!   swallowed, at most a source is lost;
//! - the `Ok` of an enum of the checked code, which is no `Result`'s (`let
//!   ShutdownResult::Ok(rows) = copy(..).await else { return Ok(Stopped) }`);
//! - an arm that ends with `bail!(..)`, which is `return Err(..)`, or with a macro named `Err!(..)`
//!   (conduit's and its forks'), which builds one;
//! - an arm that counts the failure in a metric (`manifest.metrics.invalid_certs += 1; return
//!   Ok(())`, `counter!("rejected").increment(1)`, `FAILURES.inc()`): it is recorded where
//!   operators look, as the docs below ask ("count it"). A local counter (`skipped += 1`) is not
//!   one. So does an arm that writes a text into a field named for the failure (`result.error =
//!   format!("unable to read '{}'", PATH)`, bottlerocket's CIS checks): the answer says it failed;
//! - a fallback that says the value is not known (`.unwrap_or_else(|_| "unknown".to_owned())`,
//!   `Err(_) => "<unknown>".into()`, `"n/a"`, `"?"`, `"-"`, a stand-in in angle brackets as `Debug`
//!   output writes one (`"<expr>"` in a `__repr__`), a label or a metric's key with the word,
//!   `"h2.goaway.received.unknown_error"`, a short text that starts or ends with it, `"Unknown
//!   error"`, or a short text that says it failed, `"error reading db"`, also as one of a tuple's
//!   values: `Err(_) => (0, 0, "error reading db")`, or wrapped in a variant:
//!   `.unwrap_or(Value::String("Unknown".to_string()))`, or a constant named for the failure,
//!   `.unwrap_or(METRICS_ERROR)`): where a label would be, it shows the failure instead of hiding
//!   it;
//! - a closure that names a unit error type (`.unwrap_or_else(|BadRange| ..)`): it takes the one
//!   error there is, which carries nothing beyond its name, as an `Err(BadRange)` arm does;
//! - a fallback in a shell's completion of a word (`fn complete_datastore_name(arg: &str, param:
//!   &HashMap<String, String>) -> Vec<String>`, a `complete_*` fn given the word that answers a
//!   list): it has no room for an error, and printing one would corrupt the shell's output;
//! - a fallback in a fn named for it (`fn read_bytes_default`, `*_or_default`, `*_or_empty`,
//!   `*_if_possible`, `*_best_effort`, `*_lossy`, `*_as_option`): its callers asked for the
//!   fallback;
//! - a fallback in a predicate, a fn declared `-> bool` (`fn is_safetensors_model(path) ->
//!   bool`, `fn has_export(bytes, name) -> bool`): a failure met while finding out is one of its
//!   answers, as `Path::is_file()` answers `false` for a file it cannot read. Not when what it
//!   asks is itself a yes-or-no (`self.store.has(&key).unwrap_or_default()`, `storage.exists(key)`,
//!   `is_joined(user, room)`, `verify_key_exists(..)`): a `false` there cannot tell "no" from a
//!   store that failed; nor where the predicate logs the failure without the error (`let Ok(bytes)
//!   = msg.encode() else { warn!("cannot encode"); return false }`); nor in
//!   a closure the predicate hands on (`retry(|| async { match post(..).await { Err(_) =>
//!   Retry, .. } })`), whose fallback is not its answer;
//! - a call to a fn of the checked code that does its work, handles every error it meets and
//!   answers `Ok` (`fn discover_models(&self) -> Result<Vec<Model>> { for dir in .. { match
//!   scan(dir) { Err(e) => eprintln!(..), .. } } Ok(found) }`), or whose every arm answers `Ok`
//!   (`match envelope { V0(e) => Ok(&e.ops), Tx(e) => Ok(&e.ops) }`), also through a fn that
//!   hands on only its error (`let ops = extract_operations(envelope)?; Ok(..)`): there is no
//!   error to drop. A stand-in that only answers (`Ok(1)`) is reported: its signature promises
//!   an error;
//! - an arm that ends the process or thread: it panics, or calls `process::exit`, `abort`,
//!   `resume_unwind`, or a fn of the checked code declared `-> !` (`Err(_) => fatal("..")`);
//!   or that asserts it never runs (`debug_assert!(false, "encoding should never fail")`).
//!
//! A choice the code explains in a comment by it is left alone too (a `/* .. */` one by the call
//! counts: `.ok(/* Don't care if caller is gone */)`): a `//` comment on the
//! finding's line, on the line above its statement (the rest of its block where it speaks of "the
//! following"), or first in the block of the handler
//! whose line it is (`let Ok(out) = render() else {` over `// Should never throw: ..`), that
//! says the error is ignored on
//! purpose or best effort, or cannot happen (`// Ignore errors: the client may be gone`, `// can't
//! fail: parsed above`, `// best effort`), or that the fallback is the author's choice (`//
//! Defaulting, to convert "" entries to Self::default`, `// fall back to the built-in list`,
//! `/// Returns default (500) if value is 0 or invalid`), or that the failure answers "this one
//! cannot" (`// not all drives support that`), and is not a `TODO`/`FIXME`. On the handler itself, first in its block, above its
//! `Err(..) =>` arm or after it on its line (`Err(_) => continue, // Skip instructions we can't
//! decode`), any comment explains it, in whatever words (`Err(_) => { // null if
//! overflow`, `else { // we still reply with a success to avoid leaking who has an
//! account`): it tells the reader what is done with the error, and why. Its reason is written
//! where a reviewer reads it, as an `// onus: allow(..) — reason` would be; every such finding
//! read on services was a deliberate choice (see `lints/PRECISION.md`, session 14). A comment
//! above a fn speaks of the fn, and covers nothing in it, unless the fn's body is the one
//! statement (`/// If reading fails, the function silently returns` over `fn submit() { if let
//! Ok(stats) = read() { .. } }`).
//!
//! # Why is this bad
//!
//! "Do not swallow errors." A swallowed error turns a failure into a silent wrong answer: the
//! request succeeds with a default, the loop skips an item, the cache stays stale, and nobody
//! learns why. When the incident comes, there is no log line to find and no cause to follow. A log
//! message without the error object is almost as bad: it says *that* something failed, never *what*
//! (the address, the errno, the constraint that was violated).
//!
//! # Example
//!
//! ```text
//! let port = match env::var("PORT") {
//!     Ok(port) => port.parse().unwrap_or(8080),
//!     Err(_) => 8080,
//! };
//!
//! match repo.save(&order) {
//!     Ok(()) => {}
//!     Err(e) => log::error!("saving the order failed"),
//! }
//! ```
//!
//! # Use instead
//!
//! Propagate the error, or handle it and keep it: log it with the error object, count it, return it.
//!
//! ```text
//! let port: u16 = env::var("PORT")?.parse()?;
//!
//! if let Err(error) = repo.save(&order) {
//!     log::error!("saving the order failed: {error}");
//! }
//! ```
//!
//! When a fallback really is right, say why: `// onus: allow(swallowed_error) — reason`.
//!
//! The rule warns by default. A fallback is often deliberate for a reason only its author knows
//! (a status page that shows what it can, a store read that may find nothing, a best-effort
//! metric), and syntax cannot tell that apart from a hidden failure: on services nobody here had
//! read, a third to nearly all of its findings were such fallbacks (`lints/PRECISION.md`). A team
//! that has read its findings makes it fail the build with `swallowed_error = "deny"`, as
//! `examples/shop` does.

use crate::diagnostic::Level;
use crate::finding::{Finding, SpanRange};
use syn::punctuated::Punctuated;

use crate::index::Cond;
use crate::syntax::calls::{error_not_of, not_ignorable, result_conds};
use crate::syntax::handlers::{
    HandlerBody, Handling, block_handling, discards_error_in_closure, err_handlers,
    error_is_an_answer, handling, no_divergence,
};
use crate::syntax::wrappers::reports_its_error;
use crate::syntax::nodes::{
    has_a_camel_word, has_a_word, last_ident, method_span, peel, stmt_span,
};
use crate::syntax::operations::{Operation, Operations, reads_an_environment_variable};
use crate::syntax::patterns::{
    ErrInner, err_pattern, is_catch_all_binding, is_plain_ok_pattern, is_result_variant,
    let_ok_else_block,
};
use crate::walk::{Cx, Hooks, LocalKind};
use crate::triggers::Trigger;

use super::{RuleInfo, RuleKind};

/// The rule's id.
pub(super) const ID: &str = "swallowed_error";

/// The rule: its metadata, next to its documentation and its checks.
pub(super) const RULE: RuleInfo = RuleInfo {
    id: ID,
    default_level: Level::Warn,
    summary: "an error is caught and discarded: nothing records, returns or uses it",
    docs_source: include_str!("swallowed_error.rs"),
    allowed_by: &[],
    // An `Err(..)` handler (arm, `if let`, `while let`); an `Ok(..)` pattern (`if let Ok`,
    // `let Ok(..) else`, a `match` with an `Ok` arm and a catch-all); `.ok()` behind
    // `filter_map` or a fallback; `Result`s flattened; the `unwrap_or` family.
    triggers: &[
        Trigger::Pattern("Err"),
        Trigger::Pattern("Ok"),
        Trigger::Word("ok"),
        Trigger::Word("is_ok"),
        Trigger::Word("is_err"),
        Trigger::Word("flat_map"),
        Trigger::Word("flatten"),
        Trigger::Word("unwrap_or"),
        Trigger::Word("unwrap_or_default"),
        Trigger::Word("unwrap_or_else"),
    ],
    kind: RuleKind::Checked(Hooks {
        stmt: Some(check_stmt),
        expr: Some(check_expr),
        ..Hooks::NONE
    }),
};

const HELP: &str = "propagate it with `?`, or handle it with the error: `Err(error) => log::warn!(\"..: {error}\")`";

fn check_expr(cx: &mut Cx<'_>, expr: &syn::Expr) {
    if let syn::Expr::MethodCall(call) = expr {
        check_skipped_items(cx, call);
        check_unwrap_or(cx, call);
        return;
    }
    if let syn::Expr::If(if_expr) = expr {
        check_if_let_ok(cx, if_expr);
    }
    if let syn::Expr::Match(matched) = expr {
        check_catch_all_after_ok(cx, matched);
    }
    let handlers = err_handlers(expr);
    for (at, handler) in handlers.iter().enumerate() {
        let Handling::Swallows { logged, routine } = handler.handling() else {
            continue;
        };
        if routine {
            continue;
        }
        // `Err(_) if a == Spn => Invalid(a), Err(e) => return Err(e)`: the guard picks one case
        // to answer, and a later arm handles the other errors.
        let a_later_arm_handles_the_rest = handler.pattern.guard.is_some()
            && handlers[at + 1..]
                .iter()
                .any(|later| !matches!(later.handling(), Handling::Swallows { .. }));
        if a_later_arm_handles_the_rest {
            continue;
        }
        if handler.error_is_an_answer(cx.operation_of(handler.scrutinee))
            || is_a_local_looked_into(cx, handler.scrutinee)
            || describes_a_held_result(cx, handler.scrutinee)
            || reports_its_error(handler.scrutinee)
            || handler.body.reads_the_local(handler.scrutinee)
        {
            continue;
        }
        // `Err(e) if first.is_none() => first = Some(e), Err(_) => {}`: one error is kept on
        // purpose, and the later ones are dropped by design.
        let keeps_an_earlier_one = handlers[..at].iter().any(|earlier| {
            earlier.pattern.guard.is_some() && earlier.handling() == Handling::UsesError
        });
        if keeps_an_earlier_one {
            continue;
        }
        let message = match (handler.pattern.inner, logged) {
            (ErrInner::Bound(ident), true) => {
                format!("`{ident}` is logged without the error itself: the error is discarded")
            }
            (ErrInner::Bound(ident), false) => {
                format!("`{ident}` is bound but never used: the error is discarded")
            }
            (ErrInner::Ignored, true) => {
                "the error is logged without the error itself: it is discarded".to_owned()
            }
            (ErrInner::Ignored, false) => {
                "the error is discarded: this arm neither propagates, reports nor panics".to_owned()
            }
            (ErrInner::Specific, _) => continue,
        };
        let mut requires = no_divergence(&*cx, handler.body);
        requires.extend(not_excused(cx, handler.scrutinee, |kind| {
            handler.error_is_an_answer(kind)
        }));
        let dropped = Dropped { operation: Some(handler.scrutinee), logged };
        report(cx, dropped, Finding::new(ID, handler.pattern.span(), message, HELP),
            requires);
    }
}

/// `if let Ok(v) = EXPR { .. }` without an `else`, or with one that neither propagates, reports
/// nor panics: every error of `EXPR` is dropped without a trace.
fn check_if_let_ok(cx: &mut Cx<'_>, if_expr: &syn::ExprIf) {
    let syn::Expr::Let(let_expr) = &*if_expr.cond else {
        return;
    };
    // `if let Ok(i) = &mut ids`: a local `Result` looked into in place is still there afterwards.
    // `if let Ok(s) = stats().inspect_err(|e| warn!("..: {e}"))`: reported on its way.
    if !is_plain_ok_pattern(&let_expr.pat)
        || matches!(peel(&let_expr.expr), syn::Expr::Path(_))
        || reports_its_error(&let_expr.expr)
    {
        return;
    }
    let operation = cx.operation_of(&let_expr.expr);
    let fallback = if_expr
        .else_branch
        .as_ref()
        .map(|(_, fallback)| HandlerBody::Expr(fallback));
    let excused = |kind: Operation| match fallback {
        None => !kind.is_unknown(),
        Some(fallback) => error_is_an_answer(kind, &let_expr.expr, Some(fallback)),
    };
    let (message, logged) = match &if_expr.else_branch {
        None => {
            // Without an `else`, nothing reads the input another way: only an operation whose
            // errors are answers or carry no cause is left alone.
            if excused(operation) {
                return;
            }
            ("`if let Ok(..)` without `else` drops every error without a trace", false)
        }
        Some((_, fallback)) => {
            let Handling::Swallows { logged, routine } = handling(fallback, None, None) else {
                return;
            };
            if routine || excused(operation) {
                return;
            }
            let message = if logged {
                "the `else` of `if let Ok(..)` logs without the error itself: the error is discarded"
            } else {
                "the `else` of `if let Ok(..)` discards the error: it neither propagates, reports nor panics"
            };
            (message, logged)
        }
    };
    let Some(mut requires) = cx.value_result_conds(&let_expr.expr) else {
        return;
    };
    if let Some((_, fallback)) = &if_expr.else_branch {
        requires.extend(no_divergence(&*cx, HandlerBody::Expr(fallback)));
    }
    requires.extend(not_excused(cx, &let_expr.expr, excused));
    report(cx, Dropped { operation: Some(&let_expr.expr), logged }, Finding::new(
            ID,
            SpanRange::of(&*let_expr.pat),
            message,
            "match on the result and keep the error: `match expr { Ok(v) => .., Err(error) => tracing::warn!(%error, \"..\") }`",
        ),
        requires);
}

/// `match &result { .. }`, `if let Err(_) = result.as_ref()`, `match statement.options.as_mut()`: a
/// local `Result`, or a field holding one, looked into in place is still there afterwards, for the
/// code that hands it on (`..; result`). So is one a parameter borrows (`fn retry_request(&self,
/// response: &Result<Response, Error>)`): the error stays with the caller.
fn is_a_local_looked_into(cx: &Cx<'_>, scrutinee: &syn::Expr) -> bool {
    if let syn::Expr::Path(path) = peel(scrutinee)
        && let Some(name) = path.path.get_ident()
        && cx.local(name) == Some(&LocalKind::BorrowedResult)
    {
        return true;
    }
    let borrowed = match scrutinee {
        syn::Expr::Reference(reference) => &*reference.expr,
        syn::Expr::MethodCall(call)
            if (call.method == "as_ref" || call.method == "as_mut") && call.args.is_empty() =>
        {
            &*call.receiver
        }
        _ => return false,
    };
    is_a_place(borrowed)
}

/// A local or a field of one (`result`, `statement.options`, `self.state.last`): a value that
/// is still there once it has been looked into.
fn is_a_place(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Path(path) => path.path.get_ident().is_some(),
        syn::Expr::Field(field) => is_a_place(&field.base),
        _ => false,
    }
}

/// A result held in a value: `match metrics.status { Ok(s) => .., Err(_) => -1 }` reads a
/// record of an outcome, whose error was handled where it was stored; and in a `fmt` method,
/// `match cont { Ok(_) => write!(f, "Continue(Ok)"), Err(_) => write!(f, "Continue(Err)") }`
/// describes a result it was given.
fn describes_a_held_result(cx: &Cx<'_>, scrutinee: &syn::Expr) -> bool {
    match peel(scrutinee) {
        syn::Expr::Field(_) => true,
        syn::Expr::Path(_) => cx
            .enclosing_fn()
            .and_then(|fn_cx| fn_cx.name.as_deref())
            .is_some_and(|name| name == "fmt"),
        _ => false,
    }
}

/// What a handler did with the error it dropped: the operation that failed, and whether the
/// handler logged the failure without the error.
struct Dropped<'a> {
    operation: Option<&'a syn::Expr>,
    logged: bool,
}

/// Reports a fallback (`finding`) for the error `dropped` if `requires` holds, unless the
/// enclosing fn answers yes or no with it (see [`in_a_predicate`]) or [`report_answer`] leaves it
/// alone. A predicate that logs the failure without the error is reported: "logging without
/// the error object" is what its author did, not a quiet "no".
fn report(cx: &mut Cx<'_>, dropped: Dropped<'_>, finding: Finding, requires: Vec<Cond>) {
    if !in_a_predicate(cx) || dropped.logged || dropped.operation.is_some_and(asks_yes_or_no) {
        report_answer(cx, finding, requires);
    }
}

/// `store.has(&key)`, `storage.exists(key)`, `is_joined(user, room)`, `verify_key_exists(..)`,
/// `user_has_permission(..)`: a question whose "no" a
/// fallback of `false` cannot tell from a failure, which a predicate asking it hides as
/// `.is_ok()` would (krill's `self.store.has(&self.main_key).unwrap_or_default()`).
fn asks_yes_or_no(operation: &syn::Expr) -> bool {
    let name = match peel(operation) {
        syn::Expr::Await(awaited) => return asks_yes_or_no(&awaited.base),
        syn::Expr::MethodCall(call) => call.method.to_string(),
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => match last_ident(&path.path) {
                Some(name) => name.to_string(),
                None => return false,
            },
            _ => return false,
        },
        _ => return false,
    };
    has_a_word(&name, &["is", "has", "contains", "exists"])
}

/// Reports `finding` if `requires` holds, unless the enclosing fn is named for its fallback.
/// An error asked as a yes-or-no (`ban_of(person).is_ok()`) is reported this way in a
/// predicate too: the question asked there is the failure's, not the predicate's.
fn report_answer(cx: &mut Cx<'_>, finding: Finding, requires: Vec<Cond>) {
    // On the way out of a failure (`if !ok { let body = resp.text().await.unwrap_or_default();
    // return Err(Http(status, body)) }`), the error handed on is the one that matters; what
    // gathering its details drops loses nothing it does not say.
    if !in_a_fn_named_for_its_fallback(cx)
        && !in_a_method_with_no_room_for_an_error(cx)
        && !cx.completes_a_word()
        && !cx.on_a_failing_branch()
    {
        cx.report_if(finding, requires, Vec::new());
    }
}

/// `impl Hash for CertKey { fn hash(..) { if let Ok(serial) = get_serial(cert) { .. } } }`: the
/// methods of std's comparison and hashing traits answer with no room for an error, and a
/// fallback is the answer they can give. So does `From::from` (`impl From<String> for Pattern {
/// fn from(s) { Pattern::from_str(&s).unwrap_or_default() } }`): a conversion that cannot fail.
/// So does any fn declared to answer an `Ordering` (habitat's `fn by_parts_cmp(a: &str, b: &str)
/// -> Ordering`, handed to `sort_unstable_by`).
fn in_a_method_with_no_room_for_an_error(cx: &Cx<'_>) -> bool {
    let compares = cx
        .enclosing_fn()
        .is_some_and(|fn_cx| fn_cx.compares && !fn_cx.is_closure);
    let in_a_std_trait_method = cx.self_type().is_some()
        && cx.enclosing_fn().is_some_and(|fn_cx| {
            fn_cx.name.as_deref().is_some_and(|name| {
                matches!(name, "hash" | "eq" | "ne" | "cmp" | "partial_cmp")
                    || (name == "from" && fn_cx.implements_trait)
            })
        });
    compares || in_a_std_trait_method
}

/// `fn is_safetensors_model(path: &Path) -> bool { .. if let Ok(data) = fs::read(path) { .. }
/// false }`: a predicate answers yes or no, and a failure met while finding out is one of its
/// answers, as `Path::is_file()` answers `false` for a file it cannot read.
/// Only in the predicate's own body: in a closure it hands to a retry helper (`retry(|| async {
/// match post(..).await { Err(_) => Retry, .. } })`), the fallback is another value than its
/// answer.
fn in_a_predicate(cx: &Cx<'_>) -> bool {
    cx.innermost()
        .is_some_and(|fn_cx| !fn_cx.is_closure && fn_cx.is_predicate)
}

/// `fn read_bytes_default(..)`, `fn canonical_if_possible(..)`: the fn's name promises the
/// fallback, so its callers asked for it.
fn in_a_fn_named_for_its_fallback(cx: &Cx<'_>) -> bool {
    const PROMISES: &[&str] = &[
        "_default",
        "_or_empty",
        "_if_possible",
        "_best_effort",
        "_lossy",
        // `fn account_from_mnemonic_as_option(..) -> Option<AccountId>`.
        "_as_option",
    ];
    cx.enclosing_fn()
        .and_then(|fn_cx| fn_cx.name.as_deref())
        .is_some_and(|name| PROMISES.iter().any(|promise| name.ends_with(promise)))
}

fn check_stmt(cx: &mut Cx<'_>, stmt: &syn::Stmt) {
    if let syn::Stmt::Local(local) = stmt
        && let Some(init) = &local.init
        && init.diverge.is_none()
    {
        check_outcome_as_bool(cx, &init.expr);
    }
    check_let_else(cx, stmt);
}

/// `let is_banned = BanView::get(pool, id).await.is_ok();`: every failure of the call (the
/// database being down) becomes the answer `false` ("not banned"), and the error is dropped. The
/// same as `.map(|_| true).unwrap_or(false)`. Read through `!`, `&&` and `||`; a local `Result`
/// asked (`r.is_ok()`) is still there, and an operation whose failure is an answer (a parse, a
/// file-system question, a verification, a fn's own verdict) is asked what it was made to answer.
fn check_outcome_as_bool(cx: &mut Cx<'_>, expr: &syn::Expr) {
    match peel(expr) {
        syn::Expr::Unary(not) if matches!(not.op, syn::UnOp::Not(_)) => {
            check_outcome_as_bool(cx, &not.expr);
        }
        syn::Expr::Binary(both)
            if matches!(both.op, syn::BinOp::And(_) | syn::BinOp::Or(_)) =>
        {
            check_outcome_as_bool(cx, &both.left);
            check_outcome_as_bool(cx, &both.right);
        }
        syn::Expr::MethodCall(call)
            if (call.method == "is_ok" || call.method == "is_err") && call.args.is_empty() =>
        {
            let result = &*call.receiver;
            if matches!(peel(result), syn::Expr::Path(_)) {
                return;
            }
            let excused = |kind: Operation| !kind.is_unknown() || kind == Operation::Verdict;
            if excused(cx.operation_of(result)) {
                return;
            }
            let Some(mut requires) = cx.value_result_conds(result) else {
                return;
            };
            requires.extend(not_excused(cx, result, excused));
            let answer = if call.method == "is_ok" { "false" } else { "true" };
            report_answer(
                cx,
                Finding::new(
                    ID,
                    method_span(call),
                    format!(
                        "`.{}()` turns every error into the answer `{answer}` and discards it",
                        call.method
                    ),
                    "tell a real answer from a failure: `match call { Ok(_) => true,                      Err(e) if e.is_not_found() => false, Err(e) => return Err(e.into()) }`",
                ),
                requires,
            );
        }
        _ => {}
    }
}

fn check_let_else(cx: &mut Cx<'_>, stmt: &syn::Stmt) {
    let Some(else_block) = let_ok_else_block(stmt) else {
        return;
    };
    let Handling::Swallows { logged, routine } = block_handling(else_block, None) else {
        return;
    };
    if routine {
        return;
    }
    // `let Ok(Some(x)) = .. else`: the `else` also takes successes that do not fit.
    if let syn::Stmt::Local(local) = stmt
        && !is_plain_ok_pattern(&local.pat)
    {
        return;
    }
    if let syn::Stmt::Local(local) = stmt
        && let Some(init) = &local.init
        && (error_is_an_answer(
            cx.operation_of(&init.expr),
            &init.expr,
            Some(HandlerBody::Block(else_block)),
        ) || reports_its_error(&init.expr)
            || HandlerBody::Block(else_block).reads_the_local(&init.expr))
    {
        return;
    }
    let message = if logged {
        "`let Ok(..) = .. else` logs without the error itself: the error is discarded"
    } else {
        "`let Ok(..) = .. else` discards the error"
    };
    let mut requires = no_divergence(&*cx, HandlerBody::Block(else_block));
    if let syn::Stmt::Local(local) = stmt
        && let Some(init) = &local.init
    {
        requires.extend(not_excused(cx, &init.expr, |kind| {
            error_is_an_answer(kind, &init.expr, Some(HandlerBody::Block(else_block)))
        }));
    }
    let operation = match stmt {
        syn::Stmt::Local(local) => local.init.as_ref().map(|init| &*init.expr),
        _ => None,
    };
    report(cx, Dropped { operation, logged }, Finding::new(
            ID,
            stmt_span(stmt),
            message,
            "match on the result and keep the error: `let x = match expr { Ok(x) => x, Err(error) => return Err(error.into()) };`",
        ),
        requires);
}

/// `match call() { Ok(v) => .., _ => fallback }`: the catch-all takes every error and drops it.
fn check_catch_all_after_ok(cx: &mut Cx<'_>, matched: &syn::ExprMatch) {
    // `Ok(Some(status)) => status, _ => Default::default()`: the catch-all also takes what is
    // not there (`Ok(None)`), as the `else` of `if let Ok(Some(x))` does, and its value is the
    // answer for it. After `Ok(false) =>`, it takes `Ok(true)`, a verdict, and every error.
    let has_ok = matched.arms.iter().any(|arm| matches!(&arm.pat, syn::Pat::TupleStruct(ok)
        if is_result_variant(&ok.path, "Ok")
            && !matches!(ok.elems.first(), Some(syn::Pat::TupleStruct(some))
                if last_ident(&some.path).is_some_and(|name| name == "Some"))));
    // A guarded arm is `Pat::Guard`: only an unguarded `_` or binding takes every other value.
    let Some(catch_all) = matched
        .arms
        .iter()
        .find(|arm| is_catch_all_binding(&arm.pat))
    else {
        return;
    };
    if !has_ok
        || matched.arms.iter().any(|arm| err_pattern(&arm.pat).is_some())
        || reports_its_error(&matched.expr)
        || is_a_local_looked_into(cx, &matched.expr)
    {
        return;
    }
    let binding = match &catch_all.pat {
        syn::Pat::Ident(ident) if !ident.ident.to_string().starts_with('_') => Some(&ident.ident),
        _ => None,
    };
    let Handling::Swallows { routine: false, logged } = handling(&catch_all.body, binding, None) else {
        return;
    };
    let excused =
        |kind| error_is_an_answer(kind, &matched.expr, Some(HandlerBody::Expr(&catch_all.body)));
    if excused(cx.operation_of(&matched.expr)) {
        return;
    }
    let Some(mut requires) = cx.value_result_conds(&matched.expr) else {
        return;
    };
    requires.extend(no_divergence(&*cx, HandlerBody::Expr(&catch_all.body)));
    requires.extend(not_excused(cx, &matched.expr, excused));
    report(cx, Dropped { operation: Some(&matched.expr), logged }, Finding::new(
            ID,
            SpanRange::of(&catch_all.pat),
            "this catch-all arm takes every error and discards it: it neither propagates, reports nor panics",
            HELP,
        ),
        requires);
}

/// The `Result` an `Option` chain starts from: `call()` in `call().ok()`,
/// `call().ok().and_then(..)`, `call().ok().map(..)`, `call().ok().flatten()`.
fn result_behind_ok(expr: &syn::Expr) -> Option<&syn::Expr> {
    let syn::Expr::MethodCall(call) = peel(expr) else {
        return None;
    };
    match call.method.to_string().as_str() {
        "ok" if call.args.is_empty() => Some(&call.receiver),
        // `var("PORT").ok().and_then(|port| port.parse().ok())`: the last `Result` is the
        // one the fallback stands for.
        "and_then" => match call.args.first().map(peel) {
            Some(syn::Expr::Closure(closure)) => result_behind_ok(&closure.body)
                .or_else(|| result_behind_ok(&call.receiver)),
            _ => result_behind_ok(&call.receiver),
        },
        "map" | "filter" | "flatten" => result_behind_ok(&call.receiver),
        _ => None,
    }
}

/// `version.split('.').nth(1).and_then(|part| part.parse().ok())` before a fallback: a value
/// that may be missing, parsed where it is there, with one fallback for both. The author reads
/// "missing or not a number" alike, a lenient read of data (a version string, another
/// program's output). Not when the value is a setting or the caller's input (see
/// [`names_a_setting_or_input`]), whose wrong value someone needs to hear of, nor when the
/// chain drops another `Result` on its way (`get_config(key).await.ok().and_then(..)`).
fn parses_an_optional_value(cx: &Cx<'_>, mut option: &syn::Expr) -> bool {
    // `.and_then(|v| v.as_str().and_then(|s| s.parse::<i64>().ok())).map(|v| v as i32)`: the
    // value parsed, then changed.
    while let syn::Expr::MethodCall(changed) = peel(option)
        && matches!(changed.method.to_string().as_str(), "map" | "filter")
    {
        option = &changed.receiver;
    }
    let syn::Expr::MethodCall(and_then) = peel(option) else {
        return false;
    };
    let Some(syn::Expr::Closure(parse)) = and_then.args.first().map(peel) else {
        return false;
    };
    let Some(result) = result_behind_ok(&parse.body) else {
        return false;
    };
    // A text's `parse`, not a stored document's decode (`serde_json::from_value(json).ok()`),
    // whose failure says the data is corrupt.
    let parses_text = matches!(peel(result), syn::Expr::MethodCall(call) if call.method == "parse");
    and_then.method == "and_then"
        && parses_text
        && matches!(
            cx.operation_of(result),
            Operation::Conversion | Operation::IntegerConversion
        )
        && is_plain_data_chain(&and_then.receiver)
}

/// Whether a chain of calls and fields yields data read neither from a setting nor from the
/// caller, and drops no `Result` (`.ok()`) on its way.
fn is_plain_data_chain(mut expr: &syn::Expr) -> bool {
    loop {
        if reads_an_environment_variable(expr) {
            return false;
        }
        match peel(expr) {
            syn::Expr::MethodCall(call) => {
                if call.method == "ok" || names_a_setting_or_input(&call.method) {
                    return false;
                }
                expr = &call.receiver;
            }
            syn::Expr::Field(field) => {
                if let syn::Member::Named(name) = &field.member
                    && names_a_setting_or_input(name)
                {
                    return false;
                }
                expr = &field.base;
            }
            syn::Expr::Path(path) => return !path_names_a_setting_or_input(&path.path),
            syn::Expr::Call(call) => {
                return !matches!(peel(&call.func), syn::Expr::Path(path)
                    if path_names_a_setting_or_input(&path.path));
            }
            _ => return true,
        }
    }
}

/// Whether a segment of a path names a setting or the caller's input (`config.version`,
/// `Settings::current()`; see [`names_a_setting_or_input`]).
fn path_names_a_setting_or_input(path: &syn::Path) -> bool {
    path.segments
        .iter()
        .any(|segment| names_a_setting_or_input(&segment.ident))
}

/// A name with a word for a setting (`config`, `get_config`, `settings`, `options`, `env`,
/// `args`) or for what the caller sent (`request`, `headers`, `query`, `params`, `body`,
/// `form`), in snake or camel case.
fn names_a_setting_or_input(ident: &syn::Ident) -> bool {
    const WORDS: &[&str] = &[
        "config", "configs", "configuration", "conf", "setting", "settings", "option", "options",
        "env", "environment", "arg", "args", "argv", "arguments", "req", "request", "requests",
        "header", "headers", "query", "queries", "param", "params", "parameters", "body", "form",
        "payload",
    ];
    has_a_camel_word(&ident.to_string(), WORDS)
}

/// `.filter_map(|x| CALL.ok())`, `.flat_map(|x| CALL)`, `.map(|x| CALL).flatten()`: every item
/// whose call fails is skipped without a trace (a `Result` iterates as its `Ok` value or as
/// nothing).
fn check_skipped_items(cx: &mut Cx<'_>, call: &syn::ExprMethodCall) {
    let (result, message) = match (call.method.to_string().as_str(), peel(&call.receiver)) {
        ("filter_map", _) => (
            closure_of(&call.args).and_then(result_behind_ok),
            "`filter_map(|..| ...ok())` skips every item whose call fails, without a trace",
        ),
        ("flat_map", _) => (
            closure_of(&call.args),
            "`flat_map` over `Result`s skips every item whose call fails, without a trace",
        ),
        ("flatten", syn::Expr::MethodCall(map)) if map.method == "map" && call.args.is_empty() => (
            closure_of(&map.args),
            "`flatten` over `Result`s skips every item whose call fails, without a trace",
        ),
        _ => return,
    };
    let Some(result) = result else {
        return;
    };
    if !cx.operation_of(result).is_unknown() {
        return;
    }
    let Some(mut requires) = result_conds(&*cx, result) else {
        return;
    };
    requires.extend(not_excused(cx, result, |kind| !kind.is_unknown()));
    report(cx, Dropped { operation: Some(result), logged: false }, Finding::new(
            ID,
            method_span(call),
            message,
            "collect the errors (`.collect::<Result<Vec<_>, _>>()?`), or log each one: \
             `.filter_map(|x| call(x).inspect_err(|error| tracing::warn!(%error, \"..\")).ok())`",
        ),
        requires);
}

/// The body of the closure that is the first of `args`.
fn closure_of(args: &Punctuated<syn::Expr, syn::Token![,]>) -> Option<&syn::Expr> {
    match args.first().map(peel) {
        Some(syn::Expr::Closure(closure)) => Some(peel(&closure.body)),
        _ => None,
    }
}

/// The conditions under which dropping the error of `operation` is a finding: its call is not
/// one the configuration lists as `ignorable`, nor to a fn of the checked code that hands on an
/// error of the `excused` kinds (declared to return one of the `opaque_errors`, or a wrapper of
/// a file-system question, a conversion, ...: see [`crate::index::FnDecl::error`]).
fn not_excused(
    cx: &Cx<'_>,
    operation: &syn::Expr,
    excused: impl Fn(Operation) -> bool,
) -> Vec<Cond> {
    let mut conds = not_ignorable(cx, operation);
    conds.extend(error_not_of(cx, operation, Operations::matching(excused)));
    conds
}

fn check_unwrap_or(cx: &mut Cx<'_>, call: &syn::ExprMethodCall) {
    // `run().map_err(|e| eprintln!("{e:?}")).unwrap_or(1)`: the error was reported on the way.
    if reports_its_error(&call.receiver) {
        return;
    }
    let method = call.method.to_string();
    let span: SpanRange = method_span(call);
    match method.as_str() {
        "unwrap_or_else" if result_behind_ok(&call.receiver).is_none() => {
            let Some(syn::Expr::Closure(closure)) = call.args.first().map(peel) else {
                return;
            };
            let excused = |kind| {
                error_is_an_answer(kind, &call.receiver, Some(HandlerBody::Expr(&closure.body)))
            };
            // `.unwrap_or_else(|_e| { trace!("without the proxy"); .. })`: noted as routine.
            // `.unwrap_or_else(|_| Err(anyhow!("stream panicked")))`: the value is an error, as
            // an arm's may be (at most a lost source).
            let swallows = matches!(
                handling(&closure.body, None, None),
                Handling::Swallows { routine: false, .. }
            );
            if !discards_error_in_closure(call) || !swallows || excused(cx.operation_of(&call.receiver)) {
                return;
            }
            let requires = not_excused(cx, &call.receiver, excused);
            report(cx, Dropped { operation: Some(&call.receiver), logged: false }, Finding::new(
                    ID,
                    span,
                    "`unwrap_or_else(|_| ..)` replaces the error with a value and discards it",
                    "handle the error: `.unwrap_or_else(|error| { log::warn!(\"..: {error}\"); default })`, or propagate it with `?`",
                ),
                requires);
        }
        "unwrap_or" | "unwrap_or_default" | "unwrap_or_else" => {
            // `call().ok().unwrap_or(..)`, `call().ok().and_then(..).unwrap_or_default()`: the
            // `Option` hides a `Result` whose error the fallback replaces.
            let (result, through_ok) = match result_behind_ok(&call.receiver) {
                Some(result) => (result, true),
                None if method == "unwrap_or_else" => return,
                None => (&*call.receiver, false),
            };
            if through_ok && parses_an_optional_value(cx, &call.receiver) {
                return;
            }
            let fallback = match call.args.first().map(peel) {
                Some(syn::Expr::Closure(closure)) => Some(HandlerBody::Expr(&closure.body)),
                other => other.map(HandlerBody::Expr),
            };
            let excused = |kind| error_is_an_answer(kind, result, fallback);
            if excused(cx.operation_of(result)) {
                return;
            }
            let Some(mut requires) = cx.value_result_conds(result) else {
                return;
            };
            requires.extend(not_excused(cx, result, excused));
            let method = if through_ok {
                format!("ok().{method}")
            } else {
                method
            };
            report(cx, Dropped { operation: Some(result), logged: false }, Finding::new(
                    ID,
                    span,
                    format!("`{method}` replaces the error with a value and discards it"),
                    "propagate the error with `?`, or keep it: `.unwrap_or_else(|error| { log::warn!(\"..: {error}\"); default })`",
                ),
                requires);
        }
        _ => {}
    }
}
