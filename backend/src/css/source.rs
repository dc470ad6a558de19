//! The uploaded text and its positions: byte offsets to the 1-based line and
//! column people see in an editor, lightningcss locations back to offsets,
//! the short excerpts shown with each violation, and the list of violations
//! itself, which stops growing at the cap.
//!
//! Reasons and excerpts quote the upload (decoded identifiers included, such
//! as `.\1b[2J`), and they are shown in terminals and on the dashboard: every
//! violation is built here, and none keeps a control character.

use bankport_shared::css::CssViolation;

use super::MAX_VIOLATIONS;

/// Longest excerpt shown with a violation, in characters.
const MAX_EXCERPT_CHARS: usize = 80;

/// The stylesheet being checked, with the start of every line.
pub(crate) struct Source<'a> {
    pub(crate) text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    /// Lines end as CSS (and cssparser) end them: `\n`, `\r\n`, `\r` or form feed.
    pub(crate) fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                    i += 2;
                    line_starts.push(i);
                    continue;
                }
                b'\n' | b'\r' | b'\x0C' => line_starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Source { text, line_starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[self.line_starts[line]..offset].chars().count() + 1;
        (to_u32(line + 1), to_u32(column))
    }

    /// The byte offset of a lightningcss location: a 0-based line and a
    /// 1-based column counted in UTF-16 code units.
    pub(crate) fn offset_of(&self, line: u32, column: u32) -> usize {
        let Some(&start) = self.line_starts.get(line as usize) else {
            return self.text.len();
        };
        let wanted = column.saturating_sub(1) as usize;
        let mut units = 0;
        for (index, c) in self.text[start..].char_indices() {
            if units >= wanted || matches!(c, '\n' | '\r' | '\x0C') {
                return start + index;
            }
            units += c.len_utf16();
        }
        self.text.len()
    }

    /// A violation at a byte offset.
    pub(crate) fn violation(
        &self,
        offset: usize,
        reason: impl Into<String>,
        text: &str,
    ) -> CssViolation {
        let (line, column) = self.line_column(offset);
        CssViolation {
            line,
            column,
            reason: shown(reason.into()),
            text: shorten(text),
        }
    }

    /// The rest of the line from `offset`, for violations that have no better excerpt.
    pub(crate) fn rest_of_line(&self, offset: usize) -> &'a str {
        let rest = self.text.get(offset..).unwrap_or("");
        let end = rest.find(['\n', '\r', '\x0C']).unwrap_or(rest.len());
        &rest[..end]
    }

    /// From `offset` up to (not including) the next `{` or `;`: a rule's prelude.
    pub(crate) fn prelude_at(&self, offset: usize) -> &'a str {
        let rest = self.text.get(offset..).unwrap_or("");
        let end = rest.find(['{', ';']).unwrap_or(rest.len());
        &rest[..end]
    }
}

/// Whitespace runs collapsed, control characters dropped, at most 80
/// characters (ending in `…` when cut). Reads no more of `text` than it
/// needs, so an excerpt of a long line costs no more than a short one.
pub(crate) fn shorten(text: &str) -> String {
    let mut short = String::new();
    let mut count = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = count > 0;
            continue;
        }
        if is_hidden(c) {
            continue;
        }
        for c in space.then_some(' ').into_iter().chain([c]) {
            if count == MAX_EXCERPT_CHARS {
                short.pop();
                short.push('…');
                return short;
            }
            short.push(c);
            count += 1;
        }
        space = false;
    }
    short
}

/// Characters never shown: controls (ESC starts a terminal's escape
/// sequences, a newline would forge a line of `check-css` output) and the
/// bidirectional overrides, which reorder the text around them.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// A reason as shown: without the characters [`is_hidden`] names.
fn shown(reason: String) -> String {
    if reason.chars().any(is_hidden) {
        reason.chars().filter(|&c| !is_hidden(c)).collect()
    } else {
        reason
    }
}

/// A violation that concerns the whole upload, at 1:1.
pub(crate) fn at_start(reason: impl Into<String>) -> CssViolation {
    CssViolation {
        line: 1,
        column: 1,
        reason: shown(reason.into()),
        text: String::new(),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Violations as they are found. Building one reads its line (for the column
/// and the excerpt), so a flood of them — 16 KiB of `}` on one line — would
/// take quadratic time: only the first `MAX_VIOLATIONS + 1` are built, and
/// the rest are only counted.
#[derive(Debug, Default)]
pub(crate) struct Violations {
    built: Vec<CssViolation>,
    counted: usize,
}

impl Violations {
    /// Adds a violation, built only while under the cap.
    pub(crate) fn push(&mut self, build: impl FnOnce() -> CssViolation) {
        if self.built.len() > MAX_VIOLATIONS {
            self.counted += 1;
        } else {
            self.built.push(build());
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.built.is_empty() && self.counted == 0
    }

    pub(crate) fn append(&mut self, other: Violations) {
        self.counted += other.counted;
        for violation in other.built {
            self.push(|| violation);
        }
    }

    /// Sorted by position, without repeats, at most [`MAX_VIOLATIONS`]; the
    /// last then says how many more there were.
    pub(crate) fn into_sorted(self) -> Vec<CssViolation> {
        let Violations {
            built: mut violations,
            counted,
        } = self;
        violations
            .sort_by(|a, b| (a.line, a.column, &a.reason).cmp(&(b.line, b.column, &b.reason)));
        violations
            .dedup_by(|a, b| a.line == b.line && a.column == b.column && a.reason == b.reason);
        let total = violations.len() + counted;
        if total > MAX_VIOLATIONS {
            violations.truncate(MAX_VIOLATIONS);
            // Fewer than the cap are left only when many were repeats.
            let kept = violations.len().saturating_sub(1);
            if let Some(last) = violations.get_mut(kept) {
                last.reason = format!(
                    "… and {} more problems; fix the ones above first",
                    total - kept
                );
                last.text.clear();
            }
        }
        violations
    }
}

impl From<CssViolation> for Violations {
    fn from(violation: CssViolation) -> Self {
        Violations {
            built: vec![violation],
            counted: 0,
        }
    }
}
