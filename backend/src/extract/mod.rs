//! Request extractors whose rejections speak the JSON error body.

pub mod json;

pub use json::Json;
