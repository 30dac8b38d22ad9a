// The annotated item is left exactly as written: the compiler's own errors in it read as they
// would without the attribute, with no macro expansion in the way.

#[onus::check]
fn count(items: &[u32]) -> u32 {
    items.len()
}

#[onus::check]
impl Counter {
    fn total(&self) -> u32 {
        self.missing
    }
}

struct Counter;

fn main() {}
