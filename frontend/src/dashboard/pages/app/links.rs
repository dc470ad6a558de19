//! **Links**: **Generate link** (select **Redirect URI**, optional **Name**,
//! **Generate**), the new link's URL with **Copy** and **Open**, and the
//! table of links with **Copy**, **Pause**/**Resume** and **Delete** →
//! **Confirm**.

use bankport_shared::app::{
    CreateLinkRequest, LinkResponse, MAX_LINK_NAME_CHARS, UpdateLinkRequest,
};
use bankport_shared::error::codes;
use leptos::prelude::*;

use crate::dashboard::components::confirm::ConfirmDelete;

use super::AppContext;
use crate::api::{self, ApiError};
use crate::dashboard::components::copy::CopyButton;
use crate::dashboard::components::form::{
    ErrorAlert, FormAlert, FormField, TextField, focus_after_render, focus_element,
    show_field_errors, validate_all,
};
use crate::dashboard::components::page::{LoadFailed, Loading};
use crate::dashboard::components::remote::LoadStatus;
use crate::dashboard::pages::apps::date_of;
use crate::dashboard::session::use_session;

const TITLE_ID: &str = "links-title";
const GENERATE_ID: &str = "generate-link";
const HELP_ID: &str = "generate-link-help";
const SELECT_ID: &str = "link-redirect-uri";
const NAME_ID: &str = "link-name";
const ALERT_ID: &str = "generate-link-alert";
const NEW_LINK_ID: &str = "new-link-done";
const NEW_TAB_NOTE_ID: &str = "opens-in-new-tab";

/// Shown instead of an empty name.
pub(super) const UNNAMED: &str = "Unnamed link";

#[component]
pub(super) fn Links(context: AppContext) -> impl IntoView {
    let uris = context.uris;
    let links = context.links;
    let generating = RwSignal::new(false);
    let new_link = RwSignal::new(None::<LinkResponse>);
    let announcement = RwSignal::new(String::new());

    let no_uris =
        Memo::new(move |_| uris.with_data(|list| list.is_some_and(|list| list.is_empty())));
    let can_generate =
        Memo::new(move |_| uris.with_data(|list| list.is_some_and(|list| !list.is_empty())));

    let list = move || match links.status() {
        LoadStatus::Loading => view! { <Loading text="Loading links…"/> }.into_any(),
        LoadStatus::Failed => {
            let retry = Callback::new(move |()| links.reload());
            links
                .error()
                .map(|error| view! { <LoadFailed error=error retry=retry/> })
                .into_any()
        }
        LoadStatus::Ready => view! {
            <Show
                when=move || links.with_data(|list| list.is_some_and(|list| !list.is_empty()))
                fallback=|| view! {
                    <p class="empty-state empty-state-small">
                        "No links yet. Generate one and send it to your end users: the same link "
                        "works for all of them."
                    </p>
                }
            >
                <div class="table-wrap">
                    <table class="links-table">
                        <caption class="visually-hidden">"Links of this app"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"URL"</th>
                                <th scope="col">"Redirect URI"</th>
                                <th scope="col">"Created"</th>
                                <th scope="col">"Status"</th>
                                <th scope="col">"Pending codes"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For
                                each=move || {
                                    links
                                        .with_data(|list| {
                                            list.map(|list| {
                                                list.iter()
                                                    .map(|link| link.token.clone())
                                                    .collect::<Vec<_>>()
                                            })
                                        })
                                        .unwrap_or_default()
                                }
                                key=|token| token.clone()
                                let:token
                            >
                                <LinkRow context=context token=token announcement=announcement/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        }
        .into_any(),
    };

    let generate_button = move || {
        if generating.get() {
            return view! {
                <GenerateLink context=context generating=generating new_link=new_link/>
            }
            .into_any();
        }
        view! {
            <div class="button-row">
                <button
                    id=GENERATE_ID
                    type="button"
                    class="button button-primary"
                    disabled=move || !can_generate.get()
                    aria-describedby=move || no_uris.get().then_some(HELP_ID)
                    on:click=move |_| {
                        announcement.set(String::new());
                        new_link.set(None);
                        generating.set(true);
                    }
                >
                    "Generate link"
                </button>
                <Show when=move || no_uris.get()>
                    <p id=HELP_ID class="button-note">
                        "Add a redirect URI first: links send end users back to one."
                    </p>
                </Show>
            </div>
        }
        .into_any()
    };

    view! {
        <section class="card section" aria-labelledby=TITLE_ID>
            <h2 id=TITLE_ID class="section-title-small" tabindex="-1">"Links"</h2>
            <p class="muted">
                "A link is static and reusable: send the same one to all your end users, or make "
                "one per environment."
            </p>
            {generate_button}
            {move || new_link.get().map(|link| view! { <NewLink link=link/> })}
            <p class="visually-hidden" role="status">{move || announcement.get()}</p>
            {list}
        </section>
    }
}

/// The form behind **Generate link**.
#[component]
fn GenerateLink(
    context: AppContext,
    generating: RwSignal<bool>,
    new_link: RwSignal<Option<LinkResponse>>,
) -> impl IntoView {
    let session = use_session();
    let uris = context.uris.data_untracked().unwrap_or_default();
    // The first (often the only) redirect URI is chosen to begin with.
    let chosen = RwSignal::new(uris.first().map(|uri| uri.id.clone()).unwrap_or_default());
    let chosen_error = RwSignal::new(None::<String>);
    let name = FormField::new("name", NAME_ID, |raw| {
        let raw = raw.trim();
        if raw.chars().count() > MAX_LINK_NAME_CHARS {
            Some(format!("Use at most {MAX_LINK_NAME_CHARS} characters."))
        } else if raw.chars().any(char::is_control) {
            Some("Remove the control characters.".to_owned())
        } else {
            None
        }
    });
    let problem = RwSignal::new(None::<ApiError>);

    let generate = Action::new_local(move |request: &CreateLinkRequest| {
        let app_id = context.id();
        let request = request.clone();
        async move {
            match api::apps::create_link(&app_id, request).await {
                Ok(link) => {
                    context.links.update(|list| list.insert(0, link.clone()));
                    context.app.update(|app| app.link_count += 1);
                    new_link.try_set(Some(link));
                    generating.try_set(false);
                    focus_after_render(NEW_LINK_ID);
                }
                Err(error) => {
                    session.end_if_unauthenticated(&error);
                    if error.has_code(codes::VALIDATION) {
                        let uri_message = error.fields.get("redirect_uri_id").cloned();
                        let name_shown = show_field_errors(&[name], &error.fields);
                        if uri_message.is_some() {
                            chosen_error.try_set(uri_message);
                            focus_element(SELECT_ID);
                        }
                        if name_shown || error.fields.contains_key("redirect_uri_id") {
                            return;
                        }
                    }
                    problem.try_set(Some(error));
                    focus_element(ALERT_ID);
                }
            }
        }
    });
    let pending = generate.pending();

    focus_after_render(SELECT_ID);

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        problem.set(None);
        let redirect_uri_id = chosen.get_untracked();
        if redirect_uri_id.is_empty() {
            chosen_error.set(Some("Choose a redirect URI.".to_owned()));
            focus_element(SELECT_ID);
            return;
        }
        chosen_error.set(None);
        if !validate_all(&[name]) {
            return;
        }
        let typed = name.get().trim().to_owned();
        generate.dispatch(CreateLinkRequest {
            redirect_uri_id,
            name: (!typed.is_empty()).then_some(typed),
        });
    };

    let select_error_id = format!("{SELECT_ID}-error");
    view! {
        <form class="form inline-form" novalidate on:submit=on_submit>
            <div class="field">
                <div class="field-label-row">
                    <label for=SELECT_ID class="field-label">"Redirect URI"</label>
                </div>
                <p id=format!("{SELECT_ID}-hint") class="field-hint">
                    "Where end users go back to, with their code, after connecting their bank."
                </p>
                <select
                    id=SELECT_ID
                    name="redirect_uri_id"
                    class="input select mono"
                    required
                    aria-describedby=format!("{SELECT_ID}-hint {select_error_id}")
                    aria-invalid=move || chosen_error.read().is_some().then_some("true")
                    on:change=move |ev| {
                        chosen.set(event_target_value(&ev));
                        chosen_error.set(None);
                    }
                >
                    {uris
                        .into_iter()
                        .map(|uri| {
                            let selected = chosen.get_untracked() == uri.id;
                            view! {
                                <option value=uri.id selected=selected>{uri.uri}</option>
                            }
                        })
                        .collect_view()}
                </select>
                <p id=select_error_id class="field-error" aria-live="polite">
                    {move || chosen_error.get().map(|message| view! { <span>{message}</span> })}
                </p>
            </div>
            <TextField
                field=name
                label="Name"
                autocomplete="off"
                required=false
                hint="Optional: helps you tell links apart, such as “Website” or “iOS app”."
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
                    {move || if pending.get() { "Generating…" } else { "Generate" }}
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || pending.get()
                    on:click=move |_| {
                        generating.set(false);
                        focus_after_render(GENERATE_ID);
                    }
                >
                    "Cancel"
                </button>
            </div>
        </form>
    }
}

/// The link just generated: its URL as text, **Copy** and **Open**.
#[component]
fn NewLink(link: LinkResponse) -> impl IntoView {
    view! {
        <div class="panel panel-success new-link">
            <p id=NEW_LINK_ID class="panel-title" tabindex="-1">
                "Link generated. Send it to your end users:"
            </p>
            <div class="copy-row">
                <code id="new-link-url" class="mono break-anywhere">{link.url.clone()}</code>
                <CopyButton value=link.url.clone() target="new-link-url"/>
                <a
                    class="button button-small"
                    href=link.url
                    target="_blank"
                    rel="noopener"
                    aria-describedby=NEW_TAB_NOTE_ID
                >
                    "Open"
                </a>
                <span id=NEW_TAB_NOTE_ID class="visually-hidden">"Opens in a new tab"</span>
            </div>
        </div>
    }
}

/// One row of the table. It reads its link from the list by token, so a
/// pause or resume updates the row in place and focus stays on its button.
#[component]
fn LinkRow(context: AppContext, token: String, announcement: RwSignal<String>) -> impl IntoView {
    let session = use_session();
    let links = context.links;
    let token = StoredValue::new(token);
    let link = Memo::new(move |_| {
        token.with_value(|token| {
            links.with_data(|list| {
                list.and_then(|list| list.iter().find(|link| &link.token == token).cloned())
            })
        })
    });
    let confirming = RwSignal::new(false);
    let problem = RwSignal::new(None::<ApiError>);

    // Ids from the row's position would change as rows come and go; the
    // token is stable.
    let key = token.with_value(|token| {
        token
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
    });
    let name_id = format!("link-{key}-name");
    let url_id = format!("link-{key}-url");
    let toggle_id = format!("link-{key}-toggle");
    let delete_id = format!("link-{key}-delete");
    let confirm_id = format!("link-{key}-confirm");

    let replace = move |updated: LinkResponse| {
        links.update(|list| {
            if let Some(slot) = list.iter_mut().find(|link| link.token == updated.token) {
                *slot = updated;
            }
        });
    };

    let toggle = Action::new_local(move |active: &bool| {
        let app_id = context.id();
        let token = token.get_value();
        let active = *active;
        async move {
            let request = UpdateLinkRequest {
                active: Some(active),
                name: None,
            };
            match api::apps::update_link(&app_id, &token, request).await {
                Ok(updated) => {
                    replace(updated);
                    announcement.try_set(
                        if active {
                            "Link resumed."
                        } else {
                            "Link paused."
                        }
                        .to_owned(),
                    );
                }
                Err(error) => {
                    session.end_if_unauthenticated(&error);
                    problem.try_set(Some(error));
                }
            }
        }
    });
    let toggling = toggle.pending();

    let delete = {
        let delete_id = delete_id.clone();
        Action::new_local(move |_: &()| {
            let app_id = context.id();
            let token = token.get_value();
            let delete_id = delete_id.clone();
            async move {
                match api::apps::delete_link(&app_id, &token).await {
                    Ok(()) => {
                        announcement.try_set("Link deleted.".to_owned());
                        focus_element(TITLE_ID);
                        links.update(|list| list.retain(|link| link.token != token));
                        context
                            .app
                            .update(|app| app.link_count = app.link_count.saturating_sub(1));
                    }
                    Err(error) => {
                        session.end_if_unauthenticated(&error);
                        confirming.try_set(false);
                        problem.try_set(Some(error));
                        focus_after_render(delete_id);
                    }
                }
            }
        })
    };
    let deleting = delete.pending();

    let url = Signal::derive(move || {
        link.with(|link| {
            link.as_ref()
                .map(|link| link.url.clone())
                .unwrap_or_default()
        })
    });
    let active = move || link.with(|link| link.as_ref().is_some_and(|link| link.active));

    let actions = {
        let name_id = name_id.clone();
        let url_id = url_id.clone();
        move || {
            let described = name_id.clone();
            if confirming.get() {
                let back_to = delete_id.clone();
                return view! {
                    <ConfirmDelete
                        question="Delete this link?"
                        confirm_id=confirm_id.clone()
                        described_by=described
                        pending=deleting
                        confirming=confirming
                        back_to=back_to
                        on_confirm=Callback::new(move |()| {
                            delete.dispatch(());
                        })
                    />
                }
                .into_any();
            }
            let confirm_id = confirm_id.clone();
            view! {
                <CopyButton value=url target=url_id.clone() described_by=described.clone()/>
                <button
                    id=toggle_id.clone()
                    type="button"
                    class="button button-small"
                    disabled=move || toggling.get()
                    aria-busy=move || toggling.get().then_some("true")
                    aria-describedby=described.clone()
                    on:click=move |_| {
                        problem.set(None);
                        let now_active = link
                            .with_untracked(|link| link.as_ref().is_some_and(|link| link.active));
                        toggle.dispatch(!now_active);
                    }
                >
                    {move || match (toggling.get(), active()) {
                        (true, true) => "Pausing…",
                        (true, false) => "Resuming…",
                        (false, true) => "Pause",
                        (false, false) => "Resume",
                    }}
                </button>
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
    };

    let name = move || {
        link.with(|link| {
            let name = link
                .as_ref()
                .map(|link| link.name.trim().to_owned())
                .unwrap_or_default();
            if name.is_empty() {
                view! { <span class="muted">{UNNAMED}</span> }.into_any()
            } else {
                view! { <span>{name}</span> }.into_any()
            }
        })
    };
    let field = move |read: fn(&LinkResponse) -> String| {
        move || link.with(|link| link.as_ref().map(read).unwrap_or_default())
    };
    let redirect_uri = field(|link| link.redirect_uri.clone());
    let created_at = field(|link| link.created_at.clone());
    let created = field(|link| date_of(&link.created_at));
    let pending_codes = field(|link| link.pending_code_count.to_string());

    view! {
        <tr>
            <td data-label="Name" id=name_id class="cell-name">{name}</td>
            <td data-label="URL" class="cell-url">
                <code id=url_id class="mono truncate" title=move || url.get()>{move || url.get()}</code>
            </td>
            <td data-label="Redirect URI" class="cell-uri">
                <code class="mono break-anywhere">{redirect_uri}</code>
            </td>
            <td data-label="Created">
                <time datetime=created_at>{created}</time>
            </td>
            <td data-label="Status">
                {move || if active() {
                    view! { <span class="badge badge-active">"Active"</span> }.into_any()
                } else {
                    view! { <span class="badge badge-paused">"Paused"</span> }.into_any()
                }}
            </td>
            <td data-label="Pending codes">{pending_codes}</td>
            <td class="cell-actions">
                <div class="item-actions">{actions}</div>
                {move || problem.get().map(|error| view! { <ErrorAlert error=error/> })}
            </td>
        </tr>
    }
}
