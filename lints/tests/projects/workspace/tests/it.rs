#[test]
fn unfinished( {
