//! The command line, declared with clap.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Finds ignored, swallowed and catch-all error handling in Rust code.
#[derive(Debug, Parser)]
#[command(
    name = "cargo-onus",
    bin_name = "cargo onus",
    version,
    max_term_width = 100
)]
pub struct Args {
    /// When to color the output [default: $CARGO_TERM_COLOR, else auto].
    #[arg(long, value_enum, global = true, value_name = "WHEN")]
    pub color: Option<ColorChoice>,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the current workspace, or the `.rs` files under PATHs.
    Check(CheckArgs),
    /// Print a rule's documentation.
    Explain {
        /// The rule id, e.g. `swallowed_error` (or `onus::swallowed_error`).
        rule: String,
    },
    /// List every rule with its level under the current configuration.
    Rules,
    /// List every classified error (class, status, severity, code, runbook, ...) as Markdown,
    /// JSON or an OpenAPI fragment, or check a committed catalog against the code.
    Catalog(CatalogArgs),
}

/// Arguments of `cargo onus catalog`.
#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// Files or directories to read [default: every member of the current cargo workspace].
    pub paths: Vec<PathBuf>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = CatalogFormatArg::Markdown)]
    pub format: CatalogFormatArg,

    /// Compare with this committed catalog instead of printing: exit 1 with a diff when it is out
    /// of date, 2 when it cannot be read.
    #[arg(long, value_name = "FILE", conflicts_with = "output")]
    pub check: Option<PathBuf>,

    /// Write the catalog to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// A catalog format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CatalogFormatArg {
    /// A table per type, readable on GitHub.
    Markdown,
    /// The versioned JSON schema of `docs/catalog.md`.
    Json,
    /// An OpenAPI 3.1 `components` fragment (JSON): the `Problem` schema and a response per code.
    Openapi,
}

/// Arguments of `cargo onus check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or directories to check [default: every member of the current cargo workspace].
    pub paths: Vec<PathBuf>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Report only findings that are not in this baseline file, and say which of its entries
    /// match no finding any more.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["write_baseline", "prune_baseline"])]
    pub baseline: Option<PathBuf>,

    /// Write every finding to this baseline file, accepting them.
    #[arg(long, value_name = "FILE", conflicts_with = "prune_baseline")]
    pub write_baseline: Option<PathBuf>,

    /// As `--baseline`, and rewrite the file without its entries that match no finding (fixed,
    /// or changed and so reported as new).
    #[arg(long, value_name = "FILE")]
    pub prune_baseline: Option<PathBuf>,

    /// Only read and parse the files, with the same discovery and threads (for benchmarks).
    #[arg(long, hide = true)]
    pub parse_only: bool,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text with source snippets, on stderr.
    Human,
    /// Cargo-compatible JSON messages, one per line, on stdout.
    Json,
    /// SARIF 2.1.0, on stdout.
    Sarif,
    /// GitHub Actions workflow commands, on stdout.
    Github,
}

/// When to color.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When printing to a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl Args {
    /// Parses `argv`, with or without the `onus` that cargo inserts when it runs `cargo onus`.
    ///
    /// # Errors
    ///
    /// A usage error, or the request for help or version (which clap reports as an error whose
    /// `exit` prints it and exits 0).
    pub fn parse_from_argv(argv: impl IntoIterator<Item = OsString>) -> Result<Self, clap::Error> {
        let mut argv: Vec<OsString> = argv.into_iter().collect();
        if argv.get(1).is_some_and(|first| first == "onus") {
            argv.remove(1);
        }
        Self::try_parse_from(argv)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(argv: &[&str]) -> Result<Args, clap::Error> {
        Args::parse_from_argv(argv.iter().map(OsString::from))
    }

    #[test]
    fn the_leading_onus_is_optional() {
        for argv in [
            &["cargo-onus", "onus", "check", "src"][..],
            &["cargo-onus", "check", "src"][..],
        ] {
            let Ok(Args {
                command: Command::Check(check),
                ..
            }) = parse(argv)
            else {
                panic!("{argv:?} did not parse as `check`");
            };
            assert_eq!(check.paths, [PathBuf::from("src")]);
        }
    }

    #[test]
    fn the_baseline_flags_exclude_each_other() {
        for (first, second) in [
            ("--baseline", "--write-baseline"),
            ("--baseline", "--prune-baseline"),
            ("--write-baseline", "--prune-baseline"),
        ] {
            let parsed = parse(&["cargo-onus", "check", first, "a.json", second, "b.json"]);
            assert!(parsed.is_err(), "{first} {second}");
        }
    }

    #[test]
    fn the_command_line_is_well_formed() {
        use clap::CommandFactory;
        Args::command().debug_assert();
    }
}
