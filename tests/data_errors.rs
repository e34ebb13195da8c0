//! Bad measured data is an error naming the indicator and the input, never a
//! silent "no deduction"; hostile JSON is an error, never a panic.

use scorecard::{DataError, DataErrorKind, Decimal, Scorecard};
use scorecard_tests::{d, seed, seed_en, SeedRecord};

/// The indicator that reads each seed input.
fn indicator_of(key: &str) -> &'static str {
    match key {
        "cases" | "cases_last_year" => "年办件量",
        "staff_satisfaction" => "保障入驻单位123个窗口的正常运行",
        "on_time_rate" => "窗口服务办结率",
        "spending" => "严格按照厉行节约，控制支出成本",
        "complaint_rate" => "政务服务水平建设",
        "blacklist_count" => "昆明市营商环境“红黑榜”评价",
        "public_satisfaction" => "办事群众满意",
        other => panic!("not a seed key: {other}"),
    }
}

/// Evaluates `json`, which must be rejected, and returns the errors.
fn rejected(card: &Scorecard, json: &str) -> Vec<DataError> {
    match card.evaluate_json(json) {
        Ok(r) => {
            let shown: String = json.chars().take(300).collect();
            panic!("record was scored ({}), but should be rejected: {shown}", r.total)
        }
        Err(e) => {
            assert!(!e.errors.is_empty(), "a rejection must carry at least one error");
            e.errors
        }
    }
}

/// Sets `key` to the raw JSON `raw` in an otherwise perfect record, and
/// returns the single error, after checking that it names the indicator and the input.
fn one_error(key: &str, raw: &str) -> DataErrorKind {
    let json = SeedRecord::perfect().json_with(&[(key, raw)]);
    let errors = rejected(seed(), &json);
    assert_eq!(errors.len(), 1, "{key} = {raw}: {errors:?}");
    let e = &errors[0];
    assert_eq!(e.input.as_ref().map(|i| i.key.as_str()), Some(key), "{key} = {raw}: {e:?}");
    let indicator = indicator_of(key);
    assert!(e.indicators.iter().any(|i| i == indicator), "{key} = {raw}: indicators {:?}", e.indicators);
    let message = e.message();
    assert!(message.contains(indicator), "message does not name the indicator `{indicator}`: {message}");
    assert!(message.contains(&format!("`{key}`")), "message does not name the input `{key}`: {message}");
    e.kind.clone()
}

#[test]
fn missing_input() {
    for key in scorecard_tests::KEYS {
        let json = SeedRecord::perfect().json_without(key);
        let errors = rejected(seed(), &json);
        assert_eq!(errors.len(), 1, "{key}: {errors:?}");
        assert_eq!(errors[0].kind, DataErrorKind::Missing, "{key}");
        let message = errors[0].message();
        assert!(message.contains(indicator_of(key)) && message.contains(&format!("`{key}`")), "{message}");
    }
}

#[test]
fn null_is_missing() {
    for key in scorecard_tests::KEYS {
        assert_eq!(one_error(key, "null"), DataErrorKind::Missing, "{key}");
    }
}

#[test]
fn every_missing_input_is_reported() {
    let errors = rejected(seed(), "{}");
    let keys: Vec<&str> = errors.iter().filter_map(|e| e.input.as_ref()).map(|i| i.key.as_str()).collect();
    assert_eq!(keys, scorecard_tests::KEYS);
    assert!(errors.iter().all(|e| e.kind == DataErrorKind::Missing));
}

#[test]
fn wrong_types() {
    for (raw, found) in [("true", "boolean"), ("false", "boolean"), ("[90]", "array"), ("{\"v\": 90}", "object")] {
        for key in ["cases", "staff_satisfaction", "spending", "blacklist_count"] {
            assert_eq!(one_error(key, raw), DataErrorKind::WrongType { found }, "{key} = {raw}");
        }
    }
}

#[test]
fn strings_that_are_not_numbers() {
    for raw in ["\"abc\"", "\"\"", "\" \"", "\"1.2.3\"", "\"--5\"", "\"%90\"", "\"1,23\"", "\"NaN\""] {
        let kind = one_error("staff_satisfaction", raw);
        assert!(matches!(kind, DataErrorKind::NotANumber { .. }), "{raw}: {kind:?}");
    }
    // a number followed by junk reads as an unknown unit
    assert!(matches!(one_error("staff_satisfaction", "\"90%%\""), DataErrorKind::UnknownUnit { .. }));
}

#[test]
fn unknown_unit() {
    assert_eq!(one_error("staff_satisfaction", "\"92.5kg\""), DataErrorKind::UnknownUnit { unit: "kg".into() });
    assert_eq!(one_error("spending", "\"2659030美元\""), DataErrorKind::UnknownUnit { unit: "美元".into() });
    assert!(matches!(one_error("cases", "\"162 boxes\""), DataErrorKind::UnknownUnit { .. }));
}

#[test]
fn incompatible_unit() {
    let cases = [
        ("staff_satisfaction", "\"5件\"", "件", "%"),
        ("cases", "\"100元\"", "元", "件"),
        ("spending", "\"90%\"", "%", "万元"),
        ("blacklist_count", "\"1件\"", "件", "次"),
        // a percentage point is not a percent
        ("complaint_rate", "\"5个百分点\"", "个百分点", "%"),
    ];
    for (key, raw, unit, expected) in cases {
        assert_eq!(
            one_error(key, raw),
            DataErrorKind::IncompatibleUnit { unit: unit.into(), expected },
            "{key} = {raw}"
        );
    }
}

#[test]
fn out_of_declared_range() {
    for key in ["staff_satisfaction", "on_time_rate", "complaint_rate", "public_satisfaction"] {
        for raw in ["100.01", "-0.01", "-5", "150", "\"100.5%\"", "1e3"] {
            assert!(matches!(one_error(key, raw), DataErrorKind::OutOfRange { .. }), "{key} = {raw}");
        }
        // the bounds themselves are allowed
        for raw in ["0", "100", "\"100%\""] {
            let json = SeedRecord::perfect().json_with(&[(key, raw)]);
            assert!(seed().evaluate_json(&json).is_ok(), "{key} = {raw} is within 0～100");
        }
    }
    let kind = one_error("staff_satisfaction", "100.01");
    assert_eq!(kind, DataErrorKind::OutOfRange { value: "100.01%".into(), min: "0%".into(), max: "100%".into() });
}

#[test]
fn negative_counts() {
    let cases = [
        ("cases", ["-1", "-0.5", "\"-3件\"", "\"-0.1万件\""]),
        ("cases_last_year", ["-1", "-1800000", "\"-3件\"", "\"-180万件\""]),
        ("blacklist_count", ["-1", "-0.5", "\"-1次\"", "\"-2\""]),
    ];
    for (key, raws) in cases {
        for raw in raws {
            assert!(matches!(one_error(key, raw), DataErrorKind::Negative { .. }), "{key} = {raw}");
        }
    }
}

#[test]
fn zero_baseline() {
    for raw in ["0", "0.0", "\"0万件\""] {
        let kind = one_error("cases_last_year", raw);
        assert!(matches!(kind, DataErrorKind::BadBaseline { ref base, .. } if base == "上期"), "{raw}: {kind:?}");
    }
}

#[test]
fn too_many_digits() {
    let hundred_digits = "1".repeat(100);
    let long_fraction = format!("90.{}", "1".repeat(100));
    for raw in [hundred_digits.as_str(), &format!("\"{hundred_digits}\""), "1e400", "-1e400"] {
        let kind = one_error("cases", raw);
        assert!(matches!(kind, DataErrorKind::TooLarge { .. } | DataErrorKind::Overflow), "{raw}: {kind:?}");
    }
    // 100 decimal places: too precise to be exact, which is not too large.
    for key in ["cases", "staff_satisfaction"] {
        let kind = one_error(key, &long_fraction);
        assert!(matches!(kind, DataErrorKind::TooPrecise { .. }), "{kind:?}");
    }
}

#[test]
fn too_large_after_unit_conversion() {
    // fits in a decimal as 万元, but not once converted to 元
    let kind = one_error("spending", "79228162514264337593543950335");
    assert!(matches!(kind, DataErrorKind::Overflow | DataErrorKind::TooLarge { .. }), "{kind:?}");
    let kind = one_error("cases", "\"79228162514264337593543950335万件\"");
    assert!(matches!(kind, DataErrorKind::Overflow | DataErrorKind::TooLarge { .. }), "{kind:?}");
}

#[test]
fn duplicate_keys() {
    let json = SeedRecord::perfect().to_json().replacen('{', "{\"cases\": 1, ", 1);
    let errors = rejected(seed(), &json);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, DataErrorKind::DuplicateKey);
    let message = errors[0].message();
    assert!(message.contains("`cases`") && message.contains("年办件量"), "{message}");
}

#[test]
fn invalid_json() {
    for json in ["", "{", "{\"cases\": }", "{\"cases\": 1,}", "{'cases': 1}", "{\"cases\": 01}", "{} {}"] {
        let errors = rejected(seed(), json);
        assert_eq!(errors.len(), 1, "{json:?}: {errors:?}");
        assert!(matches!(errors[0].kind, DataErrorKind::Json { .. }), "{json:?}: {errors:?}");
    }
    let errors = rejected(seed(), "{\n  \"cases\": 1,\n  oops\n}");
    assert!(matches!(errors[0].kind, DataErrorKind::Json { line: 3, .. }), "{errors:?}");
}

#[test]
fn not_an_object() {
    for json in ["[]", "[1, 2]", "90", "\"cases\"", "null", "true"] {
        let errors = rejected(seed(), json);
        assert_eq!(errors.len(), 1, "{json}: {errors:?}");
        assert_eq!(errors[0].kind, DataErrorKind::NotAnObject, "{json}");
    }
    let array_of_records = format!("[{}]", SeedRecord::perfect().to_json());
    assert_eq!(rejected(seed(), &array_of_records)[0].kind, DataErrorKind::NotAnObject);
}

#[test]
fn deeply_nested_json() {
    let open = "[".repeat(10_000);
    let closed = format!("{open}{}", "]".repeat(10_000));
    let card = seed();
    // as the record itself: not an object, or not JSON at all
    for json in [open.clone(), closed.clone(), format!("{{\"cases\": {open}")] {
        let errors = rejected(card, &json);
        assert!(
            errors.iter().all(|e| matches!(e.kind, DataErrorKind::Json { .. } | DataErrorKind::NotAnObject)),
            "{errors:?}"
        );
    }
    // as the value of an input: an error about that input (or about the JSON)
    let errors = rejected(card, &SeedRecord::perfect().json_with(&[("cases", &closed)]));
    assert!(
        errors.iter().all(|e| e.input.as_ref().is_some_and(|i| i.key == "cases")
            || matches!(e.kind, DataErrorKind::Json { .. })),
        "{errors:?}"
    );
    // as the value of a key the scorecard does not read: valid JSON, so either ignored or rejected, never a panic
    let json = SeedRecord::perfect().json_with(&[("comment", &closed)]);
    if let Ok(r) = card.evaluate_json(&json) {
        assert_eq!(r.total, Decimal::ONE_HUNDRED);
    }
}

#[test]
fn unknown_keys_are_ignored() {
    let json = SeedRecord::perfect().json_with(&[("remarks", "\"无\""), ("extra", "[1, {\"a\": null}]")]);
    assert_eq!(seed().evaluate_json(&json).map(|r| r.total), Ok(Decimal::ONE_HUNDRED));
}

#[test]
fn every_problem_in_a_record_is_reported() {
    let json = SeedRecord::perfect().json_with(&[
        ("cases", "true"),
        ("staff_satisfaction", "101"),
        ("spending", "\"5件\""),
        ("blacklist_count", "-1"),
    ]);
    let errors = rejected(seed(), &json);
    let keys: Vec<&str> = errors.iter().filter_map(|e| e.input.as_ref()).map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["cases", "staff_satisfaction", "spending", "blacklist_count"], "{errors:?}");
}

#[test]
fn english_messages_name_indicator_and_input() {
    let card = seed_en();
    let errors = rejected(card, &SeedRecord::perfect().json_without("on_time_rate"));
    let message = errors[0].message();
    assert!(message.contains("`on_time_rate`"), "{message}");
    assert!(message.contains("window service completion rate"), "{message}");
    assert!(message.contains("missing"), "{message}");
    assert!(
        !message.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
        "English file, Chinese message: {message}"
    );

    let errors = rejected(card, &SeedRecord::perfect().json_with(&[("cases_last_year", "0")]));
    assert!(matches!(errors[0].kind, DataErrorKind::BadBaseline { .. }));
    let message = errors[0].message();
    assert!(message.contains("`cases_last_year`") && message.contains("annual cases"), "{message}");
}

#[test]
fn typed_api_rejects_bad_values() {
    let card = seed();
    let mut record = card.record();
    let key = |k: &str| card.input(k).unwrap_or_else(|_| panic!("no input {k}"));
    let e = card.set(&mut record, key("staff_satisfaction"), d("100.5")).unwrap_err();
    assert!(matches!(e.errors[0].kind, DataErrorKind::OutOfRange { .. }), "{e:?}");
    let e = card.set(&mut record, key("blacklist_count"), d("-1")).unwrap_err();
    assert!(matches!(e.errors[0].kind, DataErrorKind::Negative { .. }), "{e:?}");
    let e = card.set(&mut record, key("spending"), Decimal::MAX).unwrap_err();
    assert!(matches!(e.errors[0].kind, DataErrorKind::Overflow), "{e:?}");
    assert!(e.to_string().contains("`spending`"), "{e}");
    // an incomplete record is never scored
    card.set(&mut record, key("cases"), Decimal::from(1_000)).unwrap();
    let e = card.score(&record).unwrap_err();
    assert_eq!(e.errors.len(), 7, "{e:?}");
    assert!(e.errors.iter().all(|x| x.kind == DataErrorKind::Missing));
    let unknown = card.input("spendng").unwrap_err();
    assert!(unknown.to_string().contains("`spending`"), "{unknown}");
}

/// A typed record and an input key are tied to the scorecard that made them:
/// another scorecard, even one with the same inputs, refuses them instead of
/// reading the record's slots as its own.
#[test]
fn a_record_from_another_scorecard_is_refused() {
    let (zh, en) = (seed(), seed_en());
    let mut record = zh.record();
    for (key, value) in scorecard_tests::KEYS.iter().zip(SeedRecord::perfect().values()) {
        let slot = zh.input(key).unwrap_or_else(|_| panic!("no input {key}"));
        zh.set(&mut record, slot, value).unwrap();
    }
    assert_eq!(zh.score(&record).unwrap().total, Decimal::from(100));
    let wrong = |e: scorecard::RecordError| {
        assert_eq!(e.errors.len(), 1, "{e:?}");
        assert_eq!(e.errors[0].kind, DataErrorKind::WrongScorecard, "{e:?}");
    };
    wrong(en.score(&record).unwrap_err());
    wrong(en.report(&record).unwrap_err());
    wrong(en.trace(&record).unwrap_err());
    let same_file = scorecard_tests::compile(scorecard_tests::SEED_ZH);
    wrong(same_file.score(&record).unwrap_err());
    let slot = en.input("cases").unwrap_or_else(|_| panic!("no input cases"));
    wrong(en.set(&mut record, slot, Decimal::ONE).unwrap_err());
    // A key resolved by another scorecard could name a different input at
    // the same position, so it is refused too, even on a record of its own.
    let mut own = en.record();
    let foreign_key = zh.input("cases").unwrap_or_else(|_| panic!("no input cases"));
    wrong(en.set(&mut own, foreign_key, Decimal::ONE).unwrap_err());
    en.set(&mut own, slot, Decimal::ONE).unwrap();
}

#[test]
fn extreme_but_valid_values_do_not_panic() {
    let card = seed();
    for (key, raw) in [
        ("cases", "79228162514264337593543950335"),
        ("cases_last_year", "79228162514264337593543950335"),
        ("cases_last_year", "0.0000000000000000000000000001"),
        ("cases", "0.0000000000000000000000000001"),
        ("spending", "0.0000000000000000000000000001"),
        ("spending", "7922816251426433759354.3950335"),
    ] {
        let json = SeedRecord::perfect().json_with(&[(key, raw)]);
        // either a score or a named error; never a panic and never a silent zero deduction on overflow
        match card.evaluate_json(&json) {
            Ok(r) => assert!(r.total >= Decimal::ZERO && r.total <= Decimal::ONE_HUNDRED),
            Err(e) => assert!(e.errors.iter().all(|x| !x.indicators.is_empty() || x.input.is_some()), "{e:?}"),
        }
    }
}

/// `Scorecard::set` on a date input takes whole day numbers of the years
/// 1 to 9999, the dates a JSON record can hold; it once accepted 0.5 days
/// and year 0, which explanations showed as `-001-12-31` (issue 10).
#[test]
fn a_date_set_directly_is_a_whole_day_in_years_1_to_9999() {
    let card = Scorecard::compile(
        "计分表 「日期」\n输入 完成日期 = done（日期）\n三级指标 按期\n  分值 4分\n  评分 完成日期晚于2021-06-30，扣4分\n",
    )
    .unwrap();
    let key = card.input("done").unwrap();
    let day = |y, m, d| Decimal::from(scorecard_syntax::date::day_number(y, m, d).unwrap());
    for bad in [d("18808.5"), day(1, 1, 1) - Decimal::ONE, day(9999, 12, 31) + Decimal::ONE, -Decimal::MAX] {
        let mut record = card.record();
        let e = card.set(&mut record, key, bad).unwrap_err();
        assert!(matches!(e.errors[0].kind, DataErrorKind::NotADate { .. }), "{bad}: {e:?}");
    }
    for good in [day(1, 1, 1), day(2021, 7, 1), day(9999, 12, 31), d("18809.000")] {
        let mut record = card.record();
        card.set(&mut record, key, good).unwrap();
        let report = card.report(&record).unwrap();
        assert!(!report.indicators[0].explanation.contains("-001"), "{}", report.indicators[0].explanation);
    }
    let mut record = card.record();
    card.set(&mut record, key, day(2021, 7, 1)).unwrap();
    assert!(card.report(&record).unwrap().indicators[0].explanation.contains("2021-07-01"));
}

/// `1e-400` needs 400 decimal places: refused as such (`too_precise`), not
/// as too large and not rounded to 0; a value padded with 100,000 zeros is
/// its value, read in time linear in its length.
#[test]
fn places_and_padding_are_judged_on_the_value() {
    let card = seed();
    let errors = rejected(card, &SeedRecord::perfect().json_with(&[("cases", "1e-400")]));
    assert!(matches!(errors[0].kind, DataErrorKind::TooPrecise { .. }), "{errors:?}");
    assert!(errors[0].message().contains("小数位数超过 28 位"), "{}", errors[0].message());
    let zeros = |n: usize| format!("1500000.{}", "0".repeat(n));
    let padded = |n: usize| {
        SeedRecord::perfect().json_with(&[("cases", &zeros(n)), ("cases_last_year", &format!("\"{}件\"", zeros(n)))])
    };
    let report = card.evaluate_json(&padded(100_000)).unwrap();
    assert_eq!(report.indicators[scorecard_tests::ind::CASES].score.to_string(), "8");
    // Growth, not a timing: 4× the zeros may take about 4× as long, never 16×.
    let best = |n: usize| {
        let json = padded(n);
        (0..3)
            .map(|_| {
                let t = std::time::Instant::now();
                card.evaluate_json(&json).unwrap();
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    let (small, large) = (best(100_000), best(400_000));
    assert!(large < small * 10, "100k zeros: {small:?}, 400k zeros: {large:?}");
}
