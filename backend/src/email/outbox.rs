//! The outbox worker: sends what request handlers committed to
//! `outbox_emails`, after the fact, so a slow or failing SMTP server never
//! fails or slows a request, and nothing is lost while it is down.
//!
//! Every instance runs a worker; claims are conditional updates with a lease,
//! so each email is sent by one instance, and an instance that dies mid-send
//! only delays it until the lease runs out. Delivery is at-least-once.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{Duration, Utc};
use tokio::sync::Notify;

use super::Mailer;
use crate::db;
use sea_orm::DatabaseConnection;

/// How often the worker looks for due email when nobody wakes it.
const POLL: StdDuration = StdDuration::from_secs(2);
/// How long a claim protects an email from other instances.
const LEASE: Duration = Duration::seconds(60);
const BATCH: u64 = 10;

/// Delay before the next try after `attempts` failures: 1 s, 2 s, 4 s, … 1 h.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 13) - 1;
    Duration::seconds((1i64 << exp).min(3600))
}

/// Runs forever; spawn it next to the server.
pub async fn run(db: DatabaseConnection, mailer: Mailer, wake: Arc<Notify>) {
    loop {
        match db::outbox::claim_due(&db, BATCH, LEASE).await {
            Ok(batch) => {
                let was_full = batch.len() as u64 == BATCH;
                for email in batch {
                    deliver(&db, &mailer, email).await;
                }
                if was_full {
                    continue;
                }
            }
            Err(e) => tracing::warn!(error = %e, "outbox: cannot claim emails"),
        }
        // Wake early when a request just committed an email.
        let _ = tokio::time::timeout(POLL, wake.notified()).await;
    }
}

async fn deliver(db: &DatabaseConnection, mailer: &Mailer, email: db::outbox::OutgoingEmail) {
    let result = mailer.send(&email).await;
    let outcome = match result {
        Ok(()) => {
            tracing::info!(id = %email.id, subject = %email.subject, "email sent");
            db::outbox::mark_sent(db, email.id).await
        }
        Err(e) => {
            let attempts = email.attempts + 1;
            let next = Utc::now() + backoff(attempts);
            tracing::warn!(id = %email.id, attempts, error = %format!("{e:#}"), retry_at = %next, "email not sent; will retry");
            db::outbox::mark_failed(db, email.id, next, &format!("{e:#}")).await
        }
    };
    if let Err(e) = outcome {
        tracing::error!(id = %email.id, error = %e, "outbox: cannot record the delivery outcome");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_second_up_to_an_hour() {
        assert_eq!(backoff(1), Duration::seconds(1));
        assert_eq!(backoff(2), Duration::seconds(2));
        assert_eq!(backoff(5), Duration::seconds(16));
        assert_eq!(backoff(50), Duration::seconds(3600));
    }
}
