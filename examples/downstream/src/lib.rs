//! An example service that scores community-library funding records with
//! its own rule file, `rules/library-2022.rules`. Its rule suites run in
//! `cargo test` through one line in `tests/rule_suites.rs`, each case a test.

use std::sync::OnceLock;

use scorecard::{CompileError, RecordError, Report, Scorecard};

/// The service's rule file, built into the binary.
pub const RULES: &str = include_str!("../rules/library-2022.rules");

/// The compiled rule file: compiled once, then shared.
pub fn scorecard() -> Result<&'static Scorecard, CompileError> {
    static CARD: OnceLock<Result<Scorecard, CompileError>> = OnceLock::new();
    CARD.get_or_init(|| Scorecard::compile(RULES)).as_ref().map_err(Clone::clone)
}

/// Why a record could not be scored.
#[derive(Debug)]
pub enum ScoreError {
    /// The built-in rule file does not compile (a bug in this service).
    Rules(CompileError),
    /// The record is invalid.
    Record(RecordError),
}

/// Scores one JSON record and explains every indicator.
pub fn score(json: &str) -> Result<Report, ScoreError> {
    let card = scorecard().map_err(ScoreError::Rules)?;
    card.evaluate_json(json).map_err(ScoreError::Record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_record() {
        let report = score(r#"{"open_days": 320, "loans": 120000, "loans_last_year": 110000, "satisfaction": 95}"#)
            .map_err(|e| format!("{e:?}"))
            .unwrap();
        assert_eq!(report.grade, "优");
    }
}
