//! Size and count limits, the prescan against tricks that would hide
//! brackets from it, notes, and the off-thread entry point.

use super::{accepted_and_stable, assert_refused_because, refused};
use crate::css::{Accepted, MAX_CSS_BYTES, validate, validate_off_thread};

fn rules(count: usize) -> String {
    "#bank-box { color: #123456 }\n".repeat(count)
}

#[test]
fn an_upload_one_byte_over_16_kib_is_refused_at_1_1_with_the_size_and_limit() {
    let mut css = "#background { color: red }\n".to_owned();
    css.push_str(&" ".repeat(MAX_CSS_BYTES + 1 - css.len()));
    let violations = refused(&css);
    assert_eq!(violations.len(), 1);
    assert_eq!((violations[0].line, violations[0].column), (1, 1));
    assert!(
        violations[0].reason.contains("16385 bytes"),
        "{violations:?}"
    );
    assert!(
        violations[0].reason.contains("16384 bytes"),
        "{violations:?}"
    );
}

#[test]
fn an_upload_of_exactly_16_kib_is_accepted() {
    let mut css = "#background { color: red }\n".to_owned();
    css.push_str(&" ".repeat(MAX_CSS_BYTES - css.len()));
    assert_eq!(accepted_and_stable(&css).css, "#background{color:red}");
}

#[test]
fn two_hundred_rules_are_accepted_and_two_hundred_and_one_are_not() {
    accepted_and_stable(&rules(200));
    assert_refused_because(rules(201), "too many rules: a theme may have at most 200");
}

#[test]
fn rules_inside_media_count_towards_the_limit() {
    let css = format!(
        "{}@media (max-width: 600px) {{ #bank-box {{ color: red }} }}",
        rules(200)
    );
    assert_refused_because(css, "too many rules");
}

#[test]
fn ten_selectors_are_accepted_and_eleven_are_not() {
    let ten = ["#bank-box"; 10].join(", ");
    accepted_and_stable(&format!("{ten} {{ color: red }}"));
    let eleven = ["#bank-box"; 11].join(", ");
    assert_refused_because(
        format!("{eleven} {{ color: red }}"),
        "too many selectors in one rule: at most 10",
    );
}

#[test]
fn fifty_declarations_are_accepted_and_fifty_one_are_not() {
    let fifty = "color: red; ".repeat(50);
    accepted_and_stable(&format!("#bank-box {{ {fifty} }}"));
    let fifty_one = "color: red; ".repeat(51);
    assert_refused_because(
        format!("#bank-box {{ {fifty_one} }}"),
        "too many declarations in one rule: at most 50",
    );
}

#[test]
fn eight_levels_of_brackets_are_accepted() {
    // @media { rule { gradient( rgb( … — realistic themes need about four.
    let css = "@media (max-width: 600px) { #background { background: linear-gradient(rgb(0 0 0 / 50%), #fff) } }";
    accepted_and_stable(css);
}

#[test]
fn a_flood_of_closing_brackets_gives_a_bounded_answer() {
    let violations = refused("}".repeat(10_000));
    assert_eq!(violations.len(), 100);
    assert!(
        violations[99].reason.contains("9901 more problems"),
        "{:?}",
        violations[99]
    );
}

/// Each of these spells brackets that cssparser does see, behind a construct
/// a naive scan would take for a string, a comment or a URL. The prescan
/// must count them (and so refuse) — or the parser would overflow its stack
/// and abort the test process.
#[test]
fn brackets_behind_string_and_url_lookalikes_are_still_counted() {
    let bomb = "{".repeat(2000);
    for prefix in [
        // A hex escape eats the newline, so the string goes on: `"` closes it.
        "#background { font-family: \"\\41\n\"",
        // `url(` followed by a quote is a function, the string ends normally.
        "#background { background: url(\"x\")",
        // `url` as a unit or a hash is not a URL token.
        "#background { width: 10url(",
        "#background { color: #url(",
        "@url(",
        // `\` before a newline is not an escape.
        "#background { color: -\\\n(",
        // An escaped newline continues a string, which then ends.
        "#background { font-family: 'a\\\nb'",
    ] {
        assert_refused_because(format!("{prefix}{bomb}"), "brackets are nested too deeply");
    }
}

/// And these really are hidden from cssparser too, so they are harmless.
#[test]
fn brackets_really_inside_strings_comments_and_urls_are_not_counted() {
    let bomb = "{(".repeat(2000);
    for (prefix, suffix) in [
        ("#background { font-family: \"", "\" }"),
        ("#background { font-family: '", "' }"),
        ("#background { color: red } /* ", " */"),
        ("#background { background: url(", ") }"),
        ("#background { background: u\\72l(", ") }"),
        ("#background { background: url(a\"b", ") }"),
    ] {
        if let Err(violations) = validate(format!("{prefix}{bomb}{suffix}").as_bytes()) {
            assert!(
                violations
                    .iter()
                    .all(|violation| !violation.reason.contains("nested too deeply")),
                "{prefix}: {violations:#?}"
            );
        }
    }
}

#[test]
fn important_is_accepted_dropped_and_noted() {
    let accepted = accepted_and_stable("#title-select-bank { color: #78281f !important }");
    assert_eq!(accepted.css, "#title-select-bank{color:#78281f}");
    assert_eq!(accepted.notes.len(), 1);
    let note = &accepted.notes[0];
    assert_eq!((note.line, note.column), (1, 22));
    assert_eq!(
        note.reason,
        "`!important` is not needed: your theme loads after the widget's and wins; it was removed"
    );
    assert_eq!(note.text, "color: #78281f !important");
}

#[test]
fn an_important_declaration_still_wins_over_a_later_plain_one_in_its_rule() {
    let accepted = accepted_and_stable("#bank-box { color: red !important; color: blue }");
    assert_eq!(accepted.css, "#bank-box{color:#00f;color:red}");
}

/// `height: 0` is accepted on purpose: `overflow` cannot be set, so the
/// content of a zero-height element stays visible (it overflows), and the
/// six ids are the bank list, not the login form. Hiding is done by
/// `display`, `visibility`, `opacity`, `clip-path`, transparent text and a
/// zero font size, which are all refused.
#[test]
fn zero_height_is_accepted_because_overflowing_content_stays_visible() {
    accepted_and_stable("#bank-img { height: 0; width: 0 }");
}

#[test]
fn the_empty_stylesheet_is_accepted_as_nothing() {
    assert_eq!(
        validate(b""),
        Ok(Accepted {
            css: String::new(),
            notes: vec![]
        })
    );
    assert_eq!(accepted_and_stable("  /* nothing yet */ \n").css, "");
}

#[test]
fn a_byte_order_mark_is_ignored() {
    assert_eq!(
        accepted_and_stable("\u{FEFF}#background { color: red }").css,
        "#background{color:red}"
    );
}

#[test]
fn license_comments_are_not_copied_to_the_output() {
    assert_eq!(
        accepted_and_stable("/*! see url(https://example.com) */ #background { color: red }").css,
        "#background{color:red}"
    );
}

#[tokio::test]
async fn validating_off_thread_gives_the_same_answers() {
    let good = validate_off_thread(b"#background { color: red }".to_vec()).await;
    assert_eq!(good, validate(b"#background { color: red }"));
    let bad = validate_off_thread(b"#background { position: fixed }".to_vec()).await;
    assert_eq!(bad, validate(b"#background { position: fixed }"));
    assert!(bad.is_err());
}
