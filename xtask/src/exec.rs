//! Running external commands. Every command goes through here so that it is echoed
//! as `$ program args` before it starts (explicitly set environment variables first,
//! passwords in URLs masked), and so that a failure names the command and its exit
//! status. Output is inherited unless a caller needs it (version probes, gzip sizes,
//! `cargo test` output that is scanned while it is streamed).

use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::process::{Command, ExitStatus, Stdio};

use anyhow::{Context, Result, bail};

/// The command as a shell-like line, for echoing and for error messages.
pub fn display(cmd: &Command) -> String {
    let mut parts = Vec::new();
    for (key, value) in cmd.get_envs() {
        // Our PATH is the user's PATH with tool directories prepended: long and noisy.
        if key == "PATH" {
            continue;
        }
        if let Some(value) = value {
            let value = redact_url_password(&value.to_string_lossy());
            parts.push(format!("{}={}", key.to_string_lossy(), quote(&value)));
        }
    }
    parts.push(quote(&cmd.get_program().to_string_lossy()));
    parts.extend(cmd.get_args().map(|arg| quote(&arg.to_string_lossy())));
    parts.join(" ")
}

/// Quotes a word for display the way a POSIX shell would need it.
fn quote(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:@,+%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Replaces the password of a `scheme://user:password@host` URL with `***`, so that
/// echoed commands (which end up in CI logs) do not leak database credentials.
pub fn redact_url_password(value: &str) -> String {
    let Some(scheme_end) = value.find("://") else {
        return value.to_owned();
    };
    let after_scheme = scheme_end + 3;
    let authority_end = value[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(value.len(), |i| after_scheme + i);
    let authority = &value[after_scheme..authority_end];
    let Some(at) = authority.rfind('@') else {
        return value.to_owned();
    };
    let Some(colon) = authority[..at].find(':') else {
        return value.to_owned();
    };
    format!(
        "{}{}***{}",
        &value[..after_scheme],
        &authority[..=colon],
        &value[after_scheme + at..]
    )
}

/// Prints `$ command` and flushes, so the line appears before the command's output.
pub fn echo(cmd: &Command) {
    println!("$ {}", display(cmd));
    let _ = io::stdout().flush();
}

/// Echoes and runs a command with inherited stdio; a non-zero exit is an error.
pub fn run(cmd: &mut Command) -> Result<()> {
    echo(cmd);
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{}`", display(cmd)))?;
    check(cmd, status)
}

/// Turns a non-successful exit status into an error naming the command.
pub fn check(cmd: &Command, status: ExitStatus) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        bail!("`{}` failed ({status})", display(cmd))
    }
}

/// Echoes and runs a command, returning its stdout; a non-zero exit is an error.
/// Stderr stays inherited so diagnostics are visible.
pub fn stdout_of(cmd: &mut Command) -> Result<Vec<u8>> {
    echo(cmd);
    let output = cmd
        .stderr(Stdio::inherit())
        .output()
        .with_context(|| format!("could not start `{}`", display(cmd)))?;
    check(cmd, output.status)?;
    Ok(output.stdout)
}

/// Echoes and runs a version probe such as `trunk --version`. A tool that is missing
/// or fails is not an error here (the caller installs it): that gives `None`.
pub fn probe(cmd: &mut Command) -> Option<String> {
    echo(cmd);
    match cmd.stdin(Stdio::null()).stderr(Stdio::inherit()).output() {
        Ok(output) if output.status.success() => {
            Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
        }
        Ok(output) => {
            println!("  (exited with {})", output.status);
            None
        }
        Err(err) if err.kind() == io::ErrorKind::NotFound => {
            println!("  (not found)");
            None
        }
        Err(err) => {
            println!("  (could not start: {err})");
            None
        }
    }
}

/// Echoes and runs a command whose stdout is streamed live to our stdout while each
/// complete line is also handed to `on_line` (used to scan `cargo test` results).
/// Returns the exit status without judging it.
pub fn stream(cmd: &mut Command, mut on_line: impl FnMut(&str)) -> Result<ExitStatus> {
    echo(cmd);
    let mut child = cmd
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{}`", display(cmd)))?;
    let mut child_stdout = child.stdout.take().context("child stdout was not piped")?;
    let mut our_stdout = io::stdout();
    let mut chunk = [0u8; 8192];
    let mut pending = Vec::new();
    loop {
        let n = match child_stdout.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err).context("reading the command's output"),
        };
        // Chunks, not lines, are forwarded so that `test foo ... ` shows up while the
        // test is still running. A closed stdout of ours must not stop the child.
        let _ = our_stdout.write_all(&chunk[..n]);
        let _ = our_stdout.flush();
        pending.extend_from_slice(&chunk[..n]);
        while let Some(newline) = pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = pending.drain(..=newline).collect();
            on_line(&String::from_utf8_lossy(&line));
        }
    }
    if !pending.is_empty() {
        on_line(&String::from_utf8_lossy(&pending));
    }
    child
        .wait()
        .with_context(|| format!("waiting for `{}`", display(cmd)))
}

/// A `Command` for `program` with its working directory set, the usual starting point.
pub fn command(program: impl AsRef<OsStr>, dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir);
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_quotes_and_shows_env_but_not_path() {
        let mut cmd = Command::new("cargo");
        cmd.args(["test", "--", "a b"])
            .env("PATH", "/x")
            .env("BANKPORT_TEST_DATABASE", "sqlite");
        assert_eq!(
            display(&cmd),
            "BANKPORT_TEST_DATABASE=sqlite cargo test -- 'a b'"
        );
    }

    #[test]
    fn url_passwords_are_masked() {
        assert_eq!(
            redact_url_password("postgres://bp:s3cr@t@db:5432/bankport"),
            "postgres://bp:***@db:5432/bankport"
        );
        assert_eq!(
            redact_url_password("postgres://postgres@127.0.0.1:5432/postgres"),
            "postgres://postgres@127.0.0.1:5432/postgres"
        );
        assert_eq!(redact_url_password("sqlite"), "sqlite");
        assert_eq!(
            redact_url_password("http://h/p?u=a:b@c"),
            "http://h/p?u=a:b@c"
        );
    }
}
