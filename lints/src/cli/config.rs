//! Finding the project root and reading its configuration.
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

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::catalog::Severity;
use crate::render::{escape_line, is_unsafe_to_print};
use crate::{Config, Level, rules};

/// The file name of the stand-alone configuration.
pub const CONFIG_FILE: &str = "onus.toml";

/// A project's resolved configuration.
#[derive(Debug)]
pub struct Settings {
    /// The engine's configuration.
    pub engine: Config,
    /// Files and directories never checked.
    pub exclude: PathGlobs,
    /// Files whose `catch_unwind`s are deliberate panic boundaries (the file patterns of
    /// `panic_boundaries`; its fn names are in [`Config::panic_boundaries`]).
    pub panic_boundary_files: PathGlobs,
    /// The file the configuration came from, if any.
    pub source: Option<PathBuf>,
    /// Things the user should know but that do not stop the run.
    pub warnings: Vec<String>,
}

/// Path patterns of the configuration (`exclude`, and the file patterns of `panic_boundaries`):
/// one dialect for all of them, `.gitignore` syntax, relative to the project root.
#[derive(Debug, Clone)]
pub struct PathGlobs {
    root: PathBuf,
    matcher: Gitignore,
}

impl PathGlobs {
    /// Matches nothing.
    #[must_use]
    pub fn none(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            matcher: Gitignore::empty(),
        }
    }

    /// Whether the globs match `dir` as a whole: the directory itself (`generated/`) or
    /// everything in it (`generated/**`, which does not match the directory itself, so an
    /// arbitrary name inside it is probed).
    #[must_use]
    pub fn covers(&self, dir: &Path) -> bool {
        self.matches(dir, true) || self.matches(&dir.join("onus-probe.rs"), false)
    }

    /// Whether `path` (absolute, or relative to the current directory) or one of its parent
    /// directories is matched.
    ///
    /// Paths outside the project root never match: the globs are relative to the root.
    #[must_use]
    pub fn matches(&self, path: &Path, is_dir: bool) -> bool {
        let absolute;
        let path = if path.is_absolute() {
            path
        } else {
            absolute =
                std::env::current_dir().map_or_else(|_| path.to_path_buf(), |cwd| cwd.join(path));
            &absolute
        };
        // `./` and `../` would make the relative path differ from what the globs describe.
        let path = crate::render::normalize(path);
        path.strip_prefix(&self.root).is_ok_and(|relative| {
            !relative.as_os_str().is_empty()
                && self
                    .matcher
                    .matched_path_or_any_parents(relative, is_dir)
                    .is_ignore()
        })
    }
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
    /// The error rendered like a rustc diagnostic, pointing into the configuration file.
    #[must_use]
    pub fn render(&self, color: bool) -> String {
        use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

        // Shown like the paths of findings: relative to where the user is, when inside it.
        let path = std::env::current_dir()
            .map_or(self.file.as_path(), |cwd| {
                self.file.strip_prefix(cwd).unwrap_or(&self.file)
            })
            .display()
            .to_string();
        let path = escape_line(&path).into_owned();
        let message = escape_line(&self.message);
        let mut group = Group::with_title(Level::ERROR.primary_title(message));
        match (&self.text, &self.span) {
            (Some(text), Some(span)) if text.get(span.clone()).is_some() => {
                let lines = &text[line_start(text, span.start)..line_end(text, span.end)];
                // The file's own text is shown only when nothing in it could act on a terminal
                // (the renderer escapes C0 controls, not all of them); else its place only.
                let printable = lines
                    .chars()
                    .all(|c| !is_unsafe_to_print(c) || matches!(c, '\n' | '\r' | '\t'));
                if printable {
                    group = group.element(
                        Snippet::source(text.as_str())
                            .path(path.as_str())
                            .annotation(AnnotationKind::Primary.span(span.clone())),
                    );
                } else {
                    let before = &text[..span.start];
                    let line = before.matches('\n').count() + 1;
                    let column = before[line_start(text, span.start)..].chars().count() + 1;
                    group =
                        group.element(Origin::path(path.as_str()).line(line).char_column(column));
                }
            }
            _ => group = group.element(Origin::path(path.as_str())),
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(escape_line(help)));
        }
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        renderer.render(&[group])
    }
}

/// The byte offset where the line holding byte `at` of `text` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |newline| newline + 1)
}

/// The byte offset where the line holding byte `at` of `text` ends (before its newline).
fn line_end(text: &str, at: usize) -> usize {
    text[at..]
        .find('\n')
        .map_or(text.len(), |newline| at + newline)
}

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

/// Reads the configuration of the project at `root` (absolute).
///
/// # Errors
///
/// Every mistake in the configuration, all at once.
pub fn load(root: &Path) -> Result<Settings, Vec<ConfigError>> {
    let onus_toml = root.join(CONFIG_FILE);
    let manifest = root.join("Cargo.toml");
    let inside = [super::files::canonical(root)];
    let mut warnings = Vec::new();

    let exists = |path: &Path| std::fs::symlink_metadata(path).is_ok();
    let (file, text, table) = if exists(&onus_toml) {
        let text = read(&onus_toml, &inside)?;
        let table: FileConfig = parse(&onus_toml, &text)?;
        let manifest_has_table = read(&manifest, &inside).ok().is_some_and(|manifest_text| {
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
        let text = read(&manifest, &inside)?;
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
        return Ok(Settings {
            engine: Config {
                runbook_root: Some(root.to_path_buf()),
                ..Config::default()
            },
            exclude: PathGlobs::none(root),
            panic_boundary_files: PathGlobs::none(root),
            source: None,
            warnings,
        });
    };
    let (engine, exclude, panic_boundary_files) = resolve(root, &file, &text, table)?;
    Ok(Settings {
        engine,
        exclude,
        panic_boundary_files,
        source: Some(file),
        warnings,
    })
}

/// A configuration file's text: a regular file of the project, of reasonable size, UTF-8 (a
/// byte order mark is dropped).
fn read(path: &Path, inside: &[PathBuf]) -> Result<String, Vec<ConfigError>> {
    match super::files::read_small(path, CONFIG_LIMIT, Some(inside)) {
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

fn resolve(
    root: &Path,
    file: &Path,
    text: &str,
    table: FileConfig,
) -> Result<(Config, PathGlobs, PathGlobs), Vec<ConfigError>> {
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

    let exclude = path_globs(root, "exclude", &table.exclude, &error, &mut errors);
    let (boundary_files, boundary_fns): (Vec<_>, Vec<_>) = table
        .panic_boundaries
        .into_iter()
        .partition(|boundary| is_path_pattern(boundary.get_ref()));
    let panic_boundary_files = path_globs(
        root,
        "panic_boundaries",
        &boundary_files,
        &error,
        &mut errors,
    );

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

/// The globs of one configuration key, in `.gitignore` syntax relative to `root`; a glob that
/// does not compile is an error at its place.
fn path_globs(
    root: &Path,
    key: &str,
    globs: &[Spanned<String>],
    error: &impl Fn(Range<usize>, String, Option<String>) -> ConfigError,
    errors: &mut Vec<ConfigError>,
) -> PathGlobs {
    let mut builder = GitignoreBuilder::new(root);
    for glob in globs {
        if let Err(cause) = builder.add_line(None, glob.get_ref()) {
            errors.push(error(
                glob.span(),
                format!("invalid {key} glob: {cause}"),
                Some(format!(
                    "`{key}` globs use .gitignore syntax, relative to the project root"
                )),
            ));
        }
    }
    let matcher = match builder.build() {
        Ok(matcher) => matcher,
        Err(cause) => {
            // The globs are compiled together; alone, the one(s) too large to compile say where.
            let too_large: Vec<&Spanned<String>> = globs
                .iter()
                .filter(|glob| {
                    let mut alone = GitignoreBuilder::new(root);
                    alone.add_line(None, glob.get_ref()).is_ok() && alone.build().is_err()
                })
                .collect();
            let help = Some(format!(
                "split it into simpler globs, or exclude a directory instead of listing its files \
                 (the matcher could not be built: {cause})"
            ));
            if too_large.is_empty() {
                let span = globs.first().map_or(0..0, Spanned::span);
                errors.push(error(
                    span,
                    format!("the {key} globs are too large to compile together"),
                    help.clone(),
                ));
            }
            for glob in too_large {
                errors.push(error(
                    glob.span(),
                    format!("this {key} glob is too large to compile"),
                    help.clone(),
                ));
            }
            Gitignore::empty()
        }
    };
    PathGlobs {
        root: root.to_path_buf(),
        matcher,
    }
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
