//! A fn of the checked code that hands on the error of one kind of operation is that operation to
//! its callers: `fn try_metadata(p) -> Result<Metadata, StatusCode> { match fs::metadata(p) {
//! .., Err(_) => Err(NOT_FOUND) } }` asks the file system a question, as `fs::metadata` does,
//! and `fn editor(&self) -> Result<String> { self.editor.clone().ok_or_else(..) }` says only
//! that a setting is not there. Read from the fn's body alone: a fn that calls another fn of
//! the checked code hands on an operation the body does not show, and is not one of these,
//! unless that call is all it hands on (`self.get_balances(r).map(|(_, s)| s)`): then it hands
//! on what the callee does, which the workspace index settles once every fn is read (see
//! [`HandedOn::delegate`]).

use syn::visit::{self, Visit};

use super::macros::{
    ends_in_an_error, evaluates_its_arguments, is_log_macro, is_panic_macro, writes,
};
use super::nodes::{
    has_a_word, is_variant, macro_name, names_a_constant, peel, peel_outcome, tail_values,
    tail_values_of_block,
};
use super::operations::{
    LockMethods, Operation, hands_the_error_on, inspects_the_error, keeps_the_error, lock_method,
    operation,
};
use super::patterns::err_pattern;
use super::visitors::{Descend, Node, any_node, macro_mentions, mentions};

/// What a fn body hands on (see [`read_handed_on`]): its kind, the lock methods behind it, and
/// the call it delegates to where that is all it hands on.
pub(crate) struct HandedOn<'a> {
    pub(crate) error: Operation,
    pub(crate) locks: LockMethods,
    /// The call a body hands the error of on, and nothing else, when its operation is not
    /// known from its name: a wrapper of another fn, perhaps of the checked code (`fn
    /// get_spendable_amount_sats(&self, r: u64) -> Result<u64, Error> {
    /// self.get_balances(r).map(|(_, s)| s) }`), which hands on what that one hands on. With
    /// whether the call is awaited.
    pub(crate) delegate: Option<(&'a syn::Expr, bool)>,
}

/// The kind of operation whose error the fn with this body hands on, when every error it can
/// return comes from operations of one kind ([`Operation::Other`] otherwise):
/// - `expr?` and a value `expr` the body ends or returns with: the operation of `expr`, through
///   `.map_err(..)`, `.context(..)` and the like (the error is the operation's, renamed); an
///   `Option`'s `.ok_or(..)`/`.ok_or_else(..)`, or a getter's `None => Err(..)` arm over its
///   own state (`match &self.addr`), says a value is not there ([`Operation::Absent`]);
/// - `Err(..)`, `bail!(..)` where the body handles an error (an `Err(..)` arm, `if let Err(..)`,
///   the `else` of `let Ok(..)`): that error's operation. Anywhere else the fn builds an error
///   of its own, from no other error: a [`Operation::Verdict`] (`match &self.kind { Mfa(..) =>
///   Ok(..), _ => Err(E::InvalidState) }`, or `if self.down { return Err(Unavailable) }`).
///
/// Conversions and absences together say "this input is not what was wanted" (`decode(id)?`,
/// then `ids.first().ok_or(..)?`): a [`Operation::Conversion`]. So do conversions with verdicts
/// of the fn's own: it checks its input (`from_utf8(nonce)?`, then `bail!("invalid nonce")`).
/// Absences with verdicts alone make a verdict: no error has a cause below it (a constructor's
/// verdicts, `fn new(id) -> Result<Self, E>`, check its arguments: see [`crate::index::FnDecl`]).
///
/// A body that does its work, handles every error it meets and ends in `Ok(..)` hands on none:
/// [`Operation::Infallible`]. So does one that ends in a `loop` nothing leaves, with no `?` (a
/// worker restarted forever): it never returns. One that only answers (`Ok(())`, `todo!()`: a stand-in, a default
/// method) is `Other`: its signature says it may fail, and a caller that handles the error is
/// right to. So is one with a macro that may hide a `?` or a `return`.
///
/// With the kind come the lock methods the body calls for its errors (`self.shards.read()`):
/// the kind is [`Operation::Poisoned`] only while the checked code declares none of them. A body
/// whose only source is one call whose kind its name does not tell is `Other`, with that call
/// as its [`HandedOn::delegate`].
pub(crate) fn read_handed_on(body: &syn::Block) -> HandedOn<'_> {
    let other = HandedOn {
        error: Operation::Other,
        locks: LockMethods::default(),
        delegate: None,
    };
    // A fn returning a `Result` has a value: an empty body is one cut out before parsing (a
    // package read for `#[onus::check]` keeps only signatures), and says nothing.
    if body.stmts.is_empty() {
        return other;
    }
    // `fn write(&self) -> impl Future<Output = Result<Guard, E>> { let at = Location::caller();
    // async move { timeout(limit, self.inner.write()).await.map_err(..) } }`: the future it
    // returns does the work, and what it hands on is the fn's (reductstore's lock).
    if let Some((syn::Stmt::Expr(syn::Expr::Async(future), None), before)) = body.stmts.split_last()
        && before.iter().all(|stmt| {
            matches!(stmt, syn::Stmt::Local(local)
            if local.init.as_ref().is_some_and(|init| init.diverge.is_none()
                && !any_node(&*init.expr, Descend::Body, |node| matches!(node,
                    Node::Expr(syn::Expr::Try(_) | syn::Expr::Return(_)) | Node::Macro(_)))))
        })
    {
        return read_handed_on(&future.block);
    }
    let mut sources = Sources::default();
    sources.visit_block(body);
    // quadratic's `start_with_backoff`: `loop { match f().await { .. Err(e) => error!(..) }
    // sleep(delay).await }`, with no `?`, `return` or `break`: it never returns, so it hands on
    // no error.
    if sources.kinds.is_empty()
        && sources.delegate.is_none()
        && !sources.unknown
        && !sources.hidden
        && body.stmts.last().is_some_and(runs_forever)
    {
        return HandedOn {
            error: Operation::Infallible,
            ..other
        };
    }
    let tails = tail_values_of_block(body);
    for value in &tails {
        if sources.hidden {
            break;
        }
        sources.value(value);
    }
    if sources.hidden {
        return other;
    }
    // `fn dispatch(..) -> Result<(), bool> { .. error!("cannot notify: {e}"); return Err(true) }`:
    // every error it hands on, it has reported, as `#[instrument(err)]` would.
    let hands_on_some = !sources.kinds.is_empty() || sources.delegate.is_some() || sources.unknown;
    if hands_on_some && !sources.unreported {
        return HandedOn {
            error: Operation::Reported,
            ..other
        };
    }
    if sources.unknown {
        return other;
    }
    if let Some(delegate) = sources.delegate {
        return HandedOn {
            delegate: sources.kinds.is_empty().then_some(delegate),
            ..other
        };
    }
    // `fn discover(&self) -> Result<Vec<Model>> { for dir in .. { match scan(dir) { Err(e) =>
    // eprintln!(..), .. } } Ok(found) }`: it handles every error itself and answers `Ok`; so
    // does a match whose every arm answers `Ok` (`match envelope { V0(e) => Ok(&e.ops), Tx(e) =>
    // Ok(&e.ops) }`). A stand-in that only answers (`Ok(())`, `todo!()`) says nothing of what
    // the fn will do.
    if sources.kinds.is_empty()
        && (body.stmts.len() > 1 || tails.len() > 1)
        && tails.iter().any(
            |value| matches!(peel(value), syn::Expr::Call(call) if is_variant(&call.func, "Ok")),
        )
    {
        return HandedOn {
            error: Operation::Infallible,
            ..other
        };
    }
    HandedOn {
        error: combine(&sources.kinds),
        locks: sources.locks,
        delegate: None,
    }
}

/// Whether a statement is a `loop` that nothing leaves: no `break` of its own (nor a labeled one
/// below it) and no `return`.
fn runs_forever(stmt: &syn::Stmt) -> bool {
    let syn::Stmt::Expr(syn::Expr::Loop(looped), _) = stmt else {
        return false;
    };
    let leaves_this_loop = any_node(&looped.body, Descend::Iteration, |node| {
        matches!(node, Node::Expr(syn::Expr::Break(_) | syn::Expr::Return(_)))
    });
    let leaves_by_label = any_node(&looped.body, Descend::Body, |node| {
        matches!(node, Node::Expr(syn::Expr::Break(broken)) if broken.label.is_some())
            || matches!(node, Node::Expr(syn::Expr::Return(_)))
    });
    !leaves_this_loop && !leaves_by_label
}

/// The fn or method call a renamed error comes from (see [`renamed_call`]), also under the
/// adapters that keep the error as it is (`self.get_balances(r).map(|(_, s)| s)`), and whether
/// it is awaited on the way. Not a call of a closure or a value.
fn delegated_call(mut call: &syn::Expr, mut awaited: bool) -> Option<(&syn::Expr, bool)> {
    loop {
        match call {
            syn::Expr::MethodCall(adapter) if keeps_the_error(&adapter.method.to_string()) => {
                let (inner, inner_awaited) = renamed_call(&adapter.receiver)?;
                call = inner;
                awaited |= inner_awaited;
            }
            syn::Expr::MethodCall(_) => return Some((call, awaited)),
            syn::Expr::Call(plain) => {
                return matches!(peel(&plain.func), syn::Expr::Path(path) if path.qself.is_none())
                    .then_some((call, awaited));
            }
            _ => return None,
        }
    }
}

/// The one kind the sources' kinds make (see [`read_handed_on`]); also the one two declarations of
/// a name make, when a call may be to either.
pub(crate) fn combine(kinds: &[Operation]) -> Operation {
    // A source that never fails (a declaration that returns no error, for one platform) adds
    // nothing to what the others hand on.
    if kinds.contains(&Operation::Infallible) {
        let failing: Vec<Operation> = kinds
            .iter()
            .copied()
            .filter(|&kind| kind != Operation::Infallible)
            .collect();
        if !failing.is_empty() {
            return combine(&failing);
        }
    }
    let Some(&first) = kinds.first() else {
        return Operation::Other;
    };
    if kinds.iter().all(|&kind| kind == first) {
        return if first.can_be_handed_on() {
            first
        } else {
            Operation::Other
        };
    }
    let says_not_wanted = |kind: &Operation| {
        matches!(
            kind,
            Operation::Conversion | Operation::IntegerConversion | Operation::Absent
        )
    };
    if kinds.iter().all(says_not_wanted)
        || (kinds
            .iter()
            .all(|kind| says_not_wanted(kind) || *kind == Operation::Verdict)
            && kinds.contains(&Operation::Conversion))
    {
        Operation::Conversion
    } else if kinds
        .iter()
        .all(|kind| says_not_wanted(kind) || *kind == Operation::Verdict)
    {
        Operation::Verdict
    } else {
        Operation::Other
    }
}

/// Where a fn body's errors come from, as [`read_handed_on`] reads them.
#[derive(Default)]
struct Sources<'ast> {
    kinds: Vec<Operation>,
    /// The one call the body hands the error of on as it is, where its operation is not known
    /// from its name (`self.get_balances(r).map(|(_, s)| s)`): another fn of the checked code,
    /// perhaps, which only the whole workspace can tell (see [`HandedOn::delegate`]).
    delegate: Option<(&'ast syn::Expr, bool)>,
    /// The operations whose errors the code being visited handles (innermost last).
    handling: Vec<Operation>,
    /// A source no fn can hand on (see [`Operation::can_be_handed_on`]), or a macro that may
    /// hide a `?` or a `return Err(..)`: the answer is `Other`, unless every error is reported.
    unknown: bool,
    /// A macro that may hide a `?` or a `return Err(..)`: nothing more is read, and the answer is
    /// `Other`.
    hidden: bool,
    /// The lock methods called for an error of the fn's (see [`Sources::operation_of`]).
    locks: LockMethods,
    /// For each block being visited (innermost last), whether a warning or an error was logged
    /// before the code being visited: an error built after it in the same block is reported
    /// (`error!("..: {e}"); return Err(Failed)`).
    logged: Vec<bool>,
    /// A source whose error is not reported where it is handed on: not built after a log, nor
    /// logged in its own expression (`.inspect_err(|e| warn!(..))?`).
    unreported: bool,
}

impl<'ast> Sources<'ast> {
    /// A `Result` the fn hands on as it is (`expr?`, its value).
    fn value(&mut self, expr: &'ast syn::Expr) {
        match peel(expr) {
            // `Ok(..)` holds no error; `Err(..)` is seen where it is built.
            syn::Expr::Call(call)
                if is_variant(&call.func, "Ok") || is_variant(&call.func, "Err") => {}
            syn::Expr::Macro(_) => {}
            other => {
                self.unreported |= !logs_its_failure(other);
                let renamed = renamed_call(other);
                let kind = match renamed {
                    Some((call, _)) => self.operation_of(call),
                    None => Operation::Absent,
                };
                match renamed.and_then(|(call, awaited)| delegated_call(call, awaited)) {
                    Some(call) if kind == Operation::Other && self.delegate.is_none() => {
                        self.delegate = Some(call);
                    }
                    _ => self.push(kind),
                }
                self.alternatives(other);
            }
        }
    }

    /// The closures of `.or_else(|_| ..)` and `.and_then(|v| ..)` in a value's chain: their
    /// `Result` becomes the value, so their errors are the fn's too (`Uuid::parse_str(s)
    /// .or_else(|_| txn.name2uuid(s)?.ok_or(..))` is also a lookup in a database).
    fn alternatives(&mut self, value: &'ast syn::Expr) {
        let mut expr = peel(value);
        loop {
            expr = match expr {
                syn::Expr::Await(awaited) => peel(&awaited.base),
                // Below `.ok_or(..)` is an `Option`: its `or_else` gives no error.
                syn::Expr::MethodCall(call)
                    if call.method == "ok_or" || call.method == "ok_or_else" =>
                {
                    return;
                }
                syn::Expr::MethodCall(call) => {
                    if call.method == "or_else" || call.method == "and_then" {
                        for arg in &call.args {
                            if let syn::Expr::Closure(closure) = peel(arg) {
                                visit::visit_expr(self, &closure.body);
                                for value in tail_values(&closure.body) {
                                    self.value(value);
                                }
                            }
                        }
                    }
                    peel(&call.receiver)
                }
                _ => return,
            };
        }
    }

    /// An error the fn builds: the handled error's operation, or a verdict of its own.
    fn built_error(&mut self) {
        self.unreported |= self.logged.last() != Some(&true);
        let kind = self.handling.last().copied().unwrap_or(Operation::Verdict);
        self.push(kind);
    }

    /// One more source; one no fn can hand on settles the answer, and the rest is not read.
    fn push(&mut self, kind: Operation) {
        if kind.can_be_handed_on() {
            self.kinds.push(kind);
        } else {
            self.unknown = true;
        }
    }

    /// The operation of a call in the fn's body. `self.shards.read()` is std's lock there too,
    /// if the checked code declares no method of that name, which only the whole workspace can
    /// tell: the lock methods called are kept for [`crate::index::WorkspaceIndex::build`].
    fn operation_of(&mut self, call: &syn::Expr) -> Operation {
        match lock_method(call) {
            Some(method) => {
                self.locks = self.locks.with(method);
                Operation::Poisoned
            }
            None => operation(call),
        }
    }

    fn visit_handler(&mut self, scrutinee: &syn::Expr, visit: impl FnOnce(&mut Self)) {
        let kind = self.operation_of(scrutinee);
        self.handling.push(kind);
        visit(self);
        self.handling.pop();
    }
}

impl<'ast> Visit<'ast> for Sources<'ast> {
    fn visit_expr(&mut self, expr: &'ast syn::Expr) {
        if self.hidden {
            return;
        }
        match expr {
            // Their code runs at another time, and their errors are theirs.
            syn::Expr::Closure(_) | syn::Expr::Async(_) => {}
            syn::Expr::Try(try_expr) => {
                self.value(&try_expr.expr);
                visit::visit_expr(self, expr);
            }
            syn::Expr::Return(ret) => {
                if let Some(value) = &ret.expr {
                    for value in tail_values(value) {
                        self.value(value);
                    }
                }
                visit::visit_expr(self, expr);
            }
            syn::Expr::Call(call) if is_variant(&call.func, "Err") => {
                self.built_error();
                visit::visit_expr(self, expr);
            }
            syn::Expr::Match(matched) => {
                self.visit_expr(&matched.expr);
                for arm in &matched.arms {
                    if err_pattern(&arm.pat).is_some() {
                        self.visit_handler(&matched.expr, |sources| sources.visit_arm(arm));
                    } else if is_none_pattern(&arm.pat) && reads_own_state(&matched.expr) {
                        // `match &self.addr { .., None => Err(E::NotSet) }`: a getter's
                        // `.ok_or(E::NotSet)` written out.
                        self.handling.push(Operation::Absent);
                        self.visit_arm(arm);
                        self.handling.pop();
                    } else {
                        self.visit_arm(arm);
                    }
                }
            }
            syn::Expr::If(if_expr) => match &*if_expr.cond {
                // `if let Some(client) = NOSTR_CLIENT.get() { Ok(client) } else { Err(..) }`:
                // the same getter, as `if let`.
                syn::Expr::Let(let_expr)
                    if is_some_pattern(&let_expr.pat) && reads_own_state(&let_expr.expr) =>
                {
                    self.visit_expr(&let_expr.expr);
                    self.visit_block(&if_expr.then_branch);
                    if let Some((_, otherwise)) = &if_expr.else_branch {
                        self.handling.push(Operation::Absent);
                        self.visit_expr(otherwise);
                        self.handling.pop();
                    }
                }
                syn::Expr::Let(let_expr) if err_pattern(&let_expr.pat).is_some() => {
                    self.visit_expr(&let_expr.expr);
                    self.visit_handler(&let_expr.expr, |sources| {
                        sources.visit_block(&if_expr.then_branch);
                    });
                    if let Some((_, otherwise)) = &if_expr.else_branch {
                        self.visit_expr(otherwise);
                    }
                }
                _ => visit::visit_expr(self, expr),
            },
            _ => visit::visit_expr(self, expr),
        }
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let Some(init) = &local.init else {
            return;
        };
        self.visit_expr(&init.expr);
        if let Some((_, otherwise)) = &init.diverge {
            if is_some_pattern(&local.pat) && reads_own_state(&init.expr) {
                // `let Some(group) = self.groups.get_mut(&id) else { return Err(E::Invalid) }`:
                // the same getter, as `let .. else` (OpenTalk's `get_whisper_group`).
                self.handling.push(Operation::Absent);
                self.visit_expr(otherwise);
                self.handling.pop();
            } else if is_some_pattern(&local.pat) && !drops_an_error(&init.expr) {
                // `let Some(ctx) = req.extensions().get::<AuthContext>() else { return
                // Err(E::ExtensionNotFound) }`: an error built from nothing, as in the `if let`
                // form.
                self.visit_expr(otherwise);
            } else {
                // `let Ok(x) = expr else { return Err(..) }`.
                self.visit_handler(&init.expr, |sources| sources.visit_expr(otherwise));
            }
        }
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        match macro_name(mac).as_deref() {
            Some(name) if ends_in_an_error(name) || name == "ensure" => self.built_error(),
            Some(name) if is_quiet(name) => {}
            _ => {
                self.unknown = true;
                self.hidden = true;
            }
        }
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        self.logged.push(false);
        for stmt in &block.stmts {
            self.visit_stmt(stmt);
            if is_a_log_statement(stmt)
                && let Some(logged) = self.logged.last_mut()
            {
                *logged = true;
            }
        }
        self.logged.pop();
    }

    fn visit_item(&mut self, _: &'ast syn::Item) {}
}

/// `error!("cannot reach {host}: {e}");`, also `tracing::warn!(..)`, `eprintln!(..)`: a failure
/// logged as one (see [`is_a_failure_log`]).
fn is_a_log_statement(stmt: &syn::Stmt) -> bool {
    let mac = match stmt {
        syn::Stmt::Macro(mac) => &mac.mac,
        syn::Stmt::Expr(syn::Expr::Macro(mac), _) => &mac.mac,
        _ => return false,
    };
    is_a_failure_log(mac)
}

/// A log macro that says something failed, not a note of progress (`info!("starting the
/// sync")`) nor a detail for whoever debugs (`debug!("{error}")`).
fn is_a_failure_log(mac: &syn::Macro) -> bool {
    macro_name(mac).is_some_and(|name| {
        matches!(
            name.as_str(),
            "error" | "warn" | "eprintln" | "eprint" | "log_error" | "log_warn"
        )
    })
}

/// `.inspect_err(|e| error!("..: {e}"))`, `.map_err(|e| { warn!(%e, ".."); e })`: the error
/// itself logged as a failure in the expression, which a fn that hands it on has reported (a
/// log of the path alone, or at debug level, is not; see [`reports_its_error`] for what a
/// caller may drop after its own log).
fn logs_its_failure(expr: &syn::Expr) -> bool {
    logged_on_its_way(expr, true)
}

/// Whether `expr` reads the fn's own state: `self`, `&self.addr`, `self.cells.get(id)`, or a
/// static set once, asked without arguments (`NOSTR_CLIENT.get()`; not a table searched for
/// the input, `NAMES.iter().position(|name| *name == word)`).
fn reads_own_state(expr: &syn::Expr) -> bool {
    fn reads(expr: &syn::Expr, with_arguments: bool) -> bool {
        match peel(expr) {
            syn::Expr::Path(path) => {
                path.path.is_ident("self")
                    || (!with_arguments
                        && path
                            .path
                            .segments
                            .last()
                            .is_some_and(|last| names_a_constant(&last.ident)))
            }
            syn::Expr::Field(field) => reads(&field.base, with_arguments),
            syn::Expr::MethodCall(call) => {
                reads(&call.receiver, with_arguments || !call.args.is_empty())
            }
            _ => false,
        }
    }
    reads(expr, false)
}

/// `call().ok()`: an `Option` made of a `Result` by dropping its error.
fn drops_an_error(expr: &syn::Expr) -> bool {
    matches!(peel_outcome(expr), syn::Expr::MethodCall(call) if call.method == "ok")
}

/// `Some(..)`, `Option::Some(..)`.
fn is_some_pattern(pat: &syn::Pat) -> bool {
    matches!(pat, syn::Pat::TupleStruct(some)
        if some.path.segments.last().is_some_and(|last| last.ident == "Some"))
}

/// `None`, `Option::None`.
fn is_none_pattern(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Ident(ident) => ident.ident == "None" && ident.subpat.is_none(),
        syn::Pat::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|last| last.ident == "None"),
        _ => false,
    }
}

/// Macros evaluated at compile time, or that build an error value without returning it.
const COMPILE_TIME_MACROS: &[&str] = &[
    "concat",
    "stringify",
    "matches",
    "env",
    "include_str",
    "include_bytes",
    "cfg",
    "line",
    "file",
    "column",
    "module_path",
    "anyhow",
    "eyre",
];

/// `.map_err(|e| warn!("..: {e}"))`, `.inspect_err(|e| ..)`: the error is reported in the
/// expression itself, and what is dropped afterwards is only the outcome. Also on a future
/// (`TryFutureExt`), before its `.await`: `.send().inspect_err(|e| error!(..)).await`.
pub(crate) fn reports_its_error(expr: &syn::Expr) -> bool {
    logged_on_its_way(expr, false)
}

/// Whether a `map_err`/`inspect_err` closure in `expr`'s chain logs the error it is given: any
/// log in a closure that uses the error (any `inspect_err` at all), or, `as_a_failure`, a
/// warning or an error that names the error itself (see [`is_a_failure_log`]); or a fn or
/// method named for logging its error does (`.map_err(log_err)`, `.log_err()`).
fn logged_on_its_way(expr: &syn::Expr, as_a_failure: bool) -> bool {
    let call = match peel(expr) {
        syn::Expr::MethodCall(call) => call,
        syn::Expr::Await(awaited) => return logged_on_its_way(&awaited.base, as_a_failure),
        _ => return false,
    };
    let method = call.method.to_string();
    let closure_logs = |closure: &syn::ExprClosure| {
        let Some(syn::Pat::Ident(binding)) = closure.inputs.first() else {
            return false;
        };
        let error = &binding.ident;
        let logs = |mac: &syn::Macro| {
            if as_a_failure {
                is_a_failure_log(mac) && macro_mentions(mac, error)
            } else {
                macro_name(mac).is_some_and(|name| is_log_macro(&name))
            }
        };
        ((as_a_failure || mentions(&*closure.body, error))
            && any_node(
                &*closure.body,
                Descend::Body,
                |node| matches!(node, Node::Macro(mac) if logs(mac)),
            ))
            || (!as_a_failure && records_and_answers_nothing(&closure.body, error))
    };
    let logs = match method.as_str() {
        name if inspects_the_error(name) && !as_a_failure => true,
        // `.log_err()`, `.err_log()`, `.log_error()`: a method of the checked code's own, on a
        // `Result`, named for what it does (tuwunel's `LogErr`, an `inspect_err` that logs).
        _ if names_logging_its_error(&method) => true,
        // err_trail's `ErrContext`: `.error(|e| format!("opening {path}: {e}"))`,
        // `.warn("..")` log the error with the context given, and hand the result on.
        "error" | "warn" | "with_error" | "with_warn"
            if matches!(
                call.args.iter().map(peel).collect::<Vec<_>>()[..],
                [syn::Expr::Closure(_) | syn::Expr::Lit(_)]
            ) =>
        {
            true
        }
        name if inspects_the_error(name) || name == "map_err" => {
            match call.args.first().map(peel) {
                Some(syn::Expr::Closure(closure)) => closure_logs(closure),
                // `.map_err(log_err)`: a fn named for logging the error it is given, as the method
                // `.log_err()` is (readyset's `fn log_err<E: Display>(e: E) -> E`).
                Some(syn::Expr::Path(path)) => path
                    .path
                    .segments
                    .last()
                    .is_some_and(|last| names_logging_its_error(&last.ident.to_string())),
                _ => false,
            }
        }
        _ => false,
    };
    logs || logged_on_its_way(&call.receiver, as_a_failure)
}

/// Whether a closure's body hands the error, or its text, to a method of a value that collects
/// them, and answers nothing itself: `|err| { bp.build_error(id, err); }`, `|e| {
/// report.push(format!("..: {e}")); }`. The `Result` left holds `()`: nothing is lost after it.
fn records_and_answers_nothing(body: &syn::Expr, error: &syn::Ident) -> bool {
    let syn::Expr::Block(block) = peel(body) else {
        return false;
    };
    let statements = &block.block.stmts;
    !statements.is_empty()
        && statements
            .iter()
            .all(|statement| matches!(statement, syn::Stmt::Expr(_, Some(_)) | syn::Stmt::Macro(_)))
        && statements.iter().any(|statement| {
            matches!(statement, syn::Stmt::Expr(syn::Expr::MethodCall(call), Some(_))
                if !mentions(&*call.receiver, error)
                    && call.args.iter().any(|arg| mentions(arg, error)))
        })
}

/// Whether a method's name says it logs the error of the `Result` it is called on: among the
/// words of its snake-case name are `log` and `err` or `error` (`log_err`, `err_debug_log`).
fn names_logging_its_error(method: &str) -> bool {
    has_a_word(method, &["log"]) && has_a_word(method, &["err", "error"])
}

/// Whether a macro of this name neither hides a `?` nor returns an error: a log, a panic, an
/// assertion, a `format!` or `vec!`, a compile-time one. `write!` is the writer's `Result`.
fn is_quiet(name: &str) -> bool {
    is_log_macro(name)
        || is_panic_macro(name)
        || (evaluates_its_arguments(name) && !writes(name))
        || COMPILE_TIME_MACROS.contains(&name)
}

/// The call whose error `expr` is, through the adapters that rename it (`map_err`, `context`,
/// `with_context`, `wrap_err`, `into`), and whether it is awaited on the way; `opt.ok_or(..)`,
/// `opt.ok_or_else(..)` are absences (`None`), and so is anyhow's `.context(..)` of a lookup
/// in memory (`self.tables.get(&id).map(|t| t.name.clone()).with_context(|| ..)`).
fn renamed_call(expr: &syn::Expr) -> Option<(&syn::Expr, bool)> {
    let mut expr = peel(expr);
    let mut awaited = false;
    loop {
        let inner = match expr {
            syn::Expr::Await(inner) => {
                awaited = true;
                &inner.base
            }
            syn::Expr::MethodCall(call) => match call.method.to_string().as_str() {
                "ok_or" | "ok_or_else" => return None,
                "context" | "with_context" if looks_up_in_memory(&call.receiver) => return None,
                "change_context" | "into" | "err_into" => &call.receiver,
                name if hands_the_error_on(name) => &call.receiver,
                _ => return Some((expr, awaited)),
            },
            _ => return Some((expr, awaited)),
        };
        expr = peel(inner);
    }
}

/// Whether `expr` is an `Option` from a lookup in memory, not awaited: a map's or a slice's
/// `.get(key)`/`.get_mut(key)`, `.first()`/`.last()`, an iterator's `.find(..)`, through
/// `Option`'s own adapters (`.map(..)`, `.cloned()`, `.copied()`, `.as_ref()`).
fn looks_up_in_memory(expr: &syn::Expr) -> bool {
    let mut expr = peel(expr);
    loop {
        let syn::Expr::MethodCall(call) = expr else {
            return false;
        };
        match (call.method.to_string().as_str(), call.args.len()) {
            ("map" | "filter", 1) | ("cloned" | "copied" | "as_ref" | "as_deref", 0) => {
                expr = peel(&call.receiver);
            }
            ("get" | "get_mut", 1) | ("first" | "last", 0) => return true,
            ("find", 1) => {
                return matches!(peel(&call.receiver), syn::Expr::MethodCall(iter)
                    if iter.method == "iter" || iter.method == "into_iter" || iter.method == "values");
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(body: &str) -> Operation {
        let block: syn::Block = syn::parse_str(body).expect("a block");
        read_handed_on(&block).error
    }

    #[test]
    fn a_future_returned_hands_on_what_its_body_does() {
        assert_eq!(
            kind(
                "{ let location = Location::caller(); async move { \
                 timeout(limit, self.inner.write()).await.map_err(|_| E::timeout(location)) } }"
            ),
            Operation::Timeout
        );
        // Something before it may fail on its own.
        assert_eq!(
            kind(
                "{ let limit = load_limit()?; async move { \
                 timeout(limit, self.inner.write()).await.map_err(|_| E::Timeout) } }"
            ),
            Operation::Other
        );
    }

    #[test]
    fn a_getter_of_own_state_answers_absent() {
        assert_eq!(
            kind(
                "{ let Some(group) = self.groups.get_mut(&id) else { \
                 return Err(E::InvalidId); }; Ok(group) }"
            ),
            Operation::Absent
        );
        // A store asked is not the fn's own state.
        assert_eq!(
            kind(
                "{ let Some(group) = store.group(&id).await? else { \
                 return Err(E::InvalidId); }; Ok(group) }"
            ),
            Operation::Other
        );
    }

    #[test]
    fn a_question_to_the_file_system_answered_with_a_status_is_a_file_probe() {
        assert_eq!(
            kind(
                "{ match std::fs::metadata(p) { Ok(m) => Ok((m, true)), \
                 Err(err) => { tracing::debug!(?err); Err(StatusCode::NOT_FOUND) } } }"
            ),
            Operation::FileProbe
        );
    }

    #[test]
    fn a_renamed_error_is_its_operations() {
        assert_eq!(
            kind("{ SystemTime::now().duration_since(UNIX_EPOCH).map_err(internal) }"),
            Operation::IntegerConversion
        );
        assert_eq!(
            kind("{ let s = serde_json::to_string(self).context(\"json\")?; Ok(s) }"),
            Operation::Serialization
        );
        assert_eq!(kind("{ Ok(std::env::var(\"KEY\")?) }"), Operation::Setting);
    }

    #[test]
    fn a_lookup_in_memory_given_a_context_is_an_absence() {
        assert_eq!(
            kind(
                "{ self.tablet_to_table.get(&id).map(|(_, _, name)| name.clone()).with_context(|| format!(\"no table {id:?}\")) }"
            ),
            Operation::Absent
        );
        assert_eq!(
            kind("{ self.shards.iter().find(|s| s.id == id).context(\"no shard\") }"),
            Operation::Absent
        );
        // Awaited, or not a lookup: the call's own error.
        assert_ne!(
            kind("{ pool.get().await.context(\"no connection\") }"),
            Operation::Absent
        );
        assert_ne!(
            kind("{ self.client.fetch(&id).map(Row::name).context(\"fetch\") }"),
            Operation::Absent
        );
    }

    #[test]
    fn an_option_turned_into_an_error_is_an_absence() {
        assert_eq!(
            kind(
                "{ self.api_base.clone().or_else(|| std::env::var(\"BASE\").ok()).ok_or_else(|| anyhow!(\"no base\")) }"
            ),
            Operation::Absent
        );
        assert_eq!(
            kind("{ self.editor.clone().ok_or_else(|| anyhow!(\"no editor\")) }"),
            Operation::Absent
        );
        assert_eq!(
            kind(
                "{ let c = ASSETS.get(name).ok_or_else(|| anyhow!(\"unknown\"))?; Ok(Role::new(c)) }"
            ),
            Operation::Absent
        );
        assert_eq!(
            kind(
                "{ match self.cells.get(id) { Some(cell) => Ok(cell.clone()), None => Err(E::CellMissing) } }"
            ),
            Operation::Absent
        );
    }

    #[test]
    fn conversions_and_absences_together_are_a_conversion() {
        assert_eq!(
            kind(
                "{ let ids = HARSH.decode(id).map_err(|_e| \"bad\")?; \
                  let id = ids.first().ok_or(\"none\")?; Ok(*id) }"
            ),
            Operation::Conversion
        );
    }

    #[test]
    fn a_conversion_with_verdicts_of_the_fns_own_checks_its_input() {
        assert_eq!(
            kind("{ let n = s.parse::<u32>()?; if n == 0 { return Err(E::Zero) } Ok(n) }"),
            Operation::Conversion
        );
        assert_eq!(
            kind(
                "{ if nonce.len() != 34 { bail!(\"invalid nonce\"); } \
                  let n = std::str::from_utf8(nonce)?; Ok(n == EXPECTED) }"
            ),
            Operation::Conversion
        );
    }

    #[test]
    fn errors_logged_before_they_are_handed_on_are_reported() {
        assert_eq!(
            kind(
                "{ if let Err(e) = notifier.deliver(message) { error!(\"failed: {e}\"); \
                  return Err(true); } Ok(()) }"
            ),
            Operation::Reported
        );
        assert_eq!(
            kind("{ let rows = db.query(q).inspect_err(|e| warn!(%e, \"query\"))?; Ok(rows) }"),
            Operation::Reported
        );
        // A log of the path alone, or a detail at debug level, does not report the error.
        assert_ne!(
            kind(
                "{ let seed = fs::read(path).map_err(|e| { error!(\"cannot read {path}\"); e })?; \
                  Ok(seed) }"
            ),
            Operation::Reported
        );
        assert_ne!(
            kind("{ value.to_t().map_err(|error| { debug!(\"{error}\"); error }) }"),
            Operation::Reported
        );
        // A note of progress is no report of the failure, nor is a log in another block.
        assert_ne!(
            kind("{ info!(\"dispatching\"); if bad { return Err(E::Bad) } Ok(()) }"),
            Operation::Reported
        );
        assert_ne!(
            kind("{ warn!(\"slow\"); if bad { return Err(E::Bad) } Ok(()) }"),
            Operation::Reported
        );
        assert_ne!(
            kind(
                "{ let x = fetch()?; if let Err(e) = store(x) { error!(\"{e}\"); \
                  return Err(E::Store) } Ok(()) }"
            ),
            Operation::Reported
        );
    }

    #[test]
    fn errors_of_the_fns_own_are_a_verdict() {
        assert_eq!(
            kind("{ if self.down.load(Relaxed) { return Err(StoreError::Unavailable); } Ok(()) }"),
            Operation::Verdict
        );
        assert_eq!(
            kind("{ if n > MAX { bail!(\"too big\") } Ok(n) }"),
            Operation::Verdict
        );
        assert_eq!(
            kind(
                "{ let id = ids.first().ok_or(E::None)?; if *id == 0 { return Err(E::Zero) } Ok(*id) }"
            ),
            Operation::Verdict
        );
        assert_eq!(
            kind(
                "{ match &self.kind { Kind::Mfa(pw) => Ok(pw.clone()), \
                  _ => Err(E::InvalidState(\"not MFA\".to_string())) } }"
            ),
            Operation::Verdict
        );
        // With a failure of the world outside, it is that failure's.
        assert_eq!(
            kind("{ let row = db.fetch(id)?; if row.gone { return Err(E::Gone) } Ok(row) }"),
            Operation::Other
        );
    }

    #[test]
    fn any_other_operation_makes_the_fn_unknown() {
        assert_eq!(
            kind("{ let row = db.fetch(id).await?; row.name.parse().map_err(Into::into) }"),
            Operation::Other
        );
        assert_eq!(
            kind("{ let c = read_to_string(p)?; Ok(c.parse()?) }"),
            Operation::Other
        );
        // Another fn of the checked code: its body is not read here.
        assert_eq!(kind("{ self.algo.digest(k)?; Ok(()) }"), Operation::Other);
        // A macro may hide a `?`.
        assert_eq!(kind("{ try_all!(a, b); Ok(()) }"), Operation::Other);
        // A channel send hands its message back; a local is not an operation.
        assert_eq!(kind("{ tx.send(m).map_err(|_| Closed) }"), Operation::Other);
        assert_eq!(kind("{ let r = s.parse(); r }"), Operation::Other);
    }

    #[test]
    fn an_error_handled_and_rebuilt_is_the_handled_operations() {
        assert_eq!(
            kind("{ let Ok(n) = s.parse::<u32>() else { return Err(E::NotANumber) }; Ok(n) }"),
            Operation::Conversion
        );
        assert_eq!(
            kind("{ if let Err(e) = timeout(d, f).await { return Err(E::Slow) } Ok(()) }"),
            Operation::Timeout
        );
    }

    #[test]
    fn a_getter_of_a_static_as_if_let_is_an_absence() {
        assert_eq!(
            kind(
                "{ if let Some(client) = NOSTR_CLIENT.get() { Ok(client) } else { Err(E::NotSet) } }"
            ),
            Operation::Absent
        );
        // A lookup in something else may stand for a failure it built.
        assert_eq!(
            kind("{ if let Some(row) = db.find(id) { Ok(row) } else { Err(E::Missing) } }"),
            Operation::Verdict
        );
    }

    #[test]
    fn a_wrapper_delegates_to_the_one_call_whose_error_it_hands_on() {
        let delegated = |body: &str| {
            let block: syn::Block = syn::parse_str(body).expect("a block");
            read_handed_on(&block).delegate.map(|(call, awaited)| {
                let syn::Expr::MethodCall(call) = call else {
                    return (String::new(), awaited);
                };
                (call.method.to_string(), awaited)
            })
        };
        assert_eq!(
            delegated("{ self.get_balances(r).map(|(_, s)| s) }"),
            Some(("get_balances".to_owned(), false))
        );
        assert_eq!(
            delegated(
                "{ let balance = self.inner.lock().unwrap().balance(); \
                 self.get_balances_inner(balance, r) }"
            ),
            Some(("get_balances_inner".to_owned(), false))
        );
        assert_eq!(
            delegated("{ let v = self.client.fetch(id).await.context(\"fetch\")?; Ok(v) }"),
            Some(("fetch".to_owned(), true))
        );
        // Another source beside it, or two calls: the body says what it hands on, or nothing.
        assert_eq!(
            delegated("{ let n = s.parse::<u32>()?; self.store(n) }"),
            None
        );
        assert_eq!(delegated("{ self.load()?; self.store() }"), None);
    }

    #[test]
    fn a_lock_handed_on_is_poisoned_with_its_method() {
        let block: syn::Block =
            syn::parse_str("{ Ok(*self.replicas.read().map_err(E::lock)?) }").expect("a block");
        assert_eq!(
            {
                let handed = read_handed_on(&block);
                (handed.error, handed.locks)
            },
            (
                Operation::Poisoned,
                LockMethods::named("read").expect("a lock method")
            )
        );
        assert_eq!(
            kind(
                "{ match self.state.lock() { Ok(state) => Ok(state.id), Err(_) => Err(E::Lock) } }"
            ),
            Operation::Poisoned
        );
    }

    #[test]
    fn a_body_without_errors_says_nothing() {
        assert_eq!(kind("{ Ok(self.items.len()) }"), Operation::Other);
        assert_eq!(kind("{}"), Operation::Other);
    }

    #[test]
    fn an_alternatives_errors_are_the_fns() {
        assert_eq!(
            kind(
                "{ let w = caps.ok_or(E::Invalid)?; \
                  Uuid::parse_str(&w).or_else(|_| { txn.name2uuid(&w)?.ok_or(E::NoMatch) }) }"
            ),
            Operation::Other
        );
        assert_eq!(
            kind("{ s.parse::<u32>().or_else(|_| s.trim().parse::<u32>()) }"),
            Operation::Conversion
        );
    }

    #[test]
    fn a_closures_errors_are_the_closures() {
        assert_eq!(
            kind("{ let f = |x: &str| -> Result<u8, E> { Ok(db.get(x)?) }; Ok(p.parse::<u8>()?) }"),
            Operation::Conversion
        );
    }
}
