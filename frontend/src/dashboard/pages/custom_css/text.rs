//! How the Custom CSS page words things: problems and changes with their
//! line and column, file sizes, and which files it takes for stylesheets.

use bankport_shared::css::{CssViolation, MAX_CSS_BYTES};

/// A file larger than this is not even read: it is refused on the spot.
pub(super) const READ_LIMIT_BYTES: f64 = 1024.0 * 1024.0;

/// "Line 3, column 5: <reason>".
pub(super) fn problem_text(violation: &CssViolation) -> String {
    format!(
        "Line {}, column {}: {}",
        violation.line, violation.column, violation.reason
    )
}

/// "Changed: <reason> (line 3, column 5)".
pub(super) fn change_text(note: &CssViolation) -> String {
    format!(
        "Changed: {} (line {}, column {})",
        note.reason, note.line, note.column
    )
}

/// The heading of a refused file's problems.
pub(super) fn refused_heading(problems: usize) -> String {
    match problems {
        1 => "This file was not accepted (1 problem)".to_owned(),
        n => format!("This file was not accepted ({n} problems)"),
    }
}

/// The heading of the changes the server makes to an accepted file, before
/// (`saved` false) or after saving it.
pub(super) fn changes_heading(changes: usize, saved: bool) -> String {
    let changes = match changes {
        1 => "1 change".to_owned(),
        n => format!("{n} changes"),
    };
    if saved {
        format!("Saved with {changes}")
    } else {
        format!("Accepted with {changes}")
    }
}

/// A file size as people read it: "512 bytes", "1.5 KB", "2.3 MB"
/// (1 KB = 1024 bytes, like the 16 KB limit).
pub(super) fn file_size(bytes: f64) -> String {
    const KB: f64 = 1024.0;
    if bytes < KB {
        let bytes = bytes.max(0.0).round();
        if bytes == 1.0 {
            "1 byte".to_owned()
        } else {
            format!("{bytes} bytes")
        }
    } else if bytes < KB * KB {
        one_decimal(bytes / KB, "KB")
    } else {
        one_decimal(bytes / (KB * KB), "MB")
    }
}

fn one_decimal(value: f64, unit: &str) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} {unit}")
    } else {
        format!("{rounded:.1} {unit}")
    }
}

/// The largest size accepted, in words ("16 KB").
pub(super) fn size_limit() -> String {
    file_size(MAX_CSS_BYTES as f64)
}

/// True when a file of `bytes` is over the limit the server enforces.
pub(super) fn too_large(bytes: f64) -> bool {
    bytes > MAX_CSS_BYTES as f64
}

/// The problem shown at once for a file over the limit, where the server
/// would put it (line 1, column 1).
pub(super) fn too_large_problem(bytes: f64) -> CssViolation {
    CssViolation {
        line: 1,
        column: 1,
        reason: format!(
            "The file is {}; the largest accepted is {}.",
            file_size(bytes),
            size_limit()
        ),
        text: String::new(),
    }
}

/// Whether a chosen or dropped file is meant as a stylesheet: its name ends
/// in `.css`, or the browser says it is `text/css`.
pub(super) fn looks_like_css(name: &str, mime: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".css") || mime.eq_ignore_ascii_case("text/css")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn violation(line: u32, column: u32, reason: &str) -> CssViolation {
        CssViolation {
            line,
            column,
            reason: reason.to_owned(),
            text: "position: fixed".to_owned(),
        }
    }

    #[test]
    fn problems_read_with_their_line_and_column() {
        assert_eq!(
            problem_text(&violation(3, 5, "`position` is not allowed")),
            "Line 3, column 5: `position` is not allowed"
        );
        assert_eq!(
            change_text(&violation(2, 14, "`!important` was removed")),
            "Changed: `!important` was removed (line 2, column 14)"
        );
    }

    #[test]
    fn headings_count_problems_and_changes() {
        assert_eq!(refused_heading(1), "This file was not accepted (1 problem)");
        assert_eq!(
            refused_heading(4),
            "This file was not accepted (4 problems)"
        );
        assert_eq!(changes_heading(1, false), "Accepted with 1 change");
        assert_eq!(changes_heading(2, true), "Saved with 2 changes");
    }

    #[test]
    fn sizes_read_like_people_say_them() {
        assert_eq!(file_size(0.0), "0 bytes");
        assert_eq!(file_size(1.0), "1 byte");
        assert_eq!(file_size(812.0), "812 bytes");
        assert_eq!(file_size(1024.0), "1 KB");
        assert_eq!(file_size(1536.0), "1.5 KB");
        assert_eq!(file_size(16.0 * 1024.0), "16 KB");
        assert_eq!(file_size(3.0 * 1024.0 * 1024.0), "3 MB");
        assert_eq!(size_limit(), "16 KB");
    }

    #[test]
    fn files_over_the_limit_are_refused_at_line_one() {
        assert!(!too_large(16.0 * 1024.0));
        assert!(too_large(16.0 * 1024.0 + 1.0));
        let problem = too_large_problem(20.0 * 1024.0);
        assert_eq!((problem.line, problem.column), (1, 1));
        assert_eq!(
            problem_text(&problem),
            "Line 1, column 1: The file is 20 KB; the largest accepted is 16 KB."
        );
    }

    #[test]
    fn stylesheets_are_told_by_name_or_type() {
        assert!(looks_like_css("theme.css", ""));
        assert!(looks_like_css("THEME.CSS", "application/octet-stream"));
        assert!(looks_like_css("theme", "text/css"));
        assert!(!looks_like_css("logo.png", "image/png"));
        assert!(!looks_like_css("theme.css.txt", "text/plain"));
    }
}
