//! Scoring a record against a compiled plan. This is the hot path: no
//! allocation beyond the result, no string lookups, checked decimals only.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Cmp;
use serde::Serialize;

use crate::error::{DataError, DataErrorKind, RecordError};
use crate::plan::{IndicatorPlan, Ladder, Operand, Plan, TestPlan, TierPlan};
use crate::record::{Errors, Record};
use crate::{exact, format};

/// The scores of one record, without explanations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scores {
    /// Sum of the indicators' scores.
    pub total: Decimal,
    /// One entry per indicator, in table order.
    pub indicators: Vec<IndicatorScore>,
}

/// One indicator's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct IndicatorScore {
    /// The indicator's points.
    pub points: Decimal,
    /// Points deducted (points − score).
    pub deduction: Decimal,
    /// Points kept, rounded once as the scorecard declares.
    pub score: Decimal,
}

/// Why a tier could not be evaluated.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fault {
    /// A ratio or deviation baseline ≤ 0.
    Baseline(Operand, Decimal),
    /// Checked arithmetic overflowed.
    Overflow,
}

/// Scores every indicator of `record`.
pub(crate) fn score(plan: &Plan, record: &Record) -> Result<Scores, RecordError> {
    check_present(plan, record)?;
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    let mut total = Decimal::ZERO;
    for ind in &plan.indicators {
        let s = indicator(plan, ind, record).map_err(|e| RecordError::from(*e))?;
        total = exact::add(total, s.score).ok_or_else(|| overflow(plan, ind))?;
        indicators.push(s);
    }
    Ok(Scores { total, indicators })
}

/// Every input some indicator reads must be present.
fn check_present(plan: &Plan, record: &Record) -> Result<(), RecordError> {
    let errors = Errors::new(plan);
    let missing: Vec<DataError> = plan
        .inputs
        .iter()
        .enumerate()
        .filter(|(slot, spec)| !spec.used_by.is_empty() && record.get(*slot).is_none())
        .map(|(slot, _)| errors.input(slot, DataErrorKind::Missing))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(RecordError { errors: missing })
    }
}

/// Scores one indicator: ladders summed, capped at the points, rounded once.
pub(crate) fn indicator(plan: &Plan, ind: &IndicatorPlan, record: &Record) -> Result<IndicatorScore, Box<DataError>> {
    let mut raw = Decimal::ZERO;
    for ladder in &ind.ladders {
        let amount = ladder_amount(ladder, record).map_err(|f| Box::new(fault(plan, ind, f)))?;
        raw = exact::add(raw, amount).ok_or_else(|| Box::new(overflow(plan, ind)))?;
    }
    finish(plan, ind, raw)
}

/// Caps a raw deduction to [0, points] and rounds the score.
pub(crate) fn finish(plan: &Plan, ind: &IndicatorPlan, raw: Decimal) -> Result<IndicatorScore, Box<DataError>> {
    // Nothing deducted and nothing to round: the common case, without rounding work.
    if raw <= Decimal::ZERO && ind.points.scale() <= plan.rounding.places {
        return Ok(IndicatorScore { points: ind.points, deduction: Decimal::ZERO, score: ind.points });
    }
    let capped = raw.max(Decimal::ZERO).min(ind.points);
    let kept = exact::sub(ind.points, capped).ok_or_else(|| Box::new(overflow(plan, ind)))?;
    let score = kept.round_dp_with_strategy(plan.rounding.places, plan.rounding.strategy);
    let deduction = exact::sub(ind.points, score).ok_or_else(|| Box::new(overflow(plan, ind)))?;
    Ok(IndicatorScore { points: ind.points, deduction, score })
}

/// The deduction of one ladder: the most severe matching tier, or all of them if cumulative.
fn ladder_amount(ladder: &Ladder, record: &Record) -> Result<Decimal, Fault> {
    let x = record.get(ladder.subject).ok_or(Fault::Overflow)?;
    let mut amount = Decimal::ZERO;
    for tier in &ladder.tiers {
        if let Some(a) = tier_amount(tier, x, record)? {
            amount = if ladder.cumulative { exact::add(amount, a).ok_or(Fault::Overflow)? } else { amount.max(a) };
        }
    }
    Ok(amount)
}

/// The deduction of one tier for subject value `x`, or `None` if it does not fire.
pub(crate) fn tier_amount(tier: &TierPlan, x: Decimal, record: &Record) -> Result<Option<Decimal>, Fault> {
    let fired = match tier.test {
        TestPlan::Fixed { cmp, threshold } => holds(cmp, x, threshold),
        TestPlan::ShareOf { cmp, threshold: Some(t), .. } => holds(cmp, x, t),
        TestPlan::ShareOf { cmp, factor, base, threshold: None } => {
            let b = positive(base, record)?;
            holds(cmp, x, exact::mul(factor, b).ok_or(Fault::Overflow)?)
        }
        TestPlan::Deviation { inclusive: false, bounds: Some((lo, hi)), .. } => x < lo || x > hi,
        TestPlan::Deviation { inclusive: true, bounds: Some((lo, hi)), .. } => x <= lo || x >= hi,
        TestPlan::Deviation { inclusive, factor, base, bounds: None } => {
            let b = positive(base, record)?;
            let diff = exact::sub(x, b).ok_or(Fault::Overflow)?.abs();
            let tolerance = exact::mul(factor, b).ok_or(Fault::Overflow)?;
            if inclusive {
                diff >= tolerance
            } else {
                diff > tolerance
            }
        }
        TestPlan::PerStep { step, per } => {
            let steps = exact::whole_steps(x, step).ok_or(Fault::Overflow)?;
            if steps <= Decimal::ZERO {
                return Ok(None);
            }
            return exact::mul(steps, per).ok_or(Fault::Overflow).map(Some);
        }
    };
    Ok(fired.then_some(tier.deduct))
}

/// Whether `x cmp threshold` holds.
pub(crate) fn holds(cmp: Cmp, x: Decimal, threshold: Decimal) -> bool {
    match cmp {
        Cmp::Lt => x < threshold,
        Cmp::Le => x <= threshold,
        Cmp::Gt => x > threshold,
        Cmp::Ge => x >= threshold,
    }
}

/// The value of a baseline, which must be above zero.
pub(crate) fn operand(base: Operand, record: &Record) -> Result<Decimal, Fault> {
    match base {
        Operand::Const(v) => Ok(v),
        Operand::Input(slot) => record.get(slot).ok_or(Fault::Overflow),
    }
}

fn positive(base: Operand, record: &Record) -> Result<Decimal, Fault> {
    let v = operand(base, record)?;
    if v <= Decimal::ZERO {
        Err(Fault::Baseline(base, v))
    } else {
        Ok(v)
    }
}

/// Turns a fault into a data error naming the indicator and the input.
pub(crate) fn fault(plan: &Plan, ind: &IndicatorPlan, f: Fault) -> DataError {
    match f {
        Fault::Overflow => overflow(plan, ind),
        Fault::Baseline(base, value) => {
            let errors = Errors::new(plan);
            let (name, shown, slot) = match base {
                Operand::Input(slot) => {
                    let spec = plan.inputs.get(slot);
                    let shown = spec
                        .and_then(|s| {
                            s.unit.from_base(value).map(|v| format!("{}{}", format::grouped(v), s.unit.display()))
                        })
                        .unwrap_or_else(|| format::grouped(value));
                    (spec.map(|s| s.name.clone()).unwrap_or_default(), shown, Some(slot))
                }
                Operand::Const(_) => (String::new(), format::grouped(value), None),
            };
            let kind = DataErrorKind::BadBaseline { base: name, value: shown };
            let mut e = match slot {
                Some(slot) => errors.input(slot, kind),
                None => DataError { kind, input: None, indicators: Vec::new(), lang: plan.lang },
            };
            e.indicators = vec![ind.name.clone()];
            e
        }
    }
}

fn overflow(plan: &Plan, ind: &IndicatorPlan) -> DataError {
    DataError { kind: DataErrorKind::Overflow, input: None, indicators: vec![ind.name.clone()], lang: plan.lang }
}
