//! GitHub Actions workflow commands: each finding becomes an annotation on the pull request's
//! diff (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`).

use std::io;

use super::{Render, Run, relative_path};
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
        Ok(())
    }
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
