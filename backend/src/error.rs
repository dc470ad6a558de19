//! The one error type of the HTTP layer and its JSON body.
//!
//! Handlers return `Result<_, AppError>`. Client errors carry a message meant
//! for the integrator; server errors carry their cause, which is logged with
//! its whole chain and never sent: the client gets a generic message and the
//! trace id to quote.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bankport_shared::ErrorBody;
use bankport_shared::account::FieldErrors;
use bankport_shared::error::codes;

use crate::telemetry;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not the caller's to see).
    #[error("{0}")]
    NotFound(String),
    /// A client error with its own status and machine code.
    #[error("{message}")]
    Client {
        status: StatusCode,
        code: &'static str,
        message: String,
    },
    /// A data call that cannot be answered yet or completely, with Flanks'
    /// numeric code (`PROCESSING` 20002, `INCOMPLETE` 20001).
    #[error("{message}")]
    Data {
        code: &'static str,
        number: u32,
        message: String,
    },
    /// An uploaded stylesheet broke the widget's CSS policy.
    #[error("This stylesheet was not accepted: {} problem(s), listed with their line and column.", .0.len())]
    InvalidCss(Vec<bankport_shared::css::CssViolation>),
    /// The request is well-formed but its values are not acceptable.
    #[error("{0}")]
    Validation(String),
    /// Form fields that did not parse, each with its message.
    #[error("Some fields need your attention.")]
    InvalidFields(FieldErrors),
    /// No valid session or token.
    #[error("{0}")]
    Unauthenticated(String),
    /// Throttled; retry after this many seconds.
    #[error("Too many attempts. Try again in {} seconds.", .retry_after_secs)]
    TooManyAttempts { retry_after_secs: u64 },
    /// A dependency (the database) is down; retrying later may work.
    #[error("service unavailable")]
    Unavailable(#[source] anyhow::Error),
    /// A bug or an unexpected failure.
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl AppError {
    /// A 404 for a path nobody serves.
    pub fn no_route(path: &str) -> Self {
        Self::NotFound(format!("No endpoint at {path}"))
    }

    /// One invalid field.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        Self::InvalidFields(FieldErrors::from([(name.to_owned(), message.into())]))
    }

    fn parts(&self) -> (StatusCode, &'static str) {
        match self {
            Self::NotFound(_) => (StatusCode::NOT_FOUND, codes::NOT_FOUND),
            Self::Client { status, code, .. } => (*status, code),
            Self::Data { code, .. } => (StatusCode::CONFLICT, code),
            Self::InvalidCss(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                bankport_shared::css::INVALID_CSS,
            ),
            Self::Validation(_) | Self::InvalidFields(_) => {
                (StatusCode::UNPROCESSABLE_ENTITY, codes::VALIDATION)
            }
            Self::Unauthenticated(_) => (StatusCode::UNAUTHORIZED, codes::UNAUTHENTICATED),
            Self::TooManyAttempts { .. } => {
                (StatusCode::TOO_MANY_REQUESTS, codes::TOO_MANY_ATTEMPTS)
            }
            Self::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, codes::UNAVAILABLE),
            Self::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, codes::INTERNAL),
        }
    }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        use sea_orm::DbErr;
        match err {
            DbErr::Conn(_) | DbErr::ConnectionAcquire(_) => Self::Unavailable(err.into()),
            other => Self::Internal(other.into()),
        }
    }
}

impl From<anyhow::Error> for AppError {
    fn from(err: anyhow::Error) -> Self {
        Self::Internal(err)
    }
}

impl IntoResponse for AppError {
    fn into_response(mut self) -> Response {
        let (status, code) = self.parts();
        let message = match &self {
            Self::Unavailable(cause) | Self::Internal(cause) => {
                tracing::error!(error = %format!("{cause:#}"), "{self}");
                if matches!(self, Self::Unavailable(_)) {
                    "The service is temporarily unavailable; please retry shortly.".to_owned()
                } else {
                    "Something went wrong on our side; quote the trace_id if you contact support."
                        .to_owned()
                }
            }
            client_error => client_error.to_string(),
        };
        let retry_after = match &self {
            Self::TooManyAttempts { retry_after_secs } => Some(*retry_after_secs),
            _ => None,
        };
        let flanks_code = match &self {
            Self::Data { number, .. } => Some(*number),
            _ => None,
        };
        let violations = match &mut self {
            Self::InvalidCss(violations) => std::mem::take(violations),
            _ => Vec::new(),
        };
        let body = ErrorBody {
            error: message,
            code: code.to_owned(),
            trace_id: telemetry::current_trace_id().unwrap_or_default(),
            fields: match self {
                Self::InvalidFields(fields) => fields,
                _ => FieldErrors::new(),
            },
            flanks_code,
            violations,
        };
        let mut response = (status, axum::Json(body)).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
