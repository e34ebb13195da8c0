//! Explaining a per-step tier: how far the value lies from its reference
//! (or from zero), the step in the input's unit, how many steps counted.
//! `完成率 95.5%，比 100% 低 4.5 个百分点，每低 1 个百分点扣 1 分，不足 1 个百分点的部分不计`;
//! a value on the side that does not count says so: `未低于 100%`.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Sign;
use scorecard_syntax::Lang;

use super::condition;
use super::phrase::{self, Measure, Side};
use crate::eval::{self, Fault};
use crate::number;
use crate::plan::{InputSpec, Plan, TestPlan, TierPlan};
use crate::record::Record;

/// The words of a per-step tier after its subject's value, e.g.
/// `比 100% 低 4.5 个百分点，每低 1 个百分点扣 1 分`; empty for a tier that is
/// not per-step.
pub(super) fn relation(
    plan: &Plan,
    spec: &InputSpec,
    tier: &TierPlan,
    x: Decimal,
    record: &Record,
    sign: Sign,
) -> Result<String, Fault> {
    let TestPlan::PerStep { step, per, from, relative, pro_rata, calendar } = tier.test else {
        return Ok(String::new());
    };
    let lang = plan.lang;
    let (dist, step_abs) = if calendar {
        (eval::calendar_distance(x, from, record)?, step)
    } else {
        eval::distance(x, step, from, relative, record)?
    };
    let unit = Unit::of(spec, calendar);
    let side = from.map(|(_, dir)| Side { dir, measure: Measure::of(spec.unit) });
    let mut out = Vec::new();
    if let (Some((reference, _)), Some(side)) = (from, side) {
        let r = eval::operand(reference, record)?;
        let reference = condition::operand(plan, spec, reference, r, tier.base_name.as_deref());
        if dist <= Decimal::ZERO {
            return Ok(phrase::not_past(lang, side, &reference));
        }
        // Calendar months are counted whole: `晚 2 个整月`, not the days beyond.
        let shown = match unit {
            Unit::Months => {
                lang.pick(format!("{} 个整月", number::plain(dist)), format!("{} whole months", number::plain(dist)))
            }
            _ => unit.amount(spec, dist, lang),
        };
        out.push(phrase::distance(lang, side, &reference, &shown));
    } else if dist <= Decimal::ZERO {
        return Ok(String::new());
    }
    let one = !relative && unit.is_one(spec, step_abs);
    let step_text = written_step(spec, tier, step_abs, lang, from.is_none());
    out.push(phrase::per_step(lang, side, &step_text, per, sign));
    let counted = if pro_rata && !calendar {
        dist.checked_div(step_abs).map(eval::working).ok_or(Fault::Overflow)?
    } else {
        crate::exact::whole_steps(dist, step_abs).ok_or(Fault::Overflow)?
    };
    if one && from.is_none() {
        out.push(phrase::count(lang, dist, unit.word(spec, lang)));
    } else if !one {
        let ratio = dist.checked_div(step_abs).map(eval::working).ok_or(Fault::Overflow)?;
        let step_shown = unit.amount(spec, step_abs, lang);
        out.push(phrase::steps(&unit.amount(spec, dist, lang), &step_shown, &shown_ratio(ratio, lang)));
    }
    if counted != dist.checked_div(step_abs).map(eval::working).unwrap_or(counted) {
        out.push(phrase::part_step_dropped(lang, &unit.amount(spec, step_abs, lang)));
    } else if pro_rata && !counted.fract().is_zero() {
        out.push(phrase::part_step_pro_rata(lang));
    }
    Ok(phrase::list(lang, &out))
}

/// One step as advice writes it: `1 个百分点`, `10%（10亩）`, `1次`.
pub(super) fn step_text(plan: &Plan, spec: &InputSpec, tier: &TierPlan, record: &Record) -> Result<String, Fault> {
    let TestPlan::PerStep { step, from, relative, calendar, .. } = tier.test else { return Ok(String::new()) };
    let step_abs = if calendar { step } else { eval::distance(Decimal::ZERO, step, from, relative, record)?.1 };
    // Advice names the amount even for one unit: `每减少 1次`.
    Ok(written_step(spec, tier, step_abs, plan.lang, false))
}

/// One step as a sentence writes it: the unit alone for one unit counted
/// from zero (`次`, so `每次`).
fn written_step(spec: &InputSpec, tier: &TierPlan, step_abs: Decimal, lang: Lang, from_zero: bool) -> String {
    let TestPlan::PerStep { step, relative, calendar, .. } = tier.test else { return String::new() };
    let unit = Unit::of(spec, calendar);
    if relative {
        let share = step.checked_mul(Decimal::ONE_HUNDRED).map(number::plain).unwrap_or_default();
        let abs = unit.amount(spec, step_abs, lang);
        lang.pick(format!("{share}%（{abs}）"), format!("{share}% ({abs})"))
    } else if from_zero && unit.is_one(spec, step_abs) {
        unit.word(spec, lang).to_owned()
    } else {
        unit.amount(spec, step_abs, lang)
    }
}

/// A quotient for display: exact, or to 2 places with `约` / `about`.
fn shown_ratio(ratio: Decimal, lang: Lang) -> String {
    let rounded = ratio.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    if rounded == ratio {
        number::plain(ratio)
    } else {
        format!("{}{}", lang.pick("约 ", "about "), number::plain(rounded))
    }
}

/// How distances and steps of a subject are written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// Percentage points: `4.5 个百分点` / `4.5 pp`.
    Points,
    /// Days between dates: `4 天` / `4 days`.
    Days,
    /// Whole calendar months: `2 个月` / `2 months`.
    Months,
    /// The input's own unit: `30亩`, `3次`.
    Own,
}

impl Unit {
    fn of(spec: &InputSpec, calendar: bool) -> Unit {
        if calendar {
            Unit::Months
        } else if spec.unit.is_date() {
            Unit::Days
        } else if spec.unit.is_percent() {
            Unit::Points
        } else {
            Unit::Own
        }
    }

    /// An amount in base units, as a distance or step: `4.5 个百分点`, `30亩`.
    fn amount(self, spec: &InputSpec, d: Decimal, lang: Lang) -> String {
        let n = number::grouped(d);
        match self {
            Unit::Points => lang.pick(format!("{n} 个百分点"), format!("{n} pp")),
            Unit::Days if d == Decimal::ONE => lang.pick(format!("{n} 天"), format!("{n} day")),
            Unit::Days => lang.pick(format!("{n} 天"), format!("{n} days")),
            Unit::Months if d == Decimal::ONE => lang.pick(format!("{n} 个月"), format!("{n} month")),
            Unit::Months => lang.pick(format!("{n} 个月"), format!("{n} months")),
            Unit::Own => spec.shown(d),
        }
    }

    /// The word that counts one step of one unit: `个百分点`, `天`, `次`.
    fn word(self, spec: &InputSpec, lang: Lang) -> &'static str {
        match self {
            Unit::Points => lang.pick("个百分点", "pp"),
            Unit::Days => lang.pick("天", "days"),
            Unit::Months => lang.pick("个月", "months"),
            Unit::Own => spec.unit.display(),
        }
    }

    /// Whether `step` (in base units) is exactly one of the unit.
    fn is_one(self, spec: &InputSpec, step: Decimal) -> bool {
        match self {
            Unit::Own => spec.unit.from_base(step) == Some(Decimal::ONE),
            _ => step == Decimal::ONE,
        }
    }
}
