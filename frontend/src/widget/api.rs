//! The widget's calls to `/api/link/*`. The link token authenticates them;
//! there is no session. The theme preview, which has no link, reads only
//! the public bank list.

use std::collections::BTreeMap;

use bankport_shared::widget::{
    AbortRequest, BankFormRequest, BankFormResponse, ConnectRequest, ConnectResponse,
    LinkInfoResponse, OpenLinkRequest, ReauthRequest, ReauthResponse, ScaRequest,
};
use bankport_shared::{BankResponse, paths};

use crate::api::{ApiError, fetch_banks, post_json};

/// The company behind the link and the banks it offers.
pub async fn open_link(token: String) -> Result<LinkInfoResponse, ApiError> {
    post_json(paths::LINK_OPEN, &OpenLinkRequest { token }).await
}

/// Every bank (`GET /api/banks`), for the theme preview's chooser.
pub async fn all_banks() -> Result<Vec<BankResponse>, ApiError> {
    fetch_banks().await
}

/// The login form of one bank.
pub async fn bank_form(token: String, bank: String) -> Result<BankFormResponse, ApiError> {
    post_json(paths::LINK_FORM, &BankFormRequest { token, bank }).await
}

/// What re-authorising an existing credential asks of the end user (the
/// URL's `sca_token`, `reset_token` or `transaction_token` is in `params`).
pub async fn reauth(
    token: String,
    params: BTreeMap<String, String>,
) -> Result<ReauthResponse, ApiError> {
    post_json(paths::LINK_REAUTH, &ReauthRequest { token, params }).await
}

/// Logs in to the bank with what the end user typed.
pub async fn connect(
    token: String,
    bank: String,
    fields: BTreeMap<String, String>,
    params: BTreeMap<String, String>,
) -> Result<ConnectResponse, ApiError> {
    let request = ConnectRequest {
        token,
        bank,
        fields,
        params,
    };
    post_json(paths::LINK_CONNECT, &request).await
}

/// Answers the bank's SCA challenge.
pub async fn answer_sca(flow: String, code: String) -> Result<ConnectResponse, ApiError> {
    post_json(paths::LINK_SCA, &ScaRequest { flow, code }).await
}

/// The end user gave up; the answer says where to send them, if anywhere.
pub async fn abort(
    token: String,
    params: BTreeMap<String, String>,
) -> Result<ConnectResponse, ApiError> {
    post_json(paths::LINK_ABORT, &AbortRequest { token, params }).await
}
