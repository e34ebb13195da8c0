//! Explaining the parts beyond deduction ladders: `得分` statements,
//! vetoes, not applicable, and the discretionary deduction.

use rust_decimal::Decimal;
use scorecard_syntax::ast::NaPolicy;
use scorecard_syntax::{Lang, Span};

use super::ladder::shown_in;
use super::Explained;
use crate::error::DataError;
use crate::eval::{self, rules as eval_rules};
use crate::number;
use crate::plan::{IndicatorPlan, Plan, ScorePlan};
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
    let lang = plan.lang;
    let value = eval_rules::score_plan(plan, ind, s, record)?;
    let fail = |f| Box::new(eval::fault(plan, ind, f));
    let text = match s {
        ScorePlan::Bands { bands, cumulative, assessed } => {
            let mut hits = Vec::new();
            for b in bands {
                if eval_rules::band_holds(b, record).map_err(fail)? {
                    hits.push(b);
                    if !cumulative {
                        break;
                    }
                }
            }
            let subject = hits.first().and_then(|b| b.subject).or_else(|| bands.iter().find_map(|b| b.subject));
            let value_text = subject
                .and_then(|slot| Some((plan.inputs.get(slot)?, record.get(slot)?)))
                .filter(|_| !cumulative)
                .map(|(spec, v)| format!("{} {}", spec.name, shown_in(spec, v, lang)));
            let quoted: Vec<String> = hits
                .iter()
                .map(|b| {
                    fired.push(b.span);
                    format!("「{}」", b.span.text(&plan.source))
                })
                .collect();
            if quoted.is_empty() {
                return Ok(match lang {
                    Lang::Zh => format!("各项均不符合，计 {} 分", number::plain(value)),
                    Lang::En => format!("no item matches: {}", number::plain(value)),
                });
            }
            let points = super::assessor::points(plan, ind, &hits, *cumulative, *assessed, record, value)?;
            match (value_text, lang) {
                (Some(v), Lang::Zh) => format!("{v}，符合{}，{points}", quoted.join("、")),
                (Some(v), Lang::En) => format!("{v} matches {}: {points}", quoted.join(", ")),
                (None, Lang::Zh) => format!("符合{}，{points}", quoted.join("、")),
                (None, Lang::En) => format!("matches {}: {points}", quoted.join(", ")),
            }
        }
        ScorePlan::Formula { .. } => {
            fired.push(span);
            let capped = if value > ind.points {
                lang.pick(
                    format!("，以分值 {} 分为限", number::plain(ind.points)),
                    format!(", capped at {}", number::plain(ind.points)),
                )
            } else if value < Decimal::ZERO {
                lang.pick("，最低 0 分".to_owned(), ", floored at 0".to_owned())
            } else {
                String::new()
            };
            let shown_value = about(value, plan, lang);
            match lang {
                Lang::Zh => format!("按「{}」计 {shown_value} 分{capped}", span.text(&plan.source)),
                Lang::En => format!("by `{}`: {shown_value}{capped}", span.text(&plan.source)),
            }
        }
        ScorePlan::Grades { input, assessed, .. } => {
            fired.push(span);
            let grade =
                plan.inputs.get(*input).and_then(|spec| Some(spec.shown(record.get(*input)?))).unwrap_or_default();
            let name = plan.inputs.get(*input).map_or("", |s| s.name.as_str());
            let how = match (assessed.and_then(|a| record.get(a)), lang) {
                (Some(_), Lang::Zh) => "评定分",
                (None, Lang::Zh) => "取该档上限",
                (Some(_), Lang::En) => "assessed",
                (None, Lang::En) => "the band's top",
            };
            match lang {
                Lang::Zh => format!("{name}为「{grade}」，{how} {} 分", number::plain(value)),
                Lang::En => format!("{name} is `{grade}`, {how}: {}", number::plain(value)),
            }
        }
    };
    Ok(text)
}

/// A computed value for display: to the scorecard's places, marked as
/// approximate when that rounds it (the score itself is rounded once, later).
fn about(value: Decimal, plan: &Plan, lang: Lang) -> String {
    let rounded = value.round_dp_with_strategy(plan.rounding.places, plan.rounding.strategy);
    if rounded == value {
        number::plain(value)
    } else {
        format!("{}{}", lang.pick("约 ", "about "), number::plain(rounded))
    }
}

/// Why a not-applicable indicator scores what it does.
pub(super) fn not_applicable(plan: &Plan, ind: &IndicatorPlan, record: &Record) -> Explained {
    let flag = ind.not_applicable.and_then(|s| plan.inputs.get(s)).map_or("", |s| s.name.as_str());
    let _ = record;
    let sentence = match (plan.na_policy, plan.lang) {
        (NaPolicy::FullPoints, Lang::Zh) => format!("{flag}：不适用，得满分 {} 分", number::plain(ind.points)),
        (NaPolicy::FullPoints, Lang::En) => {
            format!("{flag}: not applicable, full {} points", number::plain(ind.points))
        }
        (NaPolicy::Rescale, Lang::Zh) => format!("{flag}：不适用，不计入总分，总分按其余指标折算"),
        (NaPolicy::Rescale, Lang::En) => format!("{flag}: not applicable, left out; the total is rescaled"),
    };
    Explained { sentence, fired: Vec::new() }
}

/// Which veto fired.
pub(super) fn veto(plan: &Plan, ind: &IndicatorPlan, record: &Record) -> Result<Explained, Box<DataError>> {
    let fail = |f| Box::new(eval::fault(plan, ind, f));
    for v in ind.vetoes.iter().filter(|v| v.zero) {
        let x = record.get(v.subject).unwrap_or_default();
        if eval::test(&v.test, x, record).map_err(fail)? {
            let spec = plan.inputs.get(v.subject);
            let value = spec.map(|s| format!("{} {}", s.name, shown_in(s, x, plan.lang))).unwrap_or_default();
            let rule = v.span.text(&plan.source);
            let sentence = match (plan.lang, v.disqualify) {
                (Lang::Zh, false) => format!("{value}：一票否决（「{rule}」），该项不得分"),
                (Lang::Zh, true) => format!("{value}：一票否决（「{rule}」），该项不得分，并取消资格"),
                (Lang::En, false) => format!("{value}: vetoed by `{rule}`, scores 0"),
                (Lang::En, true) => format!("{value}: vetoed by `{rule}`, scores 0 and disqualifies the scorecard"),
            };
            return Ok(Explained { sentence, fired: vec![v.span] });
        }
    }
    Ok(Explained { sentence: String::new(), fired: Vec::new() })
}

/// The sentence for a `仅取消资格` veto that fired, if any.
pub(super) fn disqualifying(
    plan: &Plan,
    ind: &IndicatorPlan,
    record: &Record,
    fired: &mut Vec<Span>,
) -> Option<String> {
    let v = eval_rules::disqualifying(ind, record).ok().flatten().filter(|v| !v.zero)?;
    fired.push(v.span);
    let rule = v.span.text(&plan.source);
    Some(match plan.lang {
        Lang::Zh => format!("一票否决（「{rule}」）：取消资格，本项得分不变"),
        Lang::En => format!("veto `{rule}`: the scorecard is disqualified; this score stands"),
    })
}

/// The discretionary deduction's sentence, if any.
pub(super) fn discretionary(
    plan: &Plan,
    ind: &IndicatorPlan,
    record: &Record,
    parts: &mut Vec<String>,
) -> Result<Option<Decimal>, Box<DataError>> {
    let Some((slot, max)) = ind.discretionary else { return Ok(None) };
    let value = record.get(slot).unwrap_or(Decimal::ZERO);
    parts.push(match plan.lang {
        Lang::Zh => format!("酌情扣 {} 分（最多 {} 分）", number::plain(value), number::plain(max)),
        Lang::En => format!("discretionary −{} (at most {})", number::plain(value), number::plain(max)),
    });
    Ok(Some(value))
}
