//! Routes for a typed request body: a struct whose numbers are `Decimal`s
//! read from their JSON digits, scored through `Scorecard::parse_serialize`;
//! and a map of analyst text (`"92.5%"`, `"241.73万元"`) set field by field
//! with `Scorecard::set_str`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use scorecard::{Decimal, RecordError, Report, Scorecard};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

/// The seed scorecard's measurements, as a service would type them.
#[derive(Debug, Deserialize, Serialize)]
pub struct Measured {
    /// 年办件量 (件).
    pub cases: u64,
    /// 上期 办件量 (件).
    pub cases_last_year: u64,
    /// 入驻窗口工作人员的满意度 (%).
    #[serde(deserialize_with = "exact")]
    pub staff_satisfaction: Decimal,
    /// 年办结率, with its unit (`"92.5%"`).
    pub on_time_rate: String,
    /// 支出金额 (万元), read from its JSON digits.
    #[serde(deserialize_with = "exact")]
    pub spending: Decimal,
    /// 群众办事投诉率 (%).
    #[serde(deserialize_with = "exact")]
    pub complaint_rate: Decimal,
    /// 黑榜次数 (次).
    pub blacklist_count: u32,
    /// 办事群众满意度 (%).
    #[serde(deserialize_with = "exact")]
    pub public_satisfaction: Decimal,
}

/// A `Decimal` from the JSON number's own text. rust_decimal's default
/// `Deserialize` would take serde_json's binary float (265.903 for
/// 265.90300000000000000001), so the text is taken raw and parsed exactly.
fn exact<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let raw = <&RawValue>::deserialize(d)?;
    let text = raw.get().trim_matches('"');
    Decimal::from_str_exact(text).map_err(|e| serde::de::Error::custom(format_args!("`{text}`: {e}")))
}

/// `/score/typed` and `/score/fields`.
pub fn routes(card: Arc<Scorecard>) -> Router {
    Router::new().route("/score/typed", post(score_typed)).route("/score/fields", post(score_fields)).with_state(card)
}

type Scored = Result<Json<Report>, (StatusCode, Json<RecordError>)>;

fn unprocessable(e: RecordError) -> (StatusCode, Json<RecordError>) {
    (StatusCode::UNPROCESSABLE_ENTITY, Json(e))
}

/// A typed struct: its `Decimal` fields keep every digit on the way in and
/// through `parse_serialize`.
async fn score_typed(State(card): State<Arc<Scorecard>>, Json(body): Json<Measured>) -> Scored {
    let record = card.parse_serialize(&body).map_err(unprocessable)?;
    card.report(&record).map(Json).map_err(unprocessable)
}

/// Analyst text, one input at a time: an unknown key is a 422 with a did-you-mean.
async fn score_fields(State(card): State<Arc<Scorecard>>, Json(body): Json<BTreeMap<String, String>>) -> Scored {
    let mut record = card.record();
    for (key, text) in &body {
        let input = card.input(key).map_err(unprocessable)?;
        card.set_str(&mut record, input, text).map_err(unprocessable)?;
    }
    card.report(&record).map(Json).map_err(unprocessable)
}
