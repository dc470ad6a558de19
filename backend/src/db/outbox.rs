//! Queries on `outbox_emails`: emails are written here in the same
//! transaction as the change that causes them, and sent afterwards.

use chrono::{DateTime, Duration, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::entities::outbox_email;

/// An email to send.
#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub id: Uuid,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i32,
}

impl From<outbox_email::Model> for OutgoingEmail {
    fn from(m: outbox_email::Model) -> Self {
        Self {
            id: m.id,
            recipient: m.recipient,
            subject: m.subject,
            text_body: m.text_body,
            html_body: m.html_body,
            attempts: m.attempts,
        }
    }
}

pub async fn enqueue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    text_body: &str,
    html_body: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    outbox_email::ActiveModel {
        id: Set(Uuid::now_v7()),
        recipient: Set(recipient.to_owned()),
        subject: Set(subject.to_owned()),
        text_body: Set(text_body.to_owned()),
        html_body: Set(html_body.to_owned()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        locked_until: Set(None),
        sent_at: Set(None),
        last_error: Set(None),
        created_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Claims up to `limit` due emails for `lease`. A claim is a conditional
/// update, so when several instances poll at once each email goes to one.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    limit: u64,
    lease: Duration,
) -> Result<Vec<OutgoingEmail>, DbErr> {
    let now = Utc::now();
    let free = || {
        Condition::any()
            .add(outbox_email::Column::LockedUntil.is_null())
            .add(outbox_email::Column::LockedUntil.lt(now))
    };
    let candidates = outbox_email::Entity::find()
        .filter(outbox_email::Column::SentAt.is_null())
        .filter(outbox_email::Column::NextAttemptAt.lte(now))
        .filter(free())
        .order_by_asc(outbox_email::Column::NextAttemptAt)
        .limit(limit)
        .all(db)
        .await?;
    let mut claimed = Vec::new();
    for email in candidates {
        let result = outbox_email::Entity::update_many()
            .col_expr(outbox_email::Column::LockedUntil, (now + lease).into())
            .filter(outbox_email::Column::Id.eq(email.id))
            .filter(outbox_email::Column::SentAt.is_null())
            .filter(free())
            .exec(db)
            .await?;
        if result.rows_affected == 1 {
            claimed.push(email.into());
        }
    }
    Ok(claimed)
}

pub async fn mark_sent(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    outbox_email::Entity::update_many()
        .col_expr(outbox_email::Column::SentAt, Utc::now().into())
        .col_expr(
            outbox_email::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox_email::Column::Attempts,
            Expr::col(outbox_email::Column::Attempts).add(1),
        )
        .filter(outbox_email::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn mark_failed(
    db: &impl ConnectionTrait,
    id: Uuid,
    next_attempt_at: DateTime<Utc>,
    error: &str,
) -> Result<(), DbErr> {
    outbox_email::Entity::update_many()
        .col_expr(outbox_email::Column::NextAttemptAt, next_attempt_at.into())
        .col_expr(
            outbox_email::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox_email::Column::Attempts,
            Expr::col(outbox_email::Column::Attempts).add(1),
        )
        .col_expr(outbox_email::Column::LastError, error.into())
        .filter(outbox_email::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// How many emails are waiting (for tests and health reporting).
pub async fn pending_count(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    outbox_email::Entity::find()
        .filter(outbox_email::Column::SentAt.is_null())
        .count(db)
        .await
}
