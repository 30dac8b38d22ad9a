//! The `cargo onus` command line: glue between arguments, configuration, the engine and the
//! renderers.
//!
//! Exit status: 0 when nothing at `deny` level was found (warnings do not fail the run), 1 when
//! something was (a file that cannot be read or parsed counts), 2 when the run could not happen
//! or could not be reported: a usage or configuration error, an unreadable baseline, an output
//! that cannot be written.

mod args;
mod config;
mod discover;
use crate::files;

use std::collections::HashSet;
use std::io::{self, IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub use args::{Args, CatalogArgs, CatalogFormatArg, CheckArgs, ColorChoice, Command, Format};
pub use config::{CONFIG_FILE, ConfigError, PathGlobs, Settings, find_root, load};

use crate::baseline::{self, Baseline};
use crate::engine::{self, Input};
use crate::render::{
    BaselineUse, Github, Human, Json, PackageInfo, Render, Run, Sarif, Sources, StaleEntry,
    escape_line,
};
use crate::{Diagnostic, Level, catalog, rules};

/// No finding at `deny` level.
const SUCCESS: u8 = 0;
/// At least one finding at `deny` level.
const FINDINGS: u8 = 1;
/// A usage, configuration or I/O error: the check did not run or could not be reported.
const FAILURE: u8 = 2;

/// The largest baseline read (a baseline entry takes about 200 bytes).
const BASELINE_LIMIT: u64 = 256 << 20;

/// The largest committed catalog read by `cargo onus catalog --check`.
const CATALOG_LIMIT: u64 = 64 << 20;

/// Runs `cargo onus` with the process's arguments and returns its exit status.
#[must_use]
pub fn main() -> ExitCode {
    let args = match Args::parse_from_argv(std::env::args_os()) {
        Ok(args) => args,
        Err(error) => {
            // Prints help/version (exit 0) or the usage error (exit 2), as clap does. Should
            // stderr be gone there is nowhere left to say so; the exit status still tells.
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(FAILURE));
        }
    };
    let color = use_color(args.color);
    let outcome = match &args.command {
        Command::Check(check_args) => check(check_args, color),
        Command::Explain { rule } => explain(rule),
        Command::Rules => list_rules(color),
        Command::Catalog(catalog_args) => catalog(catalog_args, color),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!("{}", failure.render(color));
            ExitCode::from(FAILURE)
        }
    }
}

/// Why a command could not do its job.
#[derive(Debug)]
enum Failure {
    Config(Vec<ConfigError>),
    Message {
        message: String,
        help: Option<String>,
    },
}

impl Failure {
    fn message(message: impl std::fmt::Display) -> Self {
        Self::Message {
            message: message.to_string(),
            help: None,
        }
    }

    fn render(&self, color: bool) -> String {
        match self {
            Self::Config(errors) => errors
                .iter()
                .map(|error| error.render(color))
                .collect::<Vec<_>>()
                .join("\n\n"),
            Self::Message { message, help } => {
                use annotate_snippets::{Group, Level as SnippetLevel, Renderer};
                let mut group =
                    Group::with_title(SnippetLevel::ERROR.primary_title(escape_line(message)));
                if let Some(help) = help {
                    group = group.element(SnippetLevel::HELP.message(escape_line(help)));
                }
                let renderer = if color {
                    Renderer::styled()
                } else {
                    Renderer::plain()
                };
                renderer.render(&[group])
            }
        }
    }
}

fn use_color(choice: Option<ColorChoice>) -> bool {
    let choice = choice.or_else(|| match std::env::var("CARGO_TERM_COLOR").as_deref() {
        Ok("always") => Some(ColorChoice::Always),
        Ok("never") => Some(ColorChoice::Never),
        _ => None,
    });
    match choice.unwrap_or(ColorChoice::Auto) {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    }
}

/// The outcome of writing the output `what`: a reader that went away (`cargo onus check --format
/// json | head`) is not a failure of the run, which keeps its exit code; any other error is.
fn written(result: io::Result<()>, what: &str) -> Result<(), Failure> {
    match result {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(Failure::message(format!("cannot write {what}: {error}"))),
        Ok(()) => Ok(()),
    }
}

fn current_dir() -> Result<PathBuf, Failure> {
    std::env::current_dir()
        .map_err(|error| Failure::message(format!("cannot read the current directory: {error}")))
}

fn load_settings(root: &Path, color: bool) -> Result<Settings, Failure> {
    let settings = load(root).map_err(Failure::Config)?;
    for warning in &settings.warnings {
        warn(warning, color);
    }
    Ok(settings)
}

/// Prints a `warning:` line on stderr, styled like the findings.
fn warn(message: &str, color: bool) {
    print_title(annotate_snippets::Level::WARNING, message, color);
}

/// Prints a `note:` line on stderr: something the user should know that changes nothing of the
/// outcome (what was skipped and why).
fn note(message: &str, color: bool) {
    print_title(annotate_snippets::Level::NOTE, message, color);
}

fn print_title(level: annotate_snippets::Level<'_>, message: &str, color: bool) {
    use annotate_snippets::{Group, Renderer};
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let message = crate::render::escape_line(message);
    eprintln!(
        "{}",
        renderer.render(&[Group::with_title(level.primary_title(message.as_ref()))])
    );
}

/// The project root, its configuration and the files to read: every member of the workspace, or
/// the files under `paths`.
fn gather(
    paths: &[PathBuf],
    color: bool,
) -> Result<(PathBuf, Settings, Vec<PackageInfo>, Vec<Input>), Failure> {
    let cwd = current_dir()?;
    let named = !paths.is_empty();
    let (root, roots, packages, test_targets, notes, onus_packages) = if named {
        // The project the paths are in, wherever the checker was started from: paths in the
        // output are relative to its root however the arguments were written.
        let base = paths.first().map_or_else(
            || cwd.clone(),
            |path| {
                let path = crate::render::normalize(&cwd.join(path));
                if path.is_dir() {
                    path
                } else {
                    path.parent().map_or_else(|| cwd.clone(), Path::to_path_buf)
                }
            },
        );
        // Which packages use onus is still cargo's to say when the paths are in a workspace;
        // outside one, the engine asks whether any checked file uses `onus::`.
        let onus_packages = discover::workspace(&base)
            .ok()
            .map(|workspace| workspace.onus_packages);
        (
            find_root(&base),
            paths.to_vec(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            onus_packages,
        )
    } else {
        let workspace = discover::workspace(&cwd).map_err(|error| Failure::Message {
            message: error.to_string(),
            help: Some("run it inside a cargo workspace, or name the paths to check".to_owned()),
        })?;
        let test_targets = workspace
            .test_targets
            .iter()
            .map(|target| discover::shown(target, &cwd))
            .collect();
        (
            workspace.root,
            workspace.roots,
            workspace.packages,
            test_targets,
            workspace.notes,
            Some(workspace.onus_packages),
        )
    };
    let mut settings = load_settings(&root, color)?;
    settings.engine.onus_packages = onus_packages;
    let found =
        discover::files(&roots, &settings.exclude, &cwd, named, &root).map_err(|error| {
            Failure::Message {
                message: error.to_string(),
                help: Some("name regular files or directories to check".to_owned()),
            }
        })?;
    settings.engine.panic_boundary_files = found
        .files
        .iter()
        .filter(|file| settings.panic_boundary_files.matches(file, false))
        .cloned()
        .collect();
    for message in notes.iter().chain(&found.notes) {
        note(message, color);
    }
    let mut inputs = discover::read(found.files, &test_targets);
    inputs.extend(
        found
            .unlisted
            .into_iter()
            .map(|(path, error)| Input::Unlisted { path, error }),
    );
    Ok((root, settings, packages, inputs))
}

/// `cargo onus catalog`: render the classified errors, or compare them with a committed file.
fn catalog(args: &CatalogArgs, color: bool) -> Result<u8, Failure> {
    let (root, mut settings, _, inputs) = gather(&args.paths, color)?;
    // The catalog says which variants a test names.
    settings.engine.read_tests = true;
    let report = engine::check(inputs, &settings.engine);
    for diagnostic in &report.diagnostics {
        if diagnostic.rule == rules::PARSE_ERROR {
            warn(
                &format!(
                    "not in the catalog: {}: {}",
                    crate::render::relative_path(&diagnostic.file, &root),
                    diagnostic.message
                ),
                color,
            );
        }
    }
    let mut types = report.error_types;
    for ty in &mut types {
        ty.file = PathBuf::from(crate::render::relative_path(&ty.file, &root));
    }
    // Sorted again: the files' order as given may differ from their order relative to the root.
    types.sort_by(|a, b| (&a.name, &a.file, a.line).cmp(&(&b.name, &b.file, b.line)));
    let format = match args.format {
        CatalogFormatArg::Markdown => catalog::CatalogFormat::Markdown,
        CatalogFormatArg::Json => catalog::CatalogFormat::Json,
        CatalogFormatArg::Openapi => catalog::CatalogFormat::Openapi,
    };
    let rendered = catalog::render(&types, format);
    let format_name = match args.format {
        CatalogFormatArg::Markdown => "markdown",
        CatalogFormatArg::Json => "json",
        CatalogFormatArg::Openapi => "openapi",
    };
    if let Some(committed) = &args.check {
        let text = files::read_small(committed, CATALOG_LIMIT, None).map_err(|error| {
            Failure::Message {
                message: format!("cannot read the catalog `{}`: {error}", committed.display()),
                help: Some(format!(
                    "generate it with `cargo onus catalog --format {format_name} --output {}`",
                    committed.display()
                )),
            }
        })?;
        // A checkout that turned line endings into CRLF has not changed the catalog.
        let text = text.replace("\r\n", "\n");
        let name = committed.display().to_string();
        // A declaration that only moved (a comment added above it) has not changed.
        let changed = !catalog::same_declarations(&text, &rendered);
        return match catalog::diff(&text, &rendered, &name, "the code (cargo onus catalog)")
            .filter(|_| changed)
        {
            None => {
                eprintln!(
                    "the catalog `{}` matches the code ({} type(s))",
                    escape_line(&name),
                    types.len()
                );
                Ok(SUCCESS)
            }
            Some(diff) => {
                eprintln!(
                    "{}",
                    Failure::Message {
                        message: format!("the catalog `{name}` does not match the code"),
                        help: Some(format!(
                            "regenerate it with `cargo onus catalog --format {format_name} --output {name}` and commit it"
                        )),
                    }
                    .render(color)
                );
                // The diff shows the declarations' own strings: escaped, line by line.
                for line in diff.lines() {
                    eprintln!("{}", escape_line(line));
                }
                Ok(FINDINGS)
            }
        };
    }
    match &args.output {
        Some(path) => files::write_replacing(path, &rendered).map_err(|error| {
            Failure::message(format!("cannot write `{}`: {error}", path.display()))
        })?,
        None => {
            let mut out = io::stdout().lock();
            written(
                out.write_all(rendered.as_bytes())
                    .and_then(|()| out.flush()),
                "the catalog",
            )?;
        }
    }
    Ok(SUCCESS)
}

fn check(args: &CheckArgs, color: bool) -> Result<u8, Failure> {
    let (root, settings, packages, inputs) = gather(&args.paths, color)?;

    if args.parse_only {
        return parse_only(inputs);
    }

    // The files whose findings a baseline entry could match: those read in this run. Only a
    // baseline asks, and the set would be kept through the whole check.
    let uses_baseline =
        args.baseline.is_some() || args.write_baseline.is_some() || args.prune_baseline.is_some();
    let read: HashSet<String> = if uses_baseline {
        inputs
            .iter()
            .filter_map(|input| match input {
                Input::Source { path, .. } => Some(crate::render::relative_path(path, &root)),
                Input::Unreadable { .. } | Input::Unlisted { .. } => None,
            })
            .collect()
    } else {
        HashSet::new()
    };
    let report = engine::check(inputs, &settings.engine);
    let fingerprints = baseline::fingerprints(&report.diagnostics, &root);

    let mut baselined = apply_baseline(args, report.diagnostics, fingerprints, &root, &read)?;
    baselined.diagnostics.iter_mut().for_each(bound_texts);
    let diagnostics = &baselined.diagnostics;

    let sources = Sources::load(diagnostics);
    let run = Run {
        diagnostics,
        fingerprints: &baselined.fingerprints,
        sources: &sources,
        root: &root,
        files_checked: report.files_checked,
        baseline: baselined.baseline.as_ref().map(|outcome| BaselineUse {
            path: &outcome.path,
            accepted: outcome.accepted,
            stale: &outcome.stale,
            pruned: outcome.pruned,
        }),
    };
    written(render(args.format, color, packages, &run), "the report")?;

    let failed = diagnostics
        .iter()
        .any(|diagnostic| diagnostic.level == Level::Deny);
    Ok(if failed { FINDINGS } else { SUCCESS })
}

/// The most characters of one message, label or help that are printed.
const MAX_TEXT: usize = 1000;

/// Cuts the texts of a finding to [`MAX_TEXT`] characters: a message that quotes the checked code
/// (a runbook path, an error code) must not make one finding's output as large as the file.
/// Fingerprints are made before, from the whole texts.
fn bound_texts(diagnostic: &mut Diagnostic) {
    let bound = |text: &mut String| {
        if let Some((cut, _)) = text.char_indices().nth(MAX_TEXT) {
            text.truncate(cut);
            text.push('…');
        }
    };
    bound(&mut diagnostic.message);
    if let Some(help) = &mut diagnostic.help {
        bound(help);
    }
    for label in &mut diagnostic.labels {
        bound(&mut label.message);
    }
    if let Some(suggestion) = &mut diagnostic.suggestion {
        bound(&mut suggestion.message);
    }
}

/// The findings left to report after the baseline, with their fingerprints, and what the
/// baseline did.
struct Baselined {
    diagnostics: Vec<Diagnostic>,
    fingerprints: Vec<String>,
    baseline: Option<BaselineOutcome>,
}

/// What the baseline did: the owned form of [`BaselineUse`].
struct BaselineOutcome {
    path: PathBuf,
    accepted: usize,
    stale: Vec<StaleEntry>,
    pruned: bool,
}

/// Writes the baseline (`--write-baseline`), or reads it (`--baseline`, `--prune-baseline`) and
/// finds its stale entries (of the files in `read` that parsed), removing them from the file
/// when pruning; then keeps only the findings it does not accept.
fn apply_baseline(
    args: &CheckArgs,
    diagnostics: Vec<Diagnostic>,
    fingerprints: Vec<String>,
    root: &Path,
    read: &HashSet<String>,
) -> Result<Baselined, Failure> {
    let (path, accepted, pruning) = if let Some(path) = &args.write_baseline {
        let written = Baseline::from_findings(&diagnostics, &fingerprints, root);
        write_baseline(path, &written)?;
        eprintln!(
            "wrote {} finding(s) to the baseline `{}`",
            written.findings.len(),
            escape_line(&path.display().to_string())
        );
        (path, written, false)
    } else if let Some(path) = &args.baseline {
        (path, read_baseline(path)?, false)
    } else if let Some(path) = &args.prune_baseline {
        (path, read_baseline(path)?, true)
    } else {
        return Ok(Baselined {
            diagnostics,
            fingerprints,
            baseline: None,
        });
    };
    // A file that does not parse today was not checked: its entries may match once it does.
    let unparsed: HashSet<String> = diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.rule == rules::PARSE_ERROR)
        .map(|diagnostic| crate::render::relative_path(&diagnostic.file, root))
        .collect();
    let comparison = accepted.compare(&diagnostics, &fingerprints, |file| {
        read.contains(file) && !unparsed.contains(file)
    });
    let pruned = pruning && !comparison.stale.is_empty();
    if pruned {
        write_baseline(path, &accepted.without(&comparison.stale))?;
    }
    let stale = comparison
        .stale
        .iter()
        .map(|&index| {
            let entry = &accepted.findings[index];
            StaleEntry {
                fingerprint: entry.fingerprint.clone(),
                rule: entry.rule.clone(),
                file: entry.file.clone(),
                line: entry.line,
                message: entry.message.clone(),
            }
        })
        .collect();
    let total = diagnostics.len();
    let (diagnostics, fingerprints): (Vec<_>, Vec<_>) = diagnostics
        .into_iter()
        .zip(fingerprints)
        .zip(comparison.is_new)
        .filter_map(|(pair, new)| new.then_some(pair))
        .unzip();
    Ok(Baselined {
        baseline: Some(BaselineOutcome {
            path: path.clone(),
            accepted: total - diagnostics.len(),
            stale,
            pruned,
        }),
        diagnostics,
        fingerprints,
    })
}

/// Reads the baseline at `path` (a usage error when it cannot be read or is not one).
fn read_baseline(path: &Path) -> Result<Baseline, Failure> {
    let help = || {
        Some(format!(
            "write a baseline of version {} with `cargo onus check --write-baseline FILE`",
            baseline::VERSION
        ))
    };
    let text = files::read_small(path, BASELINE_LIMIT, None).map_err(|error| Failure::Message {
        message: format!("cannot read the baseline `{}`: {error}", path.display()),
        help: help(),
    })?;
    Baseline::parse(&text).map_err(|error| Failure::Message {
        message: format!("cannot use the baseline `{}`: {error}", path.display()),
        help: help(),
    })
}

/// Writes `baseline` to `path` atomically: a new file next to it, renamed over it.
fn write_baseline(path: &Path, baseline: &Baseline) -> Result<(), Failure> {
    files::write_replacing(path, &baseline.to_json()).map_err(|error| {
        Failure::message(format!(
            "cannot write the baseline `{}`: {error}",
            path.display()
        ))
    })
}

fn render(
    format: Format,
    color: bool,
    packages: Vec<PackageInfo>,
    run: &Run<'_>,
) -> io::Result<()> {
    // Diagnostics for people go to stderr, as rustc and cargo print them; machine formats go to
    // stdout so they can be piped or redirected on their own.
    match format {
        Format::Human => {
            let mut out = io::BufWriter::new(io::stderr().lock());
            Human::new(color).render(run, &mut out)?;
            out.flush()
        }
        Format::Json => write_stdout(&Json { packages }, run),
        Format::Sarif => write_stdout(&Sarif, run),
        Format::Github => write_stdout(&Github, run),
    }
}

fn write_stdout(renderer: &dyn Render, run: &Run<'_>) -> io::Result<()> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    renderer.render(run, &mut out)?;
    out.flush()
}

/// `--parse-only`: the benchmark's baseline. Same discovery and reading as a check, and the same
/// kind of thread pool as the engine (rayon, one thread per core, large stacks), then only
/// `syn::parse_file`.
fn parse_only(inputs: Vec<Input>) -> Result<u8, Failure> {
    use rayon::prelude::*;

    /// The engine's stack size, so that both runs pay the same for their threads.
    const STACK_SIZE: usize = engine::STACK_SIZE;

    let parse = |input: Input| match input {
        Input::Source { text, .. } => {
            // The engine's parse: a file too deep for the stack is refused, not parsed.
            let parsed = crate::parse::parse_file(&text, STACK_SIZE).is_ok();
            // The engine clears the thread's span table after each file too; without this the
            // table would only grow, which is not what a real parse of many files costs.
            proc_macro2::extra::invalidate_current_thread_spans();
            parsed
        }
        Input::Unreadable { .. } | Input::Unlisted { .. } => false,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(STACK_SIZE)
        .build()
        .map_err(|error| Failure::message(format!("cannot start the parser threads: {error}")))?;
    let total = inputs.len();
    let parsed = pool.install(|| inputs.into_par_iter().map(parse).filter(|ok| *ok).count());
    eprintln!(
        "parsed {parsed} of {total} file(s); {} could not be read or parsed",
        total - parsed
    );
    Ok(SUCCESS)
}

fn explain(rule: &str) -> Result<u8, Failure> {
    let id = rule.strip_prefix("onus::").unwrap_or(rule);
    let Some(info) = rules::find(id) else {
        return Err(unknown_rule(id));
    };
    let mut out = io::stdout().lock();
    written(
        writeln!(out, "onus::{}: {}\n", info.id, info.summary)
            .and_then(|()| writeln!(out, "Default level: {}\n", info.default_level))
            .and_then(|()| write!(out, "{}", info.docs()))
            .and_then(|()| out.flush()),
        "the documentation",
    )?;
    Ok(SUCCESS)
}

fn unknown_rule(id: &str) -> Failure {
    Failure::Message {
        message: format!("unknown rule `{id}`"),
        help: Some(match rules::closest(id) {
            Some(near) => format!("did you mean `{near}`? `cargo onus rules` lists every rule"),
            None => "`cargo onus rules` lists every rule".to_owned(),
        }),
    }
}

fn list_rules(color: bool) -> Result<u8, Failure> {
    let cwd = current_dir()?;
    let settings = load_settings(&find_root(&cwd), color)?;
    let width = rules::all()
        .iter()
        .map(|rule| rule.id.len())
        .max()
        .unwrap_or(0);
    let mut out = io::stdout().lock();
    let mut table = format!(
        "{:width$}  {:5}  {:7}  SUMMARY\n",
        "RULE", "LEVEL", "DEFAULT"
    );
    for rule in rules::all() {
        table.push_str(&format!(
            "{:width$}  {:5}  {:7}  {}\n",
            rule.id,
            rule.level(&settings.engine).as_str(),
            rule.default_level.as_str(),
            rule.summary
        ));
    }
    written(
        out.write_all(table.as_bytes()).and_then(|()| out.flush()),
        "the rule list",
    )?;
    Ok(SUCCESS)
}
