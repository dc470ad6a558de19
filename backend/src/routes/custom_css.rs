//! The dashboard's Custom CSS page API (session-authenticated), and the
//! validated themes served by content hash to the widget.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bankport_shared::css::{
    CustomCssResponse, PreviewCssResponse, UploadCssRequest, is_theme_hash,
};
use bankport_shared::paths;

use crate::auth::session::CurrentAccount;
use crate::db;
use crate::domain::custom_css;
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

pub fn api_router() -> Router<AppState> {
    let strip = |path: &'static str| path.strip_prefix(paths::API).expect("an /api path");
    Router::new()
        .route(
            strip(paths::CUSTOM_CSS),
            get(view).post(upload).delete(restore_default),
        )
        .route(strip(paths::CUSTOM_CSS_PREVIEW), post(preview))
        .route(
            strip(paths::CUSTOM_CSS_RESTORE_PREVIOUS),
            post(restore_previous),
        )
}

/// `/theme/<hash>.css`, outside `/api` (no CSRF guard: a stylesheet is a GET).
pub fn themes_router() -> Router<AppState> {
    Router::new().route(&format!("{}/{{file}}", paths::THEMES), get(theme))
}

async fn view(
    State(state): State<AppState>,
    current: CurrentAccount,
) -> Result<axum::Json<CustomCssResponse>, AppError> {
    Ok(axum::Json(
        custom_css::view(&state, current.account.id).await?,
    ))
}

async fn preview(
    State(state): State<AppState>,
    current: CurrentAccount,
    Json(request): Json<UploadCssRequest>,
) -> Result<axum::Json<PreviewCssResponse>, AppError> {
    Ok(axum::Json(
        custom_css::preview(
            &state,
            &current.account,
            &request.css,
            request.file_name.as_deref(),
        )
        .await?,
    ))
}

async fn upload(
    State(state): State<AppState>,
    current: CurrentAccount,
    Json(request): Json<UploadCssRequest>,
) -> Result<axum::Json<CustomCssResponse>, AppError> {
    Ok(axum::Json(
        custom_css::upload(
            &state,
            &current.account,
            &request.css,
            request.file_name.as_deref(),
        )
        .await?,
    ))
}

async fn restore_default(
    State(state): State<AppState>,
    current: CurrentAccount,
) -> Result<axum::Json<CustomCssResponse>, AppError> {
    Ok(axum::Json(
        custom_css::restore_default(&state, &current.account).await?,
    ))
}

async fn restore_previous(
    State(state): State<AppState>,
    current: CurrentAccount,
) -> Result<axum::Json<CustomCssResponse>, AppError> {
    Ok(axum::Json(
        custom_css::restore_previous(&state, &current.account).await?,
    ))
}

/// A validated theme. Its URL is its content hash, so it never changes:
/// cached for a year; `nosniff` so it is only ever a stylesheet.
async fn theme(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound("No such theme.".into());
    let hash = file.strip_suffix(".css").ok_or_else(not_found)?;
    if !is_theme_hash(hash) {
        return Err(not_found());
    }
    let version = db::custom_css::find_by_hash(&state.db, hash)
        .await?
        .ok_or_else(not_found)?;
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
        ],
        version.css,
    )
        .into_response())
}
