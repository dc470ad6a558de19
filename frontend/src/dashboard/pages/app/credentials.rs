//! **Credentials**: the CLIENT_ID (with **Copy**), the CLIENT_SECRET masked
//! to its hint, and **Rotate secret** → **Confirm**, which shows the new
//! secret once.

use leptos::prelude::*;

use super::AppContext;
use crate::api;
use crate::dashboard::components::copy::CopyButton;
use crate::dashboard::components::form::{ErrorAlert, focus_after_render};
use crate::dashboard::pages::apps::SECRET_WARNING;
use crate::dashboard::session::use_session;

const ROTATE_ID: &str = "rotate-secret";
const CONFIRM_TEXT_ID: &str = "rotate-secret-warning";
const ROTATED_ID: &str = "rotated-secret-done";

#[component]
pub(super) fn Credentials(context: AppContext) -> impl IntoView {
    let session = use_session();
    let app = context.app;
    let client_id = Signal::derive(move || {
        app.with_data(|app| app.map(|app| app.client_id.clone()).unwrap_or_default())
    });
    let hint =
        move || app.with_data(|app| app.map(|app| app.secret_hint.clone()).unwrap_or_default());

    let confirming = RwSignal::new(false);
    let new_secret = RwSignal::new(None::<String>);

    let rotate = Action::new_local(move |_: &()| {
        let id = context.id();
        async move {
            match api::apps::rotate_secret(&id).await {
                Ok(answer) => {
                    app.update(|app| *app = answer.app);
                    new_secret.try_set(Some(answer.client_secret));
                    confirming.try_set(false);
                    focus_after_render(ROTATED_ID);
                    Ok(())
                }
                Err(error) => {
                    session.end_if_unauthenticated(&error);
                    Err(error)
                }
            }
        }
    });
    let pending = rotate.pending();

    let start = move |_| {
        rotate.value().set(None);
        confirming.set(true);
        focus_after_render(CONFIRM_TEXT_ID);
    };
    let cancel = move |_| {
        confirming.set(false);
        focus_after_render(ROTATE_ID);
    };
    let done = move |_| {
        new_secret.set(None);
        focus_after_render(ROTATE_ID);
    };

    view! {
        <section class="card section" aria-labelledby="credentials-title">
            <h2 id="credentials-title" class="section-title-small">"Credentials"</h2>
            <p class="muted">
                "Your servers send these to " <code>"POST /v0/token"</code>
                " to get an access token."
            </p>
            <dl class="facts credentials">
                <div class="fact">
                    <dt id="client-id-label">"CLIENT_ID"</dt>
                    <dd class="copy-row">
                        <code id="client-id" class="mono secret-value">{client_id}</code>
                        <CopyButton
                            value=client_id
                            target="client-id"
                            described_by="client-id-label"
                        />
                    </dd>
                </div>
                <div class="fact">
                    <dt id="client-secret-label">"CLIENT_SECRET"</dt>
                    {move || match new_secret.get() {
                        None => view! {
                            <dd>
                                <code id="client-secret" class="mono">
                                    "••••" {hint}
                                </code>
                                <span class="muted">" (shown only when created or rotated)"</span>
                            </dd>
                        }
                        .into_any(),
                        Some(secret) => view! {
                            <dd class="new-secret">
                                <p id=ROTATED_ID class="alert alert-success" tabindex="-1">
                                    "New secret issued. The old one no longer works."
                                </p>
                                <div class="copy-row">
                                    <code id="new-client-secret" class="mono secret-value">
                                        {secret.clone()}
                                    </code>
                                    <CopyButton
                                        value=secret
                                        target="new-client-secret"
                                        described_by="client-secret-label"
                                    />
                                </div>
                                <p class="alert alert-warning">{SECRET_WARNING}</p>
                                <button type="button" class="button" on:click=done>"Done"</button>
                            </dd>
                        }
                        .into_any(),
                    }}
                </div>
            </dl>
            {move || {
                if confirming.get() {
                    view! {
                        <div class="panel panel-danger">
                            <p id=CONFIRM_TEXT_ID tabindex="-1">
                                "Rotating issues a new secret and immediately stops the old one "
                                "and every access token made with it."
                            </p>
                            <div class="button-row">
                                <button
                                    type="button"
                                    class="button button-danger"
                                    disabled=move || pending.get()
                                    aria-busy=move || pending.get().then_some("true")
                                    aria-describedby=CONFIRM_TEXT_ID
                                    on:click=move |_| {
                                        rotate.dispatch(());
                                    }
                                >
                                    {move || if pending.get() { "Rotating…" } else { "Confirm" }}
                                </button>
                                <button
                                    type="button"
                                    class="button"
                                    disabled=move || pending.get()
                                    on:click=cancel
                                >
                                    "Cancel"
                                </button>
                            </div>
                            {move || {
                                rotate
                                    .value()
                                    .get()
                                    .and_then(Result::err)
                                    .map(|error| view! { <ErrorAlert error=error/> })
                            }}
                        </div>
                    }
                    .into_any()
                } else if new_secret.with(Option::is_none) {
                    view! {
                        <div class="button-row">
                            <button id=ROTATE_ID type="button" class="button" on:click=start>
                                "Rotate secret"
                            </button>
                        </div>
                    }
                    .into_any()
                } else {
                    ().into_any()
                }
            }}
        </section>
    }
}
