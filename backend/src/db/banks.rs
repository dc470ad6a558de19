//! Queries on the `banks` table.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryOrder};

use super::entities::bank;
use crate::bank::CatalogueEntry;

/// A bank as stored: what the catalogue endpoints and logo route need.
#[derive(Debug, Clone)]
pub struct Bank {
    pub id: String,
    pub name: String,
    pub country: String,
    pub logo_svg: String,
}

impl From<bank::Model> for Bank {
    fn from(m: bank::Model) -> Self {
        Self {
            id: m.id,
            name: m.name,
            country: m.country,
            logo_svg: m.logo_svg,
        }
    }
}

/// Inserts or refreshes the given banks. Idempotent, so every instance can
/// run it at start-up without coordination.
pub async fn upsert_all(
    db: &impl ConnectionTrait,
    entries: &[CatalogueEntry],
) -> Result<(), DbErr> {
    let now = Utc::now();
    let rows = entries.iter().map(|e| bank::ActiveModel {
        id: Set(e.id.to_owned()),
        name: Set(e.name.to_owned()),
        country: Set(e.country.to_owned()),
        logo_svg: Set(e.logo_svg()),
        updated_at: Set(now),
    });
    bank::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::column(bank::Column::Id)
                .update_columns([
                    bank::Column::Name,
                    bank::Column::Country,
                    bank::Column::LogoSvg,
                    bank::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec(db)
        .await?;
    Ok(())
}

/// The whole catalogue, by country then name.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Bank>, DbErr> {
    Ok(bank::Entity::find()
        .order_by_asc(bank::Column::Country)
        .order_by_asc(bank::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(Bank::from)
        .collect())
}

/// One bank by id.
pub async fn find(db: &impl ConnectionTrait, id: &str) -> Result<Option<Bank>, DbErr> {
    Ok(bank::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .map(Bank::from))
}
