//! Queries on `redirect_uris`.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::entities::redirect_uri;

#[derive(Debug, Clone)]
pub struct RedirectUri {
    pub id: Uuid,
    pub app_id: Uuid,
    pub uri: String,
    pub created_at: DateTime<Utc>,
}

impl From<redirect_uri::Model> for RedirectUri {
    fn from(m: redirect_uri::Model) -> Self {
        Self {
            id: m.id,
            app_id: m.app_id,
            uri: m.uri,
            created_at: m.created_at,
        }
    }
}

pub async fn list_for_app(
    db: &impl ConnectionTrait,
    app_id: Uuid,
) -> Result<Vec<RedirectUri>, DbErr> {
    Ok(redirect_uri::Entity::find()
        .filter(redirect_uri::Column::AppId.eq(app_id))
        .order_by_asc(redirect_uri::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(RedirectUri::from)
        .collect())
}

pub async fn find_for_app(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    id: Uuid,
) -> Result<Option<RedirectUri>, DbErr> {
    Ok(redirect_uri::Entity::find_by_id(id)
        .filter(redirect_uri::Column::AppId.eq(app_id))
        .one(db)
        .await?
        .map(RedirectUri::from))
}

/// The app's registered URI equal to `uri` (exact match).
pub async fn find_by_uri(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    uri: &str,
) -> Result<Option<RedirectUri>, DbErr> {
    Ok(redirect_uri::Entity::find()
        .filter(redirect_uri::Column::AppId.eq(app_id))
        .filter(redirect_uri::Column::Uri.eq(uri))
        .one(db)
        .await?
        .map(RedirectUri::from))
}

pub async fn insert(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    uri: &str,
) -> Result<RedirectUri, DbErr> {
    Ok(redirect_uri::ActiveModel {
        id: Set(Uuid::now_v7()),
        app_id: Set(app_id),
        uri: Set(uri.to_owned()),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?
    .into())
}

pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    redirect_uri::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}
