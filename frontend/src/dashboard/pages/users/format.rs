//! How a credential's status and creation time read in the Users table.

use bankport_shared::v0::credential_status;

/// The badge for a credential's status: its words (never colour alone) and
/// its colour class. Statuses this page does not know yet show as the
/// server sent them.
pub(super) fn status_badge(status: &str) -> (String, &'static str) {
    let (label, tone) = match status {
        credential_status::PROCESSING => ("Processing", "badge-neutral"),
        credential_status::READY => ("Ready", "badge-success"),
        credential_status::SCA_REQUIRED => ("Needs SCA", "badge-warning"),
        credential_status::BLOCKED => ("Blocked", "badge-danger"),
        other => (other, "badge-neutral"),
    };
    (label.to_owned(), tone)
}

/// How a button repeated on every row names its credential to screen
/// readers: by the integrator's external id, else by the start of its token.
pub(super) fn credential_name(external_id: Option<&str>, token: &str) -> String {
    match external_id.map(str::trim).filter(|id| !id.is_empty()) {
        Some(id) => id.to_owned(),
        None if token.chars().count() > TOKEN_PREFIX_CHARS => {
            let prefix: String = token.chars().take(TOKEN_PREFIX_CHARS).collect();
            format!("{prefix}…")
        }
        None => token.to_owned(),
    }
}

/// Enough of a credentials_token to tell it from the others on the page.
const TOKEN_PREFIX_CHARS: usize = 8;

/// An RFC 3339 timestamp as `YYYY-MM-DD HH:MM` in UTC, whatever offset it
/// was written with; the raw value when it cannot be read.
pub(crate) fn utc_minute(timestamp: &str) -> String {
    parse_utc_minutes(timestamp)
        .map(|minutes| {
            let days = minutes.div_euclid(MINUTES_PER_DAY);
            let of_day = minutes.rem_euclid(MINUTES_PER_DAY);
            let (year, month, day) = civil_from_days(days);
            format!(
                "{year:04}-{month:02}-{day:02} {:02}:{:02}",
                of_day / 60,
                of_day % 60
            )
        })
        .unwrap_or_else(|| timestamp.to_owned())
}

const MINUTES_PER_DAY: i64 = 24 * 60;

/// Minutes since 1970-01-01T00:00Z of `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`.
fn parse_utc_minutes(timestamp: &str) -> Option<i64> {
    let number = |from: usize, to: usize| -> Option<i64> {
        let part = timestamp.get(from..to)?;
        if part.bytes().all(|byte| byte.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let bytes = timestamp.as_bytes();
    let separators_ok = bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && bytes.get(13) == Some(&b':');
    if !separators_ok {
        return None;
    }
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute) = (number(11, 13)?, number(14, 16)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }

    // Seconds and their fraction do not show; skip them to reach the offset.
    let mut rest = timestamp.get(16..)?;
    if let Some(after) = rest.strip_prefix(':') {
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first()? {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let offset = rest.get(1..)?;
            let (hours, minutes) = offset.split_once(':')?;
            if hours.len() != 2 || minutes.len() != 2 {
                return None;
            }
            let digits = |part: &str| -> Option<i64> {
                part.bytes()
                    .all(|byte| byte.is_ascii_digit())
                    .then(|| part.parse().ok())
                    .flatten()
            };
            sign * (digits(hours)? * 60 + digits(minutes)?)
        }
    };
    Some(days_from_civil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_as_utc_minutes() {
        assert_eq!(
            utc_minute("2024-05-01T12:34:56.123456+00:00"),
            "2024-05-01 12:34"
        );
        assert_eq!(utc_minute("2024-05-01T12:34:56Z"), "2024-05-01 12:34");
        assert_eq!(utc_minute("2024-05-01T12:34Z"), "2024-05-01 12:34");
        assert_eq!(utc_minute("2024-03-01T01:30:00+02:00"), "2024-02-29 23:30");
        assert_eq!(utc_minute("2023-12-31T23:30:00-01:00"), "2024-01-01 00:30");
    }

    #[test]
    fn unreadable_timestamps_show_as_sent() {
        assert_eq!(utc_minute("yesterday"), "yesterday");
        assert_eq!(utc_minute("2024-05-01"), "2024-05-01");
        assert_eq!(utc_minute("2024-13-01T00:00:00Z"), "2024-13-01T00:00:00Z");
    }

    #[test]
    fn credentials_are_named_by_external_id_or_token_start() {
        assert_eq!(
            credential_name(Some(" cust-42 "), "abcdefghijkl"),
            "cust-42"
        );
        assert_eq!(credential_name(Some("  "), "abcdefghijkl"), "abcdefgh…");
        assert_eq!(credential_name(None, "abcdefgh"), "abcdefgh");
    }

    #[test]
    fn statuses_read_in_words() {
        assert_eq!(status_badge("processing").0, "Processing");
        assert_eq!(status_badge("ready"), ("Ready".to_owned(), "badge-success"));
        assert_eq!(status_badge("sca_required").0, "Needs SCA");
        assert_eq!(status_badge("blocked").0, "Blocked");
        assert_eq!(
            status_badge("frozen"),
            ("frozen".to_owned(), "badge-neutral")
        );
    }
}
