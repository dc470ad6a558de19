//! Locators: how a person (or a screen reader) finds things on a page.

use fantoccini::Locator;

/// An XPath string literal for `text`, safe whatever quotes it holds.
fn literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// The element with this (documented) id.
pub fn id(id: &str) -> String {
    format!("#{id}")
}

/// A button whose visible text is exactly `text`.
pub fn button(text: &str) -> String {
    format!(
        "//button[normalize-space(.)={t}] | //input[@type='submit' and @value={t}]",
        t = literal(text)
    )
}

/// A link whose visible text is exactly `text`.
pub fn link(text: &str) -> String {
    format!("//a[normalize-space(.)={}]", literal(text))
}

/// The form control labelled `label`, by `<label for>` or by nesting.
pub fn field(label: &str) -> String {
    let l = literal(label);
    format!(
        "//*[@id=//label[normalize-space(.)={l}]/@for] | //label[normalize-space(.)={l}]//*[self::input or self::select or self::textarea]"
    )
}

/// The button `button` in the innermost element that also shows `text`:
/// "the Delete button of that row".
pub fn button_near(text: &str, button: &str) -> String {
    let t = literal(text);
    let b = literal(button);
    let holds = format!("contains(normalize-space(.), {t}) and .//button[normalize-space(.)={b}]");
    format!("//*[{holds}][not(.//*[{holds}])]//button[normalize-space(.)={b}]")
}

/// Any element whose own text contains `text`.
pub fn text(text: &str) -> String {
    format!(
        "//*[contains(normalize-space(.), {})][not(*[contains(normalize-space(.), {0})])]",
        literal(text)
    )
}

/// Turns a query into a fantoccini locator: the XPath this module builds
/// (it starts with `/`), or a CSS selector such as `#bank-box`.
pub fn locator(query: &str) -> Locator<'_> {
    if query.starts_with('/') || query.starts_with('(') {
        Locator::XPath(query)
    } else {
        Locator::Css(query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_survive_any_quotes() {
        assert_eq!(literal("Log in"), "'Log in'");
        assert_eq!(literal("It's"), "\"It's\"");
        assert_eq!(literal(r#"a'b"c"#), r#"concat('a', "'", 'b"c')"#);
    }
}
