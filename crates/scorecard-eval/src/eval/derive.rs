//! Derived values (`计算`): computed once per record, before scoring.

use rust_decimal::Decimal;

use super::Fault;
use crate::error::{DataErrorKind, RecordError};
use crate::exact;
use crate::plan::{ExprPlan, Plan};
use crate::record::{Errors, Record};

/// Whether the plan has derived values (`计算`) to fill in.
pub(crate) fn any(plan: &Plan) -> bool {
    plan.inputs.iter().any(|s| s.derived.is_some())
}

/// Fills in the derived values an applicable indicator reads, in
/// declaration order (a derived value may read an earlier one).
pub(crate) fn fill(plan: &Plan, values: &mut Record, na: &super::NotApplicable) -> Result<(), RecordError> {
    for (slot, spec) in plan.inputs.iter().enumerate() {
        let Some(d) = &spec.derived else { continue };
        if !super::needed(&spec.used_by, na) {
            continue;
        }
        let value = match eval(&d.expr, values, Decimal::ZERO) {
            Ok(v) => v,
            Err(Fault::DivideByZero) => match d.if_zero {
                Some(v) => v,
                None => {
                    return Err(Errors::new(plan)
                        .input(slot, DataErrorKind::DivideByZero { name: spec.name.clone() })
                        .into())
                }
            },
            Err(_) => return Err(Errors::new(plan).input(slot, DataErrorKind::Overflow).into()),
        };
        if let Some(cell) = values.values.get_mut(slot) {
            *cell = Some(value);
        }
    }
    Ok(())
}

/// Decimal places quotients are carried to. A quotient such as 1 ÷ 3 has no
/// exact decimal form; carrying 20 places keeps later sums and differences
/// exact in 28 digits, far below the 2 places a score is rounded to once.
pub(crate) const WORKING_PLACES: u32 = 20;

/// A quotient at the working precision.
pub(crate) fn working(v: Decimal) -> Decimal {
    v.round_dp_with_strategy(WORKING_PLACES, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
}

/// Evaluates an expression; `points` stands for `分值`.
pub(crate) fn eval(e: &ExprPlan, record: &Record, points: Decimal) -> Result<Decimal, Fault> {
    let of = |x: Option<Decimal>| x.ok_or(Fault::Overflow);
    Ok(match e {
        ExprPlan::Const(v) => *v,
        ExprPlan::Slot(s) => of(record.get(*s))?,
        ExprPlan::Points => points,
        ExprPlan::Neg(a) => of(Decimal::ZERO.checked_sub(eval(a, record, points)?))?,
        ExprPlan::Add(a, b) => of(exact::add(eval(a, record, points)?, eval(b, record, points)?))?,
        ExprPlan::Sub(a, b) => of(exact::sub(eval(a, record, points)?, eval(b, record, points)?))?,
        ExprPlan::Mul(a, b, scale) => {
            let p = of(exact::mul(eval(a, record, points)?, eval(b, record, points)?))?;
            if *scale == Decimal::ONE {
                p
            } else {
                of(exact::percent(p))?
            }
        }
        ExprPlan::Div(a, b, scale) => {
            let d = eval(b, record, points)?;
            if d.is_zero() {
                return Err(Fault::DivideByZero);
            }
            let n = of(eval(a, record, points)?.checked_mul(*scale))?;
            working(of(n.checked_div(d))?)
        }
        ExprPlan::Min(args) => fold(args, record, points, Decimal::min)?,
        ExprPlan::Max(args) => fold(args, record, points, Decimal::max)?,
        ExprPlan::Floor(a) => eval(a, record, points)?.floor(),
    })
}

fn fold(
    args: &[ExprPlan],
    record: &Record,
    points: Decimal,
    f: fn(Decimal, Decimal) -> Decimal,
) -> Result<Decimal, Fault> {
    let mut acc: Option<Decimal> = None;
    for a in args {
        let v = eval(a, record, points)?;
        acc = Some(acc.map_or(v, |x| f(x, v)));
    }
    acc.ok_or(Fault::Overflow)
}
