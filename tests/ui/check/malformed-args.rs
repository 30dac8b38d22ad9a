// Every malformed argument is reported at the bad token, all of them in one build.

#[onus::check(deny(swallowed_eror))]
fn typo_in_rule() {}

#[onus::check(dney)]
fn typo_in_level() {}

#[onus::check(alow(lost_source))]
fn typo_in_level_with_a_list() {}

#[onus::check(deny = "all")]
fn value_instead_of_list() {}

#[onus::check(allow)]
fn bare_allow() {}

#[onus::check(deny, warn)]
fn two_defaults() {}

#[onus::check(deny(catch_all), warn(catch_all))]
fn rule_twice() {}

#[onus::check(deny())]
fn empty_list() {}

#[onus::check(swallowed_error)]
fn rule_without_level() {}

#[onus::check(deny(parse_error))]
fn parse_error_is_not_for_the_macro() {}

#[onus::check(deny("catch_all"))]
fn string_instead_of_name() {}

#[onus::check(deny(catch_all unwrap_in_fallible))]
fn missing_comma() {}

fn main() {}
