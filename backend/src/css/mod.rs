//! Custom CSS for the link widget: the policy every uploaded theme must pass
//! before it is stored and served on the page where people type their bank
//! password.
//!
//! Every upload is treated as hostile. In order:
//! 1. size (≤ [`MAX_CSS_BYTES`]), UTF-8, no NUL;
//! 2. nesting depth, measured by cssparser (`nesting.rs`), because
//!    lightningcss overflows the stack on deeply nested input; a prescan of
//!    brackets, strings and comments (`prescan.rs`) names what is wrong;
//! 3. lightningcss parses with error recovery, and every warning becomes a
//!    violation;
//! 4. the policy: only style rules and top-level `@media`; selectors built on
//!    the widget's documented ids; presentational properties with bounded
//!    lengths in px or rem; nothing that fetches, reads the page or runs code;
//! 5. `!important` is dropped (a note, not an error), the sheet is printed
//!    minified, and the printed text is checked again as text and validated
//!    once more, so what is stored is exactly what passes.
//!
//! Validation runs on its own thread with a large stack
//! ([`VALIDATION_STACK_BYTES`]): should a deep input ever get past step 2,
//! lightningcss has room to finish instead of aborting the process.

mod nesting;
mod policy;
mod prescan;
mod properties;
mod source;
mod tokenizer;

#[cfg(test)]
mod tests;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::Duration;

pub use bankport_shared::css::{CssViolation, MAX_CSS_BYTES};

use source::{Source, Violations, at_start};

/// Longest a validation may take on the server before it is abandoned.
pub const VALIDATION_TIME_LIMIT: Duration = Duration::from_secs(2);

/// Stack of the thread a validation runs on (tokio's blocking threads have
/// 2 MiB). Only the pages actually touched are committed, so this costs
/// address space, not memory.
pub const VALIDATION_STACK_BYTES: usize = 64 * 1024 * 1024;

/// Text that must never reach the stored theme, whatever the checks before
/// missed (compared lower-case).
pub const FORBIDDEN_OUTPUT: [&str; 8] = [
    "url(",
    "image-set(",
    "@import",
    "\\",
    "expression(",
    "javascript:",
    "</",
    "<!--",
];

/// Most violations returned: a hostile upload of 16 KiB of `}` should not
/// become a megabyte of answer. The last one says how many more there were.
const MAX_VIOLATIONS: usize = 100;

/// An accepted stylesheet: minified by lightningcss, plus notes about what
/// was changed (e.g. `!important` dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub css: String,
    pub notes: Vec<CssViolation>,
}

/// Checks an uploaded theme against the widget's policy. Pure and
/// synchronous; `Err` holds every violation, sorted by (line, column).
pub fn validate(input: &[u8]) -> Result<Accepted, Vec<CssViolation>> {
    let accepted = validate_once(input)?;
    // Browsers will parse the printed text, not our tree: it must pass the
    // same checks and print the same again.
    match validate_once(accepted.css.as_bytes()) {
        Ok(again) if again.css == accepted.css && again.notes.is_empty() => Ok(accepted),
        _ => Err(vec![at_start(NOT_NORMALISED)]),
    }
}

pub(crate) const NOT_NORMALISED: &str =
    "this stylesheet could not be normalised safely; simplify it and try again";

/// Validations running at once (each holds a thread with a big stack).
const MAX_CONCURRENT_VALIDATIONS: usize = 4;
static VALIDATIONS: std::sync::LazyLock<std::sync::Arc<tokio::sync::Semaphore>> =
    std::sync::LazyLock::new(|| {
        std::sync::Arc::new(tokio::sync::Semaphore::new(MAX_CONCURRENT_VALIDATIONS))
    });

/// [`validate`] on a thread of its own with a large stack
/// ([`VALIDATION_STACK_BYTES`]) and a time limit
/// ([`VALIDATION_TIME_LIMIT`]), so a slow, deep or panicking validation never
/// holds up the async runtime; a timeout or a panic becomes one violation at 1:1.
pub async fn validate_off_thread(input: Vec<u8>) -> Result<Accepted, Vec<CssViolation>> {
    off_thread(move || validate(&input)).await
}

/// Runs a validation as [`validate_off_thread`] does.
async fn off_thread(
    job: impl FnOnce() -> Result<Accepted, Vec<CssViolation>> + Send + 'static,
) -> Result<Accepted, Vec<CssViolation>> {
    // At most a few validations at once, each on its own big-stack thread;
    // a thread that outlives its time limit keeps its permit until it ends.
    let permit = match tokio::time::timeout(
        VALIDATION_TIME_LIMIT,
        VALIDATIONS.clone().acquire_owned(),
    )
    .await
    {
        Ok(Ok(permit)) => permit,
        _ => {
            return Err(vec![at_start(
                "too many stylesheets are being checked right now; try again in a moment",
            )]);
        }
    };
    let (sender, receiver) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("css-validation".to_owned())
        .stack_size(VALIDATION_STACK_BYTES)
        .spawn(move || {
            let _permit = permit;
            // The receiver is gone only after a timeout; nobody is waiting then.
            let _ = sender.send(catch_unwind(AssertUnwindSafe(job)));
        });
    if let Err(error) = spawned {
        tracing::error!(error = %error, "cannot start a custom CSS validation thread");
        return Err(vec![at_start(INTERNAL_ERROR)]);
    }
    match tokio::time::timeout(VALIDATION_TIME_LIMIT, receiver).await {
        Ok(Ok(Ok(result))) => result,
        Ok(Ok(Err(_))) => {
            tracing::error!("custom CSS validation panicked");
            Err(vec![at_start(INTERNAL_ERROR)])
        }
        Ok(Err(error)) => {
            tracing::error!(error = %error, "custom CSS validation ended without an answer");
            Err(vec![at_start(INTERNAL_ERROR)])
        }
        // The thread cannot be stopped; it finishes (and exits) in the background.
        Err(_) => {
            tracing::warn!("custom CSS validation took longer than {VALIDATION_TIME_LIMIT:?}");
            Err(vec![at_start(format!(
                "checking this stylesheet took too long (the limit is {} seconds); simplify it and try again",
                VALIDATION_TIME_LIMIT.as_secs()
            ))])
        }
    }
}

pub(crate) const INTERNAL_ERROR: &str =
    "this stylesheet could not be checked (an internal error); simplify it and try again";

fn validate_once(input: &[u8]) -> Result<Accepted, Vec<CssViolation>> {
    if input.len() > MAX_CSS_BYTES {
        return Err(vec![at_start(format!(
            "the stylesheet is {} bytes; the limit is {MAX_CSS_BYTES} bytes ({} KiB)",
            input.len(),
            MAX_CSS_BYTES / 1024
        ))]);
    }
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(error) => {
            let valid = std::str::from_utf8(&input[..error.valid_up_to()]).unwrap_or_default();
            let source = Source::new(valid);
            let bad = &input[error.valid_up_to()..];
            let shown = bad
                .iter()
                .take(4)
                .map(|b| format!("\\x{b:02X}"))
                .collect::<String>();
            return Err(vec![source.violation(
                valid.len(),
                "the stylesheet is not valid UTF-8 text: save it as UTF-8",
                &shown,
            )]);
        }
    };
    // Editors on Windows like to start files with a byte order mark.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let source = Source::new(text);
    if let Some(nul) = text.find('\0') {
        return Err(vec![source.violation(
            nul,
            "NUL characters are not allowed in a stylesheet",
            "\\0",
        )]);
    }
    let tokens = tokenizer::tokenize(text);
    let prescanned = prescan::prescan(&source, &tokens);
    // The depth limit that matters is the one cssparser sees; the prescan
    // only names it better (and the two agree: tests/nesting.rs).
    if let Err(bracket) = nesting::check(text) {
        let mut violations = prescanned.err().unwrap_or_default();
        violations.push(|| prescan::too_deep(&source, bracket));
        return Err(finish(violations));
    }
    let outline = prescanned.map_err(finish)?;
    // A panic in lightningcss on odd input must not take the caller down.
    match catch_unwind(AssertUnwindSafe(|| policy::check(&source, &outline))) {
        Ok(result) => result.map_err(finish),
        Err(_) => Err(vec![at_start(INTERNAL_ERROR)]),
    }
}

/// Sorted by position, without repeats, at most [`MAX_VIOLATIONS`].
fn finish(violations: Violations) -> Vec<CssViolation> {
    violations.into_sorted()
}
