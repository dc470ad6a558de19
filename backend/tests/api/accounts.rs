//! Integrator accounts: sign-up, confirmation by email over real SMTP,
//! log-in, sessions, throttling and password reset.

use std::time::Duration;

use bankport_backend::db::entities::{
    account, account_token, login_throttle, outbox_email, session,
};
use bankport_shared::account::MeResponse;
use chrono::Utc;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, spawn_app, spawn_app_without_smtp};

const PASSWORD: &str = "a long and unusual passphrase";
const MAIL_WAIT: Duration = Duration::from_secs(15);

fn signup_body(email: &str) -> Value {
    json!({ "company": "Acme Payments", "email": email, "password": PASSWORD })
}

/// The token in the `n`-th email to `to` whose link starts with `path`.
async fn token_from_email(app: &TestApp, to: &str, n: usize, path: &str) -> String {
    let mail = app
        .smtp
        .wait_for_nth(to, n, MAIL_WAIT)
        .await
        .unwrap_or_else(|| panic!("email #{n} to {to} did not arrive"));
    let link = mail
        .link_starting_with(&format!("{}{path}?token=", app.address))
        .unwrap_or_else(|| panic!("no {path} link in:\n{}", mail.text()));
    link.split("token=").nth(1).unwrap().to_owned()
}

/// Signs up and confirms; returns nothing, leaves the client logged out.
async fn confirmed_account(app: &TestApp, email: &str) {
    assert_eq!(
        app.post("/api/auth/signup", &signup_body(email))
            .await
            .status()
            .as_u16(),
        200
    );
    let token = token_from_email(app, email, 0, "/confirm").await;
    assert_eq!(
        app.post("/api/auth/confirm", &json!({ "token": token }))
            .await
            .status()
            .as_u16(),
        200
    );
}

async fn login(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(app.url("/api/auth/login"))
        .header("origin", &app.address)
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap()
}

async fn me_status(app: &TestApp, client: &reqwest::Client) -> u16 {
    client
        .get(app.url("/api/auth/me"))
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn sign_up_confirm_log_in_me_and_log_out() {
    let app = spawn_app().await;
    let response = app
        .post("/api/auth/signup", &signup_body("  Ana@Example.COM "))
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Check your email")
    );

    // The email is normalised: the message goes to the lower-cased domain.
    let mail = app
        .smtp
        .wait_for("Ana@example.com", MAIL_WAIT)
        .await
        .expect("confirmation email");
    assert_eq!(mail.subject(), "Confirm your Bankport account");
    assert!(mail.html().contains("Confirm my email"), "an HTML body too");
    assert!(mail.text().contains("Acme Payments"));

    // Not confirmed yet: no log-in.
    let early = login(&app, &app.client, "ana@example.com", PASSWORD).await;
    assert_error(early, 403, "EMAIL_NOT_CONFIRMED").await;

    let token = token_from_email(&app, "Ana@example.com", 0, "/confirm").await;
    let confirmed = app
        .post("/api/auth/confirm", &json!({ "token": token }))
        .await;
    assert_eq!(confirmed.status().as_u16(), 200);

    assert_eq!(me_status(&app, &app.client).await, 401);
    let logged_in = login(&app, &app.client, "Ana@EXAMPLE.com", PASSWORD).await;
    assert_eq!(logged_in.status().as_u16(), 200);
    let cookie = logged_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    for attribute in ["bankport_session=", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
    let me: MeResponse = logged_in.json().await.unwrap();
    assert_eq!(
        me,
        MeResponse {
            email: "Ana@example.com".into(),
            company: "Acme Payments".into()
        }
    );

    let me_again: MeResponse = app.get("/api/auth/me").await.json().await.unwrap();
    assert_eq!(me_again.company, "Acme Payments");

    let out = app.post("/api/auth/logout", &json!({})).await;
    assert_eq!(out.status().as_u16(), 204);
    assert_eq!(me_status(&app, &app.client).await, 401);
    let stored = session::Entity::find().count(&app.app_db).await.unwrap();
    assert_eq!(stored, 0, "log-out deletes the session");
}

#[tokio::test]
async fn a_duplicate_sign_up_is_indistinguishable_and_tells_the_owner_by_email() {
    let app = spawn_app().await;
    confirmed_account(&app, "owner@example.com").await;

    let first = app
        .post("/api/auth/signup", &signup_body("new@example.com"))
        .await;
    let duplicate = app
        .post("/api/auth/signup", &signup_body("owner@example.com"))
        .await;
    assert_eq!(first.status(), duplicate.status());
    let first: Value = first.json().await.unwrap();
    let duplicate: Value = duplicate.json().await.unwrap();
    assert_eq!(first, duplicate);

    let notice = app
        .smtp
        .wait_for_nth("owner@example.com", 1, MAIL_WAIT)
        .await
        .expect("a notice to the owner");
    assert_eq!(notice.subject(), "You already have a Bankport account");
    assert!(
        notice
            .text()
            .contains(&format!("{}/forgot-password", app.address))
    );
    assert_eq!(account::Entity::find().count(&app.app_db).await.unwrap(), 2);
}

#[tokio::test]
async fn confirmation_tokens_are_single_use_expire_and_cannot_be_forged() {
    let app = spawn_app().await;
    app.post("/api/auth/signup", &signup_body("ana@example.com"))
        .await;
    let token = token_from_email(&app, "ana@example.com", 0, "/confirm").await;

    // Forged: well-formed but unknown, and malformed.
    let forged = "A".repeat(43);
    assert_error(
        app.post("/api/auth/confirm", &json!({ "token": forged }))
            .await,
        400,
        "INVALID_TOKEN",
    )
    .await;
    assert_error(
        app.post("/api/auth/confirm", &json!({ "token": "x'; DROP" }))
            .await,
        400,
        "INVALID_TOKEN",
    )
    .await;

    // Expired: age it past its 24 hours.
    account_token::Entity::update_many()
        .col_expr(
            account_token::Column::ExpiresAt,
            (Utc::now() - chrono::Duration::minutes(1)).into(),
        )
        .exec(&app.app_db)
        .await
        .unwrap();
    assert_error(
        app.post("/api/auth/confirm", &json!({ "token": token }))
            .await,
        400,
        "INVALID_TOKEN",
    )
    .await;

    // A fresh one works once.
    tokio::time::sleep(Duration::from_millis(10)).await;
    account_token::Entity::delete_many()
        .exec(&app.app_db)
        .await
        .unwrap(); // lift the resend pacing
    app.post(
        "/api/auth/resend-confirmation",
        &json!({ "email": "ana@example.com" }),
    )
    .await;
    let fresh = token_from_email(&app, "ana@example.com", 1, "/confirm").await;
    assert_eq!(
        app.post("/api/auth/confirm", &json!({ "token": fresh }))
            .await
            .status()
            .as_u16(),
        200
    );
    assert_error(
        app.post("/api/auth/confirm", &json!({ "token": fresh }))
            .await,
        400,
        "INVALID_TOKEN",
    )
    .await;

    let stored: Vec<String> = account_token::Entity::find()
        .all(&app.app_db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.token_hash)
        .collect();
    assert!(!stored.contains(&fresh), "tokens are stored hashed");
}

#[tokio::test]
async fn resending_confirmation_answers_the_same_for_unknown_addresses() {
    let app = spawn_app().await;
    app.post("/api/auth/signup", &signup_body("ana@example.com"))
        .await;
    app.smtp
        .wait_for("ana@example.com", MAIL_WAIT)
        .await
        .unwrap();

    let known: Value = app
        .post(
            "/api/auth/resend-confirmation",
            &json!({ "email": "ana@example.com" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let unknown: Value = app
        .post(
            "/api/auth/resend-confirmation",
            &json!({ "email": "nobody@example.com" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(known, unknown);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_answer_identically() {
    let app = spawn_app().await;
    confirmed_account(&app, "ana@example.com").await;

    let wrong = login(
        &app,
        &app.client,
        "ana@example.com",
        "not the right password",
    )
    .await;
    let unknown = login(
        &app,
        &app.client,
        "nobody@example.com",
        "not the right password",
    )
    .await;
    assert_eq!(wrong.status(), unknown.status());
    let mut wrong: Value = wrong.json().await.unwrap();
    let mut unknown: Value = unknown.json().await.unwrap();
    wrong.as_object_mut().unwrap().remove("trace_id");
    unknown.as_object_mut().unwrap().remove("trace_id");
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["code"], "INVALID_CREDENTIALS");
}

#[tokio::test]
async fn repeated_failures_are_throttled_with_retry_after_and_the_lock_expires() {
    let app = spawn_app().await;
    confirmed_account(&app, "ana@example.com").await;

    for _ in 0..5 {
        let response = login(
            &app,
            &app.client,
            "ana@example.com",
            "a wrong password guess",
        )
        .await;
        assert_eq!(response.status().as_u16(), 401);
    }
    let throttled = login(&app, &app.client, "ana@example.com", PASSWORD).await;
    let retry_after: u64 = throttled.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15).contains(&retry_after), "{retry_after}");
    let body = assert_error(throttled, 429, "TOO_MANY_ATTEMPTS").await;
    assert!(body.error.contains("Try again"));

    // Locks end on their own: nobody is locked out for good.
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::LockedUntil,
            (Utc::now() - chrono::Duration::seconds(1)).into(),
        )
        .exec(&app.app_db)
        .await
        .unwrap();
    assert_eq!(
        login(&app, &app.client, "ana@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        200
    );
}

#[tokio::test]
async fn logging_in_again_rotates_the_session() {
    let app = spawn_app().await;
    confirmed_account(&app, "ana@example.com").await;
    let first = login(&app, &app.client, "ana@example.com", PASSWORD).await;
    let old_cookie = first.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    login(&app, &app.client, "ana@example.com", PASSWORD).await;

    let replay = app
        .new_browser()
        .get(app.url("/api/auth/me"))
        .header("cookie", old_cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status().as_u16(), 401, "the old session ended");
    assert_eq!(me_status(&app, &app.client).await, 200);
    assert_eq!(session::Entity::find().count(&app.app_db).await.unwrap(), 1);
}

#[tokio::test]
async fn a_password_reset_ends_every_session_and_replaces_the_password() {
    let app = spawn_app().await;
    confirmed_account(&app, "ana@example.com").await;
    let laptop = app.new_browser();
    let phone = app.new_browser();
    assert_eq!(
        login(&app, &laptop, "ana@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        login(&app, &phone, "ana@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        200
    );

    let answer: Value = app
        .post(
            "/api/auth/forgot-password",
            &json!({ "email": "ana@example.com" }),
        )
        .await
        .json()
        .await
        .unwrap();
    let unknown: Value = app
        .post(
            "/api/auth/forgot-password",
            &json!({ "email": "bob@example.com" }),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(answer, unknown, "no enumeration through the reset form");
    let token = token_from_email(&app, "ana@example.com", 1, "/reset-password").await;

    // A rejected password does not burn the link.
    let weak = app
        .post(
            "/api/auth/reset-password",
            &json!({ "token": token, "password": "password1234" }),
        )
        .await;
    let body = assert_error(weak, 422, "VALIDATION_ERROR").await;
    assert!(body.fields["password"].contains("too common"));

    let new_password = "another quite unusual passphrase";
    let reset = app
        .post(
            "/api/auth/reset-password",
            &json!({ "token": token, "password": new_password }),
        )
        .await;
    assert_eq!(reset.status().as_u16(), 200);
    assert_eq!(me_status(&app, &laptop).await, 401);
    assert_eq!(me_status(&app, &phone).await, 401);

    assert_eq!(
        login(&app, &laptop, "ana@example.com", PASSWORD)
            .await
            .status()
            .as_u16(),
        401
    );
    assert_eq!(
        login(&app, &laptop, "ana@example.com", new_password)
            .await
            .status()
            .as_u16(),
        200
    );
    let reuse = app
        .post(
            "/api/auth/reset-password",
            &json!({ "token": token, "password": "yet another long passphrase" }),
        )
        .await;
    assert_error(reuse, 400, "INVALID_TOKEN").await;
}

#[tokio::test]
async fn cross_site_state_changing_requests_are_refused() {
    let app = spawn_app().await;
    let evil_origin = app
        .client
        .post(app.url("/api/auth/signup"))
        .header("origin", "https://evil.example")
        .json(&signup_body("ana@example.com"))
        .send()
        .await
        .unwrap();
    assert_error(evil_origin, 403, "CROSS_SITE_REQUEST").await;

    let fetch_metadata = app
        .client
        .post(app.url("/api/auth/logout"))
        .header("sec-fetch-site", "cross-site")
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_error(fetch_metadata, 403, "CROSS_SITE_REQUEST").await;

    // What an HTML form on another site can send: no JSON content type.
    let form = app
        .client
        .post(app.url("/api/auth/logout"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("a=b")
        .send()
        .await
        .unwrap();
    assert_error(form, 415, "UNSUPPORTED_MEDIA_TYPE").await;
    assert_eq!(account::Entity::find().count(&app.app_db).await.unwrap(), 0);
}

#[tokio::test]
async fn bad_sign_ups_get_field_errors_and_leave_nothing_behind() {
    let app = spawn_app().await;
    let cases = [
        (
            json!({ "company": "", "email": "nope", "password": "short" }),
            vec!["company", "email", "password"],
        ),
        (
            json!({ "company": "Acme", "email": "ana@example.com", "password": "Password123456" }),
            vec!["password"],
        ),
        (
            json!({ "company": "Acme", "email": "ana@example.com", "password": "x".repeat(129) }),
            vec!["password"],
        ),
        (
            json!({ "company": "A".repeat(101), "email": "ana@example.com", "password": PASSWORD }),
            vec!["company"],
        ),
        (
            json!({ "company": "Acme", "email": format!("{}@example.com", "a".repeat(300)), "password": PASSWORD }),
            vec!["email"],
        ),
    ];
    for (body, fields) in cases {
        let error = assert_error(
            app.post("/api/auth/signup", &body).await,
            422,
            "VALIDATION_ERROR",
        )
        .await;
        assert_eq!(
            error.fields.keys().map(String::as_str).collect::<Vec<_>>(),
            fields,
            "{body}"
        );
    }

    let missing = assert_error(
        app.post("/api/auth/signup", &json!({ "email": "ana@example.com" }))
            .await,
        422,
        "VALIDATION_ERROR",
    )
    .await;
    assert!(missing.error.contains("missing field"), "{}", missing.error);
    let unknown_field =
        json!({ "company": "A", "email": "ana@example.com", "password": PASSWORD, "admin": true });
    let unknown = assert_error(
        app.post("/api/auth/signup", &unknown_field).await,
        422,
        "VALIDATION_ERROR",
    )
    .await;
    assert!(unknown.error.contains("unknown field"), "{}", unknown.error);
    let not_json = app
        .client
        .post(app.url("/api/auth/signup"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_error(not_json, 400, "BAD_REQUEST").await;

    assert_eq!(account::Entity::find().count(&app.app_db).await.unwrap(), 0);
    assert_eq!(
        account_token::Entity::find()
            .count(&app.app_db)
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        outbox_email::Entity::find()
            .count(&app.app_db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn an_smtp_outage_delays_email_but_never_loses_it_or_fails_the_sign_up() {
    let mut app = spawn_app().await;
    app.smtp.stop().await;

    let response = app
        .post("/api/auth/signup", &signup_body("ana@example.com"))
        .await;
    assert_eq!(
        response.status().as_u16(),
        200,
        "the sign-up does not wait for SMTP"
    );

    // Wait until a delivery attempt has failed and been recorded.
    let mut failed = false;
    for _ in 0..100 {
        let row = outbox_email::Entity::find()
            .filter(outbox_email::Column::Recipient.eq("ana@example.com"))
            .one(&app.app_db)
            .await
            .unwrap()
            .unwrap();
        if row.attempts > 0 && row.last_error.is_some() {
            failed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(failed, "the worker tried and recorded the failure");
    assert!(app.smtp.messages().is_empty());

    app.smtp = bankport_smtp_sink::SmtpSink::start_on(&app.smtp)
        .await
        .unwrap();
    let mail = app
        .smtp
        .wait_for("ana@example.com", Duration::from_secs(30))
        .await;
    assert!(mail.is_some(), "the email arrives once SMTP is back");
}

#[tokio::test]
async fn without_smtp_emails_become_eml_files_in_the_data_folder() {
    let app = spawn_app_without_smtp().await;
    app.post("/api/auth/signup", &signup_body("ana@example.com"))
        .await;

    let mail_dir = app.data_dir.path().join("data/mail");
    let mut written = None;
    for _ in 0..100 {
        if let Some(entry) = std::fs::read_dir(&mail_dir).ok().and_then(|mut d| d.next()) {
            written = Some(std::fs::read_to_string(entry.unwrap().path()).unwrap());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let eml = written.expect("an .eml file in data/mail");
    assert!(eml.contains("To: ana@example.com"), "{eml}");
    assert!(eml.contains("Subject: Confirm your Bankport account"));
    assert!(app.smtp.messages().is_empty(), "nothing went over SMTP");
}

#[tokio::test]
async fn an_earlier_unconfirmed_sign_up_cannot_take_over_the_real_owners_account() {
    let app = spawn_app().await;
    let attacker = json!({ "company": "Mallory Ltd", "email": "victim@example.com", "password": "attackers own long passphrase" });
    app.post("/api/auth/signup", &attacker).await;
    app.smtp
        .wait_for("victim@example.com", MAIL_WAIT)
        .await
        .expect("first email");
    // Past the resend pacing, the real owner signs up and confirms.
    account_token::Entity::update_many()
        .col_expr(
            account_token::Column::CreatedAt,
            (Utc::now() - chrono::Duration::minutes(2)).into(),
        )
        .exec(&app.app_db)
        .await
        .unwrap();
    app.post("/api/auth/signup", &signup_body("victim@example.com"))
        .await;
    let token = token_from_email(&app, "victim@example.com", 1, "/confirm").await;
    assert_eq!(
        app.post("/api/auth/confirm", &json!({ "token": token }))
            .await
            .status()
            .as_u16(),
        200
    );

    assert_eq!(
        login(
            &app,
            &app.new_browser(),
            "victim@example.com",
            "attackers own long passphrase"
        )
        .await
        .status()
        .as_u16(),
        401
    );
    let owner = login(&app, &app.client, "victim@example.com", PASSWORD).await;
    assert_eq!(owner.status().as_u16(), 200);
    let me: MeResponse = owner.json().await.unwrap();
    assert_eq!(me.company, "Acme Payments");
}

#[tokio::test]
async fn changing_the_case_of_the_email_does_not_reset_the_throttle() {
    let app = spawn_app().await;
    confirmed_account(&app, "ana@example.com").await;
    for email in [
        "ana@example.com",
        "Ana@example.com",
        "ANA@example.com",
        "aNa@example.com",
        "anA@example.com",
    ] {
        assert_eq!(
            login(&app, &app.client, email, "a wrong password guess")
                .await
                .status()
                .as_u16(),
            401
        );
    }
    let throttled = login(
        &app,
        &app.client,
        "AnA@example.com",
        "a wrong password guess",
    )
    .await;
    assert_error(throttled, 429, "TOO_MANY_ATTEMPTS").await;
}
