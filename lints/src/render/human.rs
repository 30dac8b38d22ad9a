//! rustc-style text for a terminal, rendered with `annotate-snippets` (rustc's own renderer).

use std::collections::BTreeMap;
use std::io;

use annotate_snippets::{
    AnnotationKind, Group, Level as SnippetLevel, Origin, Patch, Renderer, Snippet,
};

use super::excerpt::Excerpt;
use super::{BaselineUse, Render, Run, Sources, escape_line};
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
        let (line, column) = (
            diagnostic.location.line_start.max(1),
            diagnostic.location.column_start.max(1),
        );
        // The `-->` line of a cut or escaped excerpt is written here: computed from the
        // excerpt, its column would be off.
        let mut origin_after_title = None;
        match &window {
            Some(window) => {
                let mut snippet = Snippet::source(window.excerpt.text.as_str())
                    .line_start(window.first_line)
                    .annotation(AnnotationKind::Primary.span(window.range(&diagnostic.location)));
                if window.excerpt.exact {
                    snippet = snippet.path(path.as_str());
                } else {
                    origin_after_title = Some(format!("{path}:{line}:{column}"));
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
            None => {
                group = group.element(Origin::path(path.as_str()).line(line).char_column(column));
            }
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
        let rendered = self.renderer().render(&report);
        match origin_after_title {
            Some(origin) => with_origin(&rendered, &origin),
            None => rendered,
        }
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
        let accepted = run.baseline.map_or(0, |baseline| baseline.accepted);
        if accepted > 0 {
            total.push_str(&format!(
                "; {} accepted by the baseline",
                plural(accepted, "finding")
            ));
        }
        titles.push((total_level, total));

        let renderer = self.renderer();
        let mut lines: Vec<String> = titles
            .iter()
            .map(|(title_level, text)| {
                renderer.render(&[Group::with_title(
                    title_level.clone().primary_title(text.as_str()),
                )])
            })
            .collect();
        if let Some(baseline) = run.baseline.filter(|baseline| !baseline.stale.is_empty()) {
            lines.push(renderer.render(&[stale_entries_note(&baseline)]));
        }
        lines.join("\n")
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

/// At most this many stale baseline entries are named (all are counted).
const STALE_NAMED: usize = 5;

/// The note on the baseline entries that accepted nothing: how many, which (the first few, as
/// `file:line (rule)`), and how to remove them, or that they were removed.
fn stale_entries_note(baseline: &BaselineUse<'_>) -> Group<'static> {
    let count = baseline.stale.len();
    let mut named: Vec<String> = baseline
        .stale
        .iter()
        .take(STALE_NAMED)
        .map(|entry| format!("{}:{} ({})", entry.file, entry.line, entry.rule))
        .collect();
    if count > STALE_NAMED {
        named.push(format!("and {} more", count - STALE_NAMED));
    }
    let (entries, each, them) = if count == 1 {
        ("entry", "it was", "it")
    } else {
        ("entries", "each was", "them")
    };
    let why = format!("{each} fixed, or its code changed and it is reported as new");
    let path = baseline.path.display();
    let named = named.join(", ");
    let (title, help) = if baseline.pruned {
        (
            format!(
                "removed {count} baseline {entries} that matched no finding from `{path}`: {named}"
            ),
            format!("{why}; commit the pruned baseline"),
        )
    } else {
        (
            format!("{count} baseline {entries} matched no finding: {named}"),
            format!("{why}; remove {them} with `cargo onus check --prune-baseline {path}`"),
        )
    };
    // The entries' texts come from the baseline file, which the checked repository holds.
    Group::with_title(SnippetLevel::NOTE.primary_title(escape_line(&title).into_owned()))
        .element(SnippetLevel::HELP.message(escape_line(&help).into_owned()))
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

/// `rendered` (a finding whose snippet has no path) with the `-->` line the renderer would have
/// written for a path: between the title and the snippet's first separator, the `|` of that
/// separator turned into `--> ` one column to the left (in the same style), as annotate-snippets
/// lays them out; a test holds the two to the same bytes.
fn with_origin(rendered: &str, origin: &str) -> String {
    let mut lines: Vec<String> = rendered.split('\n').map(str::to_owned).collect();
    if let Some(separator) = lines.get(1)
        && let Some(bar) = separator.find('|')
        && let Some(indent) = separator[..bar].strip_prefix(' ')
    {
        let header = format!("{indent}--> {}{origin}", &separator[bar + 1..]);
        lines.insert(1, header);
    }
    lines.join("\n")
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn finding(file: &str, source: &str, needle: &str) -> (Diagnostic, Sources) {
        let byte_start = source.find(needle).unwrap_or(0);
        let column = source[..byte_start].chars().count() + 1;
        let diagnostic = Diagnostic {
            rule: "ignored_result",
            level: Level::Deny,
            file: PathBuf::from(file),
            location: Location {
                byte_start,
                byte_end: byte_start + needle.len(),
                line_start: 1,
                column_start: column,
                line_end: 1,
                column_end: column + needle.chars().count(),
            },
            message: "thrown away".to_owned(),
            help: Some("handle it".to_owned()),
            labels: Vec::new(),
            suggestion: None,
            snippet: String::new(),
        };
        let mut sources = Sources::default();
        sources.insert(PathBuf::from(file), source.to_owned());
        (diagnostic, sources)
    }

    /// An escaped excerpt is rendered exactly as the same text would be if it were the file's:
    /// the `-->` line written by hand matches annotate-snippets', with and without color.
    #[test]
    fn an_escaped_line_renders_like_the_same_text_unescaped() {
        let (escaped, escaped_sources) =
            finding("a.rs", "let _ = f(); // \u{1b}[2J", "let _ = f();");
        let (plain, plain_sources) = finding("a.rs", "let _ = f(); // \\u{1b}[2J", "let _ = f();");
        for color in [false, true] {
            let human = Human::new(color);
            assert_eq!(
                human.diagnostic(&escaped, &escaped_sources),
                human.diagnostic(&plain, &plain_sources)
            );
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_finding_with_the_true_column() {
        let source = format!("{}let _ = f();{}", "x".repeat(100_000), "y".repeat(100_000));
        let (diagnostic, sources) = finding("a.rs", &source, "let _ = f();");
        let rendered = Human::new(false).diagnostic(&diagnostic, &sources);
        assert!(rendered.len() < 1_000, "{rendered}");
        assert!(rendered.contains("--> a.rs:1:100001"), "{rendered}");
        assert!(rendered.contains("…xxx"), "{rendered}");
    }

    #[test]
    fn paths_messages_and_help_are_escaped() {
        let (mut diagnostic, sources) = finding("a\n::error::x.rs", "let _ = f();", "let _ = f();");
        diagnostic.message = "code `\u{1b}]0;pwned\u{7}`\n::error::forged".to_owned();
        diagnostic.help = Some("\u{202e}reversed".to_owned());
        let rendered = Human::new(false).diagnostic(&diagnostic, &sources);
        assert!(
            rendered.lines().all(|line| !line.starts_with("::")),
            "{rendered}"
        );
        assert!(!rendered.contains('\u{1b}') && !rendered.contains('\u{202e}'));
        assert!(rendered.contains("a\\n::error::x.rs"), "{rendered}");
    }
}
