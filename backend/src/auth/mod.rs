//! Authentication of integrators on the dashboard: passwords, single-use
//! email tokens, server-side sessions, login throttling and the cross-site
//! request guard; and API clients (apps) on `/v0` with Bearer tokens.

pub mod api_client;
pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;
pub mod token;
