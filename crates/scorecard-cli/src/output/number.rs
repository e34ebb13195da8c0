//! Numbers for tables: exact, with at least two decimal places.

use scorecard::Decimal;

/// `d` with at least two decimals and never fewer digits than it has: the
/// engine has already rounded scores as the rule file says, so the table
/// shows exactly what the JSON report holds (`8` → `8.00`, `2.125` → `2.125`).
pub fn fixed2(d: Decimal) -> String {
    let text = if d.is_zero() { Decimal::ZERO } else { d.normalize() }.to_string();
    let decimals = text.split_once('.').map_or(0, |(_, frac)| frac.len());
    match decimals {
        0 => format!("{text}.00"),
        1 => format!("{text}0"),
        _ => text,
    }
}

/// Appends `d`, normalised (`5.00` → `5`), as exact JSON number text: the
/// digits of its mantissa with the point put back, written straight into
/// `out` (the brief formats write several per record).
pub fn push_json_number(out: &mut Vec<u8>, d: Decimal) {
    let d = d.normalize();
    let mut digits = [0u8; 40];
    let mut n = d.mantissa().unsigned_abs();
    let mut at = digits.len();
    loop {
        at = at.saturating_sub(1);
        // `n % 10` is below 10, so the cast keeps it.
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0'.saturating_add((n % 10) as u8);
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let digits = digits.get(at..).unwrap_or(&[]);
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

#[cfg(test)]
mod tests {
    use super::*;

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
        for text in samples {
            let value = d(text);
            let mut out = Vec::new();
            push_json_number(&mut out, value);
            let expected = if value.is_zero() { "0".to_owned() } else { value.normalize().to_string() };
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{text}");
        }
        for mantissa in (-2000i64..2000).step_by(7) {
            for scale in 0..6 {
                let value = Decimal::new(mantissa, scale);
                let mut out = Vec::new();
                push_json_number(&mut out, value);
                let expected = if value.is_zero() { "0".to_owned() } else { value.normalize().to_string() };
                assert_eq!(String::from_utf8(out).unwrap(), expected);
            }
        }
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
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
}
