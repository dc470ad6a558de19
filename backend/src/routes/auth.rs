//! Integrator accounts over `/api/auth/*`: sign up, confirm, log in and out,
//! who am I, and password reset.
//!
//! Answers never reveal whether an email has an account: sign-up, resend and
//! forgot-password answer the same for known and unknown addresses (the
//! owner is told by email instead), and a wrong password costs and reads
//! exactly like an unknown email.

use std::net::SocketAddr;

use axum::Router;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bankport_shared::account::{
    ConfirmRequest, EmailAddress, EmailRequest, LoginRequest, MeResponse, MessageResponse,
    NewPassword, ResetPasswordRequest, SignupRequest,
};
use bankport_shared::error::codes;
use bankport_shared::paths;
use chrono::{Duration, Utc};
use sea_orm::{DbErr, SqlErr};

use crate::auth::session::CurrentAccount;
use crate::auth::{password, session, throttle, token};
use crate::db::account_tokens::Purpose;
use crate::db::{self, accounts::Account};
use crate::email::templates;
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

/// Re-sends of confirmation and reset emails are paced per account.
const RESEND_INTERVAL: Duration = Duration::seconds(60);
/// Log-in passwords are not re-validated (rules may have changed since
/// sign-up), only bounded, so hashing work stays bounded.
const MAX_LOGIN_PASSWORD_CHARS: usize = 1024;

/// Routes under `/api`.
pub fn api_router() -> Router<AppState> {
    let strip = |path: &'static str| path.strip_prefix(paths::API).expect("an /api path");
    Router::new()
        .route(strip(paths::AUTH_SIGNUP), post(signup))
        .route(strip(paths::AUTH_CONFIRM), post(confirm))
        .route(
            strip(paths::AUTH_RESEND_CONFIRMATION),
            post(resend_confirmation),
        )
        .route(strip(paths::AUTH_LOGIN), post(login))
        .route(strip(paths::AUTH_LOGOUT), post(logout))
        .route(strip(paths::AUTH_ME), get(me))
        .route(strip(paths::AUTH_FORGOT_PASSWORD), post(forgot_password))
        .route(strip(paths::AUTH_RESET_PASSWORD), post(reset_password))
}

fn message(text: &str) -> axum::Json<MessageResponse> {
    axum::Json(MessageResponse {
        message: text.to_owned(),
    })
}

fn invalid_token(text: &str) -> AppError {
    AppError::Client {
        status: StatusCode::BAD_REQUEST,
        code: codes::INVALID_TOKEN,
        message: text.to_owned(),
    }
}

fn parse_email(raw: &str) -> Result<EmailAddress, AppError> {
    EmailAddress::parse(raw).map_err(|m| AppError::field("email", m))
}

/// Parses a new password and refuses easy ones.
fn parse_new_password(raw: &str, email: Option<&str>) -> Result<NewPassword, AppError> {
    let password = NewPassword::parse(raw).map_err(|m| AppError::field("password", m))?;
    if let Some(weakness) = password::weakness(password.expose(), email) {
        return Err(AppError::field("password", weakness));
    }
    Ok(password)
}

const CHECK_EMAIL: &str = "Check your email: we sent you a link to confirm your account.";

async fn signup(
    State(state): State<AppState>,
    Json(request): Json<SignupRequest>,
) -> Result<impl IntoResponse, AppError> {
    let signup = request.parse().map_err(AppError::InvalidFields)?;
    let email = signup.email.as_str();
    parse_new_password(signup.password.expose(), Some(email))?;
    // Hash before looking the email up, so known and unknown addresses take
    // the same time.
    let hash = password::hash(signup.password.expose().to_owned()).await?;

    let txn = db::begin_write(&state.db).await?;
    match db::accounts::find_by_email(&txn, email).await? {
        Some(existing) if existing.confirmed_at.is_none() => {
            // Nobody has proved this address yet: the latest sign-up wins, so
            // an earlier sign-up by someone else cannot end up confirmed by
            // the real owner's click. Older links stop working.
            db::accounts::replace_unconfirmed(&txn, existing.id, signup.company.as_str(), &hash)
                .await?;
            // Re-sends are paced so sign-ups cannot flood an inbox; a link
            // sent within the minute still confirms the new password.
            if !recently_issued(&state, &existing, Purpose::Confirm).await? {
                db::account_tokens::delete_unused(&txn, existing.id, Purpose::Confirm).await?;
                send_confirmation(&state, &txn, &existing).await?;
            }
        }
        Some(existing) => notify_existing_account(&state, &txn, &existing).await?,
        None => match db::accounts::insert(&txn, email, signup.company.as_str(), &hash).await {
            Ok(account) => send_confirmation(&state, &txn, &account).await?,
            // A concurrent sign-up with the same email won the race: answer as usual.
            Err(e) if is_unique_violation(&e) => {
                tracing::info!("concurrent sign-up for one email; answering as for a new one");
            }
            Err(e) => return Err(e.into()),
        },
    }
    txn.commit().await?;
    state.outbox_wake.notify_one();
    Ok(message(CHECK_EMAIL))
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Someone signed up with a confirmed address: tell the owner, not the caller.
async fn notify_existing_account(
    state: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    account: &Account,
) -> Result<(), AppError> {
    let email = templates::already_registered(
        &state.public_url("/login"),
        &state.public_url("/forgot-password"),
    );
    db::outbox::enqueue(db, &account.email, &email.subject, &email.text, &email.html).await?;
    Ok(())
}

async fn send_confirmation(
    state: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    account: &Account,
) -> Result<(), AppError> {
    let new = token::generate();
    db::account_tokens::insert(db, account.id, Purpose::Confirm, &new.hash).await?;
    let link = state.public_url(&format!("{}?token={}", paths::PAGE_CONFIRM, new.secret));
    let email = templates::confirm_account(&account.company, &link);
    db::outbox::enqueue(db, &account.email, &email.subject, &email.text, &email.html).await?;
    Ok(())
}

async fn confirm(
    State(state): State<AppState>,
    Json(request): Json<ConfirmRequest>,
) -> Result<impl IntoResponse, AppError> {
    const INVALID: &str =
        "This confirmation link is invalid, already used or expired. Ask for a new one.";
    if !token::looks_valid(&request.token) {
        return Err(invalid_token(INVALID));
    }
    let txn = db::begin_write(&state.db).await?;
    let account_id =
        db::account_tokens::consume(&txn, Purpose::Confirm, &token::hash(&request.token))
            .await?
            .ok_or_else(|| invalid_token(INVALID))?;
    db::accounts::confirm(&txn, account_id).await?;
    txn.commit().await?;
    Ok(message("Your email is confirmed. You can log in now."))
}

async fn resend_confirmation(
    State(state): State<AppState>,
    Json(request): Json<EmailRequest>,
) -> Result<impl IntoResponse, AppError> {
    let email = parse_email(&request.email)?;
    if let Some(account) = db::accounts::find_by_email(&state.db, email.as_str()).await?
        && account.confirmed_at.is_none()
        && !recently_issued(&state, &account, Purpose::Confirm).await?
    {
        let txn = db::begin_write(&state.db).await?;
        send_confirmation(&state, &txn, &account).await?;
        txn.commit().await?;
        state.outbox_wake.notify_one();
    }
    Ok(message(
        "If that address has an unconfirmed account, we sent a new confirmation link.",
    ))
}

async fn recently_issued(
    state: &AppState,
    account: &Account,
    purpose: Purpose,
) -> Result<bool, AppError> {
    let last = db::account_tokens::last_issued(&state.db, account.id, purpose).await?;
    Ok(last.is_some_and(|at| Utc::now() - at < RESEND_INTERVAL))
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(request): Json<LoginRequest>,
) -> Result<Response, AppError> {
    let email = parse_email(&request.email)?;
    if request.password.is_empty() {
        return Err(AppError::field("password", "Enter your password."));
    }
    if request.password.chars().count() > MAX_LOGIN_PASSWORD_CHARS {
        return Err(AppError::field("password", "This password is too long."));
    }
    let ip = peer.ip();
    throttle::check(&state, email.as_str(), ip).await?;

    let account = db::accounts::find_by_email(&state.db, email.as_str()).await?;
    let stored = account.as_ref().map(|a| a.password_hash.clone());
    let matches = password::verify(request.password, stored).await?;
    let Some(account) = account.filter(|_| matches) else {
        throttle::record_failure(&state, email.as_str(), ip).await?;
        return Err(AppError::Client {
            status: StatusCode::UNAUTHORIZED,
            code: codes::INVALID_CREDENTIALS,
            message: "Wrong email or password.".into(),
        });
    };
    throttle::record_success(&state, email.as_str(), ip).await?;
    if account.confirmed_at.is_none() {
        return Err(AppError::Client {
            status: StatusCode::FORBIDDEN,
            code: codes::EMAIL_NOT_CONFIRMED,
            message: "Confirm your email before logging in: open the link we sent you, or ask for a new one.".into(),
        });
    }

    // Rotate: whatever session the browser had before is ended.
    session::end(&state, &headers).await?;
    let cookie = session::start(&state, account.id).await?;
    tracing::info!(account = %account.id, "logged in");
    Ok((
        [(header::SET_COOKIE, cookie)],
        axum::Json(MeResponse {
            email: account.email,
            company: account.company,
        }),
    )
        .into_response())
}

async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    let cookie = session::end(&state, &headers).await?;
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]))
}

async fn me(current: CurrentAccount) -> axum::Json<MeResponse> {
    axum::Json(MeResponse {
        email: current.account.email,
        company: current.account.company,
    })
}

async fn forgot_password(
    State(state): State<AppState>,
    Json(request): Json<EmailRequest>,
) -> Result<impl IntoResponse, AppError> {
    let email = parse_email(&request.email)?;
    if let Some(account) = db::accounts::find_by_email(&state.db, email.as_str()).await?
        && !recently_issued(&state, &account, Purpose::ResetPassword).await?
    {
        let new = token::generate();
        let link = state.public_url(&format!(
            "{}?token={}",
            paths::PAGE_RESET_PASSWORD,
            new.secret
        ));
        let mail = templates::reset_password(&link);
        let txn = db::begin_write(&state.db).await?;
        db::account_tokens::insert(&txn, account.id, Purpose::ResetPassword, &new.hash).await?;
        db::outbox::enqueue(&txn, &account.email, &mail.subject, &mail.text, &mail.html).await?;
        txn.commit().await?;
        state.outbox_wake.notify_one();
    }
    Ok(message(
        "If an account exists for that email, we sent a link to reset its password. It expires in 1 hour.",
    ))
}

async fn reset_password(
    State(state): State<AppState>,
    Json(request): Json<ResetPasswordRequest>,
) -> Result<impl IntoResponse, AppError> {
    const INVALID: &str = "This reset link is invalid, already used or expired. Ask for a new one.";
    if !token::looks_valid(&request.token) {
        return Err(invalid_token(INVALID));
    }
    // Parse before consuming the token, so a rejected password keeps the link usable.
    let new_password = parse_new_password(&request.password, None)?;
    // Only a live link earns an argon2 computation.
    if !db::account_tokens::is_live(
        &state.db,
        Purpose::ResetPassword,
        &token::hash(&request.token),
    )
    .await?
    {
        return Err(invalid_token(INVALID));
    }
    let hash = password::hash(new_password.expose().to_owned()).await?;

    let txn = db::begin_write(&state.db).await?;
    let account_id =
        db::account_tokens::consume(&txn, Purpose::ResetPassword, &token::hash(&request.token))
            .await?
            .ok_or_else(|| invalid_token(INVALID))?;
    let account = db::accounts::find(&txn, account_id)
        .await?
        .ok_or_else(|| invalid_token(INVALID))?;
    if let Some(weakness) = password::weakness(new_password.expose(), Some(&account.email)) {
        // Rolled back with the transaction: the link stays usable.
        return Err(AppError::field("password", weakness));
    }
    db::accounts::set_password_hash(&txn, account_id, &hash).await?;
    // Receiving the email proves the address.
    db::accounts::confirm(&txn, account_id).await?;
    let ended = db::sessions::delete_all_for_account(&txn, account_id).await?;
    // Any other reset link sent earlier dies with this one.
    db::account_tokens::delete_unused(&txn, account_id, Purpose::ResetPassword).await?;
    txn.commit().await?;
    tracing::info!(account = %account_id, sessions_ended = ended, "password reset");
    Ok(message(
        "Your password was changed. Log in with your new password.",
    ))
}
