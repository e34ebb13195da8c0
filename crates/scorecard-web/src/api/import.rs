//! Import: a 绩效目标表 dropped on the editor becomes a draft rule file, as
//! `scorecard import` writes it (the same reader, the same draft).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use scorecard_table::document::{read_as, ReadLimits};
use scorecard_table::import::{choose, import as draft_of, Summary};
use serde::{Deserialize, Serialize};

use super::App;
use crate::error::ApiError;

/// The dropped table.
#[derive(Debug, Deserialize)]
pub struct Table {
    /// The file's name; its extension says the format.
    name: String,
    /// The file's bytes as base64.
    base64: String,
}

/// The draft and what import found.
#[derive(Debug, Serialize)]
pub struct Imported {
    /// The draft rule file's text.
    text: String,
    /// Indicators found, read as written, and those a person must review.
    summary: Summary,
}

/// `POST /api/import` `{name, base64}`.
pub async fn import(State(app): State<Arc<App>>, Json(body): Json<Table>) -> Result<Json<Imported>, ApiError> {
    let bytes = super::upload(&body.name, &body.base64)?;
    let name = body.name;
    app.pool.run(move || draft(&name, &bytes)).await?.map(Json)
}

fn draft(name: &str, bytes: &[u8]) -> Result<Imported, ApiError> {
    let refused = |message: String| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message.clone(), message);
    // The readers take a path (calamine chooses the format by its extension), so the upload is saved
    // under its own extension; errors name the file as the analyst called it.
    let ext = std::path::Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or("txt");
    let saved = tempfile::Builder::new()
        .suffix(&format!(".{ext}"))
        .tempfile()
        .and_then(|mut f| std::io::Write::write_all(&mut f, bytes).map(|()| f))
        .map_err(|e| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("无法保存上传的文件：{e}"),
                format!("cannot keep the upload: {e}"),
            )
        })?;
    let tables = read_as(saved.path(), name, &ReadLimits::default()).map_err(|e| refused(e.to_string()))?;
    let table = choose(&tables, None, name).map_err(|e| refused(e.to_string()))?;
    let draft = draft_of(table, name).map_err(|e| refused(e.to_string()))?;
    Ok(Imported { text: draft.to_source(), summary: draft.summary() })
}
