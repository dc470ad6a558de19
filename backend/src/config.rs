//! Start-up configuration, read once from `BANKPORT_*` environment variables.
//!
//! Every variable is parsed here, at the edge, into a typed value; a malformed
//! one stops start-up with a single line naming the variable and the form it
//! expects. The rest of the server never reads the environment.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use url::Url;

/// The server's validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (`BANKPORT_LISTEN`).
    pub listen: SocketAddr,
    /// Public URL used in emails and links (`BANKPORT_BASE_URL`); `None` means
    /// "derive it from the address actually bound", which is what tests want.
    pub base_url: Option<Url>,
    /// Folder for the SQLite file, development mail and keys (`BANKPORT_DATA_DIR`).
    pub data_dir: PathBuf,
    /// Database to use (`DATABASE_URL`).
    pub database: DatabaseUrl,
    /// Log line format (`BANKPORT_LOG_FORMAT`).
    pub log_format: LogFormat,
    /// Folder holding the built frontend: `dashboard/` and `widget/` (`BANKPORT_DIST_DIR`).
    pub dist_dir: PathBuf,
    /// Real SMTP server (`BANKPORT_SMTP_URL`); `None` writes `.eml` files.
    pub smtp_url: Option<SecretUrl>,
    /// Sender of every email (`BANKPORT_MAIL_FROM`); `None` derives one from the base URL.
    pub mail_from: Option<lettre::message::Mailbox>,
    /// `BANKPORT_ENV`: production refuses to start without a master key.
    pub environment: Environment,
    /// Key for bank credentials and tokens at rest (`BANKPORT_MASTER_KEY`);
    /// `None` in development means "generate one into the data folder".
    pub master_key: Option<crate::crypto::MasterKey>,
    /// How long the sandbox's `user_delayed` security checks take
    /// (`BANKPORT_SANDBOX_DELAY_SECS`).
    pub sandbox_delay: std::time::Duration,
    /// How often each credential's data is refreshed
    /// (`BANKPORT_REFRESH_INTERVAL_SECS`, default a day).
    pub refresh_interval: chrono::Duration,
}

/// Credentials are refreshed daily unless configured otherwise.
const DEFAULT_REFRESH_INTERVAL: chrono::Duration = chrono::Duration::days(1);

/// Where the server runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// A URL that may carry a password (SMTP); `Debug` and `Display` hide it.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretUrl(String);

impl SecretUrl {
    /// The URL to hand to the client library. Never log this.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.0))
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretUrl({self})")
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable, for a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

/// A database URL; `Debug` and `Display` hide any password it carries.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    /// The URL to hand to the database driver. Never log this.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True for `postgres://` and `postgresql://` URLs.
    pub fn is_postgres(&self) -> bool {
        self.0.starts_with("postgres://") || self.0.starts_with("postgresql://")
    }

    /// The default: an SQLite file in the data folder, created on first use.
    pub fn sqlite_in(data_dir: &Path) -> Self {
        Self(format!(
            "sqlite://{}?mode=rwc",
            data_dir.join("bankport.db").display()
        ))
    }

    fn parse(raw: &str) -> Result<Self, String> {
        let is_sqlite = raw.starts_with("sqlite:");
        let is_postgres = raw.starts_with("postgres://") || raw.starts_with("postgresql://");
        if !is_sqlite && !is_postgres {
            return Err("a URL starting with sqlite:, postgres:// or postgresql://".into());
        }
        if is_postgres && Url::parse(raw).is_err() {
            return Err("a well-formed URL such as postgres://user:password@host:5432/db".into());
        }
        Ok(Self(raw.to_owned()))
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Url::parse(&self.0) {
            Ok(mut url) if url.password().is_some() => {
                // Cannot fail: the URL has a password, so it has an authority.
                let _ = url.set_password(Some("********"));
                f.write_str(url.as_str())
            }
            _ => f.write_str(&self.0),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

/// A variable that is set but not of the expected form.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{name} is {value:?}, expected {expected}")]
pub struct ConfigError {
    pub name: &'static str,
    pub value: String,
    pub expected: String,
}

impl Config {
    /// Reads the process environment (after `.env`, loaded by `main`).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &'static str| lookup(name).filter(|v| !v.trim().is_empty());
        let invalid = |name: &'static str, value: &str, expected: &str| ConfigError {
            name,
            value: value.to_owned(),
            expected: expected.to_owned(),
        };

        let listen = match var("BANKPORT_LISTEN") {
            Some(v) => v.trim().parse().map_err(|_| {
                invalid(
                    "BANKPORT_LISTEN",
                    &v,
                    "an address and port such as 127.0.0.1:8080 or [::]:8080",
                )
            })?,
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
        };

        let base_url = match var("BANKPORT_BASE_URL") {
            Some(v) => {
                Some(parse_base_url(v.trim()).map_err(|e| invalid("BANKPORT_BASE_URL", &v, &e))?)
            }
            // With an explicit port, the listen address is the public one;
            // with port 0 it is only known once bound.
            None if listen.port() != 0 => Some(base_url_for(listen)),
            None => None,
        };

        let data_dir = var("BANKPORT_DATA_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("data"));

        let database = match var("DATABASE_URL") {
            Some(v) => DatabaseUrl::parse(v.trim())
                .map_err(|e| invalid("DATABASE_URL", &redact(&v), &e))?,
            None => DatabaseUrl::sqlite_in(&data_dir),
        };

        let log_format = match var("BANKPORT_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => return Err(invalid("BANKPORT_LOG_FORMAT", other, "pretty or json")),
        };

        let dist_dir = var("BANKPORT_DIST_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("dist"));

        let smtp_url = match var("BANKPORT_SMTP_URL") {
            Some(v) => Some(
                parse_smtp_url(v.trim())
                    .map_err(|e| invalid("BANKPORT_SMTP_URL", &redact(&v), &e))?,
            ),
            None => None,
        };

        let mail_from = match var("BANKPORT_MAIL_FROM") {
            Some(v) => Some(v.trim().parse().map_err(|_| {
                invalid(
                    "BANKPORT_MAIL_FROM",
                    &v,
                    "a mailbox such as \"Bankport <no-reply@example.com>\"",
                )
            })?),
            None => None,
        };

        let environment = match var("BANKPORT_ENV").as_deref().map(str::trim) {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => return Err(invalid("BANKPORT_ENV", other, "development or production")),
        };

        let master_key = match var("BANKPORT_MASTER_KEY") {
            Some(v) => Some(crate::crypto::MasterKey::from_base64(&v).map_err(|_| {
                invalid(
                    "BANKPORT_MASTER_KEY",
                    "(hidden)",
                    "32 random bytes in base64, e.g. from `openssl rand -base64 32`",
                )
            })?),
            None => None,
        };

        let sandbox_delay = match var("BANKPORT_SANDBOX_DELAY_SECS") {
            Some(v) => std::time::Duration::from_secs(
                v.trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|s| *s <= 72 * 3600)
                    .ok_or_else(|| {
                        invalid(
                            "BANKPORT_SANDBOX_DELAY_SECS",
                            &v,
                            "a number of seconds from 0 to 259200 (72 h)",
                        )
                    })?,
            ),
            None => std::time::Duration::from_secs(30),
        };

        let refresh_interval = match var("BANKPORT_REFRESH_INTERVAL_SECS") {
            Some(v) => chrono::Duration::seconds(
                v.trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|s| (1..=30 * 86_400).contains(s))
                    .ok_or_else(|| {
                        invalid(
                            "BANKPORT_REFRESH_INTERVAL_SECS",
                            &v,
                            "a number of seconds from 1 to 2592000 (30 days)",
                        )
                    })?,
            ),
            None => DEFAULT_REFRESH_INTERVAL,
        };

        Ok(Self {
            listen,
            base_url,
            data_dir,
            database,
            log_format,
            dist_dir,
            smtp_url,
            mail_from,
            environment,
            master_key,
            sandbox_delay,
            refresh_interval,
        })
    }

    /// A configuration for tests and embedding: a random port on loopback,
    /// an SQLite file in `data_dir`, the frontend in `dist_dir`.
    pub fn for_tests(data_dir: &Path, dist_dir: &Path) -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            base_url: None,
            data_dir: data_dir.to_owned(),
            database: DatabaseUrl::sqlite_in(data_dir),
            log_format: LogFormat::Pretty,
            dist_dir: dist_dir.to_owned(),
            smtp_url: None,
            mail_from: None,
            environment: Environment::Development,
            master_key: None,
            sandbox_delay: std::time::Duration::from_secs(30),
            refresh_interval: DEFAULT_REFRESH_INTERVAL,
        }
    }

    /// Sends email through this SMTP server instead of writing files.
    pub fn with_smtp(mut self, url: &str) -> Result<Self, ConfigError> {
        self.smtp_url = Some(parse_smtp_url(url).map_err(|expected| ConfigError {
            name: "BANKPORT_SMTP_URL",
            value: redact(url),
            expected,
        })?);
        Ok(self)
    }

    /// The sender of every email: configured, or `Bankport <no-reply@host>`.
    pub fn sender(&self, base_url: &Url) -> lettre::message::Mailbox {
        if let Some(from) = &self.mail_from {
            return from.clone();
        }
        let host = match base_url.host() {
            Some(url::Host::Domain(domain)) if domain.contains('.') => domain.to_owned(),
            _ => "localhost".to_owned(),
        };
        format!("Bankport <no-reply@{host}>")
            .parse()
            .unwrap_or_else(|_| {
                "Bankport <no-reply@localhost>"
                    .parse()
                    .expect("a valid mailbox")
            })
    }

    /// Uses the given database instead of the default SQLite file.
    pub fn with_database(mut self, url: &str) -> Result<Self, ConfigError> {
        self.database = DatabaseUrl::parse(url).map_err(|expected| ConfigError {
            name: "DATABASE_URL",
            value: redact(url),
            expected,
        })?;
        Ok(self)
    }
}

/// The base URL clients reach a server listening on `addr` through.
pub fn base_url_for(addr: SocketAddr) -> Url {
    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_owned()
    } else if addr.is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    Url::parse(&format!("http://{host}:{}", addr.port()))
        .expect("a socket address forms a valid URL")
}

fn parse_base_url(raw: &str) -> Result<Url, String> {
    const EXPECTED: &str =
        "an http(s) URL without path, query or fragment, such as https://bankport.example.com";
    let url = Url::parse(raw).map_err(|_| EXPECTED.to_owned())?;
    let bare = url.path() == "/" && url.query().is_none() && url.fragment().is_none();
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() || !bare {
        return Err(EXPECTED.to_owned());
    }
    Ok(url)
}

fn parse_smtp_url(raw: &str) -> Result<SecretUrl, String> {
    const EXPECTED: &str =
        "an SMTP URL such as smtp://127.0.0.1:2525 or smtps://user:password@smtp.example.com";
    let url = Url::parse(raw).map_err(|_| EXPECTED.to_owned())?;
    if !matches!(url.scheme(), "smtp" | "smtps") || url.host().is_none() {
        return Err(EXPECTED.to_owned());
    }
    Ok(SecretUrl(raw.to_owned()))
}

/// Hides a password in a URL that failed to parse as a database URL.
fn redact(raw: &str) -> String {
    DatabaseUrl(raw.to_owned()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_are_an_embedded_sqlite_server_on_8080() {
        let c = config(&[]).unwrap();
        assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(c.base_url.unwrap().as_str(), "http://127.0.0.1:8080/");
        assert_eq!(c.data_dir, PathBuf::from("data"));
        assert_eq!(c.database.expose(), "sqlite://data/bankport.db?mode=rwc");
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert_eq!(c.dist_dir, PathBuf::from("dist"));
    }

    #[test]
    fn a_malformed_listen_address_names_the_variable_and_the_form() {
        let err = config(&[("BANKPORT_LISTEN", "localhost")]).unwrap_err();
        assert_eq!(err.name, "BANKPORT_LISTEN");
        assert!(
            err.to_string()
                .starts_with("BANKPORT_LISTEN is \"localhost\", expected")
        );
    }

    #[test]
    fn base_urls_with_a_path_or_another_scheme_are_rejected() {
        for bad in [
            "ftp://x.example",
            "https://x.example/app",
            "x.example",
            "https://x.example?q=1",
        ] {
            let err = config(&[("BANKPORT_BASE_URL", bad)]).unwrap_err();
            assert_eq!(err.name, "BANKPORT_BASE_URL", "{bad}");
        }
        let ok = config(&[("BANKPORT_BASE_URL", "https://bankport.example.com")]).unwrap();
        assert_eq!(
            ok.base_url.unwrap().as_str(),
            "https://bankport.example.com/"
        );
    }

    #[test]
    fn the_data_dir_moves_the_default_sqlite_file() {
        let c = config(&[("BANKPORT_DATA_DIR", "/var/lib/bankport")]).unwrap();
        assert_eq!(
            c.database.expose(),
            "sqlite:///var/lib/bankport/bankport.db?mode=rwc"
        );
    }

    #[test]
    fn database_urls_must_be_sqlite_or_postgres_and_hide_their_password() {
        let err = config(&[("DATABASE_URL", "mysql://root:hunter2@db/x")]).unwrap_err();
        assert_eq!(err.name, "DATABASE_URL");
        assert!(!err.to_string().contains("hunter2"));

        let c = config(&[("DATABASE_URL", "postgres://app:hunter2@db:5432/bankport")]).unwrap();
        assert!(c.database.is_postgres());
        assert!(!format!("{:?} {}", c.database, c.database).contains("hunter2"));
    }

    #[test]
    fn smtp_urls_are_smtp_or_smtps_and_hide_their_password() {
        let c = config(&[(
            "BANKPORT_SMTP_URL",
            "smtps://mailer:s3cret@smtp.example.com",
        )])
        .unwrap();
        let url = c.smtp_url.unwrap();
        assert_eq!(url.expose(), "smtps://mailer:s3cret@smtp.example.com");
        assert!(!format!("{url} {url:?}").contains("s3cret"));
        let err = config(&[("BANKPORT_SMTP_URL", "http://user:s3cret@x")]).unwrap_err();
        assert_eq!(err.name, "BANKPORT_SMTP_URL");
        assert!(!err.to_string().contains("s3cret"));
    }

    #[test]
    fn the_sender_defaults_to_no_reply_at_the_public_host() {
        let c = config(&[("BANKPORT_BASE_URL", "https://bankport.example.com")]).unwrap();
        let base = c.base_url.clone().unwrap();
        assert_eq!(
            c.sender(&base).to_string(),
            "Bankport <no-reply@bankport.example.com>"
        );
        let local = config(&[]).unwrap();
        assert_eq!(
            local.sender(&local.base_url.clone().unwrap()).to_string(),
            "Bankport <no-reply@localhost>"
        );
        assert_eq!(
            config(&[("BANKPORT_MAIL_FROM", "not a mailbox")])
                .unwrap_err()
                .name,
            "BANKPORT_MAIL_FROM"
        );
    }

    #[test]
    fn the_master_key_is_validated_and_never_echoed() {
        let err = config(&[("BANKPORT_MASTER_KEY", "c2VjcmV0")]).unwrap_err();
        assert_eq!(err.name, "BANKPORT_MASTER_KEY");
        assert!(!err.to_string().contains("c2VjcmV0"));
        let key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        assert!(
            config(&[("BANKPORT_MASTER_KEY", key)])
                .unwrap()
                .master_key
                .is_some()
        );
    }

    #[test]
    fn the_refresh_interval_is_seconds_from_1_to_30_days() {
        assert_eq!(config(&[]).unwrap().refresh_interval.num_hours(), 24);
        assert_eq!(
            config(&[("BANKPORT_REFRESH_INTERVAL_SECS", "60")])
                .unwrap()
                .refresh_interval
                .num_seconds(),
            60
        );
        assert!(config(&[("BANKPORT_REFRESH_INTERVAL_SECS", "0")]).is_err());
        assert!(config(&[("BANKPORT_REFRESH_INTERVAL_SECS", "daily")]).is_err());
    }

    #[test]
    fn the_sandbox_delay_is_seconds_up_to_72_hours() {
        assert_eq!(config(&[]).unwrap().sandbox_delay.as_secs(), 30);
        assert_eq!(
            config(&[("BANKPORT_SANDBOX_DELAY_SECS", "2")])
                .unwrap()
                .sandbox_delay
                .as_secs(),
            2
        );
        assert!(config(&[("BANKPORT_SANDBOX_DELAY_SECS", "300000")]).is_err());
        assert!(config(&[("BANKPORT_ENV", "staging")]).is_err());
    }

    #[test]
    fn log_format_is_pretty_or_json() {
        assert_eq!(
            config(&[("BANKPORT_LOG_FORMAT", "json")])
                .unwrap()
                .log_format,
            LogFormat::Json
        );
        assert_eq!(
            config(&[("BANKPORT_LOG_FORMAT", "xml")]).unwrap_err().name,
            "BANKPORT_LOG_FORMAT"
        );
    }

    #[test]
    fn port_zero_leaves_the_base_url_to_be_derived_once_bound() {
        assert!(
            config(&[("BANKPORT_LISTEN", "127.0.0.1:0")])
                .unwrap()
                .base_url
                .is_none()
        );
        assert_eq!(
            base_url_for("[::1]:9000".parse().unwrap()).as_str(),
            "http://[::1]:9000/"
        );
    }
}
