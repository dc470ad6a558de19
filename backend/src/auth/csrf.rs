//! Refuses cross-site state-changing requests to the dashboard API.
//!
//! Session cookies are `SameSite=Lax`, which already keeps them off most
//! cross-site requests; on top of that, a state-changing request must come
//! from our own origin (checked with `Sec-Fetch-Site`, or `Origin` for
//! browsers that lack it) and carry a JSON body, which a cross-site form or
//! `fetch` cannot send without a CORS preflight we never grant.

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bankport_shared::error::codes;

use crate::error::AppError;
use crate::state::AppState;

pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());

    let cross_site = match header("sec-fetch-site") {
        Some(site) => !matches!(site, "same-origin" | "none"),
        None => header("origin")
            .is_some_and(|origin| origin != state.base_url.origin().ascii_serialization()),
    };
    if cross_site {
        return AppError::Client {
            status: StatusCode::FORBIDDEN,
            code: codes::CROSS_SITE_REQUEST,
            message: "Cross-site requests are not allowed.".into(),
        }
        .into_response();
    }

    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return AppError::Client {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: codes::UNSUPPORTED_MEDIA_TYPE,
            message: "Send the body as JSON with `Content-Type: application/json`.".into(),
        }
        .into_response();
    }
    next.run(request).await
}
