//! The depth limit: cssparser itself measures it, the hand-written
//! tokenizer (which names bracket problems) agrees with it block for block,
//! and the bombs hidden behind `url(` escapes are refused where they start.

use proptest::prelude::*;

use super::refused;
use crate::css::nesting::{self, MAX_DEPTH};
use crate::css::tokenizer::{Bracket, Kind, tokenize};

/// The security review's input: after the space, `\` does not escape the
/// `)`, so the URL ends there and the `a{` that follow nest 3500 deep.
fn reviewers_input() -> String {
    format!(
        "#background{{color:red;x:url(a \\);{})}}",
        "a{".repeat(3500)
    )
}

#[test]
fn cssparser_finds_the_reviewers_bomb_at_its_ninth_level() {
    let input = reviewers_input();
    // `#background{` is the first level, so the eighth `a{` is the ninth.
    let ninth = "#background{color:red;x:url(a \\);".len() + 8 * 2 - 1;
    assert_eq!(&input[ninth..=ninth], "{");
    assert_eq!(nesting::check(&input), Err(ninth));
}

#[test]
fn the_reviewers_bomb_is_reported_once_where_the_ninth_level_opens() {
    let violations = refused(reviewers_input());
    let too_deep: Vec<_> = violations
        .iter()
        .filter(|violation| violation.reason.contains("nested too deeply"))
        .map(|violation| (violation.line, violation.column))
        .collect();
    assert_eq!(too_deep, [(1, 49)]);
}

#[test]
fn eight_levels_pass_cssparser_and_nine_do_not() {
    let nested = |levels: usize| format!("{}{}", "(".repeat(levels), ")".repeat(levels));
    assert_eq!(nesting::check(&nested(MAX_DEPTH)), Ok(()));
    assert_eq!(nesting::check(&nested(MAX_DEPTH + 1)), Err(MAX_DEPTH));
    assert_eq!(
        nesting::check(&"x(".repeat(100_000)),
        Err(2 * MAX_DEPTH + 1)
    );
}

/// Where the hand tokenizer ends an unquoted URL token.
fn url_end(text: &str) -> usize {
    let tokens = tokenize(text);
    let url = tokens
        .iter()
        .find(|token| token.kind == Kind::Url)
        .unwrap_or_else(|| panic!("no URL token in {text:?}"));
    url.end
}

/// Each is a whole unquoted URL token; what follows it is not part of it.
#[test]
fn the_hand_tokenizer_ends_urls_where_cssparser_does() {
    for url in [
        // Before whitespace, `\` escapes the next character.
        r"url(a\))",
        r"url(a\\)",
        // After whitespace the URL is bad, and ends at the next `)`: the `\`
        // right after the whitespace is consumed as it is…
        r"url(a \)",
        "url(a\t\\)",
        "url(a\n\\)",
        "url(a\r\n\x0C\\)",
        // …and later ones hide only a `)` or `\` that follows them.
        r"url(a \\)c)",
        r"url(a \\\)",
        r"url(a \x\y)",
        // A hex escape eats one space; a second space ends the URL.
        r"url(\61 )",
        r"url(\61  \)",
        // Quotes and `(` make it bad at once.
        r#"url(a"\))"#,
        r"url(a(\\)",
        // So does `\` before a newline.
        "url(a\\\n)",
    ] {
        let text = format!("{url}b)");
        assert_eq!(url_end(&text), url.len(), "{url:?}");
        // In a block, the first `)` after the URL closes it.
        assert_eq!(
            nesting::blocks(&format!("({text}"), MAX_DEPTH),
            [(0, 1, url.len() + 3)],
            "{url:?}"
        );
    }
}

/// The blocks the hand tokenizer sees, as [`nesting::blocks`] describes
/// them: cssparser closes a block only with its own bracket, and a
/// mismatched one is an ordinary token.
fn hand_blocks(text: &str, max_depth: usize) -> Vec<(usize, usize, usize)> {
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    let mut stack: Vec<(Bracket, Option<usize>)> = Vec::new();
    for token in tokenize(text) {
        if let Kind::Close(bracket) = token.kind
            && stack.last().is_some_and(|&(open, _)| open == bracket)
            && let Some((_, Some(index))) = stack.pop()
        {
            found[index].2 = token.end;
        }
        if let Some(bracket) = token.opens() {
            let depth = stack.len() + 1;
            let index = (depth <= max_depth).then(|| {
                found.push((token.end - 1, depth, text.len()));
                found.len() - 1
            });
            stack.push((bracket, index));
        }
    }
    found
}

/// Pieces that change where tokens end: URLs, escapes, whitespace,
/// strings, comments and brackets.
const PIECES: &[&str] = &[
    "url(", "URL(", "u\\72l(", "\\75 rl(", "url( ", "url(\"", "url('", " ", "  ", "\t", "\n", "\r",
    "\r\n", "\x0C", "\\", "\\\\", "\\)", "\\(", "\\\n", "\\61 ", "\\29 ", "\\7B", "(", ")", "[",
    "]", "{", "}", "\"", "'", "/*", "*/", "a", "-", "--", "#", "@", "1", ".5", "e", "x(", "é",
    "\x01", "\x7F", ";", ":", "!", "<!--", "-->", "%",
];

fn css_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(PIECES).prop_map(str::to_owned),
        1 => any::<char>()
            .prop_filter("NUL is refused before any tokenizer", |&c| c != '\0')
            .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2048,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_hand_tokenizer_and_cssparser_see_the_same_blocks(text in css_like()) {
        prop_assert_eq!(hand_blocks(&text, 32), nesting::blocks(&text, 32));
    }

    #[test]
    fn the_hand_tokenizer_and_cssparser_see_the_same_blocks_in_any_text(text in "[^\0]{0,300}") {
        prop_assert_eq!(hand_blocks(&text, 32), nesting::blocks(&text, 32));
    }
}
