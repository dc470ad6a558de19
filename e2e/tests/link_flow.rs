//! End users connecting their bank through a link, in a real browser, with
//! the integrator's redirect URI served by a receiver in the test.

use bankport_e2e::{Browser, RedirectReceiver, Server, find};
use serde_json::{Value, json};

async fn exchange(server: &Server, token: &str, code: &str) -> anyhow::Result<(u16, Value)> {
    let response = reqwest::Client::new()
        .post(server.url("/v0/platform/link"))
        .bearer_auth(token)
        .json(&json!({ "code": code }))
        .send()
        .await?;
    Ok((response.status().as_u16(), response.json().await?))
}

#[tokio::test]
async fn an_end_user_connects_with_sca_and_the_integrator_exchanges_the_code() -> anyhow::Result<()>
{
    let server = Server::start().await?;
    let mut receiver = RedirectReceiver::start().await?;
    let setup = server
        .integrator_with_link("ana@example.com", &receiver.callback())
        .await?;
    let mut browser =
        Browser::start("an_end_user_connects_with_sca_and_the_integrator_exchanges_the_code")
            .await?;

    let url = format!(
        "/link?token={}&user=42&campaign=spring&external_id=cust-42",
        setup.link_token
    );
    browser.open(&server.url(&url), "#bank-box").await?;
    browser.screenshot("bank-chooser").await?;
    browser.type_into("#input-search-bank", "arenal").await?;
    browser.expect_count("#bank-box", 1).await?;
    browser.click("#bank-box").await?;

    browser.element("#div-login").await?;
    browser
        .expect_text("Sandbox bank for testing. Password: pass_good.")
        .await?;
    browser
        .type_into(&find::field("Username"), "user_sca")
        .await?;
    browser
        .type_into(&find::field("Password"), "pass_good")
        .await?;
    browser.screenshot("login-form").await?;
    browser.click(&find::button("Connect")).await?;

    browser.element("#div-sca").await?;
    browser.screenshot("sca-step").await?;
    browser.type_into(&find::field("Code"), "123456").await?;
    browser.click(&find::button("Verify")).await?;

    let query = receiver.next().await?;
    let code = query
        .get("code")
        .expect("a code on the redirect URI")
        .clone();
    assert!(!query.contains_key("delayed"));
    browser.expect_text("Back at the integrator").await?;

    let token = server.access_token(&setup).await?;
    let (status, body) = exchange(&server, &token, &code).await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["message"], "Successfully retrieved");
    assert_eq!(body["extra"], json!({ "campaign": "spring", "user": "42" }));
    assert_eq!(body["link_token"], setup.link_token.as_str());
    let credentials_token = body["credentials_token"].as_str().unwrap().to_owned();

    // The Users panel lists the new connection.
    browser
        .log_in(&server, &setup.email, &setup.password)
        .await?;
    browser.click(&find::link("Users")).await?;
    browser.expect_text(&credentials_token).await?;
    browser.expect_text("cust-42").await?;
    browser.expect_text("Banco Arenal").await?;
    browser.screenshot("users-panel").await?;
    browser.close().await
}

#[tokio::test]
async fn a_delayed_connection_answers_202_until_the_security_checks_finish() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut receiver = RedirectReceiver::start().await?;
    let setup = server
        .integrator_with_link("ana@example.com", &receiver.callback())
        .await?;
    let mut browser =
        Browser::start("a_delayed_connection_answers_202_until_the_security_checks_finish").await?;

    // `bank=` skips the chooser.
    let url = format!("/link?token={}&bank=sandbox-fr", setup.link_token);
    browser.open(&server.url(&url), "#div-login").await?;
    browser.screenshot("bank-preselected").await?;
    browser
        .type_into(&find::field("Username"), "user_delayed")
        .await?;
    browser
        .type_into(&find::field("Password"), "pass_good")
        .await?;
    browser.click(&find::button("Connect")).await?;
    let query = receiver.next().await?;
    assert_eq!(query.get("delayed").map(String::as_str), Some("true"));
    let code = query["code"].clone();

    let token = server.access_token(&setup).await?;
    let (status, body) = exchange(&server, &token, &code).await?;
    assert_eq!(status, 202, "{body}");
    let mut last = status;
    for _ in 0..100 {
        (last, _) = exchange(&server, &token, &code).await?;
        if last != 202 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(last, 200, "ready once the sandbox's checks finish");
    browser.close().await
}

#[tokio::test]
async fn a_wrong_password_stays_in_the_widget_unless_rollback_sends_it_back() -> anyhow::Result<()>
{
    let server = Server::start().await?;
    let mut receiver = RedirectReceiver::start().await?;
    let setup = server
        .integrator_with_link("ana@example.com", &receiver.callback())
        .await?;
    let mut browser =
        Browser::start("a_wrong_password_stays_in_the_widget_unless_rollback_sends_it_back")
            .await?;

    let url = format!("/link?token={}&bank=sandbox-es", setup.link_token);
    browser.open(&server.url(&url), "#div-login").await?;
    browser
        .type_into(&find::field("Username"), "user_good")
        .await?;
    browser
        .type_into(&find::field("Password"), "wrong password")
        .await?;
    browser.click(&find::button("Connect")).await?;
    browser.element("#div-error").await?;
    browser
        .expect_text("The bank did not accept these credentials. Check them and try again.")
        .await?;
    browser.screenshot("invalid-credentials").await?;
    browser.click(&find::button("Try again")).await?;
    browser.element("#div-login").await?;

    let rollback = format!(
        "/link?token={}&bank=sandbox-es&rollback=true&user=42",
        setup.link_token
    );
    browser.open(&server.url(&rollback), "#div-login").await?;
    browser
        .type_into(&find::field("Username"), "user_good")
        .await?;
    browser
        .type_into(&find::field("Password"), "wrong password")
        .await?;
    browser.click(&find::button("Connect")).await?;
    let query = receiver.next().await?;
    assert_eq!(
        query.get("error").map(String::as_str),
        Some("INVALID_CREDENTIALS")
    );
    assert_eq!(query.get("user").map(String::as_str), Some("42"));
    assert!(!query.contains_key("code"));
    browser.close().await
}

#[tokio::test]
async fn the_mobile_flow_finds_the_code_through_the_api_with_its_extras() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let receiver = RedirectReceiver::start().await?;
    let setup = server
        .integrator_with_link("ana@example.com", &receiver.callback())
        .await?;
    let mut browser =
        Browser::start("the_mobile_flow_finds_the_code_through_the_api_with_its_extras").await?;

    let url = format!(
        "/link?token={}&bank=sandbox-es-doc&device=phone-7",
        setup.link_token
    );
    browser.open(&server.url(&url), "#div-login").await?;
    browser.select(&find::field("Document type"), "NIE").await?;
    browser
        .type_into(&find::field("Document number"), "user_good")
        .await?;
    browser
        .type_into(&find::field("Password"), "pass_good")
        .await?;
    browser.screenshot("document-login").await?;
    browser.click(&find::button("Connect")).await?;
    browser.expect_text("Back at the integrator").await?;

    // The app never reads the redirect: it asks the API for unused codes.
    let token = server.access_token(&setup).await?;
    let codes: Value = reqwest::Client::new()
        .get(server.url(&format!(
            "/v0/platform/link?link_token={}",
            setup.link_token
        )))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let items = codes.as_array().expect("a list");
    assert_eq!(items.len(), 1, "{codes}");
    assert_eq!(items[0]["extra"], json!({ "device": "phone-7" }));
    let (status, body) = exchange(&server, &token, items[0]["code"].as_str().unwrap()).await?;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["extra"]["device"], "phone-7");
    browser.close().await
}

#[tokio::test]
async fn a_spanish_browser_gets_the_widget_in_spanish() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let receiver = RedirectReceiver::start().await?;
    let setup = server
        .integrator_with_link("ana@example.com", &receiver.callback())
        .await?;
    let mut browser =
        Browser::start_in("a_spanish_browser_gets_the_widget_in_spanish", "es-ES").await?;

    browser
        .open(
            &server.url(&format!("/link?token={}", setup.link_token)),
            "#bank-box",
        )
        .await?;
    browser.expect_text("Selecciona tu banco").await?;
    browser.screenshot("bank-chooser-es").await?;
    browser.type_into("#input-search-bank", "meseta").await?;
    browser.expect_count("#bank-box", 1).await?;
    browser.click("#bank-box").await?;
    browser.element("#div-login").await?;
    browser.expect_text("Inicia sesión en Caja Meseta").await?;
    browser
        .type_into(&find::field("Document number"), "user_good")
        .await?;
    browser.type_into(&find::field("Password"), "wrong").await?;
    browser.click(&find::button("Conectar")).await?;
    browser.element("#div-error").await?;
    browser
        .expect_text("El banco no ha aceptado estas credenciales.")
        .await?;
    browser.screenshot("error-es").await?;
    browser.close().await
}
