//! Every rule is complete: registered, documented with the four sections, covered by positive and
//! negative fixtures, and snapshotted; and its suppressions can be reported as unused.
#![allow(
    clippy::unwrap_used,
    reason = "a broken fixture should fail the test loudly"
)]

use std::path::Path;

use onus_lints::{Config, Input, check, check_item, rules};

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
        if rule.is_meta() {
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
    assert!(checked >= 9, "the nine error-handling rules are registered");
    let meta: Vec<&str> = rules::all()
        .iter()
        .filter(|rule| rule.is_meta())
        .map(|rule| rule.id)
        .collect();
    assert_eq!(
        meta,
        [
            rules::PARSE_ERROR,
            rules::SUPPRESSION_WITHOUT_REASON,
            rules::UNUSED_SUPPRESSION
        ]
    );
}

/// A rule module that the registry does not list would never run: every file of `src/rules/`
/// but `mod.rs` is one registered rule, named as its id, and every registered rule has its file.
#[test]
fn every_rule_module_is_registered() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
    let mut modules: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rs"))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .filter(|stem| stem != "mod")
        .collect();
    modules.sort();
    let mut registered: Vec<String> = rules::all().iter().map(|rule| rule.id.to_owned()).collect();
    registered.sort();
    assert_eq!(
        modules, registered,
        "src/rules/<id>.rs and the registry in src/rules/mod.rs list the same rules \
         (shared helpers live in src/syntax/)"
    );
    let declared = std::fs::read_to_string(dir.join("mod.rs")).unwrap();
    for id in &registered {
        assert!(
            declared.contains(&format!("\n    {id},\n")),
            "`{id}` has a line in `registry!`"
        );
    }
}

/// A stale `#[onus::allow(rule)]` of every checked rule is reported as unused, by `cargo onus
/// check` and by `#[onus::check]` alike, whichever hook the rule uses (the declaration rules'
/// suppressions once never were); a suppression of a meta rule never is, since no code holds
/// its findings back.
#[test]
fn a_stale_suppression_of_every_checked_rule_is_reported() {
    for rule in rules::all() {
        let text = format!(
            "#[onus::allow({}, reason = \"it was needed once\")]\nfn clean() {{}}\n",
            rule.id
        );
        let report = check(
            vec![Input::Source {
                path: "lib.rs".into(),
                text: text.clone(),
                test_code: false,
            }],
            &Config::default(),
        );
        let reported: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.rule)
            .collect();
        let item: syn::Item = syn::parse_str(&text).unwrap();
        let from_item: Vec<&str> = check_item(&item, None, &Config::default())
            .iter()
            .map(|finding| finding.rule)
            .collect();
        // A rule that is off by default reports nothing, its suppressions included.
        let expected: &[&str] = if rule.is_meta() || rule.default_level == onus_lints::Level::Allow
        {
            &[]
        } else {
            &[rules::UNUSED_SUPPRESSION]
        };
        assert_eq!(reported, expected, "cargo onus check, `{}`", rule.id);
        assert_eq!(from_item, expected, "#[onus::check], `{}`", rule.id);
    }
}

#[test]
fn a_stale_suppression_of_a_declaration_rule_is_reported() {
    let text = "#[onus::allow(missing_runbook, reason = \"runbook written later\")]\n\
                #[derive(Debug, onus::Classify)]\n\
                #[onus(class = business, status = 404, severity = info)]\n\
                pub struct NotFound;\n";
    let report = check(
        vec![Input::Source {
            path: "lib.rs".into(),
            text: text.into(),
            test_code: false,
        }],
        &Config::default(),
    );
    assert_eq!(report.diagnostics.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(report.diagnostics[0].rule, rules::UNUSED_SUPPRESSION);
    assert_eq!(
        report.diagnostics[0].message,
        "this suppression of `missing_runbook` suppresses nothing"
    );
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
