//! Exact decimal arithmetic: like `checked_*`, but also `None` when the true
//! result would have to be rounded to fit 28 significant digits. A score is
//! never computed from a silently rounded intermediate.

use rust_decimal::Decimal;

/// `a × b`, exactly.
pub(crate) fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let p = a.checked_mul(b)?;
    // A zero operand may give a zero of any scale; otherwise a smaller scale means rounding.
    (a.is_zero() || b.is_zero() || p.scale() == a.scale().saturating_add(b.scale())).then_some(p)
}

/// `a + b`, exactly.
pub(crate) fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let s = a.checked_add(b)?;
    (s.scale() == a.scale().max(b.scale())).then_some(s)
}

/// `a − b`, exactly.
pub(crate) fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    let s = a.checked_sub(b)?;
    (s.scale() == a.scale().max(b.scale())).then_some(s)
}

/// `a / 100`, exactly (a percentage as a fraction).
pub(crate) fn percent(a: Decimal) -> Option<Decimal> {
    let f = a.checked_div(Decimal::ONE_HUNDRED)?;
    (mul(f, Decimal::ONE_HUNDRED)? == a).then_some(f)
}

/// The number of whole `step`s in `x` (`x ≥ 0`, `step > 0`), exactly.
pub(crate) fn whole_steps(x: Decimal, step: Decimal) -> Option<Decimal> {
    let mut n = x.checked_div(step)?.floor();
    // The quotient may have been rounded up across a whole number: correct it.
    if mul(n, step)? > x {
        n = sub(n, Decimal::ONE)?;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn exact_results_pass() {
        assert_eq!(mul(d("0.9"), d("1800000")), Some(d("1620000")));
        assert_eq!(add(d("1.10"), d("2.0")), Some(d("3.1")));
        assert_eq!(sub(d("241.73"), d("24.173")), Some(d("217.557")));
        assert_eq!(percent(d("90")), Some(d("0.9")));
        assert_eq!(whole_steps(d("2.4"), d("1")), Some(d("2")));
        assert_eq!(whole_steps(d("30000"), d("10000")), Some(d("3")));
    }

    #[test]
    fn rounded_results_are_refused() {
        assert_eq!(mul(d("0.9"), d("8999999.999999999999999999999")), None);
        assert_eq!(mul(d("0.0000000000000001"), d("0.0000000000000001")), None);
        assert_eq!(mul(d("0.0"), d("1")), Some(Decimal::ZERO));
        assert_eq!(sub(d("79228162514264337593543950335"), d("0.5")), None);
        assert_eq!(add(d("8099999.999999999999999999999"), d("0.0000000000000000000001")), None);
        assert_eq!(add(d("79228162514264337593543950335"), d("1")), None);
    }
}
