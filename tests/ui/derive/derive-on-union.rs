#[derive(onus::Classify)]
#[onus(class = system, status = 500, severity = error)]
pub union Bits {
    pub word: u32,
    pub bytes: [u8; 4],
}

fn main() {}
