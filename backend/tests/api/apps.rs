//! Apps, credentials, redirect URIs and links through the dashboard API.

use bankport_backend::db::entities::app as app_entity;
use bankport_shared::app::{AppResponse, AppWithSecretResponse, LinkResponse, RedirectUriResponse};
use reqwest::{Client, Method};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, spawn_app};

pub async fn create_app(app: &TestApp, browser: &Client, name: &str) -> AppWithSecretResponse {
    let response = app
        .send(browser, Method::POST, "/api/apps", &json!({ "name": name }))
        .await;
    assert_eq!(response.status().as_u16(), 201);
    response.json().await.unwrap()
}

pub async fn add_uri(
    app: &TestApp,
    browser: &Client,
    app_id: &str,
    uri: &str,
) -> RedirectUriResponse {
    let response = app
        .send(
            browser,
            Method::POST,
            &format!("/api/apps/{app_id}/redirect-uris"),
            &json!({ "uri": uri }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 201, "adding {uri}");
    response.json().await.unwrap()
}

pub async fn create_link(
    app: &TestApp,
    browser: &Client,
    app_id: &str,
    uri_id: &str,
    name: &str,
) -> LinkResponse {
    let body = json!({ "redirect_uri_id": uri_id, "name": name });
    let response = app
        .send(
            browser,
            Method::POST,
            &format!("/api/apps/{app_id}/links"),
            &body,
        )
        .await;
    assert_eq!(response.status().as_u16(), 201);
    response.json().await.unwrap()
}

#[tokio::test]
async fn creating_an_app_shows_its_secret_once_and_stores_only_a_hash() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;

    let created = create_app(&app, &ana, "Production").await;
    assert_eq!(created.app.name, "Production");
    assert!(created.client_secret.len() >= 43, "256-bit secret");
    assert_eq!(
        created.app.secret_hint,
        created.client_secret[created.client_secret.len() - 4..]
    );
    assert!(created.app.client_id.len() >= 22, "128-bit client id");

    let listed: Vec<AppResponse> = ana
        .get(app.url("/api/apps"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed, vec![created.app.clone()]);
    let raw: Value = ana
        .get(app.url("/api/apps"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !raw.to_string().contains(&created.client_secret),
        "the list never shows the secret"
    );

    let stored = app_entity::Entity::find().all(&app.app_db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].secret_hash, created.client_secret);
    assert!(!stored[0].secret_hash.contains(&created.client_secret));
}

#[tokio::test]
async fn app_names_are_unique_per_account_regardless_of_case_and_bounded() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let bob = app.integrator("bob@example.com").await;
    create_app(&app, &ana, "Production").await;

    let taken = app
        .send(
            &ana,
            Method::POST,
            "/api/apps",
            &json!({ "name": "production" }),
        )
        .await;
    let body = assert_error(taken, 422, "VALIDATION_ERROR").await;
    assert!(body.fields["name"].contains("already have an app"));
    // Another account may use the same name.
    create_app(&app, &bob, "Production").await;

    for bad in [
        json!({ "name": "" }),
        json!({ "name": "x".repeat(65) }),
        json!({ "name": "   " }),
    ] {
        let response = app.send(&ana, Method::POST, "/api/apps", &bad).await;
        assert_error(response, 422, "VALIDATION_ERROR").await;
    }
}

#[tokio::test]
async fn redirect_uris_are_parsed_deduplicated_and_listed() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let id = create_app(&app, &ana, "Mobile").await.app.id;
    let path = format!("/api/apps/{id}/redirect-uris");

    for ok in [
        "https://example.com/callback",
        "http://localhost:3000/cb",
        "myapp://callback",
        "com.example.app:/oauth2",
    ] {
        add_uri(&app, &ana, &id, ok).await;
    }
    let duplicate = app
        .send(
            &ana,
            Method::POST,
            &path,
            &json!({ "uri": "https://example.com/callback" }),
        )
        .await;
    let body = assert_error(duplicate, 422, "VALIDATION_ERROR").await;
    assert_eq!(
        body.fields["uri"],
        "This redirect URI is already registered."
    );

    for bad in [
        "https://example.com#frag",
        "javascript:alert(1)",
        "http://example.com/cb",
        "https://user:pass@example.com/cb",
        "https://example.com/ cb",
        "not a uri",
    ] {
        let response = app
            .send(&ana, Method::POST, &path, &json!({ "uri": bad }))
            .await;
        let body = assert_error(response, 422, "VALIDATION_ERROR").await;
        assert!(body.fields.contains_key("uri"), "{bad}");
    }
    let long = format!("https://example.com/{}", "a".repeat(2048));
    assert_error(
        app.send(&ana, Method::POST, &path, &json!({ "uri": long }))
            .await,
        422,
        "VALIDATION_ERROR",
    )
    .await;

    let listed: Vec<RedirectUriResponse> = ana
        .get(app.url(&path))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[0].uri, "https://example.com/callback");
}

#[tokio::test]
async fn a_redirect_uri_used_by_a_link_cannot_be_deleted_until_the_link_goes() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let id = create_app(&app, &ana, "Web").await.app.id;
    let uri = add_uri(&app, &ana, &id, "https://example.com/cb").await;
    let link = create_link(&app, &ana, &id, &uri.id, "Checkout").await;

    let refused = app
        .send(
            &ana,
            Method::DELETE,
            &format!("/api/apps/{id}/redirect-uris/{}", uri.id),
            &json!({}),
        )
        .await;
    let body = assert_error(refused, 409, "URI_IN_USE").await;
    assert!(body.error.contains("Checkout"), "{}", body.error);

    let gone = app
        .send(
            &ana,
            Method::DELETE,
            &format!("/api/apps/{id}/links/{}", link.token),
            &json!({}),
        )
        .await;
    assert_eq!(gone.status().as_u16(), 204);
    let deleted = app
        .send(
            &ana,
            Method::DELETE,
            &format!("/api/apps/{id}/redirect-uris/{}", uri.id),
            &json!({}),
        )
        .await;
    assert_eq!(deleted.status().as_u16(), 204);
}

#[tokio::test]
async fn links_need_one_of_the_apps_uris_and_can_be_paused_resumed_and_deleted() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let id = create_app(&app, &ana, "Web").await.app.id;
    let links = format!("/api/apps/{id}/links");

    // No URI yet: nothing to choose.
    let none = app
        .send(
            &ana,
            Method::POST,
            &links,
            &json!({ "redirect_uri_id": uuid_like() }),
        )
        .await;
    assert!(
        assert_error(none, 422, "VALIDATION_ERROR")
            .await
            .fields
            .contains_key("redirect_uri_id")
    );

    let uri = add_uri(&app, &ana, &id, "https://example.com/cb?source=bankport").await;
    let link = create_link(&app, &ana, &id, &uri.id, "Production").await;
    assert!(link.token.len() >= 22, "128-bit link token");
    assert_eq!(
        link.url,
        format!("{}/link?token={}", app.address, link.token)
    );
    assert_eq!(link.redirect_uri, "https://example.com/cb?source=bankport");
    assert!(link.active);
    assert_eq!(link.pending_code_count, 0);

    let paused: LinkResponse = app
        .send(
            &ana,
            Method::PATCH,
            &format!("{links}/{}", link.token),
            &json!({ "active": false }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(!paused.active);
    let resumed: LinkResponse = app
        .send(
            &ana,
            Method::PATCH,
            &format!("{links}/{}", link.token),
            &json!({ "active": true, "name": "Renamed" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(resumed.active);
    assert_eq!(resumed.name, "Renamed");

    let tiles: Vec<AppResponse> = ana
        .get(app.url("/api/apps"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(tiles[0].link_count, 1);

    let deleted = app
        .send(
            &ana,
            Method::DELETE,
            &format!("{links}/{}", link.token),
            &json!({}),
        )
        .await;
    assert_eq!(deleted.status().as_u16(), 204);
    let listed: Vec<LinkResponse> = ana
        .get(app.url(&links))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(listed.is_empty());
}

fn uuid_like() -> String {
    "0192f1b2-0000-7000-8000-000000000000".into()
}

#[tokio::test]
async fn deleting_an_app_needs_its_name_and_removes_everything() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let created = create_app(&app, &ana, "Doomed").await;
    let id = created.app.id.clone();
    let uri = add_uri(&app, &ana, &id, "https://example.com/cb").await;
    create_link(&app, &ana, &id, &uri.id, "L").await;
    let token =
        crate::v0_api::access_token(&app, &created.app.client_id, &created.client_secret).await;

    let wrong = app
        .send(
            &ana,
            Method::DELETE,
            &format!("/api/apps/{id}"),
            &json!({ "confirm_name": "doomed" }),
        )
        .await;
    assert!(
        assert_error(wrong, 422, "VALIDATION_ERROR")
            .await
            .fields
            .contains_key("confirm_name")
    );

    let deleted = app
        .send(
            &ana,
            Method::DELETE,
            &format!("/api/apps/{id}"),
            &json!({ "confirm_name": "Doomed" }),
        )
        .await;
    assert_eq!(deleted.status().as_u16(), 204);
    assert_error(
        ana.get(app.url(&format!("/api/apps/{id}")))
            .send()
            .await
            .unwrap(),
        404,
        "NOT_FOUND",
    )
    .await;
    let api = crate::v0_api::list_links(&app, &token).await;
    assert_error(api, 401, "UNAUTHENTICATED").await;
}

/// Account B probes account A's app, URIs and links by id and token: every
/// answer is 404 (never 403, which would confirm they exist) and nothing changes.
#[tokio::test]
async fn another_account_can_neither_see_nor_touch_an_apps_resources() {
    let app = spawn_app().await;
    let ana = app.integrator("ana@example.com").await;
    let eve = app.integrator("eve@example.com").await;
    let created = create_app(&app, &ana, "Ana's app").await;
    let id = created.app.id.clone();
    let uri = add_uri(&app, &ana, &id, "https://ana.example/cb").await;
    let link = create_link(&app, &ana, &id, &uri.id, "Ana's link").await;

    let probes: Vec<(Method, String, Value)> = vec![
        (Method::GET, format!("/api/apps/{id}"), json!({})),
        (
            Method::DELETE,
            format!("/api/apps/{id}"),
            json!({ "confirm_name": "Ana's app" }),
        ),
        (
            Method::POST,
            format!("/api/apps/{id}/rotate-secret"),
            json!({}),
        ),
        (
            Method::GET,
            format!("/api/apps/{id}/redirect-uris"),
            json!({}),
        ),
        (
            Method::POST,
            format!("/api/apps/{id}/redirect-uris"),
            json!({ "uri": "https://eve.example/cb" }),
        ),
        (
            Method::DELETE,
            format!("/api/apps/{id}/redirect-uris/{}", uri.id),
            json!({}),
        ),
        (Method::GET, format!("/api/apps/{id}/links"), json!({})),
        (
            Method::POST,
            format!("/api/apps/{id}/links"),
            json!({ "redirect_uri_id": uri.id }),
        ),
        (
            Method::PATCH,
            format!("/api/apps/{id}/links/{}", link.token),
            json!({ "active": false }),
        ),
        (
            Method::DELETE,
            format!("/api/apps/{id}/links/{}", link.token),
            json!({}),
        ),
    ];
    for (method, path, body) in probes {
        let response = if method == Method::GET {
            eve.get(app.url(&path)).send().await.unwrap()
        } else {
            app.send(&eve, method.clone(), &path, &body).await
        };
        assert_error(response, 404, "NOT_FOUND").await;
    }
    let eves: Vec<AppResponse> = eve
        .get(app.url("/api/apps"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(eves.is_empty());

    // Eve's own app and API token cannot reach Ana's link either.
    let eve_app = create_app(&app, &eve, "Eve's app").await;
    let eve_token =
        crate::v0_api::access_token(&app, &eve_app.app.client_id, &eve_app.client_secret).await;
    for action in ["edit-link", "delete-link", "pause-link", "resume-link"] {
        let response = crate::v0_api::post(
            &app,
            &eve_token,
            &format!("/v0/links/{action}"),
            &json!({ "token": link.token, "name": "pwned" }),
        )
        .await;
        assert_error(response, 404, "NOT_FOUND").await;
    }

    // Ana's things are untouched.
    let links: Vec<LinkResponse> = ana
        .get(app.url(&format!("/api/apps/{id}/links")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(links.len(), 1);
    assert!(links[0].active);
    assert_eq!(links[0].name, "Ana's link");
    let ana_token =
        crate::v0_api::access_token(&app, &created.app.client_id, &created.client_secret).await;
    assert_eq!(
        crate::v0_api::list_links(&app, &ana_token)
            .await
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test]
async fn the_apps_api_needs_a_session() {
    let app = spawn_app().await;
    let anonymous = app.new_browser();
    assert_error(
        anonymous.get(app.url("/api/apps")).send().await.unwrap(),
        401,
        "UNAUTHENTICATED",
    )
    .await;
    let post = app
        .send(
            &anonymous,
            Method::POST,
            "/api/apps",
            &json!({ "name": "x" }),
        )
        .await;
    assert_error(post, 401, "UNAUTHENTICATED").await;
}
