//! Re-authorising an existing connection through the link, in a real
//! browser: SCA renewal (`sca_token`) and a reset after a block
//! (`reset_token`). The credentials_token never changes, and the data is
//! readable again afterwards.

use std::time::Duration;

use bankport_e2e::{Browser, LinkSetup, RedirectReceiver, Server, find};
use serde_json::{Value, json};

const BANK: &str = "sandbox-es";

async fn api(
    server: &Server,
    token: &str,
    path: &str,
    body: Value,
) -> anyhow::Result<(u16, Value)> {
    let response = reqwest::Client::new()
        .post(server.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await?;
    Ok((response.status().as_u16(), response.json().await?))
}

/// Exchanges the code the receiver got; returns the credentials_token.
async fn exchange(
    server: &Server,
    token: &str,
    receiver: &mut RedirectReceiver,
) -> anyhow::Result<String> {
    let query = receiver.next().await?;
    let code = query.get("code").expect("a code on the redirect URI");
    let (status, body) = api(server, token, "/v0/platform/link", json!({ "code": code })).await?;
    assert_eq!(status, 200, "{body}");
    Ok(body["credentials_token"].as_str().unwrap().to_owned())
}

/// Polls the credential's status until `done` holds.
async fn status_until(
    server: &Server,
    token: &str,
    credentials_token: &str,
    what: &str,
    done: impl Fn(&Value) -> bool,
) -> anyhow::Result<Value> {
    for _ in 0..300 {
        let (code, body) = api(
            server,
            token,
            "/v0/bank/credentials/status",
            json!({ "credentials_token": credentials_token }),
        )
        .await?;
        assert_eq!(code, 200, "{body}");
        if done(&body) {
            return Ok(body);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    anyhow::bail!("timed out waiting for {what}")
}

/// Connects `username` through the widget with `bank=` and returns the
/// exchanged credentials_token.
async fn connect(
    browser: &Browser,
    server: &Server,
    setup: &LinkSetup,
    api_token: &str,
    receiver: &mut RedirectReceiver,
    username: &str,
) -> anyhow::Result<String> {
    let url = format!("/link?token={}&bank={BANK}", setup.link_token);
    browser.open(&server.url(&url), "#div-login").await?;
    browser
        .type_into(&find::field("Username"), username)
        .await?;
    browser
        .type_into(&find::field("Password"), "pass_good")
        .await?;
    browser.click(&find::button("Connect")).await?;
    exchange(server, api_token, receiver).await
}

/// Opens the Users panel (already logged in) and waits for `credentials_token`.
async fn users_panel(
    browser: &Browser,
    server: &Server,
    credentials_token: &str,
) -> anyhow::Result<()> {
    browser
        .open(&server.url("/users"), &find::text(credentials_token))
        .await
}

async fn accounts(
    server: &Server,
    token: &str,
    credentials_token: &str,
) -> anyhow::Result<Vec<Value>> {
    let (status, body) = api(
        server,
        token,
        "/v0/bank/credentials/account",
        json!({ "credentials_token": credentials_token }),
    )
    .await?;
    assert_eq!(status, 200, "{body}");
    Ok(body.as_array().cloned().unwrap_or_default())
}

#[tokio::test]
async fn an_sca_renewal_keeps_the_credentials_token_and_data_flows_again() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut receiver = RedirectReceiver::start().await?;
    let setup = server
        .integrator_with_link("renew@example.com", &receiver.callback())
        .await?;
    let api_token = server.access_token(&setup).await?;
    let mut browser =
        Browser::start("an_sca_renewal_keeps_the_credentials_token_and_data_flows_again").await?;

    let credentials_token = connect(
        &browser,
        &server,
        &setup,
        &api_token,
        &mut receiver,
        "user_sca_renew",
    )
    .await?;
    let status = status_until(
        &server,
        &api_token,
        &credentials_token,
        "an sca_token",
        |s| s["sca_token"].is_string(),
    )
    .await?;
    let sca_token = status["sca_token"].as_str().unwrap().to_owned();

    // The integrator sees it in the Users panel, with a link to send.
    browser
        .log_in(&server, &setup.email, &setup.password)
        .await?;
    users_panel(&browser, &server, &credentials_token).await?;
    browser.expect_text("Needs SCA").await?;
    browser
        .element(&find::button("Copy re-authorisation link"))
        .await?;
    browser.screenshot("users-needs-sca").await?;

    // The end user opens the re-authorisation link: only the code is asked.
    let url = format!(
        "/link?token={}&sca_token={sca_token}&bank={BANK}&session=renewal",
        setup.link_token
    );
    browser.open(&server.url(&url), "#div-sca").await?;
    browser.expect_count("#div-login", 0).await?;
    browser.screenshot("sca-renewal-step").await?;
    browser.type_into(&find::field("Code"), "123456").await?;
    browser.click(&find::button("Verify")).await?;
    let renewed = exchange(&server, &api_token, &mut receiver).await?;
    assert_eq!(
        renewed, credentials_token,
        "the credentials_token never changes"
    );

    status_until(
        &server,
        &api_token,
        &credentials_token,
        "the renewed extraction",
        |s| s["sca_token"].is_null() && s["pending"] == false,
    )
    .await?;
    assert!(
        !accounts(&server, &api_token, &credentials_token)
            .await?
            .is_empty()
    );

    // Used once: the same link is now an invalid link.
    browser.open(&server.url(&url), "#background").await?;
    browser.expect_text("Invalid provided link").await?;
    browser.screenshot("sca-link-used").await?;

    users_panel(&browser, &server, &credentials_token).await?;
    browser.expect_text("Ready").await?;
    browser
        .expect_count(&find::button("Copy re-authorisation link"), 0)
        .await?;
    browser.screenshot("users-ready-again").await?;
    browser.close().await
}

#[tokio::test]
async fn a_blocked_connection_is_reset_by_logging_in_again() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut receiver = RedirectReceiver::start().await?;
    let setup = server
        .integrator_with_link("reset@example.com", &receiver.callback())
        .await?;
    let api_token = server.access_token(&setup).await?;
    let mut browser = Browser::start("a_blocked_connection_is_reset_by_logging_in_again").await?;

    let credentials_token = connect(
        &browser,
        &server,
        &setup,
        &api_token,
        &mut receiver,
        "user_blocked",
    )
    .await?;
    let status = status_until(&server, &api_token, &credentials_token, "the block", |s| {
        s["blocked"] == true && s["reset_token"].is_string()
    })
    .await?;
    let reset_token = status["reset_token"].as_str().unwrap().to_owned();

    browser
        .log_in(&server, &setup.email, &setup.password)
        .await?;
    users_panel(&browser, &server, &credentials_token).await?;
    browser.expect_text("Blocked").await?;
    browser.screenshot("users-blocked").await?;

    // No `bank` needed: the widget opens the credential's bank's form.
    let url = format!("/link?token={}&reset_token={reset_token}", setup.link_token);
    browser.open(&server.url(&url), "#div-login").await?;
    browser.expect_text("Banco Arenal").await?;
    browser.screenshot("reset-login-form").await?;
    // Someone else's login of that bank does not reset this connection.
    browser
        .type_into(&find::field("Username"), "user_good")
        .await?;
    browser
        .type_into(&find::field("Password"), "pass_good")
        .await?;
    browser.click(&find::button("Connect")).await?;
    // The widget words bank errors itself (in the end user's language).
    browser
        .expect_text("The bank did not accept these credentials.")
        .await?;
    browser.screenshot("reset-wrong-login").await?;

    browser.open(&server.url(&url), "#div-login").await?;
    browser
        .type_into(&find::field("Username"), "user_blocked")
        .await?;
    browser
        .type_into(&find::field("Password"), "pass_good")
        .await?;
    browser.click(&find::button("Connect")).await?;
    let reset = exchange(&server, &api_token, &mut receiver).await?;
    assert_eq!(
        reset, credentials_token,
        "the credentials_token never changes"
    );

    status_until(
        &server,
        &api_token,
        &credentials_token,
        "the unblocked extraction",
        |s| s["blocked"] == false && s["reset_token"].is_null() && s["pending"] == false,
    )
    .await?;
    assert!(
        !accounts(&server, &api_token, &credentials_token)
            .await?
            .is_empty()
    );
    users_panel(&browser, &server, &credentials_token).await?;
    browser.expect_text("Ready").await?;
    browser.screenshot("users-reset-ready").await?;
    browser.close().await
}
