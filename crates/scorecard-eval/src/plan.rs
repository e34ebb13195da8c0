//! The compiled form of a scorecard: names resolved to input slots,
//! quantities converted to base units, points fixed. Immutable once built.

use rust_decimal::{Decimal, RoundingStrategy};
use scorecard_syntax::{ast::Cmp, Lang, LineIndex, Span};

use crate::number;
use crate::units::Unit;

/// Index of an input in a `Record`.
pub type Slot = usize;

/// What a slot holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    /// A number in `unit`.
    Number,
    /// Yes (1) or no (0).
    YesNo,
    /// The index of one of these grades.
    Grades(Vec<String>),
}

/// A value derived from other slots for every record (`计算`).
#[derive(Debug, Clone)]
pub struct Derived {
    /// The formula.
    pub expr: ExprPlan,
    /// The value when a divisor is zero (in base units); `None` makes it a data error.
    pub if_zero: Option<Decimal>,
}

/// An input the scorecard reads from each record, or a derived value.
#[derive(Debug, Clone)]
pub struct InputSpec {
    /// The key in a data record (empty for derived values).
    pub key: String,
    /// The name rules use.
    pub name: String,
    /// The unit bare numbers are in.
    pub unit: &'static Unit,
    /// What it holds.
    pub kind: ValueKind,
    /// How it is computed, for a derived value.
    pub derived: Option<Derived>,
    /// Allowed values, inclusive, in base units.
    pub range: Option<(Decimal, Decimal)>,
    /// Indices of the indicators that read this input.
    pub used_by: Vec<usize>,
    /// Whether it holds a list of readings (`（%，列表）`); the record keeps
    /// their count as its value and the readings beside it.
    pub list: bool,
    /// Whether a record may leave it out: an assessor's score read only by
    /// range bands (`得3～5分`), needed only when such a band holds.
    pub optional: bool,
    /// Where its name is declared.
    pub span: Span,
}

/// A named constant (`常量`), kept for readings; rules hold its value inline.
#[derive(Debug, Clone)]
pub struct ConstSpec {
    /// Its name.
    pub name: String,
    /// Its value in base units.
    pub value: Decimal,
    /// The unit it was written in.
    pub unit: &'static Unit,
    /// Where its name is declared.
    pub span: Span,
}

impl InputSpec {
    /// A value of this input (in base units) in its declared unit:
    /// `1,500,000件`, a date, `是`/`否`, or a grade's label.
    pub(crate) fn shown(&self, base: Decimal) -> String {
        if self.unit.is_date() {
            return i64::try_from(base.trunc().mantissa())
                .map_or_else(|_| base.to_string(), scorecard_syntax::date::format);
        }
        match &self.kind {
            ValueKind::Number => {}
            ValueKind::YesNo => return if base == Decimal::ONE { "是".to_owned() } else { "否".to_owned() },
            ValueKind::Grades(g) => {
                return usize::try_from(base.mantissa()).ok().and_then(|i| g.get(i)).cloned().unwrap_or_default()
            }
        }
        // A unit of scale 1 (件, 次, 元…) shows the base value as it is.
        let value = if self.unit.scale_decimal() == Decimal::ONE { Some(base) } else { self.unit.from_base(base) };
        match value {
            // As `Unit::amount` writes it, without the formatting machinery.
            Some(v) => {
                let unit = self.unit.display();
                let mut shown = number::grouped(v);
                if unit.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    shown.push(' ');
                }
                shown.push_str(unit);
                shown
            }
            None => number::grouped(base),
        }
    }
}

/// A value a tier compares against: a constant (in base units) or an input.
#[derive(Debug, Clone, Copy)]
pub enum Operand {
    /// A constant, already in base units.
    Const(Decimal),
    /// An input.
    Input(Slot),
}

/// How a tier tests its subject `x`.
#[derive(Debug, Clone)]
pub enum TestPlan {
    /// `x cmp threshold`.
    Fixed {
        /// Comparison.
        cmp: Cmp,
        /// Threshold in base units.
        threshold: Decimal,
    },
    /// `x cmp factor × base`, e.g. below 90% of last year.
    ShareOf {
        /// Comparison.
        cmp: Cmp,
        /// The share as a fraction (0.9 for 90%).
        factor: Decimal,
        /// The baseline.
        base: Operand,
        /// `factor × base`, precomputed when the baseline is a constant.
        threshold: Option<Decimal>,
    },
    /// `|x − base| > factor × base` (or ≥ when inclusive).
    Deviation {
        /// `（含）`: the boundary matches.
        inclusive: bool,
        /// The tolerance as a fraction (0.1 for 10%).
        factor: Decimal,
        /// The reference.
        base: Operand,
        /// `(base − factor × base, base + factor × base)`, precomputed when the
        /// reference is a constant, so the test is two comparisons.
        bounds: Option<(Decimal, Decimal)>,
    },
    /// `per` points for each whole `step` of x, or of x's distance from a reference.
    PerStep {
        /// One step, in base units (> 0); for a relative step, the share of the reference.
        step: Decimal,
        /// Points per step.
        per: Decimal,
        /// The reference and the side that counts.
        from: Option<(Operand, Dir)>,
        /// Whether `step` is a share of the reference (`每减少5%`) rather than an amount.
        relative: bool,
        /// Whether part steps count in proportion.
        pro_rata: bool,
        /// Whether the distance is counted in whole calendar months (dates with a 月/年 step).
        calendar: bool,
    },
    /// `lo ≤ x < hi`, with each bound's inclusion.
    Range {
        /// Lower bound.
        lo: Decimal,
        /// Whether `lo` matches.
        lo_inclusive: bool,
        /// Upper bound.
        hi: Decimal,
        /// Whether `hi` matches.
        hi_inclusive: bool,
    },
    /// Always holds (`否则`).
    Always,
    /// Every part holds (`且` / `and`); each part tests its own slot.
    All(Vec<(Slot, TestPlan)>),
    /// `每次…`: the tier counts once for every reading of a list that passes `test`.
    Each {
        /// The list.
        slot: Slot,
        /// The test of one reading.
        test: Box<TestPlan>,
    },
}

/// Which side of a per-step reference counts.
pub use scorecard_syntax::ast::Dir;

/// A compiled arithmetic expression, in base units; percentages are percent numbers.
#[derive(Debug, Clone)]
pub enum ExprPlan {
    /// A constant.
    Const(Decimal),
    /// A slot's value.
    Slot(Slot),
    /// The indicator's points.
    Points,
    /// `−a`.
    Neg(Box<ExprPlan>),
    /// `a + b`.
    Add(Box<ExprPlan>, Box<ExprPlan>),
    /// `a − b`.
    Sub(Box<ExprPlan>, Box<ExprPlan>),
    /// `a × b ÷ scale` (scale is 100 when one side is a percentage, else 1).
    Mul(Box<ExprPlan>, Box<ExprPlan>, Decimal),
    /// `a × scale ÷ b`.
    Div(Box<ExprPlan>, Box<ExprPlan>, Decimal),
    /// The smallest argument.
    Min(Vec<ExprPlan>),
    /// The largest argument.
    Max(Vec<ExprPlan>),
    /// Rounded down.
    Floor(Box<ExprPlan>),
    /// 平均, 最低, 最高, 合计 or 个数 of a list's readings.
    List(scorecard_syntax::ast::Func, Slot),
}

/// One tier of a ladder.
#[derive(Debug, Clone)]
pub struct TierPlan {
    /// The test.
    pub test: TestPlan,
    /// Points deducted when it fires (per step for `PerStep`).
    pub deduct: Decimal,
    /// Where the tier is written.
    pub span: Span,
    /// Display name of the baseline, for explanations.
    pub base_name: Option<String>,
    /// The threshold or share as written, e.g. `90%`, for explanations.
    pub shown: String,
}

/// One `评分` or `加分` statement: its ladders and its cap.
#[derive(Debug, Clone)]
pub struct StatementPlan {
    /// The ladders, one per subject.
    pub ladders: Vec<Ladder>,
    /// The most the statement deducts or adds.
    pub cap: Option<Decimal>,
}

/// What a band gives, in points.
#[derive(Debug, Clone)]
pub struct BandPlan {
    /// The input tested (none for `否则`).
    pub subject: Option<Slot>,
    /// The test.
    pub test: TestPlan,
    /// Points given; for a range (`得3～5分`), its bottom.
    pub points: Decimal,
    /// The top of a range of points, which the assessor's score picks within.
    pub high: Option<Decimal>,
    /// Where the band is written.
    pub span: Span,
}

/// One grade of a grade mapping, in points.
#[derive(Debug, Clone)]
pub struct GradePlan {
    /// Lowest points for the grade.
    pub low: Decimal,
    /// Highest points for the grade (given when no assessed score is supplied).
    pub high: Decimal,
}

/// How a `得分` statement computes a score.
#[derive(Debug, Clone)]
pub enum ScorePlan {
    /// Bands: the first that holds, or every one that holds if cumulative.
    Bands {
        /// The bands.
        bands: Vec<BandPlan>,
        /// Whether every band that holds adds.
        cumulative: bool,
        /// The assessor's score input, for bands that give a range of points.
        assessed: Option<Slot>,
    },
    /// A formula; a percentage result is a share of one point per percent.
    Formula {
        /// The formula.
        expr: ExprPlan,
        /// 100 if the formula's result is a percentage, else 1.
        scale: Decimal,
    },
    /// A grade mapping.
    Grades {
        /// The grade input.
        input: Slot,
        /// Points per grade index (`None` for a grade not mapped).
        grades: Vec<Option<GradePlan>>,
        /// The assessor's score input.
        assessed: Option<Slot>,
    },
}

/// A one-vote veto.
#[derive(Debug, Clone)]
pub struct VetoPlan {
    /// The tested input.
    pub subject: Slot,
    /// The test.
    pub test: TestPlan,
    /// Whether the whole scorecard is disqualified.
    pub disqualify: bool,
    /// Whether the indicator scores 0 (false for `仅取消资格`).
    pub zero: bool,
    /// Where it is written.
    pub span: Span,
}

/// The tiers on one subject.
#[derive(Debug, Clone)]
pub struct Ladder {
    /// The input the tiers test.
    pub subject: Slot,
    /// Whether all matching tiers deduct (`累计`), or only the most severe.
    pub cumulative: bool,
    /// The tiers, in file order.
    pub tiers: Vec<TierPlan>,
}

/// A compiled indicator.
#[derive(Debug, Clone)]
pub struct IndicatorPlan {
    /// Names of the enclosing groups, outermost first.
    pub path: Vec<String>,
    /// The indicator's name.
    pub name: String,
    /// Where the indicator is written, whole.
    pub span: Span,
    /// Where its name is written.
    pub name_span: Span,
    /// Its points.
    pub points: Decimal,
    /// `评分` statements.
    pub deductions: Vec<StatementPlan>,
    /// `得分` statements and where they are written; none means the base score is the points.
    pub scores: Vec<(ScorePlan, Span)>,
    /// `加分` statements.
    pub bonuses: Vec<StatementPlan>,
    /// Vetoes.
    pub vetoes: Vec<VetoPlan>,
    /// `酌情扣分`: the input and its bound.
    pub discretionary: Option<(Slot, Decimal)>,
    /// `不适用条件`: the yes/no input.
    pub not_applicable: Option<Slot>,
    /// Where `指标值` is written, if it is.
    pub target: Option<Span>,
    /// For an indicator scored by one plain ladder (one `评分` statement on
    /// one subject, tiers that are tests, no `得分`, bonus or discretionary
    /// deduction): its result when no tier fires, then when each tier gives
    /// the deduction, worked out once at compile time. Scoring then only
    /// tests the tiers and picks one.
    pub outcomes: Option<Vec<crate::scores::IndicatorScore>>,
}

/// A compiled group (一级 or 二级指标).
#[derive(Debug, Clone)]
pub struct GroupPlan {
    /// Enclosing groups' names, outermost first.
    pub path: Vec<String>,
    /// The group's name.
    pub name: String,
    /// Indices of the indicators anywhere below it.
    pub indicators: Vec<usize>,
}

/// How scores are rounded: once, per indicator.
#[derive(Debug, Clone, Copy)]
pub struct RoundingPlan {
    /// The strategy.
    pub strategy: RoundingStrategy,
    /// Decimal places.
    pub places: u32,
}

/// A grade band: the lowest total (inclusive) earning it; `None` for the catch-all.
#[derive(Debug, Clone)]
pub struct GradeBand {
    /// The grade's name.
    pub name: String,
    /// The lowest total earning it.
    pub min: Option<Decimal>,
}

/// Everything about a compiled scorecard.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Identity of this compilation: a `Record` carries it,
    /// so a record built for another scorecard is refused, not misread.
    pub id: u64,
    /// The table's name.
    pub name: String,
    /// Language of keywords, messages and explanations.
    pub lang: Lang,
    /// Full score.
    pub total: Decimal,
    /// What a not-applicable indicator is worth.
    pub na_policy: scorecard_syntax::ast::NaPolicy,
    /// Whether bonuses may lift a score above its points.
    pub bonus_may_exceed: bool,
    /// What a range band gives when no assessor's score is given (`None`: a data error).
    pub unassessed: Option<scorecard_syntax::ast::Unassessed>,
    /// Rounding.
    pub rounding: RoundingPlan,
    /// Grade bands, highest first.
    pub grades: Vec<GradeBand>,
    /// Inputs by slot.
    pub inputs: Vec<InputSpec>,
    /// Constants, in declaration order.
    pub constants: Vec<ConstSpec>,
    /// Indicators in table order.
    pub indicators: Vec<IndicatorPlan>,
    /// Groups in table order (parents before children).
    pub groups: Vec<GroupPlan>,
    /// The rule file's text, for quoting fired rules.
    pub source: String,
    /// Line index of `source`.
    pub lines: LineIndex,
}
