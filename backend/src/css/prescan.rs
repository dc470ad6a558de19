//! The check of brackets, strings and comments that runs before any
//! parsing, for its diagnostics: brackets all match (or the ones that do not
//! are named, with where they open), strings end on their line, comments end,
//! and nothing nests deeper than [`MAX_DEPTH`].
//!
//! The depth limit that keeps lightningcss from overflowing its stack is
//! enforced by `nesting.rs` with cssparser itself; this scan only reports it
//! first, and better (with every other bracket problem).
//!
//! On success it also returns an [`Outline`]: where each rule's block and each
//! declaration sits in the text, because lightningcss keeps no location for
//! declarations.

use bankport_shared::css::CssViolation;

use super::nesting::MAX_DEPTH;
use super::source::{Source, Violations};
use super::tokenizer::{Bracket, Kind, Token};

/// Rule blocks and their declarations, by position in the text.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    /// `{…}` blocks that are not inside `()` or `[]`, sorted by their `{`.
    pub(crate) blocks: Vec<Block>,
}

#[derive(Debug)]
pub(crate) struct Block {
    /// Byte offset of the `{`.
    pub(crate) open: usize,
    pub(crate) declarations: Vec<Declaration>,
}

/// `name: value [!important]` directly inside a block.
#[derive(Debug)]
pub(crate) struct Declaration {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Unescaped and lower-cased.
    pub(crate) name: String,
    pub(crate) important: bool,
}

impl Outline {
    /// The block of the rule that starts at `offset`: its prelude cannot hold
    /// a `{`, so it is the first block opening at or after it.
    pub(crate) fn block_after(&self, offset: usize) -> Option<usize> {
        let index = self.blocks.partition_point(|block| block.open < offset);
        (index < self.blocks.len()).then_some(index)
    }
}

/// Checks the brackets, strings and comments of the whole text.
pub(crate) fn prescan(source: &Source<'_>, tokens: &[Token]) -> Result<Outline, Violations> {
    let mut violations = Violations::default();
    // Reported only along with bracket problems: otherwise the policy
    // reports them, at their declaration.
    let mut fetches = Violations::default();
    // Open brackets: kind and byte offset.
    let mut stack: Vec<(Bracket, usize)> = Vec::new();
    for token in tokens {
        let excerpt = &source.text[token.start..token.end];
        match token.kind {
            Kind::Url => fetches.push(|| source.violation(token.start, URL, excerpt)),
            Kind::Function if token.name.eq_ignore_ascii_case("url") => fetches
                .push(|| source.violation(token.start, URL, source.rest_of_line(token.start))),
            Kind::BadString => violations.push(|| {
                source.violation(
                    token.start,
                    "this string is not closed before the end of the line",
                    excerpt,
                )
            }),
            Kind::Comment { closed: false } => violations.push(|| {
                source.violation(
                    token.start,
                    "this comment is never closed (`*/` is missing)",
                    excerpt,
                )
            }),
            Kind::Close(bracket) => {
                close(source, &mut stack, bracket, token.start, &mut violations)
            }
            _ => {}
        }
        if let Some(bracket) = token.opens() {
            // A function's `(` is its last character.
            let at = token.end - 1;
            if stack.len() >= MAX_DEPTH {
                violations.push(|| too_deep(source, at));
                // Everything after this point would only repeat the same problem.
                violations.append(fetches);
                return Err(violations);
            }
            stack.push((bracket, at));
        }
    }
    for &(bracket, offset) in &stack {
        violations.push(|| unclosed(source, bracket, offset));
    }
    if violations.is_empty() {
        Ok(outline(tokens))
    } else {
        violations.append(fetches);
        Err(violations)
    }
}

const URL: &str = "`url()` is not allowed: a theme cannot load anything";

/// The bracket at `offset` opens a block deeper than [`MAX_DEPTH`].
pub(crate) fn too_deep(source: &Source<'_>, offset: usize) -> CssViolation {
    source.violation(
        offset,
        format!(
            "brackets are nested too deeply: at most {MAX_DEPTH} levels of (), [] and {{}} are allowed"
        ),
        source.rest_of_line(offset),
    )
}

/// Matches a closing bracket; a mismatch closes the nearest matching opener
/// (reporting the ones it skips) or, with none, is reported as stray.
fn close(
    source: &Source<'_>,
    stack: &mut Vec<(Bracket, usize)>,
    bracket: Bracket,
    offset: usize,
    violations: &mut Violations,
) {
    match stack.iter().rposition(|&(open, _)| open == bracket) {
        Some(index) => {
            for &(skipped, at) in &stack[index + 1..] {
                violations.push(|| {
                    let (line, column) = source.line_column(at);
                    source.violation(
                        offset,
                        format!(
                            "the `{}` at line {line}, column {column} is not closed before this `{}`",
                            skipped.open(),
                            bracket.close(),
                        ),
                        source.rest_of_line(offset),
                    )
                });
            }
            stack.truncate(index);
        }
        None => violations.push(|| {
            source.violation(
                offset,
                format!(
                    "`{}` closes nothing: there is no `{}` open",
                    bracket.close(),
                    bracket.open()
                ),
                source.rest_of_line(offset),
            )
        }),
    }
}

fn unclosed(source: &Source<'_>, bracket: Bracket, offset: usize) -> CssViolation {
    source.violation(
        offset,
        format!(
            "this `{}` is never closed (`{}` is missing)",
            bracket.open(),
            bracket.close()
        ),
        source.rest_of_line(offset),
    )
}

/// One open bracket while building the outline.
struct Frame {
    /// Index into `blocks` when this is a rule-level `{`.
    block: Option<usize>,
    segment: Segment,
}

/// The significant tokens of one declaration-to-be, at the block's own level.
#[derive(Default)]
struct Segment {
    start: Option<usize>,
    end: usize,
    name: Option<String>,
    colon_second: bool,
    count: usize,
    /// The last two tokens were `!` and `important`.
    bang: bool,
    important: bool,
    /// A nested `{…}` made this a rule, not a declaration.
    nested_block: bool,
}

impl Segment {
    fn add(&mut self, token: &Token) {
        self.start.get_or_insert(token.start);
        self.end = token.end;
        self.count += 1;
        match self.count {
            1 if token.kind == Kind::Ident => self.name = Some(token.name.to_ascii_lowercase()),
            2 => self.colon_second = token.kind == Kind::Colon,
            _ => {}
        }
        self.important =
            self.bang && token.kind == Kind::Ident && token.name.eq_ignore_ascii_case("important");
        self.bang = token.kind == Kind::Delim('!');
    }

    fn finish(&mut self, into: &mut Vec<Declaration>) {
        let segment = std::mem::take(self);
        if let (Some(start), Some(name), true, false) = (
            segment.start,
            segment.name,
            segment.colon_second,
            segment.nested_block,
        ) {
            into.push(Declaration {
                start,
                end: segment.end,
                name,
                important: segment.important,
            });
        }
    }
}

/// Rule blocks and the declarations directly inside them. Only called on
/// text whose brackets all match.
fn outline(tokens: &[Token]) -> Outline {
    let mut blocks: Vec<Block> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for token in tokens.iter().filter(|token| token.is_significant()) {
        if let Kind::Close(_) = token.kind {
            if let Some(mut frame) = stack.pop()
                && let Some(index) = frame.block
            {
                frame.segment.finish(&mut blocks[index].declarations);
            }
            if let Some(parent) = stack.last_mut() {
                parent.segment.end = token.end;
                if token.kind == Kind::Close(Bracket::Curly)
                    && let Some(index) = parent.block
                {
                    // A nested rule ends here; what follows is a new segment.
                    parent.segment.finish(&mut blocks[index].declarations);
                }
            }
            continue;
        }
        if let Some(parent) = stack.last_mut() {
            if token.kind == Kind::Semicolon {
                if let Some(index) = parent.block {
                    parent.segment.finish(&mut blocks[index].declarations);
                }
            } else {
                parent.segment.add(token);
                if token.kind == Kind::Open(Bracket::Curly) {
                    parent.segment.nested_block = true;
                }
            }
        }
        if let Some(bracket) = token.opens() {
            let rule_level =
                bracket == Bracket::Curly && stack.iter().all(|frame| frame.block.is_some());
            let block = rule_level.then(|| {
                blocks.push(Block {
                    open: token.start,
                    declarations: Vec::new(),
                });
                blocks.len() - 1
            });
            stack.push(Frame {
                block,
                segment: Segment::default(),
            });
        }
    }
    blocks.sort_by_key(|block| block.open);
    Outline { blocks }
}
