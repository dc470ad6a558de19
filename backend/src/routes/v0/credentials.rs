//! The credentials lifecycle under `/v0/bank/credentials`: status (and
//! forcing a re-authorisation token), delete, and list.

use axum::Router;
use axum::extract::State;
use axum::routing::{delete, post};
use bankport_shared::v0::{
    CredentialsListBody, CredentialsListItem, CredentialsListResponse, CredentialsStatusResponse,
    CredentialsTokenBody, ForceStatusBody, ForcedTokenResponse, MessageResponse, credential_status,
};
use chrono::Utc;

use crate::auth::api_client::ApiClient;
use crate::auth::token;
use crate::db::{self, credentials::Credential};
use crate::domain::link_flow::purpose;
use crate::domain::{products, reauth};
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

/// Credentials per page of the list.
const LIST_PAGE_SIZE: u64 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/bank/credentials/status", post(status).put(force_status))
        .route("/bank/credentials", delete(delete_credentials))
        .route("/bank/credentials/list", post(list))
}

/// The caller's credential with this token; another app's reads as unknown.
pub async fn credential_of(
    state: &AppState,
    client: &ApiClient,
    credentials_token: &str,
) -> Result<Credential, AppError> {
    let not_found = || AppError::NotFound("No credentials with this credentials_token.".into());
    if !token::looks_valid(credentials_token) {
        return Err(not_found());
    }
    db::credentials::find_for_app(&state.db, client.app_id(), &token::hash(credentials_token))
        .await?
        .ok_or_else(not_found)
}

async fn status(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<CredentialsTokenBody>,
) -> Result<axum::Json<CredentialsStatusResponse>, AppError> {
    let c = credential_of(&state, &client, &body.credentials_token).await?;
    let tokens = reauth::tokens_for(&state, &c).await?;
    let bank_name = db::banks::find(&state.db, &c.bank_id)
        .await?
        .map(|b| b.name)
        .unwrap_or_else(|| c.bank_id.clone());
    let now = Utc::now();
    let pending = c.last_extracted_at.is_none()
        || c.next_extraction_at.is_some_and(|t| t <= now)
        || c.lease_until.is_some_and(|t| t > now);
    Ok(axum::Json(CredentialsStatusResponse {
        pending,
        blocked: c.status == credential_status::BLOCKED,
        sca_token: tokens.sca,
        reset_token: tokens.reset,
        transaction_token: tokens.transaction,
        last_transaction_date: c.history_from.map(|d| d.format("%Y-%m-%d").to_string()),
        name: bank_name,
        last_update: c.last_extracted_at.map(|t| t.to_rfc3339()),
        time: c.last_extraction_secs,
        last_update_timestamp: c.last_extracted_at.map(|t| t.timestamp()),
        created_at_timestamp: c.created_at.timestamp(),
        errored: products::flags(&c.products_errored),
        created: products::flags(&c.products_created),
    }))
}

async fn force_status(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<ForceStatusBody>,
) -> Result<axum::Json<ForcedTokenResponse>, AppError> {
    let c = credential_of(&state, &client, &body.credentials_token).await?;
    let kind = body.force.trim().to_ascii_lowercase();
    let secret = reauth::force(&state, &c, &kind).await?;
    let mut response = ForcedTokenResponse::default();
    match kind.as_str() {
        reauth::kind::SCA => response.sca_token = Some(secret),
        reauth::kind::RESET => response.reset_token = Some(secret),
        _ => response.transaction_token = Some(secret),
    }
    Ok(axum::Json(response))
}

async fn delete_credentials(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<CredentialsTokenBody>,
) -> Result<axum::Json<MessageResponse>, AppError> {
    let c = credential_of(&state, &client, &body.credentials_token).await?;
    // Its data, tokens and codes go with it (foreign keys cascade).
    db::credentials::delete(&state.db, c.id).await?;
    tracing::info!(app = %client.app_id(), credential = %c.id, "credentials deleted");
    Ok(axum::Json(MessageResponse {
        message: "Credentials deleted".into(),
    }))
}

async fn list(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<CredentialsListBody>,
) -> Result<axum::Json<CredentialsListResponse>, AppError> {
    let page = body.page.unwrap_or(1);
    if page == 0 {
        return Err(AppError::field("page", "page starts at 1."));
    }
    let (rows, pages) =
        db::credentials::page_for_app(&state.db, client.app_id(), page, LIST_PAGE_SIZE).await?;
    let mut items = Vec::with_capacity(rows.len());
    for c in rows {
        let credentials_token = String::from_utf8(
            state
                .master_key
                .decrypt(purpose::CREDENTIALS_TOKEN, &c.token_encrypted)?,
        )
        .map_err(anyhow::Error::from)?;
        items.push(CredentialsListItem {
            credentials_token,
            external_id: c.external_id,
            bank: c.bank_id,
            status: c.status,
        });
    }
    Ok(axum::Json(CredentialsListResponse {
        items,
        page,
        pages: pages.max(1),
    }))
}
