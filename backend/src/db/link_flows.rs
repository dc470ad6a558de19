//! Queries on `link_flows`: a widget log-in waiting for its SCA code.

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::entities::link_flow;

#[derive(Debug, Clone)]
pub struct LinkFlow {
    pub id: Uuid,
    pub link_id: Uuid,
    pub bank_id: String,
    pub secrets_encrypted: String,
    pub params: String,
    /// Set when the flow re-authorises an existing credential.
    pub credential_token_id: Option<Uuid>,
}

#[allow(clippy::too_many_arguments)]
pub async fn insert(
    db: &impl ConnectionTrait,
    flow_hash: &str,
    link_id: Uuid,
    bank_id: &str,
    secrets_encrypted: &str,
    params: &str,
    expires_at: DateTime<Utc>,
    credential_token_id: Option<Uuid>,
) -> Result<(), DbErr> {
    link_flow::ActiveModel {
        id: Set(Uuid::now_v7()),
        flow_hash: Set(flow_hash.to_owned()),
        link_id: Set(link_id),
        bank_id: Set(bank_id.to_owned()),
        secrets_encrypted: Set(secrets_encrypted.to_owned()),
        params: Set(params.to_owned()),
        expires_at: Set(expires_at),
        completed_at: Set(None),
        created_at: Set(Utc::now()),
        credential_token_id: Set(credential_token_id),
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Takes the open, unexpired flow with this hash (it is then completed, so
/// an SCA answer is used once).
pub async fn take(db: &impl ConnectionTrait, flow_hash: &str) -> Result<Option<LinkFlow>, DbErr> {
    let now = Utc::now();
    let Some(model) = link_flow::Entity::find()
        .filter(link_flow::Column::FlowHash.eq(flow_hash))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let claimed = link_flow::Entity::update_many()
        .col_expr(link_flow::Column::CompletedAt, now.into())
        .filter(link_flow::Column::Id.eq(model.id))
        .filter(link_flow::Column::CompletedAt.is_null())
        .filter(link_flow::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok((claimed.rows_affected == 1).then_some(LinkFlow {
        id: model.id,
        link_id: model.link_id,
        bank_id: model.bank_id,
        secrets_encrypted: model.secrets_encrypted,
        params: model.params,
        credential_token_id: model.credential_token_id,
    }))
}
