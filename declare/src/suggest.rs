//! "Did you mean": the nearest known name to a misspelt one. The `#[onus(...)]` parser suggests
//! keys, severities and status names with it, and the checker (rule ids in configuration and
//! suppressions) and `#[onus::check]` reuse it, so every front end suggests alike.

/// Levenshtein distance between two short strings, case-insensitively (`conflict` is one
/// mistake away from nothing but `CONFLICT`, which deserves a suggestion too).
#[must_use]
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `typo`, if it is close enough to be what the user meant: at most a
/// third of the typo's length away (at least one edit), or equal ignoring case.
#[must_use]
pub fn nearest<'a>(typo: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (typo.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(typo, candidate), candidate))
        .filter(|&(distance, _)| distance <= limit)
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("severty", "severity"), 1);
        assert_eq!(edit_distance("status", "status"), 0);
        assert_eq!(edit_distance("statsu", "status"), 2);
        assert_eq!(edit_distance("", "class"), 5);
        assert_eq!(edit_distance("conflict", "CONFLICT"), 0);
    }

    #[test]
    fn nearest_suggests_only_close_candidates() {
        let keys = ["class", "status", "severity", "code", "retryable"];
        assert_eq!(nearest("severty", keys), Some("severity"));
        assert_eq!(nearest("clas", keys), Some("class"));
        assert_eq!(nearest("stauts", keys), Some("status"));
        assert_eq!(nearest("colour", keys), None);
        assert_eq!(nearest("x", keys), None);
    }
}
