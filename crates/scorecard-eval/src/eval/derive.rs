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
///
/// The recursion is as deep as the expression tree is high, which the parser
/// caps (E0007). The recursive frame is kept small, even unoptimised, by doing
/// the arithmetic in the helpers below, so the cap fits a 2 MiB thread stack.
pub(crate) fn eval(e: &ExprPlan, record: &Record, points: Decimal) -> Result<Decimal, Fault> {
    match e {
        ExprPlan::Const(v) => Ok(*v),
        ExprPlan::Slot(s) => record.get(*s).ok_or(Fault::Overflow),
        ExprPlan::Points => Ok(points),
        ExprPlan::Neg(a) | ExprPlan::Floor(a) => unary(e, eval(a, record, points)?),
        ExprPlan::Add(a, b) | ExprPlan::Sub(a, b) | ExprPlan::Mul(a, b, _) => {
            let x = eval(a, record, points)?;
            binary(e, x, eval(b, record, points)?)
        }
        // The divisor first: a zero divisor is reported as such, whatever the dividend.
        ExprPlan::Div(a, b, _) => {
            let d = eval(b, record, points)?;
            if d.is_zero() {
                return Err(Fault::DivideByZero);
            }
            binary(e, eval(a, record, points)?, d)
        }
        ExprPlan::Min(args) => fold(args, record, points, Decimal::min),
        ExprPlan::Max(args) => fold(args, record, points, Decimal::max),
        ExprPlan::List(func, slot) => {
            crate::list::aggregate(*func, record.list(*slot)).map(working).ok_or(Fault::Overflow)
        }
    }
}

/// The value of an expression that reads no input and no `分值`, if it has one
/// (`1 − 1` is 0); `None` when it reads something or cannot be computed.
pub(crate) fn constant(e: &ExprPlan) -> Option<Decimal> {
    if reads_something(e) {
        return None;
    }
    eval(e, &Record { card: 0, values: Vec::new(), lists: Vec::new() }, Decimal::ZERO).ok()
}

/// Whether an expression reads an input or `分值`.
fn reads_something(e: &ExprPlan) -> bool {
    match e {
        ExprPlan::Const(_) => false,
        ExprPlan::Slot(_) | ExprPlan::Points | ExprPlan::List(..) => true,
        ExprPlan::Neg(a) | ExprPlan::Floor(a) => reads_something(a),
        ExprPlan::Add(a, b) | ExprPlan::Sub(a, b) | ExprPlan::Mul(a, b, _) | ExprPlan::Div(a, b, _) => {
            reads_something(a) || reads_something(b)
        }
        ExprPlan::Min(args) | ExprPlan::Max(args) => args.iter().any(reads_something),
    }
}

/// `−a` or `floor(a)`, for the node `e`.
#[inline(never)]
fn unary(e: &ExprPlan, a: Decimal) -> Result<Decimal, Fault> {
    match e {
        ExprPlan::Floor(_) => Ok(a.floor()),
        _ => Decimal::ZERO.checked_sub(a).ok_or(Fault::Overflow),
    }
}

/// `a op b` for the node `e`; a division's divisor `b` is not zero.
#[inline(never)]
fn binary(e: &ExprPlan, a: Decimal, b: Decimal) -> Result<Decimal, Fault> {
    let v = match e {
        ExprPlan::Add(..) => exact::add(a, b),
        ExprPlan::Sub(..) => exact::sub(a, b),
        ExprPlan::Mul(_, _, scale) => {
            exact::mul(a, b).and_then(|p| if *scale == Decimal::ONE { Some(p) } else { exact::percent(p) })
        }
        ExprPlan::Div(_, _, scale) => a.checked_mul(*scale).and_then(|n| n.checked_div(b)).map(working),
        _ => None,
    };
    v.ok_or(Fault::Overflow)
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
