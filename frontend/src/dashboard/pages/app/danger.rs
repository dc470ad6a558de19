//! **Danger zone**: **Delete app**, confirmed by typing the app's name.

use bankport_shared::error::codes;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::AppContext;
use crate::api::{self, ApiError};
use crate::dashboard::components::form::{
    ErrorAlert, FormAlert, FormField, TextField, focus_after_render, focus_element,
    show_field_errors,
};
use crate::dashboard::routes;
use crate::dashboard::session::use_session;

const TITLE_ID: &str = "danger-zone-title";
const OPEN_ID: &str = "delete-app";
const INPUT_ID: &str = "delete-app-confirm";
const ALERT_ID: &str = "delete-app-alert";

#[component]
pub(super) fn DangerZone(context: AppContext) -> impl IntoView {
    let confirming = RwSignal::new(false);
    view! {
        <section class="card section danger-zone" aria-labelledby=TITLE_ID>
            <h2 id=TITLE_ID class="section-title-small">"Danger zone"</h2>
            <p>
                "Deleting the app stops its CLIENT_ID and CLIENT_SECRET at once, revokes its "
                "access tokens, and removes its redirect URIs and links. This cannot be undone."
            </p>
            {move || {
                if confirming.get() {
                    view! { <ConfirmDelete context=context confirming=confirming/> }.into_any()
                } else {
                    view! {
                        <div class="button-row">
                            <button
                                id=OPEN_ID
                                type="button"
                                class="button button-danger"
                                on:click=move |_| confirming.set(true)
                            >
                                "Delete app"
                            </button>
                        </div>
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn ConfirmDelete(context: AppContext, confirming: RwSignal<bool>) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let app = context.app;
    let name = Memo::new(move |_| {
        app.with_data(|app| app.map(|app| app.name.clone()).unwrap_or_default())
    });
    // Whether it matches is the button's job; the server's message (if it
    // still disagrees) lands under the field.
    let typed = FormField::new("confirm_name", INPUT_ID, |_| None);
    let matches = Memo::new(move |_| {
        let name = name.get();
        !name.is_empty() && typed.value.with(|value| value.trim() == name)
    });
    let problem = RwSignal::new(None::<ApiError>);

    let delete = Action::new_local(move |confirm_name: &String| {
        let app_id = context.id();
        let confirm_name = confirm_name.clone();
        let navigate = navigate.clone();
        async move {
            match api::apps::delete_app(&app_id, confirm_name).await {
                Ok(()) => navigate(routes::APPS, Default::default()),
                Err(error) => {
                    session.end_if_unauthenticated(&error);
                    let shown_inline = error.has_code(codes::VALIDATION)
                        && show_field_errors(&[typed], &error.fields);
                    if !shown_inline {
                        problem.try_set(Some(error));
                        focus_element(ALERT_ID);
                    }
                }
            }
        }
    });
    let pending = delete.pending();

    focus_after_render(INPUT_ID);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() || !matches.get_untracked() {
            return;
        }
        problem.set(None);
        typed.error.set(None);
        delete.dispatch(typed.get().trim().to_owned());
    };

    view! {
        <form class="form panel panel-danger" novalidate on:submit=on_submit>
            <p>
                "To confirm, type " <strong class="break-anywhere">{move || name.get()}</strong>
                " below."
            </p>
            <TextField field=typed label="Type the app name to confirm" autocomplete="off"/>
            <FormAlert id=ALERT_ID>
                {move || problem.get().map(|error| view! { <ErrorAlert error=error/> })}
            </FormAlert>
            <div class="button-row">
                <button
                    type="submit"
                    class="button button-danger"
                    disabled=move || pending.get() || !matches.get()
                    aria-busy=move || pending.get().then_some("true")
                >
                    {move || if pending.get() { "Deleting…" } else { "Delete app" }}
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || pending.get()
                    on:click=move |_| {
                        confirming.set(false);
                        focus_after_render(OPEN_ID);
                    }
                >
                    "Cancel"
                </button>
            </div>
        </form>
    }
}
