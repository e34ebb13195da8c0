//! The seed table written with Chinese keywords and with English keywords is
//! one scorecard: for any record both give the same scores, total and grade.

use proptest::prelude::*;
use scorecard::{Lang, Report};
use scorecard_tests::strategies::{config, seed_record};
use scorecard_tests::{report, seed, seed_en, SeedRecord, EXAMPLE_MEASUREMENTS};

/// What must agree between the two files: per indicator (points, deduction,
/// score, number of tiers fired), the total and the grade.
fn scores(r: &Report) -> (Vec<String>, String, String) {
    let per = r
        .indicators
        .iter()
        .map(|i| format!("{} - {} = {} ({} fired)", i.points, i.deduction, i.score, i.fired.len()))
        .collect();
    (per, r.total.to_string(), r.grade.clone())
}

#[test]
fn both_files_describe_the_same_table() {
    let (zh, en) = (seed(), seed_en());
    assert_eq!((zh.lang(), en.lang()), (Lang::Zh, Lang::En));
    assert_eq!(zh.full_marks(), en.full_marks());
    let keys = |c: &scorecard::Scorecard| {
        c.inputs().map(|i| (i.key.to_owned(), i.unit.to_owned(), i.required)).collect::<Vec<_>>()
    };
    assert_eq!(keys(zh), keys(en));
    assert_eq!(zh.indicator_names().count(), 7);
    assert_eq!(en.indicator_names().count(), 7);
    assert!(zh.warnings().is_empty() && en.warnings().is_empty(), "{:?} {:?}", zh.warnings(), en.warnings());
}

#[test]
fn example_and_extremes_agree() {
    let (zh, en) = (seed(), seed_en());
    let worst = SeedRecord {
        cases: 0.into(),
        staff_satisfaction: 0.into(),
        on_time_rate: 0.into(),
        spending: 0.into(),
        complaint_rate: 100.into(),
        blacklist_count: 9.into(),
        public_satisfaction: 0.into(),
        ..SeedRecord::perfect()
    };
    for json in [EXAMPLE_MEASUREMENTS.to_owned(), SeedRecord::perfect().to_json(), worst.to_json()] {
        assert_eq!(scores(&report(zh, &json)), scores(&report(en, &json)), "{json}");
    }
    // the English file explains itself in English
    let r = report(en, EXAMPLE_MEASUREMENTS);
    assert_eq!(
        r.indicators[0].explanation,
        "annual cases 1,500,000件 is 83.33% of last year 1,800,000件, below 90%: −3"
    );
}

proptest! {
    #![proptest_config(config("proptest-regressions/bilingual.txt", 512))]

    #[test]
    fn chinese_and_english_files_score_alike(rec in seed_record()) {
        let (zh, en) = (seed(), seed_en());
        let json = rec.to_json();
        let (a, b) = (zh.evaluate_json(&json), en.evaluate_json(&json));
        match (a, b) {
            (Ok(a), Ok(b)) => prop_assert_eq!(scores(&a), scores(&b), "{}", json),
            (Err(a), Err(b)) => prop_assert_eq!(
                a.errors.iter().map(|e| &e.kind).collect::<Vec<_>>(),
                b.errors.iter().map(|e| &e.kind).collect::<Vec<_>>()
            ),
            (a, b) => prop_assert!(false, "one file scores, the other rejects: {:?} / {:?}", a.map(|r| r.total), b.map(|r| r.total)),
        }
    }
}
