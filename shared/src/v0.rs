//! The Flanks-compatible public API (`/v0`): request and response bodies
//! with Flanks' field names, so scripts written for Flanks work unchanged.

use serde::{Deserialize, Serialize};

/// `POST /v0/token`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TokenRequest {
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub client_secret: Option<String>,
    #[serde(default)]
    pub grant_type: Option<String>,
    #[serde(default)]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenResponse {
    pub access_token: String,
    /// Seconds.
    pub expires_in: u64,
    /// Always `Bearer`.
    pub token_type: String,
    pub scope: String,
    pub refresh_token: String,
}

/// A link in the links API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkItem {
    pub token: String,
    pub name: Option<String>,
    pub redirect_uri: String,
    pub company_name: Option<String>,
    pub terms_and_conditions_url: Option<String>,
    pub privacy_policy_url: Option<String>,
    pub active: bool,
    pub pending_code_count: u64,
}

/// `POST /v0/links/list-links` → `{success, count, items}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkListResponse {
    pub success: bool,
    pub count: u64,
    pub items: Vec<LinkItem>,
}

/// `create-link`, `edit-link`, `pause-link`, `resume-link` → `{success, data}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkDataResponse {
    pub success: bool,
    pub data: LinkItem,
}

/// `POST /v0/links/create-link`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateLinkBody {
    pub redirect_uri: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub company_name: Option<String>,
    #[serde(default)]
    pub terms_and_conditions_url: Option<String>,
    #[serde(default)]
    pub privacy_policy_url: Option<String>,
}

/// `POST /v0/links/edit-link`: the fields to change.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EditLinkBody {
    pub token: String,
    #[serde(default)]
    pub redirect_uri: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub company_name: Option<String>,
    #[serde(default)]
    pub terms_and_conditions_url: Option<String>,
    #[serde(default)]
    pub privacy_policy_url: Option<String>,
}

/// `delete-link`, `pause-link`, `resume-link`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LinkTokenBody {
    pub token: String,
}

/// `delete-link` → `{success}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuccessResponse {
    pub success: bool,
}

/// `POST /v0/platform/link`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExchangeCodeBody {
    pub code: String,
}

/// `POST /v0/platform/link` → 200.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExchangeCodeResponse {
    pub message: String,
    pub credentials_token: String,
    pub extra: std::collections::BTreeMap<String, String>,
    pub link_token: String,
}

/// `POST /v0/platform/link` → 202 while security checks run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingResponse {
    pub message: String,
}

/// `GET /v0/platform/link` → a list of these: ready, unused codes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkCodeItem {
    pub code: String,
    pub link_token: String,
    pub extra: std::collections::BTreeMap<String, String>,
}
