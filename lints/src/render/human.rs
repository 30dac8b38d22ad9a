//! rustc-style text for a terminal, rendered with `annotate-snippets` (rustc's own renderer).

use std::collections::BTreeMap;
use std::io;

use annotate_snippets::{
    AnnotationKind, Group, Level as SnippetLevel, Origin, Patch, Renderer, Snippet,
};

use super::{Render, Run, Sources};
use crate::{Diagnostic, Level, Location};

/// The default format: every finding with its source snippet, underline, message, rule id and
/// help, then one summary line per rule and a total.
#[derive(Debug, Clone, Copy, Default)]
pub struct Human {
    /// Whether to emit ANSI colors.
    pub color: bool,
}

impl Human {
    /// A renderer that colors its output when `color` is true.
    #[must_use]
    pub const fn new(color: bool) -> Self {
        Self { color }
    }

    fn renderer(self) -> Renderer {
        if self.color {
            Renderer::styled()
        } else {
            Renderer::plain()
        }
    }

    /// One finding as rustc would print it, without a trailing newline.
    #[must_use]
    pub fn diagnostic(&self, diagnostic: &Diagnostic, sources: &Sources) -> String {
        let path = diagnostic.file.display().to_string();
        let code = diagnostic.code();
        let window = SourceWindow::around(diagnostic, sources);

        let mut group = Group::with_title(
            level(diagnostic.level)
                .primary_title(diagnostic.message.as_str())
                .id(code.as_str()),
        );
        match &window {
            Some(window) => {
                let mut snippet = Snippet::source(window.text)
                    .line_start(window.first_line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(window.range(&diagnostic.location)));
                for label in &diagnostic.labels {
                    snippet = snippet.annotation(
                        AnnotationKind::Context
                            .span(window.range(&label.location))
                            .label(label.message.as_str()),
                    );
                }
                group = group.element(snippet);
            }
            None => {
                group = group.element(
                    Origin::path(path.as_str())
                        .line(diagnostic.location.line_start.max(1))
                        .char_column(diagnostic.location.column_start.max(1)),
                );
            }
        }
        if let Some(help) = &diagnostic.help {
            group = group.element(SnippetLevel::HELP.message(help.as_str()));
        }

        let mut report = vec![group];
        if let (Some(suggestion), Some(window)) = (&diagnostic.suggestion, &window)
            && window.contains(&suggestion.location)
        {
            report.push(
                Group::with_title(SnippetLevel::HELP.secondary_title(suggestion.message.as_str()))
                    .element(
                        Snippet::source(window.text)
                            .line_start(window.first_line)
                            .path(path.as_str())
                            .patch(Patch::new(
                                window.range(&suggestion.location),
                                suggestion.replacement.as_str(),
                            )),
                    ),
            );
        }
        self.renderer().render(&report)
    }

    /// The closing lines: one per rule with its count, then the total.
    #[must_use]
    pub fn summary(&self, run: &Run<'_>) -> String {
        let mut per_rule: BTreeMap<(&str, Level), usize> = BTreeMap::new();
        for diagnostic in run.diagnostics {
            *per_rule
                .entry((diagnostic.rule, diagnostic.level))
                .or_default() += 1;
        }
        // Worded like cargo's "warning: `pkg` (lib) generated 3 warnings".
        let mut titles: Vec<(SnippetLevel<'static>, String)> = per_rule
            .iter()
            .map(|(&(rule, rule_level), &count)| {
                let noun = match rule_level {
                    Level::Deny => plural(count, "error"),
                    Level::Warn | Level::Allow => plural(count, "warning"),
                };
                (
                    level(rule_level),
                    format!("`onus::{rule}` generated {noun}"),
                )
            })
            .collect();

        let errors = count_at(run.diagnostics, Level::Deny);
        let warnings = run.diagnostics.len() - errors;
        let files = plural(run.files_checked, "file");
        let (total_level, mut total) = if errors > 0 {
            (
                SnippetLevel::ERROR,
                format!(
                    "onus check failed: {}, {} in {files}",
                    plural(errors, "error"),
                    plural(warnings, "warning")
                ),
            )
        } else if warnings > 0 {
            (
                SnippetLevel::WARNING,
                format!(
                    "onus check passed with {} in {files}",
                    plural(warnings, "warning")
                ),
            )
        } else {
            (
                SnippetLevel::NOTE,
                format!("onus check passed: no findings in {files}"),
            )
        };
        if run.baselined > 0 {
            total.push_str(&format!(
                "; {} accepted by the baseline",
                plural(run.baselined, "finding")
            ));
        }
        titles.push((total_level, total));

        let renderer = self.renderer();
        titles
            .iter()
            .map(|(title_level, text)| {
                renderer.render(&[Group::with_title(
                    title_level.clone().primary_title(text.as_str()),
                )])
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl Render for Human {
    fn render(&self, run: &Run<'_>, out: &mut dyn io::Write) -> io::Result<()> {
        for diagnostic in run.diagnostics {
            writeln!(out, "{}\n", self.diagnostic(diagnostic, run.sources))?;
        }
        writeln!(out, "{}", self.summary(run))
    }
}

fn level(level: Level) -> SnippetLevel<'static> {
    match level {
        Level::Deny => SnippetLevel::ERROR,
        Level::Warn => SnippetLevel::WARNING,
        // The engine drops allowed findings; should one reach a renderer it is only informative.
        Level::Allow => SnippetLevel::NOTE,
    }
}

fn count_at(diagnostics: &[Diagnostic], level: Level) -> usize {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.level == level)
        .count()
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The lines of a file that a finding's spans cover: rendering only these (instead of the whole
/// file) keeps the cost of a finding independent of the size of its file.
struct SourceWindow<'a> {
    text: &'a str,
    first_line: usize,
    /// Byte offset of `text` in the file.
    offset: usize,
}

impl<'a> SourceWindow<'a> {
    fn around(diagnostic: &Diagnostic, sources: &'a Sources) -> Option<Self> {
        let locations = std::iter::once(&diagnostic.location)
            .chain(diagnostic.labels.iter().map(|label| &label.location));
        let first_line = locations.clone().map(|at| at.line_start).min()?;
        let last_line = locations.clone().map(|at| at.line_end).max()?;
        let (start, end) = sources.line_range(&diagnostic.file, first_line, last_line)?;
        let text = sources.text(&diagnostic.file)?.get(start..end)?;
        let window = Self {
            text,
            first_line,
            offset: start,
        };
        // Spans that do not fit the file (a stale re-read) fall back to a bare `-->` line
        // rather than an underline in the wrong place.
        locations
            .clone()
            .all(|at| window.contains(at))
            .then_some(window)
    }

    fn contains(&self, at: &Location) -> bool {
        at.byte_start <= at.byte_end
            && at.byte_start >= self.offset
            && self
                .text
                .get(at.byte_start - self.offset..at.byte_end - self.offset)
                .is_some()
    }

    fn range(&self, at: &Location) -> std::ops::Range<usize> {
        at.byte_start.saturating_sub(self.offset)..at.byte_end.saturating_sub(self.offset)
    }
}
