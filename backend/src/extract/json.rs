//! A JSON body extractor whose every rejection is an [`AppError`], so a
//! malformed body gets the same error body as everything else instead of
//! axum's plain-text rejection.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use bankport_shared::error::codes;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// `axum::Json`, with rejections mapped to the JSON error body.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(map_rejection(rejection)),
        }
    }
}

fn map_rejection(rejection: JsonRejection) -> AppError {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => AppError::Client {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: codes::UNSUPPORTED_MEDIA_TYPE,
            message: "Send the body as JSON with `Content-Type: application/json`.".into(),
        },
        JsonRejection::JsonSyntaxError(e) => AppError::Client {
            status: StatusCode::BAD_REQUEST,
            code: codes::BAD_REQUEST,
            message: format!("The body is not valid JSON: {}", e.body_text()),
        },
        JsonRejection::JsonDataError(e) => AppError::Validation(format!(
            "The body does not have the expected fields: {}",
            e.body_text()
        )),
        JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            AppError::Client {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                code: codes::PAYLOAD_TOO_LARGE,
                message: "The body is too large.".into(),
            }
        }
        other => AppError::Client {
            status: other.status(),
            code: codes::BAD_REQUEST,
            message: other.body_text(),
        },
    }
}
