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

/// `POST /v0/bank/credentials/status` and `DELETE /v0/bank/credentials`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CredentialsTokenBody {
    pub credentials_token: String,
}

/// `POST /v0/bank/credentials/status` → the credential's state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredentialsStatusResponse {
    /// True while an extraction is due or running (always before the first one ends).
    pub pending: bool,
    /// True when the bank blocked access: send the end user to the link with `reset_token`.
    pub blocked: bool,
    /// Set when the bank needs SCA again: send the end user to the link with it.
    pub sca_token: Option<String>,
    /// Set when the credential is blocked (or a reset was forced).
    pub reset_token: Option<String>,
    /// Set when older history can be fetched (or one was forced).
    pub transaction_token: Option<String>,
    /// The oldest day of transaction history extracted, `YYYY-MM-DD`.
    pub last_transaction_date: Option<String>,
    /// The bank's name.
    pub name: String,
    /// When the last successful extraction ended, RFC 3339.
    pub last_update: Option<String>,
    /// How long the last successful extraction took, in seconds.
    pub time: Option<f64>,
    /// `last_update` as Unix seconds.
    pub last_update_timestamp: Option<i64>,
    pub created_at_timestamp: i64,
    /// Per product: true when its last extraction failed.
    pub errored: std::collections::BTreeMap<String, bool>,
    /// Per product: true once it has been extracted.
    pub created: std::collections::BTreeMap<String, bool>,
}

/// `PUT /v0/bank/credentials/status`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ForceStatusBody {
    pub credentials_token: String,
    /// `sca`, `reset` or `transaction`.
    pub force: String,
}

/// `PUT /v0/bank/credentials/status` → the one token that was asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForcedTokenResponse {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sca_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_token: Option<String>,
}

/// `DELETE /v0/bank/credentials` → `{message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageResponse {
    pub message: String,
}

/// `POST /v0/bank/credentials/list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CredentialsListBody {
    /// 1-based; defaults to 1.
    #[serde(default)]
    pub page: Option<u64>,
}

/// One credential in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialsListItem {
    pub credentials_token: String,
    pub external_id: Option<String>,
    /// The bank's id (as in `/v0/bank/available`).
    pub bank: String,
    /// `processing`, `ready`, `sca_required` or `blocked`.
    pub status: String,
}

/// `POST /v0/bank/credentials/list` → one page, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialsListResponse {
    pub items: Vec<CredentialsListItem>,
    pub page: u64,
    pub pages: u64,
}

/// Credential states, as the list and the dashboard name them.
pub mod credential_status {
    /// Connected; the first extraction has not finished yet.
    pub const PROCESSING: &str = "processing";
    pub const READY: &str = "ready";
    /// The bank needs SCA again (`sca_token`).
    pub const SCA_REQUIRED: &str = "sca_required";
    /// The bank blocked access (`reset_token`).
    pub const BLOCKED: &str = "blocked";
}

/// The body of every data call (`/v0/bank/credentials/account`, `/data`, …).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataRequest {
    pub credentials_token: String,
    #[serde(default)]
    pub query: DataQuery,
    /// Answer with what was extracted even when a product failed.
    #[serde(default)]
    pub ignore_data_error: bool,
    /// 1-based page of a transaction list (also accepted inside `query`).
    #[serde(default)]
    pub page: Option<u64>,
    /// Items per page, at most 1000 (also accepted inside `query`).
    #[serde(default)]
    pub page_size: Option<u64>,
}

/// Filters of a data call. Dates are `YYYY-MM-DD` and inclusive.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataQuery {
    #[serde(default)]
    pub account_id: Option<String>,
    #[serde(default)]
    pub card_id: Option<String>,
    #[serde(default)]
    pub portfolio_id: Option<String>,
    #[serde(default)]
    pub investment_id: Option<String>,
    #[serde(default)]
    pub liability_id: Option<String>,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    #[serde(default)]
    pub page: Option<u64>,
    #[serde(default)]
    pub page_size: Option<u64>,
}

/// Largest `page_size` of a transaction list (also its default).
pub const MAX_PAGE_SIZE: u64 = 1000;

/// Response headers of a paged transaction list (the body stays a plain
/// array, as in Flanks).
pub mod paging_headers {
    pub const PAGE: &str = "x-page";
    pub const PAGE_SIZE: &str = "x-page-size";
    pub const TOTAL_COUNT: &str = "x-total-count";
    pub const TOTAL_PAGES: &str = "x-total-pages";
}

/// Machine codes (and Flanks' numeric codes) of data calls.
pub mod data_codes {
    /// The first extraction has not finished yet.
    pub const PROCESSING: &str = "PROCESSING";
    pub const PROCESSING_NUMBER: u32 = 20002;
    /// A product failed in the last extraction (see `errored` in the status).
    pub const INCOMPLETE: &str = "INCOMPLETE";
    pub const INCOMPLETE_NUMBER: u32 = 20001;
}
