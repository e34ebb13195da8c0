//! Scoring a record against a compiled plan. This is the hot path: no
//! allocation beyond the result, no string lookups, checked decimals only.

pub(crate) mod assessor;
mod derive;
pub(crate) mod rules;
mod tier;

use rust_decimal::Decimal;
use scorecard_syntax::ast::NaPolicy;

pub(crate) use derive::{constant, working};
pub(crate) use tier::{calendar_distance, distance, operand, passing, statement_amount, test, tier_amount};

use crate::error::{DataError, DataErrorKind, RecordError};
use crate::plan::{IndicatorPlan, Ladder, Operand, Plan, TestPlan};
use crate::record::{Errors, Record};
pub(crate) use crate::scores::{IndicatorScore, Scores, Status};
use crate::{exact, number};

/// Why a rule could not be evaluated.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Fault {
    /// A ratio or deviation baseline ≤ 0.
    Baseline(Operand, Decimal),
    /// A division by zero in a formula.
    DivideByZero,
    /// Checked arithmetic overflowed.
    Overflow,
}

thread_local! {
    /// A record to fill in derived values on this thread, kept between calls
    /// so that scoring allocates nothing per record but its result.
    static SCRATCH: std::cell::Cell<Option<Record>> = const { std::cell::Cell::new(None) };
}

/// Scores every indicator of `record`.
pub(crate) fn score(plan: &Plan, record: &Record) -> Result<Scores, RecordError> {
    let na = check(plan, record)?;
    if !derive::any(plan) {
        return score_values(plan, record);
    }
    SCRATCH.with(|scratch| {
        let mut values = scratch.take().unwrap_or_else(|| record.clone());
        values.clone_from(record);
        let scored = derive::fill(plan, &mut values, &na).and_then(|()| score_values(plan, &values));
        scratch.set(Some(values));
        scored
    })
}

/// Checks that every required input is present and fills in derived values.
/// Inputs read only by indicators that are not applicable in this record are
/// not required.
pub(crate) fn prepare<'r>(plan: &Plan, record: &'r Record) -> Result<std::borrow::Cow<'r, Record>, RecordError> {
    let na = check(plan, record)?;
    if !derive::any(plan) {
        return Ok(std::borrow::Cow::Borrowed(record));
    }
    let mut values = record.clone();
    derive::fill(plan, &mut values, &na)?;
    Ok(std::borrow::Cow::Owned(values))
}

/// Checks that the record belongs to the plan and that every input an
/// applicable indicator reads is present; returns which indicators are not applicable.
fn check(plan: &Plan, record: &Record) -> Result<NotApplicable, RecordError> {
    if !record.belongs_to(plan) {
        return Err(RecordError::from(Errors::new(plan).record_error(DataErrorKind::WrongScorecard)));
    }
    let na = NotApplicable::of(plan, record);
    check_present(plan, record, &na)?;
    Ok(na)
}

/// The indicators a record marks not applicable: a bit set on the stack for
/// up to 128 indicators, so that scoring allocates nothing for it.
pub(crate) enum NotApplicable {
    /// Bit `i` set: indicator `i` is not applicable.
    Small(u128),
    /// For larger scorecards.
    Large(Vec<bool>),
}

impl NotApplicable {
    fn of(plan: &Plan, record: &Record) -> NotApplicable {
        let marked = |i: &IndicatorPlan| i.not_applicable.is_some_and(|s| record.get(s) == Some(Decimal::ONE));
        if plan.indicators.len() > 128 {
            return NotApplicable::Large(plan.indicators.iter().map(marked).collect());
        }
        let bits =
            plan.indicators.iter().enumerate().filter(|(_, i)| marked(i)).fold(0u128, |bits, (at, _)| {
                bits | 1u128.checked_shl(u32::try_from(at).unwrap_or(u32::MAX)).unwrap_or(0)
            });
        NotApplicable::Small(bits)
    }

    fn contains(&self, indicator: usize) -> bool {
        match self {
            NotApplicable::Small(bits) => {
                u32::try_from(indicator).ok().and_then(|at| bits.checked_shr(at)).is_some_and(|b| b & 1 == 1)
            }
            NotApplicable::Large(flags) => flags.get(indicator).copied().unwrap_or(false),
        }
    }
}

/// Whether some applicable indicator reads the slot.
pub(crate) fn needed(used_by: &[usize], na: &NotApplicable) -> bool {
    used_by.iter().any(|i| !na.contains(*i))
}

/// Scores a record whose derived values are filled in.
pub(crate) fn score_values(plan: &Plan, values: &Record) -> Result<Scores, RecordError> {
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    let mut total = Decimal::ZERO;
    let mut disqualified = false;
    let mut errors = Vec::new();
    for ind in &plan.indicators {
        let s = match indicator(plan, ind, values) {
            Ok(s) => s,
            Err(e) => {
                // Keep going: every indicator's problem is reported at once.
                errors.push(*e);
                continue;
            }
        };
        total =
            if total.is_zero() { s.score } else { exact::add(total, s.score).ok_or_else(|| overflow(plan, ind))? };
        disqualified |= s.disqualifies;
        indicators.push(s);
    }
    if !errors.is_empty() {
        return Err(RecordError::new(errors));
    }
    if plan.na_policy == NaPolicy::Rescale && indicators.iter().any(|s| s.status == Status::NotApplicable) {
        total = rescaled(plan, &indicators).ok_or_else(|| RecordError::from(overflow_total(plan)))?;
    }
    Ok(Scores { total, indicators, disqualified })
}

/// The total when not-applicable indicators are left out: the applicable
/// scores scaled up to the full score, rounded once.
fn rescaled(plan: &Plan, scores: &[IndicatorScore]) -> Option<Decimal> {
    let applicable = scores.iter().filter(|s| s.status != Status::NotApplicable);
    let (mut got, mut possible) = (Decimal::ZERO, Decimal::ZERO);
    for s in applicable {
        got = exact::add(got, s.score)?;
        possible = exact::add(possible, s.points)?;
    }
    if possible.is_zero() {
        return Some(plan.total);
    }
    let scaled = exact::mul(got, plan.total)?.checked_div(possible)?;
    Some(scaled.round_dp_with_strategy(plan.rounding.places, plan.rounding.strategy))
}

/// Every input some indicator reads must be present.
fn check_present(plan: &Plan, record: &Record, na: &NotApplicable) -> Result<(), RecordError> {
    let errors = Errors::new(plan);
    let missing: Vec<DataError> = plan
        .inputs
        .iter()
        .enumerate()
        .filter(|(slot, spec)| {
            spec.derived.is_none() && !spec.optional && needed(&spec.used_by, na) && record.get(*slot).is_none()
        })
        .map(|(slot, _)| errors.input(slot, DataErrorKind::Missing))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(RecordError::new(missing))
    }
}

/// Scores one indicator: base score (points, or its `得分` rules), less
/// deductions and the discretionary deduction, plus bonuses; capped to
/// [0, points] (or above, when bonuses may exceed) and rounded once.
pub(crate) fn indicator(plan: &Plan, ind: &IndicatorPlan, record: &Record) -> Result<IndicatorScore, Box<DataError>> {
    let fail = |f: Fault| Box::new(fault(plan, ind, f));
    if let Some(mut status) = rules::special(plan, ind, record).map_err(fail)? {
        if status.status == Status::Vetoed {
            // Another veto that fires may disqualify even when this one only zeroes.
            status.disqualifies |= rules::disqualifying(ind, record).map_err(fail)?.is_some();
        }
        return Ok(status);
    }
    if let (Some(outcomes), Some(ladder)) = (&ind.outcomes, plain_ladder(ind)) {
        let fired = tier::most_severe(ladder, record).map_err(fail)?;
        let mut s = *outcomes.get(fired).ok_or_else(|| fail(Fault::Overflow))?;
        s.disqualifies = rules::disqualifying(ind, record).map_err(fail)?.is_some();
        return Ok(s);
    }
    let base = rules::base_score(plan, ind, record)?;
    let mut raw = base;
    for st in &ind.deductions {
        let amount = tier::statement_amount(st, record).map_err(fail)?;
        if !amount.is_zero() {
            raw = exact::sub(raw, amount).ok_or_else(|| fail(Fault::Overflow))?;
        }
    }
    for st in &ind.bonuses {
        let amount = tier::statement_amount(st, record).map_err(fail)?;
        if !amount.is_zero() {
            raw = exact::add(raw, amount).ok_or_else(|| fail(Fault::Overflow))?;
        }
    }
    if let Some(d) = rules::discretionary(plan, ind, record)? {
        raw = exact::sub(raw, d).ok_or_else(|| fail(Fault::Overflow))?;
    }
    let mut s = finish(plan, ind, raw)?;
    s.disqualifies = rules::disqualifying(ind, record).map_err(fail)?.is_some();
    Ok(s)
}

/// The ladder of an indicator scored by one plain ladder (see
/// `IndicatorPlan::outcomes`), or `None`.
fn plain_ladder(ind: &IndicatorPlan) -> Option<&Ladder> {
    let plain = ind.scores.is_empty() && ind.bonuses.is_empty() && ind.discretionary.is_none();
    match (plain, ind.deductions.as_slice()) {
        (true, [st]) => match st.ladders.as_slice() {
            [ladder]
                if !ladder.cumulative
                    && ladder
                        .tiers
                        .iter()
                        .all(|t| !matches!(t.test, TestPlan::PerStep { .. } | TestPlan::Each { .. })) =>
            {
                Some(ladder)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The precomputed results of a plainly scored indicator: no tier fired,
/// then tier `i` gave the deduction. Worked out by the same steps as
/// [`indicator`]; `None` (scoring takes the general path) if the indicator
/// is not plain or a result cannot be computed exactly.
pub(crate) fn outcomes(plan: &Plan, ind: &IndicatorPlan) -> Option<Vec<IndicatorScore>> {
    let ladder = plain_ladder(ind)?;
    let cap = ind.deductions.first()?.cap;
    let result = |amount: Decimal| {
        let amount = cap.map_or(amount, |cap| exact::min(amount, cap));
        let raw = if amount.is_zero() { ind.points } else { exact::sub(ind.points, amount)? };
        finish(plan, ind, raw).ok()
    };
    std::iter::once(Decimal::ZERO).chain(ladder.tiers.iter().map(|t| t.deduct)).map(result).collect()
}

/// Caps a raw score to [0, points] (or [0, ∞) when bonuses may exceed) and rounds it once.
pub(crate) fn finish(plan: &Plan, ind: &IndicatorPlan, raw: Decimal) -> Result<IndicatorScore, Box<DataError>> {
    let scored = |score, deduction| IndicatorScore {
        points: ind.points,
        deduction,
        score,
        status: Status::Scored,
        disqualifies: false,
    };
    // Nothing deducted and nothing to round: the common case, without rounding work.
    if raw == ind.points && ind.points.scale() <= plan.rounding.places {
        return Ok(scored(ind.points, Decimal::ZERO));
    }
    let floored = exact::max(raw, Decimal::ZERO);
    let kept = if plan.bonus_may_exceed { floored } else { exact::min(floored, ind.points) };
    let score = kept.round_dp_with_strategy(plan.rounding.places, plan.rounding.strategy).normalize();
    let deduction = exact::sub(ind.points, score).ok_or_else(|| Box::new(overflow(plan, ind)))?;
    Ok(scored(score, deduction))
}

/// Turns a fault into a data error naming the indicator and the input.
pub(crate) fn fault(plan: &Plan, ind: &IndicatorPlan, f: Fault) -> DataError {
    match f {
        Fault::Overflow => overflow(plan, ind),
        Fault::DivideByZero => DataError {
            kind: DataErrorKind::DivideByZero { name: ind.name.clone() },
            input: None,
            indicators: vec![ind.name.clone()],
            lang: plan.lang,
        },
        Fault::Baseline(base, value) => {
            let errors = Errors::new(plan);
            let (name, shown, slot) = match base {
                Operand::Input(slot) => {
                    let spec = plan.inputs.get(slot);
                    let shown = spec
                        .and_then(|s| {
                            s.unit.from_base(value).map(|v| format!("{}{}", number::grouped(v), s.unit.display()))
                        })
                        .unwrap_or_else(|| number::grouped(value));
                    (spec.map(|s| s.name.clone()).unwrap_or_default(), shown, Some(slot))
                }
                Operand::Const(_) => (String::new(), number::grouped(value), None),
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

fn overflow_total(plan: &Plan) -> DataError {
    DataError { kind: DataErrorKind::Overflow, input: None, indicators: Vec::new(), lang: plan.lang }
}
