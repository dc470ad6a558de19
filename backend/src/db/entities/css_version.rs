//! Validated stylesheets, by content hash (uploads and previews).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "css_versions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub account_id: Uuid,
    /// SHA-256 of `css`, hex: the stylesheet's URL.
    pub hash: String,
    /// Minified by the validator.
    pub css: String,
    pub file_name: Option<String>,
    /// A preview that was not (yet) saved as the theme.
    pub draft: bool,
    /// The email of who uploaded it.
    pub created_by: String,
    pub created_at: ChronoDateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
