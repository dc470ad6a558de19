//! The link widget's API (`/api/link/*`): opening a link, the bank's login
//! form, connecting, and the SCA step. The widget sends every query
//! parameter of its URL; the server decides which are reserved and which
//! are the integrator's `extra`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::BankResponse;

/// The text shown for a link that cannot be used (unknown, paused, deleted).
pub const INVALID_LINK_MESSAGE: &str = "Invalid provided link, please generate a new one.";

/// Query parameters with a meaning of their own; never copied into `extra`.
pub const RESERVED_PARAMS: &[&str] = &[
    "token",
    "bank",
    "sca_token",
    "reset_token",
    "transaction_token",
    "external_id",
    "rollback",
    // What Bankport itself puts on the redirect URI: never let a link forge them.
    "code",
    "error",
    "delayed",
];

/// `POST /api/link/open`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenLinkRequest {
    pub token: String,
}

/// What the widget needs to show a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkInfoResponse {
    /// Shown as "… uses Bankport to connect your bank" when set.
    pub company_name: Option<String>,
    pub banks: Vec<BankResponse>,
    /// The integrator's theme (`/theme/<hash>.css`), to load after the
    /// widget's own stylesheets; None for the default look.
    #[serde(default)]
    pub stylesheet: Option<String>,
}

/// `POST /api/link/form`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankFormRequest {
    pub token: String,
    pub bank: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKindDto {
    Text,
    Password,
    Select,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOption {
    pub value: String,
    pub label: String,
}

/// One login field, labelled as the bank labels it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginFieldDto {
    pub name: String,
    pub label: String,
    pub kind: FieldKindDto,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<FieldOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankFormResponse {
    pub bank: BankResponse,
    pub fields: Vec<LoginFieldDto>,
    /// What the bank wants end users to know before they log in (sandbox
    /// banks list their test users here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// `POST /api/link/connect`: log in to the bank.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectRequest {
    pub token: String,
    pub bank: String,
    /// Login field name → what the end user typed.
    pub fields: BTreeMap<String, String>,
    /// Every query parameter of the widget's URL.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

/// `POST /api/link/sca`: the code the bank sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScaRequest {
    /// From [`ConnectResponse::ScaRequired`].
    pub flow: String,
    pub code: String,
}

/// `POST /api/link/abort`: the end user gave up.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AbortRequest {
    pub token: String,
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

/// `POST /api/link/reauth`: the widget was opened with `sca_token`,
/// `reset_token` or `transaction_token` (in `params`, with `bank` where
/// needed) to re-authorise an existing credential.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReauthRequest {
    pub token: String,
    /// Every query parameter of the widget's URL.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
}

/// What a re-authorisation asks of the end user. A token that is unknown,
/// used, expired, of another app, or without the `bank` of its credential
/// answers 404 `INVALID_LINK` instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum ReauthResponse {
    /// `sca_token` or `transaction_token`: ask only for the SCA code, then
    /// `POST /api/link/sca` with `flow` (the answer is a [`ConnectResponse`]).
    Sca {
        flow: String,
        prompt: String,
        bank: BankResponse,
    },
    /// `reset_token`: show this bank's login form (`/api/link/form`) and
    /// connect as usual; the `reset_token` in `params` makes the connection
    /// re-authorise the credential instead of creating one.
    Login { bank: String },
}

/// How a connection attempt ended (or what it needs next).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ConnectResponse {
    /// Ask for the SCA code, then `POST /api/link/sca` with `flow`.
    ScaRequired { flow: String, prompt: String },
    /// Done: send the browser to `url` (the redirect URI with `code`).
    Redirect { url: String },
    /// Failed: show `message`; with `rollback`, send the browser to `redirect_url`.
    Failed {
        code: String,
        message: String,
        redirect_url: Option<String>,
    },
}

/// Error codes of the link flow, as Flanks names them (`?error=CODE`).
pub mod flow_codes {
    pub const INVALID_CREDENTIALS: &str = "INVALID_CREDENTIALS";
    pub const INVALID_SCA: &str = "INVALID_SCA";
    pub const CREDENTIALS_ALREADY_EXIST: &str = "CREDENTIALS_ALREADY_EXIST";
    pub const INTERNAL_ERROR: &str = "INTERNAL_ERROR";
    pub const ABORTED_BY_USER: &str = "ABORTED_BY_USER";
    pub const INVALID_LINK: &str = "INVALID_LINK";
}
