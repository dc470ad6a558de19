use crate::helpers::{assert_error, spawn_app};

async fn text_and_cache(app: &crate::helpers::TestApp, path: &str) -> (u16, String, String) {
    let response = app.get(path).await;
    let status = response.status().as_u16();
    let cache = response
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, cache, response.text().await.unwrap())
}

#[tokio::test]
async fn the_dashboard_is_served_at_the_root_and_revalidated() {
    let app = spawn_app().await;
    let (status, cache, body) = text_and_cache(&app, "/").await;
    assert_eq!(status, 200);
    assert_eq!(cache, "no-cache");
    assert!(body.contains("<title>dashboard</title>"));
}

#[tokio::test]
async fn unknown_page_paths_fall_back_to_the_dashboard() {
    let app = spawn_app().await;
    for path in ["/login", "/apps/0192f/settings", "/signup?next=/apps"] {
        let (status, cache, body) = text_and_cache(&app, path).await;
        assert_eq!(status, 200, "{path}");
        assert_eq!(cache, "no-cache", "{path}");
        assert!(body.contains("<title>dashboard</title>"), "{path}");
    }
}

#[tokio::test]
async fn the_link_widget_is_served_at_link_with_its_query() {
    let app = spawn_app().await;
    let (status, cache, body) = text_and_cache(&app, "/link?token=abc&bank=sandbox-es").await;
    assert_eq!(status, 200);
    assert_eq!(cache, "no-cache");
    assert!(body.contains("<title>widget</title>"));
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let app = spawn_app().await;
    let (status, cache, _) = text_and_cache(&app, "/dashboard-0123abcd.js").await;
    assert_eq!(status, 200);
    assert_eq!(cache, "public, max-age=31536000, immutable");
    let (status, cache, _) = text_and_cache(&app, "/widget/widget-4567cdef.wasm").await;
    assert_eq!(status, 200);
    assert_eq!(cache, "public, max-age=31536000, immutable");
}

#[tokio::test]
async fn a_missing_asset_is_a_404_not_the_dashboard() {
    let app = spawn_app().await;
    let (status, _, body) = text_and_cache(&app, "/missing-0000.js").await;
    assert_eq!(status, 404);
    assert!(!body.contains("dashboard"));
}

#[tokio::test]
async fn unknown_api_paths_answer_json_404_never_the_spa() {
    let app = spawn_app().await;
    for path in [
        "/v0/nope",
        "/v0",
        "/api/nope",
        "/api",
        "/v0/bank/credentials/unknown",
    ] {
        let body = assert_error(app.get(path).await, 404, "NOT_FOUND").await;
        assert!(body.error.contains(path), "{path}: {}", body.error);
    }
}

#[tokio::test]
async fn a_wrong_method_on_an_api_route_answers_json_405() {
    let app = spawn_app().await;
    let response = app.post("/api/banks", &serde_json::json!({})).await;
    assert_error(response, 405, "METHOD_NOT_ALLOWED").await;
}

#[tokio::test]
async fn responses_do_not_leak_link_tokens_through_the_referrer() {
    let app = spawn_app().await;
    let response = app.get("/link?token=secret").await;
    assert_eq!(response.headers()["referrer-policy"], "no-referrer");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
}
