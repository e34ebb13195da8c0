//! Explaining `得分` statements: bands, formulas with the values they used,
//! and grade mappings with the band of points the grade allows.

use rust_decimal::Decimal;
use scorecard_syntax::{Lang, Span};

use super::{assessor, bands, formula, phrase};
use crate::error::DataError;
use crate::eval::{self, rules as eval_rules};
use crate::number;
use crate::plan::{GradePlan, IndicatorPlan, Plan, ScorePlan, Slot};
use crate::record::Record;

/// The sentence for a `得分` statement; records the bands that matched.
pub(super) fn score(
    plan: &Plan,
    ind: &IndicatorPlan,
    s: &ScorePlan,
    span: Span,
    record: &Record,
    fired: &mut Vec<Span>,
) -> Result<String, Box<DataError>> {
    let value = eval_rules::score_plan(plan, ind, s, record)?;
    let fail = |f| Box::new(eval::fault(plan, ind, f));
    Ok(match s {
        ScorePlan::Bands { bands, cumulative, assessed } => {
            let outcomes = assessor::outcomes(plan, ind, bands, *cumulative, *assessed, record)?;
            bands::sentence(plan, bands, &outcomes, *cumulative, record, fired).map_err(fail)?
        }
        ScorePlan::Formula { expr, .. } => {
            fired.push(span);
            formula_sentence(plan, ind, expr, record, value)
        }
        ScorePlan::Grades { input, grades, assessed } => {
            fired.push(span);
            grade(plan, *input, grades, *assessed, record, value)
        }
    })
}

/// `完成率 95.5% × 20 = 19.1 分`, with `，以分值 20 分为限` or `，最低 0 分` when the points bound it.
fn formula_sentence(
    plan: &Plan,
    ind: &IndicatorPlan,
    expr: &crate::plan::ExprPlan,
    record: &Record,
    value: Decimal,
) -> String {
    let lang = plan.lang;
    // A percentage result is a share of one point, so `完成率 95.5% × 20` reads
    // as written: 95.5% of 20 is 19.1.
    let shown = formula::show(plan, expr, record, ind.points);
    let mut text = formula::sentence(lang, &shown, value, plan.rounding.places, plan.rounding.strategy);
    if value > ind.points {
        text.push_str(&lang.pick(
            format!("，以分值 {} 分为限", number::plain(ind.points)),
            format!(", capped at {}", number::plain(ind.points)),
        ));
    } else if value < Decimal::ZERO {
        text.push_str(lang.pick("，最低 0 分", ", floored at 0"));
    }
    text
}

/// `评价 中（该档 6～8 分），取该档上限 8 分` / `评价 中（该档 6～8 分），评定 6.5 分`.
fn grade(
    plan: &Plan,
    input: Slot,
    grades: &[Option<GradePlan>],
    assessed: Option<Slot>,
    record: &Record,
    value: Decimal,
) -> String {
    let lang = plan.lang;
    let spec = plan.inputs.get(input);
    let x = record.get(input);
    let name = spec.map_or("", |s| s.name.as_str());
    let label = spec.zip(x).map(|(s, x)| s.shown(x)).unwrap_or_default();
    let band = x.and_then(|x| usize::try_from(x.mantissa()).ok()).and_then(|i| grades.get(i)).and_then(Option::as_ref);
    let range = band.filter(|b| b.low != b.high).map_or_else(String::new, |b| {
        let (lo, hi) = (number::plain(b.low), number::plain(b.high));
        lang.pick(format!("（该档 {lo}～{hi} 分）"), format!(" (band {lo} to {hi})"))
    });
    let v = number::plain(value);
    let given = assessed.and_then(|a| record.get(a)).is_some();
    let how = match (given, range.is_empty(), assessed.is_some(), lang) {
        (true, _, _, Lang::Zh) => format!("评定 {v} 分"),
        (true, _, _, Lang::En) => format!("assessed {v}"),
        (false, true, _, _) => phrase::band_points(lang, value),
        (false, false, true, Lang::Zh) => format!("未给评定分，取该档上限 {v} 分"),
        (false, false, false, Lang::Zh) => format!("取该档上限 {v} 分"),
        (false, false, true, Lang::En) => format!("no assessed score, the band's top: {v}"),
        (false, false, false, Lang::En) => format!("the band's top: {v}"),
    };
    phrase::list(lang, &[format!("{}{range}", phrase::value(name, &label)), how])
}
