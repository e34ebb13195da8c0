//! The compiled form of a scorecard: names resolved to input slots,
//! quantities converted to base units, points fixed. Immutable once built.

use rust_decimal::{Decimal, RoundingStrategy};
use scorecard_syntax::{ast::Cmp, Lang, LineIndex, Span};

use crate::units::Unit;

/// Index of an input in a [`crate::Record`].
pub type Slot = usize;

/// An input the scorecard reads from each record.
#[derive(Debug, Clone)]
pub struct InputSpec {
    /// The key in a data record.
    pub key: String,
    /// The name rules use.
    pub name: String,
    /// The unit bare numbers are in.
    pub unit: &'static Unit,
    /// Allowed values, inclusive, in base units.
    pub range: Option<(Decimal, Decimal)>,
    /// Indices of the indicators that read this input.
    pub used_by: Vec<usize>,
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
#[derive(Debug, Clone, Copy)]
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
    /// `per` points for each whole `step` of x.
    PerStep {
        /// One step, in base units (> 0).
        step: Decimal,
        /// Points per step.
        per: Decimal,
    },
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
    /// Its points.
    pub points: Decimal,
    /// Its ladders.
    pub ladders: Vec<Ladder>,
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
    /// The table's name.
    pub name: String,
    /// Language of keywords, messages and explanations.
    pub lang: Lang,
    /// Full score.
    pub total: Decimal,
    /// Rounding.
    pub rounding: RoundingPlan,
    /// Grade bands, highest first.
    pub grades: Vec<GradeBand>,
    /// Inputs by slot.
    pub inputs: Vec<InputSpec>,
    /// Indicators in table order.
    pub indicators: Vec<IndicatorPlan>,
    /// Groups in table order (parents before children).
    pub groups: Vec<GroupPlan>,
    /// The rule file's text, for quoting fired rules.
    pub source: String,
    /// Line index of `source`.
    pub lines: LineIndex,
}
