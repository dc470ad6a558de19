//! Queries on `links`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};
use uuid::Uuid;

use super::entities::{link, redirect_uri};

/// A link with its redirect URI resolved.
#[derive(Debug, Clone)]
pub struct Link {
    pub id: Uuid,
    pub app_id: Uuid,
    pub redirect_uri_id: Uuid,
    pub redirect_uri: String,
    pub token: String,
    pub name: Option<String>,
    pub company_name: Option<String>,
    pub terms_url: Option<String>,
    pub privacy_url: Option<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

/// What a new link, or an edit, sets.
#[derive(Debug, Clone, Default)]
pub struct LinkFields {
    pub redirect_uri_id: Option<Uuid>,
    pub name: Option<Option<String>>,
    pub company_name: Option<Option<String>>,
    pub terms_url: Option<Option<String>>,
    pub privacy_url: Option<Option<String>>,
    pub active: Option<bool>,
}

async fn resolve(db: &impl ConnectionTrait, models: Vec<link::Model>) -> Result<Vec<Link>, DbErr> {
    let ids: Vec<Uuid> = models.iter().map(|m| m.redirect_uri_id).collect();
    let uris: HashMap<Uuid, String> = redirect_uri::Entity::find()
        .filter(redirect_uri::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.uri))
        .collect();
    Ok(models
        .into_iter()
        .map(|m| Link {
            redirect_uri: uris.get(&m.redirect_uri_id).cloned().unwrap_or_default(),
            id: m.id,
            app_id: m.app_id,
            redirect_uri_id: m.redirect_uri_id,
            token: m.token,
            name: m.name,
            company_name: m.company_name,
            terms_url: m.terms_url,
            privacy_url: m.privacy_url,
            active: m.active,
            created_at: m.created_at,
        })
        .collect())
}

pub async fn list_for_app(db: &impl ConnectionTrait, app_id: Uuid) -> Result<Vec<Link>, DbErr> {
    let models = link::Entity::find()
        .filter(link::Column::AppId.eq(app_id))
        .order_by_desc(link::Column::CreatedAt)
        .all(db)
        .await?;
    resolve(db, models).await
}

pub async fn count_for_app(db: &impl ConnectionTrait, app_id: Uuid) -> Result<u64, DbErr> {
    link::Entity::find()
        .filter(link::Column::AppId.eq(app_id))
        .count(db)
        .await
}

pub async fn find_for_app(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    token: &str,
) -> Result<Option<Link>, DbErr> {
    let Some(model) = link::Entity::find()
        .filter(link::Column::AppId.eq(app_id))
        .filter(link::Column::Token.eq(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(resolve(db, vec![model]).await?.pop())
}

/// Any app's link by its token (the widget's lookup).
pub async fn find_by_token(db: &impl ConnectionTrait, token: &str) -> Result<Option<Link>, DbErr> {
    let Some(model) = link::Entity::find()
        .filter(link::Column::Token.eq(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(resolve(db, vec![model]).await?.pop())
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Link>, DbErr> {
    let Some(model) = link::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    Ok(resolve(db, vec![model]).await?.pop())
}

/// Names (or tokens, for unnamed links) of the links sending users to this URI.
pub async fn names_using_uri(
    db: &impl ConnectionTrait,
    redirect_uri_id: Uuid,
) -> Result<Vec<String>, DbErr> {
    Ok(link::Entity::find()
        .filter(link::Column::RedirectUriId.eq(redirect_uri_id))
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.name.unwrap_or(l.token))
        .collect())
}

pub async fn insert(
    db: &impl ConnectionTrait,
    app_id: Uuid,
    redirect_uri_id: Uuid,
    token: &str,
    fields: LinkFields,
) -> Result<Link, DbErr> {
    let now = Utc::now();
    let model = link::ActiveModel {
        id: Set(Uuid::now_v7()),
        app_id: Set(app_id),
        redirect_uri_id: Set(redirect_uri_id),
        token: Set(token.to_owned()),
        name: Set(fields.name.flatten()),
        company_name: Set(fields.company_name.flatten()),
        terms_url: Set(fields.terms_url.flatten()),
        privacy_url: Set(fields.privacy_url.flatten()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;
    Ok(resolve(db, vec![model])
        .await?
        .pop()
        .expect("just inserted"))
}

/// Applies the fields that are `Some`.
pub async fn update(db: &impl ConnectionTrait, id: Uuid, fields: LinkFields) -> Result<(), DbErr> {
    let mut update = link::Entity::update_many()
        .col_expr(link::Column::UpdatedAt, Utc::now().into())
        .filter(link::Column::Id.eq(id));
    if let Some(uri) = fields.redirect_uri_id {
        update = update.col_expr(link::Column::RedirectUriId, uri.into());
    }
    if let Some(name) = fields.name {
        update = update.col_expr(link::Column::Name, name.into());
    }
    if let Some(company) = fields.company_name {
        update = update.col_expr(link::Column::CompanyName, company.into());
    }
    if let Some(terms) = fields.terms_url {
        update = update.col_expr(link::Column::TermsUrl, terms.into());
    }
    if let Some(privacy) = fields.privacy_url {
        update = update.col_expr(link::Column::PrivacyUrl, privacy.into());
    }
    if let Some(active) = fields.active {
        update = update.col_expr(link::Column::Active, active.into());
    }
    update.exec(db).await?;
    Ok(())
}

pub async fn delete(db: &impl ConnectionTrait, id: Uuid) -> Result<(), DbErr> {
    link::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}
