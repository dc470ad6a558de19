//! The dashboard's entry point, in a real browser.

use bankport_e2e::{Browser, Server, find};

#[tokio::test]
async fn the_landing_page_offers_sign_up_and_log_in() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut browser = Browser::start("the_landing_page_offers_sign_up_and_log_in").await?;

    browser
        .open(&server.url("/"), &find::link("Sign up"))
        .await?;
    browser.element(&find::link("Log in")).await?;
    browser
        .expect_text("Connect your users' bank accounts")
        .await?;
    browser.screenshot("landing").await?;

    browser.close().await
}
