//! `POST /v0/platform/link` (exchange a code for its credentials_token) and
//! `GET /v0/platform/link` (unused codes, for the mobile flow).

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bankport_shared::v0::{ExchangeCodeBody, ExchangeCodeResponse, LinkCodeItem, PendingResponse};

use crate::auth::api_client::ApiClient;
use crate::auth::token;
use crate::db;
use crate::domain::link_flow::purpose;
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/platform/link", get(unused_codes).post(exchange_code))
}

fn invalid_code() -> AppError {
    AppError::Client {
        status: StatusCode::BAD_REQUEST,
        code: "INVALID_CODE",
        message: "This code is invalid, expired or already exchanged.".into(),
    }
}

fn decode_extra(raw: &str) -> Result<BTreeMap<String, String>, AppError> {
    Ok(serde_json::from_str(raw).map_err(anyhow::Error::from)?)
}

async fn exchange_code(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<ExchangeCodeBody>,
) -> Result<Response, AppError> {
    if !token::looks_valid(&body.code) {
        return Err(invalid_code());
    }
    // Another app's code reads exactly like an unknown one.
    let code = db::link_codes::find_by_hash(&state.db, &token::hash(&body.code))
        .await?
        .filter(|c| c.app_id == client.app_id())
        .ok_or_else(invalid_code)?;
    if code.status == db::link_codes::CHECKING && code.used_at.is_none() {
        return Ok((
            StatusCode::ACCEPTED,
            axum::Json(PendingResponse {
                message: "Security checks are still running for this code; try again later (they take at most 72 hours).".into(),
            }),
        )
            .into_response());
    }
    // Everything that can fail comes before the code is spent.
    let credential = db::credentials::find(&state.db, code.credential_id)
        .await?
        .ok_or_else(invalid_code)?;
    let link = db::links::find(&state.db, code.link_id)
        .await?
        .ok_or_else(invalid_code)?;
    let credentials_token = String::from_utf8(
        state
            .master_key
            .decrypt(purpose::CREDENTIALS_TOKEN, &credential.token_encrypted)?,
    )
    .map_err(anyhow::Error::from)?;
    if !db::link_codes::mark_used(&state.db, code.id).await? {
        return Err(invalid_code());
    }
    tracing::info!(app = %client.app_id(), credential = %credential.id, "code exchanged");
    Ok(axum::Json(ExchangeCodeResponse {
        message: "Successfully retrieved".into(),
        credentials_token,
        extra: decode_extra(&code.extra)?,
        link_token: link.token,
    })
    .into_response())
}

#[derive(Debug, serde::Deserialize)]
struct UnusedQuery {
    link_token: Option<String>,
}

async fn unused_codes(
    State(state): State<AppState>,
    client: ApiClient,
    Query(query): Query<UnusedQuery>,
) -> Result<impl IntoResponse, AppError> {
    let link = match query.link_token.as_deref() {
        Some(t) => Some(
            db::links::find_for_app(&state.db, client.app_id(), t)
                .await?
                .ok_or_else(|| AppError::NotFound("No link with that token.".into()))?,
        ),
        None => None,
    };
    let links: BTreeMap<uuid::Uuid, String> = db::links::list_for_app(&state.db, client.app_id())
        .await?
        .into_iter()
        .map(|l| (l.id, l.token))
        .collect();
    let mut items = Vec::new();
    for code in
        db::link_codes::unused_for_app(&state.db, client.app_id(), link.map(|l| l.id)).await?
    {
        let plain = String::from_utf8(
            state
                .master_key
                .decrypt(purpose::LINK_CODE, &code.code_encrypted)?,
        )
        .map_err(anyhow::Error::from)?;
        items.push(LinkCodeItem {
            code: plain,
            link_token: links.get(&code.link_id).cloned().unwrap_or_default(),
            extra: decode_extra(&code.extra)?,
        });
    }
    Ok(axum::Json(items))
}
