//! The integrator's theme: a validated stylesheet served by Bankport at
//! `/theme/<hash>.css`, added as a `<link>` at the end of `<head>` so it
//! comes after (and wins over) the widget's own stylesheets.
//!
//! The widget page's CSP allows styles from its own origin only
//! (`style-src 'self'`), so a theme is never inlined: no `<style>`, no
//! `style=`. The flow waits for the stylesheet before drawing the bank
//! chooser, so end users do not see the default look flash first; a
//! stylesheet that fails or hangs never blocks the flow for longer than
//! [`LOAD_TIMEOUT`].

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use bankport_shared::css::is_theme_hash;
use bankport_shared::paths;
use leptos::prelude::set_timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The longest the widget waits for a theme before going on without it.
pub const LOAD_TIMEOUT: Duration = Duration::from_millis(1500);

/// Marks the `<link>` this module added, so opening the link again does not
/// add a second one.
const MARKER: &str = "data-bankport-theme";

/// The path to load for the server's `stylesheet`, when it is one of
/// Bankport's theme paths (`/theme/<64 hex digits>.css`); anything else is
/// ignored, leaving the default look.
pub fn theme_href(stylesheet: &str) -> Option<String> {
    let hash = stylesheet
        .trim()
        .strip_prefix(paths::THEMES)?
        .strip_prefix('/')?
        .strip_suffix(".css")?;
    is_theme_hash(hash).then(|| paths::theme_url(hash))
}

/// Adds the stylesheet at `href` to the page, then runs `then` once: when it
/// has loaded, when it failed, or after [`LOAD_TIMEOUT`], whichever comes
/// first.
pub fn load(href: &str, then: impl FnOnce() + 'static) {
    let pending = Cell::new(Some(then));
    let finish = move || {
        if let Some(then) = pending.take() {
            then();
        }
    };

    let Some(document) = web_sys::window().and_then(|window| window.document()) else {
        return finish();
    };
    let Some(head) = document.head() else {
        return finish();
    };
    if let Ok(Some(existing)) = document.query_selector(&format!("link[{MARKER}]")) {
        if existing.get_attribute("href").as_deref() == Some(href) {
            return finish();
        }
        existing.remove();
    }
    let Some(link) = document
        .create_element("link")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlLinkElement>().ok())
    else {
        return finish();
    };
    link.set_rel("stylesheet");
    link.set_href(href);
    let _ = link.set_attribute(MARKER, "");

    let finish = Rc::new(finish);
    for event in ["load", "error"] {
        let finish = Rc::clone(&finish);
        // Freed once called; the one of the event that does not happen is a
        // few bytes kept for the life of the page.
        let listener = Closure::once_into_js(move || finish());
        let _ = link.add_event_listener_with_callback(event, listener.unchecked_ref());
    }
    {
        let finish = Rc::clone(&finish);
        set_timeout(move || finish(), LOAD_TIMEOUT);
    }
    if head.append_child(&link).is_err() {
        finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    #[test]
    fn only_bankports_theme_paths_are_loaded() {
        let path = format!("/theme/{HASH}.css");
        assert_eq!(theme_href(&path), Some(path.clone()));
        assert_eq!(theme_href(&format!(" {path} ")), Some(path));
        for other in [
            format!("https://evil.example/theme/{HASH}.css"),
            format!("//evil.example/theme/{HASH}.css"),
            format!("/theme/{}.css", HASH.to_uppercase()),
            format!("/theme/{HASH}.css?x=1"),
            format!("/theme/{HASH}"),
            format!("/themes/{HASH}.css"),
            "/theme/../api/banks.css".to_owned(),
            String::new(),
        ] {
            assert_eq!(theme_href(&other), None, "{other}");
        }
    }
}
