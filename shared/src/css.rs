//! Custom CSS for the link widget: what the dashboard uploads and what the
//! server answers (the stored theme, or every policy violation).

use serde::{Deserialize, Serialize};

/// Largest stylesheet accepted, in bytes.
pub const MAX_CSS_BYTES: usize = 16 * 1024;

/// One reason a stylesheet was refused (or, as a note, changed), at a
/// 1-based line and column of the uploaded text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CssViolation {
    pub line: u32,
    pub column: u32,
    /// Plain words, e.g. "`position` is not allowed: the widget's layout is fixed".
    pub reason: String,
    /// The offending text, shortened.
    pub text: String,
}

/// Machine code of a refused stylesheet (HTTP 422); the error body's
/// `violations` lists every problem.
pub const INVALID_CSS: &str = "INVALID_CSS";

/// One stored stylesheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeVersion {
    /// SHA-256 of `css`, hex.
    pub hash: String,
    /// Where it is served (same origin, content-addressed): `/theme/<hash>.css`.
    pub url: String,
    /// The stylesheet as stored: minified by the validator.
    pub css: String,
    pub file_name: Option<String>,
    /// RFC 3339.
    pub uploaded_at: String,
    /// Email of who uploaded it.
    pub uploaded_by: String,
}

/// `GET /api/custom-css` (and the answer of every change): the account's
/// theme. `current` None means the default theme.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomCssResponse {
    pub current: Option<ThemeVersion>,
    /// The version before `current` (what "Restore previous version" brings back).
    pub previous: Option<ThemeVersion>,
    /// What the validator changed in the upload just made (e.g. `!important` dropped).
    #[serde(default)]
    pub notes: Vec<CssViolation>,
}

/// `POST /api/custom-css` (save as the theme) and
/// `POST /api/custom-css/preview` (validate and host for the preview only).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadCssRequest {
    /// The file's text.
    pub css: String,
    #[serde(default)]
    pub file_name: Option<String>,
}

/// `POST /api/custom-css/preview` → the validated stylesheet, served at
/// `url` for the preview (not applied to any link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewCssResponse {
    pub hash: String,
    pub url: String,
    pub css: String,
    #[serde(default)]
    pub notes: Vec<CssViolation>,
}

/// The widget URL that previews the bank chooser with a theme (none: the
/// default look). It needs no link token and connects nothing.
pub fn preview_url(theme_hash: Option<&str>) -> String {
    match theme_hash {
        Some(hash) => format!("/link?preview=true&theme={hash}"),
        None => "/link?preview=true".to_owned(),
    }
}

/// Whether `hash` looks like a theme hash (64 lowercase hex digits).
pub fn is_theme_hash(hash: &str) -> bool {
    hash.len() == 64 && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}
