//! What an author writes to say why an error is let go: that it is ignored on purpose, best
//! effort, or cannot happen. It is read in a comment by the code (`// can't fail: parsed
//! above`; see [`crate::suppress::scan_explanations`]) and in a panic's own message
//! (`.expect("never fails: the range was checked")`).

/// How many lines below it an explaining comment reaches, at most.
pub(crate) const EXPLAINED_LINES: usize = 6;

/// What a comment says when it explains why an error is let go on purpose: it is ignored, best
/// effort, or not worth a thought. Matched in lowercase; [`CANNOT_FAIL`] explains too.
const LET_GO: &[&str] = &[
    "ignore",
    "ignoring",
    "best effort",
    "best-effort",
    "on purpose",
    "intentional",
    "don't care",
    "do not care",
    "discard error",
    // `// .. resulting in a send error. We just discard the error`.
    "discard the error",
    // opendal's `// discard the result if send failed due to / // the caller being cancelled`.
    "discard the result",
    // `// Error here corresponds to a timeout w/o `stop_receiver` changed; we're OK with this.`
    "ok with this",
    "ok with that",
    "not fatal",
    "not critical",
    "non-critical",
    "is fine",
    "swallow",
    "not propagate",
    "n't propagate",
    "safe to unwrap",
    "ok to unwrap",
    "okay to unwrap",
    "fine to unwrap",
    // krustlet's `// We can unwrap safely here as `get_pvc_spec` validates all these fields`.
    "unwrap safely",
    "safely unwrap",
    // The fallback is the author's choice: `// Defaulting, to convert "" entries to
    // Self::default`, `// fall back to the built-in list`.
    "fall back",
    "falls back",
    "falling back",
    "fallback",
    "defaulting",
    "default to",
    "defaults to",
    // `/// If reading fails, the function silently returns`.
    "silently",
    // `// we don't mind an error here because it will fall through the error below`.
    "don't mind",
    "do not mind",
    // `// .. the only way we can fail is if we no longer have the image. We'll treat that as
    // "no progress information"`: the answer the author chose for the failure.
    "treat that as",
    "treat it as",
    "treat this as",
    // omicron's `// Unwrap safety: ..` over the unwrap it explains.
    "unwrap safety",
    // `// MySQL .. coerces text to numeric, treating non-numeric strings as 0.` over the
    // fallback: the answer the author chose, as "treat that as" is.
    "treating",
    // What the failure means, said where it is let go: `// Send failure means the dispatcher
    // already exited`, `// .. this send will fail is if every receiver has been closed, which is
    // exactly what we want`, `// only fails if the peer is gone`.
    "failure means",
    "error means",
    "exactly what we want",
    "only fails if",
    "only fail if",
    "only fails when",
    "only fail when",
    "only errors if",
    "only errors when",
    // `// No need to handle error here, as this can only error if all of the receivers have
    // been dropped, which is what we want to do`.
    "no need to handle",
    "can only error",
    "can only fail",
    // `/// Returns default (500) if value is 0 or invalid`: the fallback covers a bad value, by
    // the author's word.
    "or invalid",
    "if invalid",
    // `// not all drives support that` over `if let Ok(stats) = drive.get_volume_statistics()`,
    // `// some changers don't support this`: the failure is the answer "this one cannot", by the
    // author's word. Not "doesn't support boolean types", which describes something else.
    "not all ",
    "support this",
    "support that",
];

/// How a note on why code is sound starts (`// SAFETY: ..`), in lowercase.
const SAFETY_NOTE: &str = "safety:";

/// What the author writes where an error cannot happen, in a comment or in the panic's own
/// message (`// can't fail: parsed above`, `.expect("programmer error: checked by the caller")`).
/// Matched in lowercase.
const CANNOT_FAIL: &[&str] = &[
    "can't fail",
    "cannot fail",
    "can not fail",
    "never fail",
    "won't fail",
    "will not fail",
    "never happen",
    "never throw",
    // trustify's `panic!("chrono::Utc::now() can never be before this was written!")`.
    "can never",
    "should never be",
    "can't happen",
    "cannot happen",
    // `// Will not error unless the Controller has dropped the rx half`, `// unwrap: ok because
    // there are no errors possible`.
    "will not error",
    "won't error",
    "cannot error",
    "can't error",
    "no errors possible",
    "no error possible",
    "no error is possible",
    "no errors are possible",
    // `// Can't panic, previous lat and lon must be valid.` over the unwrap.
    "can't panic",
    "cannot panic",
    "won't panic",
    "will not panic",
    "never panic",
    "infallible",
    "infaillible",
    "infalliable",
    "programmer error",
    "programming error",
    // `panic!("Developer error: cache contained a failed execution")`, `panic!("had neither a
    // deletion nor an insertion despite checking above")`.
    "developer error",
    "despite checking",
    "always returns ok",
    "always return ok",
    "always succeeds",
    "always succeed",
    // `.expect("adding tag column should not fail")`, `panic!(".. This should not be
    // possible.")`: the author asserts it, as "cannot fail" does.
    "should not fail",
    "should never fail",
    "shouldn't fail",
    "should not happen",
    "should never happen",
    "shouldn't happen",
    "should not be possible",
    "should be impossible",
    // `unimplemented!("Impossible to get here")` in the `else` of the branch that always runs.
    "impossible to get here",
    "impossible to reach",
    "can't get here",
    "cannot get here",
    "should not get here",
    "shouldn't get here",
    // `// SAFETY: index is verified on DescriptorChain creation` over the unwrap: the reason it
    // holds, in the words Rust asks for over `unsafe`.
    SAFETY_NOTE,
    // `unimplemented!("this is not meant to be ever called")`, `// This should never be called`
    // over a trait method's panic: nothing reaches it.
    "never be called",
    "never called",
    "not be called",
    "not meant to be",
    "not being called",
    // `// Safety: pass the regex check above` over `captures[1].parse().unwrap()`: the input was
    // checked where the reader sees it.
    "check above",
    "checked above",
    "validated above",
    "verified above",
    // lodestone's `// ALL of the following unwraps are safe because we just validated the
    // manifest value`.
    "unwraps are safe",
    "unwrap is safe",
    "just validated",
    "just checked",
];

/// Whether a comment's text, in lowercase, explains why an error is let go: it says the error is
/// let go on purpose or cannot happen, and does not say it is still to be settled.
pub(crate) fn explains(said: &str) -> bool {
    LET_GO
        .iter()
        .chain(CANNOT_FAIL)
        .any(|phrase| said.contains(phrase))
        && !is_unsettled(said)
}

/// Whether a comment's text, in lowercase, explains only as a `SAFETY:` note does: such a note
/// above an `unsafe` block speaks of the block, not of an error let go beside it.
pub(crate) fn explains_only_as_a_safety_note(said: &str) -> bool {
    said.contains(SAFETY_NOTE)
        && !LET_GO
            .iter()
            .chain(CANNOT_FAIL)
            .any(|phrase| *phrase != SAFETY_NOTE && said.contains(phrase))
}

/// Whether `written` may say one of the phrases, in any capitalization: most text says none of
/// them, and this look for a part of each is cheaper than lowercasing it.
pub(crate) fn may_explain(written: &str) -> bool {
    EXPLANATION_STEMS.iter().any(|stem| written.contains(stem))
}

/// What a panic's own message says when its failing would be a bug in the code
/// (`.expect("the context holds only serializable values; this is a bug")`), or that a check
/// made before guarantees it. Not read in a comment, where "this is a bug" may as well describe
/// the code below it.
const A_BUG_IF_IT_FAILS: &[&str] = &[
    "this is a bug",
    "indicates a bug",
    "would be a bug",
    // `.expect("ReturnPlan::Variables already guarantees unique names")`, `.expect("validated
    // values always fit their key")`: a check made earlier, named.
    "guarantee",
    "validated",
];

/// Whether a panic's message says it cannot happen (`.expect("never fails: the range was
/// checked")`, `panic!("Programmer error, expected APPE")`, `.expect(".. this is a bug")`): the
/// author asserts an invariant there, as an explaining comment would, unless the message says
/// it is still to be settled (`"TODO: cannot fail?"`).
pub(crate) fn says_it_cannot_fail(message: &str) -> bool {
    let said = message.to_ascii_lowercase();
    // `panic!("internal error: main called before map_loop")`, as std's `unreachable!` words it.
    (said.starts_with("internal error:")
        || CANNOT_FAIL
            .iter()
            .chain(A_BUG_IF_IT_FAILS)
            .any(|phrase| said.contains(phrase)))
        && !is_unsettled(&said)
}

/// Whether a comment's text, in lowercase, says the error still needs handling (`// TODO:
/// don't ignore this`).
pub(crate) fn is_unsettled(said: &str) -> bool {
    UNSETTLED.iter().any(|phrase| said.contains(phrase))
}

/// A part of each of [`LET_GO`] and [`CANNOT_FAIL`] that its capitalized form keeps (`Ignore`,
/// `Best effort`, `Can't fail`, `Programmer error`).
const EXPLANATION_STEMS: &[&str] = &[
    "ilently",
    "upport",
    "ot all",
    "ossible",
    "gnor",
    "ffort",
    "fail",
    "nwrap",
    "appen",
    "allible",
    "urpose",
    "ntention",
    "care",
    "rogram",
    "iscard",
    "fatal",
    "ritical",
    "fine",
    "ropagate",
    "hrow",
    "wallow",
    "aillible",
    "alliable",
    "ll back",
    "lls back",
    "lling back",
    "llback",
    "efault",
    "lways",
    "evelop",
    "espite",
    "above",
    "mind",
    "nvalid",
    "reat",
    "OK with",
    "ok with",
    "Ok with",
    "AFETY:",
    "afety:",
    "called",
    "eant to",
    "rror means",
    "hat we want",
    "ot error",
    "n't error",
    "rrors if",
    "rrors when",
    "panic",
    "eed to handle",
    "nly error",
    "get here",
    "never",
    "just ",
];

/// What makes a comment a note that the error still needs handling, not an explanation:
/// `// TODO: don't ignore this`, `// FIXME: never fails? check`.
const UNSETTLED: &[&str] = &[
    "todo",
    "fixme",
    "xxx",
    "n't ignore",
    "not ignore",
    "should not be ignored",
    "n't swallow",
    "not swallow",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_explains_in_the_authors_words() {
        for said in [
            "// ignore errors: the peer may be gone",
            "// discard errors here because we check the input later",
            "// It's possible that the user dropped its request. We just discard the error",
            "// Error here corresponds to a timeout; we're OK with this.",
            "// a key we cannot parse is skipped, not fatal",
            "// programmer error if this fails: the dispatcher routed it here",
            "// Compacting is not critical: a failure leaves the index as it was",
            "// non-critical: the next tick retries",
            "// Should never throw: writing into a Vec<u8> cannot fail",
            "// Err means there are no subscribers, it is fine.",
            "// do not propagate this error: the sender's own error is on its way",
            "// it swallows any error: the session is gone either way",
            "// Defaulting, to convert \"\" entries to Self::default",
            "// Fall back to the built-in list when the file is unreadable",
            "// Diagnostic only: falling back to the dense path",
            "// Falls back to the built-in list",
            "// safe to discard: MmdsNetworkStack::restore() always returns Ok",
            "// infalliable: a String parses from any text",
            "// we don't mind an error here: it falls through to the timeout below",
            "// the only way this fails is a stale image. We'll treat that as no progress",
            "// Unwrap safety: the name was validated when the zone was made",
            "// MySQL coerces text to numeric for SUM, treating non-numeric strings as 0.",
            "// Send failure means the dispatcher already exited",
            "// this send fails once every receiver is closed, which is exactly what we want",
            "// Will not error unless the Controller has dropped the rx half of the channel",
            "// unwrap: ok because there are no errors possible",
            "// only fails if the peer hung up",
            "// Can't panic, previous lat and lon must be valid.",
            "// No need to handle error here, as this can only error if all of the",
            "// Impossible to get here",
            "// We can unwrap safely here as `get_pvc_spec` validates all these fields",
            "// The id can never be reused: it comes from our own counter",
        ] {
            assert!(
                may_explain(said) && explains(&said.to_lowercase()),
                "{said}"
            );
        }
        for said in [
            "// todo: don't ignore this",
            "// discard the header line",
            "// the repo name comes first",
            "// critical section: hold the lock",
            "// we shouldn't swallow this",
            "// the default port",
            "// TODO: fall back to the cache",
            "// an error here is returned to the caller",
            "// TODO: only fails if the peer hung up?",
        ] {
            assert!(!explains(&said.to_lowercase()), "{said}");
        }
    }

    #[test]
    fn a_panic_message_says_it_cannot_happen() {
        for message in [
            "Programmer error, expected command to be APPE",
            "never fails: the range was checked",
            "tried to use a non-witness script. This must never happen.",
            "invalid csr json, this is a programming error",
            "restore always returns Ok",
            "Developer error: Cache contained failed execution",
            "Had neither a deletion nor insertion despite checking above",
            "the context holds only serializable values; this is a bug",
            "chrono::Utc::now() can never be before this was written!",
        ] {
            assert!(says_it_cannot_fail(message), "{message}");
        }
        for message in [
            "failed to insert the range",
            "TODO: can this never fail?",
            "event is valid, we just created it",
            "always fails on a read-only store",
            "developers must configure the region",
            "a bug tracker URL is required",
        ] {
            assert!(!says_it_cannot_fail(message), "{message}");
        }
    }
}
