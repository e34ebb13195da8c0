//! Explaining one ladder: the value read, what it was compared with, and
//! which tier fired.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Cmp;
use scorecard_syntax::Lang;

use scorecard_syntax::ast::{Dir, Sign};

use crate::eval::{self, Fault};
use crate::number;
use crate::plan::{InputSpec, Ladder, Operand, Plan, TestPlan, TierPlan, ValueKind};
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
    let mut text = format!("{} {}", spec.name, shown_in(spec, x, lang));
    let amount = chosen.iter().try_fold(Decimal::ZERO, |acc, (_, a)| acc.checked_add(*a)).ok_or(Fault::Overflow)?;
    if chosen.is_empty() {
        let reference = ladder.tiers.iter().min_by_key(|t| t.deduct).ok_or(Fault::Overflow)?;
        text.push_str(&relation(plan, spec, reference, x, record, false)?);
        text.push_str(match sign {
            Sign::Deduct => lang.pick("，不扣分", ": no deduction"),
            Sign::Add => lang.pick("，不加分", ": no bonus"),
        });
    } else {
        for (i, (tier, a)) in chosen.iter().enumerate() {
            let rel = relation(plan, spec, tier, x, record, true)?;
            if i == 0 {
                text.push_str(&rel);
            } else {
                // Later tiers of a cumulative ladder: "；低于 80%，扣 5 分" / "; below 80%: −5".
                text.push_str(lang.pick("；", "; "));
                text.push_str(rel.trim_start_matches('，').trim_start_matches(" is ").trim_start_matches(", "));
            }
            text.push_str(&match (lang, sign) {
                (Lang::Zh, Sign::Deduct) => format!("，扣 {} 分", number::plain(*a)),
                (Lang::Zh, Sign::Add) => format!("，加 {} 分", number::plain(*a)),
                (Lang::En, Sign::Deduct) => format!(": −{}", number::plain(*a)),
                (Lang::En, Sign::Add) => format!(": +{}", number::plain(*a)),
            });
        }
    }
    Ok((text, chosen.into_iter().map(|(t, _)| t).collect(), amount))
}

/// How `x` relates to one tier, e.g. `，为上期 1,800,000件 的 83.33%，低于 90%`.
fn relation(
    plan: &Plan,
    spec: &InputSpec,
    tier: &TierPlan,
    x: Decimal,
    record: &Record,
    fired: bool,
) -> Result<String, Fault> {
    let lang = plan.lang;
    let base_name = tier.base_name.as_deref().unwrap_or("");
    Ok(match tier.test.clone() {
        TestPlan::Fixed { .. } if spec.kind != ValueKind::Number => String::new(),
        TestPlan::Fixed { cmp, .. } if spec.unit.is_date() => match lang {
            Lang::Zh => format!("，{} {}", date_word(cmp, fired, lang), tier.shown),
            Lang::En => format!(" is {} {}", date_word(cmp, fired, lang), tier.shown),
        },
        TestPlan::Fixed { cmp, .. } => match lang {
            Lang::Zh => format!("，{} {}", cmp_word(cmp, fired, lang), tier.shown),
            Lang::En => format!(" is {} {}", cmp_word(cmp, fired, lang), tier.shown),
        },
        TestPlan::ShareOf { cmp, base, factor, .. } => {
            let b = eval::operand(base, record)?;
            let pct = percent(number::percent_of(x, b, factor.checked_mul(Decimal::ONE_HUNDRED)), lang);
            let b_shown = shown_operand(plan, spec, base, b);
            match lang {
                Lang::Zh => {
                    format!("，为{base_name} {b_shown} 的 {pct}，{} {}", cmp_word(cmp, fired, lang), tier.shown)
                }
                Lang::En => {
                    format!(" is {pct} of {base_name} {b_shown}, {} {}", cmp_word(cmp, fired, lang), tier.shown)
                }
            }
        }
        TestPlan::Deviation { base, inclusive, factor, .. } => {
            let b = eval::operand(base, record)?;
            // Display only: the tier was decided exactly. A difference with more
            // than 28 significant digits is shown rounded, and one beyond the
            // largest decimal as not computable, rather than refused: explaining
            // a record never fails where scoring it did not.
            let diff = crate::exact::sub(x, b).or_else(|| x.checked_sub(b)).map(|d| d.abs());
            let shown_pct = diff.and_then(|d| number::percent_of(d, b, factor.checked_mul(Decimal::ONE_HUNDRED)));
            let pct = percent(shown_pct, lang);
            let b_shown = shown_operand(plan, spec, base, b);
            let word = match (lang, fired, inclusive) {
                (Lang::Zh, true, false) => "超出",
                (Lang::Zh, true, true) => "达到",
                (Lang::Zh, false, _) => "未超出",
                (Lang::En, true, false) => "more than",
                (Lang::En, true, true) => "at least",
                (Lang::En, false, false) => "within",
                (Lang::En, false, true) => "less than",
            };
            match lang {
                Lang::Zh => format!("，与{base_name} {b_shown} 相差 {pct}，{word} {}", tier.shown),
                Lang::En => format!(" is {pct} off {base_name} {b_shown}, {word} {}", tier.shown),
            }
        }
        TestPlan::PerStep { step, per, from, relative, calendar, .. } => {
            let (dist, step_abs) = if calendar {
                (eval::calendar_distance(x, from, record)?, step)
            } else {
                eval::distance(x, step, from, relative, record)?
            };
            let steps = if tier_pro_rata(tier) && !calendar {
                dist.max(Decimal::ZERO).checked_div(step_abs).map(crate::eval::working).ok_or(Fault::Overflow)?
            } else {
                crate::exact::whole_steps(dist.max(Decimal::ZERO), step_abs).ok_or(Fault::Overflow)?
            };
            let counted = match from {
                None => String::new(),
                Some((reference, dir)) => {
                    let r = eval::operand(reference, record)?;
                    let shown_dist = if calendar {
                        format!("{}{}", number::plain(dist.max(Decimal::ZERO)), lang.pick("个月", " months"))
                    } else {
                        distance_shown(spec, dist.max(Decimal::ZERO), lang)
                    };
                    let word = match (dir, lang) {
                        (Dir::Above, Lang::Zh) => "超出",
                        (Dir::Below, Lang::Zh) => "低于",
                        (Dir::Both, Lang::Zh) => "相差",
                        (Dir::Above, Lang::En) => "over",
                        (Dir::Below, Lang::En) => "under",
                        (Dir::Both, Lang::En) => "off",
                    };
                    let r_shown = shown_operand(plan, spec, reference, r);
                    match lang {
                        Lang::Zh => format!("，较 {r_shown} {word} {shown_dist}"),
                        Lang::En => format!(", {shown_dist} {word} {r_shown}"),
                    }
                }
            };
            match lang {
                Lang::Zh => {
                    format!("{counted}，每 {} 计 {} 分，共 {} 个", tier.shown, number::plain(per), number::plain(steps))
                }
                Lang::En => format!(
                    "{counted}, {} for each {}, {} in all",
                    number::plain(per),
                    tier.shown,
                    number::plain(steps)
                ),
            }
        }
        TestPlan::Range { .. } => match lang {
            Lang::Zh => format!("，{}在 {} 之间", if fired { "" } else { "不" }, tier.shown),
            Lang::En => format!(" is {}within {}", if fired { "" } else { "not " }, tier.shown),
        },
        TestPlan::Always | TestPlan::Each { .. } => String::new(),
        TestPlan::All(_) => match lang {
            Lang::Zh => format!("，{}「{}」", if fired { "满足" } else { "不满足" }, tier.shown),
            Lang::En => format!(" {} `{}`", if fired { "meets" } else { "does not meet" }, tier.shown),
        },
    })
}

/// Whether a per-step tier counts part steps.
fn tier_pro_rata(tier: &TierPlan) -> bool {
    matches!(tier.test, TestPlan::PerStep { pro_rata: true, .. })
}

/// A displayed percentage number, or a note that it cannot be shown.
fn percent(value: Option<String>, lang: Lang) -> String {
    value.map_or_else(|| lang.pick("（无法计算）", "(not computable)").to_owned(), |v| format!("{v}%"))
}

/// The comparison word for dates (`晚于`, not `高于`), or its negation when
/// the tier did not fire.
fn date_word(cmp: Cmp, fired: bool, lang: Lang) -> &'static str {
    match (cmp, fired) {
        (Cmp::Lt, true) | (Cmp::Ge, false) => lang.pick("早于", "before"),
        (Cmp::Lt, false) | (Cmp::Ge, true) => lang.pick("不早于", "on or after"),
        (Cmp::Le, true) | (Cmp::Gt, false) => lang.pick("不晚于", "on or before"),
        (Cmp::Le, false) | (Cmp::Gt, true) => lang.pick("晚于", "after"),
        (Cmp::Eq, true) => lang.pick("为", "on"),
        (Cmp::Eq, false) => lang.pick("不为", "not on"),
    }
}

/// The comparison word, or its negation when the tier did not fire.
fn cmp_word(cmp: Cmp, fired: bool, lang: Lang) -> &'static str {
    match (cmp, fired) {
        (Cmp::Lt, true) => lang.pick("低于", "below"),
        (Cmp::Ge, false) => lang.pick("未达到", "below"),
        (Cmp::Lt, false) => lang.pick("不低于", "not below"),
        (Cmp::Le, true) => lang.pick("不高于", "at most"),
        (Cmp::Le, false) | (Cmp::Gt, true) => lang.pick("高于", "above"),
        (Cmp::Gt, false) => lang.pick("不高于", "not above"),
        (Cmp::Ge, true) => lang.pick("达到", "at least"),
        (Cmp::Eq, true) => lang.pick("为", "equal to"),
        (Cmp::Eq, false) => lang.pick("不为", "not equal to"),
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

fn shown_operand(plan: &Plan, subject: &InputSpec, base: Operand, value: Decimal) -> String {
    match base {
        Operand::Input(slot) => plan.inputs.get(slot).map_or_else(|| number::grouped(value), |s| s.shown(value)),
        Operand::Const(_) => subject.shown(value),
    }
}

/// A distance from a reference, in the subject's unit (percentage points for a percentage).
fn distance_shown(spec: &InputSpec, d: Decimal, lang: Lang) -> String {
    if spec.unit.is_date() {
        format!("{}{}", number::plain(d), lang.pick("天", " days"))
    } else if spec.unit.is_percent() {
        format!("{}{}", number::grouped(d), lang.pick("个百分点", " pp"))
    } else {
        spec.shown(d)
    }
}
