//! Random secrets handed to people (email links, session cookies) and the
//! hashes we keep of them.
//!
//! A token is 256 bits from the OS CSPRNG, URL-safe base64. Only its SHA-256
//! is stored, so a database leak yields nothing usable; lookups go by hash,
//! so comparison never touches the secret byte by byte.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use password_hash::rand_core::{OsRng, RngCore};
use sha2::{Digest, Sha256};

/// A freshly generated secret: the value to send, and the hash to store.
pub struct NewToken {
    pub secret: String,
    pub hash: String,
}

impl std::fmt::Debug for NewToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewToken(********)")
    }
}

/// Generates a 256-bit token.
pub fn generate() -> NewToken {
    let secret = random_string(32);
    let hash = hash(&secret);
    NewToken { secret, hash }
}

/// `bytes` random bytes as URL-safe base64: for public identifiers such as
/// CLIENT_IDs and link tokens (16 bytes = 128 bits, 22 characters).
pub fn random_string(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    URL_SAFE_NO_PAD.encode(buffer)
}

/// The stored form of a token: lower-case hex SHA-256.
pub fn hash(secret: &str) -> String {
    format!("{:x}", Sha256::digest(secret.as_bytes()))
}

/// Cheap shape check before touching the database: what `generate` makes.
pub fn looks_valid(secret: &str) -> bool {
    secret.len() == 43
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_url_safe_and_hashed() {
        let a = generate();
        let b = generate();
        assert_ne!(a.secret, b.secret);
        assert!(looks_valid(&a.secret), "{}", a.secret);
        assert_eq!(a.hash, hash(&a.secret));
        assert_eq!(a.hash.len(), 64);
        assert_eq!(format!("{a:?}"), "NewToken(********)");
    }

    #[test]
    fn malformed_tokens_are_recognised_without_a_lookup() {
        assert!(!looks_valid(""));
        assert!(!looks_valid("short"));
        assert!(!looks_valid(&"a".repeat(42)));
        assert!(!looks_valid(&format!("{}=", "a".repeat(42))));
    }
}
