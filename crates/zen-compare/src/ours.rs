//! Path 3: our engine, on the seed rule file itself.

use rust_decimal::Decimal;
use scorecard::{InputKey, Record, Scorecard, Scores};

use crate::records::{Rec, KEYS};
use crate::semantics::Outcome;

pub const SEED: &str = include_str!("../../../rules/chenggong-2021-window-service.rules");

pub struct Ours {
    pub card: Scorecard,
    keys: Vec<InputKey>,
}

impl Ours {
    pub fn compile() -> Result<Ours, String> {
        let card = Scorecard::compile(SEED).map_err(|e| format!("seed rules do not compile: {e}"))?;
        let keys = KEYS
            .iter()
            .map(|k| card.input(k).ok_or_else(|| format!("seed scorecard has no input {k}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Ours { card, keys })
    }

    /// A typed record (built once, outside the timed loop).
    pub fn record(&self, r: &Rec) -> Result<Record, String> {
        let mut rec = self.card.record();
        for (k, v) in self.keys.iter().zip(r.values) {
            self.card.set(&mut rec, *k, v).map_err(|e| format!("typed input {v}: {e}"))?;
        }
        Ok(rec)
    }

    /// The typed path.
    pub fn score(&self, rec: &Record) -> Result<Scores, String> {
        self.card.score(rec).map_err(|e| e.to_string())
    }

    /// The JSON string path.
    pub fn score_json(&self, json: &str) -> Result<Scores, String> {
        self.card.parse_record(json).and_then(|r| self.card.score(&r)).map_err(|e| e.to_string())
    }
}

/// Our scores as an outcome (deductions and scores as the engine reports them).
pub fn outcome(s: &Scores) -> Result<Outcome, String> {
    let mut deductions = [Decimal::ZERO; 7];
    let mut scores = [Decimal::ZERO; 7];
    if s.indicators.len() != 7 {
        return Err(format!("expected 7 indicators, got {}", s.indicators.len()));
    }
    for ((d, sc), i) in deductions.iter_mut().zip(scores.iter_mut()).zip(&s.indicators) {
        *d = i.deduction;
        *sc = i.score;
    }
    Ok(Outcome { deductions, scores, total: s.total })
}
