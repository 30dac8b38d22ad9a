#[onus::allow]
fn no_rules() {}

#[onus::allow(swallowed_error, reason = "")]
fn empty_reason() {}

#[onus::allow(swallowed_error, level = "warn")]
fn unknown_argument() {}

#[onus::allow("swallowed_error")]
fn string_rule() {}

fn main() {
    no_rules();
    empty_reason();
    unknown_argument();
    string_rule();
}
