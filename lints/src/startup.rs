//! Which fns of a file run only at the program's start: called from its entry point (`fn main`,
//! a `#[tokio::main]` fn), or in a task or thread it starts in its own body, not in a loop there
//! (`tokio::spawn(async move { loop { run(..).await } })`: started once, with the program), or
//! from other such fns, and named nowhere else in the file. A panic
//! there ends the process with its message, as the error returned to `main` would (linera's
//! `async fn run(options)`, its sole delegate). In a binary whose entry file is checked too
//! (`src/main.rs`, `src/bin/..`), the calls of all its files are seen, so a fn of another module
//! called only from `main` (`river`'s `from_basic_conf`) runs only at startup as well; elsewhere
//! (one item checked by `#[onus::check]`), only the calls written in the file with `main`.
//! A method is known by its type where the call names it (`Config::new(..)`, `Self::get()`
//! in `impl Config`), so another type's `Store::new(..)` is not a use of it; a method call
//! (`cfg.get()`) is known by the name alone, so a method whose name is called that way anywhere
//! else is never known to run only at startup. A free fn is known by its name (`run(..)`,
//! `setup_keys::run(..)`), which a method call (`cmd!(..).run()`) never calls.

use std::collections::{HashMap, HashSet};

/// Where a fn's name is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Site {
    /// Called in the body of the entry point itself, or in a task or thread it starts there
    /// once (not in another closure or async block there, which may run at any time).
    EntryPoint,
    /// Called in the body of the named fn.
    Fn(String),
    /// Anywhere else: in a closure, an item's initializer, or named as a value
    /// (`get(handler)`, `.map(parse_line)`), which may be called from anywhere.
    Elsewhere,
    /// Not a use: a method declared in `impl Config`, known as `Config::new`, so that the calls
    /// of its name alone (`cfg.load()`) are its uses too.
    Declared,
}

/// The uses of names in one file, in the order the walker met them (cloned with the file's
/// index fragment).
#[derive(Debug, Clone, Default)]
pub(crate) struct Uses(Vec<(String, Site)>);

impl Uses {
    pub(crate) fn record(&mut self, name: String, site: Site) {
        self.0.push((name, site));
    }

    /// The names of the fns that run only at startup, as this file's uses tell.
    pub(crate) fn run_only_at_startup(&self) -> HashSet<&str> {
        run_only_at_startup(&[self])
    }
}

/// The names of the fns that run only at startup, as the uses of a binary's files tell: reached
/// from the entry point through calls, and used nowhere but there and in other such fns.
pub(crate) fn run_only_at_startup<'a>(files: &[&'a Uses]) -> HashSet<&'a str> {
    let mut sites: HashMap<&str, Vec<&Site>> = HashMap::new();
    for (name, site) in files.iter().flat_map(|uses| &uses.0) {
        sites.entry(name.as_str()).or_default().push(site);
    }
    // A method known by its type (`Config::new`) is also used wherever a method of its name is
    // called (`.new`): `cfg.get()` may be of any type's. A free fn of that name is not.
    let method_calls: HashMap<&str, Vec<&Site>> = sites
        .iter()
        .filter_map(|(name, uses)| Some((name.strip_prefix('.')?, uses.clone())))
        .collect();
    for (name, uses) in &mut sites {
        if let Some((_, method)) = name.rsplit_once("::")
            && let Some(elsewhere) = method_calls.get(method)
        {
            uses.extend(elsewhere);
        }
    }
    // Reached from the entry point, through calls in fns so reached.
    let mut reached: HashSet<&str> = sites
        .iter()
        .filter(|(_, uses)| uses.iter().any(|site| **site == Site::EntryPoint))
        .map(|(name, _)| *name)
        .collect();
    loop {
        let more: Vec<&str> = sites
            .iter()
            .filter(|(name, uses)| {
                !reached.contains(*name)
                    && uses.iter().any(|site| {
                        matches!(site, Site::Fn(caller) if reached.contains(caller.as_str()))
                    })
            })
            .map(|(name, _)| *name)
            .collect();
        if more.is_empty() {
            break;
        }
        reached.extend(more);
    }
    // Of those, the ones used only from the entry point or from each other.
    loop {
        let leaves: Vec<&str> = reached
            .iter()
            .copied()
            .filter(|name| {
                sites[name].iter().any(|site| match site {
                    Site::EntryPoint | Site::Declared => false,
                    Site::Fn(caller) => !reached.contains(caller.as_str()),
                    Site::Elsewhere => true,
                })
            })
            .collect();
        if leaves.is_empty() {
            return reached;
        }
        for name in leaves {
            reached.remove(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uses(list: &[(&str, Site)]) -> Uses {
        let mut uses = Uses::default();
        for (name, site) in list {
            uses.record((*name).to_owned(), site.clone());
        }
        uses
    }

    fn names(uses: &Uses) -> Vec<&str> {
        let mut names: Vec<&str> = uses.run_only_at_startup().into_iter().collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn called_from_main_and_from_what_main_calls() {
        let uses = uses(&[
            ("run", Site::EntryPoint),
            ("load_config", Site::Fn("run".to_owned())),
            ("run", Site::Fn("run".to_owned())),
        ]);
        assert_eq!(names(&uses), ["load_config", "run"]);
    }

    #[test]
    fn a_method_is_known_by_its_type_where_the_call_names_it() {
        let uses = uses(&[
            ("Config::new", Site::EntryPoint),
            ("Config::read", Site::Fn("Config::new".to_owned())),
            ("Store::new", Site::Elsewhere),
            ("Config::get", Site::EntryPoint),
            (".get", Site::Elsewhere),
            // Declared in `impl Config`, called from `main` as `config.load()`.
            ("Config::load", Site::Declared),
            (".load", Site::EntryPoint),
        ]);
        assert_eq!(
            names(&uses),
            [".load", "Config::load", "Config::new", "Config::read"]
        );
    }

    #[test]
    fn a_method_call_is_not_a_use_of_a_free_fn() {
        // `setup_keys::run(args)` from `main`; `cmd!(shell, "..").run()` elsewhere.
        let uses = uses(&[("run", Site::EntryPoint), (".run", Site::Elsewhere)]);
        assert_eq!(names(&uses), ["run"]);
    }

    #[test]
    fn a_use_anywhere_else_makes_it_a_fn_like_any_other() {
        let uses = uses(&[
            ("run", Site::EntryPoint),
            ("handle", Site::Fn("run".to_owned())),
            ("handle", Site::Elsewhere),
            ("parse", Site::Fn("handle".to_owned())),
            ("serve", Site::Fn("helper".to_owned())),
        ]);
        assert_eq!(names(&uses), ["run"]);
    }
}
