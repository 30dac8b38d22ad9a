//! Cargo's `--message-format=json`: one `compiler-message` per line, then `build-finished`
//! (which, with a baseline, also lists the baseline's `stale_baseline_entries`).
//!
//! Editors read this format: rust-analyzer's `check.overrideCommand` runs `cargo onus check
//! --format json` and places every finding where the primary span says (see `lints/README.md`).

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::excerpt::Excerpt;
use super::{Human, Render, Run, Sources, StaleEntry};
use crate::{Diagnostic, Level, Location};

/// The cargo package a file belongs to, as `cargo metadata` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackageInfo {
    /// Cargo's package id (`path+file:///…#name@0.1.0`).
    pub id: String,
    /// The package name.
    pub name: String,
    /// The package's `Cargo.toml`.
    pub manifest_path: PathBuf,
    /// The package's targets (lib, bins, tests, ...), to say which one a file belongs to.
    pub targets: Vec<TargetInfo>,
}

/// One target of a package, as `cargo metadata` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInfo {
    /// The target's name.
    pub name: String,
    /// Its kinds (`lib`, `bin`, `test`, `proc-macro`, ...).
    pub kind: Vec<String>,
    /// Its crate types (`lib`, `bin`, `proc-macro`, ...).
    pub crate_types: Vec<String>,
    /// Its crate root.
    pub src_path: PathBuf,
}

impl PackageInfo {
    /// The target `file` (absolute) most likely belongs to: the one whose crate root it is, else
    /// the one whose root's directory holds it most closely (a library before a binary sharing
    /// `src/`). `None` when no target's directory holds it.
    fn target_of(&self, file: &Path) -> Option<&TargetInfo> {
        if let Some(root) = self.targets.iter().find(|target| target.src_path == file) {
            return Some(root);
        }
        self.targets
            .iter()
            .filter_map(|target| {
                let dir = target.src_path.parent()?;
                file.starts_with(dir)
                    .then_some((dir.components().count(), target))
            })
            .max_by_key(|(depth, target)| (*depth, target.kind.iter().any(|kind| kind == "lib")))
            .map(|(_, target)| target)
    }
}

/// Cargo-compatible JSON lines.
#[derive(Debug, Clone, Default)]
pub struct Json {
    /// The packages of the checked workspace, to attribute each finding to its package; a file
    /// outside all of them is attributed to a package named after the checker.
    pub packages: Vec<PackageInfo>,
}

impl Json {
    fn package_of(&self, absolute: &Path, root: &Path) -> PackageInfo {
        self.packages
            .iter()
            .filter(|package| {
                package
                    .manifest_path
                    .parent()
                    .is_some_and(|dir| absolute.starts_with(dir))
            })
            // The innermost package wins: a member nested in another member's directory.
            .max_by_key(|package| package.manifest_path.components().count())
            .cloned()
            .unwrap_or_else(|| PackageInfo {
                id: format!("path+file://{}#onus-check", root.display()),
                name: "onus-check".to_owned(),
                manifest_path: root.join("Cargo.toml"),
                targets: Vec::new(),
            })
    }

    /// The `message` object of one finding, as rustc writes it.
    fn message(diagnostic: &Diagnostic, sources: &Sources) -> Message {
        let mut spans = vec![span(
            diagnostic,
            &diagnostic.location,
            true,
            None,
            None,
            sources,
        )];
        spans.extend(diagnostic.labels.iter().map(|label| {
            span(
                diagnostic,
                &label.location,
                false,
                Some(label.message.clone()),
                None,
                sources,
            )
        }));

        let mut children = Vec::new();
        if let Some(help) = &diagnostic.help {
            children.push(Message::child(help.clone(), Vec::new()));
        }
        if let Some(suggestion) = &diagnostic.suggestion {
            children.push(Message::child(
                suggestion.message.clone(),
                vec![span(
                    diagnostic,
                    &suggestion.location,
                    true,
                    None,
                    Some(suggestion.replacement.clone()),
                    sources,
                )],
            ));
        }

        Message {
            message_type: "diagnostic",
            message: diagnostic.message.clone(),
            code: Some(Code {
                code: diagnostic.code(),
                explanation: None,
            }),
            level: match diagnostic.level {
                Level::Deny => "error",
                Level::Warn => "warning",
                Level::Allow => "note",
            },
            spans,
            children,
            rendered: Some(format!(
                "{}\n",
                Human::new(false).diagnostic(diagnostic, sources)
            )),
        }
    }
}

impl Render for Json {
    fn render(&self, run: &Run<'_>, out: &mut dyn io::Write) -> io::Result<()> {
        for diagnostic in run.diagnostics {
            let absolute = if diagnostic.file.is_absolute() {
                diagnostic.file.clone()
            } else {
                std::env::current_dir().map_or_else(
                    |_| diagnostic.file.clone(),
                    |cwd| cwd.join(&diagnostic.file),
                )
            };
            let package = self.package_of(&absolute, run.root);
            // Outside every target (a file named on the command line), it is shown as a library
            // of its own, as before cargo metadata could say better.
            let target = package.target_of(&absolute).map_or_else(
                || Target {
                    name: package.name.replace('-', "_"),
                    kind: vec!["lib".to_owned()],
                    crate_types: vec!["lib".to_owned()],
                    src_path: diagnostic.file.display().to_string(),
                },
                |target| Target {
                    name: target.name.replace('-', "_"),
                    kind: target.kind.clone(),
                    crate_types: target.crate_types.clone(),
                    src_path: target.src_path.display().to_string(),
                },
            );
            let line = CompilerMessage {
                reason: "compiler-message",
                package_id: package.id,
                manifest_path: package.manifest_path.display().to_string(),
                target,
                message: Self::message(diagnostic, run.sources),
            };
            serde_json::to_writer(&mut *out, &line)?;
            writeln!(out)?;
        }
        let finished = BuildFinished {
            reason: "build-finished",
            success: run
                .diagnostics
                .iter()
                .all(|diagnostic| diagnostic.level != Level::Deny),
            stale_baseline_entries: run.baseline.map(|baseline| baseline.stale),
        };
        serde_json::to_writer(&mut *out, &finished)?;
        writeln!(out)
    }
}

/// At most this many lines of a span are copied into its `text`: the first and last halves.
const SPAN_LINES: usize = 8;

fn span(
    diagnostic: &Diagnostic,
    at: &Location,
    is_primary: bool,
    label: Option<String>,
    suggested_replacement: Option<String>,
    sources: &Sources,
) -> Span {
    let suggestion_applicability = suggested_replacement.as_ref().map(|_| "MaybeIncorrect");
    Span {
        file_name: diagnostic.file.display().to_string(),
        byte_start: at.byte_start,
        byte_end: at.byte_end,
        line_start: at.line_start,
        line_end: at.line_end,
        column_start: at.column_start,
        column_end: at.column_end,
        is_primary,
        text: span_text(diagnostic, at, sources).unwrap_or_default(),
        label,
        suggested_replacement,
        suggestion_applicability,
        expansion: None,
    }
}

/// The lines a span covers, as rustc lists them, each cut down around the span when it is long
/// (and the highlight columns counted in what is kept), and at most [`SPAN_LINES`] of them: the
/// text of a finding does not grow with the length of its lines.
fn span_text(diagnostic: &Diagnostic, at: &Location, sources: &Sources) -> Option<Vec<SpanLine>> {
    let file = sources.file(&diagnostic.file)?;
    let (first, last) = (at.line_start, at.line_end.max(at.line_start));
    let lines: Vec<usize> = if last - first < SPAN_LINES {
        (first..=last).collect()
    } else {
        (first..first + SPAN_LINES / 2)
            .chain(last + 1 - SPAN_LINES / 2..=last)
            .collect()
    };
    let columns = |text: &str| text.chars().count() + 1;
    lines
        .into_iter()
        .map(|line| {
            let (start, end) = file.line_range(line, line)?;
            let mut points = Vec::new();
            if line == first {
                points.push(at.byte_start.clamp(start, end));
            }
            if line == last {
                points.push(at.byte_end.clamp(start, end));
            }
            let excerpt = Excerpt::new([(start, file.line(line)?)], &points, false);
            let column_of = |point: usize| {
                excerpt
                    .at(point.clamp(start, end))
                    .and_then(|offset| excerpt.text.get(..offset))
                    .map_or(1, columns)
            };
            let highlight_start = if line == first {
                column_of(at.byte_start)
            } else {
                1
            };
            let highlight_end = if line == last {
                column_of(at.byte_end)
            } else {
                columns(&excerpt.text)
            };
            Some(SpanLine {
                text: excerpt.text,
                highlight_start,
                highlight_end,
            })
        })
        .collect()
}

#[derive(Serialize)]
struct CompilerMessage {
    reason: &'static str,
    package_id: String,
    manifest_path: String,
    target: Target,
    message: Message,
}

#[derive(Serialize)]
struct Target {
    name: String,
    kind: Vec<String>,
    crate_types: Vec<String>,
    src_path: String,
}

#[derive(Serialize)]
struct BuildFinished<'a> {
    reason: &'static str,
    success: bool,
    /// With a baseline only: its entries that matched no finding. Cargo's readers ignore a
    /// field they do not know, so the line stays a `build-finished` message to them.
    #[serde(skip_serializing_if = "Option::is_none")]
    stale_baseline_entries: Option<&'a [StaleEntry]>,
}

#[derive(Serialize)]
struct Message {
    #[serde(rename = "$message_type")]
    message_type: &'static str,
    message: String,
    code: Option<Code>,
    level: &'static str,
    spans: Vec<Span>,
    children: Vec<Message>,
    rendered: Option<String>,
}

impl Message {
    fn child(message: String, spans: Vec<Span>) -> Self {
        Self {
            message_type: "diagnostic",
            message,
            code: None,
            level: "help",
            spans,
            children: Vec::new(),
            rendered: None,
        }
    }
}

#[derive(Serialize)]
struct Code {
    code: String,
    explanation: Option<String>,
}

#[derive(Serialize)]
struct Span {
    file_name: String,
    byte_start: usize,
    byte_end: usize,
    line_start: usize,
    line_end: usize,
    column_start: usize,
    column_end: usize,
    is_primary: bool,
    text: Vec<SpanLine>,
    label: Option<String>,
    suggested_replacement: Option<String>,
    suggestion_applicability: Option<&'static str>,
    expansion: Option<()>,
}

#[derive(Serialize)]
struct SpanLine {
    text: String,
    highlight_start: usize,
    highlight_end: usize,
}
