//! Dashboard sessions: an opaque 256-bit cookie, its hash in the database.
//!
//! Sessions slide: each use pushes the idle expiry forward (at most once a
//! minute, to spare the database), up to an absolute lifetime. Living in the
//! database, any backend instance can serve any request.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use chrono::{Duration, Utc};
use cookie::{Cookie, SameSite};
use uuid::Uuid;

use super::token;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

/// The cookie's name.
pub const COOKIE: &str = "bankport_session";
/// A session unused this long ends.
pub const IDLE_TIMEOUT: Duration = Duration::days(7);
/// No session lives longer than this, however active.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(30);
/// Expiry is pushed forward at most this often.
const TOUCH_INTERVAL: Duration = Duration::minutes(1);

/// The logged-in account of the current request.
#[derive(Debug, Clone)]
pub struct CurrentAccount {
    pub account: db::accounts::Account,
    pub session_id: Uuid,
}

/// The session token sent by the browser, if any.
pub fn token_from_headers(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| Cookie::split_parse(v).filter_map(Result::ok))
        .find(|c| c.name() == COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| token::looks_valid(v))
}

/// Starts a session and returns the `Set-Cookie` value for it.
pub async fn start(state: &AppState, account_id: Uuid) -> Result<HeaderValue, AppError> {
    let new = token::generate();
    db::sessions::insert(&state.db, account_id, &new.hash, Utc::now() + IDLE_TIMEOUT).await?;
    Ok(set_cookie(state, &new.secret, ABSOLUTE_TIMEOUT))
}

/// Ends the session the request carries, if any; returns a clearing cookie.
pub async fn end(state: &AppState, headers: &HeaderMap) -> Result<HeaderValue, AppError> {
    if let Some(secret) = token_from_headers(headers) {
        db::sessions::delete_by_token_hash(&state.db, &token::hash(&secret)).await?;
    }
    Ok(set_cookie(state, "", Duration::zero()))
}

fn set_cookie(state: &AppState, value: &str, max_age: Duration) -> HeaderValue {
    let cookie = Cookie::build((COOKIE, value.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.base_url.scheme() == "https")
        .max_age(cookie::time::Duration::seconds(max_age.num_seconds()))
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("cookie values are URL-safe base64")
}

impl FromRequestParts<AppState> for CurrentAccount {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let unauthenticated = || AppError::Unauthenticated("Log in to continue.".into());
        let secret = token_from_headers(&parts.headers).ok_or_else(unauthenticated)?;
        let session = db::sessions::find_by_token_hash(&state.db, &token::hash(&secret))
            .await?
            .ok_or_else(unauthenticated)?;

        let now = Utc::now();
        let absolute_end = session.created_at + ABSOLUTE_TIMEOUT;
        if session.expires_at <= now || absolute_end <= now {
            db::sessions::delete(&state.db, session.id).await?;
            return Err(AppError::Unauthenticated(
                "Your session has expired. Log in again.".into(),
            ));
        }
        if now - session.last_seen_at >= TOUCH_INTERVAL {
            let expires_at = (now + IDLE_TIMEOUT).min(absolute_end);
            db::sessions::touch(&state.db, session.id, now, expires_at).await?;
        }

        let account = db::accounts::find(&state.db, session.account_id)
            .await?
            .ok_or_else(unauthenticated)?;
        Ok(Self {
            account,
            session_id: session.id,
        })
    }
}
