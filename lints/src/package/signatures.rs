//! A file's text reduced to what declares something: every `fn`'s body and parameters emptied,
//! before anything is lexed. A package's declarations are read from this.

/// `text` with the body and the parameters of every `fn` emptied (their newlines kept, so every
/// line stays where it was): what is left declares the same (a fn is known by its name, owner
/// and return type), and neither lexer nor parser ever sees a body, which is most of a file.
/// Done on the text, before anything is lexed: inside a proc macro the text is lexed twice
/// (proc-macro2 checks it with its own lexer before the compiler's), and the bodies would cost
/// that twice.
///
/// The parameters are the first `( .. )` after `fn name` outside its generics; the body is the
/// first `{ .. }` after them outside parentheses, brackets and generics (`Buf<{ N }>` is not a
/// body). Comments, strings, raw strings and character literals are skipped as rustc's lexer
/// skips them. A file this misreads fails to parse and declares nothing, as one that is not Rust.
pub(super) fn declarations_only(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Where the text not yet copied to `out` starts.
    let mut copied = 0;
    let mut at = 0;
    // After `fn name`: (paren and bracket depth, angle depth, parameters emptied).
    let mut signature: Option<(usize, usize, bool)> = None;
    while at < bytes.len() {
        let skipped = skip_literal_or_comment(bytes, at);
        if skipped > at {
            at = skipped;
            continue;
        }
        let byte = bytes[at];
        if is_ident_start(byte) {
            let start = at;
            while at < bytes.len() && is_ident_continue(bytes[at]) {
                at += 1;
            }
            let raw = start >= 2 && &bytes[start - 2..start] == b"r#";
            if &bytes[start..at] == b"fn" && !raw && signature.is_none() {
                // `fn name`, not the type `fn(u8) -> u8`.
                let next = skip_trivia(bytes, at);
                if next < bytes.len() && is_ident_start(bytes[next]) {
                    signature = Some((0, 0, false));
                }
            }
            continue;
        }
        if let Some((nesting, angles, parameters)) = &mut signature {
            match byte {
                b'(' if *nesting == 0 && *angles == 0 && !*parameters => {
                    let end = matching(bytes, at, b'(', b')');
                    out.push_str(&text[copied..=at]);
                    out.extend(text[at + 1..end].matches('\n').map(|_| '\n'));
                    copied = end;
                    at = end + 1;
                    *parameters = true;
                    continue;
                }
                b'(' | b'[' => *nesting += 1,
                b')' | b']' => *nesting = nesting.saturating_sub(1),
                b'<' => *angles += 1,
                b'>' if at > 0 && bytes[at - 1] == b'-' => {}
                b'>' => *angles = angles.saturating_sub(1),
                b';' if *nesting == 0 => signature = None,
                b'{' if *nesting == 0 && *angles == 0 => {
                    let end = matching(bytes, at, b'{', b'}');
                    out.push_str(&text[copied..=at]);
                    out.extend(text[at + 1..end].matches('\n').map(|_| '\n'));
                    copied = end;
                    at = end;
                    signature = None;
                    continue;
                }
                _ => {}
            }
        }
        at += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// The position of the `close` matching the `open` at `at` (or the end of the text).
fn matching(bytes: &[u8], mut at: usize, open: u8, close: u8) -> usize {
    let mut depth = 0usize;
    while at < bytes.len() {
        let skipped = skip_literal_or_comment(bytes, at);
        if skipped > at {
            at = skipped;
            continue;
        }
        if bytes[at] == open {
            depth += 1;
        } else if bytes[at] == close {
            depth -= 1;
            if depth == 0 {
                return at;
            }
        }
        at += 1;
    }
    bytes.len()
}

/// Where the comment, string, raw string or character literal starting at `at` ends; `at`
/// itself when none starts there. (An identifier ending in `r`, `b` or `c` is read before its
/// last letter could pass for a prefix.)
fn skip_literal_or_comment(bytes: &[u8], at: usize) -> usize {
    let rest = &bytes[at..];
    if rest.starts_with(b"//") {
        return rest
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(bytes.len(), |newline| at + newline);
    }
    if rest.starts_with(b"/*") {
        let (mut depth, mut i) = (0usize, at);
        while i < bytes.len() {
            if bytes[i..].starts_with(b"/*") {
                depth += 1;
                i += 2;
            } else if bytes[i..].starts_with(b"*/") {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            } else {
                i += 1;
            }
        }
        return bytes.len();
    }
    // `r"..."`, `r#"..."#`, `br".."`, `cr".."`.
    let prefix = match rest {
        [b'r', ..] => 1,
        [b'b' | b'c', b'r', ..] => 2,
        _ => 0,
    };
    if prefix > 0 {
        let hashes = rest[prefix..]
            .iter()
            .take_while(|&&byte| byte == b'#')
            .count();
        if rest.get(prefix + hashes) == Some(&b'"') {
            let mut closing = vec![b'"'];
            closing.extend(std::iter::repeat_n(b'#', hashes));
            let body = at + prefix + hashes + 1;
            return bytes[body..]
                .windows(closing.len())
                .position(|window| window == closing.as_slice())
                .map_or(bytes.len(), |end| body + end + closing.len());
        }
    }
    // `"..."`, `b"..."`, `c"..."`.
    let quote = match rest {
        [b'"', ..] => Some(at),
        [b'b' | b'c', b'"', ..] => Some(at + 1),
        _ => None,
    };
    if let Some(quote) = quote {
        let mut i = quote + 1;
        while i < bytes.len() {
            match bytes[i] {
                b'\\' => i += 2,
                b'"' => return i + 1,
                _ => i += 1,
            }
        }
        return bytes.len();
    }
    // `'x'`, `'\n'`, `b'x'`; a lifetime or label (`'a`) is not a literal.
    let tick = match rest {
        [b'\'', ..] => Some(at),
        [b'b', b'\'', ..] => Some(at + 1),
        _ => None,
    };
    if let Some(tick) = tick {
        if bytes.get(tick + 1) == Some(&b'\\') {
            let mut i = tick + 2;
            while i < bytes.len() && bytes[i] != b'\'' && bytes[i] != b'\n' {
                i += 1;
            }
            return (i + 1).min(bytes.len());
        }
        // One character (of up to four bytes), then the closing quote.
        let width = std::str::from_utf8(&bytes[tick + 1..(tick + 5).min(bytes.len())])
            .ok()
            .or_else(|| {
                (1..4)
                    .rev()
                    .find_map(|len| std::str::from_utf8(bytes.get(tick + 1..tick + 1 + len)?).ok())
            })
            .and_then(|text| text.chars().next())
            .map_or(1, char::len_utf8);
        if bytes.get(tick + 1 + width) == Some(&b'\'') {
            return tick + 2 + width;
        }
    }
    at
}

/// Whitespace and comments from `at` skipped.
fn skip_trivia(bytes: &[u8], mut at: usize) -> usize {
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let skipped = if bytes[at..].starts_with(b"//") || bytes[at..].starts_with(b"/*") {
            skip_literal_or_comment(bytes, at)
        } else {
            at
        };
        if skipped == at {
            return at;
        }
        at = skipped;
    }
}

fn is_ident_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte >= 0x80
}

fn is_ident_continue(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fn_bodies_are_cut_and_declarations_kept() {
        assert_eq!(
            declarations_only(
                "pub fn audit(x: u8) -> Result<(), E> {\n    let _ = x;\n    Ok(())\n}\nstruct S { f: fn(u8) -> u8 }"
            ),
            "pub fn audit() -> Result<(), E> {\n\n\n}\nstruct S { f: fn(u8) -> u8 }"
        );
        assert_eq!(
            declarations_only(
                "impl Db { async fn get<const N: usize>(&self) -> Buf<{ N }> where Self: Sized { todo!() } fn put(&self); }"
            ),
            "impl Db { async fn get<const N: usize>() -> Buf<{ N }> where Self: Sized {} fn put(); }"
        );
        assert_eq!(
            declarations_only(
                "fn on<F: Fn(u8)>(\n    (a, b): (u8, u8),\n    f: F,\n) -> impl Fn(u8) -> u8 { f }"
            ),
            "fn on<F: Fn(u8)>(\n\n\n) -> impl Fn(u8) -> u8 {}"
        );
        assert_eq!(
            declarations_only("mod inner { trait T { fn f() -> [u8; 2] { [1, 2] } } }"),
            "mod inner { trait T { fn f() -> [u8; 2] {} } }"
        );
    }

    #[test]
    fn braces_in_literals_and_comments_are_not_the_body_s_end() {
        let body = concat!(
            "fn f() -> u8 {\n",
            "    let _ = \"}\"; let _ = r#\"}\"\"#; let _ = '}'; let _ = b'{';\n",
            "    // }\n",
            "    /* } /* } */ */\n",
            "    let _ = '\\u{7d}'; let _: &'static str = \"\\\"}\";\n",
            "    1\n",
            "}\n",
            "fn g() {}\n",
            "fn r#fn() {}\n",
        );
        assert_eq!(
            declarations_only(body),
            "fn f() -> u8 {\n\n\n\n\n\n}\nfn g() {}\nfn r#fn() {}\n"
        );
    }

    #[test]
    fn a_file_cut_still_parses_and_keeps_its_lines() {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/walk.rs")).unwrap();
        let cut = declarations_only(&text);
        assert!(cut.len() < text.len() / 2, "{}", cut.len());
        assert_eq!(cut.lines().count(), text.lines().count());
        assert!(syn::parse_file(&cut).is_ok());
    }
}
