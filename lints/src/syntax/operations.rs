//! What kind of operation produced an error, as far as its call shows: some errors carry no cause
//! worth keeping ("locked", "timed out", "channel closed", "not a number"), and some failures are
//! answers (an unset setting).

use quote::ToTokens;

use super::nodes::{
    INTEGERS, block_value, both_branches, last_ident, macro_name, name_and_owner, names_a_constant,
    peel, peel_outcome, segment_names, tail_values,
};
use super::patterns::closure_ignores_argument;
use super::text::written_text;

/// The kind of operation a fallible expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    /// `try_lock()`, `try_borrow()`, `try_read()`, `try_write()`, `try_recv()`, `try_acquire()`
    /// (and their `_mut`/`_owned` forms), without arguments: "locked", "already borrowed",
    /// "empty" say *now is not the time*. `try_send` is not one: its error hands back a message;
    /// nor are `try_read(buf)`/`try_write(buf)` on sockets, whose error may be a reset connection.
    /// So are a lost compare-and-swap race, an atomic's `fetch_update` declined by its closure,
    /// a socket asked for its address (`local_addr()`: "not connected"),
    /// `Handle::try_current()` ("not inside a runtime"), a wake-up sent (`try_send(())`: "one is
    /// already pending"), a process-wide default set once
    /// (`set_global_default`, a logging crate's `init`, rustls's `install_default()`), a static
    /// `OnceLock` set
    /// (`DATA_ROOT.set(path)`: "already set"), and a split stream put back together
    /// (`read.reunite(write)`: "not halves of the same stream"), an iterator counted
    /// (itertools' `exactly_one()`, `at_most_one()`: "not one"), and a rate limiter's decision
    /// (governor's `limiter.check_key(&ip)`: "not yet").
    StateProbe,
    /// A conversion of input: `parse*`, `parse_str`/`*_parse_str`, `from_str*`/`*_from_str`,
    /// `from_utf8*`, `try_from`, `try_to_*`, `decode`, `try_decode*`, `try_cast*`, `to_str`,
    /// `unmarshal` (bytes read as a packet). Its error says "this is not an X", which a new error can
    /// say as well.
    Conversion,
    /// An integer conversion: `.try_into()`, `u32::try_from(n)`, chrono's
    /// `Duration::from_std(d)`, a checked step (`revision.checked_next()`). Its only error is "out of
    /// range" (`TryFromIntError`), whose bound the author knows. So is a clock read as a
    /// duration, `SystemTime::now().duration_since(UNIX_EPOCH)`: its only error is "earlier is
    /// later" (`SystemTimeError`).
    IntegerConversion,
    /// `tokio::time::timeout(d, fut)`, `.timeout(d)`, `.with_timeout(d)`: the error (`Elapsed`)
    /// says only that time ran out.
    Timeout,
    /// A channel's `recv()`/`recv_timeout(..)`/`blocking_recv()`, a oneshot receiver awaited
    /// (bound from `oneshot::channel()`, or named `rx`, `done_rx`, `receiver`), a
    /// watch receiver's `changed()`, `has_changed()` or `wait_for(..)`, a sender's `reserve()` (a
    /// permit to send), or a semaphore's
    /// `acquire()` (`acquire_owned`, `acquire_many(n)`): the error says only that the other side
    /// is gone, or the semaphore closed.
    Receive,
    /// A channel's `send(msg)`/`blocking_send(msg)` (one argument: not an HTTP client's
    /// argument-less `send()`). The error says only that the receiving side is gone, so nothing
    /// is lost by replacing it; but it hands the message back, so dropping it silently loses the
    /// message.
    Send,
    /// Waiting for a task or thread: `spawn(..)`/`spawn_blocking(..)`/`web::block(..)` awaited,
    /// a handle named for it awaited (`join_handle.await`), `handle.join()`, and the `Some(res)` of `set.join_next().await` (bound by `if let` or
    /// `while let`); and a panic caught at a boundary (`AssertUnwindSafe(f).catch_unwind()`).
    /// The error says it panicked or was cancelled; the panic was already reported where it
    /// happened.
    Task,
    /// Decryption and verification: `decrypt*`, `*_decrypt`, `decipher*`, an AEAD's
    /// `encrypt(key, plaintext)` (also in place, `encrypt_in_place_detached(..)`, or padded:
    /// `encrypt_padded_mut::<Pkcs7>(..)`), a signature's
    /// signer recovered (`recover_signer(&hash)`), sodiumoxide's `secretbox::open(..)`, `kek.unwrap_key(..)`,
    /// `verify_password`,
    /// `verify_signature`, `verify_slice`, `verify_with_*` (`jwt.verify_with_jwks(&jwks)`),
    /// `key.verify(message, signature)`, a signed value's own `event.verify()`, and the free form
    /// `crypto::verify(message, signature, key)`. A failure says only "this does not decrypt" or "this
    /// does not match", on purpose (an oracle must not learn more).
    Decryption,
    /// Serializing a `json!(..)` value (`serde_json::to_string(&json!({..}))`): a `Value` always
    /// serializes, so the `Result` never holds an error. So is a call of a fn of the checked code
    /// whose body returns no error (see [`super::wrappers::read_handed_on`]).
    Infallible,
    /// An error type the configuration lists in `opaque_errors` (`aead::Error`): it carries
    /// nothing beyond its kind, by the team's decision. So do ring's and aws-lc-rs's errors
    /// (`error::Unspecified`, `KeyRejected`), by their design, and std's `AllocError` of an
    /// allocator given a layout (`self.inner.allocate(layout)`), and url's `()` errors
    /// (`url.path_segments_mut()`, `url.set_password(Some(..))`).
    Opaque,
    /// A fn of the checked code declared to fail with text (`-> Result<T, String>`, `&str`,
    /// `Box<str>`, `Cow<str>`): its error is a message, with no type or source chain below it.
    /// Flattening it into text loses nothing; dropping it loses the message.
    Text,
    /// Reading an optional setting: `env::var(..)`, `env::var_os(..)`,
    /// `EnvFilter::try_from_default_env()`, loading an optional `.env` file (`dotenv()`,
    /// `dotenvy::dotenv()`, `dotenv::from_filename(".env.test")`). Its common error, "not set" or
    /// "no `.env` here", is an answer. So is asking the process where it runs
    /// (`env::current_dir()`, `env::current_exe()`), whose answer is a default or a label more
    /// often than an input, the local time offset (`OffsetDateTime::now_local()`: "cannot be
    /// determined" on some platforms), the CPUs it may use (`thread::available_parallelism()`),
    /// and reading a kernel interface this platform may not have
    /// (`fs::read_to_string("/proc/meminfo")`, `/sys/..`, a process's own
    /// `format!("/proc/{pid}/stat")`, gone once it has exited), and a file's times asked of its
    /// metadata (`metadata.modified()`), which the platform may not keep.
    Setting,
    /// Removing a file or a directory (`fs::remove_file(path)`, `remove_dir`, `remove_dir_all`,
    /// std or tokio, and POSIX's `unlink`/`unlinkat`): called without looking at the result, it
    /// says "make sure it is gone". Its common errors are answers to that: "not found" (gone already) and, for
    /// `remove_dir`, which removes a directory only when it is empty, "not empty". Any other
    /// leaves a file behind (a temporary, a stale socket), not a wrong answer.
    Removal,
    /// Closing a connection at the end of its use: `socket.close().await`, `stream.shutdown()`
    /// (without arguments), a WebSocket's close frame sent (`tx.send(Message::Close(None))`).
    /// Its common errors say the other side is gone already; the
    /// connection is over either way, and nothing is left to do with it.
    Closing,
    /// Asking the file system about a path: `fs::metadata(p)`, `symlink_metadata`,
    /// `canonicalize`, `try_exists`, and listing a directory, `read_dir` (std or tokio, or the
    /// `Path` methods). Its common error, "not found", answers the question: a fallback of
    /// `false`, `None`, nothing (an empty list) or the default, or leaving, is what
    /// `Path::is_file()` and `Path::exists()` do themselves.
    FileProbe,
    /// Serializing a value held in memory: `serde_json::to_string(&v)`, `to_vec`, `to_value`,
    /// `to_xml*`, `bincode::serialize(&v)` (a free fn; `to_writer` writes, and may fail on the
    /// writer), encoding it by its own derive (deku's `entry.to_bytes()`), or rendering it by a
    /// format description (`dt.format(&Rfc3339)`), rendering a template (askama's
    /// `page.render()`) or encoding metrics as text (`encode_to_string(&families)`). It fails
    /// only when the value's own
    /// `Serialize` does (a map with non-string keys) or the value does not fit the format: a bug
    /// in our code, not a failure of the world outside, so a fallback covers a bug rather than
    /// hiding an outage.
    Serialization,
    /// A conversion of input written in the code: a literal or a constant
    /// (`"127.0.0.1:80".parse()`, `toml::from_str(r#"path = "/stats""#)`, `Url::parse(BASE)`),
    /// a local bound to one, to `json!(..)` or to `include_str!(..)` (`let csr = json!({..});`
    /// then `serde_json::from_value(csr)`), a number's text (`elapsed.as_millis().to_string()
    /// .parse()`), and an HTTP message built from such parts (`Response::builder().status(StatusCode::OK)
    /// .body(..)`).
    /// It fails only if the code itself is wrong, which the first run shows: a fallback covers
    /// a bug, not a failure of the world outside.
    FixedInput,
    /// A local `Result` the code asserts is `Ok` (`debug_assert!(r.is_ok())`): its error is a
    /// bug the assertion catches in tests, and a fallback after it serves release builds. So is
    /// one the code has just checked, while the check holds (`if r.is_ok() { .. }`, the `Ok(_)`
    /// arm of `match r`): it holds no error there.
    AssertedOk,
    /// A local `Result` whose error the code has already reported (`if let Err(e) = &config {
    /// println!("Warning: unable to load the configuration: {e}") }`): a fallback afterwards
    /// (`config.unwrap_or_default()`) drops nothing that was not said. So is the error of a fn
    /// of the checked code that reports it itself (`#[instrument(err)]`, or a warning or an
    /// error logged before each error it hands on: see [`crate::syntax::wrappers`]) or hands on one
    /// reported so.
    Reported,
    /// A lock another thread panicked while holding: std's `Mutex::lock()`, `RwLock::read()`,
    /// `RwLock::write()`, known as such once the whole workspace is read (the checked code
    /// declares no method of that name: see [`is_lock_call`]), and a fn of the checked code that
    /// hands its error on (`Ok(*self.replicas.read().map_err(E::lock)?)`). Its error,
    /// `PoisonError`, says only that; the panic was reported where it happened.
    Poisoned,
    /// A fn of the checked code whose every error it builds itself, from no other error
    /// (`match &self.kind { Mfa(..) => Ok(..), _ => Err(E::InvalidState) }`, see
    /// [`super::wrappers::read_handed_on`]): a verdict on its arguments or its state. The error is a
    /// leaf, with no source below it, so a new error in its place loses no cause; but it may
    /// stand for a failure (`if self.down { return Err(Unavailable) }`), so dropping it is no
    /// answer.
    Verdict,
    /// A value that is not there: a fn of the checked code whose only error is an `Option`'s
    /// `None` (`self.editor.clone().ok_or_else(..)`, see [`super::wrappers::read_handed_on`]), or a
    /// property named in the code looked up on a value of another crate
    /// (`resource.get(urls::MIMETYPE)`, see [`foreign_operation`]), a lock guard narrowed to a
    /// part that is not there (`RwLockReadGuard::try_map`), or a sorted slice searched
    /// (`binary_search_by_key(..)`: its error is where the value would go). Its error was made
    /// from nothing but "not there": it carries no cause.
    Absent,
    /// An error already replaced by `.map_err(|_| ..)`, seen again through a local
    /// (`let valid = check(..).map_err(|_| admin_error!(..)); let Ok(x) = valid else { .. }`):
    /// its cause was dropped, and is reported, where it was replaced.
    Replaced,
    /// Anything else: the error may well have a cause.
    Other,
}

impl Operation {
    /// Whether the operation's error carries nothing beyond its kind, so that a handler that
    /// drops it loses no cause.
    pub(crate) fn error_carries_no_cause(self) -> bool {
        matches!(
            self,
            Self::StateProbe
                | Self::Conversion
                | Self::FixedInput
                | Self::IntegerConversion
                | Self::Timeout
                | Self::Receive
                | Self::Send
                | Self::Task
                | Self::Decryption
                | Self::Infallible
                | Self::Opaque
                | Self::Absent
                | Self::Poisoned
                | Self::Verdict
        )
    }

    /// Whether nothing is known that lets a handler drop the operation's error: it may have a
    /// cause, or stand for a failure (a fn's own verdict, a message), and its failure is no answer (an error
    /// replaced earlier is one whose replacement is judged where it happens).
    pub(crate) fn is_unknown(self) -> bool {
        matches!(
            self,
            Self::Other | Self::Replaced | Self::Verdict | Self::Text
        )
    }

    /// Whether the operation's common failure is an answer rather than a failure (an unset
    /// setting, a directory that is not empty), so that a fallback for it loses nothing.
    pub(crate) fn failure_is_an_answer(self) -> bool {
        matches!(self, Self::Setting | Self::Removal | Self::Closing)
    }

    /// Whether a fn of the checked code can hand this operation's error on to its callers as
    /// its own (see [`super::wrappers::read_handed_on`]): not a send, whose message the fn keeps;
    /// not an error replaced or asserted away inside the fn; not an unknown one. One it has
    /// reported it hands on as reported.
    pub(crate) fn can_be_handed_on(self) -> bool {
        !matches!(
            self,
            Self::Send | Self::Replaced | Self::AssertedOk | Self::Other
        )
    }

    /// Every kind, for [`Operations::matching`] (a new kind is added here too: the test
    /// `every_kind_is_in_all` does not compile until it is named there).
    const ALL: [Self; 24] = [
        Self::StateProbe,
        Self::Conversion,
        Self::IntegerConversion,
        Self::Timeout,
        Self::Receive,
        Self::Send,
        Self::Task,
        Self::Decryption,
        Self::Infallible,
        Self::Opaque,
        Self::Text,
        Self::Setting,
        Self::Removal,
        Self::Closing,
        Self::FileProbe,
        Self::Serialization,
        Self::FixedInput,
        Self::AssertedOk,
        Self::Reported,
        Self::Poisoned,
        Self::Verdict,
        Self::Absent,
        Self::Replaced,
        Self::Other,
    ];
}

/// A set of [`Operation`] kinds: the kinds whose error a finding's handler may drop, to be
/// checked against what a called fn of the checked code hands on once the whole workspace is
/// read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Operations(u32);

impl Operations {
    /// The kinds a fn can hand on (see [`Operation::can_be_handed_on`]) for which `holds`.
    pub(crate) fn matching(holds: impl Fn(Operation) -> bool) -> Self {
        Self(
            Operation::ALL
                .iter()
                .filter(|kind| kind.can_be_handed_on() && holds(**kind))
                .fold(0, |set, kind| set | Self::bit(*kind)),
        )
    }

    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(crate) fn contains(self, kind: Operation) -> bool {
        self.0 & Self::bit(kind) != 0
    }

    fn bit(kind: Operation) -> u32 {
        1 << kind as u32
    }
}

/// The operation `expr` (through `.await`s, parentheses, references and adapters that pass a
/// result or future on, such as `.map(..)`, `.with_metrics(..)`, `.instrument(..)`) performs.
pub(crate) fn operation(expr: &syn::Expr) -> Operation {
    operation_with(expr, &|_| None)
}

/// [`operation`], where a local `x` is the operation `local(x)` says it holds (the walker knows
/// `let fut = timeout(..);` before `match fut.await`); a local that holds a value written in the
/// code (`let csr = json!({..});`) says [`Operation::FixedInput`].
pub(crate) fn operation_with(
    expr: &syn::Expr,
    local: &dyn Fn(&syn::Ident) -> Option<Operation>,
) -> Operation {
    // `match key { P224(k) => k.to_pkcs8_der(), P256(k) => k.to_pkcs8_der() }`: what its
    // branches do, where they agree.
    if let syn::Expr::If(_) | syn::Expr::Match(_) = peel(expr) {
        let mut operations = tail_values(expr)
            .into_iter()
            .map(|value| operation_with(value, local));
        return match operations.next() {
            Some(first) if operations.all(|operation| operation == first) => first,
            _ => Operation::Other,
        };
    }
    match operation_of_call(expr, local) {
        Operation::Conversion if converts_written_input(expr, local) => Operation::FixedInput,
        kind => kind,
    }
}

/// The future `block_on(..)` runs (a runtime's `rt.block_on(f)`, `futures::executor::block_on(f)`),
/// looking into an `async` block's last expression.
fn run_to_completion(expr: &syn::Expr) -> Option<&syn::Expr> {
    let future = match peel(expr) {
        syn::Expr::Call(call) => {
            match (peel(&call.func), &call.args.iter().collect::<Vec<_>>()[..]) {
                (syn::Expr::Path(path), [future])
                    if last_ident(&path.path).is_some_and(|name| name == "block_on") =>
                {
                    *future
                }
                _ => return None,
            }
        }
        syn::Expr::MethodCall(call) if call.method == "block_on" && call.args.len() == 1 => {
            call.args.first()?
        }
        _ => return None,
    };
    match peel(future) {
        syn::Expr::Async(block) => match block.block.stmts.last() {
            Some(syn::Stmt::Expr(value, None)) => Some(value),
            _ => None,
        },
        future => Some(future),
    }
}

/// `Ok(..)`, or a closure that gives it (`|| Ok(Vec::new())`).
fn gives_ok(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Closure(closure) => gives_ok(&closure.body),
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if path.path.segments.last().is_some_and(|last| last.ident == "Ok")),
        _ => false,
    }
}

/// Whether `input` is written in the code: a literal, a constant (`BASE_URL`,
/// `StatusCode::NOT_FOUND`), a file included at compile time (`include_str!(..)`,
/// `include_bytes!(..)`) or a `json!({..})` value.
pub(crate) fn is_written(input: &syn::Expr) -> bool {
    match peel(input) {
        syn::Expr::Lit(_) => true,
        syn::Expr::Path(path) => last_ident(&path.path).is_some_and(names_a_constant),
        syn::Expr::Macro(mac) => matches!(
            macro_name(&mac.mac).as_deref(),
            Some("include_str" | "include_bytes" | "json")
        ),
        _ => false,
    }
}

/// `axum::serve(listener, app)`; with `graceful`, before `.with_graceful_shutdown(..)`, also as
/// `serve(listener, app)` imported (no other `serve` fn of two arguments has that method).
fn serves_with_axum(expr: &syn::Expr, graceful: bool) -> bool {
    let syn::Expr::Call(call) = peel(expr) else {
        return false;
    };
    let syn::Expr::Path(path) = peel(&call.func) else {
        return false;
    };
    call.args.len() == 2
        && match segment_names(&path.path).as_slice() {
            [.., axum, serve] => axum == "axum" && serve == "serve",
            [serve] => graceful && serve == "serve",
            [] => false,
        }
}

/// `Response::builder()` (or `Request::builder()`), then parts written in the code
/// (`.status(StatusCode::OK)`, `.header(CONTENT_TYPE, "text/plain")`, `.header(UPGRADE,
/// HeaderValue::from_static("blaze"))`), then `.body(..)`.
fn builds_from_written_parts(body: &syn::ExprMethodCall) -> bool {
    // `HeaderValue::from_static("upgrade")`: a header value written in the code.
    let written_part = |arg: &syn::Expr| {
        is_written(arg)
            || matches!(peel(arg), syn::Expr::Call(call)
                if matches!(peel(&call.func), syn::Expr::Path(path)
                    if last_ident(&path.path).is_some_and(|name| name == "from_static"))
                    && call.args.iter().all(is_written))
    };
    let mut receiver = peel(&body.receiver);
    loop {
        match receiver {
            syn::Expr::MethodCall(part) if part.args.iter().all(written_part) => {
                receiver = peel(&part.receiver);
            }
            syn::Expr::Call(call) if call.args.is_empty() => {
                return matches!(peel(&call.func), syn::Expr::Path(path)
                    if matches!(&path.path.segments.iter().rev().take(2).map(|s| s.ident.to_string()).collect::<Vec<_>>()[..],
                        [builder, owner] if builder == "builder" && (owner == "Response" || owner == "Request")));
            }
            _ => return false,
        }
    }
}

/// `value.parse::<String>()` (`String` named by its path or alone): `String`'s `FromStr`, whose
/// error is `Infallible`.
pub(crate) fn parses_into_text(call: &syn::ExprMethodCall) -> bool {
    call.method == "parse"
        && call.args.is_empty()
        && call.turbofish.as_ref().is_some_and(|turbofish| {
            matches!(turbofish.args.iter().collect::<Vec<_>>()[..],
                [syn::GenericArgument::Type(syn::Type::Path(ty))]
                    if ty.qself.is_none() && last_ident(&ty.path).is_some_and(|name| name == "String"))
        })
}

/// `layout`, `new_layout`, `Layout::new::<T>()`: a memory layout, which only an allocator is
/// given.
fn names_a_layout(arg: &syn::Expr) -> bool {
    match peel(arg) {
        syn::Expr::Path(path) => path
            .path
            .get_ident()
            .is_some_and(|name| name == "layout" || name.to_string().ends_with("_layout")),
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if path.path.segments.iter().any(|segment| segment.ident == "Layout")),
        _ => false,
    }
}

/// Whether `input` is a number's text (`queue_time.as_millis().to_string()`, `items.len()
/// .to_string()`): digits, which a header value or a number parses without fail.
fn is_the_text_of_a_number(input: &syn::Expr) -> bool {
    const NUMBERS: &[&str] = &[
        "as_secs",
        "as_millis",
        "as_micros",
        "as_nanos",
        "as_secs_f32",
        "as_secs_f64",
        "subsec_millis",
        "subsec_micros",
        "subsec_nanos",
        "len",
        "count",
    ];
    matches!(peel(input), syn::Expr::MethodCall(text)
    if text.method == "to_string" && text.args.is_empty()
        && match peel(&text.receiver) {
            syn::Expr::MethodCall(number) => {
                number.args.is_empty() && NUMBERS.iter().any(|name| number.method == name)
            }
            syn::Expr::Lit(literal) => matches!(literal.lit, syn::Lit::Int(_) | syn::Lit::Float(_)),
            _ => false,
        })
}

/// Whether the conversion `expr` reads only input written in the code (see [`is_written`]),
/// directly or through a local bound to it (see [`operation_with`]).
fn converts_written_input(
    expr: &syn::Expr,
    local: &dyn Fn(&syn::Ident) -> Option<Operation>,
) -> bool {
    let written = |input: &syn::Expr| {
        is_written(input)
            || is_the_text_of_a_number(input)
            || matches!(peel(input), syn::Expr::Path(path) if path.path.get_ident()
                .is_some_and(|name| local(name) == Some(Operation::FixedInput)))
    };
    match peel_outcome(expr) {
        // `"127.0.0.1:80".parse()`; but `BASE64.decode(input)` converts its argument.
        syn::Expr::MethodCall(call) if call.args.is_empty() => written(&call.receiver),
        syn::Expr::MethodCall(call) => call.args.iter().all(written),
        syn::Expr::Call(call) => !call.args.is_empty() && call.args.iter().all(written),
        _ => false,
    }
}

/// [`operation_with`], before a conversion of input written in the code is told apart.
fn operation_of_call(
    expr: &syn::Expr,
    local: &dyn Fn(&syn::Ident) -> Option<Operation>,
) -> Operation {
    // An error wrapped, not replaced (`serde_json::to_string(&v).map_err(|e| Error::Json(e))`):
    // what failed is the same operation. Not through `?` (`r.map_err(..)?.map_err(..)`), whose
    // inner result may be another operation's (a task's own after its `JoinError`).
    if let syn::Expr::MethodCall(call) = peel(expr)
        && call.method == "map_err"
        && !replaces_its_error(call)
    {
        return operation_with(&call.receiver, local);
    }
    // `block_on(async { tokio::time::timeout(limit, work).await })` (Qovery's engine): the
    // future run to its end, whose outcome is the operation's.
    if let Some(future) = run_to_completion(expr) {
        return operation_with(future, local);
    }
    // `env::var("BONSAI_API_KEY").clone()`: the same outcome, copied.
    if let syn::Expr::MethodCall(call) = peel(expr)
        && call.method == "clone"
        && call.args.is_empty()
        && reads_an_environment_variable(&call.receiver)
    {
        return Operation::Setting;
    }
    // Through `.await` and `?` (`match cas(..)? { Err(_) => .. }`: the inner result is the
    // operation's).
    match peel_outcome(expr) {
        syn::Expr::MethodCall(call) if call.method == "map_err" && replaces_its_error(call) => {
            Operation::Replaced
        }
        // `Response::builder().status(StatusCode::OK).header(CONTENT_TYPE, "text/plain")
        // .body(..)`: the builder fails only on a part it could not convert, and every part is
        // written in the code.
        syn::Expr::MethodCall(call) if call.method == "body" && builds_from_written_parts(call) => {
            Operation::FixedInput
        }
        // `Handlebars::new().render_template(DOCKERFILE, &json)` (habitat's container export):
        // a template written in the code, rendered with a value written there too (`let json =
        // json!({..})`), fails only if the code is wrong.
        syn::Expr::MethodCall(call)
            if call.method == "render_template"
                && call.args.iter().all(|arg| {
                    is_written(arg)
                        || matches!(peel(arg), syn::Expr::Path(path)
                            if path.path.get_ident().is_some_and(|name| local(name) == Some(Operation::FixedInput)))
                }) =>
        {
            Operation::FixedInput
        }
        syn::Expr::MethodCall(call) if closes_a_connection(call) => Operation::Closing,
        // A file's times asked of its metadata (`metadata.modified()`, `fs::metadata(p)?
        // .created()`): they fail only where the platform or the file system keeps no such time.
        syn::Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "modified" | "accessed" | "created"
                )
                && is_metadata(&call.receiver) =>
        {
            Operation::Setting
        }
        // `axum::serve(listener, app).await`, also `.with_graceful_shutdown(signal)`: axum says
        // it never returns an error (a failed accept is retried after a pause).
        syn::Expr::MethodCall(call)
            if call.method == "with_graceful_shutdown"
                && serves_with_axum(&call.receiver, true) =>
        {
            Operation::Infallible
        }
        call @ syn::Expr::Call(_) if serves_with_axum(call, false) => Operation::Infallible,
        // `parts.extract::<TypedHeader<Authorization<Bearer>>>()`, `let auth: TypedHeader<..> =
        // parts.extract().await`, `extract_with_state::<T, _>(&state)`: axum's extractors run on
        // the request (`RequestPartsExt`), whose rejection says the request is not what they
        // wanted, as `from_request_parts` does.
        syn::Expr::MethodCall(call)
            if (call.method == "extract" || call.method == "extract_with_state")
                && call.args.len() <= 1
                && (call.turbofish.is_some()
                    || matches!(peel(&call.receiver), syn::Expr::Path(path)
                    if path.path.get_ident().is_some_and(|name| {
                        name == "parts" || name == "req" || name == "request"
                    }))) =>
        {
            Operation::Conversion
        }
        // `value.parse::<String>()`: `String`'s `FromStr` cannot fail (its error is
        // `Infallible`).
        syn::Expr::MethodCall(call) if parses_into_text(call) => Operation::Infallible,
        // `waker.try_send(())`: a wake-up, which hands back nothing; "full" says one is already
        // pending, "closed" that nobody is left to wake.
        syn::Expr::MethodCall(call)
            if call.method == "try_send"
                && matches!(call.args.iter().collect::<Vec<_>>()[..],
                    [syn::Expr::Tuple(unit)] if unit.elems.is_empty()) =>
        {
            Operation::StateProbe
        }
        // `DATA_ROOT.set(path)`: a static `OnceLock`/`OnceCell` set once; its error hands the
        // value back and says only "already set".
        syn::Expr::MethodCall(call)
            if call.method == "set"
                && call.args.len() == 1
                && matches!(peel(&call.receiver), syn::Expr::Path(path)
                    if last_ident(&path.path).is_some_and(names_a_constant)) =>
        {
            Operation::StateProbe
        }
        // `base_url.join("v1/verify")`, `.join(&format!("/verify/{token}"))`: a URL read
        // relative to another (url's `Url::join`; a path's or a slice's `join` gives its value).
        // Not `membership.join(Join { .. })`, a call of another kind by the same name.
        syn::Expr::MethodCall(call)
            if call.method == "join"
                && let [relative] = call.args.iter().collect::<Vec<_>>()[..]
                && is_text(relative) =>
        {
            Operation::Conversion
        }
        // `val.as_slice().read_i64()`, `(&key[1..]).read_u32::<BigEndian>()`: bytes in memory
        // decoded, whose only failure says they are not what was read (too short, a bad tag).
        syn::Expr::MethodCall(call)
            if is_bytes_in_memory(&call.receiver)
                && call.method.to_string().starts_with("read_") =>
        {
            Operation::Conversion
        }
        // `self.inner.allocate(layout)`, `grow(ptr, old_layout, new_layout)`: std's
        // `Allocator`, whose `AllocError` is a unit struct that says only "no memory".
        syn::Expr::MethodCall(call)
            if call.args.iter().any(names_a_layout)
                && matches!(
                    call.method.to_string().as_str(),
                    "allocate" | "allocate_zeroed" | "grow" | "grow_zeroed" | "shrink"
                ) =>
        {
            Operation::Opaque
        }
        // url's `Url::path_segments_mut()` ("cannot be a base") and `set_password(Some(..))`,
        // whose error is `()`: it says only that the URL cannot hold what was asked.
        syn::Expr::MethodCall(call)
            if (call.method == "path_segments_mut" && call.args.is_empty())
                || (call.method == "set_password"
                    && matches!(call.args.iter().collect::<Vec<_>>()[..], [arg]
                        if is_an_option_written_out(arg))) =>
        {
            Operation::Opaque
        }
        // tracing-subscriber's `registry().with(..).try_init()`: the global default set once.
        syn::Expr::MethodCall(call)
            if call.method == "try_init"
                && call.args.is_empty()
                && builds_a_subscriber(&call.receiver) =>
        {
            Operation::StateProbe
        }
        syn::Expr::MethodCall(call) => {
            let name = call.method.to_string();
            match method_operation(&name, call.args.len()) {
                // `.map(CredentialType::try_from)` over an iterator: each item is converted.
                Operation::Other if name == "map" && call.args.iter().any(is_conversion_path) => {
                    Operation::Conversion
                }
                // `parts.map(|part| part.parse::<UciMove>()).collect::<Result<Vec<_>, _>>()`:
                // each item is converted, and the first failure is the collection's.
                Operation::Other if name == "collect" && converts_each_item(&call.receiver) => {
                    Operation::Conversion
                }
                // `request.into_body().collect().await`: the client's body read, whose failure
                // says the client sent what cannot be read (it went away, it sent too much).
                Operation::Other
                    if name == "collect"
                        && call.args.is_empty()
                        && is_a_requests_body(&call.receiver) =>
                {
                    Operation::Conversion
                }
                Operation::Other if is_adapter(&name) => operation_with(&call.receiver, local),
                // `unsigned.map_or_else(|| Ok(BTreeMap::new()), |u| serde_json::from_str(u))`:
                // an `Option` made a `Result` by its closure, whose call's error is the only one.
                Operation::Other
                    if (name == "map_or_else" || name == "map_or")
                        && matches!(&call.args.first(), Some(default) if gives_ok(default)) =>
                {
                    match call.args.last().map(peel) {
                        Some(syn::Expr::Closure(closure)) if call.args.len() == 2 => {
                            operation_with(&closure.body, local)
                        }
                        _ => Operation::Other,
                    }
                }
                // `rate_limit.map(|v| v.try_into()).transpose()`: an `Option`'s value
                // converted, the `Option<Result>` turned into a `Result<Option>`.
                Operation::Other if name == "transpose" && call.args.is_empty() => {
                    converts_an_options_value(&call.receiver, local)
                }
                // `usize::try_from(size).and_then(TryInto::try_into)`: converted twice.
                Operation::Other
                    if name == "and_then" && call.args.iter().any(is_conversion_path) =>
                {
                    match operation_with(&call.receiver, local) {
                        kind @ (Operation::IntegerConversion | Operation::Conversion) => kind,
                        _ => Operation::Other,
                    }
                }
                own => own,
            }
        }
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return Operation::Other;
            };
            let segments: Vec<&syn::Ident> = path
                .path
                .segments
                .iter()
                .map(|segment| &segment.ident)
                .collect();
            let [.., name] = segments[..] else {
                return Operation::Other;
            };
            let name = name.to_string();
            if is_known_conversion(&segments, &name) || call.args.iter().any(is_in_memory_reader) {
                return Operation::Conversion;
            }
            let in_env = segments.iter().any(|segment| *segment == "env");
            // `fs::read_to_string("/proc/meminfo")`: a kernel interface this platform may not
            // have, read for a setting of the machine; also a process's own entry
            // (`format!("/proc/{pid}/stat")`), gone once the process has exited.
            let reads_the_platform = matches!(name.as_str(), "read_to_string" | "read")
                && call
                    .args
                    .first()
                    .and_then(written_text)
                    .is_some_and(|path| {
                        ["/proc/", "/sys/"]
                            .iter()
                            .any(|root| path.starts_with(root))
                    });
            if reads_the_platform {
                return Operation::Setting;
            }
            // `std::fs::remove_file`, `tokio::fs::remove_dir`, or the fn imported by its name.
            // `fs_err` is std's `fs` with the path in each error.
            let in_fs = segments.len() == 1
                || segments
                    .iter()
                    .any(|segment| *segment == "fs" || *segment == "fs_err");
            let of_integer = matches!(segments[..], [.., owner, _]
                if INTEGERS.iter().any(|integer| owner == integer));
            match name.as_str() {
                "try_from" if of_integer => Operation::IntegerConversion,
                "timeout" if call.args.len() == 2 => Operation::Timeout,
                // Also a helper named for what it wraps: `spawn_blocking_in_current_span(f)`.
                _ if name == "spawn" || name.starts_with("spawn_blocking") => Operation::Task,
                // `panic::catch_unwind(f)`: the panic hook reported the panic where it happened.
                "catch_unwind" if call.args.len() == 1 => Operation::Task,
                "try_current" if call.args.is_empty() => Operation::StateProbe,
                // A process-wide default set once: its error says only "already set".
                "set_global_default"
                | "set_global_recorder"
                | "set_logger"
                | "set_boxed_logger" => Operation::StateProbe,
                // rustls's `CryptoProvider::install_default(provider)`, the method called by path.
                "install_default" if call.args.len() == 1 => Operation::StateProbe,
                // A logging crate's set-up, which sets the `log` crate's logger: `env_logger::
                // try_init()`, `slog_stdlog::init_with_level(..)` (not a module of the checked
                // code's own, `logger::init(&config)`, which may read its configuration).
                "init" | "try_init" | "init_with_level"
                    if segments.first().is_some_and(|first| {
                        LOGGER_CRATES.contains(&first.to_string().as_str())
                    }) =>
                {
                    Operation::StateProbe
                }
                // `Arc::try_unwrap(shared)`: its error is the `Arc` handed back, "still shared".
                "try_unwrap"
                    if segments
                        .iter()
                        .any(|segment| *segment == "Arc" || *segment == "Rc") =>
                {
                    Operation::StateProbe
                }
                // `OffsetDateTime::now_local()`: the local offset, when the platform can tell it.
                "now_local" if call.args.is_empty() => Operation::Setting,
                // `thread::available_parallelism()`: how many CPUs, when the platform can tell.
                "available_parallelism" if call.args.is_empty() => Operation::Setting,
                // actix-web's `web::block(f)`: its `BlockingError` says only that the pool is gone.
                "block" if segments.iter().any(|segment| *segment == "web") => Operation::Task,
                _ if reads_an_environment_variable(expr) => Operation::Setting,
                // The process's own environment: where it runs, and from which file.
                "current_dir" | "current_exe" if in_env && call.args.is_empty() => {
                    Operation::Setting
                }
                "try_from_default_env" | "from_default_env" => Operation::Setting,
                "dotenv" | "dotenv_override" if call.args.is_empty() => Operation::Setting,
                // A `.env` file named in the code, loaded if it is there
                // (`dotenv::from_filename(".env.test")`); not another file given as a path.
                "from_filename" | "from_filename_override"
                    if segments
                        .iter()
                        .any(|segment| *segment == "dotenv" || *segment == "dotenvy")
                        && matches!(call.args.first().map(peel), Some(syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(name), ..
                        })) if name.value().starts_with(".env")) =>
                {
                    Operation::Setting
                }
                _ if (SERIALIZERS.contains(&name.as_str()) || name.starts_with("to_xml"))
                    // Not serde's `T::serialize(&value, serializer)`, whose serializer may write
                    // anywhere.
                    && (name != "serialize" || call.args.len() == 1) =>
                {
                    if call.args.iter().any(is_json_value) {
                        Operation::Infallible
                    } else {
                        Operation::Serialization
                    }
                }
                // rkyv's `rkyv::to_bytes::<_, 1024>(&value)`: archived into a new buffer.
                "to_bytes" if segments.iter().any(|segment| *segment == "rkyv") => {
                    Operation::Serialization
                }
                "remove_file" | "remove_dir" | "remove_dir_all" | "unlink" | "unlink_at"
                | "unlinkat"
                    if in_fs =>
                {
                    Operation::Removal
                }
                _ if in_fs && FILE_QUESTIONS.contains(&name.as_str()) => Operation::FileProbe,
                // A path made canonical by a helper of another crate
                // (`canonicalize_path_maybe_not_exists(&dir)`, deno's): `canonicalize` still.
                _ if name.starts_with("canonicalize_") => Operation::FileProbe,
                // `std::fs::exists(path)`: `Path::try_exists` by another name.
                "exists" if in_fs => Operation::FileProbe,
                // nix's and rustix's `stat(path)` (moonfire's socket cleanup): std's `metadata`.
                "stat" | "lstat"
                    if segments
                        .iter()
                        .any(|segment| *segment == "nix" || *segment == "rustix" || *segment == "stat") =>
                {
                    Operation::FileProbe
                }
                // `std::path::absolute(p)`: absolute if possible, as `canonicalize` is canonical.
                "absolute" if segments.iter().any(|segment| *segment == "path") => {
                    Operation::FileProbe
                }
                // sodiumoxide's `secretbox::open(..)`, `sealedbox::open(..)`: a box that does not
                // open, `Err(())`.
                "open"
                    if segments.iter().any(|segment| {
                        *segment == "secretbox" || *segment == "sealedbox" || *segment == "box_"
                    }) =>
                {
                    Operation::Decryption
                }
                // chrono's `Duration::from_std(d)`: its only error is "out of range".
                "from_std" if call.args.len() == 1 => Operation::IntegerConversion,
                // jsonwebtoken's `encode(&header, &claims, &key)`: claims serialized and signed
                // in memory, which fails only through a bug in our own `Serialize` or key.
                "encode" if signs_a_token(&segments, call) => Operation::Serialization,
                // `crypto::verify(message, signature, public_key)`: the free form of
                // `public_key.verify(message, signature)`, "does not match".
                "verify" if call.args.len() == 3 && segments.len() >= 2 => Operation::Decryption,
                // `abort_on_drop(spawn(..))`, `measure("fetch", timeout(d, request))`: a wrapper
                // around the one task or timeout it is given.
                // `QueryProject::from_slug(conn, &slug)`: made from what a connection answers.
                _ if name.starts_with("from_")
                    && !name.starts_with("from_str")
                    && call.args.iter().any(is_a_connection) =>
                {
                    Operation::Other
                }
                _ => wraps_one_future(call, local)
                    .unwrap_or_else(|| method_operation(&name, usize::MAX)),
            }
        }
        syn::Expr::Path(path) => path.path.get_ident().map_or(Operation::Other, |name| {
            local(name).unwrap_or_else(|| {
                // `rx.await` on a oneshot receiver bound where the walker does not see it (`for
                // rx in receivers`, a field taken out): named for what it is.
                let name = name.to_string();
                if names_a_receiver(&name) {
                    Operation::Receive
                // `join_handle.await` on a task's handle taken out of a struct
                // (`let ServiceHandle { join_handle, .. } = ServiceHandle::spawn(..)`).
                } else if name == "join_handle" || name.ends_with("_join_handle") {
                    Operation::Task
                } else {
                    Operation::Other
                }
            })
        }),
        _ => Operation::Other,
    }
}

/// The operation of the one argument of `call` that is a task or a timeout, when the others are
/// not operations at all (names, labels): `measure_download_time("fetch", "gcs", request)` after
/// `let request = timeout(CONNECT_TIMEOUT, request);` awaits what it is given and answers with
/// its outcome.
fn wraps_one_future(
    call: &syn::ExprCall,
    local: &dyn Fn(&syn::Ident) -> Option<Operation>,
) -> Option<Operation> {
    let mut wrapped = None;
    for arg in &call.args {
        match operation_with(arg, local) {
            Operation::Other => {}
            kind @ (Operation::Task | Operation::Timeout) if wrapped.is_none() => {
                wrapped = Some(kind);
            }
            _ => return None,
        }
    }
    wrapped
}

/// The conversion an `Option`'s `.map(..)` makes of its value (`.map(|v| v.try_into())`,
/// `.map(Uuid::parse_str)`); `Other` for anything else.
fn converts_an_options_value(
    mapped: &syn::Expr,
    local: &dyn Fn(&syn::Ident) -> Option<Operation>,
) -> Operation {
    let syn::Expr::MethodCall(map) = peel(mapped) else {
        return Operation::Other;
    };
    let [converter] = map.args.iter().collect::<Vec<_>>()[..] else {
        return Operation::Other;
    };
    if map.method != "map" {
        return Operation::Other;
    }
    match peel(converter) {
        syn::Expr::Closure(closure) => match operation_with(&closure.body, local) {
            kind @ (Operation::IntegerConversion | Operation::Conversion) => kind,
            _ => Operation::Other,
        },
        path if is_conversion_path(path) => Operation::Conversion,
        _ => Operation::Other,
    }
}

/// `rx`, `rcv`, `receiver`, `done_rx`, `rx_shutdown`, `reply_receiver`: a channel's receiving
/// end, by its name.
fn names_a_receiver(name: &str) -> bool {
    matches!(name, "rx" | "rcv" | "receiver")
        || name.ends_with("_rx")
        || name.starts_with("rx_")
        || name.ends_with("_receiver")
}

/// Whether a chain of calls starts with tracing-subscriber's builder: `tracing_subscriber::
/// registry()`, `tracing_subscriber::fmt()`, `fmt::Subscriber::builder()`.
fn builds_a_subscriber(chain: &syn::Expr) -> bool {
    match peel(chain) {
        // `subscriber.with(tracing_subscriber::fmt::layer()).try_init()`: a subscriber built
        // above, given a layer of tracing-subscriber's.
        syn::Expr::MethodCall(call) => {
            builds_a_subscriber(&call.receiver)
                || call.method == "with" && call.args.iter().any(builds_a_subscriber)
        }
        // `tracing_subscriber::fmt()`, `registry()`, `FmtSubscriber::builder()`.
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if path.path.segments.iter().any(|segment| {
                segment.ident == "tracing_subscriber" || segment.ident == "FmtSubscriber"
            }) || matches!(&segment_names(&path.path)[..], [.., last] if last == "registry")),
        _ => false,
    }
}

/// Crates that set up the `log` crate's logger with an `init` of their own.
const LOGGER_CRATES: &[&str] = &[
    "env_logger",
    "pretty_env_logger",
    "simple_logger",
    "stderrlog",
    "slog_stdlog",
    "slog_envlogger",
    "android_logger",
    "console_log",
];

/// `std::env::var(..)`, `env::var_os(..)`, `dotenvy::var(..)` (the same after loading `.env`;
/// or a crate's own module of it, habitat's `henv::var(..)`, named for it;
/// also through `.await` or `?`, and with other variables as fallbacks: `env::var("A").or_else(|_|
/// env::var("B"))`, or its value mapped: `env::var("KEY").map(|v| Secret::new(&v))`): its error
/// says only that the variable is not set, or not Unicode.
pub(crate) fn reads_an_environment_variable(expr: &syn::Expr) -> bool {
    match peel_outcome(expr) {
        syn::Expr::MethodCall(call)
            if call.method == "map"
                && matches!(
                    call.args.iter().collect::<Vec<_>>()[..],
                    [syn::Expr::Closure(_)]
                ) =>
        {
            reads_an_environment_variable(&call.receiver)
        }
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if path.path.segments.iter().any(|segment| {
                    segment.ident.to_string().ends_with("env")
                        || segment.ident == "dotenvy"
                        || segment.ident == "dotenv"
                })
                && path.path.segments.last().is_some_and(|last| last.ident == "var" || last.ident == "var_os")),
        syn::Expr::MethodCall(call) if call.method == "or_else" => {
            reads_an_environment_variable(&call.receiver)
                && matches!(call.args.first().map(peel), Some(syn::Expr::Closure(closure))
                    if reads_an_environment_variable(&closure.body))
        }
        _ => false,
    }
}

/// jsonwebtoken's `encode(&header, &claims, &key)`, by its crate's name (`jwt::encode`,
/// `jsonwebtoken::encode`) or, imported, by its header (`encode(&Header::default(), ..)`).
fn signs_a_token(segments: &[&syn::Ident], call: &syn::ExprCall) -> bool {
    if call.args.len() != 3 {
        return false;
    }
    match segments {
        [krate, _] => *krate == "jwt" || *krate == "jsonwebtoken",
        [_] => call.args.first().is_some_and(|header| {
            header
                .to_token_stream()
                .to_string()
                .to_lowercase()
                .contains("header")
        }),
        _ => false,
    }
}

/// `Message::Close(Some(frame))`, `ws::Message::Close(None)`: a WebSocket message that closes
/// the connection (tungstenite's, axum's, actix's).
fn is_a_close_frame(message: &syn::Expr) -> bool {
    let path = match peel(message) {
        syn::Expr::Call(call) => match peel(&call.func) {
            syn::Expr::Path(path) => &path.path,
            _ => return false,
        },
        syn::Expr::Path(path) => &path.path,
        _ => return false,
    };
    let (variant, owner) = name_and_owner(path);
    variant.is_some_and(|variant| variant == "Close")
        && owner.is_some_and(|owner| owner.to_string().ends_with("Message"))
}

/// `socket.close()`, `self.stream.shutdown()`, `ws.close()`, `t.stream.try_shutdown()`,
/// `client.quit()`: `close` or `shutdown` (also `try_close`, `try_shutdown`, and a mail
/// protocol's `quit`/`logout`) without arguments on a receiver named as a connection (a writer's `close()` may still have data to
/// write, and is not one); std's `shutdown(Shutdown::Both)`, whatever the receiver's name; and
/// a WebSocket's close frame sent (`tx.send(Message::Close(frame)).await`), whose peer may be
/// gone already.
fn closes_a_connection(call: &syn::ExprMethodCall) -> bool {
    const CONNECTIONS: &[&str] = &[
        "socket", "stream", "conn", "ws", "tcp", "tls", "peer", "sink", "session", "client",
    ];
    if matches!(
        call.method.to_string().as_str(),
        "send" | "feed" | "send_message"
    ) && let [frame] = call.args.iter().collect::<Vec<_>>()[..]
        && is_a_close_frame(frame)
    {
        return true;
    }
    // `stream.shutdown(net::Shutdown::Both)`: std's socket, by its argument.
    if call.method == "shutdown"
        && let [how] = call.args.iter().collect::<Vec<_>>()[..]
        && matches!(peel(how), syn::Expr::Path(path)
            if path.path.segments.iter().rev().nth(1).is_some_and(|owner| owner.ident == "Shutdown"))
    {
        return true;
    }
    let closes = matches!(
        call.method.to_string().as_str(),
        "close" | "shutdown" | "try_close" | "try_shutdown" | "quit" | "logout"
    );
    if !call.args.is_empty() || !closes {
        return false;
    }
    // `stream.inner_mut().shutdown()` (rpxy's ACME challenge stream): the connection an
    // accessor hands out.
    let mut receiver = peel(&call.receiver);
    while let syn::Expr::MethodCall(accessor) = receiver
        && accessor.args.is_empty()
        && matches!(
            accessor.method.to_string().as_str(),
            "inner_mut" | "get_mut" | "get_ref" | "inner" | "as_mut"
        )
    {
        receiver = peel(&accessor.receiver);
    }
    let receiver = match receiver {
        syn::Expr::Path(path) => last_ident(&path.path).map(ToString::to_string),
        syn::Expr::Field(field) => match &field.member {
            syn::Member::Named(name) => Some(name.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        _ => None,
    };
    receiver.is_some_and(|name| {
        let name = name.to_lowercase();
        CONNECTIONS
            .iter()
            .any(|connection| name.contains(connection))
    })
}

/// `.map(|part| part.parse::<T>())`: an iterator whose every item is a conversion of input.
fn converts_each_item(mapped: &syn::Expr) -> bool {
    let syn::Expr::MethodCall(map) = peel(mapped) else {
        return false;
    };
    map.method == "map"
        && matches!(map.args.first().map(peel), Some(syn::Expr::Closure(closure))
            if matches!(operation(&closure.body), Operation::Conversion | Operation::IntegerConversion))
}

/// Whether `body` reaches outside the process, also in its closures and async blocks: it
/// awaits, or reads a file or a socket (`fs::read_to_string(path)`, `File::open(path)`,
/// `TcpStream::connect(addr)`, `reader.read_to_end(&mut buf)`).
pub(crate) fn reaches_outside_the_process(body: &syn::Block) -> bool {
    struct Outside(bool);
    impl<'ast> syn::visit::Visit<'ast> for Outside {
        fn visit_expr(&mut self, expr: &'ast syn::Expr) {
            self.0 |= match expr {
                syn::Expr::Await(_) => true,
                syn::Expr::Path(path) => path.path.segments.iter().any(|segment| {
                    ["fs", "File", "TcpStream", "UdpSocket"]
                        .iter()
                        .any(|io| segment.ident == io)
                }),
                syn::Expr::MethodCall(call) => ["open", "connect", "read_to_string", "read_to_end"]
                    .iter()
                    .any(|io| call.method == io),
                _ => false,
            };
            if !self.0 {
                syn::visit::visit_expr(self, expr);
            }
        }
    }
    let mut outside = Outside(false);
    syn::visit::Visit::visit_block(&mut outside, body);
    outside.0
}

/// Whether `expr` is bytes in memory seen as a slice: `val.as_slice()`, `s.as_bytes()`,
/// `&key[1..]`.
fn is_bytes_in_memory(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::MethodCall(call) => {
            call.args.is_empty() && (call.method == "as_slice" || call.method == "as_bytes")
        }
        syn::Expr::Reference(borrowed) => is_bytes_in_memory(&borrowed.expr),
        syn::Expr::Index(index) => matches!(peel(&index.index), syn::Expr::Range(_)),
        _ => false,
    }
}

/// Whether a name starts by saying it reads a key from its encoding: `from_pkcs8_der`,
/// `from_pkcs1_pem`, `from_sec1_der`, `from_der`, `from_pem`.
fn reads_a_key(name: &str) -> bool {
    [
        "from_pkcs8",
        "from_pkcs1_",
        "from_sec1",
        "from_der",
        "from_pem",
    ]
    .iter()
    .any(|encoding| name.starts_with(encoding))
}

/// Whether an argument is text written in the call: a string literal or a `format!(..)`, also
/// borrowed or chosen by an `if`.
fn is_text(arg: &syn::Expr) -> bool {
    match peel(arg) {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(_),
            ..
        }) => true,
        syn::Expr::Macro(mac) => macro_name(&mac.mac).as_deref() == Some("format"),
        syn::Expr::Reference(borrowed) => is_text(&borrowed.expr),
        syn::Expr::If(branches) => both_branches(branches, is_text),
        syn::Expr::Block(block) => block_value(&block.block).is_some_and(is_text),
        _ => false,
    }
}

/// A file's metadata: a local named for it (`metadata`, `meta`), or asked for
/// (`fs::metadata(path)?`, `entry.metadata().await?`).
fn is_metadata(expr: &syn::Expr) -> bool {
    match peel_outcome(expr) {
        syn::Expr::Path(path) => path.path.get_ident().is_some_and(|name| {
            name == "metadata" || name == "meta" || name.to_string().ends_with("_metadata")
        }),
        syn::Expr::MethodCall(call) => {
            call.method == "metadata" || call.method == "symlink_metadata"
        }
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if last_ident(&path.path).is_some_and(|name| name == "metadata" || name == "symlink_metadata")),
        _ => false,
    }
}

/// Whether a method is named for encoding its value in `format` (`to_der`, `to_pkcs8_der`).
fn encodes_as(name: &str, format: &str) -> bool {
    name.strip_prefix("to_").is_some_and(|rest| {
        rest == format
            || rest
                .strip_suffix(format)
                .is_some_and(|rest| rest.ends_with('_'))
    })
}

/// Whether `name` is `word` or starts with `word_` (`try_sign`, `try_sign_digest`; not
/// `try_signal`).
fn names_or_prefixes(name: &str, word: &str) -> bool {
    name.strip_prefix(word)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('_'))
}

/// Functions that serialize a value into memory (see [`Operation::Serialization`]).
const SERIALIZERS: &[&str] = &[
    "to_string",
    "to_string_pretty",
    "to_vec",
    "to_vec_pretty",
    "to_value",
    // postcard's
    "to_stdvec",
    "to_allocvec",
    // bincode's `bincode::serialize(&value)`
    "serialize",
];

/// Questions asked of the file system about a path (see [`Operation::FileProbe`]): `fs::f(path)`
/// or `path.f()`.
const FILE_QUESTIONS: &[&str] = &[
    "metadata",
    "symlink_metadata",
    "canonicalize",
    "try_exists",
    "read_dir",
    // `entry.file_type()` of a `DirEntry` read from a directory.
    "file_type",
];

/// `request.into_body()`, `req.into_body()`: the body of the request a server was sent (not
/// a response's, whose failure is the network's or the upstream's).
fn is_a_requests_body(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::MethodCall(call)
    if call.method == "into_body"
        && call.args.is_empty()
        && matches!(peel(&call.receiver), syn::Expr::Path(path)
            if path.path.get_ident().is_some_and(|name| {
                let name = name.to_string();
                name == "req" || name.ends_with("request")
            })))
}

/// `Some(..)` or `None`, written out.
fn is_an_option_written_out(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Call(call) => {
            matches!(peel(&call.func), syn::Expr::Path(path) if path.path.is_ident("Some"))
        }
        syn::Expr::Path(path) => path.path.is_ident("None"),
        _ => false,
    }
}

/// The operation of a method (or, with `args == usize::MAX`, a function) by its name and number
/// of arguments.
fn method_operation(name: &str, args: usize) -> Operation {
    let base = name
        .strip_suffix("_owned")
        .or_else(|| name.strip_suffix("_mut"))
        .unwrap_or(name);
    match base {
        "try_lock" | "try_borrow" | "try_read" | "try_write" | "try_recv" | "try_acquire"
            if args == 0 =>
        {
            Operation::StateProbe
        }
        // Room asked of a pool or a buffer (`pool.try_grow(size)`, `vec.try_reserve(n)`): its
        // error says only "full".
        // Also DataFusion's `pool.try_grow(&reservation, additional)`.
        "try_grow" if args == 1 || args == 2 => Operation::StateProbe,
        "try_reserve" | "try_reserve_exact" if args == 1 => Operation::StateProbe,
        // A `thread_local!`'s or `task_local!`'s value asked for (`PROFILE.try_with(|p| ..)`):
        // its only error says the value is not there (destroyed, or not in this task's scope).
        "try_with" if args == 1 => Operation::StateProbe,
        // A stream cipher run past its keystream's end (`cipher.try_apply_keystream(buf)`):
        // its `StreamCipherError` is a unit struct, opaque by design.
        "try_apply_keystream" if args == 1 => Operation::Opaque,
        // A lost race: the error is the state to try again with. An atomic's `fetch_update`
        // (`try_update`) fails when its closure declines the value it is shown.
        _ if base.starts_with("compare_and_swap") || base.starts_with("compare_exchange") => {
            Operation::StateProbe
        }
        "fetch_update" | "try_update" if args == 3 => Operation::StateProbe,
        // A lock guard narrowed to a part that may not be there (`RwLockReadGuard::try_map(g,
        // |f| f.as_ref())`): its error hands the whole guard back, and says only "not there".
        "try_map" => Operation::Absent,
        // A socket asked for an address: its error says only that it is not (or no longer)
        // connected.
        "local_addr" | "peer_addr" if args == 0 => Operation::StateProbe,
        // A process-wide default set once, as a method (rustls's `provider.install_default()`):
        // its error says only "already set".
        "install_default" if args == 0 => Operation::StateProbe,
        // A watch receiver asked whether the value changed (`rx.has_changed()`) fails, as
        // `changed()` does, only when the sender is gone.
        "recv" | "recv_async" | "blocking_recv" | "changed" | "has_changed" | "reserve"
            if args == 0 =>
        {
            Operation::Receive
        }
        // A watch receiver's `wait_for(|v| ..)`: as `changed()`, it fails only when the sender
        // is gone.
        "wait_for" if args == 1 => Operation::Receive,
        // A split stream put back together (`read_half.reunite(write_half)`): its error hands
        // both halves back, and says only "not halves of the same stream".
        "reunite" if args == 1 => Operation::StateProbe,
        // itertools' count of an iterator (`args.into_iter().exactly_one()`, `at_most_one()`):
        // its error hands the iterator back, and says only "not one".
        "exactly_one" | "at_most_one" if args == 0 => Operation::StateProbe,
        // pyo3's `value.extract::<String>()`: a Python object read as a Rust value. Not an
        // archive's `extract(&destination)`, which writes files.
        "extract" if args == 0 => Operation::Conversion,
        // A semaphore's permit: its only error is that the semaphore was closed.
        "acquire" | "acquire_owned" if args == 0 => Operation::Receive,
        "acquire_many" | "acquire_many_owned" if args == 1 => Operation::Receive,
        // `binary_search*`: its error is where the value would be, "not there".
        _ if base.starts_with("binary_search") => Operation::Absent,
        "recv_timeout" if args == 1 => Operation::Receive,
        // `timeout(d)`, `with_timeout(d)`, `notified_timeout(d)`, `timeout_at(deadline)`.
        _ if (base.ends_with("timeout") || base.ends_with("timeout_at")) && args >= 1 => {
            Operation::Timeout
        }
        "send" | "blocking_send" if args == 1 => Operation::Send,
        "join" if args == 0 => Operation::Task,
        // A panic caught at a boundary: the panic hook reported it where it happened.
        "catch_unwind" if args == 0 => Operation::Task,
        _ if args == 0 && FILE_QUESTIONS.contains(&base) => Operation::FileProbe,
        "try_into" if args == 0 => Operation::IntegerConversion,
        // `self.revision.checked_next()`, `balance.checked_sub(amount)` as a `Result`: its only
        // error is "out of range".
        _ if base.starts_with("checked_") && args <= 1 => Operation::IntegerConversion,
        "duration_since" if args == 1 => Operation::IntegerConversion,
        // `SystemTime::elapsed()`: its only error is "the clock went back" (`SystemTimeError`).
        "elapsed" if args == 0 => Operation::IntegerConversion,
        _ if name.contains("decrypt") || name.starts_with("decipher") => Operation::Decryption,
        // An AEAD's `encrypt(key, plaintext)`: its error is opaque by design, as decryption's.
        "encrypt" if args == 2 => Operation::Decryption,
        // Its in-place forms (`cipher.encrypt_in_place_detached(nonce, aad, buffer)`), and a
        // block cipher's padded ones (`encryptor.encrypt_padded_mut::<Pkcs7>(&mut buf, len)`,
        // whose `PadError` says only "the buffer is too small").
        _ if name.starts_with("encrypt_in_place") || name.starts_with("encrypt_padded") => {
            Operation::Decryption
        }
        // A signature's signer recovered (`tx.recover_signer(&hash)`, k256's
        // `VerifyingKey::recover_from_prehash(..)`): it fails only on a signature that does not
        // verify.
        _ if name.contains("recover_signer")
            || name.contains("recover_address")
            || name.starts_with("recover_from_prehash")
            || name == "ecrecover" =>
        {
            Operation::Decryption
        }
        // jwt's `VerifyWithKey::verify_with_key(token, key)` too: a token that does not verify.
        // A key unwrapped by its key-encryption key (aes-kw's `kek.unwrap_key(..)`).
        "unwrap_key" | "unwrap_key_with_padding" => Operation::Decryption,
        "verify_password"
        | "verify_signature"
        | "verify_slice"
        | "verify_truncated_left"
        | "verify_with_key" => Operation::Decryption,
        // A token checked against keys given (mas-jose's `jwt.verify_with_jwks(&jwks)`,
        // `verify_with_shared_secret(secret)`): "no key verifies it".
        _ if name.starts_with("verify_with_") => Operation::Decryption,
        // governor's rate limiter asked for a key (`limiter.check_key(&ip)`): its error is the
        // decision "not yet", with the time it may be asked again.
        "check_key" | "check_key_n" if args >= 1 => Operation::StateProbe,
        // A password hashed (password-hash's `argon2.hash_password(pw, &salt)`): its error says
        // which parameter or salt is wrong, with nothing below it; a hash dropped is still a
        // failure.
        "hash_password" | "hash_password_into" | "hash_password_customized" => Operation::Verdict,
        // A value checking itself (validator's `Validate`: `org_id.validate()`): its error is a
        // verdict on the value, "not a valid X".
        "validate" if args == 0 => Operation::Conversion,
        // reqwest's response asked for its status as an error: it holds the status and the URL,
        // no cause; but a 503 dropped is still an upstream's failure dropped.
        "error_for_status" | "error_for_status_ref" if args == 0 => Operation::Verdict,
        // `public_key.verify(message, signature)`, and a signed value checking itself
        // (`event.verify()`): "does not match", on purpose.
        "verify" if args == 2 || args == 0 => Operation::Decryption,
        // A signed duration read as a `std` one (chrono's `to_std()`): its only error is
        // "negative".
        "to_std" if args == 0 => Operation::IntegerConversion,
        _ if is_conversion_name(name) => Operation::Conversion,
        // A value viewed or turned into another by the naming convention of conversions
        // (`id.as_rowid()`, `bytes.as_utf8()`, `address.into_address()`): "not that". Not a
        // writer's `into_inner()`, which flushes it, a runtime's `into_std()`, nor a response
        // read into its body (`into_body()`, `into_json()`, `into_bytes()`), which may fail on
        // the connection.
        _ if args == 0
            && (name.starts_with("as_")
                || (name.starts_with("into_")
                    && !matches!(
                        name,
                        "into_inner"
                            | "into_std"
                            | "into_future"
                            | "into_body"
                            | "into_json"
                            | "into_bytes"
                            | "into_stream"
                            | "into_reader"
                            | "into_text"
                    )
                    && !name.starts_with("into_raw"))) =>
        {
            Operation::Conversion
        }
        // An HTTP body's frame asked for its data or trailers hands itself back when it is the
        // other kind; a URL's setters parse the text they are given (`url::Url::set_host`).
        "into_data" | "into_trailers" if args == 0 => Operation::Conversion,
        // A value rendered as text by a description of the format (`time`'s
        // `dt.format(&Rfc3339)`): it fails only when the value does not fit the format.
        "format" if args == 1 => Operation::Serialization,
        // A value encoded as bytes by its own derive (deku's `entry.to_bytes()`).
        "to_bytes" if args == 0 => Operation::Serialization,
        // A key or certificate held in memory encoded as DER or PEM (`key.to_pkcs1_der()`,
        // `spki.to_der()`, `key.to_pkcs8_pem(LineEnding::LF)`): it fails only when a length
        // does not fit the encoding, the mirror of the `from_der*` it was read with.
        _ if args == 0 && encodes_as(name, "der") => Operation::Serialization,
        _ if args <= 1 && encodes_as(name, "pem") => Operation::Serialization,
        // A message signed through the `signature` traits (`key.try_sign(msg)`,
        // `signer.sign_prehash(&digest)`, `try_sign_digest(d)`): `signature::Error` is opaque
        // by design, so that a failure tells an attacker nothing.
        _ if args <= 2
            && (names_or_prefixes(base, "try_sign") || base.starts_with("sign_prehash")) =>
        {
            Operation::Opaque
        }
        // A template rendered into a `String` (askama's `page.render()`, tera's and
        // handlebars' `render(name, &context)`), and the metrics gathered encoded as text
        // (prometheus's `TextEncoder.encode_to_string(&families)`): it fails only where the
        // template or a value does not fit.
        "render" if args == 0 || args == 2 => Operation::Serialization,
        "encode_to_string" if args == 1 => Operation::Serialization,
        "set_host" | "set_ip_host" | "set_port" | "set_scheme" | "set_username"
        | "set_password"
            if args == 1 =>
        {
            Operation::Conversion
        }
        _ => Operation::Other,
    }
}

/// Methods that pass the result (or the future) of their receiver on: the operation is the
/// receiver's. `map`/`inspect` change the value, not the error, and `context`/`with_context`
/// wrap the error, keeping it as the cause; `or_else` tries an alternative of
/// the same kind (`parse::<IpNet>().or_else(|_| parse::<IpAddr>())`); `collect` gathers results;
/// `with_*`/`instrument` wrap a future in metrics, spans or timers; `poll` drives it.
fn is_adapter(name: &str) -> bool {
    matches!(
        name,
        "context"
            | "wrap_err"
            | "or_else"
            | "collect"
            | "instrument"
            | "in_current_span"
            | "boxed"
            | "poll"
            // A view of the same `Result`: `env::var(..).as_deref()`.
            | "as_ref"
            | "as_deref"
            | "as_mut"
            | "as_deref_mut"
    ) || keeps_the_error(name)
        || name.starts_with("with_")
}

/// A method that shows the error to a closure and hands the same `Result` on: `inspect_err`, and
/// the tap crate's `tap_err` (`.tap_err(|e| error!("..: {e}"))`).
pub(crate) fn inspects_the_error(method: &str) -> bool {
    matches!(method, "inspect_err" | "tap_err")
}

/// A method that hands its receiver's error on as it is, changing or showing only the value
/// (`map`, `inspect`, the tap crate's `tap_ok`), or showing the error ([`inspects_the_error`]).
pub(crate) fn keeps_the_error(method: &str) -> bool {
    matches!(method, "map" | "inspect" | "tap_ok") || inspects_the_error(method)
}

/// `map_err`, `context`, `with_context`, `wrap_err`, `wrap_err_with`: the error handed on,
/// renamed or with context added.
pub(crate) fn hands_the_error_on(method: &str) -> bool {
    matches!(
        method,
        "map_err" | "context" | "with_context" | "wrap_err" | "wrap_err_with"
    )
}

/// `.map_err(|_| NEW)`: the closure drops the error it is given (see
/// [`closure_ignores_argument`]) and a new error stands in for it.
fn replaces_its_error(call: &syn::ExprMethodCall) -> bool {
    let [syn::Expr::Closure(closure)] = call.args.iter().collect::<Vec<_>>()[..] else {
        return false;
    };
    closure_ignores_argument(closure) && !hands_on_no_new_error(&closure.body)
}

/// The value of a closure that drops the error it is given: `()` (the error becomes nothing, on
/// the way to an `Option`) or an error bound earlier (`|_| first`, a first attempt's, kept on
/// purpose). No new error stands in for the dropped one.
pub(crate) fn hands_on_no_new_error(body: &syn::Expr) -> bool {
    match peel(body) {
        syn::Expr::Tuple(unit) => unit.elems.is_empty(),
        syn::Expr::Path(path) => path
            .path
            .get_ident()
            .is_some_and(|ident| ident.to_string().starts_with(char::is_lowercase)),
        _ => false,
    }
}

/// `m.lock()`, `l.read()`, `l.write()` without arguments (through `.await` and `?`): std's
/// `Mutex` and `RwLock`, unless the checked code declares a method of that name (a database's
/// `read()` transaction), which only the whole workspace can tell (see [`Operation::Poisoned`]).
pub(crate) fn is_lock_call(expr: &syn::Expr) -> bool {
    lock_method(expr).is_some()
}

/// The lock method `expr` calls, if it is one (see [`is_lock_call`]).
pub(crate) fn lock_method(expr: &syn::Expr) -> Option<LockMethods> {
    match peel_outcome(expr) {
        syn::Expr::MethodCall(call) if call.args.is_empty() => {
            LockMethods::named(&call.method.to_string())
        }
        _ => None,
    }
}

/// Whether `name` is the name of std's lock types, `Mutex` and `RwLock`, whose methods
/// [`LockMethods`] names.
pub(crate) fn names_a_lock_type(name: &str) -> bool {
    name == "Mutex" || name == "RwLock"
}

/// A set of std's lock methods, `lock`, `read` and `write`: those a fn of the checked code
/// calls to hand on a [`Operation::Poisoned`], or those the checked code declares methods of
/// its own by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct LockMethods(u8);

impl LockMethods {
    const NAMES: [&'static str; 3] = ["lock", "read", "write"];

    /// The set holding the lock method `name`, if it names one.
    pub(crate) fn named(name: &str) -> Option<Self> {
        let at = Self::NAMES.iter().position(|lock| *lock == name)?;
        Some(Self(1 << at))
    }

    pub(crate) fn with(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    pub(crate) fn shares_a_method_with(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }
}

/// The operation `expr`'s error is when the call producing it is to no fn of the checked code,
/// which only the whole workspace can tell (see [`crate::index::Cond::ErrorNotOf`]):
/// - std's lock, `m.lock()` ([`is_lock_call`]): [`Operation::Poisoned`];
/// - a property named in the code, looked up without `.await` on a value of another crate
///   (`resource.get(urls::MIMETYPE)`, `settings.get("name")`, bson's `doc.get_str("name")`,
///   sqlx's `row.try_get("title")`), through `.map(..)`: its error
///   says the value has no such property, [`Operation::Absent`]; so does a value looked up by
///   its type (`depot.get_typed::<ApiState>()`, async-graphql's `ctx.data::<Store>()`), and a
///   field of a schema by its name (arrow's `schema.field_with_name(column)`,
///   `schema.index_of(column)`, tantivy's `schema.get_field(&name)`). A key held in a variable
///   (`tree.get(&key)`) or a lookup awaited (`cache.get(KEY).await`) reads a store, which may
///   fail on its own;
/// - [`Operation::Other`] for anything else.
pub(crate) fn foreign_operation(expr: &syn::Expr) -> Operation {
    if is_lock_call(expr) {
        return Operation::Poisoned;
    }
    let mut expr = peel(expr);
    loop {
        match expr {
            syn::Expr::MethodCall(call) if call.method == "map" || call.method == "inspect" => {
                expr = peel(&call.receiver);
            }
            // Also a typed accessor of a document (bson's `doc.get_array("actions")`,
            // `get_str("name")`), and a column of a row read by its name (sqlx's
            // `row.try_get("title")`, whose error also says the column is NULL).
            syn::Expr::MethodCall(call)
                if call.args.len() == 1
                    && (matches!(call.method.to_string().as_str(), "get" | "try_get")
                        || call.method.to_string().starts_with("get_")) =>
            {
                // tantivy's `schema.get_field(&name)`: a field of a schema held in memory, as
                // arrow's `field_with_name` is.
                return if call.args.first().is_some_and(names_a_property)
                    || (call.method == "get_field" && is_a_schema(&call.receiver))
                {
                    Operation::Absent
                } else {
                    Operation::Other
                };
            }
            // `depot.get_typed::<ApiState>()`, `depot.scrape::<Config>()`: a value looked up
            // by its type in a type map, whose error says only that none of that type is there.
            syn::Expr::MethodCall(call)
                if call.args.is_empty()
                    && call.turbofish.is_some()
                    && matches!(
                        call.method.to_string().as_str(),
                        "get" | "get_typed" | "get_mut" | "obtain" | "scrape" | "data"
                    ) =>
            {
                return Operation::Absent;
            }
            // arrow's `schema.field_with_name(column)`, `schema.index_of(column)`: a field of a
            // schema held in memory, whose error says only that it has none of that name.
            syn::Expr::MethodCall(call)
                if call.args.len() == 1
                    && (call.method == "field_with_name" || call.method == "index_of") =>
            {
                return Operation::Absent;
            }
            _ => return Operation::Other,
        }
    }
}

/// A schema, by its name: `schema`, `self.schema`, `index.schema()`, `tantivy_schema`.
fn is_a_schema(expr: &syn::Expr) -> bool {
    let name = match peel(expr) {
        syn::Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        syn::Expr::Field(field) => match &field.member {
            syn::Member::Named(name) => Some(name.to_string()),
            syn::Member::Unnamed(_) => None,
        },
        syn::Expr::MethodCall(call) if call.args.is_empty() => Some(call.method.to_string()),
        _ => None,
    };
    name.is_some_and(|name| name == "schema" || name.ends_with("_schema"))
}

/// A key written in the code: a string literal, or a constant (`urls::NAME`, `&KEY`).
fn names_a_property(key: &syn::Expr) -> bool {
    match peel(key) {
        syn::Expr::Lit(lit) => matches!(lit.lit, syn::Lit::Str(_)),
        syn::Expr::Path(path) => last_ident(&path.path).is_some_and(names_a_constant),
        _ => false,
    }
}

/// An AWS SDK request (`client.get_object().bucket(b).key(k).send().await`, or made into a
/// presigned URL: `..presigned(config).await`): an operation named with no arguments, given its
/// inputs one setter at a time, then sent. Its error (`SdkError`) shows only its category in
/// its `Display` ("service error", "dispatch failure"); `Debug` shows the raw response. A
/// request that names its address first (`client.get(url).send()`) is not one.
pub(crate) fn sends_an_sdk_request(expr: &syn::Expr) -> bool {
    let syn::Expr::MethodCall(sent) = peel_outcome(expr) else {
        return false;
    };
    let sends = match sent.method.to_string().as_str() {
        "send" => sent.args.is_empty(),
        "presigned" => sent.args.len() == 1,
        _ => false,
    };
    // From the send back: the setters, each given one input, then the operation, given none.
    let mut calls = Vec::new();
    let mut receiver = peel(&sent.receiver);
    while let syn::Expr::MethodCall(call) = receiver {
        calls.push(call);
        receiver = peel(&call.receiver);
    }
    match calls.split_last() {
        Some((operation, setters)) => {
            sends
                && operation.args.is_empty()
                && !setters.is_empty()
                && setters.iter().all(|setter| setter.args.len() == 1)
        }
        None => false,
    }
}

/// `tx.try_send(msg)` (through `.await` and `?`): not an [`Operation`] of its own, since its
/// error, "full" or "closed", hands the message back, which a fallback then loses.
pub(crate) fn is_try_send(expr: &syn::Expr) -> bool {
    matches!(peel_outcome(expr), syn::Expr::MethodCall(call)
        if call.method == "try_send" && call.args.len() == 1)
}

/// A call the operating system answers, whose error (`io::Error`) has no cause below it: a
/// file-system fn (`std::fs::read(..)`, `tokio::fs::copy(..)`, `fs_err::write(..)`),
/// `File::open(..)`/`File::create(..)`, `OpenOptions::new()..open(..)` (or `File::options()`),
/// a child process run
/// (`Command::new(..)..output()`, `.spawn()`, `.status()`, also of a command given its
/// arguments there: `runtime_command().args(&args).output()`), a tokio runtime made
/// (`Runtime::new()`, `Builder::new_multi_thread()..build()`), a read or write of a file just
/// opened (`File::create(p)?.write_all(b)`), a temporary directory made and a host name
/// resolved, also through `.await`.
pub(crate) fn reaches_the_os(expr: &syn::Expr) -> bool {
    if opens_a_file(expr) {
        return true;
    }
    match peel_outcome(expr) {
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return false;
            };
            let segments = segment_names(&path.path);
            match &segments.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                // tokio's `Runtime::new()`: its threads and its I/O driver, from the OS.
                [.., "Runtime", new] => *new == "new",
                // A temporary directory or file made (`tempfile::tempdir()`,
                // `NamedTempFile::new()`), a host name resolved (`tokio::net::lookup_host(..)`).
                [.., "tempfile", made] => {
                    made.starts_with("tempdir") || made.starts_with("tempfile")
                }
                [.., "NamedTempFile" | "TempDir", made] => made.starts_with("new"),
                [.., "net", "lookup_host"] => true,
                [.., module, _] => *module == "fs" || *module == "fs_err",
                _ => false,
            }
        }
        syn::Expr::MethodCall(call) => match call.method.to_string().as_str() {
            // `(host, port).to_socket_addrs()`: the system's resolver.
            "to_socket_addrs" => call.args.is_empty(),
            // `File::create(&path).await?.write_all(bytes)`: a write to the file just made.
            method if FILE_IO.contains(&method) => gives_an_opened_file(&call.receiver),
            // `runtime::Builder::new_multi_thread().enable_all().build()`, as `Runtime::new()`.
            "build" => {
                starts_with_a_call_of(&call.receiver, "Builder", "new_multi_thread")
                    || starts_with_a_call_of(&call.receiver, "Builder", "new_current_thread")
            }
            // `Command::new("docker").output()`, or a command a helper made and given its
            // arguments here: `runtime_command().args(&args).output()`.
            _ => run_of_a_process(call).is_some_and(|(command, last_setting)| {
                starts_with_a_call_of(command, "Command", "new")
                    || last_setting
                        .is_some_and(|last| last.method == "arg" || last.method == "args")
            }),
        },
        _ => false,
    }
}

/// Whether `expr` gives a file, its failure handled: a file opened or created (see
/// [`opens_a_file`]), then `?` (also after an error made of its error:
/// `.map_err(|e| format!(..))?`, `.context(..)?`) or `.expect(..)`.
pub(crate) fn gives_an_opened_file(expr: &syn::Expr) -> bool {
    // The failure handled: `?`, or a panic (`.expect(..)`); a `Result` is not yet a file.
    let handled = match peel(expr) {
        syn::Expr::Try(tried) => Some(&*tried.expr),
        syn::Expr::MethodCall(call) if call.method == "unwrap" || call.method == "expect" => {
            Some(&*call.receiver)
        }
        _ => None,
    };
    let Some(handled) = handled else {
        return false;
    };
    let mut opened = peel_outcome(handled);
    while let syn::Expr::MethodCall(adapted) = opened
        && hands_the_error_on(&adapted.method.to_string())
    {
        opened = peel_outcome(&adapted.receiver);
    }
    opens_a_file(opened)
}

/// A file opened or created: `File::open(..)`, `File::create(..)` (also tokio's, awaited),
/// `OpenOptions::new()..open(..)` or `File::options()..open(..)`.
fn opens_a_file(expr: &syn::Expr) -> bool {
    match peel_outcome(expr) {
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if matches!(&segment_names(&path.path).iter().map(String::as_str).collect::<Vec<_>>()[..],
                [.., "File", "open" | "create" | "create_new"])),
        syn::Expr::MethodCall(call) if call.method == "open" => {
            starts_with_a_call_of(&call.receiver, "OpenOptions", "new")
                || starts_with_a_call_of(&call.receiver, "File", "options")
        }
        _ => false,
    }
}

/// Whether the method chain `chain` starts with a call of `owner::method(..)`.
fn starts_with_a_call_of(chain: &syn::Expr, owner: &str, method: &str) -> bool {
    let mut start = peel(chain);
    while let syn::Expr::MethodCall(call) = start {
        start = peel(&call.receiver);
    }
    matches!(start, syn::Expr::Call(call) if matches!(peel(&call.func), syn::Expr::Path(path)
        if matches!(&segment_names(&path.path)[..], [.., o, m] if o == owner && m == method)))
}

/// The reads and writes of `io::Read`/`io::Write` (and tokio's `AsyncReadExt`/`AsyncWriteExt`)
/// that a file answers with the operating system's error.
pub(crate) const FILE_IO: &[&str] = &[
    "write_all",
    "flush",
    "shutdown",
    "sync_all",
    "sync_data",
    "set_len",
    "read_to_end",
    "read_to_string",
    "read_exact",
];

/// `command.arg(x).output()`, `.spawn()`, `.status()`: a child process run, if `call` is one,
/// with the value the chain starts from (`command`) and the setting given to it last, right
/// before it runs (`.arg(x)`), if any.
pub(crate) fn run_of_a_process(
    call: &syn::ExprMethodCall,
) -> Option<(&syn::Expr, Option<&syn::ExprMethodCall>)> {
    if !call.args.is_empty()
        || !matches!(
            call.method.to_string().as_str(),
            "output" | "spawn" | "status"
        )
    {
        return None;
    }
    let last_setting = match peel(&call.receiver) {
        syn::Expr::MethodCall(setting) => Some(setting),
        _ => None,
    };
    let mut command = peel(&call.receiver);
    while let syn::Expr::MethodCall(setting) = command {
        command = peel(&setting.receiver);
    }
    Some((command, last_setting))
}

/// `Cursor::new(..)`: bytes held in memory, read as a stream. Reading them cannot fail on I/O, so a
/// decoder over them (`GifDecoder::new(Cursor::new(bytes))`) fails only because the bytes are not
/// what it reads: a conversion. So is the reader of bytes' `Buf` (`bs.reader()`,
/// `bs.clone().reader()`, `body.chunk().reader()`: opendal's error bodies, read by
/// `quick_xml::de::from_reader(bs.reader())`).
fn is_in_memory_reader(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if matches!(name_and_owner(&path.path),
                (Some(new), Some(cursor)) if new == "new" && cursor == "Cursor")),
        syn::Expr::MethodCall(call) if call.method == "reader" && call.args.is_empty() => {
            let mut bytes = peel(&call.receiver);
            while let syn::Expr::MethodCall(copy) = bytes
                && copy.method == "clone"
                && copy.args.is_empty()
            {
                bytes = peel(&copy.receiver);
            }
            match bytes {
                syn::Expr::Path(bytes) => bytes.path.get_ident().is_some_and(|name| {
                    let name = name.to_string();
                    matches!(name.as_str(), "bs" | "bytes" | "buf" | "body")
                        || name.ends_with("_bytes")
                        || name.starts_with("body_")
                }),
                syn::Expr::MethodCall(chunk) => chunk.method == "chunk" && chunk.args.is_empty(),
                _ => false,
            }
        }
        _ => false,
    }
}

/// Whether an argument is a connection to something outside the process, by its name or the
/// macro that gives it (`conn`, `&mut tx`, `pool`, `auth_conn!(context)`).
fn is_a_connection(arg: &syn::Expr) -> bool {
    const CONNECTIONS: &[&str] = &[
        "conn",
        "connection",
        "pool",
        "db",
        "database",
        "client",
        "tx",
        "txn",
        "transaction",
        "executor",
        "store",
        "session",
    ];
    // The whole name, or its last word (`auth_conn`, `read_pool`): not `database_id`.
    let names_one = |name: &str| {
        CONNECTIONS.contains(&name)
            || name
                .rsplit_once('_')
                .is_some_and(|(_, last)| CONNECTIONS.contains(&last))
    };
    match peel(arg) {
        syn::Expr::Reference(borrowed) => is_a_connection(&borrowed.expr),
        syn::Expr::Path(path) => path
            .path
            .get_ident()
            .is_some_and(|name| names_one(&name.to_string())),
        syn::Expr::Field(field) => matches!(&field.member,
            syn::Member::Named(name) if names_one(&name.to_string())),
        syn::Expr::Macro(mac) => macro_name(&mac.mac).is_some_and(|name| names_one(&name)),
        _ => false,
    }
}

/// `json!(..)`, `&json!(..)`.
fn is_json_value(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::Macro(mac)
        if mac.mac.path.segments.last().is_some_and(|last| last.ident == "json"))
}

/// `Type::try_from`, `str::parse`: a conversion passed as a function.
fn is_conversion_path(expr: &syn::Expr) -> bool {
    matches!(peel(expr), syn::Expr::Path(path)
        if path.path.segments.last().is_some_and(|last| is_conversion_name(&last.ident.to_string())))
}

/// The operation a `Result`'s error type tells, when its name is a well-known one:
/// `Result<T, JoinError>` holds a finished task's outcome, `Result<T, Elapsed>` a timeout's,
/// `Result<String, fmt::Error>` a rendering's.
pub(crate) fn operation_of_error_type(ty: &syn::Type) -> Operation {
    let syn::Type::Path(path) = ty else {
        return Operation::Other;
    };
    let Some(last) = path.path.segments.last() else {
        return Operation::Other;
    };
    // `-> Result<String, fmt::Error>`: a rendering into memory, which fails only when a
    // `Display` impl does.
    let mut owners = path.path.segments.iter().rev().skip(1);
    if last.ident == "Error" && owners.next().is_some_and(|owner| owner.ident == "fmt") {
        return Operation::Serialization;
    }
    match last.ident.to_string().as_str() {
        "JoinError" => Operation::Task,
        "Elapsed" => Operation::Timeout,
        "TryFromIntError" => Operation::IntegerConversion,
        "ParseIntError" | "ParseFloatError" | "ParseBoolError" | "AddrParseError" | "Utf8Error"
        | "FromUtf8Error" | "StripPrefixError" => Operation::Conversion,
        "RecvError" | "TryRecvError" | "RecvTimeoutError" => Operation::Receive,
        // An extractor's rejection (`WebSocketUpgradeRejection`, `JsonRejection`): the request
        // is not what the extractor wanted.
        name if name.ends_with("Rejection") => Operation::Conversion,
        "SendError" => Operation::Send,
        "TryLockError" | "BorrowError" | "BorrowMutError" | "TryAcquireError" => {
            Operation::StateProbe
        }
        // `-> Result<T, Infallible>`: a type without values, so no error at all.
        "Infallible" => Operation::Infallible,
        _ => Operation::Other,
    }
}

/// Conversions of input known by their path rather than their name: each reads text whose only
/// error is "this is not one" — a PHC hash string, a glob or regex pattern, Markdown (whose only
/// error is a malformed MDX construct).
const KNOWN_CONVERSIONS: &[&[&str]] = &[
    &["PasswordHash", "new"],
    &["Regex", "new"],
    &["glob", "glob"],
    &["Pattern", "new"],
    &["markdown", "to_html_with_options"],
    &["CString", "new"],
];

/// Whether a call through `segments` is one of [`KNOWN_CONVERSIONS`]: written with the type
/// (`PasswordHash::new`, `argon2::password_hash::PasswordHash::new`), or a module's fn with or
/// without its module (`glob(..)` after `use glob::glob;`).
fn is_known_conversion(segments: &[&syn::Ident], name: &str) -> bool {
    // `IssuerUrl::new(text)`, `RedirectUrl::new(..)`: a URL type's constructor parses.
    if let [.., owner, new] = segments
        && *new == "new"
    {
        let owner = owner.to_string();
        if owner.ends_with("Url") || owner.ends_with("Uri") {
            return true;
        }
    }
    // `Bytecode::new_raw_checked(bytes)`, `Header::from_bytes_checked(..)`: a type's constructor
    // named for checking what it is given.
    if (name.starts_with("new") || name.starts_with("from"))
        && name.ends_with("_checked")
        && let [.., owner, _] = segments
        && owner
            .to_string()
            .starts_with(|c: char| c.is_ascii_uppercase())
    {
        return true;
    }
    KNOWN_CONVERSIONS.iter().any(|known| {
        let (Some((name, init)), Some(written)) = (known.split_last(), segments.last()) else {
            return false;
        };
        if *written != name {
            return false;
        }
        let owner_is_a_type = init
            .last()
            .is_some_and(|owner| owner.starts_with(|c: char| c.is_ascii_uppercase()));
        match (
            segments.len().checked_sub(2).map(|at| segments[at]),
            init.last(),
        ) {
            (Some(written_owner), Some(owner)) => written_owner == owner,
            (None, _) => !owner_is_a_type,
            (Some(_), None) => false,
        }
    })
}

/// `parse*`, `try_parse*` (clap's `Cli::try_parse_from(args)`), `parse_str`/`*_parse_str`,
/// `from_str*`, `from_utf8*`, `try_from`, `try_from_*`
/// (`try_from_iter`), `decode*` (`decode_utf8`, `decode_to_vec`), `from_maybe_shared` (a
/// header value's bytes), `try_into*` (`try_into_pair`), `try_as_*` (a value viewed as another
/// kind: `queries.try_as_query()`), `*_decode` (`base64_decode(value)`), `from_bytes`
/// (`postcard::from_bytes`, `HeaderName::from_bytes`), a domain name's `*to_ascii`/`*to_unicode`
/// (IDNA), the deserialization of bytes or a value already read (`from_slice`,
/// `new_from_slice`, `from_value`, `Deserialize::deserialize`, `deserialize_str`,
/// `deserialize_from_vec`: serde, a key of the wrong length), decompressed bytes
/// (`decompress`, `*_decompress`), a number read as something else (`StatusCode::from_u16`), the decoding of text
/// (`decode`, `to_str`: hex, base64, a header value's ASCII), a value cast to another type
/// (`cast`, `cast_to`: "not representable as that type"), a number read as a time
/// (`from_unix_timestamp*`, `from_timestamp*`), a constructor that checks its arguments
/// (`T::try_new(..)`, the fallible `new` by convention: "these do not make a T"), a URL read as
/// a file path and back (`url.to_file_path()`, `Url::from_file_path(p)`: their error is `()`),
/// `Path::strip_prefix`/`strip_suffix` (whose error says only "not under it"), and a value
/// asked to be another type, whose error hands it back (`boxed.downcast::<Message>()`,
/// `downcast_arc`,
/// `os_string.into_string()`, wasm-bindgen's `value.dyn_into::<Window>()`), a URI or a key read from its encoding (`Channel::from_shared(addr)`,
/// `from_der*`, `from_pem*`, `from_pkcs8_*`, `from_pkcs1_*`, `from_sec1_*`, also after what they
/// read, `private_key_from_der`; not from a file),
/// a value read from hex (`from_hex`) or from another written form (`Principal::from_text`,
/// `Workflow::from_json`, `Jwk::from_jwk`, `from_base64`, `from_yaml`, `from_multibase`,
/// `from_did_str`, `from_multibase_string`, ...), a parse by another
/// name (`Cookie::split_parse(header)`), and an extractor run on a request (`T::from_request_parts(parts,
/// state)`, `from_request`: its rejection says the request is not what it wanted), and a value read from
/// a query string (`web::Query::<Params>::from_query(qs)`, `SortOpts::from_query(..)`). Readers
/// (`from_reader`) are not conversions: their error may be the reader's.
/// What `from_*` reads when it reads from outside the process: a reader, a file, a path, the
/// environment, an address, a connection, a store.
const READ_FROM_OUTSIDE: &[&str] = &[
    "read", "file", "path", "dir", "env", "url", "socket", "addr", "stream", "conn", "db", "pool",
    "client", "fd", "raw", "config", "registry", "store", "cache", "disk", "os", "system",
    "remote", "peer", "server", "host", "net", "device", "process", "pid", "volume", "endpoint",
    // A PKCS #12 archive opened with a password: a wrong password is not a malformed archive.
    "pkcs12", "password",
];

pub(crate) fn is_conversion_name(name: &str) -> bool {
    // The forms a value is written in, read by `from_<form>`.
    const WRITTEN_FORMS: &[&str] = &[
        "text",
        "json",
        "jwk",
        "base64",
        "b64",
        "base58",
        "base32",
        "bech32",
        "multibase",
        "yaml",
        "toml",
    ];
    name.starts_with("parse")
        // clap's `Cli::try_parse_from(args)`, `try_parse()`: the arguments are the input.
        || name.starts_with("try_parse")
        // `message.downcast_arc::<T>()`, `downcast_rc`: the value asked to be another type.
        || name.starts_with("downcast_")
        || name.ends_with("_parse_str")
        || name.ends_with("_parse")
        || name
            .strip_prefix("from_")
            .is_some_and(|form| WRITTEN_FORMS.contains(&form))
        || name.starts_with("from_str")
        || name.starts_with("from_utf8")
        // `Timestamp::from_nanosecond(n)`, `Uri::from_parts(parts)`: a value made from another
        // by the naming convention of conversions; not one read from outside the process
        // (`from_reader`, `from_file`, `from_env`, `from_url`, `from_addr`, ...).
        || name.strip_prefix("from_").is_some_and(|what| {
            !READ_FROM_OUTSIDE.iter().any(|outside| what.contains(outside))
        })
        // `DatasetID::from_did_str(s)`, `AccountID::from_multibase_string(s)`: a value read
        // from its written form, whatever the form is called.
        || (name.starts_with("from_") && (name.ends_with("_str") || name.ends_with("_string")))
        || name.starts_with("try_into")
        || name.starts_with("try_as_")
        // apollo's `value.try_to_i32()`, dozer's `json_from_str(text)`.
        || name.starts_with("try_to_")
        || name.ends_with("_from_str")
        || name.ends_with("_decode")
        || name.starts_with("decode")
        // libp2p's `PublicKey::try_decode_protobuf(&bytes)`; bytemuck's `try_cast_slice(b)`.
        || name.starts_with("try_decode")
        || name.starts_with("try_cast")
        || name.starts_with("try_from_")
        || name.ends_with("to_ascii")
        || name.ends_with("to_unicode")
        || name == "from_slice"
        || name == "from_bytes"
        || name.ends_with("_from_bytes")
        || name.ends_with("_from_slice")
        // A cipher keyed from bytes: `Aes128Ctr::new_from_slices(key, iv)` ("invalid length").
        || name.ends_with("_from_slices")
        || name == "from_value"
        || name == "deserialize"
        // `zstd_safe::decompress(buf, data)`, `lz4::block::decompress(..)`: decoding bytes.
        || ((name.starts_with("decompress") || name.ends_with("_decompress"))
            && !name.contains("file")
            && !name.contains("reader"))
        // `deserialize_str(qs)`, `deserialize_from_vec(bytes)`; not from a reader or a file.
        || (name.starts_with("deserialize_") && !name.contains("reader") && !name.contains("file"))
        || name
            .strip_prefix("from_")
            .is_some_and(|integer| INTEGERS.contains(&integer))
        || name.starts_with("from_unix_timestamp")
        || name.starts_with("from_timestamp")
        // A key read from its encoding: `from_pkcs8_der`, `from_pkcs1_pem`, `from_sec1_der`,
        // also after what it reads (openssl's `private_key_from_der`, `public_key_from_pem_pkcs1`,
        // `private_key_from_pkcs8`). Not one read from a file (`from_pem_file(path)`), whose
        // error may be the file's.
        || ((reads_a_key(name)
            || name
                .match_indices("_from_")
                .any(|(at, _)| reads_a_key(&name[at + 1..])))
            && !name.contains("file"))
        || matches!(
            name,
            "try_from"
                | "try_new"
                // webrtc-rs's `Packet::unmarshal(&mut buf)`, an RTP payload's `depacketize(&b)`:
                // bytes read as a packet.
                | "unmarshal"
                | "depacketize"
                | "to_str"
                | "strip_prefix"
                | "strip_suffix"
                | "cast"
                | "cast_to"
                | "to_file_path"
                | "from_file_path"
                | "from_directory_path"
                | "downcast"
                | "dyn_into"
                | "into_string"
                | "from_maybe_shared"
                | "from_shared"
                | "from_request"
                | "from_request_parts"
                | "from_query"
                | "from_hex"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_in_all() {
        // Exhaustive: a new kind fails to compile here until it is named, and then must be in
        // `ALL` for the set below to have every kind once.
        let position = |kind: Operation| match kind {
            Operation::StateProbe => 0,
            Operation::Conversion => 1,
            Operation::IntegerConversion => 2,
            Operation::Timeout => 3,
            Operation::Receive => 4,
            Operation::Send => 5,
            Operation::Task => 6,
            Operation::Decryption => 7,
            Operation::Infallible => 8,
            Operation::Opaque => 9,
            Operation::Setting => 10,
            Operation::Removal => 11,
            Operation::FileProbe => 12,
            Operation::Serialization => 13,
            Operation::AssertedOk => 14,
            Operation::Poisoned => 15,
            Operation::Verdict => 16,
            Operation::Absent => 17,
            Operation::Replaced => 18,
            Operation::Other => 19,
            Operation::FixedInput => 20,
            Operation::Reported => 21,
            Operation::Closing => 22,
            Operation::Text => 23,
        };
        let mut seen: Vec<usize> = Operation::ALL.iter().map(|kind| position(*kind)).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen, (0..24).collect::<Vec<_>>());
    }

    #[test]
    fn a_set_holds_the_kinds_that_can_be_handed_on_and_match() {
        let no_cause = Operations::matching(Operation::error_carries_no_cause);
        assert!(no_cause.contains(Operation::Timeout));
        assert!(no_cause.contains(Operation::Verdict));
        // A send keeps its message; it is never handed on by a fn.
        assert!(!no_cause.contains(Operation::Send));
        assert!(!no_cause.contains(Operation::Other));
        assert!(Operations::matching(|_| false).is_empty());
    }

    fn of(code: &str) -> Operation {
        operation(&syn::parse_str(code).unwrap_or_else(|error| panic!("{code}: {error}")))
    }

    #[test]
    fn operations_are_told_by_their_calls() {
        assert_eq!(of("session.try_lock()"), Operation::StateProbe);
        assert_eq!(of("socket.try_read(&mut buf)"), Operation::Other);
        assert_eq!(of("Uuid::parse_str(id)"), Operation::Conversion);
        assert_eq!(of("text.parse::<IpAddr>()"), Operation::Conversion);
        assert_eq!(of("i64::try_from(id)"), Operation::IntegerConversion);
        assert_eq!(of("n.try_into()"), Operation::IntegerConversion);
        assert_eq!(of("Password::try_from(pw)"), Operation::Conversion);
        assert_eq!(of("String::from_utf8_lossy(b)"), Operation::Conversion);
        assert_eq!(of("value.try_to_i32()"), Operation::Conversion);
        assert_eq!(of("join_handle.await"), Operation::Task);
        assert_eq!(of("self.inner.allocate(layout)"), Operation::Opaque);
        assert_eq!(of("url.path_segments_mut()"), Operation::Opaque);
        assert_eq!(
            of("Bytecode::new_raw_checked(bytes)"),
            Operation::Conversion
        );
        assert_eq!(
            of("request.into_body().collect().await"),
            Operation::Conversion
        );
        assert_eq!(of("response.into_body().collect().await"), Operation::Other);
        assert_eq!(of("store.new_checked(bytes)"), Operation::Other);
        assert_eq!(of("url.set_password(Some(\"***\"))"), Operation::Opaque);
        assert_eq!(of("store.set_password(user, hash)"), Operation::Other);
        assert_eq!(of("pool.allocate(request)"), Operation::Other);
        assert_eq!(
            of("queue_time.as_millis().to_string().parse()"),
            Operation::FixedInput
        );
        assert_eq!(of("name.to_string().parse()"), Operation::Conversion);
        assert_eq!(
            of("PublicKey::try_decode_protobuf(&key)"),
            Operation::Conversion
        );
        assert_eq!(
            of("self.revision.checked_next()"),
            Operation::IntegerConversion
        );
        assert_eq!(
            of("std::thread::available_parallelism()"),
            Operation::Setting
        );
        assert_eq!(
            of("bytemuck::try_cast_slice::<u8, f32>(b)"),
            Operation::Conversion
        );
        assert_eq!(of("json_from_str(text)"), Operation::Conversion);
        assert_eq!(
            of("tokio::time::timeout(d, fetch()).await"),
            Operation::Timeout
        );
        assert_eq!(of("query().with_timeout(d).await"), Operation::Timeout);
        assert_eq!(
            of("tokio::time::timeout_at(deadline, fetch()).await"),
            Operation::Timeout
        );
        assert_eq!(of("fetch().timeout_at(deadline).await"), Operation::Timeout);
        assert_eq!(of("tx.send(job)"), Operation::Send);
        assert_eq!(of("watchdog.try_send(())"), Operation::StateProbe);
        assert_eq!(of("request.send().await"), Operation::Other);
        assert_eq!(of("rx.recv().await"), Operation::Receive);
        assert_eq!(of("rx.has_changed()"), Operation::Receive);
        assert_eq!(of("provider.install_default()"), Operation::StateProbe);
        assert_eq!(
            of("CryptoProvider::install_default(provider)"),
            Operation::StateProbe
        );
        assert_eq!(
            of("tracing_subscriber::registry().with(layer).try_init()"),
            Operation::StateProbe
        );
        assert_eq!(
            of("FmtSubscriber::builder().json().with_max_level(level).try_init()"),
            Operation::StateProbe
        );
        assert_eq!(of("self.store.try_init()"), Operation::Other);
        assert_eq!(
            of("slog_stdlog::init_with_level(Level::Error)"),
            Operation::StateProbe
        );
        assert_eq!(of("config::init(path)"), Operation::Other);
        assert_eq!(of("logger::init(&config.log)"), Operation::Other);
        assert_eq!(
            of("tokio::task::spawn_blocking(work).await"),
            Operation::Task
        );
        assert_eq!(of("std::env::var(\"PORT\")"), Operation::Setting);
        assert_eq!(of("EnvFilter::try_from_default_env()"), Operation::Setting);
        assert_eq!(of("var(\"PORT\")"), Operation::Other);
        assert_eq!(of("db.fetch_one(id).await"), Operation::Other);
        assert_eq!(
            of("session.try_lock().map(|guard| guard.clone())"),
            Operation::StateProbe
        );
        assert_eq!(
            of("generate(state).with_timeout(d).with_metrics(NAME).await"),
            Operation::Timeout
        );
        assert_eq!(of("key.jwe_decrypt(&token)"), Operation::Decryption);
        assert_eq!(
            of("cipher.encrypt_in_place_detached(nonce, b\"\", &mut buffer)"),
            Operation::Decryption
        );
        assert_eq!(
            of("encryptor.encrypt_padded_mut::<Pkcs7>(&mut buffer, len)"),
            Operation::Decryption
        );
        assert_eq!(of("tx.recover_signer(&hash)"), Operation::Decryption);
        assert_eq!(of("keys.recover_account(id)"), Operation::Other);
        assert_eq!(of("interest.notified_timeout(d).await"), Operation::Timeout);
        assert_eq!(
            of("state.compare_and_swap(&key, old, new)?"),
            Operation::StateProbe
        );
        assert_eq!(of("abort_on_drop(spawn(job)).await"), Operation::Task);
        assert_eq!(
            of("tokio::fs::remove_dir(parent).await"),
            Operation::Removal
        );
        assert_eq!(of("fs::remove_dir_all(dir)"), Operation::Removal);
        assert_eq!(of("store.remove_file(id)"), Operation::Other);
        assert_eq!(of("fs::metadata(&path).await"), Operation::FileProbe);
        assert_eq!(of("frame.into_data()"), Operation::Conversion);
        assert_eq!(of("endpoint.set_host(Some(&host))"), Operation::Conversion);
        assert_eq!(of("request.set_body(body)"), Operation::Other);
        assert_eq!(of("path.canonicalize()"), Operation::FileProbe);
        assert_eq!(
            of("s3_xml::to_xml_with_header(&error)"),
            Operation::Serialization
        );
        assert_eq!(
            of("serde_json::to_string_pretty(&body)"),
            Operation::Serialization
        );
        assert_eq!(of("serde_json::to_writer(out, &body)"), Operation::Other);
        assert_eq!(of("metadata.modified()"), Operation::Setting);
        assert_eq!(of("std::fs::metadata(path)?.created()"), Operation::Setting);
        assert_eq!(of("entry.metadata().await?.accessed()"), Operation::Setting);
        assert_eq!(of("record.modified()"), Operation::Other);
        assert_eq!(
            of("canonicalize_path_maybe_not_exists(&deno_dir.root)"),
            Operation::FileProbe
        );
        assert_eq!(of("key.to_pkcs1_der()"), Operation::Serialization);
        assert_eq!(of("spki.to_der()"), Operation::Serialization);
        assert_eq!(
            of("key.to_pkcs8_pem(LineEnding::LF)"),
            Operation::Serialization
        );
        assert_eq!(of("key.to_header()"), Operation::Other);
        assert_eq!(
            of("rkyv::to_bytes::<_, 1024>(&value)"),
            Operation::Serialization
        );
        assert_eq!(of("signing_key.try_sign(&message)"), Operation::Opaque);
        assert_eq!(of("signer.sign_prehash(&digest)"), Operation::Opaque);
        assert_eq!(
            of("key.sign_prehashed_rfc6979::<Sha256>(&digest)"),
            Operation::Opaque
        );
        assert_eq!(
            of("match key { P224(k) => k.to_pkcs8_der(), P256(k) => k.to_pkcs8_der() }"),
            Operation::Serialization
        );
        assert_eq!(
            of("if der { Signature::from_der(s) } else { store.fetch(s) }"),
            Operation::Other
        );
        assert_eq!(of("process.try_signal(9)"), Operation::Other);
        assert_eq!(of("key.sign(Some(&mut rng), &digest)"), Operation::Other);
        assert_eq!(
            of("serde_json::to_string(&json!({\"a\": 1}))"),
            Operation::Infallible
        );
        let ty: syn::Type =
            syn::parse_str("tokio::task::JoinError").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(operation_of_error_type(&ty), Operation::Task);
        assert_eq!(of("hex::decode(signature)"), Operation::Conversion);
        assert_eq!(
            of("SystemTime::now().duration_since(UNIX_EPOCH)"),
            Operation::IntegerConversion
        );
        assert_eq!(of("serde_json::from_slice(&body)"), Operation::Conversion);
        assert_eq!(of("serde_json::from_value(value)"), Operation::Conversion);
        assert_eq!(of("serde_json::from_reader(file)"), Operation::Other);
        assert_eq!(
            of("Hmac::<Sha256>::new_from_slice(key)"),
            Operation::Conversion
        );
        assert_eq!(of("StatusCode::from_u16(code)"), Operation::Conversion);
        assert_eq!(
            of("TryIntoHeaderPair::try_into_pair(pair)"),
            Operation::Conversion
        );
        assert_eq!(
            of("argon2.verify_password(pw, &hash)"),
            Operation::Decryption
        );
        assert_eq!(of("event.verify()"), Operation::Decryption);
        assert_eq!(
            of("secretbox::open(&blob, &nonce, &key)"),
            Operation::Decryption
        );
        assert_eq!(
            of("kek.unwrap_key(&wrapped, &mut out)"),
            Operation::Decryption
        );
        assert_eq!(of("Salt::from_b64(&encoded)"), Operation::Conversion);
        assert_eq!(
            of("chrono::Duration::from_std(timeout)"),
            Operation::IntegerConversion
        );
        assert_eq!(of("store.open(&path)"), Operation::Other);
        assert_eq!(
            of("argon2.hash_password(pw.as_bytes(), &salt)"),
            Operation::Verdict
        );
        assert_eq!(
            of("jwt::encode(&header, &claims, &KEY)"),
            Operation::Serialization
        );
        assert_eq!(
            of("encode(&Header::default(), &claims, &KEY)"),
            Operation::Serialization
        );
        // Not another crate's two-argument `encode`, nor one of a module of ours.
        assert_eq!(of("codec::encode(&frame, &mut buf)"), Operation::Other);
        assert_eq!(
            of("credential::encode(&header, &claims, |input| sign(keypair, input))"),
            Operation::Other
        );
        assert_eq!(
            of("crate::wire::frame::encode(&a, &b, &c)"),
            Operation::Other
        );
        assert_eq!(
            of("VerifyWithKey::verify_with_key(token, &key)"),
            Operation::Decryption
        );
        assert_eq!(of("org_id.validate()"), Operation::Conversion);
        assert_eq!(of("resp.error_for_status_ref()"), Operation::Verdict);
        // A wrapper of the one timeout or task it is given.
        assert_eq!(
            of("measure(\"fetch\", tokio::time::timeout(d, request))"),
            Operation::Timeout
        );
        assert_eq!(of("abort_on_drop(tokio::spawn(work))"), Operation::Task);
        assert_eq!(
            of("race(tokio::time::timeout(d, a), tokio::spawn(b))"),
            Operation::Other
        );
        // A oneshot receiver awaited, known by its name where its binding is not seen.
        assert_eq!(of("rx.await"), Operation::Receive);
        assert_eq!(of("reply_rx.await"), Operation::Receive);
        assert_eq!(of("response.await"), Operation::Other);
        // An error wrapped keeps its operation; not through `?`, whose inner result is another's.
        assert_eq!(
            of("serde_json::to_string(&v).map_err(|e| Error::Json(e))"),
            Operation::Serialization
        );
        assert_eq!(
            of("handle.await.map_err(|e| E::Task(e))?.map_err(|e| e.to_string())"),
            Operation::Other
        );
        assert_eq!(
            of("limit.map(|v| v.try_into()).transpose()"),
            Operation::IntegerConversion
        );
        assert_eq!(
            of("header.map(|v| v.to_str()).transpose()"),
            Operation::Conversion
        );
        assert_eq!(of("id.map(|id| db.load(id)).transpose()"), Operation::Other);
        assert_eq!(of("validator.validate(&input)"), Operation::Other);
        assert_eq!(of("verifier.verify(token)"), Operation::Other);
        assert_eq!(of("text.parse::<u8>().unwrap().fetch()"), Operation::Other);
    }
}
