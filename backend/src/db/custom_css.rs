//! Queries on the custom CSS tables: stored stylesheets (`css_versions`),
//! each account's theme (`css_themes`) and the audit log (`css_audit`).

use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use super::entities::{css_audit, css_theme, css_version};

pub use css_theme::Model as Theme;
pub use css_version::Model as Version;

/// Previews kept per account (older ones are deleted as new ones come).
const DRAFTS_KEPT: usize = 10;

/// What a new stylesheet holds.
#[derive(Debug, Clone)]
pub struct NewVersion<'a> {
    pub account_id: Uuid,
    pub hash: &'a str,
    pub css: &'a str,
    pub file_name: Option<&'a str>,
    pub draft: bool,
    pub created_by: &'a str,
}

pub async fn insert_version(
    db: &impl ConnectionTrait,
    new: NewVersion<'_>,
) -> Result<Version, DbErr> {
    css_version::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(new.account_id),
        hash: Set(new.hash.to_owned()),
        css: Set(new.css.to_owned()),
        file_name: Set(new.file_name.map(str::to_owned)),
        draft: Set(new.draft),
        created_by: Set(new.created_by.to_owned()),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
}

pub async fn find_version(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Version>, DbErr> {
    css_version::Entity::find_by_id(id).one(db).await
}

/// Any stored stylesheet with this content hash (they are all identical).
pub async fn find_by_hash(db: &impl ConnectionTrait, hash: &str) -> Result<Option<Version>, DbErr> {
    css_version::Entity::find()
        .filter(css_version::Column::Hash.eq(hash))
        .one(db)
        .await
}

/// The account's draft with this hash, if it previewed it already.
pub async fn find_draft(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    hash: &str,
) -> Result<Option<Version>, DbErr> {
    css_version::Entity::find()
        .filter(css_version::Column::AccountId.eq(account_id))
        .filter(css_version::Column::Hash.eq(hash))
        .filter(css_version::Column::Draft.eq(true))
        .one(db)
        .await
}

/// Deletes the account's drafts beyond the newest few.
pub async fn prune_drafts(db: &impl ConnectionTrait, account_id: Uuid) -> Result<(), DbErr> {
    let old: Vec<Uuid> = css_version::Entity::find()
        .filter(css_version::Column::AccountId.eq(account_id))
        .filter(css_version::Column::Draft.eq(true))
        .order_by_desc(css_version::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .skip(DRAFTS_KEPT)
        .map(|v| v.id)
        .collect();
    if !old.is_empty() {
        css_version::Entity::delete_many()
            .filter(css_version::Column::Id.is_in(old))
            .exec(db)
            .await?;
    }
    Ok(())
}

/// Holds the account's row until the transaction ends, so two theme
/// changes never interleave (`FOR UPDATE` on PostgreSQL; SQLite's write
/// transactions are exclusive already).
pub async fn lock_account(db: &impl ConnectionTrait, account_id: Uuid) -> Result<(), DbErr> {
    super::entities::account::Entity::find_by_id(account_id)
        .lock_exclusive()
        .one(db)
        .await?;
    Ok(())
}

pub async fn theme(db: &impl ConnectionTrait, account_id: Uuid) -> Result<Option<Theme>, DbErr> {
    css_theme::Entity::find_by_id(account_id).one(db).await
}

/// Sets the account's current and previous theme.
pub async fn set_theme(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    current_id: Option<Uuid>,
    previous_id: Option<Uuid>,
) -> Result<(), DbErr> {
    css_theme::Entity::insert(css_theme::ActiveModel {
        account_id: Set(account_id),
        current_id: Set(current_id),
        previous_id: Set(previous_id),
        updated_at: Set(chrono::Utc::now()),
    })
    .on_conflict(
        OnConflict::column(css_theme::Column::AccountId)
            .update_columns([
                css_theme::Column::CurrentId,
                css_theme::Column::PreviousId,
                css_theme::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Records one change of an account's theme.
pub async fn audit(
    db: &impl ConnectionTrait,
    account_id: Uuid,
    actor: &str,
    action: &str,
    hash: Option<&str>,
) -> Result<(), DbErr> {
    css_audit::ActiveModel {
        id: Set(Uuid::now_v7()),
        account_id: Set(account_id),
        actor: Set(actor.to_owned()),
        action: Set(action.to_owned()),
        hash: Set(hash.map(str::to_owned)),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The account's audit log, newest first.
pub async fn audit_log(
    db: &impl ConnectionTrait,
    account_id: Uuid,
) -> Result<Vec<css_audit::Model>, DbErr> {
    css_audit::Entity::find()
        .filter(css_audit::Column::AccountId.eq(account_id))
        .order_by_desc(css_audit::Column::CreatedAt)
        .all(db)
        .await
}
