//! Integrator accounts in a real browser: sign up, confirm by email (real
//! SMTP), log in, reach the dashboard, log out; and the route guard.

use bankport_e2e::{Browser, Server, find};

const PASSWORD: &str = "a long and unusual passphrase";

async fn sign_up(browser: &mut Browser, server: &Server, email: &str) -> anyhow::Result<()> {
    browser
        .open(&server.url("/signup"), &find::field("Company"))
        .await?;
    browser
        .type_into(&find::field("Company"), "Acme Payments")
        .await?;
    browser.type_into(&find::field("Email"), email).await?;
    browser
        .type_into(&find::field("Password"), PASSWORD)
        .await?;
    browser.screenshot("sign-up-filled").await?;
    browser.click(&find::button("Sign up")).await?;
    browser.expect_text("Check your email").await?;
    browser.screenshot("check-your-email").await?;
    Ok(())
}

async fn log_in(browser: &mut Browser, email: &str) -> anyhow::Result<()> {
    browser.type_into(&find::field("Email"), email).await?;
    browser
        .type_into(&find::field("Password"), PASSWORD)
        .await?;
    browser.screenshot("log-in-filled").await?;
    browser.click(&find::button("Log in")).await?;
    Ok(())
}

#[tokio::test]
async fn a_new_integrator_signs_up_confirms_by_email_and_logs_in() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut browser =
        Browser::start("a_new_integrator_signs_up_confirms_by_email_and_logs_in").await?;

    sign_up(&mut browser, &server, "ana@example.com").await?;

    // Logging in before confirming explains what to do.
    browser
        .open(&server.url("/login"), &find::field("Email"))
        .await?;
    log_in(&mut browser, "ana@example.com").await?;
    browser.expect_text("Confirm your email").await?;
    browser
        .element(&find::button("Resend confirmation email"))
        .await?;
    browser.screenshot("not-confirmed-yet").await?;

    let link = server
        .link_in_email("ana@example.com", 0, "/confirm?token=")
        .await?;
    browser.open(&link, &find::text("Email confirmed")).await?;
    browser.screenshot("email-confirmed").await?;

    browser.click(&find::link("Log in")).await?;
    browser.element(&find::field("Email")).await?;
    log_in(&mut browser, "ana@example.com").await?;
    browser.element("//h1[normalize-space(.)='Apps']").await?;
    for nav in ["Apps", "Users", "Custom CSS"] {
        browser.element(&find::link(nav)).await?;
    }
    browser.expect_text("Acme Payments").await?;
    browser.screenshot("apps-first-dashboard-screen").await?;

    browser.click(&find::link("Users")).await?;
    browser.element("//h1[normalize-space(.)='Users']").await?;

    // Log out (in the account menu) and the guard keeps the dashboard closed.
    browser.click("//summary[contains(normalize-space(.), 'Acme Payments')] | //button[contains(normalize-space(.), 'Acme Payments')]").await?;
    browser.click(&find::button("Log out")).await?;
    browser.element(&find::button("Log in")).await?;
    browser
        .open(&server.url("/apps"), &find::button("Log in"))
        .await?;
    browser.screenshot("logged-out").await?;

    browser.close().await
}

#[tokio::test]
async fn a_guarded_page_sends_visitors_to_log_in_and_back() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut browser = Browser::start("a_guarded_page_sends_visitors_to_log_in_and_back").await?;
    sign_up(&mut browser, &server, "bob@example.com").await?;
    let link = server
        .link_in_email("bob@example.com", 0, "/confirm?token=")
        .await?;
    browser.open(&link, &find::text("Email confirmed")).await?;

    browser
        .open(&server.url("/custom-css"), &find::button("Log in"))
        .await?;
    let url = browser.client.current_url().await?;
    assert_eq!(url.path(), "/login");
    assert_eq!(url.query(), Some("next=%2Fcustom-css"));

    log_in(&mut browser, "bob@example.com").await?;
    browser
        .element("//h1[normalize-space(.)='Custom CSS']")
        .await?;
    browser.screenshot("back-where-they-were-going").await?;

    // The shell works on a phone: nothing wider than the screen.
    browser.expect_fits_phone_width().await?;
    browser.screenshot("phone-width-dashboard").await?;
    browser.close().await
}

#[tokio::test]
async fn sign_up_errors_are_shown_next_to_their_fields_and_keep_what_was_typed()
-> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut browser =
        Browser::start("sign_up_errors_are_shown_next_to_their_fields_and_keep_what_was_typed")
            .await?;
    browser
        .open(&server.url("/signup"), &find::field("Company"))
        .await?;
    browser.expect_fits_phone_width().await?;
    browser.type_into(&find::field("Company"), "Acme").await?;
    browser
        .type_into(&find::field("Email"), "not-an-email")
        .await?;
    browser
        .type_into(&find::field("Password"), "Password123456")
        .await?;
    browser.click(&find::button("Sign up")).await?;
    browser
        .expect_text("Enter an email address like name@example.com.")
        .await?;

    browser
        .type_into(&find::field("Email"), "ana@example.com")
        .await?;
    browser.click(&find::button("Sign up")).await?;
    browser.expect_text("too common").await?;
    let email = browser
        .element(&find::field("Email"))
        .await?
        .prop("value")
        .await?;
    assert_eq!(
        email.as_deref(),
        Some("ana@example.com"),
        "nothing typed is lost"
    );
    let invalid = browser
        .element(&find::field("Password"))
        .await?
        .attr("aria-invalid")
        .await?;
    assert_eq!(invalid.as_deref(), Some("true"));
    browser.screenshot("password-too-common").await?;
    browser.close().await
}

#[tokio::test]
async fn a_forgotten_password_is_reset_by_email() -> anyhow::Result<()> {
    let server = Server::start().await?;
    let mut browser = Browser::start("a_forgotten_password_is_reset_by_email").await?;
    sign_up(&mut browser, &server, "cara@example.com").await?;
    let confirm = server
        .link_in_email("cara@example.com", 0, "/confirm?token=")
        .await?;
    browser
        .open(&confirm, &find::text("Email confirmed"))
        .await?;

    browser
        .open(&server.url("/login"), &find::link("Forgot password?"))
        .await?;
    browser.click(&find::link("Forgot password?")).await?;
    browser
        .type_into(&find::field("Email"), "cara@example.com")
        .await?;
    browser.click(&find::button("Send reset link")).await?;
    browser
        .expect_text("If an account exists for that email")
        .await?;
    browser.screenshot("reset-link-sent").await?;

    let reset = server
        .link_in_email("cara@example.com", 1, "/reset-password?token=")
        .await?;
    browser.open(&reset, &find::field("New password")).await?;
    browser
        .type_into(&find::field("New password"), "a brand new long passphrase")
        .await?;
    browser.click(&find::button("Set new password")).await?;
    browser.expect_text("Your password was changed").await?;
    browser.screenshot("password-changed").await?;

    browser.click(&find::link("Log in")).await?;
    browser
        .type_into(&find::field("Email"), "cara@example.com")
        .await?;
    browser
        .type_into(&find::field("Password"), "a brand new long passphrase")
        .await?;
    browser.click(&find::button("Log in")).await?;
    browser.element("//h1[normalize-space(.)='Apps']").await?;
    browser.close().await
}
