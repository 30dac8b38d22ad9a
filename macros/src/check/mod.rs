//! `#[onus::check]`: the checker's rules as compiler diagnostics, in the editor as you type.
//!
//! A pipeline, one stage per module: [`args`] reads the levels, [`config`] reads the project's
//! configuration file (the levels apply on top of it), [`target`] checks what the attribute is
//! on, [`source`] finds the file's text for suppression comments, [`package`] the declarations
//! of the package the item is in, the engine (`onus_lints::engine::check_item_in`, the same rules
//! as `cargo onus check`) finds the problems, and [`emit`] turns them into warnings and errors.
//! The item itself is returned untouched: the diagnostics are items *beside* it.

mod args;
mod config;
mod emit;
mod package;
mod source;
mod stamp;
mod target;

use std::path::PathBuf;
use std::sync::Arc;

use onus_declare::ctxt::Ctxt;
use onus_lints::Config;
use onus_lints::package::Declarations;
use proc_macro2::TokenStream;

/// The attribute's entry point: [`expand`]s the item where the compiler finds it, in the package
/// `CARGO_MANIFEST_DIR` names.
pub(crate) fn entry(args: proc_macro::TokenStream, item: proc_macro::TokenStream) -> TokenStream {
    let file = item
        .clone()
        .into_iter()
        .next()
        .and_then(|token| source::file_of(token.span()));
    let package_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let project = package_dir.as_deref().map(config::of);
    let around = Around {
        project,
        file: file.clone(),
        source: || file.as_deref().and_then(source::read),
        package: |config: &Config| {
            let dir = package_dir?;
            Some(package::declarations(&dir, config, file.as_deref()))
        },
    };
    expand(args.into(), item.into(), around)
}

/// What the attribute reads beside the item's tokens, each part only once it is needed.
pub(crate) struct Around<S, P> {
    /// The project's configuration, when the package is known (`CARGO_MANIFEST_DIR`).
    pub(crate) project: Option<Arc<config::Project>>,
    /// The item's file (absolute), when the compiler says.
    pub(crate) file: Option<PathBuf>,
    /// The text of the item's file, for `// onus: allow(..)` comments: called only once there is
    /// a finding to suppress.
    pub(crate) source: S,
    /// The declarations of the item's package: called only once a finding depends on them.
    pub(crate) package: P,
}

/// The stack an item is checked on when the macro's own has too little left: the checker's
/// (the CLI checks each file on a thread with this stack).
const CHECK_STACK: usize = 256 << 20;

/// Stack kept free beyond the estimate of what checking an item needs, for what the estimate
/// does not count (the macro's own frames, emitting the diagnostics, reading the package).
const MARGIN: usize = 2 << 20;

/// The item's tokens exactly as written, followed by a warning item per finding and a
/// `compile_error!` per denied finding, malformed argument or unreadable configuration.
///
/// The levels are the configuration file's with the attribute's arguments on top. Without the
/// source text only `#[onus::allow]` attributes suppress findings; without the package's
/// declarations, a call is resolved with the item's own and the built-in table.
///
/// Parsing and walking the item recurse once per level of nesting, and a proc macro runs on
/// whatever stack the compiler has left: the item's need is estimated first, as the CLI does
/// for a file (`onus_lints::parse`), and it is checked on a stack of [`CHECK_STACK`] grown on
/// this same thread (proc-macro2's tokens cannot leave it) when the compiler's has too little.
/// An item too deep even for that is not checked: one warning says so, never a crash.
pub(crate) fn expand<S: AsRef<str>>(
    args: TokenStream,
    item: TokenStream,
    around: Around<impl FnOnce() -> Option<S>, impl FnOnce(&Config) -> Option<Declarations>>,
) -> TokenStream {
    let cx = Ctxt::new();
    let levels = args::parse(args, &cx);
    let project = around.project.unwrap_or_default();
    let mut diagnostics = TokenStream::new();
    if let Some(file) = &project.file {
        diagnostics.extend(emit::watch(file));
    }
    let config = match &project.config {
        Ok(config) => levels.config(config),
        Err(problem) => {
            cx.error(
                proc_macro2::Span::call_site(),
                problem,
                "fix the configuration file; until then the item is checked with the attribute's \
                 own levels",
            );
            levels.config(&Config::default())
        }
    };
    // Most items hold nothing any enabled rule could report: no parse for them, unless the
    // tokens do not plainly show an item the attribute may annotate (then the parse says why).
    let worth_checking = onus_lints::rules::could_report(&item, &config);
    if worth_checking || !target::plainly_checkable(&item) {
        match onus_lints::parse::stack_needed(&item, CHECK_STACK) {
            Ok(needed) => stacker::maybe_grow(needed + MARGIN, CHECK_STACK, || {
                let checked = Checked {
                    config: &config,
                    run_rules: worth_checking,
                    file: around.file.as_deref(),
                };
                check(
                    &item,
                    &checked,
                    around.source,
                    around.package,
                    &mut diagnostics,
                    &cx,
                );
            }),
            Err(span) => diagnostics.extend(emit::too_deep(span)),
        }
    }
    let mut out = item;
    out.extend(diagnostics);
    if let Err(errors) = cx.check() {
        out.extend(errors.to_compile_error());
    }
    out
}

/// How an item is checked.
struct Checked<'a> {
    config: &'a Config,
    /// Whether the rules run, or only the target is validated.
    run_rules: bool,
    file: Option<&'a std::path::Path>,
}

/// Parses the item, checks what the attribute is on, and, when `run_rules`, runs the rules and
/// emits their findings.
fn check<S: AsRef<str>>(
    item: &TokenStream,
    checked: &Checked<'_>,
    source: impl FnOnce() -> Option<S>,
    package: impl FnOnce(&Config) -> Option<Declarations>,
    diagnostics: &mut TokenStream,
    cx: &Ctxt,
) {
    // The compiler parsed the item before expanding the attribute and has reported its syntax
    // errors; an item `syn` cannot read is left unchecked rather than flagged twice.
    if let Ok(parsed) = syn::parse2::<syn::Item>(item.clone())
        && target::validate(&parsed, cx)
        && checked.run_rules
    {
        let findings = onus_lints::engine::check_item_in(
            &parsed,
            checked.file,
            source,
            || package(checked.config),
            checked.config,
        );
        emit::findings(&findings, checked.config, diagnostics, cx);
    }
}

#[cfg(test)]
mod tests {
    use onus_lints::Level;
    use quote::quote;

    use super::*;

    /// Nothing beside the item but `source`: no package, no configuration file.
    fn alone<'a>(
        source: Option<&'a str>,
    ) -> Around<impl FnOnce() -> Option<&'a str>, impl FnOnce(&Config) -> Option<Declarations>>
    {
        Around {
            project: None,
            file: None,
            source: move || source,
            package: |_: &Config| None,
        }
    }

    fn expanded(args: TokenStream, item: TokenStream, source: Option<&str>) -> String {
        expand(args, item, alone(source)).to_string()
    }

    #[test]
    fn a_clean_item_comes_back_as_it_was() {
        let item = quote! {
            fn load(path: &str) -> std::io::Result<String> {
                let text = std::fs::read_to_string(path)?;
                Ok(text)
            }
        };
        assert_eq!(expanded(quote!(), item.clone(), None), item.to_string());
    }

    #[test]
    fn a_clean_item_never_reads_its_file() {
        let item = quote! {
            fn clean() -> u8 {
                1
            }
        };
        let around = Around {
            project: None,
            file: None,
            source: || -> Option<&str> {
                panic!("the source was read for an item with nothing to suppress")
            },
            package: |_: &Config| -> Option<Declarations> {
                panic!("the package was read for an item with nothing to resolve")
            },
        };
        let out = expand(quote!(), item.clone(), around);
        assert_eq!(out.to_string(), item.to_string());
    }

    #[test]
    fn a_finding_is_a_warning_beside_the_unchanged_item() {
        let item = quote! {
            fn load(path: &str) -> u32 {
                match std::fs::read_to_string(path) {
                    Ok(text) => text.len() as u32,
                    Err(_) => 0,
                }
            }
        };
        let out = expanded(quote!(), item.clone(), None);
        assert!(out.starts_with(&item.to_string()), "{out}");
        assert!(out.contains("deprecated"), "{out}");
        assert!(out.contains("macro_rules ! swallowed_error"), "{out}");
        assert!(!out.contains("compile_error"), "{out}");
    }

    #[test]
    fn deny_makes_it_an_error_and_allow_removes_it() {
        let item = quote! {
            fn load(path: &str) -> u32 {
                match std::fs::read_to_string(path) {
                    Ok(text) => text.len() as u32,
                    Err(_) => 0,
                }
            }
        };
        let denied = expanded(quote!(deny), item.clone(), None);
        assert!(denied.contains("compile_error"), "{denied}");
        assert!(denied.contains("onus::swallowed_error"), "{denied}");
        assert!(!denied.contains("deprecated"), "{denied}");
        let allowed = expanded(quote!(allow(swallowed_error)), item.clone(), None);
        assert_eq!(allowed, item.to_string());
    }

    #[test]
    fn a_comment_in_the_source_suppresses_the_finding_on_the_next_line() {
        let source = "fn load(path: &str) -> u32 {\n    match std::fs::read_to_string(path) {\n        Ok(text) => text.len() as u32,\n        // onus: allow(swallowed_error) — a missing file counts as empty\n        Err(_) => 0,\n    }\n}\n";
        let item: TokenStream = source.parse().unwrap();
        assert!(expanded(quote!(), item.clone(), None).contains("swallowed_error"));
        assert_eq!(
            expanded(quote!(), item.clone(), Some(source)),
            item.to_string()
        );
        let elsewhere = source.replace(
            "// onus: allow(swallowed_error) — a missing file counts as empty\n",
            "\n",
        );
        let item: TokenStream = elsewhere.parse().unwrap();
        assert!(expanded(quote!(), item, Some(&elsewhere)).contains("swallowed_error"));
    }

    #[test]
    fn a_suppression_the_workspace_may_need_is_not_unused() {
        // `save` is declared elsewhere: only `cargo onus check` can tell that it returns a
        // `Result`, so the macro neither reports the call nor calls the suppression unused.
        let item = quote! {
            #[onus::allow(ignored_result, reason = "best effort")]
            fn register(repo: &Repo, user: &User) {
                let _ = repo.save(user);
            }
        };
        assert_eq!(expanded(quote!(), item.clone(), None), item.to_string());
    }

    #[test]
    fn an_error_type_s_own_allow_covers_its_finding() {
        let item = quote! {
            mod cli {
                #[derive(Debug, thiserror::Error)]
                #[onus::allow(unclassified_error, reason = "mapped to an exit status")]
                pub enum CliError {
                    #[error("usage")]
                    Usage,
                }
            }
        };
        assert_eq!(expanded(quote!(), item.clone(), None), item.to_string());
    }

    const SWALLOWS: &str = "fn load(path: &str) -> u32 {\n    match std::fs::read_to_string(path) {\n        Ok(text) => text.len() as u32,\n        Err(_) => 0,\n    }\n}\n";

    /// `SWALLOWS` under the attribute `args`, with the configuration file's `levels` (or the
    /// mistake it holds).
    fn configured(args: TokenStream, levels: Result<&[(&str, Level)], &str>) -> String {
        let config = levels
            .map(|levels| {
                let mut config = Config::default();
                for (rule, level) in levels {
                    config.levels.insert((*rule).to_owned(), *level);
                }
                config
            })
            .map_err(str::to_owned);
        let around = Around {
            project: Some(Arc::new(config::Project { config, file: None })),
            ..alone(None)
        };
        expand(args, SWALLOWS.parse().unwrap(), around).to_string()
    }

    #[test]
    fn the_file_s_levels_apply_and_the_attribute_s_go_on_top() {
        let denied: &[(&str, Level)] = &[("swallowed_error", Level::Deny)];
        let out = configured(quote!(), Ok(denied));
        assert!(out.contains("compile_error"), "{out}");
        let out = configured(quote!(warn), Ok(denied));
        assert!(
            !out.contains("compile_error") && out.contains("deprecated"),
            "{out}"
        );
        let out = configured(quote!(allow(swallowed_error)), Ok(denied));
        assert_eq!(out, SWALLOWS.parse::<TokenStream>().unwrap().to_string());
        // The project turned the rule off: a bare `deny` does not turn it back on.
        let off: &[(&str, Level)] = &[("swallowed_error", Level::Allow)];
        let out = configured(quote!(deny), Ok(off));
        assert_eq!(out, SWALLOWS.parse::<TokenStream>().unwrap().to_string());
        let out = configured(quote!(deny(swallowed_error)), Ok(off));
        assert!(out.contains("compile_error"), "{out}");
    }

    #[test]
    fn a_malformed_configuration_is_one_error_and_the_item_is_still_checked() {
        let problem = "cannot read the onus configuration\nonus.toml:2:13: unknown level `dney`";
        let out = configured(quote!(), Err(problem));
        assert!(
            out.starts_with(&SWALLOWS.parse::<TokenStream>().unwrap().to_string()),
            "{out}"
        );
        assert_eq!(out.matches("compile_error").count(), 1, "{out}");
        assert!(
            out.contains("onus.toml:2:13: unknown level `dney`"),
            "{out}"
        );
        assert!(out.contains("macro_rules ! swallowed_error"), "{out}");
    }

    #[test]
    fn the_configuration_file_is_watched_by_the_compiler() {
        let file =
            std::env::temp_dir().join(format!("onus-check-watch-{}.toml", std::process::id()));
        std::fs::write(&file, "[rules]\n").unwrap();
        let item = quote! {
            fn clean() {}
        };
        let watched = |file: &std::path::Path| {
            let around = Around {
                project: Some(Arc::new(config::Project {
                    config: Ok(Config::default()),
                    file: Some(file.to_path_buf()),
                })),
                ..alone(None)
            };
            expand(quote!(), item.clone(), around).to_string()
        };
        let out = watched(&file);
        assert!(out.starts_with(&item.to_string()), "{out}");
        assert!(
            out.contains(&format!(
                "const _ : & [u8] = :: core :: include_bytes ! ({:?})",
                file.to_string_lossy()
            )),
            "{out}"
        );
        std::fs::remove_file(&file).unwrap();
        // Gone since: nothing to include (the build would fail on it).
        assert_eq!(watched(&file), item.to_string());
    }

    #[test]
    fn a_call_to_a_fn_declared_elsewhere_in_the_package_is_reported() {
        let dir = std::env::temp_dir().join(format!("onus-check-package-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(
            dir.join("src/db.rs"),
            "pub fn audit(what: &str) -> Result<(), String> {\n    let _ = what;\n    Ok(())\n}\n",
        )
        .unwrap();
        let item = quote! {
            fn handle() {
                let _ = audit("signup");
            }
        };
        assert_eq!(expanded(quote!(), item.clone(), None), item.to_string());
        let around = Around {
            project: None,
            file: None,
            source: || None::<&str>,
            package: |config: &Config| Some(package::declarations(&dir, config, None)),
        };
        let out = expand(quote!(), item.clone(), around).to_string();
        assert!(out.contains("macro_rules ! ignored_result"), "{out}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A fn whose finding sits `depth` blocks deep.
    fn nested(depth: usize) -> TokenStream {
        format!(
            "fn deep(path: &str) {{ {} let _ = std::fs::create_dir(path); {} }}",
            "{".repeat(depth),
            "}".repeat(depth)
        )
        .parse()
        .unwrap()
    }

    #[test]
    fn a_deeply_nested_item_is_checked_on_a_larger_stack() {
        // A test thread has 2 MiB of stack, less than syn and the walk need for 400 blocks in
        // an unoptimized build: without a larger stack this test overflows it.
        let out = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| expanded(quote!(), nested(400), None))
            .unwrap()
            .join()
            .unwrap();
        assert!(out.contains("macro_rules ! ignored_result"), "{out}");
        assert!(!out.contains("parse_error"), "{out}");
    }

    #[test]
    fn an_item_too_deep_for_any_stack_is_one_warning_not_a_crash() {
        let item = nested(6_000);
        let out = expand(quote!(deny), item.clone(), alone(None));
        // Printed to a bounded depth: printing all of the item would recurse 6,000 deep.
        fn shallow(tokens: TokenStream, depth: usize) -> String {
            tokens
                .into_iter()
                .map(|token| match token {
                    proc_macro2::TokenTree::Group(group) if depth == 0 => {
                        format!("{:?}(..)", group.delimiter())
                    }
                    proc_macro2::TokenTree::Group(group) => {
                        format!(
                            "{:?}({})",
                            group.delimiter(),
                            shallow(group.stream(), depth - 1)
                        )
                    }
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
        let top_level = |tokens: TokenStream| -> Vec<String> {
            tokens
                .into_iter()
                .map(|token| shallow(token.into(), 10))
                .collect()
        };
        let (item, out) = (top_level(item), top_level(out));
        assert_eq!(out[..item.len()], item[..], "the item is kept");
        let rest = out[item.len()..].join(" ");
        assert_eq!(rest.matches("macro_rules !").count(), 1, "{rest}");
        assert!(rest.contains("macro_rules ! parse_error"), "{rest}");
        assert!(rest.contains("nested too deeply to check"), "{rest}");
        assert!(
            !rest.contains("compile_error"),
            "a warning, even under `deny`: {rest}"
        );
    }

    #[test]
    fn wrong_targets_are_errors_and_the_item_is_kept() {
        for item in [
            quote!(
                mod elsewhere;
            ),
            quote!(
                struct Config;
            ),
            quote!(
                const LIMIT: u32 = 3;
            ),
            quote!(
                fn len(&self) -> usize {
                    0
                }
            ),
            quote!(
                fn new() -> Self {
                    Self
                }
            ),
        ] {
            let out = expanded(quote!(), item.clone(), None);
            assert!(out.starts_with(&item.to_string()), "{out}");
            assert!(out.contains("compile_error"), "{out}");
        }
    }
}
