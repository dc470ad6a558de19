//! Bankport's server: the Flanks-compatible JSON API, the dashboard's API, and
//! the built dashboard and link widget, all on one port.

pub mod auth;
pub mod bank;
pub mod config;
pub mod crypto;
pub mod css;
pub mod db;
pub mod domain;
pub mod email;
pub mod error;
pub mod extract;
pub mod jobs;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;

pub use config::Config;
pub use startup::Application;
