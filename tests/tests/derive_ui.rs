//! Compile-time behaviour of `#[derive(Classify)]` and `#[onus::allow]`: each mistake in
//! `ui/derive/*.rs` fails with the error in its `.stderr`; each `ui/derive/pass/*.rs` compiles
//! and runs. Regenerate the `.stderr` files with `TRYBUILD=overwrite`, then read every one.

#[test]
fn derive_ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/derive/*.rs");
    cases.pass("ui/derive/pass/*.rs");
}
