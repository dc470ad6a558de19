//! The link widget's API under `/api/link/*`. Tokens travel in JSON bodies,
//! never in paths, so they stay out of access logs.

use axum::Router;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::response::IntoResponse;
use axum::routing::post;
use bankport_shared::paths;
use bankport_shared::widget::{
    AbortRequest, BankFormRequest, BankFormResponse, ConnectRequest, FieldKindDto, FieldOption,
    LinkInfoResponse, LoginFieldDto, OpenLinkRequest, ReauthRequest, ScaRequest,
};

use crate::bank::connector::FieldKind;
use crate::db;
use crate::domain::{link_flow, reauth as reauth_flow};
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

pub fn api_router() -> Router<AppState> {
    let strip = |path: &'static str| path.strip_prefix(paths::API).expect("an /api path");
    Router::new()
        .route(strip(paths::LINK_OPEN), post(open_link))
        .route(strip(paths::LINK_FORM), post(bank_form))
        .route(strip(paths::LINK_CONNECT), post(connect))
        .route(strip(paths::LINK_SCA), post(answer_sca))
        .route(strip(paths::LINK_ABORT), post(abort))
        .route(strip(paths::LINK_REAUTH), post(reauth))
}

async fn open_link(
    State(state): State<AppState>,
    Json(request): Json<OpenLinkRequest>,
) -> Result<impl IntoResponse, AppError> {
    let active = link_flow::open(&state, &request.token).await?;
    Ok(axum::Json(LinkInfoResponse {
        stylesheet: crate::domain::custom_css::stylesheet_of(&state, active.app.account_id).await?,
        company_name: active.link.company_name,
        banks: super::banks::catalogue(&state).await?,
    }))
}

async fn bank_form(
    State(state): State<AppState>,
    Json(request): Json<BankFormRequest>,
) -> Result<impl IntoResponse, AppError> {
    link_flow::open(&state, &request.token).await?;
    let not_found = || AppError::NotFound(format!("No bank with id {:?}", request.bank));
    let connector = state.banks.get(&request.bank).ok_or_else(not_found)?;
    let bank = db::banks::find(&state.db, &request.bank)
        .await?
        .ok_or_else(not_found)?;
    let fields = connector
        .login_fields()
        .iter()
        .map(|f| {
            let (kind, options) = match &f.kind {
                FieldKind::Text => (FieldKindDto::Text, Vec::new()),
                FieldKind::Password => (FieldKindDto::Password, Vec::new()),
                FieldKind::Select(options) => (
                    FieldKindDto::Select,
                    options
                        .iter()
                        .map(|(value, label)| FieldOption {
                            value: (*value).to_owned(),
                            label: (*label).to_owned(),
                        })
                        .collect(),
                ),
            };
            LoginFieldDto {
                name: f.name.to_owned(),
                label: f.label.to_owned(),
                kind,
                options,
            }
        })
        .collect();
    Ok(axum::Json(BankFormResponse {
        bank: super::banks::bank_response(&state, bank),
        fields,
        help: connector.help().map(str::to_owned),
    }))
}

async fn connect(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<ConnectRequest>,
) -> Result<impl IntoResponse, AppError> {
    let outcome = link_flow::connect(
        &state,
        &request.token,
        &request.bank,
        &request.fields,
        &request.params,
        peer.ip(),
    )
    .await?;
    Ok(axum::Json(outcome))
}

async fn answer_sca(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Json(request): Json<ScaRequest>,
) -> Result<impl IntoResponse, AppError> {
    Ok(axum::Json(
        link_flow::answer_sca(&state, &request.flow, &request.code, peer.ip()).await?,
    ))
}

async fn abort(
    State(state): State<AppState>,
    Json(request): Json<AbortRequest>,
) -> Result<impl IntoResponse, AppError> {
    Ok(axum::Json(
        link_flow::abort(&state, &request.token, &request.params).await?,
    ))
}

async fn reauth(
    State(state): State<AppState>,
    Json(request): Json<ReauthRequest>,
) -> Result<impl IntoResponse, AppError> {
    Ok(axum::Json(
        reauth_flow::start(&state, &request.token, &request.params).await?,
    ))
}
