//! Every rule is complete: registered, documented with the four sections, covered by positive and
//! negative fixtures, and snapshotted.
#![allow(
    clippy::unwrap_used,
    reason = "a broken fixture should fail the test loudly"
)]

use std::path::Path;

use onus_lints::rules;

const META_RULES: &[&str] = &[
    "parse_error",
    "suppression_without_reason",
    "unused_suppression",
];

#[test]
fn every_rule_has_docs_fixtures_and_a_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for rule in rules::all() {
        let docs = rule.docs();
        for section in [
            "# What it finds",
            "# Why is this bad",
            "# Example",
            "# Use instead",
        ] {
            assert!(
                docs.contains(section),
                "`{}` docs lack `{section}`:\n{docs}",
                rule.id
            );
        }
        assert!(!rule.summary.is_empty(), "`{}` has no summary", rule.id);
        assert_eq!(rules::find(rule.id).map(|found| found.id), Some(rule.id));
        assert_eq!(rule.code(), format!("onus::{}", rule.id));
        if META_RULES.contains(&rule.id) {
            continue;
        }
        let fixtures = root.join("tests/fixtures").join(rule.id);
        let texts: Vec<String> = std::fs::read_dir(&fixtures)
            .unwrap_or_else(|error| {
                panic!(
                    "`{}` has no fixtures dir {}: {error}",
                    rule.id,
                    fixtures.display()
                )
            })
            .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
            .collect();
        let marker = format!("//~ {}", rule.id);
        assert!(
            texts.iter().any(|text| text.contains(&marker)),
            "`{}` has no positive fixture",
            rule.id
        );
        assert!(
            texts.iter().any(|text| !text.contains(&marker)),
            "`{}` has no negative fixture (a file without markers)",
            rule.id
        );
        let snapshot = root.join(format!("tests/snapshots/rules__{}.snap", rule.id));
        assert!(
            snapshot.is_file(),
            "`{}` has no snapshot {}",
            rule.id,
            snapshot.display()
        );
        checked += 1;
    }
    assert_eq!(checked, 9, "the nine rules are registered");
    for meta in META_RULES {
        assert!(
            rules::find(meta).is_some(),
            "meta rule `{meta}` is registered"
        );
    }
}

#[test]
fn rule_ids_are_snake_case_and_unique() {
    let mut ids: Vec<&str> = rules::all().iter().map(|rule| rule.id).collect();
    for id in &ids {
        assert!(
            id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "`{id}` is not snake_case"
        );
    }
    let count = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), count, "rule ids are unique");
}
