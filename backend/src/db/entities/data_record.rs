//! Extracted records other than transactions (accounts, cards, portfolios,
//! investments, liabilities, identities, holders), as Flanks-shaped JSON.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "data_records")]
pub struct Model {
    /// Stable: derived from the credential, the product and the bank's id.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub credential_id: Uuid,
    pub product: String,
    pub parent_id: Option<String>,
    pub position: i32,
    pub data: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
