//! Helpers over pest pairs: spans, lookups, names, numbers and quantities.

use pest::iterators::{Pair, Pairs};
use pest::Token;
use rust_decimal::Decimal;

use super::Result;
use crate::ast::Quantity;
use crate::grammar::Rule;
use crate::{Code, Diagnostic, Span, Spanned};

pub(super) fn span(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let mut end = s.end();
    // Walk back over the closing tokens: the last of them before an opening
    // token closes the pair's last, deepest descendant. This is O(depth) and
    // allocates nothing, where `into_inner` counts the children at each level.
    for token in pair.clone().tokens().rev() {
        match token {
            Token::End { pos, .. } => end = pos.pos(),
            Token::Start { .. } => break,
        }
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
    let whole = pair.clone();
    pair.into_inner().flatten().find(|p| p.as_rule() == rule).ok_or_else(|| internal(span(&whole)))
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
    decimal_text(pair.as_str()).ok_or_else(|| Diagnostic::error(Code::NumberOutOfRange, span(&pair), "", ""))
}

pub(super) fn parse_decimal_text(text: &str, at: Span) -> Result<Decimal> {
    decimal_text(text).ok_or_else(|| Diagnostic::error(Code::NumberOutOfRange, at, "", ""))
}

/// A decimal written with ASCII or full-width digits, exactly, if it fits.
fn decimal_text(text: &str) -> Option<Decimal> {
    Decimal::from_str_exact(&crate::digits::to_ascii(text)).ok()
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
            Rule::unit | Rule::unknown_unit => unit = Some(p.as_str().to_owned()),
            _ => {}
        }
    }
    let value = value.ok_or_else(|| internal(at))?;
    Ok(Spanned::new(Quantity { value, unit }, at))
}

pub(super) fn find_in<'i>(mut pairs: Pairs<'i, Rule>, rule: Rule, at: Span) -> Result<Pair<'i, Rule>> {
    pairs.find(|p| p.as_rule() == rule).ok_or_else(|| internal(at))
}
