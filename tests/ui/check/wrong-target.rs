// `#[onus::check]` goes on a free fn, an impl block, a trait or an inline module.

#[onus::check]
#[derive(Debug)]
struct Config;

#[onus::check]
const LIMIT: u32 = 3;

struct Store;

impl Store {
    #[onus::check]
    fn len(&self) -> usize {
        0
    }

    #[onus::check]
    fn new() -> Self {
        Store
    }
}

fn main() {}
