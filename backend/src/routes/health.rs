//! Liveness and readiness probes for load balancers and orchestrators.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use bankport_shared::paths;
use serde_json::{Value, json};

use crate::error::AppError;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::HEALTHZ, get(healthz))
        .route(paths::READYZ, get(readyz))
}

/// The process is up and serving HTTP; says nothing about dependencies, so a
/// database outage does not make an orchestrator restart healthy processes.
async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Ready to serve traffic: the database answers.
async fn readyz(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    state.db.ping().await.map_err(|e| {
        AppError::Unavailable(anyhow::Error::new(e).context("database ping failed"))
    })?;
    Ok(Json(json!({ "status": "ready" })))
}
