//! Explaining one ladder: the value read, what it was compared with, and
//! which tier fired.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Sign;
use scorecard_syntax::Lang;

use super::{condition, phrase, steps};
use crate::eval::{self, Fault};
use crate::plan::{InputSpec, Ladder, Plan, Slot, TestPlan, TierPlan, ValueKind};
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
    let value = phrase::value(&spec.name, &shown_in(spec, x, plan.lang));
    // Counted from zero, the step follows the value: `次数 3次，每次扣 1 分` / `times 3次, −1 for each 次`.
    let from_zero = matches!(tier.test, TestPlan::PerStep { from: None, .. });
    Ok(match (with_value, rel.is_empty()) {
        (true, true) => value,
        (true, false) if from_zero => phrase::list(plan.lang, &[value, rel]),
        (true, false) => phrase::is(plan.lang, &value, &rel),
        (false, _) => rel,
    })
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
