//! Apps, their redirect URIs and links: the dashboard's contract, and the
//! newtypes that parse app names and redirect URIs on both sides.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An app's name: 1 to 64 characters, unique within an account.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AppName(String);

impl AppName {
    pub const MAX_CHARS: usize = 64;

    pub fn parse(raw: &str) -> Result<Self, String> {
        crate::account::name_text(raw, Self::MAX_CHARS, "Give the app a name.").map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AppName {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<AppName> for String {
    fn from(name: AppName) -> Self {
        name.0
    }
}

/// Where the link widget sends end users back, with their `code`.
///
/// Absolute; `https`, or `http` only for `localhost`, `127.0.0.1` and
/// `[::1]`; or a custom scheme for mobile apps (`myapp://callback`,
/// `com.example.app:/path`). Never a fragment, user info, whitespace or more
/// than 2048 characters. Dangerous schemes (`javascript:`, `data:`, …) are
/// refused. Matching elsewhere is exact, on the string as given.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RedirectUri(String);

impl RedirectUri {
    pub const MAX_CHARS: usize = 2048;

    pub fn parse(raw: &str) -> Result<Self, String> {
        if raw.is_empty() || raw.trim().is_empty() {
            return Err("Enter a redirect URI.".into());
        }
        if raw.len() > Self::MAX_CHARS {
            return Err(format!(
                "A redirect URI has at most {} characters.",
                Self::MAX_CHARS
            ));
        }
        if raw.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("A redirect URI cannot contain spaces or control characters.".into());
        }
        if raw.contains('#') {
            return Err(
                "A redirect URI cannot have a fragment (#…): the code is added to its query."
                    .into(),
            );
        }
        let (scheme, rest) = raw
            .split_once(':')
            .filter(|(scheme, _)| is_scheme(scheme))
            .ok_or(
                "Enter an absolute URI, such as https://example.com/callback or myapp://callback.",
            )?;
        let scheme_lower = scheme.to_ascii_lowercase();
        match scheme_lower.as_str() {
            "https" | "http" => {
                let authority = rest
                    .strip_prefix("//")
                    .ok_or("Enter an absolute URI, such as https://example.com/callback.")?;
                let end = authority.find(['/', '?']).unwrap_or(authority.len());
                let authority = &authority[..end];
                if authority.contains('@') {
                    return Err("A redirect URI cannot contain a user name or password.".into());
                }
                let host = host_of(authority).ok_or("The redirect URI has no valid host.")?;
                if scheme_lower == "http"
                    && !matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]")
                {
                    return Err(
                        "Use https (http is allowed only for localhost, 127.0.0.1 and [::1])."
                            .into(),
                    );
                }
            }
            "javascript" | "data" | "vbscript" | "file" | "blob" | "about" | "ftp" | "ws"
            | "wss" | "mailto" => {
                return Err(format!(
                    "The {scheme_lower}: scheme cannot be a redirect URI."
                ));
            }
            _ => {
                // Mobile custom schemes: myapp://callback or com.example.app:/path.
                if rest.is_empty() || rest == "/" || rest == "//" {
                    return Err("Add a path to the custom scheme, such as myapp://callback.".into());
                }
                if let Some(authority) = rest.strip_prefix("//") {
                    let end = authority.find(['/', '?']).unwrap_or(authority.len());
                    if authority[..end].contains('@') {
                        return Err("A redirect URI cannot contain a user name or password.".into());
                    }
                }
            }
        }
        Ok(Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), and at least two
/// characters so Windows drive letters (`C:`) are not schemes.
fn is_scheme(s: &str) -> bool {
    s.len() >= 2
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// The lower-cased host of an authority (without port), if well-formed.
fn host_of(authority: &str) -> Option<String> {
    let host = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let rest = &authority[close + 1..];
        if !(rest.is_empty() || rest.starts_with(':')) {
            return None;
        }
        &authority[..=close]
    } else {
        authority.split(':').next()?
    };
    if let Some(port) = authority[host.len()..].strip_prefix(':')
        && (port.is_empty() || port.len() > 5 || !port.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let valid = !host.is_empty()
        && (host.starts_with('[')
            || host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_')));
    valid.then(|| host.to_ascii_lowercase())
}

impl TryFrom<String> for RedirectUri {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<RedirectUri> for String {
    fn from(uri: RedirectUri) -> Self {
        uri.0
    }
}

impl fmt::Debug for RedirectUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RedirectUri({})", self.0)
    }
}

impl fmt::Display for RedirectUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `POST /api/apps`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateAppRequest {
    pub name: String,
}

/// An app as the dashboard lists it. The secret itself is never here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppResponse {
    pub id: String,
    pub name: String,
    pub client_id: String,
    /// The last four characters of the secret, to tell secrets apart.
    pub secret_hint: String,
    /// RFC 3339.
    pub created_at: String,
    pub link_count: u64,
    pub user_count: u64,
}

/// The answer to creating an app or rotating its secret: the only time the
/// secret is ever shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppWithSecretResponse {
    pub app: AppResponse,
    pub client_secret: String,
}

/// `DELETE /api/apps/{id}`: the name typed again, as confirmation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeleteAppRequest {
    pub confirm_name: String,
}

/// `POST /api/apps/{id}/redirect-uris`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddRedirectUriRequest {
    pub uri: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedirectUriResponse {
    pub id: String,
    pub uri: String,
    pub created_at: String,
}

/// `POST /api/apps/{id}/links`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateLinkRequest {
    /// Id of one of the app's redirect URIs.
    pub redirect_uri_id: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// `PATCH /api/apps/{id}/links/{token}`: pause/resume and rename.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UpdateLinkRequest {
    #[serde(default)]
    pub active: Option<bool>,
    #[serde(default)]
    pub name: Option<String>,
}

/// A link, as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkResponse {
    pub token: String,
    /// `<base-url>/link?token=<token>`.
    pub url: String,
    pub name: String,
    pub redirect_uri: String,
    pub active: bool,
    pub pending_code_count: u64,
    pub created_at: String,
}

/// Longest link name.
pub const MAX_LINK_NAME_CHARS: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_redirect_uris() {
        for ok in [
            "https://example.com/callback",
            "https://example.com",
            "https://example.com/cb?state=1&x=y",
            "https://sub.example.co.uk:8443/path/to/cb",
            "https://EXAMPLE.com/Callback",
            "http://localhost:3000/callback",
            "http://localhost/callback",
            "http://127.0.0.1:8080/cb",
            "http://[::1]:8080/cb",
            "HTTPS://example.com/cb",
            "myapp://callback",
            "com.example.app:/oauth2redirect",
            "com.example.app://callback/path?x=1",
            "bankport-demo://done",
            "https://例え.jp/callback",
            "https://xn--r8jz45g.jp/callback",
            "https://example.com/a%20b",
        ] {
            assert!(
                RedirectUri::parse(ok).is_ok(),
                "should accept {ok}: {:?}",
                RedirectUri::parse(ok)
            );
        }
    }

    #[test]
    fn rejected_redirect_uris() {
        let long = format!("https://example.com/{}", "a".repeat(2040));
        for bad in [
            "",
            "   ",
            "https://example.com#frag",
            "https://example.com/cb#",
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "file:///etc/passwd",
            "http://example.com/callback",
            "http://localhost.evil.com/cb",
            "http://127.0.0.2/cb",
            "https://user:pass@example.com/cb",
            "https://user@example.com/cb",
            "myapp://user@callback",
            " https://example.com/cb",
            "https://example.com/cb ",
            "https://exa mple.com/cb",
            "https://example.com/c\tb",
            "https://example.com/c\nb",
            "/relative/path",
            "example.com/callback",
            "//example.com/callback",
            "https:example.com",
            "https://",
            "https://:443/cb",
            "https://example.com:99999999/cb",
            "https://[::1/cb",
            "myapp:",
            "myapp://",
            "c:/windows",
            long.as_str(),
        ] {
            assert!(RedirectUri::parse(bad).is_err(), "should reject {bad:?}");
        }
    }

    #[test]
    fn the_uri_is_kept_exactly_as_given() {
        let uri = RedirectUri::parse("https://Example.com/CB?b=2&a=1").unwrap();
        assert_eq!(uri.as_str(), "https://Example.com/CB?b=2&a=1");
    }

    #[test]
    fn app_names_are_1_to_64_characters() {
        assert_eq!(
            AppName::parse("  Production ").unwrap().as_str(),
            "Production"
        );
        assert!(AppName::parse("").is_err());
        assert!(AppName::parse(&"x".repeat(65)).is_err());
        assert!(AppName::parse(&"ñ".repeat(64)).is_ok());
    }
}

/// One end user's connection, as the dashboard's Users panel lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialRowResponse {
    pub credentials_token: String,
    pub app_id: String,
    pub app_name: String,
    pub bank_id: String,
    pub bank_name: String,
    /// `processing` until the first extraction finishes, then `ready`,
    /// `sca_required` or `blocked` (see `v0::credential_status`).
    pub status: String,
    /// For `sca_required` and `blocked`: the link URL that re-authorises
    /// this credential (with `sca_token` or `reset_token`), ready to send to
    /// the end user. None when the app has no active link.
    #[serde(default)]
    pub reauth_url: Option<String>,
    pub external_id: Option<String>,
    pub extra: std::collections::BTreeMap<String, String>,
    /// RFC 3339.
    pub created_at: String,
}
