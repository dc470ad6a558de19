//! Re-authorising an existing credential through the link, keeping its
//! credentials_token: `sca_token` (SCA renewal), `reset_token` (log in
//! again after a block) and `transaction_token` (SCA to fetch 90 more days
//! of history).
//!
//! Tokens are single use, bound to one credential, expire after
//! [`TOKEN_LIFETIME`], and are stored hashed (lookups) and sealed (the
//! status call shows a live token again until it is used).

use std::collections::BTreeMap;

use bankport_shared::v0::credential_status as status;
use bankport_shared::widget::{ConnectResponse, ReauthResponse, flow_codes};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection};

use super::link_flow::{self, ActiveLink, Params, purpose};
use crate::auth::token;
use crate::bank::connector::{BankConnector, BankError, Credentials};
use crate::crypto::MasterKey;
use crate::db::{self, credential_tokens::CredentialToken, credentials::Credential};
use crate::error::AppError;
use crate::state::AppState;

/// How long a re-authorisation token stays usable.
pub const TOKEN_LIFETIME: Duration = Duration::days(7);
/// How much older history one `transaction_token` fetches.
pub const HISTORY_STEP: Duration = Duration::days(90);
/// The first extraction reads this many days (today included).
pub const FIRST_HISTORY_DAYS: i64 = 90;

/// The kinds of token, as `PUT /v0/bank/credentials/status` names them.
pub mod kind {
    pub const SCA: &str = "sca";
    pub const RESET: &str = "reset";
    pub const TRANSACTION: &str = "transaction";
}

/// The URL parameter of each kind.
const PARAMS: [(&str, &str); 3] = [
    ("sca_token", kind::SCA),
    ("reset_token", kind::RESET),
    ("transaction_token", kind::TRANSACTION),
];

/// A credential's live tokens, as the status call shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LiveTokens {
    pub sca: Option<String>,
    pub reset: Option<String>,
    pub transaction: Option<String>,
}

/// Replaces any live token of `kind` with a new one and returns it. Runs
/// in the caller's write transaction, which must hold the credential
/// ([`lock`]), so two requests never mint over each other.
async fn mint_in(
    txn: &impl ConnectionTrait,
    key: &MasterKey,
    credential_id: uuid::Uuid,
    kind: &str,
) -> Result<String, AppError> {
    let new = token::generate();
    db::credential_tokens::revoke_live(txn, credential_id, kind).await?;
    db::credential_tokens::insert(
        txn,
        credential_id,
        kind,
        &new.hash,
        &key.encrypt(purpose::REAUTH_TOKEN, new.secret.as_bytes()),
        Utc::now() + TOKEN_LIFETIME,
    )
    .await?;
    Ok(new.secret)
}

/// Serialises token changes of one credential: a write transaction that
/// holds its row (`FOR UPDATE` on PostgreSQL; SQLite's write transactions
/// are already exclusive).
async fn lock(
    db: &DatabaseConnection,
    credential_id: uuid::Uuid,
) -> Result<sea_orm::DatabaseTransaction, AppError> {
    let txn = db::begin_write(db).await?;
    db::credentials::lock(&txn, credential_id).await?;
    Ok(txn)
}

async fn live(
    db: &impl ConnectionTrait,
    key: &MasterKey,
    credential_id: uuid::Uuid,
    kind: &str,
) -> Result<Option<String>, AppError> {
    match db::credential_tokens::live(db, credential_id, kind).await? {
        Some(t) => Ok(Some(
            String::from_utf8(key.decrypt(purpose::REAUTH_TOKEN, &t.token_encrypted)?)
                .map_err(anyhow::Error::from)?,
        )),
        None => Ok(None),
    }
}

/// The live token of `kind`, minting one when the credential needs it and
/// none is live (the last one expired, was spent, or was never made).
async fn live_or_mint(
    db: &DatabaseConnection,
    key: &MasterKey,
    credential_id: uuid::Uuid,
    kind: &str,
    needed: bool,
) -> Result<Option<String>, AppError> {
    if let Some(t) = live(db, key, credential_id, kind).await? {
        return Ok(Some(t));
    }
    if !needed {
        return Ok(None);
    }
    // Look again holding the credential: a concurrent call may have minted.
    let txn = lock(db, credential_id).await?;
    let token = match live(&txn, key, credential_id, kind).await? {
        Some(t) => t,
        None => mint_in(&txn, key, credential_id, kind).await?,
    };
    txn.commit().await?;
    Ok(Some(token))
}

/// Whether the bank has history older than what was extracted.
pub fn older_history_exists(c: &Credential) -> bool {
    match (c.older_history_from, c.history_from) {
        (Some(older), Some(from)) => older < from,
        _ => false,
    }
}

/// The credential's live tokens; a credential that needs SCA or a reset,
/// or has older history, always has the matching token.
pub async fn tokens_for(state: &AppState, c: &Credential) -> Result<LiveTokens, AppError> {
    Ok(LiveTokens {
        sca: token_for(state, c, kind::SCA).await?,
        reset: token_for(state, c, kind::RESET).await?,
        transaction: token_for(state, c, kind::TRANSACTION).await?,
    })
}

/// The credential's live token of one kind (minted when it needs one).
pub async fn token_for(
    state: &AppState,
    c: &Credential,
    kind: &str,
) -> Result<Option<String>, AppError> {
    let needed = match kind {
        kind::SCA => c.status == status::SCA_REQUIRED,
        kind::RESET => c.status == status::BLOCKED,
        _ => older_history_exists(c),
    };
    live_or_mint(&state.db, &state.master_key, c.id, kind, needed).await
}

/// `PUT /v0/bank/credentials/status {force}`: a new token of that kind.
/// Forcing `sca` or `reset` also puts the credential in the state that
/// token resolves, so it behaves exactly as if the bank had asked.
pub async fn force(state: &AppState, c: &Credential, kind: &str) -> Result<String, AppError> {
    let target = match kind {
        kind::SCA => Some(status::SCA_REQUIRED),
        kind::RESET => Some(status::BLOCKED),
        kind::TRANSACTION => None,
        other => {
            return Err(AppError::field(
                "force",
                format!("force must be \"sca\", \"reset\" or \"transaction\", not {other:?}."),
            ));
        }
    };
    let txn = lock(&state.db, c.id).await?;
    if let Some(target) = target {
        let current = db::credentials::find(&txn, c.id)
            .await?
            .map(|c| c.status)
            .unwrap_or_default();
        if target == status::SCA_REQUIRED && current == status::BLOCKED {
            return Err(AppError::Client {
                status: axum::http::StatusCode::CONFLICT,
                code: "CREDENTIALS_BLOCKED",
                message:
                    "These credentials are blocked: they need a reset (force \"reset\"), not SCA."
                        .into(),
            });
        }
        let from: &[&str] = if target == status::BLOCKED {
            &[status::PROCESSING, status::READY, status::SCA_REQUIRED]
        } else {
            &[status::PROCESSING, status::READY]
        };
        if db::credentials::set_status_if(&txn, c.id, from, target).await? {
            // Nothing to extract until the end user is back; an extraction
            // in progress loses its lease and is discarded.
            db::credentials::update(
                &txn,
                c.id,
                db::entities::credential::ActiveModel {
                    next_extraction_at: Set(None),
                    lease_id: Set(None),
                    lease_until: Set(None),
                    ..Default::default()
                },
            )
            .await?;
        }
    }
    let secret = mint_in(&txn, &state.master_key, c.id, kind).await?;
    txn.commit().await?;
    tracing::info!(credential = %c.id, kind, "re-authorisation token forced");
    Ok(secret)
}

/// A re-authorisation a widget URL asks for, checked.
#[derive(Debug, Clone)]
pub struct Pending {
    pub token: CredentialToken,
    pub credential: Credential,
}

/// Reads `sca_token` / `reset_token` / `transaction_token` from a widget
/// URL. `None` when there is none; the invalid-link error when the token
/// is unknown, used, expired, of another app's credential, when more than
/// one is given, or when `bank` is missing (SCA and history) or names
/// another bank than the credential's.
pub async fn resolve(
    state: &AppState,
    active: &ActiveLink,
    raw: &BTreeMap<String, String>,
    bank: Option<&str>,
) -> Result<Option<Pending>, AppError> {
    let given: Vec<(&str, &str)> = PARAMS
        .iter()
        .filter_map(|(param, kind)| {
            raw.get(*param)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty())
                .map(|v| (*kind, v))
        })
        .collect();
    let (kind, secret) = match given.as_slice() {
        [] => return Ok(None),
        [one] => *one,
        _ => return Err(link_flow::invalid_link()),
    };
    if !token::looks_valid(secret) {
        return Err(link_flow::invalid_link());
    }
    let row = db::credential_tokens::find_by_hash(&state.db, &token::hash(secret))
        .await?
        .filter(|t| t.kind == kind && db::credential_tokens::is_live(t))
        .ok_or_else(link_flow::invalid_link)?;
    let credential = db::credentials::find(&state.db, row.credential_id)
        .await?
        .filter(|c| c.app_id == active.app.id)
        .ok_or_else(link_flow::invalid_link)?;
    let bank = bank.map(str::trim).filter(|b| !b.is_empty());
    let bank_ok = match bank {
        Some(b) => b == credential.bank_id,
        None => kind == kind::RESET,
    };
    if !bank_ok {
        return Err(link_flow::invalid_link());
    }
    Ok(Some(Pending {
        token: row,
        credential,
    }))
}

/// The stored bank credentials of a credential.
pub fn stored_credentials(state: &AppState, c: &Credential) -> Result<Credentials, AppError> {
    let opened = state
        .master_key
        .decrypt(purpose::BANK_CREDENTIALS, &c.secrets_encrypted)?;
    Ok(Credentials(
        serde_json::from_slice(&opened).map_err(anyhow::Error::from)?,
    ))
}

/// `POST /api/link/reauth`: what the widget asks the end user for.
pub async fn start(
    state: &AppState,
    link_token: &str,
    raw: &BTreeMap<String, String>,
) -> Result<ReauthResponse, AppError> {
    let active = link_flow::open(state, link_token).await?;
    let params = link_flow::parse_params(raw)?;
    let pending = resolve(state, &active, raw, raw.get("bank").map(String::as_str))
        .await?
        .ok_or_else(link_flow::invalid_link)?;
    let credential = &pending.credential;
    if pending.token.kind == kind::RESET {
        // Each log-in attempt counts (in `link_flow::connect`), not this.
        return Ok(ReauthResponse::Login {
            bank: credential.bank_id.clone(),
        });
    }
    if !db::credential_tokens::count_attempt(&state.db, pending.token.id).await? {
        return Err(link_flow::invalid_link());
    }
    let bank = state
        .banks
        .get(&credential.bank_id)
        .ok_or_else(|| bank_refused(&BankError::Unavailable))?;
    let credentials = stored_credentials(state, credential)?;
    let prompt = bank
        .request_sca(&credentials)
        .await
        .map_err(|e| bank_refused(&e))?;
    let flow = token::generate();
    db::link_flows::insert(
        &state.db,
        &flow.hash,
        active.link.id,
        &credential.bank_id,
        &state.master_key.encrypt(
            purpose::FLOW_CREDENTIALS,
            &serde_json::to_vec(&credentials.0).map_err(anyhow::Error::from)?,
        ),
        &serde_json::to_string(&params).map_err(anyhow::Error::from)?,
        Utc::now() + link_flow::FLOW_LIFETIME,
        Some(pending.token.id),
    )
    .await?;
    let bank_row = db::banks::find(&state.db, &credential.bank_id)
        .await?
        .ok_or_else(link_flow::invalid_link)?;
    Ok(ReauthResponse::Sca {
        flow: flow.secret,
        prompt,
        bank: crate::routes::banks::bank_response(state, bank_row),
    })
}

fn bank_refused(err: &BankError) -> AppError {
    match err {
        BankError::InvalidSca => AppError::Client {
            status: axum::http::StatusCode::CONFLICT,
            code: flow_codes::INVALID_SCA,
            message: "The bank refused to send a code. Try again in a few minutes.".into(),
        },
        BankError::Unavailable => AppError::Client {
            status: axum::http::StatusCode::SERVICE_UNAVAILABLE,
            code: flow_codes::INTERNAL_ERROR,
            message: "The bank is not available right now. Try again in a few minutes.".into(),
        },
        BankError::InvalidCredentials | BankError::Blocked => AppError::Client {
            status: axum::http::StatusCode::CONFLICT,
            code: flow_codes::INVALID_CREDENTIALS,
            message: "The bank no longer accepts this login. Ask for a new link.".into(),
        },
    }
}

/// The bank accepted the re-authorisation: spend the token, update the
/// credential, and hand back a code for the **same** credentials_token
/// (with this URL's extras).
pub async fn finish(
    state: &AppState,
    active: &ActiveLink,
    bank: &dyn BankConnector,
    credentials: &Credentials,
    params: &Params,
    pending: &Pending,
    security_checks: Option<std::time::Duration>,
) -> Result<ConnectResponse, AppError> {
    let credential = &pending.credential;
    let kind = pending.token.kind.as_str();
    if kind == kind::RESET {
        // A reset renews the password of this login, not another one.
        let fingerprint = link_flow::login_fingerprint(state, active, bank, credentials);
        if fingerprint != credential.identity_fingerprint {
            return Ok(link_flow::failure(
                &active.link,
                params,
                flow_codes::INVALID_CREDENTIALS,
                "These are not the bank credentials of this connection.",
            ));
        }
    }
    let txn = db::begin_write(&state.db).await?;
    if !db::credential_tokens::consume(&txn, pending.token.id).await? {
        return Ok(ConnectResponse::Failed {
            code: flow_codes::INVALID_LINK.into(),
            message: "This link has already been used or has expired. Ask for a new one.".into(),
            redirect_url: None,
        });
    }
    let today = Utc::now().date_naive();
    // Extract again now; an extraction already running loses its lease
    // (it started before this re-authorisation and is discarded).
    let mut changes = db::entities::credential::ActiveModel {
        next_extraction_at: Set(Some(Utc::now())),
        extraction_attempts: Set(0),
        last_error: Set(None),
        lease_id: Set(None),
        lease_until: Set(None),
        ..Default::default()
    };
    if kind == kind::RESET {
        changes.secrets_encrypted = Set(state.master_key.encrypt(
            purpose::BANK_CREDENTIALS,
            &serde_json::to_vec(&credentials.0).map_err(anyhow::Error::from)?,
        ));
    }
    if kind == kind::TRANSACTION {
        changes.extract_from = Set(Some(older_start(credential.history_from, today)));
    }
    db::credentials::update(&txn, credential.id, changes).await?;
    // The SCA (or new log-in) the bank just accepted renews its consent.
    let resolved: &[&str] = if kind == kind::RESET {
        &[status::BLOCKED, status::SCA_REQUIRED]
    } else {
        &[status::SCA_REQUIRED]
    };
    let next = if credential.last_extracted_at.is_some() {
        status::READY
    } else {
        status::PROCESSING
    };
    db::credentials::set_status_if(&txn, credential.id, resolved, next).await?;
    if kind == kind::RESET {
        db::credential_tokens::revoke_live(&txn, credential.id, kind::SCA).await?;
    }
    let code =
        link_flow::issue_code(&txn, state, active, credential.id, params, security_checks).await?;
    txn.commit().await?;
    tracing::info!(app = %active.app.id, credential = %credential.id, kind, "credential re-authorised");
    Ok(link_flow::redirect(active, &code))
}

/// Where a `transaction_token` makes the next extraction start: 90 days
/// before the history extracted so far.
pub fn older_start(history_from: Option<NaiveDate>, today: NaiveDate) -> NaiveDate {
    let from = history_from.unwrap_or(today - Duration::days(FIRST_HISTORY_DAYS - 1));
    from - HISTORY_STEP
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_transaction_token_reaches_90_days_further_back() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        let first = older_start(None, today);
        assert_eq!(first, NaiveDate::from_ymd_opt(2026, 5, 29).unwrap());
        assert_eq!((today - first).num_days(), 89 + 90);
        assert_eq!(older_start(Some(first), today), first - Duration::days(90));
    }
}
