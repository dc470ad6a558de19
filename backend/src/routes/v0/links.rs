//! Managing links by API: `POST /v0/links/{list,create,edit,delete,pause,resume}-link`,
//! with Flanks' shapes (`{success, count, items}` / `{success, data}`).

use axum::Router;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::post;
use bankport_shared::app::{MAX_LINK_NAME_CHARS, RedirectUri};
use bankport_shared::v0::{
    CreateLinkBody, EditLinkBody, LinkDataResponse, LinkItem, LinkListResponse, LinkTokenBody,
    SuccessResponse,
};

use crate::auth::api_client::ApiClient;
use crate::db::{self, links::LinkFields};
use crate::domain::apps as domain;
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/links/list-links", post(list_links))
        .route("/links/create-link", post(create_link))
        .route("/links/edit-link", post(edit_link))
        .route("/links/delete-link", post(delete_link))
        .route("/links/pause-link", post(pause_link))
        .route("/links/resume-link", post(resume_link))
}

async fn item(state: &AppState, link: db::links::Link) -> Result<LinkItem, AppError> {
    Ok(LinkItem {
        pending_code_count: domain::pending_code_count(state, link.id).await?,
        token: link.token,
        name: link.name,
        redirect_uri: link.redirect_uri,
        company_name: link.company_name,
        terms_and_conditions_url: link.terms_url,
        privacy_policy_url: link.privacy_url,
        active: link.active,
    })
}

async fn data(
    state: &AppState,
    link: db::links::Link,
) -> Result<axum::Json<LinkDataResponse>, AppError> {
    Ok(axum::Json(LinkDataResponse {
        success: true,
        data: item(state, link).await?,
    }))
}

/// An optional https URL (terms, privacy policy).
fn page_url(field: &str, raw: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(value) = domain::optional_text(field, raw, 2048)? else {
        return Ok(None);
    };
    match url::Url::parse(&value) {
        Ok(u) if matches!(u.scheme(), "https" | "http") && u.host().is_some() => Ok(Some(value)),
        _ => Err(AppError::field(field, "Use an absolute http(s) URL.")),
    }
}

/// The app's registered URI matching `raw` exactly.
async fn registered_uri(
    state: &AppState,
    app_id: uuid::Uuid,
    raw: &str,
) -> Result<uuid::Uuid, AppError> {
    let uri = RedirectUri::parse(raw).map_err(|m| AppError::field("redirect_uri", m))?;
    db::redirect_uris::find_by_uri(&state.db, app_id, uri.as_str())
        .await?
        .map(|u| u.id)
        .ok_or_else(|| {
            AppError::field(
                "redirect_uri",
                "This redirect_uri is not registered for the app; add it in the dashboard first.",
            )
        })
}

async fn list_links(
    State(state): State<AppState>,
    client: ApiClient,
) -> Result<impl IntoResponse, AppError> {
    let mut items = Vec::new();
    for link in db::links::list_for_app(&state.db, client.app_id()).await? {
        items.push(item(&state, link).await?);
    }
    Ok(axum::Json(LinkListResponse {
        success: true,
        count: items.len() as u64,
        items,
    }))
}

async fn create_link(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<CreateLinkBody>,
) -> Result<impl IntoResponse, AppError> {
    let uri_id = registered_uri(&state, client.app_id(), &body.redirect_uri).await?;
    let fields = LinkFields {
        name: Some(domain::optional_text(
            "name",
            body.name.as_deref(),
            MAX_LINK_NAME_CHARS,
        )?),
        company_name: Some(domain::optional_text(
            "company_name",
            body.company_name.as_deref(),
            100,
        )?),
        terms_url: Some(page_url(
            "terms_and_conditions_url",
            body.terms_and_conditions_url.as_deref(),
        )?),
        privacy_url: Some(page_url(
            "privacy_policy_url",
            body.privacy_policy_url.as_deref(),
        )?),
        ..LinkFields::default()
    };
    let link = domain::create_link(&state, client.app_id(), uri_id, fields).await?;
    data(&state, link).await
}

async fn edit_link(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<EditLinkBody>,
) -> Result<impl IntoResponse, AppError> {
    let link = domain::owned_link(&state, client.app_id(), &body.token).await?;
    let redirect_uri_id = match body.redirect_uri.as_deref() {
        Some(raw) => Some(registered_uri(&state, client.app_id(), raw).await?),
        None => None,
    };
    let fields = LinkFields {
        redirect_uri_id,
        name: body
            .name
            .as_deref()
            .map(|v| domain::optional_text("name", Some(v), MAX_LINK_NAME_CHARS))
            .transpose()?,
        company_name: body
            .company_name
            .as_deref()
            .map(|v| domain::optional_text("company_name", Some(v), 100))
            .transpose()?,
        terms_url: body
            .terms_and_conditions_url
            .as_deref()
            .map(|v| page_url("terms_and_conditions_url", Some(v)))
            .transpose()?,
        privacy_url: body
            .privacy_policy_url
            .as_deref()
            .map(|v| page_url("privacy_policy_url", Some(v)))
            .transpose()?,
        active: None,
    };
    db::links::update(&state.db, link.id, fields).await?;
    data(
        &state,
        domain::owned_link(&state, client.app_id(), &body.token).await?,
    )
    .await
}

async fn delete_link(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<LinkTokenBody>,
) -> Result<impl IntoResponse, AppError> {
    domain::delete_link(&state, client.app_id(), &body.token).await?;
    Ok(axum::Json(SuccessResponse { success: true }))
}

async fn set_active(
    state: &AppState,
    client: &ApiClient,
    link_token: &str,
    active: bool,
) -> Result<axum::Json<LinkDataResponse>, AppError> {
    let link = domain::owned_link(state, client.app_id(), link_token).await?;
    db::links::update(
        &state.db,
        link.id,
        LinkFields {
            active: Some(active),
            ..LinkFields::default()
        },
    )
    .await?;
    data(
        state,
        domain::owned_link(state, client.app_id(), link_token).await?,
    )
    .await
}

async fn pause_link(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<LinkTokenBody>,
) -> Result<impl IntoResponse, AppError> {
    set_active(&state, &client, &body.token, false).await
}

async fn resume_link(
    State(state): State<AppState>,
    client: ApiClient,
    Json(body): Json<LinkTokenBody>,
) -> Result<impl IntoResponse, AppError> {
    set_active(&state, &client, &body.token, true).await
}
