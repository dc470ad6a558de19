//! An account's widget theme: validate uploads (see [`crate::css`]), host
//! previews, save, go back one version, restore the default — and log
//! every change (who, when, which hash).

use axum::http::StatusCode;
use bankport_shared::css::{CustomCssResponse, PreviewCssResponse, ThemeVersion};
use bankport_shared::paths;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::css;
use crate::db::{self, accounts::Account, custom_css::Version};
use crate::error::AppError;
use crate::state::AppState;

/// Audit actions.
pub mod action {
    /// A checked file hosted for the preview only.
    pub const PREVIEW: &str = "preview";
    pub const UPLOAD: &str = "upload";
    pub const RESTORE_DEFAULT: &str = "restore_default";
    pub const RESTORE_PREVIOUS: &str = "restore_previous";
}

/// Longest file name kept.
const MAX_FILE_NAME: usize = 200;

fn hash_of(css: &str) -> String {
    Sha256::digest(css.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn file_name(raw: Option<&str>) -> Option<String> {
    raw.map(|n| {
        n.chars()
            .filter(|c| !c.is_control())
            .take(MAX_FILE_NAME)
            .collect::<String>()
            .trim()
            .to_owned()
    })
    .filter(|n| !n.is_empty())
}

fn version_response(v: Version) -> ThemeVersion {
    ThemeVersion {
        url: paths::theme_url(&v.hash),
        hash: v.hash,
        css: v.css,
        file_name: v.file_name,
        uploaded_at: v.created_at.to_rfc3339(),
        uploaded_by: v.created_by,
    }
}

async fn version(state: &AppState, id: Option<Uuid>) -> Result<Option<ThemeVersion>, AppError> {
    Ok(match id {
        Some(id) => db::custom_css::find_version(&state.db, id)
            .await?
            .map(version_response),
        None => None,
    })
}

/// The account's current and previous theme.
pub async fn view(state: &AppState, account_id: Uuid) -> Result<CustomCssResponse, AppError> {
    let theme = db::custom_css::theme(&state.db, account_id).await?;
    Ok(CustomCssResponse {
        current: version(state, theme.as_ref().and_then(|t| t.current_id)).await?,
        previous: version(state, theme.as_ref().and_then(|t| t.previous_id)).await?,
        notes: Vec::new(),
    })
}

/// Where the account's theme is served, for the widget; None for the default.
pub async fn stylesheet_of(state: &AppState, account_id: Uuid) -> Result<Option<String>, AppError> {
    let Some(current) = db::custom_css::theme(&state.db, account_id)
        .await?
        .and_then(|t| t.current_id)
    else {
        return Ok(None);
    };
    Ok(db::custom_css::find_version(&state.db, current)
        .await?
        .map(|v| paths::theme_url(&v.hash)))
}

async fn validated(raw: &str) -> Result<css::Accepted, AppError> {
    css::validate_off_thread(raw.as_bytes().to_vec())
        .await
        .map_err(AppError::InvalidCss)
}

/// Validates and hosts a stylesheet for the preview only.
pub async fn preview(
    state: &AppState,
    account: &Account,
    raw: &str,
    raw_file_name: Option<&str>,
) -> Result<PreviewCssResponse, AppError> {
    let accepted = validated(raw).await?;
    let hash = hash_of(&accepted.css);
    if db::custom_css::find_draft(&state.db, account.id, &hash)
        .await?
        .is_none()
    {
        let txn = db::begin_write(&state.db).await?;
        db::custom_css::insert_version(
            &txn,
            db::custom_css::NewVersion {
                account_id: account.id,
                hash: &hash,
                css: &accepted.css,
                file_name: file_name(raw_file_name).as_deref(),
                draft: true,
                created_by: &account.email,
            },
        )
        .await?;
        db::custom_css::prune_drafts(&txn, account.id).await?;
        db::custom_css::audit(
            &txn,
            account.id,
            &account.email,
            action::PREVIEW,
            Some(&hash),
        )
        .await?;
        txn.commit().await?;
    }
    Ok(PreviewCssResponse {
        url: paths::theme_url(&hash),
        hash,
        css: accepted.css,
        notes: accepted.notes,
    })
}

/// Saves a stylesheet as the account's theme; the one it replaces becomes
/// the previous version.
pub async fn upload(
    state: &AppState,
    account: &Account,
    raw: &str,
    raw_file_name: Option<&str>,
) -> Result<CustomCssResponse, AppError> {
    let accepted = validated(raw).await?;
    let hash = hash_of(&accepted.css);
    let txn = db::begin_write(&state.db).await?;
    db::custom_css::lock_account(&txn, account.id).await?;
    let old = db::custom_css::theme(&txn, account.id).await?;
    let saved = db::custom_css::insert_version(
        &txn,
        db::custom_css::NewVersion {
            account_id: account.id,
            hash: &hash,
            css: &accepted.css,
            file_name: file_name(raw_file_name).as_deref(),
            draft: false,
            created_by: &account.email,
        },
    )
    .await?;
    let previous = match &old {
        Some(t) => t.current_id.or(t.previous_id),
        None => None,
    };
    db::custom_css::set_theme(&txn, account.id, Some(saved.id), previous).await?;
    db::custom_css::audit(
        &txn,
        account.id,
        &account.email,
        action::UPLOAD,
        Some(&hash),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(account = %account.id, hash = %hash, bytes = accepted.css.len(), "custom CSS uploaded");
    let mut response = view(state, account.id).await?;
    response.notes = accepted.notes;
    Ok(response)
}

/// Back to the widget's default look; the theme it had becomes the
/// previous version.
pub async fn restore_default(
    state: &AppState,
    account: &Account,
) -> Result<CustomCssResponse, AppError> {
    let txn = db::begin_write(&state.db).await?;
    db::custom_css::lock_account(&txn, account.id).await?;
    if let Some(t) = db::custom_css::theme(&txn, account.id).await?
        && let Some(current) = t.current_id
    {
        db::custom_css::set_theme(&txn, account.id, None, Some(current)).await?;
        db::custom_css::audit(
            &txn,
            account.id,
            &account.email,
            action::RESTORE_DEFAULT,
            None,
        )
        .await?;
        tracing::info!(account = %account.id, "custom CSS: default theme restored");
    }
    txn.commit().await?;
    view(state, account.id).await
}

/// Swaps the current and the previous version.
pub async fn restore_previous(
    state: &AppState,
    account: &Account,
) -> Result<CustomCssResponse, AppError> {
    let txn = db::begin_write(&state.db).await?;
    db::custom_css::lock_account(&txn, account.id).await?;
    let theme = db::custom_css::theme(&txn, account.id).await?;
    let Some((current, Some(previous))) = theme.map(|t| (t.current_id, t.previous_id)) else {
        return Err(AppError::Client {
            status: StatusCode::CONFLICT,
            code: "NO_PREVIOUS_VERSION",
            message: "There is no previous version to go back to.".into(),
        });
    };
    db::custom_css::set_theme(&txn, account.id, Some(previous), current).await?;
    let hash = db::custom_css::find_version(&txn, previous)
        .await?
        .map(|v| v.hash);
    db::custom_css::audit(
        &txn,
        account.id,
        &account.email,
        action::RESTORE_PREVIOUS,
        hash.as_deref(),
    )
    .await?;
    txn.commit().await?;
    tracing::info!(account = %account.id, "custom CSS: previous version restored");
    view(state, account.id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256_hex_and_file_names_are_cleaned() {
        let hash = hash_of("#background{background:red}");
        assert!(bankport_shared::css::is_theme_hash(&hash));
        assert_eq!(
            file_name(Some("  theme\n.css ")).as_deref(),
            Some("theme.css")
        );
        assert_eq!(file_name(Some("   ")), None);
        assert_eq!(
            file_name(Some(&"a".repeat(500))).unwrap().len(),
            MAX_FILE_NAME
        );
    }
}
