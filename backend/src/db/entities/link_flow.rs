//! Widget log-ins waiting for the end user's SCA code.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "link_flows")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub flow_hash: String,
    pub link_id: Uuid,
    pub bank_id: String,
    pub secrets_encrypted: String,
    pub params: String,
    pub expires_at: ChronoDateTimeUtc,
    pub completed_at: Option<ChronoDateTimeUtc>,
    pub created_at: ChronoDateTimeUtc,
    /// Set when the flow re-authorises an existing credential.
    pub credential_token_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
