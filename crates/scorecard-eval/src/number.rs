//! Exact number text: the one module that turns a `Decimal` into the digits users read.
//!
//! Every view formats numbers here: explanations ([`grouped`], [`plain`],
//! [`percent_of`]), tables ([`fixed2`]), the brief JSON lines
//! ([`push_json_number`]) and suites ([`plain`]). Each function takes a
//! `Decimal` and prints its digits; none goes through a float, and none rounds
//! except [`percent_of`], which says so.

use rust_decimal::{Decimal, RoundingStrategy};

/// `1500000` → `1,500,000`; `83.3300` → `83.33`; `-3` → `-3`.
pub fn grouped(value: Decimal) -> String {
    let mut text = Vec::with_capacity(48);
    push_json_number(&mut text, value);
    let (sign, digits) = match text.split_first() {
        Some((b'-', rest)) => ("-", rest),
        _ => ("", text.as_slice()),
    };
    let dot = digits.iter().position(|b| *b == b'.').unwrap_or(digits.len());
    let (int, frac) = digits.split_at(dot);
    let mut out = String::with_capacity(text.len().saturating_add(8));
    out.push_str(sign);
    let len = int.len();
    for (i, c) in int.iter().enumerate() {
        if i > 0 && (len.saturating_sub(i)) % 3 == 0 {
            out.push(',');
        }
        out.push(char::from(*c));
    }
    // `frac` is `.` and ASCII digits, or empty.
    out.extend(frac.iter().map(|b| char::from(*b)));
    out
}

/// A number without trailing zeros and without grouping: `3.00` → `3`,
/// `7.50` → `7.5`, `-0.00` → `0`. Explanations, suite results and `--bless`
/// write numbers this way.
pub fn plain(value: Decimal) -> String {
    let mut text = Vec::with_capacity(40);
    push_json_number(&mut text, value);
    // ASCII digits, a sign and a point only.
    text.into_iter().map(char::from).collect()
}

/// `d` with at least two decimals and never fewer digits than it has: the
/// engine has already rounded scores as the rule file says, so a table shows
/// exactly what the JSON report holds (`8` → `8.00`, `2.125` → `2.125`).
pub fn fixed2(d: Decimal) -> String {
    let text = plain(d);
    let decimals = text.split_once('.').map_or(0, |(_, frac)| frac.len());
    match decimals {
        0 => format!("{text}.00"),
        1 => format!("{text}0"),
        _ => text,
    }
}

/// The decimal digits of `n`, written at the end of `buf` (40 bytes hold any
/// `u128`), without allocating: the one digit writer of the JSON outputs.
pub(crate) fn digits(mut n: u128, buf: &mut [u8; 40]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at = at.saturating_sub(1);
        // `n % 10` is below 10, so the cast keeps it.
        if let Some(slot) = buf.get_mut(at) {
            *slot = b'0'.saturating_add((n % 10) as u8);
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(at..).unwrap_or(&[])
}

/// Appends `d`, normalised (`5.00` → `5`), as exact JSON number text: the
/// digits of its mantissa with the point put back, written straight into
/// `out` (the brief formats write several per record, so this allocates nothing).
pub fn push_json_number(out: &mut Vec<u8>, d: Decimal) {
    let d = d.normalize();
    let mut buf = [0u8; 40];
    let digits = digits(d.mantissa().unsigned_abs(), &mut buf);
    let scale = usize::try_from(d.scale()).unwrap_or(0);
    if d.is_sign_negative() && !d.is_zero() {
        out.push(b'-');
    }
    if scale == 0 {
        out.extend_from_slice(digits);
    } else if digits.len() > scale {
        let (whole, frac) = digits.split_at(digits.len().saturating_sub(scale));
        out.extend_from_slice(whole);
        out.push(b'.');
        out.extend_from_slice(frac);
    } else {
        out.extend_from_slice(b"0.");
        out.extend(std::iter::repeat_n(b'0', scale.saturating_sub(digits.len())));
        out.extend_from_slice(digits);
    }
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
    /// The straightforward forms [`grouped`] and [`plain`] replaced (through `Display`).
    fn reference_grouped(value: Decimal) -> String {
        let text = value.normalize().to_string();
        let (sign, digits) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.as_str()),
        };
        let (int, frac) = match digits.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (digits, None),
        };
        let mut out = String::from(sign);
        let len = int.len();
        for (i, c) in int.chars().enumerate() {
            if i > 0 && len.saturating_sub(i) % 3 == 0 {
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

    #[test]
    fn grouped_and_plain_match_the_display_forms() {
        let texts = [
            "0",
            "-0",
            "0.000",
            "-0.00",
            "1",
            "-1",
            "12",
            "123",
            "1234",
            "-1234567.890",
            "1500000",
            "83.3300",
            "0.0001",
            "-0.5",
            "999999.999",
            "79228162514264337593543950335",
            "-7922816251426433759354395033.5",
        ];
        for t in texts {
            let d: Decimal = t.parse().unwrap();
            assert_eq!(grouped(d), reference_grouped(d), "{t}");
            let zeroed = if d.is_zero() { Decimal::ZERO } else { d.normalize() };
            assert_eq!(plain(d), zeroed.to_string(), "{t}");
        }
        for d in [Decimal::MAX, Decimal::MIN, Decimal::new(1, 28), Decimal::new(-1, 28)] {
            assert_eq!(grouped(d), reference_grouped(d));
            assert_eq!(plain(d), d.normalize().to_string());
        }
    }

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
    fn plain_drops_trailing_zeros() {
        assert_eq!(plain(d("81.00")), "81");
        assert_eq!(plain(d("7.50")), "7.5");
        assert_eq!(plain(d("-0.00")), "0");
        assert_eq!(plain(d("1500000")), "1500000");
    }

    #[test]
    fn pads_to_two_decimals_without_rounding() {
        assert_eq!(fixed2(d("8")), "8.00");
        assert_eq!(fixed2(d("82.5")), "82.50");
        assert_eq!(fixed2(d("100.000")), "100.00");
        assert_eq!(fixed2(d("2.125")), "2.125");
        assert_eq!(fixed2(d("-0.00")), "0.00");
        assert_eq!(fixed2(d("-3")), "-3.00");
    }

    #[test]
    fn json_numbers_are_the_normalised_digits() {
        let samples = [
            "0",
            "-0",
            "0.00",
            "5",
            "5.00",
            "-3",
            "82.5",
            "0.05",
            "-0.005",
            "123456789.000100",
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
        ];
        let json = |value: Decimal| {
            let mut out = Vec::new();
            push_json_number(&mut out, value);
            String::from_utf8(out).unwrap()
        };
        for text in samples {
            assert_eq!(json(d(text)), plain(d(text)), "{text}");
        }
        for mantissa in (-2000i64..2000).step_by(7) {
            for scale in 0..6 {
                let value = Decimal::new(mantissa, scale);
                assert_eq!(json(value), plain(value));
            }
        }
    }

    #[test]
    fn percent_display() {
        assert_eq!(percent_of(d("1500000"), d("1800000"), None).unwrap(), "83.33");
        assert_eq!(percent_of(d("1"), d("0"), None), None);
        assert_eq!(percent_of(d("1619999"), d("1800000"), Some(d("90"))).unwrap(), "89.9999");
        assert_eq!(percent_of(d("1620000"), d("1800000"), Some(d("90"))).unwrap(), "90");
    }
}
