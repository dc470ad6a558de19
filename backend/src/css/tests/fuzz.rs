//! Property tests: random text, random bytes and mutated themes never panic,
//! finish well within the time limit, and whatever is accepted validates
//! again unchanged.

use std::time::Instant;

use proptest::prelude::*;

use super::themes::THEMES;
use crate::css::{
    Accepted, FORBIDDEN_OUTPUT, INTERNAL_ERROR, NOT_NORMALISED, VALIDATION_TIME_LIMIT, validate,
};

/// Pieces of hostile or broken CSS spliced into good themes.
const FRAGMENTS: &[&str] = &[
    "url(x)",
    "u\\72l(",
    "\\75 rl(x)",
    "image-set(\"a.png\" 1x)",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    "\"",
    "'",
    "/*",
    "*/",
    "\\",
    "\\\n",
    "\\41 ",
    "!important",
    ";",
    ":",
    ",",
    "&",
    "@import \"x.css\";",
    "@media (max-width: 1px) {",
    "@font-face { src: url(x) }",
    "#input-password",
    "[value^=a]",
    "::before",
    ":hover",
    "::placeholder",
    "expression(",
    "var(--x)",
    "--x: 1;",
    "calc(1px + 2px)",
    "-9999px",
    "position: fixed;",
    "\n",
    "\r\n",
    "\0",
    "é",
    "😀",
    "-->",
    "<!--",
    "</style>",
    "\u{FEFF}",
    "\u{1b}[2J",
    ".\\1b[2J",
    "\\a ",
    "url(a \\)",
    "url(a \\\\)",
];

#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, char),
    Delete(usize),
    Duplicate(usize, usize),
    Splice(usize, usize),
    /// A nesting bomb that must never reach the parser.
    Bomb(usize, char),
}

/// Punctuation that changes how CSS nests and ends.
const PUNCTUATION: &[char] = &[
    '{', '}', '(', ')', '[', ']', '"', '\'', '\\', '/', '*', ';', ':',
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), any::<char>()).prop_map(|(at, c)| Mutation::Insert(at, c)),
        3 => (any::<usize>(), prop::sample::select(PUNCTUATION))
            .prop_map(|(at, c)| Mutation::Insert(at, c)),
        3 => any::<usize>().prop_map(Mutation::Delete),
        3 => (any::<usize>(), 1..40usize).prop_map(|(at, len)| Mutation::Duplicate(at, len)),
        3 => (any::<usize>(), 0..FRAGMENTS.len())
            .prop_map(|(at, fragment)| Mutation::Splice(at, fragment)),
        // Rare: a bomb ends the run at the prescan, which is the point, but
        // most cases should reach lightningcss.
        1 => (any::<usize>(), prop::sample::select(&['{', '(', '['][..]))
            .prop_map(|(at, c)| Mutation::Bomb(at, c)),
    ]
}

fn apply(theme: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = theme.chars().collect();
    for mutation in mutations {
        let at = |n: usize, len: usize| if len == 0 { 0 } else { n % (len + 1) };
        match *mutation {
            Mutation::Insert(n, c) => {
                let i = at(n, chars.len());
                chars.insert(i, c);
            }
            Mutation::Delete(n) => {
                if !chars.is_empty() {
                    let i = n % chars.len();
                    chars.remove(i);
                }
            }
            Mutation::Duplicate(n, len) => {
                let i = at(n, chars.len());
                let end = (i + len).min(chars.len());
                let copy: Vec<char> = chars[i..end].to_vec();
                chars.splice(i..i, copy);
            }
            Mutation::Splice(n, fragment) => {
                let i = at(n, chars.len());
                chars.splice(i..i, FRAGMENTS[fragment].chars());
            }
            Mutation::Bomb(n, c) => {
                let i = at(n, chars.len());
                chars.splice(i..i, std::iter::repeat_n(c, 3000));
            }
        }
    }
    chars.into_iter().collect()
}

const WHITESPACE: &[&str] = &[" ", "\n", "\t", "\r\n", "  \n\n"];

/// Inserts whitespace after the first `;`, `{`, `}` or `,` at or after each
/// edit's position: never inside a token, so the theme means the same.
fn add_whitespace(theme: &str, edits: &[(usize, usize)]) -> String {
    let mut text = theme.to_owned();
    for &(at, which) in edits {
        let start = at % (text.len() + 1);
        let found = text
            .char_indices()
            .skip_while(|&(index, _)| index < start)
            .find(|&(_, c)| matches!(c, ';' | '{' | '}' | ','));
        if let Some((index, _)) = found {
            text.insert_str(index + 1, WHITESPACE[which]);
        }
    }
    text
}

/// The properties every input must have.
fn check(input: &[u8]) {
    let started = Instant::now();
    let result = validate(input);
    let elapsed = started.elapsed();
    // A safety bound, not a benchmark.
    assert!(elapsed < VALIDATION_TIME_LIMIT, "took {elapsed:?}");
    match result {
        Ok(accepted) => {
            assert_eq!(
                validate(accepted.css.as_bytes()),
                Ok(Accepted {
                    css: accepted.css.clone(),
                    notes: vec![],
                }),
            );
            for note in &accepted.notes {
                assert!(
                    !note
                        .reason
                        .chars()
                        .chain(note.text.chars())
                        .any(char::is_control),
                    "{note:?}"
                );
            }
            let lower = accepted.css.to_ascii_lowercase();
            for forbidden in FORBIDDEN_OUTPUT {
                assert!(
                    !lower.contains(forbidden),
                    "{forbidden} in {}",
                    accepted.css
                );
            }
        }
        Err(violations) => {
            assert!(!violations.is_empty());
            assert!(violations.len() <= 100);
            for violation in &violations {
                assert!(
                    violation.line >= 1 && violation.column >= 1,
                    "{violation:?}"
                );
                assert!(violation.text.chars().count() <= 80, "{violation:?}");
                assert!(
                    !violation
                        .reason
                        .chars()
                        .chain(violation.text.chars())
                        .any(char::is_control),
                    "{violation:?}"
                );
                assert_ne!(
                    violation.reason, INTERNAL_ERROR,
                    "lightningcss panicked on {input:?}"
                );
                assert_ne!(
                    violation.reason, NOT_NORMALISED,
                    "unstable output for {input:?}"
                );
            }
            assert!(
                violations
                    .windows(2)
                    .all(|pair| (pair[0].line, pair[0].column) <= (pair[1].line, pair[1].column))
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        // Never write regression files into the source tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,400}") {
        check(text.as_bytes());
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn css_shaped_noise_never_panics(text in "[#a-z0-9{}()\\[\\];:,.!\"'/*\\\\ \n@&>+~%-]{0,400}") {
        check(text.as_bytes());
    }

    #[test]
    fn mutated_themes_never_panic_and_stay_stable(
        theme in 0..THEMES.len(),
        mutations in prop::collection::vec(mutation(), 1..5),
    ) {
        let input = apply(THEMES[theme].1, &mutations);
        check(input.as_bytes());
    }

    #[test]
    fn whitespace_between_tokens_does_not_change_an_accepted_theme(
        theme in 0..THEMES.len(),
        edits in prop::collection::vec((any::<usize>(), 0..WHITESPACE.len()), 1..20),
    ) {
        let original = THEMES[theme].1;
        let expected = validate(original.as_bytes()).expect("the themes are accepted");
        let edited = add_whitespace(original, &edits);
        let accepted = validate(edited.as_bytes());
        prop_assert_eq!(accepted.as_ref().map(|accepted| &accepted.css), Ok(&expected.css));
        prop_assert_eq!(
            accepted.map(|accepted| accepted.notes.len()),
            Ok(expected.notes.len())
        );
    }
}
