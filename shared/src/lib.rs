//! The Bankport API contract, compiled into both the server and the WASM clients.
//!
//! Only `serde` lives here, so the crate builds for `wasm32-unknown-unknown` and
//! native alike. Anything both sides must agree on — paths, request and response
//! bodies, the error body, validating newtypes — belongs in this crate.

pub mod account;
pub mod app;
pub mod bank;
pub mod css;
pub mod data;
pub mod error;
pub mod paths;
pub mod v0;
pub mod widget;

pub use bank::BankResponse;
pub use error::ErrorBody;
