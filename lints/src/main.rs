//! `cargo-onus`: the `cargo onus` subcommand.

fn main() {
    std::process::exit(onus_lints::cli::main());
}
