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
    let too_large = || DataErrorKind::TooLarge { text: text.to_owned() };
    match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => {
            let plain = shift_point(mantissa, exponent).ok_or_else(too_large)?;
            Decimal::from_str_exact(&plain).map_err(|_| too_large())
        }
        None => Decimal::from_str_exact(text).map_err(|_| too_large()),
    }
}

/// `1.5` shifted by `e6` as plain decimal text (`1500000`), exactly, without floats.
fn shift_point(mantissa: &str, exponent: &str) -> Option<String> {
    let exp: i64 = exponent.parse().ok()?;
    if exp.unsigned_abs() > 60 {
        return None;
    }
    let (sign, digits) = match mantissa.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", mantissa),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all = format!("{int}{frac}");
    let point = i64::try_from(int.len()).ok()?.checked_add(exp)?;
    let text = if point <= 0 {
        format!("0.{}{all}", "0".repeat(usize::try_from(point.checked_neg()?).ok()?))
    } else {
        let p = usize::try_from(point).ok()?;
        if p >= all.len() {
            format!("{all}{}", "0".repeat(p.checked_sub(all.len())?))
        } else {
            format!("{}.{}", all.get(..p)?, all.get(p..)?)
        }
    };
    Some(format!("{sign}{text}"))
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
    let value = parse_number_text(number).ok_or_else(|| DataErrorKind::NotANumber { text: text.to_owned() })??;
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

/// `Some(Ok(v))` for a valid number, `Some(Err)` for one too large, `None` if not a number.
fn parse_number_text(text: &str) -> Option<Result<Decimal, DataErrorKind>> {
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
    let unsigned = plain.strip_prefix('+').unwrap_or(&plain);
    Some(Decimal::from_str_exact(unsigned).map_err(|_| DataErrorKind::TooLarge { text: text.to_owned() }))
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
