// `#[onus::allow]` leaves the item as it is.
#[onus::allow(swallowed_error)]
fn one() -> u8 {
    1
}

#[onus::allow(swallowed_error, log_without_error, reason = "the caller logs it")]
struct Marked;

fn main() {
    let _ = Marked;
    assert_eq!(one(), 1);
}
