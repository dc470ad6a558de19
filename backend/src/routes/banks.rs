//! The bank catalogue for the link widget, and bank logos.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use bankport_shared::{BankResponse, paths};

use crate::db;
use crate::error::AppError;
use crate::state::AppState;

/// Routes under `/api`.
pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/banks", get(list_banks))
        .route("/banks/{file}/logo.svg", get(bank_logo))
}

/// Every bank, for the widget's chooser.
async fn list_banks(State(state): State<AppState>) -> Result<Json<Vec<BankResponse>>, AppError> {
    let banks = db::banks::list(&state.db).await?;
    Ok(Json(
        banks
            .into_iter()
            .map(|bank| BankResponse {
                logo_url: state.public_url(&paths::bank_logo(&bank.id)),
                id: bank.id,
                name: bank.name,
                country: bank.country,
            })
            .collect(),
    ))
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
