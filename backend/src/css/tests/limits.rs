//! Size and count limits, the prescan against tricks that would hide
//! brackets from it, notes, and the off-thread entry point.

use std::hint::black_box;
use std::time::Instant;

use super::{accepted_and_stable, assert_refused_because, refused};
use crate::css::{
    Accepted, INTERNAL_ERROR, MAX_CSS_BYTES, VALIDATION_TIME_LIMIT, off_thread, validate,
    validate_off_thread,
};

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

/// 16 KiB of `}` on one line: each is a violation whose column and excerpt
/// read the line, so building them all would be quadratic. Only the cap's
/// worth are built; the rest are counted.
#[test]
fn a_full_line_of_closing_brackets_is_refused_quickly_with_a_capped_list() {
    let started = Instant::now();
    let violations = refused("}".repeat(MAX_CSS_BYTES));
    assert!(started.elapsed() < VALIDATION_TIME_LIMIT);
    assert_eq!(violations.len(), 100);
    assert_eq!((violations[98].line, violations[98].column), (1, 99));
    assert_eq!(violations[98].text.chars().count(), 80);
    assert_eq!(
        violations[99].reason,
        "… and 16285 more problems; fix the ones above first"
    );
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
/// content of a zero-height element stays visible (it overflows) — even on
/// `#background`, the `<main>` around every screen of the widget, login form
/// and consent text included. Hiding is done by `display`, `visibility`,
/// `opacity`, `clip-path`, transparent text and a zero font size, which are
/// all refused.
#[test]
fn zero_height_is_accepted_because_overflowing_content_stays_visible() {
    accepted_and_stable("#bank-img { height: 0; width: 0 }");
    accepted_and_stable("#background { height: 0 }");
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

#[tokio::test]
async fn a_panicking_validation_off_thread_becomes_one_violation_at_1_1() {
    let result = off_thread(|| panic!("lightningcss fell over")).await;
    let violations = result.expect_err("a panic is a refusal");
    assert_eq!(violations.len(), 1);
    assert_eq!((violations[0].line, violations[0].column), (1, 1));
    assert_eq!(violations[0].reason, INTERNAL_ERROR);
}

/// Uses at least 1 KiB of stack per level: 8 MiB or more, four times what a
/// tokio blocking thread (or this test's thread) has. Without the validation
/// thread's own stack this aborts the test process.
fn recurse(levels: usize) -> usize {
    let frame = black_box([0u8; 1024]);
    if levels == 0 {
        usize::from(frame[0])
    } else {
        recurse(levels - 1) + usize::from(black_box(frame)[levels % 1024])
    }
}

#[tokio::test]
async fn validating_off_thread_has_a_stack_deep_enough_for_deep_recursion() {
    let result = off_thread(|| {
        assert_eq!(recurse(8 * 1024), 0);
        validate(b"#background { color: red }")
    })
    .await;
    assert_eq!(result, validate(b"#background { color: red }"));
}

/// px and rem mean the same on every element (the root font size is the
/// widget's own), and these percentages are of the element's own box.
#[test]
fn px_rem_and_percentages_of_the_own_box_are_accepted() {
    for css in [
        "#div-select-bank { font-size: 6rem; outline: 3px solid #fff }",
        "#title-select-bank { font: 700 1.5rem/1.25 Georgia, serif; letter-spacing: 0.02rem }",
        "#bank-box { padding: 1rem 12px; margin: 0 0 0.5rem; line-height: 24px }",
        "#bank-box { width: 50%; max-width: 100%; height: 3rem; border-radius: 50% }",
        "#background { background: linear-gradient(#fff 0%, #eee 2rem, #ddd 100%) 50% 0 / 100% 25% }",
        "#bank-img { background-position: 50% 50%; background-size: 100% }",
        "#bank-box { box-shadow: 0 0.25rem 1rem #0003; text-decoration-thickness: 2px }",
        "#div-select-bank { font-size: small }",
    ] {
        accepted_and_stable(css);
    }
}
