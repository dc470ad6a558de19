//! The Flanks-compatible public API under `/v0`: the same paths, methods,
//! field names and status codes as Flanks, with Bankport's one error body.

pub mod credentials;
pub mod data;
pub mod links;
pub mod platform;
pub mod token;

use axum::Router;

use crate::state::AppState;

/// Routes under `/v0` (paths relative to it).
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(super::banks::v0_router())
        .merge(token::router())
        .merge(links::router())
        .merge(platform::router())
        .merge(credentials::router())
        .merge(data::router())
}
