//! One extraction of one credential: read the bank through its connector,
//! store the data (deduplicated, with stable ids), and move the
//! credential's state on (ready, needs SCA, blocked, retry later).
//!
//! The caller holds the credential's lease ([`crate::db::credentials::claim_due`]);
//! every write is conditional on it, so an instance that lost its lease
//! (it stalled past it and another took over) changes nothing.

use std::collections::BTreeMap;
use std::time::Instant;

use bankport_shared::data::products as p;
use bankport_shared::v0::credential_status as status;
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use serde::Serialize;
use uuid::Uuid;

use super::products::{self, Spec};
use super::reauth;
use crate::bank::connector::{BankError, Consent, Extraction, ExtractionRequest, Product};
use crate::db::{self, credentials::Credential, entities::credential};
use crate::error::AppError;
use crate::state::AppState;

/// How long one extraction may take before it counts as failed.
pub const EXTRACTION_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);
/// How long a claim lasts; longer than any extraction.
pub const LEASE: Duration = Duration::minutes(5);
/// A refresh re-reads this many days before the last extraction, so
/// transactions the bank books late are not missed (ids keep them unique).
const REFRESH_OVERLAP_DAYS: i64 = 7;

/// The delay before retry `attempt` (1-based) after a bank error:
/// 30 s doubling up to 6 h.
pub fn backoff(attempt: i32) -> Duration {
    let exponent = u32::try_from(attempt.clamp(1, 20) - 1).unwrap_or(0);
    let secs = 30i64.saturating_mul(2i64.saturating_pow(exponent));
    Duration::seconds(secs.min(6 * 3600))
}

/// The days an extraction asks for.
pub fn window(c: &Credential, today: NaiveDate) -> ExtractionRequest {
    let first_from = today - Duration::days(reauth::FIRST_HISTORY_DAYS - 1);
    let from = match (c.extract_from, c.last_extracted_at) {
        (Some(from), _) => from,
        (None, None) => first_from,
        (None, Some(last)) => {
            let overlap = last.date_naive() - Duration::days(REFRESH_OVERLAP_DAYS);
            overlap.max(c.history_from.unwrap_or(first_from))
        }
    };
    ExtractionRequest {
        from: from.min(today),
        to: today,
        first: c.last_extracted_at.is_none(),
    }
}

/// Runs one extraction of a credential claimed with `lease_id`.
pub async fn run(state: &AppState, c: Credential, lease_id: Uuid) -> Result<(), AppError> {
    let request = window(&c, Utc::now().date_naive());
    let Some(bank) = state.banks.get(&c.bank_id) else {
        tracing::warn!(credential = %c.id, bank = %c.bank_id, "no connector for this bank");
        return retry_later(state, &c, lease_id, "no connector for this bank").await;
    };
    let credentials = reauth::stored_credentials(state, &c)?;
    let started = Instant::now();
    let outcome =
        tokio::time::timeout(EXTRACTION_TIMEOUT, bank.extract(&credentials, &request)).await;
    let elapsed = started.elapsed().as_secs_f64();
    match outcome {
        Err(_) => retry_later(state, &c, lease_id, "the bank did not answer in time").await,
        Ok(Err(BankError::Unavailable)) => {
            retry_later(state, &c, lease_id, "the bank is unavailable").await
        }
        Ok(Err(BankError::Blocked | BankError::InvalidCredentials)) => {
            needs_user(state, &c, lease_id, status::BLOCKED).await
        }
        Ok(Err(BankError::InvalidSca)) => {
            needs_user(state, &c, lease_id, status::SCA_REQUIRED).await
        }
        Ok(Ok(extraction)) => {
            match save(state, &c, lease_id, &request, extraction, elapsed).await {
                Ok(()) => Ok(()),
                Err(e) => {
                    tracing::warn!(credential = %c.id, error = %format!("{e:#}"), "cannot store an extraction");
                    retry_later(state, &c, lease_id, "the extraction could not be stored").await
                }
            }
        }
    }
}

async fn retry_later(
    state: &AppState,
    c: &Credential,
    lease_id: Uuid,
    reason: &str,
) -> Result<(), AppError> {
    let attempt = c.extraction_attempts.saturating_add(1);
    let delay = backoff(attempt);
    db::credentials::update_leased(
        &state.db,
        c.id,
        lease_id,
        credential::ActiveModel {
            extraction_attempts: Set(attempt),
            next_extraction_at: Set(Some(Utc::now() + delay)),
            last_error: Set(Some(reason.to_owned())),
            ..Default::default()
        },
    )
    .await?;
    tracing::warn!(credential = %c.id, attempt, retry_in_secs = delay.num_seconds(), reason, "extraction failed; will retry");
    Ok(())
}

/// The bank wants the end user (SCA or a new log-in) before any extraction.
async fn needs_user(
    state: &AppState,
    c: &Credential,
    lease_id: Uuid,
    next: &str,
) -> Result<(), AppError> {
    let txn = db::begin_write(&state.db).await?;
    let held = db::credentials::update_leased(
        &txn,
        c.id,
        lease_id,
        credential::ActiveModel {
            next_extraction_at: Set(None),
            extraction_attempts: Set(0),
            last_error: Set(Some(format!("the bank needs the end user ({next})"))),
            ..Default::default()
        },
    )
    .await?;
    if held {
        db::credentials::set_status_if(&txn, c.id, &[status::PROCESSING, status::READY], next)
            .await?;
    }
    txn.commit().await?;
    tracing::info!(credential = %c.id, status = next, "extraction needs the end user");
    Ok(())
}

/// A product's records as JSON values (or its error).
fn values<T: Serialize>(product: &Product<T>) -> Result<Vec<serde_json::Value>, BankError> {
    match product {
        Ok(records) => Ok(records
            .iter()
            .filter_map(|r| serde_json::to_value(r).ok())
            .collect()),
        Err(e) => Err(*e),
    }
}

fn by_product(e: &Extraction) -> Vec<(&'static str, Result<Vec<serde_json::Value>, BankError>)> {
    vec![
        (p::ACCOUNT, values(&e.accounts)),
        (p::DATA, values(&e.transactions)),
        (p::CARD, values(&e.cards)),
        (p::CARD_TRANSACTION, values(&e.card_transactions)),
        (p::PORTFOLIO, values(&e.portfolios)),
        (p::INVESTMENT, values(&e.investments)),
        (
            p::INVESTMENT_TRANSACTION,
            values(&e.investment_transactions),
        ),
        (p::LIABILITY, values(&e.liabilities)),
        (p::LIABILITY_TRANSACTION, values(&e.liability_transactions)),
        (p::AUTH, values(&e.identities)),
        (p::HOLDER, values(&e.holders)),
    ]
}

/// Stores one product's records; false when they could not be used.
async fn store_product(
    txn: &impl sea_orm::ConnectionTrait,
    credential_id: Uuid,
    spec: &Spec,
    records: Vec<serde_json::Value>,
) -> Result<bool, AppError> {
    // A bank that repeats a record in one answer: keep its last copy.
    let mut seen = std::collections::HashSet::new();
    let mut records: Vec<serde_json::Value> = records
        .into_iter()
        .rev()
        .filter(|r| {
            r.get("_id")
                .and_then(|id| id.as_str())
                .is_none_or(|id| seen.insert(id.to_owned()))
        })
        .collect();
    records.reverse();
    if spec.transactions {
        let mut rows = Vec::with_capacity(records.len());
        for mut record in records {
            let date = record
                .get("operationDate")
                .and_then(|d| d.as_str())
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            let (Some(date), Some((id, Some(parent_id)))) =
                (date, products::normalise(credential_id, spec, &mut record))
            else {
                return Ok(false);
            };
            rows.push(db::data::NewTransaction {
                id,
                parent_id,
                operation_date: date,
                data: record.to_string(),
            });
        }
        db::data::upsert_transactions(txn, credential_id, spec.name, rows).await?;
    } else {
        let mut rows = Vec::with_capacity(records.len());
        for mut record in records {
            let Some((id, parent_id)) = products::normalise(credential_id, spec, &mut record)
            else {
                return Ok(false);
            };
            rows.push(db::data::NewRecord {
                id,
                parent_id,
                data: record.to_string(),
            });
        }
        db::data::replace_records(txn, credential_id, spec.name, rows).await?;
    }
    Ok(true)
}

async fn save(
    state: &AppState,
    c: &Credential,
    lease_id: Uuid,
    request: &ExtractionRequest,
    extraction: Extraction,
    elapsed_secs: f64,
) -> Result<(), AppError> {
    let mut created = products::flags(&c.products_created);
    let mut errored = BTreeMap::new();
    let txn = db::begin_write(&state.db).await?;
    for (name, result) in by_product(&extraction) {
        let spec = products::spec_of(name).expect("every product has a spec");
        let ok = match result {
            Ok(records) => store_product(&txn, c.id, spec, records).await?,
            Err(_) => false,
        };
        errored.insert(name.to_owned(), !ok);
        if ok {
            created.insert(name.to_owned(), true);
        } else {
            created.entry(name.to_owned()).or_insert(false);
        }
    }
    let history_from = if errored.get(p::DATA) == Some(&false) {
        Some(c.history_from.map_or(request.from, |h| h.min(request.from)))
    } else {
        c.history_from
    };
    let next_extraction_at = match extraction.consent {
        Consent::Valid => Some(Utc::now() + state.config.refresh_interval),
        Consent::NeedsSca | Consent::Blocked => None,
    };
    let held = db::credentials::update_leased(
        &txn,
        c.id,
        lease_id,
        credential::ActiveModel {
            last_extracted_at: Set(Some(Utc::now())),
            last_extraction_secs: Set(Some(elapsed_secs)),
            extraction_attempts: Set(0),
            extract_from: Set(None),
            next_extraction_at: Set(next_extraction_at),
            history_from: Set(history_from),
            older_history_from: Set(extraction.older_history_from),
            products_created: Set(serde_json::to_string(&created).map_err(anyhow::Error::from)?),
            products_errored: Set(serde_json::to_string(&errored).map_err(anyhow::Error::from)?),
            last_error: Set(None),
            ..Default::default()
        },
    )
    .await?;
    if !held {
        // Another instance took the credential over; its extraction wins.
        txn.rollback().await?;
        tracing::warn!(credential = %c.id, "lease lost during extraction; discarded");
        return Ok(());
    }
    let next = match extraction.consent {
        Consent::Valid => status::READY,
        Consent::NeedsSca => status::SCA_REQUIRED,
        Consent::Blocked => status::BLOCKED,
    };
    let from: &[&str] = if next == status::READY {
        &[status::PROCESSING]
    } else {
        &[status::PROCESSING, status::READY]
    };
    db::credentials::set_status_if(&txn, c.id, from, next).await?;
    txn.commit().await?;
    let failed: Vec<&String> = errored
        .iter()
        .filter(|(_, e)| **e)
        .map(|(k, _)| k)
        .collect();
    tracing::info!(credential = %c.id, from = %request.from, to = %request.to, secs = elapsed_secs, ?failed, status = next, "extraction finished");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_30_seconds_up_to_6_hours() {
        assert_eq!(backoff(1).num_seconds(), 30);
        assert_eq!(backoff(2).num_seconds(), 60);
        assert_eq!(backoff(5).num_seconds(), 480);
        assert_eq!(backoff(30).num_seconds(), 6 * 3600);
        assert_eq!(backoff(0).num_seconds(), 30);
    }
}
