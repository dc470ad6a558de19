//! Database access: connecting, migrating, and one query module per table.
//!
//! Entities (generated-style `sea-orm` models) live in `entities/`; the
//! hand-written queries that routes call live beside this file, one per table,
//! so no SQL or entity leaks into the HTTP layer.

pub mod access_tokens;
pub mod account_tokens;
pub mod accounts;
pub mod apps;
pub mod banks;
pub mod credential_tokens;
pub mod credentials;
pub mod custom_css;
pub mod data;
pub mod entities;
pub mod link_codes;
pub mod link_flows;
pub mod links;
pub mod migration;
pub mod outbox;
pub mod redirect_uris;
pub mod sessions;
pub mod throttles;

use std::time::Duration;

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DatabaseTransaction, DbBackend,
    DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

use crate::config::DatabaseUrl;

/// Opens the pool. Fails fast (5 s) when the database is unreachable, so a
/// wrong URL is one clear start-up error rather than a hang.
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.expose());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    if !url.is_postgres() {
        // SQLite allows one writer; a small pool avoids "database is locked"
        // storms, and WAL (set below) lets readers proceed during a write.
        options.max_connections(4);
    }
    let db = Database::connect(options).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        for pragma in [
            "PRAGMA journal_mode = WAL",
            "PRAGMA busy_timeout = 5000",
            "PRAGMA foreign_keys = ON",
        ] {
            db.execute_unprepared(pragma).await?;
        }
    }
    Ok(db)
}

/// Begins a transaction that will write.
///
/// On SQLite it starts `IMMEDIATE`, taking the write lock up front: a
/// deferred transaction that reads and then writes fails with
/// `SQLITE_BUSY_SNAPSHOT` when another connection wrote in between, and
/// `busy_timeout` cannot help it. PostgreSQL ignores the option.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Applies pending migrations.
///
/// On PostgreSQL several instances may start together: the migrations run in
/// one transaction holding an advisory lock, so exactly one instance applies
/// them and the others then find nothing to do.
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let txn = db.begin().await?;
            // An arbitrary constant: "bankport" as ASCII bytes.
            txn.execute_unprepared("SELECT pg_advisory_xact_lock(7089063330736484468)")
                .await?;
            migration::Migrator::up(&txn, None).await?;
            txn.commit().await
        }
        _ => migration::Migrator::up(db, None).await,
    }
}
