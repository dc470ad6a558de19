//! The credentials lifecycle and the financial data API: extraction,
//! status, re-authorisation through the link (keeping the
//! credentials_token), data endpoints with filters and keyset paging,
//! delete, list, and isolation between apps.

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use bankport_backend::db::entities::credential;
use bankport_shared::v0::{
    CredentialsListResponse, CredentialsStatusResponse, ExchangeCodeResponse,
};
use bankport_shared::widget::{ConnectResponse, ReauthResponse};
use chrono::{Days, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::helpers::{TestApp, assert_error, spawn_app};
use crate::link_flow::{Setup, code_of, connect, exchange, setup, widget};

const BANK: &str = "sandbox-es";

/// A credential connected through the widget and exchanged.
struct Connected {
    s: Setup,
    token: String,
}

async fn connected(app: &TestApp, email: &str, username: &str) -> Connected {
    let s = setup(app, email, "https://fintech.example/callback").await;
    let token = connect_user(app, &s, username, &[("user", "42")]).await;
    Connected { s, token }
}

/// Connects `username` through the setup's link; returns its credentials_token.
async fn connect_user(app: &TestApp, s: &Setup, username: &str, extra: &[(&str, &str)]) -> String {
    let outcome = connect(app, &s.link.token, BANK, username, "pass_good", extra).await;
    let ConnectResponse::Redirect { url } = outcome else {
        panic!("{username} should connect, got {outcome:?}");
    };
    let response = exchange(app, &s.api_token, &code_of(&url)).await;
    assert_eq!(response.status().as_u16(), 200);
    response
        .json::<ExchangeCodeResponse>()
        .await
        .unwrap()
        .credentials_token
}

async fn call(
    app: &TestApp,
    api_token: &str,
    method: reqwest::Method,
    path: &str,
    body: Value,
) -> reqwest::Response {
    app.client
        .request(method, app.url(path))
        .bearer_auth(api_token)
        .json(&body)
        .send()
        .await
        .unwrap()
}

async fn post(app: &TestApp, api_token: &str, path: &str, body: Value) -> reqwest::Response {
    call(app, api_token, reqwest::Method::POST, path, body).await
}

async fn status(app: &TestApp, api_token: &str, token: &str) -> CredentialsStatusResponse {
    let response = post(
        app,
        api_token,
        "/v0/bank/credentials/status",
        json!({ "credentials_token": token }),
    )
    .await;
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.text().await.unwrap()
    );
    response.json().await.unwrap()
}

/// Polls the status until `done` holds (extraction runs in the background).
async fn wait_for(
    app: &TestApp,
    api_token: &str,
    token: &str,
    what: &str,
    done: impl Fn(&CredentialsStatusResponse) -> bool,
) -> CredentialsStatusResponse {
    for _ in 0..300 {
        let current = status(app, api_token, token).await;
        if done(&current) {
            return current;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!(
        "timed out waiting for {what}: {:?}",
        status(app, api_token, token).await
    );
}

async fn extracted(app: &TestApp, api_token: &str, token: &str) -> CredentialsStatusResponse {
    wait_for(app, api_token, token, "the extraction", |s| !s.pending).await
}

/// A data call that must succeed; returns its JSON and headers.
async fn data(
    app: &TestApp,
    api_token: &str,
    endpoint: &str,
    body: Value,
) -> (Value, reqwest::header::HeaderMap) {
    let response = post(
        app,
        api_token,
        &format!("/v0/bank/credentials/{endpoint}"),
        body,
    )
    .await;
    assert_eq!(
        response.status().as_u16(),
        200,
        "{endpoint}: {}",
        response.text().await.unwrap()
    );
    let headers = response.headers().clone();
    (response.json().await.unwrap(), headers)
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|r| r["_id"].as_str().unwrap().to_owned())
        .collect()
}

fn header(headers: &reqwest::header::HeaderMap, name: &str) -> u64 {
    headers[name].to_str().unwrap().parse().unwrap()
}

async fn credential_row(app: &TestApp, token: &str) -> credential::Model {
    credential::Entity::find()
        .filter(credential::Column::TokenHash.eq(bankport_backend::auth::token::hash(token)))
        .one(&app.app_db)
        .await
        .unwrap()
        .unwrap()
}

/// Starting a re-authorisation with `pairs` shows the invalid-link screen.
async fn assert_invalid_link(app: &TestApp, link_token: &str, pairs: &[(&str, &str)]) {
    assert_error(reauth(app, link_token, pairs).await, 404, "INVALID_LINK").await;
}

/// Applies `update` to the credential with this token, as another
/// instance (or time passing) would.
async fn update_credential(
    app: &TestApp,
    token: &str,
    update: sea_orm::UpdateMany<credential::Entity>,
) {
    update
        .filter(credential::Column::TokenHash.eq(bankport_backend::auth::token::hash(token)))
        .exec(&app.app_db)
        .await
        .unwrap();
}

fn assert_fields(record: &Value, fields: &[&str], what: &str) {
    for field in fields {
        assert!(
            record.get(*field).is_some(),
            "{what} lacks `{field}`: {record}"
        );
    }
    let id = record["_id"].as_str().unwrap();
    assert!(
        id.len() == 24 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{what} id {id}"
    );
}

#[tokio::test]
async fn data_calls_answer_processing_until_the_first_extraction_has_finished() {
    let app = spawn_app().await;
    let c = connected(&app, "processing@fintech.example", "user_good").await;
    // Another instance holds the credential and has not finished: whatever
    // this instance's worker was doing with it is discarded (lease lost).
    update_credential(
        &app,
        &c.token,
        credential::Entity::update_many()
            .col_expr(
                credential::Column::LeaseId,
                Expr::value(uuid::Uuid::new_v4()),
            )
            .col_expr(
                credential::Column::LeaseUntil,
                Expr::value(Utc::now() + chrono::Duration::hours(1)),
            )
            .col_expr(
                credential::Column::LastExtractedAt,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            ),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(1500)).await;

    for endpoint in ["account", "data", "card", "holder", "all"] {
        let response = post(
            &app,
            &c.s.api_token,
            &format!("/v0/bank/credentials/{endpoint}"),
            json!({ "credentials_token": c.token }),
        )
        .await;
        let body = assert_error(response, 409, "PROCESSING").await;
        assert_eq!(body.flanks_code, Some(20002), "{endpoint}");
    }
    let pending = status(&app, &c.s.api_token, &c.token).await;
    assert!(pending.pending && pending.last_update.is_none());

    // The lease runs out (here: is released); any worker takes it again.
    update_credential(
        &app,
        &c.token,
        credential::Entity::update_many()
            .col_expr(
                credential::Column::LeaseUntil,
                Expr::value(Option::<chrono::DateTime<Utc>>::None),
            )
            .col_expr(
                credential::Column::NextExtractionAt,
                Expr::value(Utc::now()),
            ),
    )
    .await;
    let done = extracted(&app, &c.s.api_token, &c.token).await;
    assert!(done.last_update.is_some() && done.last_update_timestamp.is_some());
    let (accounts, _) = data(
        &app,
        &c.s.api_token,
        "account",
        json!({ "credentials_token": c.token }),
    )
    .await;
    assert!(!accounts.as_array().unwrap().is_empty());
}

#[tokio::test]
async fn every_data_endpoint_answers_flanks_shapes_with_stable_ids_and_filters() {
    let app = spawn_app().await;
    let c = connected(&app, "shapes@fintech.example", "user_good").await;
    let st = extracted(&app, &c.s.api_token, &c.token).await;
    let today = Utc::now().date_naive();
    assert!(!st.blocked && st.sca_token.is_none() && st.reset_token.is_none());
    assert_eq!(st.name, "Banco Arenal");
    assert_eq!(
        st.last_transaction_date.as_deref(),
        Some(
            today
                .checked_sub_days(Days::new(89))
                .unwrap()
                .to_string()
                .as_str()
        )
    );
    assert!(st.created.values().all(|c| *c), "{:?}", st.created);
    assert!(st.errored.values().all(|e| !*e), "{:?}", st.errored);
    assert_eq!(st.created.len(), 11);
    assert!(st.time.is_some() && st.created_at_timestamp > 0);
    // The sandbox has older history: a transaction_token is offered.
    assert!(st.transaction_token.is_some());

    let body = json!({ "credentials_token": c.token });
    let (accounts, _) = data(&app, &c.s.api_token, "account", body.clone()).await;
    let accounts = accounts.as_array().unwrap().clone();
    assert!((2..=4).contains(&accounts.len()));
    for a in &accounts {
        assert_fields(
            a,
            &["iban", "alias", "currency", "balance", "availableBalance"],
            "account",
        );
        assert!(a["balance"].is_number());
    }
    let (transactions, headers) = data(&app, &c.s.api_token, "data", body.clone()).await;
    let all_ids = ids(&transactions);
    assert!(!all_ids.is_empty());
    assert_eq!(header(&headers, "x-total-count"), all_ids.len() as u64);
    let t = &transactions[0];
    assert_fields(
        t,
        &[
            "account_id",
            "amount",
            "balance",
            "currency",
            "operationDate",
            "valueDate",
            "description",
            "category",
            "transfer",
        ],
        "transaction",
    );
    assert!(
        transactions
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["transfer"].is_object())
    );
    // Newest first.
    let dates: Vec<&str> = transactions
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["operationDate"].as_str().unwrap())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));
    let account_ids: HashSet<String> = ids(&Value::Array(accounts.clone())).into_iter().collect();
    assert!(
        transactions
            .as_array()
            .unwrap()
            .iter()
            .all(|t| account_ids.contains(t["account_id"].as_str().unwrap()))
    );

    for (endpoint, fields) in [
        (
            "card",
            &[
                "account_id",
                "cardNumber",
                "type",
                "currency",
                "balance",
                "limit",
            ][..],
        ),
        (
            "card/transaction",
            &["card_id", "amount", "operationDate", "description"][..],
        ),
        ("portfolio", &["name", "currency", "value"][..]),
        (
            "investment",
            &["portfolio_id", "isin", "name", "shares", "price", "value"][..],
        ),
        (
            "investment/transaction",
            &["investment_id", "isin", "type", "amount", "operationDate"][..],
        ),
        ("liability", &["name", "type", "debt", "interestRate"][..]),
        (
            "liability/transaction",
            &[
                "liability_id",
                "amount",
                "principal",
                "interest",
                "operationDate",
            ][..],
        ),
        ("auth", &["name", "documentType", "documentNumber"][..]),
        ("holder", &["account_id", "name", "role"][..]),
    ] {
        let (list, _) = data(&app, &c.s.api_token, endpoint, body.clone()).await;
        let list = list.as_array().unwrap();
        assert!(!list.is_empty(), "{endpoint} is empty");
        for record in list {
            assert_fields(record, fields, endpoint);
        }
    }

    // Filters: one account.
    let first = accounts[0]["_id"].as_str().unwrap();
    let (one, _) = data(
        &app,
        &c.s.api_token,
        "account",
        json!({ "credentials_token": c.token, "query": { "account_id": first } }),
    )
    .await;
    assert_eq!(ids(&one), [first]);
    let (of_first, _) = data(
        &app,
        &c.s.api_token,
        "data",
        json!({ "credentials_token": c.token, "query": { "account_id": first } }),
    )
    .await;
    assert!(!ids(&of_first).is_empty());
    assert!(
        of_first
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["account_id"] == first)
    );
    // A date range.
    let from = today.checked_sub_days(Days::new(20)).unwrap().to_string();
    let to = today.checked_sub_days(Days::new(10)).unwrap().to_string();
    let (range, _) = data(
        &app,
        &c.s.api_token,
        "data",
        json!({ "credentials_token": c.token, "query": { "from": from, "to": to } }),
    )
    .await;
    assert!(!ids(&range).is_empty());
    assert!(range.as_array().unwrap().iter().all(|t| {
        let d = t["operationDate"].as_str().unwrap();
        d >= from.as_str() && d <= to.as_str()
    }));
    let expected = transactions
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| {
            let d = t["operationDate"].as_str().unwrap();
            d >= from.as_str() && d <= to.as_str()
        })
        .count();
    assert_eq!(ids(&range).len(), expected);

    // `all` has every product, consistent with the single calls.
    let (everything, _) = data(&app, &c.s.api_token, "all", body.clone()).await;
    for product in bankport_shared::data::products::ALL {
        assert!(everything[product].is_array(), "all lacks {product}");
    }
    assert_eq!(ids(&everything["data"]), all_ids);

    // Mistakes are explained, never ignored.
    for (query, field) in [
        (json!({ "card_id": "x" }), "query.card_id"),
        (json!({ "from": "2025-13-01" }), "query.from"),
    ] {
        let endpoint = if field == "query.card_id" {
            "account"
        } else {
            "data"
        };
        let response = post(
            &app,
            &c.s.api_token,
            &format!("/v0/bank/credentials/{endpoint}"),
            json!({ "credentials_token": c.token, "query": query }),
        )
        .await;
        let error = assert_error(response, 422, "VALIDATION_ERROR").await;
        assert!(error.fields.contains_key(field), "{error:?}");
    }
    let response = post(
        &app,
        &c.s.api_token,
        "/v0/bank/credentials/data",
        json!({ "credentials_token": c.token, "page_size": 1001 }),
    )
    .await;
    assert_error(response, 422, "VALIDATION_ERROR").await;
    let response = post(
        &app,
        &c.s.api_token,
        "/v0/bank/credentials/data",
        json!({ "credentials_token": c.token, "query": { "acount_id": first } }),
    )
    .await;
    assert_eq!(
        response.status().as_u16(),
        422,
        "an unknown query field is refused"
    );
}

#[tokio::test]
async fn paging_through_ten_thousand_transactions_returns_each_exactly_once() {
    let app = spawn_app().await;
    let c = connected(&app, "busy@fintech.example", "user_busy").await;
    extracted(&app, &c.s.api_token, &c.token).await;

    let mut seen = HashSet::new();
    let mut order = Vec::new();
    let mut total = 0;
    for page in 1.. {
        let (list, headers) = data(
            &app,
            &c.s.api_token,
            "data",
            json!({ "credentials_token": c.token, "page": page, "page_size": 1000 }),
        )
        .await;
        total = header(&headers, "x-total-count");
        assert_eq!(header(&headers, "x-page"), page);
        let page_ids = ids(&list);
        if page_ids.is_empty() {
            assert_eq!(header(&headers, "x-total-pages"), page - 1);
            break;
        }
        for id in page_ids {
            assert!(seen.insert(id.clone()), "{id} returned twice");
            order.push(id);
        }
    }
    assert!(total >= 10_000, "user_busy has {total} transactions");
    assert_eq!(seen.len() as u64, total, "every transaction exactly once");

    // Small pages are slices of the same order, wherever they fall.
    for (page, size) in [(1, 7), (3, 7), (700, 13), (total.div_ceil(13), 13)] {
        let (list, _) = data(
            &app,
            &c.s.api_token,
            "data",
            json!({ "credentials_token": c.token, "query": { "page": page, "page_size": size } }),
        )
        .await;
        let start = ((page - 1) * size) as usize;
        let end = (start + size as usize).min(order.len());
        assert_eq!(ids(&list), order[start..end], "page {page} of {size}");
    }

    // Within one account and a date range, paging is just as exact.
    let (accounts, _) = data(
        &app,
        &c.s.api_token,
        "account",
        json!({ "credentials_token": c.token }),
    )
    .await;
    let account = accounts[1]["_id"].as_str().unwrap().to_owned();
    let today = Utc::now().date_naive();
    let query = json!({
        "account_id": account,
        "from": today.checked_sub_days(Days::new(45)).unwrap().to_string(),
        "to": today.checked_sub_days(Days::new(30)).unwrap().to_string(),
    });
    let (whole, headers) = data(
        &app,
        &c.s.api_token,
        "data",
        json!({ "credentials_token": c.token, "query": query }),
    )
    .await;
    let whole = ids(&whole);
    assert_eq!(header(&headers, "x-total-count"), whole.len() as u64);
    assert!(whole.len() > 100);
    let mut paged = Vec::new();
    for page in 1.. {
        let mut q = query.clone();
        q["page"] = json!(page);
        q["page_size"] = json!(97);
        let (list, _) = data(
            &app,
            &c.s.api_token,
            "data",
            json!({ "credentials_token": c.token, "query": q }),
        )
        .await;
        let list = ids(&list);
        if list.is_empty() {
            break;
        }
        paged.extend(list);
    }
    assert_eq!(paged, whole);
}

#[tokio::test]
async fn a_refresh_keeps_ids_and_never_duplicates_a_transaction() {
    let app = spawn_app().await;
    let c = connected(&app, "refresh@fintech.example", "user_good").await;
    let first = extracted(&app, &c.s.api_token, &c.token).await;
    let body = json!({ "credentials_token": c.token });
    let (before, _) = data(&app, &c.s.api_token, "all", body.clone()).await;

    // The daily refresh falls due.
    update_credential(
        &app,
        &c.token,
        credential::Entity::update_many().col_expr(
            credential::Column::NextExtractionAt,
            Expr::value(Utc::now()),
        ),
    )
    .await;
    let second = wait_for(&app, &c.s.api_token, &c.token, "the refresh", |s| {
        !s.pending && s.last_update != first.last_update
    })
    .await;
    assert!(second.last_update_timestamp >= first.last_update_timestamp);
    let (after, _) = data(&app, &c.s.api_token, "all", body).await;
    for product in bankport_shared::data::products::ALL {
        let (a, b) = (ids(&before[product]), ids(&after[product]));
        assert_eq!(a, b, "{product} changed across a refresh");
        let unique: HashSet<_> = b.iter().collect();
        assert_eq!(unique.len(), b.len(), "{product} has duplicates");
    }
    let row = credential_row(&app, &c.token).await;
    let next = row
        .next_extraction_at
        .expect("the next refresh is scheduled");
    assert!(
        next > Utc::now() + chrono::Duration::hours(23),
        "daily by default"
    );
}

/// Starts a re-authorisation the way the widget does.
async fn reauth(app: &TestApp, link_token: &str, pairs: &[(&str, &str)]) -> reqwest::Response {
    let mut params: BTreeMap<String, String> = pairs
        .iter()
        .map(|(k, v)| ((*k).into(), (*v).into()))
        .collect();
    params.insert("token".into(), link_token.into());
    widget(
        app,
        "/api/link/reauth",
        &json!({ "token": link_token, "params": params }),
    )
    .await
}

async fn sca_step(app: &TestApp, link_token: &str, pairs: &[(&str, &str)]) -> String {
    let response = reauth(app, link_token, pairs).await;
    assert_eq!(
        response.status().as_u16(),
        200,
        "{}",
        response.text().await.unwrap()
    );
    match response.json::<ReauthResponse>().await.unwrap() {
        ReauthResponse::Sca { flow, prompt, bank } => {
            assert!(prompt.contains("code"));
            assert_eq!(bank.id, BANK);
            flow
        }
        other => panic!("expected the SCA step, got {other:?}"),
    }
}

async fn answer(app: &TestApp, flow: &str, code: &str) -> ConnectResponse {
    let response = widget(app, "/api/link/sca", &json!({ "flow": flow, "code": code })).await;
    assert_eq!(response.status().as_u16(), 200);
    response.json().await.unwrap()
}

/// Exchanges the redirect's code; returns (credentials_token, extra).
async fn exchanged(
    app: &TestApp,
    api_token: &str,
    outcome: ConnectResponse,
) -> (String, BTreeMap<String, String>) {
    let ConnectResponse::Redirect { url } = outcome else {
        panic!("expected a redirect, got {outcome:?}");
    };
    let response = exchange(app, api_token, &code_of(&url)).await;
    assert_eq!(response.status().as_u16(), 200);
    let body: ExchangeCodeResponse = response.json().await.unwrap();
    (body.credentials_token, body.extra)
}

async fn list_status(app: &TestApp, api_token: &str, token: &str) -> String {
    let response = post(
        app,
        api_token,
        "/v0/bank/credentials/list",
        json!({ "page": 1 }),
    )
    .await;
    assert_eq!(response.status().as_u16(), 200);
    let list: CredentialsListResponse = response.json().await.unwrap();
    list.items
        .into_iter()
        .find(|i| i.credentials_token == token)
        .expect("listed")
        .status
}

#[tokio::test]
async fn sca_renewal_through_the_link_keeps_the_credentials_token() {
    let app = spawn_app().await;
    let c = connected(&app, "renew@fintech.example", "user_sca_renew").await;
    let st = wait_for(&app, &c.s.api_token, &c.token, "the SCA request", |s| {
        s.sca_token.is_some()
    })
    .await;
    assert!(!st.pending && !st.blocked);
    assert_eq!(
        list_status(&app, &c.s.api_token, &c.token).await,
        "sca_required"
    );
    let sca_token = st.sca_token.unwrap();
    // The status shows the same token until it is used.
    assert_eq!(
        status(&app, &c.s.api_token, &c.token)
            .await
            .sca_token
            .as_deref(),
        Some(sca_token.as_str())
    );
    // The data of the first extraction stays readable meanwhile.
    data(
        &app,
        &c.s.api_token,
        "account",
        json!({ "credentials_token": c.token }),
    )
    .await;

    // Wrong combinations are an invalid link.
    for pairs in [
        vec![("sca_token", sca_token.as_str())],
        vec![("sca_token", sca_token.as_str()), ("bank", "sandbox-pt")],
        vec![("sca_token", "not-a-token"), ("bank", BANK)],
        vec![("reset_token", sca_token.as_str()), ("bank", BANK)],
        vec![("transaction_token", sca_token.as_str()), ("bank", BANK)],
    ] {
        assert_error(
            reauth(&app, &c.s.link.token, &pairs).await,
            404,
            "INVALID_LINK",
        )
        .await;
    }
    // A wrong code fails; the token survives for another try.
    let flow = sca_step(
        &app,
        &c.s.link.token,
        &[("sca_token", &sca_token), ("bank", BANK)],
    )
    .await;
    assert!(
        matches!(answer(&app, &flow, "000000").await, ConnectResponse::Failed { code, .. } if code == "INVALID_SCA")
    );
    let flow = sca_step(
        &app,
        &c.s.link.token,
        &[("sca_token", &sca_token), ("bank", BANK), ("session", "s2")],
    )
    .await;
    let (token, extra) = exchanged(&app, &c.s.api_token, answer(&app, &flow, "123456").await).await;
    assert_eq!(token, c.token, "the credentials_token never changes");
    assert_eq!(
        extra.get("session").map(String::as_str),
        Some("s2"),
        "the new extras"
    );

    let after = wait_for(
        &app,
        &c.s.api_token,
        &c.token,
        "the renewed extraction",
        |s| s.sca_token.is_none() && !s.pending,
    )
    .await;
    assert!(after.last_update_timestamp >= st.last_update_timestamp);
    assert_eq!(list_status(&app, &c.s.api_token, &c.token).await, "ready");
    // Single use.
    assert_invalid_link(
        &app,
        &c.s.link.token,
        &[("sca_token", &sca_token), ("bank", BANK)],
    )
    .await;
}

#[tokio::test]
async fn a_blocked_credential_is_reset_by_logging_in_again_and_keeps_its_token() {
    let app = spawn_app().await;
    let c = connected(&app, "reset@fintech.example", "user_blocked").await;
    let st = wait_for(&app, &c.s.api_token, &c.token, "the block", |s| s.blocked).await;
    let reset_token = st
        .reset_token
        .expect("a blocked credential has a reset_token");
    assert_eq!(list_status(&app, &c.s.api_token, &c.token).await, "blocked");

    // `bank` is optional for a reset: the widget learns which bank's form to show.
    let response = reauth(&app, &c.s.link.token, &[("reset_token", &reset_token)]).await;
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.json::<ReauthResponse>().await.unwrap(),
        ReauthResponse::Login { bank: BANK.into() }
    );
    // Another login of the same bank is not this connection.
    let other = connect(
        &app,
        &c.s.link.token,
        BANK,
        "user_good",
        "pass_good",
        &[("reset_token", &reset_token)],
    )
    .await;
    assert!(
        matches!(other, ConnectResponse::Failed { ref code, .. } if code == "INVALID_CREDENTIALS"),
        "{other:?}"
    );
    let wrong = connect(
        &app,
        &c.s.link.token,
        BANK,
        "user_blocked",
        "nope",
        &[("reset_token", &reset_token)],
    )
    .await;
    assert!(
        matches!(wrong, ConnectResponse::Failed { ref code, .. } if code == "INVALID_CREDENTIALS")
    );

    let outcome = connect(
        &app,
        &c.s.link.token,
        BANK,
        "USER_BLOCKED",
        "pass_good",
        &[("reset_token", &reset_token), ("user", "43")],
    )
    .await;
    let (token, extra) = exchanged(&app, &c.s.api_token, outcome).await;
    assert_eq!(token, c.token);
    assert_eq!(extra.get("user").map(String::as_str), Some("43"));
    let after = wait_for(
        &app,
        &c.s.api_token,
        &c.token,
        "the unblocked extraction",
        |s| !s.blocked && !s.pending,
    )
    .await;
    assert!(after.reset_token.is_none());
    assert_eq!(list_status(&app, &c.s.api_token, &c.token).await, "ready");
    // Used once.
    assert_invalid_link(&app, &c.s.link.token, &[("reset_token", &reset_token)]).await;
}

#[tokio::test]
async fn a_transaction_token_fetches_ninety_more_days_of_history() {
    let app = spawn_app().await;
    let c = connected(&app, "history@fintech.example", "user_good").await;
    let st = extracted(&app, &c.s.api_token, &c.token).await;
    let today = Utc::now().date_naive();
    let first_from = today.checked_sub_days(Days::new(89)).unwrap();
    assert_eq!(st.last_transaction_date, Some(first_from.to_string()));
    let (before, _) = data(
        &app,
        &c.s.api_token,
        "data",
        json!({ "credentials_token": c.token }),
    )
    .await;
    let before = ids(&before);
    let transaction_token = st.transaction_token.expect("older history is offered");

    // `bank` is required.
    assert_invalid_link(
        &app,
        &c.s.link.token,
        &[("transaction_token", &transaction_token)],
    )
    .await;
    let flow = sca_step(
        &app,
        &c.s.link.token,
        &[("transaction_token", &transaction_token), ("bank", BANK)],
    )
    .await;
    let (token, _) = exchanged(&app, &c.s.api_token, answer(&app, &flow, "123456").await).await;
    assert_eq!(token, c.token);

    let older_from = first_from.checked_sub_days(Days::new(90)).unwrap();
    let after = wait_for(&app, &c.s.api_token, &c.token, "the older history", |s| {
        s.last_transaction_date.as_deref() == Some(older_from.to_string().as_str()) && !s.pending
    })
    .await;
    assert_ne!(
        after.transaction_token.as_deref(),
        Some(transaction_token.as_str()),
        "used once"
    );
    let (older, _) = data(
        &app,
        &c.s.api_token,
        "data",
        json!({ "credentials_token": c.token, "query": { "to": first_from.pred_opt().unwrap().to_string() } }),
    )
    .await;
    let older = ids(&older);
    assert!(!older.is_empty(), "transactions before the first window");
    let (all_now, headers) = data(
        &app,
        &c.s.api_token,
        "data",
        json!({ "credentials_token": c.token }),
    )
    .await;
    let all_now: HashSet<String> = ids(&all_now).into_iter().collect();
    assert!(
        before.iter().all(|id| all_now.contains(id)),
        "earlier ids kept"
    );
    assert_eq!(
        header(&headers, "x-total-count") as usize,
        before.len() + older.len(),
        "nothing duplicated"
    );
}

#[tokio::test]
async fn forcing_tokens_puts_the_credential_in_that_state_and_bad_values_are_refused() {
    let app = spawn_app().await;
    let c = connected(&app, "force@fintech.example", "user_good").await;
    extracted(&app, &c.s.api_token, &c.token).await;
    let put = |force: &str| {
        let body = json!({ "credentials_token": c.token, "force": force });
        call(
            &app,
            &c.s.api_token,
            reqwest::Method::PUT,
            "/v0/bank/credentials/status",
            body,
        )
    };
    let response = put("sca").await;
    assert_eq!(response.status().as_u16(), 200);
    let forced: Value = response.json().await.unwrap();
    let sca = forced["sca_token"].as_str().unwrap().to_owned();
    assert_eq!(forced.as_object().unwrap().len(), 1);
    assert_eq!(
        status(&app, &c.s.api_token, &c.token).await.sca_token,
        Some(sca.clone())
    );
    assert_eq!(
        list_status(&app, &c.s.api_token, &c.token).await,
        "sca_required"
    );

    let response = put("transaction").await;
    let transaction: Value = response.json().await.unwrap();
    assert!(transaction["transaction_token"].is_string());
    let response = put("reset").await;
    let reset: Value = response.json().await.unwrap();
    let reset = reset["reset_token"].as_str().unwrap().to_owned();
    let st = status(&app, &c.s.api_token, &c.token).await;
    assert!(st.blocked);
    assert_eq!(st.reset_token, Some(reset));
    assert_error(put("everything").await, 422, "VALIDATION_ERROR").await;
}

#[tokio::test]
async fn a_failed_product_is_errored_and_its_data_is_incomplete_unless_ignored() {
    let app = spawn_app().await;
    let c = connected(&app, "partial@fintech.example", "user_partial").await;
    let st = extracted(&app, &c.s.api_token, &c.token).await;
    for product in ["portfolio", "investment", "investment_transaction"] {
        assert_eq!(st.errored.get(product), Some(&true), "{product}");
        assert_eq!(st.created.get(product), Some(&false), "{product}");
    }
    assert_eq!(st.errored.get("account"), Some(&false));
    let body = json!({ "credentials_token": c.token });
    for endpoint in ["portfolio", "investment", "investment/transaction", "all"] {
        let response = post(
            &app,
            &c.s.api_token,
            &format!("/v0/bank/credentials/{endpoint}"),
            body.clone(),
        )
        .await;
        let error = assert_error(response, 409, "INCOMPLETE").await;
        assert_eq!(error.flanks_code, Some(20001));
    }
    let (portfolios, _) = data(
        &app,
        &c.s.api_token,
        "portfolio",
        json!({ "credentials_token": c.token, "ignore_data_error": true }),
    )
    .await;
    assert_eq!(portfolios, json!([]));
    data(&app, &c.s.api_token, "account", body.clone()).await;
    let (all, _) = data(
        &app,
        &c.s.api_token,
        "all",
        json!({ "credentials_token": c.token, "ignore_data_error": true }),
    )
    .await;
    assert!(!all["account"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn credentials_are_listed_by_page_and_deleted_with_their_data() {
    let app = spawn_app().await;
    let c = connected(&app, "delete@fintech.example", "user_good").await;
    let second = connect_user(&app, &c.s, "user_sca_renew", &[]).await;
    extracted(&app, &c.s.api_token, &c.token).await;

    let response = post(&app, &c.s.api_token, "/v0/bank/credentials/list", json!({})).await;
    let list: CredentialsListResponse = response.json().await.unwrap();
    assert_eq!((list.page, list.pages), (1, 1));
    let tokens: Vec<&str> = list
        .items
        .iter()
        .map(|i| i.credentials_token.as_str())
        .collect();
    assert_eq!(tokens, [second.as_str(), c.token.as_str()], "newest first");
    assert_eq!(list.items[1].bank, BANK);
    let response = post(
        &app,
        &c.s.api_token,
        "/v0/bank/credentials/list",
        json!({ "page": 2 }),
    )
    .await;
    let empty: CredentialsListResponse = response.json().await.unwrap();
    assert!(empty.items.is_empty());

    let response = call(
        &app,
        &c.s.api_token,
        reqwest::Method::DELETE,
        "/v0/bank/credentials",
        json!({ "credentials_token": c.token }),
    )
    .await;
    assert_eq!(response.status().as_u16(), 200);
    for endpoint in ["status", "account", "data"] {
        let response = post(
            &app,
            &c.s.api_token,
            &format!("/v0/bank/credentials/{endpoint}"),
            json!({ "credentials_token": c.token }),
        )
        .await;
        assert_error(response, 404, "NOT_FOUND").await;
    }
    let remaining: i64 = {
        use sea_orm::{ConnectionTrait, Statement};
        let row = app
            .app_db
            .query_one_raw(Statement::from_string(
                app.app_db.get_database_backend(),
                "SELECT COUNT(*) AS n FROM data_transactions",
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get("", "n").unwrap()
    };
    // Only the second credential's data (if extracted yet) remains.
    let second_row = credential_row(&app, &second).await;
    if second_row.last_extracted_at.is_none() {
        assert_eq!(remaining, 0);
    }
    let response = call(
        &app,
        &c.s.api_token,
        reqwest::Method::DELETE,
        "/v0/bank/credentials",
        json!({ "credentials_token": c.token }),
    )
    .await;
    assert_error(response, 404, "NOT_FOUND").await;
}

#[tokio::test]
async fn another_apps_credentials_token_is_unknown_on_every_endpoint() {
    let app = spawn_app().await;
    let mine = connected(&app, "mine@fintech.example", "user_good").await;
    let theirs = connected(&app, "theirs@fintech.example", "user_good").await;
    extracted(&app, &theirs.s.api_token, &theirs.token).await;
    let body = json!({ "credentials_token": theirs.token });
    let mut endpoints: Vec<String> = [
        "status",
        "account",
        "data",
        "card",
        "card/transaction",
        "portfolio",
        "investment",
        "investment/transaction",
        "liability",
        "liability/transaction",
        "auth",
        "holder",
        "all",
    ]
    .iter()
    .map(|e| format!("/v0/bank/credentials/{e}"))
    .collect();
    endpoints.sort();
    for path in &endpoints {
        let response = post(&app, &mine.s.api_token, path, body.clone()).await;
        assert_error(response, 404, "NOT_FOUND").await;
    }
    let response = call(
        &app,
        &mine.s.api_token,
        reqwest::Method::PUT,
        "/v0/bank/credentials/status",
        json!({ "credentials_token": theirs.token, "force": "sca" }),
    )
    .await;
    assert_error(response, 404, "NOT_FOUND").await;
    let response = call(
        &app,
        &mine.s.api_token,
        reqwest::Method::DELETE,
        "/v0/bank/credentials",
        body.clone(),
    )
    .await;
    assert_error(response, 404, "NOT_FOUND").await;
    let response = post(
        &app,
        &mine.s.api_token,
        "/v0/bank/credentials/list",
        json!({}),
    )
    .await;
    let list: CredentialsListResponse = response.json().await.unwrap();
    assert!(
        list.items
            .iter()
            .all(|i| i.credentials_token != theirs.token)
    );
    // Their re-authorisation token does not work through my link either.
    let response = call(
        &app,
        &theirs.s.api_token,
        reqwest::Method::PUT,
        "/v0/bank/credentials/status",
        json!({ "credentials_token": theirs.token, "force": "sca" }),
    )
    .await;
    let forced: Value = response.json().await.unwrap();
    let sca = forced["sca_token"].as_str().unwrap();
    assert_invalid_link(
        &app,
        &mine.s.link.token,
        &[("sca_token", sca), ("bank", BANK)],
    )
    .await;
    // And they still have their data.
    data(&app, &theirs.s.api_token, "account", body).await;
    // No API token at all.
    let response = app
        .client
        .post(app.url("/v0/bank/credentials/account"))
        .json(&json!({ "credentials_token": mine.token }))
        .send()
        .await
        .unwrap();
    assert_error(response, 401, "UNAUTHENTICATED").await;
}

#[tokio::test]
async fn the_users_panel_shows_states_and_a_ready_made_reauthorisation_link() {
    let app = spawn_app().await;
    let c = connected(&app, "panel@fintech.example", "user_sca_renew").await;
    let st = wait_for(&app, &c.s.api_token, &c.token, "the SCA request", |s| {
        s.sca_token.is_some()
    })
    .await;
    let rows: Vec<bankport_shared::app::CredentialRowResponse> =
        c.s.browser
            .get(app.url("/api/credentials"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let row = rows
        .iter()
        .find(|r| r.credentials_token == c.token)
        .unwrap();
    assert_eq!(row.status, "sca_required");
    let url = url::Url::parse(row.reauth_url.as_deref().expect("a re-authorisation link")).unwrap();
    assert_eq!(url.path(), "/link");
    let query: BTreeMap<String, String> = url.query_pairs().into_owned().collect();
    assert_eq!(query["token"], c.s.link.token);
    assert_eq!(query["bank"], BANK);
    assert_eq!(Some(&query["sca_token"]), st.sca_token.as_ref());
}

#[tokio::test]
async fn concurrent_workers_never_claim_the_same_credential() {
    let app = spawn_app().await;
    let c = connected(&app, "claims@fintech.example", "user_good").await;
    let first = extracted(&app, &c.s.api_token, &c.token).await;
    assert!(first.last_update.is_some());
    // Due again, and twenty workers (as on twenty instances) race for it.
    update_credential(
        &app,
        &c.token,
        credential::Entity::update_many().col_expr(
            credential::Column::NextExtractionAt,
            Expr::value(Utc::now()),
        ),
    )
    .await;
    let claims = (0..20).map(|_| {
        let db = app.app_db.clone();
        tokio::spawn(async move {
            bankport_backend::db::credentials::claim_due(
                &db,
                uuid::Uuid::new_v4(),
                chrono::Duration::minutes(5),
            )
            .await
            .unwrap()
        })
    });
    let mut won = 0;
    for claim in claims {
        if claim.await.unwrap().is_some() {
            won += 1;
        }
    }
    assert!(won <= 1, "{won} workers claimed one credential");
    if won == 0 {
        // Only if the app's own worker got there first.
        let row = credential_row(&app, &c.token).await;
        assert!(row.lease_until.is_some() || row.next_extraction_at > Some(Utc::now()));
    }
}

#[tokio::test]
async fn reauthorisation_tokens_expire_are_replaced_and_allow_five_attempts() {
    let app = spawn_app().await;
    let c = connected(&app, "expiry@fintech.example", "user_sca_renew").await;
    let st = wait_for(&app, &c.s.api_token, &c.token, "the SCA request", |s| {
        s.sca_token.is_some()
    })
    .await;
    let old = st.sca_token.unwrap();
    // A week later the token has expired: the link is invalid and the
    // status shows a new one.
    use bankport_backend::db::entities::credential_token;
    credential_token::Entity::update_many()
        .col_expr(
            credential_token::Column::ExpiresAt,
            Expr::value(Utc::now() - chrono::Duration::seconds(1)),
        )
        .exec(&app.app_db)
        .await
        .unwrap();
    assert_invalid_link(
        &app,
        &c.s.link.token,
        &[("sca_token", &old), ("bank", BANK)],
    )
    .await;
    let fresh = status(&app, &c.s.api_token, &c.token)
        .await
        .sca_token
        .expect("a new sca_token");
    assert_ne!(fresh, old);
    for _ in 0..5 {
        sca_step(
            &app,
            &c.s.link.token,
            &[("sca_token", &fresh), ("bank", BANK)],
        )
        .await;
    }
    assert_invalid_link(
        &app,
        &c.s.link.token,
        &[("sca_token", &fresh), ("bank", BANK)],
    )
    .await;
    // Spent: the status offers a new token, which works.
    let next = status(&app, &c.s.api_token, &c.token)
        .await
        .sca_token
        .expect("a new sca_token once the last is spent");
    assert_ne!(next, fresh);
    sca_step(
        &app,
        &c.s.link.token,
        &[("sca_token", &next), ("bank", BANK)],
    )
    .await;
}

#[tokio::test]
async fn reset_log_ins_count_against_the_token_and_sca_cannot_be_forced_on_a_block() {
    let app = spawn_app().await;
    let c = connected(&app, "attempts@fintech.example", "user_blocked").await;
    let st = wait_for(&app, &c.s.api_token, &c.token, "the block", |s| s.blocked).await;
    let reset_token = st.reset_token.unwrap();
    for _ in 0..5 {
        let wrong = connect(
            &app,
            &c.s.link.token,
            BANK,
            "user_blocked",
            "nope",
            &[("reset_token", &reset_token)],
        )
        .await;
        assert!(
            matches!(wrong, ConnectResponse::Failed { ref code, .. } if code == "INVALID_CREDENTIALS")
        );
    }
    let mut all = crate::link_flow::params(&[("reset_token", &reset_token)]);
    all.insert("token".into(), c.s.link.token.clone());
    let body = json!({
        "token": c.s.link.token,
        "bank": BANK,
        "fields": { "username": "user_blocked", "password": "pass_good" },
        "params": all,
    });
    assert_error(
        widget(&app, "/api/link/connect", &body).await,
        404,
        "INVALID_LINK",
    )
    .await;
    let renewed = status(&app, &c.s.api_token, &c.token)
        .await
        .reset_token
        .unwrap();
    assert_ne!(renewed, reset_token);

    let response = call(
        &app,
        &c.s.api_token,
        reqwest::Method::PUT,
        "/v0/bank/credentials/status",
        json!({ "credentials_token": c.token, "force": "sca" }),
    )
    .await;
    assert_error(response, 409, "CREDENTIALS_BLOCKED").await;
}

#[tokio::test]
async fn a_reauthorisation_takes_over_from_an_extraction_in_progress() {
    let app = spawn_app().await;
    let c = connected(&app, "takeover@fintech.example", "user_good").await;
    let st = extracted(&app, &c.s.api_token, &c.token).await;
    let transaction_token = st.transaction_token.unwrap();
    // Another instance is extracting this credential right now.
    let lease = uuid::Uuid::new_v4();
    update_credential(
        &app,
        &c.token,
        credential::Entity::update_many()
            .col_expr(credential::Column::LeaseId, Expr::value(lease))
            .col_expr(
                credential::Column::LeaseUntil,
                Expr::value(Utc::now() + chrono::Duration::minutes(5)),
            ),
    )
    .await;
    let flow = sca_step(
        &app,
        &c.s.link.token,
        &[("transaction_token", &transaction_token), ("bank", BANK)],
    )
    .await;
    exchanged(&app, &c.s.api_token, answer(&app, &flow, "123456").await).await;
    // That extraction started before the end user asked for more history:
    // its result no longer applies (its lease is gone).
    let row = credential_row(&app, &c.token).await;
    let stale = bankport_backend::db::credentials::update_leased(
        &app.app_db,
        row.id,
        lease,
        credential::ActiveModel::default(),
    )
    .await
    .unwrap();
    assert!(!stale, "the old extraction lost its lease");
    let older = Utc::now()
        .date_naive()
        .checked_sub_days(Days::new(89 + 90))
        .unwrap()
        .to_string();
    wait_for(&app, &c.s.api_token, &c.token, "the older history", |s| {
        s.last_transaction_date.as_deref() == Some(older.as_str()) && !s.pending
    })
    .await;
}
