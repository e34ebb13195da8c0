//! Numbers in a suite file, read exactly from the text as written (never
//! through a float). They are written back by `scorecard_eval::number`.

use rust_decimal::Decimal;
pub use scorecard_eval::number::plain;

/// A number as written in a suite file, and its exact value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The text as written, e.g. `265.9031`, `2.659031e2` or `1_500_000`.
    pub text: String,
    /// The exact value.
    pub value: Decimal,
}

impl Number {
    /// A number whose text is its plain decimal form.
    pub fn from_decimal(value: Decimal) -> Number {
        Number { text: plain(value), value }
    }
}

/// Why a TOML number cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberProblem {
    /// `inf` or `nan`.
    NotFinite,
    /// More digits than an exact decimal holds (about 28), or an exponent too large.
    TooPrecise,
}

/// Reads a TOML float from its source text: `_` separators, a leading `+`
/// and an exponent are allowed; the value must be exact.
pub fn parse_float(raw: &str) -> Result<Decimal, NumberProblem> {
    let text: String = raw.trim().chars().filter(|c| *c != '_').collect();
    let text = text.strip_prefix('+').unwrap_or(&text);
    if text.contains("inf") || text.contains("nan") {
        return Err(NumberProblem::NotFinite);
    }
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.strip_prefix('+').unwrap_or(e).parse::<i64>().map_err(|_| NumberProblem::TooPrecise)?),
        None => (text, 0),
    };
    let mantissa = Decimal::from_str_exact(mantissa).map_err(|_| NumberProblem::TooPrecise)?;
    shift(mantissa, exponent).ok_or(NumberProblem::TooPrecise)
}

/// `m × 10^exponent`, exactly, or `None` if it does not fit.
fn shift(m: Decimal, exponent: i64) -> Option<Decimal> {
    let scale = i64::from(m.scale()).checked_sub(exponent)?;
    if let Ok(scale) = u32::try_from(scale) {
        return Decimal::try_from_i128_with_scale(m.mantissa(), scale).ok();
    }
    let factor = 10_i128.checked_pow(u32::try_from(scale.checked_neg()?).ok()?)?;
    Decimal::try_from_i128_with_scale(m.mantissa().checked_mul(factor)?, 0).ok()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn floats_are_read_exactly() {
        assert_eq!(parse_float("265.9031").unwrap().to_string(), "265.9031");
        assert_eq!(parse_float("265.90300000000000000001").unwrap().to_string(), "265.90300000000000000001");
        assert_eq!(parse_float("2.659031e2").unwrap(), d("265.9031"));
        assert_eq!(parse_float("1.5E+6").unwrap(), d("1500000"));
        assert_eq!(parse_float("+1_500.25").unwrap(), d("1500.25"));
        assert_eq!(parse_float("-5e-3").unwrap(), d("-0.005"));
        assert_eq!(parse_float("12345678901234567.89").unwrap().to_string(), "12345678901234567.89");
    }

    #[test]
    fn inexact_or_infinite_floats_are_refused() {
        assert_eq!(parse_float("inf"), Err(NumberProblem::NotFinite));
        assert_eq!(parse_float("-nan"), Err(NumberProblem::NotFinite));
        assert_eq!(parse_float("1e40"), Err(NumberProblem::TooPrecise));
        assert_eq!(parse_float("1e-40"), Err(NumberProblem::TooPrecise));
        assert_eq!(parse_float("0.12345678901234567890123456789012"), Err(NumberProblem::TooPrecise));
    }
}
