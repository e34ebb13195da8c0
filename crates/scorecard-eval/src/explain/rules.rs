//! Explaining what decides an indicator besides its ladders and `得分`
//! lines: vetoes, not applicable, and the discretionary deduction.

use rust_decimal::Decimal;
use scorecard_syntax::ast::NaPolicy;
use scorecard_syntax::{Lang, Span};

use super::condition::{self, Written};
use super::{phrase, Explained};
use crate::error::DataError;
use crate::eval::{self, rules as eval_rules};
use crate::number;
use crate::plan::{IndicatorPlan, Plan};
use crate::record::Record;

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

/// Which veto fired, with its values. A veto that only zeroes the
/// indicator is the criterion's `不得分`, not a 一票否决: only one that
/// disqualifies the scorecard is called that.
pub(super) fn veto(plan: &Plan, ind: &IndicatorPlan, record: &Record) -> Result<Explained, Box<DataError>> {
    let fail = |f| Box::new(eval::fault(plan, ind, f));
    for v in ind.vetoes.iter().filter(|v| v.zero) {
        let x = record.get(v.subject).unwrap_or_default();
        if eval::test(&v.test, x, record).map_err(fail)? {
            let why = condition::clause(plan, v.subject, &v.test, record, true, Written::default()).map_err(fail)?;
            let rule = v.span.text(&plan.source);
            let outcome = match (plan.lang, v.disqualify) {
                (Lang::Zh, false) => format!("本项不得分（「{rule}」）"),
                (Lang::Zh, true) => format!("一票否决：本项不得分，并取消资格（「{rule}」）"),
                (Lang::En, false) => format!("scores 0 (`{rule}`)"),
                (Lang::En, true) => format!("vetoed, scores 0 and disqualifies the scorecard (`{rule}`)"),
            };
            return Ok(Explained { sentence: phrase::then(plan.lang, &why, &outcome), fired: vec![v.span] });
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
    let why = condition::clause(plan, v.subject, &v.test, record, true, Written::default()).ok()?;
    let rule = v.span.text(&plan.source);
    let outcome = match plan.lang {
        Lang::Zh => format!("一票否决：取消资格，本项得分不变（「{rule}」）"),
        Lang::En => format!("vetoed, the scorecard is disqualified and this score stands (`{rule}`)"),
    };
    Some(phrase::then(plan.lang, &why, &outcome))
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
