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
use base64::Engine;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower::service_fn;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

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

    let csp = widget_csp(&std::fs::read_to_string(widget.join("index.html")).unwrap_or_default());
    let widget_index = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .service(ServeFile::new(widget.join("index.html")));
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

/// The widget page's Content-Security-Policy. End users type their bank
/// password on this page and integrators restyle it, so even a stylesheet
/// that slipped past validation could fetch nothing, from anywhere else:
/// only same-origin scripts (plus Trunk's inline bootstrap, by hash) and
/// the WASM they instantiate, same-origin styles, images, fonts and calls.
pub fn widget_csp(index_html: &str) -> HeaderValue {
    let hashes: String = inline_scripts(index_html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(
                " 'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
         base-uri 'none'; object-src 'none'"
    );
    HeaderValue::from_str(&policy).expect("a CSP is visible ASCII")
}

/// The bodies of the inline `<script>` elements (those without `src`).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<script").filter_map(move |(start, _)| {
        let rest = &html[start..];
        let open_end = rest.find('>')?;
        if rest[..open_end].contains("src=") {
            return None;
        }
        let body = &rest[open_end + 1..];
        Some(&body[..body.find("</script>")?])
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widget_csp_allows_exactly_the_inline_bootstrap_by_hash() {
        let html = "<head><script type=\"module\">import init from '/w.js';</script>\
                    <script src=\"/x.js\"></script></head>";
        let csp = widget_csp(html);
        let csp = csp.to_str().unwrap();
        let digest = Sha256::digest(b"import init from '/w.js';");
        let expected = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        for directive in [
            "style-src 'self';",
            "img-src 'self' data:;",
            "font-src 'self';",
            "connect-src 'self';",
            "form-action 'self';",
            "base-uri 'none';",
            "object-src 'none'",
            "'wasm-unsafe-eval'",
        ] {
            assert!(csp.contains(directive), "{directive} missing from {csp}");
        }
        assert!(!csp.contains("unsafe-inline"));
    }
}
