//! A modal dialog: a centred card over a translucent backdrop that keeps
//! keyboard focus inside it until it closes.
//!
//! Tab and Shift+Tab cycle through the dialog's controls, focus that lands
//! outside (a click on the backdrop) is brought back, and Escape asks the
//! owner to close it. Where focus starts and where it returns on close are
//! the owner's call: it knows which field and which button matter.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;

/// Elements that take focus with Tab.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Class on `<body>` while a dialog is open, so the page behind stays still.
const BODY_CLASS: &str = "modal-open";

/// The dialog; `title_id` is the id of the heading inside `children` that
/// names it. `on_close` runs on Escape unless `can_close` is false (e.g.
/// while a request is on its way).
#[component]
pub fn Modal(
    id: &'static str,
    title_id: &'static str,
    on_close: Callback<()>,
    #[prop(into)] can_close: Signal<bool>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Div>::new();

    if let Some(body) = document().body() {
        let _ = body.class_list().add_1(BODY_CLASS);
    }
    on_cleanup(|| {
        if let Some(body) = document().body() {
            let _ = body.class_list().remove_1(BODY_CLASS);
        }
    });

    // Focus that escapes (a click on the backdrop, a screen reader's
    // virtual cursor) comes back to the dialog's first control.
    let bring_focus_back = window_event_listener(ev::focusin, move |ev| {
        let Some(dialog) = dialog.get_untracked() else {
            return;
        };
        let inside = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|node| dialog.contains(Some(&node)));
        if !inside && let Some(first) = focusable_in(&dialog).first() {
            let _ = first.focus();
        }
    });
    on_cleanup(move || bring_focus_back.remove());

    let on_keydown = move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.stop_propagation();
            if can_close.get_untracked() {
                on_close.run(());
            }
        }
        "Tab" => {
            if let Some(dialog) = dialog.get_untracked() {
                trap_tab(&dialog, &ev);
            }
        }
        _ => {}
    };

    view! {
        <div class="modal-backdrop">
            <div
                id=id
                class="modal"
                role="dialog"
                aria-modal="true"
                aria-labelledby=title_id
                tabindex="-1"
                node_ref=dialog
                on:keydown=on_keydown
            >
                {children()}
            </div>
        </div>
    }
}

/// Keeps Tab inside `dialog`: past the last control it wraps to the first,
/// and Shift+Tab before the first wraps to the last.
fn trap_tab(dialog: &web_sys::HtmlElement, ev: &ev::KeyboardEvent) {
    let controls = focusable_in(dialog);
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        ev.prevent_default();
        return;
    };
    let active = document().active_element();
    let position = active.as_ref().and_then(|active| {
        controls
            .iter()
            .position(|control| control.is_same_node(Some(active)))
    });
    let wrap_to = match (ev.shift_key(), position) {
        (true, Some(0) | None) => Some(last),
        (false, None) => Some(first),
        (false, Some(at)) if at + 1 == controls.len() => Some(first),
        _ => None,
    };
    if let Some(target) = wrap_to {
        ev.prevent_default();
        let _ = target.focus();
    }
}

fn focusable_in(dialog: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| list.item(index))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}
