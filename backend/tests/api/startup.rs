//! Start-up failures are one clear error, never a panic.

use std::process::Command;

use bankport_backend::Application;
use bankport_backend::startup::StartupError;

use crate::helpers::{FreshDatabase, fake_dist};

#[tokio::test]
async fn a_port_in_use_is_a_clear_bind_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let database = FreshDatabase::create().await;
    let mut config = database.config(&dir.path().join("data"), &fake_dist(dir.path()));
    config.listen = taken.local_addr().unwrap();

    let err = Application::build(config)
        .await
        .err()
        .expect("bind must fail");
    assert!(matches!(err, StartupError::Bind { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("cannot listen on {}", taken.local_addr().unwrap())),
        "{message}"
    );
}

#[tokio::test]
async fn an_unusable_data_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the folder should be: fails for root too, unlike permissions.
    let blocker = dir.path().join("data");
    std::fs::write(&blocker, "not a folder").unwrap();
    let database = FreshDatabase::create().await;
    let config = database.config(&blocker, &fake_dist(dir.path()));

    let err = Application::build(config).await.err().expect("must fail");
    assert!(matches!(err, StartupError::DataDir { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot use the data folder"),
        "{err}"
    );
}

#[tokio::test]
async fn an_unreachable_postgres_is_a_clear_connect_error_without_the_password() {
    let dir = tempfile::tempdir().unwrap();
    // Port 1 on loopback: nothing listens there, the connection is refused at once.
    let config =
        bankport_backend::Config::for_tests(&dir.path().join("data"), &fake_dist(dir.path()))
            .with_database("postgres://bankport:hunter2@127.0.0.1:1/bankport")
            .unwrap();

    let err = Application::build(config).await.err().expect("must fail");
    assert!(matches!(err, StartupError::Connect { .. }), "{err:?}");
    let message = err.to_string();
    assert!(
        message.starts_with(
            "cannot connect to the database at postgres://bankport:********@127.0.0.1:1/bankport"
        ),
        "{message}"
    );
    assert!(!message.contains("hunter2"));
}

#[test]
fn a_malformed_variable_stops_the_binary_with_one_line_naming_it() {
    let output = Command::new(env!("CARGO_BIN_EXE_bankport"))
        .env("BANKPORT_LISTEN", "not-an-address")
        .env("BANKPORT_DATA_DIR", tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("bankport: BANKPORT_LISTEN is \"not-an-address\", expected"),
        "{stderr}"
    );
}

#[test]
fn the_migrate_subcommand_creates_the_database_and_exits() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let output = Command::new(env!("CARGO_BIN_EXE_bankport"))
        .arg("migrate")
        .env("BANKPORT_DATA_DIR", &data)
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(data.join("bankport.db").is_file());
}

#[cfg(unix)]
#[test]
fn sigterm_stops_the_server_gracefully_with_success() {
    use std::io::{BufRead, BufReader};

    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_bankport"))
        .env("BANKPORT_LISTEN", "127.0.0.1:0")
        .env("BANKPORT_DATA_DIR", dir.path().join("data"))
        .env("BANKPORT_DIST_DIR", fake_dist(dir.path()))
        .env("BANKPORT_LOG_FORMAT", "json")
        // The test waits for an INFO line; a quieter RUST_LOG from the caller would hide it.
        .env("RUST_LOG", "info")
        .env_remove("DATABASE_URL")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();

    // Wait until it says it is serving, then check it really answers.
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut lines = stdout.lines();
    let serving = lines
        .by_ref()
        .map(Result::unwrap)
        .find(|line| line.contains("Bankport is serving at"))
        .expect("a serving log line");
    let url = serving
        .split("serving at ")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let health = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(reqwest::get(format!("{url}/healthz")))
        .unwrap();
    assert_eq!(health.status().as_u16(), 200);

    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "graceful shutdown exits 0");
    assert!(
        lines
            .map(Result::unwrap)
            .any(|line| line.contains("shutting down")),
        "it says it is shutting down"
    );
}

#[tokio::test]
async fn production_refuses_to_start_without_a_master_key() {
    let dir = tempfile::tempdir().unwrap();
    let database = FreshDatabase::create().await;
    let mut config = database.config(&dir.path().join("data"), &fake_dist(dir.path()));
    config.environment = bankport_backend::config::Environment::Production;

    let err = Application::build(config).await.err().expect("must refuse");
    assert!(matches!(err, StartupError::MissingMasterKey), "{err:?}");
    assert!(err.to_string().contains("BANKPORT_MASTER_KEY"));
    assert!(
        !dir.path().join("data/master.key").exists(),
        "no development key in production"
    );
}

#[tokio::test]
async fn development_generates_a_master_key_once_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let database = FreshDatabase::create().await;
    let data = dir.path().join("data");
    let config = database.config(&data, &fake_dist(dir.path()));
    drop(Application::build(config.clone()).await.unwrap());
    let first = std::fs::read_to_string(data.join("master.key")).unwrap();
    drop(Application::build(config).await.unwrap());
    assert_eq!(
        std::fs::read_to_string(data.join("master.key")).unwrap(),
        first
    );
}
