//! `sea-orm` entities, one per table. Only `db::*` query modules use them.

pub mod access_token;
pub mod account;
pub mod account_token;
pub mod app;
pub mod bank;
pub mod credential;
pub mod credential_token;
pub mod css_audit;
pub mod css_theme;
pub mod css_version;
pub mod data_record;
pub mod data_transaction;
pub mod link;
pub mod link_code;
pub mod link_flow;
pub mod login_throttle;
pub mod outbox_email;
pub mod redirect_uri;
pub mod session;
