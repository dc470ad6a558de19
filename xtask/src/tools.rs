//! Making sure the external tools exist in the versions that work together (see
//! docs/TOOLCHAIN.md): the wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt from npm's
//! binaryen, and Chromium with chromedriver for the e2e tests. Every check is quick
//! and idempotent; only what is missing or in the wrong version gets installed.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

use crate::exec;

/// Trunk 0.21.14: plain `cargo install --locked trunk` picks 0.22, which needs a newer rustc.
pub const TRUNK_VERSION: &str = "0.21.14";
/// The npm binaryen release that provides a wasm-opt whose output works in Chromium
/// (Debian's binaryen 108 does not).
const BINARYEN_NPM_VERSION: &str = "132.0.0";
/// What `wasm-opt --version` reports for that release, as two words.
const WASM_OPT_VERSION: &str = "132";
/// The Rust target the frontend compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The Debian Chromium binary the e2e tests drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The Debian chromedriver matching [`CHROMIUM`].
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Whether setup also ensures Chromium and chromedriver: only the e2e tests need them,
/// and installing them needs root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Browser {
    /// Leave the browser alone (`run`, `build-frontend`).
    Skip,
    /// Make sure Chromium and chromedriver exist (`setup`, `test`).
    Ensure,
}

/// What later steps need to run the tools that setup vouched for: a PATH with our
/// private wasm-opt and cargo's bin directory in front, so Trunk finds the right
/// wasm-bindgen and wasm-opt even when the user's PATH lacks them or has Debian's.
#[derive(Debug, Clone)]
pub struct Tools {
    path: OsString,
}

impl Tools {
    /// A command for `program`, run in `dir`, looked up and running with our PATH.
    pub fn command(&self, program: &str, dir: &Path) -> Command {
        let mut cmd = exec::command(program, dir);
        cmd.env("PATH", &self.path);
        cmd
    }
}

/// Ensures every tool (the browser only when asked) and returns how to run them.
pub fn setup(root: &Path, browser: Browser) -> Result<Tools> {
    let tools_dir = tools_dir()?;
    let tools = Tools {
        path: tool_path(&tools_dir)?,
    };
    let mut apt = Apt::default();

    // Read the pinned wasm-bindgen version first: a mismatch between Cargo.lock and
    // Trunk.toml is a configuration error worth reporting before any long install.
    let wasm_bindgen_version = wasm_bindgen_version(root)?;

    ensure_wasm_target(root)?;
    ensure_trunk(root, &tools)?;
    ensure_wasm_bindgen(root, &tools, &wasm_bindgen_version)?;
    ensure_wasm_opt(root, &tools_dir, &mut apt)?;
    if browser == Browser::Ensure {
        ensure_browser(root, &mut apt)?;
    }
    Ok(tools)
}

/// `$XDG_CACHE_HOME/bankport/tools`, or `~/.cache/bankport/tools`: per-user tools that
/// must not end up in the checkout.
fn tools_dir() -> Result<PathBuf> {
    let cache = match env::var_os("XDG_CACHE_HOME").filter(|dir| Path::new(dir).is_absolute()) {
        Some(dir) => PathBuf::from(dir),
        None => home()?.join(".cache"),
    };
    Ok(cache.join("bankport").join("tools"))
}

fn home() -> Result<PathBuf> {
    env::var_os("HOME")
        .filter(|home| !home.is_empty())
        .map(PathBuf::from)
        .context("HOME is not set; cannot find the tools cache directory")
}

/// Where `cargo install` puts binaries: `$CARGO_INSTALL_ROOT/bin`, else `$CARGO_HOME/bin`,
/// else `~/.cargo/bin`.
fn cargo_bin_dir() -> Result<PathBuf> {
    let configured = ["CARGO_INSTALL_ROOT", "CARGO_HOME"]
        .into_iter()
        .find_map(|var| env::var_os(var).filter(|dir| !dir.is_empty()));
    match configured {
        Some(dir) => Ok(PathBuf::from(dir).join("bin")),
        None => Ok(home()?.join(".cargo").join("bin")),
    }
}

fn wasm_opt_bin_dir(tools_dir: &Path) -> PathBuf {
    tools_dir.join("binaryen").join("node_modules").join(".bin")
}

/// The PATH for tool runs: binaryen's wasm-opt first (ahead of any system wasm-opt),
/// then cargo's bin directory, then the inherited PATH.
fn tool_path(tools_dir: &Path) -> Result<OsString> {
    let mut dirs = vec![wasm_opt_bin_dir(tools_dir), cargo_bin_dir()?];
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    env::join_paths(dirs).context("a PATH entry contains a ':'")
}

fn ensure_wasm_target(root: &Path) -> Result<()> {
    let installed = exec::probe(exec::command("rustup", root).args([
        "target",
        "list",
        "--installed",
    ]))
    .context(
        "`rustup target list --installed` failed; Bankport needs a rustup-managed toolchain",
    )?;
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("✓ {WASM_TARGET} target");
        return Ok(());
    }
    println!("installing the {WASM_TARGET} target …");
    exec::run(exec::command("rustup", root).args(["target", "add", WASM_TARGET]))
}

fn ensure_trunk(root: &Path, tools: &Tools) -> Result<()> {
    let installed = || {
        exec::probe(tools.command("trunk", root).arg("--version"))
            .filter(|out| second_word(out) == Some(TRUNK_VERSION))
    };
    if installed().is_some() {
        println!("✓ trunk {TRUNK_VERSION}");
        return Ok(());
    }
    println!("installing trunk {TRUNK_VERSION} (about 9 minutes on 2 cores) …");
    exec::run(exec::command("cargo", root).args([
        "install",
        "--locked",
        &format!("trunk@{TRUNK_VERSION}"),
    ]))?;
    if installed().is_none() {
        bail!("installed trunk {TRUNK_VERSION}, but `trunk --version` still does not report it");
    }
    println!("✓ trunk {TRUNK_VERSION}");
    Ok(())
}

fn ensure_wasm_bindgen(root: &Path, tools: &Tools, version: &str) -> Result<()> {
    let installed = || {
        exec::probe(tools.command("wasm-bindgen", root).arg("--version"))
            .filter(|out| second_word(out) == Some(version))
    };
    if installed().is_some() {
        println!("✓ wasm-bindgen {version}");
        return Ok(());
    }
    println!("installing wasm-bindgen-cli {version} (about 2 minutes) …");
    // Not `--locked`: its lockfile names a webpki-roots version the registry lacks.
    exec::run(
        exec::command("cargo", root).args(["install", &format!("wasm-bindgen-cli@{version}")]),
    )?;
    if installed().is_none() {
        bail!(
            "installed wasm-bindgen-cli {version}, but `wasm-bindgen --version` does not report it"
        );
    }
    println!("✓ wasm-bindgen {version}");
    Ok(())
}

/// The wasm-bindgen version pinned in Cargo.lock, checked against Trunk.toml: Trunk
/// must run exactly the CLI that matches the crate, or the build breaks.
fn wasm_bindgen_version(root: &Path) -> Result<String> {
    let lock_path = root.join("Cargo.lock");
    if !lock_path.exists() {
        exec::run(exec::command("cargo", root).arg("generate-lockfile"))?;
    }
    let lock = fs::read_to_string(&lock_path)
        .with_context(|| format!("reading {}", lock_path.display()))?;
    let lock_version = lockfile_version(&lock, "wasm-bindgen")
        .with_context(|| format!("in {}", lock_path.display()))?;

    let trunk_path = root.join("Trunk.toml");
    let trunk = fs::read_to_string(&trunk_path)
        .with_context(|| format!("reading {}", trunk_path.display()))?;
    match toml_string_value(&trunk, "tools", "wasm_bindgen") {
        Some(trunk_version) if trunk_version == lock_version => Ok(lock_version),
        Some(trunk_version) => bail!(
            "Trunk.toml says [tools] wasm_bindgen = \"{trunk_version}\" but Cargo.lock has \
             wasm-bindgen {lock_version}; make them equal (pin the crate with `=` in Cargo.toml)"
        ),
        None => bail!(
            "Trunk.toml has no [tools] wasm_bindgen = \"…\"; set it to \"{lock_version}\", \
             the wasm-bindgen version in Cargo.lock"
        ),
    }
}

/// The version of the one package called `name` in a Cargo.lock text. Several versions
/// of it is an error: the CLI can match only one.
pub fn lockfile_version(lock: &str, name: &str) -> Result<String> {
    let mut versions = Vec::new();
    let mut current: (Option<&str>, Option<&str>) = (None, None);
    let mut flush = |current: &mut (Option<&str>, Option<&str>)| {
        if let (Some(found), Some(version)) = *current
            && found == name
        {
            versions.push(version.to_owned());
        }
        *current = (None, None);
    };
    for line in lock.lines().map(str::trim) {
        if line.starts_with('[') {
            flush(&mut current);
        } else if let Some(value) = key_value(line, "name") {
            current.0 = Some(value);
        } else if let Some(value) = key_value(line, "version") {
            current.1 = Some(value);
        }
    }
    flush(&mut current);
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!("no package `{name}` found"),
        several => bail!(
            "package `{name}` appears in several versions ({}); only one is supported",
            several.join(", ")
        ),
    }
}

/// The string value of `key` inside `[section]` of a simple TOML file.
pub fn toml_string_value(toml: &str, section: &str, key: &str) -> Option<String> {
    let header = format!("[{section}]");
    let mut in_section = false;
    for line in toml.lines().map(str::trim) {
        if line.starts_with('[') {
            in_section = line.split('#').next().map(str::trim) == Some(header.as_str());
        } else if in_section && let Some(value) = key_value(line, key) {
            return Some(value.to_owned());
        }
    }
    None
}

/// `key = "value"` (with an optional trailing comment) → `value`.
fn key_value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let (found, rest) = line.split_once('=')?;
    if found.trim() != key {
        return None;
    }
    let rest = rest.trim().strip_prefix('"')?;
    rest.split_once('"').map(|(value, _)| value)
}

/// `trunk 0.21.14` → `0.21.14`.
fn second_word(text: &str) -> Option<&str> {
    text.split_whitespace().nth(1)
}

/// Whether `wasm-opt --version` output (`wasm-opt version 132 (version_132)`) is 132.
fn is_wasm_opt_version(output: &str) -> bool {
    let words: Vec<&str> = output.split_whitespace().collect();
    words
        .windows(2)
        .any(|pair| pair[0] == "version" && pair[1] == WASM_OPT_VERSION)
}

fn ensure_wasm_opt(root: &Path, tools_dir: &Path, apt: &mut Apt) -> Result<()> {
    let wasm_opt = wasm_opt_bin_dir(tools_dir).join("wasm-opt");
    let installed = || {
        exec::probe(exec::command(&wasm_opt, root).arg("--version"))
            .filter(|out| is_wasm_opt_version(out))
    };
    if installed().is_some() {
        println!(
            "✓ wasm-opt version {WASM_OPT_VERSION} ({})",
            wasm_opt.display()
        );
        return Ok(());
    }
    if exec::probe(exec::command("npm", root).arg("--version")).is_none() {
        println!("installing Node.js and npm (for wasm-opt) …");
        apt.install(root, "npm (needed to install wasm-opt)", &["nodejs", "npm"])?;
    }
    println!("installing wasm-opt (npm binaryen@{BINARYEN_NPM_VERSION}) …");
    let prefix = tools_dir.join("binaryen");
    fs::create_dir_all(&prefix).with_context(|| format!("creating {}", prefix.display()))?;
    exec::run(
        exec::command("npm", root)
            .arg("install")
            .arg("--prefix")
            .arg(&prefix)
            .arg(format!("binaryen@{BINARYEN_NPM_VERSION}")),
    )?;
    if installed().is_none() {
        bail!(
            "installed binaryen@{BINARYEN_NPM_VERSION}, but `{} --version` \
             does not report version {WASM_OPT_VERSION}",
            wasm_opt.display()
        );
    }
    println!(
        "✓ wasm-opt version {WASM_OPT_VERSION} ({})",
        wasm_opt.display()
    );
    Ok(())
}

fn ensure_browser(root: &Path, apt: &mut Apt) -> Result<()> {
    let present = || Path::new(CHROMIUM).is_file() && Path::new(CHROMEDRIVER).is_file();
    if !present() {
        println!("installing chromium and chromium-driver …");
        apt.install(
            root,
            &format!("{CHROMIUM} or {CHROMEDRIVER} (needed by the e2e tests)"),
            &["chromium", "chromium-driver"],
        )?;
        if !present() {
            bail!(
                "installed chromium and chromium-driver, \
                 but {CHROMIUM} or {CHROMEDRIVER} is still missing"
            );
        }
    }
    println!("✓ chromium ({CHROMIUM})");
    println!("✓ chromedriver ({CHROMEDRIVER})");
    Ok(())
}

/// Debian packages through apt-get, which needs root; `apt-get update` runs at most once.
#[derive(Debug, Default)]
struct Apt {
    updated: bool,
}

impl Apt {
    /// Installs `packages`; `what` says what is missing, for the error when not root.
    fn install(&mut self, root: &Path, what: &str, packages: &[&str]) -> Result<()> {
        if !is_root() {
            bail!(
                "{what} is missing and installing it needs root; run:\n    \
                 sudo apt-get update && sudo apt-get install -y {}",
                packages.join(" ")
            );
        }
        if !self.updated {
            exec::run(
                exec::command("apt-get", root)
                    .arg("update")
                    .env("DEBIAN_FRONTEND", "noninteractive"),
            )?;
            self.updated = true;
        }
        exec::run(
            exec::command("apt-get", root)
                .args(["install", "-y"])
                .args(packages)
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    }
}

/// Whether we run as root, from the effective uid in /proc/self/status (no libc needed).
fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("Uid:"))
                .and_then(|uids| uids.split_whitespace().nth(1).map(|euid| euid == "0"))
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = r#"
# This file is automatically @generated by Cargo.
version = 4

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
 "wasm-bindgen-macro",
]

[[package]]
name = "wasm-bindgen-macro"
version = "0.2.130"

[[package]]
name = "web-sys"
version = "0.3.77"
"#;

    #[test]
    fn finds_the_wasm_bindgen_version_in_cargo_lock() {
        assert_eq!(lockfile_version(LOCK, "wasm-bindgen").unwrap(), "0.2.130");
        assert_eq!(lockfile_version(LOCK, "web-sys").unwrap(), "0.3.77");
        assert!(lockfile_version(LOCK, "trunk").is_err());
        let two = format!("{LOCK}\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.100\"\n");
        let err = lockfile_version(&two, "wasm-bindgen")
            .unwrap_err()
            .to_string();
        assert!(err.contains("0.2.130, 0.2.100"), "{err}");
    }

    #[test]
    fn reads_the_wasm_bindgen_pin_from_trunk_toml() {
        let trunk = "[build]\noffline = true\nwasm_bindgen = \"no\"\n\n\
                     [tools] # pinned\nwasm_bindgen = \"0.2.130\" # = Cargo.lock\n\
                     wasm_opt = \"version_132\"\n";
        assert_eq!(
            toml_string_value(trunk, "tools", "wasm_bindgen").as_deref(),
            Some("0.2.130")
        );
        assert_eq!(
            toml_string_value(trunk, "tools", "wasm_opt").as_deref(),
            Some("version_132")
        );
        assert_eq!(toml_string_value(trunk, "serve", "wasm_bindgen"), None);
    }

    #[test]
    fn recognises_tool_versions() {
        assert_eq!(second_word("trunk 0.21.14"), Some("0.21.14"));
        assert!(is_wasm_opt_version("wasm-opt version 132 (version_132)"));
        assert!(!is_wasm_opt_version("wasm-opt version 108"));
        assert!(!is_wasm_opt_version("wasm-opt version 1320"));
    }
}
