//! Queries on `access_tokens`: only hashes are stored.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entities::access_token;

pub async fn insert(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    access_hash: &str,
    refresh_hash: &str,
    expires_at: DateTime<Utc>,
    refresh_expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    access_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        app_id: Set(app_id),
        access_hash: Set(access_hash.to_owned()),
        refresh_hash: Set(refresh_hash.to_owned()),
        expires_at: Set(expires_at),
        refresh_expires_at: Set(refresh_expires_at),
        revoked_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The app of a live (unexpired, unrevoked) access token.
pub async fn app_of_access(
    db: &impl ConnectionTrait,
    access_hash: &str,
) -> Result<Option<Uuid>, DbErr> {
    let now = Utc::now();
    Ok(access_token::Entity::find()
        .filter(access_token::Column::AccessHash.eq(access_hash))
        .filter(access_token::Column::RevokedAt.is_null())
        .filter(access_token::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .map(|t| t.app_id))
}

/// Revokes the live token pair whose refresh token this is, returning its
/// app. The conditional update makes a refresh token work exactly once.
pub async fn consume_refresh(
    db: &impl ConnectionTrait,
    refresh_hash: &str,
) -> Result<Option<Uuid>, DbErr> {
    let now = Utc::now();
    let Some(token) = access_token::Entity::find()
        .filter(access_token::Column::RefreshHash.eq(refresh_hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let revoked = access_token::Entity::update_many()
        .col_expr(access_token::Column::RevokedAt, now.into())
        .filter(access_token::Column::Id.eq(token.id))
        .filter(access_token::Column::RevokedAt.is_null())
        .filter(access_token::Column::RefreshExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok((revoked.rows_affected == 1).then_some(token.app_id))
}

/// Revokes every token of an app (secret rotated).
pub async fn revoke_all_for_app(db: &impl ConnectionTrait, app_id: Uuid) -> Result<u64, DbErr> {
    Ok(access_token::Entity::update_many()
        .col_expr(access_token::Column::RevokedAt, Utc::now().into())
        .filter(access_token::Column::AppId.eq(app_id))
        .filter(access_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?
        .rows_affected)
}
