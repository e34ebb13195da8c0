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

#[cfg(test)]
mod tests {
    use super::*;

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
