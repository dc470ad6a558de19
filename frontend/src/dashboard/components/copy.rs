//! **Copy**: puts a credential or a URL on the clipboard, and says so.
//!
//! The button's text is "Copy" unless a page names the thing copied (e.g.
//! **Copy re-authorisation link**); what happened is announced in a live
//! region beside it. Where the Clipboard API is missing (an `http://`
//! address other than localhost, an old browser) or refuses, the text is
//! selected instead and the person is told to copy it themselves.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the last click did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Copied {
    Not,
    Yes,
    /// The browser would not copy: the text is selected instead.
    Manual,
}

/// A **Copy** button for `value`, which is shown in the element `target`
/// (an id; selected when the clipboard cannot be used). `described_by`
/// names what is copied (e.g. the id of the "CLIENT_ID" caption). `text`
/// replaces the visible "Copy"; `label` is an accessible name for a button
/// repeated in a list (it should start with the visible text).
#[component]
pub fn CopyButton(
    #[prop(into)] value: Signal<String>,
    #[prop(into)] target: String,
    #[prop(optional, into)] described_by: Option<String>,
    #[prop(optional)] text: Option<&'static str>,
    #[prop(optional, into)] label: Option<Signal<String>>,
) -> impl IntoView {
    let copied = RwSignal::new(Copied::Not);
    // Each click restarts the "Copied" timer; older timers do nothing.
    let clicks = StoredValue::new(0_u64);
    let target = StoredValue::new(target);

    let on_click = move |_| {
        let text = value.get_untracked();
        let click = clicks.get_value() + 1;
        clicks.set_value(click);
        copied.set(Copied::Not);
        let clipboard = window().navigator().clipboard();
        if clipboard.is_undefined() || clipboard.is_null() {
            select_contents(&target.get_value());
            copied.set(Copied::Manual);
            return;
        }
        let promise = clipboard.write_text(&text);
        spawn_local(async move {
            let outcome = match promise.await {
                Ok(_) => Copied::Yes,
                Err(_) => {
                    if let Some(target) = target.try_get_value() {
                        select_contents(&target);
                    }
                    Copied::Manual
                }
            };
            copied.try_set(outcome);
            if outcome == Copied::Yes {
                set_timeout(
                    move || {
                        if clicks.try_get_value() == Some(click) {
                            copied.try_set(Copied::Not);
                        }
                    },
                    Duration::from_secs(4),
                );
            }
        });
    };

    view! {
        <span class="copy">
            <button
                type="button"
                class="button button-small"
                aria-label=label
                aria-describedby=described_by
                on:click=on_click
            >
                {text.unwrap_or("Copy")}
            </button>
            <span class="copy-status" role="status" aria-live="polite">
                {move || match copied.get() {
                    Copied::Not => None,
                    Copied::Yes => Some(view! { <span class="copy-done">"Copied"</span> }.into_any()),
                    Copied::Manual => Some(
                        view! { <span class="copy-manual">"Select the text and copy it"</span> }
                            .into_any(),
                    ),
                }}
            </span>
        </span>
    }
}

/// Selects the text of the element with this id, ready for Ctrl+C / ⌘C.
fn select_contents(id: &str) {
    let document = document();
    let Some(element) = document.get_element_by_id(id) else {
        return;
    };
    let (Ok(Some(selection)), Ok(range)) = (window().get_selection(), document.create_range())
    else {
        return;
    };
    if range.select_node_contents(&element).is_ok() {
        let _ = selection.remove_all_ranges();
        let _ = selection.add_range(&range);
    }
}
