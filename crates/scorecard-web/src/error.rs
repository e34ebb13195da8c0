//! Errors a request can meet, as JSON with a Chinese and an English message;
//! the page shows the one in its language.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

use crate::workspace::PathError;

/// A refused or failed request: an HTTP status and a message in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The message in Chinese.
    pub zh: String,
    /// The message in English.
    pub en: String,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Message<'a>,
}

#[derive(Serialize)]
struct Message<'a> {
    zh: &'a str,
    en: &'a str,
}

impl ApiError {
    /// An error with `status` and its two messages.
    pub fn new(status: StatusCode, zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError { status, zh: zh.into(), en: en.into() }
    }

    /// A request the server will not act on.
    pub fn bad_request(zh: impl Into<String>, en: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, zh, en)
    }

    /// A path problem, naming the path as the request gave it.
    pub fn path(path: &str, e: PathError) -> ApiError {
        use PathError::*;
        let (status, zh, en) = match e {
            NotRelative => (
                StatusCode::BAD_REQUEST,
                format!("路径 `{path}` 无效：须为工作目录内的相对路径，不能含 `..`"),
                format!("path `{path}` refused: give a path relative to the served directory, without `..`"),
            ),
            Outside => (
                StatusCode::FORBIDDEN,
                format!("路径 `{path}` 指向工作目录之外（可能经由符号链接），已拒绝"),
                format!("path `{path}` leads outside the served directory (perhaps through a symlink) and is refused"),
            ),
            NotRules => (
                StatusCode::BAD_REQUEST,
                format!("只能保存规则文件（*.rules），`{path}` 不是"),
                format!("only rule files (*.rules) can be saved; `{path}` is not one"),
            ),
            Missing => (
                StatusCode::NOT_FOUND,
                format!("找不到文件 `{path}`"),
                format!("no file `{path}` in the served directory"),
            ),
            TooLarge(max) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("文件 `{path}` 超过 {max} 字节的上限"),
                format!("file `{path}` is larger than the limit of {max} bytes"),
            ),
            Io(detail) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("无法读写 `{path}`：{detail}"),
                format!("cannot read or write `{path}`: {detail}"),
            ),
        };
        ApiError::new(status, zh, en)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body { error: Message { zh: &self.zh, en: &self.en } };
        (self.status, Json(body)).into_response()
    }
}
