//! Logging set-up and the per-request trace id.
//!
//! Every request gets a trace id (or keeps a sane `x-request-id` from a load
//! balancer). It is on every log line of that request through the `request`
//! span, in the `x-request-id` response header, and in every error body, so an
//! integrator's bug report leads straight to the server's log lines.
//! Only the path is logged, never the query: links carry tokens there.

use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;
use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// The header carrying the trace id in and out.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    static TRACE_ID: String;
}

/// The trace id of the request being served, if any.
pub fn current_trace_id() -> Option<String> {
    TRACE_ID.try_with(Clone::clone).ok()
}

/// Installs the global subscriber; `RUST_LOG` overrides the default filter.
/// Safe to call more than once (tests do): later calls change nothing.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn,sea_orm_migration=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = match format {
        LogFormat::Pretty => builder.try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
}

/// Middleware: assigns the trace id, wraps the request in a span carrying it,
/// and logs one line when the response is ready.
pub async fn trace_requests(request: Request, next: Next) -> Response {
    let trace_id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| is_acceptable_request_id(v))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());

    let span = tracing::info_span!(
        "request",
        trace_id = %trace_id,
        method = %request.method(),
        path = %request.uri().path(),
    );
    let started = Instant::now();
    let mut response = TRACE_ID
        .scope(trace_id.clone(), next.run(request))
        .instrument(span.clone())
        .await;

    span.in_scope(|| {
        let status = response.status().as_u16();
        let ms = started.elapsed().as_millis() as u64;
        if status >= 500 {
            tracing::error!(status, ms, "request failed");
        } else {
            tracing::info!(status, ms, "request served");
        }
    });
    if let Ok(value) = HeaderValue::from_str(&trace_id) {
        response.headers_mut().insert(REQUEST_ID.clone(), value);
    }
    response
}

/// Accepts ids a proxy may have set, but nothing that could forge log lines.
fn is_acceptable_request_id(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_from_proxies_are_kept_only_when_harmless() {
        assert!(is_acceptable_request_id("0192f1b2-aaaa-bbbb"));
        assert!(!is_acceptable_request_id("short"));
        assert!(!is_acceptable_request_id("abc\ndef ghi jkl"));
        assert!(!is_acceptable_request_id(&"a".repeat(65)));
    }
}
