//! Schema migrations, written with the schema builder only so the same set
//! runs on SQLite and PostgreSQL. Never edit a landed migration: add one.

use sea_orm_migration::prelude::*;

mod m20261124_000001_create_banks;
mod m20261124_000002_create_accounts;
mod m20261124_000003_create_apps;
mod m20261124_000004_create_credentials;
mod m20261124_000005_credentials_lifecycle;
mod m20261124_000006_custom_css;

/// Every migration, in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_banks::Migration),
            Box::new(m20261124_000002_create_accounts::Migration),
            Box::new(m20261124_000003_create_apps::Migration),
            Box::new(m20261124_000004_create_credentials::Migration),
            Box::new(m20261124_000005_credentials_lifecycle::Migration),
            Box::new(m20261124_000006_custom_css::Migration),
        ]
    }
}
