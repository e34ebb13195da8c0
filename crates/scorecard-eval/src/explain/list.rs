//! The sentence for a ladder on a list of readings (`每次抽检合格率低于95%扣0.5分`):
//! the readings, how many met each tier that counted, and the points, e.g.
//! `抽检合格率 92%、96%、94%，其中 1 次低于 95%，每次扣 0.5 分，共扣 0.5 分`.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Sign;

use super::phrase::Measure;
use scorecard_syntax::Lang;

use crate::eval::{self, Fault};
use crate::number::plain;
use crate::plan::{InputSpec, Ladder, Plan, TestPlan, TierPlan};
use crate::record::Record;

/// An input's value in a record, as sentences show it: a list's readings
/// joined (`92%、96%、94%`), any other value in its unit.
pub(super) fn shown(plan: &Plan, spec: &InputSpec, slot: usize, record: &Record) -> Option<String> {
    if spec.list {
        let readings: Vec<String> = record.list(slot).iter().map(|r| spec.shown(*r)).collect();
        return Some(readings.join(plan.lang.pick("、", ", ")));
    }
    Some(super::ladder::reading(plan, spec, record.get(slot)?, None))
}

/// The sentence, the tiers that counted and the ladder's amount.
pub(super) fn ladder_sentence<'p>(
    plan: &'p Plan,
    spec: &InputSpec,
    ladder: &'p Ladder,
    sign: Sign,
    record: &Record,
) -> Result<(String, Vec<&'p TierPlan>, Decimal), Fault> {
    let lang = plan.lang;
    let readings = record.list(ladder.subject);
    let measure = Measure::of(spec.unit);
    let mut text = format!("{} {}", spec.name, shown(plan, spec, ladder.subject, record).unwrap_or_default());
    let mut hits: Vec<(&TierPlan, usize, Decimal)> = Vec::new();
    for tier in &ladder.tiers {
        let TestPlan::Each { test, .. } = &tier.test else { continue };
        let count = eval::passing(test, readings, record)?;
        if let Some(amount) = eval::tier_amount(tier, Decimal::ZERO, record)? {
            hits.push((tier, count, amount));
        }
    }
    if !ladder.cumulative {
        let best = hits.iter().copied().fold(None::<(&TierPlan, usize, Decimal)>, |acc, h| match acc {
            Some(a) if a.2 >= h.2 => Some(a),
            _ => Some(h),
        });
        hits = best.into_iter().collect();
    }
    let Some(mildest) = ladder.tiers.iter().min_by_key(|t| t.deduct) else { return Err(Fault::Overflow) };
    if hits.is_empty() {
        let word = condition(mildest, measure, lang);
        text.push_str(&match (lang, sign) {
            (Lang::Zh, Sign::Deduct) => format!("，没有一次{word}，不扣分"),
            (Lang::Zh, Sign::Add) => format!("，没有一次{word}，不加分"),
            (Lang::En, Sign::Deduct) => format!(": none {word}, no deduction"),
            (Lang::En, Sign::Add) => format!(": none {word}, no bonus"),
        });
        return Ok((text, Vec::new(), Decimal::ZERO));
    }
    let mut amount = Decimal::ZERO;
    for (i, (tier, count, a)) in hits.iter().enumerate() {
        amount = crate::exact::add(amount, *a).ok_or(Fault::Overflow)?;
        let joint = if i == 0 { lang.pick("，其中 ", ": ") } else { lang.pick("；", "; ") };
        text.push_str(joint);
        text.push_str(&counted(tier, measure, *count, *a, sign, lang));
    }
    Ok((text, hits.into_iter().map(|(t, _, _)| t).collect(), amount))
}

/// `1 次低于 95%，每次扣 0.5 分，共扣 0.5 分` / `1 below 95%, −0.5 each: −0.5`.
fn counted(tier: &TierPlan, measure: Measure, count: usize, amount: Decimal, sign: Sign, lang: Lang) -> String {
    let (word, per, total) = (condition(tier, measure, lang), plain(tier.deduct), plain(amount));
    match (lang, sign) {
        (Lang::Zh, Sign::Deduct) => format!("{count} 次{word}，每次扣 {per} 分，共扣 {total} 分"),
        (Lang::Zh, Sign::Add) => format!("{count} 次{word}，每次加 {per} 分，共加 {total} 分"),
        (Lang::En, Sign::Deduct) => format!("{count} {word}, −{per} each: −{total}"),
        (Lang::En, Sign::Add) => format!("{count} {word}, +{per} each: +{total}"),
    }
}

/// What a reading meets: `低于 95%` / `below 95%`, `超过 30天` / `more than 30天`.
fn condition(tier: &TierPlan, measure: Measure, lang: Lang) -> String {
    let cmp = match &tier.test {
        TestPlan::Each { test, .. } => match **test {
            TestPlan::Fixed { cmp, .. } => Some((cmp, measure)),
            // A share is a percentage, whatever the readings measure.
            TestPlan::ShareOf { cmp, .. } => Some((cmp, Measure::Level)),
            _ => None,
        },
        _ => None,
    };
    let word = match cmp {
        Some((cmp, measure)) => super::condition::cmp_word(cmp, true, lang, measure),
        None => lang.pick("符合", "meeting"),
    };
    format!("{word} {}", tier.shown)
}
