//! **Current theme**: which stylesheet links use (with **View CSS**), the
//! version before it (**Restore previous version**), and **Restore default
//! theme** → "The widget will go back to its default look." → **Confirm** /
//! **Cancel**.

use bankport_shared::css::ThemeVersion;
use leptos::prelude::*;

use super::{CURRENT_TITLE_ID, CssPage, RESTORE_DEFAULT_ID, RESTORE_PREVIOUS_ID};
use crate::dashboard::components::form::{ErrorAlert, focus_after_render};
use crate::dashboard::components::page::{LoadFailed, Loading};
use crate::dashboard::components::remote::LoadStatus;
use crate::dashboard::pages::users::format::utc_minute;

const CONFIRM_ID: &str = "css-restore-default-confirm";
const QUESTION_ID: &str = "css-restore-default-question";
const ALERT_ID: &str = "css-theme-alert";
const STATUS_ID: &str = "css-theme-status";
const NEW_TAB_ID: &str = "css-view-new-tab";

#[component]
pub(super) fn CurrentTheme(page: CssPage) -> impl IntoView {
    let theme = page.theme;
    let body = move || match theme.status() {
        LoadStatus::Loading => view! { <Loading text="Loading your theme…"/> }.into_any(),
        LoadStatus::Failed => {
            let retry = Callback::new(move |()| theme.reload());
            theme
                .error()
                .map(|error| view! { <LoadFailed error=error retry=retry/> })
                .into_any()
        }
        LoadStatus::Ready => view! { <ThemeDetails page=page/> }.into_any(),
    };

    view! {
        <section id="css-current" class="card section" aria-labelledby=CURRENT_TITLE_ID>
            <h2 id=CURRENT_TITLE_ID class="section-title-small" tabindex="-1">"Current theme"</h2>
            {body}
            <div id=STATUS_ID class="status-region" role="status">
                {move || {
                    page.theme_status
                        .get()
                        .map(|message| view! { <p class="alert alert-success">{message}</p> })
                }}
            </div>
            <div id=ALERT_ID class="alert-region" tabindex="-1">
                {move || page.theme_problem.get().map(|error| view! { <ErrorAlert error=error/> })}
            </div>
        </section>
    }
}

/// The loaded theme: what links use now, what came before, and the buttons.
#[component]
fn ThemeDetails(page: CssPage) -> impl IntoView {
    let theme = page.theme;
    let current =
        Memo::new(move |_| theme.with_data(|theme| theme.and_then(|theme| theme.current.clone())));
    let previous =
        Memo::new(move |_| theme.with_data(|theme| theme.and_then(|theme| theme.previous.clone())));
    let has_current = Memo::new(move |_| current.with(Option::is_some));
    let has_previous = Memo::new(move |_| previous.with(Option::is_some));

    let now = move || match current.get() {
        Some(version) => {
            let url = version.url.clone();
            view! {
                <p id="css-current-theme">
                    "Current theme: " <Described version=version with_author=true/>
                </p>
                <p class="css-view">
                    <a href=url target="_blank" rel="noopener" aria-describedby=NEW_TAB_ID>
                        "View CSS"
                    </a>
                    <span id=NEW_TAB_ID class="visually-hidden">"Opens in a new tab."</span>
                </p>
            }
            .into_any()
        }
        None => view! { <p id="css-current-theme">"You use the default theme."</p> }.into_any(),
    };
    let before = move || {
        previous.get().map(|version| {
            view! {
                <p id="css-previous-theme" class="muted">
                    "Previous version: " <Described version=version with_author=false/>
                </p>
            }
        })
    };

    let restore_previous = move || {
        has_previous.get().then(|| {
            view! {
                <button
                    id=RESTORE_PREVIOUS_ID
                    type="button"
                    class="button"
                    aria-describedby="css-previous-theme"
                    disabled=move || page.busy.get()
                    aria-busy=move || page.restoring_previous.get().then_some("true")
                    on:click=move |_| {
                        page.clear_messages();
                        page.restore_previous.dispatch(());
                    }
                >
                    {move || {
                        if page.restoring_previous.get() {
                            "Restoring…"
                        } else {
                            "Restore previous version"
                        }
                    }}
                </button>
            }
        })
    };
    let restore_default = move || {
        has_current.get().then(|| {
            view! {
                <button
                    id=RESTORE_DEFAULT_ID
                    type="button"
                    class="button"
                    disabled=move || page.busy.get()
                    on:click=move |_| {
                        page.clear_messages();
                        page.confirming.set(true);
                        focus_after_render(CONFIRM_ID);
                    }
                >
                    "Restore default theme"
                </button>
            }
        })
    };
    let actions = move || {
        if page.confirming.get() && has_current.get() {
            view! { <ConfirmRestoreDefault page=page/> }.into_any()
        } else {
            view! { <div class="button-row">{restore_previous} {restore_default}</div> }.into_any()
        }
    };

    view! {
        {now}
        {before}
        {actions}
    }
}

/// "<file name>, uploaded <date> UTC[ by <email>]."
#[component]
fn Described(version: ThemeVersion, with_author: bool) -> impl IntoView {
    let name = version
        .file_name
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "uploaded file".to_owned());
    let when = utc_minute(&version.uploaded_at);
    let author = with_author.then(|| format!(" by {}", version.uploaded_by));
    view! {
        <strong class="break-anywhere">{name}</strong>
        ", uploaded "
        <time datetime=version.uploaded_at>{when} " UTC"</time>
        {author}
        "."
    }
}

/// The confirm step of **Restore default theme**.
#[component]
fn ConfirmRestoreDefault(page: CssPage) -> impl IntoView {
    let pending = page.restoring_default;
    view! {
        <div class="panel panel-danger css-confirm" role="group" aria-labelledby=QUESTION_ID>
            <p id=QUESTION_ID>"The widget will go back to its default look."</p>
            <div class="button-row">
                <button
                    id=CONFIRM_ID
                    type="button"
                    class="button button-danger"
                    disabled=move || page.busy.get()
                    aria-busy=move || pending.get().then_some("true")
                    on:click=move |_| {
                        page.restore_default.dispatch(());
                    }
                >
                    {move || if pending.get() { "Restoring…" } else { "Confirm" }}
                </button>
                <button
                    type="button"
                    class="button"
                    disabled=move || page.busy.get()
                    on:click=move |_| {
                        page.confirming.set(false);
                        focus_after_render(RESTORE_DEFAULT_ID);
                    }
                >
                    "Cancel"
                </button>
            </div>
        </div>
    }
}
