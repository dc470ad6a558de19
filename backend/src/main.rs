//! The `bankport` binary: parse the command line and configuration, then serve.

use std::io::Write;
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
        Some(Command::CheckCss { files }) => return check_css(&files),
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
fn check_css(files: &[PathBuf]) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let mut all_accepted = true;
    for file in files {
        all_accepted &= check_css_file(&mut out, file);
    }
    if all_accepted {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints one file's problems, or its notes and stored CSS; true when accepted.
/// Write errors (a closed pipe, say) are ignored: the exit status still tells.
fn check_css_file(out: &mut impl Write, file: &Path) -> bool {
    let name = file.display();
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = writeln!(out, "{name}: cannot read: {e}");
            return false;
        }
    };
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
