//! The part of a file a finding shows: its lines, cut down around the positions the finding
//! points at, so that what is printed grows with the number of findings and never with the
//! length of their lines (rustc trims long lines the same way).

use super::{is_unsafe_to_print, push_escaped};

/// Lines up to this many bytes are shown whole.
pub(crate) const LONG_LINE: usize = 200;
/// How many bytes of a long line are kept on each side of a position shown.
pub(crate) const CONTEXT: usize = 60;
/// What stands for the part of a long line that is left out.
pub(crate) const ELLIPSIS: &str = "…";

/// Lines of a file cut down around some positions, and where those positions are in it.
#[derive(Debug, Default)]
pub(crate) struct Excerpt {
    /// The lines, joined by `\n`.
    pub(crate) text: String,
    /// Whether `text` is exactly the file's lines (nothing cut, nothing escaped).
    pub(crate) exact: bool,
    /// Each position asked for (a byte offset in the file) and where it is in `text`.
    points: Vec<(usize, usize)>,
}

impl Excerpt {
    /// An excerpt of `lines`, each given as its byte offset in the file and its text (without
    /// terminator), keeping whatever is around `points` (byte offsets in the file). With
    /// `escape`, characters unsafe on a terminal are escaped (`\u{1b}`).
    pub(crate) fn new<'a>(
        lines: impl IntoIterator<Item = (usize, &'a str)>,
        points: &[usize],
        escape: bool,
    ) -> Self {
        let mut excerpt = Self {
            exact: true,
            ..Self::default()
        };
        for (index, (start, line)) in lines.into_iter().enumerate() {
            if index > 0 {
                excerpt.text.push('\n');
            }
            excerpt.push_line(start, line, points, escape);
        }
        excerpt
    }

    fn push_line(&mut self, start: usize, line: &str, points: &[usize], escape: bool) {
        let end = start + line.len();
        let here: Vec<usize> = points
            .iter()
            .copied()
            .filter(|point| (start..=end).contains(point))
            .collect();
        let mut pieces: Vec<(usize, usize)> = if line.len() <= LONG_LINE {
            vec![(0, line.len())]
        } else if here.is_empty() {
            // A line a span runs through: its start says enough.
            vec![(0, floor_boundary(line, 2 * CONTEXT))]
        } else {
            here.iter()
                .map(|point| {
                    let at = point - start;
                    (
                        floor_boundary(line, at.saturating_sub(CONTEXT)),
                        ceil_boundary(line, at + CONTEXT),
                    )
                })
                .collect()
        };
        pieces.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
        for (from, to) in pieces {
            match merged.last_mut() {
                Some(last) if from <= last.1 => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        let mut shown_to = 0;
        for (from, to) in merged {
            if from > shown_to {
                self.text.push_str(ELLIPSIS);
                self.exact = false;
            }
            let mut next = here.iter().copied().filter(|point| {
                let at = point - start;
                (from..=to).contains(&at)
            });
            let mut point = next.next();
            for (offset, c) in line[from..to].char_indices() {
                while let Some(at) = point.filter(|at| *at - start <= from + offset) {
                    self.points.push((at, self.text.len()));
                    point = next.next();
                }
                if escape && is_unsafe_to_print(c) && c != '\t' {
                    push_escaped(&mut self.text, c);
                    self.exact = false;
                } else {
                    self.text.push(c);
                }
            }
            while let Some(at) = point {
                self.points.push((at, self.text.len()));
                point = next.next();
            }
            shown_to = to;
        }
        if shown_to < line.len() {
            self.text.push_str(ELLIPSIS);
            self.exact = false;
        }
    }

    /// Where file byte offset `point` (one of those asked for) is in the text.
    pub(crate) fn at(&self, point: usize) -> Option<usize> {
        self.points
            .iter()
            .find(|(asked, _)| *asked == point)
            .map(|(_, at)| *at)
    }
}

/// The largest character boundary of `text` at or before `at`.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The smallest character boundary of `text` at or after `at`.
fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_are_kept_whole_and_long_ones_cut_around_the_points() {
        let short = Excerpt::new([(10, "let x = 1;")], &[14, 15], true);
        assert!(short.exact);
        assert_eq!(short.text, "let x = 1;");
        assert_eq!((short.at(14), short.at(15)), (Some(4), Some(5)));

        let long = format!("{}FIND{}", "a".repeat(1000), "b".repeat(1000));
        let excerpt = Excerpt::new([(0, long.as_str())], &[1000, 1004], true);
        assert!(!excerpt.exact);
        assert!(excerpt.text.len() < 2 * CONTEXT + 20, "{}", excerpt.text);
        let (start, end) = (excerpt.at(1000), excerpt.at(1004));
        assert_eq!(
            start.zip(end).and_then(|(s, e)| excerpt.text.get(s..e)),
            Some("FIND")
        );
        assert!(excerpt.text.starts_with(ELLIPSIS) && excerpt.text.ends_with(ELLIPSIS));
    }

    #[test]
    fn unsafe_characters_are_escaped_and_points_follow() {
        let excerpt = Excerpt::new([(0, "a\u{1b}[2Jb\u{202e}c")], &[0, 6, 10], true);
        assert_eq!(excerpt.text, "a\\u{1b}[2Jb\\u{202e}c");
        assert_eq!(excerpt.at(6), Some(11));
        assert_eq!(excerpt.at(10), Some(20));
        let raw = Excerpt::new([(0, "a\u{1b}b")], &[0], false);
        assert!(raw.exact);
    }
}
