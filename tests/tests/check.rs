//! `#[onus::check]` leaves the annotated item exactly as written: the same code compiles and
//! behaves the same, with the same spans (`line!()` and `column!()` inside it still report where
//! they are written), on every kind of item the attribute accepts.

use std::collections::BTreeMap;

#[onus::check(deny)]
fn where_am_i() -> (u32, u32) {
    (line!(), column!())
}

#[test]
fn spans_are_the_ones_written() {
    assert_eq!(where_am_i(), (9, 15));
}

#[onus::check(deny)]
#[must_use = "parsing has no other effect"]
fn parse_pairs(text: &str) -> Result<BTreeMap<String, u32>, std::num::ParseIntError> {
    let mut pairs = BTreeMap::new();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        let (key, value) = line.split_once('=').unwrap_or((line, "0"));
        pairs.insert(key.trim().to_owned(), value.trim().parse()?);
    }
    Ok(pairs)
}

#[test]
fn a_function_behaves_as_written() {
    let pairs = parse_pairs("a = 1\n\nb=2\nc").unwrap();
    assert_eq!(pairs.len(), 3);
    assert_eq!(pairs["b"], 2);
    assert_eq!(pairs["c"], 0);
    assert!(parse_pairs("a = x").is_err());
}

#[derive(Debug, Default)]
struct Counter {
    hits: BTreeMap<&'static str, u64>,
}

#[onus::check(deny)]
impl Counter {
    fn hit(&mut self, key: &'static str) -> u64 {
        let count = self.hits.entry(key).or_default();
        *count += 1;
        *count
    }

    fn total(&self) -> u64 {
        self.hits.values().sum()
    }
}

#[onus::check(deny)]
trait Describe {
    fn name(&self) -> String;

    fn describe(&self) -> String {
        format!("<{}>", self.name())
    }
}

impl Describe for Counter {
    fn name(&self) -> String {
        format!("counter of {}", self.total())
    }
}

#[test]
fn impls_and_traits_behave_as_written() {
    let mut counter = Counter::default();
    assert_eq!(counter.hit("a"), 1);
    assert_eq!(counter.hit("a"), 2);
    assert_eq!(counter.hit("b"), 1);
    assert_eq!(counter.total(), 3);
    assert_eq!(counter.describe(), "<counter of 3>");
}

#[onus::check(deny)]
mod classified {
    /// Error types in an annotated module must be classified under `deny`: this one is.
    #[derive(Debug, thiserror::Error, onus::Classify)]
    pub enum LookupError {
        #[error("no user {0}")]
        #[onus(class = business, status = 404, severity = info)]
        Missing(u32),
    }

    pub fn lookup(id: u32) -> Result<&'static str, LookupError> {
        match id {
            1 => Ok("ada"),
            other => Err(LookupError::Missing(other)),
        }
    }

    // `cfg` and other attributes inside the item still apply: it is compiled as written.
    #[cfg(any())]
    pub fn never_compiled() -> u32 {
        compile_error!("cfg'd out")
    }

    pub const LINE: u32 = line!();

    macro_rules! double {
        ($value:expr) => {
            $value * 2
        };
    }

    pub fn doubled(value: u32) -> u32 {
        double!(value)
    }
}

#[test]
fn a_module_behaves_as_written() {
    use onus::Classified;

    assert_eq!(classified::lookup(1).unwrap(), "ada");
    let error = classified::lookup(7).unwrap_err();
    assert_eq!(error.to_string(), "no user 7");
    assert_eq!(error.status().as_u16(), 404);
    assert_eq!(classified::LINE, 103);
    assert_eq!(classified::doubled(21), 42);
}

#[test]
fn generic_and_nested_items_are_accepted() {
    #[onus::check]
    fn largest<T: PartialOrd + Copy>(values: &[T]) -> Option<T> {
        values.iter().copied().fold(None, |best, value| match best {
            Some(best) if best >= value => Some(best),
            _ => Some(value),
        })
    }
    assert_eq!(largest(&[3, 9, 2]), Some(9));
    assert_eq!(largest::<u8>(&[]), None);
}
