//! What-if advice: for each rule that cost points, the measurement that
//! would have cost fewer. `年办件量需达到上期的90%（≥1,620,000件）方可免扣 3 分`,
//! `完成率每提高 1 个百分点可少扣 1 分`, `完成率需达到 90% 方可得 5 分`.

use rust_decimal::Decimal;
use scorecard_syntax::ast::{Cmp, Dir};
use scorecard_syntax::Lang;

use super::condition::{self, Written};
use super::ladder::shown_in;
use super::phrase::{self, Measure};
use super::steps;
use crate::eval::{self, rules as eval_rules, Fault};
use crate::number;
use crate::plan::{BandPlan, GradePlan, InputSpec, Ladder, Plan, Slot, TestPlan, TierPlan, ValueKind, VetoPlan};
use crate::record::Record;

/// The value a ladder's subject needed to escape its most severe tier.
pub(super) fn ladder(plan: &Plan, ladder: &Ladder, record: &Record, alone: bool) -> Result<Option<String>, Fault> {
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
        TestPlan::Fixed { cmp: Cmp::Eq, threshold } if spec.kind == ValueKind::YesNo => {
            let other = shown_in(spec, Decimal::ONE.checked_sub(*threshold).unwrap_or_default(), lang);
            Some(lang.pick(format!("{}需为「{other}」", spec.name), format!("`{}` needed {other}", spec.name)))
        }
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

/// `完成率每提高 1 个百分点可少扣 1 分`: for each per-step tier of a
/// deduction ladder that deducted, what one step better saves.
///
/// Unless `sure` (this rule alone lowers the score and no cap or the points
/// bound it), the advice says that the score may not rise.
pub(super) fn per_step(plan: &Plan, ladder: &Ladder, record: &Record, sure: bool) -> Result<Vec<String>, Fault> {
    let lang = plan.lang;
    let spec = plan.inputs.get(ladder.subject).ok_or(Fault::Overflow)?;
    let x = record.get(ladder.subject).ok_or(Fault::Overflow)?;
    let mut out = Vec::new();
    for tier in &ladder.tiers {
        let TestPlan::PerStep { per, from, .. } = tier.test else { continue };
        if eval::tier_amount(tier, x, record)?.is_none() {
            continue;
        }
        let step = steps::step_text(plan, spec, tier, record)?;
        let word = match (from, Measure::of(spec.unit)) {
            (None, _) => lang.pick("减少", "lower").to_owned(),
            (Some((_, Dir::Below)), Measure::Duration) => lang.pick("增加", "longer").to_owned(),
            (Some((_, Dir::Below)), _) => lang.pick("提高", "higher").to_owned(),
            (Some((_, Dir::Above)), Measure::Level) => lang.pick("降低", "lower").to_owned(),
            (Some((_, Dir::Above)), Measure::Duration) => lang.pick("减少", "shorter").to_owned(),
            (Some((_, Dir::Above)), Measure::Date) => lang.pick("提前", "earlier").to_owned(),
            (Some((reference, Dir::Both)), _) => {
                let r = eval::operand(reference, record)?;
                let shown = condition::operand(plan, spec, reference, r, tier.base_name.as_deref());
                lang.pick(format!("向{shown} 靠近"), format!("closer to {shown}"))
            }
        };
        let n = number::plain(per);
        let each = phrase::before(&format!("每{word}"), &step);
        out.push(match (lang, sure) {
            (Lang::Zh, true) => format!("{}{each}可少扣 {n} 分", spec.name),
            (Lang::Zh, false) => {
                format!("{}{each}，本条可少扣 {n} 分（本项另有其他扣分或扣分上限，得分未必提高）", spec.name)
            }
            (Lang::En, true) => format!("`{}`: each {step} {word} deducts {n} less", spec.name),
            (Lang::En, false) => format!(
                "`{}`: each {step} {word} deducts {n} less under this rule (other rules or a cap also bound the score)",
                spec.name
            ),
        });
    }
    Ok(out)
}

/// `完成率需达到 90% 方可得 5 分`: the condition of the next better band
/// before the one that held; for a checklist, each item that did not count.
pub(super) fn bands(plan: &Plan, bands: &[BandPlan], cumulative: bool, record: &Record) -> Result<Vec<String>, Fault> {
    let mut out = Vec::new();
    if cumulative {
        for band in bands {
            if !eval_rules::band_holds(band, record)? {
                if let Some(need) = band.subject.map(|s| meet(plan, s, &band.test, record)).transpose()?.flatten() {
                    out.push(gain(plan.lang, &need, band.points, true));
                }
            }
        }
        return Ok(out);
    }
    let mut held = None;
    for (i, band) in bands.iter().enumerate() {
        if eval_rules::band_holds(band, record)? {
            held = Some((i, band.points));
            break;
        }
    }
    let Some((at, points)) = held else { return Ok(out) };
    let better = bands.iter().take(at).filter(|b| b.points > points && b.subject.is_some()).min_by_key(|b| b.points);
    if let Some(band) = better {
        if let Some(need) = band.subject.map(|s| meet(plan, s, &band.test, record)).transpose()?.flatten() {
            out.push(gain(plan.lang, &need, band.points, false));
        }
    }
    Ok(out)
}

/// `评价需为「好」方可得 10 分`: the next grade that earns more.
pub(super) fn grades(plan: &Plan, input: Slot, grades: &[Option<GradePlan>], record: &Record) -> Option<String> {
    let spec = plan.inputs.get(input)?;
    let ValueKind::Grades(labels) = &spec.kind else { return None };
    let at = record.get(input).and_then(|x| usize::try_from(x.mantissa()).ok())?;
    let now = grades.get(at)?.as_ref()?.high;
    let (label, g) = labels
        .iter()
        .zip(grades)
        .filter_map(|(l, g)| Some((l, g.as_ref()?)))
        .filter(|(_, g)| g.high > now)
        .min_by_key(|(_, g)| g.high)?;
    let need = plan.lang.pick(format!("{}需为「{label}」", spec.name), format!("`{}` needed `{label}`", spec.name));
    Some(gain(plan.lang, &need, g.high, false))
}

/// `无目标需为「否」，本项方可计分`: what would have escaped a veto that fired.
pub(super) fn veto(plan: &Plan, v: &VetoPlan, record: &Record) -> Result<Option<String>, Fault> {
    let escape = match &v.test {
        TestPlan::Fixed { cmp, threshold } => {
            let spec = plan.inputs.get(v.subject).ok_or(Fault::Overflow)?;
            let test = match (cmp, &spec.kind) {
                (Cmp::Eq, ValueKind::YesNo) => TestPlan::Fixed {
                    cmp: Cmp::Eq,
                    threshold: Decimal::ONE.checked_sub(*threshold).ok_or(Fault::Overflow)?,
                },
                (Cmp::Eq, _) => return Ok(None),
                _ => TestPlan::Fixed { cmp: opposite(*cmp), threshold: *threshold },
            };
            meet(plan, v.subject, &test, record)?
        }
        TestPlan::ShareOf { cmp, factor, base, threshold } if *cmp != Cmp::Eq => {
            let test = TestPlan::ShareOf { cmp: opposite(*cmp), factor: *factor, base: *base, threshold: *threshold };
            meet(plan, v.subject, &test, record)?
        }
        _ => None,
    };
    Ok(escape.map(|e| match (plan.lang, v.disqualify) {
        (Lang::Zh, false) => format!("{e}，本项方可计分"),
        (Lang::Zh, true) => format!("{e}，方可免于一票否决"),
        (Lang::En, false) => format!("{e} for this indicator to be scored"),
        (Lang::En, true) => format!("{e} to avoid the veto"),
    }))
}

/// The comparison that holds exactly when `cmp` does not.
fn opposite(cmp: Cmp) -> Cmp {
    match cmp {
        Cmp::Lt => Cmp::Ge,
        Cmp::Le => Cmp::Gt,
        Cmp::Gt => Cmp::Le,
        Cmp::Ge => Cmp::Lt,
        Cmp::Eq => Cmp::Eq,
    }
}

/// `{need} 方可得 5 分` / `{need} to score 5`; for a checklist item,
/// `方可多得 1 分` / `to gain 1`.
fn gain(lang: Lang, need: &str, points: Decimal, more: bool) -> String {
    let n = number::plain(points);
    let gap = if need.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '%') { " " } else { "" };
    match (lang, more) {
        (Lang::Zh, false) => format!("{need}{gap}方可得 {n} 分"),
        (Lang::Zh, true) => format!("{need}{gap}方可多得 {n} 分"),
        (Lang::En, false) => format!("{need} to score {n}"),
        (Lang::En, true) => format!("{need} to gain {n}"),
    }
}

/// What `subject` needs for `test` to hold: `完成率需达到 90%`,
/// `公示天数需达到 7天，且公示内容完整需为「是」`; `None` for `否则`.
fn meet(plan: &Plan, subject: Slot, test: &TestPlan, record: &Record) -> Result<Option<String>, Fault> {
    let lang = plan.lang;
    if let TestPlan::All(parts) = test {
        let mut needs = Vec::with_capacity(parts.len());
        for (slot, part) in parts {
            needs.extend(meet(plan, *slot, part, record)?);
        }
        return Ok(Some(needs.join(lang.pick("，且", ", and "))));
    }
    let spec = plan.inputs.get(subject).ok_or(Fault::Overflow)?;
    let x = record.get(subject).ok_or(Fault::Overflow)?;
    let rel = match (test, &spec.kind) {
        (TestPlan::Always, _) => return Ok(None),
        (TestPlan::Fixed { threshold, .. }, ValueKind::YesNo | ValueKind::Grades(_)) => {
            let v = shown_in(spec, *threshold, lang);
            lang.pick(format!("为「{v}」"), v)
        }
        (TestPlan::ShareOf { cmp, factor, base, .. }, _) if *factor != Decimal::ONE => {
            let b = eval::operand(*base, record)?;
            let base = condition::operand(plan, spec, *base, b, None);
            let share = factor.checked_mul(Decimal::ONE_HUNDRED).map(number::plain).unwrap_or_default();
            let word = condition::cmp_word(*cmp, true, lang, Measure::Level);
            let at = crate::exact::mul(*factor, b).map(|t| shown_in(spec, t, lang)).unwrap_or_default();
            lang.pick(format!("{word}{base} 的 {share}%（{at}）"), format!("{word} {share}% of {base} ({at})"))
        }
        (TestPlan::Deviation { .. } | TestPlan::PerStep { .. }, _) => return Ok(None),
        _ => condition::relation(plan, spec, test, x, record, true, Written::default())?,
    };
    Ok(Some(match lang {
        Lang::Zh => format!("{}需{rel}", spec.name),
        Lang::En => format!("`{}` needed {rel}", spec.name),
    }))
}
