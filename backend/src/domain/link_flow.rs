//! The end user's side of a link: open it, log in to the bank through its
//! connector, answer SCA, and come back with a one-use code — or, with
//! `rollback`, with `?error=CODE`.
//!
//! What the end user types is encrypted before it is stored (the SCA step
//! needs it again) and never logged. Everything here goes through
//! [`BankConnector`]; nothing checks for "sandbox".

use std::collections::BTreeMap;
use std::net::IpAddr;
use std::sync::Arc;

use axum::http::StatusCode;
use bankport_shared::widget::{ConnectResponse, INVALID_LINK_MESSAGE, RESERVED_PARAMS, flow_codes};
use chrono::{Duration, Utc};
use sea_orm::{DbErr, SqlErr};

use super::reauth;
use crate::auth::{throttle, token};
use crate::bank::connector::{BankConnector, BankError, Credentials, LoginOutcome};
use crate::db::{self, apps::App, links::Link};
use crate::error::AppError;
use crate::state::AppState;

/// How long an SCA step may wait for its code.
pub const FLOW_LIFETIME: Duration = Duration::minutes(10);
/// How long a code stays exchangeable once ready.
pub const CODE_VALIDITY: Duration = Duration::minutes(10);
/// Bounds on what a link URL may carry.
const MAX_PARAMS: usize = 50;
const MAX_PARAM_KEY: usize = 64;
const MAX_PARAM_VALUE: usize = 1024;
const MAX_FIELD_VALUE: usize = 256;

/// Encryption purposes (associated data), so ciphertexts cannot be swapped.
pub mod purpose {
    pub const BANK_CREDENTIALS: &str = "bank-credentials";
    pub const FLOW_CREDENTIALS: &str = "flow-credentials";
    pub const CREDENTIALS_TOKEN: &str = "credentials-token";
    pub const LINK_CODE: &str = "link-code";
    pub const BANK_LOGIN: &str = "bank-login";
    pub const REAUTH_TOKEN: &str = "reauth-token";
}

/// An open, active link and its app.
#[derive(Debug, Clone)]
pub struct ActiveLink {
    pub link: Link,
    pub app: App,
}

pub fn invalid_link() -> AppError {
    AppError::Client {
        status: StatusCode::NOT_FOUND,
        code: flow_codes::INVALID_LINK,
        message: INVALID_LINK_MESSAGE.into(),
    }
}

/// The link with this token, if it exists and is active.
pub async fn open(state: &AppState, link_token: &str) -> Result<ActiveLink, AppError> {
    if link_token.is_empty() || link_token.len() > 64 {
        return Err(invalid_link());
    }
    let link = db::links::find_by_token(&state.db, link_token)
        .await?
        .ok_or_else(invalid_link)?;
    if !link.active {
        return Err(invalid_link());
    }
    let app = db::apps::find(&state.db, link.app_id)
        .await?
        .ok_or_else(invalid_link)?;
    Ok(ActiveLink { link, app })
}

/// Which errors go back to the redirect URI instead of staying in the widget.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Rollback {
    None,
    All,
    Only(Vec<String>),
}

impl Rollback {
    fn covers(&self, code: &str) -> bool {
        match self {
            Self::None => false,
            Self::All => true,
            Self::Only(codes) => codes.iter().any(|c| c == code),
        }
    }
}

/// The link URL's parameters, sorted into their meanings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Params {
    pub external_id: Option<String>,
    pub rollback: Rollback,
    /// Everything not reserved, returned to the integrator under `extra`.
    pub extra: BTreeMap<String, String>,
}

/// Sorts and bounds the widget URL's query parameters.
pub fn parse_params(raw: &BTreeMap<String, String>) -> Result<Params, AppError> {
    if raw.len() > MAX_PARAMS {
        return Err(AppError::Validation(format!(
            "A link carries at most {MAX_PARAMS} parameters."
        )));
    }
    let mut extra = BTreeMap::new();
    for (key, value) in raw {
        if key.is_empty() || key.len() > MAX_PARAM_KEY || value.len() > MAX_PARAM_VALUE {
            return Err(AppError::Validation(format!(
                "Link parameters have names of 1 to {MAX_PARAM_KEY} characters and values of at most {MAX_PARAM_VALUE}."
            )));
        }
        if !RESERVED_PARAMS.contains(&key.as_str()) {
            extra.insert(key.clone(), value.clone());
        }
    }
    let rollback = match raw.get("rollback").map(|v| v.trim()) {
        None | Some("") | Some("false") => Rollback::None,
        Some("true") => Rollback::All,
        Some(list) => Rollback::Only(
            list.split(',')
                .map(|c| c.trim().to_ascii_uppercase())
                .filter(|c| !c.is_empty())
                .collect(),
        ),
    };
    Ok(Params {
        external_id: raw
            .get("external_id")
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty()),
        rollback,
        extra,
    })
}

/// `uri` with `pairs` appended to its query (keeping what it had).
fn with_query(uri: &str, pairs: &[(&str, &str)]) -> String {
    match url::Url::parse(uri) {
        Ok(mut url) => {
            {
                let mut query = url.query_pairs_mut();
                for (k, v) in pairs {
                    query.append_pair(k, v);
                }
            }
            url.to_string()
        }
        // Registered URIs always parse; keep a sane fallback anyway.
        Err(_) => {
            let encoded: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let separator = if uri.contains('?') { '&' } else { '?' };
            format!("{uri}{separator}{}", encoded.join("&"))
        }
    }
}

pub fn failure(link: &Link, params: &Params, code: &str, message: &str) -> ConnectResponse {
    let redirect_url = params.rollback.covers(code).then(|| {
        let mut pairs: Vec<(&str, &str)> = vec![("error", code)];
        pairs.extend(params.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        with_query(&link.redirect_uri, &pairs)
    });
    ConnectResponse::Failed {
        code: code.to_owned(),
        message: message.to_owned(),
        redirect_url,
    }
}

fn bank_failure(link: &Link, params: &Params, err: BankError) -> ConnectResponse {
    let (code, message) = match err {
        BankError::InvalidCredentials => (
            flow_codes::INVALID_CREDENTIALS,
            "The bank did not accept these credentials.",
        ),
        BankError::InvalidSca => (
            flow_codes::INVALID_SCA,
            "The bank did not accept that code.",
        ),
        BankError::Unavailable => (
            flow_codes::INTERNAL_ERROR,
            "The bank is not available right now.",
        ),
        BankError::Blocked => (
            flow_codes::INTERNAL_ERROR,
            "The bank blocked access to this login.",
        ),
    };
    failure(link, params, code, message)
}

fn connector(state: &AppState, bank_id: &str) -> Result<Arc<dyn BankConnector>, AppError> {
    state
        .banks
        .get(bank_id)
        .ok_or_else(|| AppError::NotFound(format!("No bank with id {bank_id:?}")))
}

/// Keeps only the fields the bank declares; all are required and bounded.
fn credentials_from(
    bank: &dyn BankConnector,
    fields: &BTreeMap<String, String>,
) -> Result<Credentials, AppError> {
    let mut out = BTreeMap::new();
    let mut missing = BTreeMap::new();
    for field in bank.login_fields() {
        let value = fields
            .get(field.name)
            .map(String::as_str)
            .unwrap_or_default();
        if value.trim().is_empty() {
            missing.insert(field.name.to_owned(), format!("Fill in {}.", field.label));
        } else if value.chars().count() > MAX_FIELD_VALUE {
            missing.insert(
                field.name.to_owned(),
                format!("{} is too long.", field.label),
            );
        } else {
            out.insert(field.name.to_owned(), value.to_owned());
        }
    }
    if !missing.is_empty() {
        return Err(AppError::InvalidFields(missing));
    }
    Ok(Credentials(out))
}

/// Logs in to `bank_id` through `link_token` with what the end user typed.
pub async fn connect(
    state: &AppState,
    link_token: &str,
    bank_id: &str,
    fields: &BTreeMap<String, String>,
    raw_params: &BTreeMap<String, String>,
    ip: IpAddr,
) -> Result<ConnectResponse, AppError> {
    let active = open(state, link_token).await?;
    throttle::check_link(state, active.link.id, ip).await?;
    let bank = connector(state, bank_id)?;
    let params = parse_params(raw_params)?;
    // `reset_token` re-authorises an existing credential; the other
    // re-authorisations never log in again (see `reauth::start`).
    let reauth = reauth::resolve(state, &active, raw_params, Some(bank_id)).await?;
    if let Some(pending) = &reauth {
        // Every log-in attempt with a reset_token counts against it.
        if pending.token.kind != reauth::kind::RESET
            || !db::credential_tokens::count_attempt(&state.db, pending.token.id).await?
        {
            return Err(invalid_link());
        }
    }
    let credentials = credentials_from(bank.as_ref(), fields)?;

    match bank.login(&credentials).await {
        Ok(LoginOutcome::ScaRequired { prompt }) => {
            let flow = token::generate();
            let sealed = state.master_key.encrypt(
                purpose::FLOW_CREDENTIALS,
                &serde_json::to_vec(&credentials.0).map_err(anyhow::Error::from)?,
            );
            let params_json = serde_json::to_string(&params).map_err(anyhow::Error::from)?;
            db::link_flows::insert(
                &state.db,
                &flow.hash,
                active.link.id,
                bank_id,
                &sealed,
                &params_json,
                Utc::now() + FLOW_LIFETIME,
                reauth.as_ref().map(|p| p.token.id),
            )
            .await?;
            Ok(ConnectResponse::ScaRequired {
                flow: flow.secret,
                prompt,
            })
        }
        Ok(LoginOutcome::Connected { security_checks }) => {
            let connected = Connected {
                active: &active,
                bank: bank.as_ref(),
                credentials: &credentials,
                params: &params,
                security_checks,
            };
            complete(state, connected, reauth.as_ref()).await
        }
        Err(err) => {
            if err == BankError::InvalidCredentials {
                throttle::record_link_failure(state, active.link.id, ip).await?;
            }
            Ok(bank_failure(&active.link, &params, err))
        }
    }
}

/// Answers the SCA step of a flow started by [`connect`]. A flow is used
/// once, whatever the answer.
pub async fn answer_sca(
    state: &AppState,
    flow_secret: &str,
    code: &str,
    ip: IpAddr,
) -> Result<ConnectResponse, AppError> {
    let expired = || ConnectResponse::Failed {
        code: flow_codes::INVALID_LINK.into(),
        message: "This step has expired. Start again from the link.".into(),
        redirect_url: None,
    };
    if !token::looks_valid(flow_secret) {
        return Ok(expired());
    }
    let Some(flow) = db::link_flows::take(&state.db, &token::hash(flow_secret)).await? else {
        return Ok(expired());
    };
    let params: Params = serde_json::from_str(&flow.params).map_err(anyhow::Error::from)?;
    let link = db::links::find(&state.db, flow.link_id)
        .await?
        .filter(|l| l.active)
        .ok_or_else(invalid_link)?;
    let app = db::apps::find(&state.db, link.app_id)
        .await?
        .ok_or_else(invalid_link)?;
    let active = ActiveLink { link, app };
    throttle::check_link(state, active.link.id, ip).await?;
    let bank = connector(state, &flow.bank_id)?;
    let opened = state
        .master_key
        .decrypt(purpose::FLOW_CREDENTIALS, &flow.secrets_encrypted)?;
    let credentials = Credentials(serde_json::from_slice(&opened).map_err(anyhow::Error::from)?);

    // A re-authorisation's token must still be live when its SCA arrives.
    let reauth = match flow.credential_token_id {
        Some(token_id) => {
            let token = db::credential_tokens::find(&state.db, token_id)
                .await?
                .filter(db::credential_tokens::is_live);
            let credential = match &token {
                Some(t) => db::credentials::find(&state.db, t.credential_id)
                    .await?
                    .filter(|c| c.app_id == active.app.id),
                None => None,
            };
            match (token, credential) {
                (Some(token), Some(credential)) => Some(reauth::Pending { token, credential }),
                _ => return Ok(expired()),
            }
        }
        None => None,
    };

    if code.trim().is_empty() || code.len() > 32 {
        throttle::record_link_failure(state, active.link.id, ip).await?;
        return Ok(bank_failure(&active.link, &params, BankError::InvalidSca));
    }
    match bank.answer_sca(&credentials, code).await {
        Ok(LoginOutcome::Connected { security_checks }) => {
            let connected = Connected {
                active: &active,
                bank: bank.as_ref(),
                credentials: &credentials,
                params: &params,
                security_checks,
            };
            complete(state, connected, reauth.as_ref()).await
        }
        Ok(LoginOutcome::ScaRequired { .. }) | Err(BankError::InvalidSca) => {
            throttle::record_link_failure(state, active.link.id, ip).await?;
            Ok(bank_failure(&active.link, &params, BankError::InvalidSca))
        }
        Err(err) => Ok(bank_failure(&active.link, &params, err)),
    }
}

/// A bank log-in (with its SCA, if any) that the bank accepted.
struct Connected<'a> {
    active: &'a ActiveLink,
    bank: &'a dyn BankConnector,
    credentials: &'a Credentials,
    params: &'a Params,
    security_checks: Option<std::time::Duration>,
}

/// Stores a new credential, or re-authorises the one `reauth` names.
async fn complete(
    state: &AppState,
    c: Connected<'_>,
    reauth: Option<&reauth::Pending>,
) -> Result<ConnectResponse, AppError> {
    match reauth {
        Some(pending) => {
            reauth::finish(
                state,
                c.active,
                c.bank,
                c.credentials,
                c.params,
                pending,
                c.security_checks,
            )
            .await
        }
        None => {
            finish(
                state,
                c.active,
                c.bank,
                c.credentials,
                c.params,
                c.security_checks,
            )
            .await
        }
    }
}

/// The end user gave up: with rollback, back to the redirect URI.
pub async fn abort(
    state: &AppState,
    link_token: &str,
    raw_params: &BTreeMap<String, String>,
) -> Result<ConnectResponse, AppError> {
    let active = open(state, link_token).await?;
    let params = parse_params(raw_params)?;
    Ok(failure(
        &active.link,
        &params,
        flow_codes::ABORTED_BY_USER,
        "You cancelled the connection.",
    ))
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Stores the new credential and its code, and says where to send the browser.
async fn finish(
    state: &AppState,
    active: &ActiveLink,
    bank: &dyn BankConnector,
    credentials: &Credentials,
    params: &Params,
    security_checks: Option<std::time::Duration>,
) -> Result<ConnectResponse, AppError> {
    let already = || {
        failure(
            &active.link,
            params,
            flow_codes::CREDENTIALS_ALREADY_EXIST,
            "This bank login is already connected.",
        )
    };
    let key = &state.master_key;
    let fingerprint = login_fingerprint(state, active, bank, credentials);
    if db::credentials::identity_exists(&state.db, active.app.account_id, &fingerprint).await? {
        return Ok(already());
    }

    let credentials_token = token::generate();
    let secrets = key.encrypt(
        purpose::BANK_CREDENTIALS,
        &serde_json::to_vec(&credentials.0).map_err(anyhow::Error::from)?,
    );
    let extra = serde_json::to_string(&params.extra).map_err(anyhow::Error::from)?;

    let txn = db::begin_write(&state.db).await?;
    let inserted = db::credentials::insert(
        &txn,
        db::credentials::NewCredential {
            account_id: active.app.account_id,
            app_id: active.app.id,
            link_id: active.link.id,
            bank_id: bank.entry().id,
            token_hash: &credentials_token.hash,
            token_encrypted: &key.encrypt(
                purpose::CREDENTIALS_TOKEN,
                credentials_token.secret.as_bytes(),
            ),
            identity_fingerprint: &fingerprint,
            secrets_encrypted: &secrets,
            external_id: params.external_id.as_deref(),
            extra: &extra,
            status: "processing",
        },
    )
    .await;
    let credential = match inserted {
        Ok(c) => c,
        // The same login connected concurrently through another request.
        Err(e) if is_unique_violation(&e) => return Ok(already()),
        Err(e) => return Err(e.into()),
    };
    let code = issue_code(&txn, state, active, credential.id, params, security_checks).await?;
    txn.commit().await?;
    tracing::info!(app = %active.app.id, link = %active.link.id, credential = %credential.id, bank = bank.entry().id, delayed = code.delayed, "bank connected");
    Ok(redirect(active, &code))
}

/// The keyed fingerprint of a bank login within the link's account.
pub fn login_fingerprint(
    state: &AppState,
    active: &ActiveLink,
    bank: &dyn BankConnector,
    credentials: &Credentials,
) -> String {
    state.master_key.fingerprint(
        purpose::BANK_LOGIN,
        &format!(
            "{}:{}",
            active.app.account_id,
            bank.login_identity(credentials)
        ),
    )
}

/// A one-use code just issued.
#[derive(Debug)]
pub struct IssuedCode {
    secret: String,
    delayed: bool,
}

/// Issues a one-use code for `credential_id` carrying this URL's extras
/// (exchangeable once `security_checks` have run, if any).
pub async fn issue_code(
    txn: &impl sea_orm::ConnectionTrait,
    state: &AppState,
    active: &ActiveLink,
    credential_id: uuid::Uuid,
    params: &Params,
    security_checks: Option<std::time::Duration>,
) -> Result<IssuedCode, AppError> {
    let code = token::generate();
    let extra = serde_json::to_string(&params.extra).map_err(anyhow::Error::from)?;
    let checks_due_at =
        security_checks.map(|d| Utc::now() + Duration::from_std(d).unwrap_or(Duration::hours(72)));
    db::link_codes::insert(
        txn,
        active.app.id,
        active.link.id,
        credential_id,
        &code.hash,
        &state
            .master_key
            .encrypt(purpose::LINK_CODE, code.secret.as_bytes()),
        &extra,
        checks_due_at,
        CODE_VALIDITY,
    )
    .await?;
    Ok(IssuedCode {
        secret: code.secret,
        delayed: checks_due_at.is_some(),
    })
}

/// Sends the browser to the link's redirect URI with the code.
pub fn redirect(active: &ActiveLink, code: &IssuedCode) -> ConnectResponse {
    let mut pairs = vec![("code", code.secret.as_str())];
    if code.delayed {
        pairs.push(("delayed", "true"));
    }
    ConnectResponse::Redirect {
        url: with_query(&active.link.redirect_uri, &pairs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn reserved_parameters_never_reach_extra() {
        let params = parse_params(&map(&[
            ("token", "t"),
            ("bank", "b"),
            ("external_id", " user-42 "),
            ("rollback", "true"),
            ("sca_token", "s"),
            ("user", "42"),
            ("campaign", "spring"),
            ("code", "forged"),
            ("error", "forged"),
            ("delayed", "true"),
        ]))
        .unwrap();
        assert_eq!(params.extra, map(&[("campaign", "spring"), ("user", "42")]));
        assert_eq!(params.external_id.as_deref(), Some("user-42"));
        assert_eq!(params.rollback, Rollback::All);
    }

    #[test]
    fn rollback_takes_a_csv_of_codes() {
        let params =
            parse_params(&map(&[("rollback", "invalid_credentials, INTERNAL_ERROR")])).unwrap();
        assert!(params.rollback.covers("INVALID_CREDENTIALS"));
        assert!(params.rollback.covers("INTERNAL_ERROR"));
        assert!(!params.rollback.covers("INVALID_SCA"));
        assert_eq!(parse_params(&map(&[])).unwrap().rollback, Rollback::None);
    }

    #[test]
    fn oversized_parameters_are_refused() {
        assert!(parse_params(&map(&[("k", &"v".repeat(1025))])).is_err());
        let many: BTreeMap<String, String> =
            (0..51).map(|i| (format!("k{i}"), "v".into())).collect();
        assert!(parse_params(&many).is_err());
    }

    #[test]
    fn query_pairs_are_appended_keeping_the_uris_own_query() {
        assert_eq!(
            with_query("https://example.com/cb?a=1", &[("code", "x y")]),
            "https://example.com/cb?a=1&code=x+y"
        );
        assert_eq!(
            with_query("myapp://callback", &[("code", "c"), ("delayed", "true")]),
            "myapp://callback?code=c&delayed=true"
        );
    }
}
