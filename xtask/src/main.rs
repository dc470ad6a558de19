//! `cargo xtask`: Bankport's developer commands, so that a fresh machine needs only
//! a rustup toolchain and one command. This file owns the command line (parsed by
//! hand to keep the crate quick to compile) and `run`; the other modules own tool
//! setup, frontend builds and the test suite.

mod exec;
mod frontend;
mod test;
mod tools;

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::Result;

use crate::tools::Browser;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup              install or verify the tools (wasm32 target, trunk, wasm-bindgen-cli,
                     wasm-opt, chromium + chromedriver); installs only what is missing
  build-frontend     release builds of the dashboard (dist/dashboard) and the link widget
                     (dist/widget), with sizes and the widget's gzip budget check
  run [--dev]        setup, build-frontend, then serve Bankport (release backend unless --dev)
  test [--no-lint] [--no-e2e]
                     the whole suite: fmt, clippy, tests on SQLite and PostgreSQL,
                     frontend build and browser tests; ends with `N passed, N failed`
";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    match dispatch(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn dispatch(args: &[String]) -> Result<ExitCode> {
    let root = workspace_root();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    match (command.as_str(), rest) {
        ("setup", []) => {
            tools::setup(&root, Browser::Ensure)?;
            Ok(ExitCode::SUCCESS)
        }
        ("build-frontend", []) => {
            let tools = tools::setup(&root, Browser::Skip)?;
            frontend::build(&root, &tools)?;
            Ok(ExitCode::SUCCESS)
        }
        ("run", []) => serve(&root, false),
        ("run", [flag]) if flag == "--dev" => serve(&root, true),
        ("test", flags) => Ok(test::run(&root, test::Options::parse(flags)?)),
        ("help" | "-h" | "--help", _) => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => {
            eprint!("unknown command or option: {}\n\n{USAGE}", args.join(" "));
            Ok(ExitCode::from(2))
        }
    }
}

/// The checkout root: xtask lives in `<root>/xtask`, so every command works the same
/// from any directory.
fn workspace_root() -> PathBuf {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().unwrap_or(manifest_dir).to_path_buf()
}

/// `cargo xtask run`: tools, frontend, then the backend in the foreground. The backend
/// reads its own configuration from the environment, which passes through untouched
/// except for a default `BANKPORT_DIST_DIR`.
fn serve(root: &Path, dev: bool) -> Result<ExitCode> {
    let tools = tools::setup(root, Browser::Skip)?;
    frontend::build(root, &tools)?;

    let mut cmd = exec::command("cargo", root);
    cmd.arg("run");
    if !dev {
        cmd.arg("--release");
    }
    cmd.args(["-p", "bankport-backend", "--bin", "bankport", "--", "serve"]);
    if env::var_os("BANKPORT_DIST_DIR").is_none() {
        cmd.env("BANKPORT_DIST_DIR", root.join("dist"));
    }
    let listen = env::var("BANKPORT_LISTEN")
        .ok()
        .filter(|listen| !listen.is_empty())
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    println!("Bankport will be served at http://{listen}");
    replace_process(cmd)
}

/// Hands the terminal over to `cmd` like a shell's `exec`: on Unix the process is
/// replaced, so signals such as Ctrl-C reach the server directly and its exit code is
/// ours; elsewhere we wait and pass the exit code on.
fn replace_process(mut cmd: Command) -> Result<ExitCode> {
    exec::echo(&cmd);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        let err = cmd.exec();
        anyhow::bail!("could not start `{}`: {err}", exec::display(&cmd))
    }
    #[cfg(not(unix))]
    {
        let status = cmd
            .status()
            .map_err(|err| anyhow::anyhow!("could not start `{}`: {err}", exec::display(&cmd)))?;
        let code = status.code().unwrap_or(1);
        Ok(ExitCode::from(u8::try_from(code).unwrap_or(1)))
    }
}
