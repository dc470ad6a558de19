//! The one error body every Bankport endpoint answers with.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `{"error": "<human message>", "code": "<MACHINE_CODE>", "trace_id": "…"}`.
///
/// `error` is for people and may change; `code` is for programs and is stable;
/// `trace_id` is also on the server's log line for that request, so an operator
/// can find what happened from a user's bug report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    pub code: String,
    pub trace_id: String,
    /// Per-field messages for form submissions (`VALIDATION_ERROR`), keyed by
    /// the request's field name; absent otherwise.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// Flanks' numeric error code, where Flanks has one (e.g. 20002 for
    /// PROCESSING), so clients written for Flanks keep working.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flanks_code: Option<u32>,
    /// Every problem of a refused stylesheet (`INVALID_CSS`), with line and column.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub violations: Vec<crate::css::CssViolation>,
}

/// Stable machine codes of [`ErrorBody::code`].
pub mod codes {
    pub const NOT_FOUND: &str = "NOT_FOUND";
    pub const BAD_REQUEST: &str = "BAD_REQUEST";
    pub const METHOD_NOT_ALLOWED: &str = "METHOD_NOT_ALLOWED";
    pub const PAYLOAD_TOO_LARGE: &str = "PAYLOAD_TOO_LARGE";
    pub const UNSUPPORTED_MEDIA_TYPE: &str = "UNSUPPORTED_MEDIA_TYPE";
    pub const VALIDATION: &str = "VALIDATION_ERROR";
    pub const INTERNAL: &str = "INTERNAL_ERROR";
    pub const UNAUTHENTICATED: &str = "UNAUTHENTICATED";
    pub const INVALID_CREDENTIALS: &str = "INVALID_CREDENTIALS";
    pub const EMAIL_NOT_CONFIRMED: &str = "EMAIL_NOT_CONFIRMED";
    pub const TOO_MANY_ATTEMPTS: &str = "TOO_MANY_ATTEMPTS";
    pub const INVALID_TOKEN: &str = "INVALID_TOKEN";
    pub const CROSS_SITE_REQUEST: &str = "CROSS_SITE_REQUEST";
    pub const UNAVAILABLE: &str = "SERVICE_UNAVAILABLE";
}
