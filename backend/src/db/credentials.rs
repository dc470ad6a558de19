//! Queries on `credentials`. The token and bank secrets are stored
//! encrypted; lookups go through their hash or keyed fingerprint.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::entities::credential;

/// A stored credential (secrets still sealed).
#[derive(Debug, Clone)]
pub struct Credential {
    pub id: Uuid,
    pub account_id: Uuid,
    pub app_id: Uuid,
    pub link_id: Option<Uuid>,
    pub bank_id: String,
    pub token_encrypted: String,
    pub external_id: Option<String>,
    pub extra: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

impl From<credential::Model> for Credential {
    fn from(m: credential::Model) -> Self {
        Self {
            id: m.id,
            account_id: m.account_id,
            app_id: m.app_id,
            link_id: m.link_id,
            bank_id: m.bank_id,
            token_encrypted: m.token_encrypted,
            external_id: m.external_id,
            extra: m.extra,
            status: m.status,
            created_at: m.created_at,
        }
    }
}

/// What a new credential holds.
#[derive(Debug, Clone)]
pub struct NewCredential<'a> {
    pub account_id: Uuid,
    pub app_id: Uuid,
    pub link_id: Uuid,
    pub bank_id: &'a str,
    pub token_hash: &'a str,
    pub token_encrypted: &'a str,
    pub identity_fingerprint: &'a str,
    pub secrets_encrypted: &'a str,
    pub external_id: Option<&'a str>,
    pub extra: &'a str,
    pub status: &'a str,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    new: NewCredential<'_>,
) -> Result<Credential, DbErr> {
    let now = Utc::now();
    Ok(credential::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(new.account_id),
        app_id: Set(new.app_id),
        link_id: Set(Some(new.link_id)),
        bank_id: Set(new.bank_id.to_owned()),
        token_hash: Set(new.token_hash.to_owned()),
        token_encrypted: Set(new.token_encrypted.to_owned()),
        identity_fingerprint: Set(new.identity_fingerprint.to_owned()),
        secrets_encrypted: Set(new.secrets_encrypted.to_owned()),
        external_id: Set(new.external_id.map(str::to_owned)),
        extra: Set(new.extra.to_owned()),
        status: Set(new.status.to_owned()),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?
    .into())
}

/// Whether the account already holds this bank login.
pub async fn identity_exists(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    fingerprint: &str,
) -> Result<bool, DbErr> {
    Ok(credential::Entity::find()
        .filter(credential::Column::AccountId.eq(account_id))
        .filter(credential::Column::IdentityFingerprint.eq(fingerprint))
        .count(db)
        .await?
        > 0)
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Credential>, DbErr> {
    Ok(credential::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(Credential::from))
}

pub async fn count_for_app(db: &impl ConnectionTrait, app_id: Uuid) -> Result<u64, DbErr> {
    credential::Entity::find()
        .filter(credential::Column::AppId.eq(app_id))
        .count(db)
        .await
}

/// The account's credentials, newest first, optionally for one app and
/// matching `search` in the external id or bank id, or belonging to one of
/// `banks_matching` (banks whose name matched the search).
pub async fn list_for_account(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    app_id: Option<Uuid>,
    search: Option<&str>,
    banks_matching: &[String],
) -> Result<Vec<Credential>, DbErr> {
    let mut query = credential::Entity::find().filter(credential::Column::AccountId.eq(account_id));
    if let Some(app_id) = app_id {
        query = query.filter(credential::Column::AppId.eq(app_id));
    }
    if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
        query = query.filter(
            Condition::any()
                .add(credential::Column::ExternalId.contains(search))
                .add(credential::Column::BankId.contains(search))
                .add(credential::Column::BankId.is_in(banks_matching.iter().cloned())),
        );
    }
    Ok(query
        .order_by_desc(credential::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(Credential::from)
        .collect())
}
