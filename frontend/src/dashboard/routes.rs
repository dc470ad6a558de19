//! The dashboard's page paths, and the rules for the `next` parameter that
//! brings a person back to the page they asked for after logging in.

use bankport_shared::paths;

pub const HOME: &str = "/";
pub const SIGNUP: &str = "/signup";
pub const LOGIN: &str = "/login";
pub const FORGOT_PASSWORD: &str = "/forgot-password";
pub const CONFIRM: &str = paths::PAGE_CONFIRM;
pub const RESET_PASSWORD: &str = paths::PAGE_RESET_PASSWORD;
pub const APPS: &str = "/apps";
pub const USERS: &str = "/users";
pub const CUSTOM_CSS: &str = "/custom-css";

/// The page of one app (`/apps/:id`).
pub fn app(id: &str) -> String {
    format!("{APPS}/{}", encode_query_value(id))
}

/// Where a person goes after logging in when nothing else was asked for.
pub const AFTER_LOGIN: &str = APPS;

/// The query parameter carrying the page to return to after logging in.
pub const NEXT_PARAM: &str = "next";

/// `raw` if it is a path on this site, else `None`.
///
/// The value comes from the URL, so anyone can craft it: only a path that
/// starts with exactly one `/` is kept. `//host` and `/\host` are other
/// origins to a browser, and browsers drop tabs and newlines from URLs
/// (`/\t/host` becomes `//host`), so whitespace, control characters and
/// backslashes are refused outright.
pub fn safe_next(raw: Option<&str>) -> Option<String> {
    let raw = raw?;
    let mut chars = raw.chars();
    let starts_with_one_slash = chars.next() == Some('/') && !matches!(chars.next(), Some('/'));
    let clean = raw
        .chars()
        .all(|c| !c.is_control() && !c.is_whitespace() && c != '\\');
    (starts_with_one_slash && clean).then(|| raw.to_owned())
}

/// The log-in page, remembering `path` (path and query of the page that
/// asked for a session) so the person lands there afterwards.
pub fn login_with_next(path: &str) -> String {
    if path.is_empty() || path == HOME || path == LOGIN {
        LOGIN.to_owned()
    } else {
        format!("{LOGIN}?{NEXT_PARAM}={}", encode_query_value(path))
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters, like
/// JavaScript's `encodeURIComponent` (minus its few extra exemptions); also
/// safe for one path segment.
fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
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
    fn next_keeps_paths_on_this_site() {
        assert_eq!(safe_next(Some("/apps")).as_deref(), Some("/apps"));
        assert_eq!(
            safe_next(Some("/apps/1?tab=links")).as_deref(),
            Some("/apps/1?tab=links")
        );
        assert_eq!(safe_next(Some("/")).as_deref(), Some("/"));
    }

    #[test]
    fn next_refuses_anything_that_could_leave_the_site() {
        for bad in [
            "",
            "apps",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            " /apps",
        ] {
            assert_eq!(safe_next(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(safe_next(None), None);
    }

    #[test]
    fn login_links_encode_the_page_to_return_to() {
        assert_eq!(login_with_next("/apps"), "/login?next=%2Fapps");
        assert_eq!(
            login_with_next("/apps?x=1&y=é"),
            "/login?next=%2Fapps%3Fx%3D1%26y%3D%C3%A9"
        );
        assert_eq!(login_with_next("/"), "/login");
        assert_eq!(login_with_next("/login"), "/login");
    }
}
