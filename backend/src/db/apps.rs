//! Queries on `apps`. Dashboard queries always take the owning account, so
//! one account can never reach another's apps.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::entities::{app, link};

/// An app as the rest of the server sees it.
#[derive(Debug, Clone)]
pub struct App {
    pub id: Uuid,
    pub account_id: Uuid,
    pub name: String,
    pub client_id: String,
    pub secret_hash: String,
    pub secret_hint: String,
    pub created_at: DateTime<Utc>,
}

impl From<app::Model> for App {
    fn from(m: app::Model) -> Self {
        Self {
            id: m.id,
            account_id: m.account_id,
            name: m.name,
            client_id: m.client_id,
            secret_hash: m.secret_hash,
            secret_hint: m.secret_hint,
            created_at: m.created_at,
        }
    }
}

/// Names are unique per account regardless of case.
fn name_key(name: &str) -> String {
    name.to_lowercase()
}

pub async fn list_for_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<Vec<App>, DbErr> {
    Ok(app::Entity::find()
        .filter(app::Column::AccountId.eq(account_id))
        .order_by_desc(app::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(App::from)
        .collect())
}

pub async fn find_for_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    id: Uuid,
) -> Result<Option<App>, DbErr> {
    Ok(app::Entity::find_by_id(id)
        .filter(app::Column::AccountId.eq(account_id))
        .one(db)
        .await?
        .map(App::from))
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<App>, DbErr> {
    Ok(app::Entity::find_by_id(id).one(db).await?.map(App::from))
}

pub async fn find_by_client_id(
    db: &impl ConnectionTrait,
    client_id: &str,
) -> Result<Option<App>, DbErr> {
    Ok(app::Entity::find()
        .filter(app::Column::ClientId.eq(client_id))
        .one(db)
        .await?
        .map(App::from))
}

pub async fn name_taken(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    name: &str,
) -> Result<bool, DbErr> {
    Ok(app::Entity::find()
        .filter(app::Column::AccountId.eq(account_id))
        .filter(app::Column::NameKey.eq(name_key(name)))
        .count(db)
        .await?
        > 0)
}

pub async fn insert(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    name: &str,
    client_id: &str,
    secret_hash: &str,
    secret_hint: &str,
) -> Result<App, DbErr> {
    let now = Utc::now();
    Ok(app::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        name: Set(name.to_owned()),
        name_key: Set(name_key(name)),
        client_id: Set(client_id.to_owned()),
        secret_hash: Set(secret_hash.to_owned()),
        secret_hint: Set(secret_hint.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?
    .into())
}

pub async fn set_secret(
    db: &impl ConnectionTrait,
    id: Uuid,
    secret_hash: &str,
    secret_hint: &str,
) -> Result<(), DbErr> {
    app::Entity::update_many()
        .col_expr(app::Column::SecretHash, secret_hash.into())
        .col_expr(app::Column::SecretHint, secret_hint.into())
        .col_expr(app::Column::UpdatedAt, Utc::now().into())
        .filter(app::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Deletes the app; its URIs, links and tokens go with it (cascade).
pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    // Links reference URIs with RESTRICT; remove them first so the cascade
    // from the app to its URIs is not blocked.
    link::Entity::delete_many()
        .filter(link::Column::AppId.eq(id))
        .exec(db)
        .await?;
    app::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}
