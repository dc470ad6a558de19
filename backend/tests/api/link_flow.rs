//! The link flow through the widget's own API, the sandbox banks, and the
//! code → credentials_token exchange.

use std::collections::BTreeMap;
use std::time::Duration;

use bankport_backend::db::entities::{credential, link_code, link_flow};
use bankport_shared::app::{AppWithSecretResponse, CredentialRowResponse, LinkResponse};
use bankport_shared::v0::{ExchangeCodeResponse, LinkCodeItem};
use bankport_shared::widget::{BankFormResponse, ConnectResponse, LinkInfoResponse};
use chrono::Utc;
use reqwest::{Client, Method};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::apps::{add_uri, create_app, create_link};
use crate::helpers::{TestApp, assert_error, spawn_app};
use crate::v0_api::access_token;

/// An integrator with an app, a redirect URI, a link and an API token.
pub struct Setup {
    pub browser: Client,
    pub app: AppWithSecretResponse,
    pub link: LinkResponse,
    pub api_token: String,
}

pub async fn setup(app: &TestApp, email: &str, redirect_uri: &str) -> Setup {
    let browser = app.integrator(email).await;
    let created = create_app(app, &browser, "Production").await;
    let uri = add_uri(app, &browser, &created.app.id, redirect_uri).await;
    let link = create_link(app, &browser, &created.app.id, &uri.id, "Main").await;
    let api_token = access_token(app, &created.app.client_id, &created.client_secret).await;
    Setup {
        browser,
        app: created,
        link,
        api_token,
    }
}

pub fn params(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// What the widget posts: an end user's browser has no session.
pub async fn widget(app: &TestApp, path: &str, body: &Value) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("origin", &app.address)
        .json(body)
        .send()
        .await
        .unwrap()
}

pub async fn connect(
    app: &TestApp,
    link_token: &str,
    bank: &str,
    username: &str,
    password: &str,
    extra: &[(&str, &str)],
) -> ConnectResponse {
    let mut all = params(extra);
    all.insert("token".into(), link_token.into());
    let body = json!({
        "token": link_token,
        "bank": bank,
        "fields": { "username": username, "password": password },
        "params": all,
    });
    let response = widget(app, "/api/link/connect", &body).await;
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.text().await.unwrap()
    );
    response.json().await.unwrap()
}

pub fn code_of(url: &str) -> String {
    let parsed = url::Url::parse(url).unwrap();
    parsed
        .query_pairs()
        .find(|(k, _)| k == "code")
        .map(|(_, v)| v.into_owned())
        .expect("a code")
}

pub async fn exchange(app: &TestApp, api_token: &str, code: &str) -> reqwest::Response {
    app.client
        .post(app.url("/v0/platform/link"))
        .bearer_auth(api_token)
        .json(&json!({ "code": code }))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn opening_a_link_lists_banks_and_a_banks_form_names_its_fields() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;

    let info: LinkInfoResponse = widget(&app, "/api/link/open", &json!({ "token": s.link.token }))
        .await
        .json()
        .await
        .unwrap();
    assert!(info.banks.len() >= 5);

    let form: BankFormResponse = widget(
        &app,
        "/api/link/form",
        &json!({ "token": s.link.token, "bank": "sandbox-es" }),
    )
    .await
    .json()
    .await
    .unwrap();
    let labels: Vec<_> = form.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["Username", "Password"]);
    assert!(
        form.help.as_deref().unwrap().contains("user_sca"),
        "sandbox banks document their users"
    );
    let doc: BankFormResponse = widget(
        &app,
        "/api/link/form",
        &json!({ "token": s.link.token, "bank": "sandbox-es-doc" }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert_eq!(
        doc.fields.len(),
        3,
        "a bank with more than username and password"
    );
    assert_eq!(doc.fields[0].options.len(), 3);

    let unknown = widget(&app, "/api/link/open", &json!({ "token": "no-such-link" })).await;
    let body = assert_error(unknown, 404, "INVALID_LINK").await;
    assert_eq!(
        body.error,
        "Invalid provided link, please generate a new one."
    );
}

#[tokio::test]
async fn user_good_connects_and_the_code_exchanges_once_for_a_token_with_the_extras() {
    let app = spawn_app().await;
    let s = setup(
        &app,
        "ana@example.com",
        "https://example.com/cb?source=bankport",
    )
    .await;

    let outcome = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_good",
        "pass_good",
        &[
            ("user", "42"),
            ("external_id", "cust-42"),
            ("bank", "sandbox-es"),
        ],
    )
    .await;
    let ConnectResponse::Redirect { url } = outcome else {
        panic!("{outcome:?}")
    };
    assert!(
        url.starts_with("https://example.com/cb?source=bankport&code="),
        "{url}"
    );
    assert!(!url.contains("delayed"));
    let code = code_of(&url);

    let response = exchange(&app, &s.api_token, &code).await;
    assert_eq!(response.status().as_u16(), 200);
    let exchanged: ExchangeCodeResponse = response.json().await.unwrap();
    assert_eq!(exchanged.message, "Successfully retrieved");
    assert_eq!(exchanged.link_token, s.link.token);
    assert_eq!(
        exchanged.extra,
        params(&[("user", "42")]),
        "reserved names never reach extra"
    );
    assert!(exchanged.credentials_token.len() >= 43);

    // A code works once.
    assert_error(
        exchange(&app, &s.api_token, &code).await,
        400,
        "INVALID_CODE",
    )
    .await;

    // The Users panel shows it, with the external id.
    let rows: Vec<CredentialRowResponse> = s
        .browser
        .get(app.url("/api/credentials"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].credentials_token, exchanged.credentials_token);
    assert_eq!(rows[0].external_id.as_deref(), Some("cust-42"));
    assert_eq!(rows[0].bank_name, "Banco Arenal");
    assert_eq!(rows[0].app_name, "Production");

    // Search by external id, by bank name (accents and case ignored), or filter by app.
    for (query, expected) in [
        ("q=cust-4", 1),
        ("q=ARENAL", 1),
        ("q=lumiere", 0),
        (&format!("app_id={}", s.app.app.id) as &str, 1),
    ] {
        let found: Vec<CredentialRowResponse> = s
            .browser
            .get(app.url(&format!("/api/credentials?{query}")))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(found.len(), expected, "{query}");
    }
}

#[tokio::test]
async fn user_sca_needs_the_sandbox_code_and_a_flow_is_used_once() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;

    let ConnectResponse::ScaRequired { flow, prompt } = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_sca",
        "pass_good",
        &[],
    )
    .await
    else {
        panic!("SCA expected")
    };
    assert!(prompt.contains("code"));
    let wrong: ConnectResponse = widget(
        &app,
        "/api/link/sca",
        &json!({ "flow": flow, "code": "000000" }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        matches!(wrong, ConnectResponse::Failed { ref code, .. } if code == "INVALID_SCA"),
        "{wrong:?}"
    );
    let replay: ConnectResponse = widget(
        &app,
        "/api/link/sca",
        &json!({ "flow": flow, "code": "123456" }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        matches!(replay, ConnectResponse::Failed { ref code, .. } if code == "INVALID_LINK"),
        "a flow is used once: {replay:?}"
    );

    let ConnectResponse::ScaRequired { flow, .. } = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_sca",
        "pass_good",
        &[],
    )
    .await
    else {
        panic!("SCA expected")
    };
    let done: ConnectResponse = widget(
        &app,
        "/api/link/sca",
        &json!({ "flow": flow, "code": "123456" }),
    )
    .await
    .json()
    .await
    .unwrap();
    let ConnectResponse::Redirect { url } = done else {
        panic!("{done:?}")
    };
    assert_eq!(
        exchange(&app, &s.api_token, &code_of(&url))
            .await
            .status()
            .as_u16(),
        200
    );

    // What the end user typed is stored encrypted, never in the clear.
    for row in link_flow::Entity::find().all(&app.app_db).await.unwrap() {
        assert!(
            !row.secrets_encrypted.contains("pass_good")
                && !row.secrets_encrypted.contains("user_sca")
        );
    }
    for row in credential::Entity::find().all(&app.app_db).await.unwrap() {
        assert!(!row.secrets_encrypted.contains("pass_good"));
        assert!(!row.token_encrypted.is_empty());
    }
}

#[tokio::test]
async fn user_delayed_redirects_with_delayed_true_and_exchanges_202_until_checks_finish() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "myapp://callback").await;

    let ConnectResponse::Redirect { url } = connect(
        &app,
        &s.link.token,
        "sandbox-pt",
        "user_delayed",
        "pass_good",
        &[],
    )
    .await
    else {
        panic!("redirect expected")
    };
    assert!(
        url.starts_with("myapp://callback?code=") && url.ends_with("&delayed=true"),
        "{url}"
    );
    let code = code_of(&url);

    let pending = exchange(&app, &s.api_token, &code).await;
    assert_eq!(pending.status().as_u16(), 202);
    let body: Value = pending.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().contains("72 hours"));

    // The sandbox's checks take 2 s in tests; the background job finishes them.
    let mut status = 0;
    for _ in 0..100 {
        status = exchange(&app, &s.api_token, &code).await.status().as_u16();
        if status != 202 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(status, 200);
}

#[tokio::test]
async fn bank_errors_stay_in_the_widget_or_go_back_with_rollback() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;

    let wrong = connect(&app, &s.link.token, "sandbox-es", "user_good", "nope", &[]).await;
    assert_eq!(
        wrong,
        ConnectResponse::Failed {
            code: "INVALID_CREDENTIALS".into(),
            message: "The bank did not accept these credentials.".into(),
            redirect_url: None
        }
    );
    let down = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_down",
        "pass_good",
        &[],
    )
    .await;
    assert!(
        matches!(down, ConnectResponse::Failed { ref code, redirect_url: None, .. } if code == "INTERNAL_ERROR")
    );

    let rolled = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_good",
        "nope",
        &[("rollback", "true"), ("user", "42")],
    )
    .await;
    let ConnectResponse::Failed {
        redirect_url: Some(url),
        ..
    } = rolled
    else {
        panic!("{rolled:?}")
    };
    assert_eq!(
        url,
        "https://example.com/cb?error=INVALID_CREDENTIALS&user=42"
    );

    // A CSV only rolls back the codes it names.
    let only_down = [("rollback", "INTERNAL_ERROR")];
    let stays = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_good",
        "nope",
        &only_down,
    )
    .await;
    assert!(matches!(
        stays,
        ConnectResponse::Failed {
            redirect_url: None,
            ..
        }
    ));
    let goes = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_down",
        "pass_good",
        &only_down,
    )
    .await;
    assert!(
        matches!(goes, ConnectResponse::Failed { redirect_url: Some(ref u), .. } if u.contains("error=INTERNAL_ERROR"))
    );

    let abort: ConnectResponse = widget(
        &app,
        "/api/link/abort",
        &json!({ "token": s.link.token, "params": { "rollback": "true" } }),
    )
    .await
    .json()
    .await
    .unwrap();
    assert!(
        matches!(abort, ConnectResponse::Failed { redirect_url: Some(ref u), .. } if u.ends_with("error=ABORTED_BY_USER"))
    );
    assert!(
        credential::Entity::find()
            .all(&app.app_db)
            .await
            .unwrap()
            .is_empty(),
        "nothing stored for failures"
    );

    let missing = widget(&app, "/api/link/connect", &json!({ "token": s.link.token, "bank": "sandbox-es", "fields": { "username": "user_good" } })).await;
    assert!(
        assert_error(missing, 422, "VALIDATION_ERROR")
            .await
            .fields
            .contains_key("password")
    );
}

#[tokio::test]
async fn the_same_bank_login_twice_in_one_account_is_credentials_already_exist() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;
    let first = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_good",
        "pass_good",
        &[],
    )
    .await;
    assert!(matches!(first, ConnectResponse::Redirect { .. }));
    let again = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "USER_GOOD",
        "pass_good",
        &[],
    )
    .await;
    assert!(
        matches!(again, ConnectResponse::Failed { ref code, .. } if code == "CREDENTIALS_ALREADY_EXIST"),
        "{again:?}"
    );
    // Another bank, or another account, is a different connection.
    assert!(matches!(
        connect(
            &app,
            &s.link.token,
            "sandbox-fr",
            "user_good",
            "pass_good",
            &[]
        )
        .await,
        ConnectResponse::Redirect { .. }
    ));
    let other = setup(&app, "bob@example.com", "https://bob.example/cb").await;
    assert!(matches!(
        connect(
            &app,
            &other.link.token,
            "sandbox-es",
            "user_good",
            "pass_good",
            &[]
        )
        .await,
        ConnectResponse::Redirect { .. }
    ));
}

#[tokio::test]
async fn paused_and_deleted_links_are_invalid_and_codes_pending_block_deletion() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;
    let links = format!("/api/apps/{}/links/{}", s.app.app.id, s.link.token);

    let ConnectResponse::Redirect { url } = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_good",
        "pass_good",
        &[],
    )
    .await
    else {
        panic!()
    };
    let refused = app
        .send(&s.browser, Method::DELETE, &links, &json!({}))
        .await;
    assert_error(refused, 409, "CODES_PENDING").await;
    let listed: Vec<LinkResponse> = s
        .browser
        .get(app.url(&format!("/api/apps/{}/links", s.app.app.id)))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0].pending_code_count, 1);

    app.send(
        &s.browser,
        Method::PATCH,
        &links,
        &json!({ "active": false }),
    )
    .await;
    assert_error(
        widget(&app, "/api/link/open", &json!({ "token": s.link.token })).await,
        404,
        "INVALID_LINK",
    )
    .await;
    app.send(
        &s.browser,
        Method::PATCH,
        &links,
        &json!({ "active": true }),
    )
    .await;

    assert_eq!(
        exchange(&app, &s.api_token, &code_of(&url))
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        app.send(&s.browser, Method::DELETE, &links, &json!({}))
            .await
            .status()
            .as_u16(),
        204
    );
    assert_error(
        widget(&app, "/api/link/open", &json!({ "token": s.link.token })).await,
        404,
        "INVALID_LINK",
    )
    .await;
}

#[tokio::test]
async fn expired_and_other_apps_codes_are_refused() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;
    let eve = setup(&app, "eve@example.com", "https://eve.example/cb").await;

    let ConnectResponse::Redirect { url } = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_good",
        "pass_good",
        &[],
    )
    .await
    else {
        panic!()
    };
    let code = code_of(&url);
    assert_error(
        exchange(&app, &eve.api_token, &code).await,
        400,
        "INVALID_CODE",
    )
    .await;
    let eves_users: Vec<CredentialRowResponse> = eve
        .browser
        .get(app.url("/api/credentials"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(eves_users.is_empty());

    link_code::Entity::update_many()
        .col_expr(
            link_code::Column::ExpiresAt,
            (Utc::now() - chrono::Duration::seconds(1)).into(),
        )
        .exec(&app.app_db)
        .await
        .unwrap();
    assert_error(
        exchange(&app, &s.api_token, &code).await,
        400,
        "INVALID_CODE",
    )
    .await;
    assert_error(
        exchange(&app, &s.api_token, "forged").await,
        400,
        "INVALID_CODE",
    )
    .await;
}

#[tokio::test]
async fn the_mobile_flow_lists_ready_unused_codes_with_their_extras() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "myapp://callback").await;
    let ConnectResponse::Redirect { url } = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_good",
        "pass_good",
        &[("user", "7")],
    )
    .await
    else {
        panic!()
    };
    connect(
        &app,
        &s.link.token,
        "sandbox-de",
        "user_delayed",
        "pass_good",
        &[("user", "8")],
    )
    .await;

    let list = |query: &'static str| {
        let app = &app;
        let token = s.api_token.clone();
        async move {
            let response = app
                .client
                .get(app.url(&format!("/v0/platform/link{query}")))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status().as_u16(), 200);
            response.json::<Vec<LinkCodeItem>>().await.unwrap()
        }
    };
    let ready = list("").await;
    assert_eq!(ready.len(), 1, "the delayed one is not ready yet");
    assert_eq!(ready[0].code, code_of(&url));
    assert_eq!(ready[0].link_token, s.link.token);
    assert_eq!(ready[0].extra, params(&[("user", "7")]));

    let by_link = app
        .client
        .get(app.url(&format!("/v0/platform/link?link_token={}", s.link.token)))
        .bearer_auth(&s.api_token)
        .send()
        .await
        .unwrap();
    assert_eq!(by_link.json::<Vec<LinkCodeItem>>().await.unwrap().len(), 1);

    exchange(&app, &s.api_token, &ready[0].code).await;
    assert!(list("").await.is_empty(), "exchanged codes are gone");
}

#[tokio::test]
async fn fifty_simultaneous_exchanges_of_one_code_give_exactly_one_success() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;
    let ConnectResponse::Redirect { url } = connect(
        &app,
        &s.link.token,
        "sandbox-es",
        "user_good",
        "pass_good",
        &[],
    )
    .await
    else {
        panic!()
    };
    let code = code_of(&url);

    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let client = app.client.clone();
        let endpoint = app.url("/v0/platform/link");
        let token = s.api_token.clone();
        let code = code.clone();
        attempts.spawn(async move {
            client
                .post(endpoint)
                .bearer_auth(token)
                .json(&json!({ "code": code }))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    let statuses: Vec<u16> = attempts.join_all().await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|s| **s == 400).count(),
        49,
        "{statuses:?}"
    );
}

#[tokio::test]
async fn every_sandbox_username_behaves_as_documented_through_the_widget() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;
    let cases = [
        ("user_good", "redirect"),
        ("user_sca", "sca_required"),
        ("user_delayed", "redirect+delayed"),
        ("user_blocked", "redirect"),
        ("user_sca_renew", "redirect"),
        ("user_down", "INTERNAL_ERROR"),
        ("nobody", "INVALID_CREDENTIALS"),
    ];
    for (username, expected) in cases {
        let outcome = connect(
            &app,
            &s.link.token,
            "sandbox-it",
            username,
            "pass_good",
            &[],
        )
        .await;
        let got = match &outcome {
            ConnectResponse::Redirect { url } if url.contains("delayed=true") => {
                "redirect+delayed".to_owned()
            }
            ConnectResponse::Redirect { .. } => "redirect".to_owned(),
            ConnectResponse::ScaRequired { .. } => "sca_required".to_owned(),
            ConnectResponse::Failed { code, .. } => code.clone(),
        };
        assert_eq!(got, expected, "{username}: {outcome:?}");
    }
    // Any other password is invalid credentials, for every user.
    let wrong = connect(
        &app,
        &s.link.token,
        "sandbox-gb",
        "user_sca",
        "pass_bad",
        &[],
    )
    .await;
    assert!(
        matches!(wrong, ConnectResponse::Failed { ref code, .. } if code == "INVALID_CREDENTIALS")
    );
}

#[tokio::test]
async fn bank_available_lists_the_catalogue_for_api_clients_only() {
    let app = spawn_app().await;
    let s = setup(&app, "ana@example.com", "https://example.com/cb").await;
    let anonymous = app
        .client
        .get(app.url("/v0/bank/available"))
        .send()
        .await
        .unwrap();
    assert_error(anonymous, 401, "UNAUTHENTICATED").await;

    let response = app
        .client
        .get(app.url("/v0/bank/available"))
        .bearer_auth(&s.api_token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let banks: Vec<Value> = response.json().await.unwrap();
    assert!(banks.len() >= 5);
    let mut keys: Vec<&str> = banks[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    assert_eq!(keys, ["country", "id", "logo_url", "name"]);
    assert!(banks.iter().any(|b| b["id"] == "sandbox-es-doc"));
}

#[tokio::test]
async fn a_link_slows_down_repeated_wrong_bank_passwords_from_one_address() {
    let app = spawn_app().await;
    let s = setup(
        &app,
        "guessing@fintech.example",
        "https://fintech.example/cb",
    )
    .await;
    for _ in 0..10 {
        let outcome = connect(&app, &s.link.token, "sandbox-es", "user_good", "guess", &[]).await;
        assert!(
            matches!(outcome, ConnectResponse::Failed { ref code, .. } if code == "INVALID_CREDENTIALS")
        );
    }
    let body = json!({
        "token": s.link.token,
        "bank": "sandbox-es",
        "fields": { "username": "user_good", "password": "pass_good" },
        "params": { "token": s.link.token },
    });
    // Locked, even for the right password, for a while.
    let response = widget(&app, "/api/link/connect", &body).await;
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=15).contains(&retry_after));
    assert_error(response, 429, "TOO_MANY_ATTEMPTS").await;
    // Another link of the same app is not affected.
    let uri = add_uri(
        &app,
        &s.browser,
        &s.app.app.id,
        "https://fintech.example/other",
    )
    .await;
    let other = create_link(&app, &s.browser, &s.app.app.id, &uri.id, "Other").await;
    let outcome = connect(
        &app,
        &other.token,
        "sandbox-es",
        "user_good",
        "pass_good",
        &[],
    )
    .await;
    assert!(
        matches!(outcome, ConnectResponse::Redirect { .. }),
        "{outcome:?}"
    );
}
