//! The Flanks-compatible `/v0` token and links API.

use bankport_backend::db::entities::access_token;
use bankport_shared::v0::{LinkDataResponse, LinkListResponse, TokenResponse};
use chrono::Utc;
use reqwest::Method;
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::apps::{add_uri, create_app, create_link};
use crate::helpers::{TestApp, assert_error, spawn_app};

pub async fn token_response(app: &TestApp, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url("/v0/token"))
        .json(body)
        .send()
        .await
        .unwrap()
}

pub async fn access_token(app: &TestApp, client_id: &str, client_secret: &str) -> String {
    let body = json!({ "client_id": client_id, "client_secret": client_secret, "grant_type": "client_credentials" });
    let response = token_response(app, &body).await;
    assert_eq!(response.status().as_u16(), 200);
    let token: TokenResponse = response.json().await.unwrap();
    token.access_token
}

pub async fn post(app: &TestApp, token: &str, path: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .bearer_auth(token)
        .json(body)
        .send()
        .await
        .unwrap()
}

pub async fn list_links(app: &TestApp, token: &str) -> reqwest::Response {
    post(app, token, "/v0/links/list-links", &json!({})).await
}

#[tokio::test]
async fn client_credentials_give_a_bearer_token_with_flanks_fields() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let created = create_app(&app, &ana, "API").await;
    let body = json!({ "client_id": created.app.client_id, "client_secret": created.client_secret, "grant_type": "client_credentials" });
    let response = token_response(&app, &body).await;
    assert_eq!(response.status().as_u16(), 200);
    let raw: Value = response.json().await.unwrap();
    let mut keys: Vec<&str> = raw
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "access_token",
            "expires_in",
            "refresh_token",
            "scope",
            "token_type"
        ]
    );
    assert_eq!(raw["token_type"], "Bearer");
    assert_eq!(raw["expires_in"], 36000);
    let token = raw["access_token"].as_str().unwrap();
    assert_eq!(list_links(&app, token).await.status().as_u16(), 200);
}

#[tokio::test]
async fn wrong_client_credentials_answer_403_without_saying_which_half() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let created = create_app(&app, &ana, "API").await;

    let wrong_secret = json!({ "client_id": created.app.client_id, "client_secret": "A".repeat(43), "grant_type": "client_credentials" });
    let unknown_client = json!({ "client_id": "nope", "client_secret": created.client_secret, "grant_type": "client_credentials" });
    let a = assert_error(
        token_response(&app, &wrong_secret).await,
        403,
        "INVALID_CLIENT",
    )
    .await;
    let b = assert_error(
        token_response(&app, &unknown_client).await,
        403,
        "INVALID_CLIENT",
    )
    .await;
    assert_eq!(a.error, b.error);

    let unknown_grant = json!({ "client_id": created.app.client_id, "client_secret": created.client_secret, "grant_type": "password" });
    assert_error(
        token_response(&app, &unknown_grant).await,
        400,
        "UNSUPPORTED_GRANT_TYPE",
    )
    .await;
    assert_error(token_response(&app, &json!({})).await, 400, "BAD_REQUEST").await;
}

#[tokio::test]
async fn a_refresh_token_works_once_and_keeps_the_app() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let created = create_app(&app, &ana, "API").await;
    let body = json!({ "client_id": created.app.client_id, "client_secret": created.client_secret, "grant_type": "client_credentials" });
    let first: TokenResponse = token_response(&app, &body).await.json().await.unwrap();

    let refresh = json!({ "grant_type": "refresh_token", "refresh_token": first.refresh_token });
    let second = token_response(&app, &refresh).await;
    assert_eq!(second.status().as_u16(), 200);
    let second: TokenResponse = second.json().await.unwrap();
    assert_ne!(second.access_token, first.access_token);
    assert_eq!(
        list_links(&app, &second.access_token)
            .await
            .status()
            .as_u16(),
        200
    );
    assert_error(
        list_links(&app, &first.access_token).await,
        401,
        "UNAUTHENTICATED",
    )
    .await;
    assert_error(token_response(&app, &refresh).await, 403, "INVALID_CLIENT").await;
}

#[tokio::test]
async fn missing_expired_or_revoked_bearer_tokens_get_401_with_www_authenticate() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let created = create_app(&app, &ana, "API").await;

    let missing = app
        .client
        .post(app.url("/v0/links/list-links"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.headers()["www-authenticate"], "Bearer");
    assert_error(missing, 401, "UNAUTHENTICATED").await;
    assert_error(
        list_links(&app, &"A".repeat(43)).await,
        401,
        "UNAUTHENTICATED",
    )
    .await;

    let token = access_token(&app, &created.app.client_id, &created.client_secret).await;
    access_token::Entity::update_many()
        .col_expr(
            access_token::Column::ExpiresAt,
            (Utc::now() - chrono::Duration::seconds(1)).into(),
        )
        .exec(&app.app_db)
        .await
        .unwrap();
    assert_error(list_links(&app, &token).await, 401, "UNAUTHENTICATED").await;
}

#[tokio::test]
async fn rotating_the_secret_revokes_old_tokens_and_the_old_secret() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let created = create_app(&app, &ana, "API").await;
    let old_token = access_token(&app, &created.app.client_id, &created.client_secret).await;

    let rotated = app
        .send(
            &ana,
            Method::POST,
            &format!("/api/apps/{}/rotate-secret", created.app.id),
            &json!({}),
        )
        .await;
    assert_eq!(rotated.status().as_u16(), 200);
    let rotated: bankport_shared::app::AppWithSecretResponse = rotated.json().await.unwrap();
    assert_ne!(rotated.client_secret, created.client_secret);
    assert_eq!(
        rotated.app.secret_hint,
        rotated.client_secret[rotated.client_secret.len() - 4..]
    );

    assert_error(list_links(&app, &old_token).await, 401, "UNAUTHENTICATED").await;
    let old = json!({ "client_id": created.app.client_id, "client_secret": created.client_secret, "grant_type": "client_credentials" });
    assert_error(token_response(&app, &old).await, 403, "INVALID_CLIENT").await;
    let new_token = access_token(&app, &created.app.client_id, &rotated.client_secret).await;
    assert_eq!(list_links(&app, &new_token).await.status().as_u16(), 200);
}

#[tokio::test]
async fn the_links_api_creates_lists_edits_pauses_resumes_and_deletes_with_flanks_shapes() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let created = create_app(&app, &ana, "API").await;
    add_uri(&app, &ana, &created.app.id, "https://example.com/cb").await;
    add_uri(&app, &ana, &created.app.id, "myapp://callback").await;
    let token = access_token(&app, &created.app.client_id, &created.client_secret).await;

    let unregistered = post(
        &app,
        &token,
        "/v0/links/create-link",
        &json!({ "redirect_uri": "https://other.example/cb" }),
    )
    .await;
    assert!(
        assert_error(unregistered, 422, "VALIDATION_ERROR")
            .await
            .fields
            .contains_key("redirect_uri")
    );

    let body = json!({
        "redirect_uri": "https://example.com/cb",
        "name": "From the API",
        "company_name": "Acme",
        "terms_and_conditions_url": "https://acme.example/terms",
        "privacy_policy_url": "https://acme.example/privacy",
    });
    let response = post(&app, &token, "/v0/links/create-link", &body).await;
    assert_eq!(response.status().as_u16(), 200);
    let raw: Value = response.json().await.unwrap();
    let mut keys: Vec<&str> = raw["data"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "active",
            "company_name",
            "name",
            "pending_code_count",
            "privacy_policy_url",
            "redirect_uri",
            "terms_and_conditions_url",
            "token"
        ]
    );
    let created_link: LinkDataResponse = serde_json::from_value(raw).unwrap();
    assert!(created_link.success && created_link.data.active);
    let link_token = created_link.data.token.clone();

    let edited: LinkDataResponse = post(
        &app,
        &token,
        "/v0/links/edit-link",
        &json!({ "token": link_token, "redirect_uri": "myapp://callback", "name": "Mobile" }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(edited.data.redirect_uri, "myapp://callback");
    assert_eq!(edited.data.name.as_deref(), Some("Mobile"));
    assert_eq!(
        edited.data.company_name.as_deref(),
        Some("Acme"),
        "untouched fields stay"
    );

    let paused: LinkDataResponse = post(
        &app,
        &token,
        "/v0/links/pause-link",
        &json!({ "token": link_token }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(!paused.data.active);
    let resumed: LinkDataResponse = post(
        &app,
        &token,
        "/v0/links/resume-link",
        &json!({ "token": link_token }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(resumed.data.active);

    // A link made in the dashboard shows up in the API too.
    let uris: Vec<bankport_shared::app::RedirectUriResponse> = ana
        .get(app.url(&format!("/api/apps/{}/redirect-uris", created.app.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    create_link(&app, &ana, &created.app.id, &uris[0].id, "Dashboard link").await;
    let listed: LinkListResponse = list_links(&app, &token).await.json().await.unwrap();
    assert!(listed.success);
    assert_eq!(listed.count, 2);
    assert!(
        listed
            .items
            .iter()
            .any(|l| l.name.as_deref() == Some("Dashboard link"))
    );

    let deleted: Value = post(
        &app,
        &token,
        "/v0/links/delete-link",
        &json!({ "token": link_token }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(deleted, json!({ "success": true }));
    let listed: LinkListResponse = list_links(&app, &token).await.json().await.unwrap();
    assert_eq!(listed.count, 1);
}
