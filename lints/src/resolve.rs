//! Pass 2, the one resolver of findings and suppressions that `cargo onus check` (whole files,
//! in source locations) and `#[onus::check]` (one item, in spans) share: keep the candidates whose
//! conditions the workspace index confirms, let suppressions hold back what they cover, and say
//! what is wrong with the suppressions themselves.

use crate::index::{Cond, WorkspaceIndex};
use crate::rules::{self, RuleInfo};
use crate::suppress::{self, Problem, Suppression};

/// A finding in the form its caller reports it: a [`crate::Diagnostic`] (CLI) or a
/// [`crate::Finding`] (proc macro).
pub(crate) trait Reportable {
    /// The rule id.
    fn rule(&self) -> &'static str;
    /// The line the finding starts on, which a suppression comment covers.
    fn line(&self) -> usize;
    /// Adds what only the whole workspace knows to the message.
    fn elaborate(&mut self, more: &str);
    /// Drops the suggestion, whose own conditions do not hold.
    fn drop_suggestion(&mut self);
}

/// A finding waiting for the workspace index.
#[derive(Debug)]
pub(crate) struct Pending<T> {
    pub(crate) finding: T,
    /// Every condition must hold for the finding to be reported.
    pub(crate) requires: Vec<Cond>,
    /// Every condition must hold for the suggestion to be kept.
    pub(crate) suggestion_requires: Vec<Cond>,
    /// Index into the suppressions of the `#[onus::allow]` in force for the finding.
    pub(crate) suppressed_by: Option<usize>,
}

/// How much of the code the index saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every file of the workspace: a condition that fails is false.
    Workspace,
    /// One item (`#[onus::check]`): a condition that fails may still hold in the workspace
    /// (a call to a fn declared in another file), so an `#[onus::allow]` covering the finding
    /// counts as used whatever the conditions say; `cargo onus check` may well report it.
    Item,
}

/// Resolves `pending` against the index (built by `index` only if some condition needs it) and
/// the file's `suppressions`, marking the suppressions that hold something back as used. Returns
/// the findings to report.
pub(crate) fn findings<'i, T: Reportable, P>(
    pending: Vec<Pending<T>>,
    suppressions: &mut [Suppression<P>],
    index: &dyn Fn() -> &'i WorkspaceIndex,
    scope: Scope,
) -> Vec<T> {
    let mut kept = Vec::new();
    for Pending {
        mut finding,
        requires,
        suggestion_requires,
        suppressed_by,
    } in pending
    {
        let rule = finding.rule();
        let by_attribute = suppressed_by.and_then(|at| {
            let position = suppressions
                .get(at)?
                .rules
                .iter()
                .position(|suppressed| suppressed.id == rule)?;
            Some((at, position))
        });
        if scope == Scope::Workspace || by_attribute.is_none() {
            if !requires.is_empty() && !index().holds_all(&requires) {
                continue;
            }
            if !requires.is_empty()
                && let Some(more) = index().elaborate(&requires)
            {
                finding.elaborate(&more);
            }
        }
        let by_comment = || {
            let line = finding.line();
            suppressions
                .iter()
                .enumerate()
                .find_map(|(at, suppression)| Some((at, suppression.comment_covers(rule, line)?)))
        };
        if let Some((at, position)) = by_attribute.or_else(by_comment) {
            suppressions[at].rules[position].used = true;
            continue;
        }
        if !suggestion_requires.is_empty() && !index().holds_all(&suggestion_requires) {
            finding.drop_suggestion();
        }
        kept.push(finding);
    }
    kept
}

/// What is wrong with `suppressions`, once [`findings`] marked the used ones, at the level each
/// meta rule has; problems of disabled meta rules are left out. `reported` (rule, line) are the
/// file's findings, for "the nearest finding is on line N" (within a few lines).
pub(crate) fn suppression_problems<P: Clone>(
    suppressions: &[Suppression<P>],
    reported: &[(&str, usize)],
    config: &crate::Config,
) -> Vec<(Problem<P>, crate::Level)> {
    const NEAR: usize = 5;
    let enabled = |rule: &RuleInfo| rule.enabled(config);
    let nearest = |rule: &str, line: usize| {
        reported
            .iter()
            .filter(|(found, at)| *found == rule && at.abs_diff(line) <= NEAR)
            .min_by_key(|(_, at)| at.abs_diff(line))
            .map(|(_, at)| *at)
    };
    suppressions
        .iter()
        .flat_map(|suppression| suppress::problems(suppression, enabled, nearest))
        .filter_map(|problem| {
            let level = rules::find(problem.rule)?.level(config);
            (level != crate::Level::Allow).then_some((problem, level))
        })
        .collect()
}
