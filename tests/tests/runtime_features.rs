//! The framework integrations stay optional: `onus` with default features pulls neither axum,
//! actix-web nor tonic (nor the async runtime under them), nor the `metrics` facade, nor utoipa.
//! Checked with the real `cargo tree`.

use std::process::Command;

/// The packages `cargo tree` lists for `onus`'s normal dependencies with `args`.
fn normal_dependencies(args: &[&str]) -> Vec<String> {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml");
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--manifest-path",
            manifest,
            "-p",
            "onus",
            "-e",
            "normal",
        ])
        .args(["--prefix", "none", "--format", "{p}"])
        .args(args)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

const FRAMEWORKS: &[&str] = &[
    "axum",
    "actix-web",
    "tonic",
    "tonic-types",
    "tokio",
    "hyper",
    "metrics",
    "utoipa",
];

#[test]
fn default_features_pull_no_framework() {
    let packages = normal_dependencies(&[]);
    assert!(packages.iter().any(|p| p == "onus"), "{packages:?}");
    for framework in FRAMEWORKS {
        assert!(
            !packages.iter().any(|p| p == framework),
            "{framework} is a default dependency of onus: {packages:?}"
        );
    }
}

#[test]
fn each_feature_pulls_its_framework() {
    // Without this, a `cargo tree` that printed nothing useful would pass the test above.
    for (feature, framework) in [
        ("axum", "axum"),
        ("actix", "actix-web"),
        ("tonic", "tonic"),
        ("tonic", "tonic-types"),
        ("metrics", "metrics"),
        ("utoipa", "utoipa"),
    ] {
        let packages = normal_dependencies(&["--features", &format!("onus/{feature}")]);
        assert!(
            packages.iter().any(|p| p == framework),
            "feature {feature} does not pull {framework}: {packages:?}"
        );
    }
}
