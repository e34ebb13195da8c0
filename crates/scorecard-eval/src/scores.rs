//! What scoring a record gives: its total and each indicator's score, without explanations.

use rust_decimal::Decimal;
use serde::Serialize;

/// The scores of one record, without explanations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scores {
    /// Sum of the indicators' scores.
    pub total: Decimal,
    /// One entry per indicator, in table order.
    pub indicators: Vec<IndicatorScore>,
    /// Whether a veto disqualified the whole scorecard (取消资格).
    pub disqualified: bool,
}

/// How an indicator was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// By its rules.
    Scored,
    /// Marked not applicable (不适用): full points, or left out and the total rescaled.
    NotApplicable,
    /// A veto (一票否决) fired: the indicator scores 0.
    Vetoed,
}

/// One indicator's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IndicatorScore {
    /// The indicator's points.
    pub points: Decimal,
    /// Points deducted (points − score; negative when bonuses lift the score above the points).
    pub deduction: Decimal,
    /// Points kept, rounded once as the scorecard declares.
    pub score: Decimal,
    /// How it was scored.
    pub status: Status,
    /// Whether a veto disqualified the whole scorecard.
    pub disqualifies: bool,
}
