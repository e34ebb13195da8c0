use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use scorecard::{RecordError, Report, Scorecard};
use serde_json::value::RawValue;

/// The service: one compiled scorecard, shared by every request.
pub fn app(card: Arc<Scorecard>) -> Router {
    Router::new()
        .route("/score", post(score))
        .route("/score/raw", post(score_raw))
        .route("/score/value", post(score_value))
        .with_state(card)
}

/// A report, or 422 with every problem in the record (each names its input).
type Scored = Result<Json<Report>, (StatusCode, Json<RecordError>)>;

fn reply(card: &Scorecard, record: Result<scorecard::Record, RecordError>) -> Scored {
    let unprocessable = |e| (StatusCode::UNPROCESSABLE_ENTITY, Json(e));
    card.report(&record.map_err(unprocessable)?).map(Json).map_err(unprocessable)
}

/// The body as text: numbers are read from their digits, never a float.
async fn score(State(card): State<Arc<Scorecard>>, body: String) -> Scored {
    reply(&card, card.parse_record(&body))
}

/// The body as serde_json's raw text: just as exact.
async fn score_raw(State(card): State<Arc<Scorecard>>, Json(body): Json<Box<RawValue>>) -> Scored {
    reply(&card, card.parse_raw(&body))
}

/// A parsed `Value` holds fractions as binary floats: such a number is
/// refused with a 422 naming the input, never scored from lost digits.
async fn score_value(State(card): State<Arc<Scorecard>>, Json(body): Json<serde_json::Value>) -> Scored {
    reply(&card, card.parse_value(&body))
}
