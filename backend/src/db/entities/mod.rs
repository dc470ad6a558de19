//! `sea-orm` entities, one per table. Only `db::*` query modules use them.

pub mod account;
pub mod account_token;
pub mod bank;
pub mod login_throttle;
pub mod outbox_email;
pub mod session;
