//! Parsing a file's text into a `syn::File`, without ever overflowing the stack.
//!
//! syn, the checker's walk and the drop of the syntax tree all recurse once per level of
//! nesting, and a thread's stack is finite: a file nested deeply enough (a type 5,000 generics
//! deep, 20,000 parentheses) would abort the whole process. So the text is first lexed into
//! tokens (proc-macro2's lexer keeps its own stack on the heap), then [`too_deep`] estimates in
//! one linear pass how much stack parsing and checking those tokens needs, and only tokens that
//! fit are handed to syn. A file that does not fit is reported like a syntax error, at the token
//! where it stops fitting.

use std::fmt::Write as _;
use std::str::FromStr as _;

use proc_macro2::{Delimiter, Spacing, Span, TokenStream, TokenTree};

/// What is said of code [`too_deep`] refuses, by the CLI of a file and by `#[onus::check]` of an
/// item: where it stops fitting, and why nothing of it is checked.
pub const TOO_DEEP: &str = "nested too deeply to check: from here on, its brackets, generics or \
                            operators nest deeper than the checker's stack allows";

/// Why a file's text did not become a syntax tree.
#[derive(Debug)]
pub(crate) enum ParseFailure {
    /// Not Rust (as far as syn can tell).
    Syntax(syn::Error),
    /// Nested too deeply to parse and check within the stack: the span is where.
    TooDeep(Span),
}

/// Parses a whole file as `syn::parse_file` does (a byte order mark, a `#!` line and a
/// cargo-script front matter are skipped), unless it nests too deeply for a stack of
/// `stack_size` bytes.
pub(crate) fn parse_file(text: &str, stack_size: usize) -> Result<syn::File, ParseFailure> {
    let text = without_front_matter(text);
    let mut content = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut shebang = None;
    if let Some(rest) = content.strip_prefix("#!")
        && !skip_trivia(rest).starts_with('[')
    {
        // As syn: the line goes, its newline stays, so every later position is unchanged.
        let end = content.find('\n').unwrap_or(content.len());
        shebang = Some(content[..end].to_owned());
        content = &content[end..];
    }
    let tokens = TokenStream::from_str(content)
        .map_err(|error| ParseFailure::Syntax(syn::Error::from(error)))?;
    if let Some(span) = too_deep(&tokens, stack_size) {
        return Err(ParseFailure::TooDeep(span));
    }
    let mut file: syn::File = syn::parse2(tokens).map_err(ParseFailure::Syntax)?;
    file.shebang = shebang;
    Ok(file)
}

/// Whitespace and comments at the start of `text` skipped, as rustc does after `#!` to tell a
/// shebang line from an inner attribute (`#![...]`).
fn skip_trivia(mut text: &str) -> &str {
    loop {
        let trimmed = text.trim_start();
        if let Some(comment) = trimmed.strip_prefix("//") {
            text = comment.find('\n').map_or("", |end| &comment[end..]);
        } else if let Some(mut comment) = trimmed.strip_prefix("/*") {
            let mut depth = 1_usize;
            while depth > 0 {
                let Some(at) = comment.find(['*', '/']) else {
                    return "";
                };
                let rest = &comment[at..];
                if let Some(after) = rest.strip_prefix("*/") {
                    depth -= 1;
                    comment = after;
                } else if let Some(after) = rest.strip_prefix("/*") {
                    depth += 1;
                    comment = after;
                } else {
                    comment = &rest[1..];
                }
            }
            text = comment;
        } else {
            return trimmed;
        }
    }
}

/// The text with a cargo-script front matter (`---cargo` ... `---` at the start, after an
/// optional `#!` line) blanked out: syn does not know it, and every line keeps its number so
/// locations stay right.
pub(crate) fn without_front_matter(text: &str) -> std::borrow::Cow<'_, str> {
    let mut lines = text.split_inclusive('\n');
    let mut offset = 0;
    let mut first = lines.next().unwrap_or("");
    if first.starts_with("#!") && !first.starts_with("#![") {
        offset += first.len();
        first = lines.next().unwrap_or("");
    }
    let opening = first.trim_end();
    let Some(fence) = opening
        .find(|c: char| c != '-')
        .map_or(Some(opening), |at| Some(&opening[..at]))
        .filter(|fence| fence.len() >= 3)
    else {
        return std::borrow::Cow::Borrowed(text);
    };
    let start = offset;
    let mut end = offset + first.len();
    for line in lines {
        end += line.len();
        if line.trim_end() == fence {
            let blanked: String = text[start..end].chars().filter(|&c| c == '\n').collect();
            return std::borrow::Cow::Owned(format!("{}{blanked}{}", &text[..start], &text[end..]));
        }
    }
    // No closing fence: left as it is, so the parse error points at it.
    std::borrow::Cow::Borrowed(text)
}

/// Where `tokens` first nest too deeply to be parsed and checked on a thread with a stack of
/// `stack_size` bytes, or `None` when they fit.
///
/// The estimate is linear in the number of tokens and errs on the safe side. Each token costs
/// at least the stack it takes syn, the checker's walk and the drop of what syn builds to go one
/// level deeper, as measured on an unoptimized build (an optimized one needs about a third), in
/// KiB: a bracket of any kind 36, a generic `<` 64, `->` 48, a prefix `&` or `*` 40, a
/// closure's `|` 18, `return`/`break`/`yield` 12, an assignment 10, another prefix operator 10,
/// any other token 1. What a token costs is owed until the construct it belongs to ends:
/// brackets until they close, generics until their `>`, everything else until the next `,`,
/// `;`, `=>` or the item or statement after a `}`. Three quarters of the stack is the budget:
/// with 256 MiB, about 5,000 nested brackets, 3,000 nested generics or an expression of 100,000
/// operators. The deepest of 30,000 files of published crates needs less than 16 MiB.
///
/// A proc macro that checks one item on a thread of its own can call this with that thread's
/// stack size before walking the item.
///
/// ```
/// use std::str::FromStr;
///
/// let deep = format!("type T = {}u8{};", "Option<".repeat(50_000), ">".repeat(50_000));
/// let tokens = proc_macro2::TokenStream::from_str(&deep).unwrap();
/// assert!(onus_lints::parse::too_deep(&tokens, 256 << 20).is_some());
///
/// let shallow = proc_macro2::TokenStream::from_str("type T = Option<Vec<u8>>;").unwrap();
/// assert!(onus_lints::parse::too_deep(&shallow, 8 << 20).is_none());
/// ```
#[must_use]
pub fn too_deep(tokens: &TokenStream, stack_size: usize) -> Option<Span> {
    stack_needed(tokens, stack_size).err()
}

/// The stack, in bytes, that parsing and checking `tokens` needs by the estimate of
/// [`too_deep`] (a third more than its deepest construct costs: the estimate keeps a quarter of
/// the stack in reserve), or, when that is more than
/// `stack_size`, the span where they stop fitting.
///
/// A caller that can choose its stack (a proc macro growing its own) checks on the current one
/// when it has this much left, and on a stack of `stack_size` otherwise.
///
/// ```
/// use std::str::FromStr;
///
/// let nested = |depth| {
///     let text = format!("fn f() {{ {}1{} }}", "{".repeat(depth), "}".repeat(depth));
///     proc_macro2::TokenStream::from_str(&text).unwrap()
/// };
/// let shallow = onus_lints::parse::stack_needed(&nested(2), 8 << 20).unwrap();
/// let deep = onus_lints::parse::stack_needed(&nested(100), 8 << 20).unwrap();
/// assert!(shallow < deep);
/// assert!(onus_lints::parse::stack_needed(&nested(1_000), 8 << 20).is_err());
/// ```
///
/// # Errors
///
/// The span where the tokens stop fitting in `stack_size`.
pub fn stack_needed(tokens: &TokenStream, stack_size: usize) -> Result<usize, Span> {
    let budget = u64::try_from(stack_size / 1024 / 4 * 3).unwrap_or(u64::MAX);
    let mut peak = 0;
    let mut scan = Scan::default();
    // One buffer for every identifier's text: no allocation per token.
    let mut name = String::new();
    // The token trees still to visit, one iterator per open group, on the heap.
    let mut open = vec![tokens.clone().into_iter()];
    while let Some(iter) = open.last_mut() {
        peak = peak.max(scan.cost);
        let Some(token) = iter.next() else {
            open.pop();
            if !open.is_empty() {
                scan.close_group();
            }
            continue;
        };
        match token {
            TokenTree::Group(group) => {
                scan.open_group(group.delimiter());
                if scan.cost > budget {
                    return Err(group.span_open());
                }
                open.push(group.stream().into_iter());
            }
            TokenTree::Punct(punct) => {
                scan.punct(punct.as_char(), punct.spacing());
                if scan.cost > budget {
                    return Err(punct.span());
                }
            }
            TokenTree::Ident(ident) => {
                name.clear();
                write!(name, "{ident}").ok();
                scan.ident(&name);
                if scan.cost > budget {
                    return Err(ident.span());
                }
            }
            TokenTree::Literal(literal) => {
                scan.literal();
                if scan.cost > budget {
                    return Err(literal.span());
                }
            }
        }
    }
    let peak = usize::try_from(peak.max(scan.cost)).unwrap_or(usize::MAX);
    Ok(peak.saturating_mul(1024) / 3 * 4)
}

/// The cost, in KiB of stack, of the constructs of [`too_deep`].
mod cost {
    /// Any bracket: `(`, `[`, `{`.
    pub(super) const GROUP: u64 = 36;
    /// A `<` that may open generic arguments.
    pub(super) const ANGLE: u64 = 64;
    /// `->`: a function type's or closure's return type.
    pub(super) const ARROW: u64 = 48;
    /// A prefix `&` or `*`: a reference or pointer type, a borrow or a dereference.
    pub(super) const POINTER: u64 = 40;
    /// A `|` that opens a closure.
    pub(super) const CLOSURE: u64 = 18;
    /// `return`, `break`, `yield`, `become`: each takes the expression after it.
    pub(super) const JUMP: u64 = 12;
    /// `=` and the compound assignments, which associate to the right.
    pub(super) const ASSIGN: u64 = 10;
    /// Another operator in prefix position (`-`, `!`, `..`).
    pub(super) const PREFIX: u64 = 10;
    /// Any other token.
    pub(super) const TOKEN: u64 = 1;
}

/// One open bracket of [`Scan`] (the file itself is the outermost).
#[derive(Debug, Default)]
struct Frame {
    /// The cost before the bracket opened.
    before: u64,
    /// The cost where the current item, statement or element of the bracket started.
    segment: u64,
    /// The cost before each `<` still open in this bracket.
    angles: Vec<u64>,
    /// The bracket is a `{ }`.
    brace: bool,
    /// The bracket is an attribute's `[ ]`: it costs nothing once closed.
    attribute: bool,
    /// Between a closure's `|`s: a `,` there separates its parameters, the closure goes on.
    closure_params: bool,
}

/// The running estimate of [`too_deep`].
#[derive(Debug)]
struct Scan {
    /// What the tokens seen so far, in the constructs still open, cost.
    cost: u64,
    /// The open brackets, innermost last; never empty.
    frames: Vec<Frame>,
    /// The previous token ends an operand (an identifier, a literal, a closed bracket, `?` or
    /// the `>` of generics): an operator after it is binary, not prefix.
    after_operand: bool,
    /// The previous token closed a `{ }`: an identifier or attribute after it starts the next
    /// item or statement (unless it is `else` or `as`).
    after_brace: bool,
    /// An attribute's `#` (and `!`) has been seen: a `[ ]` next is its body.
    in_attribute: bool,
    /// The previous token was a lifetime's `'`.
    in_lifetime: bool,
    /// The characters of a punctuation run not yet complete (the `-` of `->`).
    pending: String,
}

impl Default for Scan {
    fn default() -> Self {
        Self {
            cost: 0,
            frames: vec![Frame::default()],
            after_operand: false,
            after_brace: false,
            in_attribute: false,
            in_lifetime: false,
            pending: String::new(),
        }
    }
}

impl Scan {
    fn frame(&mut self) -> &mut Frame {
        if self.frames.is_empty() {
            self.frames.push(Frame::default());
        }
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    /// The current item, statement or arm ends (`;`, `=>`, the next item after a `}`).
    fn end_segment(&mut self) {
        let frame = self.frame();
        frame.angles.clear();
        frame.closure_params = false;
        let segment = frame.segment;
        self.cost = segment;
    }

    /// An element of a list ends (`,`): inside generics their `<` stays open, and between a
    /// closure's `|`s the closure goes on.
    fn end_element(&mut self) {
        let frame = self.frame();
        if frame.closure_params {
            self.add(cost::TOKEN, false);
            return;
        }
        let start = frame
            .angles
            .last()
            .map_or(frame.segment, |before| before + cost::ANGLE);
        self.cost = start;
        self.after_operand = false;
    }

    /// The `<`s still open were comparisons after all (`a < b && c`, `if a < b {`).
    fn drop_angles(&mut self) {
        let frame = self.frame();
        if let Some(&first) = frame.angles.first() {
            frame.angles.clear();
            self.cost = first;
        }
    }

    fn add(&mut self, cost: u64, ends_operand: bool) {
        self.cost += cost;
        self.after_operand = ends_operand;
    }

    /// What every token but punctuation does first: the punctuation before it is complete,
    /// and after a `}` it may start the next item.
    fn start_token(&mut self, continues_after_brace: bool) {
        self.flush();
        if std::mem::take(&mut self.after_brace) && !continues_after_brace {
            self.end_segment();
        }
        self.in_lifetime = false;
    }

    fn literal(&mut self) {
        self.start_token(false);
        self.in_attribute = false;
        self.add(cost::TOKEN, true);
    }

    fn ident(&mut self, ident: &str) {
        let lifetime = self.in_lifetime;
        self.start_token(matches!(ident, "else" | "as"));
        self.in_attribute = false;
        match ident {
            "return" | "break" | "yield" | "become" => self.add(cost::JUMP, false),
            _ if lifetime || is_keyword(ident) => self.add(cost::TOKEN, false),
            _ => self.add(cost::TOKEN, true),
        }
    }

    fn open_group(&mut self, delimiter: Delimiter) {
        self.start_token(false);
        let attribute = std::mem::take(&mut self.in_attribute) && delimiter == Delimiter::Bracket;
        if delimiter == Delimiter::Brace && self.after_operand {
            // `if a < b {`: generic arguments never hold a block right after an operand.
            self.drop_angles();
        }
        let before = self.cost;
        self.cost += cost::GROUP;
        self.frames.push(Frame {
            before,
            segment: self.cost,
            brace: delimiter == Delimiter::Brace,
            attribute,
            ..Frame::default()
        });
        self.after_operand = false;
    }

    fn close_group(&mut self) {
        self.flush();
        if self.frames.len() < 2 {
            return;
        }
        let Some(frame) = self.frames.pop() else {
            return;
        };
        self.cost = frame.before;
        self.in_attribute = false;
        self.in_lifetime = false;
        if frame.attribute {
            // `#[...]` and `#![...]` are flat lists in syn: an attribute nests nothing.
            self.after_operand = false;
        } else {
            self.add(cost::TOKEN, true);
            self.after_brace = frame.brace;
        }
    }

    fn punct(&mut self, ch: char, spacing: Spacing) {
        self.pending.push(ch);
        if spacing == Spacing::Alone {
            self.flush();
        }
    }

    /// Weighs the punctuation run collected so far, operator by operator (longest first, as
    /// rustc's lexer splits them).
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let run = std::mem::take(&mut self.pending);
        for op in split_operators(&run) {
            self.operator(op.unwrap_or_else(|single| single));
        }
    }

    fn operator(&mut self, op: &str) {
        if self.in_attribute && op == "!" {
            return;
        }
        if std::mem::take(&mut self.after_brace) && op == "#" {
            self.end_segment();
        }
        self.in_attribute = op == "#";
        self.in_lifetime = op == "'";
        let prefix = !self.after_operand;
        match op {
            "#" => self.after_operand = false,
            ";" | "=>" => {
                self.end_segment();
                self.after_operand = false;
            }
            "," => self.end_element(),
            "<" => self.open_angle(),
            "<<" => {
                self.open_angle();
                self.open_angle();
            }
            ">" => self.close_angles(1),
            ">>" => self.close_angles(2),
            "->" => self.add(cost::ARROW, false),
            "?" => self.add(cost::TOKEN, true),
            "&&" | "||" if !prefix => {
                self.drop_angles();
                self.add(cost::TOKEN, false);
            }
            "&&" => self.add(2 * cost::POINTER, false),
            "||" => self.add(2 * cost::CLOSURE, false),
            "&" | "*" if prefix => self.add(cost::POINTER, false),
            "|" if prefix => {
                self.frame().closure_params = true;
                self.add(cost::CLOSURE, false);
            }
            "|" if self.frame().closure_params => {
                self.frame().closure_params = false;
                self.add(cost::TOKEN, false);
            }
            "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=" | "&=" | "|=" | "<<=" | ">>=" => {
                self.add(cost::ASSIGN, false);
            }
            _ if prefix => self.add(cost::PREFIX, false),
            _ => self.add(cost::TOKEN, false),
        }
    }

    fn open_angle(&mut self) {
        let before = self.cost;
        self.frame().angles.push(before);
        self.add(cost::ANGLE, false);
    }

    /// `>` or `>>`: closes as many open `<`s (generics), else a comparison or a shift.
    fn close_angles(&mut self, count: usize) {
        let mut closed = false;
        for _ in 0..count {
            if let Some(before) = self.frame().angles.pop() {
                self.cost = before;
                closed = true;
            }
        }
        self.add(cost::TOKEN, closed);
    }
}

/// A run of punctuation characters split into operators as rustc's lexer splits it, longest
/// first: `Ok` for a multi-character operator of [`OPERATORS`], `Err` for one character.
pub(crate) fn split_operators(run: &str) -> impl Iterator<Item = Result<&'static str, &str>> {
    let mut rest = run;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let (op, len) = match OPERATORS.iter().copied().find(|op| rest.starts_with(op)) {
            Some(op) => (Ok(op), op.len()),
            None => (Err(&rest[..first.len_utf8()]), first.len_utf8()),
        };
        rest = &rest[len..];
        Some(op)
    })
}

/// Multi-character operators, longest first.
pub(crate) const OPERATORS: &[&str] = &[
    "<<=", ">>=", "...", "..=", "::", "->", "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=",
    "*=", "/=", "%=", "^=", "&=", "|=", "<<", ">>", "..",
];

/// Keywords: an operator after one of them is in prefix position (`return -x`, `&mut *p`).
fn is_keyword(ident: &str) -> bool {
    matches!(
        ident,
        "as" | "async"
            | "box"
            | "const"
            | "continue"
            | "do"
            | "dyn"
            | "else"
            | "enum"
            | "extern"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "raw"
            | "ref"
            | "static"
            | "struct"
            | "trait"
            | "type"
            | "union"
            | "unsafe"
            | "use"
            | "where"
            | "while"
    )
}
