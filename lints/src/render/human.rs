//! rustc-style text for a terminal, rendered with `annotate-snippets` (rustc's own renderer).

use std::collections::BTreeMap;
use std::io;

use annotate_snippets::{
    AnnotationKind, Group, Level as SnippetLevel, Origin, Patch, Renderer, Snippet,
};

use super::excerpt::Excerpt;
use super::{Render, Run, Sources, escape_line};
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
    ///
    /// Every piece of text is safe to print: the path, message, labels and help are escaped
    /// ([`escape_line`]), and so are the source lines, which are also cut down around the
    /// finding when they are long.
    #[must_use]
    pub fn diagnostic(&self, diagnostic: &Diagnostic, sources: &Sources) -> String {
        let path = escape_line(&diagnostic.file.display().to_string()).into_owned();
        let code = diagnostic.code();
        let window = SourceWindow::around(diagnostic, sources);

        let mut group = Group::with_title(
            level(diagnostic.level)
                .primary_title(escape_line(&diagnostic.message))
                .id(code.as_str()),
        );
        let origin = Origin::path(path.as_str())
            .line(diagnostic.location.line_start.max(1))
            .char_column(diagnostic.location.column_start.max(1));
        match &window {
            Some(window) => {
                let mut snippet = Snippet::source(window.excerpt.text.as_str())
                    .line_start(window.first_line)
                    .annotation(AnnotationKind::Primary.span(window.range(&diagnostic.location)));
                // A cut or escaped line would put the column of the `-->` line off: it is
                // given, not computed from the excerpt.
                if window.excerpt.exact {
                    snippet = snippet.path(path.as_str());
                } else {
                    group = group.element(origin);
                }
                for label in &diagnostic.labels {
                    snippet = snippet.annotation(
                        AnnotationKind::Context
                            .span(window.range(&label.location))
                            .label(escape_line(&label.message)),
                    );
                }
                group = group.element(snippet);
            }
            None => group = group.element(origin),
        }
        if let Some(help) = &diagnostic.help {
            group = group.element(SnippetLevel::HELP.message(escape_line(help)));
        }

        let mut report = vec![group];
        if let (Some(suggestion), Some(window)) = (&diagnostic.suggestion, &window)
            && window.contains(&suggestion.location)
        {
            let mut snippet = Snippet::source(window.excerpt.text.as_str())
                .line_start(window.first_line)
                .patch(Patch::new(
                    window.range(&suggestion.location),
                    escape_text(&suggestion.replacement),
                ));
            if window.excerpt.exact {
                snippet = snippet.path(path.as_str());
            }
            report.push(
                Group::with_title(
                    SnippetLevel::HELP.secondary_title(escape_line(&suggestion.message)),
                )
                .element(snippet),
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

/// Lines of a multi-line window farther than this from a line that is pointed at are left
/// empty: the renderer folds them away, and a span over a thousand lines costs no more than one
/// over ten.
const NEAR: usize = 2;

/// The lines of a file that a finding's spans cover, cut down to what is around the spans:
/// rendering only these keeps the cost of a finding independent of the size of its file and of
/// the length of its lines.
struct SourceWindow {
    excerpt: Excerpt,
    first_line: usize,
}

impl SourceWindow {
    fn around(diagnostic: &Diagnostic, sources: &Sources) -> Option<Self> {
        let locations = std::iter::once(&diagnostic.location)
            .chain(diagnostic.labels.iter().map(|label| &label.location));
        let first_line = locations.clone().map(|at| at.line_start).min()?;
        let last_line = locations.clone().map(|at| at.line_end).max()?;
        let file = sources.file(&diagnostic.file)?;
        // Spans that do not fit the file (a stale re-read) fall back to a bare `-->` line
        // rather than an underline in the wrong place.
        let (start, end) = file.line_range(first_line, last_line)?;
        let fits = |at: &Location| {
            at.byte_start <= at.byte_end
                && at.byte_start >= start
                && at.byte_end <= end
                && file.text().get(at.byte_start..at.byte_end).is_some()
        };
        if !locations.clone().all(fits) {
            return None;
        }
        let mut points: Vec<usize> = locations
            .clone()
            .flat_map(|at| [at.byte_start, at.byte_end])
            .collect();
        if let Some(suggestion) = &diagnostic.suggestion
            && fits(&suggestion.location)
        {
            points.extend([suggestion.location.byte_start, suggestion.location.byte_end]);
        }
        let pointed: Vec<usize> = locations
            .flat_map(|at| [at.line_start, at.line_end])
            .collect();
        let mut folded = false;
        let lines: Vec<(usize, &str)> = (first_line..=last_line)
            .map(|line| {
                let (start, _) = file.line_range(line, line)?;
                let text = file.line(line)?;
                let near = pointed.iter().any(|at| at.abs_diff(line) <= NEAR);
                folded |= !near;
                Some((start, if near { text } else { "" }))
            })
            .collect::<Option<_>>()?;
        let mut excerpt = Excerpt::new(lines, &points, true);
        excerpt.exact &= !folded;
        Some(Self {
            excerpt,
            first_line,
        })
    }

    fn contains(&self, at: &Location) -> bool {
        self.excerpt.at(at.byte_start).is_some() && self.excerpt.at(at.byte_end).is_some()
    }

    fn range(&self, at: &Location) -> std::ops::Range<usize> {
        let start = self.excerpt.at(at.byte_start).unwrap_or(0);
        start..self.excerpt.at(at.byte_end).unwrap_or(start).max(start)
    }
}

/// Text that may span lines (a suggested replacement) made safe to print: like
/// [`escape_line`], but line breaks and tabs stay (the renderer lays them out).
fn escape_text(text: &str) -> String {
    text.split('\n')
        .map(|line| {
            line.split('\t')
                .map(|part| escape_line(part).into_owned())
                .collect::<Vec<_>>()
                .join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
