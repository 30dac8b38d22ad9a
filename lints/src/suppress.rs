//! Suppressions: `// onus: allow(rule) — reason` comments and `#[onus::allow(rule, reason = "..")]`
//! attributes, and the meta findings about them (no reason, suppresses nothing, unknown rule).

use crate::diagnostic::Location;
use crate::rules::{self, RuleInfo};
use crate::syntax::explanations::{
    EXPLAINED_LINES, explains, explains_only_as_a_safety_note, is_unsettled, may_explain,
};

/// One suppression found in a file. `P` is where things are: a [`Location`] for `cargo onus
/// check`; for `#[onus::check]`, the attribute's span (`Some`) or `None` for a comment, which has
/// no token a proc macro could report at.
#[derive(Debug, Clone)]
pub(crate) struct Suppression<P = Location> {
    /// The comment or attribute.
    pub(crate) location: P,
    /// The rule ids it names, each with where it is written and whether it suppressed something.
    pub(crate) rules: Vec<SuppressedRule<P>>,
    pub(crate) has_reason: bool,
    /// A comment suppresses findings on its line and on the statement that starts on the next
    /// line, through its last line (`through`); an attribute, findings the walker attributed to
    /// it.
    pub(crate) comment_line: Option<usize>,
    /// The last line a comment covers (its own line when nothing follows it).
    pub(crate) through: usize,
    /// The first line a comment covers: its own, or the line that opens the handler whose block
    /// it starts (`let Ok(out) = render() else {` above `// never fails: ..`).
    pub(crate) from: usize,
    /// A comment in the author's own words that says why an error is let go (`// ignore errors:
    /// the peer may be gone`, `// can't fail: parsed above`), not an `onus: allow`: it holds
    /// back the findings of [`rules::EXPLAINED_BY_COMMENTS`] it covers, and is never a problem
    /// itself (see [`scan_explanations`]).
    pub(crate) explains: bool,
}

/// A rule id named by a suppression.
#[derive(Debug, Clone)]
pub(crate) struct SuppressedRule<P = Location> {
    pub(crate) id: String,
    pub(crate) location: P,
    pub(crate) used: bool,
}

/// What is wrong with a suppression: a `suppression_without_reason` or `unused_suppression`
/// finding, worded once for the CLI and the proc macro.
#[derive(Debug, Clone)]
pub(crate) struct Problem<P> {
    pub(crate) rule: &'static str,
    pub(crate) location: P,
    pub(crate) message: String,
    pub(crate) help: String,
}

impl<P> Suppression<P> {
    /// Whether this comment covers a finding of `rule` starting on `line`.
    pub(crate) fn comment_covers(&self, rule: &str, line: usize) -> Option<usize> {
        let comment_line = self.comment_line?;
        if !(self.from.min(comment_line)..=self.through.max(comment_line)).contains(&line) {
            return None;
        }
        self.rules
            .iter()
            .position(|suppressed| suppressed.id == rule)
    }
}

/// A `//` comment on a line of a file, or a `/* .. */` one (`.ok(/* Don't care if caller is
/// gone */)`), not in a string literal (as the quotes before it on the line tell: `"// onus:
/// allow(..)"` is text).
struct LineComment<'a> {
    /// Counted from 1.
    line_number: usize,
    line: &'a str,
    /// Where the `//` or `/*` starts in the line.
    at: usize,
    /// The text from the next line on, if there is one.
    below: Option<&'a str>,
}

/// The `//` comments of `text`, a line at a time (see [`LineComment`]).
fn line_comments(text: &str) -> impl Iterator<Item = LineComment<'_>> {
    let mut line_starts = text.match_indices('\n').map(|(at, _)| at + 1);
    text.lines().enumerate().filter_map(move |(index, line)| {
        let below = line_starts.next().map(|start| &text[start..]);
        let (at, _) = line
            .match_indices('/')
            .find(|&(at, _)| matches!(line.as_bytes().get(at + 1), Some(b'/' | b'*')))?;
        let before = &line[..at];
        let quotes = before.matches('"').count() - before.matches("\\\"").count();
        (quotes % 2 == 0).then_some(LineComment {
            line_number: index + 1,
            line,
            at,
            below,
        })
    })
}

/// Finds `// onus: allow(..)` comments. `line_location` turns (line, byte range in the line)
/// into a position.
pub(crate) fn scan_comments<P>(
    text: &str,
    mut line_location: impl FnMut(usize, usize, usize) -> P,
) -> Vec<Suppression<P>> {
    let mut found = Vec::new();
    if !text.contains("onus:") {
        return found;
    }
    for LineComment {
        line_number,
        line,
        at: comment,
        below,
    } in line_comments(text)
    {
        let Some(marker) = line.find("onus:") else {
            continue;
        };
        // A suppression is a `//` comment, as its docs write it.
        if !line[comment..].starts_with("//")
            || comment > marker
            || !line[comment + 2..marker]
                .trim()
                .trim_start_matches('/')
                .trim()
                .is_empty()
        {
            continue;
        }
        let rest = line[marker + "onus:".len()..].trim_start();
        let Some(args) = rest.strip_prefix("allow") else {
            continue;
        };
        let args_offset = line.len() - args.len();
        let Some(args) = args.strip_prefix('(') else {
            continue;
        };
        let Some(close) = args.find(')') else {
            continue;
        };
        let mut rules = Vec::new();
        let mut offset = args_offset + 1;
        for id in args[..close].split(',') {
            let trimmed = id.trim();
            let start = offset + (id.len() - id.trim_start().len());
            if !trimmed.is_empty() {
                let name = trimmed.strip_prefix("onus::").unwrap_or(trimmed);
                rules.push(SuppressedRule {
                    id: name.to_owned(),
                    location: line_location(line_number, start, start + trimmed.len()),
                    used: false,
                });
            }
            offset += id.len() + 1;
        }
        let reason = args[close + 1..].trim();
        let reason = ["—", "–", "--", "-", ":"]
            .iter()
            .find_map(|separator| reason.strip_prefix(separator))
            .unwrap_or(reason)
            .trim();
        // A comment on a line of its own covers the statement that starts below it, however
        // many lines rustfmt gave it.
        let through = match below {
            Some(below) if line[..comment].trim().is_empty() => {
                line_number + statement_lines(below)
            }
            // After code on its line: that line, and the next, as always.
            _ => line_number + 1,
        };
        found.push(Suppression {
            location: line_location(line_number, comment, line.trim_end().len()),
            rules,
            has_reason: !reason.is_empty(),
            comment_line: Some(line_number),
            through,
            from: line_number,
            explains: false,
        });
    }
    found
}

/// Finds the comments that explain why an error is let go (see [`Suppression::explains`]): a
/// `//` comment, not an `onus: allow`, whose text says the error is ignored on purpose or best
/// effort, or cannot happen, and is not a `TODO`. It covers what an `onus: allow` comment in
/// its place would: its own line and the statement below it, or the line it ends.
pub(crate) fn scan_explanations<P>(
    text: &str,
    mut line_location: impl FnMut(usize, usize, usize) -> P,
) -> Vec<Suppression<P>> {
    let mut found = Vec::new();
    // One buffer for the lowercase text of every comment: most files have many.
    let mut said = String::new();
    // Whether the comment on the next line may say a phrase, as looked for with the line above
    // it: each line's text is looked through once.
    let mut next_may_explain: Option<(usize, bool)> = None;
    for found_at in line_comments(text) {
        let LineComment {
            line_number,
            line,
            at: comment,
            below,
        } = found_at;
        // Documentation, and a test fixture's marker of the finding expected there (`//~
        // ignored_result`), explain no call.
        let written = &line[comment..];
        if ["///", "//!", "//~", "/**", "/*!"]
            .iter()
            .any(|marker| written.starts_with(marker))
        {
            continue;
        }
        let own_line = line[..comment].trim().is_empty();
        // A phrase may run on to the comment's next line (`// .. no table sync workers are
        // running, which is` over `// fine.`): that line is read with this one.
        let next_line = own_line
            .then(|| below.and_then(|below| below.lines().next()))
            .flatten()
            .map(str::trim_start)
            .filter(|next| next.starts_with("//") && !next.starts_with("///"))
            .map(|next| next.trim_start_matches('/'));
        // Most comments say none of it: a look for the stems of the phrases first, which any
        // capitalization of them keeps.
        let this_may_explain = match next_may_explain.take() {
            Some((line, may)) if line == line_number => may,
            _ => may_explain(written),
        };
        let next_may = next_line.is_some_and(may_explain);
        next_may_explain = next_line.map(|_| (line_number + 1, next_may));
        let may_let_go = this_may_explain || next_may;
        // First in the block of a handler (`else {`, `Err(_) => {`, `|_| {`), or above an
        // `Err(..) =>` arm, on a line of its own: it speaks of what that handler does with the
        // error, whatever it says (`Err(_) => { // null if overflow`). A comment of several
        // lines is one explanation, read from its first (and the lines below it are not looked
        // up again: a long comment would be read once for each of its lines).
        let first_of_its_lines = own_line && !continues_a_comment(text, line);
        let opened_above = (own_line && (first_of_its_lines || may_let_go))
            .then(|| handler_opened_above(text, line))
            .flatten();
        let error_handler_above = opened_above
            .filter(|(_, opens)| first_of_its_lines && is_an_error_handler(opens))
            .map(|(distance, _)| distance);
        let code_below = first_of_its_lines
            .then(|| below.and_then(first_statement_line))
            .flatten();
        let err_arm_below = code_below
            .filter(|(_, code)| code.starts_with("Err("))
            .map(|(offset, _)| offset);
        // After the `Err(..) =>` arm it speaks of, on the arm's line (`Err(_) => continue, //
        // Skip instructions we can't decode`).
        let after_an_err_arm = !own_line && {
            let code = line[..comment].trim_start();
            code.starts_with("Err(") && code.contains("=>")
        };
        let on_a_handler =
            error_handler_above.is_some() || err_arm_below.is_some() || after_an_err_arm;
        // Right above a `panic!`, on lines of its own: it says why the code stops there
        // (`// Committer is single threaded, so the timestamp cannot have moved` over
        // `panic!("Snapshots were changed concurrently")`), whatever it says.
        let panic_below = code_below
            .filter(|(_, code)| code.starts_with("panic!("))
            .map(|(offset, _)| offset);
        if !may_let_go && !on_a_handler && panic_below.is_none() && !written.contains("anic") {
            continue;
        }
        said.clear();
        said.extend(written.chars().map(|c| c.to_ascii_lowercase()));
        if said.contains("onus:") {
            continue;
        }
        if let Some(next) = next_line {
            said.push(' ');
            said.extend(next.trim().chars().map(|c| c.to_ascii_lowercase()));
        }
        let speaks_of_unsafe = || {
            below
                .and_then(first_statement_line)
                .is_some_and(|(_, code)| code.contains("unsafe"))
        };
        let lets_go = may_let_go
            && explains(&said)
            && !(explains_only_as_a_safety_note(&said) && speaks_of_unsafe());
        let explains_the_handler = on_a_handler && !is_unsettled(&said);
        // After code on its line: that line. On a line of its own: the statement below, but not
        // an item (a comment above a fn speaks of the fn), nor what a block below holds (a
        // comment above an `if` speaks of its condition).
        let through = match below.map(|below| (below, first_statement_line(below))) {
            Some((below, Some((offset, code)))) if own_line => {
                if starts_an_item(code) {
                    line_number
                } else if lets_go && said.contains("the following") {
                    // `// ALL of the following unwraps are safe because we just validated the
                    // manifest value`: the rest of the block, as it says.
                    line_number + rest_of_block_lines(below)
                } else if starts_a_block(code) {
                    line_number + offset
                } else {
                    line_number + paragraph_lines(below).min(EXPLAINED_LINES)
                }
            }
            _ => line_number,
        };
        // A comment first in a handler's block covers the line that opens it, where its
        // finding is.
        let from = line_number - opened_above.map_or(0, |(distance, _)| distance);
        // `// sqlite3_parser may panic on some input; trap it here` above a `catch_unwind`: the
        // author says why panics are caught there, as a declared panic boundary would.
        let covered = if through == line_number {
            &line[..comment]
        } else {
            below.map_or("", |below| lines_of(below, through - line_number))
        };
        let draws_a_boundary = said.contains("panic") && covered.contains("catch_unwind");
        let mut explained: Vec<&str> = Vec::new();
        if lets_go {
            explained.extend(rules::EXPLAINED_BY_COMMENTS);
        }
        if draws_a_boundary {
            explained.push(rules::EXPLAINED_AS_A_PANIC_BOUNDARY);
        }
        // In other words than the phrases, it speaks of the handler alone: the line that opens
        // it, or the arm below it.
        let (from, through) = if !explained.is_empty() {
            (from, through)
        } else if let Some(offset) = panic_below
            && !is_unsettled(&said)
        {
            explained.push(rules::EXPLAINED_ABOVE_A_PANIC);
            (line_number, line_number + offset)
        } else if explains_the_handler {
            explained.push(rules::EXPLAINED_AT_THE_HANDLER);
            (
                line_number - error_handler_above.unwrap_or(0),
                line_number + err_arm_below.unwrap_or(0),
            )
        } else {
            continue;
        };
        found.push(Suppression {
            location: line_location(line_number, comment, line.trim_end().len()),
            rules: explained
                .iter()
                .map(|&id| SuppressedRule {
                    id: id.to_owned(),
                    location: line_location(line_number, comment, line.trim_end().len()),
                    used: false,
                })
                .collect(),
            has_reason: true,
            comment_line: Some(line_number),
            through,
            from,
            explains: true,
        });
    }
    found
}

/// The text of `text` above `line`, one of its lines.
fn text_above<'t>(text: &'t str, line: &str) -> Option<&'t str> {
    // `line` is a slice of `text` (see `line_comments`): where it starts is how far in it is.
    let start = (line.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    text.get(..start)
}

/// Whether the line above `line` (a line of `text`) is a comment too: `line` goes on with it.
fn continues_a_comment(text: &str, line: &str) -> bool {
    text_above(text, line)
        .and_then(|before| before.lines().next_back())
        .is_some_and(|above| above.trim_start().starts_with("//"))
}

/// The first `count` lines of `text`, with their line ends.
fn lines_of(text: &str, count: usize) -> &str {
    let end = text
        .match_indices('\n')
        .nth(count.saturating_sub(1))
        .map_or(text.len(), |(at, _)| at + 1);
    &text[..end]
}

/// How many lines above `line` (a line of `text`) the handler whose block it starts opens, and
/// that line without its `{`: the nearest line of code above it, past other comment lines, when
/// that line ends by opening the block of an `else`, a match arm or a closure.
fn handler_opened_above<'t>(text: &'t str, line: &str) -> Option<(usize, &'t str)> {
    let mut lines = text_above(text, line)?.lines().rev().enumerate();
    let (distance, code) = lines.find(|(_, above)| {
        let above = above.trim();
        !above.is_empty() && !above.starts_with("//")
    })?;
    let opens = code.trim().strip_suffix('{')?.trim_end();
    if !(opens.ends_with("else")
        || opens.ends_with("=>")
        || opens.ends_with('|')
        || opens.contains("let Err("))
    {
        return None;
    }
    // `else {` on a line of its own ends a `let Ok(..) = ..` written over several lines: the
    // finding is where the `let` starts, at the same indentation.
    if opens == "else" {
        let indent = code.len() - code.trim_start().len();
        let statement = lines.find(|(_, above)| {
            above.len() - above.trim_start().len() == indent && !above.trim().is_empty()
        });
        if let Some((let_distance, first)) = statement
            && first.trim_start().starts_with("let ")
        {
            return Some((let_distance + 1, opens));
        }
    }
    Some((distance + 1, opens))
}

/// Whether a block opened so (its line without the `{`) handles an error: an `else`, a closure
/// (`.unwrap_or_else(|_| {`), an `Err(..) =>` arm or a catch-all one (`_ =>`), an `if let
/// Err(..) = ..`, not the arm of a value (`Ok(docs) =>`, `NodeEntry::Tree(subtree) =>`).
fn is_an_error_handler(opens: &str) -> bool {
    // `if let Err(_) = tx.execute(..) {`: the block is the error's.
    opens.contains("let Err(")
        || opens.ends_with("else")
        || opens.ends_with('|')
        || (opens.ends_with("=>")
            && (opens.contains("Err(") || opens.starts_with("_ ") || opens.starts_with("_=>")))
}

/// The first line of the statement in `code`, below any comments, blank lines and one-line
/// lint attributes (`#[allow(clippy::unwrap_used)]` between an explaining comment and the
/// unwrap it explains): how many lines down it is, and its text. Any other attribute
/// (`#[cfg(unix)]`) starts what may be an item, or one of a few alternatives.
fn first_statement_line(code: &str) -> Option<(usize, &str)> {
    code.lines()
        .map(str::trim_start)
        .enumerate()
        .find(|(_, line)| {
            let lint_level = (line.starts_with("#[allow(") || line.starts_with("#[expect("))
                && line.trim_end().ends_with(")]");
            !line.is_empty() && !line.starts_with("//") && !lint_level
        })
        .map(|(at, line)| (at + 1, line))
}

/// Whether a line of code starts an item (`fn`, `impl`, an attribute): a comment above it
/// speaks of the item, not of one call in it.
fn starts_an_item(first: &str) -> bool {
    let unqualified = first
        .strip_prefix("pub(crate) ")
        .or_else(|| first.strip_prefix("pub "))
        .unwrap_or(first);
    [
        "fn ",
        "async fn ",
        "const fn ",
        "unsafe fn ",
        "impl",
        "mod ",
        "struct ",
        "enum ",
        "trait ",
        "#[",
    ]
    .iter()
    .any(|item| unqualified.starts_with(item))
}

/// Whether a line of code starts a block-like statement (`if`, `match`, `for`, `while`, `loop`,
/// a block).
fn starts_a_block(first: &str) -> bool {
    ["if ", "match ", "for ", "while ", "loop", "unsafe", "{"]
        .iter()
        .any(|keyword| first.starts_with(keyword))
}

/// How many lines of `code` the paragraph at its start takes: its first statement (see
/// [`statement_lines`]) and the statements right below it, up to a blank line, a line with a
/// comment or the end of the block. A comment above a paragraph speaks of it (`//
/// Diagnostic-only: resolve the FD back to its path, falling back to /proc/self/fd/<n>.` over the
/// `let` of the fallback and the read that takes it).
fn paragraph_lines(code: &str) -> usize {
    let mut lines = statement_lines(code);
    while lines > 0 && lines < EXPLAINED_LINES {
        let rest = &code[lines_of(code, lines).len()..];
        let next = rest.lines().next().map(str::trim_start).unwrap_or_default();
        // A line with a comment of its own is explained by that comment.
        if next.is_empty() || next.contains("//") || next.starts_with('}') {
            break;
        }
        let more = statement_lines(rest);
        if more == 0 {
            break;
        }
        lines += more;
    }
    lines
}

/// How many lines of `code` the statements at its start take, up to the end of their block:
/// what a comment that speaks of "the following" covers. Reads at most a few thousand lines.
fn rest_of_block_lines(code: &str) -> usize {
    const MAX_LINES: usize = 4096;
    let mut lines = 0;
    let mut rest = code;
    while lines < MAX_LINES {
        let Some(next) = rest.lines().next().map(str::trim_start) else {
            break;
        };
        if next.starts_with('}') {
            break;
        }
        // A blank line or a comment of its own is one line; a statement, all of its own.
        let more = if next.is_empty() || next.starts_with("//") {
            1
        } else {
            statement_lines(rest).max(1)
        };
        lines += more;
        rest = &rest[lines_of(rest, more).len()..];
    }
    lines
}

/// How many lines the statement at the start of `code` spans (1 for a one-line statement): up to
/// its `;` at nesting depth 0, or the `}` that closes a block-like statement (`if`, `match`, `for`)
/// when no `else`, `.`, `?` or `;` follows, or the end of the enclosing block. Strings, character
/// literals and comments are skipped, so their brackets and semicolons do not count. Reads at most
/// a few thousand lines: a statement longer than that is covered that far.
fn statement_lines(code: &str) -> usize {
    const MAX_LINES: usize = 4096;
    let bytes = code.as_bytes();
    let mut lines = 1;
    let mut depth = 0usize;
    let mut at = 0;
    // Only whitespace or comments so far: the statement has not started.
    let mut started = false;
    // The line being read holds a comment: a comment that goes on over several lines
    // (`// Should never happen, we already flushed.` then `// ..`) still covers what follows it.
    let mut commented_line = false;
    while at < bytes.len() && lines <= MAX_LINES {
        let byte = bytes[at];
        match byte {
            b'\n' => {
                if !started && !commented_line {
                    // The comment is followed by a blank line: it covers nothing below.
                    return 0;
                }
                commented_line = false;
                lines += 1;
                at += 1;
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                commented_line = true;
                while at < bytes.len() && bytes[at] != b'\n' {
                    at += 1;
                }
                continue;
            }
            b'/' if bytes.get(at + 1) == Some(&b'*') => {
                commented_line = true;
                at += 2;
                while at + 1 < bytes.len() && !(bytes[at] == b'*' && bytes[at + 1] == b'/') {
                    lines += usize::from(bytes[at] == b'\n');
                    at += 1;
                }
                at += 2;
                continue;
            }
            _ if byte.is_ascii_whitespace() => {
                at += 1;
                continue;
            }
            _ => {}
        }
        started = true;
        match byte {
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    lines += usize::from(bytes[at] == b'\n');
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            // A character literal (`'x'`, `'\n'`), not a lifetime (`'a`).
            b'\'' if bytes.get(at + 1) == Some(&b'\\') => {
                at += 2;
                while at < bytes.len() && bytes[at] != b'\'' {
                    at += 1;
                }
            }
            b'\'' if bytes.get(at + 2) == Some(&b'\'') => at += 2,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth = depth.saturating_sub(1),
            b'}' => {
                let Some(inner) = depth.checked_sub(1) else {
                    // The enclosing block ends: so did the statement, on an earlier line.
                    return lines.saturating_sub(1).max(1);
                };
                depth = inner;
                if depth == 0 {
                    let rest = code[at + 1..].trim_start();
                    let continues = rest.starts_with(';')
                        || rest.starts_with('.')
                        || rest.starts_with('?')
                        || rest.starts_with("else");
                    if !continues {
                        return lines;
                    }
                }
            }
            b';' if depth == 0 => return lines,
            _ => {}
        }
        at += 1;
    }
    lines.min(MAX_LINES)
}

/// What is wrong with a suppression: no reason, an unknown rule, or (for a checked rule that is
/// enabled) suppressing nothing.
pub(crate) fn problems<P: Clone>(
    suppression: &Suppression<P>,
    rule_enabled: impl Fn(&RuleInfo) -> bool,
    nearest_finding: impl Fn(&str, usize) -> Option<usize>,
) -> Vec<Problem<P>> {
    let mut problems = Vec::new();
    if suppression.explains {
        return problems;
    }
    if !suppression.has_reason {
        let help = if suppression.comment_line.is_some() {
            "say why after the rule list: `// onus: allow(rule) — the reason`"
        } else {
            "say why: `#[onus::allow(rule, reason = \"...\")]`"
        };
        problems.push(Problem {
            rule: rules::SUPPRESSION_WITHOUT_REASON,
            location: suppression.location.clone(),
            message: "suppression without a reason".to_owned(),
            help: help.to_owned(),
        });
    }
    for suppressed in &suppression.rules {
        let (message, help) = match rules::find(&suppressed.id) {
            None => match rules::closest(&suppressed.id) {
                Some(closest) => (
                    format!("unknown rule `{}`; did you mean `{closest}`", suppressed.id),
                    format!("did you mean `{closest}`?"),
                ),
                None => (
                    format!("unknown rule `{}`", suppressed.id),
                    "`cargo onus rules` lists the rule ids".to_owned(),
                ),
            },
            Some(rule) if !suppressed.used && !rule.is_meta() && rule_enabled(rule) => {
                let Some(line) = suppression.comment_line else {
                    problems.push(Problem {
                        rule: rules::UNUSED_SUPPRESSION,
                        location: suppressed.location.clone(),
                        message: format!("this suppression of `{}` suppresses nothing", rule.id),
                        help: "remove it; the code it excused has changed".to_owned(),
                    });
                    continue;
                };
                let looked = if suppression.through > line {
                    format!("lines {line}–{}", suppression.through)
                } else {
                    format!("line {line}")
                };
                let help = match nearest_finding(rule.id, line) {
                    Some(found) => format!(
                        "the nearest `{}` finding is on line {found}: put the comment on the line above it, or remove it",
                        rule.id
                    ),
                    None => "remove it; the code it excused has changed".to_owned(),
                };
                (
                    format!(
                        "this suppression of `{}` suppresses nothing: there is no `{}` finding on {looked}",
                        rule.id, rule.id
                    ),
                    help,
                )
            }
            Some(_) => continue,
        };
        problems.push(Problem {
            rule: rules::UNUSED_SUPPRESSION,
            location: suppressed.location.clone(),
            message,
            help,
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<Suppression> {
        scan_comments(text, |line, start, end| Location {
            line_start: line,
            line_end: line,
            column_start: start + 1,
            column_end: end + 1,
            ..Location::default()
        })
    }

    #[test]
    fn a_comment_that_explains_a_discard_covers_the_call_it_sits_by() {
        let text = [
            "fn f() {",
            "// ignore errors: the peer may be gone",
            "let _ = tx.send(1);",
            "let v = parse(s).unwrap(); // can't fail, parsed above",
            "// TODO: don't ignore this",
            "let _ = save();",
            "// onus: allow(ignored_result) — best effort",
            "let _ = save();",
            "}",
            "// Never fails: ignore its errors",
            "fn g() {",
            "// we ignore this exit code: it is not dirty",
            "if code != 0x4001 {",
            "let _ = waiter.send(());",
            "}",
            "let hashes = vec![HASH]; // DevSkim: ignore DS173237",
            "let query = Query::try_from(hashes).expect(\"valid\");",
            "}",
        ]
        .join("\n");
        let found = scan_explanations(&text, |line, _, _| line);
        let covered: Vec<(usize, usize)> = found
            .iter()
            .map(|explanation| (explanation.comment_line.unwrap_or(0), explanation.through))
            .collect();
        // Not the `TODO`, not the `onus: allow` (a suppression of its own); above a fn only
        // its own line, above an `if` its condition, after code its own line.
        assert_eq!(covered, [(2, 3), (4, 4), (10, 10), (12, 13), (16, 16)]);
        assert!(found.iter().all(|explanation| explanation.explains
            && explanation.rules.len() == rules::EXPLAINED_BY_COMMENTS.len()));
        assert!(problems(&found[0], |_| true, |_, _| None).is_empty());
    }

    #[test]
    fn a_comment_first_in_a_handler_s_block_covers_the_line_that_opens_it() {
        let text = [
            "fn f() {",
            "    let Ok(out) = render() else {",
            "        // Should never throw: a Vec takes every write",
            "        return fallback();",
            "    };",
            "    match rx.poll() {",
            "        Err(_gone) => {",
            "",
            "            // do not propagate this error: the sender's own is on its way",
            "            // and would be hidden",
            "            pending()",
            "        }",
            "    }",
            "    if ready {",
            "        // ignore: a retry follows",
            "        let _ = save();",
            "    }",
            "    let x = 1; // best effort",
            "}",
        ]
        .join("\n");
        let found = scan_explanations(&text, |line, _, _| line);
        let covered: Vec<(usize, usize)> = found
            .iter()
            .map(|explanation| (explanation.from, explanation.through))
            .collect();
        // Not the condition of an `if` above it, nor the line of code it ends.
        assert_eq!(covered, [(2, 4), (7, 11), (15, 16), (18, 18)]);
        assert!(found[1].comment_covers("swallowed_error", 7).is_some());
        assert!(found[2].comment_covers("swallowed_error", 14).is_none());
    }

    #[test]
    fn reads_rules_and_every_reason_separator() {
        for text in [
            "// onus: allow(ignored_result) — shutdown",
            "// onus: allow(ignored_result) - shutdown",
            "// onus: allow(ignored_result) -- shutdown",
            "// onus: allow(ignored_result): shutdown",
            "x(); // onus: allow(ignored_result) shutdown",
        ] {
            let found = scan(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].rules[0].id, "ignored_result", "{text}");
            assert!(found[0].has_reason, "{text}");
        }
    }

    #[test]
    fn no_reason_and_several_rules() {
        let found = scan("    // onus: allow(ignored_result, catch_all)\n");
        assert_eq!(found[0].rules.len(), 2);
        assert_eq!(found[0].rules[1].id, "catch_all");
        assert_eq!(found[0].rules[1].location.column_start, 36);
        assert!(!found[0].has_reason);
    }

    #[test]
    fn a_comment_covers_the_whole_statement_below_it() {
        let text = [
            "fn main() {",
            "    // onus: allow(swallowed_error) — RUST_LOG unset means the default",
            "    tracing_subscriber::fmt()",
            "        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| \"info;x\".into()))",
            "        .init();",
            "    let after = 1;",
            "}",
        ]
        .join("\n");
        let text = text.as_str();
        let found = scan(text);
        assert_eq!((found[0].comment_line, found[0].through), (Some(2), 5));
        assert!(found[0].comment_covers("swallowed_error", 4).is_some());
        assert!(found[0].comment_covers("swallowed_error", 6).is_none());
    }

    #[test]
    fn statements_end_where_a_reader_sees_them_end() {
        assert_eq!(statement_lines("let x = 1;\nlet y = 2;\n"), 1);
        assert_eq!(
            statement_lines("match x {\n    Err(_) => {}\n}\nnext();\n"),
            3
        );
        assert_eq!(
            statement_lines("if a {\n    b();\n} else {\n    c();\n}\nd();\n"),
            5
        );
        assert_eq!(statement_lines("let s = \"}; {\";\nnext();\n"), 1);
        assert_eq!(statement_lines("let c = '}';\nnext();\n"), 1);
        assert_eq!(statement_lines("\nlet x = 1;\n"), 0);
        // A comment that goes on over more lines covers the statement after them; one with a
        // blank line after it covers nothing.
        assert_eq!(
            statement_lines("    // we already flushed\n    panic!();\n"),
            2
        );
        assert_eq!(statement_lines("    // more\n\n    panic!();\n"), 0);
        assert_eq!(statement_lines("}\n"), 1);
        assert_eq!(statement_lines("tail_expression(\n    a,\n)\n}\n"), 3);
    }

    #[test]
    fn ignores_mentions_outside_comments() {
        assert!(scan("let s = \"onus: allow(x)\";").is_empty());
        assert!(scan("// see the onus: allow(x) docs").is_empty());
        assert!(scan("check(\"// onus: allow(x) — in a string\");").is_empty());
    }
}
