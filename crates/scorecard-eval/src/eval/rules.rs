//! The parts of an indicator beyond its deduction ladders: not applicable,
//! vetoes, `得分` statements (bands, formulas, grades) and the
//! discretionary deduction.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use scorecard_syntax::ast::NaPolicy;

use super::{derive, tier, Fault, IndicatorScore, Status};
use crate::error::{DataError, DataErrorKind};
use crate::plan::{BandPlan, IndicatorPlan, Plan, ScorePlan};
use crate::record::{Errors, Record};
use crate::{exact, number};

/// The result when the indicator is not applicable or vetoed; `None` otherwise.
pub(super) fn special(plan: &Plan, ind: &IndicatorPlan, record: &Record) -> Result<Option<IndicatorScore>, Fault> {
    if let Some(slot) = ind.not_applicable {
        if record.get(slot) == Some(Decimal::ONE) {
            let score = match plan.na_policy {
                NaPolicy::FullPoints => ind.points,
                NaPolicy::Rescale => Decimal::ZERO,
            };
            let deduction = exact::sub(ind.points, score).ok_or(Fault::Overflow)?;
            return Ok(Some(IndicatorScore {
                points: ind.points,
                deduction,
                score,
                status: Status::NotApplicable,
                disqualifies: false,
            }));
        }
    }
    for veto in ind.vetoes.iter().filter(|v| v.zero) {
        let x = record.get(veto.subject).ok_or(Fault::Overflow)?;
        if tier::test(&veto.test, x, record)? {
            return Ok(Some(IndicatorScore {
                points: ind.points,
                deduction: ind.points,
                score: Decimal::ZERO,
                status: Status::Vetoed,
                disqualifies: veto.disqualify,
            }));
        }
    }
    Ok(None)
}

/// The first disqualifying veto that fires (a `仅取消资格` one, or a zeroing
/// one with `取消资格`), if any.
pub(crate) fn disqualifying<'p>(
    ind: &'p IndicatorPlan,
    record: &Record,
) -> Result<Option<&'p crate::plan::VetoPlan>, Fault> {
    for veto in ind.vetoes.iter().filter(|v| v.disqualify) {
        let x = record.get(veto.subject).ok_or(Fault::Overflow)?;
        if tier::test(&veto.test, x, record)? {
            return Ok(Some(veto));
        }
    }
    Ok(None)
}

/// The base score: the points, or the sum of the `得分` statements.
pub(super) fn base_score(plan: &Plan, ind: &IndicatorPlan, record: &Record) -> Result<Decimal, Box<DataError>> {
    if ind.scores.is_empty() {
        return Ok(ind.points);
    }
    let mut total = Decimal::ZERO;
    for (s, _) in &ind.scores {
        let v = score_plan(plan, ind, s, record)?;
        total = exact::add(total, v).ok_or_else(|| Box::new(super::fault(plan, ind, Fault::Overflow)))?;
    }
    // The base score never exceeds the points; only bonuses may lift a score above them.
    Ok(total.max(Decimal::ZERO).min(ind.points))
}

/// The score one `得分` statement gives.
pub(crate) fn score_plan(
    plan: &Plan,
    ind: &IndicatorPlan,
    s: &ScorePlan,
    record: &Record,
) -> Result<Decimal, Box<DataError>> {
    let fail = |f: Fault| Box::new(super::fault(plan, ind, f));
    match s {
        ScorePlan::Bands { bands, cumulative, assessed } => {
            let mut sum = Decimal::ZERO;
            let mut matched = false;
            for band in bands {
                if band_holds(band, record).map_err(fail)? {
                    matched = true;
                    let (points, _) = super::assessor::band_points(plan, ind, band, *assessed, record)?;
                    if !cumulative {
                        return Ok(points);
                    }
                    sum = exact::add(sum, points).ok_or_else(|| fail(Fault::Overflow))?;
                }
            }
            if matched || *cumulative {
                Ok(sum)
            } else {
                Err(Box::new(no_band(plan, ind, bands, record)))
            }
        }
        ScorePlan::Formula { expr, scale } => {
            let v = derive::eval(expr, record, ind.points).map_err(fail)?;
            v.checked_div(*scale).map(derive::working).ok_or_else(|| fail(Fault::Overflow))
        }
        ScorePlan::Grades { input, grades, assessed } => grade_score(plan, ind, *input, grades, *assessed, record),
    }
}

/// Whether a band holds for this record.
pub(crate) fn band_holds(band: &BandPlan, record: &Record) -> Result<bool, Fault> {
    match band.subject {
        None => Ok(true),
        Some(slot) => tier::test(&band.test, record.get(slot).ok_or(Fault::Overflow)?, record),
    }
}

fn no_band(plan: &Plan, ind: &IndicatorPlan, bands: &[BandPlan], record: &Record) -> DataError {
    let slot = bands.iter().find_map(|b| b.subject);
    let value = slot
        .and_then(|s| Some((plan.inputs.get(s)?, record.get(s)?)))
        .map_or_else(String::new, |(spec, v)| spec.shown(v));
    let kind = DataErrorKind::NoBand { value };
    let mut e = match slot {
        Some(s) => Errors::new(plan).input(s, kind),
        None => DataError { kind, input: None, indicators: Vec::new(), lang: plan.lang },
    };
    e.indicators = vec![ind.name.clone()];
    e
}

fn grade_score(
    plan: &Plan,
    ind: &IndicatorPlan,
    input: usize,
    grades: &[Option<crate::plan::GradePlan>],
    assessed: Option<usize>,
    record: &Record,
) -> Result<Decimal, Box<DataError>> {
    let errors = Errors::new(plan);
    // The value, not its mantissa: `1.0` has mantissa 10 but is grade 1.
    let index = record.get(input).filter(|v| v.fract().is_zero()).and_then(|v| v.to_usize()).unwrap_or(usize::MAX);
    let label = plan.inputs.get(input).and_then(|s| match &s.kind {
        crate::plan::ValueKind::Grades(g) => g.get(index).cloned(),
        _ => None,
    });
    let label = label.unwrap_or_default();
    let Some(Some(band)) = grades.get(index) else {
        return Err(Box::new(errors.input(input, DataErrorKind::UnmappedGrade { grade: label })));
    };
    let Some(slot) = assessed else { return Ok(band.high) };
    let Some(given) = record.get(slot) else { return Ok(band.high) };
    if given < band.low || given > band.high {
        let kind = DataErrorKind::OutsideGradeBand {
            grade: label,
            score: number::plain(given),
            low: number::plain(band.low),
            high: number::plain(band.high),
        };
        let mut e = errors.input(slot, kind);
        e.indicators = vec![ind.name.clone()];
        return Err(Box::new(e));
    }
    Ok(given)
}

/// The assessor's discretionary deduction, checked against its bound.
pub(super) fn discretionary(
    plan: &Plan,
    ind: &IndicatorPlan,
    record: &Record,
) -> Result<Option<Decimal>, Box<DataError>> {
    let Some((slot, max)) = ind.discretionary else { return Ok(None) };
    let value = record.get(slot).unwrap_or(Decimal::ZERO);
    if value < Decimal::ZERO || value > max {
        let kind = DataErrorKind::AboveBound { value: number::plain(value), max: number::plain(max) };
        let mut e = Errors::new(plan).input(slot, kind);
        e.indicators = vec![ind.name.clone()];
        return Err(Box::new(e));
    }
    Ok(Some(value))
}
