//! End users' bank connections.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "credentials")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    pub app_id: Uuid,
    pub link_id: Option<Uuid>,
    pub bank_id: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub token_encrypted: String,
    pub identity_fingerprint: String,
    pub secrets_encrypted: String,
    pub external_id: Option<String>,
    pub extra: String,
    pub status: String,
    pub created_at: ChronoDateTimeUtc,
    pub updated_at: ChronoDateTimeUtc,
    pub next_extraction_at: Option<ChronoDateTimeUtc>,
    pub extraction_attempts: i32,
    pub lease_id: Option<Uuid>,
    pub lease_until: Option<ChronoDateTimeUtc>,
    pub last_extracted_at: Option<ChronoDateTimeUtc>,
    pub last_extraction_secs: Option<f64>,
    pub history_from: Option<ChronoDate>,
    pub extract_from: Option<ChronoDate>,
    pub older_history_from: Option<ChronoDate>,
    pub products_created: String,
    pub products_errored: String,
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
