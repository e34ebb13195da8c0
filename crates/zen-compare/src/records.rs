//! Deterministic test records: exact boundary cases first, then LCG-generated
//! values. Every value is built from integers as an exact decimal (no binary float).

use rust_decimal::Decimal;

/// Record keys, in the order the seed scorecard declares its inputs.
pub const KEYS: [&str; 8] = [
    "cases",
    "cases_last_year",
    "staff_satisfaction",
    "on_time_rate",
    "spending",
    "complaint_rate",
    "blacklist_count",
    "public_satisfaction",
];

/// One record: the eight input values, exact, in the units of the rule file
/// (件, %, 万元, 次).
#[derive(Debug, Clone)]
pub struct Rec {
    pub values: [Decimal; 8],
}

impl Rec {
    /// The record as a JSON object with plain JSON numbers (exact digits).
    pub fn json(&self) -> String {
        let fields: Vec<String> = KEYS.iter().zip(self.values.iter()).map(|(k, v)| format!("\"{k}\": {v}")).collect();
        format!("{{{}}}", fields.join(", "))
    }
}

/// 64-bit LCG (Knuth's MMIX constants); the high bits are used.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    /// Uniform-ish in `lo..=hi` (modulo bias is irrelevant here).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi.saturating_sub(lo).saturating_add(1)).unwrap_or(1).max(1);
        lo.saturating_add(i64::try_from(self.next() % span).unwrap_or(0))
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        let i = usize::try_from(self.next()).unwrap_or(0) % xs.len();
        &xs[i]
    }
}

fn d(mantissa: i64, scale: u32) -> Decimal {
    Decimal::new(mantissa, scale)
}

/// Percent boundaries (2 dp): the tier thresholds and their neighbours.
const PCT_EDGES: [i64; 14] = [9000, 8999, 9001, 8000, 7999, 8001, 7000, 6999, 7001, 10000, 0, 6000, 1000, 2000];
/// Complaint-rate boundaries (2 dp).
const COMPLAINT_EDGES: [i64; 9] = [1000, 999, 1001, 2000, 1999, 2001, 0, 500, 3000];
/// Spending boundaries (万元, 3 dp): 241.73 × (1 ± 10%), × (1 ± 20%), and ±0.001.
const SPEND_EDGES: [i64; 17] = [
    265_903, 265_902, 265_904, 217_557, 217_556, 217_558, 290_076, 290_075, 290_077, 193_384, 193_383, 193_385,
    241_730, 0, 270_000, 200_000, 500_000,
];

/// A percentage with 2 decimals: a boundary one time in three, else random in 50..=100.
fn percent(g: &mut Lcg) -> Decimal {
    if g.range(0, 2) == 0 {
        d(*g.pick(&PCT_EDGES), 2)
    } else {
        d(g.range(5000, 10000), 2)
    }
}

fn one(g: &mut Lcg) -> Rec {
    let boundary = g.range(0, 2) == 0;
    let (cases, last) = if boundary {
        // cases_last_year a multiple of 10, cases an exact tier share of it, ±1.
        let last = g.range(10_000, 250_000).saturating_mul(10);
        let tenths = g.range(5, 11);
        let delta = *g.pick(&[-1_i64, 0, 0, 1]);
        (last.saturating_mul(tenths) / 10 + delta, last)
    } else {
        let last = g.range(100_000, 2_500_000);
        (g.range(last / 2, last.saturating_mul(11) / 10), last)
    };
    let spending = if g.range(0, 2) == 0 { *g.pick(&SPEND_EDGES) } else { g.range(160_000, 320_000) };
    let complaint = if g.range(0, 2) == 0 { *g.pick(&COMPLAINT_EDGES) } else { g.range(0, 3000) };
    let blacklist = *g.pick(&[0_i64, 0, 0, 0, 0, 1, 1, 2]);
    Rec {
        values: [
            d(cases.max(0), 0),
            d(last, 0),
            percent(g),
            percent(g),
            d(spending, 3),
            d(complaint, 2),
            d(blacklist, 0),
            percent(g),
        ],
    }
}

/// Hand-picked records on the exact boundaries named in the rule text.
fn fixed() -> Vec<Rec> {
    let r = |v: [(i64, u32); 8]| Rec { values: v.map(|(m, s)| d(m, s)) };
    vec![
        // The criterion benchmark's record (spending 270万元).
        r([(1_500_000, 0), (1_800_000, 0), (85, 0), (925, 1), (270, 0), (125, 1), (0, 0), (91, 0)]),
        // Exactly 90% of last year, every percent exactly on 90, spending exactly +10%.
        r([(1_620_000, 0), (1_800_000, 0), (90, 0), (90, 0), (265_903, 3), (10, 0), (0, 0), (90, 0)]),
        // One below each boundary.
        r([(1_619_999, 0), (1_800_000, 0), (8999, 2), (8999, 2), (265_904, 3), (1001, 2), (1, 0), (8999, 2)]),
        // Exactly 80%, 70%, 60% shares; −10%, −20% spending; 20% complaints.
        r([(1_440_000, 0), (1_800_000, 0), (80, 0), (80, 0), (217_557, 3), (20, 0), (0, 0), (80, 0)]),
        r([(1_260_000, 0), (1_800_000, 0), (70, 0), (70, 0), (193_384, 3), (2001, 2), (2, 0), (70, 0)]),
        r([(1_080_000, 0), (1_800_000, 0), (6999, 2), (0, 0), (193_383, 3), (100, 0), (0, 0), (6999, 2)]),
        r([(1_079_999, 0), (1_800_000, 0), (100, 0), (100, 0), (290_077, 3), (0, 0), (0, 0), (100, 0)]),
        r([(0, 0), (1, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0), (0, 0)]),
    ]
}

/// `n` random records after the fixed boundary records; the same for every run.
pub fn generate(n: usize) -> Vec<Rec> {
    let mut g = Lcg(0x5EED_2021_C0DE_0001);
    let mut out = fixed();
    out.extend((0..n).map(|_| one(&mut g)));
    out
}
