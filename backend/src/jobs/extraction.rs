//! Extracts credentials whose extraction is due: the first one right after
//! the link succeeds, then a refresh every `BANKPORT_REFRESH_INTERVAL_SECS`,
//! with backoff after bank errors. Each instance claims one credential at a
//! time under a lease, so two instances never extract the same credential.

use std::time::Duration;

use uuid::Uuid;

use crate::db;
use crate::domain::extraction;
use crate::state::AppState;

/// How often an idle worker looks for due work.
const POLL: Duration = Duration::from_secs(1);

/// Runs forever; spawn it next to the server.
pub async fn run(state: AppState) {
    loop {
        match tick(&state).await {
            Ok(true) => {} // there may be more due: look again at once
            Ok(false) => tokio::time::sleep(POLL).await,
            Err(e) => {
                tracing::warn!(error = %e, "extraction worker: cannot claim work");
                tokio::time::sleep(POLL).await;
            }
        }
    }
}

/// Claims and extracts one due credential; false when none was due.
pub async fn tick(state: &AppState) -> Result<bool, sea_orm::DbErr> {
    let lease_id = Uuid::new_v4();
    let Some(credential) =
        db::credentials::claim_due(&state.db, lease_id, extraction::LEASE).await?
    else {
        return Ok(false);
    };
    let id = credential.id;
    if let Err(e) = extraction::run(state, credential, lease_id).await {
        // The lease runs out and the credential is tried again then.
        tracing::warn!(credential = %id, error = %format!("{e:#}"), "extraction failed");
    }
    Ok(true)
}
