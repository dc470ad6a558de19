//! The one interface every bank family implements.
//!
//! The link flow, the code exchange and extraction talk to banks only
//! through [`BankConnector`], so a real bank integration is one more
//! implementation registered in [`super::registry`] and nothing else changes.
//! Sandbox banks implement it too; nothing outside `sandbox.rs` knows they
//! are not real.

use std::collections::BTreeMap;

use async_trait::async_trait;
use bankport_shared::data;
use chrono::NaiveDate;

use super::CatalogueEntry;

/// One field of a bank's login form, as the bank names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginField {
    /// Key in the submitted form.
    pub name: &'static str,
    /// Label shown to the end user (the bank's own wording).
    pub label: &'static str,
    pub kind: FieldKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Password,
    /// A choice among `(value, label)` pairs.
    Select(&'static [(&'static str, &'static str)]),
}

/// What the end user typed into the login form, by field name. `Debug`
/// never prints the values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Credentials(pub BTreeMap<String, String>);

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.0.keys()).finish()
    }
}

impl Credentials {
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map(String::as_str).unwrap_or_default()
    }
}

/// Why a bank refused or failed, as typed values the flow maps to
/// Flanks' error codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BankError {
    #[error("the bank rejected the credentials")]
    InvalidCredentials,
    #[error("the bank rejected the SCA code")]
    InvalidSca,
    #[error("the bank is unavailable")]
    Unavailable,
    #[error("the bank blocked access until the user logs in again")]
    Blocked,
}

/// The bank's answer to a login attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoginOutcome {
    /// Logged in. `security_checks` is set when the bank still runs checks
    /// before data may be read (the redirect then says `delayed=true`).
    Connected {
        security_checks: Option<std::time::Duration>,
    },
    /// The bank asks for a one-time code; `prompt` says where to find it.
    ScaRequired { prompt: String },
}

/// What an extraction asks the bank for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtractionRequest {
    /// Transactions from this day (inclusive)…
    pub from: NaiveDate,
    /// …to this day (inclusive, normally today).
    pub to: NaiveDate,
    /// True for the credential's very first extraction.
    pub first: bool,
}

/// Whether the bank still lets us in after an extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Consent {
    Valid,
    /// The bank wants SCA again before the next extraction.
    NeedsSca,
    /// The bank blocked access until the user logs in again.
    Blocked,
}

/// One product's result: its records, or why the bank could not give them.
pub type Product<T> = Result<Vec<T>, BankError>;

/// Everything one extraction read from the bank. Records carry the bank's
/// own ids in `_id` and in their parent references (`account_id`,
/// `card_id`, …); storage turns them into Bankport's stable ids.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub accounts: Product<data::Account>,
    pub transactions: Product<data::Transaction>,
    pub cards: Product<data::Card>,
    pub card_transactions: Product<data::CardTransaction>,
    pub portfolios: Product<data::Portfolio>,
    pub investments: Product<data::Investment>,
    pub investment_transactions: Product<data::InvestmentTransaction>,
    pub liabilities: Product<data::Liability>,
    pub liability_transactions: Product<data::LiabilityTransaction>,
    pub identities: Product<data::Identity>,
    pub holders: Product<data::Holder>,
    pub consent: Consent,
    /// The oldest day the bank could give transactions for, if older than
    /// the request's `from` (more history can then be fetched with a
    /// `transaction_token`).
    pub older_history_from: Option<NaiveDate>,
}

#[async_trait]
pub trait BankConnector: Send + Sync {
    /// Identity and branding.
    fn entry(&self) -> &CatalogueEntry;

    /// The fields the login form needs, in order.
    fn login_fields(&self) -> &[LoginField];

    /// A note shown above the login form, if the bank has one.
    fn help(&self) -> Option<&'static str> {
        None
    }

    /// Logs in with what the end user typed.
    async fn login(&self, credentials: &Credentials) -> Result<LoginOutcome, BankError>;

    /// Answers the SCA challenge of a login that asked for one.
    async fn answer_sca(
        &self,
        credentials: &Credentials,
        code: &str,
    ) -> Result<LoginOutcome, BankError>;

    /// Asks the bank to send the end user an SCA challenge for an existing
    /// login (SCA renewal, older history); returns where to find the code.
    /// The answer goes to [`Self::answer_sca`].
    async fn request_sca(&self, credentials: &Credentials) -> Result<String, BankError>;

    /// Reads the end user's financial data.
    async fn extract(
        &self,
        credentials: &Credentials,
        request: &ExtractionRequest,
    ) -> Result<Extraction, BankError>;

    /// A stable fingerprint of the bank login (not the password), so the same
    /// person connecting the same login twice can be recognised.
    fn login_identity(&self, credentials: &Credentials) -> String;
}
