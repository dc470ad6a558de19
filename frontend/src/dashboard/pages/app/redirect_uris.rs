//! **Redirect URIs**: the list (each with **Delete** → **Confirm**) and
//! **Add redirect URI** → field **Redirect URI** → **Save**.

use bankport_shared::app::{RedirectUri, RedirectUriResponse};
use bankport_shared::error::codes;
use leptos::prelude::*;

use crate::dashboard::components::confirm::ConfirmDelete;

use super::AppContext;
use crate::api::{self, ApiError};
use crate::dashboard::components::form::{
    ErrorAlert, FormAlert, FormField, TextField, focus_after_render, focus_element,
    show_field_errors, validate_all,
};
use crate::dashboard::components::page::{LoadFailed, Loading};
use crate::dashboard::components::remote::LoadStatus;
use crate::dashboard::session::use_session;

const TITLE_ID: &str = "redirect-uris-title";
const ADD_ID: &str = "add-redirect-uri";
const INPUT_ID: &str = "new-redirect-uri";
const ALERT_ID: &str = "add-redirect-uri-alert";

/// The hint under the field, as the product describes what is accepted.
const URI_HINT: &str = "https://…, http://localhost…, or a custom scheme such as myapp://callback";

#[component]
pub(super) fn RedirectUris(context: AppContext) -> impl IntoView {
    let uris = context.uris;
    let adding = RwSignal::new(false);
    // Said out loud after a change that moves focus away from where it was.
    let announcement = RwSignal::new(String::new());

    let list = move || match uris.status() {
        LoadStatus::Loading => view! { <Loading text="Loading redirect URIs…"/> }.into_any(),
        LoadStatus::Failed => {
            let retry = Callback::new(move |()| uris.reload());
            uris.error()
                .map(|error| view! { <LoadFailed error=error retry=retry/> })
                .into_any()
        }
        LoadStatus::Ready => view! {
            <Show
                when=move || uris.with_data(|list| list.is_some_and(|list| !list.is_empty()))
                fallback=|| view! {
                    <p class="empty-state empty-state-small">
                        "No redirect URIs yet. A link sends end users back to one of them, so add "
                        "one first."
                    </p>
                }
            >
                <ul class="item-list" aria-labelledby=TITLE_ID>
                    <For
                        each=move || uris.data().unwrap_or_default()
                        key=|uri| uri.id.clone()
                        let:uri
                    >
                        <UriRow context=context uri=uri announcement=announcement/>
                    </For>
                </ul>
            </Show>
        }
        .into_any(),
    };

    view! {
        <section class="card section" aria-labelledby=TITLE_ID>
            <h2 id=TITLE_ID class="section-title-small" tabindex="-1">"Redirect URIs"</h2>
            <p class="muted">
                "After connecting their bank, end users come back to the redirect URI of the link "
                "they used, with a code. Matching is exact."
            </p>
            {list}
            <p class="visually-hidden" role="status">{move || announcement.get()}</p>
            {move || {
                if adding.get() {
                    view! { <AddRedirectUri context=context adding=adding announcement=announcement/> }
                        .into_any()
                } else {
                    view! {
                        <div class="button-row">
                            <button
                                id=ADD_ID
                                type="button"
                                class="button button-primary"
                                disabled=move || uris.status() != LoadStatus::Ready
                                on:click=move |_| {
                                    announcement.set(String::new());
                                    adding.set(true);
                                }
                            >
                                "Add redirect URI"
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
fn UriRow(
    context: AppContext,
    uri: RedirectUriResponse,
    announcement: RwSignal<String>,
) -> impl IntoView {
    let session = use_session();
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiError>);
    let uri_id = StoredValue::new(uri.id.clone());
    let text_id = format!("uri-{}", uri.id);
    let delete_id = format!("uri-{}-delete", uri.id);
    let confirm_id = format!("uri-{}-confirm", uri.id);

    let delete = Action::new_local(move |_: &()| {
        let app_id = context.id();
        let uri_id = uri_id.get_value();
        async move {
            match api::apps::delete_redirect_uri(&app_id, &uri_id).await {
                Ok(()) => {
                    announcement.try_set("Redirect URI deleted.".to_owned());
                    // The row goes, and its buttons with it.
                    focus_element(TITLE_ID);
                    context
                        .uris
                        .update(|list| list.retain(|uri| uri.id != uri_id));
                }
                Err(error) => {
                    session.end_if_unauthenticated(&error);
                    confirming.try_set(false);
                    problem.try_set(Some(error));
                    focus_after_render(format!("uri-{uri_id}-delete"));
                }
            }
        }
    });
    let pending = delete.pending();

    let error_id = format!("uri-{}-error", uri.id);
    let actions = {
        let delete_id = delete_id.clone();
        let confirm_id = confirm_id.clone();
        let text_id = text_id.clone();
        move || {
            if confirming.get() {
                let described = text_id.clone();
                let back_to = delete_id.clone();
                view! {
                    <ConfirmDelete
                        question="Delete this redirect URI?"
                        confirm_id=confirm_id.clone()
                        described_by=described
                        pending=pending
                        confirming=confirming
                        back_to=back_to
                        on_confirm=Callback::new(move |()| {
                            delete.dispatch(());
                        })
                    />
                }
                .into_any()
            } else {
                let described = text_id.clone();
                let confirm_id = confirm_id.clone();
                view! {
                    <button
                        id=delete_id.clone()
                        type="button"
                        class="button button-small"
                        aria-describedby=described
                        on:click=move |_| {
                            problem.set(None);
                            confirming.set(true);
                            focus_after_render(confirm_id.clone());
                        }
                    >
                        "Delete"
                    </button>
                }
                .into_any()
            }
        }
    };
    view! {
        <li class="item">
            <div class="item-main">
                <code id=text_id.clone() class="mono break-anywhere">{uri.uri}</code>
            </div>
            <div class="item-actions">{actions}</div>
            <div id=error_id class="item-error">
                {move || problem.get().map(|error| view! { <ErrorAlert error=error/> })}
            </div>
        </li>
    }
}

#[component]
fn AddRedirectUri(
    context: AppContext,
    adding: RwSignal<bool>,
    announcement: RwSignal<String>,
) -> impl IntoView {
    let session = use_session();
    // Spaces around a pasted URI are never meant; inside, the parser refuses them.
    let uri = FormField::new("uri", INPUT_ID, |raw| RedirectUri::parse(raw.trim()).err());
    let problem = RwSignal::new(None::<ApiError>);

    let save = Action::new_local(move |value: &String| {
        let app_id = context.id();
        let value = value.clone();
        async move {
            match api::apps::add_redirect_uri(&app_id, value).await {
                Ok(added) => {
                    context.uris.update(|list| list.push(added));
                    announcement.try_set("Redirect URI added.".to_owned());
                    adding.try_set(false);
                    focus_after_render(ADD_ID);
                }
                Err(error) => {
                    session.end_if_unauthenticated(&error);
                    let shown_inline = error.has_code(codes::VALIDATION)
                        && show_field_errors(&[uri], &error.fields);
                    if !shown_inline {
                        problem.try_set(Some(error));
                        focus_element(ALERT_ID);
                    }
                }
            }
        }
    });
    let pending = save.pending();

    focus_after_render(INPUT_ID);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        problem.set(None);
        if !validate_all(&[uri]) {
            return;
        }
        if let Ok(parsed) = RedirectUri::parse(uri.get().trim()) {
            save.dispatch(parsed.as_str().to_owned());
        }
    };

    view! {
        <form class="form inline-form" novalidate on:submit=on_submit>
            <TextField
                field=uri
                label="Redirect URI"
                input_type="url"
                autocomplete="off"
                hint=URI_HINT
            />
            <FormAlert id=ALERT_ID>
                {move || problem.get().map(|error| view! { <ErrorAlert error=error/> })}
            </FormAlert>
            <div class="button-row">
                <button
                    type="submit"
                    class="button button-primary"
                    disabled=move || pending.get()
                    aria-busy=move || pending.get().then_some("true")
                >
                    {move || if pending.get() { "Saving…" } else { "Save" }}
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || pending.get()
                    on:click=move |_| {
                        adding.set(false);
                        focus_after_render(ADD_ID);
                    }
                >
                    "Cancel"
                </button>
            </div>
        </form>
    }
}
