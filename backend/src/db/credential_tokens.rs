//! Queries on `credential_tokens`: re-authorisation tokens, single use and
//! expiring. The token is stored as a hash (for lookups) and sealed (so the
//! status call can show it again until it is used).

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::entities::credential_token;

pub use credential_token::Model as CredentialToken;

/// Re-authorisations one token may start; after that it is spent (and the
/// status shows a new one).
pub const MAX_ATTEMPTS: i32 = 5;

/// Unused and unexpired. (Attempts are checked where they are counted, so
/// a flow started with the last attempt can still finish.)
pub fn is_live(token: &CredentialToken) -> bool {
    token.used_at.is_none() && token.expires_at > Utc::now()
}

pub async fn insert(
    db: &impl ConnectionTrait,
    credential_id: Uuid,
    kind: &str,
    token_hash: &str,
    token_encrypted: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    credential_token::ActiveModel {
        id: Set(Uuid::now_v7()),
        credential_id: Set(credential_id),
        kind: Set(kind.to_owned()),
        token_hash: Set(token_hash.to_owned()),
        token_encrypted: Set(token_encrypted.to_owned()),
        attempts: Set(0),
        expires_at: Set(expires_at),
        used_at: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest unused, unexpired token of this kind.
pub async fn live(
    db: &impl ConnectionTrait,
    credential_id: Uuid,
    kind: &str,
) -> Result<Option<CredentialToken>, DbErr> {
    credential_token::Entity::find()
        .filter(credential_token::Column::CredentialId.eq(credential_id))
        .filter(credential_token::Column::Kind.eq(kind))
        .filter(credential_token::Column::UsedAt.is_null())
        .filter(credential_token::Column::ExpiresAt.gt(Utc::now()))
        .filter(credential_token::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_desc(credential_token::Column::CreatedAt)
        .one(db)
        .await
}

/// Ends every live token of this kind (a new one replaces them).
pub async fn revoke_live(
    db: &impl ConnectionTrait,
    credential_id: Uuid,
    kind: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    credential_token::Entity::update_many()
        .col_expr(credential_token::Column::ExpiresAt, now.into())
        .filter(credential_token::Column::CredentialId.eq(credential_id))
        .filter(credential_token::Column::Kind.eq(kind))
        .filter(credential_token::Column::UsedAt.is_null())
        .filter(credential_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn find_by_hash(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<CredentialToken>, DbErr> {
    credential_token::Entity::find()
        .filter(credential_token::Column::TokenHash.eq(token_hash))
        .one(db)
        .await
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<CredentialToken>, DbErr> {
    credential_token::Entity::find_by_id(id).one(db).await
}

/// Counts one more attempt with a live token; false once it has had
/// [`MAX_ATTEMPTS`] (the token is then spent) or is no longer live.
pub async fn count_attempt(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let max = MAX_ATTEMPTS;
    let now = Utc::now();
    let result = credential_token::Entity::update_many()
        .col_expr(
            credential_token::Column::Attempts,
            Expr::col(credential_token::Column::Attempts).add(1),
        )
        .filter(credential_token::Column::Id.eq(id))
        .filter(credential_token::Column::Attempts.lt(max))
        .filter(credential_token::Column::UsedAt.is_null())
        .filter(credential_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Uses a live token. True for exactly one caller, however many race.
pub async fn consume(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    let now = Utc::now();
    let result = credential_token::Entity::update_many()
        .col_expr(credential_token::Column::UsedAt, Some(now).into())
        .filter(credential_token::Column::Id.eq(id))
        .filter(credential_token::Column::UsedAt.is_null())
        .filter(credential_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}
