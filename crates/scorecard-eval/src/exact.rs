//! Exact decimal arithmetic: like `checked_*`, but also `None` when the true
//! result would have to be rounded to fit 28 significant digits. A score is
//! never computed from a silently rounded intermediate.

use std::cmp::Ordering;

use rust_decimal::Decimal;

/// `10^k` for `k` in `0..=28`, the scales a `Decimal` can have.
const POW10: [i128; 29] = [
    1,
    10,
    100,
    1000,
    10000,
    100000,
    1000000,
    10000000,
    100000000,
    1000000000,
    10000000000,
    100000000000,
    1000000000000,
    10000000000000,
    100000000000000,
    1000000000000000,
    10000000000000000,
    100000000000000000,
    1000000000000000000,
    10000000000000000000,
    100000000000000000000,
    1000000000000000000000,
    10000000000000000000000,
    100000000000000000000000,
    1000000000000000000000000,
    10000000000000000000000000,
    100000000000000000000000000,
    1000000000000000000000000000,
    10000000000000000000000000000,
];

/// Orders two decimals exactly as `Ord` does, but on their mantissas as
/// `i128`: one multiplication when the scales differ, where rust_decimal's
/// general comparison rescales 32 bits at a time. This is the hot path of
/// every tier test; the fallback keeps it exact for any value.
#[inline]
pub(crate) fn cmp(a: Decimal, b: Decimal) -> Ordering {
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let (sa, sb) = (a.scale(), b.scale());
    let scaled = match sa.cmp(&sb) {
        Ordering::Equal => Some((ma, mb)),
        Ordering::Less => rescaled(ma, sb.saturating_sub(sa)).map(|m| (m, mb)),
        Ordering::Greater => rescaled(mb, sa.saturating_sub(sb)).map(|m| (ma, m)),
    };
    match scaled {
        Some((x, y)) => x.cmp(&y),
        None => a.cmp(&b),
    }
}

/// How `x` compares with `a × b`, without building the product, when the
/// product is exactly representable (then [`mul`] gives it) and every step
/// fits an `i128`; `None` leaves the case to [`mul`] and [`cmp`].
#[inline]
pub(crate) fn cmp_product(x: Decimal, a: Decimal, b: Decimal) -> Option<Ordering> {
    let (ma, mb) = (i64::try_from(a.mantissa()).ok()?, i64::try_from(b.mantissa()).ok()?);
    // Two 64-bit factors: the 128-bit product cannot overflow.
    let p = i128::from(ma).wrapping_mul(i128::from(mb));
    let s = a.scale().checked_add(b.scale()).filter(|s| *s <= 28)?;
    if p.unsigned_abs() >= 1u128 << 96 {
        return None;
    }
    let (mx, sx) = (x.mantissa(), x.scale());
    Some(match sx.cmp(&s) {
        Ordering::Equal => mx.cmp(&p),
        Ordering::Less => rescaled(mx, s.saturating_sub(sx))?.cmp(&p),
        Ordering::Greater => mx.cmp(&rescaled(p, sx.saturating_sub(s))?),
    })
}

/// `m × 10^k`, if it fits an `i128`.
#[inline]
fn rescaled(m: i128, k: u32) -> Option<i128> {
    let p = *POW10.get(usize::try_from(k).ok()?)?;
    // Mantissas of real values fit 64 bits and scales differ by less than 19:
    // then one 64×64-bit multiplication cannot overflow.
    match (i64::try_from(m), i64::try_from(p)) {
        (Ok(m), Ok(p)) => Some(i128::from(m).wrapping_mul(i128::from(p))),
        _ => m.checked_mul(p),
    }
}

/// `a < b`, as [`cmp`] orders them.
#[inline]
pub(crate) fn lt(a: Decimal, b: Decimal) -> bool {
    cmp(a, b) == Ordering::Less
}

/// The larger of `a` and `b`; `a` when they are equal (as `Decimal::max`).
#[inline]
pub(crate) fn max(a: Decimal, b: Decimal) -> Decimal {
    if lt(a, b) {
        b
    } else {
        a
    }
}

/// The smaller of `a` and `b`; `a` when they are equal (as `Decimal::min`).
#[inline]
pub(crate) fn min(a: Decimal, b: Decimal) -> Decimal {
    if lt(b, a) {
        b
    } else {
        a
    }
}

/// `a × b`, exactly.
///
/// rust_decimal gives the product at scale `sa + sb` when it fits, and
/// otherwise at a smaller scale, rounded. A smaller scale is exact when the
/// digits it dropped were zeros: when `10^k` divides the mantissas' product
/// (`1.0000000000000000 × 1.0000000000000000` is exactly 1).
#[inline]
pub(crate) fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    let p = a.checked_mul(b)?;
    let full = a.scale().saturating_add(b.scale());
    if a.is_zero() || b.is_zero() || p.scale() >= full {
        return Some(p);
    }
    let k = full.saturating_sub(p.scale());
    let (ma, mb) = (a.mantissa(), b.mantissa());
    let twos = factors(ma, 2).saturating_add(factors(mb, 2));
    let fives = factors(ma, 5).saturating_add(factors(mb, 5));
    (twos >= k && fives >= k).then_some(p)
}

/// How many times `p` divides `m` (`m ≠ 0`), counting up to 60.
fn factors(m: i128, p: i128) -> u32 {
    let (mut m, mut n) = (m, 0u32);
    while n < 60 && m.checked_rem(p) == Some(0) && m != 0 {
        m = m.checked_div(p).unwrap_or(0);
        n = n.saturating_add(1);
    }
    n
}

/// `a + b`, exactly.
#[inline]
pub(crate) fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let s = a.checked_add(b)?;
    exact_sum(a, b, s)
}

/// `a − b`, exactly.
#[inline]
pub(crate) fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    let s = a.checked_sub(b)?;
    let mut negated = b;
    negated.set_sign_negative(!b.is_sign_negative());
    exact_sum(a, negated, s)
}

/// `s` if it is exactly `a + b`. rust_decimal gives a sum at the larger
/// scale of its operands when it fits, and otherwise at a smaller scale,
/// rounded; with a zero operand it gives the other operand unchanged
/// (`0.0 + 1` is `1`, at scale 0). A smaller scale is exact when the digits
/// it dropped were zeros: when the true sum, at the larger scale, ends in
/// `k` zeros. Only its last `k` digits are needed, so they are added modulo `10^k`.
#[inline]
fn exact_sum(a: Decimal, b: Decimal, s: Decimal) -> Option<Decimal> {
    let full = a.scale().max(b.scale());
    if s.scale() >= full {
        return Some(s);
    }
    let k = full.saturating_sub(s.scale());
    let low = |d: Decimal| low_digits(d.mantissa(), full.saturating_sub(d.scale()), k);
    let modulus = *POW10.get(usize::try_from(k).ok()?)?;
    (low(a)?.checked_add(low(b)?)?.checked_rem(modulus)? == 0).then_some(s)
}

/// `(m × 10^shift) mod 10^k`, in `0..10^k` (`k ≤ 28`).
fn low_digits(m: i128, shift: u32, k: u32) -> Option<i128> {
    if shift >= k {
        return Some(0);
    }
    let kept = *POW10.get(usize::try_from(k.saturating_sub(shift)).ok()?)?;
    // Below 10^(k − shift), times 10^shift: below 10^k ≤ 10^28, no overflow.
    m.checked_rem_euclid(kept)?.checked_mul(*POW10.get(usize::try_from(shift).ok()?)?)
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
#[allow(clippy::arithmetic_side_effects)]
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
    fn cmp_orders_as_decimal_does() {
        let values = [
            "0",
            "-0",
            "0.000",
            "1",
            "1.0",
            "1.00",
            "-1",
            "0.9",
            "0.925",
            "0.92500",
            "92.5",
            "-92.5",
            "1800000",
            "1620000.0",
            "0.0000000000000000000000000001",
            "-0.0000000000000000000000000001",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7.9228162514264337593543950335",
            "0.1234567890123456789012345678",
            "12345678901234567890.12345678",
        ];
        for a in values {
            for b in values {
                let (x, y) = (d(a), d(b));
                assert_eq!(cmp(x, y), x.cmp(&y), "{a} vs {b}");
                assert_eq!(max(x, y).to_string(), x.max(y).to_string(), "max {a} {b}");
                assert_eq!(min(x, y).to_string(), x.min(y).to_string(), "min {a} {b}");
            }
        }
    }

    fn decimal() -> impl proptest::strategy::Strategy<Value = Decimal> {
        use proptest::prelude::*;
        // Any 96-bit mantissa, as a `Decimal` holds.
        let max = (1i128 << 96).saturating_sub(1);
        let any = (max.saturating_neg()..=max, 0u32..=28).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s));
        // Values like those of real records: a few digits, a few places.
        let small = (-1_000_000i128..=1_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s));
        prop_oneof![any, small]
    }

    proptest::proptest! {
        #[test]
        fn cmp_product_agrees_with_mul(x in decimal(), a in decimal(), b in decimal(), k in 0u32..=28) {
            // Products with trailing zeros compare equal to values of smaller scales.
            for (a, b) in [(a, b), (a.trunc_with_scale(k), b), (Decimal::ZERO, b), (a, Decimal::TEN), (x, Decimal::ONE_HUNDRED)] {
                let p = mul(a, b);
                if let Some(order) = cmp_product(x, a, b) {
                    proptest::prop_assert_eq!(Some(order), p.map(|p| x.cmp(&p)), "{} × {}", a, b);
                }
                // The product itself and values next to it.
                if let Some(p) = p {
                    let mut finer = p;
                    finer.rescale(p.scale().saturating_add(1));
                    for y in [p, p.trunc_with_scale(k), p.normalize(), finer] {
                        if let Some(order) = cmp_product(y, a, b) {
                            proptest::prop_assert_eq!(order, y.cmp(&p));
                        }
                    }
                }
            }
        }

        #[test]
        fn cmp_agrees_with_ord(x in decimal(), y in decimal(), k in 0u32..=28) {
            proptest::prop_assert_eq!(cmp(x, y), x.cmp(&y));
            // Equal values of different scales, and values close to them.
            let z = x.trunc_with_scale(k);
            proptest::prop_assert_eq!(cmp(x, z), x.cmp(&z));
            proptest::prop_assert_eq!(cmp(z, x), z.cmp(&x));
        }
    }

    #[test]
    fn cmp_product_compares_with_the_exact_product() {
        use std::cmp::Ordering::*;
        assert_eq!(cmp_product(d("5"), d("0.5"), d("3")), Some(Greater));
        assert_eq!(cmp_product(d("1.5"), d("0.5"), d("3")), Some(Equal));
        assert_eq!(cmp_product(d("1500000"), d("0.9"), d("1800000")), Some(Less));
        assert_eq!(cmp_product(d("1620000.00"), d("0.9"), d("1800000")), Some(Equal));
        assert_eq!(cmp_product(d("0.0001"), d("0.001"), d("0.01")), Some(Greater));
        // Not exactly representable: left to `mul`, which refuses it.
        assert_eq!(cmp_product(d("1"), d("0.0000000000000001"), d("0.0000000000000001")), None);
    }

    #[test]
    fn rounded_results_are_refused() {
        assert_eq!(mul(d("0.9"), d("8999999.999999999999999999999")), None);
        assert_eq!(mul(d("0.0000000000000001"), d("0.0000000000000001")), None);
        assert_eq!(mul(d("0.0"), d("1")), Some(Decimal::ZERO));
        assert_eq!(sub(d("79228162514264337593543950335"), d("0.5")), None);
        assert_eq!(add(d("8099999.999999999999999999999"), d("0.0000000000000000000001")), None);
        assert_eq!(add(d("79228162514264337593543950335"), d("1")), None);
        assert_eq!(sub(d("-7922816251426433759354395033.5"), d("0.6")), None);
        assert_eq!(mul(d("1.0000000000000000000000000001"), d("1.0000000000000000000000000001")), None);
    }

    /// rust_decimal returns the other operand unchanged when one is zero
    /// (`0.0 − 1` is `-1` at scale 0), and drops trailing zeros that do not
    /// fit 96 bits: neither is a rounding.
    #[test]
    fn exact_results_at_a_smaller_scale_pass() {
        assert_eq!(sub(d("0.0"), d("1")), Some(d("-1")));
        assert_eq!(add(d("0.0"), d("1")), Some(d("1")));
        assert_eq!(add(d("1"), d("0.00")), Some(d("1")));
        assert_eq!(sub(d("8"), d("0.0")), Some(d("8")));
        assert_eq!(sub(d("0.000"), d("-2.5")), Some(d("2.5")));
        assert_eq!(add(d("7922816251426433759354395033.5"), d("0.5")), Some(d("7922816251426433759354395034")));
        assert_eq!(sub(d("-7922816251426433759354395033.5"), d("0.5")), Some(d("-7922816251426433759354395034")));
        assert_eq!(mul(d("1.0000000000000000"), d("1.0000000000000000")), Some(Decimal::ONE));
        assert_eq!(mul(d("0.50000000000000"), d("0.20000000000000000")), Some(d("0.1")));
    }

    proptest::proptest! {
        /// `add` and `sub` give the true result whenever it is representable,
        /// and refuse it otherwise: checked against `i128` arithmetic on the
        /// mantissas brought to one scale (cases beyond `i128` are skipped).
        #[test]
        fn sums_are_exact_or_refused(a in decimal(), b in decimal(), k in 0u32..=28) {
            let mut zero = Decimal::ZERO;
            zero.rescale(k);
            for (a, b) in [(a, b), (a.trunc_with_scale(k), b), (zero, b), (a, zero)] {
                if let Some(expected) = true_sum(a, b) {
                    proptest::prop_assert_eq!(add(a, b), expected, "{} + {}", a, b);
                }
                if let Some(expected) = true_sum(a, -b) {
                    proptest::prop_assert_eq!(sub(a, b), expected, "{} - {}", a, b);
                }
            }
        }

        /// `mul` never refuses a product that is exactly representable.
        #[test]
        fn products_with_trailing_zeros_pass(m in 1i64..1_000_000, s in 0u32..=28, t in 0u32..=28, z in 0u32..=14) {
            let a = Decimal::from_i128_with_scale(i128::from(m) * 10i128.pow(z), s.max(z));
            let b = Decimal::from_i128_with_scale(10i128.pow(t.min(14)), t.min(14));
            // b is exactly 1, so the product is a itself.
            proptest::prop_assert_eq!(mul(a, b), Some(a));
        }
    }

    /// The true `a + b`, as rust_decimal would hold it (`Some(None)`: not
    /// representable in 28 digits), or `None` when `i128` cannot tell.
    fn true_sum(a: Decimal, b: Decimal) -> Option<Option<Decimal>> {
        let s = a.scale().max(b.scale());
        let up = |d: Decimal| rescaled(d.mantissa(), s - d.scale());
        let (mut m, mut scale) = (up(a)?.checked_add(up(b)?)?, s);
        loop {
            if let Ok(x) = Decimal::try_from_i128_with_scale(m, scale) {
                return Some(Some(x));
            }
            if scale == 0 || m % 10 != 0 {
                return Some(None);
            }
            m /= 10;
            scale -= 1;
        }
    }
}
