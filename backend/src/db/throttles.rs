//! Queries on `login_throttles`: failure counters per key.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

use super::entities::login_throttle;

/// The latest lock end among `keys`, if any is still locked.
pub async fn locked_until(
    db: &impl ConnectionTrait,
    keys: &[String],
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(login_throttle::Entity::find()
        .filter(login_throttle::Column::Key.is_in(keys.iter().cloned()))
        .filter(login_throttle::Column::LockedUntil.gt(now))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|t| t.locked_until)
        .max())
}

/// Counts one failure for `key` and returns the failures in the current
/// window. A window older than `window_start_cutoff` restarts at 1. The
/// increment happens in the database, so concurrent failures all count.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    key: &str,
    now: DateTime<Utc>,
    window_start_cutoff: DateTime<Utc>,
) -> Result<i32, DbErr> {
    login_throttle::Entity::insert(login_throttle::ActiveModel {
        key: Set(key.to_owned()),
        failures: Set(0),
        window_started_at: Set(now),
        locked_until: Set(None),
    })
    .on_conflict(
        OnConflict::column(login_throttle::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await?;

    let stale = Expr::col(login_throttle::Column::WindowStartedAt).lt(window_start_cutoff);
    login_throttle::Entity::update_many()
        .col_expr(
            login_throttle::Column::Failures,
            Expr::case(stale.clone(), 1)
                .finally(Expr::col(login_throttle::Column::Failures).add(1))
                .into(),
        )
        .col_expr(
            login_throttle::Column::WindowStartedAt,
            Expr::case(stale, Expr::value(now))
                .finally(Expr::col(login_throttle::Column::WindowStartedAt))
                .into(),
        )
        .filter(login_throttle::Column::Key.eq(key))
        .exec(db)
        .await?;

    Ok(login_throttle::Entity::find_by_id(key.to_owned())
        .one(db)
        .await?
        .map(|t| t.failures)
        .unwrap_or(1))
}

pub async fn lock(db: &impl ConnectionTrait, key: &str, until: DateTime<Utc>) -> Result<(), DbErr> {
    login_throttle::Entity::update_many()
        .col_expr(login_throttle::Column::LockedUntil, until.into())
        .filter(login_throttle::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn clear(db: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::Key.eq(key))
        .exec(db)
        .await?;
    Ok(())
}
