/// Never finished.
pub fn half(x: u32) -> u32 {
    let y = x /
}
