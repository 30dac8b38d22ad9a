//! The engine: parse every file once, index it, run the rules, resolve what depends on the whole
//! workspace, apply suppressions, and hand back sorted diagnostics. It never prints.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Label, Level, Location, Suggestion};
use crate::finding::{Finding, FindingSuggestion, SpanRange, SuggestionPart};
use crate::generated;
use crate::index::{IndexFragment, WorkspaceIndex};
use crate::package::Declarations;
use crate::parse::{self, ParseFailure};
use crate::paths::ItemPath;
use crate::resolve::{self, Pending, Reportable, Scope};
use crate::rules;
use crate::source::LineIndex;
use crate::suppress::{self, SuppressedRule, Suppression};
use crate::test_code::{self, FileMods};
use crate::walk::{AttrSuppression, Candidate, Hooks, Walker};

/// Stack size of the threads that parse and check. syn and the rules recurse once per nesting
/// level, and generated code can nest thousands of levels deep; the memory is only reserved. A
/// file that would need more is a `parse_error` ([`parse::too_deep`]).
pub(crate) const STACK_SIZE: usize = 256 * 1024 * 1024;

/// The stack assumed when no thread of [`STACK_SIZE`] could be started and the files are checked
/// on the caller's thread: Rust's default for a spawned thread, the least a caller has.
const FALLBACK_STACK_SIZE: usize = 2 * 1024 * 1024;

/// One file to check, as the caller read it.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file's path (as it should appear in diagnostics) and its text.
    Source {
        /// Where the text came from.
        path: PathBuf,
        /// The file's contents.
        text: String,
        /// The file is test code as a whole: an integration test or a bench of a cargo package
        /// (which only the caller can know). Unless [`Config::check_tests`] is on, it is parsed
        /// (a syntax error is still reported) but not checked. Files brought in by
        /// `#[cfg(test)] mod name;` and files marked `#![cfg(test)]` are found by the engine
        /// itself, among the inputs.
        test_code: bool,
    },
    /// A file that could not be read, or is not UTF-8: reported as a `parse_error`.
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        error: String,
    },
    /// A directory that could not be listed, so its files could not be checked: reported as a
    /// `parse_error`, like an unreadable file.
    Unlisted {
        /// The directory.
        path: PathBuf,
        /// Why it could not be listed.
        error: String,
    },
}

/// What a run found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Every diagnostic at `warn` or `deny` level, sorted by file, then location.
    pub diagnostics: Vec<Diagnostic>,
    /// How many inputs were checked, including unreadable ones.
    pub files_checked: usize,
    /// Every `#[derive(Classify)]` type, sorted by name, file and line: the error catalog.
    pub error_types: Vec<crate::catalog::ErrorType>,
}

impl Report {
    /// Whether any diagnostic is at `deny` level (the run fails).
    #[must_use]
    pub fn has_denials(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|diagnostic| diagnostic.level == Level::Deny)
    }
}

/// Everything pass 1 learned about one file.
#[derive(Debug, Default)]
struct FileOutcome {
    path: PathBuf,
    fragment: IndexFragment,
    /// Candidates, turned into source locations on the thread that parsed the file.
    pending: Vec<Pending<Diagnostic>>,
    suppressions: Vec<Suppression>,
    /// Boxed: one file in many has one, and an outcome is kept for every file until all are read.
    parse_error: Option<Box<Diagnostic>>,
    /// The file's `mod name;` declarations, to find test code (only when tests are skipped).
    mods: FileMods,
    /// The caller said this file is test code.
    test_code: bool,
    /// What the whole file names, when `untested_error` reads test code: kept if the file turns
    /// out to be test code (brought in by `#[cfg(test)] mod name;`).
    file_mentions: std::collections::HashSet<String>,
}

/// Checks `inputs` as one workspace.
///
/// Every file is parsed once, on threads with large stacks; a file that cannot be read or parsed
/// becomes one `parse_error` diagnostic and the others are still checked.
///
/// ```
/// use onus_lints::{check, Config, Input};
///
/// let inputs = vec![
///     Input::Source { path: "good.rs".into(), text: "fn main() {}".into(), test_code: false },
///     Input::Source { path: "bad.rs".into(), text: "fn main( {".into(), test_code: false },
/// ];
/// let report = check(inputs, &Config::default());
/// assert_eq!(report.files_checked, 2);
/// assert_eq!(report.diagnostics.len(), 1);
/// assert_eq!(report.diagnostics[0].rule, "parse_error");
/// ```
#[must_use]
pub fn check(inputs: Vec<Input>, config: &Config) -> Report {
    let files_checked = inputs.len();
    let hooks = rules::enabled_hooks(config);
    let binaries: HashSet<ItemPath> = inputs
        .iter()
        .filter_map(|input| match input {
            Input::Source { path, .. } => crate::paths::binary_root(path),
            Input::Unreadable { .. } | Input::Unlisted { .. } => None,
        })
        .collect();
    let mut outcomes = pass_one(
        inputs,
        &PassOne {
            config,
            hooks: &hooks,
            binaries: &binaries,
        },
    );
    if !config.check_tests {
        skip_test_code(&mut outcomes);
    }
    let index = WorkspaceIndex::build(outcomes.iter().map(|outcome| &outcome.fragment), config);
    let mut diagnostics = Vec::new();
    let mut error_types = Vec::new();
    for mut outcome in outcomes {
        for ty in &mut outcome.fragment.error_types {
            for variant in &mut ty.variants {
                if let crate::catalog::Answer::Via(via) = &mut variant.answer {
                    via.returns = index.returned_type(&crate::index::via_path(&ty.name, via));
                }
            }
        }
        if reads_tests(config) {
            for ty in &mut outcome.fragment.error_types {
                let type_name = ty.name.clone();
                for variant in &mut ty.variants {
                    if let crate::catalog::Answer::Declared(declaration) = &variant.answer {
                        let path = match &variant.name {
                            Some(name) => format!("{type_name}::{name}"),
                            None => type_name.clone(),
                        };
                        variant.tested = Some(index.is_tested(&path, &declaration.code));
                    }
                }
            }
        }
        error_types.append(&mut outcome.fragment.error_types);
        resolve_file(outcome, &index, config, &mut diagnostics);
    }
    diagnostics.sort_by(|a, b| (&a.file, a.location, a.rule).cmp(&(&b.file, b.location, b.rule)));
    // Two checks of one rule may reach the same code (a `match` both lists every variant and
    // answers one status): one finding per rule per span.
    diagnostics.dedup_by(|a, b| (&a.file, a.location, a.rule) == (&b.file, b.location, b.rule));
    error_types.sort_by(|a, b| (&a.name, &a.file, a.line).cmp(&(&b.name, &b.file, b.line)));
    Report {
        diagnostics,
        files_checked,
        error_types,
    }
}

/// Forgets what pass 1 found in files that turn out to be test code, now that every file's
/// `#[cfg(test)] mod name;` declarations are known. Their syntax errors are still reported.
fn skip_test_code(outcomes: &mut [FileOutcome]) {
    let files: Vec<(&Path, &FileMods)> = outcomes
        .iter()
        .map(|outcome| (outcome.path.as_path(), &outcome.mods))
        .collect();
    let test = test_code::resolve(
        &files,
        outcomes.iter().map(|outcome| outcome.test_code).collect(),
    );
    for (outcome, test) in outcomes.iter_mut().zip(test) {
        if test {
            let mut test_mentions = std::mem::take(&mut outcome.fragment.test_mentions);
            test_mentions.extend(std::mem::take(&mut outcome.file_mentions));
            outcome.fragment = IndexFragment {
                test_mentions,
                ..IndexFragment::default()
            };
            outcome.pending.clear();
            outcome.suppressions.clear();
        } else {
            outcome.file_mentions = std::collections::HashSet::new();
        }
    }
}

/// What every file's first pass reads: the configuration, the enabled rules' hooks, and the
/// crate roots of the binaries whose entry files are checked.
struct PassOne<'a> {
    config: &'a Config,
    hooks: &'a [Hooks],
    binaries: &'a HashSet<ItemPath>,
}

#[cfg(feature = "parallel")]
fn pass_one(inputs: Vec<Input>, pass: &PassOne<'_>) -> Vec<FileOutcome> {
    use rayon::prelude::*;

    match rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build()
    {
        Ok(pool) => pool.install(|| {
            inputs
                .into_par_iter()
                .map(|input| check_file(input, pass, STACK_SIZE))
                .collect()
        }),
        // onus: allow(swallowed_error) — without a pool of our own the checks still run, one by one
        Err(_) => pass_one_sequential(inputs, pass),
    }
}

#[cfg(not(feature = "parallel"))]
fn pass_one(inputs: Vec<Input>, pass: &PassOne<'_>) -> Vec<FileOutcome> {
    pass_one_sequential(inputs, pass)
}

fn pass_one_sequential(inputs: Vec<Input>, pass: &PassOne<'_>) -> Vec<FileOutcome> {
    let run = |inputs: Vec<Input>, stack_size: usize| {
        inputs
            .into_iter()
            .map(|input| check_file(input, pass, stack_size))
            .collect()
    };
    let inputs = std::sync::Mutex::new(Some(inputs));
    let take = || {
        inputs
            .lock()
            .ok()
            .and_then(|mut inputs| inputs.take())
            .unwrap_or_default()
    };
    std::thread::scope(|scope| {
        let worker = std::thread::Builder::new()
            .stack_size(STACK_SIZE)
            .spawn_scoped(scope, || run(take(), STACK_SIZE));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // onus: allow(swallowed_error) — no thread with a large stack: check on this one instead
            Err(_) => run(take(), FALLBACK_STACK_SIZE),
        }
    })
}

/// Pass 1 for one file, on a thread with a stack of `stack_size` bytes: parse, walk, and turn
/// every span into a location before the thread's source map is cleared.
fn check_file(input: Input, pass: &PassOne<'_>, stack_size: usize) -> FileOutcome {
    let PassOne {
        config,
        hooks,
        binaries,
    } = *pass;
    let (path, text, test_code) = match input {
        Input::Source {
            path,
            text,
            test_code,
        } => (path, text, test_code),
        Input::Unreadable { path, error } => {
            let parse_error = parse_error(
                &path,
                Location::default_start(),
                format!("cannot read this file: {error}"),
                "make it a readable UTF-8 file, or exclude it; it was not checked",
                config,
            );
            return FileOutcome {
                path,
                parse_error: parse_error.map(Box::new),
                ..FileOutcome::default()
            };
        }
        Input::Unlisted { path, error } => {
            let parse_error = parse_error(
                &path,
                Location::default_start(),
                format!("cannot list this directory: {error}"),
                "make it readable, or exclude it; nothing in it was checked",
                config,
            );
            return FileOutcome {
                path,
                parse_error: parse_error.map(Box::new),
                ..FileOutcome::default()
            };
        }
    };
    let lines = LineIndex::new(text.as_str());
    let mut outcome = match parse::parse_file(&text, stack_size) {
        Err(failure) => {
            let (span, message, help) = match failure {
                ParseFailure::Syntax(error) => (
                    error.span(),
                    format!("cannot parse this file: {error}"),
                    "fix the syntax error, or exclude the file; it was not checked",
                ),
                ParseFailure::TooDeep(span) => (
                    span,
                    parse::TOO_DEEP.to_owned(),
                    "split the nested code into smaller items, or exclude the file; it was not \
                     checked",
                ),
            };
            let location = lines.location(SpanRange::single(span));
            FileOutcome {
                parse_error: parse_error(&path, location, message, help, config).map(Box::new),
                ..FileOutcome::default()
            }
        }
        Ok(file) if test_code && !config.check_tests => {
            // Not walked: its declarations only matter to itself; what it names may matter to
            // `untested_error`.
            let mut fragment = IndexFragment::default();
            if reads_tests(config) {
                crate::test_code::mentions(
                    quote::ToTokens::to_token_stream(&file),
                    &mut fragment.test_mentions,
                );
            }
            FileOutcome {
                test_code,
                fragment,
                ..FileOutcome::default()
            }
        }
        Ok(file) => {
            let mods = if config.check_tests {
                FileMods::default()
            } else {
                test_code::scan(&path, &file)
            };
            let mut walker = Walker::new(config, Some(&path), hooks);
            walker.records_tests = reads_tests(config);
            walker.cx.binaries = Some(binaries);
            // Indexed, never reported: a finding there could only be fixed in the generator.
            walker.cx.generated_depth = usize::from(generated::is_generated_file(&text));
            let mut file_mentions = std::collections::HashSet::new();
            if walker.records_tests && !config.check_tests {
                crate::test_code::mentions(
                    quote::ToTokens::to_token_stream(&file),
                    &mut file_mentions,
                );
            }
            syn::visit::Visit::visit_file(&mut walker, &file);
            // What is kept of the file until every file is read is made once its syntax tree is
            // freed, in the room the tree leaves, not between the next tree's nodes.
            drop(file);
            let cx = walker.cx;
            let mut suppressions: Vec<Suppression> = cx
                .attr_suppressions
                .iter()
                .map(|attr| attr_suppression(attr, |span| lines.location(span)))
                .collect();
            suppressions.extend(suppress::scan_comments(&text, |line, start, end| {
                lines.line_location(line, start, end)
            }));
            // After the `onus: allow`s, which hold back what both cover.
            suppressions.extend(suppress::scan_explanations(&text, |line, start, end| {
                lines.line_location(line, start, end)
            }));
            suppressions.shrink_to_fit();
            let mut pending: Vec<_> = cx
                .candidates
                .into_iter()
                // Kept until every file is read, a finding the configuration already rules out
                // would only be dropped then, before it could use a suppression.
                .filter(|candidate| {
                    !candidate
                        .requires
                        .iter()
                        .any(|cond| cond.settled(config) == Some(false))
                })
                .filter_map(|candidate| {
                    pending(candidate, |finding| {
                        let level = rules::find(finding.rule)?.level(config);
                        Some(to_diagnostic(finding, level, &lines))
                    })
                })
                .collect();
            pending.shrink_to_fit();
            let mut fragment = cx.fragment;
            fragment.file.clone_from(&path);
            fragment.shrink_to_fit();
            FileOutcome {
                fragment,
                pending,
                suppressions,
                mods,
                file_mentions,
                ..FileOutcome::default()
            }
        }
    };
    // Every span of this file is now a location; free the thread's source map so it does not
    // grow with every file the thread parses.
    proc_macro2::extra::invalidate_current_thread_spans();
    outcome.path = path;
    outcome
}

/// Whether test code is read for what it names: only for `untested_error`, off by default.
fn reads_tests(config: &Config) -> bool {
    config.read_tests || rules::find("untested_error").is_some_and(|rule| rule.enabled(config))
}

fn parse_error(
    path: &Path,
    location: Location,
    message: String,
    help: &str,
    config: &Config,
) -> Option<Diagnostic> {
    let rule = rules::find(rules::PARSE_ERROR)?;
    let level = rule.level(config);
    (level != Level::Allow).then(|| Diagnostic {
        rule: rule.id,
        level,
        file: path.to_owned(),
        location,
        message,
        help: Some(help.to_owned()),
        labels: Vec::new(),
        suggestion: None,
        snippet: String::new(),
    })
}

/// An `#[onus::allow]` attribute as a [`Suppression`], its positions made by `at`.
fn attr_suppression<P>(attr: &AttrSuppression, at: impl Fn(SpanRange) -> P) -> Suppression<P> {
    Suppression {
        location: at(attr.span),
        rules: attr
            .rules
            .iter()
            .map(|(id, span)| SuppressedRule {
                id: id.clone(),
                location: at(*span),
                used: false,
            })
            .collect(),
        has_reason: attr.has_reason,
        comment_line: None,
        through: 0,
        from: 0,
        explains: attr.explains,
    }
}

/// A candidate that still counts (not retracted by a whole-fn check), as a [`Pending`] finding in
/// the form `finding` makes.
fn pending<T>(
    candidate: Candidate,
    finding: impl FnOnce(Finding) -> Option<T>,
) -> Option<Pending<T>> {
    let Candidate {
        finding: found,
        requires,
        suggestion_requires,
        suppressed_by,
        retracted,
    } = candidate;
    if retracted {
        return None;
    }
    Some(Pending {
        finding: finding(found)?,
        requires,
        suggestion_requires,
        suppressed_by,
    })
}

/// The diagnostic of a candidate, without its file: of most candidates nothing is reported, and
/// the file is set on those that are ([`resolve_file`]) rather than copied into every one kept
/// until then.
fn to_diagnostic(finding: Finding, level: Level, lines: &LineIndex<&str>) -> Diagnostic {
    let location = lines.location(finding.span);
    Diagnostic {
        rule: finding.rule,
        level,
        file: PathBuf::new(),
        location,
        snippet: normalize_whitespace(lines.slice(location)),
        message: finding.message,
        help: finding.help,
        labels: finding
            .labels
            .into_iter()
            .map(|(span, message)| Label {
                location: lines.location(span),
                message,
            })
            .collect(),
        suggestion: finding
            .suggestion
            .and_then(|suggestion| to_suggestion(suggestion, lines)),
    }
}

/// The longest replacement a suggestion carries: one that rewrites more is not a fix a reviewer
/// reads, and nested findings would each copy their nested code into the output.
const MAX_REPLACEMENT: usize = 4096;

fn to_suggestion(suggestion: FindingSuggestion, lines: &LineIndex<&str>) -> Option<Suggestion> {
    let mut replacement = String::new();
    for part in &suggestion.parts {
        let text = match part {
            SuggestionPart::Text(text) => text.as_str(),
            SuggestionPart::Source(span) => lines.slice(lines.location(*span)),
        };
        if replacement.len() + text.len() > MAX_REPLACEMENT {
            return None;
        }
        replacement.push_str(text);
    }
    Some(Suggestion {
        location: lines.location(suggestion.span),
        replacement,
        message: suggestion.message,
    })
}

fn normalize_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Pass 2 for one file: keep the candidates whose conditions hold, apply suppressions, and report
/// what is wrong with the suppressions themselves.
fn resolve_file(
    outcome: FileOutcome,
    index: &WorkspaceIndex,
    config: &Config,
    out: &mut Vec<Diagnostic>,
) {
    let FileOutcome {
        path,
        pending,
        mut suppressions,
        parse_error,
        ..
    } = outcome;
    out.extend(parse_error.map(|diagnostic| *diagnostic));
    let mut found = resolve::findings(pending, &mut suppressions, &|| index, Scope::Workspace);
    for diagnostic in &mut found {
        diagnostic.file.clone_from(&path);
    }
    let reported: Vec<(&str, usize)> = found
        .iter()
        .map(|diagnostic| (diagnostic.rule, diagnostic.location.line_start))
        .collect();
    let problems = resolve::suppression_problems(&suppressions, &reported, config);
    out.extend(found);
    for (problem, level) in problems {
        out.push(Diagnostic {
            rule: problem.rule,
            level,
            file: path.clone(),
            location: problem.location,
            message: problem.message,
            help: Some(problem.help),
            labels: Vec::new(),
            suggestion: None,
            snippet: String::new(),
        });
    }
}

/// Checks one already parsed item, as `#[onus::check]` does: without a workspace, rules know
/// what the item itself declares plus the built-in table of fallible APIs.
///
/// Findings keep their `proc_macro2` spans so a proc macro can emit them in place; `#[onus::allow]`
/// attributes inside the item are applied, and problems with them are findings too.
///
/// `source` is the text of the file the item was parsed from, when known: its
/// `// onus: allow(rule) — reason` comments then suppress findings on their line and the next, as
/// in [`check`] (a proc macro never sees comments as tokens). Problems with the comments themselves
/// (no reason, suppressing nothing) are left to [`check`]: there is no token to report them at.
///
/// A suppression that covers a finding the item alone cannot decide (a call to a function declared
/// elsewhere) counts as used: with the workspace index, [`check`] may well report that finding.
///
/// ```
/// let item: syn::Item = syn::parse_quote! {
///     fn save() -> std::io::Result<()> {
///         let _ = std::fs::create_dir("lock");
///         Ok(())
///     }
/// };
/// let findings = onus_lints::check_item(&item, None, &onus_lints::Config::default());
/// assert_eq!(findings.len(), 1);
/// assert!(findings.iter().all(|finding| !finding.message.is_empty()));
/// ```
#[must_use]
pub fn check_item(item: &syn::Item, source: Option<&str>, config: &Config) -> Vec<Finding> {
    check_item_with(item, || source, config)
}

/// [`check_item`], reading the source text only if a finding could be suppressed by one of its
/// comments: a proc macro on a clean item never touches the file.
///
/// ```
/// let item: syn::Item = syn::parse_quote! { fn clean() {} };
/// let findings = onus_lints::engine::check_item_with(
///     &item,
///     || -> Option<String> { unreachable!("nothing to suppress, nothing read") },
///     &onus_lints::Config::default(),
/// );
/// assert!(findings.is_empty());
/// ```
#[must_use]
pub fn check_item_with<S: AsRef<str>>(
    item: &syn::Item,
    source: impl FnOnce() -> Option<S>,
    config: &Config,
) -> Vec<Finding> {
    check_item_in(item, None, source, || None, config)
}

/// [`check_item_with`], resolving calls and types with the declarations of the package the item
/// is in as well as its own, as `#[onus::check]` does: `package` is called only when a candidate
/// finding needs the index (a clean item never reads the package).
///
/// `item_file` is the file the item was read from, when known: the item's declarations take the
/// place of that file's on disk, which may be an older version of the item. Without it, the file
/// declaring most of what the item declares is taken for the item's.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("onus-check-item-in-{}", std::process::id()));
/// std::fs::create_dir_all(dir.join("src")).unwrap();
/// std::fs::write(dir.join("src/db.rs"), "pub fn audit() -> Result<(), String> { Ok(()) }").unwrap();
/// let item: syn::Item = syn::parse_quote! {
///     fn handler() {
///         let _ = audit();
///     }
/// };
/// let config = onus_lints::Config::default();
/// let mut package = onus_lints::package::Package::new(&dir);
/// let findings = onus_lints::engine::check_item_in(
///     &item,
///     None,
///     || None::<&str>,
///     || Some(package.declarations(&config, None)),
///     &config,
/// );
/// assert_eq!(findings[0].rule, "ignored_result");
/// assert!(onus_lints::check_item(&item, None, &config).is_empty());
/// std::fs::remove_dir_all(&dir).unwrap();
/// ```
#[must_use]
pub fn check_item_in<S: AsRef<str>>(
    item: &syn::Item,
    item_file: Option<&Path>,
    source: impl FnOnce() -> Option<S>,
    package: impl FnOnce() -> Option<Declarations>,
    config: &Config,
) -> Vec<Finding> {
    let hooks = rules::enabled_hooks(config);
    let mut walker = Walker::new(config, None, &hooks);
    syn::visit::Visit::visit_item(&mut walker, item);
    let mut cx = walker.cx;
    let mut package = Some(package);
    let mut read: Option<Option<Declarations>> = None;
    // An item that may be reported is walked again in its file's module, once the package is
    // read, so that its calls resolve by path as `cargo onus check` resolves them; a clean item
    // never reads the package.
    if !cx.candidates.is_empty()
        && let Some(file) = item_file
        && let Some(package) = package.take()
    {
        let declarations = package();
        if let Some(scope) = declarations
            .as_ref()
            .and_then(|declarations| declarations.scope_of(file))
        {
            let mut walker = Walker::new(config, None, &hooks).in_module(scope);
            syn::visit::Visit::visit_item(&mut walker, item);
            cx = walker.cx;
        }
        read = Some(declarations);
    }
    let pending: Vec<Pending<Finding>> = cx
        .candidates
        .into_iter()
        .filter_map(|candidate| pending(candidate, Some))
        .collect();
    // What the conditions ask about: of the package, the index needs only these declarations.
    let mut asked = std::collections::HashSet::new();
    for pending in &pending {
        for cond in pending.requires.iter().chain(&pending.suggestion_requires) {
            crate::package::names_in(cond, &mut asked);
        }
    }
    let asked: Vec<String> = asked.into_iter().map(str::to_owned).collect();
    // Built on first use: a clean item (no candidates) never needs it, nor reads the package,
    // and building it sets up the table of fallible APIs, which an unoptimized proc macro pays
    // for on every item.
    let package = std::cell::Cell::new(package);
    let read = std::cell::Cell::new(read);
    let index = std::cell::OnceCell::new();
    let index = || {
        index.get_or_init(|| {
            let declarations = match read.take() {
                Some(declarations) => declarations,
                None => package.take().and_then(|package| package()),
            };
            let Some(declarations) = declarations else {
                return WorkspaceIndex::build([&cx.fragment], config);
            };
            let names = asked.iter().map(String::as_str).collect();
            let beside = declarations.beside(&cx.fragment, item_file, &names);
            WorkspaceIndex::build(
                std::iter::once(&cx.fragment).chain(beside.iter().map(AsRef::as_ref)),
                config,
            )
        })
    };
    let mut suppressions: Vec<Suppression<Option<SpanRange>>> = cx
        .attr_suppressions
        .iter()
        .map(|attr| attr_suppression(attr, Some))
        .collect();
    // Comments are read only when a finding could be held back by one: a proc macro on a clean
    // item never touches the file. They have no token to report a problem at (`None`).
    if pending
        .iter()
        .any(|pending| pending.suppressed_by.is_none())
        && let Some(text) = source()
    {
        suppressions.extend(suppress::scan_comments(text.as_ref(), |_, _, _| None));
        suppressions.extend(suppress::scan_explanations(text.as_ref(), |_, _, _| None));
    }
    let mut findings = resolve::findings(pending, &mut suppressions, &index, Scope::Item);
    let position = |finding: &Finding| {
        let (start, end) = (finding.span.start.start(), finding.span.end.end());
        (finding.rule, start.line, start.column, end.line, end.column)
    };
    findings.sort_by_key(position);
    findings.dedup_by(|a, b| position(a) == position(b));
    for (problem, _) in resolve::suppression_problems(&suppressions, &[], config) {
        if let Some(span) = problem.location {
            findings.push(Finding::new(
                problem.rule,
                span,
                problem.message,
                problem.help,
            ));
        }
    }
    findings
}

impl Reportable for Diagnostic {
    fn rule(&self) -> &'static str {
        self.rule
    }

    fn line(&self) -> usize {
        self.location.line_start
    }

    fn elaborate(&mut self, more: &str) {
        self.message.push_str(more);
    }

    fn drop_suggestion(&mut self) {
        self.suggestion = None;
    }
}

impl Reportable for Finding {
    fn rule(&self) -> &'static str {
        self.rule
    }

    fn line(&self) -> usize {
        self.span.start.start().line
    }

    fn elaborate(&mut self, more: &str) {
        self.message.push_str(more);
    }

    fn drop_suggestion(&mut self) {
        self.suggestion = None;
    }
}

impl Location {
    /// The start of a file, where findings without a better place go.
    #[must_use]
    pub const fn default_start() -> Self {
        Self {
            byte_start: 0,
            byte_end: 0,
            line_start: 1,
            column_start: 1,
            line_end: 1,
            column_end: 1,
        }
    }
}
