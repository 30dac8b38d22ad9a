#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, status = 400, severity = info, code = "coupon", transparent, retry_after = 5)]
pub enum CouponError {
    #[error("coupon expired")]
    Expired,
}

fn main() {}
