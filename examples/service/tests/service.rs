//! The example service, driven in-process with `tower::ServiceExt::oneshot`.
//! The seed record with spending `265.90300000000000000001` 万元 scores 81
//! through every route, or is refused with a 422 naming the input; never 89,
//! the score of the binary float 265.903.

// Test helpers outside `#[test]` functions: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use scorecard::Scorecard;
use serde_json::Value;
use tower::ServiceExt;

const SEED: &str = include_str!("../../../rules/chenggong-2021-window-service.rules");
const SPENDING: &str = "265.90300000000000000001";

/// The example measurements with `spending` written as `value` (JSON text).
fn record(value: &str) -> String {
    format!(
        "{{\"cases\": 1500000, \"cases_last_year\": 1800000, \"staff_satisfaction\": 85, \
         \"on_time_rate\": \"92.5%\", \"spending\": {value}, \"complaint_rate\": 12.5, \
         \"blacklist_count\": 0, \"public_satisfaction\": 91}}"
    )
}

fn service() -> Router {
    scorecard_service_example::service(Arc::new(Scorecard::compile(SEED).unwrap()))
}

async fn post(app: Router, path: &str, body: String) -> (StatusCode, Value) {
    let (status, text) = post_text(app, path, body).await;
    (status, serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}")))
}

async fn post_text(app: Router, path: &str, body: String) -> (StatusCode, String) {
    let request = Request::post(path).header("content-type", "application/json").body(Body::from(body)).unwrap();
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&bytes).into_owned())
}

/// The report's total as its JSON text (numbers are exact JSON numbers).
fn total(report: &Value) -> String {
    report["total"].to_string()
}

#[tokio::test]
async fn the_float_of_the_spending_would_score_89() {
    let (status, report) = post(service(), "/score", record("265.903")).await;
    assert_eq!((status, total(&report)), (StatusCode::OK, "89".to_owned()));
}

#[tokio::test]
async fn text_raw_and_typed_bodies_score_81() {
    for path in ["/score", "/score/raw", "/score/typed"] {
        let (status, report) = post(service(), path, record(SPENDING)).await;
        assert_eq!(status, StatusCode::OK, "{path}: {report}");
        assert_eq!((total(&report), report["grade"].as_str()), ("81".to_owned(), Some("良")), "{path}");
    }
}

#[tokio::test]
async fn analyst_text_set_field_by_field_scores_81() {
    let fields = record(&format!("\"{SPENDING}万元\""))
        .replace(": 1500000", ": \"1500000\"")
        .replace(": 1800000", ": \"1800000件\"")
        .replace(": 85", ": \"85%\"")
        .replace(": 12.5", ": \"12.5\"")
        .replace(": 0,", ": \"0\",")
        .replace(": 91", ": \"91\"");
    let (status, report) = post(service(), "/score/fields", fields.clone()).await;
    assert_eq!((status, total(&report)), (StatusCode::OK, "81".to_owned()), "{report}");
    let (status, error) = post(service(), "/score/fields", fields.replace("\"spending\"", "\"spendng\"")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error["errors"][0]["message"].as_str().unwrap().contains("spending"), "{error}");
}

#[tokio::test]
async fn a_parsed_value_is_a_clear_422_never_89() {
    let (status, error) = post(service(), "/score/value", record(SPENDING)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(error["schema_version"], 1);
    let spending = error["errors"].as_array().unwrap().iter().find(|e| e["input"]["key"] == "spending").unwrap();
    assert_eq!(spending["kind"], "inexact_number");
    assert!(spending["message"].as_str().unwrap().contains("spending"), "{spending}");
    // The same route scores exact strings.
    let strings = record(&format!("\"{SPENDING}\"")).replace("12.5", "\"12.5\"");
    let (status, report) = post(service(), "/score/value", strings).await;
    assert_eq!((status, total(&report)), (StatusCode::OK, "81".to_owned()), "{report}");
}

#[tokio::test]
async fn a_typed_body_refuses_more_digits_than_a_decimal_holds() {
    let too_many = record("265.90300000000000000000000000001");
    let (status, text) = post_text(service(), "/score/typed", too_many).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{text}");
    assert!(text.contains("265.90300000000000000000000000001"), "the refusal quotes the number: {text}");
}

/// One compiled scorecard serves many requests at once, each scored alike.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_requests_share_one_scorecard() {
    let app = service();
    let mut tasks = Vec::new();
    for i in 0..64 {
        let (path, spending) = if i % 2 == 0 { ("/score/raw", SPENDING) } else { ("/score", "265.903") };
        tasks.push(tokio::spawn(post(app.clone(), path, record(spending))));
    }
    for (i, task) in tasks.into_iter().enumerate() {
        let (status, report) = task.await.unwrap();
        let expected = if i % 2 == 0 { "81" } else { "89" };
        assert_eq!((status, total(&report).as_str()), (StatusCode::OK, expected), "request {i}");
    }
}
