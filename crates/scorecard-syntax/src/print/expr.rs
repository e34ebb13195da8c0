//! Arithmetic, with the fewest parentheses that read back the same tree.

use super::Printer;
use crate::ast::{BinOp, Expr, Func};

/// Binding strength: `+ −` bind less than `× ÷`, which bind less than a factor.
fn strength(e: &Expr) -> u8 {
    match e {
        Expr::Binary { op: BinOp::Add | BinOp::Sub, .. } => 1,
        Expr::Binary { .. } => 2,
        _ => 3,
    }
}

impl Printer {
    pub(super) fn expr(&mut self, e: &Expr) {
        self.expr_at(e, 0);
    }

    /// Writes `e`, in parentheses if it binds less than `min` needs.
    fn expr_at(&mut self, e: &Expr, min: u8) {
        if strength(e) < min {
            self.kw("（", "(");
            self.expr_at(e, 0);
            self.kw("）", ")");
            return;
        }
        match e {
            Expr::Quantity(q) => self.quantity(q),
            Expr::Name(n) => self.name(n),
            Expr::Points => self.kw("分值", "points"),
            Expr::Neg(inner) => {
                self.kw("−", "-");
                // `−−x` does not parse, and `−a × b` reads as `(−a) × b`: only a plain factor goes bare.
                match inner.node {
                    Expr::Neg(_) | Expr::Binary { .. } => self.expr_at(&inner.node, 4),
                    _ => self.expr_at(&inner.node, 3),
                }
            }
            Expr::Binary { op, lhs, rhs } => {
                let level = strength(e);
                self.expr_at(&lhs.node, level);
                let op = match op {
                    BinOp::Add => " + ",
                    BinOp::Sub => self.lang.pick(" − ", " - "),
                    BinOp::Mul => self.lang.pick(" × ", " * "),
                    BinOp::Div => self.lang.pick(" ÷ ", " / "),
                };
                self.w(op);
                // Left-associative: an operand on the right of the same strength needs parentheses.
                self.expr_at(&rhs.node, level.saturating_add(1));
            }
            Expr::Call { func, args } => {
                match func {
                    Func::Min => self.kw("较小值", "min"),
                    Func::Max => self.kw("较大值", "max"),
                    Func::Floor => self.kw("取整", "floor"),
                    Func::Average => self.kw("平均", "average"),
                    Func::Lowest => self.kw("最低", "lowest"),
                    Func::Highest => self.kw("最高", "highest"),
                    Func::Sum => self.kw("合计", "sum"),
                    Func::Count => self.kw("个数", "count"),
                }
                self.kw("（", "(");
                for (i, arg) in args.iter().enumerate() {
                    if i > 0 {
                        self.comma();
                    }
                    self.expr_at(&arg.node, 0);
                }
                self.kw("）", ")");
            }
        }
    }
}
