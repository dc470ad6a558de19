//! `spawn_app()` and friends.

use std::path::Path;

use bankport_backend::{Application, Config};
use bankport_smtp_sink::SmtpSink;
use reqwest::Client;
use sea_orm::{ConnectionTrait, Database};
use tempfile::TempDir;

/// Which database the suite runs against, from `BANKPORT_TEST_DATABASE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestDatabase {
    Sqlite,
    Postgres,
}

impl TestDatabase {
    pub fn from_env() -> Self {
        match std::env::var("BANKPORT_TEST_DATABASE").as_deref() {
            Ok("postgres") => Self::Postgres,
            Ok("sqlite") | Err(_) => Self::Sqlite,
            Ok(other) => panic!("BANKPORT_TEST_DATABASE is {other:?}, expected sqlite or postgres"),
        }
    }
}

/// The PostgreSQL server URL tests create their databases on.
pub fn postgres_admin_url() -> String {
    std::env::var("BANKPORT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// A running application and what a test needs to talk to it.
pub struct TestApp {
    pub address: String,
    pub client: Client,
    pub app_db: sea_orm::DatabaseConnection,
    pub database: FreshDatabase,
    /// The real SMTP server the application sends its email to.
    pub smtp: SmtpSink,
    // Keeps the data folder (SQLite file, mail) alive for the test's duration.
    pub data_dir: TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request failed")
    }

    /// POSTs `body` as JSON, as the dashboard does (same origin).
    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("origin", &self.address)
            .json(body)
            .send()
            .await
            .expect("request failed")
    }

    /// Sends a JSON request with `method` from `client`, as the dashboard does.
    pub async fn send(
        &self,
        client: &Client,
        method: reqwest::Method,
        path: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        client
            .request(method, self.url(path))
            .header("origin", &self.address)
            .json(body)
            .send()
            .await
            .expect("request failed")
    }

    /// Signs up, confirms through the emailed link and logs in a new
    /// integrator; returns their browser (a cookie-keeping client).
    pub async fn integrator(&self, email: &str) -> Client {
        let browser = test_client();
        let signup = serde_json::json!({
            "company": format!("Company of {email}"),
            "email": email,
            "password": "a long and unusual passphrase",
        });
        let response = self
            .send(&browser, reqwest::Method::POST, "/api/auth/signup", &signup)
            .await;
        assert_eq!(response.status().as_u16(), 200);
        let mail = self
            .smtp
            .wait_for(email, std::time::Duration::from_secs(15))
            .await
            .expect("confirmation email");
        let link = mail
            .link_starting_with(&format!("{}/confirm?token=", self.address))
            .expect("a confirmation link");
        let token = link.split("token=").nth(1).unwrap();
        let confirm = serde_json::json!({ "token": token });
        self.send(
            &browser,
            reqwest::Method::POST,
            "/api/auth/confirm",
            &confirm,
        )
        .await;
        let login =
            serde_json::json!({ "email": email, "password": "a long and unusual passphrase" });
        let response = self
            .send(&browser, reqwest::Method::POST, "/api/auth/login", &login)
            .await;
        assert_eq!(response.status().as_u16(), 200, "log-in of {email}");
        browser
    }

    /// A second, cookie-less browser on the same server.
    pub fn new_browser(&self) -> Client {
        test_client()
    }
}

/// A client that keeps cookies and does not follow redirects.
pub fn test_client() -> Client {
    Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        // A stuck request fails the test instead of hanging the suite.
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .unwrap()
}

/// A database created for one test and dropped after it.
pub struct FreshDatabase {
    pub url: Option<String>,
    pg_name: Option<String>,
}

impl FreshDatabase {
    /// A new, empty database of the kind the suite runs against.
    /// For SQLite, `url` is `None`: the default file in the data folder is used.
    pub async fn create() -> Self {
        match TestDatabase::from_env() {
            TestDatabase::Sqlite => Self {
                url: None,
                pg_name: None,
            },
            TestDatabase::Postgres => {
                let admin_url = postgres_admin_url();
                let name = format!("bankport_test_{}", uuid_simple());
                let admin = Database::connect(&admin_url).await.unwrap_or_else(|e| {
                    panic!("PostgreSQL is not reachable at {admin_url}: {e} (BANKPORT_TEST_DATABASE=postgres)")
                });
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("cannot create the test database");
                admin.close().await.ok();
                let mut url =
                    url::Url::parse(&admin_url).expect("BANKPORT_TEST_POSTGRES_URL is not a URL");
                url.set_path(&format!("/{name}"));
                Self {
                    url: Some(url.to_string()),
                    pg_name: Some(name),
                }
            }
        }
    }

    /// The configuration pointing at this database.
    pub fn config(&self, data_dir: &Path, dist_dir: &Path) -> Config {
        let config = Config::for_tests(data_dir, dist_dir);
        match &self.url {
            Some(url) => config.with_database(url).expect("valid test database URL"),
            None => config,
        }
    }
}

impl Drop for FreshDatabase {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        // Drop runs outside async context guarantees: use a private runtime
        // on its own thread so this works from within a test's runtime too.
        let admin_url = postgres_admin_url();
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let admin = Database::connect(&admin_url).await.ok()?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok()?;
                admin.close().await.ok()
            })
        })
        .join();
    }
}

/// A random 32-hex-digit name part.
pub fn uuid_simple() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A fake built frontend, so routing and caching can be tested without Trunk.
pub fn fake_dist(root: &Path) -> std::path::PathBuf {
    let dist = root.join("dist");
    let dashboard = dist.join("dashboard");
    let widget = dist.join("widget");
    std::fs::create_dir_all(&dashboard).unwrap();
    std::fs::create_dir_all(&widget).unwrap();
    std::fs::write(
        dashboard.join("index.html"),
        "<!DOCTYPE html><title>dashboard</title>",
    )
    .unwrap();
    std::fs::write(
        dashboard.join("dashboard-0123abcd.js"),
        "console.log('dashboard')",
    )
    .unwrap();
    std::fs::write(
        widget.join("index.html"),
        "<!DOCTYPE html><title>widget</title><script type=\"module\">import init from '/widget/widget.js';</script>",
    )
    .unwrap();
    std::fs::write(widget.join("widget-4567cdef.wasm"), b"\0asm").unwrap();
    dist
}

/// Starts the application on a random port with a fresh database, sending
/// email over SMTP to [`TestApp::smtp`].
pub async fn spawn_app() -> TestApp {
    spawn(true).await
}

/// Like [`spawn_app`], but with the embedded default mail transport
/// (`.eml` files in the data folder) instead of SMTP.
pub async fn spawn_app_without_smtp() -> TestApp {
    spawn(false).await
}

async fn spawn(use_smtp: bool) -> TestApp {
    bankport_backend::telemetry::init(bankport_backend::config::LogFormat::Pretty);
    let data_dir = tempfile::tempdir().expect("temp dir");
    let dist = fake_dist(data_dir.path());
    let database = FreshDatabase::create().await;
    let smtp = SmtpSink::start().await.expect("the SMTP sink starts");
    let mut config = database.config(&data_dir.path().join("data"), &dist);
    // Short enough for tests to wait out `user_delayed`'s security checks.
    config.sandbox_delay = std::time::Duration::from_secs(2);
    if use_smtp {
        config = config.with_smtp(&smtp.url()).unwrap();
    }

    let app = Application::build(config)
        .await
        .expect("the application starts");
    let address = app.base_url();
    let app_db = app.db().clone();
    tokio::spawn(app.run_until_stopped());

    TestApp {
        address,
        client: test_client(),
        app_db,
        database,
        smtp,
        data_dir,
    }
}

/// Asserts `response` is a JSON error body with `status` and `code`, and that
/// its trace id is the one in the `x-request-id` header.
pub async fn assert_error(
    response: reqwest::Response,
    status: u16,
    code: &str,
) -> bankport_shared::ErrorBody {
    assert_eq!(response.status().as_u16(), status, "status");
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "content type {content_type}"
    );
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body: bankport_shared::ErrorBody = response.json().await.expect("an error body");
    assert_eq!(body.code, code);
    assert!(!body.error.is_empty());
    assert_eq!(body.trace_id, request_id);
    body
}
