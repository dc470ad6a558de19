//! Queries on `link_codes`: one-use codes, their delayed security checks,
//! and their exactly-once exchange.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::entities::link_code;

/// A code is exchangeable (`Ready`) or waiting for security checks (`Checking`).
pub const READY: &str = "ready";
pub const CHECKING: &str = "checking";

#[derive(Debug, Clone)]
pub struct LinkCode {
    pub id: Uuid,
    pub app_id: Uuid,
    pub link_id: Uuid,
    pub credential_id: Uuid,
    pub code_encrypted: String,
    pub extra: String,
    pub status: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

impl From<link_code::Model> for LinkCode {
    fn from(m: link_code::Model) -> Self {
        Self {
            id: m.id,
            app_id: m.app_id,
            link_id: m.link_id,
            credential_id: m.credential_id,
            code_encrypted: m.code_encrypted,
            extra: m.extra,
            status: m.status,
            expires_at: m.expires_at,
            used_at: m.used_at,
        }
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    link_id: Uuid,
    credential_id: Uuid,
    code_hash: &str,
    code_encrypted: &str,
    extra: &str,
    checks_due_at: Option<DateTime<Utc>>,
    validity: Duration,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let (status, ready_at, expires_at) = match checks_due_at {
        Some(due) => (CHECKING, None, due + validity),
        None => (READY, Some(now), now + validity),
    };
    link_code::ActiveModel {
        id: Set(Uuid::now_v7()),
        app_id: Set(app_id),
        link_id: Set(link_id),
        credential_id: Set(credential_id),
        code_hash: Set(code_hash.to_owned()),
        code_encrypted: Set(code_encrypted.to_owned()),
        extra: Set(extra.to_owned()),
        status: Set(status.to_owned()),
        checks_due_at: Set(checks_due_at),
        ready_at: Set(ready_at),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

pub async fn find_by_hash(
    db: &impl ConnectionTrait,
    code_hash: &str,
) -> Result<Option<LinkCode>, DbErr> {
    Ok(link_code::Entity::find()
        .filter(link_code::Column::CodeHash.eq(code_hash))
        .one(db)
        .await?
        .map(LinkCode::from))
}

/// Marks a ready, unexpired, unused code used. True for exactly one caller,
/// however many race: the condition and the write are one statement.
pub async fn mark_used(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let now = Utc::now();
    let result = link_code::Entity::update_many()
        .col_expr(link_code::Column::UsedAt, now.into())
        .filter(link_code::Column::Id.eq(id))
        .filter(link_code::Column::UsedAt.is_null())
        .filter(link_code::Column::Status.eq(READY))
        .filter(link_code::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Ready, unused, unexpired codes of an app (optionally of one link).
pub async fn unused_for_app(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    link_id: Option<Uuid>,
) -> Result<Vec<LinkCode>, DbErr> {
    let mut query = link_code::Entity::find()
        .filter(link_code::Column::AppId.eq(app_id))
        .filter(link_code::Column::Status.eq(READY))
        .filter(link_code::Column::UsedAt.is_null())
        .filter(link_code::Column::ExpiresAt.gt(Utc::now()));
    if let Some(link_id) = link_id {
        query = query.filter(link_code::Column::LinkId.eq(link_id));
    }
    Ok(query
        .order_by_asc(link_code::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(LinkCode::from)
        .collect())
}

/// Codes of a link still waiting to be exchanged (ready or checking).
pub async fn pending_for_link(db: &impl ConnectionTrait, link_id: Uuid) -> Result<u64, DbErr> {
    link_code::Entity::find()
        .filter(link_code::Column::LinkId.eq(link_id))
        .filter(link_code::Column::UsedAt.is_null())
        .filter(link_code::Column::ExpiresAt.gt(Utc::now()))
        .count(db)
        .await
}

/// Codes whose security checks are due, up to `limit`.
pub async fn due_checks(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<Uuid>, DbErr> {
    Ok(link_code::Entity::find()
        .filter(link_code::Column::Status.eq(CHECKING))
        .filter(link_code::Column::ChecksDueAt.lte(Utc::now()))
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

/// Makes a checked code ready for `validity`. Only one instance's update
/// applies (the status condition), so concurrent workers are harmless.
pub async fn mark_ready(
    db: &impl ConnectionTrait,
    id: Uuid,
    validity: Duration,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    let result = link_code::Entity::update_many()
        .col_expr(link_code::Column::Status, READY.into())
        .col_expr(link_code::Column::ReadyAt, now.into())
        .col_expr(link_code::Column::ExpiresAt, (now + validity).into())
        .filter(link_code::Column::Id.eq(id))
        .filter(link_code::Column::Status.eq(CHECKING))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
