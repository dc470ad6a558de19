//! End-to-end harness: headless Chromium (through Debian's chromedriver and
//! fantoccini) driving the real, Trunk-built frontend against the real
//! backend, started in-process on a random port with a fresh database.
//!
//! Tests find things the way people do — labels, button texts, roles — or by
//! the widget's documented ids (`find`), act through `action`, assert through
//! `check`, and keep screenshots under `target/e2e-artifacts/<test>/`.

pub mod action;
pub mod check;
pub mod find;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use bankport_backend::{Application, Config};
use bankport_smtp_sink::SmtpSink;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tempfile::TempDir;

/// How long to wait for the UI before a test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The workspace root (the e2e crate's parent folder).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e lives in the workspace")
        .to_owned()
}

/// The built frontend: `BANKPORT_E2E_DIST`, or `<root>/dist`, built once per
/// test process through `cargo xtask build-frontend` when it is missing.
pub fn dist_dir() -> Result<PathBuf> {
    static BUILT: OnceLock<Mutex<Option<PathBuf>>> = OnceLock::new();
    let lock = BUILT.get_or_init(|| Mutex::new(None));
    let mut built = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(dist) = built.as_ref() {
        return Ok(dist.clone());
    }
    let dist = std::env::var_os("BANKPORT_E2E_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    let complete = |d: &Path| {
        d.join("dashboard/index.html").is_file() && d.join("widget/index.html").is_file()
    };
    if !complete(&dist) {
        eprintln!("e2e: no built frontend in {}, building it", dist.display());
        let status = Command::new(env!("CARGO"))
            .args(["xtask", "build-frontend"])
            .current_dir(workspace_root())
            .status()
            .context("running cargo xtask build-frontend")?;
        if !status.success() || !complete(&dist) {
            bail!("cargo xtask build-frontend failed ({status}); cannot run e2e tests");
        }
    }
    *built = Some(dist.clone());
    Ok(dist)
}

/// Where screenshots go: `BANKPORT_E2E_ARTIFACTS` or `<root>/target/e2e-artifacts`.
pub fn artifacts_dir() -> PathBuf {
    std::env::var_os("BANKPORT_E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/e2e-artifacts"))
}

/// A running Bankport with a fresh SQLite database, sending its email over
/// real SMTP to [`Server::smtp`].
pub struct Server {
    pub base_url: String,
    pub db: sea_orm::DatabaseConnection,
    pub smtp: SmtpSink,
    _data: TempDir,
}

impl Server {
    /// Starts the real backend, serving the built frontend.
    pub async fn start() -> Result<Self> {
        bankport_backend::telemetry::init(bankport_backend::config::LogFormat::Pretty);
        let data = tempfile::tempdir()?;
        let smtp = SmtpSink::start().await?;
        let mut config =
            Config::for_tests(&data.path().join("data"), &dist_dir()?).with_smtp(&smtp.url())?;
        // Short enough for a test to wait out `user_delayed`'s security checks.
        config.sandbox_delay = Duration::from_secs(2);
        let app = Application::build(config).await?;
        let base_url = app.base_url();
        let db = app.db().clone();
        tokio::spawn(app.run_until_stopped());
        Ok(Self {
            base_url,
            db,
            smtp,
            _data: data,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// Signs up and confirms an integrator through the real API and email,
    /// so tests about later screens can start at the log-in form.
    pub async fn confirmed_integrator(&self, email: &str, password: &str) -> Result<()> {
        let http = reqwest::Client::new();
        let signup = json!({ "company": "Acme Payments", "email": email, "password": password });
        let response = http
            .post(self.url("/api/auth/signup"))
            .header("origin", &self.base_url)
            .json(&signup)
            .send()
            .await?;
        if !response.status().is_success() {
            bail!("sign-up of {email} failed: {}", response.text().await?);
        }
        let link = self.link_in_email(email, 0, "/confirm?token=").await?;
        let token = link.split("token=").nth(1).context("a token in the link")?;
        let response = http
            .post(self.url("/api/auth/confirm"))
            .header("origin", &self.base_url)
            .json(&json!({ "token": token }))
            .send()
            .await?;
        if !response.status().is_success() {
            bail!("confirmation of {email} failed: {}", response.text().await?);
        }
        Ok(())
    }

    /// An integrator with an app, `redirect_uri` registered and a link to it,
    /// all made through the real dashboard API (cookie session).
    pub async fn integrator_with_link(&self, email: &str, redirect_uri: &str) -> Result<LinkSetup> {
        const PASSWORD: &str = "a long and unusual passphrase";
        self.confirmed_integrator(email, PASSWORD).await?;
        let http = reqwest::Client::builder().cookie_store(true).build()?;
        let send = |method: reqwest::Method, path: &str, body: serde_json::Value| {
            http.request(method, self.url(path))
                .header("origin", &self.base_url)
                .json(&body)
                .send()
        };
        let checked = |response: reqwest::Response| async move {
            if !response.status().is_success() {
                bail!(
                    "{} failed: {}",
                    response.url().clone(),
                    response.text().await?
                );
            }
            Ok(response.json::<serde_json::Value>().await?)
        };
        checked(
            send(
                reqwest::Method::POST,
                "/api/auth/login",
                json!({ "email": email, "password": PASSWORD }),
            )
            .await?,
        )
        .await?;
        let app = checked(
            send(
                reqwest::Method::POST,
                "/api/apps",
                json!({ "name": "Production" }),
            )
            .await?,
        )
        .await?;
        let app_id = app["app"]["id"].as_str().context("app id")?.to_owned();
        let uri = checked(
            send(
                reqwest::Method::POST,
                &format!("/api/apps/{app_id}/redirect-uris"),
                json!({ "uri": redirect_uri }),
            )
            .await?,
        )
        .await?;
        let link = checked(
            send(
                reqwest::Method::POST,
                &format!("/api/apps/{app_id}/links"),
                json!({ "redirect_uri_id": uri["id"], "name": "Main" }),
            )
            .await?,
        )
        .await?;
        Ok(LinkSetup {
            link_token: link["token"].as_str().context("link token")?.to_owned(),
            client_id: app["app"]["client_id"]
                .as_str()
                .context("client id")?
                .to_owned(),
            client_secret: app["client_secret"]
                .as_str()
                .context("client secret")?
                .to_owned(),
            email: email.to_owned(),
            password: PASSWORD.to_owned(),
        })
    }

    /// An access token for the JSON API.
    pub async fn access_token(&self, setup: &LinkSetup) -> Result<String> {
        let token: serde_json::Value = reqwest::Client::new()
            .post(self.url("/v0/token"))
            .json(&json!({ "client_id": setup.client_id, "client_secret": setup.client_secret, "grant_type": "client_credentials" }))
            .send()
            .await?
            .json()
            .await?;
        Ok(token["access_token"]
            .as_str()
            .context("an access token")?
            .to_owned())
    }

    /// The first link to `path` in the `n`-th email to `to`, once it arrives.
    pub async fn link_in_email(&self, to: &str, n: usize, path: &str) -> Result<String> {
        let mail = self
            .smtp
            .wait_for_nth(to, n, PATIENCE)
            .await
            .with_context(|| format!("email #{n} to {to} did not arrive"))?;
        mail.link_starting_with(&self.url(path))
            .with_context(|| format!("no {path} link in the email:\n{}", mail.text()))
    }
}

/// What [`Server::integrator_with_link`] made.
#[derive(Debug, Clone)]
pub struct LinkSetup {
    pub link_token: String,
    pub client_id: String,
    pub client_secret: String,
    pub email: String,
    pub password: String,
}

/// The integrator's redirect URI: a small HTTP server that records the
/// query of every request it gets and answers with a plain page.
pub struct RedirectReceiver {
    pub base_url: String,
    received: tokio::sync::mpsc::UnboundedReceiver<std::collections::BTreeMap<String, String>>,
}

impl RedirectReceiver {
    pub async fn start() -> Result<Self> {
        use axum::extract::Query;
        let (tx, received) = tokio::sync::mpsc::unbounded_channel();
        let app = axum::Router::new().route(
            "/callback",
            axum::routing::get(move |Query(query): Query<std::collections::BTreeMap<String, String>>| {
                let tx = tx.clone();
                async move {
                    let _ = tx.send(query);
                    axum::response::Html("<!DOCTYPE html><title>Integrator</title><h1>Back at the integrator</h1>")
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let base_url = format!("http://127.0.0.1:{}", listener.local_addr()?.port());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(Self { base_url, received })
    }

    /// The redirect URI to register.
    pub fn callback(&self) -> String {
        format!("{}/callback", self.base_url)
    }

    /// The next request's query parameters.
    pub async fn next(&mut self) -> Result<std::collections::BTreeMap<String, String>> {
        tokio::time::timeout(PATIENCE, self.received.recv())
            .await
            .context("the browser never reached the redirect URI")?
            .context("the receiver stopped")
    }
}

/// One headless Chromium, with its own chromedriver and profile, for one test.
pub struct Browser {
    pub client: Client,
    driver: Child,
    artifacts: PathBuf,
    shots: usize,
    _profile: TempDir,
}

impl Browser {
    /// Starts chromedriver and Chromium. `test` names the artifacts folder.
    pub async fn start(test: &str) -> Result<Self> {
        Self::start_in(test, "en-US").await
    }

    /// Like [`start`](Self::start), with the browser's language set to `lang`.
    pub async fn start_in(test: &str, lang: &str) -> Result<Self> {
        let chromedriver = std::env::var("BANKPORT_E2E_CHROMEDRIVER")
            .unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium =
            std::env::var("BANKPORT_E2E_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        for (what, path) in [("chromedriver", &chromedriver), ("chromium", &chromium)] {
            if !Path::new(path).is_file() {
                bail!(
                    "{what} not found at {path}: run `cargo xtask setup` (installs Debian's chromium and chromium-driver)"
                );
            }
        }

        let port = free_port()?;
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("starting {chromedriver}"))?;
        let mut driver = KillOnDrop(Some(driver));
        let driver_url = format!("http://127.0.0.1:{port}");
        wait_for_port(port).await?;

        let profile = tempfile::tempdir()?;
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ]
        .into_iter()
        .map(str::to_owned)
        .chain([
            format!("--user-data-dir={}", profile.path().display()),
            format!("--lang={lang}"),
        ])
        .collect::<Vec<_>>();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": chromium,
                "args": args,
                "prefs": { "intl": { "accept_languages": lang } },
            }),
        );
        // chromedriver speaks plain HTTP on loopback.
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(caps)
            .connect(&driver_url)
            .await
            .context("opening a Chromium session")?;

        let artifacts = artifacts_dir().join(test);
        let _ = std::fs::remove_dir_all(&artifacts);
        std::fs::create_dir_all(&artifacts)?;
        Ok(Self {
            client,
            driver: driver.0.take().expect("driver present"),
            artifacts,
            shots: 0,
            _profile: profile,
        })
    }

    /// Logs an integrator in to the dashboard and waits for the Apps page.
    pub async fn log_in(&self, server: &Server, email: &str, password: &str) -> Result<()> {
        self.open(&server.url("/login"), &find::field("Email"))
            .await?;
        self.type_into(&find::field("Email"), email).await?;
        self.type_into(&find::field("Password"), password).await?;
        self.click(&find::button("Log in")).await?;
        self.element("//h1[normalize-space(.)='Apps']").await?;
        Ok(())
    }

    /// Saves a numbered screenshot, `NN-name.png`, in this test's artifacts.
    pub async fn screenshot(&mut self, name: &str) -> Result<PathBuf> {
        self.shots += 1;
        let path = self.artifacts.join(format!("{:02}-{name}.png", self.shots));
        let png = self.client.screenshot().await?;
        std::fs::write(&path, png)?;
        Ok(path)
    }

    /// Ends the session and chromedriver.
    pub async fn close(mut self) -> Result<()> {
        self.client.clone().close().await?;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // On a failed test `close` never ran: do not leave chromedriver behind.
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

struct KillOnDrop(Option<Child>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(child) = self.0.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

async fn wait_for_port(port: u16) -> Result<()> {
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    bail!("chromedriver did not start listening on port {port}")
}
