//! The seed scorecard's semantics, written out directly from the rule text as
//! an independent oracle, and the outcome every engine is compared on.

use rust_decimal::Decimal;

use crate::records::Rec;

/// Points per indicator, in table order (their sum is 100).
pub const POINTS: [i64; 7] = [8, 7, 15, 15, 8, 25, 22];

/// One engine's result for one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub deductions: [Decimal; 7],
    pub scores: [Decimal; 7],
    pub total: Decimal,
}

impl Outcome {
    /// Scores and total from per-indicator deductions (score = points − deduction).
    pub fn from_deductions(deductions: [Decimal; 7]) -> Option<Outcome> {
        let mut scores = [Decimal::ZERO; 7];
        let mut total = Decimal::ZERO;
        for ((s, p), dd) in scores.iter_mut().zip(POINTS).zip(deductions) {
            *s = Decimal::from(p).checked_sub(dd)?;
            total = total.checked_add(*s)?;
        }
        Some(Outcome { deductions, scores, total })
    }

    /// Every number as normalized decimal text: 7 deductions, 7 scores, total.
    pub fn texts(&self) -> Vec<String> {
        self.deductions
            .iter()
            .chain(self.scores.iter())
            .chain(std::iter::once(&self.total))
            .map(|v| v.normalize().to_string())
            .collect()
    }
}

/// Most severe tier that fires: `tiers` are (fires, deduction), worst last wins by max.
fn worst(tiers: &[(bool, i64)]) -> Decimal {
    Decimal::from(tiers.iter().filter(|(f, _)| *f).map(|(_, d)| *d).max().unwrap_or(0))
}

/// The oracle: the brief's semantics, with checked decimal arithmetic.
pub fn oracle(r: &Rec) -> Option<Outcome> {
    let [cases, last, staff, on_time, spending, complaint, blacklist, public] = r.values;
    let share = |tenths: i64| Decimal::new(tenths, 1).checked_mul(last);
    let budget = Decimal::new(24_173, 2);
    let dev = spending.checked_sub(budget)?.abs();
    let tol = |pct: i64| Decimal::new(pct, 2).checked_mul(budget);
    let n = Decimal::from;
    Outcome::from_deductions([
        worst(&[(cases < share(9)?, 3), (cases < share(8)?, 5), (cases < share(7)?, 6), (cases < share(6)?, 8)]),
        worst(&[(staff < n(90), 3), (staff < n(80), 5), (staff < n(70), 7)]),
        worst(&[(on_time < n(90), 15)]),
        worst(&[(dev > tol(10)?, 8), (dev > tol(20)?, 15)]),
        worst(&[(complaint > n(10), 5), (complaint > n(20), 8)]),
        worst(&[(blacklist >= n(1), 25)]),
        worst(&[(public < n(90), 8), (public < n(80), 15), (public < n(70), 22)]),
    ])
}
