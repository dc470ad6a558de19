use crate::helpers::spawn_app;

#[tokio::test]
async fn healthz_answers_ok() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
}

#[tokio::test]
async fn readyz_answers_ready_while_the_database_is_up() {
    let app = spawn_app().await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status().as_u16(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ready");
}

#[tokio::test]
async fn readyz_answers_503_with_an_error_body_once_the_database_is_gone() {
    let app = spawn_app().await;
    // Closing the pool the server uses is the closest a test gets to pulling
    // the database's plug without touching other tests.
    app.app_db.clone().close().await.unwrap();
    let response = app.get("/readyz").await;
    crate::helpers::assert_error(response, 503, "SERVICE_UNAVAILABLE").await;
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_keeps_a_proxys_one() {
    let app = spawn_app().await;
    let generated = app.get("/healthz").await;
    let id = generated.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(id.len(), 32);

    let forwarded = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "lb-0123456789")
        .send()
        .await
        .unwrap();
    assert_eq!(forwarded.headers()["x-request-id"], "lb-0123456789");

    let forged = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "x")
        .send()
        .await
        .unwrap();
    assert_ne!(forged.headers()["x-request-id"], "x");
}
