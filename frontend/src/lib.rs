//! Bankport's browser apps, compiled to WASM and built by Trunk.
//!
//! Two entry points share this library: `bin/dashboard.rs` (integrators) and
//! `bin/widget.rs` (end users). Each binary links only what it uses, so the
//! widget stays small.

pub mod api;
pub mod dashboard;
pub mod widget;
