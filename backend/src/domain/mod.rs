//! Business rules shared by the dashboard API and the `/v0` API, so both
//! routes enforce them the same way.

pub mod apps;
pub mod link_flow;
