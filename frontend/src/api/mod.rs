//! The HTTP client both apps use: same-origin JSON calls through `gloo-net`,
//! with failures turned into messages a person can act on.

use bankport_shared::{BankResponse, ErrorBody, paths};
use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;

/// Why a call failed, in words for the person looking at the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub message: String,
    /// The server's machine code, when the server answered.
    pub code: Option<String>,
    /// The trace id to quote to support, when the server answered.
    pub trace_id: Option<String>,
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ApiError {
    fn network() -> Self {
        Self {
            message: "Cannot reach Bankport. Check your connection and try again.".into(),
            code: None,
            trace_id: None,
        }
    }
}

/// `GET path` and decode the JSON answer.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = Request::get(path)
        .send()
        .await
        .map_err(|_| ApiError::network())?;
    decode(response).await
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json::<T>().await.map_err(|_| ApiError {
            message: "Bankport sent an answer this page does not understand. Reload the page."
                .into(),
            code: None,
            trace_id: None,
        });
    }
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ApiError {
            message: body.error,
            code: Some(body.code),
            trace_id: Some(body.trace_id).filter(|t| !t.is_empty()),
        }),
        Err(_) => Err(ApiError {
            message: format!(
                "Bankport answered with an error ({}). Try again.",
                response.status()
            ),
            code: None,
            trace_id: None,
        }),
    }
}

/// The bank catalogue for the widget's chooser.
pub async fn fetch_banks() -> Result<Vec<BankResponse>, ApiError> {
    get_json(paths::API_BANKS).await
}
