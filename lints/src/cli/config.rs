//! The CLI's view of the project's configuration: the file as [`crate::config_file`] reads it,
//! its path patterns compiled into [`PathGlobs`], and its mistakes rendered like rustc's.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

pub use crate::config_file::{CONFIG_FILE, ConfigError, find_root};
use crate::config_file::{ConfigFile, ErrorAt, PathPattern};
use crate::render::{escape_line, is_unsafe_to_print};

/// A project's resolved configuration, its path patterns compiled.
pub type Settings = ConfigFile<PathGlobs>;

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

/// Reads the configuration of the project at `root` (absolute).
///
/// # Errors
///
/// Every mistake in the configuration, all at once.
pub fn load(root: &Path) -> Result<Settings, Vec<ConfigError>> {
    crate::config_file::read_with(root, |key, globs, error, errors| {
        path_globs(root, key, globs, error, errors)
    })
}

/// The globs of one configuration key, in `.gitignore` syntax relative to `root`; a glob that
/// does not compile is an error at its place.
fn path_globs(
    root: &Path,
    key: &str,
    globs: &[PathPattern],
    error: &ErrorAt<'_>,
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
            let too_large: Vec<&PathPattern> = globs
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
                let span = globs.first().map_or(0..0, PathPattern::span);
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
