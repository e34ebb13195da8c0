//! Helpers over pest pairs: spans, lookups, names, numbers and quantities.

use pest::iterators::{Pair, Pairs};
use rust_decimal::Decimal;

use super::Result;
use crate::ast::Quantity;
use crate::grammar::Rule;
use crate::{Code, Diagnostic, Span, Spanned};

pub(super) fn span(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let mut end = s.end();
    // `next_back` is O(1); `last` would walk every child at each level.
    let mut last = pair.clone().into_inner().next_back();
    while let Some(p) = last {
        end = p.as_span().end();
        last = p.into_inner().next_back();
    }
    Span::new(s.start(), end)
}

pub(super) fn internal(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Syntax,
        span,
        "internal error: the parser produced an unexpected tree (please report this)",
        "here",
    )
}

/// The next inner pair, or an internal error.
pub(super) fn next<'i>(pairs: &mut Pairs<'i, Rule>, at: Span) -> Result<Pair<'i, Rule>> {
    pairs.next().ok_or_else(|| internal(at))
}

pub(super) fn find(pair: Pair<'_, Rule>, rule: Rule) -> Result<Pair<'_, Rule>> {
    let at = span(&pair);
    pair.into_inner().flatten().find(|p| p.as_rule() == rule).ok_or_else(|| internal(at))
}

/// The last pair of an iterator.
pub(super) fn last<'i>(pairs: Pairs<'i, Rule>, at: Span) -> Result<Pair<'i, Rule>> {
    pairs.last().ok_or_else(|| internal(at))
}

pub(super) fn parse_name(pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    match inner.as_rule() {
        Rule::quoted => parse_quoted(inner),
        _ => Ok(Spanned::new(normalize_spaces(inner.as_str()), at)),
    }
}

/// Collapses runs of horizontal space inside an English name to one space.
pub(super) fn normalize_spaces(text: &str) -> String {
    text.split([' ', '\t', '\u{3000}']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

pub(super) fn parse_quoted(pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    Ok(Spanned::new(inner.as_str().to_owned(), at))
}

/// Parses a number exactly; full-width digits and `．` are accepted.
pub(super) fn parse_number(pair: Pair<'_, Rule>) -> Result<Decimal> {
    parse_decimal_text(pair.as_str(), span(&pair))
}

pub(super) fn parse_decimal_text(text: &str, at: Span) -> Result<Decimal> {
    let ascii = crate::digits::to_ascii(text);
    Decimal::from_str_exact(&ascii).map_err(|_| Diagnostic::error(Code::NumberOutOfRange, at, "", ""))
}

pub(super) fn parse_signed(pair: Pair<'_, Rule>) -> Result<Decimal> {
    parse_decimal_text(&pair.as_str().replace([' ', '\t'], ""), span(&pair))
}

pub(super) fn parse_quantity(pair: Pair<'_, Rule>) -> Result<Spanned<Quantity>> {
    let at = span(&pair);
    let mut value = None;
    let mut unit = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::date => {
                let days =
                    crate::date::parse(p.as_str()).ok_or_else(|| Diagnostic::error(Code::BadDate, span(&p), "", ""))?;
                value = Some(Decimal::from(days));
                unit = Some("日期".to_owned());
            }
            Rule::number => value = Some(parse_number(p)?),
            Rule::unit => unit = Some(p.as_str().to_owned()),
            _ => {}
        }
    }
    let value = value.ok_or_else(|| internal(at))?;
    Ok(Spanned::new(Quantity { value, unit }, at))
}

pub(super) fn find_in<'i>(mut pairs: Pairs<'i, Rule>, rule: Rule, at: Span) -> Result<Pair<'i, Rule>> {
    pairs.find(|p| p.as_rule() == rule).ok_or_else(|| internal(at))
}
