//! The JSON Schemas in `docs/schemas/` describe the real outputs: each
//! output below comes from the CLI or the library and must validate, and a
//! wrong shape must not (so the schemas are not vacuous).

// Test helpers outside `#[test]` functions: a failure is the test failing.
#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::{scorecard, temp_file, MEASUREMENTS, SEED};
use serde_json::Value;

fn schema(name: &str) -> jsonschema::Validator {
    let path = format!("{}/../../docs/schemas/{name}.schema.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn assert_valid(name: &str, instance: &Value) {
    let validator = schema(name);
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{instance}");
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn reports_and_briefs_validate() {
    let run = scorecard(&["eval", SEED, "--data", MEASUREMENTS, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report = json(&run.stdout);
    assert_valid("report", &report);
    let run = scorecard(&["eval", SEED, "--data", MEASUREMENTS, "--format", "json", "--brief"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_valid("brief", &json(&run.stdout));
    // A report is not a brief, and a decimal written as a string is not a number.
    assert!(!schema("brief").is_valid(&report));
    let mut stringly = report.clone();
    stringly["total"] = Value::String("81".into());
    assert!(!schema("report").is_valid(&stringly));
}

#[test]
fn check_outputs_validate_with_and_without_diagnostics() {
    for (file, code) in [(SEED, 0), ("tests/fixtures/broken-zh.rules", 1), ("tests/fixtures/warning-zh.rules", 0)] {
        let run = scorecard(&["check", file, "--format", "json"]);
        assert_eq!(run.code, code, "{file}: {}", run.stderr);
        assert_valid("check", &json(&run.stdout));
    }
}

#[test]
fn record_errors_validate_from_the_library_and_jsonl() {
    let card = scorecard::Scorecard::compile(&std::fs::read_to_string(SEED).unwrap()).unwrap();
    let e = card.evaluate_json(r#"{"cases": "x", "spending": 1.5, "on_time_rate": true}"#).unwrap_err();
    assert_valid("record-error", &serde_json::to_value(&e).unwrap());
    let data = temp_file("bad.jsonl", b"{\"cases\": \"x\"}\n[1]\n");
    let run = scorecard(&["eval", SEED, "--data", common::arg(&data), "--format", "jsonl"]);
    let lines: Vec<Value> = run.stdout.lines().map(json).collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    for line in &lines {
        assert_valid("record-error", line);
    }
}

#[test]
fn compile_errors_validate() {
    let broken = std::fs::read_to_string("tests/fixtures/broken-zh.rules").unwrap();
    let e = scorecard::Scorecard::compile(&broken).unwrap_err();
    assert_valid("compile-error", &serde_json::to_value(&e).unwrap());
    assert_valid("compile-error", &serde_json::to_value(e.with_path("broken-zh.rules")).unwrap());
}
