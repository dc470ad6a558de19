//! Authentication of integrators on the dashboard: passwords, single-use
//! email tokens, server-side sessions, login throttling and the cross-site
//! request guard.

pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;
pub mod token;
