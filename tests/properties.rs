//! Properties of the seed scorecard, for random valid records:
//! (a) a better measurement never scores lower, (b) every score lies within
//! its points and the total within the full marks, (c) deduction + score is
//! the points exactly. The checks are plain functions, and
//! `the_checks_can_fail` shows each one rejecting a broken report.

use proptest::prelude::*;
use proptest::sample::select;
use scorecard::{Decimal, Report};
use scorecard_tests::strategies::{config, seed_record, step};
use scorecard_tests::{d, ind, seed, SeedRecord};

/// One input of the seed table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Cases,
    CasesLastYear,
    Staff,
    OnTime,
    Spending,
    Complaints,
    Blacklist,
    Public,
}

const INPUTS: [Input; 8] = [
    Input::Cases,
    Input::CasesLastYear,
    Input::Staff,
    Input::OnTime,
    Input::Spending,
    Input::Complaints,
    Input::Blacklist,
    Input::Public,
];

impl Input {
    /// The indicator that reads this input.
    fn indicator(self) -> usize {
        match self {
            Input::Cases | Input::CasesLastYear => ind::CASES,
            Input::Staff => ind::STAFF,
            Input::OnTime => ind::ON_TIME,
            Input::Spending => ind::SPENDING,
            Input::Complaints => ind::COMPLAINTS,
            Input::Blacklist => ind::BLACKLIST,
            Input::Public => ind::PUBLIC,
        }
    }
}

/// `rec` with `input` moved by `step` in the better direction, staying valid:
/// more cases, a smaller (still positive) baseline, higher satisfaction and
/// on-time rates (at most 100%), fewer complaints and black-list entries (at
/// least 0), spending closer to the budget (never past it).
fn improve(rec: &SeedRecord, input: Input, step: Decimal) -> SeedRecord {
    let hundred = Decimal::ONE_HUNDRED;
    let up_to_100 = |x: Decimal| (x + step).min(hundred);
    let down_to_0 = |x: Decimal| (x - step).max(Decimal::ZERO);
    let mut r = rec.clone();
    match input {
        Input::Cases => r.cases += step,
        Input::CasesLastYear => {
            let last = r.cases_last_year;
            r.cases_last_year = if last > step { last - step } else { last / Decimal::TWO };
        }
        Input::Staff => r.staff_satisfaction = up_to_100(r.staff_satisfaction),
        Input::OnTime => r.on_time_rate = up_to_100(r.on_time_rate),
        Input::Public => r.public_satisfaction = up_to_100(r.public_satisfaction),
        Input::Complaints => r.complaint_rate = down_to_0(r.complaint_rate),
        Input::Blacklist => r.blacklist_count = down_to_0(r.blacklist_count),
        Input::Spending => {
            let budget = d("241.73");
            r.spending =
                if r.spending > budget { (r.spending - step).max(budget) } else { (r.spending + step).min(budget) };
        }
    }
    r
}

fn evaluate(rec: &SeedRecord) -> Result<Report, TestCaseError> {
    seed().evaluate_json(&rec.to_json()).map_err(|e| TestCaseError::fail(format!("{e}\nrecord: {}", rec.to_json())))
}

// ───────────────────────────── the checks ─────────────────────────────

/// (a) `after` (a better record) keeps at least the total and the indicator's score of `before`.
fn not_worse(before: &Report, after: &Report, indicator: usize) -> Result<(), String> {
    let (b, a) = (&before.indicators[indicator], &after.indicators[indicator]);
    if a.score < b.score {
        return Err(format!("`{}` fell from {} to {}", b.name, b.score, a.score));
    }
    if after.total < before.total {
        return Err(format!("total fell from {} to {}", before.total, after.total));
    }
    Ok(())
}

/// (b) every score in [0, points], the seed's points, and the total in [0, 100] and equal to their sum.
fn within_bounds(r: &Report) -> Result<(), String> {
    for (i, points) in r.indicators.iter().zip(ind::POINTS) {
        if i.points != Decimal::from(points) {
            return Err(format!("`{}` has {} points, not {points}", i.name, i.points));
        }
        if i.score < Decimal::ZERO || i.score > i.points {
            return Err(format!("`{}` scored {} of {}", i.name, i.score, i.points));
        }
    }
    let sum: Decimal = r.indicators.iter().map(|i| i.score).sum();
    if r.total != sum {
        return Err(format!("total {} is not the sum of the scores {sum}", r.total));
    }
    if r.total < Decimal::ZERO || r.total > r.full_marks || r.full_marks != Decimal::ONE_HUNDRED {
        return Err(format!("total {} outside 0 … {}", r.total, r.full_marks));
    }
    Ok(())
}

/// (c) deduction + score == points, exactly (also as printed, without trailing-zero noise).
fn adds_up(r: &Report) -> Result<(), String> {
    for i in &r.indicators {
        let sum = i.deduction.checked_add(i.score).ok_or("overflow")?;
        if sum != i.points || sum.normalize().to_string() != i.points.normalize().to_string() {
            return Err(format!("`{}`: {} + {} ≠ {}", i.name, i.deduction, i.score, i.points));
        }
        if i.deduction < Decimal::ZERO {
            return Err(format!("`{}`: negative deduction {}", i.name, i.deduction));
        }
    }
    Ok(())
}

/// The grade follows the total: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 below.
fn graded(r: &Report) -> Result<(), String> {
    let t = r.total;
    let expected = if t >= Decimal::from(90) {
        "优"
    } else if t >= Decimal::from(80) {
        "良"
    } else if t >= Decimal::from(60) {
        "中"
    } else {
        "差"
    };
    if r.grade == expected {
        Ok(())
    } else {
        Err(format!("total {t} graded {}, expected {expected}", r.grade))
    }
}

fn check(result: Result<(), String>) -> Result<(), TestCaseError> {
    result.map_err(TestCaseError::fail)
}

// ───────────────────────────── the properties ─────────────────────────────

proptest! {
    #![proptest_config(config("proptest-regressions/properties.txt", 1024))]

    #[test]
    fn a_better_measurement_never_scores_lower(rec in seed_record(), input in select(INPUTS.to_vec()), step in step()) {
        let better = improve(&rec, input, step);
        let (before, after) = (evaluate(&rec)?, evaluate(&better)?);
        prop_assert!(
            not_worse(&before, &after, input.indicator()).is_ok(),
            "{:?} improved by {}: {}\nbefore: {}\nafter:  {}",
            input, step, not_worse(&before, &after, input.indicator()).unwrap_err(), rec.to_json(), better.to_json()
        );
    }

    #[test]
    fn scores_stay_within_their_points(rec in seed_record()) {
        let r = evaluate(&rec)?;
        check(within_bounds(&r))?;
        check(graded(&r))?;
    }

    #[test]
    fn deduction_plus_score_is_the_points(rec in seed_record()) {
        check(adds_up(&evaluate(&rec)?))?;
    }

    #[test]
    fn fast_path_scores_like_the_report(rec in seed_record()) {
        let card = seed();
        let r = evaluate(&rec)?;
        let record = card.parse_record(&rec.to_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let scores = card.score(&record).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(scores.total, r.total);
        for (s, i) in scores.indicators.iter().zip(&r.indicators) {
            prop_assert_eq!((s.points, s.deduction, s.score), (i.points, i.deduction, i.score));
        }
    }

    #[test]
    fn unit_strings_score_like_numbers(rec in seed_record()) {
        let yuan = (rec.spending * Decimal::from(10_000)).normalize();
        let wan_jian = (rec.cases / Decimal::from(10_000)).normalize();
        let json = rec.json_with(&[
            ("spending", &format!("\"{yuan}元\"")),
            ("cases", &format!("\"{wan_jian}万件\"")),
            ("staff_satisfaction", &format!("\"{}%\"", rec.staff_satisfaction)),
        ]);
        let from_strings = seed().evaluate_json(&json).map_err(|e| TestCaseError::fail(format!("{e}: {json}")))?;
        let from_numbers = evaluate(&rec)?;
        prop_assert_eq!(from_strings.total, from_numbers.total);
        for (a, b) in from_strings.indicators.iter().zip(&from_numbers.indicators) {
            prop_assert_eq!(a.score, b.score, "{}", a.name);
        }
    }
}

// ───────────────────────────── the checks can fail ─────────────────────────────

#[test]
fn the_checks_can_fail() {
    let worse = SeedRecord { public_satisfaction: Decimal::from(50), ..SeedRecord::perfect() };
    let good = seed().evaluate_json(&SeedRecord::perfect().to_json()).unwrap();
    let bad = seed().evaluate_json(&worse.to_json()).unwrap();
    assert!(not_worse(&good, &good, ind::PUBLIC).is_ok());
    assert!(not_worse(&bad, &good, ind::PUBLIC).is_ok());
    assert!(not_worse(&good, &bad, ind::PUBLIC).is_err(), "a drop in the indicator's score is caught");
    let mut total_only = good.clone();
    total_only.total -= Decimal::ONE;
    assert!(not_worse(&good, &total_only, ind::CASES).is_err(), "a drop in the total is caught");

    assert!(within_bounds(&good).is_ok() && within_bounds(&bad).is_ok());
    let mut over = good.clone();
    over.indicators[0].score += Decimal::new(1, 2);
    assert!(within_bounds(&over).is_err(), "a score above its points is caught");
    let mut below = bad.clone();
    below.indicators[ind::PUBLIC].score = Decimal::new(-1, 2);
    assert!(within_bounds(&below).is_err(), "a negative score is caught");
    let mut off = good.clone();
    off.total += Decimal::ONE;
    assert!(within_bounds(&off).is_err(), "a total that is not the sum is caught");

    assert!(adds_up(&good).is_ok() && adds_up(&bad).is_ok());
    let mut skew = bad.clone();
    skew.indicators[ind::PUBLIC].deduction -= Decimal::new(1, 2);
    assert!(adds_up(&skew).is_err(), "deduction + score ≠ points is caught");

    assert!(graded(&good).is_ok() && graded(&bad).is_ok());
    let mut misgraded = good.clone();
    misgraded.grade = "良".into();
    assert!(graded(&misgraded).is_err(), "a wrong grade is caught");
}

#[test]
fn improving_moves_every_input_the_right_way() {
    let rec = SeedRecord {
        spending: d("300"),
        complaint_rate: Decimal::from(15),
        blacklist_count: Decimal::ONE,
        staff_satisfaction: Decimal::from(85),
        on_time_rate: Decimal::from(80),
        public_satisfaction: Decimal::from(80),
        ..SeedRecord::perfect()
    };
    let step = Decimal::ONE;
    for input in INPUTS {
        let better = improve(&rec, input, step);
        assert_ne!(better, rec, "{input:?} did not move");
        let (a, b) = (seed().evaluate_json(&rec.to_json()).unwrap(), seed().evaluate_json(&better.to_json()).unwrap());
        assert!(not_worse(&a, &b, input.indicator()).is_ok(), "{input:?}");
    }
    let under = SeedRecord { spending: d("200"), ..SeedRecord::perfect() };
    assert_eq!(improve(&under, Input::Spending, Decimal::from(100)).spending, d("241.73"));
    assert_eq!(improve(&rec, Input::Spending, Decimal::from(100)).spending, d("241.73"));
    assert_eq!(improve(&rec, Input::CasesLastYear, Decimal::from(5_000_000)).cases_last_year, Decimal::from(900_000));
}
