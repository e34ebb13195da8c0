//! Reports on the seed table (呈贡区 2021 窗口服务经费) for named measurement
//! sets, snapshotted as YAML. Every snapshot's key numbers are also asserted
//! by hand from the criteria, so a wrong snapshot cannot be accepted silently.
//!
//! Hand check of the criteria (points 8 + 7 + 15 + 15 + 8 + 25 + 22 = 100):
//! - 年办件量: cases < 90% / 80% / 70% / 60% of last year → −3 / −5 / −6 / −8
//! - staff satisfaction < 90 / 80 / 70 → −3 / −5 / −7
//! - on-time rate < 90 → −15
//! - |spending − 241.73万元| / 241.73万元 > 10% / 20% → −8 / −15
//! - complaint rate > 10 / 20 → −5 / −8
//! - blacklist count ≥ 1 → −25
//! - public satisfaction < 90 / 80 / 70 → −8 / −15 / −22

use scorecard::{Decimal, Report};
use scorecard_tests::{d, deductions, ind, ints, report, seed, SeedRecord, EXAMPLE_MEASUREMENTS};

/// Scores `json`, checks the hand-computed deductions, total and grade, then snapshots the report.
fn check(name: &str, json: &str, expected: [i64; 7], total: i64, grade: &str) -> Report {
    let card = seed();
    let r = report(card, json);
    assert_eq!(deductions(&r), ints(&expected), "{name}: deductions");
    let scores: Vec<Decimal> = r.indicators.iter().map(|i| i.score).collect();
    let points: Vec<Decimal> = ind::POINTS.iter().zip(expected).map(|(p, e)| Decimal::from(p - e)).collect();
    assert_eq!(scores, points, "{name}: scores");
    assert_eq!(r.total, Decimal::from(total), "{name}: total");
    assert_eq!(r.total, scores.iter().copied().sum::<Decimal>(), "{name}: total is the sum of the scores");
    assert_eq!(r.full_marks, Decimal::ONE_HUNDRED);
    assert_eq!(r.grade, grade, "{name}: grade");
    insta::with_settings!({ description => json, omit_expression => true }, {
        insta::assert_yaml_snapshot!(name, r);
    });
    r
}

fn record(f: impl FnOnce(&mut SeedRecord)) -> String {
    let mut r = SeedRecord::perfect();
    f(&mut r);
    r.to_json()
}

#[test]
fn perfect_record() {
    check("perfect_record", &SeedRecord::perfect().to_json(), [0; 7], 100, "优");
}

#[test]
fn example_measurements() {
    // cases 1,500,000 / 1,800,000 = 83.3% (< 90%, not < 80%) → −3; staff 85 → −3; on time 92.5% → 0;
    // spending 270万元 is 11.7% over 241.73万元 → −8; complaints 12.5% → −5; blacklist 0; public 91 → 0.
    let r = check("example_measurements", EXAMPLE_MEASUREMENTS, [3, 3, 0, 8, 5, 0, 0], 81, "良");
    assert_eq!(r.indicators[ind::SPENDING].score, Decimal::from(7));
}

#[test]
fn worst_case() {
    let json = record(|r| {
        r.cases = Decimal::from(1_000_000); // 55.6% of last year
        r.staff_satisfaction = Decimal::from(50);
        r.on_time_rate = Decimal::from(50);
        r.spending = Decimal::from(500); // 107% over budget
        r.complaint_rate = Decimal::from(50);
        r.blacklist_count = Decimal::from(3);
        r.public_satisfaction = Decimal::from(50);
    });
    check("worst_case", &json, [8, 7, 15, 15, 8, 25, 22], 0, "差");
}

#[test]
fn exactly_on_first_thresholds() {
    // Every value sits exactly on its first tier's bound; strict words (低于, 高于, 超出) do not fire.
    let json = record(|r| {
        r.cases = Decimal::from(1_620_000); // exactly 90% of 1,800,000
        r.staff_satisfaction = Decimal::from(90);
        r.on_time_rate = Decimal::from(90);
        r.spending = d("265.903"); // exactly 10% over 241.73
        r.complaint_rate = Decimal::from(10);
        r.public_satisfaction = Decimal::from(90);
    });
    check("exactly_on_first_thresholds", &json, [0; 7], 100, "优");
}

#[test]
fn just_past_first_thresholds() {
    let json = record(|r| {
        r.cases = Decimal::from(1_619_999);
        r.staff_satisfaction = d("89.99");
        r.on_time_rate = d("89.99");
        r.spending = d("265.9031");
        r.complaint_rate = d("10.01");
        r.blacklist_count = Decimal::ONE; // 达到1次
        r.public_satisfaction = d("89.99");
    });
    // 3 + 3 + 15 + 8 + 5 + 25 + 8 = 67
    check("just_past_first_thresholds", &json, [3, 3, 15, 8, 5, 25, 8], 33, "差");
}

#[test]
fn exactly_on_second_thresholds() {
    let json = record(|r| {
        r.cases = Decimal::from(1_440_000); // exactly 80%: below 90% only
        r.staff_satisfaction = Decimal::from(80);
        r.spending = d("290.076"); // exactly 20% over: more than 10% only
        r.complaint_rate = Decimal::from(20);
        r.public_satisfaction = Decimal::from(80);
    });
    // 3 + 3 + 0 + 8 + 5 + 0 + 8 = 27
    check("exactly_on_second_thresholds", &json, [3, 3, 0, 8, 5, 0, 8], 73, "中");
}

#[test]
fn exactly_on_third_thresholds() {
    let json = record(|r| {
        r.cases = Decimal::from(1_260_000); // exactly 70%: below 80% only
        r.staff_satisfaction = Decimal::from(70);
        r.spending = d("193.384"); // exactly 20% under: more than 10% only
        r.complaint_rate = d("20.01");
        r.public_satisfaction = Decimal::from(70);
    });
    // 5 + 5 + 0 + 8 + 8 + 0 + 15 = 41
    check("exactly_on_third_thresholds", &json, [5, 5, 0, 8, 8, 0, 15], 59, "差");
}

#[test]
fn spending_exactly_10_percent_under() {
    let json = record(|r| r.spending = d("217.557"));
    check("spending_exactly_10_percent_under", &json, [0; 7], 100, "优");
    let json = record(|r| r.spending = d("217.5569"));
    assert_eq!(deductions(&report(seed(), &json))[ind::SPENDING], Decimal::from(8));
}

#[test]
fn unit_suffixed_strings() {
    let card = seed();
    let plain = record(|r| {
        r.cases = Decimal::from(1_620_000);
        r.spending = d("265.903");
        r.staff_satisfaction = Decimal::from(85);
    });
    let strings = SeedRecord::perfect().json_with(&[
        ("cases", "\"162万件\""),
        ("spending", "\"2659030元\""),
        ("staff_satisfaction", "\"85%\""),
    ]);
    let from_strings = check("unit_suffixed_strings", &strings, [0, 3, 0, 0, 0, 0, 0], 97, "优");
    assert_eq!(from_strings, report(card, &plain), "strings with units score exactly like plain numbers");
}

/// One value changed from the perfect record, and the deduction expected on the indicator that reads it.
struct Row {
    key: &'static str,
    raw: &'static str,
    indicator: usize,
    deduction: i64,
}

const fn row(key: &'static str, raw: &'static str, indicator: usize, deduction: i64) -> Row {
    Row { key, raw, indicator, deduction }
}

/// Every bound of every tier, on it and just past it, as plain numbers and as unit strings.
const BOUNDARIES: &[Row] = &[
    // cases vs last year 1,800,000: 90% = 1,620,000, 80% = 1,440,000, 70% = 1,260,000, 60% = 1,080,000
    row("cases", "1620000", ind::CASES, 0),
    row("cases", "1619999", ind::CASES, 3),
    row("cases", "1619999.9999999999999", ind::CASES, 3),
    row("cases", "1440000", ind::CASES, 3),
    row("cases", "1439999", ind::CASES, 5),
    row("cases", "1260000", ind::CASES, 5),
    row("cases", "1259999", ind::CASES, 6),
    row("cases", "1080000", ind::CASES, 6),
    row("cases", "1079999", ind::CASES, 8),
    row("cases", "0", ind::CASES, 8),
    row("cases", "\"162万件\"", ind::CASES, 0),
    row("cases", "\"161.9999万件\"", ind::CASES, 3),
    row("cases", "\"1,619,999件\"", ind::CASES, 3),
    row("cases", "1.62e6", ind::CASES, 0),
    row("staff_satisfaction", "90", ind::STAFF, 0),
    row("staff_satisfaction", "89.99", ind::STAFF, 3),
    row("staff_satisfaction", "80", ind::STAFF, 3),
    row("staff_satisfaction", "79.99", ind::STAFF, 5),
    row("staff_satisfaction", "70", ind::STAFF, 5),
    row("staff_satisfaction", "69.99", ind::STAFF, 7),
    row("staff_satisfaction", "0", ind::STAFF, 7),
    row("staff_satisfaction", "\"85%\"", ind::STAFF, 3),
    row("staff_satisfaction", "\"85％\"", ind::STAFF, 3),
    row("staff_satisfaction", "\"90\"", ind::STAFF, 0),
    row("on_time_rate", "90", ind::ON_TIME, 0),
    row("on_time_rate", "89.999", ind::ON_TIME, 15),
    row("on_time_rate", "0", ind::ON_TIME, 15),
    row("on_time_rate", "\"92.5%\"", ind::ON_TIME, 0),
    // budget 241.73万元: ±10% = 217.557 … 265.903, ±20% = 193.384 … 290.076
    row("spending", "241.73", ind::SPENDING, 0),
    row("spending", "265.903", ind::SPENDING, 0),
    row("spending", "265.9031", ind::SPENDING, 8),
    row("spending", "265.90300000000000000001", ind::SPENDING, 8),
    row("spending", "2.659031e2", ind::SPENDING, 8),
    row("spending", "217.557", ind::SPENDING, 0),
    row("spending", "217.5569", ind::SPENDING, 8),
    row("spending", "290.076", ind::SPENDING, 8),
    row("spending", "290.0761", ind::SPENDING, 15),
    row("spending", "193.384", ind::SPENDING, 8),
    row("spending", "193.3839", ind::SPENDING, 15),
    row("spending", "0", ind::SPENDING, 15),
    row("spending", "\"2659030元\"", ind::SPENDING, 0),
    row("spending", "\"2659031元\"", ind::SPENDING, 8),
    row("spending", "\"2,659,030元\"", ind::SPENDING, 0),
    row("spending", "\"2659.03千元\"", ind::SPENDING, 0),
    row("spending", "\"0.0265903亿元\"", ind::SPENDING, 0),
    row("spending", "\"265.903万元\"", ind::SPENDING, 0),
    row("spending", "\"265.903\"", ind::SPENDING, 0),
    row("complaint_rate", "10", ind::COMPLAINTS, 0),
    row("complaint_rate", "10.0001", ind::COMPLAINTS, 5),
    row("complaint_rate", "20", ind::COMPLAINTS, 5),
    row("complaint_rate", "20.0001", ind::COMPLAINTS, 8),
    row("complaint_rate", "100", ind::COMPLAINTS, 8),
    row("blacklist_count", "0", ind::BLACKLIST, 0),
    row("blacklist_count", "1", ind::BLACKLIST, 25),
    row("blacklist_count", "2", ind::BLACKLIST, 25),
    row("blacklist_count", "\"1次\"", ind::BLACKLIST, 25),
    row("public_satisfaction", "90", ind::PUBLIC, 0),
    row("public_satisfaction", "89.99", ind::PUBLIC, 8),
    row("public_satisfaction", "80", ind::PUBLIC, 8),
    row("public_satisfaction", "79.99", ind::PUBLIC, 15),
    row("public_satisfaction", "70", ind::PUBLIC, 15),
    row("public_satisfaction", "69.99", ind::PUBLIC, 22),
    row("public_satisfaction", "\"９２．５％\"", ind::PUBLIC, 0),
];

#[test]
fn every_tier_boundary() {
    let card = seed();
    let mut failures = Vec::new();
    for row in BOUNDARIES {
        let json = SeedRecord::perfect().json_with(&[(row.key, row.raw)]);
        let r = match card.evaluate_json(&json) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("{} = {}: rejected: {e}", row.key, row.raw));
                continue;
            }
        };
        let mut expected = [0; 7];
        expected[row.indicator] = row.deduction;
        if deductions(&r) != ints(&expected) {
            failures.push(format!("{} = {}: deductions {:?}, expected {expected:?}", row.key, row.raw, deductions(&r)));
        }
        if r.total != Decimal::from(100 - row.deduction) {
            failures.push(format!("{} = {}: total {}", row.key, row.raw, r.total));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn grade_bands_include_their_lower_bound() {
    let card = seed();
    let cases = [
        // −7 (staff 69) − 3 (cases 1,619,999) = 90
        (record(|r| (r.staff_satisfaction, r.cases) = (Decimal::from(69), Decimal::from(1_619_999))), 90, "优"),
        // −15 (public 79) − 5 (complaints 15) = 80
        (record(|r| (r.public_satisfaction, r.complaint_rate) = (Decimal::from(79), Decimal::from(15))), 80, "良"),
        // −25 (blacklist) − 15 (on time 89) = 60
        (record(|r| (r.blacklist_count, r.on_time_rate) = (Decimal::ONE, Decimal::from(89))), 60, "中"),
        // −25 − 15 − 3 (staff 89) = 57
        (
            record(|r| {
                (r.blacklist_count, r.on_time_rate, r.staff_satisfaction) =
                    (Decimal::ONE, Decimal::from(89), Decimal::from(89))
            }),
            57,
            "差",
        ),
    ];
    for (json, total, grade) in cases {
        let r = report(card, &json);
        assert_eq!((r.total, r.grade.as_str()), (Decimal::from(total), grade), "{json}");
    }
}

#[test]
fn typed_api_scores_like_json() {
    let card = seed();
    let rec = SeedRecord { spending: d("265.9031"), cases: Decimal::from(1_619_999), ..SeedRecord::perfect() };
    let mut typed = card.record();
    for (key, value) in scorecard_tests::KEYS.iter().zip(rec.values()) {
        let slot = card.input(key).unwrap_or_else(|_| panic!("seed has no input `{key}`"));
        card.set(&mut typed, slot, value).unwrap();
    }
    let scores = card.score(&typed).unwrap();
    assert_eq!(scores.total, Decimal::from(89));
    let r = report(card, &rec.to_json());
    assert_eq!(scores.total, r.total);
    let from_report: Vec<Decimal> = r.indicators.iter().map(|i| i.score).collect();
    assert_eq!(scores.indicators.iter().map(|s| s.score).collect::<Vec<_>>(), from_report);
    assert_eq!(card.report(&typed).unwrap(), r);
}

#[test]
fn share_of_last_year_is_compared_exactly_at_full_precision() {
    // 0.9 × 8,999,999.999999999999999999999 = 8,099,999.9999999999999999999991 (29 digits), so
    // cases of 8,099,999.999999999999999999999 are below 90% of last year: −3. A product rounded to
    // 28 digits equals the cases and silently drops the deduction; an error naming the input would
    // be acceptable, a wrong score is not.
    let rec = SeedRecord {
        cases: d("8099999.999999999999999999999"),
        cases_last_year: d("8999999.999999999999999999999"),
        ..SeedRecord::perfect()
    };
    match seed().evaluate_json(&rec.to_json()) {
        Ok(r) => {
            assert_eq!(r.indicators[ind::CASES].deduction, Decimal::from(3), "{}", r.indicators[ind::CASES].explanation)
        }
        Err(e) => assert!(e.errors.iter().all(|x| x.indicators.iter().any(|i| i == "年办件量")), "{e}"),
    }
}
