//! JSON output with exact numbers: decimals are written as JSON number text
//! (never through a binary float), via serde_json's raw values.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::report::{FiredRule, GroupReport, IndicatorReport, Report};

/// A decimal that serialises as a JSON number with its exact digits.
struct Num(Decimal);

impl Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = self.0.normalize().to_string();
        match RawValue::from_string(text) {
            Ok(raw) => raw.serialize(s),
            Err(e) => Err(serde::ser::Error::custom(e)),
        }
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    scorecard: &'a str,
    total: Num,
    full_marks: Num,
    grade: &'a str,
    disqualified: bool,
    groups: Vec<JsonGroup<'a>>,
    indicators: Vec<JsonIndicator<'a>>,
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    path: &'a [String],
    name: &'a str,
    points: Num,
    score: Num,
}

#[derive(Serialize)]
struct JsonIndicator<'a> {
    path: &'a [String],
    name: &'a str,
    points: Num,
    deduction: Num,
    score: Num,
    status: crate::eval::Status,
    fired: &'a [FiredRule],
    explanation: &'a str,
}

fn group(g: &GroupReport) -> JsonGroup<'_> {
    JsonGroup { path: &g.path, name: &g.name, points: Num(g.points), score: Num(g.score) }
}

fn indicator(i: &IndicatorReport) -> JsonIndicator<'_> {
    JsonIndicator {
        path: &i.path,
        name: &i.name,
        points: Num(i.points),
        deduction: Num(i.deduction),
        score: Num(i.score),
        status: i.status,
        fired: &i.fired,
        explanation: &i.explanation,
    }
}

/// The report as compact JSON.
pub(crate) fn report(r: &Report) -> String {
    let json = JsonReport {
        scorecard: &r.scorecard,
        total: Num(r.total),
        full_marks: Num(r.full_marks),
        grade: &r.grade,
        disqualified: r.disqualified,
        groups: r.groups.iter().map(group).collect(),
        indicators: r.indicators.iter().map(indicator).collect(),
    };
    serde_json::to_string(&json).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}
