//! Release builds of the two Trunk targets (the dashboard and the embeddable link
//! widget) into `dist/`, followed by a size report of what browsers download and
//! the widget's gzip budget check.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::exec;
use crate::tools::Tools;

/// The link widget is embedded in third-party pages: its WASM + JS + CSS must stay
/// under this many gzip bytes (250 KB, decimal).
pub const WIDGET_BUDGET_GZIP: u64 = 250 * 1000;

/// One Trunk target: an HTML entry point and where its release build goes.
#[derive(Debug)]
struct Target {
    name: &'static str,
    html: &'static str,
    dist: &'static str,
    public_url: &'static str,
}

const DASHBOARD: Target = Target {
    name: "dashboard",
    html: "frontend/index.html",
    dist: "dist/dashboard",
    public_url: "/",
};

const WIDGET: Target = Target {
    name: "link widget",
    html: "frontend/link.html",
    dist: "dist/widget",
    public_url: "/widget/",
};

/// Builds both targets in release mode with the tools from [`crate::tools::setup`],
/// prints their sizes and fails when the widget is over budget.
pub fn build(root: &Path, tools: &Tools) -> Result<()> {
    for target in [&DASHBOARD, &WIDGET] {
        println!("building the {} ({}) …", target.name, target.html);
        // The target comes before `--release`, which takes an optional value.
        exec::run(
            tools
                .command("trunk", root)
                .args(["build", target.html, "--release", "--dist", target.dist])
                .args(["--public-url", target.public_url])
                .env("TRUNK_SKIP_VERSION_CHECK", "true"),
        )?;
    }

    let dashboard = measure(root, &DASHBOARD)?;
    let widget = measure(root, &WIDGET)?;
    println!();
    print_sizes(&DASHBOARD, &dashboard);
    print_sizes(&WIDGET, &widget);
    let widget_gzip: u64 = widget.iter().map(|file| file.gzip).sum();
    println!(
        "widget total: {} gzip (budget {})",
        kb(widget_gzip),
        kb(WIDGET_BUDGET_GZIP)
    );
    if widget_gzip > WIDGET_BUDGET_GZIP {
        bail!(
            "the link widget is {widget_gzip} bytes gzip, over its budget of \
             {WIDGET_BUDGET_GZIP} bytes (WASM + JS + CSS in {})",
            WIDGET.dist
        );
    }
    Ok(())
}

/// One shipped file and its sizes in bytes.
#[derive(Debug)]
struct FileSize {
    path: PathBuf,
    raw: u64,
    gzip: u64,
}

/// The .wasm, .js and .css files of a target's dist folder with raw and gzip sizes.
fn measure(root: &Path, target: &Target) -> Result<Vec<FileSize>> {
    let dist = root.join(target.dist);
    let mut files = Vec::new();
    collect_assets(&dist, &mut files)?;
    files.sort();
    if !files.iter().any(|file| has_extension(file, "wasm")) {
        bail!("no .wasm file in {} after the build", dist.display());
    }
    files
        .into_iter()
        .map(|path| {
            let raw = fs::metadata(&path)
                .with_context(|| format!("reading {}", path.display()))?
                .len();
            let gzip = gzip_size(root, &path)?;
            let path = path.strip_prefix(&dist).unwrap_or(&path).to_path_buf();
            Ok(FileSize { path, raw, gzip })
        })
        .collect()
}

fn collect_assets(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            collect_assets(&path, files)?;
        } else if ["wasm", "js", "css"]
            .iter()
            .any(|ext| has_extension(&path, ext))
        {
            files.push(path);
        }
    }
    Ok(())
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|found| found == ext)
}

/// The size of `gzip -c FILE`, i.e. roughly what a browser downloads.
fn gzip_size(root: &Path, path: &Path) -> Result<u64> {
    let compressed = exec::stdout_of(exec::command("gzip", root).arg("-c").arg(path))?;
    Ok(u64::try_from(compressed.len())?)
}

fn print_sizes(target: &Target, files: &[FileSize]) {
    println!("{} ({})", target.dist, target.name);
    println!("  {:<44} {:>11} {:>11}", "file", "raw", "gzip");
    for file in files {
        println!(
            "  {:<44} {:>11} {:>11}",
            file.path.display(),
            kb(file.raw),
            kb(file.gzip)
        );
    }
    let raw: u64 = files.iter().map(|file| file.raw).sum();
    let gzip: u64 = files.iter().map(|file| file.gzip).sum();
    println!("  {:<44} {:>11} {:>11}", "total", kb(raw), kb(gzip));
}

/// Bytes as decimal kilobytes with one decimal, e.g. `92.3 KB`.
fn kb(bytes: u64) -> String {
    format!("{}.{} KB", bytes / 1000, (bytes % 1000) / 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_kilobytes() {
        assert_eq!(kb(250_000), "250.0 KB");
        assert_eq!(kb(92_345), "92.3 KB");
        assert_eq!(kb(999), "0.9 KB");
    }
}
