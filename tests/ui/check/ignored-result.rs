#![allow(dead_code)]
// ignored_result: a `Result` thrown away. The macro knows the built-in fallible APIs and the
// functions the annotated item declares itself.

use std::fs;

#[onus::check]
fn prepare(path: &str) {
    let _ = fs::create_dir(path);
}

#[onus::check]
mod repo {
    pub struct User;

    pub fn save(_user: &User) -> Result<(), std::io::Error> {
        Ok(())
    }

    pub fn register(user: &User) {
        let _ = save(user);
        save(user).ok();
    }
}

#[onus::check(deny(ignored_result))]
fn prepare_denied(path: &str) {
    let _ = fs::create_dir(path);
}

fn main() {}
