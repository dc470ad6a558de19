//! Page-level pieces every screen uses: the document title, the centred card
//! of the account pages, and the loading and failed states of a read.

use leptos::prelude::*;

use super::form::ErrorAlert;
use crate::api::ApiError;

/// Sets the browser tab's title to "`page` · Bankport".
pub fn set_title(page: &str) {
    document().set_title(&format!("{page} · Bankport"));
}

/// The centred card the account pages (sign up, log in, …) sit in.
#[component]
pub fn AuthCard(children: Children) -> impl IntoView {
    view! { <section class="card auth-card">{children()}</section> }
}

/// Shown while the page waits for the server.
#[component]
pub fn Loading(#[prop(default = "Loading…")] text: &'static str) -> impl IntoView {
    view! {
        <p class="status loading" role="status" aria-busy="true">{text}</p>
    }
}

/// Shown when a read failed: the reason, and **Try again**.
#[component]
pub fn LoadFailed(error: ApiError, retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="load-failed">
            <ErrorAlert error=error/>
            <button type="button" class="button" on:click=move |_| retry.run(())>
                "Try again"
            </button>
        </div>
    }
}
