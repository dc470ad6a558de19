//! Queries on `credentials`. The token and bank secrets are stored
//! encrypted; lookups go through their hash or keyed fingerprint.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
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
    pub identity_fingerprint: String,
    pub secrets_encrypted: String,
    pub next_extraction_at: Option<DateTime<Utc>>,
    pub extraction_attempts: i32,
    pub lease_until: Option<DateTime<Utc>>,
    pub last_extracted_at: Option<DateTime<Utc>>,
    pub last_extraction_secs: Option<f64>,
    pub history_from: Option<NaiveDate>,
    pub extract_from: Option<NaiveDate>,
    pub older_history_from: Option<NaiveDate>,
    pub products_created: String,
    pub products_errored: String,
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
            identity_fingerprint: m.identity_fingerprint,
            secrets_encrypted: m.secrets_encrypted,
            next_extraction_at: m.next_extraction_at,
            extraction_attempts: m.extraction_attempts,
            lease_until: m.lease_until,
            last_extracted_at: m.last_extracted_at,
            last_extraction_secs: m.last_extraction_secs,
            history_from: m.history_from,
            extract_from: m.extract_from,
            older_history_from: m.older_history_from,
            products_created: m.products_created,
            products_errored: m.products_errored,
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
        // The first extraction starts right away.
        next_extraction_at: Set(Some(now)),
        extraction_attempts: Set(0),
        lease_id: Set(None),
        lease_until: Set(None),
        last_extracted_at: Set(None),
        last_extraction_secs: Set(None),
        history_from: Set(None),
        extract_from: Set(None),
        older_history_from: Set(None),
        products_created: Set("{}".into()),
        products_errored: Set("{}".into()),
        last_error: Set(None),
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

/// The app's credential with this token hash.
pub async fn find_for_app(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    token_hash: &str,
) -> Result<Option<Credential>, DbErr> {
    Ok(credential::Entity::find()
        .filter(credential::Column::TokenHash.eq(token_hash))
        .filter(credential::Column::AppId.eq(app_id))
        .one(db)
        .await?
        .map(Credential::from))
}

/// One page (1-based) of the app's credentials, newest first, and the
/// number of pages.
pub async fn page_for_app(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    page: u64,
    page_size: u64,
) -> Result<(Vec<Credential>, u64), DbErr> {
    let paginator = credential::Entity::find()
        .filter(credential::Column::AppId.eq(app_id))
        .order_by_desc(credential::Column::CreatedAt)
        .order_by_desc(credential::Column::Id)
        .paginate(db, page_size);
    let pages = paginator.num_pages().await?;
    let items = paginator
        .fetch_page(page.saturating_sub(1))
        .await?
        .into_iter()
        .map(Credential::from)
        .collect();
    Ok((items, pages))
}

/// Holds the credential's row until the transaction ends (`FOR UPDATE`
/// on PostgreSQL; SQLite's write transactions are exclusive already).
pub async fn lock(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    credential::Entity::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<bool, DbErr> {
    Ok(credential::Entity::delete_by_id(id)
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// Claims one credential whose extraction is due, for `lease`: no other
/// instance claims it until the lease ends (a crashed worker's claim
/// simply runs out). Only `processing` and `ready` credentials are
/// extracted; the others wait for their end user.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    lease_id: Uuid,
    lease: chrono::Duration,
) -> Result<Option<Credential>, DbErr> {
    let now = Utc::now();
    let candidates = credential::Entity::find()
        .filter(credential::Column::NextExtractionAt.lte(now))
        .filter(credential::Column::Status.is_in(EXTRACTABLE))
        .filter(
            Condition::any()
                .add(credential::Column::LeaseUntil.is_null())
                .add(credential::Column::LeaseUntil.lt(now)),
        )
        .order_by_asc(credential::Column::NextExtractionAt)
        .limit(5)
        .all(db)
        .await?;
    for candidate in candidates {
        let claimed = credential::Entity::update_many()
            .col_expr(credential::Column::LeaseId, Some(lease_id).into())
            .col_expr(credential::Column::LeaseUntil, Some(now + lease).into())
            .filter(credential::Column::Id.eq(candidate.id))
            .filter(credential::Column::NextExtractionAt.lte(now))
            .filter(credential::Column::Status.is_in(EXTRACTABLE))
            .filter(
                Condition::any()
                    .add(credential::Column::LeaseUntil.is_null())
                    .add(credential::Column::LeaseUntil.lt(now)),
            )
            .exec(db)
            .await?;
        if claimed.rows_affected == 1 {
            return find(db, candidate.id).await;
        }
    }
    Ok(None)
}

/// Statuses the extraction job works on.
const EXTRACTABLE: [&str; 2] = [
    bankport_shared::v0::credential_status::PROCESSING,
    bankport_shared::v0::credential_status::READY,
];

/// Applies `changes` to the credential if `lease_id` still holds its lease
/// (and releases it). False when the lease was lost.
pub async fn update_leased(
    db: &impl ConnectionTrait,
    id: Uuid,
    lease_id: Uuid,
    mut changes: credential::ActiveModel,
) -> Result<bool, DbErr> {
    changes.lease_id = sea_orm::ActiveValue::Set(None);
    changes.lease_until = sea_orm::ActiveValue::Set(None);
    changes.updated_at = sea_orm::ActiveValue::Set(Utc::now());
    let result = credential::Entity::update_many()
        .set(changes)
        .filter(credential::Column::Id.eq(id))
        .filter(credential::Column::LeaseId.eq(lease_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Moves the credential from one of `from` to `to` (no-op otherwise).
pub async fn set_status_if(
    db: &impl ConnectionTrait,
    id: Uuid,
    from: &[&str],
    to: &str,
) -> Result<bool, DbErr> {
    let result = credential::Entity::update_many()
        .col_expr(credential::Column::Status, to.into())
        .col_expr(credential::Column::UpdatedAt, Utc::now().into())
        .filter(credential::Column::Id.eq(id))
        .filter(credential::Column::Status.is_in(from.iter().copied()))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Applies `changes` (only the fields set) to the credential.
pub async fn update(
    db: &impl ConnectionTrait,
    id: Uuid,
    mut changes: credential::ActiveModel,
) -> Result<(), DbErr> {
    changes.updated_at = sea_orm::ActiveValue::Set(Utc::now());
    credential::Entity::update_many()
        .set(changes)
        .filter(credential::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
