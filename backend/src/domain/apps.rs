//! Apps, their credentials, redirect URIs and links.

use axum::http::StatusCode;
use bankport_shared::app::{AppName, RedirectUri};
use bankport_shared::paths;
use chrono::{Duration, Utc};
use sea_orm::{DbErr, SqlErr};
use uuid::Uuid;

use crate::auth::token;
use crate::db::{self, apps::App, links::LinkFields};
use crate::error::AppError;
use crate::state::AppState;

/// Access tokens live 10 hours, as Flanks' `expires_in: 36000`.
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::hours(10);
/// Refresh tokens live 30 days and work once.
pub const REFRESH_TOKEN_LIFETIME: Duration = Duration::days(30);

/// Machine codes of this module's refusals.
pub mod codes {
    pub const URI_IN_USE: &str = "URI_IN_USE";
    pub const CODES_PENDING: &str = "CODES_PENDING";
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// An optional short text field of a link (name, company): trimmed, empty
/// means none, at most `max` characters, no control characters. Both the
/// dashboard and the `/v0/links` API hold link fields to this rule.
pub fn optional_text(
    field: &str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>, AppError> {
    let Some(value) = raw.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(AppError::field(
            field,
            format!("Use at most {max} characters, without control characters."),
        ));
    }
    Ok(Some(value.to_owned()))
}

/// The last four characters of a secret, shown to tell secrets apart.
fn hint(secret: &str) -> String {
    secret[secret.len() - 4..].to_owned()
}

/// Creates an app with fresh credentials; returns it and its secret, which
/// exists nowhere else (only its SHA-256 is stored).
pub async fn create(
    state: &AppState,
    account_id: Uuid,
    name: &AppName,
) -> Result<(App, String), AppError> {
    let taken = || {
        AppError::field(
            "name",
            format!("You already have an app named “{}”.", name.as_str()),
        )
    };
    if db::apps::name_taken(&state.db, account_id, name.as_str()).await? {
        return Err(taken());
    }
    let secret = token::generate();
    let client_id = token::random_string(16);
    match db::apps::insert(
        &state.db,
        account_id,
        name.as_str(),
        &client_id,
        &secret.hash,
        &hint(&secret.secret),
    )
    .await
    {
        Ok(app) => {
            tracing::info!(app = %app.id, "app created");
            Ok((app, secret.secret))
        }
        Err(e) if is_unique_violation(&e) => Err(taken()),
        Err(e) => Err(e.into()),
    }
}

/// Issues a new secret; the old one and every token made with it stop working.
pub async fn rotate_secret(state: &AppState, app: &App) -> Result<String, AppError> {
    let secret = token::generate();
    let txn = db::begin_write(&state.db).await?;
    db::apps::set_secret(&txn, app.id, &secret.hash, &hint(&secret.secret)).await?;
    let revoked = db::access_tokens::revoke_all_for_app(&txn, app.id).await?;
    txn.commit().await?;
    tracing::info!(app = %app.id, revoked, "client secret rotated");
    Ok(secret.secret)
}

/// End users connected through this app's links.
pub async fn user_count(state: &AppState, app_id: Uuid) -> Result<u64, AppError> {
    Ok(db::credentials::count_for_app(&state.db, app_id).await?)
}

/// Codes issued through this link and not yet exchanged (nor expired).
pub async fn pending_code_count(state: &AppState, link_id: Uuid) -> Result<u64, AppError> {
    Ok(db::link_codes::pending_for_link(&state.db, link_id).await?)
}

pub async fn add_redirect_uri(
    state: &AppState,
    app_id: Uuid,
    uri: &RedirectUri,
) -> Result<db::redirect_uris::RedirectUri, AppError> {
    let duplicate = || AppError::field("uri", "This redirect URI is already registered.");
    if db::redirect_uris::find_by_uri(&state.db, app_id, uri.as_str())
        .await?
        .is_some()
    {
        return Err(duplicate());
    }
    match db::redirect_uris::insert(&state.db, app_id, uri.as_str()).await {
        Ok(added) => Ok(added),
        Err(e) if is_unique_violation(&e) => Err(duplicate()),
        Err(e) => Err(e.into()),
    }
}

/// Deletes a URI unless a link still sends users to it.
pub async fn delete_redirect_uri(
    state: &AppState,
    app_id: Uuid,
    uri_id: Uuid,
) -> Result<(), AppError> {
    let uri = db::redirect_uris::find_for_app(&state.db, app_id, uri_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("No redirect URI with id {uri_id}")))?;
    let users = db::links::names_using_uri(&state.db, uri.id).await?;
    if !users.is_empty() {
        return Err(AppError::Client {
            status: StatusCode::CONFLICT,
            code: codes::URI_IN_USE,
            message: format!(
                "This redirect URI is used by {}: {}. Delete those links or point them elsewhere first.",
                if users.len() == 1 { "a link" } else { "links" },
                users.join(", ")
            ),
        });
    }
    db::redirect_uris::delete(&state.db, uri.id).await?;
    Ok(())
}

/// The public URL end users open.
pub fn link_url(state: &AppState, link_token: &str) -> String {
    state.public_url(&format!("{}?token={link_token}", paths::LINK))
}

pub async fn create_link(
    state: &AppState,
    app_id: Uuid,
    redirect_uri_id: Uuid,
    fields: LinkFields,
) -> Result<db::links::Link, AppError> {
    let link_token = token::random_string(16);
    let link = db::links::insert(&state.db, app_id, redirect_uri_id, &link_token, fields).await?;
    tracing::info!(app = %app_id, link = %link.id, "link created");
    Ok(link)
}

pub async fn owned_link(
    state: &AppState,
    app_id: Uuid,
    link_token: &str,
) -> Result<db::links::Link, AppError> {
    db::links::find_for_app(&state.db, app_id, link_token)
        .await?
        .ok_or_else(|| AppError::NotFound("No link with that token.".into()))
}

/// Deletes a link unless codes issued through it wait to be exchanged.
pub async fn delete_link(state: &AppState, app_id: Uuid, link_token: &str) -> Result<(), AppError> {
    let link = owned_link(state, app_id, link_token).await?;
    let pending = pending_code_count(state, link.id).await?;
    if pending > 0 {
        return Err(AppError::Client {
            status: StatusCode::CONFLICT,
            code: codes::CODES_PENDING,
            message: format!(
                "This link has {pending} code(s) waiting to be exchanged; exchange them first."
            ),
        });
    }
    db::links::delete(&state.db, link.id).await?;
    Ok(())
}

/// A new access token pair for an app.
pub struct IssuedTokens {
    pub access_token: String,
    pub refresh_token: String,
}

pub async fn issue_tokens(
    db: &impl sea_orm::ConnectionTrait,
    app_id: Uuid,
) -> Result<IssuedTokens, AppError> {
    let access = token::generate();
    let refresh = token::generate();
    let now = Utc::now();
    db::access_tokens::insert(
        db,
        app_id,
        &access.hash,
        &refresh.hash,
        now + ACCESS_TOKEN_LIFETIME,
        now + REFRESH_TOKEN_LIFETIME,
    )
    .await?;
    Ok(IssuedTokens {
        access_token: access.secret,
        refresh_token: refresh.secret,
    })
}
