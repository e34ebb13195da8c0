//! Explanation sentences, in the rule file's language, for every indicator:
//! the values read, what they were compared with, which rules fired.

mod advice;
mod assessor;
pub(crate) use assessor::policy as assessor_policy;
mod bands;
mod condition;
mod formula;
mod ladder;
mod list;
mod phrase;
mod rules;
mod score;
mod steps;
pub(crate) mod trace;

use rust_decimal::Decimal;
use scorecard_syntax::ast::Sign;
use scorecard_syntax::{Lang, Span};

pub(crate) use ladder::shown_in;

use crate::error::DataError;
use crate::eval::{self, IndicatorScore, Status};
use crate::number;
use crate::plan::{IndicatorPlan, Plan, StatementPlan};
use crate::record::Record;

/// What an indicator's explanation says, and where the rules that fired are written.
pub(crate) struct Explained {
    pub(crate) sentence: String,
    pub(crate) fired: Vec<Span>,
}

/// Explains one indicator whose score is `score`.
pub(crate) fn indicator(
    plan: &Plan,
    ind: &IndicatorPlan,
    record: &Record,
    score: &IndicatorScore,
) -> Result<Explained, Box<DataError>> {
    match score.status {
        Status::NotApplicable => return Ok(rules::not_applicable(plan, ind, record)),
        Status::Vetoed => return rules::veto(plan, ind, record),
        Status::Scored => {}
    }
    let lang = plan.lang;
    let fail = |f| Box::new(eval::fault(plan, ind, f));
    let mut parts = Vec::new();
    let mut fired = Vec::new();
    for (s, span) in &ind.scores {
        parts.push(score::score(plan, ind, s, *span, record, &mut fired)?);
    }
    let deducted = statements(plan, &ind.deductions, Sign::Deduct, record, &mut parts, &mut fired).map_err(fail)?;
    let added = statements(plan, &ind.bonuses, Sign::Add, record, &mut parts, &mut fired).map_err(fail)?;
    rules::discretionary(plan, ind, record, &mut parts)?;
    let disqualified = rules::disqualifying(plan, ind, record, &mut fired);
    let mut sentence = parts.join(lang.pick("；", "; "));
    if ind.scores.is_empty() && added.is_zero() && deducted > ind.points {
        sentence.push_str(&match lang {
            Lang::Zh => format!("；合计扣 {} 分，扣完 {} 分为止", number::plain(deducted), number::plain(ind.points)),
            Lang::En => {
                format!("; {} in all, capped at the {} points", number::plain(deducted), number::plain(ind.points))
            }
        });
    } else if parts.len() > 1 && (!ind.scores.is_empty() || !added.is_zero() || ind.discretionary.is_some()) {
        sentence.push_str(&match lang {
            Lang::Zh => format!("；得 {} 分", number::plain(score.score)),
            Lang::En => format!("; score {}", number::plain(score.score)),
        });
    } else if ind.scores.is_empty()
        && added.is_zero()
        && ind.discretionary.is_none()
        && ind.points.checked_sub(deducted.max(Decimal::ZERO).min(ind.points)).is_some_and(|u| u != score.score)
    {
        sentence.push_str(&match lang {
            Lang::Zh => format!("；得分舍入为 {} 分", number::plain(score.score)),
            Lang::En => format!("; score rounded to {}", number::plain(score.score)),
        });
    }
    if let Some(d) = disqualified {
        sentence.push_str(lang.pick("；", "; "));
        sentence.push_str(&d);
    }
    Ok(Explained { sentence, fired })
}

/// Explains `评分` or `加分` statements; returns their total (after caps).
fn statements(
    plan: &Plan,
    list: &[StatementPlan],
    sign: Sign,
    record: &Record,
    parts: &mut Vec<String>,
    fired: &mut Vec<Span>,
) -> Result<Decimal, eval::Fault> {
    let lang = plan.lang;
    let mut total = Decimal::ZERO;
    for st in list {
        let mut sum = Decimal::ZERO;
        for l in &st.ladders {
            let (text, tiers, amount) = ladder::ladder_sentence(plan, l, sign, record)?;
            parts.push(text);
            fired.extend(tiers.iter().map(|t| t.span));
            sum = crate::exact::add(sum, amount).ok_or(eval::Fault::Overflow)?;
        }
        if let Some(cap) = st.cap.filter(|c| sum > *c) {
            parts.push(match (lang, sign) {
                (Lang::Zh, Sign::Deduct) => {
                    format!("合计扣 {} 分，最多扣 {} 分", number::plain(sum), number::plain(cap))
                }
                (Lang::Zh, Sign::Add) => format!("合计加 {} 分，最多加 {} 分", number::plain(sum), number::plain(cap)),
                (Lang::En, _) => format!("{} in all, at most {}", number::plain(sum), number::plain(cap)),
            });
            sum = cap;
        }
        total = crate::exact::add(total, sum).ok_or(eval::Fault::Overflow)?;
    }
    Ok(total)
}
