//! Output formats: one renderer per format behind the small [`Render`] trait.
//!
//! A renderer turns the neutral [`Diagnostic`]s of one run into bytes; it never decides what is
//! reported or how the run exits. The renderers need the source of the files that have findings
//! (for snippets); [`Sources`] holds exactly those.

mod excerpt;
mod github;
mod human;
mod json;
mod sarif;

use std::collections::HashMap;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::Diagnostic;
use crate::source::LineIndex;

pub use github::Github;
pub use human::Human;
pub use json::{Json, PackageInfo, TargetInfo};
pub use sarif::Sarif;

/// Everything a renderer may need about one run of the checker.
#[derive(Debug, Clone, Copy)]
pub struct Run<'a> {
    /// The findings to print, sorted by file, then location.
    pub diagnostics: &'a [Diagnostic],
    /// The baseline fingerprint of each finding, parallel to `diagnostics`.
    pub fingerprints: &'a [String],
    /// The text of every file that has a finding.
    pub sources: &'a Sources,
    /// The project root: SARIF and GitHub paths are relative to it.
    pub root: &'a Path,
    /// How many files were checked.
    pub files_checked: usize,
    /// What the baseline did, when one was read or written.
    pub baseline: Option<BaselineUse<'a>>,
}

/// What a baseline did in one run.
#[derive(Debug, Clone, Copy)]
pub struct BaselineUse<'a> {
    /// The baseline file, as it was named on the command line.
    pub path: &'a Path,
    /// How many findings it accepted (and are therefore not in `diagnostics`).
    pub accepted: usize,
    /// Its entries that accepted no finding of a checked file.
    pub stale: &'a [StaleEntry],
    /// Whether the stale entries were removed from the file (`--prune-baseline`).
    pub pruned: bool,
}

/// A baseline entry that accepted no finding: the finding was fixed, or its code changed (and
/// it is reported as new). The fields are the entry's own, as the baseline file holds them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaleEntry {
    /// The entry's fingerprint.
    pub fingerprint: String,
    /// The rule id.
    pub rule: String,
    /// The file, relative to the project root.
    pub file: String,
    /// The line when the baseline was written.
    pub line: usize,
    /// The message when the baseline was written.
    pub message: String,
}

/// One output format.
pub trait Render {
    /// Writes the whole report of `run` to `out`.
    ///
    /// # Errors
    ///
    /// Fails only when writing to `out` fails.
    fn render(&self, run: &Run<'_>, out: &mut dyn io::Write) -> io::Result<()>;
}

/// The source text of the files that have findings, keyed by the path the engine was given.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: HashMap<PathBuf, LineIndex<String>>,
}

impl Sources {
    /// Reads every file that one of `diagnostics` points into.
    ///
    /// A file that cannot be read again (or is not UTF-8, which is itself a `parse_error`
    /// finding) is left out: its findings are then printed without a snippet.
    #[must_use]
    pub fn load(diagnostics: &[Diagnostic]) -> Self {
        let mut sources = Self::default();
        for diagnostic in diagnostics {
            if sources.files.contains_key(&diagnostic.file) {
                continue;
            }
            // onus: allow(swallowed_error) — a file that vanished or turned binary since the check only loses its snippet
            if let Ok(text) = std::fs::read_to_string(&diagnostic.file) {
                sources.insert(diagnostic.file.clone(), text);
            }
        }
        sources
    }

    /// Adds (or replaces) the text of one file.
    pub fn insert(&mut self, path: PathBuf, text: String) {
        self.files.insert(path, LineIndex::new(text));
    }

    /// The whole text of `path`, if it is known.
    #[must_use]
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(LineIndex::text)
    }

    /// The text of lines `first..=last` (1-based) of `path` without their line terminators, or
    /// `None` when the file is unknown or the lines are out of range.
    #[must_use]
    pub fn lines(&self, path: &Path, first: usize, last: usize) -> Option<Vec<&str>> {
        let file = self.files.get(path)?;
        (first..=last)
            .map(|line| file.line(line))
            .collect::<Option<Vec<_>>>()
    }

    /// The byte range of lines `first..=last` (1-based, terminators of inner lines included, of
    /// the last line excluded) of `path`.
    #[cfg(test)]
    fn line_range(&self, path: &Path, first: usize, last: usize) -> Option<(usize, usize)> {
        self.files.get(path)?.line_range(first, last)
    }

    /// The text and lines of `path`, if it is known.
    fn file(&self, path: &Path) -> Option<&LineIndex<String>> {
        self.files.get(path)
    }
}

/// `path` relative to `root`, `/`-separated: the form SARIF, GitHub annotations and baseline
/// fingerprints use, so that they do not depend on where the checker was started.
///
/// A path outside `root` is returned whole (still `/`-separated).
#[must_use]
pub fn relative_path(path: &Path, root: &Path) -> String {
    let absolute;
    let path = if path.is_absolute() || root.is_relative() {
        path
    } else {
        // Relative paths are relative to the current directory, like every path the user typed.
        absolute =
            std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path));
        &absolute
    };
    let path = normalize(path);
    let root = normalize(root);
    let shown = path.strip_prefix(&root).unwrap_or(&path);
    shown
        .components()
        .map(|part| match part {
            // Joined with `/` below, an empty first part keeps an absolute path absolute.
            Component::RootDir => String::new(),
            other => other.as_os_str().to_string_lossy().into_owned(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether printing `c` on a terminal could do something else than show a character: control
/// characters (newlines, escape sequences, the C1 controls some terminals obey) and the
/// characters that reorder or hide the text around them (bidirectional controls, line and
/// paragraph separators).
#[must_use]
pub fn is_unsafe_to_print(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `c` as it is shown when [`is_unsafe_to_print`]: `\n`, `\r`, `\t`, else `\u{1b}`.
pub(crate) fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
    }
}

/// `text` safe to print as (part of) one line of a terminal: every character that
/// [`is_unsafe_to_print`] is shown as an escape (`\n`, `\u{1b}`, `\u{202e}`), so a path, a
/// message or a string from the checked code can neither move the cursor, recolor the
/// terminal, reorder what follows, nor start a line of its own (`::error` would be a workflow
/// command to a CI runner reading the log).
///
/// ```
/// use onus_lints::render::escape_line;
///
/// assert_eq!(escape_line("src/lib.rs"), "src/lib.rs");
/// assert_eq!(escape_line("a\n::error::x"), "a\\n::error::x");
/// assert_eq!(escape_line("\u{1b}[2J\u{202e}"), "\\u{1b}[2J\\u{202e}");
/// ```
#[must_use]
pub fn escape_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_to_print) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_to_print(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Removes `.` and resolves `..` lexically, without touching the file system (symlinks are not
/// followed, which is what a user reading a path expects).
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(part);
                }
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_path_strips_the_root_and_uses_slashes() {
        let root = Path::new("/work/repo");
        assert_eq!(
            relative_path(Path::new("/work/repo/src/./lib.rs"), root),
            "src/lib.rs"
        );
        assert_eq!(
            relative_path(Path::new("/work/repo/a/../b.rs"), root),
            "b.rs"
        );
        assert_eq!(
            relative_path(Path::new("/elsewhere/x.rs"), root),
            "/elsewhere/x.rs"
        );
    }

    #[test]
    fn lines_are_returned_without_terminators() {
        let mut sources = Sources::default();
        sources.insert("a.rs".into(), "one\r\ntwo\nthree".into());
        assert_eq!(
            sources.lines(Path::new("a.rs"), 1, 3),
            Some(vec!["one", "two", "three"])
        );
        assert_eq!(sources.lines(Path::new("a.rs"), 3, 4), None);
        assert_eq!(sources.line_range(Path::new("a.rs"), 2, 3), Some((5, 14)));
    }
}
