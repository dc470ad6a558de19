//! Password hashing (argon2id, OWASP parameters) and the common-password check.
//!
//! Hashing costs ~19 MiB and tens of milliseconds of CPU, so it runs on the
//! blocking pool, never on the async runtime. Unknown emails are verified
//! against a dummy hash so that "no such account" and "wrong password" take
//! the same time.

use std::collections::HashSet;
use std::sync::OnceLock;

use anyhow::Context;
use argon2::{Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version};
use password_hash::SaltString;
use password_hash::rand_core::OsRng;

/// 20k common passwords from Django's `CommonPasswordValidator` (BSD-3-Clause;
/// see NOTICE), one per line, lower case.
const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

fn argon2() -> Argon2<'static> {
    // OWASP: argon2id, m=19 MiB, t=2, p=1.
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// At most this many argon2 computations run at once (each takes 19 MiB and
/// a core for tens of milliseconds); the rest wait their turn. Without it a
/// burst of anonymous requests could exhaust memory through the blocking pool.
fn permits() -> &'static tokio::sync::Semaphore {
    static PERMITS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        tokio::sync::Semaphore::new(cores * 2)
    })
}

/// Hashes a new password (PHC string, salt included).
pub async fn hash(password: String) -> anyhow::Result<String> {
    let _permit = permits()
        .acquire()
        .await
        .context("the hashing gate closed")?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| anyhow::anyhow!("argon2 hashing failed: {e}"))
    })
    .await
    .context("the hashing task panicked")?
}

/// Checks `password` against `stored`, or against a dummy hash when there is
/// no account, so both cases cost the same. Returns false for the dummy.
pub async fn verify(password: String, stored: Option<String>) -> anyhow::Result<bool> {
    let _permit = permits()
        .acquire()
        .await
        .context("the hashing gate closed")?;
    tokio::task::spawn_blocking(move || {
        let is_real = stored.is_some();
        let phc = stored.unwrap_or_else(|| dummy_hash().to_owned());
        let parsed = PasswordHash::new(&phc)
            .map_err(|e| anyhow::anyhow!("stored hash is malformed: {e}"))?;
        let matches = argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(is_real && matches)
    })
    .await
    .context("the verification task panicked")?
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        argon2()
            .hash_password(b"bankport dummy password for unknown accounts", &salt)
            .expect("hashing a constant cannot fail")
            .to_string()
    })
}

fn common_passwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// Why a (length-valid) new password is still too easy to guess, if it is.
///
/// Beyond the list itself, catches a listed password with digits or symbols
/// stuck on the end ("password1234!"), near-constant strings
/// ("aaaaaaaaaaaa", "121212121212"), and the account's own email.
pub fn weakness(password: &str, email: Option<&str>) -> Option<&'static str> {
    let lower = password.to_lowercase();
    let list = common_passwords();
    let core = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c.is_ascii_punctuation());
    if list.contains(lower.as_str()) || (core.chars().count() >= 4 && list.contains(core)) {
        return Some("This password is too common: choose one that others are unlikely to use.");
    }
    let distinct: HashSet<char> = lower.chars().collect();
    if distinct.len() < 5 {
        return Some("This password repeats too few characters: mix more different ones.");
    }
    if let Some(email) = email {
        let email = email.to_lowercase();
        let local = email.split('@').next().unwrap_or_default();
        if lower.contains(&email) || (local.chars().count() >= 4 && lower.contains(local)) {
            return Some("Do not use your email address in your password.");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_is_loaded() {
        assert!(common_passwords().len() > 19_000);
        assert!(common_passwords().contains("password"));
    }

    #[test]
    fn common_and_decorated_common_passwords_are_weak() {
        for weak in [
            "q1w2e3r4t5y6",
            "1qaz2wsx3edc",
            "Password1234!",
            "iloveyou2024!!",
            "aaaaaaaaaaaa",
            "121212121212",
        ] {
            assert!(weakness(weak, None).is_some(), "{weak}");
        }
    }

    #[test]
    fn a_password_containing_the_email_is_weak() {
        assert!(weakness("ana.perez-rocks-2026", Some("ana.perez@example.com")).is_some());
    }

    #[test]
    fn good_passphrases_pass() {
        for good in [
            "correct horse battery staple",
            "Tr0ub4dor&3-but-longer",
            "vQ9#mT2!xL7p",
        ] {
            assert_eq!(weakness(good, Some("ana@example.com")), None, "{good}");
        }
    }

    #[tokio::test]
    async fn hashes_verify_and_unknown_accounts_never_do() {
        let phc = hash("a fine long password".into()).await.unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(
            verify("a fine long password".into(), Some(phc.clone()))
                .await
                .unwrap()
        );
        assert!(
            !verify("another password!!".into(), Some(phc))
                .await
                .unwrap()
        );
        assert!(
            !verify("bankport dummy password for unknown accounts".into(), None)
                .await
                .unwrap()
        );
    }
}
