//! End users' connections, for the Users panel (`/api/credentials`).
//!
//! The rows are the shared `CredentialRowResponse`, so the server and this
//! client cannot drift apart. Filters travel in the query string,
//! percent-encoded whatever they hold.

use bankport_shared::app::CredentialRowResponse;
use bankport_shared::paths;

use super::{ApiError, get_json};

/// The account's credentials_tokens, newest first: all of them, or those of
/// one app (`app_id`) and/or matching `search` (external id or bank id).
/// Empty filters are left out of the query.
pub async fn list_credentials(
    app_id: &str,
    search: &str,
) -> Result<Vec<CredentialRowResponse>, ApiError> {
    get_json(&credentials_path(app_id, search)).await
}

fn credentials_path(app_id: &str, search: &str) -> String {
    let query = [("app_id", app_id.trim()), ("q", search.trim())]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| format!("{name}={}", encode(value)))
        .collect::<Vec<_>>()
        .join("&");
    if query.is_empty() {
        paths::CREDENTIALS.to_owned()
    } else {
        format!("{}?{query}", paths::CREDENTIALS)
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, so a
/// search for `a&b=c` or `#1` stays one value.
fn encode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for byte in raw.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_filters_are_left_out_of_the_query() {
        assert_eq!(credentials_path("", "  "), "/api/credentials");
        assert_eq!(credentials_path("a1", ""), "/api/credentials?app_id=a1");
        assert_eq!(
            credentials_path("", "cust-42"),
            "/api/credentials?q=cust-42"
        );
    }

    #[test]
    fn filters_stay_inside_their_value() {
        assert_eq!(
            credentials_path("a b", "x&q=y #ñ"),
            "/api/credentials?app_id=a%20b&q=x%26q%3Dy%20%23%C3%B1"
        );
    }
}
