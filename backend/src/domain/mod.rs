//! Business rules shared by the dashboard API and the `/v0` API, so both
//! routes enforce them the same way.

pub mod apps;
pub mod custom_css;
pub mod extraction;
pub mod link_flow;
pub mod products;
pub mod reauth;
