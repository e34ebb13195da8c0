//! Explaining one ladder: the value read, what it was compared with, and
//! which tier fired.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Sign;
use scorecard_syntax::Lang;

use super::{condition, phrase, steps};
use crate::eval::{self, Fault};
use crate::plan::{ExprPlan, InputSpec, Ladder, Plan, Slot, TestPlan, TierPlan, ValueKind};
use crate::record::Record;

/// The sentence for one ladder, the tiers that fired and the ladder's deduction.
pub(super) fn ladder_sentence<'p>(
    plan: &'p Plan,
    ladder: &'p Ladder,
    sign: Sign,
    record: &Record,
) -> Result<(String, Vec<&'p TierPlan>, Decimal), Fault> {
    let lang = plan.lang;
    let spec = plan.inputs.get(ladder.subject).ok_or(Fault::Overflow)?;
    if spec.list {
        return super::list::ladder_sentence(plan, spec, ladder, sign, record);
    }
    let x = record.get(ladder.subject).ok_or(Fault::Overflow)?;
    let mut hits: Vec<(&TierPlan, Decimal)> = Vec::new();
    for tier in &ladder.tiers {
        if let Some(a) = eval::tier_amount(tier, x, record)? {
            hits.push((tier, a));
        }
    }
    let chosen: Vec<(&TierPlan, Decimal)> = if ladder.cumulative {
        hits
    } else {
        let best = hits.iter().copied().fold(None::<(&TierPlan, Decimal)>, |acc, h| match acc {
            Some(a) if a.1 >= h.1 => Some(a),
            _ => Some(h),
        });
        best.into_iter().collect()
    };
    let amount = chosen.iter().try_fold(Decimal::ZERO, |acc, (_, a)| acc.checked_add(*a)).ok_or(Fault::Overflow)?;
    let mut clauses = Vec::new();
    if chosen.is_empty() {
        let reference = ladder.tiers.iter().min_by_key(|t| t.deduct).ok_or(Fault::Overflow)?;
        let clause = tier_clause(plan, ladder.subject, reference, x, record, false, sign, true)?;
        clauses.push(phrase::then(lang, &clause, &phrase::deduction(lang, sign, None, None)));
    } else {
        for (i, (tier, a)) in chosen.iter().enumerate() {
            // Later tiers of a cumulative ladder leave out the value: `；低于 80%，扣 5 分`.
            let clause = tier_clause(plan, ladder.subject, tier, x, record, true, sign, i == 0)?;
            clauses.push(phrase::then(lang, &clause, &phrase::deduction(lang, sign, Some(*a), Some(plan.rounding))));
        }
    }
    Ok((phrase::parts(lang, &clauses), chosen.into_iter().map(|(t, _)| t).collect(), amount))
}

/// How `x` relates to one tier: `完成率 95.5%，低于 90%`, or without the
/// value, `低于 90%`; a `且` tier names every part's value.
#[expect(clippy::too_many_arguments, reason = "one tier's full context; a struct would only rename them")]
fn tier_clause(
    plan: &Plan,
    subject: Slot,
    tier: &TierPlan,
    x: Decimal,
    record: &Record,
    fired: bool,
    sign: Sign,
    with_value: bool,
) -> Result<String, Fault> {
    let spec = plan.inputs.get(subject).ok_or(Fault::Overflow)?;
    let written = condition::Written { base: tier.base_name.as_deref(), shown: Some(tier.shown.as_str()) };
    let rel = match &tier.test {
        TestPlan::All(_) => return condition::clause(plan, subject, &tier.test, record, fired, written),
        TestPlan::PerStep { .. } => steps::relation(plan, spec, tier, x, record, sign)?,
        test => condition::relation(plan, spec, test, x, record, fired, written)?,
    };
    let shown = reading(plan, spec, x, condition::threshold(&tier.test));
    if fired && condition::is_equality(spec, &tier.test) {
        // `完成率为 100%`, not `完成率 100%，为 100%`.
        return Ok(if with_value { phrase::equals(plan.lang, &spec.name, &shown) } else { rel });
    }
    let value = phrase::value(&spec.name, &shown);
    // Counted from zero, the step follows the value: `次数 3次，每次扣 1 分` / `times 3次, −1 for each 次`.
    let from_zero = matches!(tier.test, TestPlan::PerStep { from: None, .. });
    Ok(match (with_value, rel.is_empty()) {
        (true, true) => value,
        (true, false) if from_zero => phrase::list(plan.lang, &[value, rel]),
        (true, false) => phrase::is(plan.lang, &value, &rel),
        (false, _) => rel,
    })
}

/// A record's value as a sentence shows it, like [`shown_in`]; but a value
/// computed from a list (`平均(抽检合格率)`), which may have twenty places,
/// is shown to the scorecard's places and marked `约` / `about` when that
/// rounds it: `平均合格率 约 94.33%`. When the rounded value would look equal
/// to `near` (the threshold it is compared with) while it is not, more places
/// are shown. Display only: scoring uses the exact value.
pub(super) fn reading(plan: &Plan, spec: &InputSpec, x: Decimal, near: Option<Decimal>) -> String {
    let lang = plan.lang;
    let exact = spec.unit.from_base(x);
    let (Some(v), true) = (exact, spec.derived.as_ref().is_some_and(|d| reads_list(&d.expr, 0))) else {
        return shown_in(spec, x, lang);
    };
    let near = near.and_then(|t| spec.unit.from_base(t));
    let (places, strategy) = (plan.rounding.places, plan.rounding.strategy);
    let mut r = v;
    for p in places..=places.saturating_add(10) {
        r = v.round_dp_with_strategy(p, strategy);
        if near.is_none_or(|t| r != t || v == t) {
            break;
        }
    }
    let shown = spec.unit.amount(r);
    if r == v {
        shown
    } else {
        lang.pick(format!("约 {shown}"), format!("about {shown}"))
    }
}

/// Whether a formula takes a value from a list (`平均(抽检合格率)`).
fn reads_list(e: &ExprPlan, depth: usize) -> bool {
    const MAX_DEPTH: usize = 64;
    let d = depth.saturating_add(1);
    depth <= MAX_DEPTH
        && match e {
            ExprPlan::List(..) => true,
            ExprPlan::Neg(a) | ExprPlan::Floor(a) => reads_list(a, d),
            ExprPlan::Add(a, b) | ExprPlan::Sub(a, b) | ExprPlan::Mul(a, b, _) | ExprPlan::Div(a, b, _) => {
                reads_list(a, d) || reads_list(b, d)
            }
            ExprPlan::Min(args) | ExprPlan::Max(args) => args.iter().any(|a| reads_list(a, d)),
            ExprPlan::Const(_) | ExprPlan::Slot(_) | ExprPlan::Points => false,
        }
}

/// A value as shown in an explanation: like [`InputSpec::shown`], with yes/no in the file's language.
pub(crate) fn shown_in(spec: &InputSpec, base: Decimal, lang: Lang) -> String {
    match spec.kind {
        ValueKind::YesNo => lang
            .pick(if base == Decimal::ONE { "是" } else { "否" }, if base == Decimal::ONE { "yes" } else { "no" })
            .to_owned(),
        _ => spec.shown(base),
    }
}
