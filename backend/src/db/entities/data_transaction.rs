//! Extracted transactions of every kind (account, card, investment,
//! liability), as Flanks-shaped JSON, numbered for keyset paging.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "data_transactions")]
pub struct Model {
    /// Stable: derived from the credential, the product and the bank's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub credential_id: Uuid,
    pub product: String,
    pub parent_id: String,
    pub operation_date: ChronoDate,
    /// Position in (operation date, id) descending order, from 0.
    pub seq: i64,
    /// The same, within `parent_id`.
    pub parent_seq: i64,
    pub data: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
