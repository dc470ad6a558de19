//! The account's widget theme (`/api/custom-css`): read it, check a file
//! for the preview, save it, restore the previous version or the default.
//!
//! A refused stylesheet answers 422 `INVALID_CSS`; its problems arrive in
//! [`ApiError::violations`], each with line and column.

use bankport_shared::css::{CustomCssResponse, PreviewCssResponse, UploadCssRequest};
use bankport_shared::paths;

use super::{ApiError, EmptyBody, delete_json_response, get_json, post_json};

/// The current theme and the one before it (`current` None: the default).
pub async fn get_theme() -> Result<CustomCssResponse, ApiError> {
    get_json(paths::CUSTOM_CSS).await
}

/// Validates a stylesheet and hosts it for the preview only; no link uses it.
pub async fn preview(
    css: String,
    file_name: Option<String>,
) -> Result<PreviewCssResponse, ApiError> {
    post_json(
        paths::CUSTOM_CSS_PREVIEW,
        &UploadCssRequest { css, file_name },
    )
    .await
}

/// Saves a stylesheet as the theme of every link of every app.
pub async fn save(css: String, file_name: Option<String>) -> Result<CustomCssResponse, ApiError> {
    post_json(paths::CUSTOM_CSS, &UploadCssRequest { css, file_name }).await
}

/// Swaps the current and the previous theme (409 when there is no previous).
pub async fn restore_previous() -> Result<CustomCssResponse, ApiError> {
    post_json(paths::CUSTOM_CSS_RESTORE_PREVIOUS, &EmptyBody {}).await
}

/// Goes back to the default look; the theme it replaces becomes `previous`.
pub async fn restore_default() -> Result<CustomCssResponse, ApiError> {
    delete_json_response(paths::CUSTOM_CSS, &EmptyBody {}).await
}
