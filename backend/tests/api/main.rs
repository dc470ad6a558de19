//! Backend integration tests: each test spawns the real application on a
//! random port with a fresh database (SQLite by default, PostgreSQL with
//! `BANKPORT_TEST_DATABASE=postgres`) and speaks HTTP to it.

mod helpers;

mod accounts;
mod apps;
mod banks;
mod credentials_data;
mod custom_css;
mod frontend;
mod health;
mod link_flow;
mod startup;
mod v0_api;
