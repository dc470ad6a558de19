//! The uploaded text and its positions: byte offsets to the 1-based line and
//! column people see in an editor, lightningcss locations back to offsets,
//! and the short excerpts shown with each violation.

use bankport_shared::css::CssViolation;

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
            reason: reason.into(),
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

/// Whitespace runs collapsed, at most 80 characters (ending in `…` when cut).
pub(crate) fn shorten(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= MAX_EXCERPT_CHARS {
        return collapsed;
    }
    let mut short: String = collapsed.chars().take(MAX_EXCERPT_CHARS - 1).collect();
    short.push('…');
    short
}

/// A violation that concerns the whole upload, at 1:1.
pub(crate) fn at_start(reason: impl Into<String>) -> CssViolation {
    CssViolation {
        line: 1,
        column: 1,
        reason: reason.into(),
        text: String::new(),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
