use std::fmt;

// Only the compiler's E0428: the derive adds no error of its own about the repeated name
// (neither a duplicate code nor a non-exhaustive `match`). `Debug` and `Display` are written
// without a `match` so that they add none either.
#[derive(onus::Classify)]
#[onus(class = business, status = 400, severity = info)]
pub enum CouponError {
    Expired,
    Unknown,
    Expired,
}

impl fmt::Debug for CouponError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CouponError")
    }
}

impl fmt::Display for CouponError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid coupon")
    }
}

impl std::error::Error for CouponError {}

fn main() {}
