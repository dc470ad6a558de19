//! The link widget: what an end user sees after opening `/link?token=…`.
//!
//! Element ids (`#background`, `#div-select-bank`, …) are a documented
//! contract: integrators style them with custom CSS and tests find them, so
//! they never change.

mod bank_chooser;

use leptos::prelude::*;

use bank_chooser::BankChooser;

/// Parameters the widget reads from its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkParams {
    pub token: Option<String>,
}

impl LinkParams {
    /// Reads the current page's query string.
    pub fn from_location() -> Self {
        let search = web_sys::window()
            .and_then(|w| w.location().search().ok())
            .unwrap_or_default();
        let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
        let get = |name: &str| {
            params
                .as_ref()
                .and_then(|p| p.get(name))
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Self {
            token: get("token"),
        }
    }
}

/// The whole widget.
#[component]
pub fn Widget() -> impl IntoView {
    let params = LinkParams::from_location();
    view! {
        <main id="background" class="widget">
            {match params.token {
                Some(_) => view! { <BankChooser/> }.into_any(),
                None => view! { <InvalidLink/> }.into_any(),
            }}
            <footer class="widget-footer">"Secured by Bankport"</footer>
        </main>
    }
}

/// Shown when the link cannot be used.
#[component]
fn InvalidLink() -> impl IntoView {
    view! {
        <section id="div-invalid-link" class="widget-panel" role="alert">
            <h1 class="widget-title">"This link cannot be used"</h1>
            <p>"Invalid provided link, please generate a new one."</p>
        </section>
    }
}
