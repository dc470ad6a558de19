//! `/apps`: the account's apps as tiles (name, CLIENT_ID, secret hint,
//! created, links and users, **View**), and **Create app**, a dialog that
//! asks for a **Name** and then shows the new CLIENT_ID and CLIENT_SECRET,
//! the secret for the only time.

use bankport_shared::app::{AppName, AppResponse, AppWithSecretResponse};
use bankport_shared::error::codes;
use leptos::html;
use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::{self, ApiError};
use crate::dashboard::components::copy::CopyButton;
use crate::dashboard::components::form::{
    ErrorAlert, FormAlert, FormField, TextField, focus_after_render, focus_element,
    show_field_errors, validate_all,
};
use crate::dashboard::components::modal::Modal;
use crate::dashboard::components::page::{LoadFailed, Loading, set_title};
use crate::dashboard::components::remote::{LoadStatus, Remote};
use crate::dashboard::routes;
use crate::dashboard::session::use_session;

const DIALOG_ID: &str = "create-app-dialog";
const DIALOG_TITLE_ID: &str = "create-app-title";
const NAME_ID: &str = "create-app-name";
const ALERT_ID: &str = "create-app-alert";
const DONE_ID: &str = "create-app-done";

/// The one warning that goes with a freshly shown secret.
pub const SECRET_WARNING: &str =
    "This is the only time the client secret is shown. Store it somewhere safe now.";

#[component]
pub fn AppsPage() -> impl IntoView {
    set_title("Apps");
    let apps = Remote::new(api::apps::list_apps);
    let dialog_open = RwSignal::new(false);
    let create_button = NodeRef::<html::Button>::new();

    let close_dialog = Callback::new(move |()| {
        dialog_open.set(false);
        // Once the dialog is gone: while it is there, it keeps focus inside.
        request_animation_frame(move || {
            if let Some(button) = create_button.get_untracked() {
                let _ = button.focus();
            }
        });
    });
    // The list behind the dialog catches up while the secret is on screen.
    let created = Callback::new(move |()| apps.reload());

    view! {
        <header class="page-header">
            <h1>"Apps"</h1>
            <button
                type="button"
                class="button button-primary"
                node_ref=create_button
                aria-haspopup="dialog"
                on:click=move |_| dialog_open.set(true)
            >
                "Create app"
            </button>
        </header>
        <AppList apps=apps/>
        <Show when=move || dialog_open.get()>
            <CreateAppDialog on_close=close_dialog on_created=created/>
        </Show>
    }
}

#[component]
fn AppList(apps: Remote<Vec<AppResponse>>) -> impl IntoView {
    move || {
        match apps.status() {
        LoadStatus::Loading => view! { <Loading text="Loading your apps…"/> }.into_any(),
        LoadStatus::Failed => {
            let retry = Callback::new(move |()| apps.reload());
            apps.error()
                .map(|error| view! { <LoadFailed error=error retry=retry/> })
                .into_any()
        }
        LoadStatus::Ready => view! {
            {move || {
                let list = apps.data().unwrap_or_default();
                if list.is_empty() {
                    return view! {
                        <section class="empty-state" aria-label="No apps">
                            <p>
                                "An app holds the CLIENT_ID and CLIENT_SECRET your servers use to call the "
                                "Bankport API, its redirect URIs and its links. You have no apps yet."
                            </p>
                        </section>
                    }
                    .into_any();
                }
                view! {
                    <ul class="app-grid" aria-label="Your apps">
                        {list
                            .into_iter()
                            .enumerate()
                            .map(|(index, app)| view! { <AppTile app=app index=index/> })
                            .collect_view()}
                    </ul>
                }
                .into_any()
            }}
        }
        .into_any(),
    }
    }
}

#[component]
fn AppTile(app: AppResponse, index: usize) -> impl IntoView {
    let name_id = format!("app-tile-{index}-name");
    let created = date_of(&app.created_at);
    let counts = format!(
        "{} · {}",
        count(app.link_count, "link", "links"),
        count(app.user_count, "user", "users")
    );
    view! {
        <li class="card app-tile">
            <h2 class="app-tile-name" id=name_id.clone()>{app.name}</h2>
            <dl class="facts">
                <div class="fact">
                    <dt>"CLIENT_ID"</dt>
                    <dd><code class="mono break-anywhere">{app.client_id}</code></dd>
                </div>
            </dl>
            <p class="app-tile-secret">"Secret ends in …" <code class="mono">{app.secret_hint}</code></p>
            <p class="muted app-tile-meta">
                "Created " <time datetime=app.created_at>{created}</time>
                <br/>
                {counts}
            </p>
            <div class="app-tile-actions">
                <A
                    href=routes::app(&app.id)
                    attr:class="button"
                    attr:aria-describedby=name_id
                >
                    "View"
                </A>
            </div>
        </li>
    }
}

/// The dialog behind **Create app**: a form, then the new credentials.
#[component]
fn CreateAppDialog(on_close: Callback<()>, on_created: Callback<()>) -> impl IntoView {
    let session = use_session();
    let name = FormField::new("name", NAME_ID, |raw| AppName::parse(raw).err());
    let created = RwSignal::new(None::<AppWithSecretResponse>);
    let problem = RwSignal::new(None::<ApiError>);

    let submit = Action::new_local(move |app_name: &String| {
        let app_name = app_name.clone();
        async move {
            match api::apps::create_app(app_name).await {
                Ok(answer) => {
                    created.try_set(Some(answer));
                    on_created.run(());
                }
                Err(error) => {
                    session.end_if_unauthenticated(&error);
                    let shown_inline = error.has_code(codes::VALIDATION)
                        && show_field_errors(&[name], &error.fields);
                    if !shown_inline {
                        problem.try_set(Some(error));
                        focus_element(ALERT_ID);
                    }
                }
            }
        }
    });
    let pending = submit.pending();

    // Focus starts in the Name field, and moves to the credentials once shown
    // (the form that had it is gone).
    Effect::new(move |_| {
        if created.with(Option::is_some) {
            focus_after_render(DONE_ID);
        } else {
            focus_after_render(NAME_ID);
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        problem.set(None);
        if !validate_all(&[name]) {
            return;
        }
        if let Ok(app_name) = AppName::parse(&name.get()) {
            submit.dispatch(app_name.as_str().to_owned());
        }
    };

    let can_close = Signal::derive(move || !pending.get());

    view! {
        <Modal id=DIALOG_ID title_id=DIALOG_TITLE_ID on_close=on_close can_close=can_close>
            <h2 id=DIALOG_TITLE_ID class="modal-title">"Create app"</h2>
            {move || match created.get() {
                None => view! {
                    <form class="form" novalidate on:submit=on_submit>
                        <TextField
                            field=name
                            label="Name"
                            autocomplete="off"
                            hint="Unique within your account, such as “Production” or “Staging”."
                        />
                        <FormAlert id=ALERT_ID>
                            {move || problem.get().map(|error| view! { <ErrorAlert error=error/> })}
                        </FormAlert>
                        <div class="button-row button-row-end">
                            <button
                                type="button"
                                class="button"
                                disabled=move || pending.get()
                                on:click=move |_| on_close.run(())
                            >
                                "Cancel"
                            </button>
                            <button
                                type="submit"
                                class="button button-primary"
                                disabled=move || pending.get()
                                aria-busy=move || pending.get().then_some("true")
                            >
                                {move || if pending.get() { "Creating…" } else { "Create" }}
                            </button>
                        </div>
                    </form>
                }
                .into_any(),
                Some(answer) => view! {
                    <p id=DONE_ID class="alert alert-success" tabindex="-1">
                        "“" {answer.app.name.clone()} "” is ready. Your servers use these credentials "
                        "to call the Bankport API."
                    </p>
                    <dl class="facts credentials">
                        <div class="fact">
                            <dt id="new-client-id-label">"CLIENT_ID"</dt>
                            <dd class="copy-row">
                                <code id="new-client-id" class="mono secret-value">
                                    {answer.app.client_id.clone()}
                                </code>
                                <CopyButton
                                    value=answer.app.client_id.clone()
                                    target="new-client-id"
                                    described_by="new-client-id-label"
                                />
                            </dd>
                        </div>
                        <div class="fact">
                            <dt id="new-client-secret-label">"CLIENT_SECRET"</dt>
                            <dd class="copy-row">
                                <code id="new-client-secret" class="mono secret-value">
                                    {answer.client_secret.clone()}
                                </code>
                                <CopyButton
                                    value=answer.client_secret.clone()
                                    target="new-client-secret"
                                    described_by="new-client-secret-label"
                                />
                            </dd>
                        </div>
                    </dl>
                    <p class="alert alert-warning">{SECRET_WARNING}</p>
                    <div class="button-row button-row-end">
                        <button
                            type="button"
                            class="button button-primary"
                            on:click=move |_| on_close.run(())
                        >
                            "Done"
                        </button>
                    </div>
                }
                .into_any(),
            }}
        </Modal>
    }
}

/// The date part (YYYY-MM-DD) of an RFC 3339 timestamp.
pub fn date_of(timestamp: &str) -> String {
    timestamp.get(..10).unwrap_or(timestamp).to_owned()
}

/// "1 link", "3 links".
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
