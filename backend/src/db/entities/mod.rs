//! `sea-orm` entities, one per table. Only `db::*` query modules use them.

pub mod bank;
