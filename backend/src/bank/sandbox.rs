//! The sandbox banks: fictional banks that behave like real ones, so
//! integrators can build and test without real accounts.
//!
//! Behaviour is chosen by the username typed in, with password `pass_good`
//! (anything else is invalid credentials):
//!
//! | username | behaviour |
//! |---|---|
//! | `user_good` | logs in, no SCA |
//! | `user_sca` | asks for an SCA code; `123456` passes |
//! | `user_delayed` | logs in; security checks still run (`delayed=true`) |
//! | `user_blocked` | logs in; blocked after the first extraction |
//! | `user_sca_renew` | logs in; needs SCA renewal after the first extraction |
//! | `user_down` | the bank is unavailable |
//! | `user_busy` | logs in; a busy business (10,000+ transactions in 90 days) |
//! | `user_partial` | logs in; portfolios and investments fail, the rest works |
//!
//! Their data (see [`super::sandbox_data`]) is realistic and the same on
//! every extraction of the same login.
//!
//! Caja Meseta asks for a document type and number instead of a username;
//! its document number plays the username's role.

use std::time::Duration;

use async_trait::async_trait;

use super::CatalogueEntry;
use super::connector::{
    BankConnector, BankError, Consent, Credentials, Extraction, ExtractionRequest, FieldKind,
    LoginField, LoginOutcome,
};
use super::sandbox_data::{self, Profile};

/// The password every sandbox user shares.
pub const PASSWORD: &str = "pass_good";
/// The SCA code sandbox banks accept.
pub const SCA_CODE: &str = "123456";

/// The sandbox catalogue, in several countries.
pub const BANKS: &[CatalogueEntry] = &[
    CatalogueEntry {
        id: "sandbox-es",
        name: "Banco Arenal",
        country: "ES",
        monogram: "BA",
        colour: "#b3261e",
    },
    CatalogueEntry {
        id: "sandbox-es-doc",
        name: "Caja Meseta",
        country: "ES",
        monogram: "CM",
        colour: "#1b6e3a",
    },
    CatalogueEntry {
        id: "sandbox-pt",
        name: "Banco Atlântico",
        country: "PT",
        monogram: "AT",
        colour: "#0b5cad",
    },
    CatalogueEntry {
        id: "sandbox-fr",
        name: "Banque Lumière",
        country: "FR",
        monogram: "BL",
        colour: "#6a3fb5",
    },
    CatalogueEntry {
        id: "sandbox-de",
        name: "Nordwald Bank",
        country: "DE",
        monogram: "NW",
        colour: "#22313f",
    },
    CatalogueEntry {
        id: "sandbox-it",
        name: "Banca Laguna",
        country: "IT",
        monogram: "BL",
        colour: "#00838f",
    },
    CatalogueEntry {
        id: "sandbox-gb",
        name: "Thames Sandbox Bank",
        country: "GB",
        monogram: "TS",
        colour: "#8d5b00",
    },
];

const USERNAME_FIELDS: &[LoginField] = &[
    LoginField {
        name: "username",
        label: "Username",
        kind: FieldKind::Text,
    },
    LoginField {
        name: "password",
        label: "Password",
        kind: FieldKind::Password,
    },
];

const DOCUMENT_FIELDS: &[LoginField] = &[
    LoginField {
        name: "document_type",
        label: "Document type",
        kind: FieldKind::Select(&[("dni", "DNI"), ("nie", "NIE"), ("passport", "Passport")]),
    },
    LoginField {
        name: "document_number",
        label: "Document number",
        kind: FieldKind::Text,
    },
    LoginField {
        name: "password",
        label: "Password",
        kind: FieldKind::Password,
    },
];

/// Shown above every sandbox login form, so testers need no other manual.
const HELP: &str = "Sandbox bank for testing. Password: pass_good. Users: user_good (connects), \
user_sca (asks for code 123456), user_delayed (security checks first), user_blocked, user_sca_renew, \
user_down (bank unavailable), user_busy (a busy business account), user_partial (investments \
unavailable).";

/// One sandbox bank.
#[derive(Debug)]
pub struct SandboxBank {
    entry: &'static CatalogueEntry,
    /// How long `user_delayed`'s security checks run.
    delay: Duration,
}

impl SandboxBank {
    pub fn new(entry: &'static CatalogueEntry, delay: Duration) -> Self {
        Self { entry, delay }
    }

    fn uses_documents(&self) -> bool {
        self.entry.id == "sandbox-es-doc"
    }

    /// The sandbox user a login names (the username, or the document number).
    fn user<'c>(&self, credentials: &'c Credentials) -> &'c str {
        if self.uses_documents() {
            credentials.get("document_number").trim()
        } else {
            credentials.get("username").trim()
        }
    }

    fn check(&self, credentials: &Credentials) -> Result<&'static str, BankError> {
        if self.uses_documents() && credentials.get("document_type").is_empty() {
            return Err(BankError::InvalidCredentials);
        }
        // Usernames are case-insensitive, as at most banks.
        let user = match self.user(credentials).to_lowercase().as_str() {
            "user_good" => "user_good",
            "user_sca" => "user_sca",
            "user_delayed" => "user_delayed",
            "user_blocked" => "user_blocked",
            "user_sca_renew" => "user_sca_renew",
            "user_busy" => "user_busy",
            "user_partial" => "user_partial",
            "user_down" => return Err(BankError::Unavailable),
            _ => return Err(BankError::InvalidCredentials),
        };
        if credentials.get("password") != PASSWORD {
            return Err(BankError::InvalidCredentials);
        }
        Ok(user)
    }

    fn sca_prompt(&self) -> String {
        format!("Enter the code {} sent to your phone.", self.entry.name)
    }

    fn connected(&self, user: &str) -> LoginOutcome {
        LoginOutcome::Connected {
            security_checks: (user == "user_delayed").then_some(self.delay),
        }
    }
}

#[async_trait]
impl BankConnector for SandboxBank {
    fn entry(&self) -> &CatalogueEntry {
        self.entry
    }

    fn login_fields(&self) -> &[LoginField] {
        if self.uses_documents() {
            DOCUMENT_FIELDS
        } else {
            USERNAME_FIELDS
        }
    }

    fn help(&self) -> Option<&'static str> {
        Some(HELP)
    }

    async fn login(&self, credentials: &Credentials) -> Result<LoginOutcome, BankError> {
        let user = self.check(credentials)?;
        if user == "user_sca" {
            return Ok(LoginOutcome::ScaRequired {
                prompt: self.sca_prompt(),
            });
        }
        Ok(self.connected(user))
    }

    async fn answer_sca(
        &self,
        credentials: &Credentials,
        code: &str,
    ) -> Result<LoginOutcome, BankError> {
        let user = self.check(credentials)?;
        if code.trim() != SCA_CODE {
            return Err(BankError::InvalidSca);
        }
        Ok(self.connected(user))
    }

    async fn request_sca(&self, credentials: &Credentials) -> Result<String, BankError> {
        self.check(credentials)?;
        Ok(self.sca_prompt())
    }

    async fn extract(
        &self,
        credentials: &Credentials,
        request: &ExtractionRequest,
    ) -> Result<Extraction, BankError> {
        let user = self.check(credentials)?;
        let profile = if user == "user_busy" {
            Profile::Business
        } else {
            Profile::Personal
        };
        // A busy login's history is over a hundred thousand movements:
        // build it off the async workers.
        let entry = self.entry;
        let identity = self.login_identity(credentials);
        let request_copy = *request;
        let mut extraction = tokio::task::spawn_blocking(move || {
            sandbox_data::extraction(entry, &identity, profile, &request_copy)
        })
        .await
        .map_err(|error| {
            tracing::error!(error = %error, "sandbox data generation failed");
            BankError::Unavailable
        })?;
        extraction.consent = match user {
            "user_blocked" if request.first => Consent::Blocked,
            "user_sca_renew" if request.first => Consent::NeedsSca,
            _ => Consent::Valid,
        };
        if user == "user_partial" {
            extraction.portfolios = Err(BankError::Unavailable);
            extraction.investments = Err(BankError::Unavailable);
            extraction.investment_transactions = Err(BankError::Unavailable);
        }
        Ok(extraction)
    }

    fn login_identity(&self, credentials: &Credentials) -> String {
        format!(
            "{}:{}",
            self.entry.id,
            self.user(credentials).to_lowercase()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn creds(pairs: &[(&str, &str)]) -> Credentials {
        Credentials(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }

    fn arenal() -> SandboxBank {
        SandboxBank::new(&BANKS[0], Duration::from_secs(30))
    }

    #[tokio::test]
    async fn usernames_choose_the_behaviour() {
        let bank = arenal();
        let login = |u: &str, p: &str| creds(&[("username", u), ("password", p)]);
        assert_eq!(
            bank.login(&login("user_good", PASSWORD)).await,
            Ok(LoginOutcome::Connected {
                security_checks: None
            })
        );
        assert!(matches!(
            bank.login(&login("user_sca", PASSWORD)).await,
            Ok(LoginOutcome::ScaRequired { .. })
        ));
        assert_eq!(
            bank.login(&login("user_delayed", PASSWORD)).await,
            Ok(LoginOutcome::Connected {
                security_checks: Some(Duration::from_secs(30))
            })
        );
        assert_eq!(
            bank.login(&login("user_down", PASSWORD)).await,
            Err(BankError::Unavailable)
        );
        assert_eq!(
            bank.login(&login("user_good", "wrong")).await,
            Err(BankError::InvalidCredentials)
        );
        assert_eq!(
            bank.login(&login("someone", PASSWORD)).await,
            Err(BankError::InvalidCredentials)
        );
        for user in ["user_busy", "User_Partial"] {
            assert_eq!(
                bank.login(&login(user, PASSWORD)).await,
                Ok(LoginOutcome::Connected {
                    security_checks: None
                }),
                "{user}"
            );
        }
    }

    #[test]
    fn the_help_names_every_user() {
        for user in [
            "user_good",
            "user_sca",
            "user_delayed",
            "user_blocked",
            "user_sca_renew",
            "user_down",
            "user_busy",
            "user_partial",
        ] {
            assert!(HELP.contains(user), "{user}");
        }
    }

    fn request(first: bool) -> ExtractionRequest {
        let to = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date");
        ExtractionRequest {
            from: to - chrono::Days::new(89),
            to,
            first,
        }
    }

    fn user(name: &str) -> Credentials {
        creds(&[("username", name), ("password", PASSWORD)])
    }

    #[tokio::test]
    async fn extraction_checks_the_login_first() {
        let bank = arenal();
        assert_eq!(
            bank.extract(&user("user_down"), &request(true)).await.err(),
            Some(BankError::Unavailable)
        );
        let wrong = creds(&[("username", "user_good"), ("password", "nope")]);
        assert_eq!(
            bank.extract(&wrong, &request(true)).await.err(),
            Some(BankError::InvalidCredentials)
        );
        assert_eq!(
            bank.request_sca(&user("user_down")).await,
            Err(BankError::Unavailable)
        );
    }

    #[tokio::test]
    async fn blocked_and_renewing_users_lose_consent_after_their_first_extraction() {
        let bank = arenal();
        let consent = |name: &'static str, first: bool| {
            let bank = &bank;
            async move {
                bank.extract(&user(name), &request(first))
                    .await
                    .expect("extracts")
                    .consent
            }
        };
        assert_eq!(consent("user_blocked", true).await, Consent::Blocked);
        assert_eq!(consent("user_blocked", false).await, Consent::Valid);
        assert_eq!(consent("user_sca_renew", true).await, Consent::NeedsSca);
        assert_eq!(consent("user_sca_renew", false).await, Consent::Valid);
        assert_eq!(consent("user_good", true).await, Consent::Valid);
        assert_eq!(consent("user_sca", true).await, Consent::Valid);
    }

    #[tokio::test]
    async fn user_partial_gets_everything_but_investments() {
        let bank = arenal();
        let extraction = bank
            .extract(&user("user_partial"), &request(true))
            .await
            .expect("extracts");
        assert_eq!(extraction.portfolios.err(), Some(BankError::Unavailable));
        assert_eq!(extraction.investments.err(), Some(BankError::Unavailable));
        assert_eq!(
            extraction.investment_transactions.err(),
            Some(BankError::Unavailable)
        );
        assert!(!extraction.accounts.expect("accounts").is_empty());
        assert!(!extraction.transactions.expect("transactions").is_empty());
        assert!(!extraction.cards.expect("cards").is_empty());
        assert!(
            !extraction
                .card_transactions
                .expect("card transactions")
                .is_empty()
        );
        assert!(!extraction.liabilities.expect("liabilities").is_empty());
        assert!(
            !extraction
                .liability_transactions
                .expect("liability transactions")
                .is_empty()
        );
        assert!(!extraction.identities.expect("identities").is_empty());
        assert!(!extraction.holders.expect("holders").is_empty());
    }

    #[tokio::test]
    async fn a_document_login_gets_the_same_data_every_time() {
        // Caja Meseta's document number plays the username's role.
        let meseta = SandboxBank::new(&BANKS[1], Duration::from_secs(30));
        let document = creds(&[
            ("document_type", "dni"),
            ("document_number", "user_good"),
            ("password", PASSWORD),
        ]);
        let first = meseta
            .extract(&document, &request(true))
            .await
            .expect("extracts");
        let again = meseta
            .extract(&document, &request(false))
            .await
            .expect("extracts");
        assert_eq!(first.accounts, again.accounts);
        assert_eq!(first.transactions, again.transactions);
        let other_bank = arenal()
            .extract(&user("user_good"), &request(true))
            .await
            .expect("extracts");
        assert_ne!(
            first.accounts, other_bank.accounts,
            "another bank, another customer"
        );
    }

    #[tokio::test]
    async fn renewing_sca_prompts_like_the_login() {
        let bank = arenal();
        let prompt = bank.request_sca(&user("user_sca_renew")).await;
        assert_eq!(
            prompt,
            Ok(format!(
                "Enter the code {} sent to your phone.",
                BANKS[0].name
            ))
        );
        assert_eq!(
            bank.answer_sca(&user("user_sca_renew"), SCA_CODE).await,
            Ok(LoginOutcome::Connected {
                security_checks: None
            })
        );
        assert_eq!(
            bank.request_sca(&creds(&[("username", "user_good"), ("password", "x")]))
                .await,
            Err(BankError::InvalidCredentials)
        );
    }

    #[tokio::test]
    async fn only_the_sandbox_code_passes_sca() {
        let bank = arenal();
        let user = creds(&[("username", "user_sca"), ("password", PASSWORD)]);
        assert_eq!(
            bank.answer_sca(&user, "000000").await,
            Err(BankError::InvalidSca)
        );
        assert_eq!(
            bank.answer_sca(&user, " 123456 ").await,
            Ok(LoginOutcome::Connected {
                security_checks: None
            })
        );
    }

    #[tokio::test]
    async fn caja_meseta_logs_in_with_a_document() {
        let bank = SandboxBank::new(&BANKS[1], Duration::from_secs(30));
        let names: Vec<_> = bank.login_fields().iter().map(|f| f.label).collect();
        assert_eq!(names, ["Document type", "Document number", "Password"]);
        let ok = creds(&[
            ("document_type", "dni"),
            ("document_number", "user_good"),
            ("password", PASSWORD),
        ]);
        assert!(bank.login(&ok).await.is_ok());
        let no_type = creds(&[("document_number", "user_good"), ("password", PASSWORD)]);
        assert_eq!(
            bank.login(&no_type).await,
            Err(BankError::InvalidCredentials)
        );
    }

    #[test]
    fn the_login_identity_ignores_the_password_and_case() {
        let bank = arenal();
        let a = creds(&[("username", "User_Good"), ("password", "x")]);
        let b = creds(&[("username", "user_good"), ("password", "y")]);
        assert_eq!(bank.login_identity(&a), bank.login_identity(&b));
        assert_eq!(
            format!("{a:?}"),
            r#"["password", "username"]"#,
            "Debug shows field names only"
        );
    }
}
