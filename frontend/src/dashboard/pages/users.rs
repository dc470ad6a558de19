//! `/users`: the end users who connected a bank through one of the account's
//! links, one table row per credentials_token (**credentials_token**,
//! **Bank**, **Status**, **External id**, **App**, **Created**), each with
//! **Copy** and **Details**. Above the table, the **App** and **Search**
//! filters, which ask the server again. A credential whose bank needs its
//! end user again (**Needs SCA**, **Blocked**) also has **Copy
//! re-authorisation link**, explained under the table.

pub(crate) mod format;
mod row;

use std::time::Duration;

use bankport_shared::app::{AppResponse, CredentialRowResponse};
use leptos::prelude::*;

use crate::api;
use crate::dashboard::components::form::focus_element;
use crate::dashboard::components::page::{LoadFailed, Loading, set_title};
use crate::dashboard::components::remote::{LoadStatus, Remote};

const APP_SELECT_ID: &str = "users-app";
const SEARCH_ID: &str = "users-search";
const SEARCH_HINT_ID: &str = "users-search-hint";
const APPS_PROBLEM_ID: &str = "users-apps-problem";
/// What a re-authorisation link is for; describes each **Copy
/// re-authorisation link** button.
const REAUTH_HINT_ID: &str = "users-reauth-hint";

/// How long typing must pause before the search is sent.
const SEARCH_DELAY: Duration = Duration::from_millis(300);
/// The server reads at most this many characters of a search.
const SEARCH_MAX_CHARS: &str = "100";

/// What the table is filtered by; empty means "not filtered".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Filters {
    /// An app's id.
    app_id: String,
    /// Trimmed; matched against external ids and bank ids.
    search: String,
}

impl Filters {
    fn any(&self) -> bool {
        !self.app_id.is_empty() || !self.search.is_empty()
    }
}

/// One answer of the server, with the filters it answers, so the page can
/// tell "nobody yet" from "nobody matches" and show when a newer search is
/// still on its way.
#[derive(Debug, Clone)]
struct Listing {
    filters: Filters,
    rows: Vec<CredentialRowResponse>,
}

#[component]
pub fn UsersPage() -> impl IntoView {
    set_title("Users");
    let apps = Remote::new(api::apps::list_apps);

    let app_id = RwSignal::new(String::new());
    // What is in the Search box, and what was last sent (after a pause in
    // typing, Enter or leaving the field).
    let typed = RwSignal::new(String::new());
    let searched = RwSignal::new(String::new());
    // Only the latest keystroke's timer may send the search.
    let keystrokes = StoredValue::new(0_u64);

    // A memo, so choosing the same app or sending the same words again does
    // not ask the server again.
    let filters = Memo::new(move |_| Filters {
        app_id: app_id.get(),
        search: searched.get(),
    });
    let users = Remote::new(move || {
        let filters = filters.get_untracked();
        async move {
            let rows = api::credentials::list_credentials(&filters.app_id, &filters.search).await?;
            Ok(Listing { filters, rows })
        }
    });
    // The first load starts with the Remote; later ones follow the filters.
    Effect::new(move |previous: Option<()>| {
        filters.track();
        if previous.is_some() {
            users.reload();
        }
    });

    let search_now = move || {
        keystrokes.set_value(keystrokes.get_value() + 1);
        searched.set(typed.get_untracked().trim().to_owned());
    };
    let on_input = move |ev: leptos::ev::Event| {
        typed.set(event_target_value(&ev));
        let keystroke = keystrokes.get_value() + 1;
        keystrokes.set_value(keystroke);
        set_timeout(
            move || {
                if keystrokes.try_get_value() == Some(keystroke)
                    && let Some(text) = typed.try_get_untracked()
                {
                    searched.try_set(text.trim().to_owned());
                }
            },
            SEARCH_DELAY,
        );
    };
    let clear_filters = Callback::new(move |()| {
        typed.set(String::new());
        app_id.set(String::new());
        search_now();
        focus_element(SEARCH_ID);
    });

    view! {
        <header class="page-header">
            <h1>"Users"</h1>
        </header>
        <p class="page-lead">
            "Every end user who connected a bank through one of your links. Use their "
            "credentials_token with the API to read their data."
        </p>
        <form
            class="users-filters"
            role="search"
            aria-label="Filter end users"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                search_now();
            }
        >
            <div class="field users-filter-app">
                <label for=APP_SELECT_ID class="field-label">"App"</label>
                <select
                    id=APP_SELECT_ID
                    name="app_id"
                    class="input select"
                    aria-describedby=move || {
                        (apps.status() == LoadStatus::Failed).then_some(APPS_PROBLEM_ID)
                    }
                    prop:value=move || app_id.get()
                    on:change=move |ev| app_id.set(event_target_value(&ev))
                >
                    <option value="">"All apps"</option>
                    <AppOptions apps=apps chosen=app_id/>
                </select>
                <AppsProblem apps=apps/>
            </div>
            <div class="field users-filter-search">
                <label for=SEARCH_ID class="field-label">"Search"</label>
                <p id=SEARCH_HINT_ID class="visually-hidden">
                    "Matches external ids and bank ids. The table updates as you type."
                </p>
                <input
                    id=SEARCH_ID
                    name="q"
                    class="input"
                    type="search"
                    placeholder="External id or bank"
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck="false"
                    maxlength=SEARCH_MAX_CHARS
                    aria-describedby=SEARCH_HINT_ID
                    prop:value=move || typed.get()
                    on:input=on_input
                    on:blur=move |_| search_now()
                />
            </div>
        </form>
        <UserList users=users filters=filters clear_filters=clear_filters/>
    }
}

/// The App filter's choices, once the apps have loaded.
#[component]
fn AppOptions(apps: Remote<Vec<AppResponse>>, chosen: RwSignal<String>) -> impl IntoView {
    move || {
        apps.data()
            .unwrap_or_default()
            .into_iter()
            .map(|app| {
                // Set when drawn, in case the choice came before the options.
                let selected = chosen.get_untracked() == app.id;
                view! { <option value=app.id selected=selected>{app.name}</option> }
            })
            .collect_view()
    }
}

/// Why the App filter offers only "All apps", and **Try again**.
#[component]
fn AppsProblem(apps: Remote<Vec<AppResponse>>) -> impl IntoView {
    move || {
        apps.error().map(|error| {
            view! {
                <p id=APPS_PROBLEM_ID class="field-hint field-hint-error">
                    <span>"Your apps could not be loaded: " {error.message}</span>
                    <button
                        type="button"
                        class="button button-small"
                        on:click=move |_| apps.reload()
                    >
                        "Try again"
                    </button>
                </p>
            }
        })
    }
}

/// What the list part of the page shows once an answer is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    Table,
    /// No end user has connected yet.
    NoneYet,
    /// None matches the filters.
    NoMatch,
}

/// The table, or why there is none: loading, failed, nobody yet, nobody
/// matching the filters.
#[component]
fn UserList(
    users: Remote<Listing>,
    filters: Memo<Filters>,
    clear_filters: Callback<()>,
) -> impl IntoView {
    // The rows on screen answer older filters than the chosen ones.
    let stale = Memo::new(move |_| {
        users.with_data(|listing| listing.is_some_and(|listing| listing.filters != filters.get()))
    });
    // Which of table, "nobody yet" or "nobody matches" to show; a memo, so
    // the table (and its open details) is not rebuilt by each new answer.
    let shown = Memo::new(move |_| {
        users.with_data(|listing| match listing {
            Some(listing) if listing.rows.is_empty() && listing.filters.any() => Shown::NoMatch,
            Some(listing) if listing.rows.is_empty() => Shown::NoneYet,
            _ => Shown::Table,
        })
    });
    let summary = move || {
        if stale.get() {
            return "Searching…".to_owned();
        }
        users
            .with_data(|listing| listing.map(|listing| listing.rows.len()))
            .filter(|count| *count > 0)
            .map(|count| match count {
                1 => "1 end user".to_owned(),
                n => format!("{n} end users"),
            })
            .unwrap_or_default()
    };

    move || match users.status() {
        LoadStatus::Loading => view! { <Loading text="Loading your end users…"/> }.into_any(),
        LoadStatus::Failed => {
            let retry = Callback::new(move |()| users.reload());
            users
                .error()
                .map(|error| view! { <LoadFailed error=error retry=retry/> })
                .into_any()
        }
        LoadStatus::Ready => view! {
            <p class="users-summary muted" role="status">{summary}</p>
            {move || match shown.get() {
                Shown::NoneYet => view! {
                    <section class="empty-state" aria-label="No users">
                        <p>
                            "When your end users connect their bank through one of your links, "
                            "their credentials_token appears here."
                        </p>
                    </section>
                }
                .into_any(),
                Shown::NoMatch => view! {
                    <section class="empty-state" aria-label="No matching users">
                        <p>"No end users match these filters."</p>
                        <button
                            type="button"
                            class="button empty-state-action"
                            on:click=move |_| clear_filters.run(())
                        >
                            "Clear filters"
                        </button>
                    </section>
                }
                .into_any(),
                Shown::Table => view! { <UserTable users=users stale=stale/> }.into_any(),
            }}
        }
        .into_any(),
    }
}

/// The table itself: one `<tbody>` per credential, holding its row and, when
/// opened, its details.
#[component]
fn UserTable(users: Remote<Listing>, stale: Memo<bool>) -> impl IntoView {
    let any_reauth = Memo::new(move |_| {
        users.with_data(|listing| {
            listing.is_some_and(|listing| listing.rows.iter().any(|row| row.reauth_url.is_some()))
        })
    });
    let reauth_hint = move || {
        any_reauth.get().then(|| {
            view! {
                <p id=REAUTH_HINT_ID class="field-hint users-reauth-hint">
                    "Send a re-authorisation link to its end user so they can reconnect their bank."
                </p>
            }
        })
    };
    view! {
        <div class="table-wrap users-table-wrap">
            <table
                class="users-table"
                class:stale=move || stale.get()
                aria-busy=move || stale.get().then_some("true")
            >
                <caption class="visually-hidden">"End users' connections"</caption>
                <thead>
                    <tr>
                        <th scope="col">"credentials_token"</th>
                        <th scope="col">"Bank"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"External id"</th>
                        <th scope="col">"App"</th>
                        <th scope="col">"Created"</th>
                    </tr>
                </thead>
                <For
                    each=move || {
                        users
                            .with_data(|listing| {
                                listing.map(|listing| {
                                    listing
                                        .rows
                                        .iter()
                                        .map(|row| row.credentials_token.clone())
                                        .collect::<Vec<_>>()
                                })
                            })
                            .unwrap_or_default()
                    }
                    key=|token| token.clone()
                    let:token
                >
                    <row::UserRow users=users token=token/>
                </For>
            </table>
        </div>
        {reauth_hint}
    }
}
