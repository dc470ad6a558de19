//! The HTTP surface: each module owns its `router()`; this one assembles them.

pub mod apps;
pub mod auth;
pub mod banks;
pub mod credentials;
pub mod custom_css;
pub mod frontend;
pub mod health;
pub mod v0;
pub mod widget;

use axum::Router;
use axum::extract::OriginalUri;
use axum::http::StatusCode;
use bankport_shared::error::codes;

use crate::error::AppError;
use crate::state::AppState;

/// Largest request body the dashboard API accepts (custom CSS is the largest).
const API_BODY_LIMIT: usize = 256 * 1024;

/// The whole application router, before cross-cutting layers.
pub fn router(state: AppState) -> Router {
    let api = Router::new()
        .merge(banks::api_router())
        .merge(auth::api_router())
        .merge(apps::api_router())
        .merge(widget::api_router())
        .merge(credentials::api_router())
        .merge(custom_css::api_router())
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
        // The dashboard's API is cookie-authenticated: refuse cross-site writes.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::csrf::guard,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(API_BODY_LIMIT));
    // An unknown path under `/v0` must answer JSON, never the dashboard's HTML.
    let v0 = v0::router()
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed);

    Router::new()
        .merge(health::router())
        .nest("/api", api)
        .nest("/v0", v0)
        .merge(custom_css::themes_router())
        .merge(frontend::router(&state.config.dist_dir))
        .with_state(state)
}

// `OriginalUri`: inside a nested router the plain URI lacks the prefix.
async fn no_route(OriginalUri(uri): OriginalUri) -> AppError {
    AppError::no_route(uri.path())
}

async fn method_not_allowed(OriginalUri(uri): OriginalUri) -> AppError {
    AppError::Client {
        status: StatusCode::METHOD_NOT_ALLOWED,
        code: codes::METHOD_NOT_ALLOWED,
        message: format!("{} does not accept this method", uri.path()),
    }
}
