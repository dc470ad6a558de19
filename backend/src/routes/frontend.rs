//! Serves the built frontend: the dashboard at `/` (any unknown page path
//! falls back to its `index.html`, the single-page app routes it), and the
//! link widget at `/link`, with its assets under `/widget/`.
//!
//! Trunk names assets by content hash, so they are cached for a year;
//! `index.html` files are revalidated on every load so a deploy shows at once.

use std::convert::Infallible;
use std::path::{Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::map_response;
use axum::response::{IntoResponse, Response};
use bankport_shared::paths;
use tower::ServiceExt;
use tower::service_fn;
use tower_http::services::{ServeDir, ServeFile};

use crate::state::AppState;

pub fn router(dist: &Path) -> Router<AppState> {
    let dashboard = dist.join("dashboard");
    let widget = dist.join("widget");
    if !dashboard.join("index.html").is_file() || !widget.join("index.html").is_file() {
        tracing::warn!(
            dist = %dist.display(),
            "the frontend is not built here: pages will answer 404 (run `cargo xtask run`, or set BANKPORT_DIST_DIR)"
        );
    }

    let widget_index = ServeFile::new(widget.join("index.html"));
    let dashboard_index = dashboard.join("index.html");
    let spa_fallback =
        service_fn(move |request: Request| spa_page(dashboard_index.clone(), request));

    Router::new()
        .route_service(paths::LINK, widget_index.clone())
        .route_service("/link/", widget_index)
        .nest_service("/widget", ServeDir::new(widget))
        .fallback_service(ServeDir::new(dashboard).fallback(spa_fallback))
        .layer(map_response(cache_headers))
}

/// A page path (no file extension) gets the dashboard; a missing file gets 404.
async fn spa_page(index: PathBuf, request: Request) -> Result<Response, Infallible> {
    let last_segment = request.uri().path().rsplit('/').next().unwrap_or_default();
    if last_segment.contains('.') {
        return Ok((StatusCode::NOT_FOUND, "Not found").into_response());
    }
    let response = ServeFile::new(index).oneshot(request).await?;
    Ok(response.map(Body::new))
}

async fn cache_headers(mut response: Response) -> Response {
    if response.status() == StatusCode::OK {
        let is_html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let policy = if is_html {
            "no-cache"
        } else {
            "public, max-age=31536000, immutable"
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}
