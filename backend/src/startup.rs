//! Building and running the application: connect, migrate, seed the bank
//! catalogue, bind, serve until SIGTERM or Ctrl-C.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::http::{HeaderValue, header};
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::config::{self, Config, Environment};
use crate::crypto::MasterKey;
use crate::email::{self, Mailer};
use crate::state::AppState;
use crate::{bank, db, jobs, routes, telemetry};

/// Why the server could not start. Each is one clear line for the operator.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot use the data folder {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to the database at {url}: {source}")]
    Connect { url: String, source: sea_orm::DbErr },
    #[error("cannot migrate the database at {url}: {source}")]
    Migrate { url: String, source: sea_orm::DbErr },
    #[error("cannot write the bank catalogue: {0}")]
    Seed(sea_orm::DbErr),
    #[error("{0}")]
    MasterKey(#[from] crate::crypto::KeyError),
    #[error(
        "BANKPORT_ENV is production but BANKPORT_MASTER_KEY is not set: bank credentials would be encrypted with a key nobody manages"
    )]
    MissingMasterKey,
    #[error("cannot set up email: {0:#}")]
    Mail(anyhow::Error),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A bound, ready-to-serve application.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

impl Application {
    /// Prepares everything that can fail, so `run` only serves.
    pub async fn build(config: Config) -> Result<Self, StartupError> {
        prepare_data_dir(&config)?;
        let master_key = match (&config.master_key, config.environment) {
            (Some(key), _) => key.clone(),
            (None, Environment::Production) => return Err(StartupError::MissingMasterKey),
            (None, Environment::Development) => MasterKey::load_or_create_dev(&config.data_dir)?,
        };
        let db = connect_and_migrate(&config).await?;
        db::banks::upsert_all(&db, bank::catalogue())
            .await
            .map_err(StartupError::Seed)?;

        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| StartupError::Bind {
                    addr: config.listen,
                    source,
                })?;
        let local = listener.local_addr().map_err(|source| StartupError::Bind {
            addr: config.listen,
            source,
        })?;
        let base_url = config
            .base_url
            .clone()
            .unwrap_or_else(|| config::base_url_for(local));
        let mailer = Mailer::new(
            config.smtp_url.as_ref().map(|u| u.expose()),
            config.sender(&base_url),
            &config.data_dir,
        )
        .map_err(StartupError::Mail)?;

        let config_sandbox_delay = config.sandbox_delay;
        let state = AppState {
            db,
            base_url: Arc::new(base_url),
            config: Arc::new(config),
            mailer,
            outbox_wake: Arc::new(Notify::new()),
            master_key,
            banks: bank::Registry::new(config_sandbox_delay),
        };
        let router = with_layers(routes::router(state.clone()));
        Ok(Self {
            listener,
            router,
            state,
        })
    }

    /// The port actually bound (useful when configured as 0).
    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|a| a.port())
            .unwrap_or_default()
    }

    /// The public base URL, without a trailing slash.
    pub fn base_url(&self) -> String {
        self.state
            .base_url
            .as_str()
            .trim_end_matches('/')
            .to_owned()
    }

    /// The database pool, for tests that need to inspect or age rows.
    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// Serves until the process receives SIGTERM or Ctrl-C, then lets
    /// in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let outbox = tokio::spawn(email::outbox::run(
            self.state.db.clone(),
            self.state.mailer.clone(),
            self.state.outbox_wake.clone(),
        ));
        let checks = tokio::spawn(jobs::delayed_checks::run(self.state.db.clone()));
        let extraction = tokio::spawn(jobs::extraction::run(self.state.clone()));
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await;
        // Unsent email stays in the outbox for the next start (or another instance).
        outbox.abort();
        checks.abort();
        // An extraction cut short keeps its lease until it runs out; then
        // any instance takes the credential again.
        extraction.abort();
        served
    }
}

/// Connects and applies migrations (the `migrate` subcommand stops here).
pub async fn connect_and_migrate(config: &Config) -> Result<DatabaseConnection, StartupError> {
    let url = config.database.to_string();
    let db = db::connect(&config.database)
        .await
        .map_err(|source| StartupError::Connect {
            url: url.clone(),
            source,
        })?;
    db::migrate(&db)
        .await
        .map_err(|source| StartupError::Migrate { url, source })?;
    Ok(db)
}

/// Creates the data folder and proves it is writable now, not at the first signup.
pub fn prepare_data_dir(config: &Config) -> Result<(), StartupError> {
    let dir = &config.data_dir;
    let err = |source| StartupError::DataDir {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(err)?;
    let probe = dir.join(".write-test");
    std::fs::write(&probe, b"ok").map_err(err)?;
    std::fs::remove_file(&probe).map_err(err)?;
    Ok(())
}

fn with_layers(router: Router) -> Router {
    router
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        // Link URLs carry tokens in their query; never leak them to other sites.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(axum::middleware::from_fn(telemetry::trace_requests))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
