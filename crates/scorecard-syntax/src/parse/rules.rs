//! Scoring rules: tiers, conditions, comparisons and references.

use pest::iterators::Pair;
use rust_decimal::Decimal;

use super::pairs::*;
use super::Result;
use crate::ast::*;
use crate::grammar::Rule;
use crate::Spanned;

/// A condition's optional subject and its test.
pub(super) type SubjectTest = (Option<Spanned<String>>, Option<Spanned<Test>>);

/// `评分 …` / `加分 …`: tiers, optionally cumulative, with an optional cap.
pub(super) fn parse_scoring(pair: Pair<'_, Rule>) -> Result<Scoring> {
    let mut scoring = Scoring { cumulative: false, tiers: Vec::new(), cap: None };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::cumulative => scoring.cumulative = true,
            Rule::tier => {
                let at = span(&p);
                let inner = p.into_inner().next().ok_or_else(|| internal(at))?;
                let tier = match inner.as_rule() {
                    Rule::per_tier => parse_per_tier(inner)?,
                    Rule::each_tier => parse_each_tier(inner)?,
                    _ => parse_condition_tier(inner)?,
                };
                scoring.tiers.push(Spanned::new(tier, at));
            }
            Rule::cap => scoring.cap = Some(parse_cap(p)?),
            _ => {}
        }
    }
    Ok(scoring)
}

/// `最多扣6分` / `at most −6`: the amount.
pub(super) fn parse_cap(pair: Pair<'_, Rule>) -> Result<Spanned<Decimal>> {
    let at = span(&pair);
    Ok(Spanned::new(parse_number(find(pair, Rule::number)?)?, at))
}

pub(super) fn parse_per_tier(pair: Pair<'_, Rule>) -> Result<Tier> {
    let at = span(&pair);
    let (mut step, mut subject, mut action, mut dir, mut from, mut pro_rata) = (None, None, None, None, None, false);
    for p in pair.into_inner() {
        let ps = span(&p);
        match p.as_rule() {
            Rule::step => {
                let inner = p.into_inner().next().ok_or_else(|| internal(ps))?;
                step = Some(match inner.as_rule() {
                    Rule::step_quantity => parse_quantity(inner)?,
                    _ => Spanned::new(Quantity { value: Decimal::ONE, unit: Some(inner.as_str().to_owned()) }, ps),
                });
            }
            Rule::subject => subject = Some(parse_name(find(p, Rule::name)?)?),
            Rule::action => action = Some(parse_action(p)?),
            Rule::per_dir | Rule::per_dir_en => {
                for q in p.into_inner() {
                    match q.as_rule() {
                        Rule::dir_above => dir = Some(Dir::Above),
                        Rule::dir_below => dir = Some(Dir::Below),
                        Rule::dir_both => dir = Some(Dir::Both),
                        _ => from = Some(parse_step_ref(q)?),
                    }
                }
            }
            Rule::per_from => from = Some(parse_step_ref(p.into_inner().last().ok_or_else(|| internal(ps))?)?),
            Rule::pro_rata => pro_rata = true,
            _ => {}
        }
    }
    let (deduct, sign) = action.ok_or_else(|| internal(at))?;
    Ok(Tier::PerStep { step, subject, deduct, sign, dir, from, pro_rata })
}

/// A per-step reference: a quantity or a name.
fn parse_step_ref(pair: Pair<'_, Rule>) -> Result<Spanned<StepRef>> {
    let at = span(&pair);
    match pair.as_rule() {
        Rule::quantity => Ok(Spanned::new(StepRef::Value(parse_quantity(pair)?.node), at)),
        Rule::name => Ok(Spanned::new(StepRef::Name(parse_name(pair)?.node), at)),
        _ => Err(internal(at)),
    }
}

pub(super) fn parse_condition_tier(pair: Pair<'_, Rule>) -> Result<Tier> {
    let at = span(&pair);
    let mut subject = None;
    let mut test = None;
    let mut action = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::condition => (subject, test) = parse_condition(p)?,
            Rule::flag_condition => test = Some(parse_flag(p)?),
            Rule::all_of => test = Some(parse_all_of(p)?),
            Rule::action => action = Some(parse_action(p)?),
            _ => {}
        }
    }
    let test = test.ok_or_else(|| internal(at))?;
    let (deduct, sign) = action.ok_or_else(|| internal(at))?;
    Ok(Tier::Condition { subject, test, deduct, sign })
}

/// `每次抽检合格率低于95%扣0.5分`: a comparison counted over a list's readings.
fn parse_each_tier(pair: Pair<'_, Rule>) -> Result<Tier> {
    let at = span(&pair);
    let (mut subject, mut test, mut action) = (None, None, None);
    for p in pair.into_inner() {
        let ps = span(&p);
        match p.as_rule() {
            Rule::subject => subject = Some(parse_name(find(p, Rule::name)?)?),
            Rule::deviation => test = Some(Spanned::new(parse_deviation(p)?, ps)),
            Rule::prefix_comparison | Rule::postfix_comparison => test = Some(Spanned::new(parse_comparison(p)?, ps)),
            Rule::action => action = Some(parse_action(p)?),
            _ => {}
        }
    }
    let (deduct, sign) = action.ok_or_else(|| internal(at))?;
    Ok(Tier::Each {
        subject: subject.ok_or_else(|| internal(at))?,
        test: test.ok_or_else(|| internal(at))?,
        deduct,
        sign,
    })
}

/// A condition: its optional subject and its test.
pub(super) fn parse_condition(pair: Pair<'_, Rule>) -> Result<SubjectTest> {
    let mut subject = None;
    let mut test = None;
    for p in pair.into_inner() {
        let ps = span(&p);
        match p.as_rule() {
            Rule::subject => subject = Some(parse_name(find(p, Rule::name)?)?),
            Rule::deviation => test = Some(Spanned::new(parse_deviation(p)?, ps)),
            Rule::prefix_comparison | Rule::postfix_comparison => {
                test = Some(Spanned::new(parse_comparison(p)?, ps));
            }
            _ => {}
        }
    }
    Ok((subject, test))
}

/// `制度健全`, `评价为达成`.
pub(super) fn parse_flag(pair: Pair<'_, Rule>) -> Result<Spanned<Test>> {
    let at = span(&pair);
    let mut name = None;
    let mut label = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::name => name = Some(parse_name(p)?),
            Rule::label => label = Some(parse_label(p)?),
            _ => {}
        }
    }
    let name = name.ok_or_else(|| internal(at))?;
    Ok(Spanned::new(Test::Flag { name, label }, at))
}

/// A grade label, quoted or bare.
pub(super) fn parse_label(pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    match inner.as_rule() {
        Rule::quoted => parse_quoted(inner),
        _ => Ok(Spanned::new(inner.as_str().to_owned(), at)),
    }
}

/// `扣3分` / `→ −3` (deduct) or `加3分` / `→ +3` (add).
pub(super) fn parse_action(pair: Pair<'_, Rule>) -> Result<(Spanned<Decimal>, Sign)> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    let sign = if inner.as_rule() == Rule::addition { Sign::Add } else { Sign::Deduct };
    Ok((parse_deduction(inner)?, sign))
}

/// The amount of a deduction or addition.
pub(super) fn parse_deduction(pair: Pair<'_, Rule>) -> Result<Spanned<Decimal>> {
    let n = find(pair, Rule::number)?;
    let ns = span(&n);
    Ok(Spanned::new(parse_number(n)?, ns))
}

pub(super) fn parse_deviation(pair: Pair<'_, Rule>) -> Result<Test> {
    let at = span(&pair);
    let mut base = None;
    let mut share = None;
    let mut inclusive = false;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::deviation_ref => {
                for q in p.into_inner() {
                    match q.as_rule() {
                        Rule::name => base = Some(parse_name(q)?),
                        Rule::quantity => share = Some(parse_quantity(q)?),
                        _ => {}
                    }
                }
            }
            Rule::inclusive => inclusive = true,
            _ => {}
        }
    }
    let share = share.ok_or_else(|| internal(at))?;
    Ok(Test::Deviation { base, share, inclusive })
}

pub(super) fn parse_comparison(pair: Pair<'_, Rule>) -> Result<Test> {
    let at = span(&pair);
    let mut cmp = None;
    let mut reference = None;
    let mut inclusive = false;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::cmp_lt => cmp = Some(Cmp::Lt),
            Rule::cmp_gt => cmp = Some(Cmp::Gt),
            Rule::cmp_le | Rule::cmp_le_post => cmp = Some(Cmp::Le),
            Rule::cmp_ge | Rule::cmp_ge_post => cmp = Some(Cmp::Ge),
            Rule::cmp_by_date => cmp = Some(Cmp::Le),
            Rule::cmp_after_date => cmp = Some(Cmp::Gt),
            Rule::cmp_eq => cmp = Some(Cmp::Eq),
            Rule::cmp_top => cmp = Some(Cmp::Le),
            Rule::reference => reference = Some(parse_reference(p)?),
            Rule::inclusive => inclusive = true,
            _ => {}
        }
    }
    let mut cmp = cmp.ok_or_else(|| internal(at))?;
    if inclusive {
        cmp = match cmp {
            Cmp::Lt => Cmp::Le,
            Cmp::Gt => Cmp::Ge,
            other => other,
        };
    }
    let reference = reference.ok_or_else(|| internal(at))?;
    Ok(Test::Compare { cmp, reference })
}

/// `上期90%` (ratio_zh), `90% of last year` (quantity, of, name) or `90%` (quantity).
pub(super) fn parse_reference(pair: Pair<'_, Rule>) -> Result<Reference> {
    let at = span(&pair);
    let mut inner = pair.into_inner();
    let first = next(&mut inner, at)?;
    let parts: Vec<Pair<'_, Rule>> = match first.as_rule() {
        Rule::ratio_zh => first.into_inner().collect(),
        _ => std::iter::once(first).chain(inner).collect(),
    };
    let mut share = None;
    let mut base = None;
    for p in parts {
        match p.as_rule() {
            Rule::quantity => share = Some(parse_quantity(p)?),
            Rule::name => base = Some(parse_name(p)?),
            _ => {}
        }
    }
    match (share, base) {
        (Some(share), Some(base)) => Ok(Reference::ShareOf { share, base }),
        (Some(value), None) => Ok(Reference::Value(value)),
        _ => Err(internal(at)),
    }
}

/// `得分 …`: a formula, a grade mapping or bands.
pub(super) fn parse_score_stmt(pair: Pair<'_, Rule>, depth: &mut super::expr::Depth) -> Result<ScoreStmt> {
    let at = span(&pair);
    let inner = pair.into_inner().find(|p| matches!(p.as_rule(), Rule::formula | Rule::grade_map | Rule::bands));
    let inner = inner.ok_or_else(|| internal(at))?;
    match inner.as_rule() {
        Rule::formula => Ok(ScoreStmt::Formula(super::expr::parse_expr(find(inner, Rule::expr)?, depth)?)),
        Rule::grade_map => parse_grade_map(inner),
        _ => parse_bands(inner),
    }
}

fn parse_grade_map(pair: Pair<'_, Rule>) -> Result<ScoreStmt> {
    let at = span(&pair);
    let mut input = None;
    let mut entries = Vec::new();
    let mut assessed = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::name => input = Some(parse_name(p)?),
            Rule::grade_entry => entries.push(parse_grade_entry(p)?),
            Rule::assessed => assessed = Some(parse_name(find(p, Rule::name)?)?),
            _ => {}
        }
    }
    let input = input.ok_or_else(|| internal(at))?;
    Ok(ScoreStmt::Grades { input, entries, assessed })
}

fn parse_grade_entry(pair: Pair<'_, Rule>) -> Result<GradeEntry> {
    let at = span(&pair);
    let mut label = None;
    let mut values = Vec::new();
    for p in pair.into_inner().flatten() {
        match p.as_rule() {
            Rule::label => label = Some(parse_label(p)?),
            Rule::quantity => values.push(parse_quantity(p)?),
            _ => {}
        }
    }
    let label = label.ok_or_else(|| internal(at))?;
    match values.as_slice() {
        [one] => Ok(GradeEntry { label, low: one.clone(), high: one.clone() }),
        [a, b] => Ok(GradeEntry { label, low: a.clone(), high: b.clone() }),
        _ => Err(internal(at)),
    }
}

fn parse_bands(pair: Pair<'_, Rule>) -> Result<ScoreStmt> {
    let mut cumulative = false;
    let mut bands = Vec::new();
    let mut assessed = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::cumulative => cumulative = true,
            Rule::assessed => assessed = Some(parse_name(find(p, Rule::name)?)?),
            Rule::band => {
                let at = span(&p);
                bands.push(Spanned::new(parse_band(p)?, at));
            }
            _ => {}
        }
    }
    Ok(ScoreStmt::Bands { cumulative, bands, assessed })
}

fn parse_band(pair: Pair<'_, Rule>) -> Result<Band> {
    let at = span(&pair);
    let mut subject = None;
    let mut test = None;
    let mut outcome = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::band_condition => (subject, test) = parse_band_condition(p)?,
            Rule::outcome => outcome = Some(parse_outcome(p)?),
            _ => {}
        }
    }
    let test = test.ok_or_else(|| internal(at))?;
    let outcome = outcome.ok_or_else(|| internal(at))?;
    Ok(Band { subject, test, outcome })
}

/// What a band or veto tests.
pub(super) fn parse_band_condition(pair: Pair<'_, Rule>) -> Result<SubjectTest> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    let is = span(&inner);
    match inner.as_rule() {
        Rule::otherwise => Ok((None, Some(Spanned::new(Test::Otherwise, is)))),
        Rule::all_of => Ok((None, Some(parse_all_of(inner)?))),
        Rule::range_condition => parse_range(inner),
        Rule::condition => parse_condition(inner),
        _ => Ok((None, Some(parse_flag(inner)?))),
    }
}

fn parse_range(pair: Pair<'_, Rule>) -> Result<SubjectTest> {
    let mut subject = None;
    let mut bounds = Vec::new();
    let mut body_span = span(&pair);
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::subject => subject = Some(parse_name(find(p, Rule::name)?)?),
            Rule::range_body => {
                body_span = span(&p);
                for b in p.into_inner().filter(|b| matches!(b.as_rule(), Rule::range_low | Rule::range_high)) {
                    // A lower bound is included unless marked （不含）; an upper one only if marked （含）.
                    let included = if b.as_rule() == Rule::range_low {
                        !b.clone().into_inner().any(|m| m.as_rule() == Rule::exclusive)
                    } else {
                        b.clone().into_inner().any(|m| m.as_rule() == Rule::inclusive)
                    };
                    bounds.push((parse_quantity(find(b, Rule::quantity)?)?, included));
                }
            }
            _ => {}
        }
    }
    match bounds.as_slice() {
        [(low, low_inclusive), (high, high_inclusive)] => Ok((
            subject,
            Some(Spanned::new(
                Test::Range {
                    low: low.clone(),
                    low_inclusive: *low_inclusive,
                    high: high.clone(),
                    high_inclusive: *high_inclusive,
                },
                body_span,
            )),
        )),
        _ => Err(internal(body_span)),
    }
}

fn parse_outcome(pair: Pair<'_, Rule>) -> Result<Spanned<Outcome>> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    let outcome = match inner.as_rule() {
        Rule::give_full => Outcome::Full,
        Rule::give_zero => Outcome::Points(Decimal::ZERO),
        Rule::give_range => {
            let numbers: Vec<_> = inner.into_inner().filter(|p| p.as_rule() == Rule::number).collect();
            match numbers.as_slice() {
                [low, high] => Outcome::Range(parse_number(low.clone())?, parse_number(high.clone())?),
                _ => return Err(internal(at)),
            }
        }
        Rule::give_share => Outcome::Share(parse_quantity(find(inner, Rule::quantity)?)?.node.value),
        Rule::give_points => {
            let q = match inner.clone().into_inner().find(|p| p.as_rule() == Rule::quantity) {
                Some(q) => parse_quantity(q)?.node,
                None => Quantity { value: parse_number(find(inner, Rule::number)?)?, unit: None },
            };
            match q.unit.as_deref() {
                Some("%") | Some("％") => Outcome::Share(q.value),
                _ => Outcome::Points(q.value),
            }
        }
        _ => Outcome::Deduct(parse_deduction(inner)?.node),
    };
    Ok(Spanned::new(outcome, at))
}

/// `否决 …`: the condition and whether it disqualifies the scorecard.
pub(super) fn parse_veto(pair: Pair<'_, Rule>) -> Result<Veto> {
    let at = span(&pair);
    let mut subject = None;
    let mut test = None;
    let mut disqualify = false;
    let mut zero = true;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::veto_condition => {
                let inner = p.into_inner().next().ok_or_else(|| internal(at))?;
                match inner.as_rule() {
                    Rule::condition => (subject, test) = parse_condition(inner)?,
                    Rule::all_of => test = Some(parse_all_of(inner)?),
                    _ => test = Some(parse_flag(inner)?),
                }
            }
            Rule::disqualify => disqualify = true,
            Rule::disqualify_only => {
                disqualify = true;
                zero = false;
            }
            _ => {}
        }
    }
    let test = test.ok_or_else(|| internal(at))?;
    Ok(Veto { subject, test, disqualify, zero })
}

/// `A且B`: the parts, each with its own subject.
fn parse_all_of(pair: Pair<'_, Rule>) -> Result<Spanned<Test>> {
    let at = span(&pair);
    let mut parts = Vec::new();
    for part in pair.into_inner().filter(|p| p.as_rule() == Rule::condition_part) {
        let ps = span(&part);
        let inner = part.into_inner().next().ok_or_else(|| internal(ps))?;
        let (subject, test) = match inner.as_rule() {
            Rule::range_condition => parse_range(inner)?,
            Rule::condition => parse_condition(inner)?,
            _ => (None, Some(parse_flag(inner)?)),
        };
        parts.push((subject, test.ok_or_else(|| internal(ps))?));
    }
    Ok(Spanned::new(Test::All(parts), at))
}
