//! The nesting-depth guarantee, measured by cssparser itself.
//!
//! lightningcss recurses once per nested block and has no depth limit, so a
//! few thousand nested brackets overflow the stack and abort the whole
//! process (parcel-bundler/lightningcss#1297). Only the tokenizer lightningcss
//! uses can say for sure where its blocks are: a hand-written one that
//! disagrees on a single corner (an escape inside `url(`, say) lets a bomb
//! through. So this scan walks the text with `cssparser::Parser` — the same
//! crate and version as lightningcss (the workspace pins it) — and stops,
//! without recursing further, at the first block nested deeper than
//! [`MAX_DEPTH`]. Nothing reaches lightningcss unless this scan passes.

use cssparser::{ParseError, Parser, ParserInput, Token};

/// Deepest nesting of `()`, `[]` and `{}` (functions count as `(`) accepted.
pub(crate) const MAX_DEPTH: usize = 8;

/// `Err` holds the byte offset of the first bracket that opens a block
/// deeper than [`MAX_DEPTH`] (a function's `(`).
pub(crate) fn check(text: &str) -> Result<(), usize> {
    let mut input = ParserInput::new(text);
    let mut parser = Parser::new(&mut input);
    scan(&mut parser, 0).map_err(|error| match error.kind {
        cssparser::ParseErrorKind::Custom(offset) => offset,
        // `scan` only fails with its own error; refuse at the start all the same.
        cssparser::ParseErrorKind::Basic(_) => 0,
    })
}

/// Every token of the block `parser` is in, `open` blocks deep; recursion is
/// bounded by [`MAX_DEPTH`].
fn scan<'i>(parser: &mut Parser<'i, '_>, open: usize) -> Result<(), ParseError<'i, usize>> {
    loop {
        let opens_block = match parser.next_including_whitespace_and_comments() {
            Ok(token) => opens_block(token),
            // Only the end of this block or of the input.
            Err(_) => return Ok(()),
        };
        if opens_block {
            // The token ends with its bracket (a function's `(`).
            let bracket = parser.position().byte_index() - 1;
            if open >= MAX_DEPTH {
                return Err(parser.new_custom_error(bracket));
            }
            parser.parse_nested_block(|nested| scan(nested, open + 1))?;
        }
    }
}

fn opens_block(token: &Token<'_>) -> bool {
    matches!(
        token,
        Token::CurlyBracketBlock
            | Token::ParenthesisBlock
            | Token::SquareBracketBlock
            | Token::Function(_)
    )
}

/// Every block cssparser sees, for comparing tokenizers in tests: the byte
/// offset of its opening bracket, its depth (1 at the top level) and the
/// byte offset just after its end (its closing bracket, or the end of the
/// input). Recursion is bounded by `max_depth`; deeper blocks are skipped.
#[cfg(test)]
pub(crate) fn blocks(text: &str, max_depth: usize) -> Vec<(usize, usize, usize)> {
    fn walk<'i>(
        parser: &mut Parser<'i, '_>,
        depth: usize,
        max_depth: usize,
        into: &mut Vec<(usize, usize, usize)>,
    ) -> Result<(), ParseError<'i, ()>> {
        loop {
            let opens_block = match parser.next_including_whitespace_and_comments() {
                Ok(token) => opens_block(token),
                Err(_) => return Ok(()),
            };
            if opens_block && depth < max_depth {
                let open = parser.position().byte_index() - 1;
                let index = into.len();
                into.push((open, depth + 1, 0));
                parser.parse_nested_block(|nested| walk(nested, depth + 1, max_depth, into))?;
                into[index].2 = parser.position().byte_index();
            }
        }
    }
    let mut input = ParserInput::new(text);
    let mut parser = Parser::new(&mut input);
    let mut found = Vec::new();
    let _ = walk(&mut parser, 0, max_depth, &mut found);
    found
}
