//! Finishes the security checks of delayed codes (`delayed=true`): once a
//! code's checks are due, it becomes exchangeable for [`CODE_VALIDITY`].

use std::time::Duration;

use sea_orm::DatabaseConnection;

use crate::db;
use crate::domain::link_flow::CODE_VALIDITY;

const POLL: Duration = Duration::from_secs(1);

/// Runs forever; spawn it next to the server.
pub async fn run(db: DatabaseConnection) {
    loop {
        match db::link_codes::due_checks(&db, 100).await {
            Ok(ids) => {
                for id in ids {
                    match db::link_codes::mark_ready(&db, id, CODE_VALIDITY).await {
                        Ok(true) => {
                            tracing::info!(code = %id, "security checks finished; code ready")
                        }
                        Ok(false) => {} // another instance got there first
                        Err(e) => {
                            tracing::warn!(code = %id, error = %e, "cannot finish security checks")
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "delayed checks: cannot look for due codes"),
        }
        tokio::time::sleep(POLL).await;
    }
}
