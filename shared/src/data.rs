//! The financial data of one credential, as `/v0/bank/credentials/*`
//! returns it: Flanks' field names, amounts as JSON numbers in the
//! currency's unit, dates as `YYYY-MM-DD`.
//!
//! Every record's `_id` is stable: the same bank record keeps the same id
//! across refreshes. Parent references (`account_id`, `card_id`, …) hold
//! the parent's `_id`.

use serde::{Deserialize, Serialize};

/// The products a credential's data is made of, by their endpoint names
/// (also the keys of `created{…}` and `errored{…}` in the status and of
/// the `all` response).
pub mod products {
    pub const ACCOUNT: &str = "account";
    pub const DATA: &str = "data";
    pub const CARD: &str = "card";
    pub const CARD_TRANSACTION: &str = "card_transaction";
    pub const PORTFOLIO: &str = "portfolio";
    pub const INVESTMENT: &str = "investment";
    pub const INVESTMENT_TRANSACTION: &str = "investment_transaction";
    pub const LIABILITY: &str = "liability";
    pub const LIABILITY_TRANSACTION: &str = "liability_transaction";
    pub const AUTH: &str = "auth";
    pub const HOLDER: &str = "holder";

    /// Every product, in the order the `all` response lists them.
    pub const ALL: &[&str] = &[
        ACCOUNT,
        DATA,
        CARD,
        CARD_TRANSACTION,
        PORTFOLIO,
        INVESTMENT,
        INVESTMENT_TRANSACTION,
        LIABILITY,
        LIABILITY_TRANSACTION,
        AUTH,
        HOLDER,
    ];
}

/// A bank account and its balances (`/account`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    #[serde(rename = "_id")]
    pub id: String,
    pub iban: String,
    pub alias: String,
    /// `current`, `savings`, …
    #[serde(rename = "accountType")]
    pub account_type: String,
    pub currency: String,
    pub balance: f64,
    #[serde(rename = "availableBalance")]
    pub available_balance: f64,
    /// The bank's name.
    pub entity: String,
    #[serde(rename = "isOwner")]
    pub is_owner: bool,
    #[serde(rename = "numOwners")]
    pub num_owners: u32,
    #[serde(rename = "openingDate")]
    pub opening_date: String,
}

/// The other side of a transfer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub iban: Option<String>,
}

/// Transfer details of a transaction that moved money between accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub payer: Party,
    pub payee: Party,
    pub reference: Option<String>,
}

/// One movement on an account (`/data`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    #[serde(rename = "_id")]
    pub id: String,
    pub account_id: String,
    /// Negative for money out.
    pub amount: f64,
    /// The account's balance after this transaction.
    pub balance: f64,
    pub currency: String,
    #[serde(rename = "operationDate")]
    pub operation_date: String,
    #[serde(rename = "valueDate")]
    pub value_date: String,
    pub description: String,
    pub category: String,
    pub transfer: Option<Transfer>,
}

/// A payment card (`/card`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    #[serde(rename = "_id")]
    pub id: String,
    /// The account the card charges.
    pub account_id: String,
    pub name: String,
    /// Masked: only the last four digits are shown.
    #[serde(rename = "cardNumber")]
    pub card_number: String,
    /// `credit` or `debit`.
    #[serde(rename = "type")]
    pub card_type: String,
    pub currency: String,
    /// Spent in the current cycle.
    pub balance: f64,
    pub limit: f64,
    pub available: f64,
    #[serde(rename = "expirationDate")]
    pub expiration_date: String,
}

/// One payment with a card (`/card/transaction`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardTransaction {
    #[serde(rename = "_id")]
    pub id: String,
    pub card_id: String,
    pub amount: f64,
    pub currency: String,
    #[serde(rename = "operationDate")]
    pub operation_date: String,
    #[serde(rename = "valueDate")]
    pub value_date: String,
    pub description: String,
    pub category: String,
    pub merchant: String,
}

/// A securities portfolio (`/portfolio`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    #[serde(rename = "_id")]
    pub id: String,
    pub name: String,
    #[serde(rename = "portfolioNumber")]
    pub portfolio_number: String,
    pub currency: String,
    /// Market value of its investments.
    pub value: f64,
    /// The account that settles its trades.
    pub account_id: Option<String>,
}

/// One position in a portfolio (`/investment`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Investment {
    #[serde(rename = "_id")]
    pub id: String,
    pub portfolio_id: String,
    pub isin: String,
    pub name: String,
    /// `fund`, `stock`, `bond`, `etf`.
    #[serde(rename = "type")]
    pub investment_type: String,
    pub currency: String,
    pub shares: f64,
    pub price: f64,
    pub value: f64,
    /// What the shares cost.
    pub cost: f64,
}

/// A trade or income on an investment (`/investment/transaction`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvestmentTransaction {
    #[serde(rename = "_id")]
    pub id: String,
    pub investment_id: String,
    pub isin: String,
    /// `buy`, `sell`, `dividend`.
    #[serde(rename = "type")]
    pub transaction_type: String,
    pub shares: f64,
    pub price: f64,
    pub amount: f64,
    pub currency: String,
    #[serde(rename = "operationDate")]
    pub operation_date: String,
    #[serde(rename = "valueDate")]
    pub value_date: String,
    pub description: String,
}

/// A loan or mortgage (`/liability`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Liability {
    #[serde(rename = "_id")]
    pub id: String,
    pub name: String,
    /// `loan`, `mortgage`.
    #[serde(rename = "type")]
    pub liability_type: String,
    pub currency: String,
    #[serde(rename = "initialAmount")]
    pub initial_amount: f64,
    /// Still owed.
    pub debt: f64,
    #[serde(rename = "interestRate")]
    pub interest_rate: f64,
    #[serde(rename = "monthlyPayment")]
    pub monthly_payment: f64,
    #[serde(rename = "startDate")]
    pub start_date: String,
    #[serde(rename = "endDate")]
    pub end_date: String,
    /// The account instalments are charged to.
    pub account_id: Option<String>,
}

/// One instalment of a liability (`/liability/transaction`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiabilityTransaction {
    #[serde(rename = "_id")]
    pub id: String,
    pub liability_id: String,
    pub amount: f64,
    pub principal: f64,
    pub interest: f64,
    pub currency: String,
    #[serde(rename = "operationDate")]
    pub operation_date: String,
    #[serde(rename = "valueDate")]
    pub value_date: String,
    pub description: String,
}

/// The person who logged in (`/auth`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    #[serde(rename = "_id")]
    pub id: String,
    pub name: String,
    #[serde(rename = "documentType")]
    pub document_type: String,
    #[serde(rename = "documentNumber")]
    pub document_number: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    #[serde(rename = "birthDate")]
    pub birth_date: Option<String>,
}

/// One holder of one account (`/holder`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    #[serde(rename = "_id")]
    pub id: String,
    pub account_id: String,
    pub name: String,
    /// `owner`, `co-owner`, `authorised`.
    pub role: String,
    #[serde(rename = "documentNumber")]
    pub document_number: Option<String>,
}
