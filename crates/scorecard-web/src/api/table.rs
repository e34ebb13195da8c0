//! Batch scoring: a dropped CSV, JSON Lines, JSON or spreadsheet (.xlsx,
//! .xls, .ods) file scored against the editor's text, as a table with errors
//! by row, or as a CSV or 自评表 workbook download.

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
    /// The file's name; `*.csv` is read as CSV, `*.xlsx`, `*.xls`, `*.ods` as a spreadsheet.
    name: String,
    /// The file's text (the page decodes UTF-8 or GBK), for text files.
    #[serde(default)]
    data: String,
    /// The file's bytes as base64, for spreadsheets.
    #[serde(default)]
    base64: Option<String>,
}

/// The dropped file, read once the rule text has compiled.
enum Upload {
    Text(String),
    Sheet(Vec<u8>),
}

impl Batch {
    /// The rule text, the file's name and its content; a spreadsheet without (valid) bytes is refused.
    fn split(self) -> Result<(String, String, Upload), ApiError> {
        let upload = if scorecard_table::records::is_sheet(&self.name) {
            let b64 = self.base64.as_deref().ok_or_else(|| {
                ApiError::bad_request(
                    format!("{}：电子表格须以 base64 发送（base64 字段）", self.name),
                    format!("{}: a spreadsheet is sent as base64 (the base64 field)", self.name),
                )
            })?;
            Upload::Sheet(super::upload(&self.name, b64)?)
        } else {
            Upload::Text(self.data)
        };
        Ok((self.text, self.name, upload))
    }
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
    let (text, name, data) = body.split()?;
    app.with_card(text, move |compiled| {
        let card = compiled.as_ref().as_ref().map_err(|_| not_compiled())?;
        let results = score_all(card, &name, &data);
        Ok(Json(table(card, results)))
    })
    .await?
}

/// `POST /api/batch/csv`: the results as CSV for Excel.
pub async fn batch_csv(State(app): State<Arc<App>>, Json(body): Json<Batch>) -> Result<Response, ApiError> {
    download(app, body, &CSV, |card, name, data| {
        batch::to_csv(card, &score_all(card, name, data)).map(String::into_bytes).map_err(|e| e.to_string())
    })
    .await
}

/// `POST /api/batch/xlsx`: the results as the 自评表 workbook, the same as `scorecard eval --format xlsx`.
pub async fn batch_xlsx(State(app): State<Arc<App>>, Json(body): Json<Batch>) -> Result<Response, ApiError> {
    download(app, body, &WORKBOOK, form_workbook).await
}

/// A file of results to download: what a failure to write it says, its type and its name.
struct Download {
    cannot_write: [&'static str; 2],
    content_type: &'static str,
    disposition: &'static str,
}

const CSV: Download = Download {
    cannot_write: ["无法写出 CSV", "cannot write CSV"],
    content_type: "text/csv; charset=utf-8",
    disposition: "attachment; filename=\"results.csv\"",
};

const WORKBOOK: Download = Download {
    cannot_write: ["无法写出工作簿", "cannot write the workbook"],
    content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    disposition: "attachment; filename=\"results.xlsx\"",
};

/// The batch scored against the editor's text, written by `write` as `file`.
async fn download(
    app: Arc<App>,
    body: Batch,
    file: &'static Download,
    write: fn(&Scorecard, &str, &Upload) -> Result<Vec<u8>, String>,
) -> Result<Response, ApiError> {
    let (text, name, data) = body.split()?;
    let bytes = app
        .with_card(text, move |compiled| {
            let card = compiled.as_ref().as_ref().map_err(|_| not_compiled())?;
            write(card, &name, &data).map_err(|e| {
                let [zh, en] = file.cannot_write;
                ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{zh}：{e}"), format!("{en}: {e}"))
            })
        })
        .await??;
    let headers = [(header::CONTENT_TYPE, file.content_type), (header::CONTENT_DISPOSITION, file.disposition)];
    Ok((headers, bytes).into_response())
}

/// Every record scored into the form workbook, written to a temporary file and read back.
fn form_workbook(card: &Scorecard, name: &str, data: &Upload) -> Result<Vec<u8>, String> {
    use scorecard_table::form::{json_values, FormOptions, FormRecord, FormWriter};
    let mut writer = FormWriter::new(card, FormOptions::default(), false).map_err(|e| e.to_string())?;
    for row in rows(card, name, data) {
        let line = row.line;
        let values = row.json.as_deref().map(json_values).unwrap_or_default();
        let report = row.evaluate(card);
        let outcome = report.as_ref().map_err(|e| vec![e.clone()]);
        writer.add(&FormRecord { line, name: None, values: &values, outcome }).map_err(|e| e.to_string())?;
    }
    let file = tempfile::Builder::new().suffix(".xlsx").tempfile().map_err(|e| e.to_string())?;
    writer.save(file.path()).map_err(|e| e.to_string())?;
    std::fs::read(file.path()).map_err(|e| e.to_string())
}

fn rows(card: &Scorecard, name: &str, data: &Upload) -> Vec<Row> {
    match data {
        Upload::Text(text) => batch::rows(name, text, card.lang()),
        Upload::Sheet(bytes) => batch::sheet_rows(card, name, bytes),
    }
}

fn score_all(card: &Scorecard, name: &str, data: &Upload) -> Vec<(u64, Result<Report, String>)> {
    rows(card, name, data).into_iter().map(|row| (row.line, row.evaluate(card))).collect()
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
