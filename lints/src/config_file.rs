//! Reading the project's configuration file, for `cargo onus` and `#[onus::check]` alike.
//!
//! The configuration lives in `onus.toml` at the project root, or in the
//! `[workspace.metadata.onus]` table of the workspace `Cargo.toml`. When both exist, `onus.toml`
//! wins and the table is ignored with a warning: one file decides, so nobody has to merge two in
//! their head.
//!
//! ```toml
//! [workspace.metadata.onus]
//! exclude = ["tests/fixtures/**"]     # .gitignore syntax, relative to the project root
//! extra_fallible = ["send_email"]     # more APIs known to return a Result
//! ignorable = ["oneshot::Sender::send"]  # calls whose errors may be ignored, decided once
//! opaque_errors = ["aead::Error"]     # error types that carry nothing beyond their kind
//! panic_boundaries = ["serve", "src/boundary/*.rs"]  # fns or files where catch_unwind is deliberate
//! check_tests = false                 # check test functions and test modules too
//! require_runbook = "error"           # system errors at or above this severity need a runbook
//!
//! [workspace.metadata.onus.rules]
//! swallowed_error = "deny"            # allow | warn | deny
//! ```
//!
//! This reader needs `toml` and `serde` only (the `config-file` feature): the path patterns
//! (`exclude`, the file patterns of `panic_boundaries`) are handed to the caller, which compiles
//! them if it matches paths (the CLI, with `ignore`'s `.gitignore` dialect).

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::catalog::Severity;
use crate::{Config, Level, rules};

/// The file name of the stand-alone configuration.
pub const CONFIG_FILE: &str = "onus.toml";

/// A project's configuration as its file says, with its path patterns as `G` made them.
#[derive(Debug)]
pub struct ConfigFile<G = ()> {
    /// The engine's configuration.
    pub engine: Config,
    /// Files and directories never checked (the `exclude` patterns).
    pub exclude: G,
    /// Files whose `catch_unwind`s are deliberate panic boundaries (the file patterns of
    /// `panic_boundaries`; its fn names are in [`Config::panic_boundaries`]).
    pub panic_boundary_files: G,
    /// The file the configuration came from, if any.
    pub source: Option<PathBuf>,
    /// Things the user should know but that do not stop the run.
    pub warnings: Vec<String>,
}

/// A configuration mistake, with the place it was made.
#[derive(Debug, Clone)]
pub struct ConfigError {
    /// The configuration file.
    pub file: PathBuf,
    /// The file's text, when it could be read (for the snippet).
    pub text: Option<String>,
    /// Where in `text` the mistake is.
    pub span: Option<Range<usize>>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl ConfigError {
    /// The line and column (both from 1, the column in characters) where the mistake starts,
    /// when the file's text and the place are known.
    #[must_use]
    pub fn line_column(&self) -> Option<(usize, usize)> {
        let text = self.text.as_deref()?;
        let before = text.get(..self.span.as_ref()?.start)?;
        let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
        Some((
            before.matches('\n').count() + 1,
            before[line_start..].chars().count() + 1,
        ))
    }
}

/// A path pattern of the configuration, where it is written.
pub type PathPattern = Spanned<String>;

/// Makes a [`ConfigError`] at a place of the configuration file being read.
pub type ErrorAt<'a> = dyn Fn(Range<usize>, String, Option<String>) -> ConfigError + 'a;

/// The project root for a run started in `start`: the nearest ancestor that has an `onus.toml`
/// or a `Cargo.toml` with a `[workspace]` table; failing that, the nearest one with a
/// `Cargo.toml`; failing that, `start` itself.
#[must_use]
pub fn find_root(start: &Path) -> PathBuf {
    let mut nearest_package = None;
    for dir in start.ancestors() {
        if dir.join(CONFIG_FILE).is_file() {
            return dir.to_path_buf();
        }
        let manifest = dir.join("Cargo.toml");
        if manifest.is_file() {
            // A textual test is enough here (a broken manifest is reported when it is loaded)
            // and avoids parsing every manifest on the way up.
            let is_workspace = std::fs::read_to_string(&manifest).is_ok_and(|text| {
                text.lines().any(|line| {
                    let line = line.trim_start();
                    line.starts_with("[workspace]") || line.starts_with("[workspace.")
                })
            });
            if is_workspace {
                return dir.to_path_buf();
            }
            nearest_package.get_or_insert_with(|| dir.to_path_buf());
        }
    }
    nearest_package.unwrap_or_else(|| start.to_path_buf())
}

/// The largest configuration file read (`onus.toml`, `Cargo.toml`).
const CONFIG_LIMIT: u64 = 16 << 20;

/// Reads the configuration of the project at `root` (absolute), its path patterns left as they
/// are written and not checked.
///
/// # Errors
///
/// Every mistake in the configuration, all at once.
pub fn read(root: &Path) -> Result<ConfigFile, Vec<ConfigError>> {
    read_with(root, |_, _, _, _| ())
}

/// Reads the configuration of the project at `root` (absolute); `compile` makes the patterns of
/// each path key (`exclude`, `panic_boundaries`) into a `G`, adding its mistakes to the errors.
///
/// # Errors
///
/// Every mistake in the configuration, all at once.
pub fn read_with<G>(
    root: &Path,
    compile: impl Fn(&str, &[PathPattern], &ErrorAt<'_>, &mut Vec<ConfigError>) -> G,
) -> Result<ConfigFile<G>, Vec<ConfigError>> {
    let onus_toml = root.join(CONFIG_FILE);
    let manifest = root.join("Cargo.toml");
    let inside = [crate::files::canonical(root)];
    let mut warnings = Vec::new();

    let exists = |path: &Path| std::fs::symlink_metadata(path).is_ok();
    let (file, text, table) = if exists(&onus_toml) {
        let text = read_text(&onus_toml, &inside)?;
        let table: FileConfig = parse(&onus_toml, &text)?;
        let manifest_has_table = read_text(&manifest, &inside)
            .ok()
            .is_some_and(|manifest_text| {
                manifest_tables(&manifest, &manifest_text)
                    .is_ok_and(|tables| tables.workspace.is_some())
            });
        if manifest_has_table {
            warnings.push(format!(
                "`{}` takes precedence; `[workspace.metadata.onus]` in `{}` is ignored",
                onus_toml.display(),
                manifest.display()
            ));
        }
        (onus_toml, text, Some(table))
    } else if exists(&manifest) {
        let text = read_text(&manifest, &inside)?;
        let tables = manifest_tables(&manifest, &text)?;
        if let Some(line) = tables.package_line {
            warnings.push(format!(
                "`[package.metadata.onus]` in `{}` (line {line}) is ignored: onus reads \
                 `[workspace.metadata.onus]`, or an `{CONFIG_FILE}` beside the manifest",
                manifest.display()
            ));
        }
        let table = match tables.workspace {
            Some(value) => Some(
                FileConfig::deserialize(toml::de::ValueDeserializer::from(value))
                    .map_err(|error| vec![toml_error(&manifest, &text, &error)])?,
            ),
            None => None,
        };
        (manifest, text, table)
    } else {
        (manifest, String::new(), None)
    };

    let Some(table) = table else {
        let error = |_: Range<usize>, message: String, help: Option<String>| ConfigError {
            file: file.clone(),
            text: None,
            span: None,
            message,
            help,
        };
        let mut errors = Vec::new();
        return Ok(ConfigFile {
            engine: Config {
                runbook_root: Some(root.to_path_buf()),
                ..Config::default()
            },
            exclude: compile("exclude", &[], &error, &mut errors),
            panic_boundary_files: compile("panic_boundaries", &[], &error, &mut errors),
            source: None,
            warnings,
        });
    };
    let (engine, exclude, panic_boundary_files) = resolve(root, &file, &text, table, compile)?;
    Ok(ConfigFile {
        engine,
        exclude,
        panic_boundary_files,
        source: Some(file),
        warnings,
    })
}

/// A configuration file's text: a regular file of the project, of reasonable size, UTF-8 (a
/// byte order mark is dropped).
fn read_text(path: &Path, inside: &[PathBuf]) -> Result<String, Vec<ConfigError>> {
    match crate::files::read_small(path, CONFIG_LIMIT, Some(inside)) {
        Ok(text) => Ok(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        }),
        Err(error) => Err(vec![ConfigError {
            file: path.to_path_buf(),
            text: None,
            span: None,
            message: format!("cannot read the configuration: {error}"),
            help: None,
        }]),
    }
}

/// The onus tables of a `Cargo.toml`: `[workspace.metadata.onus]`, and the line of a
/// `[package.metadata.onus]` (which is not read). Anything cargo accepts is accepted: whatever
/// is not a table on the way to them (`[workspace] metadata = 5`) just means there is none.
struct ManifestTables<'a> {
    workspace: Option<toml::Spanned<toml::de::DeValue<'a>>>,
    package_line: Option<usize>,
}

fn manifest_tables<'a>(path: &Path, text: &'a str) -> Result<ManifestTables<'a>, Vec<ConfigError>> {
    let document =
        toml::de::DeTable::parse(text).map_err(|error| vec![toml_error(path, text, &error)])?;
    let mut document = document.into_inner();
    let mut take = |section: &str| {
        let mut table = match document.remove(section)?.into_inner() {
            toml::de::DeValue::Table(table) => table,
            _ => return None,
        };
        let mut metadata = match table.remove("metadata")?.into_inner() {
            toml::de::DeValue::Table(metadata) => metadata,
            _ => return None,
        };
        metadata.remove("onus")
    };
    let workspace = take("workspace");
    let package_line = take("package").map(|onus| {
        text[..onus.span().start.min(text.len())]
            .matches('\n')
            .count()
            + 1
    });
    Ok(ManifestTables {
        workspace,
        package_line,
    })
}

fn parse<'de, T: Deserialize<'de>>(path: &Path, text: &'de str) -> Result<T, Vec<ConfigError>> {
    toml::from_str(text).map_err(|error| vec![toml_error(path, text, &error)])
}

/// A TOML or settings error, at its place in the file.
fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> ConfigError {
    ConfigError {
        file: path.to_path_buf(),
        text: Some(text.to_owned()),
        span: error.span(),
        message: error.message().trim_end().to_owned(),
        help: Some(
            "the onus keys are `rules`, `exclude`, `extra_fallible`, `ignorable`, \
             `opaque_errors`, `panic_boundaries`, `check_tests` and `require_runbook` \
             (see lints/README.md)"
                .to_owned(),
        ),
    }
}

fn resolve<G>(
    root: &Path,
    file: &Path,
    text: &str,
    table: FileConfig,
    compile: impl Fn(&str, &[PathPattern], &ErrorAt<'_>, &mut Vec<ConfigError>) -> G,
) -> Result<(Config, G, G), Vec<ConfigError>> {
    let mut errors = Vec::new();
    let error = |span: Range<usize>, message: String, help: Option<String>| ConfigError {
        file: file.to_path_buf(),
        text: Some(text.to_owned()),
        span: Some(span),
        message,
        help,
    };

    let mut levels = BTreeMap::new();
    for (rule, level) in &table.rules {
        let known = rules::find(rule.get_ref());
        if known.is_none() {
            let help = match rules::closest(rule.get_ref()) {
                Some(near) => {
                    format!("did you mean `{near}`? `cargo onus rules` lists every rule")
                }
                None => "`cargo onus rules` lists every rule".to_owned(),
            };
            errors.push(error(
                rule.span(),
                format!("unknown rule `{}`", rule.get_ref()),
                Some(help),
            ));
        }
        let parsed = match level.get_ref().as_str() {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" => Some(Level::Deny),
            _ => None,
        };
        match (parsed, known) {
            (Some(parsed), Some(known)) => {
                levels.insert(known.id.to_owned(), parsed);
            }
            (Some(_), None) => {}
            (None, _) => errors.push(error(
                level.span(),
                format!("unknown level `{}`", level.get_ref()),
                Some("a rule's level is `allow`, `warn` or `deny`".to_owned()),
            )),
        }
    }

    let exclude = compile("exclude", &table.exclude, &error, &mut errors);
    let (boundary_files, boundary_fns): (Vec<_>, Vec<_>) = table
        .panic_boundaries
        .into_iter()
        .partition(|boundary| is_path_pattern(boundary.get_ref()));
    let panic_boundary_files = compile("panic_boundaries", &boundary_files, &error, &mut errors);

    let require_runbook = table.require_runbook.as_ref().and_then(|severity| {
        let parsed = Severity::from_name(severity.get_ref());
        if parsed.is_none() {
            let names: Vec<&str> = Severity::ALL.iter().map(|s| s.as_str()).collect();
            errors.push(error(
                severity.span(),
                format!("unknown severity `{}`", severity.get_ref()),
                Some(format!(
                    "`require_runbook` is the least severity that needs a runbook: one of {}",
                    names.join(", ")
                )),
            ));
        }
        parsed
    });

    if !errors.is_empty() {
        return Err(errors);
    }
    let engine = Config {
        require_runbook,
        runbook_root: Some(root.to_path_buf()),
        levels,
        extra_fallible: table.extra_fallible,
        ignorable: table.ignorable,
        opaque_errors: table.opaque_errors,
        panic_boundaries: boundary_fns.into_iter().map(Spanned::into_inner).collect(),
        panic_boundary_files: std::collections::BTreeSet::new(),
        onus_packages: None,
        read_tests: false,
        check_tests: table.check_tests,
    };
    Ok((engine, exclude, panic_boundary_files))
}

/// Whether a `panic_boundaries` entry is a file pattern (`src/boundary/*.rs`) rather than a fn
/// (`serve`, `Worker::run`).
fn is_path_pattern(boundary: &str) -> bool {
    boundary.contains('/') || boundary.contains('*') || boundary.ends_with(".rs")
}

/// The onus keys, wherever they live.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table of onus settings")]
struct FileConfig {
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    extra_fallible: Vec<String>,
    #[serde(default)]
    ignorable: Vec<String>,
    #[serde(default)]
    opaque_errors: Vec<String>,
    #[serde(default)]
    panic_boundaries: Vec<Spanned<String>>,
    #[serde(default)]
    check_tests: bool,
    #[serde(default)]
    require_runbook: Option<Spanned<String>>,
}
