//! Deterministic generated records for any scorecard, for the performance
//! differential tests and benchmarks: every input's kind and range is read
//! from the compiled scorecard, list inputs get 1 to 6 readings, optional
//! inputs are sometimes left out, and about one record in a hundred is bad
//! (a value that is not a number, or broken JSON), so failures are covered too.

#![allow(
    dead_code,
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "test data generation on fixed fixtures"
)]

use std::fmt::Write as _;

use scorecard::{Decimal, InputKind, Scorecard};

/// Rule files the differential tests and benchmarks cover, with their list inputs.
pub const RULES: &[(&str, &[&str])] = &[
    ("rules/chenggong-2021-window-service.rules", &[]),
    ("rules/chenggong-2021-window-service.en.rules", &[]),
    ("rules/examples/budget-execution.rules", &[]),
    ("rules/corpus/R04.rules", &[]),
    ("rules/corpus/R16.rules", &[]),
    ("rules/corpus/R49.rules", &[]),
    ("crates/scorecard/tests/fixtures/perf-mixed.rules", &["rates"]),
];

/// A small deterministic generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `n` records for `card` as JSON Lines, the same for the same `seed`.
pub fn jsonl(card: &Scorecard, lists: &[&str], n: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(n * 256);
    for _ in 0..n {
        record(card, lists, &mut rng, &mut out);
        out.push('\n');
    }
    out
}

/// One record, appended to `out`.
pub fn record(card: &Scorecard, lists: &[&str], rng: &mut Rng, out: &mut String) {
    if rng.below(400) == 0 {
        out.push_str("{\"broken\": 1,,}");
        return;
    }
    let bad = (rng.below(150) == 0).then(|| rng.below(card.inputs().count() as u64));
    out.push('{');
    let mut first = true;
    for (at, input) in card.inputs().enumerate() {
        let skip = if input.unit == "分" { 2 } else { 4 };
        if !input.required && rng.below(skip) == 0 {
            continue;
        }
        if !first {
            out.push_str(", ");
        }
        first = false;
        write!(out, "\"{}\": ", input.key).unwrap();
        if bad == Some(at as u64) {
            out.push_str("\"很多\"");
            continue;
        }
        match input.kind {
            InputKind::YesNo => out.push_str(["\"是\"", "\"否\"", "true", "false"][rng.below(4) as usize]),
            InputKind::Grades(labels) => {
                write!(out, "\"{}\"", labels[rng.below(labels.len() as u64) as usize]).unwrap()
            }
            InputKind::Date => write!(out, "\"2021-{:02}-{:02}\"", 1 + rng.below(12), 1 + rng.below(28)).unwrap(),
            InputKind::Number if lists.contains(&input.key) => {
                out.push('[');
                for i in 0..1 + rng.below(6) {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    number(rng, input.range, input.unit, out);
                }
                out.push(']');
            }
            InputKind::Number => number(rng, input.range, input.unit, out),
        }
    }
    out.push('}');
}

/// A value within `range` when there is one, else of a varied magnitude;
/// sometimes as text with the unit.
fn number(rng: &mut Rng, range: Option<(Decimal, Decimal)>, unit: &str, out: &mut String) {
    let value = match range {
        Some((lo, hi)) => match rng.below(10) {
            0 => lo,
            1 => hi,
            _ => {
                let step = Decimal::new(rng.below(10_001) as i64, 4);
                (lo + (hi - lo) * step).round_dp(rng.below(3) as u32)
            }
        },
        // An assessor's score: points on a small scale, in halves.
        None if unit == "分" => Decimal::new(rng.below(21) as i64 * 5, 1).normalize(),
        None => {
            let magnitude = [10, 100, 10_000, 10_000_000][rng.below(4) as usize];
            Decimal::new(rng.below(magnitude * 100) as i64, 2).round_dp(rng.below(3) as u32)
        }
    };
    let text = value.normalize().to_string();
    if rng.below(3) == 0 && !unit.is_empty() {
        write!(out, "\"{text}{unit}\"").unwrap();
    } else {
        out.push_str(&text);
    }
}

/// FNV-1a, 64 bits: a stable hash of output bytes for committed baselines.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}
