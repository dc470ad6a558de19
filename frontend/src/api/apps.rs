//! Apps, their redirect URIs and their links (`/api/apps/*`).
//!
//! Each function is one endpoint; the bodies are the shared DTOs of
//! `bankport_shared::app`, so the server and this client cannot drift apart.
//! Ids and tokens are percent-encoded into the path, whatever they hold.

use bankport_shared::app::{
    AddRedirectUriRequest, AppResponse, AppWithSecretResponse, CreateAppRequest, CreateLinkRequest,
    DeleteAppRequest, LinkResponse, RedirectUriResponse, UpdateLinkRequest,
};
use bankport_shared::paths;

use super::{ApiError, EmptyBody, delete_json, get_json, patch_json, post_json};

/// The account's apps, newest first.
pub async fn list_apps() -> Result<Vec<AppResponse>, ApiError> {
    get_json(paths::APPS).await
}

/// Creates an app; the answer holds its secret, shown this once.
pub async fn create_app(name: String) -> Result<AppWithSecretResponse, ApiError> {
    post_json(paths::APPS, &CreateAppRequest { name }).await
}

/// One app (`NOT_FOUND` when it is not this account's).
pub async fn get_app(id: &str) -> Result<AppResponse, ApiError> {
    get_json(&app_path(id)).await
}

/// Deletes an app, with its name typed again as confirmation.
pub async fn delete_app(id: &str, confirm_name: String) -> Result<(), ApiError> {
    delete_json(&app_path(id), &DeleteAppRequest { confirm_name }).await
}

/// Issues a new secret; the old one (and its access tokens) stop working.
pub async fn rotate_secret(id: &str) -> Result<AppWithSecretResponse, ApiError> {
    post_json(&format!("{}/rotate-secret", app_path(id)), &EmptyBody {}).await
}

/// The app's redirect URIs.
pub async fn list_redirect_uris(app_id: &str) -> Result<Vec<RedirectUriResponse>, ApiError> {
    get_json(&redirect_uris_path(app_id)).await
}

/// Registers a redirect URI (invalid or duplicate ones answer `fields.uri`).
pub async fn add_redirect_uri(app_id: &str, uri: String) -> Result<RedirectUriResponse, ApiError> {
    post_json(&redirect_uris_path(app_id), &AddRedirectUriRequest { uri }).await
}

/// Removes a redirect URI (`409 URI_IN_USE` while a link uses it).
pub async fn delete_redirect_uri(app_id: &str, uri_id: &str) -> Result<(), ApiError> {
    let path = format!("{}/{}", redirect_uris_path(app_id), segment(uri_id));
    delete_json(&path, &EmptyBody {}).await
}

/// The app's links.
pub async fn list_links(app_id: &str) -> Result<Vec<LinkResponse>, ApiError> {
    get_json(&links_path(app_id)).await
}

/// Generates a link that sends end users back to one of the app's redirect URIs.
pub async fn create_link(
    app_id: &str,
    request: CreateLinkRequest,
) -> Result<LinkResponse, ApiError> {
    post_json(&links_path(app_id), &request).await
}

/// Pauses, resumes or renames a link.
pub async fn update_link(
    app_id: &str,
    token: &str,
    request: UpdateLinkRequest,
) -> Result<LinkResponse, ApiError> {
    patch_json(&link_path(app_id, token), &request).await
}

/// Deletes a link (`409 CODES_PENDING` while codes wait to be exchanged).
pub async fn delete_link(app_id: &str, token: &str) -> Result<(), ApiError> {
    delete_json(&link_path(app_id, token), &EmptyBody {}).await
}

fn app_path(id: &str) -> String {
    format!("{}/{}", paths::APPS, segment(id))
}

fn redirect_uris_path(app_id: &str) -> String {
    format!("{}/redirect-uris", app_path(app_id))
}

fn links_path(app_id: &str) -> String {
    format!("{}/links", app_path(app_id))
}

fn link_path(app_id: &str, token: &str) -> String {
    format!("{}/{}", links_path(app_id), segment(token))
}

/// Percent-encodes one path segment (everything but RFC 3986's unreserved
/// characters), so an id can never add a segment or a query to the path.
fn segment(raw: &str) -> String {
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
    fn ids_stay_inside_their_path_segment() {
        assert_eq!(segment("app_01-x.y~"), "app_01-x.y~");
        assert_eq!(segment("../x?y#z"), "..%2Fx%3Fy%23z");
        assert_eq!(link_path("a b", "t/1"), "/api/apps/a%20b/links/t%2F1");
    }
}
