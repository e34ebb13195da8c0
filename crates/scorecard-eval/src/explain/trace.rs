//! A step-by-step trace of how a record was scored, with what-if guidance:
//! for each indicator that lost points, the measurement it would have needed
//! to reach the next better tier.

use rust_decimal::Decimal;
use scorecard_syntax::Span;
use serde::Serialize;

use super::advice;
use crate::eval::assessor::band_points;
use crate::eval::{self, rules as eval_rules, Fault, Status};
use crate::plan::{IndicatorPlan, Plan, ScorePlan};
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
    /// What would have been needed to lose fewer points or gain more, one
    /// sentence per rule that cost points.
    pub what_if: Vec<String>,
    /// The indicator's explanation, as the report gives it.
    pub explanation: String,
}

/// One rule as tested: a tier, a band, a formula, a grade mapping or a veto.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TierStep {
    /// The rule as written.
    pub text: String,
    /// Whether its condition held (a formula or a grade mapping always does).
    pub held: bool,
    /// Points it deducts, adds or gives, when it held.
    #[serde(serialize_with = "crate::json::serialize_option")]
    pub amount: Option<Decimal>,
    /// What kind of rule it is, which says what `amount` means.
    pub kind: StepKind,
}

/// What a [`TierStep`]'s amount means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepKind {
    /// A `评分` tier: points deducted.
    Deduct,
    /// A `加分` tier: points added.
    Add,
    /// A `得分` band, formula or grade mapping: points given.
    Score,
    /// A veto: when it holds the indicator scores 0 (or the scorecard is disqualified).
    Veto,
}

/// Traces every indicator of a record whose derived values are filled in:
/// a vetoed indicator shows the veto that held, a not-applicable one why.
pub(crate) fn trace(
    plan: &Plan,
    record: &Record,
    scores: &crate::scores::Scores,
) -> Result<Trace, Box<crate::error::DataError>> {
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    for ((index, ind), score) in plan.indicators.iter().enumerate().zip(&scores.indicators) {
        let explained = super::indicator(plan, ind, record, score)?;
        let mut t = match score.status {
            Status::Scored => {
                indicator(plan, index, ind, record, score.score).map_err(|f| Box::new(eval::fault(plan, ind, f)))?
            }
            Status::Vetoed => vetoed(plan, index, ind, record).map_err(|f| Box::new(eval::fault(plan, ind, f)))?,
            Status::NotApplicable => traced(plan, index, ind, record, Vec::new(), Vec::new()),
        };
        t.explanation = explained.sentence;
        indicators.push(t);
    }
    Ok(Trace { indicators })
}

/// `name = value` for every input the indicator reads.
fn inputs(plan: &Plan, index: usize, record: &Record) -> Vec<String> {
    plan.inputs
        .iter()
        .enumerate()
        .filter(|(_, s)| s.used_by.contains(&index))
        .filter_map(|(slot, s)| Some(format!("{} = {}", s.name, super::list::shown(plan, s, slot, record)?)))
        .collect()
}

/// A vetoed indicator: its vetoes as tested, up to the one that held.
fn vetoed(plan: &Plan, index: usize, ind: &IndicatorPlan, record: &Record) -> Result<IndicatorTrace, Fault> {
    let mut tiers = Vec::new();
    let mut what_if = Vec::new();
    for v in ind.vetoes.iter().filter(|v| v.zero) {
        let held = eval::test(&v.test, record.get(v.subject).ok_or(Fault::Overflow)?, record)?;
        tiers.push(step(plan, v.span, held, None, StepKind::Veto));
        if held {
            what_if.extend(advice::veto(plan, v, record)?);
            break;
        }
    }
    Ok(traced(plan, index, ind, record, tiers, what_if))
}

/// An indicator's trace, its explanation still to be filled in.
fn traced(
    plan: &Plan,
    index: usize,
    ind: &IndicatorPlan,
    record: &Record,
    tiers: Vec<TierStep>,
    what_if: Vec<String>,
) -> IndicatorTrace {
    IndicatorTrace {
        name: ind.name.clone(),
        inputs: inputs(plan, index, record),
        tiers,
        what_if,
        explanation: String::new(),
    }
}

fn step(plan: &Plan, span: Span, held: bool, amount: Option<Decimal>, kind: StepKind) -> TierStep {
    TierStep { text: span.text(&plan.source).to_owned(), held, amount, kind }
}

fn indicator(
    plan: &Plan,
    index: usize,
    ind: &IndicatorPlan,
    record: &Record,
    score: Decimal,
) -> Result<IndicatorTrace, Fault> {
    let mut tiers = Vec::new();
    let mut what_if = Vec::new();
    for (s, span) in &ind.scores {
        score_steps(plan, ind, s, *span, record, &mut tiers, &mut what_if)?;
    }
    // A hint promises saved points only when its ladder is the one thing
    // lowering the score; otherwise it says what this rule alone needed.
    let mut lowering = 0usize;
    let deduction_ladders = ind.deductions.iter().map(|s| s.ladders.len()).sum::<usize>();
    for (i, ladder) in ind.deductions.iter().chain(&ind.bonuses).flat_map(|s| &s.ladders).enumerate() {
        let x = record.get(ladder.subject).ok_or(Fault::Overflow)?;
        let mut lowers = false;
        let kind = if i < deduction_ladders { StepKind::Deduct } else { StepKind::Add };
        for tier in &ladder.tiers {
            let amount = eval::tier_amount(tier, x, record)?;
            lowers |= i < deduction_ladders && amount.is_some_and(|a| a > Decimal::ZERO);
            tiers.push(step(plan, tier.span, amount.is_some(), amount, kind));
        }
        lowering = lowering.saturating_add(usize::from(lowers));
    }
    for v in &ind.vetoes {
        let held = eval::test(&v.test, record.get(v.subject).ok_or(Fault::Overflow)?, record)?;
        tiers.push(step(plan, v.span, held, None, StepKind::Veto));
    }
    let alone = lowering <= 1 && ind.scores.is_empty() && ind.discretionary.is_none();
    for st in &ind.deductions {
        // One step less saves its points only when nothing else bounds the
        // deduction: no other rule lowering the score, no cap reached, the
        // points not used up.
        let capped = match st.cap {
            // The capped amount equals the cap once the tiers reach it.
            Some(cap) => eval::statement_amount(st, record)? >= cap,
            None => false,
        };
        let sure = alone && !capped && score > Decimal::ZERO;
        for ladder in &st.ladders {
            if !ladder.cumulative {
                what_if.extend(advice::ladder(plan, ladder, record, alone)?);
            }
            what_if.extend(advice::per_step(plan, ladder, record, sure)?);
        }
    }
    Ok(traced(plan, index, ind, record, tiers, what_if))
}

/// The steps of a `得分` statement and the advice for a better score.
fn score_steps(
    plan: &Plan,
    ind: &IndicatorPlan,
    s: &ScorePlan,
    span: Span,
    record: &Record,
    tiers: &mut Vec<TierStep>,
    what_if: &mut Vec<String>,
) -> Result<(), Fault> {
    match s {
        ScorePlan::Bands { bands, cumulative, assessed } => {
            for band in bands {
                let held = eval_rules::band_holds(band, record)?;
                // A range band gives what the assessor chose, or what `未评定时` took.
                let points = match held {
                    true => Some(band_points(plan, ind, band, *assessed, record).map_err(|_| Fault::Overflow)?.0),
                    false => None,
                };
                tiers.push(step(plan, band.span, held, points, StepKind::Score));
                if held && !cumulative {
                    break;
                }
            }
            what_if.extend(advice::bands(plan, bands, *cumulative, record)?);
        }
        ScorePlan::Formula { .. } | ScorePlan::Grades { .. } => {
            // What the statement gives, kept within the points as the base score is.
            let value = eval_rules::score_plan(plan, ind, s, record).map_err(|_| Fault::Overflow)?;
            let value = value.max(Decimal::ZERO).min(ind.points);
            tiers.push(step(plan, span, true, Some(value), StepKind::Score));
            match s {
                ScorePlan::Grades { input, grades, .. } => what_if.extend(advice::grades(plan, *input, grades, record)),
                _ => what_if.extend(super::formula::advice(plan, ind, s, record)),
            }
        }
    }
    Ok(())
}
