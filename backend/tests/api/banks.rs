use std::collections::HashSet;

use bankport_shared::BankResponse;

use crate::helpers::{assert_error, spawn_app};

#[tokio::test]
async fn the_bank_catalogue_lists_sandbox_banks_in_several_countries() {
    let app = spawn_app().await;
    let response = app.get("/api/banks").await;
    assert_eq!(response.status().as_u16(), 200);
    let banks: Vec<BankResponse> = response.json().await.unwrap();

    assert!(banks.len() >= 5, "{banks:?}");
    let countries: HashSet<_> = banks.iter().map(|b| b.country.as_str()).collect();
    assert!(countries.len() >= 2);
    assert!(
        banks
            .iter()
            .any(|b| b.id == "sandbox-es" && b.name == "Banco Arenal")
    );
    let order: Vec<_> = banks
        .iter()
        .map(|b| (b.country.clone(), b.name.clone()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "sorted by country, then name");
}

#[tokio::test]
async fn every_logo_url_is_absolute_and_serves_svg() {
    let app = spawn_app().await;
    let banks: Vec<BankResponse> = app.get("/api/banks").await.json().await.unwrap();
    for bank in banks {
        assert!(bank.logo_url.starts_with(&app.address), "{}", bank.logo_url);
        let logo = app.client.get(&bank.logo_url).send().await.unwrap();
        assert_eq!(logo.status().as_u16(), 200);
        assert_eq!(logo.headers()["content-type"], "image/svg+xml");
        assert_eq!(logo.headers()["x-content-type-options"], "nosniff");
        let svg = logo.text().await.unwrap();
        assert!(svg.starts_with("<svg") && svg.contains(&bank.name.replace('&', "&amp;")));
    }
}

#[tokio::test]
async fn an_unknown_bank_logo_is_a_json_404() {
    let app = spawn_app().await;
    let body = assert_error(app.get("/api/banks/nope/logo.svg").await, 404, "NOT_FOUND").await;
    assert!(body.error.contains("nope"));
}

#[tokio::test]
async fn restarting_on_the_same_database_does_not_duplicate_banks() {
    let app = spawn_app().await;
    let before: Vec<BankResponse> = app.get("/api/banks").await.json().await.unwrap();

    // A second instance on the same database runs migrations and the
    // catalogue upsert again; both must be no-ops.
    let dist = crate::helpers::fake_dist(app.data_dir.path());
    let config = app
        .database
        .config(&app.data_dir.path().join("data"), &dist);
    let second = bankport_backend::Application::build(config).await.unwrap();
    let second_url = second.base_url();
    tokio::spawn(second.run_until_stopped());

    let after: Vec<BankResponse> = app
        .client
        .get(format!("{second_url}/api/banks"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(before.len(), after.len());
    assert_eq!(
        before.iter().map(|b| &b.id).collect::<Vec<_>>(),
        after.iter().map(|b| &b.id).collect::<Vec<_>>()
    );
}
