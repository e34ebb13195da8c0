//! Path 1: seven precompiled zen-expression expressions, one per indicator,
//! each computing the indicator's deduction from the input context.

use rust_decimal::Decimal;
use zen_expression::expression::Standard;
use zen_expression::scope::Scope;
use zen_expression::variable::{Variable, VariableMap};
use zen_expression::vm::VM;
use zen_expression::{Expression, Isolate};

use crate::records::{Rec, KEYS};

/// The seven expressions, in table order (deduction in points).
pub const SOURCES: [&str; 7] = [
    "cases < cases_last_year * 0.6 ? 8 : cases < cases_last_year * 0.7 ? 6 : \
     cases < cases_last_year * 0.8 ? 5 : cases < cases_last_year * 0.9 ? 3 : 0",
    "staff_satisfaction < 70 ? 7 : staff_satisfaction < 80 ? 5 : staff_satisfaction < 90 ? 3 : 0",
    "on_time_rate < 90 ? 15 : 0",
    "abs(spending - 241.73) > 241.73 * 0.2 ? 15 : abs(spending - 241.73) > 241.73 * 0.1 ? 8 : 0",
    "complaint_rate > 20 ? 8 : complaint_rate > 10 ? 5 : 0",
    "blacklist_count >= 1 ? 25 : 0",
    "public_satisfaction < 70 ? 22 : public_satisfaction < 80 ? 15 : public_satisfaction < 90 ? 8 : 0",
];

/// zen's input for one record: an object of exact decimals (`Variable::Number`).
pub fn context(r: &Rec) -> Variable {
    let mut map = VariableMap::with_capacity(KEYS.len());
    for (k, v) in KEYS.iter().zip(r.values) {
        map.insert((*k).into(), Variable::Number(v));
    }
    Variable::from_object(map)
}

/// The compiled expressions and a reusable VM.
pub struct ZenExpr {
    exprs: Vec<Expression<Standard>>,
    vm: VM,
}

impl ZenExpr {
    pub fn compile() -> Result<ZenExpr, String> {
        let mut isolate = Isolate::new();
        let exprs = SOURCES
            .iter()
            .map(|s| isolate.compile_standard(s).map_err(|e| format!("zen expression {s:?}: {e}")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ZenExpr { exprs, vm: VM::new() })
    }

    /// The seven deductions for one prebuilt context.
    pub fn deductions(&mut self, ctx: &Variable) -> Result<[Decimal; 7], String> {
        let scope = Scope::new(ctx.clone());
        let mut out = [Decimal::ZERO; 7];
        for (slot, e) in out.iter_mut().zip(&self.exprs) {
            let v = e.evaluate_with_scope(&scope, &mut self.vm).map_err(|e| format!("zen expression: {e}"))?;
            *slot = v.as_number().ok_or_else(|| format!("zen expression returned {v}, not a number"))?;
        }
        Ok(out)
    }
}
