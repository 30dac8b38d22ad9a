//! The modules of `onus-lints` form layers, and no module cycle: syntax helpers and the
//! configuration below the rules, the rules below the engine, the engine below the renderers and
//! the CLI. A module may use its own layer and the ones below; a `use` that points up, or a cycle
//! within a layer, fails here with the files that make it.
#![allow(
    clippy::unwrap_used,
    reason = "an unreadable source file should fail the test loudly"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Lowest first. `syntax`'s files are listed one by one: its plain readings of nodes sit below
/// the catalog, its judgements of calls and handlers above the index they speak of.
const LAYERS: &[&[&str]] = &[
    &[
        "diagnostic",
        "finding",
        "suggest",
        "syntax/nodes",
        "syntax/attrs",
        "syntax/macros",
        "syntax/visitors",
        "syntax/patterns",
        "syntax/operations",
        "syntax/wrappers",
        "syntax/http",
        "syntax/text",
        "syntax/explanations",
        "files",
        "generated",
        "startup",
    ],
    &[
        "source",
        "parse",
        "triggers",
        "catalog",
        "known_fallible",
        "config",
        "paths",
        "expand",
    ],
    &["index"],
    &["syntax/calls", "syntax/handlers"],
    &["test_code", "walk"],
    &["package"],
    &["rules"],
    &["suppress"],
    &["resolve"],
    &["engine"],
    &["config_file"],
    &["render"],
    &["baseline"],
    &["cli"],
];

/// What the crate root re-exports, by the module that defines it.
const REEXPORTS: &[(&str, &str)] = &[
    ("Config", "config"),
    ("Diagnostic", "diagnostic"),
    ("Label", "diagnostic"),
    ("Level", "diagnostic"),
    ("Location", "diagnostic"),
    ("Suggestion", "diagnostic"),
    ("Input", "engine"),
    ("Report", "engine"),
    ("check", "engine"),
    ("check_item", "engine"),
    ("Finding", "finding"),
    ("FindingSuggestion", "finding"),
    ("SpanRange", "finding"),
    ("SuggestionPart", "finding"),
    ("RuleInfo", "rules"),
];

/// The module a file belongs to: its top-level module, or `syntax/<file>`.
fn module_of(relative: &str) -> String {
    let relative = relative.trim_end_matches(".rs");
    match relative.split('/').collect::<Vec<_>>()[..] {
        ["syntax", "mod"] => "syntax/mod".to_owned(),
        ["syntax", file, ..] => format!("syntax/{file}"),
        [top, ..] => top.to_owned(),
        [] => String::new(),
    }
}

/// The modules a file's code (not its comments or unit tests) refers to.
fn references(module: &str, text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut found = BTreeSet::new();
    let mut add = |name: &str, next: Option<&str>| {
        let target = match (name, next) {
            ("syntax", Some(file)) => format!("syntax/{file}"),
            _ => REEXPORTS
                .iter()
                .find(|(item, _)| *item == name)
                .map_or(name.to_owned(), |(_, defined)| (*defined).to_owned()),
        };
        if target != module {
            found.insert(target);
        }
    };
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        for (prefix, in_syntax) in [("crate::", false), ("super::", true)] {
            let mut rest = line;
            while let Some(at) = rest.find(prefix) {
                rest = &rest[at + prefix.len()..];
                if in_syntax && !module.starts_with("syntax/") {
                    continue;
                }
                let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                    let end = group.find('}').unwrap_or(group.len());
                    group[..end]
                        .split(',')
                        .map(|name| name.trim().split("::").next().unwrap_or("").trim())
                        .collect()
                } else {
                    vec![rest]
                };
                for name in names {
                    let mut path = name
                        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                        .next()
                        .unwrap_or("")
                        .split("::");
                    let Some(first) = path.next().filter(|first| !first.is_empty()) else {
                        continue;
                    };
                    if in_syntax {
                        add("syntax", Some(first));
                    } else {
                        add(first, path.next());
                    }
                }
            }
        }
    }
    found
}

fn modules() -> BTreeMap<String, (BTreeSet<String>, Vec<String>)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules: BTreeMap<String, (BTreeSet<String>, Vec<String>)> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if relative == "lib.rs" || relative == "main.rs" {
                continue;
            }
            let module = module_of(&relative);
            let text = std::fs::read_to_string(&path).unwrap();
            let (uses, files) = modules.entry(module.clone()).or_default();
            uses.extend(references(&module, &text));
            files.push(relative);
        }
    }
    modules
}

fn layer_of(module: &str) -> Option<usize> {
    if module == "syntax/mod" {
        return Some(0);
    }
    LAYERS.iter().position(|layer| layer.contains(&module))
}

#[test]
fn every_module_has_a_layer_and_uses_only_its_own_and_lower_ones() {
    let modules = modules();
    let mut wrong = Vec::new();
    for (module, (uses, files)) in &modules {
        let Some(layer) = layer_of(module) else {
            wrong.push(format!("`{module}` ({files:?}) has no layer in LAYERS"));
            continue;
        };
        for used in uses {
            match layer_of(used) {
                Some(used_layer) if used_layer > layer => wrong.push(format!(
                    "`{module}` (layer {layer}, {files:?}) uses `{used}` (layer {used_layer}), a layer above it"
                )),
                Some(_) => {}
                None if modules.contains_key(used) => {}
                // Not a module of this crate (a name in a doc link or a string).
                None => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_modules_form_no_cycle() {
    let modules = modules();
    let uses = |module: &str| -> Vec<String> {
        modules.get(module).map_or_else(Vec::new, |(uses, _)| {
            uses.iter()
                .filter(|used| modules.contains_key(*used))
                .cloned()
                .collect()
        })
    };
    // Depth-first search, remembering the path to report the cycle it closes.
    fn visit(
        module: &str,
        uses: &dyn Fn(&str) -> Vec<String>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|seen| seen == module) {
            let mut cycle = path[at..].to_vec();
            cycle.push(module.to_owned());
            return Some(cycle);
        }
        if done.contains(module) {
            return None;
        }
        path.push(module.to_owned());
        for used in uses(module) {
            if let Some(cycle) = visit(&used, uses, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(module.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for module in modules.keys() {
        if let Some(cycle) = visit(module, &uses, &mut Vec::new(), &mut done) {
            panic!("module cycle: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn references_are_read_from_paths_and_groups() {
    let text = "use crate::{Config, Level};\nuse crate::syntax::nodes::peel;\n\
                // crate::walk in a comment\nlet x = crate::index::Cond::X;\n";
    let found = references("rules", text);
    let expected: BTreeSet<String> = ["config", "diagnostic", "syntax/nodes", "index"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(found, expected);
    let in_syntax = references("syntax/handlers", "use super::nodes::{peel};\n");
    assert!(in_syntax.contains("syntax/nodes"), "{in_syntax:?}");
}
