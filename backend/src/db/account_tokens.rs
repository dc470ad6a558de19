//! Queries on `account_tokens`: single-use secrets sent by email.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::entities::account_token;

/// What a token lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Confirm the account's email (valid 24 h).
    Confirm,
    /// Set a new password (valid 1 h).
    ResetPassword,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Confirm => "confirm",
            Self::ResetPassword => "reset",
        }
    }

    /// How long a token of this purpose stays valid.
    pub fn lifetime(self) -> Duration {
        match self {
            Self::Confirm => Duration::hours(24),
            Self::ResetPassword => Duration::hours(1),
        }
    }
}

/// Stores the hash of a new token for `account_id`.
pub async fn insert(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    purpose: Purpose,
    token_hash: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    account_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        purpose: Set(purpose.as_str().to_owned()),
        token_hash: Set(token_hash.to_owned()),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Marks the unused, unexpired token with this hash as used and returns its
/// account. The conditional update makes use exactly-once even when two
/// requests race with the same link.
pub async fn consume(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    token_hash: &str,
) -> Result<Option<Uuid>, DbErr> {
    let now = Utc::now();
    let Some(token) = account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(token_hash))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let claimed = account_token::Entity::update_many()
        .col_expr(account_token::Column::UsedAt, now.into())
        .filter(account_token::Column::Id.eq(token.id))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok((claimed.rows_affected == 1).then_some(token.account_id))
}

/// When the newest token of this purpose was issued, to pace re-sends.
pub async fn last_issued(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    purpose: Purpose,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(account_token::Entity::find()
        .filter(account_token::Column::AccountId.eq(account_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .order_by_desc(account_token::Column::CreatedAt)
        .one(db)
        .await?
        .map(|t| t.created_at))
}

/// Whether an unused, unexpired token with this hash exists (nothing is consumed).
pub async fn is_live(
    db: &impl ConnectionTrait,
    purpose: Purpose,
    token_hash: &str,
) -> Result<bool, DbErr> {
    use sea_orm::PaginatorTrait;
    Ok(account_token::Entity::find()
        .filter(account_token::Column::TokenHash.eq(token_hash))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .filter(account_token::Column::ExpiresAt.gt(Utc::now()))
        .count(db)
        .await?
        > 0)
}

/// Deletes the account's unused tokens of this purpose.
pub async fn delete_unused(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    purpose: Purpose,
) -> Result<(), DbErr> {
    account_token::Entity::delete_many()
        .filter(account_token::Column::AccountId.eq(account_id))
        .filter(account_token::Column::Purpose.eq(purpose.as_str()))
        .filter(account_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
