//! proptest strategies for seed records. Every decimal is built from integers
//! (`Decimal::new(n, scale)`), never from floats, and each input is drawn
//! often from the neighbourhood of the seed's thresholds, where bugs live.

use proptest::prelude::*;
use proptest::sample::select;
use scorecard::Decimal;

use crate::SeedRecord;

/// A percentage in 0.00 … 100.00, often at or next to 60, 70, 80, 90, 10 or 20.
pub fn percent() -> impl Strategy<Value = Decimal> {
    let near: Vec<i64> =
        [10, 20, 60, 70, 80, 90].iter().flat_map(|b| [b * 100 - 1, b * 100, b * 100 + 1]).chain([0, 10_000]).collect();
    prop_oneof![
        (0i64..=10_000).prop_map(|n| Decimal::new(n, 2)),
        select(near).prop_map(|n| Decimal::new(n, 2)),
        (0i64..=100).prop_map(Decimal::from),
    ]
}

/// Spending in 万元: 0 … 600, often at or next to 241.73 × (1 ± 10%) and (1 ± 20%).
pub fn spending() -> impl Strategy<Value = Decimal> {
    // thousandths of 万元: 193.384, 217.557, 241.73, 265.903, 290.076
    let near: Vec<i64> =
        [193_384, 217_557, 241_730, 265_903, 290_076].iter().flat_map(|b| [b - 1, *b, b + 1]).collect();
    prop_oneof![
        (0i64..=600_000).prop_map(|n| Decimal::new(n, 3)),
        select(near).prop_map(|n| Decimal::new(n, 3)),
        (0i64..=6_000_000).prop_map(|n| Decimal::new(n, 4)),
    ]
}

/// (cases, cases_last_year) in 件: last year > 0, cases often at or next to 60/70/80/90% of it.
pub fn cases() -> impl Strategy<Value = (Decimal, Decimal)> {
    let near = (1i64..=300_000, select(vec![60i64, 70, 80, 90]), -1i64..=1).prop_map(|(n, pct, delta)| {
        let last = n * 10; // a multiple of 10, so every share of it is a whole number
        (Decimal::from(last * pct / 100 + delta).max(Decimal::ZERO), Decimal::from(last))
    });
    let anywhere = (0i64..=4_000_000, 1i64..=3_000_000).prop_map(|(c, l)| (Decimal::from(c), Decimal::from(l)));
    let fractional = (0i64..=40_000_000, 1i64..=30_000_000).prop_map(|(c, l)| (Decimal::new(c, 1), Decimal::new(l, 1)));
    prop_oneof![near, anywhere, fractional]
}

/// A black-list count: mostly 0 or 1.
pub fn blacklist() -> impl Strategy<Value = Decimal> {
    prop_oneof![3 => Just(Decimal::ZERO), 2 => Just(Decimal::ONE), 1 => (0i64..=5).prop_map(Decimal::from)]
}

/// A valid seed record.
pub fn seed_record() -> impl Strategy<Value = SeedRecord> {
    (cases(), percent(), percent(), spending(), percent(), blacklist(), percent()).prop_map(
        |((cases, cases_last_year), staff, on_time, spending, complaints, blacklist, public)| SeedRecord {
            cases,
            cases_last_year,
            staff_satisfaction: staff,
            on_time_rate: on_time,
            spending,
            complaint_rate: complaints,
            blacklist_count: blacklist,
            public_satisfaction: public,
        },
    )
}

/// A positive amount to move an input by: small steps (0.01) and large ones.
pub fn step() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (1i64..=100).prop_map(|n| Decimal::new(n, 2)),
        (1i64..=100).prop_map(Decimal::from),
        (1i64..=2_000_000).prop_map(Decimal::from),
    ]
}

/// A proptest configuration running `cases` cases, whose failing seeds are
/// saved to `tests/proptest-regressions/<file>` (tests run with the crate
/// directory `tests/` as their working directory) and replayed first.
pub fn config(file: &'static str, cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(file))),
        ..ProptestConfig::default()
    }
}
