//! The points of a band that gives a range (`得3～5分`): the assessor's score
//! when the record carries one (checked to lie in the range), else what the
//! file's `未评定时` setting says; without that setting, a data error naming
//! the band.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Unassessed;

use crate::error::{DataError, DataErrorKind};
use crate::exact;
use crate::number;
use crate::plan::{BandPlan, IndicatorPlan, Plan, Slot};
use crate::record::{Errors, Record};

/// How a band's points were chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chosen {
    /// The band gives fixed points.
    Fixed,
    /// The assessor's score, within the band's range.
    Assessed,
    /// No assessor's score: the file's setting picked these points of the range.
    Unassessed(Unassessed),
}

/// The points a band that holds gives, and how they were chosen.
pub(crate) fn band_points(
    plan: &Plan,
    ind: &IndicatorPlan,
    band: &BandPlan,
    assessed: Option<Slot>,
    record: &Record,
) -> Result<(Decimal, Chosen), Box<DataError>> {
    let Some(high) = band.high else { return Ok((band.points, Chosen::Fixed)) };
    let low = band.points;
    let text = || band.span.text(&plan.source).trim().to_owned();
    let error = |kind: DataErrorKind| {
        let mut e = match assessed {
            Some(slot) => Errors::new(plan).input(slot, kind),
            None => DataError::new(kind, plan.lang),
        };
        e.indicators = vec![ind.name.clone()];
        Box::new(e)
    };
    match (assessed.and_then(|slot| record.get(slot)), plan.unassessed) {
        (Some(score), _) if score < low || score > high => Err(error(DataErrorKind::AssessedOutsideBand {
            band: text(),
            score: number::plain(score),
            low: number::plain(low),
            high: number::plain(high),
        })),
        (Some(score), _) => Ok((score, Chosen::Assessed)),
        (None, Some(policy)) => {
            let points = match policy {
                Unassessed::Top => Some(high),
                Unassessed::Bottom => Some(low),
                Unassessed::Middle => exact::add(low, high).and_then(|sum| sum.checked_div(Decimal::TWO)),
            };
            let overflow = || Box::new(super::fault(plan, ind, super::Fault::Overflow));
            Ok((points.ok_or_else(overflow)?, Chosen::Unassessed(policy)))
        }
        (None, None) => {
            Err(error(DataErrorKind::NotAssessed { band: text(), low: number::plain(low), high: number::plain(high) }))
        }
    }
}
