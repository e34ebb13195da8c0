//! Listing, reading and saving the rule files of the served directory.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::App;
use crate::error::ApiError;
use crate::workspace::{read_bounded, PathError};

/// The rule files and the one to open first.
#[derive(Debug, Serialize)]
pub struct Files {
    /// The served directory's name.
    root: String,
    /// Rule files, relative to it.
    files: Vec<String>,
    /// The file to open at once.
    open: Option<String>,
}

/// `?path=`: a file relative to the served directory.
#[derive(Debug, Deserialize)]
pub struct PathQuery {
    /// The path as the page gives it.
    pub path: String,
}

/// A rule file's text.
#[derive(Debug, Serialize, Deserialize)]
pub struct FileText {
    path: String,
    text: String,
}

/// `GET /api/files`.
pub async fn list(State(app): State<Arc<App>>) -> Json<Files> {
    let root = app.workspace.root().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Json(Files { root, files: app.workspace.rule_files(), open: app.open.clone() })
}

/// `GET /api/file?path=`.
pub async fn read(State(app): State<Arc<App>>, Query(q): Query<PathQuery>) -> Result<Json<FileText>, ApiError> {
    let path = app.workspace.existing(&q.path).map_err(|e| ApiError::path(&q.path, e))?;
    if !path.is_file() {
        return Err(ApiError::path(&q.path, PathError::Missing));
    }
    let max = u64::try_from(app.limits.max_file_bytes()).unwrap_or(u64::MAX);
    let bytes = read_bounded(&path, max).map_err(|e| ApiError::path(&q.path, e))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        ApiError::bad_request(
            format!("`{}` 不是 UTF-8 文本（请另存为 UTF-8）", q.path),
            format!("`{}` is not UTF-8 text (save it as UTF-8)", q.path),
        )
    })?;
    Ok(Json(FileText { path: q.path, text }))
}

/// What a save wrote.
#[derive(Debug, Serialize)]
pub struct Saved {
    path: String,
    bytes: usize,
}

/// `POST /api/save` `{path, text}`: writes a rule file inside the served directory.
pub async fn save(State(app): State<Arc<App>>, Json(file): Json<FileText>) -> Result<Json<Saved>, ApiError> {
    let path = app.workspace.writable(&file.path).map_err(|e| ApiError::path(&file.path, e))?;
    if file.text.len() > app.limits.max_file_bytes() {
        return Err(ApiError::path(
            &file.path,
            PathError::TooLarge(u64::try_from(app.limits.max_file_bytes()).unwrap_or(0)),
        ));
    }
    std::fs::write(&path, file.text.as_bytes())
        .map_err(|e| ApiError::path(&file.path, PathError::Io(e.to_string())))?;
    Ok(Json(Saved { path: file.path, bytes: file.text.len() }))
}
