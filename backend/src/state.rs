//! What every handler can reach. Deliberately no in-memory business state:
//! several instances share one database, and any of them may serve a request.

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::sync::Notify;
use url::Url;

use crate::bank::Registry;
use crate::config::Config;
use crate::crypto::MasterKey;
use crate::email::Mailer;

/// Shared, cheaply cloned application state.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    /// The public URL, as configured or derived from the bound address.
    pub base_url: Arc<Url>,
    pub config: Arc<Config>,
    pub mailer: Mailer,
    /// Wakes this instance's outbox worker right after a request commits email.
    pub outbox_wake: Arc<Notify>,
    /// Encrypts bank credentials, credentials tokens and codes at rest.
    pub master_key: MasterKey,
    /// Every bank's connector.
    pub banks: Registry,
}

impl AppState {
    /// An absolute public URL for `path` (which starts with `/`).
    pub fn public_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url.as_str().trim_end_matches('/'), path)
    }
}
