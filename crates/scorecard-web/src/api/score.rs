//! Try a record: score the values of the form against the editor's text,
//! with every indicator's explanation, the what-if advice, and data errors
//! by field. The text is compiled once and reused for every value change.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::Json;
use scorecard::{DataErrorKind, Record, RecordError, Report, Scorecard};
use serde::{Deserialize, Serialize};

use super::App;
use crate::error::ApiError;

/// The editor's text and the form's values, by record key.
#[derive(Debug, Deserialize)]
pub struct Try {
    text: String,
    /// Values as typed, units allowed (`92.5%`); empty ones are left out.
    record: BTreeMap<String, String>,
}

/// The result of scoring one record.
#[derive(Debug, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Scored: the report, and what each indicator that lost points needed.
    Scored {
        /// The report; decimals are exact strings.
        report: Report,
        /// Indicator name → what-if sentences.
        what_if: BTreeMap<String, Vec<String>>,
    },
    /// Not scored: every problem, by input key where there is one.
    Invalid {
        /// The problems.
        errors: Vec<FieldError>,
    },
    /// The rule text does not compile; the editor shows why.
    NotCompiled,
}

/// A data error, placed at a form field when it names an input.
#[derive(Debug, Serialize)]
pub struct FieldError {
    key: Option<String>,
    /// Whether the value is simply not filled in yet.
    missing: bool,
    message: String,
}

/// `POST /api/score` `{text, record}`.
pub async fn score(State(app): State<Arc<App>>, Json(body): Json<Try>) -> Result<Json<Outcome>, ApiError> {
    let json = record_json(&body.record);
    app.with_card(body.text, move |compiled| {
        Json(match compiled.as_ref() {
            Ok(card) => score_json(card, &json),
            Err(_) => Outcome::NotCompiled,
        })
    })
    .await
}

/// The form's non-empty values as a JSON object of strings: every value is
/// read by the engine exactly as typed, units included.
pub fn record_json(values: &BTreeMap<String, String>) -> String {
    let object: serde_json::Map<String, serde_json::Value> = values
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.trim().to_owned())))
        .collect();
    serde_json::Value::Object(object).to_string()
}

fn score_json(card: &Scorecard, json: &str) -> Outcome {
    match card.parse_record(json).and_then(|record| report(card, &record)) {
        Ok((report, what_if)) => Outcome::Scored { report, what_if },
        Err(e) => Outcome::Invalid { errors: field_errors(&e) },
    }
}

fn report(card: &Scorecard, record: &Record) -> Result<(Report, BTreeMap<String, Vec<String>>), RecordError> {
    let report = card.report(record)?;
    let trace = card.trace(record)?;
    let what_if = trace.indicators.into_iter().filter(|t| !t.what_if.is_empty()).map(|t| (t.name, t.what_if)).collect();
    Ok((report, what_if))
}

/// Each problem with the input key it is about, if any.
pub fn field_errors(e: &RecordError) -> Vec<FieldError> {
    e.errors
        .iter()
        .map(|d| FieldError {
            key: d.input.as_ref().map(|i| i.key.clone()).filter(|k| !k.is_empty()),
            missing: d.kind == DataErrorKind::Missing,
            message: d.message(),
        })
        .collect()
}
