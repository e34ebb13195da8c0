//! Settings and declarations: rounding, grades, inputs, constants, targets.

use pest::iterators::Pair;

use super::pairs::*;
use super::Result;
use crate::ast::*;
use crate::grammar::Rule;
use crate::{Code, Diagnostic, Spanned};

pub(super) fn parse_rounding(pair: Pair<'_, Rule>) -> Result<Rounding> {
    let mut rounding = Rounding { mode: RoundingMode::HalfUp, places: None };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::rounding_mode if p.clone().into_inner().any(|q| q.as_rule() == Rule::half_even) => {
                rounding.mode = RoundingMode::HalfEven;
            }
            Rule::places => {
                let at = span(&p);
                let n = parse_number(find(p, Rule::number)?)?;
                let places = u32::try_from(n.trunc().mantissa()).ok().filter(|_| n.fract().is_zero());
                let places = places.ok_or_else(|| Diagnostic::error(Code::BadRounding, at, "", ""))?;
                rounding.places = Some(Spanned::new(places, at));
            }
            _ => {}
        }
    }
    Ok(rounding)
}

pub(super) fn parse_grades(pair: Pair<'_, Rule>) -> Result<Vec<Grade>> {
    let mut grades = Vec::new();
    for g in pair.into_inner().filter(|p| p.as_rule() == Rule::grade) {
        let at = span(&g);
        let mut inner = g.into_inner();
        let name = parse_name(next(&mut inner, at)?)?;
        let min = match inner.flatten().find(|p| p.as_rule() == Rule::number) {
            Some(n) => {
                let s = span(&n);
                Some(Spanned::new(parse_number(n)?, s))
            }
            None => None,
        };
        grades.push(Grade { name, min });
    }
    Ok(grades)
}

pub(super) fn parse_input(pair: Pair<'_, Rule>) -> Result<InputDecl> {
    let at = span(&pair);
    let mut name = None;
    let mut key = None;
    let mut kind = None;
    let mut range = None;
    let mut list = false;
    for p in pair.into_inner() {
        let ps = span(&p);
        match p.as_rule() {
            Rule::name => name = Some(parse_name(p)?),
            Rule::input_key => {
                let inner = p.into_inner().next().ok_or_else(|| internal(ps))?;
                key = Some(match inner.as_rule() {
                    Rule::quoted => parse_quoted(inner)?,
                    _ => Spanned::new(inner.as_str().to_owned(), ps),
                });
            }
            Rule::input_type => {
                list = p.clone().into_inner().any(|q| q.as_rule() == Rule::list_suffix);
                kind = Some(parse_input_type(p)?);
            }
            Rule::range => {
                let nums: Vec<_> = p.into_inner().filter(|q| q.as_rule() == Rule::signed_number).collect();
                match nums.as_slice() {
                    [lo, hi] => {
                        range = Some(Spanned::new((parse_signed(lo.clone())?, parse_signed(hi.clone())?), ps));
                    }
                    _ => return Err(internal(ps)),
                }
            }
            _ => {}
        }
    }
    let name = name.ok_or_else(|| internal(at))?;
    let key = key.unwrap_or_else(|| name.clone());
    let kind = kind.ok_or_else(|| internal(at))?;
    Ok(InputDecl { name, key, kind, range, list })
}

/// `（件）`, `（是否）`, `（等级：达成、部分达成、未达成）`.
fn parse_input_type(pair: Pair<'_, Rule>) -> Result<Spanned<InputKind>> {
    let at = span(&pair);
    let inner = pair.into_inner().find(|p| {
        matches!(p.as_rule(), Rule::type_bool | Rule::type_date | Rule::type_grades | Rule::unit | Rule::unknown_unit)
    });
    let inner = inner.ok_or_else(|| internal(at))?;
    let is = span(&inner);
    let kind = match inner.as_rule() {
        Rule::type_bool => InputKind::YesNo,
        Rule::type_date => InputKind::Unit("日期".to_owned()),
        Rule::type_grades => InputKind::Grades(
            inner
                .into_inner()
                .filter(|p| p.as_rule() == Rule::label)
                .map(super::rules::parse_label)
                .collect::<Result<Vec<_>>>()?,
        ),
        _ => InputKind::Unit(inner.as_str().to_owned()),
    };
    Ok(Spanned::new(kind, is))
}

/// `计算 执行率 = 执行数 ÷ 预算数，除数为零时为 100%`.
pub(super) fn parse_calc(pair: Pair<'_, Rule>, depth: &mut super::expr::Depth) -> Result<CalcDecl> {
    let at = span(&pair);
    let mut name = None;
    let mut expr = None;
    let mut if_zero = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::name => name = Some(parse_name(p)?),
            Rule::expr => expr = Some(super::expr::parse_expr(p, depth)?),
            Rule::zero_fallback => if_zero = Some(parse_quantity(find(p, Rule::quantity)?)?),
            _ => {}
        }
    }
    let name = name.ok_or_else(|| internal(at))?;
    let expr = expr.ok_or_else(|| internal(at))?;
    Ok(CalcDecl { name, expr, if_zero })
}

pub(super) fn parse_const(pair: Pair<'_, Rule>) -> Result<ConstDecl> {
    let at = span(&pair);
    let mut inner = pair.into_inner();
    let _kw = next(&mut inner, at)?;
    let name = parse_name(next(&mut inner, at)?)?;
    let value = parse_quantity(find_in(inner, Rule::quantity, at)?)?;
    Ok(ConstDecl { name, value })
}

pub(super) fn parse_target(pair: Pair<'_, Rule>) -> Result<Target> {
    let at = span(&pair);
    let op_pair = find(pair.clone(), Rule::target_op)?;
    let op = match op_pair.as_str() {
        "≥" | "≧" | ">=" => TargetOp::Ge,
        "≤" | "≦" | "<=" => TargetOp::Le,
        ">" | "＞" => TargetOp::Gt,
        "<" | "＜" => TargetOp::Lt,
        _ => TargetOp::Eq,
    };
    let value = parse_quantity(find_in(pair.into_inner(), Rule::quantity, at)?)?.node;
    Ok(Target { op, value })
}
