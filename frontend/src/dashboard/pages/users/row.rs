//! One credential in the Users table: its row (token with **Copy** and
//! **Details**, bank, status badge — with **Copy re-authorisation link**
//! when the bank needs the end user again —, external id, app, creation
//! time) and, once **Details** is pressed, a row below it with the bank id
//! and the extra parameters the link carried.

use bankport_shared::app::CredentialRowResponse;
use leptos::prelude::*;

use super::format::{credential_name, status_badge, utc_minute};
use super::{Listing, REAUTH_HINT_ID};
use crate::dashboard::components::copy::CopyButton;
use crate::dashboard::components::remote::Remote;

/// Shown for a credential without an external id (or, should it have been
/// deleted meanwhile, without an app name).
const NONE: &str = "—";
/// The number of columns the details row spans.
const COLUMNS: &str = "6";

/// One credential, read from the listing by token: a newer answer updates
/// the row in place, and an open **Details** stays open.
#[component]
pub(super) fn UserRow(users: Remote<Listing>, token: String) -> impl IntoView {
    // Ids from the row's position would change as rows come and go; the
    // token is stable (URL-safe base64, already fine in an id).
    let key = token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
        .collect::<String>();
    let token_id = format!("user-{key}-token");
    let reauth_id = format!("user-{key}-reauth");
    let details_id = format!("user-{key}-details");

    let token = StoredValue::new(token);
    let row = Memo::new(move |_| {
        token.with_value(|token| {
            users.with_data(|listing| {
                listing.and_then(|listing| {
                    listing
                        .rows
                        .iter()
                        .find(|row| &row.credentials_token == token)
                        .cloned()
                })
            })
        })
    });
    let open = RwSignal::new(false);

    let field = move |read: fn(&CredentialRowResponse) -> String| {
        move || row.with(|row| row.as_ref().map(read).unwrap_or_default())
    };
    let token_text = Signal::derive(field(|row| row.credentials_token.clone()));
    let bank = field(|row| row.bank_name.clone());
    let app = field(|row| {
        let name = row.app_name.trim();
        if name.is_empty() { NONE } else { name }.to_owned()
    });
    let created_at = field(|row| row.created_at.clone());
    let created = field(|row| utc_minute(&row.created_at));
    let external_id = field(|row| {
        row.external_id
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .unwrap_or(NONE)
            .to_owned()
    });
    let badge = move || {
        let (label, tone) = row.with(|row| {
            status_badge(
                row.as_ref()
                    .map(|row| row.status.as_str())
                    .unwrap_or_default(),
            )
        });
        view! { <span class=format!("badge {tone}")>{label}</span> }
    };

    // Set for `sca_required` and `blocked` when the app has an active link.
    let reauth_url =
        Memo::new(move |_| row.with(|row| row.as_ref().and_then(|row| row.reauth_url.clone())));
    let has_reauth = Memo::new(move |_| reauth_url.with(Option::is_some));
    let reauth = move || {
        has_reauth.get().then(|| {
            let url = Signal::derive(move || reauth_url.get().unwrap_or_default());
            let label = Signal::derive(move || {
                let name = row.with(|row| {
                    row.as_ref()
                        .map(|row| {
                            credential_name(row.external_id.as_deref(), &row.credentials_token)
                        })
                        .unwrap_or_default()
                });
                format!("Copy re-authorisation link for {name}")
            });
            view! {
                <div class="user-reauth">
                    <code id=reauth_id.clone() class="mono truncate user-reauth-url" title=url>
                        {url}
                    </code>
                    <CopyButton
                        value=url
                        target=reauth_id.clone()
                        described_by=REAUTH_HINT_ID
                        text="Copy re-authorisation link"
                        label=label
                    />
                </div>
            }
        })
    };

    let details = {
        let details_id = details_id.clone();
        move || {
            open.get().then(|| {
                let (bank_id, extra) = row.with(|row| {
                    row.as_ref()
                        .map(|row| (row.bank_id.clone(), row.extra.clone()))
                        .unwrap_or_default()
                });
                view! {
                    <tr id=details_id.clone() class="user-details">
                        <td colspan=COLUMNS>
                            <dl class="facts user-facts">
                                <div class="fact">
                                    <dt>"Bank id"</dt>
                                    <dd><code class="mono break-anywhere">{bank_id}</code></dd>
                                </div>
                                <div class="fact">
                                    <dt>"Extra parameters"</dt>
                                    <dd><ExtraParameters extra=extra/></dd>
                                </div>
                            </dl>
                        </td>
                    </tr>
                }
            })
        }
    };

    view! {
        <tbody class="user">
            <tr class="user-row">
                <td data-label="credentials_token" class="cell-token">
                    <code id=token_id.clone() class="mono truncate user-token" title=token_text>
                        {token_text}
                    </code>
                    <div class="item-actions">
                        <CopyButton
                            value=token_text
                            target=token_id.clone()
                            described_by=token_id.clone()
                        />
                        <button
                            type="button"
                            class="button button-small user-details-toggle"
                            aria-expanded=move || if open.get() { "true" } else { "false" }
                            aria-controls=move || open.get().then(|| details_id.clone())
                            aria-describedby=token_id
                            on:click=move |_| open.update(|open| *open = !*open)
                        >
                            "Details"
                        </button>
                    </div>
                </td>
                <td data-label="Bank" class="break-anywhere">{bank}</td>
                <td data-label="Status">
                    <div class="user-status">{badge} {reauth}</div>
                </td>
                <td data-label="External id" class="break-anywhere">{external_id}</td>
                <td data-label="App" class="break-anywhere">{app}</td>
                <td data-label="Created" class="cell-created">
                    <time datetime=created_at title="UTC">{created}</time>
                </td>
            </tr>
            {details}
        </tbody>
    }
}

/// The extra parameters as name → value, or a note that there are none.
#[component]
fn ExtraParameters(extra: std::collections::BTreeMap<String, String>) -> impl IntoView {
    if extra.is_empty() {
        return view! { <p class="muted user-no-extra">"No extra parameters"</p> }.into_any();
    }
    view! {
        <dl class="user-extra">
            {extra
                .into_iter()
                .map(|(name, value)| view! {
                    <div class="user-extra-item">
                        <dt><code class="mono break-anywhere">{name}</code></dt>
                        <dd class="break-anywhere">{value}</dd>
                    </div>
                })
                .collect_view()}
        </dl>
    }
    .into_any()
}
