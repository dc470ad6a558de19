//! Queries on the `accounts` table.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entities::account;

/// An integrator account as the rest of the server sees it.
#[derive(Clone)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub company: String,
    pub password_hash: String,
    pub confirmed_at: Option<DateTime<Utc>>,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("company", &self.company)
            .field("confirmed_at", &self.confirmed_at)
            .finish_non_exhaustive()
    }
}

impl From<account::Model> for Account {
    fn from(m: account::Model) -> Self {
        Self {
            id: m.id,
            email: m.email,
            company: m.company,
            password_hash: m.password_hash,
            confirmed_at: m.confirmed_at,
        }
    }
}

/// The lookup key of an email: the whole address lower-cased.
fn email_key(email: &str) -> String {
    email.to_lowercase()
}

/// The account with this email, whatever its case.
pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &str,
) -> Result<Option<Account>, DbErr> {
    Ok(account::Entity::find()
        .filter(account::Column::EmailKey.eq(email_key(email)))
        .one(db)
        .await?
        .map(Account::from))
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Account>, DbErr> {
    Ok(account::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(Account::from))
}

/// Inserts an unconfirmed account. Fails with a unique violation when the
/// email is taken (a concurrent sign-up may have won the race).
pub async fn insert(
    db: &impl ConnectionTrait,
    email: &str,
    company: &str,
    password_hash: &str,
) -> Result<Account, DbErr> {
    let now = Utc::now();
    let model = account::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.to_owned()),
        email_key: Set(email_key(email)),
        company: Set(company.to_owned()),
        password_hash: Set(password_hash.to_owned()),
        confirmed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(model.into())
}

/// Marks the account confirmed (keeps the first confirmation time).
pub async fn confirm(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    let now = Utc::now();
    account::Entity::update_many()
        .col_expr(account::Column::ConfirmedAt, now.into())
        .col_expr(account::Column::UpdatedAt, now.into())
        .filter(account::Column::Id.eq(id))
        .filter(account::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Replaces the password hash.
pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: Uuid,
    hash: &str,
) -> Result<(), DbErr> {
    account::ActiveModel {
        id: Set(id),
        password_hash: Set(hash.to_owned()),
        updated_at: Set(Utc::now()),
        email: NotSet,
        email_key: NotSet,
        company: NotSet,
        confirmed_at: NotSet,
        created_at: NotSet,
    }
    .update(db)
    .await?;
    Ok(())
}

/// Replaces the password and company of an account nobody has confirmed yet.
pub async fn replace_unconfirmed(
    db: &impl ConnectionTrait,
    id: Uuid,
    company: &str,
    password_hash: &str,
) -> Result<(), DbErr> {
    account::Entity::update_many()
        .col_expr(account::Column::Company, company.into())
        .col_expr(account::Column::PasswordHash, password_hash.into())
        .col_expr(account::Column::UpdatedAt, Utc::now().into())
        .filter(account::Column::Id.eq(id))
        .filter(account::Column::ConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}
