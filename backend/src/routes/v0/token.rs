//! `POST /v0/token`: client credentials (or a refresh token) for an access token.

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::post;
use bankport_shared::error::codes;
use bankport_shared::v0::{TokenRequest, TokenResponse};
use subtle::ConstantTimeEq;

use crate::auth::token;
use crate::db;
use crate::domain::apps::{ACCESS_TOKEN_LIFETIME, IssuedTokens, issue_tokens};
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/token", post(create_token))
}

/// Flanks answers 403 for bad client credentials, without saying which half was wrong.
fn invalid_client() -> AppError {
    AppError::Client {
        status: StatusCode::FORBIDDEN,
        code: "INVALID_CLIENT",
        message: "Invalid client_id or client_secret.".into(),
    }
}

fn bad_request(message: &str) -> AppError {
    AppError::Client {
        status: StatusCode::BAD_REQUEST,
        code: codes::BAD_REQUEST,
        message: message.into(),
    }
}

async fn create_token(
    State(state): State<AppState>,
    Json(request): Json<TokenRequest>,
) -> Result<impl IntoResponse, AppError> {
    let issued = match request.grant_type.as_deref() {
        Some("client_credentials") => client_credentials(&state, &request).await?,
        Some("refresh_token") => refresh(&state, &request).await?,
        Some(other) => {
            return Err(AppError::Client {
                status: StatusCode::BAD_REQUEST,
                code: "UNSUPPORTED_GRANT_TYPE",
                message: format!(
                    "grant_type {other:?} is not supported; use client_credentials or refresh_token."
                ),
            });
        }
        None => {
            return Err(bad_request(
                "grant_type is required (client_credentials or refresh_token).",
            ));
        }
    };
    Ok(axum::Json(TokenResponse {
        access_token: issued.access_token,
        expires_in: ACCESS_TOKEN_LIFETIME.num_seconds() as u64,
        token_type: "Bearer".into(),
        scope: "platform".into(),
        refresh_token: issued.refresh_token,
    }))
}

async fn client_credentials(
    state: &AppState,
    request: &TokenRequest,
) -> Result<IssuedTokens, AppError> {
    let (Some(client_id), Some(client_secret)) = (
        request.client_id.as_deref(),
        request.client_secret.as_deref(),
    ) else {
        return Err(bad_request("client_id and client_secret are required."));
    };
    let app = db::apps::find_by_client_id(&state.db, client_id).await?;
    // Hash whatever was sent, and compare in constant time, whether or not
    // the client exists.
    let presented = token::hash(client_secret);
    let stored = app
        .as_ref()
        .map(|a| a.secret_hash.as_str())
        .unwrap_or(DUMMY_HASH);
    let matches: bool = presented.as_bytes().ct_eq(stored.as_bytes()).into();
    let app = app.filter(|_| matches).ok_or_else(invalid_client)?;
    issue_tokens(&state.db, app.id).await
}

/// Compared against when the client_id is unknown (a SHA-256 no secret has).
const DUMMY_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

async fn refresh(state: &AppState, request: &TokenRequest) -> Result<IssuedTokens, AppError> {
    let refresh_token = request
        .refresh_token
        .as_deref()
        .ok_or_else(|| bad_request("refresh_token is required with grant_type refresh_token."))?;
    let txn = db::begin_write(&state.db).await?;
    let app_id = db::access_tokens::consume_refresh(&txn, &token::hash(refresh_token))
        .await?
        .ok_or_else(invalid_client)?;
    if let Some(client_id) = request.client_id.as_deref() {
        let app = db::apps::find(&txn, app_id)
            .await?
            .ok_or_else(invalid_client)?;
        if app.client_id != client_id {
            return Err(invalid_client());
        }
    }
    let issued = issue_tokens(&txn, app_id).await?;
    txn.commit().await?;
    Ok(issued)
}
