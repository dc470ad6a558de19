//! The financial data under `/v0/bank/credentials/*`: one endpoint per
//! product, plus `all`. Bodies are `{credentials_token, query,
//! ignore_data_error}`; transaction lists are paged (`page`, `page_size`)
//! with the paging in response headers, the body staying a plain array as
//! in Flanks.

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use bankport_shared::data::products;
use bankport_shared::v0::{DataQuery, DataRequest, MAX_PAGE_SIZE, data_codes, paging_headers};
use chrono::NaiveDate;

use super::credentials::credential_of;
use crate::auth::api_client::ApiClient;
use crate::db::{self, credentials::Credential};
use crate::domain::products::{SPECS, Spec};
use crate::error::AppError;
use crate::extract::Json;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    let mut router = Router::new().route("/bank/credentials/all", post(all));
    for spec in SPECS {
        router = router.route(
            &path_of(spec.name),
            post(
                move |state: State<AppState>, client: ApiClient, body: Json<DataRequest>| {
                    product(state, client, body, spec)
                },
            ),
        );
    }
    router
}

/// `card_transaction` is served at `/card/transaction`, and so on.
fn path_of(product: &str) -> String {
    let endpoint = match product {
        products::CARD_TRANSACTION => "card/transaction",
        products::INVESTMENT_TRANSACTION => "investment/transaction",
        products::LIABILITY_TRANSACTION => "liability/transaction",
        other => other,
    };
    format!("/bank/credentials/{endpoint}")
}

/// The filters of one call, checked against what the product supports.
#[derive(Debug, Default)]
struct Filters {
    own_id: Option<String>,
    parent_id: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    page: u64,
    page_size: u64,
}

fn date(field: &str, value: Option<&String>) -> Result<Option<NaiveDate>, AppError> {
    value
        .map(|v| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").map_err(|_| {
                AppError::field(
                    &format!("query.{field}"),
                    format!("{v:?} is not a date; use YYYY-MM-DD, e.g. 2025-01-31."),
                )
            })
        })
        .transpose()
}

/// Reads `query` (and top-level paging) for `spec`. With `lenient`, filters
/// that do not apply to the product are ignored (the `all` call);
/// otherwise they are an error, so a typo never silently returns
/// everything.
fn filters(request: &DataRequest, spec: &Spec, lenient: bool) -> Result<Filters, AppError> {
    let q: &DataQuery = &request.query;
    let ids = [
        ("account_id", &q.account_id),
        ("card_id", &q.card_id),
        ("portfolio_id", &q.portfolio_id),
        ("investment_id", &q.investment_id),
        ("liability_id", &q.liability_id),
    ];
    let mut out = Filters::default();
    for (name, value) in ids {
        let Some(value) = value.as_ref().map(|v| v.trim().to_owned()) else {
            continue;
        };
        if spec.own_filter == Some(name) {
            out.own_id = Some(value);
        } else if spec.parent.is_some_and(|(field, _)| field == name) {
            out.parent_id = Some(value);
        } else if !lenient {
            return Err(AppError::field(
                &format!("query.{name}"),
                format!("{name} does not filter {}.", path_of(spec.name)),
            ));
        }
    }
    let page = request.page.or(q.page);
    let page_size = request.page_size.or(q.page_size);
    if !spec.transactions && !lenient {
        for (name, set) in [
            ("query.from", q.from.is_some()),
            ("query.to", q.to.is_some()),
            ("page", page.is_some()),
            ("page_size", page_size.is_some()),
        ] {
            if set {
                return Err(AppError::field(
                    name,
                    format!(
                        "{} is not a transaction list: dates and pages apply to data, card/transaction, investment/transaction and liability/transaction.",
                        path_of(spec.name)
                    ),
                ));
            }
        }
    }
    out.from = date("from", q.from.as_ref())?;
    out.to = date("to", q.to.as_ref())?;
    if let (Some(from), Some(to)) = (out.from, out.to)
        && from > to
    {
        return Err(AppError::field("query.from", "from is after to."));
    }
    out.page = page.unwrap_or(1);
    if out.page == 0 {
        return Err(AppError::field("page", "page starts at 1."));
    }
    out.page_size = page_size.unwrap_or(MAX_PAGE_SIZE);
    if !(1..=MAX_PAGE_SIZE).contains(&out.page_size) {
        return Err(AppError::field(
            "page_size",
            format!("page_size is from 1 to {MAX_PAGE_SIZE}."),
        ));
    }
    Ok(out)
}

/// Refuses data calls the data cannot answer: before the first extraction
/// (PROCESSING) and, unless `ignore_data_error`, when one of `products`
/// failed in the last one (INCOMPLETE).
fn ready(c: &Credential, wanted: &[&str], ignore_data_error: bool) -> Result<(), AppError> {
    if c.last_extracted_at.is_none() {
        return Err(AppError::Data {
            code: data_codes::PROCESSING,
            number: data_codes::PROCESSING_NUMBER,
            message: "The first extraction of these credentials has not finished yet; try again shortly (the status call says `pending` until then).".into(),
        });
    }
    if ignore_data_error {
        return Ok(());
    }
    let errored = crate::domain::products::flags(&c.products_errored);
    let failed: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|p| errored.get(*p).copied().unwrap_or(false))
        .collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(AppError::Data {
            code: data_codes::INCOMPLETE,
            number: data_codes::INCOMPLETE_NUMBER,
            message: format!(
                "The bank did not return {} in the last extraction; send ignore_data_error: true to get what was extracted.",
                failed.join(", ")
            ),
        })
    }
}

/// Stored JSON records as one JSON array, without re-parsing them.
fn json_array(items: &[String]) -> String {
    let mut out = String::with_capacity(items.iter().map(|i| i.len() + 1).sum::<usize>() + 2);
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(item);
    }
    out.push(']');
    out
}

fn json_response(body: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

async fn product(
    State(state): State<AppState>,
    client: ApiClient,
    Json(request): Json<DataRequest>,
    spec: &'static Spec,
) -> Result<Response, AppError> {
    let c = credential_of(&state, &client, &request.credentials_token).await?;
    let filters = filters(&request, spec, false)?;
    ready(&c, &[spec.name], request.ignore_data_error)?;
    if !spec.transactions {
        let items = db::data::records(
            &state.db,
            c.id,
            spec.name,
            filters.own_id.as_deref(),
            filters.parent_id.as_deref(),
        )
        .await?;
        return Ok(json_response(json_array(&items)));
    }
    let page = db::data::transactions_page(
        &state.db,
        c.id,
        spec.name,
        db::data::TransactionFilter {
            parent_id: filters.parent_id.as_deref(),
            from: filters.from,
            to: filters.to,
        },
        filters.page,
        filters.page_size,
    )
    .await?;
    let pages = page.total.div_ceil(filters.page_size);
    let mut response = json_response(json_array(&page.items));
    let headers = response.headers_mut();
    for (name, value) in [
        (paging_headers::PAGE, filters.page),
        (paging_headers::PAGE_SIZE, filters.page_size),
        (paging_headers::TOTAL_COUNT, page.total),
        (paging_headers::TOTAL_PAGES, pages),
    ] {
        headers.insert(name, HeaderValue::from(value));
    }
    Ok(response)
}

/// Every product in one object keyed by product name; transaction lists
/// are whole (within `from`/`to`), `account_id` narrows what it applies to.
async fn all(
    State(state): State<AppState>,
    client: ApiClient,
    Json(request): Json<DataRequest>,
) -> Result<Response, AppError> {
    let c = credential_of(&state, &client, &request.credentials_token).await?;
    ready(&c, products::ALL, request.ignore_data_error)?;
    let mut body = String::from("{");
    for (i, spec) in SPECS.iter().enumerate() {
        let filters = filters(&request, spec, true)?;
        let items = if spec.transactions {
            db::data::transactions_page(
                &state.db,
                c.id,
                spec.name,
                db::data::TransactionFilter {
                    parent_id: filters.parent_id.as_deref(),
                    from: filters.from,
                    to: filters.to,
                },
                1,
                u64::from(u32::MAX),
            )
            .await?
            .items
        } else {
            db::data::records(
                &state.db,
                c.id,
                spec.name,
                filters.own_id.as_deref(),
                filters.parent_id.as_deref(),
            )
            .await?
        };
        if i > 0 {
            body.push(',');
        }
        body.push_str(&serde_json::to_string(spec.name).map_err(anyhow::Error::from)?);
        body.push(':');
        body.push_str(&json_array(&items));
    }
    body.push('}');
    Ok(json_response(body))
}
