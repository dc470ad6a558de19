//! API clients: apps calling `/v0` with `Authorization: Bearer <access_token>`.
//!
//! Access tokens are opaque 256-bit secrets from `POST /v0/token`, stored
//! hashed; they expire (10 h, as Flanks' 36000 s) and are revoked when the
//! app's secret is rotated or the app deleted.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use uuid::Uuid;

use super::token;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

/// The app whose live access token authorised this request.
#[derive(Debug, Clone)]
pub struct ApiClient {
    pub app: db::apps::App,
}

impl ApiClient {
    pub fn app_id(&self) -> Uuid {
        self.app.id
    }
}

impl FromRequestParts<AppState> for ApiClient {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let bearer = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| token::looks_valid(t))
            .ok_or_else(|| {
                AppError::Unauthenticated(
                    "Send `Authorization: Bearer <access_token>`; get one from POST /v0/token."
                        .into(),
                )
            })?;
        let invalid =
            || AppError::Unauthenticated("The access token is invalid, expired or revoked.".into());
        let app_id = db::access_tokens::app_of_access(&state.db, &token::hash(bearer))
            .await?
            .ok_or_else(invalid)?;
        let app = db::apps::find(&state.db, app_id)
            .await?
            .ok_or_else(invalid)?;
        Ok(Self { app })
    }
}
