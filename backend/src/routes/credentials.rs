//! The dashboard's Users panel: the account's credentials_tokens.

use std::collections::{BTreeMap, HashMap};

use axum::Router;
use axum::extract::{Query, State};
use axum::response::IntoResponse;
use axum::routing::get;
use bankport_shared::app::CredentialRowResponse;
use bankport_shared::bank::search_matches;
use uuid::Uuid;

use crate::auth::session::CurrentAccount;
use crate::db;
use crate::domain::link_flow::purpose;
use crate::domain::reauth;
use crate::error::AppError;
use crate::state::AppState;
use bankport_shared::v0::credential_status;

pub fn api_router() -> Router<AppState> {
    Router::new().route("/credentials", get(list_credentials))
}

#[derive(Debug, serde::Deserialize)]
struct Filter {
    app_id: Option<String>,
    q: Option<String>,
}

async fn list_credentials(
    State(state): State<AppState>,
    current: CurrentAccount,
    Query(filter): Query<Filter>,
) -> Result<impl IntoResponse, AppError> {
    let app_id = match filter.app_id.as_deref().filter(|s| !s.is_empty()) {
        Some(raw) => Some(
            Uuid::parse_str(raw)
                .map_err(|_| AppError::NotFound(format!("No app with id {raw:?}")))?,
        ),
        None => None,
    };
    let search = filter
        .q
        .as_deref()
        .map(|q| q.chars().take(100).collect::<String>());
    let apps: HashMap<Uuid, String> = db::apps::list_for_account(&state.db, current.account.id)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let banks: HashMap<String, String> = db::banks::list(&state.db)
        .await?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    // Banks are searched by name too, as people know them.
    let banks_matching: Vec<String> =
        match search.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
            Some(q) => banks
                .iter()
                .filter(|(id, name)| search_matches(id, name, q))
                .map(|(id, _)| id.clone())
                .collect(),
            None => Vec::new(),
        };

    // Each app's links, read only for apps with a credential to re-authorise.
    let mut links: HashMap<Uuid, Vec<db::links::Link>> = HashMap::new();

    let mut rows = Vec::new();
    for c in db::credentials::list_for_account(
        &state.db,
        current.account.id,
        app_id,
        search.as_deref(),
        &banks_matching,
    )
    .await?
    {
        let token = String::from_utf8(
            state
                .master_key
                .decrypt(purpose::CREDENTIALS_TOKEN, &c.token_encrypted)?,
        )
        .map_err(anyhow::Error::from)?;
        let extra: BTreeMap<String, String> =
            serde_json::from_str(&c.extra).map_err(anyhow::Error::from)?;
        let reauth_url = reauth_url(&state, &c, &mut links).await?;
        rows.push(CredentialRowResponse {
            credentials_token: token,
            app_id: c.app_id.to_string(),
            app_name: apps.get(&c.app_id).cloned().unwrap_or_default(),
            bank_name: banks
                .get(&c.bank_id)
                .cloned()
                .unwrap_or_else(|| c.bank_id.clone()),
            bank_id: c.bank_id,
            status: c.status,
            reauth_url,
            external_id: c.external_id,
            extra,
            created_at: c.created_at.to_rfc3339(),
        });
    }
    Ok(axum::Json(rows))
}

/// For a credential that needs its end user (SCA or a new log-in): the
/// link URL that re-authorises it, through the link it was made with when
/// that is still active, else another active link of its app.
async fn reauth_url(
    state: &AppState,
    c: &db::credentials::Credential,
    links: &mut HashMap<Uuid, Vec<db::links::Link>>,
) -> Result<Option<String>, AppError> {
    let (param, kind, needs_bank) = match c.status.as_str() {
        credential_status::SCA_REQUIRED => ("sca_token", reauth::kind::SCA, true),
        credential_status::BLOCKED => ("reset_token", reauth::kind::RESET, false),
        _ => return Ok(None),
    };
    let app_links = match links.entry(c.app_id) {
        std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
        std::collections::hash_map::Entry::Vacant(entry) => {
            entry.insert(db::links::list_for_app(&state.db, c.app_id).await?)
        }
    }
    .as_slice();
    let Some(link) = app_links
        .iter()
        .filter(|l| l.active)
        .find(|l| Some(l.id) == c.link_id)
        .or_else(|| app_links.iter().find(|l| l.active))
    else {
        return Ok(None);
    };
    // Only the token this link needs (a GET should not mint others).
    let Some(secret) = reauth::token_for(state, c, kind).await? else {
        return Ok(None);
    };
    let mut url = format!(
        "{}&{param}={secret}",
        crate::domain::apps::link_url(state, &link.token)
    );
    if needs_bank {
        url.push_str(&format!("&bank={}", c.bank_id));
    }
    Ok(Some(url))
}
