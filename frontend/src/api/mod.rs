//! The HTTP client both apps use: same-origin JSON calls through `gloo-net`,
//! with failures turned into messages a person can act on.
//!
//! The session is an HttpOnly cookie: `fetch`'s default credentials mode
//! (`same-origin`) sends it, so no call here handles it. State-changing calls
//! always send `Content-Type: application/json` (and `{}` when they have
//! nothing to say), which the server's CSRF check relies on.

pub mod apps;
pub mod auth;
pub mod credentials;
pub mod custom_css;

use std::collections::BTreeMap;

use bankport_shared::css::CssViolation;
use bankport_shared::{BankResponse, ErrorBody, paths};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Why a call failed, in words for the person looking at the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub message: String,
    /// The server's machine code, when the server answered.
    pub code: Option<String>,
    /// The trace id to quote to support, when the server answered.
    pub trace_id: Option<String>,
    /// Per-field messages of a `VALIDATION_ERROR`, keyed by the request's
    /// field name; empty otherwise.
    pub fields: BTreeMap<String, String>,
    /// Every problem of a refused stylesheet (`INVALID_CSS`), with line and
    /// column; empty otherwise.
    pub violations: Vec<CssViolation>,
    /// Seconds to wait before trying again, from a 429's `Retry-After`.
    pub retry_after: Option<u64>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ApiError {
    /// An error raised in this browser, before or instead of a server answer.
    pub(crate) fn local(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            code: None,
            trace_id: None,
            fields: BTreeMap::new(),
            violations: Vec::new(),
            retry_after: None,
        }
    }

    fn network() -> Self {
        Self::local("Cannot reach Bankport. Check your connection and try again.")
    }

    /// True when the server answered with this machine code
    /// (see `bankport_shared::error::codes`).
    pub fn has_code(&self, code: &str) -> bool {
        self.code.as_deref() == Some(code)
    }
}

/// `GET path` and decode the JSON answer.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::network())?;
    decode(response).await
}

/// `POST path` with a JSON body and decode the JSON answer.
pub async fn post_json<B, T>(path: &str, body: &B) -> Result<T, ApiError>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    let response = send_json(Request::post(path), body).await?;
    decode(response).await
}

/// `POST path` with a JSON body, for endpoints that answer `204 No Content`
/// (any success status is accepted and its body ignored).
pub async fn post_json_no_content<B>(path: &str, body: &B) -> Result<(), ApiError>
where
    B: Serialize + ?Sized,
{
    let response = send_json(Request::post(path), body).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_from(response).await)
    }
}

/// `PATCH path` with a JSON body and decode the JSON answer.
pub async fn patch_json<B, T>(path: &str, body: &B) -> Result<T, ApiError>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    let response = send_json(Request::patch(path), body).await?;
    decode(response).await
}

/// `DELETE path` with a JSON body (`{}` when there is nothing to say, so the
/// CSRF check sees the JSON content type), for endpoints that answer
/// `204 No Content` (any success status is accepted and its body ignored).
pub async fn delete_json<B>(path: &str, body: &B) -> Result<(), ApiError>
where
    B: Serialize + ?Sized,
{
    let response = send_json(Request::delete(path), body).await?;
    if response.ok() {
        Ok(())
    } else {
        Err(error_from(response).await)
    }
}

/// `DELETE path` with a JSON body (`{}` when there is nothing to say) and
/// decode the JSON answer.
pub async fn delete_json_response<B, T>(path: &str, body: &B) -> Result<T, ApiError>
where
    B: Serialize + ?Sized,
    T: DeserializeOwned,
{
    let response = send_json(Request::delete(path), body).await?;
    decode(response).await
}

/// An empty JSON object (`{}`), the body of state-changing calls that need none.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct EmptyBody {}

async fn send_json<B>(builder: RequestBuilder, body: &B) -> Result<Response, ApiError>
where
    B: Serialize + ?Sized,
{
    // `json` also sets `Content-Type: application/json`.
    let request = builder
        .header("Accept", "application/json")
        .json(body)
        .map_err(|_| {
            ApiError::local("This page could not prepare the request. Reload the page.")
        })?;
    request.send().await.map_err(|_| ApiError::network())
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json::<T>().await.map_err(|_| {
            ApiError::local(
                "Bankport sent an answer this page does not understand. Reload the page.",
            )
        });
    }
    Err(error_from(response).await)
}

/// Turns a non-success answer into an [`ApiError`], keeping the server's
/// message, code, trace id, field messages and `Retry-After`.
async fn error_from(response: Response) -> ApiError {
    let retry_after = response
        .headers()
        .get("Retry-After")
        .and_then(|value| value.trim().parse::<u64>().ok());
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => ApiError {
            message: body.error,
            code: Some(body.code),
            trace_id: Some(body.trace_id).filter(|t| !t.is_empty()),
            fields: body.fields,
            violations: body.violations,
            retry_after,
        },
        Err(_) => ApiError {
            retry_after,
            ..ApiError::local(format!(
                "Bankport answered with an error ({status}). Try again."
            ))
        },
    }
}

/// The bank catalogue for the widget's chooser.
pub async fn fetch_banks() -> Result<Vec<BankResponse>, ApiError> {
    get_json(paths::API_BANKS).await
}
