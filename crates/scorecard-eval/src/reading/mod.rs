//! The reading model: how the engine read each criterion, as one
//! serialisable description built from the compiled plan, for every view
//! (`scorecard explain --reading`, the workbench's reading panel, editor hovers).
//!
//! Numbers are exact [`Decimal`]s (serialised as strings); values are in the
//! unit they were declared in; every part says where it is written.

mod build;
mod condition;
mod text;

use rust_decimal::Decimal;
use scorecard_syntax::Span;
use serde::Serialize;

pub(crate) use build::build;

/// How the engine reads a whole rule file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    /// The table's name (计分表).
    pub name: String,
    /// The language of the sentences: `zh` or `en`.
    pub lang: &'static str,
    /// The full score.
    pub total: Decimal,
    /// How scores are rounded, in words.
    pub rounding: String,
    /// What a not-applicable indicator is worth, in words.
    pub not_applicable: String,
    /// Grade bands, highest first.
    pub grades: Vec<GradeBandReading>,
    /// Inputs and derived values, in declaration order.
    pub inputs: Vec<InputReading>,
    /// Constants, in declaration order.
    pub constants: Vec<ConstantReading>,
    /// Indicators in table order.
    pub indicators: Vec<IndicatorReading>,
}

/// Where something is written: byte span, and 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The byte span in the rule file.
    pub span: Span,
    /// 1-based line of its start.
    pub line: u32,
    /// 1-based column of its start, in characters.
    pub column: u32,
}

/// An exact amount in a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amount {
    /// The number, in `unit` (a day number for dates).
    pub value: Decimal,
    /// The unit, e.g. `万元` (empty for plain numbers).
    pub unit: String,
    /// As shown to a reader: `1,620,000件`, `2021-12-31`.
    pub shown: String,
}

/// A grade band of the total (等级).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeBandReading {
    /// The grade's name.
    pub name: String,
    /// The lowest total earning it (inclusive); none for the catch-all.
    pub min: Option<Decimal>,
}

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A number in its unit.
    Number,
    /// Yes or no.
    YesNo,
    /// One of the declared grades.
    Grades,
    /// Computed from other values (`计算`), never read from a record.
    Derived,
}

/// An input a record supplies, or a derived value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputReading {
    /// The record key (none for a derived value).
    pub key: Option<String>,
    /// The name rules use.
    pub name: String,
    /// The unit bare numbers are in.
    pub unit: String,
    /// What it holds.
    pub kind: InputKind,
    /// The grades, for a grade input.
    pub grades: Vec<String>,
    /// Allowed values, inclusive, in `unit`.
    pub range: Option<(Amount, Amount)>,
    /// The formula as written, for a derived value.
    pub formula: Option<String>,
    /// The indicators that read it.
    pub used_by: Vec<String>,
    /// Whether a record may leave it out (an assessor's score read only when
    /// a band with a range of points holds). Left out of JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
    /// Whether it holds a list of readings (`（%，列表）`). Left out of JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub list: bool,
    /// Where its name is declared.
    pub place: Place,
}

/// A named constant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConstantReading {
    /// Its name.
    pub name: String,
    /// Its value in the unit it was written in.
    pub value: Amount,
    /// Where its name is declared.
    pub place: Place,
}

/// How one indicator is scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorReading {
    /// The enclosing groups, outermost first.
    pub path: Vec<String>,
    /// The indicator's name.
    pub name: String,
    /// Its points (分值): the most it can score, and the most it can lose.
    pub points: Decimal,
    /// Where its name is written.
    pub place: Place,
    /// Where the whole indicator is written.
    pub span: Span,
    /// The range its score is kept in, in words.
    pub bounds: String,
    /// Its rules, in the order the engine applies them.
    pub rules: Vec<Rule>,
}

/// One rule of an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Rule {
    /// `得分`: the base score comes from bands, a formula or grades.
    Score(ScoreReading),
    /// `评分`: deductions.
    Deduction(StatementReading),
    /// `加分`: bonuses.
    Bonus(StatementReading),
    /// `一票否决`.
    Veto(VetoReading),
    /// `酌情扣分`: an assessor's deduction up to a bound.
    Discretionary {
        /// The input holding the deduction.
        input: String,
        /// The most it may deduct.
        max: Decimal,
        /// In words.
        words: String,
    },
    /// `不适用条件`: the indicator is not applicable when this yes/no input is yes.
    NotApplicable {
        /// The yes/no input.
        input: String,
        /// In words.
        words: String,
    },
}

/// A `评分` or `加分` statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatementReading {
    /// One ladder per subject.
    pub ladders: Vec<LadderReading>,
    /// The most the statement deducts or adds.
    pub cap: Option<Decimal>,
    /// The cap and the indicator's floor, in words.
    pub words: String,
}

/// The tiers on one subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LadderReading {
    /// The input the tiers test.
    pub subject: String,
    /// Whether every tier that holds counts (`累计`), or only the heaviest.
    pub cumulative: bool,
    /// The policy in words.
    pub policy: String,
    /// The tiers, in file order.
    pub tiers: Vec<TierReading>,
}

/// One tier as a row: condition, then points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TierReading {
    /// The tier as written.
    pub written: String,
    /// The condition.
    pub condition: Condition,
    /// Points deducted or added when it holds (per step for a per-step tier).
    pub points: Decimal,
    /// Condition and points in one sentence.
    pub words: String,
    /// Where it is written.
    pub place: Place,
}

/// A condition: its machine form and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// The machine form.
    pub test: Test,
    /// The condition in words, with its strictness.
    pub words: String,
}

/// The machine form of a condition on a subject `x`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "test", rename_all = "snake_case")]
pub enum Test {
    /// `x cmp threshold`.
    Compare {
        /// `<`, `≤`, `>`, `≥` or `=`.
        cmp: &'static str,
        /// Whether the threshold itself does not match.
        strict: bool,
        /// The threshold.
        threshold: Amount,
    },
    /// `x cmp share × baseline`.
    ShareOf {
        /// `<`, `≤`, `>`, `≥` or `=`.
        cmp: &'static str,
        /// Whether the threshold itself does not match.
        strict: bool,
        /// The share, in percent.
        share_percent: Decimal,
        /// The baseline's name, or its value when written as a number.
        baseline: String,
        /// `share × baseline`, when the baseline is a constant.
        threshold: Option<Amount>,
    },
    /// `|x − reference|` beyond a share of the reference.
    Deviation {
        /// Whether a deviation of exactly the tolerance matches (`（含）`).
        inclusive: bool,
        /// The tolerance, in percent of the reference.
        tolerance_percent: Decimal,
        /// The reference's name.
        reference: String,
        /// The reference minus and plus the tolerance, when the reference is a constant.
        bounds: Option<(Amount, Amount)>,
    },
    /// Points for each step of `x`, or of its distance from a reference.
    PerStep {
        /// One step, as written.
        step: String,
        /// Whether the step is a share of the reference.
        relative: bool,
        /// The reference, if the distance from it counts.
        reference: Option<String>,
        /// Which side of the reference counts: `above`, `below` or `both`.
        side: Option<&'static str>,
        /// Whether part steps count in proportion (else only whole steps).
        pro_rata: bool,
        /// Whether steps are whole calendar months.
        calendar: bool,
    },
    /// `low ≤ x < high`, each bound with its inclusion.
    Range {
        /// Lower bound.
        low: Amount,
        /// Whether `low` matches.
        low_inclusive: bool,
        /// Upper bound.
        high: Amount,
        /// Whether `high` matches.
        high_inclusive: bool,
    },
    /// Always holds (`否则`).
    Otherwise,
    /// Every part holds (`且`).
    All {
        /// The parts, each on its own subject.
        parts: Vec<Part>,
    },
}

/// One part of an `且` condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Part {
    /// The input tested.
    pub subject: String,
    /// Its condition.
    pub condition: Condition,
}

/// A `得分` statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "score", rename_all = "snake_case")]
pub enum ScoreReading {
    /// Score bands.
    Bands {
        /// Whether every band that holds adds (else the first that holds gives the score).
        cumulative: bool,
        /// The policy in words.
        policy: String,
        /// The bands, in file order.
        bands: Vec<BandReading>,
        /// Where the statement is written.
        place: Place,
    },
    /// A formula.
    Formula {
        /// The formula as written.
        formula: String,
        /// Whether its result is a percentage (one point per percent of the points).
        percent: bool,
        /// How the result is bounded, in words.
        words: String,
        /// Where it is written.
        place: Place,
    },
    /// A grade mapping.
    Grades {
        /// The grade input.
        input: String,
        /// The assessor's score input, if any.
        assessed: Option<String>,
        /// Points per grade.
        grades: Vec<GradeMapping>,
        /// How the score is chosen within a grade, in words.
        words: String,
        /// Where it is written.
        place: Place,
    },
}

/// One band of a `得分` statement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BandReading {
    /// The input tested (none for `否则`).
    pub subject: Option<String>,
    /// The condition.
    pub condition: Condition,
    /// Points given.
    pub points: Decimal,
    /// Condition and points in words.
    pub words: String,
    /// Where it is written.
    pub place: Place,
}

/// Points for one grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeMapping {
    /// The grade.
    pub grade: String,
    /// Lowest points (none for a grade not mapped).
    pub low: Option<Decimal>,
    /// Highest points.
    pub high: Option<Decimal>,
}

/// A one-vote veto.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VetoReading {
    /// The input tested.
    pub subject: String,
    /// The condition.
    pub condition: Condition,
    /// Whether the indicator scores 0.
    pub zero: bool,
    /// Whether the whole scorecard is disqualified.
    pub disqualify: bool,
    /// The consequence in words.
    pub words: String,
    /// Where it is written.
    pub place: Place,
}

impl Reading {
    /// The indicator whose text covers byte `offset`, if any.
    pub fn indicator_at(&self, offset: usize) -> Option<&IndicatorReading> {
        self.indicators.iter().find(|i| i.span.range().contains(&offset) || i.span.end as usize == offset)
    }
}
