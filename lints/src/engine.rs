//! The engine: parse every file once, index it, run the rules, resolve what depends on the whole
//! workspace, apply suppressions, and hand back sorted diagnostics. It never prints.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Label, Level, Location, Suggestion};
use crate::finding::{Finding, FindingSuggestion, SpanRange, SuggestionPart};
use crate::index::{Cond, IndexFragment, WorkspaceIndex};
use crate::rules;
use crate::suppress::{self, SuppressedRule, Suppression};
use crate::test_code::{self, FileMods};
use crate::walk::{Candidate, Walker};

/// Stack size of the threads that parse and check. syn and the rules recurse once per nesting
/// level, and generated code can nest thousands of levels deep; the memory is only reserved.
const STACK_SIZE: usize = 256 * 1024 * 1024;

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

/// A candidate turned into source locations on the thread that parsed its file.
#[derive(Debug)]
struct Pending {
    diagnostic: Diagnostic,
    requires: Vec<Cond>,
    suggestion_requires: Vec<Cond>,
    /// Index into the file's suppressions of the `#[onus::allow]` covering it.
    suppressed_by: Option<usize>,
}

/// Everything pass 1 learned about one file.
#[derive(Debug, Default)]
struct FileOutcome {
    path: PathBuf,
    fragment: IndexFragment,
    pending: Vec<Pending>,
    suppressions: Vec<Suppression>,
    parse_error: Option<Diagnostic>,
    /// The file's `mod name;` declarations, to find test code (only when tests are skipped).
    mods: FileMods,
    /// The caller said this file is test code.
    test_code: bool,
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
    let mut outcomes = pass_one(inputs, config);
    if !config.check_tests {
        skip_test_code(&mut outcomes);
    }
    let index = WorkspaceIndex::build(outcomes.iter().map(|outcome| &outcome.fragment), config);
    let mut diagnostics = Vec::new();
    let mut error_types = Vec::new();
    for mut outcome in outcomes {
        error_types.append(&mut outcome.fragment.error_types);
        resolve_file(outcome, &index, config, &mut diagnostics);
    }
    diagnostics.sort_by(|a, b| (&a.file, a.location, a.rule).cmp(&(&b.file, b.location, b.rule)));
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
            outcome.fragment = IndexFragment::default();
            outcome.pending.clear();
            outcome.suppressions.clear();
        }
    }
}

#[cfg(feature = "parallel")]
fn pass_one(inputs: Vec<Input>, config: &Config) -> Vec<FileOutcome> {
    use rayon::prelude::*;

    match rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build()
    {
        Ok(pool) => pool.install(|| {
            inputs
                .into_par_iter()
                .map(|input| check_file(input, config))
                .collect()
        }),
        // onus: allow(swallowed_error) — without a pool of our own the checks still run, one by one
        Err(_) => pass_one_sequential(inputs, config),
    }
}

#[cfg(not(feature = "parallel"))]
fn pass_one(inputs: Vec<Input>, config: &Config) -> Vec<FileOutcome> {
    pass_one_sequential(inputs, config)
}

fn pass_one_sequential(inputs: Vec<Input>, config: &Config) -> Vec<FileOutcome> {
    let run = |inputs: Vec<Input>| {
        inputs
            .into_iter()
            .map(|input| check_file(input, config))
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
            .spawn_scoped(scope, || run(take()));
        match worker {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // onus: allow(swallowed_error) — no thread with a large stack: check on this one instead
            Err(_) => run(take()),
        }
    })
}

/// Pass 1 for one file: parse, walk, and turn every span into a location before the thread's
/// source map is cleared.
fn check_file(input: Input, config: &Config) -> FileOutcome {
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
                config,
            );
            return FileOutcome {
                path,
                parse_error,
                ..FileOutcome::default()
            };
        }
    };
    let lines = LineIndex::new(&text);
    let mut outcome = match syn::parse_file(&text) {
        Err(error) => {
            let location = lines.location(SpanRange::single(error.span()));
            let parse_error = parse_error(
                &path,
                location,
                format!("cannot parse this file: {error}"),
                config,
            );
            FileOutcome {
                parse_error,
                ..FileOutcome::default()
            }
        }
        Ok(_) if test_code && !config.check_tests => FileOutcome {
            // Not walked: its declarations only matter to itself.
            test_code,
            ..FileOutcome::default()
        },
        Ok(file) => {
            let mods = if config.check_tests {
                FileMods::default()
            } else {
                test_code::scan(&path, &file)
            };
            let mut walker = Walker::new(config, Some(&path));
            syn::visit::Visit::visit_file(&mut walker, &file);
            let cx = walker.cx;
            let mut suppressions: Vec<Suppression> = cx
                .attr_suppressions
                .iter()
                .map(|attr| Suppression {
                    location: lines.location(attr.span),
                    rules: attr
                        .rules
                        .iter()
                        .map(|(id, span)| SuppressedRule {
                            id: id.clone(),
                            location: lines.location(*span),
                            used: false,
                        })
                        .collect(),
                    has_reason: attr.has_reason,
                    comment_line: None,
                })
                .collect();
            suppressions.extend(suppress::scan_comments(&text, |line, start, end| {
                lines.line_location(line, start, end)
            }));
            let pending = cx
                .candidates
                .into_iter()
                .filter_map(|candidate| pending(candidate, &path, &lines, config))
                .collect();
            FileOutcome {
                fragment: cx.fragment,
                pending,
                suppressions,
                mods,
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

fn parse_error(
    path: &Path,
    location: Location,
    message: String,
    config: &Config,
) -> Option<Diagnostic> {
    let rule = rules::find(rules::PARSE_ERROR)?;
    let level = config.level_of(rule);
    (level != Level::Allow).then(|| Diagnostic {
        rule: rule.id,
        level,
        file: path.to_owned(),
        location,
        message,
        help: Some("fix the syntax error, or exclude the file; it was not checked".to_owned()),
        labels: Vec::new(),
        suggestion: None,
        snippet: String::new(),
    })
}

fn pending(
    candidate: Candidate,
    path: &Path,
    lines: &LineIndex<'_>,
    config: &Config,
) -> Option<Pending> {
    let Candidate {
        finding,
        requires,
        suggestion_requires,
        suppressed_by,
        retracted,
    } = candidate;
    if retracted {
        return None;
    }
    let level = config.level_of(rules::find(finding.rule)?);
    Some(Pending {
        diagnostic: to_diagnostic(finding, level, path, lines),
        requires,
        suggestion_requires,
        suppressed_by,
    })
}

fn to_diagnostic(finding: Finding, level: Level, path: &Path, lines: &LineIndex<'_>) -> Diagnostic {
    let location = lines.location(finding.span);
    Diagnostic {
        rule: finding.rule,
        level,
        file: path.to_owned(),
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
            .map(|suggestion| to_suggestion(suggestion, lines)),
    }
}

fn to_suggestion(suggestion: FindingSuggestion, lines: &LineIndex<'_>) -> Suggestion {
    let mut replacement = String::new();
    for part in &suggestion.parts {
        match part {
            SuggestionPart::Text(text) => replacement.push_str(text),
            SuggestionPart::Source(span) => {
                replacement.push_str(lines.slice(lines.location(*span)))
            }
        }
    }
    Suggestion {
        location: lines.location(suggestion.span),
        replacement,
        message: suggestion.message,
    }
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
    out.extend(parse_error);
    for Pending {
        mut diagnostic,
        requires,
        suggestion_requires,
        suppressed_by,
    } in pending
    {
        if !index.holds_all(&requires) {
            continue;
        }
        if let Some(more) = index.elaborate(&requires) {
            diagnostic.message.push_str(&more);
        }
        if let Some(attr) = suppressed_by
            && let Some(suppression) = suppressions.get_mut(attr)
            && let Some(rule) = suppression
                .rules
                .iter_mut()
                .find(|rule| rule.id == diagnostic.rule)
        {
            rule.used = true;
            continue;
        }
        let line = diagnostic.location.line_start;
        if let Some((suppression, rule)) = suppressions.iter_mut().find_map(|suppression| {
            suppression
                .comment_covers(diagnostic.rule, line)
                .map(|rule| (suppression, rule))
        }) {
            suppression.rules[rule].used = true;
            continue;
        }
        if !index.holds_all(&suggestion_requires) {
            diagnostic.suggestion = None;
        }
        out.push(diagnostic);
    }
    let enabled = |id: &str| rules::find(id).is_some_and(|rule| config.enabled(rule));
    for suppression in &suppressions {
        for (rule, location, message, help) in suppress::problems(suppression, enabled) {
            let Some(info) = rules::find(rule) else {
                continue;
            };
            let level = config.level_of(info);
            if level == Level::Allow {
                continue;
            }
            out.push(Diagnostic {
                rule: info.id,
                level,
                file: path.clone(),
                location,
                message,
                help: Some(help),
                labels: Vec::new(),
                suggestion: None,
                snippet: String::new(),
            });
        }
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
///         let _ = std::fs::remove_file("lock");
///         Ok(())
///     }
/// };
/// let findings = onus_lints::check_item(&item, None, &onus_lints::Config::default());
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
    let mut source = Some(source);
    let mut text: Option<S> = None;
    let mut walker = Walker::new(config, None);
    syn::visit::Visit::visit_item(&mut walker, item);
    let cx = walker.cx;
    // Built on first use: a clean item (no candidates) never needs it, and building it sets up
    // the table of fallible APIs, which an unoptimized proc macro pays for on every item.
    let index = std::cell::OnceCell::new();
    let index = || index.get_or_init(|| WorkspaceIndex::build([&cx.fragment], config));
    let mut used = vec![Vec::new(); cx.attr_suppressions.len()];
    // Scanned only once something is found: most items have no findings.
    let mut comments: Option<Vec<Suppression>> = None;
    let mut findings = Vec::new();
    for Candidate {
        mut finding,
        requires,
        suggestion_requires,
        suppressed_by,
        retracted,
    } in cx.candidates
    {
        if retracted {
            continue;
        }
        if let Some(attr) = suppressed_by {
            used[attr].push(finding.rule);
            continue;
        }
        if !requires.is_empty() && !index().holds_all(&requires) {
            continue;
        }
        if !requires.is_empty()
            && let Some(more) = index().elaborate(&requires)
        {
            finding.message.push_str(&more);
        }
        if let Some(read) = source.take() {
            text = read();
        }
        if let Some(text) = &text {
            let line = finding.span.start.start().line;
            let comments = comments.get_or_insert_with(|| {
                suppress::scan_comments(text.as_ref(), |_, _, _| Location::default_start())
            });
            if comments
                .iter()
                .any(|comment| comment.comment_covers(finding.rule, line).is_some())
            {
                continue;
            }
        }
        if !suggestion_requires.is_empty() && !index().holds_all(&suggestion_requires) {
            finding.suggestion = None;
        }
        findings.push(finding);
    }
    for (attr, used) in cx.attr_suppressions.iter().zip(used) {
        if !attr.has_reason {
            findings.push(Finding::new(
                rules::SUPPRESSION_WITHOUT_REASON,
                attr.span,
                "suppression without a reason",
                "say why: `#[onus::allow(rule, reason = \"...\")]`",
            ));
        }
        for (id, span) in &attr.rules {
            let message = match rules::find(id) {
                None => match rules::closest(id) {
                    Some(closest) => format!("unknown rule `{id}`; did you mean `{closest}`"),
                    None => format!("unknown rule `{id}`"),
                },
                Some(rule)
                    if !used.contains(&rule.id)
                        && config.enabled(rule)
                        && !rule.hooks_are_empty() =>
                {
                    format!("this suppression of `{id}` suppresses nothing")
                }
                Some(_) => continue,
            };
            findings.push(Finding::new(
                rules::UNUSED_SUPPRESSION,
                *span,
                message,
                "remove it, or fix the rule id",
            ));
        }
    }
    findings.retain(|finding| rules::find(finding.rule).is_some_and(|rule| config.enabled(rule)));
    findings
}

/// Line starts of a file, to turn `proc_macro2` line/column positions into byte offsets.
struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// `syn::parse_file` strips a byte order mark; positions on line 1 start after it.
    bom: usize,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        let bom = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        Self {
            text,
            line_starts,
            bom,
        }
    }

    /// The byte offset of a 1-based line and 0-based character column.
    fn byte_of(&self, line: usize, column: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let start = if line == 1 { start + self.bom } else { start };
        let rest = &self.text[start.min(self.text.len())..];
        start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(offset, _)| offset)
    }

    fn location(&self, range: SpanRange) -> Location {
        let start = range.start.start();
        let end = range.end.end();
        let byte_start = self.byte_of(start.line, start.column);
        let byte_end = self.byte_of(end.line, end.column).max(byte_start);
        Location {
            byte_start,
            byte_end,
            line_start: start.line.max(1),
            column_start: start.column + 1,
            line_end: end.line.max(1),
            column_end: end.column + 1,
        }
    }

    /// A location within one line, from byte offsets relative to the line's start.
    fn line_location(&self, line: usize, start: usize, end: usize) -> Location {
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let text = &self.text[line_start..];
        let column = |offset: usize| {
            text.get(..offset)
                .map_or(offset, |prefix| prefix.chars().count())
                + 1
        };
        Location {
            byte_start: line_start + start,
            byte_end: line_start + end,
            line_start: line,
            column_start: column(start),
            line_end: line,
            column_end: column(end),
        }
    }

    fn slice(&self, location: Location) -> &'a str {
        self.text
            .get(location.byte_start..location.byte_end)
            .unwrap_or("")
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
