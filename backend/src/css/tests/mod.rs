//! Tests of the custom CSS policy: hostile uploads are refused for the right
//! reason, realistic themes pass and are stable, positions are exact, and
//! random or mutated input never panics.

use super::*;

mod fuzz;
mod hostile;
mod limits;
mod nesting;
mod positions;
mod themes;

/// The violations for an upload that must be refused.
#[track_caller]
fn refused(input: impl AsRef<[u8]>) -> Vec<CssViolation> {
    let input = input.as_ref();
    match validate(input) {
        Ok(accepted) => panic!(
            "expected {:?} to be refused, but it was accepted as {:?}",
            String::from_utf8_lossy(input),
            accepted.css
        ),
        Err(violations) => violations,
    }
}

/// Refused, and one of the reasons contains `expected`.
#[track_caller]
fn assert_refused_because(input: impl AsRef<[u8]>, expected: &str) {
    let input = input.as_ref();
    let violations = refused(input);
    assert!(
        violations
            .iter()
            .any(|violation| violation.reason.contains(expected)),
        "expected a violation containing {expected:?} for {:?}, got {violations:#?}",
        String::from_utf8_lossy(input),
    );
}

/// Accepted, and validating the output again gives exactly the output and no notes.
#[track_caller]
fn accepted_and_stable(input: &str) -> Accepted {
    let accepted = validate(input.as_bytes()).unwrap_or_else(|violations| {
        panic!("expected {input:?} to be accepted, got {violations:#?}");
    });
    assert_eq!(
        validate(accepted.css.as_bytes()),
        Ok(Accepted {
            css: accepted.css.clone(),
            notes: vec![],
        }),
        "the output of {input:?} is not stable",
    );
    accepted
}
