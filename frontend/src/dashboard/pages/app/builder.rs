//! **Link builder**: one of the app's links plus a bank and extra
//! parameters, as the URL to send (`…/link?token=T&bank=ID&key=value`).
//!
//! Nothing is saved: the parameters live in the URL, and the widget hands
//! the extra ones back under `extra` when the code is exchanged.

use std::collections::BTreeSet;

use bankport_shared::app::LinkResponse;
use leptos::prelude::*;

use super::AppContext;
use super::links::UNNAMED;
use crate::api;
use crate::dashboard::components::copy::CopyButton;
use crate::dashboard::components::form::focus_after_render;
use crate::dashboard::components::page::Loading;
use crate::dashboard::components::remote::{LoadStatus, Remote};

const TITLE_ID: &str = "link-builder-title";
const LINK_ID: &str = "builder-link";
const BANK_ID: &str = "builder-bank";
const ADD_PARAMETER_ID: &str = "builder-add-parameter";
const RESULT_ID: &str = "built-link-url";

/// Parameters the widget itself reads: they cannot carry extra data.
const RESERVED: [&str; 5] = [
    "token",
    "bank",
    "sca_token",
    "reset_token",
    "transaction_token",
];

/// One key/value row; `id` keeps the row (and its focus) stable as others go.
#[derive(Debug, Clone, Copy)]
struct Parameter {
    id: u64,
    key: RwSignal<String>,
    value: RwSignal<String>,
}

#[component]
pub(super) fn LinkBuilder(context: AppContext) -> impl IntoView {
    let links = context.links;
    let body = move || match links.status() {
        LoadStatus::Loading => view! { <Loading text="Loading links…"/> }.into_any(),
        // The Links section above says why, with Try again.
        LoadStatus::Failed => view! {
            <p class="muted">"The builder needs the app's links, which did not load."</p>
        }
        .into_any(),
        LoadStatus::Ready => view! {
            <Show
                when=move || links.with_data(|list| list.is_some_and(|list| !list.is_empty()))
                fallback=|| view! {
                    <p class="empty-state empty-state-small">
                        "Generate a link first: the builder adds parameters to it."
                    </p>
                }
            >
                <BuilderForm context=context/>
            </Show>
        }
        .into_any(),
    };

    view! {
        <section class="card section" aria-labelledby=TITLE_ID>
            <h2 id=TITLE_ID class="section-title-small">"Link builder"</h2>
            <p class="muted">
                "Open a bank's login form straight away, or tag a link with your own parameters. "
                "Extra parameters come back under " <code>"extra"</code>
                " when you exchange the code, so you can tell which of your users connected."
            </p>
            {body}
        </section>
    }
}

#[component]
fn BuilderForm(context: AppContext) -> impl IntoView {
    let links = context.links;
    let banks = Remote::new(api::fetch_banks);
    let first_token = links
        .data_untracked()
        .and_then(|list| list.first().map(|link| link.token.clone()))
        .unwrap_or_default();
    let chosen_link = RwSignal::new(first_token);
    let bank = RwSignal::new(String::new());
    let parameters = RwSignal::new(Vec::<Parameter>::new());
    let next_id = StoredValue::new(0_u64);

    // The chosen link, or the first one if it was deleted meanwhile.
    let link = Memo::new(move |_| {
        links.with_data(|list| {
            let list = list?;
            chosen_link
                .with(|token| list.iter().find(|link| &link.token == token))
                .or_else(|| list.first())
                .cloned()
        })
    });

    let problems = Memo::new(move |_| {
        let rows: Vec<(String, String)> = parameters.with(|rows| {
            rows.iter()
                .map(|row| (row.key.get(), row.value.get()))
                .collect()
        });
        key_problems(&rows)
    });

    let url = Signal::derive(move || {
        let Some(link) = link.get() else {
            return String::new();
        };
        let problems = problems.get();
        let extra: Vec<(String, String)> = parameters.with(|rows| {
            rows.iter()
                .zip(&problems)
                .filter(|(_, problem)| problem.is_none())
                .map(|(row, _)| (row.key.get().trim().to_owned(), row.value.get()))
                .filter(|(key, _)| !key.is_empty())
                .collect()
        });
        build_url(&link.url, &bank.get(), &extra)
    });

    let add_parameter = move |_| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        parameters.update(|rows| {
            rows.push(Parameter {
                id,
                key: RwSignal::new(String::new()),
                value: RwSignal::new(String::new()),
            });
        });
        focus_after_render(format!("builder-key-{id}"));
    };

    let link_options = move || {
        links.with_data(|list| {
            list.map(|list| {
                let chosen = chosen_link.get_untracked();
                list.iter()
                    .map(|link| {
                        let selected = link.token == chosen;
                        view! {
                            <option value=link.token.clone() selected=selected>
                                {link_label(link)}
                            </option>
                        }
                    })
                    .collect_view()
            })
        })
    };

    let bank_options = move || {
        banks.with_data(|list| {
            list.map(|list| {
                let chosen = bank.get_untracked();
                list.iter()
                    .map(|b| {
                        let selected = b.id == chosen;
                        view! {
                            <option value=b.id.clone() selected=selected>
                                {format!("{} ({})", b.name, b.country)}
                            </option>
                        }
                    })
                    .collect_view()
            })
        })
    };

    let bank_status = move || match banks.status() {
        LoadStatus::Loading => {
            view! { <p class="field-hint" role="status">"Loading banks…"</p> }.into_any()
        }
        LoadStatus::Failed => view! {
            <div class="field-hint field-hint-error" role="alert">
                {banks.error().map(|error| error.message)}
                " "
                <button type="button" class="button button-small" on:click=move |_| banks.reload()>
                    "Try again"
                </button>
            </div>
        }
        .into_any(),
        LoadStatus::Ready => ().into_any(),
    };

    view! {
        <div class="form builder">
            <div class="field">
                <label for=LINK_ID class="field-label">"Link"</label>
                <select
                    id=LINK_ID
                    class="input select"
                    on:change=move |ev| chosen_link.set(event_target_value(&ev))
                >
                    {link_options}
                </select>
            </div>
            <div class="field">
                <label for=BANK_ID class="field-label">"Bank"</label>
                <p id=format!("{BANK_ID}-hint") class="field-hint">
                    "With a bank, end users skip the list and go straight to its login form."
                </p>
                <select
                    id=BANK_ID
                    class="input select"
                    aria-describedby=format!("{BANK_ID}-hint")
                    on:change=move |ev| bank.set(event_target_value(&ev))
                >
                    <option value="" selected=move || bank.with(String::is_empty)>
                        "Any bank (show the list)"
                    </option>
                    {bank_options}
                </select>
                {bank_status}
            </div>
            <fieldset class="fieldset">
                <legend class="field-label">"Extra parameters"</legend>
                <Show when=move || parameters.with(Vec::is_empty)>
                    <p class="field-hint">
                        "For example your own user id, to match the credentials_token to your user."
                    </p>
                </Show>
                <ul class="parameter-list">
                    <For
                        each=move || parameters.get()
                        key=|row| row.id
                        children=move |row| {
                            let position = move || {
                                parameters.with(|rows| rows.iter().position(|r| r.id == row.id))
                            };
                            let problem = move || {
                                position().and_then(|at| problems.with(|all| all.get(at).cloned().flatten()))
                            };
                            view! { <ParameterRow row=row parameters=parameters problem=Signal::derive(problem)/> }
                        }
                    />
                </ul>
                <button
                    id=ADD_PARAMETER_ID
                    type="button"
                    class="button button-small"
                    on:click=add_parameter
                >
                    "Add parameter"
                </button>
            </fieldset>
            <div class="field">
                <p id="built-link-label" class="field-label">"Your link"</p>
                <div class="copy-row">
                    <code id=RESULT_ID class="mono break-anywhere">
                        {move || url.get()}
                    </code>
                    <CopyButton value=url target=RESULT_ID described_by="built-link-label"/>
                </div>
            </div>
        </div>
    }
}

#[component]
fn ParameterRow(
    row: Parameter,
    parameters: RwSignal<Vec<Parameter>>,
    #[prop(into)] problem: Signal<Option<String>>,
) -> impl IntoView {
    let key_id = format!("builder-key-{}", row.id);
    let value_id = format!("builder-value-{}", row.id);
    let error_id = format!("builder-key-{}-error", row.id);
    view! {
        <li class="parameter-row">
            <div class="field parameter-key">
                <label for=key_id.clone() class="field-label">"Key"</label>
                <input
                    id=key_id
                    class="input mono"
                    type="text"
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck="false"
                    aria-describedby=error_id.clone()
                    aria-invalid=move || problem.with(Option::is_some).then_some("true")
                    prop:value=move || row.key.get()
                    on:input=move |ev| row.key.set(event_target_value(&ev))
                />
            </div>
            <div class="field parameter-value">
                <label for=value_id.clone() class="field-label">"Value"</label>
                <input
                    id=value_id
                    class="input mono"
                    type="text"
                    autocomplete="off"
                    autocapitalize="none"
                    spellcheck="false"
                    prop:value=move || row.value.get()
                    on:input=move |ev| row.value.set(event_target_value(&ev))
                />
            </div>
            <button
                type="button"
                class="button button-small parameter-remove"
                on:click=move |_| {
                    parameters.update(|rows| rows.retain(|r| r.id != row.id));
                    focus_after_render(ADD_PARAMETER_ID);
                }
            >
                "Remove"
            </button>
            <p id=error_id class="field-error parameter-error" aria-live="polite">
                {move || problem.get().map(|message| view! { <span>{message}</span> })}
            </p>
        </li>
    }
}

/// How a link is named in the builder's select.
fn link_label(link: &LinkResponse) -> String {
    let name = link.name.trim();
    let tail: String = {
        let chars: Vec<char> = link.token.chars().collect();
        chars[chars.len().saturating_sub(6)..].iter().collect()
    };
    let paused = if link.active { "" } else { ", paused" };
    if name.is_empty() {
        format!("{UNNAMED} (…{tail}{paused})")
    } else {
        format!("{name} (…{tail}{paused})")
    }
}

/// For each row (key, value): why its key cannot be used, if it cannot.
fn key_problems(rows: &[(String, String)]) -> Vec<Option<String>> {
    let mut seen = BTreeSet::new();
    rows.iter()
        .map(|(key, value)| {
            let key = key.trim();
            if key.is_empty() {
                return (!value.is_empty()).then(|| "Give this parameter a key.".to_owned());
            }
            let lower = key.to_lowercase();
            if lower == "bank" {
                return Some("“bank” is reserved: choose the bank above instead.".to_owned());
            }
            if RESERVED.contains(&lower.as_str()) {
                return Some(format!(
                    "“{key}” is reserved for Bankport; choose another key."
                ));
            }
            if !seen.insert(key.to_owned()) {
                return Some(format!("“{key}” is already used above."));
            }
            None
        })
        .collect()
}

/// `base` plus `bank` (when chosen) and the extra parameters, URL-encoded
/// as a browser encodes a form (`application/x-www-form-urlencoded`).
fn build_url(base: &str, bank: &str, extra: &[(String, String)]) -> String {
    let Ok(params) = web_sys::UrlSearchParams::new() else {
        return base.to_owned();
    };
    if !bank.is_empty() {
        params.append("bank", bank);
    }
    for (key, value) in extra {
        params.append(key, value);
    }
    let query = String::from(params.to_string());
    if query.is_empty() {
        base.to_owned()
    } else if base.contains('?') {
        format!("{base}&{query}")
    } else {
        format!("{base}?{query}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(keys: &[(&str, &str)]) -> Vec<(String, String)> {
        keys.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn reserved_and_repeated_keys_are_refused() {
        let problems = key_problems(&rows(&[
            ("user_id", "42"),
            ("token", "x"),
            ("Bank", "x"),
            ("sca_token", ""),
            ("user_id", "43"),
            ("", "orphan"),
            ("", ""),
        ]));
        assert!(problems[0].is_none());
        assert!(problems[1].as_deref().unwrap().contains("reserved"));
        assert!(problems[2].as_deref().unwrap().contains("bank above"));
        assert!(problems[3].is_some());
        assert!(problems[4].as_deref().unwrap().contains("already used"));
        assert!(problems[5].is_some());
        assert!(problems[6].is_none());
    }
}
