//! The `bankport` binary: parse the command line and configuration, then serve.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use bankport_backend::{Application, Config, css, startup, telemetry};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bankport",
    version,
    about = "Self-hostable open-banking developer platform"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API, the dashboard and the link widget (the default).
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Check custom CSS themes offline against the widget's policy: print each
    /// problem as FILE:LINE:COLUMN: reason, or the stored (minified) CSS.
    CheckCss {
        /// The .css files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Offline: no configuration, database or environment needed.
    let command = match cli.command {
        Some(Command::CheckCss { files }) => return check_css(files),
        command => command.unwrap_or(Command::Serve),
    };
    // `.env` is for development; real deployments set the environment.
    if let Err(e) = dotenvy::dotenv()
        && !e.not_found()
    {
        eprintln!("bankport: cannot read .env: {e}");
        return ExitCode::FAILURE;
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("bankport: {e}");
            return ExitCode::FAILURE;
        }
    };
    telemetry::init(config.log_format);

    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("bankport: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match command {
            Command::Serve => serve(config).await,
            Command::Migrate => migrate(config).await,
            Command::CheckCss { .. } => unreachable!("check-css returned above"),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e:#}");
            eprintln!("bankport: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let database = config.database.to_string();
    let app = Application::build(config).await?;
    tracing::info!(database = %database, "Bankport is serving at {}", app.base_url());
    app.run_until_stopped().await?;
    Ok(())
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    startup::prepare_data_dir(&config)?;
    startup::connect_and_migrate(&config).await?;
    tracing::info!(database = %config.database, "migrations applied");
    Ok(())
}

/// `bankport check-css FILE…`: exit status 1 when any file is refused or unreadable.
///
/// Runs on a thread with the same large stack as the server's validations
/// ([`css::VALIDATION_STACK_BYTES`]): the main thread's 8 MiB are fewer.
fn check_css(files: Vec<PathBuf>) -> ExitCode {
    let checked = std::thread::Builder::new()
        .name("check-css".to_owned())
        .stack_size(css::VALIDATION_STACK_BYTES)
        .spawn(move || check_css_files(&files));
    match checked.map(std::thread::JoinHandle::join) {
        Ok(Ok(true)) => ExitCode::SUCCESS,
        Ok(Ok(false)) => ExitCode::FAILURE,
        Ok(Err(_)) => {
            eprintln!("bankport: check-css failed with an internal error");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("bankport: cannot start check-css: {e}");
            ExitCode::FAILURE
        }
    }
}

/// True when every file is accepted.
fn check_css_files(files: &[PathBuf]) -> bool {
    let mut out = std::io::stdout().lock();
    let mut all_accepted = true;
    for file in files {
        all_accepted &= check_css_file(&mut out, file);
    }
    all_accepted
}

/// Prints one file's problems, or its notes and stored CSS; true when accepted.
/// Write errors (a closed pipe, say) are ignored: the exit status still tells.
fn check_css_file(out: &mut impl Write, file: &Path) -> bool {
    let name = file.display();
    let bytes = match read_at_most(file, css::MAX_CSS_BYTES + 1) {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = writeln!(out, "{name}: cannot read: {e}");
            return false;
        }
    };
    // Only the first bytes were read: the size is not known, only that it is too large.
    if bytes.len() > css::MAX_CSS_BYTES {
        let _ = writeln!(
            out,
            "{name}:1:1: the stylesheet is larger than the limit of {} bytes ({} KiB)",
            css::MAX_CSS_BYTES,
            css::MAX_CSS_BYTES / 1024
        );
        return false;
    }
    match css::validate(&bytes) {
        Ok(accepted) => {
            for note in &accepted.notes {
                let _ = writeln!(
                    out,
                    "{name}:{}:{}: note: {}",
                    note.line, note.column, note.reason
                );
            }
            let _ = writeln!(out, "{}", accepted.css);
            true
        }
        Err(violations) => {
            for violation in &violations {
                let _ = writeln!(
                    out,
                    "{name}:{}:{}: {}",
                    violation.line, violation.column, violation.reason
                );
            }
            false
        }
    }
}

/// The first `limit` bytes of a file: `/dev/zero` or a huge file is not read
/// to its end.
fn read_at_most(file: &Path, limit: usize) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::fs::File::open(file)?
        .take(u64::try_from(limit).unwrap_or(u64::MAX))
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}
