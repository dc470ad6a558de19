//! Serves the built frontend: the dashboard at `/` (any unknown page path
//! falls back to its `index.html`, the single-page app routes it), and the
//! link widget at `/link`, with its assets under `/widget/`.
//!
//! Trunk names assets by content hash, so they are cached for a year;
//! `index.html` files are revalidated on every load so a deploy shows at once.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::map_response;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use bankport_shared::paths;
use base64::Engine;
use sha2::{Digest, Sha256};
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

    // The page is served from memory: exactly the bytes its CSP hashes.
    let page = Arc::new(WidgetPage::read(&widget.join("index.html")));
    let widget_page = {
        let page = page.clone();
        get(move |state: State<AppState>, query: RawQuery| serve_widget(state, query, page.clone()))
    };
    let dashboard_index = dashboard.join("index.html");
    let spa_fallback =
        service_fn(move |request: Request| spa_page(dashboard_index.clone(), request));

    Router::new()
        .route(paths::LINK, widget_page.clone())
        .route("/link/", widget_page)
        .nest_service("/widget", widget_assets(widget))
        .fallback_service(ServeDir::new(dashboard).fallback(spa_fallback))
        .layer(map_response(cache_headers))
}

/// The widget's assets. Its page is only at `/link` (with its CSP), never
/// as `/widget/` or `/widget/index.html`.
fn widget_assets(
    dir: PathBuf,
) -> impl tower::Service<
    Request,
    Response = Response,
    Error = Infallible,
    Future = impl Future<Output = Result<Response, Infallible>> + Send,
> + Clone
+ Send
+ 'static {
    let files = ServeDir::new(dir).append_index_html_on_directories(false);
    service_fn(move |request: Request| {
        let files = files.clone();
        async move {
            let path = request.uri().path();
            if path == "/" || path.is_empty() || path.ends_with("/index.html") {
                return Ok((StatusCode::NOT_FOUND, "Not found").into_response());
            }
            Ok(files.oneshot(request).await?.map(Body::new))
        }
    })
}

/// The widget's `index.html` and the CSP that goes with it.
struct WidgetPage {
    /// None when the frontend is not built.
    html: Option<Bytes>,
    csp: String,
}

impl WidgetPage {
    fn read(path: &Path) -> Self {
        let html = std::fs::read(path).ok().map(Bytes::from);
        let csp = widget_csp(&String::from_utf8_lossy(
            html.as_deref().unwrap_or_default(),
        ));
        Self { html, csp }
    }
}

/// The widget page, with its CSP. Framing is allowed to the dashboard
/// itself (the Custom CSS preview) and, for a link, to the origins of its
/// app's redirect URIs — the integrator's own sites — and nowhere else.
async fn serve_widget(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    page: Arc<WidgetPage>,
) -> Response {
    let Some(html) = page.html.clone() else {
        return (StatusCode::NOT_FOUND, "Not found").into_response();
    };
    let token = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "token")
        .map(|(_, v)| v.into_owned());
    let ancestors = frame_ancestors(&state, token.as_deref()).await;
    let csp = format!("{}; frame-ancestors {ancestors}", page.csp);
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        )],
        html,
    )
        .into_response();
    let headers = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// `'self'` plus the web origins of the link's app's redirect URIs.
async fn frame_ancestors(state: &AppState, link_token: Option<&str>) -> String {
    let mut ancestors = vec!["'self'".to_owned()];
    let link = match link_token.filter(|t| !t.is_empty() && t.len() <= 64) {
        Some(token) => crate::db::links::find_by_token(&state.db, token)
            .await
            .ok()
            .flatten(),
        None => None,
    };
    if let Some(link) = link
        && let Ok(uris) = crate::db::redirect_uris::list_for_app(&state.db, link.app_id).await
    {
        for uri in uris {
            if let Ok(url) = url::Url::parse(&uri.uri)
                && matches!(url.scheme(), "https" | "http")
            {
                let origin = url.origin().ascii_serialization();
                if !ancestors.contains(&origin) {
                    ancestors.push(origin);
                }
            }
        }
    }
    ancestors.join(" ")
}

/// The widget page's Content-Security-Policy (without `frame-ancestors`,
/// which depends on the link). End users type their bank password on this
/// page and integrators restyle it, so even a stylesheet that slipped past
/// validation could fetch nothing, from anywhere else: only same-origin
/// scripts (plus Trunk's inline bootstrap, by hash) and the WASM they
/// instantiate, same-origin styles, images, fonts and calls.
fn widget_csp(index_html: &str) -> String {
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
    policy
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
