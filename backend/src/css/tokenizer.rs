//! A CSS tokenizer that splits text exactly where cssparser 0.37 (under
//! lightningcss) does, for the constructs that can hide a bracket: strings
//! (with escapes and escaped newlines), comments, escapes in names (`\{`,
//! `u\72l`), and unquoted `url(…)` tokens, whose body is not tokenized.
//!
//! It exists for the diagnostics: the prescan reports mismatched and unclosed
//! brackets, bad strings and comments where they are, and finds each
//! declaration's position, which lightningcss does not keep. The depth limit
//! itself is measured by cssparser (`nesting.rs`), so a disagreement here
//! costs a worse message, never a crash; a property test keeps the two in
//! step. The policy also reads lightningcss's re-serialised values with it
//! (functions, lengths, percentages).

/// An opening or closing bracket's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bracket {
    Paren,
    Square,
    Curly,
}

impl Bracket {
    pub(crate) fn open(self) -> char {
        match self {
            Bracket::Paren => '(',
            Bracket::Square => '[',
            Bracket::Curly => '{',
        }
    }

    pub(crate) fn close(self) -> char {
        match self {
            Bracket::Paren => ')',
            Bracket::Square => ']',
            Bracket::Curly => '}',
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Whitespace,
    Comment {
        closed: bool,
    },
    Ident,
    /// `name(`: opens a parenthesis.
    Function,
    AtKeyword,
    Hash,
    String,
    /// A string cut short by a newline.
    BadString,
    /// An unquoted `url(…)`, including its closing parenthesis.
    Url,
    Number,
    Percentage,
    Dimension,
    Delim(char),
    Open(Bracket),
    Close(Bracket),
    Semicolon,
    Colon,
    Comma,
    /// `<!--` or `-->`.
    HtmlComment,
}

#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) kind: Kind,
    /// Byte range in the text.
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Unescaped: the name of an ident, function, at-keyword or hash; the unit of a dimension.
    pub(crate) name: String,
    /// The number of a number, percentage (50 for `50%`) or dimension.
    pub(crate) value: f64,
}

impl Token {
    /// The bracket this token opens, if any (a function opens a parenthesis).
    pub(crate) fn opens(&self) -> Option<Bracket> {
        match self.kind {
            Kind::Open(bracket) => Some(bracket),
            Kind::Function => Some(Bracket::Paren),
            _ => None,
        }
    }

    /// Whitespace and comments separate tokens but mean nothing.
    pub(crate) fn is_significant(&self) -> bool {
        !matches!(self.kind, Kind::Whitespace | Kind::Comment { .. })
    }
}

/// Every token of `text`, in order, covering it completely.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokenizer = Tokenizer {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let mut tokens = Vec::new();
    while tokenizer.pos < tokenizer.bytes.len() {
        tokens.push(tokenizer.next_token());
    }
    tokens
}

struct Tokenizer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

fn is_newline(b: u8) -> bool {
    matches!(b, b'\n' | b'\r' | b'\x0C')
}

fn is_whitespace(b: u8) -> bool {
    matches!(b, b' ' | b'\t') || is_newline(b)
}

impl Tokenizer<'_> {
    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn newline_at(&self, at: usize) -> bool {
        self.byte(at).is_some_and(is_newline)
    }

    fn digit_at(&self, at: usize) -> bool {
        self.byte(at).is_some_and(|b| b.is_ascii_digit())
    }

    fn starts_with(&self, prefix: &[u8]) -> bool {
        self.bytes[self.pos..].starts_with(prefix)
    }

    /// cssparser's `is_ident_start`, quirks included (`-\` always starts one).
    fn ident_starts_at(&self, at: usize) -> bool {
        match self.byte(at) {
            None => false,
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'_') => true,
            Some(b'-') => match self.byte(at + 1) {
                None => false,
                Some(b'a'..=b'z' | b'A'..=b'Z' | b'-' | b'_' | b'\\') => true,
                Some(b) => !b.is_ascii(),
            },
            Some(b'\\') => !self.newline_at(at + 1),
            Some(b) => !b.is_ascii(),
        }
    }

    fn token(&self, kind: Kind, start: usize) -> Token {
        Token {
            kind,
            start,
            end: self.pos,
            name: String::new(),
            value: 0.0,
        }
    }

    fn next_token(&mut self) -> Token {
        let start = self.pos;
        let b = self.bytes[self.pos];
        let simple = |tokenizer: &mut Self, kind: Kind, len: usize| {
            tokenizer.pos += len;
            tokenizer.token(kind, start)
        };
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' => {
                while self.byte(self.pos).is_some_and(is_whitespace) {
                    self.pos += 1;
                }
                self.token(Kind::Whitespace, start)
            }
            b'"' | b'\'' => self.string(b),
            b'#' => {
                self.pos += 1;
                if self.ident_starts_at(self.pos)
                    || matches!(self.byte(self.pos), Some(b'0'..=b'9' | b'-'))
                {
                    let name = self.name();
                    let mut token = self.token(Kind::Hash, start);
                    token.name = name;
                    token
                } else {
                    self.token(Kind::Delim('#'), start)
                }
            }
            b'(' => simple(self, Kind::Open(Bracket::Paren), 1),
            b')' => simple(self, Kind::Close(Bracket::Paren), 1),
            b'[' => simple(self, Kind::Open(Bracket::Square), 1),
            b']' => simple(self, Kind::Close(Bracket::Square), 1),
            b'{' => simple(self, Kind::Open(Bracket::Curly), 1),
            b'}' => simple(self, Kind::Close(Bracket::Curly), 1),
            b',' => simple(self, Kind::Comma, 1),
            b':' => simple(self, Kind::Colon, 1),
            b';' => simple(self, Kind::Semicolon, 1),
            b'+' | b'-'
                if self.digit_at(start + 1)
                    || (self.byte(start + 1) == Some(b'.') && self.digit_at(start + 2)) =>
            {
                self.numeric()
            }
            b'-' if self.starts_with(b"-->") => simple(self, Kind::HtmlComment, 3),
            b'-' if self.ident_starts_at(start) => self.ident_like(),
            b'.' if self.digit_at(start + 1) => self.numeric(),
            b'0'..=b'9' => self.numeric(),
            b'/' if self.starts_with(b"/*") => {
                self.pos += 2;
                let closed = match self.text[self.pos..].find("*/") {
                    Some(end) => {
                        self.pos += end + 2;
                        true
                    }
                    None => {
                        self.pos = self.bytes.len();
                        false
                    }
                };
                self.token(Kind::Comment { closed }, start)
            }
            b'<' if self.starts_with(b"<!--") => simple(self, Kind::HtmlComment, 4),
            b'@' => {
                self.pos += 1;
                if self.ident_starts_at(self.pos) {
                    let name = self.name();
                    let mut token = self.token(Kind::AtKeyword, start);
                    token.name = name;
                    token
                } else {
                    self.token(Kind::Delim('@'), start)
                }
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.ident_like(),
            b'\\' if !self.newline_at(start + 1) => self.ident_like(),
            b if !b.is_ascii() => self.ident_like(),
            b => simple(self, Kind::Delim(b as char), 1),
        }
    }

    /// A quoted string; a raw newline ends it early (a bad string), an escaped one continues it.
    fn string(&mut self, quote: u8) -> Token {
        let start = self.pos;
        self.pos += 1;
        loop {
            let Some(b) = self.byte(self.pos) else {
                return self.token(Kind::String, start);
            };
            match b {
                _ if b == quote => {
                    self.pos += 1;
                    return self.token(Kind::String, start);
                }
                b'\n' | b'\r' | b'\x0C' => return self.token(Kind::BadString, start),
                b'\\' => {
                    self.pos += 1;
                    if self.newline_at(self.pos) {
                        self.newline();
                    } else if self.pos < self.bytes.len() {
                        self.escape();
                    }
                }
                _ => self.pos += 1,
            }
        }
    }

    /// One newline, `\r\n` counting as one.
    fn newline(&mut self) {
        if self.starts_with(b"\r\n") {
            self.pos += 2;
        } else {
            self.pos += 1;
        }
    }

    /// The escape after a backslash: up to six hex digits and one optional
    /// whitespace (a newline included), or any single character.
    fn escape(&mut self) -> char {
        let Some(b) = self.byte(self.pos) else {
            return char::REPLACEMENT_CHARACTER;
        };
        if b.is_ascii_hexdigit() {
            let digits_start = self.pos;
            while self.pos - digits_start < 6
                && self.byte(self.pos).is_some_and(|b| b.is_ascii_hexdigit())
            {
                self.pos += 1;
            }
            let code = u32::from_str_radix(&self.text[digits_start..self.pos], 16).unwrap_or(0);
            match self.byte(self.pos) {
                Some(b' ' | b'\t') => self.pos += 1,
                Some(b) if is_newline(b) => self.newline(),
                _ => {}
            }
            match char::from_u32(code) {
                Some(c) if code != 0 => c,
                _ => char::REPLACEMENT_CHARACTER,
            }
        } else {
            let c = self.text[self.pos..]
                .chars()
                .next()
                .unwrap_or(char::REPLACEMENT_CHARACTER);
            self.pos += c.len_utf8();
            c
        }
    }

    /// A name with its escapes decoded; `\` before a newline ends it.
    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(b) = self.byte(self.pos) {
            match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-' => {
                    name.push(b as char);
                    self.pos += 1;
                }
                b'\\' => {
                    if self.newline_at(self.pos + 1) {
                        break;
                    }
                    self.pos += 1;
                    name.push(self.escape());
                }
                b if !b.is_ascii() => {
                    let c = self.text[self.pos..]
                        .chars()
                        .next()
                        .unwrap_or(char::REPLACEMENT_CHARACTER);
                    name.push(c);
                    self.pos += c.len_utf8();
                }
                _ => break,
            }
        }
        name
    }

    /// An ident, a function, or — when the name is `url` in any spelling and
    /// no quote follows — an unquoted URL (see [`Self::unquoted_url`]).
    fn ident_like(&mut self) -> Token {
        let start = self.pos;
        let name = self.name();
        if self.byte(self.pos) != Some(b'(') {
            let mut token = self.token(Kind::Ident, start);
            token.name = name;
            return token;
        }
        self.pos += 1;
        if name.eq_ignore_ascii_case("url") {
            let mut at = self.pos;
            while self.byte(at).is_some_and(is_whitespace) {
                at += 1;
            }
            if !matches!(self.byte(at), Some(b'"' | b'\'')) {
                self.pos = at;
                self.unquoted_url();
                let mut token = self.token(Kind::Url, start);
                token.name = name;
                return token;
            }
        }
        let mut token = self.token(Kind::Function, start);
        token.name = name;
        token
    }

    /// The body of an unquoted `url(` after its leading whitespace, through
    /// its `)`: cssparser's `consume_unquoted_url`, step for step. An escape
    /// hides the next character only before any whitespace or bad character;
    /// after those, the URL is bad and ends at the next `)` not preceded by
    /// `\` (and `\\` hides nothing but itself).
    fn unquoted_url(&mut self) {
        while let Some(b) = self.byte(self.pos) {
            match b {
                b')' => {
                    self.pos += 1;
                    return;
                }
                b if is_whitespace(b) => return self.url_end(),
                b'\x01'..=b'\x08' | b'\x0B' | b'\x0E'..=b'\x1F' | b'\x7F' | b'"' | b'\'' | b'(' => {
                    self.pos += 1;
                    return self.bad_url();
                }
                b'\\' => {
                    self.pos += 1;
                    if self.newline_at(self.pos) {
                        return self.bad_url();
                    }
                    self.escape();
                }
                _ => self.pos += self.char_len(),
            }
        }
    }

    /// After whitespace in an unquoted URL: only more whitespace and `)` may follow.
    fn url_end(&mut self) {
        while let Some(b) = self.byte(self.pos) {
            match b {
                b')' => {
                    self.pos += 1;
                    return;
                }
                b if is_newline(b) => self.newline(),
                b if is_whitespace(b) => self.pos += 1,
                // Whatever it is — `\` included — it is consumed as is.
                _ => {
                    self.pos += self.char_len();
                    return self.bad_url();
                }
            }
        }
    }

    /// The rest of a bad URL: up to the first `)`, where `\` hides only a
    /// following `)` or `\`.
    fn bad_url(&mut self) {
        while let Some(b) = self.byte(self.pos) {
            match b {
                b')' => {
                    self.pos += 1;
                    return;
                }
                b'\\' => {
                    self.pos += 1;
                    if matches!(self.byte(self.pos), Some(b')' | b'\\')) {
                        self.pos += 1;
                    }
                }
                _ => self.pos += self.char_len(),
            }
        }
    }

    /// Length in bytes of the character at the current position.
    fn char_len(&self) -> usize {
        self.text[self.pos..]
            .chars()
            .next()
            .map_or(1, char::len_utf8)
    }

    /// A number, percentage or dimension: `[+-]?\d*(\.\d+)?([eE][+-]?\d+)?`, then `%` or a unit.
    fn numeric(&mut self) -> Token {
        let start = self.pos;
        if matches!(self.byte(self.pos), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        while self.digit_at(self.pos) {
            self.pos += 1;
        }
        if self.byte(self.pos) == Some(b'.') && self.digit_at(self.pos + 1) {
            self.pos += 1;
            while self.digit_at(self.pos) {
                self.pos += 1;
            }
        }
        if matches!(self.byte(self.pos), Some(b'e' | b'E'))
            && (self.digit_at(self.pos + 1)
                || (matches!(self.byte(self.pos + 1), Some(b'+' | b'-'))
                    && self.digit_at(self.pos + 2)))
        {
            self.pos += 2;
            while self.digit_at(self.pos) {
                self.pos += 1;
            }
        }
        let value = self.text[start..self.pos]
            .parse::<f64>()
            .unwrap_or(f64::NAN);
        let (kind, name) = if self.byte(self.pos) == Some(b'%') {
            self.pos += 1;
            (Kind::Percentage, String::new())
        } else if self.ident_starts_at(self.pos) {
            (Kind::Dimension, self.name())
        } else {
            (Kind::Number, String::new())
        };
        let mut token = self.token(kind, start);
        token.name = name;
        token.value = value;
        token
    }
}
