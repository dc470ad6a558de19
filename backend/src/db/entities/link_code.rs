//! One-use codes handed back to the integrator's redirect URI.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "link_codes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub app_id: Uuid,
    pub link_id: Uuid,
    pub credential_id: Uuid,
    #[sea_orm(unique)]
    pub code_hash: String,
    pub code_encrypted: String,
    pub extra: String,
    pub status: String,
    pub checks_due_at: Option<ChronoDateTimeUtc>,
    pub ready_at: Option<ChronoDateTimeUtc>,
    pub expires_at: ChronoDateTimeUtc,
    pub used_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
