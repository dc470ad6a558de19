//! Every violation points at the right 1-based line and column.

use super::refused;

fn position(input: impl AsRef<[u8]>, reason: &str) -> (u32, u32) {
    let violations = refused(input);
    let violation = violations
        .iter()
        .find(|violation| violation.reason.contains(reason))
        .unwrap_or_else(|| panic!("no violation containing {reason:?} in {violations:#?}"));
    (violation.line, violation.column)
}

#[test]
fn a_declaration_on_line_3_column_5_is_reported_there() {
    let css = "#background {\n  color: red;\n    position: fixed;\n}\n";
    assert_eq!(position(css, "`position` is not allowed"), (3, 5));
}

#[test]
fn the_offending_text_is_the_declaration() {
    let violations = refused("#background {\n  color: red;\n    position: fixed;\n}\n");
    assert_eq!(violations[0].text, "position: fixed");
}

#[test]
fn a_selector_is_reported_at_the_start_of_its_rule() {
    let css = "#background { color: red }\n\n  #div-login { color: red }";
    assert_eq!(position(css, "`#div-login` cannot be styled"), (3, 3));
}

#[test]
fn repeated_properties_are_each_reported_where_they_are() {
    let css = "#bank-box {\n  cursor: pointer;\n  color: red;\n  cursor: wait;\n}";
    let violations = refused(css);
    let cursors: Vec<_> = violations
        .iter()
        .filter(|violation| violation.reason.contains("`cursor`"))
        .map(|violation| (violation.line, violation.column))
        .collect();
    assert_eq!(cursors, [(2, 3), (4, 3)]);
}

#[test]
fn columns_count_characters_not_bytes_or_utf16_units() {
    // `é` is 2 bytes, `😀` is 4 bytes and 2 UTF-16 units: `#x` is the 10th character.
    assert_eq!(position("/* é😀 */ #x{}", "`#x` cannot be styled"), (1, 10));
}

#[test]
fn windows_line_endings_count_as_one() {
    let css = "#background {\r\n  color: red;\r\n  position: fixed;\r\n}";
    assert_eq!(position(css, "`position`"), (3, 3));
}

#[test]
fn a_stray_bracket_is_reported_where_it_is() {
    let css = "#background {\n  color: red;\n}\n}";
    assert_eq!(position(css, "`}` closes nothing"), (4, 1));
}

#[test]
fn an_unclosed_bracket_is_reported_where_it_opens() {
    let css = "#background {\n  color: rgb(0 0 0;\n}";
    let violations = refused(css);
    assert!(
        violations
            .iter()
            .any(|violation| violation.reason.contains("the `(` at line 2, column 13")),
        "{violations:#?}"
    );
}

#[test]
fn an_invalid_utf8_byte_is_reported_where_it_is() {
    let css = b"#background {\n  color: r\xffd;\n}";
    assert_eq!(position(css.as_slice(), "not valid UTF-8"), (2, 11));
}

#[test]
fn a_nul_is_reported_where_it_is() {
    assert_eq!(position("#background {\n  co\0lor: red }", "NUL"), (2, 5));
}

#[test]
fn a_parser_warning_is_reported_where_lightningcss_found_it() {
    let css = "#background { color: red }\n  #bank-box !x { color: red }";
    assert_eq!(position(css, "this selector is not valid"), (2, 13));
}

#[test]
fn an_invalid_value_is_reported_at_its_declaration() {
    let css = "#background {\n  color: red;\n  color: ;\n}";
    assert_eq!(position(css, "`color`"), (3, 3));
}

#[test]
fn violations_are_sorted_by_line_and_column() {
    let css =
        "#div-login { position: fixed }\n#bank-box { opacity: 0; z-index: 2 }\n.x { color: red }";
    let violations = refused(css);
    assert!(violations.len() >= 5, "{violations:#?}");
    assert!(
        violations
            .windows(2)
            .all(|pair| (pair[0].line, pair[0].column) <= (pair[1].line, pair[1].column)),
        "{violations:#?}"
    );
}

#[test]
fn long_offending_text_is_shortened_to_80_characters() {
    let css = format!("#background {{ font-family: \"{}\" }}", "x".repeat(200));
    let violations = refused(css);
    assert!(
        violations
            .iter()
            .all(|violation| violation.text.chars().count() <= 80)
    );
    assert!(violations[0].text.ends_with('…'));
}

/// Reasons quote decoded identifiers and excerpts quote the text; both are
/// shown in terminals (`check-css`) and on the dashboard.
#[test]
fn control_characters_are_dropped_from_reasons_and_excerpts() {
    let violations =
        refused("#bank-box.\\1b\\5b 2J { color: red }\n#bank-box { cursor: pointer\u{1b}2J\u{7} }");
    assert!(
        violations
            .iter()
            .any(|violation| violation.reason.contains("class selectors (`.[2J`)")),
        "{violations:#?}"
    );
    assert!(
        violations
            .iter()
            .any(|violation| violation.text.contains("pointer2J")),
        "{violations:#?}"
    );
    for violation in &violations {
        assert!(
            !violation
                .reason
                .chars()
                .chain(violation.text.chars())
                .any(char::is_control),
            "{violation:?}"
        );
    }
}
