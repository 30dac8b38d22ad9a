//! The one traversal every rule shares: it keeps the context rules ask about (the enclosing
//! function and its return type, the impl's type, whether this is test code, which
//! `#[onus::allow]` attributes are in force), collects the file's index fragment, and calls each
//! enabled rule's hooks on the statements, expressions, macros and items it passes.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use quote::ToTokens;
use syn::ext::IdentExt as _;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};

use crate::config::Config;
use crate::expand;
use crate::finding::{Finding, SpanRange};
use crate::generated::is_generated_module;
use crate::index::{
    Call, Carries, Cond, FieldType, FnDecl, IndexFragment, RetKind, TypeDecl, UNIT_ERROR,
    own_type_name, says_only_that_it_failed, value_type,
};
use crate::known_fallible::CallNames;
use crate::paths::{ItemPath, ModuleScope};
use crate::startup::{Site, Uses};
use crate::syntax::attrs::{
    derives, doc_lines, instruments_its_error, is_cfg_for_tests, is_test_attr, item_attrs,
};
use crate::syntax::calls::{Types, call_of, error_not_of, field_of, result_conds};
use crate::syntax::explanations::{EXPLAINED_LINES, explains, may_explain};
use crate::syntax::handlers::{
    Ending, Handling, block_ending, block_ends_in_a_panic, block_ends_in_error, block_handling,
    ending, is_catch_unwind, logs_the_error,
};
use crate::syntax::http::is_a_5xx_builder;
use crate::syntax::macros::{
    evaluates_its_arguments, is_a_write_method, is_panic_macro, select_branches, write_destination,
};
use crate::syntax::nodes::{
    INTEGERS, binds_errors_to_infallible, block_value, is_string_type, last_ident, macro_name,
    peel, peel_outcome, result_error_type, segment_names, tail_values, type_name,
};
use crate::syntax::operations::{
    FILE_IO, Operation, Operations, gives_an_opened_file, hands_the_error_on, inspects_the_error,
    is_written, keeps_the_error, names_a_lock_type, operation_of_error_type, operation_with,
    reaches_outside_the_process, reaches_the_os, run_of_a_process, sends_an_sdk_request,
};
use crate::syntax::patterns::{
    ErrInner, ErrPattern, err_pattern, is_catch_all_binding, is_ok_pattern,
};
use crate::syntax::text::{error_text, is_string_literal, reads_as_an_error};
use crate::syntax::visitors::{Descend, Node, Root, any_node};
use crate::test_code::is_test_support;

/// The hooks a rule registers. Each is called on every node of its kind outside test code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hooks {
    pub(crate) stmt: Option<fn(&mut Cx<'_>, &syn::Stmt)>,
    pub(crate) expr: Option<fn(&mut Cx<'_>, &syn::Expr)>,
    /// Macro invocations in expression or statement position.
    pub(crate) mac: Option<fn(&mut Cx<'_>, &syn::Macro)>,
    pub(crate) item: Option<fn(&mut Cx<'_>, &syn::Item)>,
    /// Classified types (`#[derive(Classify)]` enums and structs), read once by the walker with
    /// the catalog's extractor and shared by every rule that checks declarations.
    pub(crate) declared: Option<fn(&mut Cx<'_>, &crate::catalog::Extracted)>,
    /// The rule's id and the lints of other tools whose `#[expect]` holds it back (the rules
    /// fill it in: see `RuleInfo::allowed_by`).
    pub(crate) allowed_by: (&'static str, &'static [&'static str]),
    /// Whether a comment that explains letting the error go holds the rule's findings back,
    /// also in the documentation of a fn of one statement (the rules fill it in).
    pub(crate) explained_by_comments: bool,
}

impl Hooks {
    /// No hooks: the base a rule's `Hooks { expr: Some(..), ..Hooks::NONE }` starts from.
    pub(crate) const NONE: Self = Self {
        stmt: None,
        expr: None,
        mac: None,
        item: None,
        declared: None,
        allowed_by: ("", &[]),
        explained_by_comments: false,
    };
}

/// A finding that still depends on the workspace index.
#[derive(Debug)]
pub(crate) struct Candidate {
    pub(crate) finding: Finding,
    /// Every condition must hold for the finding to be reported.
    pub(crate) requires: Vec<Cond>,
    /// Every condition must hold for the suggestion to be kept.
    pub(crate) suggestion_requires: Vec<Cond>,
    /// The innermost `#[onus::allow]` in force for this rule, as an index into
    /// [`Cx::attr_suppressions`].
    pub(crate) suppressed_by: Option<usize>,
    /// Withdrawn by a later look at the enclosing fn.
    pub(crate) retracted: bool,
}

/// One `#[onus::allow(rule, .., reason = "..")]` attribute.
#[derive(Debug)]
pub(crate) struct AttrSuppression {
    /// The attribute.
    pub(crate) span: SpanRange,
    /// The rule ids it names, with their spans.
    pub(crate) rules: Vec<(String, SpanRange)>,
    pub(crate) has_reason: bool,
    /// An `#[expect]` of another tool's lint that says the same as a rule of ours
    /// (`#[expect(clippy::panic)]`): the team's decision, never a problem itself.
    pub(crate) explains: bool,
}

/// Whether a fn is a trait's method: declared in the trait (with its default body, if any), or
/// one type's impl of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OfATrait {
    No,
    Default,
    Impl,
    /// One type's impl of a trait whose error it declares can never be (`type Error =
    /// Infallible;`): a method answering `Result<_, Self::Error>` returns no error.
    ImplWithoutError,
}

/// Whether a predicate's `match` answers `true` for every error, keeping it: `match r { Ok(m)
/// => m.end > x, Err(_) => true }`.
fn keeps_its_errors(body: &syn::Expr) -> bool {
    let syn::Expr::Match(matched) = peel(body) else {
        return false;
    };
    matched.arms.iter().any(|arm| {
        err_pattern(&arm.pat).is_some_and(|pattern| pattern.guard.is_none())
            && matches!(peel(&arm.body), syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Bool(kept),
                ..
            }) if kept.value)
    })
}

/// Whether a trait's impl declares its error a type that has no value: `type Error =
/// std::convert::Infallible;`, `type Error = !;`.
fn declares_no_error(item: &syn::ItemImpl) -> bool {
    item.items.iter().any(|impl_item| {
        matches!(impl_item, syn::ImplItem::Type(declared)
            if declared.ident == "Error" && has_no_value(&declared.ty))
    })
}

/// The error type a fn is declared to fail with: `E` of `-> Result<T, E>`, also through a
/// future's output.
fn declared_error(output: &syn::ReturnType) -> Option<&syn::Type> {
    match output {
        syn::ReturnType::Type(_, ty) => value_type(ty).and_then(result_error_type),
        syn::ReturnType::Default => None,
    }
}

/// Whether a fn is declared to fail with a type that has no value: `-> Result<T, Infallible>`.
fn fails_with_infallible(output: &syn::ReturnType) -> bool {
    declared_error(output).is_some_and(has_no_value)
}

/// `std::convert::Infallible`, `!`: a type no value can have.
fn has_no_value(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Never(_) => true,
        syn::Type::Path(path) => {
            path.qself.is_none()
                && path
                    .path
                    .segments
                    .last()
                    .is_some_and(|last| last.ident == "Infallible")
        }
        _ => false,
    }
}

/// Whether a fn is declared to fail with its impl's error: `-> Result<(), Self::Error>`.
fn fails_with_self_error(output: &syn::ReturnType) -> bool {
    declared_error(output).is_some_and(|error| {
        matches!(error, syn::Type::Path(path)
            if path.qself.is_none()
                && path.path.segments.len() == 2
                && path.path.segments[0].ident == "Self"
                && path.path.segments[1].ident == "Error")
    })
}

/// What the rules know about the function or closure they are in.
#[derive(Debug, Clone)]
pub(crate) struct FnCx {
    /// The declared return type; a closure without one is `NotResult` for the rules' purposes.
    pub(crate) ret: RetKind,
    /// The fn's name, `None` for closures and async blocks.
    pub(crate) name: Option<String>,
    /// A closure or async block: `?` and `return` there do not leave the enclosing fn.
    pub(crate) is_closure: bool,
    /// The declared return type is `Result<_, String>`: its errors are text.
    pub(crate) returns_string_error: bool,
    /// Declared to fail with a type parameter of its own that no bound lets it build
    /// (`fn retry<T, E>(op: impl FnMut() -> Result<T, E>, ..) -> Result<T, E>`): it can hand on
    /// its callees' errors, never make one.
    pub(crate) cannot_make_its_error: bool,
    /// A shell's completion of a word on the command line (`fn complete_datastore_name(arg:
    /// &str, param: &HashMap<String, String>) -> Vec<String>`, a `complete_*` fn given the word
    /// and answering candidates): it has no room for an error, and printing one would corrupt
    /// the shell's output. What it cannot list, it leaves out.
    pub(crate) completes_a_word: bool,
    /// Declared `-> bool`: a predicate, whose answer is yes or no.
    pub(crate) is_predicate: bool,
    /// Declared `-> Ordering` (or `Option<Ordering>`): a comparator, whose answer is an order.
    pub(crate) compares: bool,
    /// A method of `impl Trait for T`: its signature is the trait's, not this fn's choice.
    pub(crate) implements_trait: bool,
    /// A conversion trait's method (`from_str` of `FromStr`, `try_from` of `TryFrom`,
    /// `deserialize` of `Deserialize`) that stays inside the process: every error it answers
    /// says its input is not the value it makes.
    pub(crate) converts_its_input: bool,
    /// The program's entry point: a free `fn main`, or a fn a runtime's attribute makes one
    /// (`#[tokio::main]`, `#[actix_web::main]`): a panic there ends the process with its
    /// message, as the error returned would.
    pub(crate) is_entry_point: bool,
    /// The closure a thread starts with (`thread::spawn(move || ..)`, `Builder::spawn`): the
    /// outermost frame of that thread, whose panic would end it.
    pub(crate) starts_a_thread: bool,
    /// The panic hook (`panic::set_hook(Box::new(|info| ..))`): it runs as a panic unwinds, so
    /// a panic in it aborts the process, and what it catches only decorates its report.
    pub(crate) hooks_panics: bool,
    /// A task or thread the entry point starts in its own body (`tokio::spawn(async move {
    /// loop { run(..).await } })` in `main`): the calls in it start with the program, as the
    /// entry point's own do (see [`crate::startup`]).
    starts_with_the_program: bool,
    /// How many loops of its own body are being visited: a task started in one
    /// (`for stream in listener.incoming() { thread::spawn(..) }`) is started for each round.
    loops: u32,
    /// Its documentation has a `# Panics` section (clippy's `missing_panics_doc` asks for
    /// one): a panic in it is part of the contract its callers were told of.
    pub(crate) documents_its_panics: bool,
    /// A logger: the fn takes a log record or level (`record: &Record`, tracing's `event:
    /// &Event<'_>`, `level: log::Level`). Its own writes have no log left to report their
    /// failure to.
    pub(crate) is_a_logger: bool,
    /// An async fn, a handler, one of whose parameters is an extractor named for admins
    /// (`_admin: AdminRole`, `user: AdminUser`), which turns everyone else away before the body
    /// runs.
    pub(crate) admits_only_admins: bool,
    /// Whole-fn judgements rules deferred to the end of the fn, with the candidates each one
    /// retracts when it holds (see [`Cx::retract_at_fn_end`]).
    deferred: Vec<Deferred>,
    /// Parameters and locals whose kind matters to the rules, latest binding last.
    locals: Vec<Local>,
    /// How many of the blocks being visited in this fn end by returning an error
    /// (`{ ..; return Err(e) }`): their statements are on the way out of a failure.
    failing_blocks: u32,
    /// How many of those are branches inside the fn, not its body: a fn whose body ends in
    /// `Err(..)` (a retry that gives up) is not on the way out of a failure all along.
    failing_branches: u32,
    /// The fn's own body has been entered: any block visited from now on is inside it.
    in_body: bool,
    /// How many of the error handlers being visited log the error they bind (`Err(e) => {
    /// warn!(%e, ..); let _ = reply_error(..); }`) or hand it on (`Err(e) => { let _ =
    /// cleanup(); Retry(e) }`): the rest of what they do is on the way out of a failure that was
    /// reported or is handed on.
    reporting_handlers: u32,
    /// How many of the first [`FnCx::locals`] are its parameters (those whose type or kind
    /// matters): values its caller made.
    parameters: usize,
    /// The inputs a conversion handed on with `?` has read so far in this fn, as tokens
    /// (`req.dev_eui` of `EUI64::from_str(&req.dev_eui).map_err(..)?`): they are known to be
    /// well-formed below it.
    validated_inputs: Vec<String>,
}

impl FnCx {
    /// Whether a task or thread this fn starts here starts once, with the program: it is the
    /// entry point, and not in one of its loops.
    fn starts_tasks_once(&self) -> bool {
        self.is_entry_point && self.loops == 0
    }

    /// A closure's or async block's context, with its declared return type and the locals its
    /// parameters bind; a named fn's starts from it.
    fn closure(ret: RetKind, locals: Vec<Local>) -> Self {
        Self {
            ret,
            name: None,
            is_closure: true,
            returns_string_error: false,
            cannot_make_its_error: false,
            completes_a_word: false,
            is_predicate: false,
            compares: false,
            implements_trait: false,
            converts_its_input: false,
            is_entry_point: false,
            starts_a_thread: false,
            hooks_panics: false,
            starts_with_the_program: false,
            loops: 0,
            documents_its_panics: false,
            is_a_logger: false,
            admits_only_admins: false,
            deferred: Vec::new(),
            locals,
            failing_blocks: 0,
            failing_branches: 0,
            in_body: false,
            reporting_handlers: 0,
            parameters: 0,
            validated_inputs: Vec::new(),
        }
    }
}

/// A parameter or `let` binding the rules ask about.
#[derive(Debug, Clone)]
struct Local {
    name: syn::Ident,
    kind: LocalKind,
    /// The type it was declared or built with (see [`named_type`]), for its methods.
    ty: Option<String>,
}

/// What a local holds, as far as syntax shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LocalKind {
    /// A `String` (`fmt::Write` into it cannot fail), or a parameter declared a writer of text
    /// (`out: &mut impl fmt::Write`).
    String,
    /// A `String` holding an error's text: `let msg = format!("..: {e}");` (see
    /// [`crate::syntax::text::reads_as_an_error`] for which names are errors).
    ErrorText,
    /// A `Result`, if these conditions hold once the workspace is indexed: `let x: Result<..>`,
    /// a `Result` parameter, or `let x = call();` where `call` may return one; and the operation
    /// that produced it (`let fut = timeout(..);`).
    Result(Vec<Cond>, Operation),
    /// A parameter that borrows a `Result` its caller holds (`response: &Result<Response,
    /// Error>`): what the fn does with it leaves the error with the caller.
    BorrowedResult,
    /// A response builder started with a 5xx status:
    /// `let mut resp = HttpResponseBuilder::new(StatusCode::INTERNAL_SERVER_ERROR);`. A later
    /// `resp.status(..)` is not followed: the builder is known by how it starts.
    Builder5xx,
    /// A parameter typed as an error, whatever its name: `cause: &DbError`, `impl Error`,
    /// `&dyn Error`, or `impl Display` in a fn named as an error answer
    /// (`fn internal_server_error(message: impl Display)`).
    Error,
    /// Bytes held in memory: `Vec::new()`, `Vec::with_capacity(n)`, `vec![]`. Writing into it
    /// cannot fail on I/O.
    Buffer,
    /// The receiving end of a channel, bound by `let (tx, rx) = oneshot::channel();` or declared
    /// `rx: oneshot::Receiver<T>`: awaiting it fails only when the sender is gone.
    Receiver,
    /// The sending end of a channel whose receiver the fn keeps (`let (reply, response) =
    /// oneshot::channel();`): sent away with a request, it brings the answer back. A request
    /// that was not delivered drops it, and the wait on the receiver ends with that failure.
    ReplySender,
    /// A file opened or created (`let file = File::create(&path).await?;`), or a reader or
    /// writer made over one (`BufWriter::new(file)`, `async_file_writer(file)`): its reads and
    /// writes are the operating system's, whose error (`io::Error`) has no cause below it.
    File,
    /// A value written in the code: `json!({..})`, `include_str!(..)`, a literal, a constant
    /// (see [`crate::syntax::operations::is_written`]). A conversion of it fails only if the code
    /// itself is wrong (see [`Operation::FixedInput`]).
    Written,
    /// A number (`let limit = u64::from(capacity)`, `let left = cap.saturating_sub(used)`,
    /// `let n: u32 = ..`): its text is digits, which a header value or a number parses.
    Number,
    /// Something else (a shadowing binding hides an earlier `String` or `Result` of its name).
    Other,
}

/// A check of the whole fn body a rule registered, and the candidates it retracts if it holds.
#[derive(Debug, Clone)]
struct Deferred {
    check: fn(&syn::Block) -> bool,
    candidates: Vec<usize>,
}

/// The per-file context the rules read and report into.
#[derive(Debug)]
pub(crate) struct Cx<'a> {
    pub(crate) config: &'a Config,
    /// The file, when checking files (for `panic_boundaries` path patterns).
    pub(crate) path: Option<&'a Path>,
    pub(crate) candidates: Vec<Candidate>,
    pub(crate) fragment: IndexFragment,
    pub(crate) attr_suppressions: Vec<AttrSuppression>,
    /// Another tool's lint and the rule of ours its `#[expect]` holds back
    /// (`clippy::unwrap_used` and `unwrap_in_fallible`), for the rules enabled.
    lint_allows: Vec<(&'static str, &'static str)>,
    /// Indexes into `attr_suppressions` of the attributes on the nodes we are inside.
    active_suppressions: Vec<usize>,
    fn_stack: Vec<FnCx>,
    impl_types: Vec<Option<String>>,
    /// For each impl we are in, whether its generics bind the services it wraps to fail with
    /// nothing (see [`binds_errors_to_infallible`]).
    impl_services_infallible: Vec<bool>,
    /// The path of each impl's type we are in, where it resolves (innermost last).
    impl_paths: Vec<Option<ItemPath>>,
    /// The modules we are in, innermost last; empty where the file's module is not known.
    scopes: Vec<ModuleScope>,
    /// The configuration's `opaque_errors`.
    opaque_errors: CallNames,
    /// How many `const { .. }` blocks, `const` and `static` items we are in: code there runs at
    /// compile time.
    const_depth: usize,
    /// The value of the `let` being visited, when its declared type is `String` (`let bucket:
    /// String = env::var(..)..parse().expect(..)`), compared by address only.
    text_let_value: Option<*const syn::Expr>,
    /// The names the patterns of the match arms we are in bind, and the parameters of the
    /// `map_err` closures, innermost last, and whether each binds an error that shows nothing of
    /// our internals (see [`Cx::binds_an_error_without_internals`]).
    arm_bindings: Vec<(syn::Ident, bool)>,
    /// For each `match` we are in, innermost last: what its scrutinee's error shows in its text.
    scrutinee_error_texts: Vec<ErrorText>,
    /// Calls with only written arguments that the conditions of the `if`s we are in checked
    /// are `Ok` (`if env::var("TLS_CERT").is_ok() { .. }`), as their tokens.
    checked_calls: Vec<String>,
    /// Where the file calls or names each fn, to know which run only at startup; recorded only
    /// in a file with an entry point (`None` elsewhere).
    uses: Option<Uses>,
    /// Candidates retracted if their fn runs only at startup (see [`crate::startup`]), with the
    /// fn's name.
    startup_candidates: Vec<(usize, String)>,
    /// How deep the walker is in generated code (see [`crate::generated`]): the whole file when
    /// it is marked so, or a module tonic-build wrote. Its declarations are indexed; nothing in
    /// it is reported.
    pub(crate) generated_depth: usize,
    /// Whether the macro the hooks see, as a statement or a block's value, carries its own
    /// `#[cfg(..)]` (`#[cfg(not(unix))] panic!("unsupported platform")`), or is inside a block
    /// that does (`#[cfg(not(unix))] { panic!(..) }`): it is compiled only for some platforms or
    /// features.
    pub(crate) macro_is_cfg_gated: bool,
    /// How many blocks with their own `#[cfg(..)]` the walker is in.
    cfg_gated_blocks: usize,
    /// How many branches taken only in a test or debug build the walker is in (`if
    /// cfg!(debug_assertions) { .. }`, `Err(e) if cfg!(test) => ..`): counted in
    /// `cfg_gated_blocks` too.
    debug_only_branches: usize,
    /// How many branches the walker is in where a panic asserts what the code knows (see
    /// [`Cx::in_an_asserting_branch`]).
    asserting_branches: usize,
    /// The crate roots of the binaries whose entry files are checked (see
    /// [`crate::paths::binary_root`]): a fn of one of their files may run only at startup,
    /// which the index tells once it has every file's calls.
    pub(crate) binaries: Option<&'a HashSet<ItemPath>>,
}

impl<'a> Cx<'a> {
    fn new(config: &'a Config, path: Option<&'a Path>) -> Self {
        Self {
            config,
            path,
            candidates: Vec::new(),
            fragment: IndexFragment::default(),
            attr_suppressions: Vec::new(),
            lint_allows: Vec::new(),
            active_suppressions: Vec::new(),
            fn_stack: Vec::new(),
            impl_types: Vec::new(),
            impl_services_infallible: Vec::new(),
            impl_paths: Vec::new(),
            scopes: Vec::new(),
            opaque_errors: CallNames::new(&config.opaque_errors),
            const_depth: 0,
            text_let_value: None,
            arm_bindings: Vec::new(),
            scrutinee_error_texts: Vec::new(),
            checked_calls: Vec::new(),
            uses: None,
            startup_candidates: Vec::new(),
            generated_depth: 0,
            macro_is_cfg_gated: false,
            cfg_gated_blocks: 0,
            debug_only_branches: 0,
            asserting_branches: 0,
            binaries: None,
        }
    }

    /// Retracts the candidate just reported if its fn runs only at the program's start (see
    /// [`crate::startup`]), which is known once the whole file is walked.
    pub(crate) fn retract_if_run_only_at_startup(&mut self) {
        let (Some(last), Some(fn_cx)) =
            (self.candidates.len().checked_sub(1), self.fn_stack.last())
        else {
            return;
        };
        if let (false, Some(name)) = (fn_cx.is_closure, &fn_cx.name) {
            let name = self.startup_name(name);
            self.startup_candidates.push((last, name));
        }
    }

    /// The name the startup analysis knows the fn `name` declared here by: `Config::new` in
    /// `impl Config`, the bare name at module level (see [`crate::startup`]).
    fn startup_name(&self, name: &str) -> String {
        match self.self_type() {
            Some(ty) => format!("{ty}::{name}"),
            None => name.to_owned(),
        }
    }

    /// Records a use of the fn `name` where the walker is, in a file with an entry point:
    /// `Config::new(..)` by its type (`Self::new(..)` by the impl's), a free fn by its name
    /// alone, and a method call (`path` `None`) as `.name`, which only a method can answer.
    fn record_use(&mut self, path: Option<&syn::Path>, name: &syn::Ident, called: bool) {
        if self.uses.is_some() {
            let owner = path.map(|path| path.segments.iter().rev().nth(1));
            let name = match owner {
                None => format!(".{name}"),
                Some(Some(owner)) if owner.ident == "Self" => self.startup_name(&name.to_string()),
                Some(Some(owner)) if owner.ident.to_string().starts_with(char::is_uppercase) => {
                    format!("{}::{name}", owner.ident)
                }
                Some(_) => name.to_string(),
            };
            let site = if called {
                self.use_site()
            } else {
                Site::Elsewhere
            };
            if let Some(uses) = &mut self.uses {
                uses.record(name, site);
            }
        }
    }

    /// Records that the method `name` is declared in the impl the walker is in (see
    /// [`Site::Declared`]).
    fn record_declaration(&mut self, name: &syn::Ident) {
        if self.uses.is_some() && self.self_type().is_some() {
            let name = self.startup_name(&name.to_string());
            if let Some(uses) = &mut self.uses {
                uses.record(name, Site::Declared);
            }
        }
    }

    /// Where a fn called here is used: the entry point's own body, another fn's, or elsewhere.
    fn use_site(&self) -> Site {
        match self.fn_stack.last() {
            Some(fn_cx) if fn_cx.is_entry_point || fn_cx.starts_with_the_program => {
                Site::EntryPoint
            }
            Some(fn_cx) if fn_cx.is_closure => Site::Elsewhere,
            Some(FnCx {
                name: Some(name), ..
            }) => Site::Fn(self.startup_name(name)),
            _ => Site::Elsewhere,
        }
    }

    /// Reports a finding unconditionally.
    pub(crate) fn report(&mut self, finding: Finding) {
        self.report_if(finding, Vec::new(), Vec::new());
    }

    /// Reports a finding if every condition in `requires` holds once the workspace is indexed,
    /// keeping its suggestion only if `suggestion_requires` holds too.
    pub(crate) fn report_if(
        &mut self,
        finding: Finding,
        requires: Vec<Cond>,
        suggestion_requires: Vec<Cond>,
    ) {
        let suppressed_by = self
            .active_suppressions
            .iter()
            .rev()
            .copied()
            .find(|&index| {
                self.attr_suppressions[index]
                    .rules
                    .iter()
                    .any(|(rule, _)| rule == finding.rule)
            });
        self.candidates.push(Candidate {
            finding,
            requires,
            suggestion_requires,
            suppressed_by,
            // Generated code is indexed, never reported; kept as the candidate just reported,
            // which deferred checks refer to. So is a branch only a test or debug build takes
            // (`if cfg!(debug_assertions) { generator.generate(schema).ok(); }`): test code,
            // checked only with the tests.
            retracted: self.generated_depth > 0
                || (self.debug_only_branches > 0 && !self.config.check_tests),
        });
    }

    /// Retracts the candidate just reported if `check` holds for the body of the enclosing fn,
    /// which is only known once the whole fn is walked (ruff's deferred checks): "the fn adds
    /// jitter somewhere", "the fn re-raises the panic it caught". Each check runs once per fn,
    /// however many candidates it may retract. Outside a fn body, nothing is deferred.
    pub(crate) fn retract_at_fn_end(&mut self, check: fn(&syn::Block) -> bool) {
        let Some(last) = self.candidates.len().checked_sub(1) else {
            return;
        };
        let Some(fn_cx) = self.fn_stack.iter_mut().rev().find(|cx| !cx.is_closure) else {
            return;
        };
        match fn_cx
            .deferred
            .iter_mut()
            .find(|deferred| std::ptr::fn_addr_eq(deferred.check, check))
        {
            Some(deferred) => deferred.candidates.push(last),
            None => fn_cx.deferred.push(Deferred {
                check,
                candidates: vec![last],
            }),
        }
    }

    /// Whether the file is an integration test, bench or example (see
    /// [`crate::catalog::in_test_target`]) and test code is not checked: its error types are
    /// fixtures, left out of the catalog and the rules about it.
    pub(crate) fn in_test_target(&self) -> bool {
        !self.config.check_tests && self.path.is_some_and(crate::catalog::in_test_target)
    }

    /// Whether the error of `operation` shows nothing of our internals in its text: it carries no
    /// cause (a timeout, a conversion of input, a closed receiver), or it is a serialization into
    /// memory, whose text names a type or a field of ours, never a host or a path. Not a send:
    /// its error hands the message back, and `{err:?}` prints it (a `map_err` closure that shows
    /// it only with `Display`, "channel closed", is let go where its parameter is bound).
    pub(crate) fn error_shows_no_internals(&self, operation: &syn::Expr) -> bool {
        shows_no_internals(self.operation_of(operation))
    }

    /// What the error of `operation` shows in its text: nothing (see
    /// [`Cx::error_shows_no_internals`]), only its category (an AWS SDK request's, see
    /// [`sends_an_sdk_request`]), or whatever its cause says.
    fn error_text(&self, operation: &syn::Expr) -> ErrorText {
        if self.error_shows_no_internals(operation) {
            ErrorText::Nothing
        } else if sends_an_sdk_request(operation) {
            ErrorText::OnlyItsCategory
        } else {
            ErrorText::MayShowInternals
        }
    }

    /// Whether the innermost match arm or `map_err` closure binding `name` binds an error whose
    /// text shows nothing of our internals: a unit variant (`Err(err @ ConnectError::OutOfEnergy)
    /// =>`, its fixed message), or the error of an operation whose text shows none (see
    /// [`Cx::error_shows_no_internals`]: `match web::block(..).await { Err(e) => .. }`, "the pool
    /// is gone").
    pub(crate) fn binds_an_error_without_internals(&self, name: &str) -> bool {
        self.arm_bindings
            .iter()
            .rev()
            .find(|(ident, _)| ident == name)
            .is_some_and(|(_, says_nothing)| *says_nothing)
    }

    /// Binds the names `pat` binds (see [`collect_arm_bindings`]), each as showing nothing of
    /// our internals where `says_nothing` (the error of an operation whose text shows none).
    fn bind_arm_pattern(&mut self, pat: &syn::Pat, says_nothing: bool) {
        let bound = self.arm_bindings.len();
        collect_arm_bindings(pat, &mut self.arm_bindings);
        for (_, binding_says_nothing) in &mut self.arm_bindings[bound..] {
            *binding_says_nothing |= says_nothing;
        }
    }

    /// Whether `name` is a parameter typed as an error (see [`LocalKind::Error`]).
    pub(crate) fn is_error_parameter(&self, name: &str) -> bool {
        syn::parse_str::<syn::Ident>(name)
            .is_ok_and(|ident| self.local(&ident) == Some(&LocalKind::Error))
    }

    /// Whether `expr` mentions a channel's sender whose receiver the fn keeps (see
    /// [`LocalKind::ReplySender`]): `Command::Query { response: reply }`.
    pub(crate) fn mentions_a_reply_sender(&self, expr: &syn::Expr) -> bool {
        any_node(expr, Descend::Body, |node| {
            matches!(node, Node::Expr(syn::Expr::Path(path))
            if path.path.get_ident().is_some_and(|name| {
                self.local(name) == Some(&LocalKind::ReplySender)
            }))
        })
    }

    /// What the parameter or local `name` of the enclosing fn (or a closure in it) holds, if
    /// the rules know.
    pub(crate) fn local(&self, name: &syn::Ident) -> Option<&LocalKind> {
        self.find_local(name).map(|local| &local.kind)
    }

    /// Whether the code being visited is on the way out of a failure: a block around it, in the
    /// same fn or closure, ends by returning an error (`{ let _ = rollback(); return Err(e) }`).
    pub(crate) fn on_a_failing_path(&self) -> bool {
        self.fn_stack
            .last()
            .is_some_and(|fn_cx| fn_cx.failing_blocks > 0 || fn_cx.reporting_handlers > 0)
    }

    /// Enters (`by` 1) or leaves (`by` -1) an error handler that logs the error it binds (see
    /// [`FnCx::reporting_handlers`]).
    fn step_reporting_handlers(&mut self, by: i32) {
        if let Some(fn_cx) = self.fn_stack.last_mut() {
            fn_cx.reporting_handlers = fn_cx.reporting_handlers.saturating_add_signed(by);
        }
    }

    /// Whether the code being visited is on the way out of a failure inside the fn: a branch
    /// around it (not the fn's body) ends by returning an error (`if !status.is_success() { let
    /// body = response.text().await.unwrap_or_default(); return Err(Http(status, body)) }`).
    pub(crate) fn on_a_failing_branch(&self) -> bool {
        self.fn_stack
            .last()
            .is_some_and(|fn_cx| fn_cx.failing_branches > 0)
    }

    /// Whether the code being visited is in a shell's completion of a word (see
    /// [`FnCx::completes_a_word`]), or in a closure it calls.
    pub(crate) fn completes_a_word(&self) -> bool {
        self.enclosing_fn()
            .is_some_and(|fn_cx| fn_cx.completes_a_word)
    }

    /// Whether the code being visited is in a destructor (`impl Drop`'s `fn drop`), which has no
    /// way to report a failure, or in a closure or async block it starts (`fn drop(&mut self) {
    /// tokio::spawn(async move { let _ = manager.stop().await; }); }`): nobody awaits that one
    /// either.
    pub(crate) fn in_a_destructor(&self) -> bool {
        self.fn_stack
            .iter()
            .rev()
            .find(|fn_cx| !fn_cx.is_closure)
            .is_some_and(|fn_cx| fn_cx.implements_trait && fn_cx.name.as_deref() == Some("drop"))
    }

    /// Whether the code being visited runs where a panic asserts what the code knows rather
    /// than a failure: when an `Option` holds nothing (the `else` of `let Some(tag) =
    /// request.tag() else { panic!(..) }`, a `None =>` arm: an `Option`'s `.expect(..)` written
    /// out), or where a count is neither 0 nor 1 (the catch-all arm of `match rows_affected { 0
    /// => Err(NotFound), 1 => Ok(..), _ => panic!(..) }`: a statement keyed by a unique column
    /// changes one row at most, and the panic asserts it, as `unreachable!` would).
    pub(crate) fn in_an_asserting_branch(&self) -> bool {
        self.asserting_branches > 0
    }

    /// Whether `let PAT = value else { .. }` asserts the shape of a value, so that its `else`
    /// holds an invariant, not a failure: an `Option`'s `Some(..)`, or one variant of an enum the
    /// code made itself (`let InferResult::Classify(r) = results else`), not one its caller
    /// handed it (`let Command::Appe { path } = command else`, a parameter or `self`).
    fn asserts_a_shape(&self, pat: &syn::Pat, value: &syn::Expr) -> bool {
        binds_some(pat) || (binds_a_variant(pat) && !self.is_handed_in(value))
    }

    /// Whether `value` is `self` or a parameter: a value the fn was given, not one it made.
    fn is_handed_in(&self, value: &syn::Expr) -> bool {
        matches!(peel(value), syn::Expr::Path(path)
        if path.path.get_ident().is_some_and(|name| {
            name == "self"
                || self.enclosing_fn().is_some_and(|fn_cx| {
                    fn_cx.locals[..fn_cx.parameters.min(fn_cx.locals.len())]
                        .iter()
                        .any(|param| param.name == *name)
                })
        }))
    }

    /// Whether `value` is read out of a parameter other than `self`, through fields and method
    /// calls without arguments (`message.kind()`, `request.body.as_ref()`): a value a caller or
    /// a peer chose. Not a lookup with the fn's own key (`sessions.entry(hash)`).
    fn is_read_from_a_parameter(&self, value: &syn::Expr) -> bool {
        let mut root = peel(value);
        loop {
            root = match root {
                syn::Expr::MethodCall(call) if call.args.is_empty() => peel(&call.receiver),
                syn::Expr::Field(field) => peel(&field.base),
                syn::Expr::Index(indexed) => peel(&indexed.expr),
                syn::Expr::Unary(unary) => peel(&unary.expr),
                syn::Expr::Path(path) => {
                    return !path.path.is_ident("self") && self.is_handed_in(root);
                }
                _ => return false,
            };
        }
    }

    /// Whether the code being visited runs only in a test or debug build: in the branch of `if
    /// cfg!(debug_assertions)`, or an arm guarded so (`Internal(err) if cfg!(debug_assertions)
    /// => (500, err.to_string())`). What it shows, a release build does not.
    pub(crate) fn in_a_debug_build_only(&self) -> bool {
        self.debug_only_branches > 0
    }

    /// Whether the code being visited is in a `Debug` or `Display` impl's `fn fmt`, whose
    /// `fmt::Error` is for the writer failing, with no room for another cause.
    pub(crate) fn in_a_formatter(&self) -> bool {
        self.in_a_trait_method("fmt")
    }

    /// Whether the innermost fn (not a closure in it) is a trait's method named `name`.
    fn in_a_trait_method(&self, name: &str) -> bool {
        self.fn_stack.last().is_some_and(|fn_cx| {
            fn_cx.implements_trait && !fn_cx.is_closure && fn_cx.name.as_deref() == Some(name)
        })
    }

    /// The innermost binding of `name` in the enclosing fn, looking out through closures.
    fn find_local(&self, name: &syn::Ident) -> Option<&Local> {
        for fn_cx in self.fn_stack.iter().rev() {
            if let Some(local) = fn_cx.locals.iter().rev().find(|local| local.name == *name) {
                return Some(local);
            }
            if !fn_cx.is_closure {
                break;
            }
        }
        None
    }

    /// The conditions under which `expr` is a `Result` (see [`result_conds`]), knowing the
    /// locals: `x` for a local `Result`; never a write into memory (`write!(buf, ..)`,
    /// `buf.write_fmt(..)`), which cannot fail.
    pub(crate) fn value_result_conds(&self, expr: &syn::Expr) -> Option<Vec<Cond>> {
        match peel(expr) {
            syn::Expr::Path(path) if path.qself.is_none() => {
                match self.local(path.path.get_ident()?) {
                    Some(LocalKind::Result(conds, _)) => Some(conds.clone()),
                    _ => None,
                }
            }
            // `write!(buf, ..)` into a `String` cannot fail; `write!(self.buf, ..)` is a `Result`
            // unless the field is declared as memory.
            syn::Expr::Macro(mac) => {
                let destination = write_destination(&mac.mac);
                if destination
                    .as_ref()
                    .is_some_and(|place| self.is_memory(place))
                {
                    return None;
                }
                let mut conds = result_conds(self, expr)?;
                if let Some(field) = destination.and_then(|place| field_of(self, &place)) {
                    conds.push(Cond::NotIntoMemory(field));
                }
                Some(conds)
            }
            // `view.write_fmt(format_args!(..))`, `buf.write_all(..)` on a `String` or a buffer
            // bound here: the method form of the same write.
            syn::Expr::MethodCall(call)
                if is_a_write_method(&call.method) && self.is_memory(&call.receiver) =>
            {
                None
            }
            _ => result_conds(self, expr),
        }
    }

    /// Whether `expr` converts an input (`req.dev_eui.parse()`) that a conversion handed on with
    /// `?` has read above it in this fn (`EUI64::from_str(&req.dev_eui).map_err(..)?`): the
    /// input is known to be well-formed there, and `.unwrap()` asserts it.
    pub(crate) fn converts_an_input_validated_above(&self, expr: &syn::Expr) -> bool {
        let Some(fn_cx) = self.innermost() else {
            return false;
        };
        !fn_cx.validated_inputs.is_empty()
            && self.operation_of(expr) == Operation::Conversion
            && converted_input(expr).is_some_and(|input| {
                let input = input.to_token_stream().to_string();
                fn_cx.validated_inputs.contains(&input)
            })
    }

    /// Records the input a conversion handed on with `?` reads (see
    /// [`Cx::converts_an_input_validated_above`]).
    fn record_validated_input(&mut self, tried: &syn::Expr) {
        let mut conversion = peel(tried);
        while let syn::Expr::MethodCall(call) = conversion
            && hands_the_error_on(&call.method.to_string())
        {
            conversion = peel(&call.receiver);
        }
        // The shape first: most `?`s are not of a call on one field or local.
        let Some(input) = converted_input(conversion) else {
            return;
        };
        if self.operation_of(conversion) != Operation::Conversion {
            return;
        }
        let input = input.to_token_stream().to_string();
        if let Some(fn_cx) = self.fn_stack.last_mut() {
            fn_cx.validated_inputs.push(input);
        }
    }

    /// The operation `expr` performs (see [`operation_with`]), knowing what the locals hold:
    /// a call that writes into memory bound here (see [`Cx::writes_into_memory`]) is a
    /// serialization.
    pub(crate) fn operation_of(&self, expr: &syn::Expr) -> Operation {
        if self.writes_into_memory(expr) {
            return Operation::Serialization;
        }
        // `limit.to_string().parse()` after `let limit = u64::from(capacity)`: a number's text,
        // as in `queue_time.as_millis().to_string().parse()`.
        if let syn::Expr::MethodCall(parse) = peel_outcome(expr)
            && parse.method == "parse"
            && parse.args.is_empty()
            && let syn::Expr::MethodCall(text) = peel(&parse.receiver)
            && text.method == "to_string"
            && text.args.is_empty()
            && let syn::Expr::Path(number) = peel(&text.receiver)
            && number
                .path
                .get_ident()
                .is_some_and(|name| self.local(name) == Some(&LocalKind::Number))
        {
            return Operation::FixedInput;
        }
        // `self.inner.poll_ready(cx)` in a middleware whose inner service is bound to
        // `Error = Infallible` (an axum route's): it cannot fail.
        if self.impl_services_infallible.last() == Some(&true)
            && let syn::Expr::MethodCall(call) = peel_outcome(expr)
            && matches!(
                call.method.to_string().as_str(),
                "poll_ready" | "call" | "ready" | "oneshot"
            )
        {
            return Operation::Infallible;
        }
        // `cursor.read_exact(&mut buf)` on a `Cursor` over bytes in memory: its only error says
        // the bytes end too soon, as a decoder's would. So does a decoder's read from one
        // (`TokenMessage::read_from(&mut reader)`, `Header::decode(&mut cursor)`).
        let is_a_cursor = |expr: &syn::Expr| {
            matches!(peel(expr), syn::Expr::Path(path)
                if path.path.get_ident().and_then(|name| self.local_type(name)) == Some("Cursor"))
        };
        // `PrivatePkcs8KeyDer::pem_reader_iter(&mut reader)`: a reader of items named for it.
        let decodes = |name: &syn::Ident| {
            let name = name.to_string();
            ["read", "decode", "deserialize", "parse", "from_reader"]
                .iter()
                .any(|verb| name.starts_with(verb))
                || name.contains("_reader")
        };
        // The items a reader yields, gathered: `pem_reader_iter(&mut reader).map(..).collect()`.
        let mut read = peel(expr);
        while let syn::Expr::MethodCall(gathered) = read
            && matches!(
                gathered.method.to_string().as_str(),
                "collect" | "map" | "next"
            )
        {
            read = peel(&gathered.receiver);
        }
        match read {
            syn::Expr::MethodCall(call) if is_a_cursor(&call.receiver) && decodes(&call.method) => {
                return Operation::Conversion;
            }
            syn::Expr::Call(call)
                if call.args.iter().any(is_a_cursor)
                    && matches!(peel(&call.func), syn::Expr::Path(path)
                        if last_ident(&path.path).is_some_and(decodes)) =>
            {
                return Operation::Conversion;
            }
            _ => {}
        }
        // `if env::var("TLS_CERT").is_ok() { env::var("TLS_CERT").unwrap() }`: the same call with
        // the same written arguments, asked again in the branch, answers as it did.
        if !self.checked_calls.is_empty()
            && let Some(call) = call_with_written_arguments(expr)
            && self.checked_calls.contains(&call)
        {
            return Operation::AssertedOk;
        }
        let operation = operation_with(expr, &|name| match self.local(name) {
            Some(LocalKind::Result(_, operation)) => Some(*operation),
            Some(LocalKind::Receiver) => Some(Operation::Receive),
            // `let csr = json!({..});`, then `serde_json::from_value(csr)`.
            Some(LocalKind::Written) => Some(Operation::FixedInput),
            _ => None,
        });
        // Only a call its name says nothing of is looked up in the module's `use`s.
        if operation == Operation::Other && self.calls_an_opaque_crypto_fn(expr) {
            Operation::Opaque
        } else {
            operation
        }
    }

    /// Whether every branch of an `if` or a `match` gives a `Result`, and on what conditions.
    fn chosen_result_conds(&self, expr: &syn::Expr) -> Option<Vec<Cond>> {
        if !matches!(peel(expr), syn::Expr::If(_) | syn::Expr::Match(_)) {
            return None;
        }
        let values = tail_values(expr);
        if values.is_empty() {
            return None;
        }
        let mut conds = Vec::new();
        for value in values {
            conds.extend(self.value_result_conds(value)?);
        }
        Some(conds)
    }

    /// A call, not awaited, that writes into a `String` or a buffer of bytes bound here
    /// (`write_metrics(&mut text)`, `state.compose(&mut buf)` after `let mut buf = Vec::new();`),
    /// or a write into it (`buf.write_all(..)`, `writeln!(text, ..)`): memory takes every write,
    /// so it fails only through a bug in what it renders.
    fn writes_into_memory(&self, mut expr: &syn::Expr) -> bool {
        // `encoder.encode(&families, &mut buffer).map(|_| (headers, buffer))`: the write, under
        // adapters that keep its error.
        while let syn::Expr::MethodCall(adapter) = peel(expr)
            && keeps_the_error(&adapter.method.to_string())
        {
            expr = &adapter.receiver;
        }
        // `writeln!(output, "# EOF")` into a `String` bound here.
        if let syn::Expr::Macro(mac) = peel(expr) {
            return write_destination(&mac.mac).is_some_and(|place| self.is_memory(&place));
        }
        // `hash_buf.write_all(path.as_bytes())` on a `Vec::with_capacity(1024)` bound here, and
        // `encoder.finish()` of a `GzEncoder::new(Vec::new(), ..)`, its last write.
        if let syn::Expr::MethodCall(call) = peel(expr)
            && (is_a_write_method(&call.method)
                || writes_a_record(&call.method)
                || (call.method == "finish" && call.args.is_empty()))
            && self.is_memory(&call.receiver)
        {
            return true;
        }
        let (name, args) = match peel(expr) {
            syn::Expr::Call(call) => match peel(&call.func) {
                syn::Expr::Path(path) => (last_ident(&path.path), &call.args),
                _ => return false,
            },
            syn::Expr::MethodCall(call) => (Some(&call.method), &call.args),
            _ => return false,
        };
        let into_memory = args.iter().any(|arg| {
            let syn::Expr::Reference(reference) = arg else {
                return false;
            };
            // `img.write_to(&mut Cursor::new(Vec::new()), ImageFormat::Png)`.
            if reference.mutability.is_some() && makes_buffer(&reference.expr) {
                return true;
            }
            let syn::Expr::Path(path) = peel(&reference.expr) else {
                return false;
            };
            reference.mutability.is_some()
                && path.path.get_ident().is_some_and(|name| {
                    matches!(
                        self.local(name),
                        Some(LocalKind::String | LocalKind::ErrorText | LocalKind::Buffer)
                    )
                })
        });
        // `file.read_to_string(&mut text)`, `socket.recv_from(&mut buf)`, `io::copy(&mut
        // reader, &mut buf)`: the buffer is filled from somewhere that may fail.
        const FILLS: &[&str] = &["read", "recv", "fill", "peek", "copy", "take", "poll"];
        into_memory
            && name.is_some_and(|name| {
                let name = name.to_string();
                !FILLS.iter().any(|fill| {
                    name.match_indices(fill)
                        .any(|(at, _)| at == 0 || name.as_bytes()[at - 1] == b'_')
                })
            })
    }

    /// What `tokio::select! { .., p = sem.acquire() => p, _ = stop.cancelled() => return }` gives
    /// the local it initializes: the outcome of the branches that hand their future's outcome on
    /// as it is, when every other branch leaves (`return`, `continue`, `break`, a panic) and those
    /// futures are `Result`s of the same operation.
    fn selected_result(&self, init: &syn::Expr) -> Option<LocalKind> {
        let syn::Expr::Macro(mac) = peel(init) else {
            return None;
        };
        let mut outcome: Option<(Vec<Cond>, Operation)> = None;
        for branch in select_branches(&mac.mac)? {
            let hands_on = matches!((&branch.binding, peel(&branch.handler)),
                (Some(binding), syn::Expr::Path(path)) if path.path.is_ident(binding));
            if !hands_on {
                if ending(&branch.handler) == Ending::GoesOn {
                    return None;
                }
                continue;
            }
            let conds = self.value_result_conds(&branch.future)?;
            let operation = self.operation_of(&branch.future);
            match &outcome {
                Some((_, known)) if *known != operation => return None,
                Some(_) => {}
                None => outcome = Some((conds, operation)),
            }
        }
        outcome.map(|(conds, operation)| LocalKind::Result(conds, operation))
    }

    /// Whether `place` is a local or parameter known to hold a `String` or a buffer of bytes
    /// bound here: memory, which takes every write.
    fn is_memory(&self, place: &syn::Expr) -> bool {
        matches!(peel(place), syn::Expr::Path(path) if path.path.get_ident().is_some_and(|name| {
            matches!(
                self.local(name),
                Some(LocalKind::String | LocalKind::ErrorText | LocalKind::Buffer)
            )
        }))
    }

    /// Notes what a `let` binds: a `String`, a `Result`, or a name that no longer holds either.
    fn record_local(&mut self, local: &syn::Local) {
        let (pat, ty) = match &local.pat {
            syn::Pat::Type(typed) => (&*typed.pat, Some(&*typed.ty)),
            pat => (pat, None),
        };
        if let syn::Pat::Tuple(pair) = pat {
            self.record_channel(pair, local.init.as_ref().map(|init| &*init.expr));
            return;
        }
        let syn::Pat::Ident(binding) = pat else {
            return;
        };
        let init = local
            .init
            .as_ref()
            .filter(|init| init.diverge.is_none())
            .map(|init| &*init.expr);
        let declared = ty
            .and_then(named_type)
            .or_else(|| init.and_then(built_type));
        let kind = match (ty, init) {
            // The declared error type tells the operation when it can (`Result<_, Elapsed>`);
            // otherwise the initializer's call does.
            (Some(ty), init) => match LocalKind::of_type(ty, self) {
                LocalKind::Result(conds, Operation::Other) => LocalKind::Result(
                    conds,
                    init.map_or(Operation::Other, |init| self.operation_of(init)),
                ),
                kind => kind,
            },
            (None, Some(init)) if is_a_5xx_builder(init) => LocalKind::Builder5xx,
            (None, Some(init)) if is_written(init) => LocalKind::Written,
            (None, Some(init)) if makes_a_number(init) => LocalKind::Number,
            (None, Some(init)) if makes_buffer(init) => LocalKind::Buffer,
            (None, Some(init)) if self.gives_a_file(init) => LocalKind::File,
            (None, Some(init)) if makes_string(init) => {
                // Not the text of an error that shows nothing of our internals (a conversion
                // of input's, bound by the `map_err` closure the local is made in).
                let is_error = |name: &str| {
                    reads_as_an_error(name) && !self.binds_an_error_without_internals(name)
                };
                if error_text(init, &is_error).is_some() {
                    LocalKind::ErrorText
                } else {
                    LocalKind::String
                }
            }
            (None, Some(init)) => match self.selected_result(init) {
                Some(selected) => selected,
                None => match self
                    .value_result_conds(init)
                    .or_else(|| self.chosen_result_conds(init))
                {
                    Some(conds) => LocalKind::Result(conds, self.operation_of(init)),
                    None => LocalKind::Other,
                },
            },
            (None, None) => LocalKind::Other,
        };
        let Some(fn_cx) = self.fn_stack.last_mut() else {
            return;
        };
        // An `Other` of no known type only matters when it shadows a name the rules know.
        if kind != LocalKind::Other
            || declared.is_some()
            || fn_cx.locals.iter().any(|known| known.name == binding.ident)
        {
            fn_cx.locals.push(Local {
                name: binding.ident.clone(),
                kind,
                ty: declared,
            });
        }
    }

    /// Notes `debug_assert!(r.is_ok())` (or `assert!`) of a local `Result`: the code says it
    /// holds no error (see [`Operation::AssertedOk`]).
    fn record_assertion(&mut self, mac: &syn::Macro) {
        let asserts = mac
            .path
            .get_ident()
            .is_some_and(|name| name == "assert" || name == "debug_assert");
        if !asserts {
            return;
        }
        let Ok(args) =
            Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated.parse2(mac.tokens.clone())
        else {
            return;
        };
        let Some(syn::Expr::MethodCall(call)) = args.first().map(peel) else {
            return;
        };
        let syn::Expr::Path(path) = peel(&call.receiver) else {
            return;
        };
        let (true, Some(name)) = (
            call.method == "is_ok" && call.args.is_empty(),
            path.path.get_ident(),
        ) else {
            return;
        };
        self.note_local_result(name, Operation::AssertedOk);
    }

    /// Notes what the local `Result` bound to `name` now holds (see [`Operation::AssertedOk`],
    /// [`Operation::Reported`]); nothing if `name` is no local `Result`.
    fn note_local_result(&mut self, name: &syn::Ident, now: Operation) {
        let Some(fn_cx) = self.fn_stack.last_mut() else {
            return;
        };
        if let Some(Local {
            kind: LocalKind::Result(_, operation),
            ..
        }) = fn_cx
            .locals
            .iter_mut()
            .rev()
            .find(|local| local.name == *name)
        {
            *operation = now;
        }
    }

    /// Notes `if let Err(e) = &r { warn!("..: {e}") }` (also `r.as_ref()`, `Err(ref e)`) of a
    /// local `Result`, once its branch is walked: the branch reported the error, so what the code
    /// does with `r` afterwards drops nothing that was not said (see [`Operation::Reported`]).
    fn record_reported(&mut self, expr: &syn::ExprIf) {
        let syn::Expr::Let(let_expr) = &*expr.cond else {
            return;
        };
        let Some(ErrPattern {
            inner: ErrInner::Bound(error),
            guard: None,
            ..
        }) = err_pattern(&let_expr.pat)
        else {
            return;
        };
        let Some(name) = local_looked_into(&let_expr.expr) else {
            return;
        };
        if block_handling(&expr.then_branch, Some(error)) != Handling::UsesError {
            return;
        }
        self.note_local_result(name, Operation::Reported);
    }

    /// Notes `if let Err(e) = r { return Err(e.into()) }` (also `if r.is_err() { .. }`) with no
    /// `else`, whose branch always leaves (`return`, `break`, `continue`, a panic): after it, the
    /// local `r` holds no error (see [`Operation::AssertedOk`]).
    fn record_left_on_err(&mut self, expr: &syn::ExprIf) {
        if expr.else_branch.is_some() || block_ending(&expr.then_branch) == Ending::GoesOn {
            return;
        }
        let checked = match &*expr.cond {
            syn::Expr::MethodCall(call) if call.method == "is_err" && call.args.is_empty() => {
                &*call.receiver
            }
            syn::Expr::Let(let_expr) if err_pattern(&let_expr.pat).is_some() => &*let_expr.expr,
            _ => return,
        };
        if let Some(name) = local_looked_into(checked) {
            self.note_local_result(name, Operation::AssertedOk);
        }
    }

    /// `if let Some(res) = set.join_next().await` (or `while let`): `res` holds a finished
    /// task's outcome, a `Result<_, JoinError>` (see [`Operation::Task`]). Returns how many
    /// locals there were before, for [`Cx::unbind`] once the branch is walked.
    fn bind_task_outcome(&mut self, cond: &syn::Expr) -> Option<usize> {
        let syn::Expr::Let(let_expr) = cond else {
            return None;
        };
        let syn::Pat::TupleStruct(some) = &*let_expr.pat else {
            return None;
        };
        let elems: Vec<&syn::Pat> = some.elems.iter().collect();
        let (true, [syn::Pat::Ident(binding)]) = (
            some.path
                .segments
                .last()
                .is_some_and(|last| last.ident == "Some"),
            elems.as_slice(),
        ) else {
            return None;
        };
        const JOINS: &[&str] = &["join_next", "join_next_with_id", "try_join_next"];
        let joins = matches!(peel_outcome(&let_expr.expr), syn::Expr::MethodCall(call)
            if call.args.is_empty() && JOINS.iter().any(|join| call.method == join));
        let fn_cx = self.fn_stack.last_mut().filter(|_| joins)?;
        let before = fn_cx.locals.len();
        fn_cx.locals.push(Local {
            name: binding.ident.clone(),
            kind: LocalKind::Result(Vec::new(), Operation::Task),
            ty: None,
        });
        Some(before)
    }

    /// `r` (or `&r`), a local `Result` the code has just checked is `Ok` (`if r.is_ok()`, the
    /// `Ok(_)` arm of `match r`): while that holds, it holds no error (see
    /// [`Operation::AssertedOk`]). Returns how many locals there were before, for
    /// [`Cx::unbind`].
    fn bind_checked_ok(&mut self, checked: &syn::Expr) -> Option<usize> {
        let syn::Expr::Path(path) = peel(checked) else {
            return None;
        };
        let name = path.path.get_ident()?;
        let Some(LocalKind::Result(conds, _)) = self.local(name) else {
            return None;
        };
        let conds = conds.clone();
        let fn_cx = self.fn_stack.last_mut()?;
        let before = fn_cx.locals.len();
        fn_cx.locals.push(Local {
            name: name.clone(),
            kind: LocalKind::Result(conds, Operation::AssertedOk),
            ty: None,
        });
        Some(before)
    }

    /// Forgets the locals bound since there were `before` of them.
    fn unbind(&mut self, before: Option<usize>) {
        if let (Some(before), Some(fn_cx)) = (before, self.fn_stack.last_mut()) {
            fn_cx.locals.truncate(before);
        }
    }

    /// Notes the receiver of `let (tx, rx) = ..::channel(..);` (`oneshot::channel`,
    /// `mpsc::channel(n)`, `unbounded_channel()`).
    fn record_channel(&mut self, pair: &syn::PatTuple, init: Option<&syn::Expr>) {
        let makes_a_channel = init.is_some_and(|init| {
            matches!(peel(init), syn::Expr::Call(call) if matches!(peel(&call.func),
            syn::Expr::Path(path) if path.path.segments.last().is_some_and(|last| {
                last.ident == "channel" || last.ident == "unbounded_channel"
            })))
        });
        let [sender, syn::Pat::Ident(receiver)] = pair.elems.iter().collect::<Vec<_>>()[..] else {
            return;
        };
        let kind = if makes_a_channel {
            LocalKind::Receiver
        } else {
            LocalKind::Other
        };
        let Some(fn_cx) = self.fn_stack.last_mut() else {
            return;
        };
        // `let (reply, response) = oneshot::channel();`: the sender goes out with a request,
        // and the fn waits on its receiver for the answer.
        if let syn::Pat::Ident(sender) = sender
            && makes_a_channel
            && !receiver.ident.to_string().starts_with('_')
        {
            fn_cx.locals.push(Local {
                name: sender.ident.clone(),
                kind: LocalKind::ReplySender,
                ty: None,
            });
        }
        if kind != LocalKind::Other
            || fn_cx
                .locals
                .iter()
                .any(|known| known.name == receiver.ident)
        {
            fn_cx.locals.push(Local {
                name: receiver.ident.clone(),
                kind,
                ty: None,
            });
        }
    }

    /// Whether this code runs at compile time (`const { .. }`, a `const` or `static` item): a
    /// panic there is a build error, not a failure at run time.
    pub(crate) fn in_const(&self) -> bool {
        self.const_depth > 0
    }

    /// Whether `expr` is the value of a `let` declared `String` (`let bucket: String =
    /// env::var(..)..parse().expect(..)`): a `parse()` there is `String`'s, which cannot fail.
    pub(crate) fn binds_text(&self, expr: &syn::Expr) -> bool {
        self.text_let_value == Some(std::ptr::from_ref(expr))
    }

    /// The innermost function, closure or async block.
    pub(crate) fn innermost(&self) -> Option<&FnCx> {
        self.fn_stack.last()
    }

    /// The innermost named fn, skipping closures.
    pub(crate) fn enclosing_fn(&self) -> Option<&FnCx> {
        self.fn_stack.iter().rev().find(|cx| !cx.is_closure)
    }

    /// The `Self` type of the impl we are in, if it is a plain path.
    pub(crate) fn self_type(&self) -> Option<&str> {
        self.impl_types.last().and_then(|ty| ty.as_deref())
    }

    /// The items of the checked crate a path written here may name (see
    /// [`ModuleScope::resolve`]); none where the file's module is not known.
    pub(crate) fn resolve_path(&self, segments: &[String]) -> Vec<ItemPath> {
        // `Self::f`, `Self::Variant`: inside the impl's type, where that resolves.
        if let Some((first, rest)) = segments.split_first()
            && first == "Self"
        {
            return Types::self_path(self)
                .map(|path| path.extend(rest))
                .into_iter()
                .collect();
        }
        self.scopes
            .last()
            .map_or_else(Vec::new, |scope| scope.resolve(segments))
    }

    /// The path `path`, written here, stands for, with a first segment imported from another
    /// crate written as its `use` does (see [`ModuleScope::in_full`]).
    fn in_full(&self, path: &syn::Path) -> Vec<String> {
        let written: Vec<String> = path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect();
        match self.scopes.last() {
            Some(scope) => scope.in_full(&written),
            None => written,
        }
    }

    /// Whether `expr` is a call the operating system answers (see
    /// [`crate::syntax::operations::reaches_the_os`]), also a file-system fn called by the name
    /// its `use` imports (`read_to_string(&path)` after `use std::fs::read_to_string;`), and a
    /// child process run from a parameter or local declared a `Command` (`command.output()`).
    pub(crate) fn reaches_the_os(&self, expr: &syn::Expr) -> bool {
        if reaches_the_os(expr) {
            return true;
        }
        match peel_outcome(expr) {
            syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(func)
                if func.qself.is_none()
                    && (func.path.segments.len() == 1
                        && matches!(&self.in_full(&func.path)[..],
                            [.., module, _] if module == "fs" || module == "fs_err")
                        // A trait's method called by its path on a file the fn holds:
                        // `io::Write::write_all(&mut file, &chunk)`.
                        || last_ident(&func.path).is_some_and(|method|
                            FILE_IO.contains(&method.to_string().as_str()))
                            && call.args.first().is_some_and(|file| self.is_a_file(file)))),
            // A read or write of a file the fn holds: `writer.flush().await`.
            syn::Expr::MethodCall(call) if FILE_IO.contains(&call.method.to_string().as_str()) => {
                self.is_a_file(&call.receiver)
            }
            // Also given its settings there: `command.current_dir(dir).status()`.
            syn::Expr::MethodCall(call) => run_of_a_process(call).is_some_and(|(command, _)| {
                matches!(command, syn::Expr::Path(command)
                    if command.path.get_ident()
                        .and_then(|name| self.local_type(name))
                        .is_some_and(|ty| ty == "Command"))
            }),
            _ => false,
        }
    }

    /// Whether `expr` is a local holding a file, or a reader or writer over one (see
    /// [`LocalKind::File`]), also borrowed (`Write::write_all(&mut file, ..)`).
    fn is_a_file(&self, expr: &syn::Expr) -> bool {
        let held = match peel(expr) {
            syn::Expr::Reference(borrowed) => peel(&borrowed.expr),
            held => held,
        };
        matches!(held, syn::Expr::Path(path)
            if path.path.get_ident().and_then(|name| self.local(name)) == Some(&LocalKind::File))
    }

    /// Whether a `let`'s value is a file (see [`LocalKind::File`]): one opened there, or a
    /// reader or writer made over a file the fn holds, by a type's constructor
    /// (`BufWriter::with_capacity(n, file)`) or a fn named for one (`async_file_writer(file)`).
    /// Not any call given the file: `let sent = upload(file);` may hold a `Result`.
    fn gives_a_file(&self, init: &syn::Expr) -> bool {
        if gives_an_opened_file(init) {
            return true;
        }
        let syn::Expr::Call(call) = peel(init) else {
            return false;
        };
        let named_for_one = |name: &syn::Ident| {
            let name = name.to_string();
            name.ends_with("reader") || name.ends_with("writer")
        };
        let makes_a_reader_or_writer = built_type(init).is_some()
            || matches!(peel(&call.func), syn::Expr::Path(func)
                if last_ident(&func.path).is_some_and(named_for_one));
        makes_a_reader_or_writer && call.args.iter().any(|arg| self.is_a_file(arg))
    }

    /// Whether `segments`, written here, name another crate's item (see
    /// [`ModuleScope::names_another_crate`]).
    pub(crate) fn names_another_crate(&self, segments: &[String]) -> bool {
        self.scopes
            .last()
            .is_some_and(|scope| scope.names_another_crate(segments))
    }

    /// The path of an item the current module declares, where the module is known (an item
    /// declared in a fn body has none: it is not the module's).
    pub(crate) fn declared_path(&self, name: &str) -> Option<ItemPath> {
        if !self.fn_stack.is_empty() {
            return None;
        }
        self.scopes.last().map(|scope| scope.item(name))
    }

    /// Whether the error type `ty` is one the configuration lists as opaque, as written or as
    /// its `use` names it (`AeadError` for `use aead::Error as AeadError;`).
    fn is_opaque_error(&self, ty: &syn::Type) -> bool {
        let syn::Type::Path(path) = ty else {
            return false;
        };
        if path.qself.is_some() {
            return false;
        }
        let full = self.in_full(&path.path);
        if is_opaque_crypto_error(&full) {
            return true;
        }
        !self.config.opaque_errors.is_empty() && self.opaque_errors.contains_path(&full)
    }

    /// Whether `call` is a fn of a crypto crate whose every error is opaque by design
    /// (`UnboundKey::new(..)` for `use aws_lc_rs::aead::UnboundKey;`, `ring::rand::generate`).
    fn calls_an_opaque_crypto_fn(&self, call: &syn::Expr) -> bool {
        let syn::Expr::Call(call) = peel(call) else {
            return false;
        };
        let syn::Expr::Path(func) = peel(&call.func) else {
            return false;
        };
        func.qself.is_none()
            && self
                .in_full(&func.path)
                .first()
                .is_some_and(|krate| OPAQUE_CRYPTO_CRATES.contains(&krate.as_str()))
    }

    /// The conditions under which the error of `operation` may carry a cause, as far as the fns
    /// of the checked code go: the call producing it is not to one that hands on an error
    /// without a cause (declared to return one of the configuration's `opaque_errors`, or a
    /// wrapper of a conversion, a timeout, ...: see [`crate::index::FnDecl::error`]).
    pub(crate) fn cause_conds(&self, operation: &syn::Expr) -> Vec<Cond> {
        error_not_of(
            self,
            operation,
            Operations::matching(Operation::error_carries_no_cause),
        )
    }

    /// The one item a type path written here names, if resolution leaves no doubt.
    fn type_path(&self, ty: &syn::Type) -> Option<ItemPath> {
        let syn::Type::Path(path) = ty else {
            return None;
        };
        if path.qself.is_some() {
            return None;
        }
        self.resolve_one(&path.path)
    }

    /// The one item a path written here names, if resolution leaves no doubt (never inside a
    /// fn body, whose own items and `use`s are not read).
    fn resolve_one(&self, path: &syn::Path) -> Option<ItemPath> {
        if !self.fn_stack.is_empty() {
            return None;
        }
        let segments: Vec<String> = path
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect();
        self.scopes.last()?.resolve_one(&segments)
    }

    /// The type the parameter or local `name` of the enclosing fn (or a closure in it) was
    /// declared or built with.
    fn local_type(&self, name: &syn::Ident) -> Option<&str> {
        self.find_local(name)?.ty.as_deref()
    }

    /// The conditions under which a return type is a `Result`: `None` if it plainly is not.
    pub(crate) fn result_conds(ret: &RetKind) -> Option<Vec<Cond>> {
        match ret {
            RetKind::Result => Some(Vec::new()),
            RetKind::NotResult => None,
            RetKind::Named(name) => Some(vec![Cond::TypeIsResult(name.clone())]),
        }
    }
}

/// Walks one file (or one item) and collects candidates and the index fragment.
pub(crate) struct Walker<'a> {
    pub(crate) cx: Cx<'a>,
    /// Record what test code names (for `untested_error`), which costs a token scan of it.
    pub(crate) records_tests: bool,
    stmt_hooks: Vec<fn(&mut Cx<'_>, &syn::Stmt)>,
    expr_hooks: Vec<fn(&mut Cx<'_>, &syn::Expr)>,
    mac_hooks: Vec<fn(&mut Cx<'_>, &syn::Macro)>,
    item_hooks: Vec<fn(&mut Cx<'_>, &syn::Item)>,
    declared_hooks: Vec<fn(&mut Cx<'_>, &crate::catalog::Extracted)>,
    /// For each impl or trait we are in, innermost last: whether it is `impl Trait for T` (and
    /// declares an error that cannot be), `impl T` or a trait's declaration.
    impl_kinds: Vec<OfATrait>,
    /// For each impl we are in, innermost last: whether it is a stand-in (see
    /// [`is_a_stand_in`]).
    stand_ins: Vec<bool>,
    /// The types of the file whose trait impls, taken together, refuse with one written reason
    /// (see [`types_refusing_with_one_reason`]).
    refusing_types: HashSet<String>,
    /// The closures about to be visited that the call they are given to says something of
    /// (compared by address only; see [`ClosureRole`]).
    closure_roles: Vec<(*const syn::ExprClosure, ClosureRole)>,
    /// The path of a call about to be visited (`run` of `run(options)`), already recorded as
    /// called: not a use as a value (compared by address only).
    callee: Option<*const syn::ExprPath>,
    /// The async blocks about to be visited that the entry point starts as tasks
    /// (`tokio::spawn(async move { .. })`, also `spawn({ let m = m.clone(); async move { .. }
    /// })`), compared by address only.
    startup_tasks: Vec<*const syn::ExprAsync>,
    /// The rules whose findings an explaining comment holds back (see
    /// [`Hooks::explained_by_comments`]).
    explained_by_comments: Vec<&'static str>,
}

impl<'a> Walker<'a> {
    /// Notes that the closure given alone to this call (`spawn(move || ..)`) has `role`.
    fn expect_closure(&mut self, args: &Punctuated<syn::Expr, syn::Token![,]>, role: ClosureRole) {
        if let [syn::Expr::Closure(closure)] = args.iter().collect::<Vec<_>>()[..] {
            self.closure_roles.push((std::ptr::from_ref(closure), role));
        }
    }

    /// Notes the task the entry point starts in its own body with this call (`tokio::spawn(async
    /// move { .. })`): an async block given alone, or as the value of a block given alone.
    fn expect_startup_task(&mut self, args: &Punctuated<syn::Expr, syn::Token![,]>) {
        if !self.cx.innermost().is_some_and(FnCx::starts_tasks_once) {
            return;
        }
        let task = match args.iter().collect::<Vec<_>>()[..] {
            [syn::Expr::Async(task)] => task,
            [syn::Expr::Block(block)] => match block.block.stmts.last() {
                Some(syn::Stmt::Expr(syn::Expr::Async(task), None)) => task,
                _ => return,
            },
            _ => return,
        };
        self.startup_tasks.push(std::ptr::from_ref(task));
    }

    /// A walker calling `hooks` (those of every rule the configuration enables).
    pub(crate) fn new(config: &'a Config, path: Option<&'a Path>, hooks: &[Hooks]) -> Self {
        let mut walker = Self {
            cx: Cx::new(config, path),
            records_tests: false,
            stmt_hooks: Vec::new(),
            expr_hooks: Vec::new(),
            mac_hooks: Vec::new(),
            item_hooks: Vec::new(),
            declared_hooks: Vec::new(),
            impl_kinds: Vec::new(),
            stand_ins: Vec::new(),
            refusing_types: HashSet::new(),
            closure_roles: Vec::new(),
            startup_tasks: Vec::new(),
            callee: None,
            explained_by_comments: Vec::new(),
        };
        for hooks in hooks {
            walker.stmt_hooks.extend(hooks.stmt);
            walker.expr_hooks.extend(hooks.expr);
            walker.mac_hooks.extend(hooks.mac);
            walker.item_hooks.extend(hooks.item);
            walker.declared_hooks.extend(hooks.declared);
            let (rule, lints) = hooks.allowed_by;
            walker
                .cx
                .lint_allows
                .extend(lints.iter().map(|&lint| (lint, rule)));
            if hooks.explained_by_comments {
                walker.explained_by_comments.push(rule);
            }
        }
        walker
    }

    /// The walker of an item of the module `scope` (an item checked on its own, whose calls
    /// resolve as they do in its file).
    pub(crate) fn in_module(mut self, scope: ModuleScope) -> Self {
        self.cx.scopes.push(scope);
        self
    }

    /// Whether these attributes mark test-only code that is skipped.
    fn skips(&self, attrs: &[syn::Attribute]) -> bool {
        !self.cx.config.check_tests && attrs.iter().any(is_test_attr)
    }

    /// Pushes the item's `#[onus::allow]` attributes; returns how many to pop afterwards.
    fn enter_attrs(&mut self, attrs: &[syn::Attribute]) -> usize {
        let mut pushed = 0;
        for attr in attrs {
            if let Some(suppression) = parse_allow_attr(attr, &self.cx.lint_allows) {
                self.cx
                    .active_suppressions
                    .push(self.cx.attr_suppressions.len());
                self.cx.attr_suppressions.push(suppression);
                pushed += 1;
            }
        }
        pushed
    }

    /// Holds back what the rules explained by comments found in a fn whose documentation
    /// explains its one statement (`/// Ignores the error if the connection is closed` over `fn
    /// send(..) { let _ = self.try_send(msg); }`), as a comment above the statement would: the
    /// candidates since `before`. The documentation is read only where there is one.
    fn explain_by_docs(&mut self, before: usize, attrs: &[syn::Attribute], body: &syn::Block) {
        let explained = |rule: &str| self.explained_by_comments.contains(&rule);
        let found = self.cx.candidates[before..].iter().any(|candidate| {
            candidate.suppressed_by.is_none() && explained(candidate.finding.rule)
        });
        if !found {
            return;
        }
        let Some(span) = doc_explanation(attrs, body) else {
            return;
        };
        let index = self.cx.attr_suppressions.len();
        self.cx.attr_suppressions.push(AttrSuppression {
            span,
            rules: self
                .explained_by_comments
                .iter()
                .map(|&id| (id.to_owned(), span))
                .collect(),
            has_reason: true,
            explains: true,
        });
        for candidate in &mut self.cx.candidates[before..] {
            if candidate.suppressed_by.is_none()
                && self.explained_by_comments.contains(&candidate.finding.rule)
            {
                candidate.suppressed_by = Some(index);
            }
        }
    }

    fn leave_attrs(&mut self, pushed: usize) {
        let keep = self.cx.active_suppressions.len() - pushed;
        self.cx.active_suppressions.truncate(keep);
    }

    /// Visits a loop of the innermost fn (see [`FnCx::loops`]).
    fn in_loop(&mut self, f: impl FnOnce(&mut Self)) {
        if let Some(fn_cx) = self.cx.fn_stack.last_mut() {
            fn_cx.loops += 1;
        }
        f(self);
        if let Some(fn_cx) = self.cx.fn_stack.last_mut() {
            fn_cx.loops = fn_cx.loops.saturating_sub(1);
        }
    }

    fn in_fn(&mut self, fn_cx: FnCx, body: Option<&syn::Block>, f: impl FnOnce(&mut Self)) {
        self.cx.fn_stack.push(fn_cx);
        f(self);
        let Some(fn_cx) = self.cx.fn_stack.pop() else {
            return;
        };
        let Some(body) = body else {
            return;
        };
        for deferred in fn_cx.deferred {
            if (deferred.check)(body) {
                for index in deferred.candidates {
                    self.cx.candidates[index].retracted = true;
                }
            }
        }
    }

    /// Indexes a fn's signature; `owner_path` is the path of the impl's or trait's type, if it
    /// resolves (a method without it is known by its owner's name only); `of_a_trait` says
    /// whether it is a trait's method, declared in the trait or one type's impl of it.
    fn record_fn(
        &mut self,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        body: Option<&syn::Block>,
        (owner, owner_path): (Option<String>, Option<&ItemPath>),
        of_a_trait: OfATrait,
    ) {
        let name = sig.ident.to_string();
        // `fn db(&self) -> &Arc<Db>`: `self.db()` is a `Db`.
        if let Some(owner) = &owner
            && sig.receiver().is_some()
            && sig.inputs.len() == 1
            && sig.asyncness.is_none()
            && let syn::ReturnType::Type(_, ty) = &sig.output
            && let Some(value) = member_type(&self.cx, ty)
        {
            self.cx.fragment.accessors.push((
                owner.clone(),
                owner_path.copied(),
                format!("{name}()"),
                value,
            ));
        }
        let path = match (&owner, owner_path) {
            (None, _) => self.cx.declared_path(&name),
            (Some(_), Some(owner)) => Some(owner.join(&name)),
            (Some(_), None) => None,
        };
        let opaque_error = matches!(&sig.output, syn::ReturnType::Type(_, ty)
            if result_error_type(ty).is_some_and(|error| self.cx.is_opaque_error(error)));
        let (mut decl, delegate) = FnDecl::read(sig, body, owner, path, opaque_error);
        // readyset's `impl VisitorMut for AggregateFinder { type Error = Infallible; fn
        // visit_expr(..) -> Result<(), Self::Error> }`: `let _ = finder.visit_expr(e);` drops
        // nothing.
        if of_a_trait == OfATrait::ImplWithoutError && fails_with_self_error(&sig.output) {
            decl.error = Operation::Infallible;
        }
        // `#[instrument(err)]`: every error the fn returns is an event of its span already.
        if decl.ret == RetKind::Result && instruments_its_error(attrs) {
            decl.error = Operation::Reported;
        }
        // A trait's default answers for the trait: that its body returns no error says nothing
        // of an impl's (`fn retain_set_broadcast(..) -> Result<()> { let _ = (topic, retain);
        // Ok(()) }`, a default a plugin overrides). One type's impl answers for that type, as
        // a call on it names it (`self.reconcile()` in the same impl); a call by the method's
        // name alone is never taken to return no error (see `WorkspaceIndex::handed_on`).
        if of_a_trait == OfATrait::Default && decl.error == Operation::Infallible {
            decl.error = Operation::Other;
        }
        // `fn get_spendable(&self, r: u64) -> Result<u64> { self.get_balances(r).map(..) }`: what
        // it hands on is the callee's, known once the whole workspace is read. Not for a
        // trait's method, which answers for every impl.
        if decl.error == Operation::Other
            && decl.ret != RetKind::NotResult
            && of_a_trait == OfATrait::No
            && let Some((call, awaited)) = delegate
        {
            decl.delegate = call_of(&self.cx, call).map(|call| Box::new((call, awaited)));
        }
        self.cx.fragment.fns.push(decl);
    }

    /// Adds a classified type to the file's index fragment, for the catalog and the collision rule.
    fn record_error_type(&mut self, extracted: crate::catalog::Extracted) {
        if self.cx.in_test_target() {
            return;
        }
        let mut ty = extracted.ty;
        if let Some(path) = self.cx.path {
            path.clone_into(&mut ty.file);
        }
        if let Some(path) = self.cx.declared_path(&ty.name) {
            let system = ty
                .variants
                .iter()
                .filter(|variant| {
                    matches!(&variant.answer, crate::catalog::Answer::Declared(declaration)
                        if declaration.class == crate::catalog::Class::System)
                })
                .filter_map(|variant| variant.name.clone())
                .collect();
            self.cx.fragment.classified_paths.push((path, system));
        }
        self.cx.fragment.error_types.push(ty);
    }

    /// Walks a method of an impl or a trait (unless it is test code that is not checked), with
    /// the `#[onus::allow]`s on it in force.
    fn in_method(
        &mut self,
        attrs: &[syn::Attribute],
        sig: &syn::Signature,
        body: Option<&syn::Block>,
        f: impl FnOnce(&mut Self),
    ) {
        if self.skips(attrs) {
            return;
        }
        let pushed = self.enter_attrs(attrs);
        let before = self.cx.candidates.len();
        let implements_trait = matches!(
            self.impl_kinds.last(),
            Some(OfATrait::Impl | OfATrait::ImplWithoutError)
        );
        // A conversion that reads a file or awaits (`impl TryFrom<&Path> for Config`) has causes
        // of its own.
        let converts_its_input = implements_trait
            && ["from_str", "try_from", "deserialize"]
                .iter()
                .any(|conversion| sig.ident == conversion)
            && body.is_some_and(|body| !reaches_outside_the_process(body));
        let mut fn_cx = FnCx {
            converts_its_input,
            documents_its_panics: documents_its_panics(attrs, sig),
            ..Self::named_fn(&self.cx, sig, implements_trait)
        };
        // axum's `impl IntoResponseParts for EventId { type Error = Infallible; fn
        // into_response_parts(..) -> Result<ResponseParts, Self::Error> }`: no error can be
        // returned, so none is the rules' to hand on.
        if self.impl_kinds.last() == Some(&OfATrait::ImplWithoutError)
            && fails_with_self_error(&sig.output)
        {
            fn_cx.ret = RetKind::NotResult;
        }
        self.in_fn(fn_cx, body, f);
        if let Some(body) = body {
            self.explain_by_docs(before, attrs, body);
        }
        self.leave_attrs(pushed);
    }

    fn named_fn(cx: &Cx<'_>, sig: &syn::Signature, implements_trait: bool) -> FnCx {
        let locals: Vec<Local> = sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(typed) => match &*typed.pat {
                    syn::Pat::Ident(binding) => {
                        let (ty, borrowed) = match &*typed.ty {
                            syn::Type::Reference(reference) => (&*reference.elem, true),
                            ty => (ty, false),
                        };
                        // `r: Result<&T, &TypedStoreError>` (walrus's status of a store
                        // read): the error is lent, and stays with the caller.
                        let lends_its_error = result_error_type(ty)
                            .is_some_and(|error| matches!(error, syn::Type::Reference(_)));
                        let kind = match LocalKind::of_type(ty, cx) {
                            _ if is_error_parameter(ty, &sig.ident) => LocalKind::Error,
                            LocalKind::Result(..) if borrowed || lends_its_error => {
                                LocalKind::BorrowedResult
                            }
                            kind => kind,
                        };
                        Some(Local {
                            name: binding.ident.clone(),
                            kind,
                            ty: named_type(ty),
                        })
                        .filter(|local| local.kind != LocalKind::Other || local.ty.is_some())
                    }
                    _ => None,
                },
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        FnCx {
            name: Some(sig.ident.to_string()),
            is_closure: false,
            returns_string_error: returns_string_error(&sig.output),
            cannot_make_its_error: fails_with_an_unbuildable_parameter(sig),
            completes_a_word: completes_a_word(sig),
            is_predicate: matches!(&sig.output, syn::ReturnType::Type(_, ty)
                if matches!(&**ty, syn::Type::Path(path) if path.qself.is_none() && path.path.is_ident("bool"))),
            compares: matches!(&sig.output, syn::ReturnType::Type(_, ty) if answers_an_order(ty)),
            implements_trait,
            converts_its_input: false,
            is_a_logger: sig.inputs.iter().any(|input| {
                matches!(input, syn::FnArg::Typed(typed)
                    if method_owner(&typed.ty).and_then(|path| path.segments.last())
                        .is_some_and(|last| names_a_log_record(last)
                            // A tracing visitor's `fn record_str(&mut self, field: &Field, ..)`,
                            // writing one field of an event into the log line.
                            || (last.ident == "Field" && sig.ident.to_string().starts_with("record_"))))
            }),
            // A handler is async (axum's, actix-web's).
            admits_only_admins: sig.asyncness.is_some() && sig.inputs.iter().any(|input| {
                matches!(input, syn::FnArg::Typed(typed)
                    if method_owner(&typed.ty).and_then(|path| path.segments.last())
                        .is_some_and(|last| names_an_admin_extractor(&last.ident)))
            }),
            parameters: locals.len(),
            // `-> Result<T, Infallible>`: no error can be returned, so none is the rules' to
            // hand on.
            ..FnCx::closure(
                if fails_with_infallible(&sig.output) {
                    RetKind::NotResult
                } else {
                    RetKind::of_return(&sig.output)
                },
                locals,
            )
        }
    }

    /// Visits the arguments of macros whose arguments are plain expressions (`vec![..]`,
    /// `println!(..)`, `assert!(..)`, ...). Other macros' tokens are left alone: the engine cannot
    /// know what they expand to.
    fn visit_macro_args(&mut self, mac: &syn::Macro) {
        let Some(name) = mac.path.segments.last() else {
            return;
        };
        let name = name.ident.to_string();
        if !evaluates_its_arguments(&name) {
            return;
        }
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(args) = parser.parse2(mac.tokens.clone()) {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
    }
}

impl<'ast> Visit<'ast> for Walker<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        // An item's own `#[onus::allow]` covers everything reported on it, including what the
        // item hooks report at its name, so it is in force before they run. Skipped test code
        // neither runs the hooks nor registers its suppressions (they would all be unused);
        // the kind-specific visits below still see it, to index what it declares.
        let attrs = item_attrs(item);
        if self.records_tests && attrs.iter().any(is_test_attr) {
            crate::test_code::mentions(
                quote::ToTokens::to_token_stream(item),
                &mut self.cx.fragment.test_mentions,
            );
        }
        let declared = match item {
            syn::Item::Enum(item) => crate::catalog::extract_enum(item),
            syn::Item::Struct(item) => crate::catalog::extract_struct(item),
            _ => None,
        };
        if self.skips(attrs) {
            if let Some(extracted) = declared {
                self.record_error_type(extracted);
            }
            visit::visit_item(self, item);
            return;
        }
        let pushed = self.enter_attrs(attrs);
        let before = self.cx.candidates.len();
        for hook in &self.item_hooks {
            hook(&mut self.cx, item);
        }
        if let Some(extracted) = declared {
            if !self.cx.in_test_target() {
                for hook in &self.declared_hooks {
                    hook(&mut self.cx, &extracted);
                }
            }
            self.record_error_type(extracted);
        }
        visit::visit_item(self, item);
        if let syn::Item::Fn(function) = item {
            self.explain_by_docs(before, attrs, &function.block);
        }
        self.leave_attrs(pushed);
    }

    fn visit_file(&mut self, file: &'ast syn::File) {
        let module = self.cx.path.and_then(crate::paths::module_of_file);
        // Which fns run only at startup matters only in a binary: in a file with an entry
        // point, or in any file of a binary whose entry file is checked too.
        let binary = module
            .as_ref()
            .map(crate::paths::Module::crate_root)
            .filter(|root| {
                self.cx
                    .binaries
                    .is_some_and(|binaries| binaries.contains(root))
            });
        let has_entry_point = file
            .items
            .iter()
            .any(|item| matches!(item, syn::Item::Fn(item) if is_entry_point(item)));
        self.cx.uses = (has_entry_point || binary.is_some()).then(Uses::default);
        self.refusing_types = types_refusing_with_one_reason(&file.items);
        let pushed = module.map(|module| {
            self.cx.scopes.push(ModuleScope::new(module, &file.items));
        });
        visit::visit_file(self, file);
        if pushed.is_some() {
            self.cx.scopes.pop();
        }
        if let Some(root) = binary {
            // Known once every file of the binary is read.
            for (index, name) in std::mem::take(&mut self.cx.startup_candidates) {
                self.cx.candidates[index]
                    .requires
                    .push(Cond::NotRunOnlyAtStartup { root, name });
            }
            self.cx.fragment.startup_uses = self.cx.uses.take().map(|uses| (root, uses));
        } else if let Some(uses) = &self.cx.uses {
            let startup = uses.run_only_at_startup();
            for (index, name) in &self.cx.startup_candidates {
                if startup.contains(name.as_str()) {
                    self.cx.candidates[*index].retracted = true;
                }
            }
        }
    }

    fn visit_expr_call(&mut self, expr: &'ast syn::ExprCall) {
        if let syn::Expr::Path(path) = &*expr.func
            && let Some(last) = path.path.segments.last()
        {
            self.cx.record_use(Some(&path.path), &last.ident, true);
            self.callee = Some(std::ptr::from_ref(path));
            // `thread::spawn(move || ..)`.
            if last.ident == "spawn" {
                self.expect_closure(&expr.args, ClosureRole::StartsAThread);
                self.expect_startup_task(&expr.args);
            }
            // `panic::set_hook(Box::new(|info| ..))`.
            if last.ident == "set_hook"
                && let [syn::Expr::Call(boxed)] = expr.args.iter().collect::<Vec<_>>()[..]
            {
                self.expect_closure(&boxed.args, ClosureRole::HooksPanics);
            }
        }
        visit::visit_expr_call(self, expr);
    }

    fn visit_expr_path(&mut self, expr: &'ast syn::ExprPath) {
        if self.callee.take() != Some(std::ptr::from_ref(expr))
            && let Some(last) = expr.path.segments.last()
        {
            self.cx.record_use(Some(&expr.path), &last.ident, false);
        }
        visit::visit_expr_path(self, expr);
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.record_fn(
            &item.attrs,
            &item.sig,
            Some(&item.block),
            (None, None),
            OfATrait::No,
        );
        // A stub for the builds a `cfg` leaves without the fn (`#[cfg(not(test))] fn
        // build_transfer_tx(..) -> Result<..> { unimplemented!() }` beside its `#[cfg(test)]`
        // twin): the build says what it lacks, as a panic under `#[cfg(..)]` inside a body does.
        if self.skips(&item.attrs) || (is_cfg_gated(&item.attrs) && only_panics(&item.block)) {
            return;
        }
        let is_entry_point = is_entry_point(item);
        self.in_fn(
            FnCx {
                is_entry_point,
                documents_its_panics: documents_its_panics(&item.attrs, &item.sig),
                ..Self::named_fn(&self.cx, &item.sig, false)
            },
            Some(&item.block),
            |walker| {
                visit::visit_item_fn(walker, item);
            },
        );
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        // An inline module named for test helpers or doubles (`pub mod test_util { .. }`) is
        // test code as a file of that name is.
        if self.skips(&item.attrs)
            || (!self.cx.config.check_tests
                && item.content.is_some()
                && is_test_support(&item.ident.unraw().to_string()))
        {
            return;
        }
        let generated = usize::from(is_generated_module(&item.attrs));
        self.cx.generated_depth += generated;
        let child = match (&item.content, self.cx.scopes.last()) {
            (Some((_, items)), Some(scope)) => Some(scope.child(&item.ident, items)),
            _ => None,
        };
        let entered = child.map(|child| self.cx.scopes.push(child)).is_some();
        visit::visit_item_mod(self, item);
        if entered {
            self.cx.scopes.pop();
        }
        self.cx.generated_depth -= generated;
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let self_type = type_name(&item.self_ty);
        let self_path = self.cx.type_path(&item.self_ty);
        if let (Some((trait_path, _)), Some(name)) = (&item.trait_, &self_type)
            && let Some(last) = trait_path.segments.last()
        {
            let implemented = (name.clone(), self_path);
            if last.ident == "Error" {
                self.cx.fragment.error_impls.push(implemented);
            } else if last.ident == "Classified" {
                self.cx.fragment.classified_impls.push(implemented);
            } else if last.ident == "Deref" {
                let target = item.items.iter().find_map(|impl_item| match impl_item {
                    syn::ImplItem::Type(target) if target.ident == "Target" => {
                        type_name(&target.ty)
                    }
                    _ => None,
                });
                self.cx
                    .fragment
                    .deref_targets
                    .extend(target.map(|target| (name.clone(), target)));
            }
        }
        let of_a_trait = match &item.trait_ {
            Some(_) if declares_no_error(item) => OfATrait::ImplWithoutError,
            Some(_) => OfATrait::Impl,
            None => OfATrait::No,
        };
        // In the impl's scope already: a method that delegates to `self.other(..)` names its
        // callee by the impl's type.
        self.cx.impl_types.push(self_type.clone());
        self.cx
            .impl_services_infallible
            .push(binds_errors_to_infallible(&item.generics));
        self.cx.impl_paths.push(self_path);
        for impl_item in &item.items {
            if let syn::ImplItem::Macro(mac) = impl_item {
                let call = expand::invocation(&mac.mac, self_type.clone(), self_path);
                self.cx.fragment.macro_calls.extend(call);
            }
            if let syn::ImplItem::Fn(method) = impl_item {
                self.record_fn(
                    &method.attrs,
                    &method.sig,
                    Some(&method.block),
                    (self_type.clone(), self_path.as_ref()),
                    of_a_trait,
                );
            }
        }
        if !self.skips(&item.attrs) {
            self.impl_kinds.push(of_a_trait);
            let refuses = item.trait_.is_some()
                && named_type(&item.self_ty)
                    .is_some_and(|owner| self.refusing_types.contains(&owner));
            self.stand_ins.push(refuses || is_a_stand_in(item));
            visit::visit_item_impl(self, item);
            self.stand_ins.pop();
            self.impl_kinds.pop();
        }
        self.cx.impl_paths.pop();
        self.cx.impl_services_infallible.pop();
        self.cx.impl_types.pop();
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.cx.record_declaration(&item.sig.ident);
        // A stand-in's method that only panics (quadratic's unused Redis pub/sub: `async fn
        // trim(..) -> Result<i64> { unimplemented!() }`, 19 of 24), or one a `cfg` leaves as a
        // stub (see `visit_item_fn`): nothing to check in it.
        if (self.stand_ins.last() == Some(&true) || is_cfg_gated(&item.attrs))
            && only_panics(&item.block)
        {
            return;
        }
        self.in_method(&item.attrs, &item.sig, Some(&item.block), |walker| {
            visit::visit_impl_item_fn(walker, item);
        });
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        let name = item.ident.to_string();
        let trait_path = self.cx.declared_path(&name);
        for trait_item in &item.items {
            if let syn::TraitItem::Fn(method) = trait_item {
                self.record_fn(
                    &method.attrs,
                    &method.sig,
                    method.default.as_ref(),
                    (Some(name.clone()), trait_path.as_ref()),
                    OfATrait::Default,
                );
            }
        }
        if self.skips(&item.attrs) {
            return;
        }
        self.cx.impl_types.push(Some(name));
        self.cx.impl_paths.push(trait_path);
        self.impl_kinds.push(OfATrait::Default);
        visit::visit_item_trait(self, item);
        self.impl_kinds.pop();
        self.cx.impl_paths.pop();
        self.cx.impl_types.pop();
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        // A default body that only panics (`fn yield_dict(..) -> Result<..> { unimplemented!()
        // }`) is a stub for implementors that have the method to override: it is not a failure
        // of its own.
        if item.default.as_ref().is_some_and(only_panics) {
            return;
        }
        self.in_method(&item.attrs, &item.sig, item.default.as_ref(), |walker| {
            visit::visit_trait_item_fn(walker, item);
        });
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        let (derives_error, _) = derives(&item.attrs);
        let fields = item
            .fields
            .iter()
            .filter_map(|field| {
                let name = field.ident.as_ref()?.to_string();
                Some((name, member_type(&self.cx, &field.ty)?))
            })
            .collect();
        self.cx.fragment.types.push(TypeDecl {
            name: item.ident.to_string(),
            path: self.cx.declared_path(&item.ident.to_string()),
            variants: None,
            derives_error,
            fields,
            carries: Carries::of_fields(&item.fields),
        });
        visit::visit_item_struct(self, item);
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        let (derives_error, _) = derives(&item.attrs);
        self.cx.fragment.types.push(TypeDecl {
            name: item.ident.to_string(),
            path: self.cx.declared_path(&item.ident.to_string()),
            variants: Some(
                item.variants
                    .iter()
                    .map(|variant| variant.ident.to_string())
                    .collect(),
            ),
            derives_error,
            fields: Vec::new(),
            // A fieldless enum names a kind; no variant carries a cause. With one variant
            // (anchor's `enum ValidationError { Invalid }`) it says only that it failed, as a
            // unit struct does.
            carries: match Carries::of_fields(
                item.variants.iter().flat_map(|variant| &variant.fields),
            ) {
                Carries::Nothing if item.variants.len() > 1 => Carries::Text,
                carries => carries,
            },
        });
        visit::visit_item_enum(self, item);
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        self.cx.fragment.aliases.push((
            item.ident.to_string(),
            RetKind::of_type(&item.ty),
            result_error_type(&item.ty).and_then(|error| {
                if says_only_that_it_failed(error) {
                    Some(UNIT_ERROR.to_owned())
                } else {
                    own_type_name(error)
                }
            }),
        ));
        visit::visit_item_type(self, item);
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let Some((init, otherwise)) = local
            .init
            .as_ref()
            .and_then(|init| Some((&init.expr, &init.diverge.as_ref()?.1)))
            .filter(|(init, _)| self.cx.asserts_a_shape(&local.pat, init))
        else {
            visit::visit_local(self, local);
            return;
        };
        for attr in &local.attrs {
            self.visit_attribute(attr);
        }
        self.visit_pat(&local.pat);
        self.visit_expr(init);
        self.cx.asserting_branches += 1;
        self.visit_expr(otherwise);
        self.cx.asserting_branches -= 1;
    }

    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        let pushed = match stmt {
            syn::Stmt::Local(local) => {
                if self.skips(&local.attrs) {
                    return;
                }
                self.enter_attrs(&local.attrs)
            }
            _ => 0,
        };
        for hook in &self.stmt_hooks {
            hook(&mut self.cx, stmt);
        }
        let outer_text_let = self.cx.text_let_value;
        if let syn::Stmt::Local(local) = stmt
            && let syn::Pat::Type(typed) = &local.pat
            && matches!(&*typed.ty, syn::Type::Path(ty)
                if ty.qself.is_none() && ty.path.is_ident("String"))
        {
            self.cx.text_let_value = local
                .init
                .as_ref()
                .map(|init| std::ptr::from_ref(&*init.expr));
        }
        visit::visit_stmt(self, stmt);
        self.cx.text_let_value = outer_text_let;
        if let syn::Stmt::Local(local) = stmt {
            self.cx.record_local(local);
        }
        self.leave_attrs(pushed);
    }

    fn visit_stmt_macro(&mut self, stmt: &'ast syn::StmtMacro) {
        if self.skips(&stmt.attrs) {
            return;
        }
        self.cx.macro_is_cfg_gated = self.cx.cfg_gated_blocks > 0 || is_cfg_gated(&stmt.attrs);
        for hook in &self.mac_hooks {
            hook(&mut self.cx, &stmt.mac);
        }
        self.cx.macro_is_cfg_gated = false;
        self.visit_macro_args(&stmt.mac);
        self.cx.record_assertion(&stmt.mac);
    }

    fn visit_expr_macro(&mut self, expr: &'ast syn::ExprMacro) {
        // `#[cfg(not(unix))] unimplemented!()` as a block's value.
        self.cx.macro_is_cfg_gated = self.cx.cfg_gated_blocks > 0 || is_cfg_gated(&expr.attrs);
        for hook in &self.mac_hooks {
            hook(&mut self.cx, &expr.mac);
        }
        self.cx.macro_is_cfg_gated = false;
        self.visit_macro_args(&expr.mac);
    }

    fn visit_expr(&mut self, expr: &'ast syn::Expr) {
        for hook in &self.expr_hooks {
            hook(&mut self.cx, expr);
        }
        visit::visit_expr(self, expr);
    }

    fn visit_expr_block(&mut self, expr: &'ast syn::ExprBlock) {
        // `#[cfg(not(unix))] { let _ = options; panic!("S3 snapshots need unix") }`.
        let gated = is_cfg_gated(&expr.attrs);
        self.cx.cfg_gated_blocks += usize::from(gated);
        visit::visit_expr_block(self, expr);
        self.cx.cfg_gated_blocks -= usize::from(gated);
    }

    fn visit_expr_match(&mut self, expr: &'ast syn::ExprMatch) {
        let text = self.cx.error_text(&expr.expr);
        self.cx.scrutinee_error_texts.push(text);
        for attr in &expr.attrs {
            self.visit_attribute(attr);
        }
        self.visit_expr(&expr.expr);
        let matched = matched_name(&expr.expr);
        let over_self = matched.is_some_and(|name| name == "self");
        // Only `self` and names that read as errors are asked for their text.
        let matched_name =
            matched.filter(|name| *name == "self" || reads_as_an_error(&name.to_string()));
        let counts_rows = matches_zero_or_one(&expr.arms);
        // `#[cfg(feature = "postgres")] Store::Postgres(s) => .., _ => panic!("invalid store")`:
        // the catch-all is the arm of the builds without those features.
        let other_arms_are_cfg_gated = expr.arms.len() > 1
            && expr
                .arms
                .iter()
                .filter(|arm| !is_catch_all_binding(&arm.pat))
                .all(|arm| is_cfg_gated(&arm.attrs));
        // `SysDb::Grpc(grpc) => grpc.collection_to_gc(id).await` in `fn collection_to_gc`: the
        // match dispatches the method to the variant's value.
        let dispatches = over_self
            && expr.arms.iter().any(is_a_stub_arm)
            && self
                .cx
                .enclosing_fn()
                .and_then(|fn_cx| fn_cx.name.as_deref())
                .is_some_and(|name| {
                    expr.arms
                        .iter()
                        .any(|arm| calls_a_method_named(&arm.body, name))
                });
        // `match &self.connection { Conf::Ethereum(conf) => self.build_ethereum(conf).await,
        // Conf::Fuel(_) => todo!() }` in `fn build_provider`: the configuration picks a backend,
        // and the one not built yet panics where it is built. An arm that answers the same gap
        // with an error (`Conf::Sealevel(_) => Err(eyre!("not supported yet"))`) shows the
        // build is expected to fail softly, and the panic beside it is reported.
        let builds_the_configured = matches_a_field(&expr.expr)
            && self
                .cx
                .enclosing_fn()
                .and_then(|fn_cx| fn_cx.name.as_deref())
                .is_some_and(names_a_builder)
            && !expr.arms.iter().any(|arm| answers_an_error(&arm.body));
        for arm in &expr.arms {
            // `match self { SysDb::Grpc(grpc) => grpc.collect().await, SysDb::Sqlite(_) =>
            // unimplemented!("not for local chroma") }` in `fn collect`: the variant lacks the
            // method, as a trait's default body that only panics is a stub for implementors
            // without it.
            if (dispatches || builds_the_configured) && is_a_stub_arm(arm) {
                continue;
            }
            // `#[cfg(test)] WorkerTask::NoOp => { let _ = completion.send(()); continue }`: test
            // code, as a `#[cfg(test)]` item is.
            if self.skips(&arm.attrs) {
                continue;
            }
            // An arm of its own `#[cfg(feature = "x")]` is compiled where it is reached; one for
            // a testing feature (`#[cfg(feature = "test_mode")]`) only in tests.
            let gated = (other_arms_are_cfg_gated && is_catch_all_binding(&arm.pat))
                || arm.attrs.iter().any(is_cfg_for_tests);
            self.cx.cfg_gated_blocks += usize::from(gated);
            // `match r { Ok(_) => .. r.unwrap() .. }`: in the `Ok` arm, `r` holds no error.
            let checked = is_ok_pattern(&arm.pat)
                .then(|| self.cx.bind_checked_ok(&expr.expr))
                .flatten();
            // `match self { Error::NotReady => .. self.to_string() .. }`, `match &err { ..
            // }`: in the arm of a unit variant, the name matched is that variant, and its text
            // is its fixed message, as `err @ Error::NotReady` binds it.
            let bound = self.cx.arm_bindings.len();
            if let Some(name) = matched_name
                && is_unit_variant(&arm.pat)
            {
                self.cx.arm_bindings.push((name.clone(), true));
            }
            // `match users.entry(id) { Entry::Vacant(_) => panic!("missing uid {id}!"), .. }`:
            // the arm of a variant of a value the fn made, of no error type, asserts its shape,
            // as `let Some(..) = .. else` does.
            let asserts = (counts_rows && is_catch_all_binding(&arm.pat))
                || (is_a_variant_of_no_error(&arm.pat)
                    && (matches!(&arm.pat, syn::Pat::Path(_))
                        || self.cx.asserts_a_shape(&arm.pat, &expr.expr))
                    && !self.cx.is_handed_in(&expr.expr)
                    && !self.cx.is_read_from_a_parameter(&expr.expr));
            self.cx.asserting_branches += usize::from(asserts);
            self.visit_arm(arm);
            self.cx.asserting_branches -= usize::from(asserts);
            self.cx.cfg_gated_blocks -= usize::from(gated);
            self.cx.arm_bindings.truncate(bound);
            self.cx.unbind(checked);
        }
        self.cx.scrutinee_error_texts.pop();
    }

    fn visit_expr_if(&mut self, expr: &'ast syn::ExprIf) {
        let before = self.cx.bind_task_outcome(&expr.cond);
        // `if r.is_ok() { .. r.unwrap() .. }`, `if let Ok(_) = r { .. }`: in the branch, `r`
        // holds no error; in the `else`, it does.
        let checked_local = match &*expr.cond {
            syn::Expr::MethodCall(call) if call.method == "is_ok" && call.args.is_empty() => {
                Some(&*call.receiver)
            }
            syn::Expr::Let(let_expr) if is_ok_pattern(&let_expr.pat) => Some(&*let_expr.expr),
            _ => None,
        };
        // `if let Err(e) = reply(..) { warn!(%e, ..); let _ = close(..); }`, also as a link of a
        // chain (`if enabled && let Err(e) = apply(..) { .. }`).
        let reports = i32::from(any_let_of_a_chain(&expr.cond, &|let_expr| {
            reports_what_it_binds(&let_expr.pat, &expr.then_branch)
        }));
        for attr in &expr.attrs {
            self.visit_attribute(attr);
        }
        self.visit_expr(&expr.cond);
        let checked = checked_local.and_then(|local| self.cx.bind_checked_ok(local));
        let calls_before = self.cx.checked_calls.len();
        self.cx.checked_calls.extend(calls_checked_ok(&expr.cond));
        self.cx.step_reporting_handlers(reports);
        // `if resp.is_err() && !urls.is_empty() { for url in urls { let _ = delete(url).await } }
        // resp`: a cleanup on the way out of the failure the local holds, as in a block that
        // returns the error.
        let after_a_failure = asks_a_local_if_it_failed(&expr.cond);
        if after_a_failure && let Some(fn_cx) = self.cx.fn_stack.last_mut() {
            fn_cx.failing_blocks += 1;
        }
        // `if cfg!(test) { panic!(..) }`: the branch runs only in the crate's tests.
        let gated = holds_only_in_tests(&expr.cond);
        self.cx.cfg_gated_blocks += usize::from(gated);
        self.cx.debug_only_branches += usize::from(gated);
        // `if let Err(e) = encoder.encode(&families, &mut buffer) { .. }`: `e` is the error of
        // what it is matched against, as an `Err(e)` arm's is the scrutinee's.
        let bound = self.cx.arm_bindings.len();
        if let syn::Expr::Let(let_expr) = &*expr.cond
            && err_pattern(&let_expr.pat).is_some()
        {
            let says_nothing = self
                .cx
                .error_text(&let_expr.expr)
                .shows_nothing_in(&expr.then_branch);
            self.cx.bind_arm_pattern(&let_expr.pat, says_nothing);
        }
        self.visit_block(&expr.then_branch);
        self.cx.arm_bindings.truncate(bound);
        if after_a_failure && let Some(fn_cx) = self.cx.fn_stack.last_mut() {
            fn_cx.failing_blocks = fn_cx.failing_blocks.saturating_sub(1);
        }
        self.cx.debug_only_branches -= usize::from(gated);
        self.cx.cfg_gated_blocks -= usize::from(gated);
        self.cx.step_reporting_handlers(-reports);
        self.cx.checked_calls.truncate(calls_before);
        self.cx.unbind(checked);
        // `if let Some(entry) = cache.get(..) { .. } else { panic!("should exist now") }`: the
        // `else` is an `Option`'s `None`, as in `let Some(..) = .. else`.
        let absent = matches!(&*expr.cond, syn::Expr::Let(let_expr)
            if self.cx.asserts_a_shape(&let_expr.pat, &let_expr.expr));
        // `if let Err(e) = result { .. } else { result.unwrap() }`, `if r.is_err() { .. } else
        // { .. }`: in the `else`, the local holds no error.
        let checked_in_else = match &*expr.cond {
            syn::Expr::MethodCall(call) if call.method == "is_err" && call.args.is_empty() => {
                Some(&*call.receiver)
            }
            syn::Expr::Let(let_expr) if err_pattern(&let_expr.pat).is_some() => {
                Some(&*let_expr.expr)
            }
            _ => None,
        };
        if let Some((_, otherwise)) = &expr.else_branch {
            let checked = checked_in_else.and_then(|local| self.cx.bind_checked_ok(local));
            self.cx.asserting_branches += usize::from(absent);
            self.visit_expr(otherwise);
            self.cx.asserting_branches -= usize::from(absent);
            self.cx.unbind(checked);
        }
        self.cx.unbind(before);
        self.cx.record_reported(expr);
        self.cx.record_left_on_err(expr);
    }

    fn visit_expr_while(&mut self, expr: &'ast syn::ExprWhile) {
        let before = self.cx.bind_task_outcome(&expr.cond);
        self.in_loop(|walker| visit::visit_expr_while(walker, expr));
        self.cx.unbind(before);
    }

    fn visit_expr_loop(&mut self, expr: &'ast syn::ExprLoop) {
        self.in_loop(|walker| visit::visit_expr_loop(walker, expr));
    }

    fn visit_expr_for_loop(&mut self, expr: &'ast syn::ExprForLoop) {
        self.in_loop(|walker| visit::visit_expr_for_loop(walker, expr));
    }

    fn visit_arm(&mut self, arm: &'ast syn::Arm) {
        let pushed = self.enter_attrs(&arm.attrs);
        let bound = self.cx.arm_bindings.len();
        let says_nothing = self
            .cx
            .scrutinee_error_texts
            .last()
            .is_some_and(|text| text.shows_nothing_in(&arm.body));
        self.cx.bind_arm_pattern(&arm.pat, says_nothing);
        let reports = i32::from(
            reports_what_it_binds(&arm.pat, &*arm.body)
                || hands_on_what_it_binds(&arm.pat, &arm.body),
        );
        self.cx.step_reporting_handlers(reports);
        // `Err(e) if cfg!(test) => panic!(..)`: the arm is taken only in the crate's tests.
        let gated =
            matches!(&arm.pat, syn::Pat::Guard(guarded) if holds_only_in_tests(&guarded.guard));
        // `None` reads as a binding's name to the parser, which cannot tell.
        let absent = match &arm.pat {
            syn::Pat::Path(path) => path.path.is_ident("None"),
            syn::Pat::Ident(binding) => binding.ident == "None" && binding.subpat.is_none(),
            _ => false,
        };
        self.cx.cfg_gated_blocks += usize::from(gated);
        self.cx.debug_only_branches += usize::from(gated);
        self.cx.asserting_branches += usize::from(absent);
        visit::visit_arm(self, arm);
        self.cx.asserting_branches -= usize::from(absent);
        self.cx.debug_only_branches -= usize::from(gated);
        self.cx.cfg_gated_blocks -= usize::from(gated);
        self.cx.step_reporting_handlers(-reports);
        self.cx.arm_bindings.truncate(bound);
        self.leave_attrs(pushed);
    }

    fn visit_expr_method_call(&mut self, expr: &'ast syn::ExprMethodCall) {
        self.cx.record_use(None, &expr.method, true);
        // `.fold(String::with_capacity(64), |mut out, byte| { let _ = write!(out, ..); out })`,
        // clippy's `format_collect` advice: the accumulator is a `String`.
        if expr.method == "fold"
            && let [init, syn::Expr::Closure(closure)] = expr.args.iter().collect::<Vec<_>>()[..]
            && makes_string(init)
        {
            self.closure_roles
                .push((std::ptr::from_ref(closure), ClosureRole::FoldsIntoAString));
        }
        // `thread::Builder::new().name(..).spawn(move || ..)`.
        if expr.method == "spawn" {
            self.expect_closure(&expr.args, ClosureRole::StartsAThread);
            self.expect_startup_task(&expr.args);
        }
        // `args.sort_by_key(|arg| match arg { Ok(a) => a.start(), Err(_) => 0 })`: each item is
        // lent to the closure to order or look at, and stays where it was.
        if [
            "sort_by_key",
            "sort_unstable_by_key",
            "sort_by_cached_key",
            "is_sorted_by_key",
            "max_by_key",
            "min_by_key",
            "inspect",
        ]
        .iter()
        .any(|lends| expr.method == lends)
        {
            self.expect_closure(&expr.args, ClosureRole::LooksAtItems);
        }
        // `.filter(|r| match r { Ok(m) => m.end > x, Err(_) => true })` before a `collect` into
        // a `Result` (walrus's event blob writer): an error kept is handed on with the items.
        if (expr.method == "filter" || expr.method == "take_while")
            && let [syn::Expr::Closure(closure)] = expr.args.iter().collect::<Vec<_>>()[..]
            && keeps_its_errors(&closure.body)
        {
            self.closure_roles
                .push((std::ptr::from_ref(closure), ClosureRole::LooksAtItems));
        }
        // `.inspect_err(|e| { error!("..: {e:?}"); exit_event.write(1).ok(); })`.
        let method = expr.method.to_string();
        if (inspects_the_error(&method)
            || matches!(method.as_str(), "map_err" | "or_else" | "unwrap_or_else"))
            && let Some(syn::Expr::Closure(closure)) = expr.args.first()
            && let Some(error) = closure.inputs.first().and_then(bound_name)
            && logs_the_error(&*closure.body, error)
        {
            self.closure_roles
                .push((std::ptr::from_ref(closure), ClosureRole::ReportsItsError));
        } else if expr.method == "map_err"
            && let Some(syn::Expr::Closure(closure)) = expr.args.first()
        {
            // `.map_err(|e| { _ = write!(f, "{e:?}"); fmt::Error })`: what the closure answers
            // is the error handed on, and what it does first is on the way out of that failure.
            self.closure_roles
                .push((std::ptr::from_ref(closure), ClosureRole::MakesTheError));
        }
        // `.map_err(|err| Status::internal(err.to_string()))`: `err` is the receiver's error, as
        // an `Err(err)` arm's is the scrutinee's.
        let bound = self.cx.arm_bindings.len();
        if expr.method == "map_err"
            && let Some(syn::Expr::Closure(closure)) = expr.args.first()
            && let [syn::Pat::Ident(error)] = closure.inputs.iter().collect::<Vec<_>>()[..]
        {
            // A send's error shows the message it hands back only through `Debug` (and only
            // some channels'); its `Display` is "channel closed". An AWS SDK request's shows
            // only its category ("service error").
            let text = match self.cx.error_text(&expr.receiver) {
                ErrorText::MayShowInternals
                    if self.cx.operation_of(&expr.receiver) == Operation::Send =>
                {
                    ErrorText::OnlyItsCategory
                }
                text => text,
            };
            let says_nothing = text.shows_nothing_in(&*closure.body);
            self.cx
                .arm_bindings
                .push((error.ident.clone(), says_nothing));
        }
        visit::visit_expr_method_call(self, expr);
        self.cx.arm_bindings.truncate(bound);
    }

    fn visit_expr_try(&mut self, expr: &'ast syn::ExprTry) {
        visit::visit_expr_try(self, expr);
        self.cx.record_validated_input(&expr.expr);
    }

    fn visit_expr_closure(&mut self, expr: &'ast syn::ExprClosure) {
        let ret = RetKind::of_return(&expr.output);
        let role = self
            .closure_roles
            .iter()
            .position(|(closure, _)| std::ptr::eq(*closure, expr))
            .map(|at| self.closure_roles.swap_remove(at).1);
        let mut locals = Vec::new();
        if role == Some(ClosureRole::FoldsIntoAString)
            && let Some(syn::Pat::Ident(accumulator)) = expr.inputs.first()
        {
            locals.push(Local {
                name: accumulator.ident.clone(),
                kind: LocalKind::String,
                ty: None,
            });
        }
        if role == Some(ClosureRole::LooksAtItems)
            && let Some(item) = expr.inputs.first().and_then(bound_name)
        {
            locals.push(Local {
                name: item.clone(),
                kind: LocalKind::BorrowedResult,
                ty: None,
            });
        }
        let mut fn_cx = FnCx::closure(ret, locals);
        fn_cx.reporting_handlers = u32::from(role == Some(ClosureRole::ReportsItsError));
        fn_cx.failing_blocks = u32::from(role == Some(ClosureRole::MakesTheError));
        fn_cx.starts_a_thread =
            role == Some(ClosureRole::StartsAThread) && catches_panics_at_the_top(&expr.body);
        fn_cx.hooks_panics = role == Some(ClosureRole::HooksPanics);
        fn_cx.starts_with_the_program = role == Some(ClosureRole::StartsAThread)
            && self.cx.innermost().is_some_and(FnCx::starts_tasks_once);
        self.in_fn(fn_cx, None, |walker| {
            visit::visit_expr_closure(walker, expr);
        });
    }

    fn visit_expr_async(&mut self, expr: &'ast syn::ExprAsync) {
        let mut fn_cx = FnCx::closure(RetKind::NotResult, Vec::new());
        if let Some(at) = self
            .startup_tasks
            .iter()
            .position(|task| std::ptr::eq(*task, expr))
        {
            self.startup_tasks.swap_remove(at);
            fn_cx.starts_with_the_program = true;
        }
        self.in_fn(fn_cx, None, |walker| {
            visit::visit_expr_async(walker, expr);
        });
    }

    fn visit_block(&mut self, block: &'ast syn::Block) {
        let mut fails = block_ends_in_error(block);
        let mut branch = false;
        if let Some(fn_cx) = self.cx.fn_stack.last_mut() {
            // A branch that ends in a panic fails too (`if unsupported { let _ =
            // adapter.delete_mock(id).await; panic!("..") }`: the cleanup is on its way out); a
            // fn's body that does is not a branch.
            fails |= fn_cx.in_body && block_ends_in_a_panic(block);
            // A branch that loops before it fails searches and gives up (`for _ in 0..150 {
            // match try_bind(port) { .., Err(_) => continue } } Err("no free port")`): its
            // attempts are not on the way out of a failure.
            branch = fn_cx.in_body && (!fails || !loops(block));
            fn_cx.in_body = true;
            if fails {
                fn_cx.failing_blocks += 1;
                fn_cx.failing_branches += u32::from(branch);
            }
        }
        visit::visit_block(self, block);
        if fails && let Some(fn_cx) = self.cx.fn_stack.last_mut() {
            fn_cx.failing_blocks = fn_cx.failing_blocks.saturating_sub(1);
            fn_cx.failing_branches = fn_cx.failing_branches.saturating_sub(u32::from(branch));
        }
    }

    fn visit_expr_const(&mut self, expr: &'ast syn::ExprConst) {
        self.cx.const_depth += 1;
        visit::visit_expr_const(self, expr);
        self.cx.const_depth -= 1;
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        self.cx.const_depth += 1;
        visit::visit_item_const(self, item);
        self.cx.const_depth -= 1;
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.cx.const_depth += 1;
        visit::visit_item_static(self, item);
        self.cx.const_depth -= 1;
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if !self.cx.fragment.mentions_onus
            && path
                .segments
                .first()
                .is_some_and(|first| first.ident == "onus")
        {
            self.cx.fragment.mentions_onus = true;
        }
        visit::visit_path(self, path);
    }

    fn visit_use_tree(&mut self, tree: &'ast syn::UseTree) {
        if let syn::UseTree::Path(path) = tree
            && path.ident == "onus"
        {
            self.cx.fragment.mentions_onus = true;
        }
        visit::visit_use_tree(self, tree);
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        // `macro_rules!` bodies and item-position macros are not Rust the engine can walk; the
        // fns the simplest of them stamp out are indexed (see [`crate::expand`]).
        if item.ident.is_some() {
            self.cx.fragment.macro_defs.extend(expand::definition(item));
        } else {
            let call = expand::invocation(&item.mac, None, None);
            self.cx.fragment.macro_calls.extend(call);
        }
    }
}

impl LocalKind {
    /// The kind of a declared type: `String`, `Vec<u8>`, `Result<..>` (or an alias the index may resolve),
    /// `oneshot::Receiver<..>`.
    fn of_type(ty: &syn::Type, cx: &Cx<'_>) -> Self {
        if is_string_type(ty) || is_a_text_writer(ty) {
            return Self::String;
        }
        if is_bytes_type(ty) {
            return Self::Buffer;
        }
        if is_a_number_type(ty) {
            return Self::Number;
        }
        if let syn::Type::Path(path) = ty
            && let [.., module, last] = &path.path.segments.iter().collect::<Vec<_>>()[..]
            && module.ident == "oneshot"
            && last.ident == "Receiver"
        {
            return Self::Receiver;
        }
        match RetKind::of_type(ty) {
            RetKind::Result => Self::Result(Vec::new(), result_error_operation(ty, cx)),
            RetKind::Named(name) if name.ends_with("Result") => {
                Self::Result(vec![Cond::TypeIsResult(name)], Operation::Other)
            }
            RetKind::Named(_) | RetKind::NotResult => Self::Other,
        }
    }
}

/// `impl fmt::Write`, `dyn fmt::Write`: a writer of text, whose error (`fmt::Error`) says only
/// that the writer failed, as a `String`'s never does (kitsune's `fn render(&self, out: &mut impl
/// fmt::Write)`, given a `String` by its callers).
fn is_a_text_writer(ty: &syn::Type) -> bool {
    let bounds = match ty {
        syn::Type::ImplTrait(written) => &written.bounds,
        syn::Type::TraitObject(written) => &written.bounds,
        _ => return false,
    };
    bounds.iter().any(|bound| {
        matches!(bound, syn::TypeParamBound::Trait(bound)
            if matches!(&segment_names(&bound.path)[..], [.., module, name] if module == "fmt" && name == "Write"))
    })
}

/// Whether a parameter of `function` typed `ty` (references peeled) is an error: a type named
/// `*Error` (`anyhow::Error`, `io::Error`, `DbError`), `impl Error`, `dyn Error` (also boxed),
/// or `impl Display` when the fn's name says it answers an error (`internal_server_error`).
fn is_error_parameter(ty: &syn::Type, function: &syn::Ident) -> bool {
    let names_an_error = |path: &syn::Path| {
        path.segments
            .last()
            .is_some_and(|last| last.ident.to_string().ends_with("Error"))
    };
    let bounds_name = |bounds: &Punctuated<syn::TypeParamBound, syn::Token![+]>,
                       accepts: &dyn Fn(&syn::Path) -> bool| {
        bounds
            .iter()
            .any(|bound| matches!(bound, syn::TypeParamBound::Trait(bound) if accepts(&bound.path)))
    };
    let is_display = |path: &syn::Path| {
        path.segments
            .last()
            .is_some_and(|last| last.ident == "Display")
    };
    match ty {
        syn::Type::Path(path) => {
            names_an_error(&path.path)
                || path.path.segments.last().is_some_and(|last| {
                    last.ident == "Box"
                        && matches!(&last.arguments, syn::PathArguments::AngleBracketed(args)
                            if args.args.iter().any(|arg| matches!(arg,
                                syn::GenericArgument::Type(syn::Type::TraitObject(object))
                                    if bounds_name(&object.bounds, &names_an_error))))
                })
        }
        syn::Type::TraitObject(object) => bounds_name(&object.bounds, &names_an_error),
        syn::Type::ImplTrait(bounds) => {
            bounds_name(&bounds.bounds, &names_an_error)
                || (function.to_string().contains("error")
                    && bounds_name(&bounds.bounds, &is_display))
        }
        syn::Type::Reference(reference) => is_error_parameter(&reference.elem, function),
        syn::Type::Paren(inner) => is_error_parameter(&inner.elem, function),
        _ => false,
    }
}

/// Where a fn's documentation explains a body of one statement: its doc lines say the error is
/// let go on purpose or cannot happen (see [`explains`]).
fn doc_explanation(attrs: &[syn::Attribute], body: &syn::Block) -> Option<SpanRange> {
    // One short statement, as a comment above it would cover: not a body of one long `if`,
    // whose doc speaks of what the fn does (pingora's `connect_with`, "retry .. ignoring the
    // port range"), unless the doc speaks of its failures (rustfs's `sync_parent_dir`:
    // "Best-effort fsync .. so any failure is ignored").
    let [statement] = body.stmts.as_slice() else {
        return None;
    };
    let lines = SpanRange::of(statement);
    let long = lines.end.end().line - lines.start.start().line >= EXPLAINED_LINES;
    let mut first = None;
    let mut said = String::new();
    for (attr, text) in doc_lines(attrs) {
        if may_explain(&text) {
            first.get_or_insert(attr);
            said.extend(text.chars().map(|c| c.to_ascii_lowercase()));
            said.push(' ');
        }
    }
    let span = SpanRange::of(first?);
    let of_its_failures = said.contains("fail") || said.contains("error");
    (explains(&said) && (!long || of_its_failures)).then_some(span)
}

/// Whether a fn's documentation says when it panics: a `# Panics` section, or a line that
/// speaks of it (`/// Panics if the pipe is not ready`, `/// this will panic outside a
/// LocalSet`).
fn documents_its_panics(attrs: &[syn::Attribute], sig: &syn::Signature) -> bool {
    // Panics are reported only in a fn that may return a `Result`; reading a doc line makes a
    // `String` of it, so no other fn's docs are read.
    RetKind::of_return(&sig.output) != RetKind::NotResult
        && doc_lines(attrs).any(|(_, text)| speaks_of_panics(&text))
}

/// A doc line that says the fn panics (`# Panics`, `Panics if ..`, `.. will panic.`), not one
/// that only names a panic in passing (`panic_on_error`, `catch_unwind`'s panics).
fn speaks_of_panics(line: &str) -> bool {
    // Most doc lines say nothing of panics: a look for the stem first, which any capitalization
    // keeps.
    if !line.contains("anic") {
        return false;
    }
    let line = line.trim_start();
    line.starts_with("# Panics")
        || line.starts_with("Panics ")
        // `/// Adds an edge. Panics if there's already one`: a sentence of its own.
        || line.contains(". Panics ")
        || line
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect::<Vec<_>>()
            .windows(2)
            .any(|words| matches!(words, ["will" | "may" | "it" | "this", "panic" | "panics"]))
}

/// The program's entry point: a free `fn main`, or a fn a runtime's attribute makes one
/// (`#[tokio::main]`, `#[actix_web::main]`).
fn is_entry_point(item: &syn::ItemFn) -> bool {
    item.sig.ident == "main"
        || item.attrs.iter().any(|attr| {
            let path = attr.path();
            path.segments.len() > 1
                && path
                    .segments
                    .last()
                    .is_some_and(|last| last.ident == "main")
        })
}

/// Whether a body is one panic macro and nothing else (`{ unimplemented!() }`).
fn only_panics(body: &syn::Block) -> bool {
    panic_macro_of_block(body).is_some()
}

/// The name of the panic macro that is all of a block, if it is one.
fn panic_macro_of_block(body: &syn::Block) -> Option<String> {
    panic_of_block(body).map(|(name, _)| name)
}

/// The panic macro that is all of a block, by name, with its call.
fn panic_of_block(body: &syn::Block) -> Option<(String, &syn::Macro)> {
    let mac = match body.stmts.as_slice() {
        [syn::Stmt::Macro(mac)] => &mac.mac,
        [syn::Stmt::Expr(syn::Expr::Macro(mac), _)] => &mac.mac,
        _ => return None,
    };
    macro_name(mac)
        .filter(|name| is_panic_macro(name))
        .map(|name| (name, mac))
}

/// An implementation of a trait most of whose methods, three or more and two in three at least,
/// only panic: a stand-in type, as a trait's default body that only panics is a stub (tikv's
/// `engine_panic`, "an example storage engine that does nothing but panic"; quadratic's Redis
/// pub/sub beside the streams one it uses, 19 of 24 methods `unimplemented!()`). Its panicking
/// methods are left alone and its others read. One or two methods left `todo!()` beside a type's
/// real work (an `AsyncSeek` whose `start_seek` is not written yet) are still reported. So are
/// three methods or more that refuse with one written reason (helix-db's read-only `Directory`
/// adapters, `fn open_write(&self, _: &Path) -> .. { unimplemented!("read-only") }` in 4 of 10):
/// a capability the type declines on purpose.
fn is_a_stand_in(item: &syn::ItemImpl) -> bool {
    if item.trait_.is_none() {
        return false;
    }
    let (panicking, methods) = panicking_methods(item);
    (panicking >= 3 && panicking * 3 >= methods * 2) || refuses_with_one_reason(refusals(item))
}

/// The written messages of an impl's methods that only panic with one.
fn refusals(item: &syn::ItemImpl) -> impl Iterator<Item = String> + '_ {
    item.items.iter().filter_map(|impl_item| match impl_item {
        syn::ImplItem::Fn(method) => panic_of_block(&method.block)
            .map(|(_, mac)| mac.tokens.to_string())
            .filter(|reason| !reason.is_empty()),
        _ => None,
    })
}

/// Whether three of `reasons` or more are the same message.
fn refuses_with_one_reason(reasons: impl Iterator<Item = String>) -> bool {
    let mut reasons: Vec<String> = reasons.collect();
    reasons.sort_unstable();
    reasons.chunk_by(|a, b| a == b).any(|same| same.len() >= 3)
}

/// The types whose trait impls among `items` (and their inline modules), taken together, refuse
/// three methods or more with one written reason: a type that declines a phase of several
/// traits' protocol (zenoh's `PatchFsm`, whose `OpenFsm` and `AcceptFsm` impls answer two
/// methods each with `unimplemented!("There is no patch extension in OPEN")`).
fn types_refusing_with_one_reason(items: &[syn::Item]) -> HashSet<String> {
    fn collect<'a>(items: &'a [syn::Item], by_type: &mut HashMap<String, Vec<&'a syn::ItemImpl>>) {
        for item in items {
            match item {
                syn::Item::Impl(item) if item.trait_.is_some() => {
                    if let Some(owner) = named_type(&item.self_ty) {
                        by_type.entry(owner).or_default().push(item);
                    }
                }
                syn::Item::Mod(module) => {
                    if let Some((_, items)) = &module.content {
                        collect(items, by_type);
                    }
                }
                _ => {}
            }
        }
    }
    let mut by_type = HashMap::new();
    collect(items, &mut by_type);
    by_type
        .into_iter()
        .filter(|(_, impls)| {
            impls.len() > 1 && refuses_with_one_reason(impls.iter().flat_map(|item| refusals(item)))
        })
        .map(|(owner, _)| owner)
        .collect()
}

/// How many of an impl's methods only panic, and how many methods it has.
fn panicking_methods(item: &syn::ItemImpl) -> (usize, usize) {
    item.items
        .iter()
        .filter_map(|impl_item| match impl_item {
            syn::ImplItem::Fn(method) => Some(only_panics(&method.block)),
            _ => None,
        })
        .fold((0, 0), |(panicking, methods), panics| {
            (panicking + usize::from(panics), methods + 1)
        })
}

/// Whether `code` calls a method of this name (`grpc.collect(id).await.map_err(..)`).
fn calls_a_method_named(code: &syn::Expr, name: &str) -> bool {
    any_node(
        code,
        Descend::Body,
        |node| matches!(node, Node::Expr(syn::Expr::MethodCall(call)) if call.method == name),
    )
}

/// A field of a name, as a match looks into it: `self.connection`, `&conf.backend`,
/// `conf.connection.clone()`.
fn matches_a_field(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Field(field) => {
            matches!(peel(&field.base), syn::Expr::Path(path) if path.path.get_ident().is_some())
        }
        syn::Expr::MethodCall(call)
            if call.args.is_empty()
                && matches!(
                    call.method.to_string().as_str(),
                    "clone" | "as_ref" | "borrow"
                ) =>
        {
            matches_a_field(&call.receiver)
        }
        _ => false,
    }
}

/// A fn that builds a value from its configuration: `build`, `build_provider`, `new`,
/// `new_client`, `create_store`, `connect`, `from_conf`.
fn names_a_builder(name: &str) -> bool {
    ["build", "new", "create", "connect", "from"]
        .iter()
        .any(|verb| {
            name == *verb
                || name
                    .strip_prefix(verb)
                    .is_some_and(|rest| rest.starts_with('_'))
        })
}

/// Whether an arm's body answers with an error anywhere: `Err(eyre!(..))`, `return Err(..)`,
/// `bail!(..)`.
fn answers_an_error(body: &syn::Expr) -> bool {
    any_node(body, Descend::Body, |node| match node {
        Node::Expr(syn::Expr::Call(call)) => {
            matches!(peel(&call.func), syn::Expr::Path(path) if path.path.is_ident("Err"))
        }
        Node::Expr(syn::Expr::Macro(mac)) => macro_name(&mac.mac).as_deref() == Some("bail"),
        _ => false,
    })
}

/// `AdminRole`, `AdminUser`, `RequireAdmin`: a type named for admins that a handler takes, an
/// extractor that lets only them in. Not a client of an admin API (`AdminClient`, `AdminApi`,
/// `AdminService`), which anyone's request may use.
fn names_an_admin_extractor(name: &syn::Ident) -> bool {
    let name = name.to_string().to_lowercase();
    name.contains("admin")
        && !["client", "api", "service", "config", "pool", "connection"]
            .iter()
            .any(|tool| name.ends_with(tool))
}

/// The name of the panic macro that is all of an arm's body, if it is one.
fn arm_panic_macro(arm: &syn::Arm) -> Option<String> {
    match peel(&arm.body) {
        syn::Expr::Macro(mac) => macro_name(&mac.mac).filter(|name| is_panic_macro(name)),
        syn::Expr::Block(block) => panic_macro_of_block(&block.block),
        _ => None,
    }
}

/// An arm for a variant that binds nothing (`SysDb::Sqlite(_)`, `Backend::Local { .. }`,
/// `Kind::Memory`, `Self::Invalid`, the rest: `_`) and only panics (`todo!()`,
/// `unimplemented!(..)`, `panic!("invalid operator")`), without a guard (in syn 3, a guarded
/// arm's pattern is a `Pat::Guard`).
fn is_a_stub_arm(arm: &syn::Arm) -> bool {
    fn binds_nothing(pat: &syn::Pat) -> bool {
        match pat {
            syn::Pat::Wild(_) => true,
            syn::Pat::Path(path) => path.path.segments.len() >= 2,
            // `Conf::Fuel(_conf)`: a name written to be left unused.
            syn::Pat::TupleStruct(tuple) => tuple.elems.iter().all(|elem| match elem {
                syn::Pat::Wild(_) | syn::Pat::Rest(_) => true,
                syn::Pat::Ident(ident) => {
                    ident.subpat.is_none() && ident.ident.to_string().starts_with('_')
                }
                _ => false,
            }),
            syn::Pat::Struct(fields) => fields.fields.is_empty() && fields.rest.is_some(),
            syn::Pat::Or(or) => or.cases.iter().all(binds_nothing),
            _ => false,
        }
    }
    binds_nothing(&arm.pat) && arm_panic_macro(arm).is_some()
}

/// The name a match is over: `self`, `err`, also as `*self` or `&err` (`peel` sees through
/// `&`).
fn matched_name(expr: &syn::Expr) -> Option<&syn::Ident> {
    match peel(expr) {
        syn::Expr::Path(path) => path.path.get_ident(),
        syn::Expr::Unary(deref) if matches!(deref.op, syn::UnOp::Deref(_)) => {
            matched_name(&deref.expr)
        }
        _ => None,
    }
}

/// A unit variant written by its path (`Error::NotReady`, `Self::Closed`), or several of them
/// (`Error::A | Error::B`).
fn is_unit_variant(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::Path(path) => path.path.segments.len() >= 2,
        syn::Pat::Or(or) => or.cases.iter().all(is_unit_variant),
        _ => false,
    }
}

/// The names a match arm's pattern binds, through tuple-struct, tuple, reference and `|`
/// patterns, each with whether it is bound to a unit variant (`name @ Path::Variant`).
fn collect_arm_bindings(pat: &syn::Pat, bindings: &mut Vec<(syn::Ident, bool)>) {
    match pat {
        syn::Pat::Ident(binding) => {
            let unit = matches!(binding.subpat.as_ref().map(|(_, subpat)| &**subpat),
                Some(syn::Pat::Path(path)) if path.path.segments.len() >= 2);
            bindings.push((binding.ident.clone(), unit));
        }
        syn::Pat::TupleStruct(tuple) => {
            for elem in &tuple.elems {
                collect_arm_bindings(elem, bindings);
            }
        }
        syn::Pat::Tuple(tuple) => {
            for elem in &tuple.elems {
                collect_arm_bindings(elem, bindings);
            }
        }
        syn::Pat::Reference(reference) => collect_arm_bindings(&reference.pat, bindings),
        syn::Pat::Paren(inner) => collect_arm_bindings(&inner.pat, bindings),
        syn::Pat::Or(or) => {
            for case in &or.cases {
                collect_arm_bindings(case, bindings);
            }
        }
        _ => {}
    }
}

/// `fn complete_remote(arg: &str, param: &HashMap<String, String>) -> Vec<String>`: a `complete_*`
/// fn given the word as text (`&str`, `&OsStr`) that answers a list of candidates.
fn completes_a_word(sig: &syn::Signature) -> bool {
    let answers_a_list = matches!(&sig.output, syn::ReturnType::Type(_, ty)
        if matches!(&**ty, syn::Type::Path(path)
            if path.qself.is_none() && path.path.segments.last().is_some_and(|last| last.ident == "Vec")));
    let given_a_word = sig.inputs.iter().any(|input| {
        matches!(input, syn::FnArg::Typed(typed)
            if matches!(&*typed.ty, syn::Type::Reference(reference)
                if matches!(&*reference.elem, syn::Type::Path(path)
                    if path.path.is_ident("str") || path.path.is_ident("OsStr"))))
    });
    sig.ident.to_string().starts_with("complete_") && answers_a_list && given_a_word
}

/// `fn retry<T, E>(..) -> Result<T, E>`, where no bound on `E` builds one (`From<..>`,
/// `Default`, a trait of the checked code's that may have a constructor): the fn's own
/// failures have no error to be.
fn fails_with_an_unbuildable_parameter(sig: &syn::Signature) -> bool {
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return false;
    };
    let Some(syn::Type::Path(error)) = result_error_type(ty) else {
        return false;
    };
    let Some(error) = error.path.get_ident() else {
        return false;
    };
    let builds = |bounds: &syn::punctuated::Punctuated<syn::TypeParamBound, syn::Token![+]>| {
        bounds.iter().any(|bound| {
            !matches!(bound, syn::TypeParamBound::Trait(bound)
            if bound.path.segments.last().is_some_and(|last| matches!(
                last.ident.to_string().as_str(),
                "Debug" | "Display" | "Send" | "Sync" | "Error" | "Clone" | "Sized"
            ))) && !matches!(bound, syn::TypeParamBound::Lifetime(_))
        })
    };
    let declared = sig.generics.params.iter().any(|param| {
        matches!(param, syn::GenericParam::Type(param) if param.ident == *error && !builds(&param.bounds))
    });
    let bounded_elsewhere = sig.generics.where_clause.iter().any(|clause| {
        clause.predicates.iter().any(|predicate| {
            matches!(predicate, syn::WherePredicate::Type(predicate)
                if matches!(&predicate.bounded_ty, syn::Type::Path(bounded) if bounded.path.is_ident(error))
                    && builds(&predicate.bounds))
        })
    });
    declared && !bounded_elsewhere
}

/// `-> Result<T, String>`.
fn returns_string_error(output: &syn::ReturnType) -> bool {
    matches!(output, syn::ReturnType::Type(_, ty) if result_error_type(ty).is_some_and(is_string_type))
}

/// A log's record or level as a parameter's type: `log::Record`, `log::Level`, and tracing's
/// `Event<'_>` (with its lifetime: an `Event` without one is more likely a domain's own).
fn names_a_log_record(last: &syn::PathSegment) -> bool {
    match last.ident.to_string().as_str() {
        "Record" | "Level" => true,
        "Event" => matches!(&last.arguments, syn::PathArguments::AngleBracketed(args)
            if args.args.iter().any(|arg| matches!(arg, syn::GenericArgument::Lifetime(_)))),
        _ => false,
    }
}

/// Crates whose errors say nothing beyond their kind, on purpose: ring's and aws-lc-rs's
/// `error::Unspecified` ("an error with absolutely no details", so that a failed decryption or
/// key check leaks nothing), and their `KeyRejected`, which names only the reason as a fixed
/// text.
const OPAQUE_CRYPTO_CRATES: [&str; 2] = ["ring", "aws_lc_rs"];

/// `ring::error::Unspecified`, `aws_lc_rs::error::KeyRejected`, written in full or through a
/// `use`.
fn is_opaque_crypto_error(full: &[String]) -> bool {
    matches!(full, [krate, .., last]
        if OPAQUE_CRYPTO_CRATES.contains(&krate.as_str())
            && matches!(last.as_str(), "Unspecified" | "KeyRejected"))
}

/// The operation the error type of `Result<T, E>` (through `&`) tells (see
/// [`operation_of_error_type`]), or [`Operation::Opaque`] for an error type the configuration
/// lists as opaque.
fn result_error_operation(ty: &syn::Type, cx: &Cx<'_>) -> Operation {
    match result_error_type(ty) {
        Some(error) if cx.is_opaque_error(error) => Operation::Opaque,
        Some(error) => operation_of_error_type(error),
        None => Operation::Other,
    }
}

impl Types for Cx<'_> {
    fn self_type(&self) -> Option<&str> {
        Cx::self_type(self)
    }

    fn type_of(&self, local: &syn::Ident) -> Option<&str> {
        self.local_type(local)
    }

    fn resolve(&self, segments: &[String]) -> Vec<ItemPath> {
        self.resolve_path(segments)
    }

    fn self_path(&self) -> Option<&ItemPath> {
        self.impl_paths.last().and_then(Option::as_ref)
    }

    fn starts_with_a_crate_name(&self, segments: &[String]) -> bool {
        self.scopes
            .last()
            .is_some_and(|scope| scope.starts_with_a_crate_name(segments))
    }

    fn result_origin(&self, local: &syn::Ident) -> Option<(Call, bool, Operation)> {
        let Some(LocalKind::Result(conds, operation)) = self.local(local) else {
            return None;
        };
        conds.iter().find_map(|cond| match cond {
            Cond::ReturnsResult { call, awaited } => Some((call.clone(), *awaited, *operation)),
            _ => None,
        })
    }
}

/// The type whose methods a value of the declared type `ty` has: `Store` for `Store`, `&Store`,
/// `&mut Store`, `Arc<Store>`, `Rc<Store>`, `Box<Store>` (which dereference to it), by its last
/// path segment; `None` for anything else (a generic, a tuple, `impl Trait`).
fn named_type(ty: &syn::Type) -> Option<String> {
    named_path(method_owner(ty)?)
}

/// The path of the type whose methods a value of the declared type `ty` has, through `&`,
/// `Arc`, `Rc` and `Box`.
fn method_owner(ty: &syn::Type) -> Option<&syn::Path> {
    match ty {
        syn::Type::Reference(reference) => method_owner(&reference.elem),
        syn::Type::Paren(paren) => method_owner(&paren.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            let last = path.path.segments.last()?;
            if matches!(last.ident.to_string().as_str(), "Arc" | "Rc" | "Box")
                && let syn::PathArguments::AngleBracketed(args) = &last.arguments
                && let [syn::GenericArgument::Type(inner)] =
                    args.args.iter().collect::<Vec<_>>().as_slice()
            {
                return method_owner(inner);
            }
            Some(&path.path)
        }
        _ => None,
    }
}

/// The type a field or an accessor declared `ty` has, as far as calling its methods goes.
fn member_type(cx: &Cx, ty: &syn::Type) -> Option<FieldType> {
    let owner = method_owner(ty)?;
    let name = named_path(owner)?;
    let full = cx.in_full(owner);
    let from_std = full.len() == 1 || full.first().is_some_and(|first| first == "std");
    let is_std_lock = names_a_lock_type(&name) && from_std;
    Some(FieldType {
        name,
        path: cx.resolve_one(owner),
        is_std_lock,
        from_std,
    })
}

/// A type's name, by the last segment of its path: `None` for a type parameter or `Self`, which
/// say nothing the index could look up.
fn named_path(path: &syn::Path) -> Option<String> {
    let name = path.segments.last()?.ident.to_string();
    (name.starts_with(|c: char| c.is_ascii_uppercase()) && name != "Self").then_some(name)
}

/// Whether an error handler, `Err(e)` and the code that runs for it, logs the error it binds.
fn reports_what_it_binds<'ast>(pat: &syn::Pat, body: &'ast impl Root<'ast>) -> bool {
    matches!(err_pattern(pat), Some(ErrPattern { inner: ErrInner::Bound(error), .. })
        if logs_the_error(body, error))
}

/// Whether an `Err(e)` arm's value hands the error it binds on whole, wrapped in a variant
/// (Qovery's `Err(err) => { let _ = manage_common_issues(..); OperationResult::Retry(err) }`,
/// `Err(e) => { let _ = tx.rollback(); Err(e.into()) }`): what it does first is on the way out
/// of a failure that is handed on.
fn hands_on_what_it_binds(pat: &syn::Pat, body: &syn::Expr) -> bool {
    let Some(ErrPattern {
        inner: ErrInner::Bound(error),
        ..
    }) = err_pattern(pat)
    else {
        return false;
    };
    let value = match peel(body) {
        syn::Expr::Block(block) => match block_value(&block.block) {
            Some(value) => peel(value),
            None => return false,
        },
        value => value,
    };
    let is_the_error = |arg: &syn::Expr| match peel(arg) {
        syn::Expr::Path(path) => path.path.is_ident(error),
        syn::Expr::MethodCall(call) if call.method == "into" && call.args.is_empty() => {
            matches!(peel(&call.receiver), syn::Expr::Path(path) if path.path.is_ident(error))
        }
        _ => false,
    };
    matches!(value, syn::Expr::Call(call)
        if matches!(peel(&call.func), syn::Expr::Path(path)
            if last_ident(&path.path).is_some_and(|name| name.to_string().starts_with(char::is_uppercase)))
            && call.args.iter().any(is_the_error))
}

/// Whether a closure's body catches panics in one of its own statements, not in a loop or a
/// block below them: `move || { panic::catch_unwind(..).map_err(..).ok(); }`, `let r =
/// catch_unwind(..);`, `match catch_unwind(..) { .. }`.
fn catches_panics_at_the_top(body: &syn::Expr) -> bool {
    let statements: Vec<&syn::Expr> = match peel(body) {
        syn::Expr::Block(block) => block
            .block
            .stmts
            .iter()
            .filter_map(|stmt| match stmt {
                syn::Stmt::Expr(expr, _) => Some(expr),
                syn::Stmt::Local(local) => local.init.as_ref().map(|init| &*init.expr),
                _ => None,
            })
            .collect(),
        expr => vec![expr],
    };
    statements.into_iter().any(|statement| {
        let mut expr = peel(statement);
        loop {
            expr = match expr {
                caught if is_catch_unwind(caught) => return true,
                syn::Expr::MethodCall(call) => peel(&call.receiver),
                syn::Expr::Call(_) => return false,
                syn::Expr::Await(awaited) => peel(&awaited.base),
                syn::Expr::Try(tried) => peel(&tried.expr),
                syn::Expr::Match(matched) => peel(&matched.expr),
                syn::Expr::If(branch) => peel(&branch.cond),
                syn::Expr::Let(binding) => peel(&binding.expr),
                _ => return false,
            };
        }
    })
}

/// Whether a `let` of a condition holds `test`: the condition itself, or a link of an `&&`
/// chain (`a && let Err(e) = b`).
fn any_let_of_a_chain(cond: &syn::Expr, test: &dyn Fn(&syn::ExprLet) -> bool) -> bool {
    match cond {
        syn::Expr::Let(let_expr) => test(let_expr),
        syn::Expr::Binary(both) if matches!(both.op, syn::BinOp::And(_)) => {
            any_let_of_a_chain(&both.left, test) || any_let_of_a_chain(&both.right, test)
        }
        _ => false,
    }
}

/// Whether a condition asks a local whether it failed (`resp.is_err()`), also as a link of a
/// chain of `&&`.
fn asks_a_local_if_it_failed(cond: &syn::Expr) -> bool {
    match peel(cond) {
        syn::Expr::MethodCall(call) => {
            call.method == "is_err"
                && call.args.is_empty()
                && matches!(peel(&call.receiver), syn::Expr::Path(path) if path.path.get_ident().is_some())
        }
        syn::Expr::Binary(both) if matches!(both.op, syn::BinOp::And(_)) => {
            asks_a_local_if_it_failed(&both.left) || asks_a_local_if_it_failed(&both.right)
        }
        _ => false,
    }
}

/// What the call a closure is given to says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClosureRole {
    /// `.fold(String::new(), |mut out, x| ..)`: its accumulator is a `String`.
    FoldsIntoAString,
    /// A `.map_err(..)`, `.inspect_err(..)`, `.or_else(..)` or `.unwrap_or_else(..)` closure that
    /// logs the error it is given: what else it does is on the way out of a reported failure,
    /// as in an `Err(e)` arm that logs `e`.
    ReportsItsError,
    /// Any other `.map_err(..)` closure: its value is the error handed on, so the rest of it is
    /// on the way out of a failure, as a block that ends in `return Err(..)` is.
    MakesTheError,
    /// `spawn(move || ..)`: the closure a thread starts with.
    StartsAThread,
    /// `panic::set_hook(Box::new(|info| ..))`: the closure every panic is reported through.
    HooksPanics,
    /// `.sort_by_key(|item| ..)`, `.inspect(|item| ..)`: the closure is lent each item, which
    /// stays where it was; a `Result` among them is looked into in place.
    LooksAtItems,
}

/// The name a closure's parameter binds: `e`, `e: &Error`.
fn bound_name(pat: &syn::Pat) -> Option<&syn::Ident> {
    match pat {
        syn::Pat::Ident(binding) => Some(&binding.ident),
        syn::Pat::Type(typed) => bound_name(&typed.pat),
        _ => None,
    }
}

/// The type a `let`'s value is built as: `Store::new(..)`, `Store::default()`,
/// `Store::with_..(..)`, `Store::new_..(..)` (also with `?` or `.await` after it), or a struct
/// literal `Store { .. }`.
fn built_type(init: &syn::Expr) -> Option<String> {
    match peel_outcome(init) {
        syn::Expr::Struct(literal) if literal.qself.is_none() => named_path(&literal.path),
        syn::Expr::Call(call) => {
            let syn::Expr::Path(path) = peel(&call.func) else {
                return None;
            };
            let segments: Vec<&syn::PathSegment> = path.path.segments.iter().collect();
            let [.., owner, function] = segments.as_slice() else {
                return None;
            };
            let function = function.ident.to_string();
            let constructs = function == "new"
                || function == "default"
                || function.starts_with("new_")
                || function.starts_with("with_");
            let owner = owner.ident.to_string();
            (constructs && owner.starts_with(|c: char| c.is_ascii_uppercase()) && owner != "Self")
                .then_some(owner)
        }
        _ => None,
    }
}

/// `Vec<u8>`, and the bytes crate's `BytesMut`, which grows as `Vec<u8>` does: bytes in memory
/// (see [`LocalKind::Buffer`]).
fn is_bytes_type(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    if last.ident == "BytesMut" && last.arguments.is_none() {
        return true;
    }
    last.ident == "Vec"
        && matches!(&last.arguments, syn::PathArguments::AngleBracketed(args)
            if matches!(args.args.iter().collect::<Vec<_>>()[..],
                [syn::GenericArgument::Type(syn::Type::Path(byte))] if byte.path.is_ident("u8")))
}

/// Whether `expr` certainly makes a `String`: `String::new()`, `String::with_capacity(..)`,
/// `String::from(..)`, `String::default()`, `format!(..)`, `x.to_string()` (`ToString` always
/// does), or `"literal".to_owned()`.
fn makes_string(expr: &syn::Expr) -> bool {
    match expr {
        // Also in an arena (bumpalo's `String::with_capacity_in(18, &arena)`).
        syn::Expr::Call(call) => constructs(
            &call.func,
            "String",
            &[
                "new",
                "with_capacity",
                "from",
                "default",
                "new_in",
                "with_capacity_in",
                "from_str_in",
            ],
        ),
        syn::Expr::Macro(mac) => mac.mac.path.is_ident("format"),
        syn::Expr::MethodCall(call) if call.args.is_empty() => {
            call.method == "to_string"
                || (call.method == "to_owned"
                    && matches!(
                        &*call.receiver,
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(_),
                            ..
                        })
                    ))
        }
        syn::Expr::Paren(paren) => makes_string(&paren.expr),
        // `fs::read_to_string(path)?`, also through `.await` and `.context(..)`: a file's text.
        syn::Expr::Try(tried) => reads_a_file_as_text(&tried.expr),
        _ => false,
    }
}

/// `fs::read_to_string(path)`, `tokio::fs::read_to_string(path).await`, also with the error
/// given context or mapped (`.with_context(..)`, `.map_err(..)`).
fn reads_a_file_as_text(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Await(awaited) => reads_a_file_as_text(&awaited.base),
        syn::Expr::MethodCall(call) if hands_the_error_on(&call.method.to_string()) => {
            reads_a_file_as_text(&call.receiver)
        }
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if matches!(&segment_names(&path.path)[..],
                [.., module, name] if name == "read_to_string" && (module == "fs" || module == "fs_err"))),
        _ => false,
    }
}

/// `Vec::new()`, `Vec::with_capacity(n)`, `vec![]`, `BytesMut::new()`: a buffer of bytes in
/// memory (see [`LocalKind::Buffer`]); so is a writer made over a new one
/// (`Cursor::new(Vec::new())`, `GzEncoder::new(Vec::new(), level)`, csv's
/// `WriterBuilder::new().from_writer(Vec::new())`), which writes only there.
/// `u64`, `usize`, `f64`: a primitive number type.
fn is_a_number_type(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path) if path.qself.is_none()
        && path.path.get_ident().is_some_and(|name| names_a_number_type(&name.to_string())))
}

/// An integer type's name (see [`INTEGERS`]), `f32` or `f64`.
fn names_a_number_type(name: &str) -> bool {
    INTEGERS.contains(&name) || matches!(name, "f32" | "f64")
}

/// Whether `expr` makes a number: `u64::from(capacity)`, `used as u32`, and arithmetic that
/// saturates or wraps (`cap.saturating_sub(used)`, `seq.wrapping_add(1)`).
fn makes_a_number(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::Cast(cast) => is_a_number_type(&cast.ty),
        syn::Expr::Call(call) => matches!(peel(&call.func), syn::Expr::Path(path)
            if matches!(&segment_names(&path.path)[..], [number, from]
                if from == "from" && names_a_number_type(number))),
        syn::Expr::MethodCall(call) => {
            let method = call.method.to_string();
            method.starts_with("saturating_") || method.starts_with("wrapping_")
        }
        _ => false,
    }
}

fn makes_buffer(expr: &syn::Expr) -> bool {
    match peel(expr) {
        syn::Expr::MethodCall(call) => {
            call.method == "from_writer" && call.args.first().is_some_and(makes_buffer)
        }
        syn::Expr::Call(call) => {
            constructs(&call.func, "Vec", &["new", "with_capacity"])
                || constructs(&call.func, "BytesMut", &["new", "with_capacity"])
                || (matches!(peel(&call.func), syn::Expr::Path(path)
                    if last_ident(&path.path).is_some_and(|name| name == "new" || name == "from_writer"))
                    && call.args.first().is_some_and(makes_buffer))
        }
        syn::Expr::Macro(mac) => mac.mac.path.is_ident("vec") && mac.mac.tokens.is_empty(),
        _ => false,
    }
}

/// A record written by a writer of rows (csv's `wtr.write_record(&fields)`, `write_field`,
/// `serialize(row)`): into a writer over memory, it fails only on a value that does not fit.
fn writes_a_record(method: &syn::Ident) -> bool {
    matches!(
        method.to_string().as_str(),
        "write_record" | "write_byte_record" | "write_field" | "serialize"
    )
}

/// Whether `func` is one of `ty`'s associated fns named in `names` (`String::new`,
/// `std::vec::Vec::with_capacity`).
fn constructs(func: &syn::Expr, ty: &str, names: &[&str]) -> bool {
    let syn::Expr::Path(path) = peel(func) else {
        return false;
    };
    let mut segments = path.path.segments.iter().rev();
    path.qself.is_none()
        && matches!((segments.next(), segments.next()), (Some(name), Some(owner))
            if owner.ident == ty && names.iter().any(|wanted| name.ident == wanted))
}

/// Whether the attributes compile their item only for some platforms or features.
fn is_cfg_gated(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| attr.path().is_ident("cfg"))
}

/// The input a conversion reads: the receiver of `req.id.parse()`, the one argument of
/// `Uuid::from_str(&req.id)`, without `&` (which `peel` takes off) or `.as_str()`.
fn converted_input(conversion: &syn::Expr) -> Option<&syn::Expr> {
    let input = match peel(conversion) {
        syn::Expr::MethodCall(call) if call.args.is_empty() => &*call.receiver,
        syn::Expr::Call(call) if call.args.len() == 1 => call.args.first()?,
        _ => return None,
    };
    let mut input = peel(input);
    loop {
        input = match input {
            syn::Expr::MethodCall(call)
                if call.args.is_empty()
                    && matches!(call.method.to_string().as_str(), "as_str" | "as_ref") =>
            {
                peel(&call.receiver)
            }
            // A value read from a field or a local, not one made anew by a call each time.
            syn::Expr::Path(_) | syn::Expr::Field(_) => return Some(input),
            _ => return None,
        };
    }
}

/// `match rows_affected { 0 => .., 1 => .., _ => .. }`: arms for the counts 0 and 1, then one
/// for the rest.
fn matches_zero_or_one(arms: &[syn::Arm]) -> bool {
    let count = |pat: &syn::Pat| match pat {
        syn::Pat::Lit(syn::ExprLit {
            lit: syn::Lit::Int(count),
            ..
        }) => count.base10_parse::<u64>().ok(),
        _ => None,
    };
    match arms {
        [zero, one, rest] => {
            count(&zero.pat) == Some(0)
                && count(&one.pat) == Some(1)
                && is_catch_all_binding(&rest.pat)
        }
        _ => false,
    }
}

/// `Some(..)`, also typed, or a tuple of them: a pattern that binds what `Option`s hold.
fn binds_some(pat: &syn::Pat) -> bool {
    match pat {
        syn::Pat::TupleStruct(some) => some.path.is_ident("Some"),
        syn::Pat::Type(typed) => binds_some(&typed.pat),
        // `if let (Some(id), Some(kind)) = (path.id(), path.kind()) { .. } else { panic!(..) }`.
        syn::Pat::Tuple(parts) => !parts.elems.is_empty() && parts.elems.iter().all(binds_some),
        _ => false,
    }
}

/// One variant of an enum other than `Option` and `Result` (`InferResult::Classify(r)`,
/// `Message::Text { body }`), also typed.
fn binds_a_variant(pat: &syn::Pat) -> bool {
    let is_a_variant = |path: &syn::Path| {
        path.segments
            .last()
            .is_some_and(|last| last.ident != "Ok" && last.ident != "Err" && last.ident != "Some")
    };
    match pat {
        syn::Pat::TupleStruct(variant) => is_a_variant(&variant.path),
        syn::Pat::Struct(variant) => is_a_variant(&variant.path),
        syn::Pat::Type(typed) => binds_a_variant(&typed.pat),
        _ => false,
    }
}

/// `Entry::Vacant(_)`, `btree_map::Entry::Occupied(e)`: a variant named with its type, which is
/// no error (`Error::NotFound`, `StoreErr::Down` are) and no `Result` or `Option`.
fn is_a_variant_of_no_error(pat: &syn::Pat) -> bool {
    let path = match pat {
        syn::Pat::TupleStruct(variant) => &variant.path,
        syn::Pat::Struct(variant) => &variant.path,
        syn::Pat::Path(variant) => &variant.path,
        _ => return false,
    };
    let mut names = path
        .segments
        .iter()
        .rev()
        .map(|segment| segment.ident.to_string());
    let (Some(_variant), Some(owner)) = (names.next(), names.next()) else {
        return false;
    };
    !(owner.ends_with("Error")
        || owner.ends_with("Err")
        || owner.ends_with("Failure")
        || matches!(owner.as_str(), "Result" | "Option" | "Self"))
}

/// Whether a condition holds only in a test or debug build: `cfg!(test)`,
/// `cfg!(debug_assertions)`, alone or as one side of `&&`.
fn holds_only_in_tests(condition: &syn::Expr) -> bool {
    match peel(condition) {
        syn::Expr::Macro(mac) if mac.mac.path.is_ident("cfg") => {
            let flag = mac.mac.tokens.to_string();
            // `debug`: a flag a project sets for its own checking builds (skytable's).
            flag == "test" || flag == "debug_assertions" || flag == "debug"
        }
        syn::Expr::Binary(both) if matches!(both.op, syn::BinOp::And(_)) => {
            holds_only_in_tests(&both.left) || holds_only_in_tests(&both.right)
        }
        _ => false,
    }
}

/// Parses `#[onus::allow(rule, .., reason = "..")]`, and an `#[expect(..)]` of lints that say
/// what rules of ours do (`lint_allows`: see [`Hooks::allowed_by`]); `None` for any other
/// attribute. An `#[allow(..)]` of them is not read: it may have been written only to quiet the
/// other tool, or outlived its reason, where rustc checks that an expected lint still fires.
fn parse_allow_attr(
    attr: &syn::Attribute,
    lint_allows: &[(&str, &str)],
) -> Option<AttrSuppression> {
    let path = attr.path();
    if path.is_ident("expect") {
        return parse_lint_expectation(attr, lint_allows);
    }
    let is_allow = path.segments.len() == 2
        && path.segments[0].ident == "onus"
        && path.segments[1].ident == "allow";
    if !is_allow {
        return None;
    }
    let mut rules = Vec::new();
    let mut has_reason = false;
    if let syn::Meta::List(list) = &attr.meta {
        let metas = list.parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated);
        for meta in metas.into_iter().flatten() {
            match meta {
                syn::Meta::Path(path) => {
                    let name = segment_names(&path).join("::");
                    let name = name
                        .strip_prefix("onus::")
                        .map_or(name.clone(), str::to_owned);
                    rules.push((name, SpanRange::of(&path)));
                }
                syn::Meta::NameValue(pair) if pair.path.is_ident("reason") => {
                    has_reason = !matches!(&pair.value,
                        syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(reason), .. }) if reason.value().trim().is_empty());
                }
                _ => {}
            }
        }
    }
    Some(AttrSuppression {
        span: SpanRange::of(attr),
        rules,
        has_reason,
        explains: false,
    })
}

/// `#[expect(clippy::unwrap_used, clippy::expect_used)]`, `#[expect(clippy::panic, reason =
/// "..")]`: the rules of ours those lints say the same as; `None` where they name none.
fn parse_lint_expectation(
    attr: &syn::Attribute,
    lint_allows: &[(&str, &str)],
) -> Option<AttrSuppression> {
    let syn::Meta::List(list) = &attr.meta else {
        return None;
    };
    let metas = list
        .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
        .ok()?;
    let rules: Vec<(String, SpanRange)> = metas
        .iter()
        .filter_map(|meta| match meta {
            syn::Meta::Path(path) => Some(path),
            _ => None,
        })
        .flat_map(|path| {
            let lint = segment_names(path).join("::");
            lint_allows
                .iter()
                .filter(|(allowed, _)| *allowed == lint)
                .map(|(_, rule)| ((*rule).to_owned(), SpanRange::of(path)))
                .collect::<Vec<_>>()
        })
        .collect();
    (!rules.is_empty()).then(|| AttrSuppression {
        span: SpanRange::of(attr),
        rules,
        has_reason: true,
        explains: true,
    })
}

/// Whether a loop is written in `block` (not in its closures).
fn loops(block: &syn::Block) -> bool {
    any_node(block, Descend::Body, |node| {
        matches!(
            node,
            Node::Expr(syn::Expr::ForLoop(_) | syn::Expr::While(_) | syn::Expr::Loop(_))
        )
    })
}

/// The local an `if let Err(..)` or `.is_err()` looks into: `r`, `&r`, `r.as_ref()` (`if let
/// Err(ref e) = r` borrows as well).
fn local_looked_into(expr: &syn::Expr) -> Option<&syn::Ident> {
    let looked_into = match peel(expr) {
        syn::Expr::MethodCall(call) if call.method == "as_ref" && call.args.is_empty() => {
            &*call.receiver
        }
        other => other,
    };
    match peel(looked_into) {
        syn::Expr::Path(path) => path.path.get_ident(),
        _ => None,
    }
}

/// The calls with only written arguments a condition checks are `Ok`, as their tokens:
/// `env::var("TLS_CERT").is_ok() && env::var("TLS_KEY").is_ok()` checks both.
fn calls_checked_ok(cond: &syn::Expr) -> Vec<String> {
    match peel(cond) {
        syn::Expr::Binary(both) if matches!(both.op, syn::BinOp::And(_)) => {
            let mut calls = calls_checked_ok(&both.left);
            calls.extend(calls_checked_ok(&both.right));
            calls
        }
        syn::Expr::MethodCall(call) if call.method == "is_ok" && call.args.is_empty() => {
            call_with_written_arguments(&call.receiver)
                .into_iter()
                .collect()
        }
        _ => Vec::new(),
    }
}

/// The tokens of a call of a path whose arguments are all literals (`env::var("PORT")`), which
/// answers the same when asked again.
fn call_with_written_arguments(expr: &syn::Expr) -> Option<String> {
    let syn::Expr::Call(call) = peel(expr) else {
        return None;
    };
    let written = !call.args.is_empty()
        && call
            .args
            .iter()
            .all(|arg| matches!(peel(arg), syn::Expr::Lit(_)));
    (written && matches!(peel(&call.func), syn::Expr::Path(_)))
        .then(|| quote::ToTokens::to_token_stream(call).to_string())
}

/// What an error shows of our internals in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ErrorText {
    /// Nothing (see [`Cx::error_shows_no_internals`]).
    Nothing,
    /// Only its category, in its `Display` (an AWS SDK request's `SdkError`: "service
    /// error"); its `Debug` shows the raw response.
    OnlyItsCategory,
    /// Whatever its cause says.
    MayShowInternals,
}

impl ErrorText {
    /// Whether an error with this text shows nothing of our internals where `code` uses it: its
    /// `Display` hides what its `Debug` (`{e:?}`) would show.
    fn shows_nothing_in(self, code: &impl quote::ToTokens) -> bool {
        match self {
            Self::Nothing => true,
            Self::OnlyItsCategory => !formats_with_debug(code),
            Self::MayShowInternals => false,
        }
    }
}

/// Whether the error of an operation of this kind shows nothing of our internals in its text
/// (see [`Cx::error_shows_no_internals`]).
fn shows_no_internals(kind: Operation) -> bool {
    (kind.error_carries_no_cause() && kind != Operation::Send) || kind == Operation::Serialization
}

/// Whether `expr` formats anything with `Debug` (`{e:?}`, `{:#?}`).
fn formats_with_debug(code: &impl quote::ToTokens) -> bool {
    fn in_tokens(tokens: proc_macro2::TokenStream) -> bool {
        tokens.into_iter().any(|token| match token {
            proc_macro2::TokenTree::Literal(literal) => {
                let text = literal.to_string();
                is_string_literal(&text) && (text.contains(":?") || text.contains(":#?"))
            }
            proc_macro2::TokenTree::Group(group) => in_tokens(group.stream()),
            _ => false,
        })
    }
    in_tokens(quote::ToTokens::to_token_stream(code))
}

/// `Ordering`, `cmp::Ordering`, `Option<Ordering>`: a comparator's answer.
fn answers_an_order(ty: &syn::Type) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    last.ident == "Ordering"
        || (last.ident == "Option"
            && matches!(&last.arguments, syn::PathArguments::AngleBracketed(inner)
                if matches!(inner.args.first(), Some(syn::GenericArgument::Type(ty)) if answers_an_order(ty))))
}
