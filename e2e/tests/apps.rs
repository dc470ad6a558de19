//! Apps in a real browser: create one, copy its credentials, add redirect
//! URIs, generate a link, delete a URI with the confirm step; then use the
//! shown credentials against the JSON API and find the same link.

use bankport_e2e::{Browser, Server, find};
use serde_json::{Value, json};

const PASSWORD: &str = "a long and unusual passphrase";

async fn log_in(browser: &mut Browser, server: &Server, email: &str) -> anyhow::Result<()> {
    server.confirmed_integrator(email, PASSWORD).await?;
    browser.log_in(server, email, PASSWORD).await
}

async fn text_of(browser: &Browser, query: &str) -> anyhow::Result<String> {
    Ok(browser
        .element(query)
        .await?
        .text()
        .await?
        .trim()
        .to_owned())
}

#[tokio::test]
async fn an_integrator_creates_an_app_registers_uris_and_generates_a_link_the_api_can_see()
-> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut browser = Browser::start(
        "an_integrator_creates_an_app_registers_uris_and_generates_a_link_the_api_can_see",
    )
    .await?;
    log_in(&mut browser, &server, "ana@example.com").await?;
    browser.expect_text("You have no apps yet.").await?;
    browser.screenshot("apps-empty").await?;

    // Create app → Name → Create → the credentials, shown once.
    browser.click(&find::button("Create app")).await?;
    browser.element("#create-app-dialog").await?;
    browser
        .type_into(&find::field("Name"), "Production")
        .await?;
    browser.screenshot("create-app-dialog").await?;
    browser.click(&find::button("Create")).await?;
    let client_id = text_of(&browser, "#new-client-id").await?;
    let client_secret = text_of(&browser, "#new-client-secret").await?;
    browser.expect_text("CLIENT_ID").await?;
    browser.expect_text("CLIENT_SECRET").await?;
    browser
        .expect_text("This is the only time the client secret is shown")
        .await?;
    assert!(
        client_id.len() >= 22 && client_secret.len() >= 43,
        "{client_id} / {client_secret}"
    );
    browser
        .click(&find::button_near("CLIENT_SECRET", "Copy"))
        .await?;
    browser.screenshot("credentials-shown-once").await?;
    browser.click(&find::button("Done")).await?;

    // The tile, then View.
    browser.expect_text(&client_id).await?;
    assert!(
        !browser.visible_text().await?.contains(&client_secret),
        "the secret is gone once closed"
    );
    browser.screenshot("apps-with-tile").await?;
    browser.click(&find::link("View")).await?;
    browser
        .element("//h1[normalize-space(.)='Production']")
        .await?;

    // Generate link is disabled and explains why while there is no URI.
    let generate = browser.element(&find::button("Generate link")).await?;
    assert!(
        !generate.is_enabled().await?,
        "disabled without a redirect URI"
    );
    browser.expect_text("Add a redirect URI first").await?;

    // Add redirect URI → Redirect URI → Save: an invalid one is explained, then fixed.
    browser.click(&find::button("Add redirect URI")).await?;
    browser
        .type_into(&find::field("Redirect URI"), "http://example.com/callback")
        .await?;
    browser.click(&find::button("Save")).await?;
    browser.expect_text("Use https").await?;
    browser.screenshot("invalid-redirect-uri").await?;
    browser
        .type_into(&find::field("Redirect URI"), "https://example.com/callback")
        .await?;
    browser.click(&find::button("Save")).await?;
    browser
        .element("//code[normalize-space(.)='https://example.com/callback']")
        .await?;

    browser.click(&find::button("Add redirect URI")).await?;
    browser
        .type_into(&find::field("Redirect URI"), "https://example.com/other")
        .await?;
    browser.click(&find::button("Save")).await?;
    browser
        .element("//code[normalize-space(.)='https://example.com/other']")
        .await?;
    browser.screenshot("two-redirect-uris").await?;

    // Generate link → Redirect URI → Generate → the URL with Copy.
    browser.click(&find::button("Generate link")).await?;
    browser
        .select("#link-redirect-uri", "https://example.com/callback")
        .await?;
    browser.type_into(&find::field("Name"), "Checkout").await?;
    browser.click(&find::button("Generate")).await?;
    let link_url = text_of(&browser, "#new-link-url").await?;
    assert!(
        link_url.starts_with(&server.url("/link?token=")),
        "{link_url}"
    );
    browser.screenshot("link-generated").await?;
    let link_token = link_url.split("token=").nth(1).unwrap().to_owned();

    // Delete a URI with the confirm step; the one the link uses stays.
    browser
        .click(&find::button_near("https://example.com/other", "Delete"))
        .await?;
    browser
        .click(&find::button_near("https://example.com/other", "Confirm"))
        .await?;
    browser
        .expect_count("//code[normalize-space(.)='https://example.com/other']", 0)
        .await?;
    browser.screenshot("uri-deleted").await?;

    // Part two: the shown credentials work against the JSON API.
    let http = reqwest::Client::new();
    let token: Value = http
        .post(server.url("/v0/token"))
        .json(&json!({ "client_id": client_id, "client_secret": client_secret, "grant_type": "client_credentials" }))
        .send()
        .await?
        .json()
        .await?;
    let access = token["access_token"].as_str().expect("an access token");
    let links: Value = http
        .post(server.url("/v0/links/list-links"))
        .bearer_auth(access)
        .json(&json!({}))
        .send()
        .await?
        .json()
        .await?;
    assert_eq!(links["count"], 1);
    assert_eq!(links["items"][0]["token"], link_token.as_str());
    assert_eq!(links["items"][0]["name"], "Checkout");
    assert_eq!(
        links["items"][0]["redirect_uri"],
        "https://example.com/callback"
    );

    browser.expect_fits_phone_width().await?;
    browser.screenshot("app-page-phone").await?;
    browser.close().await
}
