//! The dashboard's apps: credentials, redirect URIs and links, under
//! `/api/apps`. Every query is scoped to the logged-in account; another
//! account's ids answer 404, never 403, so existence is not confirmed.

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::{delete, get, patch, post};
use bankport_shared::app::{
    AddRedirectUriRequest, AppName, AppResponse, AppWithSecretResponse, CreateAppRequest,
    CreateLinkRequest, DeleteAppRequest, LinkResponse, MAX_LINK_NAME_CHARS, RedirectUri,
    RedirectUriResponse, UpdateLinkRequest,
};
use uuid::Uuid;

use crate::auth::session::CurrentAccount;
use crate::db::{self, apps::App, links::LinkFields};
use crate::domain::apps as domain;
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

pub fn api_router() -> Router<AppState> {
    Router::new()
        .route("/apps", get(list_apps).post(create_app))
        .route("/apps/{app_id}", get(get_app).delete(delete_app))
        .route("/apps/{app_id}/rotate-secret", post(rotate_secret))
        .route(
            "/apps/{app_id}/redirect-uris",
            get(list_redirect_uris).post(add_redirect_uri),
        )
        .route(
            "/apps/{app_id}/redirect-uris/{uri_id}",
            delete(delete_redirect_uri),
        )
        .route("/apps/{app_id}/links", get(list_links).post(create_link))
        .route(
            "/apps/{app_id}/links/{token}",
            patch(update_link).delete(delete_link),
        )
}

fn parse_id(raw: &str, what: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw).map_err(|_| AppError::NotFound(format!("No {what} with id {raw:?}")))
}

/// The caller's app, or 404.
async fn owned_app(
    state: &AppState,
    current: &CurrentAccount,
    raw_id: &str,
) -> Result<App, AppError> {
    let id = parse_id(raw_id, "app")?;
    db::apps::find_for_account(&state.db, current.account.id, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("No app with id {raw_id:?}")))
}

async fn app_response(state: &AppState, app: &App) -> Result<AppResponse, AppError> {
    Ok(AppResponse {
        id: app.id.to_string(),
        name: app.name.clone(),
        client_id: app.client_id.clone(),
        secret_hint: app.secret_hint.clone(),
        created_at: app.created_at.to_rfc3339(),
        link_count: db::links::count_for_app(&state.db, app.id).await?,
        user_count: domain::user_count(state, app.id).await?,
    })
}

async fn list_apps(
    State(state): State<AppState>,
    current: CurrentAccount,
) -> Result<impl IntoResponse, AppError> {
    let apps = db::apps::list_for_account(&state.db, current.account.id).await?;
    let mut out = Vec::with_capacity(apps.len());
    for app in &apps {
        out.push(app_response(&state, app).await?);
    }
    Ok(axum::Json(out))
}

async fn create_app(
    State(state): State<AppState>,
    current: CurrentAccount,
    Json(request): Json<CreateAppRequest>,
) -> Result<impl IntoResponse, AppError> {
    let name = AppName::parse(&request.name).map_err(|m| AppError::field("name", m))?;
    let (app, secret) = domain::create(&state, current.account.id, &name).await?;
    let app = app_response(&state, &app).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(AppWithSecretResponse {
            app,
            client_secret: secret,
        }),
    ))
}

async fn get_app(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(app_id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    Ok(axum::Json(app_response(&state, &app).await?))
}

async fn delete_app(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(app_id): Path<String>,
    Json(request): Json<DeleteAppRequest>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    if request.confirm_name.trim() != app.name {
        return Err(AppError::field(
            "confirm_name",
            "Type the app's name exactly to confirm.",
        ));
    }
    let txn = db::begin_write(&state.db).await?;
    db::apps::delete(&txn, app.id).await?;
    txn.commit().await?;
    tracing::info!(app = %app.id, "app deleted");
    Ok(StatusCode::NO_CONTENT)
}

async fn rotate_secret(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(app_id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    let secret = domain::rotate_secret(&state, &app).await?;
    let app = owned_app(&state, &current, &app_id).await?;
    Ok(axum::Json(AppWithSecretResponse {
        app: app_response(&state, &app).await?,
        client_secret: secret,
    }))
}

fn uri_response(uri: db::redirect_uris::RedirectUri) -> RedirectUriResponse {
    RedirectUriResponse {
        id: uri.id.to_string(),
        uri: uri.uri,
        created_at: uri.created_at.to_rfc3339(),
    }
}

async fn list_redirect_uris(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(app_id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    let uris = db::redirect_uris::list_for_app(&state.db, app.id).await?;
    Ok(axum::Json(
        uris.into_iter().map(uri_response).collect::<Vec<_>>(),
    ))
}

async fn add_redirect_uri(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(app_id): Path<String>,
    Json(request): Json<AddRedirectUriRequest>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    let uri = RedirectUri::parse(&request.uri).map_err(|m| AppError::field("uri", m))?;
    let added = domain::add_redirect_uri(&state, app.id, &uri).await?;
    Ok((StatusCode::CREATED, axum::Json(uri_response(added))))
}

async fn delete_redirect_uri(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path((app_id, uri_id)): Path<(String, String)>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    let uri_id = parse_id(&uri_id, "redirect URI")?;
    domain::delete_redirect_uri(&state, app.id, uri_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn link_response(state: &AppState, link: db::links::Link) -> Result<LinkResponse, AppError> {
    Ok(LinkResponse {
        url: domain::link_url(state, &link.token),
        pending_code_count: domain::pending_code_count(state, link.id).await?,
        token: link.token,
        name: link.name.unwrap_or_default(),
        redirect_uri: link.redirect_uri,
        active: link.active,
        created_at: link.created_at.to_rfc3339(),
    })
}

async fn list_links(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(app_id): Path<String>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    let mut out = Vec::new();
    for link in db::links::list_for_app(&state.db, app.id).await? {
        out.push(link_response(&state, link).await?);
    }
    Ok(axum::Json(out))
}

fn parse_link_name(raw: Option<&str>) -> Result<Option<String>, AppError> {
    domain::optional_text("name", raw, MAX_LINK_NAME_CHARS)
}

async fn create_link(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path(app_id): Path<String>,
    Json(request): Json<CreateLinkRequest>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    let name = parse_link_name(request.name.as_deref())?;
    let not_registered =
        || AppError::field("redirect_uri_id", "Choose one of this app's redirect URIs.");
    let uri_id = Uuid::parse_str(&request.redirect_uri_id).map_err(|_| not_registered())?;
    let uri = db::redirect_uris::find_for_app(&state.db, app.id, uri_id)
        .await?
        .ok_or_else(not_registered)?;
    let link = domain::create_link(
        &state,
        app.id,
        uri.id,
        LinkFields {
            name: Some(name),
            ..LinkFields::default()
        },
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(link_response(&state, link).await?),
    ))
}

async fn update_link(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path((app_id, token)): Path<(String, String)>,
    Json(request): Json<UpdateLinkRequest>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    let link = domain::owned_link(&state, app.id, &token).await?;
    let name = match request.name.as_deref() {
        Some(raw) => Some(parse_link_name(Some(raw))?),
        None => None,
    };
    db::links::update(
        &state.db,
        link.id,
        LinkFields {
            name,
            active: request.active,
            ..LinkFields::default()
        },
    )
    .await?;
    let link = domain::owned_link(&state, app.id, &token).await?;
    Ok(axum::Json(link_response(&state, link).await?))
}

async fn delete_link(
    State(state): State<AppState>,
    current: CurrentAccount,
    Path((app_id, token)): Path<(String, String)>,
) -> Result<impl IntoResponse, AppError> {
    let app = owned_app(&state, &current, &app_id).await?;
    domain::delete_link(&state, app.id, &token).await?;
    Ok(StatusCode::NO_CONTENT)
}
