//! The `bankport` binary: parse the command line and configuration, then serve.

use std::process::ExitCode;

use bankport_backend::{Application, Config, startup, telemetry};
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(config).await,
            Command::Migrate => migrate(config).await,
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
