//! Integrator accounts: the sign-up, log-in and password-reset contract, and
//! the newtypes that parse what people type (the dashboard uses the same
//! parsers for its inline errors, so both sides say the same thing).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest input any account field accepts; bounds work done on hostile input.
pub const MAX_FIELD_CHARS: usize = 256;

/// An email address, trimmed, with its domain lower-cased.
///
/// Deliberately permissive about the local part (mail servers differ) and
/// strict about what would break delivery or logs: no spaces or control
/// characters, one `@`, a dotted domain.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err("Enter your email address.".into());
        }
        if trimmed.chars().count() > 254 {
            return Err("An email address has at most 254 characters.".into());
        }
        let invalid = || "Enter an email address like name@example.com.".to_owned();
        let (local, domain) = trimmed.rsplit_once('@').ok_or_else(invalid)?;
        let local_ok = !local.is_empty()
            && local.chars().count() <= 64
            && !local.contains('@')
            && local
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"<>()[],;:\"\\".contains(c));
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            });
        if !local_ok || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(format!("{local}@{domain}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for EmailAddress {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<EmailAddress> for String {
    fn from(email: EmailAddress) -> Self {
        email.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EmailAddress({})", self.0)
    }
}

/// A new password: 12 to 128 characters. The server also refuses common
/// passwords; that list is too large to ship to browsers.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 128;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let chars = raw.chars().count();
        if chars == 0 {
            return Err("Choose a password.".into());
        }
        if chars < Self::MIN_CHARS {
            return Err(format!(
                "Use at least {} characters ({chars} so far).",
                Self::MIN_CHARS
            ));
        }
        if chars > Self::MAX_CHARS {
            return Err(format!("Use at most {} characters.", Self::MAX_CHARS));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The password itself, for hashing. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(********)")
    }
}

/// The rule every short name follows (companies, apps): trimmed, not
/// empty, at most `max` characters, no control characters.
pub(crate) fn name_text(raw: &str, max: usize, when_empty: &str) -> Result<String, String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Err(when_empty.to_owned());
    }
    if trimmed.chars().count() > max {
        return Err(format!("Use at most {max} characters."));
    }
    if trimmed.chars().any(char::is_control) {
        return Err("Remove the control characters.".into());
    }
    Ok(trimmed.to_owned())
}

/// The integrator's company, as shown in the dashboard and on links.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CompanyName(String);

impl CompanyName {
    pub const MAX_CHARS: usize = 100;

    pub fn parse(raw: &str) -> Result<Self, String> {
        name_text(raw, Self::MAX_CHARS, "Enter your company's name.").map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CompanyName {
    type Error = String;
    fn try_from(raw: String) -> Result<Self, String> {
        Self::parse(&raw)
    }
}

impl From<CompanyName> for String {
    fn from(name: CompanyName) -> Self {
        name.0
    }
}

/// Field name → message, for forms. Ordered so error bodies are stable.
pub type FieldErrors = BTreeMap<String, String>;

/// Collects per-field parse results into one value or every field's error.
#[derive(Debug, Default)]
pub struct FormErrors(FieldErrors);

impl FormErrors {
    /// Keeps the value, or records the message under `field`.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.0.insert(field.to_owned(), message);
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(self.0)
        }
    }
}

/// `POST /api/auth/signup`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    pub company: String,
    pub email: String,
    pub password: String,
}

/// A sign-up whose fields all parsed.
#[derive(Debug, Clone)]
pub struct Signup {
    pub company: CompanyName,
    pub email: EmailAddress,
    pub password: NewPassword,
}

impl SignupRequest {
    /// Parses every field, reporting all that are wrong at once.
    pub fn parse(&self) -> Result<Signup, FieldErrors> {
        let mut errors = FormErrors::default();
        let company = errors.check("company", CompanyName::parse(&self.company));
        let email = errors.check("email", EmailAddress::parse(&self.email));
        let password = errors.check("password", NewPassword::parse(&self.password));
        errors.into_result()?;
        Ok(Signup {
            company: company.expect("checked"),
            email: email.expect("checked"),
            password: password.expect("checked"),
        })
    }
}

/// `POST /api/auth/login`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// `POST /api/auth/resend-confirmation` and `POST /api/auth/forgot-password`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailRequest {
    pub email: String,
}

/// `POST /api/auth/confirm`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfirmRequest {
    pub token: String,
}

/// `POST /api/auth/reset-password`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordRequest {
    pub token: String,
    pub password: String,
}

/// The logged-in account (`GET /api/auth/me`, and the answer to a log-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeResponse {
    pub email: String,
    pub company: String,
}

/// A plain acknowledgement, for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageResponse {
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_their_domain_lower_cased() {
        let email = EmailAddress::parse("  Ana.Perez+bp@Example.COM ").unwrap();
        assert_eq!(email.as_str(), "Ana.Perez+bp@example.com");
    }

    #[test]
    fn malformed_emails_are_rejected() {
        for bad in [
            "",
            "   ",
            "ana",
            "ana@",
            "@example.com",
            "ana@example",
            "ana@@example.com",
            "ana example@x.com",
            "ana@exa mple.com",
            "ana@-x.com",
            "ana@x-.com",
            "ana@x..com",
            "<ana>@x.com",
            "ana\n@x.com",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad:?}");
        }
        assert!(EmailAddress::parse(&format!("{}@x.com", "a".repeat(65))).is_err());
        assert!(EmailAddress::parse(&format!("a@{}.com", "b".repeat(260))).is_err());
    }

    #[test]
    fn passwords_are_12_to_128_characters_and_never_debug_printed() {
        assert!(NewPassword::parse("short").unwrap_err().contains("12"));
        assert!(NewPassword::parse(&"x".repeat(129)).is_err());
        // Characters, not bytes: 12 accented letters are enough.
        let p = NewPassword::parse("ñññññññññññň").unwrap();
        assert_eq!(format!("{p:?}"), "NewPassword(********)");
    }

    #[test]
    fn signup_reports_every_bad_field_at_once() {
        let errors = SignupRequest {
            company: " ".into(),
            email: "nope".into(),
            password: "short".into(),
        }
        .parse()
        .unwrap_err();
        assert_eq!(
            errors.keys().map(String::as_str).collect::<Vec<_>>(),
            ["company", "email", "password"]
        );
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let json = r#"{"company":"A","email":"a@b.co","password":"x","admin":true}"#;
        assert!(serde_json::from_str::<SignupRequest>(json).is_err());
    }
}
