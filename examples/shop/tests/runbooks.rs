//! Every runbook a variant declares exists, and every runbook page is declared by a variant.
//!
//! This reads the source, as `cargo onus` does, rather than the compiled declarations: a variant
//! has to be constructed to be asked for its runbook, and a new variant would silently escape a
//! list of constructed ones.

use std::collections::BTreeSet;
use std::path::Path;

fn declared_runbooks() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut runbooks = BTreeSet::new();
    let entries = std::fs::read_dir(&src).unwrap_or_else(|error| panic!("{src:?}: {error}"));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|error| panic!("{src:?}: {error}"))
            .path();
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"));
        for declaration in text.split("runbook = \"").skip(1) {
            let end = declaration
                .find('"')
                .unwrap_or_else(|| panic!("{path:?}: unterminated runbook"));
            runbooks.insert(declaration[..end].to_owned());
        }
    }
    runbooks
}

#[test]
fn every_declared_runbook_exists() {
    let runbooks = declared_runbooks();
    assert!(runbooks.len() >= 10, "{runbooks:?}");
    for runbook in &runbooks {
        let page = Path::new(env!("CARGO_MANIFEST_DIR")).join(runbook);
        assert!(
            page.is_file(),
            "{runbook} is declared but {page:?} does not exist"
        );
    }
}

#[test]
fn every_runbook_page_is_declared() {
    let runbooks = declared_runbooks();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/runbooks");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|error| panic!("{dir:?}: {error}"));
    for entry in entries {
        let name = entry
            .unwrap_or_else(|error| panic!("{dir:?}: {error}"))
            .file_name();
        let name = name.to_string_lossy();
        if name == "README.md" {
            continue;
        }
        let declared = format!("docs/runbooks/{name}");
        assert!(
            runbooks.contains(&declared),
            "{declared} is declared by no variant"
        );
    }
}
