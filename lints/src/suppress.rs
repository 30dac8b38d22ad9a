//! Suppressions: `// onus: allow(rule) — reason` comments and `#[onus::allow(rule, reason = "..")]`
//! attributes, and the meta findings about them (no reason, suppresses nothing, unknown rule).

use crate::diagnostic::Location;
use crate::rules::{self, RuleInfo};

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
    /// A comment suppresses findings on its line and the next; an attribute, findings the walker
    /// attributed to it.
    pub(crate) comment_line: Option<usize>,
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
        if line != comment_line && line != comment_line + 1 {
            return None;
        }
        self.rules
            .iter()
            .position(|suppressed| suppressed.id == rule)
    }
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
    for (line_index, line) in text.lines().enumerate() {
        let Some(marker) = line.find("onus:") else {
            continue;
        };
        let Some(comment) = line.find("//") else {
            continue;
        };
        // `"// onus: allow(..)"` in a string literal is not a comment.
        let before = &line[..comment];
        let quotes = before.matches('"').count() - before.matches("\\\"").count();
        let in_string = quotes % 2 == 1;
        if in_string
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
        let line_number = line_index + 1;
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
        found.push(Suppression {
            location: line_location(line_number, comment, line.trim_end().len()),
            rules,
            has_reason: !reason.is_empty(),
            comment_line: Some(line_number),
        });
    }
    found
}

/// What is wrong with a suppression: no reason, an unknown rule, or (for a checked rule that is
/// enabled) suppressing nothing.
pub(crate) fn problems<P: Clone>(
    suppression: &Suppression<P>,
    rule_enabled: impl Fn(&RuleInfo) -> bool,
) -> Vec<Problem<P>> {
    let mut problems = Vec::new();
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
            Some(rule) if !suppressed.used && !rule.is_meta() && rule_enabled(rule) => (
                format!("this suppression of `{}` suppresses nothing", rule.id),
                "remove it; the code it excused has changed".to_owned(),
            ),
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
    fn ignores_mentions_outside_comments() {
        assert!(scan("let s = \"onus: allow(x)\";").is_empty());
        assert!(scan("// see the onus: allow(x) docs").is_empty());
        assert!(scan("check(\"// onus: allow(x) — in a string\");").is_empty());
    }
}
