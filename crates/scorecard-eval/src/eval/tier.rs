//! Tests and tier amounts: the comparisons every rule is built from.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Cmp;

use super::Fault;
use crate::exact;
use crate::plan::{Dir, Ladder, Operand, StatementPlan, TestPlan, TierPlan};
use crate::record::Record;

/// What a statement deducts (or adds): its ladders summed, then capped.
pub(crate) fn statement_amount(st: &StatementPlan, record: &Record) -> Result<Decimal, Fault> {
    let mut sum = Decimal::ZERO;
    for ladder in &st.ladders {
        let amount = ladder_amount(ladder, record)?;
        if !amount.is_zero() {
            sum = if sum.is_zero() { amount } else { exact::add(sum, amount).ok_or(Fault::Overflow)? };
        }
    }
    Ok(st.cap.map_or(sum, |cap| exact::min(sum, cap)))
}

/// The amount of one ladder: the most severe matching tier, or all of them if cumulative.
pub(crate) fn ladder_amount(ladder: &Ladder, record: &Record) -> Result<Decimal, Fault> {
    let x = record.get(ladder.subject).ok_or(Fault::Overflow)?;
    let mut amount = Decimal::ZERO;
    for tier in &ladder.tiers {
        if let Some(a) = tier_amount(tier, x, record)? {
            amount =
                if ladder.cumulative { exact::add(amount, a).ok_or(Fault::Overflow)? } else { exact::max(amount, a) };
        }
    }
    Ok(amount)
}

/// Which tier of a plain ladder (no per-step tiers, not cumulative) gives
/// its deduction: 0 if none fires, else 1 + the index of the tier whose
/// amount [`ladder_amount`] would keep (the first of the largest). Every
/// tier is tested, so a test's fault is reported as it is there.
pub(crate) fn most_severe(ladder: &Ladder, record: &Record) -> Result<usize, Fault> {
    let x = record.get(ladder.subject).ok_or(Fault::Overflow)?;
    let (mut amount, mut fired) = (Decimal::ZERO, 0);
    for (i, tier) in ladder.tiers.iter().enumerate() {
        if test(&tier.test, x, record)? && exact::lt(amount, tier.deduct) {
            amount = tier.deduct;
            fired = i.saturating_add(1);
        }
    }
    Ok(fired)
}

/// The amount of one tier for subject value `x`, or `None` if it does not fire.
#[inline]
pub(crate) fn tier_amount(tier: &TierPlan, x: Decimal, record: &Record) -> Result<Option<Decimal>, Fault> {
    if let TestPlan::Each { slot, test: one } = &tier.test {
        let count = passing(one, record.list(*slot), record)?;
        if count == 0 {
            return Ok(None);
        }
        return exact::mul(Decimal::from(count), tier.deduct).ok_or(Fault::Overflow).map(Some);
    }
    if let TestPlan::PerStep { step, per, from, relative, pro_rata, calendar } = &tier.test {
        let (step, per, from, relative, pro_rata) = (*step, *per, *from, *relative, *pro_rata);
        if *calendar {
            return calendar_steps(x, step, per, from, record);
        }
        return per_step(x, step, per, from, relative, pro_rata, record);
    }
    Ok(test(&tier.test, x, record)?.then_some(tier.deduct))
}

/// Whether `x` passes a (non-per-step) test.
#[inline]
pub(crate) fn test(t: &TestPlan, x: Decimal, record: &Record) -> Result<bool, Fault> {
    Ok(match *t {
        TestPlan::Fixed { cmp, threshold } => holds(cmp, x, threshold),
        TestPlan::ShareOf { cmp, threshold: Some(t), .. } => holds(cmp, x, t),
        TestPlan::ShareOf { cmp, factor, base, threshold: None } => {
            let b = positive(base, record)?;
            match exact::cmp_product(x, factor, b) {
                Some(order) => is(cmp, order),
                None => holds(cmp, x, exact::mul(factor, b).ok_or(Fault::Overflow)?),
            }
        }
        TestPlan::Deviation { inclusive: false, bounds: Some((lo, hi)), .. } => {
            holds(Cmp::Lt, x, lo) || holds(Cmp::Gt, x, hi)
        }
        TestPlan::Deviation { inclusive: true, bounds: Some((lo, hi)), .. } => {
            holds(Cmp::Le, x, lo) || holds(Cmp::Ge, x, hi)
        }
        TestPlan::Deviation { inclusive, factor, base, bounds: None } => {
            let b = positive(base, record)?;
            let diff = exact::sub(x, b).ok_or(Fault::Overflow)?.abs();
            let tolerance = exact::mul(factor, b).ok_or(Fault::Overflow)?;
            holds(if inclusive { Cmp::Ge } else { Cmp::Gt }, diff, tolerance)
        }
        TestPlan::Range { lo, lo_inclusive, hi, hi_inclusive } => {
            holds(if lo_inclusive { Cmp::Ge } else { Cmp::Gt }, x, lo)
                && holds(if hi_inclusive { Cmp::Le } else { Cmp::Lt }, x, hi)
        }
        TestPlan::Always => true,
        TestPlan::All(ref parts) => {
            for (slot, part) in parts {
                if !test(part, record.get(*slot).ok_or(Fault::Overflow)?, record)? {
                    return Ok(false);
                }
            }
            true
        }
        TestPlan::PerStep { .. } | TestPlan::Each { .. } => false,
    })
}

/// How many of a list's readings pass `t`.
pub(crate) fn passing(t: &TestPlan, readings: &[Decimal], record: &Record) -> Result<usize, Fault> {
    let mut count = 0usize;
    for r in readings {
        if test(t, *r, record)? {
            count = count.saturating_add(1);
        }
    }
    Ok(count)
}

/// Points for each whole `step` of calendar months from the reference date to `x`.
fn calendar_steps(
    x: Decimal,
    step: Decimal,
    per: Decimal,
    from: Option<(Operand, Dir)>,
    record: &Record,
) -> Result<Option<Decimal>, Fault> {
    let months = calendar_distance(x, from, record)?;
    let steps = exact::whole_steps(months.max(Decimal::ZERO), step).ok_or(Fault::Overflow)?;
    if steps <= Decimal::ZERO {
        return Ok(None);
    }
    exact::mul(steps, per).ok_or(Fault::Overflow).map(Some)
}

/// Whole calendar months between the reference date and `x`, on the side that counts.
pub(crate) fn calendar_distance(x: Decimal, from: Option<(Operand, Dir)>, record: &Record) -> Result<Decimal, Fault> {
    let Some((reference, dir)) = from else { return Err(Fault::Overflow) };
    let day = |d: Decimal| i64::try_from(d.trunc().mantissa()).ok().filter(|_| d.scale() == 0 || d.fract().is_zero());
    let (r, v) = (day(operand(reference, record)?).ok_or(Fault::Overflow)?, day(x).ok_or(Fault::Overflow)?);
    let months = scorecard_syntax::date::months_between(r, v).ok_or(Fault::Overflow)?;
    let counted = match dir {
        Dir::Above => months,
        Dir::Below => months.checked_neg().ok_or(Fault::Overflow)?,
        Dir::Both => months.checked_abs().ok_or(Fault::Overflow)?,
    };
    Ok(Decimal::from(counted))
}

/// Points for each step of `x` (or of its distance from a reference).
fn per_step(
    x: Decimal,
    step: Decimal,
    per: Decimal,
    from: Option<(Operand, Dir)>,
    relative: bool,
    pro_rata: bool,
    record: &Record,
) -> Result<Option<Decimal>, Fault> {
    let (distance, step) = distance(x, step, from, relative, record)?;
    if distance <= Decimal::ZERO {
        return Ok(None);
    }
    let steps = if pro_rata {
        distance.checked_div(step).map(super::derive::working).ok_or(Fault::Overflow)?
    } else {
        exact::whole_steps(distance, step).ok_or(Fault::Overflow)?
    };
    if steps <= Decimal::ZERO {
        return Ok(None);
    }
    exact::mul(steps, per).ok_or(Fault::Overflow).map(Some)
}

/// The distance a per-step tier counts, and its step in base units.
pub(crate) fn distance(
    x: Decimal,
    step: Decimal,
    from: Option<(Operand, Dir)>,
    relative: bool,
    record: &Record,
) -> Result<(Decimal, Decimal), Fault> {
    let Some((reference, dir)) = from else { return Ok((x, step)) };
    let r = operand(reference, record)?;
    let d = match dir {
        Dir::Above => exact::sub(x, r),
        Dir::Below => exact::sub(r, x),
        Dir::Both => exact::sub(x, r).map(|d| d.abs()),
    }
    .ok_or(Fault::Overflow)?;
    let step = if relative { exact::mul(step, positive(reference, record)?).ok_or(Fault::Overflow)? } else { step };
    Ok((d, step))
}

/// Whether `x cmp threshold` holds.
#[inline]
pub(crate) fn holds(cmp: Cmp, x: Decimal, threshold: Decimal) -> bool {
    is(cmp, exact::cmp(x, threshold))
}

/// Whether an ordering satisfies `cmp`.
#[inline]
fn is(cmp: Cmp, order: std::cmp::Ordering) -> bool {
    match cmp {
        Cmp::Lt => order.is_lt(),
        Cmp::Le => order.is_le(),
        Cmp::Gt => order.is_gt(),
        Cmp::Ge => order.is_ge(),
        Cmp::Eq => order.is_eq(),
    }
}

/// The value of an operand.
#[inline]
pub(crate) fn operand(base: Operand, record: &Record) -> Result<Decimal, Fault> {
    match base {
        Operand::Const(v) => Ok(v),
        Operand::Input(slot) => record.get(slot).ok_or(Fault::Overflow),
    }
}

/// The value of a baseline, which must be above zero.
fn positive(base: Operand, record: &Record) -> Result<Decimal, Fault> {
    let v = operand(base, record)?;
    if v <= Decimal::ZERO {
        Err(Fault::Baseline(base, v))
    } else {
        Ok(v)
    }
}
