//! The workspace index: what the first pass learns about every file, so that the rules can tell
//! whether `repo.save(&user)` returns a `Result` when `save` is declared in another file.
//!
//! Rules never wait for the index. They emit candidates with [`Cond`]itions ("this call returns a
//! `Result`", "this type is not classified anywhere"), and the engine resolves the conditions once
//! every file's [`IndexFragment`] is merged. That way each file is parsed exactly once, and spans
//! are turned into locations on the thread that parsed them.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::catalog::{self, ErrorType};
use crate::config::Config;
use crate::expand::{self, MacroCall, MacroDef};
use crate::known_fallible;
use crate::paths::ItemPath;
use crate::syntax::http::redacts_an_answer;
use crate::syntax::nodes::{INTEGERS, is_string_type, result_error_type};
use crate::syntax::operations::{
    LockMethods, Operation, Operations, names_a_lock_type, operation_of_error_type,
};
use crate::syntax::wrappers::{combine, read_handed_on};

/// What a declared return type says about `Result`, before aliases are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RetKind {
    /// `Result<..>`, `io::Result<..>`, `fmt::Result`, `anyhow::Result<..>`, ...
    Result,
    /// No return type, or a type that is plainly something else (`Option<T>`, `(u8, u8)`, `&str`).
    NotResult,
    /// A path type named by this identifier, which may be a `Result` alias declared elsewhere
    /// (`type Fallible<T> = Result<T, Error>`).
    Named(String),
}

impl RetKind {
    /// Classifies a declared return type. `impl Future<Output = T>` counts as `T`, as the value
    /// a caller sees after `.await`.
    pub(crate) fn of_return(ret: &syn::ReturnType) -> Self {
        match ret {
            syn::ReturnType::Default => Self::NotResult,
            syn::ReturnType::Type(_, ty) => Self::of_type(ty),
        }
    }

    pub(crate) fn of_type(ty: &syn::Type) -> Self {
        match value_type(ty) {
            Some(syn::Type::Path(path)) if path.qself.is_none() => {
                match path.path.segments.last() {
                    Some(last) if last.ident == "Result" => Self::Result,
                    Some(last) => Self::Named(last.ident.to_string()),
                    None => Self::NotResult,
                }
            }
            _ => Self::NotResult,
        }
    }
}

/// The type a fn's caller gets of its return type, awaited where it is a future:
/// `Pin<Box<dyn Future<Output = Result<..>>>>` and `impl Future<Output = Result<T, ()>>` give
/// `Result<..>`. `None` for a trait object or `impl Trait` that is no future.
pub(crate) fn value_type(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Path(path) if path.qself.is_none() => match path.path.segments.last() {
            Some(last) if last.ident == "Pin" || last.ident == "Box" => {
                single_type_argument(last).and_then(value_type)
            }
            _ => Some(ty),
        },
        syn::Type::Paren(inner) => value_type(&inner.elem),
        syn::Type::Group(inner) => value_type(&inner.elem),
        syn::Type::ImplTrait(bounds) => future_output(bounds.bounds.iter()).and_then(value_type),
        syn::Type::TraitObject(bounds) => future_output(bounds.bounds.iter()).and_then(value_type),
        _ => Some(ty),
    }
}

fn single_type_argument(segment: &syn::PathSegment) -> Option<&syn::Type> {
    let syn::PathArguments::AngleBracketed(args) = &segment.arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty),
        _ => None,
    })
}

/// The `Output` of a `Future` among `bounds`.
fn future_output<'a>(
    mut bounds: impl Iterator<Item = &'a syn::TypeParamBound>,
) -> Option<&'a syn::Type> {
    bounds.find_map(|bound| {
        let syn::TypeParamBound::Trait(bound) = bound else {
            return None;
        };
        let last = bound.path.segments.last()?;
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        if last.ident != "Future" {
            return None;
        }
        args.args.iter().find_map(|arg| match arg {
            syn::GenericArgument::AssocType(assoc) if assoc.ident == "Output" => Some(&assoc.ty),
            _ => None,
        })
    })
}

/// A call whose result a rule wants to know.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Call {
    /// `f(..)`, `module::f(..)`, `Type::f(..)`: the path's segments as written (`Self` already
    /// replaced by the impl's type where known), and the fns of the checked crate it may name,
    /// most likely first (see [`crate::paths::ModuleScope::resolve`]).
    Path {
        segments: Vec<String>,
        resolved: Vec<ItemPath>,
        /// The path starts with another crate's name written in full (`observer::end_context()`;
        /// see [`crate::paths::ModuleScope::starts_with_a_crate_name`]): no fn of the checked
        /// code, whatever their names.
        foreign: bool,
    },
    /// `receiver.name(..)`, with the receiver's type when the engine knows it (`self`, a typed
    /// local): its name, and the types of the checked crate that name may be; or, for
    /// `self.field.name(..)`, the field whose declared type the index knows.
    Method {
        name: String,
        /// How many arguments it is given: a method of the checked code that takes another
        /// number of parameters is not the one called.
        args: usize,
        self_type: Option<String>,
        owner: Vec<ItemPath>,
        field: Option<Box<FieldOf>>,
    },
    /// `name!(..)`.
    Macro(String),
}

/// `owner.field`, where the owner's type is known: the struct's name and the paths it may have.
/// `field` is also an accessor called without arguments, written with its parentheses
/// (`owner.db()` is the member `db()`), whose declared value the index knows as a field's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct FieldOf {
    pub(crate) owner: String,
    pub(crate) owner_paths: Vec<ItemPath>,
    pub(crate) field: String,
}

/// A field's declared type, as far as its methods go: the type's name (through `&`, `Arc`, `Box`,
/// `Rc`) and its path, where it resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldType {
    pub(crate) name: String,
    pub(crate) path: Option<ItemPath>,
    /// std's `Mutex` or `RwLock` (`std::sync::RwLock<..>`, or `RwLock<..>` not imported from
    /// another crate: not `fd_lock::RwLock`, whose `write()` is a file's lock).
    pub(crate) is_std_lock: bool,
    /// std's (`use std::fs::File;`, `std::fs::File` written in full), or a name not imported
    /// from another crate: not `tokio::fs::File`.
    pub(crate) from_std: bool,
}

/// A fact that must hold, once the whole workspace is indexed, for a candidate to be reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cond {
    /// The call produces a `Result` (after `.await` if `awaited`).
    ReturnsResult { call: Call, awaited: bool },
    /// A return type named by this identifier is a `Result` alias.
    TypeIsResult(String),
    /// The type `name` declared in `file` (at `path`, where its module is known) implements
    /// `Error`: an `impl Error for` that names it by its path, or by its name in the same file, or
    /// in another file when no other struct or enum shares the name. (A derive of `Error` on the
    /// declaration itself is known where it is written.)
    ImplementsError {
        name: String,
        file: PathBuf,
        path: Option<ItemPath>,
    },
    /// The type `name` declared in `file` (at `path`) implements `Classified` by hand nowhere it
    /// could: no impl names its path, none is in the same file, nor in another one when the name
    /// is unique.
    NotClassified {
        name: String,
        file: PathBuf,
        path: Option<ItemPath>,
    },
    /// The variant `variant` of the classified type `ty` (which may be any of `paths`; by its
    /// name when none is a classified type of the checked code) is declared `class = system`
    /// (its cause matters to an operator).
    IsSystemVariant {
        ty: String,
        paths: Vec<ItemPath>,
        variant: String,
    },
    /// Test code names neither `path` (`Type::Variant`) nor the string `code`.
    Untested { path: String, code: String },
    /// The call is not one the configuration lists as `ignorable`.
    NotIgnorable(Call),
    /// The code in `file` belongs to a package that uses onus (it depends on `onus`, or, without
    /// a cargo workspace, some checked file uses `onus::`): error types not declaring their class
    /// are defects there, and a migration list elsewhere.
    UsesOnus(PathBuf),
    /// The error enum the match names (at one of `paths`, where its module is known; otherwise
    /// the one of this name whose variants include every one `listed`) has variants that are
    /// not in `listed`.
    ErrorEnumNotCovered {
        name: String,
        paths: Vec<ItemPath>,
        listed: Vec<String>,
    },
    /// None of these calls is to a fn of the checked code declared `-> !`.
    NoCallDiverges(Vec<Call>),
    /// The fn `name` of the binary whose crate root is `root` is called from somewhere other
    /// than its `main` and the fns that run only at startup (see [`crate::startup`]).
    NotRunOnlyAtStartup { root: ItemPath, name: String },
    /// The call is not to a fn of the checked code that decides what a client sees of the
    /// answer it is given (see [`FnDecl::redacts`]).
    NotRedactedBy(Call),
    /// The call is not to a fn of the checked code that hands on the error of one of these
    /// kinds of operation: declared to return one of the configuration's `opaque_errors`, or a
    /// wrapper of a file-system question, a conversion, ... (see [`FnDecl::error`]).
    /// `foreign`: the operation the call is when it is to no fn of the checked code (std's
    /// lock, a property looked up: see [`crate::syntax::operations::foreign_operation`]).
    /// `awaited`: the call's value is awaited before it is a `Result` (an `async fn` called
    /// without `.await` is not the fn that produced the error).
    ErrorNotOf {
        call: Call,
        awaited: bool,
        kinds: Operations,
        foreign: Operation,
    },
    /// The field `write!(self.buf, ..)` writes into is not declared as memory (`String`,
    /// `&mut String`, `Vec<u8>`), which takes every write.
    NotIntoMemory(FieldOf),
    /// Another classified type than the one declared at `file:type_line` answers with `code`.
    CodeCollides {
        code: String,
        file: std::path::PathBuf,
        type_line: usize,
    },
}

impl Cond {
    /// Whether the condition holds, when the configuration alone can say; `None` when only the
    /// index of the whole workspace can.
    pub(crate) fn settled(&self, config: &Config) -> Option<bool> {
        match self {
            Self::UsesOnus(file) => uses_onus_by_config(file, config.onus_packages.as_deref()),
            _ => None,
        }
    }
}

/// Whether the code in `file` belongs to a package that uses onus, when the caller said which
/// packages do (or there is no file: an item checked by a proc macro); `None` otherwise, when
/// the checked files themselves must say.
fn uses_onus_by_config(file: &Path, onus_packages: Option<&[PathBuf]>) -> Option<bool> {
    if file.as_os_str().is_empty() {
        return Some(true);
    }
    let packages = onus_packages?;
    let file = absolute(file);
    Some(packages.iter().any(|package| file.starts_with(package)))
}

/// Whether an error type is text: `String`, `&str`, `Box<str>`, `Cow<'_, str>`.
fn is_text(ty: &syn::Type) -> bool {
    let is_str = |ty: &syn::Type| matches!(ty, syn::Type::Path(path) if path.path.is_ident("str"));
    match ty {
        syn::Type::Reference(reference) => is_str(&reference.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            is_string_type(ty)
                || path.path.segments.last().is_some_and(|last| {
                    (last.ident == "Box" || last.ident == "Cow")
                        && matches!(&last.arguments, syn::PathArguments::AngleBracketed(args)
                        if args.args.iter().any(|arg| {
                            matches!(arg, syn::GenericArgument::Type(inner) if is_str(inner))
                        }))
                })
        }
        _ => false,
    }
}

/// A function or method declaration seen in one file.
#[derive(Debug, Clone)]
pub(crate) struct FnDecl {
    pub(crate) name: String,
    /// Its path in the crate (`Type::name` under the type's path for a method), where known.
    pub(crate) path: Option<ItemPath>,
    /// The impl's or trait's type, for methods and associated functions.
    pub(crate) owner: Option<String>,
    pub(crate) ret: RetKind,
    pub(crate) is_async: bool,
    /// Declared `-> !`: a call never returns.
    pub(crate) diverges: bool,
    /// It is given an answer and decides what the client sees of it: it returns the type of
    /// one of its parameters, and builds one from a written message on some path
    /// (`fn obscure(report: bool, status: Status) -> Status { .. Status::new(status.code(),
    /// "Details are obscured") }`; see [`crate::syntax::http::redacts_an_answer`]).
    pub(crate) redacts: bool,
    /// The operation whose error the fn hands on: [`Operation::Opaque`] when declared to return
    /// `Result<_, E>` with `E` one of the configuration's `opaque_errors`, else what its body
    /// shows (see [`crate::syntax::wrappers::read_handed_on`]); [`Operation::Other`] when unknown.
    pub(crate) error: Operation,
    /// The lock methods (`lock`, `read`, `write`) it calls for the [`Operation::Poisoned`] it
    /// hands on: that holds only while the checked code declares no method of their names.
    pub(crate) locks: LockMethods,
    /// The name of the error type it is declared to return (`Failed` of `-> Result<T,
    /// Failed>`): a unit struct of the checked code there carries nothing beyond its name (see
    /// [`WorkspaceIndex::build`]).
    pub(crate) error_type: Option<String>,
    /// The one call whose error the fn hands on, and nothing else, where its body alone does not
    /// say what that call hands on (`self.get_balances(r).map(|(_, s)| s)`), and whether it is
    /// awaited: the index settles [`FnDecl::error`] from the callee's, once every fn is known
    /// (see [`crate::syntax::wrappers::HandedOn::delegate`]). Boxed: most fns have none, and
    /// every fn's declaration is kept until all are read.
    pub(crate) delegate: Option<Box<(Call, bool)>>,
    /// How many parameters it takes besides `self`.
    pub(crate) params: usize,
    /// Declared without a body: a trait's required method, which answers for no impl.
    pub(crate) required: bool,
}

impl FnDecl {
    /// The declaration of a fn with this signature (and body, where it has one), in an `impl` or
    /// trait of `owner` or at module level, at `path` where known; `opaque_error` when it is
    /// declared to return one of the configuration's `opaque_errors`.
    pub(crate) fn new(
        sig: &syn::Signature,
        body: Option<&syn::Block>,
        owner: Option<String>,
        path: Option<ItemPath>,
        opaque_error: bool,
    ) -> Self {
        Self::read(sig, body, owner, path, opaque_error).0
    }

    /// [`FnDecl::new`], with the call the body delegates to where that is all it hands on (see
    /// [`crate::syntax::wrappers::HandedOn::delegate`]), for the walker to name.
    pub(crate) fn read<'b>(
        sig: &syn::Signature,
        body: Option<&'b syn::Block>,
        owner: Option<String>,
        path: Option<ItemPath>,
        opaque_error: bool,
    ) -> (Self, Option<(&'b syn::Expr, bool)>) {
        let ret = RetKind::of_return(&sig.output);
        let declared_error = match &sig.output {
            syn::ReturnType::Type(_, ty) => value_type(ty).and_then(result_error_type),
            syn::ReturnType::Default => None,
        };
        // `-> Result<T, ()>`, also `Option<()>` or `bool` (`impl Future<Output = Result<T,
        // ()>>`): the error says only that the fn failed.
        let unit_error = declared_error.is_some_and(says_only_that_it_failed);
        let error_type = declared_error.and_then(own_type_name);
        let (error, locks, delegate) = match body {
            Some(body) if ret != RetKind::NotResult => {
                let handed = read_handed_on(body);
                // An error that carries nothing, unless the fn has reported every one it hands
                // on (`error!(..); return Err(())`): then dropping it drops nothing unsaid.
                if (opaque_error || unit_error) && handed.error != Operation::Reported {
                    (Operation::Opaque, LockMethods::default(), None)
                } else {
                    (handed.error, handed.locks, handed.delegate)
                }
            }
            _ if opaque_error || unit_error => (Operation::Opaque, LockMethods::default(), None),
            _ => (Operation::Other, LockMethods::default(), None),
        };
        // Where the body does not say, the declared error type may: `-> Result<T, JoinError>`
        // can only hand on a finished task's outcome, `-> Result<T, String>` text.
        let error = match (error, declared_error) {
            (Operation::Other, Some(declared)) if is_text(declared) => Operation::Text,
            // `fn shutdown(self) -> Result<(), Self>`: the error is the value handed back, as
            // `Arc::try_unwrap`'s is.
            (Operation::Other, Some(syn::Type::Path(declared)))
                if declared.qself.is_none() && declared.path.is_ident("Self") =>
            {
                Operation::StateProbe
            }
            (Operation::Other, Some(declared)) => Some(operation_of_error_type(declared))
                .filter(|declared| declared.can_be_handed_on())
                .unwrap_or(Operation::Other),
            (known, _) => known,
        };
        // `fn new(id: String) -> Result<Self, E> { if !valid(&id) { return Err(..) } Ok(Self(id)) }`:
        // a constructor whose only errors are its own verdicts checks its arguments, as a
        // `try_new` does.
        let error = match error {
            Operation::Verdict
                if constructs(sig, owner.as_deref()) || checks_its_arguments(sig) =>
            {
                Operation::Conversion
            }
            Operation::Verdict if looks_up_in_memory(sig) => Operation::Absent,
            // `fn frame_header(i: &[u8]) -> IResult<&[u8], FrameHeader>`: a nom parser, whose
            // error says where the input stops being what it parses.
            Operation::Other | Operation::Verdict if parses_with_nom(&sig.output) => {
                Operation::Conversion
            }
            error => error,
        };
        let decl = Self {
            name: sig.ident.to_string(),
            path,
            owner,
            ret,
            is_async: sig.asyncness.is_some(),
            diverges: matches!(&sig.output, syn::ReturnType::Type(_, ty) if matches!(**ty, syn::Type::Never(_))),
            redacts: body.is_some_and(|body| redacts_an_answer(sig, body)),
            error,
            locks,
            error_type,
            delegate: None,
            params: sig
                .inputs
                .iter()
                .filter(|input| matches!(input, syn::FnArg::Typed(_)))
                .count(),
            required: body.is_none(),
        };
        (decl, delegate)
    }
}

/// The error type an alias of `Result` is recorded with when it says only that the fn failed
/// (`type CoerceResult = Result<(), ()>`, apollo's "just a boolean with a `?` operator"): no type
/// of the checked code is named so.
pub(crate) const UNIT_ERROR: &str = "()";

/// `()`, `Option<()>`, `bool`: an error type that says only that the fn failed.
pub(crate) fn says_only_that_it_failed(error: &syn::Type) -> bool {
    match error {
        syn::Type::Tuple(unit) => unit.elems.is_empty(),
        syn::Type::Paren(inner) => says_only_that_it_failed(&inner.elem),
        syn::Type::Path(path) if path.qself.is_none() => {
            path.path.is_ident("bool")
                || path.path.segments.last().is_some_and(|last| {
                    last.ident == "Option"
                        && single_type_argument(last).is_some_and(says_only_that_it_failed)
                })
        }
        _ => false,
    }
}

/// Whether `sig` is a constructor of `owner`: an associated fn without `self` that returns a
/// `Result` of `Self` (or of the owner by name).
/// The name of a type written as the checked code names its own (`Failed`,
/// `crate::model::RunError`); `sqlx::Error` is another crate's, whatever the checked code calls
/// its own `Error`.
pub(crate) fn own_type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path)
            if path.qself.is_none()
                && path.path.leading_colon.is_none()
                && (path.path.segments.len() == 1
                    || path.path.segments.first().is_some_and(|first| {
                        first.ident == "crate" || first.ident == "self" || first.ident == "super"
                    })) =>
        {
            path.path.segments.last().map(|last| last.ident.to_string())
        }
        _ => None,
    }
}

/// `fn get(&self, schema: &Schema) -> Result<&ExtendedType, PositionLookupError> {
/// schema.types.get(name).ok_or(TypeMissing)?; .. _ => Err(TypeWrongKind) }`: a fn named for a
/// lookup that waits for nothing, whose only errors are its own verdicts, looks something up in
/// memory, and its every error says it is not there (or not of the kind asked for), as a map's
/// `get` says with `None`. Named for a lookup: `get`, `get_*`, `lookup*`, `find*`, a noun "of"
/// what names it (`index_of(name)`, `field_of_column_id(id)`), or a noun found by its key
/// (`field_with_name(name)`, `user_by_id(id)`).
fn looks_up_in_memory(sig: &syn::Signature) -> bool {
    let name = sig.ident.to_string();
    let mut words = name.split('_');
    let first = words.next().unwrap_or_default();
    let rest: Vec<&str> = words.collect();
    let found_by_key = matches!(rest.as_slice(), [.., "with" | "by", "name" | "id" | "key"]);
    sig.asyncness.is_none()
        && (matches!(first, "get" | "lookup" | "find") || rest.contains(&"of") || found_by_key)
}

/// `-> IResult<I, O>`, nom's result of a parser (also `nom::IResult<..>`).
fn parses_with_nom(output: &syn::ReturnType) -> bool {
    matches!(output, syn::ReturnType::Type(_, ty) if matches!(&**ty, syn::Type::Path(path)
        if path.qself.is_none() && path.path.segments.last().is_some_and(|last| last.ident == "IResult")))
}

/// `fn limit_or_default(limit: Option<usize>, hard: Option<usize>) -> Result<usize, &'static
/// str>`: a fn that waits for nothing and is given only data (numbers, text, bytes, JSON values,
/// and options, collections and references of them; no `self`, no store or client to ask),
/// whose only errors are its own verdicts (see [`Operation::Verdict`]), judges the arguments it
/// is given, as a parse does. Given a store (`fn stored_order(db: &Db, id: OrderId)`), its
/// verdict may stand for what the store holds.
fn checks_its_arguments(sig: &syn::Signature) -> bool {
    sig.asyncness.is_none()
        && !sig.inputs.is_empty()
        && sig.inputs.iter().all(|input| match input {
            syn::FnArg::Typed(typed) => is_plain_data(&typed.ty),
            syn::FnArg::Receiver(_) => false,
        })
}

/// Whether a type is only data: numbers, text, bytes, paths, JSON values, and options,
/// collections, references, slices, arrays and tuples of them.
fn is_plain_data(ty: &syn::Type) -> bool {
    const DATA: &[&str] = &[
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64", "bool", "char", "str", "String", "Option", "Vec", "Box", "Cow", "Value",
        "Path", "PathBuf", "OsStr", "OsString", "Duration", "HashMap", "BTreeMap", "HashSet",
        "BTreeSet", "Bytes",
    ];
    match ty {
        syn::Type::Reference(reference) => is_plain_data(&reference.elem),
        syn::Type::Slice(slice) => is_plain_data(&slice.elem),
        syn::Type::Array(array) => is_plain_data(&array.elem),
        syn::Type::Paren(inner) => is_plain_data(&inner.elem),
        syn::Type::Tuple(items) => items.elems.iter().all(is_plain_data),
        syn::Type::Path(path) if path.qself.is_none() => {
            path.path.segments.last().is_some_and(|last| {
                DATA.contains(&last.ident.to_string().as_str())
                    && match &last.arguments {
                        syn::PathArguments::None => true,
                        syn::PathArguments::AngleBracketed(args) => {
                            args.args.iter().all(|arg| match arg {
                                syn::GenericArgument::Type(inner) => is_plain_data(inner),
                                syn::GenericArgument::Lifetime(_) => true,
                                _ => false,
                            })
                        }
                        syn::PathArguments::Parenthesized(_) => false,
                    }
            })
        }
        _ => false,
    }
}

fn constructs(sig: &syn::Signature, owner: Option<&str>) -> bool {
    let Some(owner) = owner else {
        return false;
    };
    let syn::ReturnType::Type(_, ty) = &sig.output else {
        return false;
    };
    let syn::Type::Path(path) = &**ty else {
        return false;
    };
    let Some(syn::PathArguments::AngleBracketed(args)) =
        path.path.segments.last().map(|last| &last.arguments)
    else {
        return false;
    };
    let makes_the_owner = matches!(args.args.first(), Some(syn::GenericArgument::Type(syn::Type::Path(made)))
        if made.path.is_ident("Self") || made.path.is_ident(owner));
    makes_the_owner
        && !sig
            .inputs
            .iter()
            .any(|input| matches!(input, syn::FnArg::Receiver(_)))
}

/// A struct or enum declaration seen in one file.
#[derive(Debug, Clone)]
pub(crate) struct TypeDecl {
    pub(crate) name: String,
    /// Its path in the crate, where the file's module is known.
    pub(crate) path: Option<ItemPath>,
    /// The enum's variants; `None` for a struct.
    pub(crate) variants: Option<Vec<String>>,
    /// Derives `Error` (thiserror) or `Snafu`.
    pub(crate) derives_error: bool,
    /// A struct's named fields whose type is a named type.
    pub(crate) fields: Vec<(String, FieldType)>,
    /// What it carries as an error.
    pub(crate) carries: Carries,
}

/// What a struct or enum of the checked code carries, as an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Carries {
    /// A struct without fields (`struct Failed;`): nothing beyond its name.
    Nothing,
    /// Only text and numbers, in every variant (`struct RunError { stage: &'static str,
    /// message: String }`, `enum CasError { Conflict(String), Gone }`): a message, with no
    /// type or source chain below it, as `-> Result<T, String>`'s.
    Text,
    /// Anything else: an error of another type, a value of the domain, a generic parameter.
    More,
}

impl Carries {
    /// What `fields` carry, as an error.
    pub(crate) fn of_fields<'f>(fields: impl IntoIterator<Item = &'f syn::Field>) -> Self {
        let mut fields = fields.into_iter().peekable();
        if fields.peek().is_none() {
            return Self::Nothing;
        }
        if fields.all(|field| is_text(&field.ty) || is_a_number(&field.ty)) {
            Self::Text
        } else {
            Self::More
        }
    }
}

/// `u16`, `i64`, `usize`, `bool`, ...: a code, a count or a flag, never a cause.
fn is_a_number(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path) if path.qself.is_none()
    && path.path.get_ident().is_some_and(|ident| {
        ident == "bool" || INTEGERS.iter().any(|integer| ident == integer)
    }))
}

/// What one file contributes to the [`WorkspaceIndex`].
#[derive(Debug, Clone, Default)]
pub(crate) struct IndexFragment {
    /// The file (empty for one item checked by a proc macro).
    pub(crate) file: PathBuf,
    /// The names the file's module can use, kept only where an item of the file may be walked
    /// again on its own (a package read for `#[onus::check]`): its calls then resolve as in the
    /// file.
    pub(crate) scope: Option<std::sync::Arc<crate::paths::ModuleScope>>,
    /// The file uses a path starting with `onus` (`onus::Classify`, `use onus::..`).
    pub(crate) mentions_onus: bool,
    /// What its test code names (`Type::Variant` paths, string literals), when the engine reads
    /// test code for `untested_error`.
    pub(crate) test_mentions: HashSet<String>,
    /// Where the file calls or names each fn, in a binary's file: its crate root and the uses.
    pub(crate) startup_uses: Option<(ItemPath, crate::startup::Uses)>,
    pub(crate) fns: Vec<FnDecl>,
    pub(crate) types: Vec<TypeDecl>,
    /// `type Name<..> = Target;`, with the error type of a `Result` target as the checked code
    /// names its own (`type ProxyResult<T> = Result<T, ProxyError>`: `ProxyError`).
    pub(crate) aliases: Vec<(String, RetKind, Option<String>)>,
    /// Types with `impl Error for T`, by name and, where it resolves, by path.
    pub(crate) error_impls: Vec<(String, Option<ItemPath>)>,
    /// Types with `impl Classified for T`, by name and, where it resolves, by path.
    pub(crate) classified_impls: Vec<(String, Option<ItemPath>)>,
    /// The path of each `#[derive(Classify)]` type whose module is known, with its variants
    /// declared `class = system`.
    pub(crate) classified_paths: Vec<(ItemPath, Vec<String>)>,
    /// `#[derive(Classify)]` types, as the catalog shows them.
    pub(crate) error_types: Vec<ErrorType>,
    /// `macro_rules!` that may stamp out fns, and item-position invocations that may be theirs
    /// (see [`crate::expand`]).
    pub(crate) macro_defs: Vec<MacroDef>,
    pub(crate) macro_calls: Vec<MacroCall>,
    /// Methods that take only `self` and give a value of a named type (`fn db(&self) ->
    /// &Arc<Db>`): the owner's name and path, the member as [`FieldOf`] names it (`db()`), and
    /// the value's type. `self.db().query(..)` is then a call on a `Db`, as `self.db.query(..)`
    /// is on a field declared `Db`.
    pub(crate) accessors: Vec<(String, Option<ItemPath>, String, FieldType)>,
    /// `impl Deref for ValidSchema { type Target = Schema; }`: the type's name and its target's.
    pub(crate) deref_targets: Vec<(String, String)>,
}

impl IndexFragment {
    /// Frees the room the fragment's lists grew into: fragments are kept for every file until
    /// the whole workspace is read.
    pub(crate) fn shrink_to_fit(&mut self) {
        self.test_mentions.shrink_to_fit();
        self.fns.shrink_to_fit();
        self.types.shrink_to_fit();
        for ty in &mut self.types {
            ty.fields.shrink_to_fit();
        }
        self.aliases.shrink_to_fit();
        self.error_impls.shrink_to_fit();
        self.classified_impls.shrink_to_fit();
        self.classified_paths.shrink_to_fit();
        self.error_types.shrink_to_fit();
        self.macro_defs.shrink_to_fit();
        self.macro_calls.shrink_to_fit();
        self.accessors.shrink_to_fit();
        self.deref_targets.shrink_to_fit();
    }
}

/// Where an error code is declared.
#[derive(Debug)]
struct CodeSite {
    /// `Type::Variant`, or `Type` for a struct.
    path: String,
    file: std::path::PathBuf,
    /// The type's line: with the file, which type declaration this is.
    type_line: usize,
    variant_line: usize,
}

/// Whether calls of a name produce a `Result`, across every declaration of that name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Returns {
    Result {
        all_async: bool,
        /// The operation every declaration hands on ([`Operation::Other`] when they differ).
        error: Operation,
    },
    NotResult,
    /// Declared both ways, or with a return type that may be another crate's `Result` alias
    /// (`AtomicResult<T>`): the engine cannot tell whether a call produces a `Result`. Where the
    /// call site shows it does (`let Ok(x) = f() else`), `error` is still what it hands on.
    Ambiguous {
        all_async: bool,
        error: Operation,
    },
}

impl Returns {
    /// The operation the declarations hand on, if they may return a `Result`.
    fn error(self) -> Operation {
        match self {
            Self::Result { error, .. } | Self::Ambiguous { error, .. } => error,
            Self::NotResult => Operation::Other,
        }
    }

    /// Whether every declaration is an `async fn`, whose call gives a future and only its
    /// `.await` the value.
    fn all_async(self) -> bool {
        match self {
            Self::Result { all_async, .. } | Self::Ambiguous { all_async, .. } => all_async,
            Self::NotResult => false,
        }
    }

    fn merge(self, other: Self) -> Self {
        // A declaration that returns no `Result` cannot be the one a call site handles as a
        // `Result` (`match metadata.shards() { Ok(..) => .., Err(_) => .. }`): what the others
        // hand on, and whether they are all `async`, is the answer.
        let (error, all_async) = match (self, other) {
            (Self::NotResult, _) => (other.error(), other.all_async()),
            (_, Self::NotResult) => (self.error(), self.all_async()),
            // Either declaration's error, as the kinds of one fn's errors combine (an absence
            // and a verdict of its own make a verdict).
            _ => (
                combine(&[self.error(), other.error()]),
                self.all_async() && other.all_async(),
            ),
        };
        match (self, other) {
            (Self::Result { .. }, Self::Result { .. }) => Self::Result { all_async, error },
            (Self::NotResult, Self::NotResult) => Self::NotResult,
            _ => Self::Ambiguous { all_async, error },
        }
    }
}

/// The methods, by name and parameters, that some declaration gives a body and a `Result`. A
/// trait's required method says nothing of what its impls hand on: where a method of its name
/// has a body, a call by the name alone is one of those (ferriskey's
/// `UserRoleRepository::get_user_roles` beside its Postgres impl, which logs).
fn methods_with_a_body<'a>(decls: &[&'a FnDecl]) -> HashSet<(&'a str, usize)> {
    decls
        .iter()
        .filter(|decl| !decl.required && decl.owner.is_some() && decl.ret != RetKind::NotResult)
        .map(|decl| (decl.name.as_str(), decl.params))
        .collect()
}

/// What some fns are known by in the index: their paths, names, and owners with names.
#[derive(Default)]
struct Keys {
    paths: HashSet<ItemPath>,
    names: HashSet<String>,
    assoc: HashSet<(String, String)>,
}

/// A three-valued answer: the engine reports only on `Yes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Yes,
    No,
    Unknown,
}

/// Everything the first pass learned about the checked code.
#[derive(Debug, Default)]
pub(crate) struct WorkspaceIndex {
    /// For each binary's crate root, its fns that run only at startup (see [`crate::startup`]).
    startup_fns: HashMap<ItemPath, HashSet<String>>,
    free_fns: HashMap<String, Returns>,
    /// Methods by name, then by how many parameters they take besides `self`: a call given two
    /// arguments is none of the one-parameter methods of its name (ferriskey's repository's
    /// `get_user_roles(user_id)` is not its service's `get_user_roles(identity, input)`).
    methods_by_arity: HashMap<String, Vec<(usize, Returns)>>,
    assoc: HashMap<(String, String), Returns>,
    /// The type each type of the checked code dereferences to (`impl Deref for ValidSchema {
    /// type Target = Schema; }`), where every `impl Deref` of that name says the same: a method
    /// it does not declare is its target's (`valid.get_type(name)` is `Schema::get_type`).
    deref_targets: HashMap<String, Option<String>>,
    result_aliases: HashSet<String>,
    /// Struct, enum and non-`Result` alias names: a return type named so is not a `Result`.
    other_types: HashSet<String>,
    error_types: HashSet<String>,
    /// Type name → the files with an `impl Error for` it.
    error_impls: HashMap<String, HashSet<PathBuf>>,
    /// Type name → the files with an `impl Classified for` it.
    classified_impls: HashMap<String, HashSet<PathBuf>>,
    /// Struct and enum name → how many declarations have it.
    declarations: HashMap<String, usize>,
    /// Error enum name → the variants of each enum so named.
    enums: HashMap<String, Vec<Vec<String>>>,
    /// The directories of the packages that depend on onus, when the caller knows them.
    onus_packages: Option<Vec<PathBuf>>,
    /// Some checked file uses `onus::`.
    any_mentions_onus: bool,
    /// Code → every declaration answering with it.
    codes: HashMap<String, Vec<CodeSite>>,
    /// The fns declared `-> !`.
    diverging: FnSet,
    /// The fns that decide what a client sees of an answer they are given (see
    /// [`FnDecl::redacts`]).
    redacting: FnSet,
    known: known_fallible::Table,
    ignorable: known_fallible::CallNames,
    /// `(type, variant)` of every classified variant declared `class = system`.
    system_variants: HashSet<(String, String)>,
    /// `(owner, name)` of every fn a `via` function of a classified type may be (`owner`: the
    /// impl's type, `None` for a free fn) → the types its declarations return, by name (`None`:
    /// not a named type). Only those: kept for every fn, it would be the largest part of the
    /// index of a large workspace, for answers nothing asks.
    returned_types: HashMap<(Option<String>, String), BTreeSet<Option<String>>>,
    /// What test code names, over every file.
    test_mentions: HashSet<String>,
    /// Fns and methods by their path in the crate, where it is known: a call that resolves to
    /// one of these means exactly it, whatever other fns share its name.
    fns_by_path: HashMap<ItemPath, Returns>,
    /// Types by path: those with an `impl Error`, with an `impl Classified`, deriving `Error`.
    error_impl_paths: HashSet<ItemPath>,
    classified_impl_paths: HashSet<ItemPath>,
    error_type_paths: HashSet<ItemPath>,
    /// Every struct and enum, by path.
    type_paths: HashSet<ItemPath>,
    /// Enum path → its variants.
    enums_by_path: HashMap<ItemPath, Vec<String>>,
    /// `#[derive(Classify)]` type path → its variants declared `class = system`.
    classified_paths: HashMap<ItemPath, Vec<String>>,
    /// (struct name, member) → the member's types over every struct of that name: its fields,
    /// and its accessors (see [`FieldOf`]).
    fields: HashMap<(String, String), Vec<FieldType>>,
    /// (struct path, member) → the member's type.
    fields_by_path: HashMap<(ItemPath, String), FieldType>,
}

impl WorkspaceIndex {
    /// Merges every file's fragment and resolves `Result` aliases.
    pub(crate) fn build<'a>(
        fragments: impl IntoIterator<Item = &'a IndexFragment>,
        config: &Config,
    ) -> Self {
        let mut index = Self {
            known: known_fallible::Table::new(&config.extra_fallible),
            ignorable: known_fallible::CallNames::new(&config.ignorable),
            onus_packages: config.onus_packages.clone(),
            ..Self::default()
        };
        let fragments: Vec<&IndexFragment> = fragments.into_iter().collect();
        let mut aliases: HashMap<&str, &RetKind> = HashMap::new();
        // The error type each alias of a `Result` names, where the checked code names it.
        let mut alias_errors: HashMap<&str, &str> = HashMap::new();
        // The fns `via` functions name, by name: the owners each name is asked with.
        let mut via_fns: HashMap<String, Vec<Option<String>>> = HashMap::new();
        // What each type of the checked code carries, by name, where every type of that name
        // carries the same: a fn declared to fail with a unit struct hands on an error that
        // carries nothing beyond its name (routinator's `Failed`: "already logged"), one
        // declared to fail with a type of only text fields hands on a message.
        let mut carried: HashMap<&str, Option<Carries>> = HashMap::new();
        let mut startup_uses: HashMap<ItemPath, Vec<&crate::startup::Uses>> = HashMap::new();
        for fragment in &fragments {
            if let Some((root, uses)) = &fragment.startup_uses {
                startup_uses.entry(*root).or_default().push(uses);
            }
            for (name, target, error) in &fragment.aliases {
                aliases.insert(name, target);
                if let Some(error) = error {
                    alias_errors.insert(name, error);
                }
            }
            index.any_mentions_onus |= fragment.mentions_onus;
            index
                .test_mentions
                .extend(fragment.test_mentions.iter().cloned());
            for ty in &fragment.types {
                carried
                    .entry(ty.name.as_str())
                    .and_modify(|known| {
                        if *known != Some(ty.carries) {
                            *known = None;
                        }
                    })
                    .or_insert(Some(ty.carries));
                index.other_types.insert(ty.name.clone());
                *index.declarations.entry(ty.name.clone()).or_default() += 1;
                index.type_paths.extend(ty.path);
                for (field, field_type) in &ty.fields {
                    index.record_member(&ty.name, ty.path.as_ref(), field, field_type);
                }
                if ty.derives_error {
                    index.error_types.insert(ty.name.clone());
                    index.error_type_paths.extend(ty.path);
                }
                if let Some(variants) = &ty.variants {
                    index
                        .enums
                        .entry(ty.name.clone())
                        .or_default()
                        .push(variants.clone());
                    if let Some(path) = &ty.path {
                        index.enums_by_path.insert(*path, variants.clone());
                    }
                }
            }
            for (owner, owner_path, accessor, value) in &fragment.accessors {
                index.record_member(owner, owner_path.as_ref(), accessor, value);
            }
            for (ty, target) in &fragment.deref_targets {
                index
                    .deref_targets
                    .entry(ty.clone())
                    .and_modify(|known| {
                        if known.as_ref() != Some(target) {
                            *known = None;
                        }
                    })
                    .or_insert_with(|| Some(target.clone()));
            }
            for (name, path) in &fragment.error_impls {
                index.error_types.insert(name.clone());
                index.error_impl_paths.extend(*path);
                index
                    .error_impls
                    .entry(name.clone())
                    .or_default()
                    .insert(fragment.file.clone());
            }
            for (name, path) in &fragment.classified_impls {
                index.classified_impl_paths.extend(*path);
                index
                    .classified_impls
                    .entry(name.clone())
                    .or_default()
                    .insert(fragment.file.clone());
            }
            for (path, system) in &fragment.classified_paths {
                index.classified_paths.insert(*path, system.clone());
            }
            for ty in &fragment.error_types {
                for variant in &ty.variants {
                    if let catalog::Answer::Via(via) = &variant.answer
                        && let Some((owner, name)) = returned_key(&via_path(&ty.name, via))
                    {
                        via_fns.entry(name).or_default().push(owner);
                    }
                    if let (catalog::Answer::Declared(declaration), Some(name)) =
                        (&variant.answer, &variant.name)
                        && declaration.class == catalog::Class::System
                    {
                        index
                            .system_variants
                            .insert((ty.name.clone(), name.clone()));
                    }
                    if let catalog::Answer::Declared(declaration) = &variant.answer {
                        index
                            .codes
                            .entry(declaration.code.clone())
                            .or_default()
                            .push(CodeSite {
                                path: variant.path(ty),
                                file: ty.file.clone(),
                                type_line: ty.line,
                                variant_line: variant.line,
                            });
                    }
                }
            }
        }
        index.startup_fns = startup_uses
            .into_iter()
            .map(|(root, files)| {
                let startup = crate::startup::run_only_at_startup(&files)
                    .into_iter()
                    .map(str::to_owned)
                    .collect();
                (root, startup)
            })
            .collect();
        // Aliases of aliases resolve in a few rounds; a cycle simply stays unresolved.
        for _ in 0..4 {
            for (name, target) in &aliases {
                let is_result = match target {
                    RetKind::Result => true,
                    RetKind::Named(other) => index.result_aliases.contains(other),
                    RetKind::NotResult => false,
                };
                if is_result {
                    index.result_aliases.insert((*name).to_owned());
                }
            }
        }
        for (name, _) in aliases {
            if !index.result_aliases.contains(name) {
                index.other_types.insert(name.to_owned());
            }
        }
        let expanded: Vec<FnDecl> = expand::stamped_fns(
            fragments.iter().flat_map(|fragment| &fragment.macro_defs),
            fragments.iter().flat_map(|fragment| &fragment.macro_calls),
        )
        .into_iter()
        .map(|stamped| {
            let path = stamped
                .owner_path
                .map(|owner| owner.join(&stamped.sig.ident.to_string()));
            FnDecl::new(
                &stamped.sig,
                Some(&stamped.block),
                stamped.owner,
                path,
                false,
            )
        })
        .collect();
        let declared = || fragments.iter().flat_map(|fragment| &fragment.fns);
        // A method of the checked code named as std's locks are (a database's `read()`
        // transaction): a `.read()` in a fn's body may be that one, whose error may have a cause.
        let declared_lock_methods = declared()
            .chain(&expanded)
            .filter(|decl| decl.owner.is_some())
            .filter_map(|decl| LockMethods::named(&decl.name))
            .fold(LockMethods::default(), LockMethods::with);
        let decls: Vec<&FnDecl> = declared().chain(&expanded).collect();
        for decl in &decls {
            if via_fns
                .get(&decl.name)
                .is_some_and(|owners| owners.contains(&decl.owner))
            {
                let returned = match &decl.ret {
                    RetKind::Named(name) if name == "Self" => decl.owner.clone(),
                    RetKind::Named(name) => Some(name.clone()),
                    RetKind::Result | RetKind::NotResult => None,
                };
                index
                    .returned_types
                    .entry((decl.owner.clone(), decl.name.clone()))
                    .or_default()
                    .insert(returned);
            }
            if decl.diverges {
                index.diverging.insert(decl);
            }
            if decl.redacts {
                index.redacting.insert(decl);
            }
        }
        let carries: Vec<Option<Carries>> = decls
            .iter()
            .map(|decl| {
                // `-> ProxyResult<Conn>`: the error type its alias names.
                let error_type = decl.error_type.as_deref().or_else(|| match &decl.ret {
                    RetKind::Named(alias) => alias_errors.get(alias.as_str()).copied(),
                    RetKind::Result | RetKind::NotResult => None,
                });
                error_type.and_then(|name| match name {
                    UNIT_ERROR => Some(Carries::Nothing),
                    name => carried.get(name).copied().flatten(),
                })
            })
            .collect();
        let errors: Vec<Operation> = decls
            .iter()
            .zip(&carries)
            .map(|(decl, &carries)| match decl.error {
                Operation::Other | Operation::Verdict if carries == Some(Carries::Nothing) => {
                    Operation::Opaque
                }
                // A wrapper's callee says more, once settled (`-> Result<u64, Error>` handing on
                // a call that never fails).
                Operation::Other if carries == Some(Carries::Text) && decl.delegate.is_none() => {
                    Operation::Text
                }
                Operation::Poisoned if decl.locks.shares_a_method_with(declared_lock_methods) => {
                    Operation::Other
                }
                error => error,
            })
            .collect();
        let with_a_body = methods_with_a_body(&decls);
        index.record_returns(&decls, &with_a_body, &errors, None);
        index.settle_delegates(&decls, &with_a_body, errors, &carries);
        index
    }

    /// Records what each fn returns, by its path, its owner and its name, with its error; only
    /// under the keys in `only`, where given (their entries are made anew).
    fn record_returns(
        &mut self,
        decls: &[&FnDecl],
        with_a_body: &HashSet<(&str, usize)>,
        errors: &[Operation],
        only: Option<&Keys>,
    ) {
        for (decl, &error) in decls.iter().zip(errors) {
            let returns = match self.ret_answer(&decl.ret) {
                Answer::Yes => Returns::Result {
                    all_async: decl.is_async,
                    error,
                },
                Answer::No => Returns::NotResult,
                Answer::Unknown => Returns::Ambiguous {
                    all_async: decl.is_async,
                    error,
                },
            };
            let merge = |map: &mut HashMap<String, Returns>, key: &str| {
                map.entry(key.to_owned())
                    .and_modify(|seen| *seen = seen.merge(returns))
                    .or_insert(returns);
            };
            if let Some(path) = &decl.path
                && only.is_none_or(|keys| keys.paths.contains(path))
            {
                self.fns_by_path
                    .entry(*path)
                    .and_modify(|seen| *seen = seen.merge(returns))
                    .or_insert(returns);
            }
            let by_name = only.is_none_or(|keys| keys.names.contains(&decl.name));
            match &decl.owner {
                Some(owner) => {
                    if by_name
                        && !(decl.required
                            && with_a_body.contains(&(decl.name.as_str(), decl.params)))
                    {
                        let arities = self.methods_by_arity.entry(decl.name.clone()).or_default();
                        match arities
                            .iter_mut()
                            .find(|(params, _)| *params == decl.params)
                        {
                            Some((_, seen)) => *seen = seen.merge(returns),
                            None => arities.push((decl.params, returns)),
                        }
                    }
                    // An owner with a name is recorded anew only where the name is.
                    if only.is_none_or(|keys| {
                        by_name && keys.assoc.contains(&(owner.clone(), decl.name.clone()))
                    }) {
                        self.assoc
                            .entry((owner.clone(), decl.name.clone()))
                            .and_modify(|seen| *seen = seen.merge(returns))
                            .or_insert(returns);
                    }
                }
                None if by_name => merge(&mut self.free_fns, &decl.name),
                None => {}
            }
        }
    }

    /// A fn that only hands on another fn's error hands on what that one hands on
    /// (`get_spendable_amount_sats` → `get_balances` → `get_balances_inner`, which returns no
    /// error): settled from the callees out, a few wrappers deep, as [`Self::handed_on`] reads
    /// a call. Not a verdict: one handed on from further away may stand for a failure there.
    /// Where the callee's stays unknown, what the wrapper's declared error type `carries` says:
    /// a message, for a type of only text fields.
    fn settle_delegates(
        &mut self,
        decls: &[&FnDecl],
        with_a_body: &HashSet<(&str, usize)>,
        mut errors: Vec<Operation>,
        carries: &[Option<Carries>],
    ) {
        const WRAPPERS_DEEP: usize = 4;
        for _ in 0..WRAPPERS_DEEP {
            let settled: Vec<(usize, Operation)> = decls
                .iter()
                .enumerate()
                .filter(|(at, _)| errors[*at] == Operation::Other)
                .filter_map(|(at, decl)| {
                    let (call, awaited) = decl.delegate.as_deref()?;
                    let error = self.handed_on(call, *awaited, Operation::Other);
                    // A verdict handed on from further away may stand for a failure there
                    // (`self.connect()?`, whose `Unavailable` is the database's): not settled.
                    (!matches!(error, Operation::Other | Operation::Verdict)
                        && error.can_be_handed_on())
                    .then_some((at, error))
                })
                .collect();
            if settled.is_empty() {
                break;
            }
            self.record_anew(decls, with_a_body, &mut errors, settled);
        }
        let declared: Vec<(usize, Operation)> = carries
            .iter()
            .enumerate()
            .filter(|&(at, &carries)| {
                errors[at] == Operation::Other && carries == Some(Carries::Text)
            })
            .map(|(at, _)| (at, Operation::Text))
            .collect();
        if !declared.is_empty() {
            self.record_anew(decls, with_a_body, &mut errors, declared);
        }
    }

    /// Records anew what the fns `changed` names are known by, from every fn known so, with
    /// their errors changed.
    fn record_anew(
        &mut self,
        decls: &[&FnDecl],
        with_a_body: &HashSet<(&str, usize)>,
        errors: &mut [Operation],
        changed: Vec<(usize, Operation)>,
    ) {
        let mut keys = Keys::default();
        for (at, error) in changed {
            errors[at] = error;
            let decl = decls[at];
            keys.paths.extend(decl.path);
            keys.names.insert(decl.name.clone());
            if let Some(owner) = &decl.owner {
                keys.assoc.insert((owner.clone(), decl.name.clone()));
            }
        }
        for path in &keys.paths {
            self.fns_by_path.remove(path);
        }
        for name in &keys.names {
            self.methods_by_arity.remove(name);
            self.free_fns.remove(name);
        }
        for key in &keys.assoc {
            self.assoc.remove(key);
        }
        self.record_returns(decls, with_a_body, errors, Some(&keys));
    }

    /// What the checked code's methods of a name return, whatever parameters they take.
    fn method_named(&self, name: &str) -> Option<Returns> {
        self.methods_by_arity.get(name).and_then(|arities| {
            arities
                .iter()
                .map(|&(_, returns)| returns)
                .reduce(Returns::merge)
        })
    }

    fn ret_answer(&self, ret: &RetKind) -> Answer {
        match ret {
            RetKind::Result => Answer::Yes,
            RetKind::NotResult => Answer::No,
            RetKind::Named(name) => self.named_type_answer(name),
        }
    }

    fn named_type_answer(&self, name: &str) -> Answer {
        if self.result_aliases.contains(name) {
            Answer::Yes
        } else if self.other_types.contains(name) || !name.ends_with("Result") {
            Answer::No
        } else {
            // `FooResult` from another crate: probably an alias, but the engine cannot see it.
            Answer::Unknown
        }
    }

    /// Whether the type `name` declared in `file` (at `path`) has an impl among `impls` (by
    /// name) or `impl_paths`: one that names its path, one in the same file, or one anywhere when
    /// no other declaration shares the name.
    fn implements(
        &self,
        (impls, impl_paths): (&HashMap<String, HashSet<PathBuf>>, &HashSet<ItemPath>),
        name: &str,
        file: &Path,
        path: Option<&ItemPath>,
    ) -> bool {
        path.is_some_and(|path| impl_paths.contains(path))
            || impls.get(name).is_some_and(|files| {
                files.contains(file) || self.declarations.get(name).copied().unwrap_or(0) <= 1
            })
    }

    /// What the fns the path of a call may name return, for the first of `resolved` that is
    /// declared in the checked code.
    fn declared_at(&self, resolved: &[ItemPath]) -> Option<(&ItemPath, Returns)> {
        resolved
            .iter()
            .find_map(|path| self.fns_by_path.get_key_value(path))
            .map(|(path, returns)| (path, *returns))
    }

    /// Records the declared type of a member (a field, or an accessor: see [`FieldOf`]) of the
    /// type `owner`, by the owner's name and, where known, its path.
    fn record_member(
        &mut self,
        owner: &str,
        owner_path: Option<&ItemPath>,
        member: &str,
        member_type: &FieldType,
    ) {
        let types = self
            .fields
            .entry((owner.to_owned(), member.to_owned()))
            .or_default();
        if !types.contains(member_type) {
            types.push(member_type.clone());
        }
        if let Some(path) = owner_path {
            self.fields_by_path
                .insert((*path, member.to_owned()), member_type.clone());
        }
    }

    /// The declared type of `owner.field`: by the owner's path where it resolves, otherwise by
    /// its name when every struct of that name agrees.
    fn field_type(&self, of: &FieldOf) -> Option<&FieldType> {
        if let Some(found) = of
            .owner_paths
            .iter()
            .find_map(|path| self.fields_by_path.get(&(*path, of.field.clone())))
        {
            return Some(found);
        }
        match self
            .fields
            .get(&(of.owner.clone(), of.field.clone()))?
            .as_slice()
        {
            [only] => Some(only),
            _ => None,
        }
    }

    /// The receiver's type of a method call, by name and by path: the one the call names, or
    /// the declared type of the field it is called on.
    fn receiver<'a>(
        &'a self,
        self_type: Option<&'a String>,
        owner: &'a [ItemPath],
        field: Option<&FieldOf>,
    ) -> (Option<&'a String>, std::borrow::Cow<'a, [ItemPath]>) {
        match field.and_then(|field| self.field_type(field)) {
            Some(field_type) => (
                Some(&field_type.name),
                field_type.path.into_iter().collect(),
            ),
            None => (self_type, std::borrow::Cow::Borrowed(owner)),
        }
    }

    /// The type whose method `name` a call on a `ty` is: `ty` itself where it declares one, else
    /// the type it dereferences to, a few steps deep, where that one does.
    fn declaring_type<'a>(&'a self, ty: &'a String, name: &str) -> Option<&'a String> {
        const DEREFS_DEEP: usize = 3;
        let mut ty = ty;
        for _ in 0..=DEREFS_DEEP {
            if self.assoc.contains_key(&(ty.clone(), name.to_owned())) {
                return Some(ty);
            }
            ty = self.deref_targets.get(ty)?.as_ref()?;
        }
        None
    }

    /// The method `name` of the first of `owners` that declares it.
    fn method_at(&self, owners: &[ItemPath], name: &str) -> Option<(ItemPath, Returns)> {
        owners.iter().find_map(|owner| {
            let path = owner.join(name);
            let returns = *self.fns_by_path.get(&path)?;
            Some((path, returns))
        })
    }

    /// The type that the fn at `path` (`db_failure`, `crate::db::failure`, `DbFailure::of`)
    /// returns, by name: `None` when no fn of that name is declared, or its declarations return
    /// different types, or something other than a named type. Without module paths, a free fn
    /// is known by its name alone. Only the path of a `via` function of a classified type
    /// ([`via_path`]) is known to the index.
    pub(crate) fn returned_type(&self, path: &[String]) -> Option<String> {
        let returned = self.returned_types.get(&returned_key(path)?)?;
        match returned.iter().collect::<Vec<_>>().as_slice() {
            [Some(only)] => Some(only.clone()),
            _ => None,
        }
    }

    /// Whether test code names the variant `path` (`Type::Variant`) or its `code`.
    pub(crate) fn is_tested(&self, path: &str, code: &str) -> bool {
        self.test_mentions.contains(path) || self.test_mentions.contains(code)
    }

    /// Whether every condition holds.
    pub(crate) fn holds_all(&self, conds: &[Cond]) -> bool {
        conds.iter().all(|cond| self.holds(cond))
    }

    fn holds(&self, cond: &Cond) -> bool {
        match cond {
            Cond::NotRunOnlyAtStartup { root, name } => !self
                .startup_fns
                .get(root)
                .is_some_and(|startup| startup.contains(name)),
            Cond::ReturnsResult { call, awaited } => {
                self.call_returns_result(call, *awaited) == Answer::Yes
            }
            Cond::TypeIsResult(name) => self.named_type_answer(name) == Answer::Yes,
            Cond::ImplementsError { name, file, path } => self.implements(
                (&self.error_impls, &self.error_impl_paths),
                name,
                file,
                path.as_ref(),
            ),
            Cond::NotClassified { name, file, path } => !self.implements(
                (&self.classified_impls, &self.classified_impl_paths),
                name,
                file,
                path.as_ref(),
            ),
            Cond::UsesOnus(file) => uses_onus_by_config(file, self.onus_packages.as_deref())
                .unwrap_or(self.any_mentions_onus),
            Cond::NoCallDiverges(calls) => !calls.iter().any(|call| self.diverges(call)),
            Cond::NotRedactedBy(call) => !self
                .callee(call)
                .is_some_and(|callee| self.redacting.contains(&callee)),
            Cond::ErrorNotOf {
                call,
                awaited,
                kinds,
                foreign,
            } => !kinds.contains(self.handed_on(call, *awaited, *foreign)),
            Cond::Untested { path, code } => !self.is_tested(path, code),
            Cond::IsSystemVariant { ty, paths, variant } => {
                match paths
                    .iter()
                    .find_map(|path| self.classified_paths.get(path))
                {
                    Some(system) => system.contains(variant),
                    // A type of the checked code that is not classified: none of its variants is.
                    None if paths.iter().any(|path| self.type_paths.contains(path)) => false,
                    None => self
                        .system_variants
                        .contains(&(ty.clone(), variant.clone())),
                }
            }
            Cond::NotIntoMemory(field) => self
                .field_type(field)
                .is_none_or(|ty| ty.name != "String" && ty.name != "Vec"),
            Cond::NotIgnorable(call) => !match call {
                Call::Path { segments, .. } => self.ignorable.contains_path(segments),
                Call::Method { name, .. } => self.ignorable.contains_method(name),
                Call::Macro(_) => false,
            },
            Cond::CodeCollides {
                code,
                file,
                type_line,
            } => !self.other_declarations(code, file, *type_line).is_empty(),
            Cond::ErrorEnumNotCovered {
                name,
                paths,
                listed,
            } => {
                if let Some((path, variants)) = paths
                    .iter()
                    .find_map(|path| self.enums_by_path.get_key_value(path))
                {
                    let is_error = self.error_type_paths.contains(path)
                        || self.error_impl_paths.contains(path)
                        || self.error_types.contains(name);
                    return is_error && variants.iter().any(|variant| !listed.contains(variant));
                }
                // Without the enum's path, it is the one whose variants the match names: two
                // `Error` enums of different modules rarely share them all.
                self.error_types.contains(name)
                    && self.enums.get(name).is_some_and(|enums| {
                        let named: Vec<&Vec<String>> = enums
                            .iter()
                            .filter(|variants| {
                                listed.iter().all(|listed| variants.contains(listed))
                            })
                            .collect();
                        named.len() == 1 && named[0].iter().any(|variant| !listed.contains(variant))
                    })
            }
        }
    }

    /// The declarations of `code` by types other than the one at `file:type_line`.
    fn other_declarations(
        &self,
        code: &str,
        file: &std::path::Path,
        type_line: usize,
    ) -> Vec<&CodeSite> {
        self.codes.get(code).map_or_else(Vec::new, |declared| {
            declared
                .iter()
                .filter(|site| (site.file.as_path(), site.type_line) != (file, type_line))
                .collect()
        })
    }

    /// What the conditions of a reported candidate add to its message: for a code collision,
    /// where the other declarations are (only known once every file is indexed).
    pub(crate) fn elaborate(&self, conds: &[Cond]) -> Option<String> {
        conds.iter().find_map(|cond| {
            let Cond::CodeCollides {
                code,
                file,
                type_line,
            } = cond
            else {
                return None;
            };
            let mut others: Vec<String> = self
                .other_declarations(code, file, *type_line)
                .into_iter()
                .map(|site| {
                    if site.file.as_os_str().is_empty() {
                        format!("`{}`", site.path)
                    } else if site.variant_line == 0 {
                        // Read by a proc macro, whose lexer gives no positions in other files.
                        format!("`{}` ({})", site.path, site.file.display())
                    } else {
                        format!(
                            "`{}` ({}:{})",
                            site.path,
                            site.file.display(),
                            site.variant_line
                        )
                    }
                })
                .collect();
            others.sort();
            others.dedup();
            (!others.is_empty()).then(|| format!(": also declared by {}", others.join(", ")))
        })
    }

    /// Which declarations of the checked code `call` is to, as precisely as the index can
    /// tell: the one its path or receiver's type resolves to, else `Type::name` by the type's
    /// name, else every fn or method of its name.
    fn callee<'a>(&'a self, call: &'a Call) -> Option<Callee<'a>> {
        match call {
            Call::Path {
                segments,
                resolved,
                foreign,
            } => {
                if let Some((path, _)) = self.declared_at(resolved) {
                    return Some(Callee::Path(*path));
                }
                if *foreign {
                    return None;
                }
                let name = segments.last()?;
                Some(match type_owner(segments) {
                    Some(owner) => Callee::Assoc(owner, name),
                    None => Callee::Free(name),
                })
            }
            Call::Method {
                name,
                self_type,
                owner,
                field,
                ..
            } => {
                let (self_type, owner) = self.receiver(self_type.as_ref(), owner, field.as_deref());
                if let Some((path, _)) = self.method_at(&owner, name) {
                    return Some(Callee::Path(path));
                }
                // A type that declares the method says, or the type it dereferences to;
                // otherwise (a trait's method, a type of another crate) the name does, as for an
                // unknown receiver.
                Some(
                    match self_type.and_then(|ty| self.declaring_type(ty, name)) {
                        Some(ty) => Callee::Assoc(ty, name),
                        None => Callee::Method(name),
                    },
                )
            }
            Call::Macro(_) => None,
        }
    }

    /// The operation whose error `call` hands on, when it is to a fn of the checked code that
    /// says (see [`FnDecl::error`]): the fn its path resolves to, or else every fn or method of
    /// its name, if they all hand on the same one. A call to no fn of the checked code is the
    /// `foreign` operation (std's lock, a property looked up, or [`Operation::Other`]).
    fn handed_on(&self, call: &Call, awaited: bool, foreign: Operation) -> Operation {
        // `state.lock()` on a `state: &Mutex<State>`, or `self.objects.write()` on a field
        // declared `RwLock<..>`: std's, whatever the checked code declares.
        if foreign == Operation::Poisoned
            && let Call::Method {
                self_type, field, ..
            } = call
            && match field.as_deref().and_then(|field| self.field_type(field)) {
                Some(field_type) => field_type.is_std_lock,
                None => self_type
                    .as_ref()
                    .is_some_and(|ty| names_a_lock_type(ty) && !self.other_types.contains(ty)),
            }
        {
            return Operation::Poisoned;
        }
        if let Some(operation) = self.of_a_declared_field(call) {
            return operation;
        }
        let callee = self.callee(call);
        let by_name_only = matches!(callee, Some(Callee::Method(_)));
        let returns = match callee {
            Some(Callee::Path(path)) => self.fns_by_path.get(&path).copied(),
            Some(Callee::Assoc(owner, name)) => {
                self.assoc.get(&(owner.clone(), name.clone())).copied()
            }
            Some(Callee::Free(name)) => self.free_fns.get(name).copied(),
            Some(Callee::Method(name)) => match call {
                Call::Method { args, .. } => self.methods_by_arity.get(name).and_then(|arities| {
                    arities
                        .iter()
                        .find(|(params, _)| params == args)
                        .map(|&(_, returns)| returns)
                }),
                _ => self.method_named(name),
            },
            None => None,
        };
        match returns {
            // `resource.get(KEY)` where the checked code's `get`s are all `async fn`s: not one of
            // them.
            Some(returns) if returns.all_async() && !awaited => foreign,
            // `store.query(&q)` on another crate's `Db`: that the checked code's `query`s fail
            // with text says nothing of what another crate's does.
            // So does that they return no error (`bigtable.get_signature_status(&sig).await` is
            // not the checked code's `get_signature_status`).
            // Nor is one of theirs that returns no `Result` at all (tanoshi's schema builder's
            // `data(value) -> Self` is not async-graphql's `ctx.data::<Claims>()`).
            Some(returns)
                if by_name_only
                    && (matches!(returns, Returns::NotResult)
                        || matches!(returns.error(), Operation::Text | Operation::Infallible)) =>
            {
                foreign
            }
            Some(returns) => returns.error(),
            None => foreign,
        }
    }

    /// What a method of another crate's type does, called on a field declared that type: a
    /// `OnceLock`'s or `OnceCell`'s `set(..)` (`self.handler.set(h)`: "already set", the value
    /// handed back), and std's `File::flush()` (`self.index_file.flush()`), which writes
    /// nothing: a `File` buffers nothing, unlike a `BufWriter<File>` or tokio's `File`.
    fn of_a_declared_field(&self, call: &Call) -> Option<Operation> {
        let Call::Method {
            name,
            field: Some(field),
            ..
        } = call
        else {
            return None;
        };
        let field_type = self.field_type(field)?;
        if field_type.path.is_some() {
            return None;
        }
        match (name.as_str(), field_type.name.as_str()) {
            ("set", "OnceLock" | "OnceCell") => Some(Operation::StateProbe),
            ("flush", "File") if field_type.from_std => Some(Operation::Infallible),
            _ => None,
        }
    }

    /// Whether `call` is to a fn declared `-> !`. A method called on something other than
    /// `self` matches by name: if any method of that name diverges, the call may well.
    fn diverges(&self, call: &Call) -> bool {
        self.callee(call)
            .is_some_and(|callee| self.diverging.contains(&callee))
    }

    fn call_returns_result(&self, call: &Call, awaited: bool) -> Answer {
        let from_decl = |returns: Returns| match returns {
            // An `async fn` gives a future; only its `.await` is the `Result`.
            Returns::Result { all_async, .. } if all_async && !awaited => Answer::No,
            Returns::Result { .. } => Answer::Yes,
            Returns::NotResult => Answer::No,
            Returns::Ambiguous { .. } => Answer::Unknown,
        };
        match call {
            Call::Macro(name) => {
                if self.known.macro_is_fallible(name) {
                    Answer::Yes
                } else {
                    Answer::Unknown
                }
            }
            Call::Path {
                segments,
                resolved,
                foreign,
            } => {
                if let Some((_, returns)) = self.declared_at(resolved) {
                    return from_decl(returns);
                }
                if self.known.path_is_fallible(segments) {
                    return Answer::Yes;
                }
                if *foreign {
                    return Answer::Unknown;
                }
                let Some(name) = segments.last() else {
                    return Answer::Unknown;
                };
                if let Some(owner) = type_owner(segments) {
                    return self
                        .assoc
                        .get(&(owner.clone(), name.clone()))
                        .map_or(Answer::Unknown, |returns| from_decl(*returns));
                }
                self.free_fns
                    .get(name)
                    .map_or(Answer::Unknown, |returns| from_decl(*returns))
            }
            Call::Method {
                name,
                self_type,
                owner,
                field,
                ..
            } => {
                let (self_type, owner) = self.receiver(self_type.as_ref(), owner, field.as_deref());
                if let Some((_, returns)) = self.method_at(&owner, name) {
                    return from_decl(returns);
                }
                if let Some(owner) = self_type.and_then(|ty| self.declaring_type(ty, name))
                    && let Some(returns) = self.assoc.get(&(owner.clone(), name.clone()))
                {
                    return from_decl(*returns);
                }
                let known = self.known.method_is_fallible(name);
                match self.method_named(name) {
                    Some(returns) => match (from_decl(returns), known) {
                        (Answer::Yes, _) => {
                            if known_fallible::is_common_infallible_method(name) {
                                Answer::Unknown
                            } else {
                                Answer::Yes
                            }
                        }
                        // Declared here as something else, and fallible in std: which one is it?
                        (Answer::No, true) => Answer::Unknown,
                        (answer, _) => answer,
                    },
                    None if known => Answer::Yes,
                    None => Answer::Unknown,
                }
            }
        }
    }
}

/// A set of fns of the checked code, known as a call may name them (see [`Callee`]).
#[derive(Debug, Default)]
struct FnSet {
    paths: HashSet<ItemPath>,
    /// `(type, name)` of methods and associated fns.
    assoc: HashSet<(String, String)>,
    /// Methods and associated fns by name alone.
    methods: HashSet<String>,
    free_fns: HashSet<String>,
}

impl FnSet {
    fn insert(&mut self, decl: &FnDecl) {
        if let Some(path) = decl.path {
            self.paths.insert(path);
        }
        match &decl.owner {
            Some(owner) => {
                self.methods.insert(decl.name.clone());
                self.assoc.insert((owner.clone(), decl.name.clone()));
            }
            None => {
                self.free_fns.insert(decl.name.clone());
            }
        }
    }

    /// Whether the callee may be one of the set: a method called on a receiver of unknown type
    /// matches by name.
    fn contains(&self, callee: &Callee<'_>) -> bool {
        match callee {
            Callee::Path(path) => self.paths.contains(path),
            Callee::Assoc(owner, name) => self.assoc.contains(&((*owner).clone(), (*name).clone())),
            Callee::Free(name) => self.free_fns.contains(*name),
            Callee::Method(name) => self.methods.contains(*name),
        }
    }
}

/// Which declarations a call is to (see [`WorkspaceIndex::callee`]).
enum Callee<'a> {
    /// The one fn of the checked code its path or receiver's type resolves to.
    Path(ItemPath),
    /// `Type::name`, by the type's name.
    Assoc(&'a String, &'a String),
    /// Every free fn of this name.
    Free(&'a String),
    /// Every method of this name (the receiver's type is unknown).
    Method(&'a String),
}

/// The path a `via` function of the classified type `type_name` is called by: `Self::classify`
/// is the type's own function.
pub(crate) fn via_path(type_name: &str, via: &catalog::ViaFunction) -> Vec<String> {
    let mut path = via.segments();
    if let Some(first) = path.first_mut().filter(|first| *first == "Self") {
        type_name.clone_into(first);
    }
    path
}

/// The key of [`WorkspaceIndex::returned_types`] that the fn at `path` is known by.
fn returned_key(path: &[String]) -> Option<(Option<String>, String)> {
    Some((type_owner(path).cloned(), path.last()?.clone()))
}

/// The type a path's fn belongs to: its second-to-last segment when it names a type
/// (`Store::open`), not a module (`db::open`).
fn type_owner(segments: &[String]) -> Option<&String> {
    segments
        .len()
        .checked_sub(2)
        .and_then(|at| segments.get(at))
        .filter(|owner| owner.starts_with(|c: char| c.is_ascii_uppercase()))
}

/// `path`, made absolute against the current directory (as the CLI's paths are written).
fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path))
    }
}
