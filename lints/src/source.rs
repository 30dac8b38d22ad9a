//! A file's text with its line starts: the one place positions are turned into byte offsets,
//! locations and lines, for the engine (spans → [`Location`]s) and the renderers (snippets).

use crate::diagnostic::Location;
use crate::finding::SpanRange;

/// A file's text and where each of its lines starts.
///
/// Turning a column into a byte offset takes constant time, however long the line: a file may
/// have tens of thousands of findings on one line of a megabyte.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<T> {
    text: T,
    /// Byte offset where each line starts; line `n` (1-based) starts at `line_starts[n - 1]`.
    line_starts: Vec<usize>,
    /// `syn::parse_file` strips a byte order mark; positions on line 1 start after it.
    bom: usize,
    /// Characters and bytes differ: empty for an ASCII text, where they are the same.
    chars: Option<CharIndex>,
}

/// Where the characters of a text that is not all ASCII are.
#[derive(Debug, Clone)]
struct CharIndex {
    /// The index of the first character of each line.
    line_chars: Vec<usize>,
    /// The byte offset of every [`CharIndex::STRIDE`]-th character.
    checkpoints: Vec<usize>,
    /// How many characters the text has.
    len: usize,
}

impl CharIndex {
    /// A character is found by walking at most this many characters from a checkpoint.
    const STRIDE: usize = 64;

    fn new(text: &str, lines: usize) -> Self {
        let mut line_chars = Vec::with_capacity(lines);
        line_chars.push(0);
        let mut checkpoints = Vec::with_capacity(text.len() / Self::STRIDE + 1);
        let mut len = 0;
        for (index, (at, c)) in text.char_indices().enumerate() {
            if index % Self::STRIDE == 0 {
                checkpoints.push(at);
            }
            if c == '\n' {
                line_chars.push(index + 1);
            }
            len = index + 1;
        }
        Self {
            line_chars,
            checkpoints,
            len,
        }
    }

    /// The byte offset of character `index` (the text's length past its end).
    fn byte_of(&self, text: &str, index: usize) -> usize {
        if index >= self.len {
            return text.len();
        }
        let Some(&from) = self.checkpoints.get(index / Self::STRIDE) else {
            return text.len();
        };
        text[from..]
            .char_indices()
            .nth(index % Self::STRIDE)
            .map_or(text.len(), |(offset, _)| from + offset)
    }

    /// The index of the character at byte offset `at` (a character boundary).
    fn char_of(&self, text: &str, at: usize) -> Option<usize> {
        let checkpoint = self.checkpoints.partition_point(|&offset| offset <= at);
        let checkpoint = checkpoint.checked_sub(1)?;
        let from = self.checkpoints[checkpoint];
        Some(checkpoint * Self::STRIDE + text.get(from..at)?.chars().count())
    }
}

impl<T: AsRef<str>> LineIndex<T> {
    pub(crate) fn new(text: T) -> Self {
        let str = text.as_ref();
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(str.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let bom = if str.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let chars = (!str.is_ascii()).then(|| CharIndex::new(str, line_starts.len()));
        Self {
            text,
            line_starts,
            bom,
            chars,
        }
    }

    /// The whole text.
    pub(crate) fn text(&self) -> &str {
        self.text.as_ref()
    }

    /// The byte offset of a 1-based line and 0-based character column (columns past the end of
    /// the line run on into the next ones, as far as the end of the text).
    fn byte_of(&self, line: usize, column: usize) -> usize {
        let text = self.text();
        let index = line.saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return text.len();
        };
        let bom = usize::from(line == 1 && self.bom > 0);
        match &self.chars {
            None => (start + column).min(text.len()),
            Some(chars) => {
                let first = chars.line_chars.get(index).copied().unwrap_or(chars.len);
                chars.byte_of(text, first + bom + column)
            }
        }
    }

    /// The 1-based column of byte offset `at` of line `line`, which starts at byte `start`.
    fn column_of(&self, line: usize, start: usize, at: usize) -> Option<usize> {
        let text = self.text();
        if !text.is_char_boundary(at) || at < start {
            return None;
        }
        let chars = match &self.chars {
            None => at - start,
            Some(chars) => chars.char_of(text, at)? - chars.line_chars.get(line.checked_sub(1)?)?,
        };
        Some(chars + 1)
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
        let column = |offset: usize| {
            self.column_of(line, line_start, line_start + offset)
                .unwrap_or(offset + 1)
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

    /// The index against the obvious walk from the line's start, on every position of texts
    /// with and without multi-byte characters, long lines and a byte order mark.
    #[test]
    fn columns_and_bytes_agree_with_a_walk_from_the_line_start() {
        let long = format!("{}é{}\nx\n", "ab".repeat(100), "ü".repeat(150));
        for text in ["a\nbc\n\nd", "\u{feff}é = 1;\nzß\n", long.as_str()] {
            let index = LineIndex::new(text);
            for (line, start) in index.line_starts.iter().enumerate() {
                let line = line + 1;
                let start = if line == 1 { start + index.bom } else { *start };
                for column in 0..400 {
                    let walked = start
                        + text[start..]
                            .char_indices()
                            .nth(column)
                            .map_or(text.len() - start, |(offset, _)| offset);
                    assert_eq!(
                        index.byte_of(line, column),
                        walked,
                        "{text:?} {line}:{column}"
                    );
                }
                let line_start = index.line_starts[line - 1];
                // The line's text, without `LineIndex::line` (the CLI's, not built without it).
                let line_end = index.line_starts.get(line).copied().unwrap_or(text.len());
                let line_text = text[line_start..line_end].trim_end_matches(['\n', '\r']);
                for (offset, _) in line_text.char_indices() {
                    let chars = text[line_start..line_start + offset].chars().count();
                    assert_eq!(
                        index.line_location(line, offset, offset).column_start,
                        chars + 1
                    );
                }
            }
        }
    }
}
