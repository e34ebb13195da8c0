//! A step-by-step trace of how a record was scored, with what-if guidance:
//! for each indicator that lost points, the measurement it would have needed
//! to reach the next better tier.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Cmp;
use scorecard_syntax::Lang;
use serde::Serialize;

use super::ladder::shown_in;
use crate::eval::{self, Fault};
use crate::number;
use crate::plan::{IndicatorPlan, InputSpec, Ladder, Plan, TestPlan, TierPlan};
use crate::record::Record;

/// How one record was scored, indicator by indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Trace {
    /// One entry per indicator, in table order.
    pub indicators: Vec<IndicatorTrace>,
}

/// The steps for one indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct IndicatorTrace {
    /// The indicator's name.
    pub name: String,
    /// The inputs and derived values it read, as `name = value`.
    pub inputs: Vec<String>,
    /// Each tier tested: its text and whether it held.
    pub tiers: Vec<TierStep>,
    /// What would have been needed to lose fewer points, one sentence per ladder that cost points.
    pub what_if: Vec<String>,
}

/// One tier as tested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TierStep {
    /// The tier as written.
    pub text: String,
    /// Whether its condition held.
    pub held: bool,
    /// Points it would deduct (or add), when it held.
    #[serde(serialize_with = "crate::json::serialize_option")]
    pub amount: Option<Decimal>,
}

/// Traces every scored indicator of a record whose derived values are
/// filled in (not-applicable and vetoed indicators read nothing further).
pub(crate) fn trace(
    plan: &Plan,
    record: &Record,
    scores: &crate::scores::Scores,
) -> Result<Trace, Box<crate::error::DataError>> {
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    for ((index, ind), score) in plan.indicators.iter().enumerate().zip(&scores.indicators) {
        if score.status != crate::scores::Status::Scored {
            continue;
        }
        indicators.push(indicator(plan, index, ind, record).map_err(|f| Box::new(eval::fault(plan, ind, f)))?);
    }
    Ok(Trace { indicators })
}

fn indicator(plan: &Plan, index: usize, ind: &IndicatorPlan, record: &Record) -> Result<IndicatorTrace, Fault> {
    let inputs = plan
        .inputs
        .iter()
        .enumerate()
        .filter(|(_, s)| s.used_by.contains(&index))
        .filter_map(|(slot, s)| Some(format!("{} = {}", s.name, super::list::shown(s, slot, record, plan.lang)?)))
        .collect();
    let mut tiers = Vec::new();
    let mut what_if = Vec::new();
    // A hint promises saved points only when its ladder is the one thing
    // lowering the score; otherwise it says what this rule alone needed.
    let mut lowering = 0usize;
    let deduction_ladders = ind.deductions.iter().map(|s| s.ladders.len()).sum::<usize>();
    for (i, ladder) in ind.deductions.iter().chain(&ind.bonuses).flat_map(|s| &s.ladders).enumerate() {
        let x = record.get(ladder.subject).ok_or(Fault::Overflow)?;
        let mut lowers = false;
        for tier in &ladder.tiers {
            let amount = eval::tier_amount(tier, x, record)?;
            lowers |= i < deduction_ladders && amount.is_some_and(|a| a > Decimal::ZERO);
            tiers.push(TierStep { text: tier.span.text(&plan.source).to_owned(), held: amount.is_some(), amount });
        }
        lowering = lowering.saturating_add(usize::from(lowers));
    }
    let alone = lowering <= 1 && ind.scores.is_empty() && ind.discretionary.is_none();
    for ladder in ind.deductions.iter().flat_map(|s| &s.ladders).filter(|l| !l.cumulative) {
        if let Some(hint) = ladder_hint(plan, ladder, record, alone)? {
            what_if.push(hint);
        }
    }
    Ok(IndicatorTrace { name: ind.name.clone(), inputs, tiers, what_if })
}

/// The value a ladder's subject needed to escape its most severe tier.
fn ladder_hint(plan: &Plan, ladder: &Ladder, record: &Record, alone: bool) -> Result<Option<String>, Fault> {
    let spec = plan.inputs.get(ladder.subject).ok_or(Fault::Overflow)?;
    let x = record.get(ladder.subject).ok_or(Fault::Overflow)?;
    let mut fired: Vec<(&TierPlan, Decimal)> = Vec::new();
    for tier in &ladder.tiers {
        if let Some(a) = eval::tier_amount(tier, x, record)? {
            fired.push((tier, a));
        }
    }
    let Some((worst, amount)) = fired.iter().copied().max_by(|a, b| a.1.cmp(&b.1)) else { return Ok(None) };
    let next = fired.iter().filter(|(t, a)| !std::ptr::eq(*t, worst) && *a < amount).map(|(_, a)| *a).max();
    let Some(need) = needed(plan, spec, worst, record)? else { return Ok(None) };
    let (a, n) = (number::plain(amount), next.map(number::plain));
    if !alone {
        return Ok(Some(match (plan.lang, n) {
            (Lang::Zh, None) => format!("{need}，本条方不扣分（本项另有其他扣分，得分未必提高）"),
            (Lang::Zh, Some(n)) => format!("{need}，本条方只扣 {n} 分（本项另有其他扣分，得分未必提高）"),
            (Lang::En, None) => {
                format!("{need} for this rule not to deduct (other rules of this indicator also deduct)")
            }
            (Lang::En, Some(n)) => {
                format!("{need} for this rule to deduct {n} (other rules of this indicator also deduct)")
            }
        }));
    }
    Ok(Some(match (plan.lang, n) {
        (Lang::Zh, None) => format!("{need}方可免扣 {a} 分"),
        (Lang::Zh, Some(n)) => format!("{need}方可只扣 {n} 分（而非 {a} 分）"),
        (Lang::En, None) => format!("{need} to avoid the {a}-point deduction"),
        (Lang::En, Some(n)) => format!("{need} to lose {n} points instead of {a}"),
    }))
}

/// What the subject needed so that `tier` would not hold, in words.
fn needed(plan: &Plan, spec: &InputSpec, tier: &TierPlan, record: &Record) -> Result<Option<String>, Fault> {
    let lang = plan.lang;
    let bound = |cmp: Cmp, t: Decimal| -> Option<String> {
        let v = shown_in(spec, t, lang);
        let (zh, en) = match cmp {
            Cmp::Lt => ("≥", "at least"),
            Cmp::Le => (">", "above"),
            Cmp::Gt => ("≤", "at most"),
            Cmp::Ge => ("<", "below"),
            Cmp::Eq => return None,
        };
        Some(lang.pick(format!("（{zh}{v}）"), format!("{en} {v}")))
    };
    Ok(match &tier.test {
        TestPlan::Fixed { cmp, threshold } => bound(*cmp, *threshold).map(|b| match lang {
            Lang::Zh => format!("{}需{}", spec.name, b.trim_start_matches('（').trim_end_matches('）')),
            Lang::En => format!("`{}` needed {b}", spec.name),
        }),
        TestPlan::ShareOf { cmp, factor, base, .. } => {
            let b = eval::operand(*base, record)?;
            let t = crate::exact::mul(*factor, b).ok_or(Fault::Overflow)?;
            let share = format!("{}%", number::plain(factor.checked_mul(Decimal::ONE_HUNDRED).ok_or(Fault::Overflow)?));
            let base_name = tier.base_name.as_deref().unwrap_or("");
            bound(*cmp, t).map(|b| match lang {
                Lang::Zh => format!("{}需达到{base_name}的{share}{b}", spec.name),
                Lang::En => format!("`{}` needed {b} ({share} of {base_name})", spec.name),
            })
        }
        TestPlan::Deviation { factor, base, inclusive, .. } => {
            let b = eval::operand(*base, record)?;
            let tol = crate::exact::mul(*factor, b).ok_or(Fault::Overflow)?;
            let lo = shown_in(spec, crate::exact::sub(b, tol).ok_or(Fault::Overflow)?, lang);
            let hi = shown_in(spec, crate::exact::add(b, tol).ok_or(Fault::Overflow)?, lang);
            // With `（含）` a deviation of exactly the tolerance still holds,
            // so the two ends are not enough.
            Some(match (lang, inclusive) {
                (Lang::Zh, false) => format!("{}需控制在 {lo}～{hi} 之内", spec.name),
                (Lang::Zh, true) => format!("{}需控制在 {lo}～{hi} 之间（不含两端）", spec.name),
                (Lang::En, false) => format!("`{}` needed to stay within {lo} to {hi}", spec.name),
                (Lang::En, true) => format!("`{}` needed to stay strictly between {lo} and {hi}", spec.name),
            })
        }
        _ => None,
    })
}
