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

/// Integrator accounts (session cookie; JSON bodies).
pub const AUTH_SIGNUP: &str = "/api/auth/signup";
pub const AUTH_CONFIRM: &str = "/api/auth/confirm";
pub const AUTH_RESEND_CONFIRMATION: &str = "/api/auth/resend-confirmation";
pub const AUTH_LOGIN: &str = "/api/auth/login";
pub const AUTH_LOGOUT: &str = "/api/auth/logout";
pub const AUTH_ME: &str = "/api/auth/me";
pub const AUTH_FORGOT_PASSWORD: &str = "/api/auth/forgot-password";
pub const AUTH_RESET_PASSWORD: &str = "/api/auth/reset-password";

/// Apps (session cookie). Sub-resources hang off `/api/apps/{id}/…`.
pub const APPS: &str = "/api/apps";

/// Flanks-compatible public API.
pub const V0_TOKEN: &str = "/v0/token";
pub const V0_LINKS: &str = "/v0/links";

/// The link widget's API.
pub const LINK_OPEN: &str = "/api/link/open";
pub const LINK_FORM: &str = "/api/link/form";
pub const LINK_CONNECT: &str = "/api/link/connect";
pub const LINK_SCA: &str = "/api/link/sca";
pub const LINK_ABORT: &str = "/api/link/abort";
pub const LINK_REAUTH: &str = "/api/link/reauth";

/// The account's widget theme (dashboard Custom CSS page).
pub const CUSTOM_CSS: &str = "/api/custom-css";
pub const CUSTOM_CSS_PREVIEW: &str = "/api/custom-css/preview";
pub const CUSTOM_CSS_RESTORE_PREVIOUS: &str = "/api/custom-css/restore-previous";

/// Validated themes, served by content hash.
pub const THEMES: &str = "/theme";

/// Where the theme with this hash is served.
pub fn theme_url(hash: &str) -> String {
    format!("{THEMES}/{hash}.css")
}

/// Integrators' end users (dashboard Users panel).
pub const CREDENTIALS: &str = "/api/credentials";

/// Code exchange and unused codes (mobile flow).
pub const V0_PLATFORM_LINK: &str = "/v0/platform/link";

/// Dashboard pages that emails link to.
pub const PAGE_CONFIRM: &str = "/confirm";
pub const PAGE_RESET_PASSWORD: &str = "/reset-password";

/// Where the link widget is served; end users open `/link?token=…`.
pub const LINK: &str = "/link";

/// Logo of one bank, served as SVG by the backend.
pub fn bank_logo(bank_id: &str) -> String {
    format!("{API_BANKS}/{bank_id}/logo.svg")
}
