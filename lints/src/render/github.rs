//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request's
//! diff (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`), and the
//! baseline's entries that matched no finding become one `::notice` on the baseline file.

use std::io;

use super::{BaselineUse, Render, Run, relative_path};
use crate::{Diagnostic, Level};

/// One `::error`/`::warning` workflow command per finding.
#[derive(Debug, Clone, Copy, Default)]
pub struct Github;

impl Github {
    /// The workflow command for one finding, without a trailing newline.
    #[must_use]
    pub fn command(diagnostic: &Diagnostic, run: &Run<'_>) -> String {
        let command = match diagnostic.level {
            Level::Deny => "error",
            Level::Warn => "warning",
            Level::Allow => "notice",
        };
        let at = &diagnostic.location;
        // GitHub resolves `file` against the repository root, which is where the project root is
        // in the usual layout; a path relative to the current directory would break when the
        // checker runs from a sub-directory.
        let file = relative_path(&diagnostic.file, run.root);
        let mut message = diagnostic.message.clone();
        if let Some(help) = &diagnostic.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&file),
            at.line_start.max(1),
            at.column_start.max(1),
            at.line_end.max(at.line_start).max(1),
            at.column_end.max(1),
            escape_property(&diagnostic.code()),
            escape_data(&message),
        )
    }
}

impl Render for Github {
    fn render(&self, run: &Run<'_>, out: &mut dyn io::Write) -> io::Result<()> {
        for diagnostic in run.diagnostics {
            writeln!(out, "{}", Self::command(diagnostic, run))?;
        }
        if let Some(baseline) = run.baseline.filter(|baseline| !baseline.stale.is_empty()) {
            writeln!(out, "{}", stale_entries_notice(run, &baseline))?;
        }
        Ok(())
    }
}

/// One `::notice` on the baseline file for its entries that matched no finding: the log of a
/// CI job that checks with `--baseline` shows that the baseline can be pruned.
fn stale_entries_notice(run: &Run<'_>, baseline: &BaselineUse<'_>) -> String {
    let count = baseline.stale.len();
    let entries = if count == 1 { "entry" } else { "entries" };
    let mut message = format!("{count} baseline {entries} matched no finding:");
    for entry in baseline.stale {
        message.push_str(&format!("\n{}:{} ({})", entry.file, entry.line, entry.rule));
    }
    let path = relative_path(baseline.path, run.root);
    if baseline.pruned {
        message.push_str(&format!("\nthey were removed from `{path}`"));
    } else {
        message.push_str(&format!(
            "\nremove them with `cargo onus check --prune-baseline {}`",
            baseline.path.display()
        ));
    }
    format!(
        "::notice file={},title=onus baseline::{}",
        escape_property(&path),
        escape_data(&message)
    )
}

/// Escapes a command's message, as the Actions runner's `escapeData` does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value, as the Actions runner's `escapeProperty` does: `:` and `,`
/// would otherwise end the value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_escape_separators_and_data_escapes_newlines() {
        assert_eq!(escape_property("onus::a,b%"), "onus%3A%3Aa%2Cb%25");
        assert_eq!(escape_data("a: b\nc\r"), "a: b%0Ac%0D");
    }
}
