//! `cargo xtask test`: the whole suite in a fixed order (tools, fmt, clippy, tests on
//! SQLite, tests on PostgreSQL, frontend build, e2e), a recap of every step, and a
//! last line `N passed, N failed` summed from the `test result:` lines of every
//! `cargo test` run plus one failure per failed non-test step.

use std::env;
use std::fmt;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::exec;
use crate::frontend;
use crate::tools::{self, Browser};

/// Used when `BANKPORT_TEST_POSTGRES_URL` is unset: the usual local or CI service.
const DEFAULT_POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";
/// How long to wait for PostgreSQL's port before calling it unreachable.
const POSTGRES_CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// Which parts of the suite to run; the plain command runs everything.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// fmt and clippy (`--no-lint` turns them off for quick local loops).
    pub lint: bool,
    /// The frontend build and the browser tests (`--no-e2e`).
    pub e2e: bool,
}

impl Options {
    /// Parses the flags after `test`.
    pub fn parse(args: &[String]) -> Result<Self> {
        let mut options = Self {
            lint: true,
            e2e: true,
        };
        for arg in args {
            match arg.as_str() {
                "--no-lint" => options.lint = false,
                "--no-e2e" => options.e2e = false,
                other => bail!("unknown option for `test`: {other}"),
            }
        }
        Ok(options)
    }
}

/// Runs the suite and returns the process exit code (1 if anything failed).
pub fn run(root: &Path, options: Options) -> ExitCode {
    let mut suite = Suite::default();

    // a. Tools. Without them nothing else means anything: stop here on failure.
    let setup = suite.step("setup (tools, chromium)", || {
        tools::setup(root, Browser::Ensure)
    });
    let Some(tools) = setup else {
        return suite.finish();
    };

    // b, c. Lints; a failure here does not hide the test results below.
    if options.lint {
        suite.step("cargo fmt --check", || {
            exec::run(cargo(root).args(["fmt", "--all", "--check"]))
        });
        suite.step("clippy (workspace)", || {
            exec::run(
                cargo(root)
                    .args(["clippy", "--workspace", "--all-targets"])
                    .args(DENY),
            )
        });
        suite.step("clippy (frontend, wasm32)", || {
            exec::run(
                cargo(root)
                    .args(["clippy", "-p", "bankport-frontend", "--target"])
                    .arg(tools::WASM_TARGET)
                    .args(DENY),
            )
        });
    } else {
        suite.skip("lints", "--no-lint");
    }

    // d. Unit and integration tests on SQLite.
    suite.cargo_test(
        "tests (SQLite)",
        cargo(root)
            .args(["test", "--no-fail-fast", "--workspace"])
            .args([
                "--exclude",
                "bankport-frontend",
                "--exclude",
                "bankport-e2e",
            ])
            .env("BANKPORT_TEST_DATABASE", "sqlite"),
    );

    // e. The API tests again on PostgreSQL, when there is one.
    postgres_step(&mut suite, root);

    // f, g. Release frontend and the browser tests against it.
    if options.e2e {
        let built = suite
            .step("build-frontend", || frontend::build(root, &tools))
            .is_some();
        if built {
            let artifacts = root.join("target").join("e2e-artifacts");
            if let Err(err) = std::fs::create_dir_all(&artifacts) {
                eprintln!("warning: could not create {}: {err}", artifacts.display());
            }
            suite.cargo_test(
                "e2e",
                cargo(root)
                    .args(["test", "--no-fail-fast", "-p", "bankport-e2e"])
                    .args(["--", "--test-threads=2"])
                    .env("BANKPORT_E2E_DIST", root.join("dist"))
                    .env("BANKPORT_E2E_CHROMEDRIVER", tools::CHROMEDRIVER)
                    .env("BANKPORT_E2E_CHROMIUM", tools::CHROMIUM)
                    .env("BANKPORT_E2E_ARTIFACTS", &artifacts),
            );
        } else {
            suite.skip("e2e", "the frontend build failed");
        }
    } else {
        suite.skip("build-frontend and e2e", "--no-e2e");
    }

    suite.finish()
}

/// Clippy warnings fail the suite.
const DENY: [&str; 3] = ["--", "-D", "warnings"];

fn cargo(root: &Path) -> Command {
    exec::command("cargo", root)
}

fn postgres_step(suite: &mut Suite, root: &Path) {
    const NAME: &str = "tests (PostgreSQL)";
    let url = env::var("BANKPORT_TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.is_empty())
        .unwrap_or_else(|| DEFAULT_POSTGRES_URL.to_owned());
    let (host, port) = match postgres_host_port(&url) {
        Ok(address) => address,
        Err(err) => {
            suite.fail(NAME, &format!("BANKPORT_TEST_POSTGRES_URL: {err:#}"));
            return;
        }
    };
    let started = Instant::now();
    if reachable(&host, port) {
        suite.cargo_test(
            NAME,
            cargo(root)
                .args([
                    "test",
                    "--no-fail-fast",
                    "-p",
                    "bankport-backend",
                    "--test",
                    "api",
                ])
                .env("BANKPORT_TEST_DATABASE", "postgres")
                .env("BANKPORT_TEST_POSTGRES_URL", &url),
        );
        return;
    }
    let message = format!("PostgreSQL not reachable at {host}:{port}");
    Suite::banner(NAME);
    if is_ci() {
        println!("FAILED: {message} (CI must test PostgreSQL; set BANKPORT_TEST_POSTGRES_URL)");
        suite.record(NAME, Outcome::Failed, started, message);
        suite.failed += 1;
    } else {
        println!(
            "SKIPPED: {message}; start one or set BANKPORT_TEST_POSTGRES_URL \
             (under CI=true this is a failure)"
        );
        suite.record(NAME, Outcome::Skipped, started, message);
    }
}

/// Whether we run under CI (`CI=true` or `CI=1`), where a missing PostgreSQL is a failure.
fn is_ci() -> bool {
    env::var("CI").is_ok_and(|ci| ci == "1" || ci.eq_ignore_ascii_case("true"))
}

/// Host and port of a `postgres://user:password@host:port/db` URL; port 5432 when
/// absent, `localhost` when the host is empty.
pub fn postgres_host_port(url: &str) -> Result<(String, u16)> {
    let rest = url
        .strip_prefix("postgres://")
        .or_else(|| url.strip_prefix("postgresql://"))
        .context("expected a postgres:// or postgresql:// URL")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let parse_port = |port: &str| -> Result<u16> {
        if port.is_empty() {
            Ok(5432)
        } else {
            port.parse()
                .with_context(|| format!("invalid port `{port}`"))
        }
    };
    let (host, port) = if let Some(bracketed) = host_port.strip_prefix('[') {
        let (host, tail) = bracketed
            .split_once(']')
            .context("unclosed `[` in the host")?;
        match tail.strip_prefix(':') {
            Some(port) => (host, parse_port(port)?),
            None if tail.is_empty() => (host, 5432),
            None => bail!("unexpected `{tail}` after the host"),
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, parse_port(port)?),
            None => (host_port, 5432),
        }
    };
    let host = if host.is_empty() { "localhost" } else { host };
    Ok((host.to_owned(), port))
}

/// A TCP connect to any address of `host:port` within the timeout.
fn reachable(host: &str, port: u16) -> bool {
    let Ok(addresses) = (host, port).to_socket_addrs() else {
        return false;
    };
    addresses
        .into_iter()
        .any(|address| TcpStream::connect_timeout(&address, POSTGRES_CONNECT_TIMEOUT).is_ok())
}

/// Passed and failed counts from libtest's summary lines.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TestCounts {
    /// Tests that passed.
    pub passed: u64,
    /// Tests that failed.
    pub failed: u64,
}

impl TestCounts {
    /// Adds the counts of one output line if it is a `test result:` line.
    pub fn add_line(&mut self, line: &str) {
        if let Some(counts) = parse_test_result(line) {
            self.passed += counts.passed;
            self.failed += counts.failed;
        }
    }
}

/// Parses `test result: ok. 3 passed; 0 failed; 0 ignored; …` (or `FAILED.`),
/// tolerating colour codes.
pub fn parse_test_result(line: &str) -> Option<TestCounts> {
    let line = strip_ansi(line);
    let (_, rest) = line.split_once("test result: ")?;
    let (_, rest) = rest.split_once(". ")?;
    let mut counts = TestCounts::default();
    let mut seen = false;
    for part in rest.split(';') {
        let mut words = part.split_whitespace();
        let (Some(number), Some(label)) = (words.next(), words.next()) else {
            continue;
        };
        let Ok(number) = number.parse::<u64>() else {
            continue;
        };
        match label {
            "passed" => {
                counts.passed = number;
                seen = true;
            }
            "failed" => {
                counts.failed = number;
                seen = true;
            }
            _ => {}
        }
    }
    seen.then_some(counts)
}

/// Removes `ESC [ … letter` sequences.
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            if chars.next() == Some('[') {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok,
    Failed,
    Skipped,
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Self::Ok => "ok",
            Self::Failed => "FAILED",
            Self::Skipped => "SKIPPED",
        })
    }
}

#[derive(Debug)]
struct StepRecord {
    name: String,
    outcome: Outcome,
    duration: Duration,
    note: String,
}

/// The running tally: one record per step and the summed counts.
#[derive(Debug, Default)]
struct Suite {
    steps: Vec<StepRecord>,
    passed: u64,
    failed: u64,
}

impl Suite {
    fn banner(name: &str) {
        println!("\n━━━ {name} ━━━");
    }

    fn record(&mut self, name: &str, outcome: Outcome, started: Instant, note: String) {
        self.steps.push(StepRecord {
            name: name.to_owned(),
            outcome,
            duration: started.elapsed(),
            note,
        });
    }

    /// A non-test step: its failure counts as one failed.
    fn step<T>(&mut self, name: &str, body: impl FnOnce() -> Result<T>) -> Option<T> {
        Self::banner(name);
        let started = Instant::now();
        match body() {
            Ok(value) => {
                self.record(name, Outcome::Ok, started, String::new());
                Some(value)
            }
            Err(err) => {
                println!("FAILED: {name}: {err:#}");
                self.record(name, Outcome::Failed, started, format!("{err:#}"));
                self.failed += 1;
                None
            }
        }
    }

    /// A `cargo test` run: its `test result:` lines are summed. A failing run with no
    /// failed test (a compile error) counts as one failed, and so does a run that
    /// executed zero tests: that means something is wrong, not that all is well.
    fn cargo_test(&mut self, name: &str, cmd: &mut Command) {
        Self::banner(name);
        let started = Instant::now();
        let mut counts = TestCounts::default();
        let status = exec::stream(cmd, |line| counts.add_line(line));
        self.passed += counts.passed;
        self.failed += counts.failed;
        let summary = format!("{} passed, {} failed", counts.passed, counts.failed);
        let problem = match status {
            Err(err) => Some(format!("{err:#}")),
            Ok(status) => match exec::check(cmd, status) {
                Err(err) => Some(format!("{err:#}")),
                Ok(()) if counts.passed + counts.failed == 0 => {
                    Some("ran 0 tests; something is wrong".to_owned())
                }
                Ok(()) => None,
            },
        };
        match problem {
            None => self.record(name, Outcome::Ok, started, summary),
            Some(problem) => {
                println!("FAILED: {name}: {problem}");
                if counts.failed == 0 {
                    self.failed += 1;
                }
                self.record(
                    name,
                    Outcome::Failed,
                    started,
                    format!("{summary}; {problem}"),
                );
            }
        }
    }

    fn skip(&mut self, name: &str, reason: &str) {
        self.record(name, Outcome::Skipped, Instant::now(), reason.to_owned());
    }

    /// A step that fails without running anything.
    fn fail(&mut self, name: &str, reason: &str) {
        Self::banner(name);
        println!("FAILED: {name}: {reason}");
        self.record(name, Outcome::Failed, Instant::now(), reason.to_owned());
        self.failed += 1;
    }

    /// Prints the recap and the final `N passed, N failed` line; exit 1 if anything failed.
    fn finish(mut self) -> ExitCode {
        // Nothing passed and nothing failed: no test ran at all, which is never a success.
        if self.passed + self.failed == 0 {
            let note = "no test ran at all; something is wrong".to_owned();
            self.record("test count", Outcome::Failed, Instant::now(), note);
            self.failed += 1;
        }
        Self::banner("recap");
        let width = self
            .steps
            .iter()
            .map(|step| step.name.len())
            .max()
            .unwrap_or(0);
        for step in &self.steps {
            let line = format!(
                "{:<8} {:<width$} {:>8}  {}",
                step.outcome,
                step.name,
                format_duration(step.duration),
                first_line(&step.note),
            );
            println!("{}", line.trim_end());
        }
        let failed_steps = self
            .steps
            .iter()
            .any(|step| step.outcome == Outcome::Failed);
        println!("{} passed, {} failed", self.passed, self.failed);
        if failed_steps || self.failed > 0 {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        }
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// `12.3s` or `4m05s`.
fn format_duration(duration: Duration) -> String {
    let tenths = duration.as_millis() / 100;
    if tenths < 600 {
        format!("{}.{}s", tenths / 10, tenths % 10)
    } else {
        let seconds = tenths / 10;
        format!("{}m{:02}s", seconds / 60, seconds % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_test_result_lines() {
        let output = "\
running 3 tests
test a ... ok
test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

test result: FAILED. 5 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.20s
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
\u{1b}[0mtest result: \u{1b}[32mok\u{1b}[0m. 4 passed; 0 failed; 0 ignored
println!(\"test result: nothing\");
";
        let mut counts = TestCounts::default();
        output.lines().for_each(|line| counts.add_line(line));
        assert_eq!(
            counts,
            TestCounts {
                passed: 12,
                failed: 2
            }
        );
    }

    #[test]
    fn parses_postgres_host_and_port() {
        let parse = |url| postgres_host_port(url).unwrap();
        assert_eq!(parse(DEFAULT_POSTGRES_URL), ("127.0.0.1".into(), 5432));
        assert_eq!(
            parse("postgresql://bp:p%40ss:w@db.example:6543/bankport?sslmode=disable"),
            ("db.example".into(), 6543)
        );
        assert_eq!(parse("postgres://db"), ("db".into(), 5432));
        assert_eq!(parse("postgres://u@[::1]:5433/x"), ("::1".into(), 5433));
        assert_eq!(parse("postgres://[::1]/x"), ("::1".into(), 5432));
        assert_eq!(parse("postgres:///bankport"), ("localhost".into(), 5432));
        assert!(postgres_host_port("mysql://h/x").is_err());
        assert!(postgres_host_port("postgres://h:port/x").is_err());
    }

    #[test]
    fn parses_test_options() {
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let all = Options::parse(&[]).unwrap();
        assert!(all.lint && all.e2e);
        let quick = Options::parse(&args(&["--no-e2e", "--no-lint"])).unwrap();
        assert!(!quick.lint && !quick.e2e);
        assert!(Options::parse(&args(&["--fast"])).is_err());
    }

    #[test]
    fn formats_durations() {
        assert_eq!(format_duration(Duration::from_millis(12_345)), "12.3s");
        assert_eq!(format_duration(Duration::from_secs(245)), "4m05s");
    }
}
