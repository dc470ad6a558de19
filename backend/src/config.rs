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

        Ok(Self {
            listen,
            base_url,
            data_dir,
            database,
            log_format,
            dist_dir,
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
        }
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
