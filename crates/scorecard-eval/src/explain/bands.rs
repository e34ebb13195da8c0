//! Explaining `得分` bands: the band that holds and why. A band with a
//! condition shows its values (`完成率 95.5%，达到 90%，得 5 分`); `否则` names
//! the conditions before it that failed (`结余 10.01万元，高于上年结转 10万元，
//! 不得分`); a checklist (`累计`) says of every item whether it counted.

use rust_decimal::Decimal;
use scorecard_syntax::ast::Cmp;
use scorecard_syntax::Span;

use super::condition::{self, Written};
use super::phrase;
use crate::eval::Fault;
use crate::number;
use crate::plan::{BandPlan, Operand, Plan, Slot, TestPlan, ValueKind};
use crate::record::Record;

/// The sentence for a `得分` line of bands; records the bands that held.
/// `outcomes` says, for each band that holds, what it gives (see
/// `assessor::outcomes`).
pub(super) fn sentence(
    plan: &Plan,
    bands: &[BandPlan],
    outcomes: &[Option<(Decimal, String)>],
    cumulative: bool,
    record: &Record,
    fired: &mut Vec<Span>,
) -> Result<String, Fault> {
    if cumulative {
        return checklist(plan, bands, outcomes, record, fired);
    }
    let lang = plan.lang;
    let mut failed = Vec::new();
    for (band, outcome) in bands.iter().zip(outcomes) {
        if let Some((_, outcome)) = outcome {
            fired.push(band.span);
            let why = match band.subject {
                Some(slot) => condition::clause(plan, slot, &band.test, record, true, Written::default())?,
                None => failures(plan, &failed, record)?,
            };
            let outcome = outcome.clone();
            return Ok(if why.is_empty() { outcome } else { phrase::then(lang, &why, &outcome) });
        }
        if let Some(slot) = band.subject {
            failed.push((slot, &band.test));
        }
    }
    // No band held: scoring has already refused the record, so this is not reached.
    Err(Fault::Overflow)
}

/// Every item of a checklist: `制度健全 是，得 1 分；有效执行 否，不得该 1 分；合计 1 分`.
fn checklist(
    plan: &Plan,
    bands: &[BandPlan],
    outcomes: &[Option<(Decimal, String)>],
    record: &Record,
    fired: &mut Vec<Span>,
) -> Result<String, Fault> {
    let lang = plan.lang;
    let mut parts = Vec::with_capacity(bands.len().saturating_add(1));
    let mut sum = Decimal::ZERO;
    for (band, given) in bands.iter().zip(outcomes) {
        let held = given.is_some();
        let why = match band.subject {
            Some(slot) => condition::clause(plan, slot, &band.test, record, held, Written::default())?,
            None => lang.pick("其他", "otherwise").to_owned(),
        };
        let outcome = match given {
            Some((points, said)) => {
                fired.push(band.span);
                sum = crate::exact::add(sum, *points).ok_or(Fault::Overflow)?;
                said.clone()
            }
            None => {
                let n = match band.high {
                    Some(high) => format!("{}～{}", number::plain(band.points), number::plain(high)),
                    None => number::plain(band.points),
                };
                lang.pick(format!("不得该 {n} 分"), format!("0 of {n}"))
            }
        };
        parts.push(phrase::then(lang, &why, &outcome));
    }
    let n = number::plain(sum);
    parts.push(lang.pick(format!("合计 {n} 分"), format!("{n} in all")));
    Ok(phrase::parts(lang, &parts))
}

/// Why `否则` holds: the conditions before it that failed, each with its
/// values; of several one-sided thresholds on one input only the nearest
/// (`未达到 80%`, not also `未达到 90%`).
fn failures(plan: &Plan, failed: &[(Slot, &TestPlan)], record: &Record) -> Result<String, Fault> {
    let lang = plan.lang;
    let mut clauses: Vec<String> = Vec::new();
    let mut said: Vec<Slot> = Vec::new();
    for (i, (slot, test)) in failed.iter().enumerate() {
        let beyond =
            plan.inputs.get(*slot).filter(|s| s.kind == ValueKind::Number).and_then(|_| outside(failed, *slot, record));
        if said.contains(slot) && beyond.is_some() {
            continue;
        }
        if let Some(rel) = beyond {
            // Bands that tile a stretch of one input: `高于 30%`, not each band in turn.
            said.push(*slot);
            let spec = plan.inputs.get(*slot).ok_or(Fault::Overflow)?;
            let x = record.get(*slot).ok_or(Fault::Overflow)?;
            let value = phrase::value(&spec.name, &super::ladder::reading(plan, spec, x, condition::threshold(&rel)));
            let words = condition::relation(plan, spec, &rel, x, record, true, Written::default())?;
            clauses.push(phrase::is(lang, &value, &words));
            continue;
        }
        if failed.iter().enumerate().any(|(j, other)| j != i && nearer(other, (*slot, test), j < i)) {
            continue;
        }
        let spec = plan.inputs.get(*slot).ok_or(Fault::Overflow)?;
        let x = record.get(*slot).ok_or(Fault::Overflow)?;
        let rel = match test {
            TestPlan::All(_) => {
                clauses.push(condition::clause(plan, *slot, test, record, false, Written::default())?);
                continue;
            }
            _ => condition::relation(plan, spec, test, x, record, false, Written::default())?,
        };
        // The value is shown once per input: `评价 差，不为「好」，不为「中」`.
        if said.contains(slot) {
            clauses.push(rel);
        } else {
            said.push(*slot);
            clauses.push(condition::clause(plan, *slot, test, record, false, Written::default())?);
        }
    }
    Ok(phrase::list(lang, &clauses))
}

/// When every failed band on the number input `slot` is a range or a
/// threshold and the value lies beyond all of them, the one comparison that says so
/// (`x > 30%`); `None` otherwise.
fn outside(failed: &[(Slot, &TestPlan)], slot: Slot, record: &Record) -> Option<TestPlan> {
    let x = record.get(slot)?;
    // The stretch the failed bands span; `None` at an end that is open.
    let mut span: Option<(Option<Decimal>, Option<Decimal>)> = None;
    let mut count = 0usize;
    for (_, test) in failed.iter().filter(|(s, _)| *s == slot) {
        let (lo, hi) = match test {
            TestPlan::Range { lo, hi, .. } => (Some(*lo), Some(*hi)),
            TestPlan::Fixed { cmp: Cmp::Eq, threshold } => (Some(*threshold), Some(*threshold)),
            TestPlan::Fixed { cmp: Cmp::Ge | Cmp::Gt, threshold } => (Some(*threshold), None),
            TestPlan::Fixed { cmp: Cmp::Le | Cmp::Lt, threshold } => (None, Some(*threshold)),
            _ => return None,
        };
        count = count.saturating_add(1);
        span =
            Some(span.map_or((lo, hi), |(a, b)| (a.zip(lo).map(|(a, l)| a.min(l)), b.zip(hi).map(|(b, h)| b.max(h)))));
    }
    let (lo, hi) = span.filter(|_| count > 1)?;
    // Every band failed, so a value at or beyond an end is outside them all.
    match (lo, hi) {
        (_, Some(hi)) if x >= hi => {
            Some(TestPlan::Fixed { cmp: if x == hi { Cmp::Ge } else { Cmp::Gt }, threshold: hi })
        }
        (Some(lo), _) if x <= lo => {
            Some(TestPlan::Fixed { cmp: if x == lo { Cmp::Le } else { Cmp::Lt }, threshold: lo })
        }
        _ => None,
    }
}

/// Whether the failed test `other` on the same input says more than `this`:
/// `x < 80%` says more than `x < 90%`. Of equal thresholds the earlier one is kept.
fn nearer(other: &(Slot, &TestPlan), this: (Slot, &TestPlan), other_first: bool) -> bool {
    let (a, ta, b, tb) = match (other.1, this.1) {
        (TestPlan::Fixed { cmp: a, threshold: ta }, TestPlan::Fixed { cmp: b, threshold: tb }) => (a, ta, b, tb),
        // Shares of one baseline: `x < 80% of last year` says more than `x < 90%` of it.
        (
            TestPlan::ShareOf { cmp: a, factor: ta, base: Operand::Input(ba), .. },
            TestPlan::ShareOf { cmp: b, factor: tb, base: Operand::Input(bb), .. },
        ) if ba == bb => (a, ta, b, tb),
        (
            TestPlan::ShareOf { cmp: a, factor: ta, base: Operand::Const(ba), .. },
            TestPlan::ShareOf { cmp: b, factor: tb, base: Operand::Const(bb), .. },
        ) if ba == bb => (a, ta, b, tb),
        _ => return false,
    };
    if other.0 != this.0 || a != b {
        return false;
    }
    match a {
        // Failing `x ≥ t` means x < t: the smaller t is the nearer.
        Cmp::Ge | Cmp::Gt => ta < tb || (ta == tb && other_first),
        Cmp::Le | Cmp::Lt => ta > tb || (ta == tb && other_first),
        Cmp::Eq => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_two_failed_lower_bounds_the_smaller_is_nearer() {
        let t90 = TestPlan::Fixed { cmp: Cmp::Ge, threshold: Decimal::from(90) };
        let t80 = TestPlan::Fixed { cmp: Cmp::Ge, threshold: Decimal::from(80) };
        assert!(nearer(&(0, &t80), (0, &t90), false));
        assert!(!nearer(&(0, &t90), (0, &t80), true));
        assert!(!nearer(&(1, &t80), (0, &t90), false), "another input says nothing of this one");
    }
}
