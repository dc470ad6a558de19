//! The HTTP surface: each module owns its `router()`; this one assembles them.

pub mod banks;
pub mod frontend;
pub mod health;

use axum::Router;
use axum::extract::OriginalUri;
use axum::http::StatusCode;
use bankport_shared::error::codes;

use crate::error::AppError;
use crate::state::AppState;

/// The whole application router, before cross-cutting layers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(banks::api_router())
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed);
    // `/v0` gains its routes with the JSON API issues; an unknown path there
    // must still answer JSON, never the dashboard's HTML.
    let v0 = Router::new()
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed);

    Router::new()
        .merge(health::router())
        .nest("/api", api)
        .nest("/v0", v0)
        .merge(frontend::router(&state.config.dist_dir))
        .with_state(state)
}

// `OriginalUri`: inside a nested router the plain URI lacks the prefix.
async fn no_route(OriginalUri(uri): OriginalUri) -> AppError {
    AppError::no_route(uri.path())
}

async fn method_not_allowed(OriginalUri(uri): OriginalUri) -> AppError {
    AppError::BadRequest {
        status: StatusCode::METHOD_NOT_ALLOWED,
        code: codes::METHOD_NOT_ALLOWED,
        message: format!("{} does not accept this method", uri.path()),
    }
}
