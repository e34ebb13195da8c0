//! Arithmetic expressions: `执行数 ÷ 预算数`, `分值 × (200% − 实际 ÷ 目标)`.
//! Nesting is capped so a hostile file cannot exhaust the stack: the depth of
//! parentheses and calls, and the height of the tree, which grows by one with
//! every operator of a chain (`a + b + c` is `(a + b) + c`). Every later walk
//! over an expression (compile, evaluate, explain, print, drop) recurses at
//! most that deep.

use pest::iterators::Pair;

use super::pairs::*;
use super::Result;
use crate::ast::{BinOp, Expr, Func};
use crate::grammar::Rule;
use crate::{Code, Diagnostic, Spanned};

/// Deepest nesting of parentheses and calls accepted (each call's argument
/// list counts as one level, like a pair of parentheses).
pub(super) const MAX_DEPTH: u32 = 64;

/// Highest expression tree accepted: operators applied one on top of another,
/// counting every `+ − × ÷`, negation and call (a chain of 257 terms).
pub(super) const MAX_HEIGHT: u32 = 256;

/// The current nesting depth while converting one expression.
pub(super) struct Depth(pub(super) u32);

/// An expression and the height of its tree (0 for a leaf).
type Tall = (Spanned<Expr>, u32);

/// Converts an `expr` pair.
pub(super) fn parse_expr(pair: Pair<'_, Rule>, depth: &mut Depth) -> Result<Spanned<Expr>> {
    expr_tall(pair, depth).map(|(e, _)| e)
}

fn expr_tall(pair: Pair<'_, Rule>, depth: &mut Depth) -> Result<Tall> {
    let at = span(&pair);
    depth.0 = depth.0.saturating_add(1);
    if depth.0 > MAX_DEPTH {
        return Err(Diagnostic::error(Code::TooDeep, at, "", ""));
    }
    let result = fold(pair, depth, Rule::term, Rule::add_op);
    depth.0 = depth.0.saturating_sub(1);
    result
}

/// The height of a node over children of heights `h`, or E0007 at `at` when over the limit.
fn taller(h: u32, at: crate::Span) -> Result<u32> {
    let h = h.saturating_add(1);
    if h > MAX_HEIGHT {
        return Err(Diagnostic::error(Code::TooDeep, at, "", ""));
    }
    Ok(h)
}

/// `a op b op c`, left-associative, for both levels (`expr` over `term`, `term` over `factor`).
fn fold(pair: Pair<'_, Rule>, depth: &mut Depth, operand: Rule, operator: Rule) -> Result<Tall> {
    let at = span(&pair);
    let mut acc: Option<Tall> = None;
    let mut op = None;
    for p in pair.into_inner() {
        let rule = p.as_rule();
        if rule == operator {
            op = Some(bin_op(p.as_str()));
        } else if rule == operand {
            let (rhs, rh) = if operand == Rule::term {
                fold(p, depth, Rule::factor, Rule::mul_op)?
            } else {
                parse_factor(p, depth)?
            };
            acc = Some(match (acc, op.take()) {
                (Some((lhs, lh)), Some(op)) => {
                    let height = taller(lh.max(rh), rhs.span)?;
                    let span = lhs.span.join(rhs.span);
                    (Spanned::new(Expr::Binary { op, lhs: Box::new(lhs), rhs: Box::new(rhs) }, span), height)
                }
                (None, _) => (rhs, rh),
                (Some(_), None) => return Err(internal(at)),
            });
        }
    }
    acc.ok_or_else(|| internal(at))
}

fn bin_op(text: &str) -> BinOp {
    match text {
        "+" | "＋" => BinOp::Add,
        "×" | "*" => BinOp::Mul,
        "÷" | "/" | "／" => BinOp::Div,
        _ => BinOp::Sub,
    }
}

fn parse_factor(pair: Pair<'_, Rule>, depth: &mut Depth) -> Result<Tall> {
    let at = span(&pair);
    let mut negate = false;
    let mut value = None;
    for p in pair.into_inner() {
        let ps = span(&p);
        match p.as_rule() {
            Rule::minus => negate = true,
            Rule::expr => value = Some(expr_tall(p, depth)?),
            Rule::func_call => value = Some(parse_call(p, depth)?),
            Rule::quantity => value = Some((parse_quantity(p)?.map(Expr::Quantity), 0)),
            Rule::points_ref => value = Some((Spanned::new(Expr::Points, ps), 0)),
            Rule::name => value = Some((parse_name(p)?.map(Expr::Name), 0)),
            _ => {}
        }
    }
    let (value, h) = value.ok_or_else(|| internal(at))?;
    Ok(if negate { (Spanned::new(Expr::Neg(Box::new(value)), at), taller(h, at)?) } else { (value, h) })
}

fn parse_call(pair: Pair<'_, Rule>, depth: &mut Depth) -> Result<Tall> {
    let at = span(&pair);
    let mut func = None;
    let mut args = Vec::new();
    let mut height = 0;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::func_name => {
                func = Some(match p.as_str() {
                    "较小值" | "min" => Func::Min,
                    "较大值" | "max" => Func::Max,
                    "平均" | "average" => Func::Average,
                    "最低" | "lowest" => Func::Lowest,
                    "最高" | "highest" => Func::Highest,
                    "合计" | "sum" => Func::Sum,
                    "个数" | "count" => Func::Count,
                    _ => Func::Floor,
                })
            }
            Rule::expr => {
                let (arg, h) = expr_tall(p, depth)?;
                height = height.max(h);
                args.push(arg);
            }
            _ => {}
        }
    }
    let func = func.ok_or_else(|| internal(at))?;
    Ok((Spanned::new(Expr::Call { func, args }, at), taller(height, at)?))
}
