//! Integrator accounts: sign-up, email confirmation, log in/out, the current
//! session and password reset (`/api/auth/*`).
//!
//! Each function is one endpoint; the request and response bodies are the
//! shared DTOs, so the server and this client cannot drift apart.

use bankport_shared::account::{
    ConfirmRequest, EmailRequest, LoginRequest, MeResponse, MessageResponse, ResetPasswordRequest,
    SignupRequest,
};
use bankport_shared::paths;

use super::{ApiError, EmptyBody, get_json, post_json, post_json_no_content};

/// Creates an account and sends the confirmation email. The answer is the
/// same whether or not the email was already registered.
pub async fn signup(request: SignupRequest) -> Result<MessageResponse, ApiError> {
    post_json(paths::AUTH_SIGNUP, &request).await
}

/// Confirms an email with the token from the confirmation link.
pub async fn confirm(token: String) -> Result<MessageResponse, ApiError> {
    post_json(paths::AUTH_CONFIRM, &ConfirmRequest { token }).await
}

/// Sends a new confirmation link (always answers the same, to keep whether an
/// account exists private).
pub async fn resend_confirmation(email: String) -> Result<MessageResponse, ApiError> {
    post_json(paths::AUTH_RESEND_CONFIRMATION, &EmailRequest { email }).await
}

/// Logs in; on success the server sets the session cookie.
pub async fn login(request: LoginRequest) -> Result<MeResponse, ApiError> {
    post_json(paths::AUTH_LOGIN, &request).await
}

/// Ends the session (the server clears the cookie).
pub async fn logout() -> Result<(), ApiError> {
    post_json_no_content(paths::AUTH_LOGOUT, &EmptyBody {}).await
}

/// The logged-in account, or an `UNAUTHENTICATED` error.
pub async fn me() -> Result<MeResponse, ApiError> {
    get_json(paths::AUTH_ME).await
}

/// Emails a password-reset link (always answers the same).
pub async fn forgot_password(email: String) -> Result<MessageResponse, ApiError> {
    post_json(paths::AUTH_FORGOT_PASSWORD, &EmailRequest { email }).await
}

/// Sets a new password with the token from the reset link.
pub async fn reset_password(request: ResetPasswordRequest) -> Result<MessageResponse, ApiError> {
    post_json(paths::AUTH_RESET_PASSWORD, &request).await
}
