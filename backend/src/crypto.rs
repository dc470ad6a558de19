//! Encryption at rest with the master key.
//!
//! Bank credentials typed by end users, credentials tokens and link codes
//! must be readable again by the server (to log in to the bank, to show a
//! token in the dashboard, to list unused codes), so they are encrypted with
//! XChaCha20-Poly1305 rather than hashed. Each value gets a random 192-bit
//! nonce and is bound to its purpose (associated data), so a ciphertext
//! copied into another column does not decrypt. Lookups use a keyed HMAC,
//! never the plaintext.

use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The 256-bit master key. `Debug` never shows it.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(********)")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "BANKPORT_MASTER_KEY must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)"
    )]
    Malformed,
    #[error("cannot read or create the development key {path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
}

impl MasterKey {
    /// Parses a base64 (standard or URL-safe) 32-byte key.
    pub fn from_base64(raw: &str) -> Result<Self, KeyError> {
        let raw = raw.trim();
        let bytes = STANDARD
            .decode(raw)
            .or_else(|_| URL_SAFE_NO_PAD.decode(raw.trim_end_matches('=')))
            .map_err(|_| KeyError::Malformed)?;
        let key: [u8; 32] = bytes.try_into().map_err(|_| KeyError::Malformed)?;
        Ok(Self(key))
    }

    /// A new random key.
    pub fn generate() -> Self {
        Self(XChaCha20Poly1305::generate_key(&mut OsRng).into())
    }

    /// The development key in `data_dir/master.key`, created on first use
    /// (readable by the owner only).
    pub fn load_or_create_dev(data_dir: &Path) -> Result<Self, KeyError> {
        let path = data_dir.join("master.key");
        let err = |source| KeyError::File {
            path: path.display().to_string(),
            source,
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::from_base64(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::generate();
                write_private(&path, &STANDARD.encode(key.0)).map_err(err)?;
                tracing::warn!(
                    path = %path.display(),
                    "generated a development master key; set BANKPORT_MASTER_KEY in production"
                );
                Ok(key)
            }
            Err(e) => Err(err(e)),
        }
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(Key::from_slice(&self.0))
    }

    /// Encrypts `plaintext` for `purpose`; returns base64(nonce ‖ ciphertext).
    pub fn encrypt(&self, purpose: &str, plaintext: &[u8]) -> String {
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let ciphertext = self
            .cipher()
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext,
                    aad: purpose.as_bytes(),
                },
            )
            .expect("encryption with a valid key cannot fail");
        let mut out = nonce.to_vec();
        out.extend_from_slice(&ciphertext);
        STANDARD.encode(out)
    }

    /// Decrypts what [`encrypt`](Self::encrypt) made for the same purpose.
    pub fn decrypt(&self, purpose: &str, encoded: &str) -> anyhow::Result<Vec<u8>> {
        let bytes = STANDARD.decode(encoded)?;
        anyhow::ensure!(bytes.len() > 24, "ciphertext too short");
        let (nonce, ciphertext) = bytes.split_at(24);
        self.cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: purpose.as_bytes(),
                },
            )
            .map_err(|_| anyhow::anyhow!("cannot decrypt {purpose}: wrong key or tampered data"))
    }

    /// A keyed fingerprint for lookups and equality (hex HMAC-SHA256).
    pub fn fingerprint(&self, purpose: &str, data: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0).expect("any key length works");
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(data.as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_binds_the_purpose() {
        let key = MasterKey::generate();
        let sealed = key.encrypt("bank-credentials", b"pass_good");
        assert!(!sealed.contains("pass_good"));
        assert_eq!(
            key.decrypt("bank-credentials", &sealed).unwrap(),
            b"pass_good"
        );
        assert!(
            key.decrypt("link-code", &sealed).is_err(),
            "another purpose cannot open it"
        );
        assert!(
            MasterKey::generate()
                .decrypt("bank-credentials", &sealed)
                .is_err(),
            "another key cannot"
        );
        assert_ne!(
            sealed,
            key.encrypt("bank-credentials", b"pass_good"),
            "fresh nonce each time"
        );
    }

    #[test]
    fn keys_parse_from_base64_and_never_print() {
        let encoded = STANDARD.encode([7u8; 32]);
        let key = MasterKey::from_base64(&encoded).unwrap();
        assert_eq!(format!("{key:?}"), "MasterKey(********)");
        assert!(MasterKey::from_base64("too short").is_err());
        assert!(MasterKey::from_base64(&STANDARD.encode([7u8; 16])).is_err());
    }

    #[test]
    fn the_dev_key_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let a = MasterKey::load_or_create_dev(dir.path()).unwrap();
        let b = MasterKey::load_or_create_dev(dir.path()).unwrap();
        assert_eq!(a.fingerprint("x", "y"), b.fingerprint("x", "y"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("master.key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
