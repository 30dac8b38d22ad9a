#![allow(dead_code)]
// A call to a method declared in another module file of the crate: the attribute reads the
// crate's declarations, as `cargo onus check` indexes every file. (trybuild builds this file as
// the root of a crate outside its generated package's `src/`: the attribute then reads this file
// and the module files it declares.)

#[path = "declared-elsewhere/db.rs"]
mod db;

pub struct State {
    db: db::Db,
}

#[onus::check(deny(ignored_result))]
fn signup(state: &State) {
    let _ = state.db.audit("signup");
    state.db.count();
}

fn main() {}
