//! `cargo-onus`: the `cargo onus` subcommand (see `lints/README.md`).

fn main() -> std::process::ExitCode {
    onus_lints::cli::main()
}
