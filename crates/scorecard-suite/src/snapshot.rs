//! A suite's full outcome as plain data for snapshot tests: per case the
//! total, grade, and every indicator's score and explanation, so a review
//! shows changed explanations as well as changed numbers. It holds what the
//! engine gave, not whether the case passed: expectations are checked
//! separately, so a snapshot changes only when the engine's output does.

use serde::Serialize;

use crate::names::error_tag;
use crate::number::plain;
use crate::outcome::SuiteOutcome;

/// What a suite's cases scored, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    /// The scorecard's name.
    pub scorecard: String,
    /// The rule file, as the suite names it.
    pub rules: String,
    /// One entry per case.
    pub cases: Vec<CaseSnapshot>,
}

/// What one case scored, or why its record was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSnapshot {
    /// The case's name.
    pub name: String,
    /// The total, without trailing zeros.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// The grade.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grade: Option<String>,
    /// Every indicator, in table order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<IndicatorSnapshot>,
    /// The data errors, if the record was rejected.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorSnapshot>,
}

/// One indicator's score and explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorSnapshot {
    /// The full path, `产出指标/数量指标/年办件量`.
    pub indicator: String,
    /// The score, without trailing zeros.
    pub score: String,
    /// The engine's explanation.
    pub explanation: String,
}

/// One data error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorSnapshot {
    /// The kind tag, e.g. `missing`.
    pub kind: String,
    /// The record key concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// The message in the rule file's language.
    pub message: String,
}

impl Snapshot {
    /// The snapshot of a suite's outcome.
    pub fn of(outcome: &SuiteOutcome) -> Snapshot {
        let cases = outcome
            .cases
            .iter()
            .map(|case| {
                let mut snap = CaseSnapshot {
                    name: case.name.clone(),
                    total: None,
                    grade: None,
                    indicators: Vec::new(),
                    errors: Vec::new(),
                };
                match &case.result {
                    Ok(report) => {
                        snap.total = Some(plain(report.total));
                        snap.grade = Some(report.grade.clone());
                        snap.indicators = report
                            .indicators
                            .iter()
                            .map(|i| IndicatorSnapshot {
                                indicator: i.path.iter().chain([&i.name]).cloned().collect::<Vec<_>>().join("/"),
                                score: plain(i.score),
                                explanation: i.explanation.clone(),
                            })
                            .collect();
                    }
                    Err(errors) => {
                        snap.errors = errors
                            .errors
                            .iter()
                            .map(|e| ErrorSnapshot {
                                kind: error_tag(&e.kind),
                                input: e.input.as_ref().map(|i| i.key.clone()),
                                message: e.message(),
                            })
                            .collect();
                    }
                }
                snap
            })
            .collect();
        Snapshot { scorecard: outcome.scorecard.clone(), rules: outcome.rules_written.clone(), cases }
    }
}
