//! A condition as it held (or did not) for one record, with the values it
//! compared: `完成率 95.5%，达到 90%`, `结余 10.01万元，高于上年结转 10万元`,
//! `完成日期 2021-04-01，晚于 2021-03-31`. Tiers, bands and vetoes all say
//! their conditions through here.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Cmp;
use scorecard_syntax::Lang;

use super::ladder::{reading, shown_in};
use super::phrase::{self, Measure};
use crate::eval::{self, Fault};
use crate::number;
use crate::plan::{InputSpec, Operand, Plan, Slot, TestPlan, ValueKind};
use crate::record::Record;

/// How the rule wrote its threshold and baseline, when it did (tiers keep
/// both; bands and vetoes show the compiled values).
#[derive(Default, Clone, Copy)]
pub(super) struct Written<'a> {
    /// The baseline's name, e.g. `上期`.
    pub(super) base: Option<&'a str>,
    /// The threshold or share as written, e.g. `90%`.
    pub(super) shown: Option<&'a str>,
}

/// `完成率 95.5%，达到 90%`: the subject's value and how it relates to the
/// test; for a `且` condition, every part with its own value.
pub(super) fn clause(
    plan: &Plan,
    subject: Slot,
    test: &TestPlan,
    record: &Record,
    held: bool,
    written: Written<'_>,
) -> Result<String, Fault> {
    if let TestPlan::All(parts) = test {
        let mut out = Vec::with_capacity(parts.len());
        for (slot, part) in parts {
            let x = record.get(*slot).ok_or(Fault::Overflow)?;
            let part_held = eval::test(part, x, record)?;
            out.push(clause(plan, *slot, part, record, part_held, Written::default())?);
        }
        return Ok(phrase::list(plan.lang, &out));
    }
    let spec = plan.inputs.get(subject).ok_or(Fault::Overflow)?;
    let x = record.get(subject).ok_or(Fault::Overflow)?;
    let shown = reading(plan, spec, x, threshold(test));
    if held && is_equality(spec, test) {
        // `完成率为 100%`, not `完成率 100%，为 100%`.
        return Ok(phrase::equals(plan.lang, &spec.name, &shown));
    }
    let value = phrase::value(&spec.name, &shown);
    let rel = relation(plan, spec, test, x, record, held, written)?;
    Ok(if rel.is_empty() { value } else { phrase::is(plan.lang, &value, &rel) })
}

/// The fixed threshold a test compares with, if it has one (base units).
pub(super) fn threshold(test: &TestPlan) -> Option<Decimal> {
    match test {
        TestPlan::Fixed { threshold, .. } => Some(*threshold),
        _ => None,
    }
}

/// Whether `test` is an equality on a number or a date (`调整率=0`), which
/// reads best as `调整率为 0%` when it holds.
pub(super) fn is_equality(spec: &InputSpec, test: &TestPlan) -> bool {
    spec.kind == ValueKind::Number && matches!(test, TestPlan::Fixed { cmp: Cmp::Eq, .. })
}

/// How `x` relates to a test, without the subject: `低于 90%`,
/// `为上期 1,800,000件 的 83.33%，低于 90%`; empty for a yes/no flag (its
/// value says it all) and for `否则`.
pub(super) fn relation(
    plan: &Plan,
    spec: &InputSpec,
    test: &TestPlan,
    x: Decimal,
    record: &Record,
    held: bool,
    written: Written<'_>,
) -> Result<String, Fault> {
    let lang = plan.lang;
    let measure = Measure::of(spec.unit);
    let threshold = |t: Decimal| written.shown.map_or_else(|| shown_in(spec, t, lang), str::to_owned);
    Ok(match test {
        TestPlan::Fixed { .. } if spec.kind == ValueKind::YesNo => String::new(),
        TestPlan::Fixed { threshold: t, .. } if matches!(spec.kind, ValueKind::Grades(_)) => match held {
            true => String::new(),
            false => lang.pick(format!("不为「{}」", spec.shown(*t)), format!("not `{}`", spec.shown(*t))),
        },
        TestPlan::Fixed { cmp, threshold: t } => phrase::before(cmp_word(*cmp, held, lang, measure), &threshold(*t)),
        TestPlan::ShareOf { cmp, base, factor, .. } => {
            let b = eval::operand(*base, record)?;
            let base = operand(plan, spec, *base, b, written.base);
            if *factor == Decimal::ONE {
                // `不超过上年结转`: the baseline itself is the threshold.
                phrase::before(cmp_word(*cmp, held, lang, measure), &base)
            } else {
                let share = factor.checked_mul(Decimal::ONE_HUNDRED);
                let pct = percent(number::percent_of(x, b, share), lang);
                let limit =
                    written.shown.map_or_else(|| share.map(number::plain).unwrap_or_default() + "%", str::to_owned);
                // The share is a percentage, whatever the subject measures.
                let to = phrase::before(cmp_word(*cmp, held, lang, Measure::Level), &limit);
                match lang {
                    Lang::Zh => format!("{} 的 {pct}，{to}", phrase::before("为", &base)),
                    Lang::En => format!("{pct} of {base}, {to}"),
                }
            }
        }
        TestPlan::Deviation { base, inclusive, factor, .. } => {
            let b = eval::operand(*base, record)?;
            // Display only: the test was decided exactly. A difference beyond
            // 28 digits is shown rounded, or as not computable, never refused.
            let diff = crate::exact::sub(x, b).or_else(|| x.checked_sub(b)).map(|d| d.abs());
            let tolerance = factor.checked_mul(Decimal::ONE_HUNDRED);
            let pct = percent(diff.and_then(|d| number::percent_of(d, b, tolerance)), lang);
            let base = operand(plan, spec, *base, b, written.base);
            let limit =
                written.shown.map_or_else(|| tolerance.map(number::plain).unwrap_or_default() + "%", str::to_owned);
            let word = match (lang, held, inclusive) {
                (Lang::Zh, true, false) => "超出",
                (Lang::Zh, true, true) => "达到",
                (Lang::Zh, false, _) => "未超出",
                (Lang::En, true, false) => "more than",
                (Lang::En, true, true) => "at least",
                (Lang::En, false, false) => "within",
                (Lang::En, false, true) => "less than",
            };
            match lang {
                Lang::Zh => format!("{} 相差 {pct}，{word} {limit}", phrase::before("与", &base)),
                Lang::En => format!("{pct} off {base}, {word} {limit}"),
            }
        }
        TestPlan::Range { lo, lo_inclusive, hi, hi_inclusive } => {
            let range = range(spec, (*lo, *lo_inclusive), (*hi, *hi_inclusive), lang);
            match (lang, held) {
                (Lang::Zh, true) => format!("在 {range}之间"),
                (Lang::Zh, false) => format!("不在 {range}之间"),
                (Lang::En, true) => format!("within {range}"),
                (Lang::En, false) => format!("not within {range}"),
            }
        }
        // A list's tests are counted reading by reading (`explain::list`).
        TestPlan::Always | TestPlan::All(_) | TestPlan::PerStep { .. } | TestPlan::Each { .. } => String::new(),
    })
}

/// `10%（不含）～20%（含）` / `10% (exclusive) to 20% (inclusive)`: the
/// bounds, each marked when it is not the default (low in, high out).
pub(super) fn range(spec: &InputSpec, lo: (Decimal, bool), hi: (Decimal, bool), lang: Lang) -> String {
    let mark = |inclusive: bool| match (lang, inclusive) {
        (Lang::Zh, true) => "（含）",
        (Lang::Zh, false) => "（不含）",
        (Lang::En, true) => " (inclusive)",
        (Lang::En, false) => " (exclusive)",
    };
    let low = format!("{}{}", shown_in(spec, lo.0, lang), if lo.1 { "" } else { mark(false) });
    let high = format!("{}{}", shown_in(spec, hi.0, lang), if hi.1 { mark(true) } else { "" });
    lang.pick(format!("{low}～{high}"), format!("{low} to {high}"))
}

/// A baseline or reference with its value: `上期 1,800,000件`, or the value
/// alone for a constant the rule wrote as a number.
pub(super) fn operand(plan: &Plan, subject: &InputSpec, op: Operand, value: Decimal, written: Option<&str>) -> String {
    let shown = match op {
        Operand::Input(slot) => plan.inputs.get(slot).map_or_else(|| number::grouped(value), |s| s.shown(value)),
        Operand::Const(_) => subject.shown(value),
    };
    let name = match (written, op) {
        (Some(name), _) if !name.is_empty() => name,
        (_, Operand::Input(slot)) => plan.inputs.get(slot).map_or("", |s| s.name.as_str()),
        (_, Operand::Const(_)) => "",
    };
    if name.is_empty() {
        shown
    } else {
        phrase::value(name, &shown)
    }
}

/// A displayed percentage, or a note that it cannot be shown.
pub(super) fn percent(value: Option<String>, lang: Lang) -> String {
    value.map_or_else(|| lang.pick("（无法计算）", "(not computable)").to_owned(), |v| format!("{v}%"))
}

/// The comparison word, or its negation when the test did not hold, in the
/// words of the measure: `低于` a rate, `超过` a duration, `晚于` a date.
pub(super) fn cmp_word(cmp: Cmp, held: bool, lang: Lang, measure: Measure) -> &'static str {
    match measure {
        Measure::Level => level_word(cmp, held, lang),
        Measure::Duration => duration_word(cmp, held, lang),
        Measure::Date => date_word(cmp, held, lang),
    }
}

fn level_word(cmp: Cmp, held: bool, lang: Lang) -> &'static str {
    match (cmp, held) {
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

/// Durations are longer or shorter: `超过 30天`, `少于 10天`, never `高于`.
fn duration_word(cmp: Cmp, held: bool, lang: Lang) -> &'static str {
    match (cmp, held) {
        (Cmp::Lt, true) | (Cmp::Ge, false) => lang.pick("少于", "less than"),
        (Cmp::Lt, false) => lang.pick("不少于", "not less than"),
        (Cmp::Le, true) | (Cmp::Gt, false) => lang.pick("不超过", "at most"),
        (Cmp::Le, false) | (Cmp::Gt, true) => lang.pick("超过", "more than"),
        (Cmp::Ge, true) => lang.pick("达到", "at least"),
        (Cmp::Eq, true) => lang.pick("为", "equal to"),
        (Cmp::Eq, false) => lang.pick("不为", "not equal to"),
    }
}

/// Dates are later or earlier: `晚于`, not `高于`.
fn date_word(cmp: Cmp, held: bool, lang: Lang) -> &'static str {
    match (cmp, held) {
        (Cmp::Lt, true) | (Cmp::Ge, false) => lang.pick("早于", "before"),
        (Cmp::Lt, false) | (Cmp::Ge, true) => lang.pick("不早于", "on or after"),
        (Cmp::Le, true) | (Cmp::Gt, false) => lang.pick("不晚于", "on or before"),
        (Cmp::Le, false) | (Cmp::Gt, true) => lang.pick("晚于", "after"),
        (Cmp::Eq, true) => lang.pick("为", "on"),
        (Cmp::Eq, false) => lang.pick("不为", "not on"),
    }
}
