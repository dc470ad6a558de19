//! The bank catalogue for the link widget, and bank logos.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use bankport_shared::{BankResponse, paths};

use crate::auth::api_client::ApiClient;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

/// Routes under `/api`.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/banks", get(list_banks))
        .route("/banks/{file}/logo.svg", get(bank_logo))
}

/// Routes under `/v0`.
pub fn v0_router() -> Router<AppState> {
    Router::new().route("/bank/available", get(available_banks))
}

/// `GET /v0/bank/available`: the catalogue for API clients, Flanks' shape.
async fn available_banks(
    State(state): State<AppState>,
    _client: ApiClient,
) -> Result<Json<Vec<BankResponse>>, AppError> {
    list_banks(State(state)).await
}

/// Every bank this server can connect, for the widget's chooser.
async fn list_banks(State(state): State<AppState>) -> Result<Json<Vec<BankResponse>>, AppError> {
    Ok(Json(catalogue(&state).await?))
}

/// The banks with a connector, as clients see them.
pub async fn catalogue(state: &AppState) -> Result<Vec<BankResponse>, AppError> {
    Ok(db::banks::list(&state.db)
        .await?
        .into_iter()
        .filter(|b| state.banks.get(&b.id).is_some())
        .map(|b| bank_response(state, b))
        .collect())
}

/// One stored bank as clients see it, with an absolute logo URL.
pub fn bank_response(state: &AppState, bank: db::banks::Bank) -> BankResponse {
    BankResponse {
        logo_url: state.public_url(&paths::bank_logo(&bank.id)),
        id: bank.id,
        name: bank.name,
        country: bank.country,
    }
}

/// A bank's logo as SVG, cacheable for a day (logos rarely change, and ids never).
async fn bank_logo(
    State(state): State<AppState>,
    Path(bank_id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let bank = db::banks::find(&state.db, &bank_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("No bank with id {bank_id:?}")))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            // An SVG opened directly must not run anything.
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'",
            ),
        ],
        bank.logo_svg,
    ))
}
