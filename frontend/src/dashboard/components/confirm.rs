//! The in-place "Delete this …? Confirm / Cancel" step of destructive row actions.

use leptos::prelude::*;

use super::form::focus_after_render;

/// Shown instead of a row's actions while `confirming` is set. Confirm runs
/// `on_confirm`; Cancel clears `confirming` and puts focus back on the
/// element `back_to` (the Delete button that opened it).
#[component]
pub fn ConfirmDelete(
    question: &'static str,
    confirm_id: String,
    described_by: String,
    pending: Memo<bool>,
    confirming: RwSignal<bool>,
    back_to: String,
    on_confirm: Callback<()>,
) -> impl IntoView {
    view! {
        <span class="confirm-question">{question}</span>
        <button
            id=confirm_id
            type="button"
            class="button button-small button-danger"
            disabled=move || pending.get()
            aria-busy=move || pending.get().then_some("true")
            aria-describedby=described_by
            on:click=move |_| on_confirm.run(())
        >
            {move || if pending.get() { "Deleting…" } else { "Confirm" }}
        </button>
        <button
            type="button"
            class="button button-small"
            disabled=move || pending.get()
            on:click=move |_| {
                confirming.set(false);
                focus_after_render(back_to.clone());
            }
        >
            "Cancel"
        </button>
    }
}
