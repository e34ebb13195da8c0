//! Number formatting for explanations: thousands separators, no trailing zeros.

use rust_decimal::{Decimal, RoundingStrategy};

/// `1500000` → `1,500,000`; `83.3300` → `83.33`; `-3` → `-3`.
pub fn grouped(value: Decimal) -> String {
    let text = value.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let mut out = String::with_capacity(text.len().saturating_add(8));
    out.push_str(sign);
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len.saturating_sub(i)) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A number without trailing zeros and without grouping: `3.00` → `3`.
pub fn plain(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A ratio `part / whole` as a percentage rounded half-up to 2 places, for
/// display only. When that rounding would make it look equal to `threshold`
/// (a percentage) while it is not, more places are shown, so an explanation
/// never reads "90%, below 90%".
pub fn percent_of(part: Decimal, whole: Decimal, threshold: Option<Decimal>) -> Option<String> {
    let ratio = part.checked_mul(Decimal::ONE_HUNDRED)?.checked_div(whole)?;
    let mut shown = ratio;
    for places in 2..=12 {
        shown = ratio.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        if threshold.is_none_or(|t| shown != t || ratio == t) {
            break;
        }
    }
    Some(grouped(shown))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(d("1500000")), "1,500,000");
        assert_eq!(grouped(d("2417300.00")), "2,417,300");
        assert_eq!(grouped(d("-1234.50")), "-1,234.5");
        assert_eq!(grouped(d("999")), "999");
        assert_eq!(grouped(d("0.5")), "0.5");
    }

    #[test]
    fn percent_display() {
        assert_eq!(percent_of(d("1500000"), d("1800000"), None).unwrap(), "83.33");
        assert_eq!(percent_of(d("1"), d("0"), None), None);
        assert_eq!(percent_of(d("1619999"), d("1800000"), Some(d("90"))).unwrap(), "89.9999");
        assert_eq!(percent_of(d("1620000"), d("1800000"), Some(d("90"))).unwrap(), "90");
    }
}
