//! Compile-time behaviour of `#[derive(Classify)]` and `#[onus::allow]`: each mistake in
//! `ui/derive/*.rs` fails with the error in its `.stderr`; each `ui/derive/pass/*.rs` compiles
//! and runs. Regenerate the `.stderr` files with `TRYBUILD=overwrite`, then read every one.
//!
//! With the feature `openapi` (onus's `utoipa`: `cargo test -p onus-tests --features openapi
//! --test derive_ui`), the passing cases must pass as well, and `ui/openapi/*.rs` holds the
//! mistakes of that feature. The mistakes of `ui/derive` are checked without it: a `via` function
//! that does not return a classified type is reported once more by the OpenAPI answers, which
//! call it too.

#[test]
fn derive_ui() {
    let cases = trybuild::TestCases::new();
    #[cfg(not(feature = "openapi"))]
    cases.compile_fail("ui/derive/*.rs");
    cases.pass("ui/derive/pass/*.rs");
    #[cfg(feature = "openapi")]
    cases.compile_fail("ui/openapi/*.rs");
}
