//! A file's text with its line starts: the one place positions are turned into byte offsets,
//! locations and lines, for the engine (spans → [`Location`]s) and the renderers (snippets).

use crate::diagnostic::Location;
use crate::finding::SpanRange;

/// A file's text and where each of its lines starts.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<T> {
    text: T,
    /// Byte offset where each line starts; line `n` (1-based) starts at `line_starts[n - 1]`.
    line_starts: Vec<usize>,
    /// `syn::parse_file` strips a byte order mark; positions on line 1 start after it.
    bom: usize,
}

impl<T: AsRef<str>> LineIndex<T> {
    pub(crate) fn new(text: T) -> Self {
        let str = text.as_ref();
        let line_starts = std::iter::once(0)
            .chain(str.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let bom = if str.starts_with('\u{feff}') {
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

    /// The whole text.
    pub(crate) fn text(&self) -> &str {
        self.text.as_ref()
    }

    /// The byte offset of a 1-based line and 0-based character column.
    fn byte_of(&self, line: usize, column: usize) -> usize {
        let text = self.text();
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return text.len();
        };
        let start = if line == 1 { start + self.bom } else { start };
        let rest = &text[start.min(text.len())..];
        start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(offset, _)| offset)
    }

    /// The location of a span of this file.
    pub(crate) fn location(&self, range: SpanRange) -> Location {
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
    pub(crate) fn line_location(&self, line: usize, start: usize, end: usize) -> Location {
        let line_start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(0);
        let text = &self.text()[line_start..];
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

    /// The text a location covers (empty if it is out of range).
    pub(crate) fn slice(&self, location: Location) -> &str {
        self.text()
            .get(location.byte_start..location.byte_end)
            .unwrap_or("")
    }

    /// Line `line` (1-based) without its terminator.
    #[cfg(feature = "cli")]
    pub(crate) fn line(&self, line: usize) -> Option<&str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text().len(), |next| next - 1);
        let text = self.text().get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }

    /// The byte range of lines `first..=last` (1-based, terminators of inner lines included, of
    /// the last line excluded).
    #[cfg(feature = "cli")]
    pub(crate) fn line_range(&self, first: usize, last: usize) -> Option<(usize, usize)> {
        let start = *self.line_starts.get(first.checked_sub(1)?)?;
        let last_line = self.line(last)?;
        let last_start = *self.line_starts.get(last - 1)?;
        Some((start, last_start + last_line.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(feature = "cli")]
    fn lines_are_returned_without_terminators() {
        let index = LineIndex::new("one\r\ntwo\nthree");
        assert_eq!(index.line(1), Some("one"));
        assert_eq!(index.line(3), Some("three"));
        assert_eq!(index.line(4), None);
        assert_eq!(index.line_range(2, 3), Some((5, 14)));
    }

    #[test]
    fn columns_count_characters_and_skip_a_byte_order_mark() {
        let index = LineIndex::new("\u{feff}é = 1;\n");
        assert_eq!(index.byte_of(1, 1), '\u{feff}'.len_utf8() + 'é'.len_utf8());
        assert_eq!(index.line_location(1, 5, 6).column_start, 3);
    }
}
