//! What scoring a record gives: its total and each indicator's score, without explanations.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The scores of one record, without explanations. Indicators are in table
/// order: [`Scores::named`] pairs them with their names, and
/// [`Scores::grade`] gives the grade of the total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Scores {
    /// Sum of the indicators' scores.
    #[serde(with = "crate::json")]
    pub total: Decimal,
    /// One entry per indicator, in table order.
    pub indicators: Vec<IndicatorScore>,
    /// Whether a veto disqualified the whole scorecard (取消资格).
    pub disqualified: bool,
}

/// How an indicator was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// By its rules.
    Scored,
    /// Marked not applicable (不适用): full points, or left out and the total rescaled.
    NotApplicable,
    /// A veto (一票否决) fired: the indicator scores 0.
    Vetoed,
}

impl Status {
    /// Every status, in declaration order.
    pub const ALL: &'static [Status] = &[Status::Scored, Status::NotApplicable, Status::Vetoed];

    /// The status as it is serialised: `scored`, `not_applicable`, `vetoed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Scored => "scored",
            Status::NotApplicable => "not_applicable",
            Status::Vetoed => "vetoed",
        }
    }
}

/// One indicator's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IndicatorScore {
    /// The indicator's points.
    #[serde(with = "crate::json")]
    pub points: Decimal,
    /// Points deducted (points − score; negative when bonuses lift the score above the points).
    #[serde(with = "crate::json")]
    pub deduction: Decimal,
    /// Points kept, rounded once as the scorecard declares.
    #[serde(with = "crate::json")]
    pub score: Decimal,
    /// How it was scored.
    pub status: Status,
    /// Whether a veto disqualified the whole scorecard.
    pub disqualifies: bool,
}
