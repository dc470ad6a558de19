//! The link widget's bank chooser, in a real browser.

use bankport_e2e::{Browser, Server, find};

#[tokio::test]
async fn the_bank_chooser_lists_banks_and_filters_as_you_type() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let setup = server
        .integrator_with_link("ana@example.com", "https://example.com/cb")
        .await?;
    let mut browser =
        Browser::start("the_bank_chooser_lists_banks_and_filters_as_you_type").await?;

    browser
        .open(
            &server.url(&format!("/link?token={}", setup.link_token)),
            "#bank-box",
        )
        .await?;
    browser.expect_text("Select your bank").await?;
    let title = browser
        .element(&find::id("title-select-bank"))
        .await?
        .text()
        .await?;
    assert_eq!(title, "Select your bank");
    for documented in ["background", "div-select-bank", "input-search-bank"] {
        browser.element(&find::id(documented)).await?;
    }
    let all = browser.elements("#bank-box").await?.len();
    assert!(
        all >= 5,
        "the sandbox offers at least five banks, saw {all}"
    );
    assert_eq!(
        browser.elements("#bank-img").await?.len(),
        all,
        "every bank has a logo"
    );
    browser.screenshot("bank-list").await?;

    // Accent- and case-insensitive: "atlantico" finds "Banco Atlântico".
    browser.type_into("#input-search-bank", "atlantico").await?;
    browser.expect_count("#bank-box", 1).await?;
    assert_eq!(browser.texts(".bank-name").await?, ["Banco Atlântico"]);
    browser.screenshot("filtered").await?;

    browser
        .type_into("#input-search-bank", "no such bank")
        .await?;
    browser.expect_count("#bank-box", 0).await?;
    browser
        .expect_text("No bank matches “no such bank”.")
        .await?;
    browser.screenshot("no-match").await?;

    browser.type_into("#input-search-bank", "").await?;
    browser.expect_count("#bank-box", all).await?;

    browser.close().await
}

#[tokio::test]
async fn a_link_without_a_token_explains_it_cannot_be_used() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut browser = Browser::start("a_link_without_a_token_explains_it_cannot_be_used").await?;

    browser
        .open(&server.url("/link"), "#div-invalid-link")
        .await?;
    browser
        .expect_text("Invalid provided link, please generate a new one.")
        .await?;
    // An unknown token reads the same.
    browser
        .open(
            &server.url("/link?token=not-a-real-link"),
            "#div-invalid-link",
        )
        .await?;
    browser
        .expect_text("Invalid provided link, please generate a new one.")
        .await?;
    assert!(browser.elements("#bank-box").await?.is_empty());
    browser.screenshot("invalid-link").await?;

    browser.close().await
}
