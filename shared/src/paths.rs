//! Route paths, so the server's router and the clients' requests cannot drift apart.

/// Flanks-compatible public API root.
pub const V0: &str = "/v0";
/// Internal API used by the dashboard and the link widget (session or link authenticated).
pub const API: &str = "/api";

/// Liveness: the process is up and serving HTTP.
pub const HEALTHZ: &str = "/healthz";
/// Readiness: the database answers.
pub const READYZ: &str = "/readyz";

/// Bank catalogue for the link widget's chooser.
pub const API_BANKS: &str = "/api/banks";
/// Flanks-compatible bank catalogue (`GET /v0/bank/available`).
pub const V0_BANK_AVAILABLE: &str = "/v0/bank/available";

/// Where the link widget is served; end users open `/link?token=…`.
pub const LINK: &str = "/link";

/// Logo of one bank, served as SVG by the backend.
pub fn bank_logo(bank_id: &str) -> String {
    format!("{API_BANKS}/{bank_id}/logo.svg")
}
