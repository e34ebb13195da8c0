//! Reading one measured value: a JSON number in the input's unit, or a string
//! with an optional unit ("92.5%", "2417300元", "152.3万件"). Exact throughout.

use rust_decimal::Decimal;

use crate::error::DataErrorKind;
use crate::units::Unit;

/// Reads yes/no text: 是/否, yes/no, true/false, 1/0 (case-insensitive).
pub fn yes_no(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "1" | "有" | "已完成" => Some(true),
        "否" | "no" | "n" | "false" | "0" | "无" | "未完成" => Some(false),
        _ => None,
    }
}

/// Parses the text of a JSON number exactly (never through a binary float), e.g. `92.5` or `1.5e6`.
pub fn parse_json_number(text: &str) -> Result<Decimal, DataErrorKind> {
    let (mantissa, exp) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            (mantissa, exponent_value(exponent).ok_or_else(|| DataErrorKind::TooLarge { text: text.to_owned() })?)
        }
        None => (text, 0),
    };
    let (negative, digits) = mantissa.strip_prefix('-').map_or((false, mantissa), |rest| (true, rest));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    exact(text, negative, int, frac, exp)
}

/// An exponent's value (`+6`, `-400`); one beyond `i64` saturates, so that
/// `1e-99999999999999999999` is too precise and `1e99999999999999999999` too large.
fn exponent_value(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<i64>().unwrap_or(if text.starts_with('-') { i64::MIN } else { i64::MAX }))
}

/// The length of an exponent (`e-400`, `E6`) at the start of `text`, if one is there.
fn exponent_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix(['e', 'E'])?;
    let unsigned = rest.strip_prefix(['-', '+']).unwrap_or(rest);
    let digits = unsigned.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0).then(|| text.len().saturating_sub(unsigned.len()).saturating_add(digits))
}

/// The exact value of the digits `int.frac × 10^exp`, or why it has none:
/// more than 28 decimal places after trailing zeros are dropped
/// (`1e-400`: refused, never rounded to 0) or too many digits. Zeros
/// written before or after the digits cost nothing (`1500000.000…0` with
/// 100,000 zeros is 1500000), and the work is linear in the text's length.
fn exact(text: &str, negative: bool, int: &str, frac: &str, exp: i64) -> Result<Decimal, DataErrorKind> {
    let too_large = || DataErrorKind::TooLarge { text: text.to_owned() };
    let all = [int, frac].concat();
    let unpadded = all.trim_start_matches('0');
    let digits = unpadded.trim_end_matches('0');
    if digits.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let len = |s: &str| i64::try_from(s.len()).unwrap_or(i64::MAX);
    // The point stands `point` digits after the first significant digit.
    let lead = len(&all).saturating_sub(len(unpadded));
    let point = len(int).saturating_add(exp).saturating_sub(lead);
    let places = len(digits).saturating_sub(point);
    if places > 28 {
        return Err(DataErrorKind::TooPrecise { text: text.to_owned() });
    }
    if point > 29 {
        return Err(too_large());
    }
    // At most 29 + 28 digits from here on.
    let plain = match (usize::try_from(point), usize::try_from(places)) {
        (Ok(p), Err(_)) => format!("{digits}{}", "0".repeat(p.saturating_sub(digits.len()))),
        (Ok(p), Ok(_)) => format!("{}.{}", digits.get(..p).unwrap_or(""), digits.get(p..).unwrap_or("")),
        (Err(_), _) => format!("0.{}{digits}", "0".repeat(usize::try_from(point.saturating_neg()).unwrap_or(0))),
    };
    let mut value = Decimal::from_str_exact(&plain).map_err(|_| too_large())?;
    value.set_sign_negative(negative);
    Ok(value)
}

/// Parses a string value: a number, optionally with thousands separators,
/// followed by an optional unit. Returns the value in base units of `unit`'s
/// dimension (a bare number is in `unit`).
pub fn parse_text(text: &str, unit: &Unit) -> Result<Decimal, DataErrorKind> {
    let trimmed = text.trim_matches(|c: char| c.is_whitespace());
    let split = trimmed
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+' | '０'..='９' | '．' | '－' | '−')))
        .map_or(trimmed.len(), |(i, _)| i);
    let (number, suffix) = trimmed.split_at(split);
    // An exponent (`1.5e6`, `1e-400`) belongs to the number, as in a JSON number.
    let (exponent, suffix) = suffix.split_at(exponent_len(suffix).unwrap_or(0));
    let exp = exponent.get(1..).and_then(exponent_value).unwrap_or(0);
    let value =
        parse_number_text(number, text, exp).ok_or_else(|| DataErrorKind::NotANumber { text: text.to_owned() })??;
    let suffix = suffix.trim();
    let written = if suffix.is_empty() {
        unit
    } else {
        let found = Unit::lookup(suffix).ok_or_else(|| DataErrorKind::UnknownUnit { unit: suffix.to_owned() })?;
        if !found.compatible(unit) {
            return Err(DataErrorKind::IncompatibleUnit { unit: suffix.to_owned(), expected: unit.display() });
        }
        found
    };
    written.to_base(value).ok_or_else(|| DataErrorKind::TooLarge { text: text.to_owned() })
}

/// `Some(Ok(v))` for a valid number (times `10^exp`), `Some(Err)` for one
/// too large or too precise, `None` if not a number; errors quote `written`.
fn parse_number_text(text: &str, written: &str, exp: i64) -> Option<Result<Decimal, DataErrorKind>> {
    let ascii = scorecard_syntax::digits::to_ascii(text);
    let plain = strip_grouping(&ascii)?;
    let digits = plain.trim_start_matches(['-', '+']);
    let well_formed = !digits.is_empty()
        && plain.len().saturating_sub(digits.len()) <= 1
        && digits.split('.').count() <= 2
        && digits.split('.').all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
    if !well_formed {
        return None;
    }
    let (negative, unsigned) = plain.strip_prefix('-').map_or((false, digits), |_| (true, digits));
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    Some(exact(written, negative, int, frac, exp))
}

/// Removes thousands separators if they are well placed (`1,234,567.5`); `None` if misplaced.
fn strip_grouping(text: &str) -> Option<String> {
    if !text.contains(',') {
        return Some(text.to_owned());
    }
    let int_part = text.split('.').next().unwrap_or("");
    let groups: Vec<&str> = int_part.trim_start_matches(['-', '+']).split(',').collect();
    let first_ok = groups.first().is_some_and(|g| (1..=3).contains(&g.len()));
    let rest_ok = groups.iter().skip(1).all(|g| g.len() == 3);
    if first_ok && rest_ok && !text.split('.').nth(1).is_some_and(|f| f.contains(',')) {
        Some(text.replace(',', ""))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn unit(s: &str) -> &'static Unit {
        Unit::lookup(s).unwrap()
    }

    #[test]
    fn strings_carry_units_and_convert_exactly() {
        assert_eq!(parse_text("92.5%", unit("%")).unwrap(), d("92.5"));
        assert_eq!(parse_text("2417300元", unit("万元")).unwrap(), d("2417300"));
        assert_eq!(parse_text("241.73万元", unit("万元")).unwrap(), d("2417300"));
        assert_eq!(parse_text("152.3万件", unit("件")).unwrap(), d("1523000"));
        assert_eq!(parse_text(" 1,500,000 件 ", unit("件")).unwrap(), d("1500000"));
        assert_eq!(parse_text("250", unit("万元")).unwrap(), d("2500000"));
        assert_eq!(parse_text("９２．５％", unit("%")).unwrap(), d("92.5"));
    }

    #[test]
    fn bad_strings_are_errors() {
        assert!(matches!(parse_text("abc", unit("%")), Err(DataErrorKind::NotANumber { .. })));
        assert!(matches!(parse_text("", unit("%")), Err(DataErrorKind::NotANumber { .. })));
        assert!(matches!(parse_text("1.2.3", unit("%")), Err(DataErrorKind::NotANumber { .. })));
        assert!(matches!(parse_text("1,23", unit("件")), Err(DataErrorKind::NotANumber { .. })));
        assert!(matches!(parse_text("92.5kg", unit("%")), Err(DataErrorKind::UnknownUnit { .. })));
        assert!(matches!(parse_text("5件", unit("%")), Err(DataErrorKind::IncompatibleUnit { .. })));
        assert!(matches!(
            parse_text("99999999999999999999999999999999", unit("件")),
            Err(DataErrorKind::TooLarge { .. })
        ));
        assert!(matches!(parse_text("--5", unit("件")), Err(DataErrorKind::NotANumber { .. })));
    }

    /// A value needing more than 28 decimal places is refused as such, not
    /// as too large and not rounded; zeros around the digits cost nothing.
    #[test]
    fn places_and_padding_are_judged_on_the_value() {
        let too_precise = |r: Result<Decimal, DataErrorKind>| matches!(r, Err(DataErrorKind::TooPrecise { .. }));
        assert!(too_precise(parse_json_number("1e-400")));
        assert!(too_precise(parse_json_number("-1.5e-28")));
        assert!(too_precise(parse_text("0.00000000000000000000000000001", unit("件"))));
        assert_eq!(parse_json_number("1.5e-27").unwrap(), d("0.0000000000000000000000000015"));
        assert_eq!(parse_json_number("0e-400").unwrap(), Decimal::ZERO);
        assert_eq!(parse_json_number("-0.000e999999").unwrap(), Decimal::ZERO);
        assert_eq!(parse_json_number("1e28").unwrap(), d("10000000000000000000000000000"));
        assert!(matches!(parse_json_number("1e29"), Err(DataErrorKind::TooLarge { .. })));
        assert!(matches!(parse_json_number("1e99999999999999999999"), Err(DataErrorKind::TooLarge { .. })));
        let padded = format!("0001500000.{}", "0".repeat(100_000));
        assert_eq!(parse_json_number(&padded).unwrap(), d("1500000"));
        assert_eq!(parse_text(&format!("{padded}件"), unit("件")).unwrap(), d("1500000"));
        assert_eq!(parse_json_number(&format!("-{padded}e-6")).unwrap(), d("-1.5"));
        assert_eq!(parse_json_number("150.00e4").unwrap().to_string(), "1500000");
        assert_eq!(parse_json_number("-0.05").unwrap(), d("-0.05"));
        assert_eq!(parse_text("-12.5", unit("%")).unwrap(), d("-12.5"));
    }

    /// A string carries an exponent as a JSON number does: `"1e-400"` is too
    /// precise (never an unknown unit `e-400`, never rounded to 0).
    #[test]
    fn strings_read_exponents_like_json_numbers() {
        let too_precise = |r: Result<Decimal, DataErrorKind>| matches!(r, Err(DataErrorKind::TooPrecise { .. }));
        assert!(too_precise(parse_text("1e-400", unit("件"))));
        assert!(too_precise(parse_text("1e-99999999999999999999", unit("件"))));
        assert!(too_precise(parse_text("-2.5E-28%", unit("%"))));
        assert!(matches!(parse_text("1e400", unit("件")), Err(DataErrorKind::TooLarge { .. })));
        assert_eq!(parse_text("1.5e6", unit("件")).unwrap(), d("1500000"));
        assert_eq!(parse_text("2.4173E+2万元", unit("万元")).unwrap(), d("2417300"));
        assert_eq!(parse_text("0e-400", unit("件")).unwrap(), Decimal::ZERO);
        assert!(matches!(parse_text("1e", unit("件")), Err(DataErrorKind::UnknownUnit { .. })));
        assert!(matches!(parse_text("1eb", unit("件")), Err(DataErrorKind::UnknownUnit { .. })));
    }

    #[test]
    fn json_numbers_never_pass_through_floats() {
        assert_eq!(parse_json_number("12345678901234567.89").unwrap().to_string(), "12345678901234567.89");
        assert_eq!(parse_json_number("1.5e6").unwrap(), d("1500000"));
        assert_eq!(parse_json_number("-2.5E-3").unwrap(), d("-0.0025"));
        assert_eq!(parse_json_number("12e0").unwrap(), d("12"));
        assert!(
            parse_json_number("1.00000000000000000000000000001e0").is_err(),
            "too many digits is refused, not rounded"
        );
        assert!(parse_json_number("1e400").is_err());
    }
}
