//! Batch scoring: a dropped CSV, JSON Lines or JSON file scored against the
//! editor's text, as a table with errors by row, or as a CSV download.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use scorecard::{Decimal, Report, Scorecard};
use serde::{Deserialize, Serialize};

use super::App;
use crate::batch::{self, Row};
use crate::error::ApiError;

/// A batch: the editor's text and the dropped file.
#[derive(Debug, Deserialize)]
pub struct Batch {
    text: String,
    /// The file's name; `*.csv` is read as CSV.
    name: String,
    /// The file's text (the page decodes UTF-8 or GBK).
    data: String,
}

/// The results table.
#[derive(Debug, Serialize)]
pub struct Table {
    /// The indicators, in table order: one score column each.
    indicators: Vec<String>,
    rows: Vec<ResultRow>,
    scored: usize,
    failed: usize,
}

/// One record's result.
#[derive(Debug, Serialize)]
pub struct ResultRow {
    line: u64,
    total: Option<Decimal>,
    grade: Option<String>,
    scores: Vec<Decimal>,
    error: Option<String>,
}

/// `POST /api/batch`: the results as a table.
pub async fn batch(State(app): State<Arc<App>>, Json(body): Json<Batch>) -> Result<Json<Table>, ApiError> {
    let (name, data) = (body.name, body.data);
    app.with_card(body.text, move |compiled| {
        let card = compiled.as_ref().as_ref().map_err(|_| not_compiled())?;
        let results = score_all(card, &name, &data);
        Ok(Json(table(card, results)))
    })
    .await?
}

/// `POST /api/batch/csv`: the results as CSV for Excel.
pub async fn batch_csv(State(app): State<Arc<App>>, Json(body): Json<Batch>) -> Result<Response, ApiError> {
    let (name, data) = (body.name, body.data);
    let csv = app
        .with_card(body.text, move |compiled| {
            let card = compiled.as_ref().as_ref().map_err(|_| not_compiled())?;
            batch::to_csv(card, &score_all(card, &name, &data)).map_err(|e| {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("无法写出 CSV：{e}"),
                    format!("cannot write CSV: {e}"),
                )
            })
        })
        .await??;
    let headers = [
        (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"results.csv\""),
    ];
    Ok((headers, csv).into_response())
}

fn score_all(card: &Scorecard, name: &str, data: &str) -> Vec<(u64, Result<Report, String>)> {
    batch::rows(name, data, card.lang())
        .into_iter()
        .map(|Row { line, json }| {
            let result = json.and_then(|j| card.evaluate_json(&j).map_err(|e| e.to_string()));
            (line, result)
        })
        .collect()
}

fn table(card: &Scorecard, results: Vec<(u64, Result<Report, String>)>) -> Table {
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    let rows: Vec<ResultRow> = results
        .into_iter()
        .map(|(line, result)| match result {
            Ok(r) => ResultRow {
                line,
                total: Some(r.total),
                grade: Some(r.grade),
                scores: r.indicators.iter().map(|i| i.score).collect(),
                error: None,
            },
            Err(error) => ResultRow { line, total: None, grade: None, scores: Vec::new(), error: Some(error) },
        })
        .collect();
    Table {
        indicators: card.indicator_names().map(str::to_owned).collect(),
        scored: rows.len().saturating_sub(failed),
        failed,
        rows,
    }
}

fn not_compiled() -> ApiError {
    ApiError::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "规则文件有错误，改正后才能批量计分",
        "the rule file has errors; fix them before scoring a batch",
    )
}
