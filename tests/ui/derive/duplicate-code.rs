#[derive(Debug, thiserror::Error, onus::Classify)]
#[onus(class = business, status = 400, severity = info)]
pub enum CouponError {
    #[error("coupon expired")]
    #[onus(code = "coupon.invalid")]
    Expired,
    #[error("coupon unknown")]
    #[onus(code = "coupon.invalid")]
    Unknown,
    #[error("coupon used")]
    Used,
    #[error("coupon used up")]
    #[onus(code = "coupon_error.used")]
    UsedUp,
}

fn main() {}
