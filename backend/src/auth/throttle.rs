//! Login (and bank log-in) throttling, stored in the database so it holds across instances.
//!
//! Three counters per attempt, each with its own threshold, so that guessing
//! is slowed everywhere while a real user is never locked out for long:
//! - the (email, address) pair: after 5 failures in 15 minutes, locks that
//!   pair for 15 s, doubling per further failure, at most 15 minutes;
//! - the address: after 30 failures, the same schedule (password spraying);
//! - the email from anywhere: after 50 failures, locks for 1 minute at most,
//!   which slows a distributed attack without denying the owner for long.
//!
//! Locks always expire; a successful login clears its pair's counter.

use std::net::IpAddr;

use chrono::{Duration, Utc};

use crate::db;
use crate::error::AppError;
use crate::state::AppState;

const WINDOW: Duration = Duration::minutes(15);

struct Rule {
    key: String,
    threshold: i32,
    base: Duration,
    cap: Duration,
}

fn rules(email: &str, ip: IpAddr) -> [Rule; 3] {
    // Same identity as the account lookup: the whole address, lower-cased,
    // so changing the case of an email does not start fresh counters.
    let email = email.to_lowercase();
    [
        Rule {
            key: format!("pair:{ip}:{email}"),
            threshold: 5,
            base: Duration::seconds(15),
            cap: Duration::minutes(15),
        },
        Rule {
            key: format!("ip:{ip}"),
            threshold: 30,
            base: Duration::seconds(15),
            cap: Duration::minutes(15),
        },
        Rule {
            key: format!("account:{email}"),
            threshold: 50,
            base: Duration::seconds(15),
            cap: Duration::minutes(1),
        },
    ]
}

/// How long a key is locked after `failures` failures under `rule`.
fn lock_for(rule: &Rule, failures: i32) -> Option<Duration> {
    let over = failures - rule.threshold;
    if over < 0 {
        return None;
    }
    let factor = 1i64 << over.min(20);
    Some((rule.base * factor as i32).min(rule.cap))
}

/// Refuses the attempt while any of its keys is locked.
pub async fn check(state: &AppState, email: &str, ip: IpAddr) -> Result<(), AppError> {
    let keys: Vec<String> = rules(email, ip).into_iter().map(|r| r.key).collect();
    check_keys(state, &keys).await
}

/// Counts a failed attempt and locks keys that crossed their threshold.
pub async fn record_failure(state: &AppState, email: &str, ip: IpAddr) -> Result<(), AppError> {
    record(state, rules(email, ip), "login").await
}

/// Clears the pair counter after a successful login.
pub async fn record_success(state: &AppState, email: &str, ip: IpAddr) -> Result<(), AppError> {
    let [pair, ..] = rules(email, ip);
    db::throttles::clear(&state.db, &pair.key).await?;
    Ok(())
}

/// Bank log-ins and SCA codes through one link: a public link token must
/// not let anyone try bank passwords without limit. Failures count per
/// (link, address) — 10 in 15 minutes, then 15 s doubling to 15 minutes —
/// and per link from anywhere — 100, then at most a minute, so a widely
/// shared link slows an attack without shutting out its real users.
fn link_rules(link_id: uuid::Uuid, ip: IpAddr) -> [Rule; 2] {
    [
        Rule {
            key: format!("link-pair:{link_id}:{ip}"),
            threshold: 10,
            base: Duration::seconds(15),
            cap: Duration::minutes(15),
        },
        Rule {
            key: format!("link:{link_id}"),
            threshold: 100,
            base: Duration::seconds(15),
            cap: Duration::minutes(1),
        },
    ]
}

async fn check_keys(state: &AppState, keys: &[String]) -> Result<(), AppError> {
    let now = Utc::now();
    if let Some(until) = db::throttles::locked_until(&state.db, keys, now).await? {
        let secs = (until - now).num_seconds().max(1) as u64;
        return Err(AppError::TooManyAttempts {
            retry_after_secs: secs,
        });
    }
    Ok(())
}

async fn record(
    state: &AppState,
    rules: impl IntoIterator<Item = Rule>,
    what: &str,
) -> Result<(), AppError> {
    let now = Utc::now();
    for rule in rules {
        let failures =
            db::throttles::record_failure(&state.db, &rule.key, now, now - WINDOW).await?;
        if let Some(duration) = lock_for(&rule, failures) {
            tracing::warn!(
                kind = rule.key.split(':').next().unwrap_or_default(),
                failures,
                "{what} throttled"
            );
            db::throttles::lock(&state.db, &rule.key, now + duration).await?;
        }
    }
    Ok(())
}

/// Refuses a bank log-in or SCA answer through this link while locked.
pub async fn check_link(state: &AppState, link_id: uuid::Uuid, ip: IpAddr) -> Result<(), AppError> {
    let keys: Vec<String> = link_rules(link_id, ip).into_iter().map(|r| r.key).collect();
    check_keys(state, &keys).await
}

/// Counts a bank log-in or SCA code the bank refused.
pub async fn record_link_failure(
    state: &AppState,
    link_id: uuid::Uuid,
    ip: IpAddr,
) -> Result<(), AppError> {
    record(state, link_rules(link_id, ip), "bank log-in").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_start_at_the_threshold_double_and_cap() {
        let [pair, _, account] = rules("a@b.co", "127.0.0.1".parse().unwrap());
        assert_eq!(lock_for(&pair, 4), None);
        assert_eq!(lock_for(&pair, 5), Some(Duration::seconds(15)));
        assert_eq!(lock_for(&pair, 6), Some(Duration::seconds(30)));
        assert_eq!(lock_for(&pair, 100), Some(Duration::minutes(15)));
        assert_eq!(lock_for(&account, 49), None);
        assert_eq!(lock_for(&account, 60), Some(Duration::minutes(1)));
    }
}
