// A module whose items are in another file cannot be seen by an attribute macro.

#[onus::check]
mod elsewhere;

fn main() {}
