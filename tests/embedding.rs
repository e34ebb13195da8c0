//! The embedding API keeps every digit: the seed record whose spending is
//! `265.90300000000000000001` 万元 (just over the 10% tolerance above the
//! 241.73万元 budget, so −8) scores 81 through every entry, or is refused
//! with an error naming the input; never 89, the score of 265.903 万元 that
//! a binary float makes of it. Also: one serialised shape, errors as data.

use scorecard::{
    Code, CompileError, DataErrorKind, Decimal, FormatError, Lang, Limits, Report, Scorecard, Scores, Severity,
};
use scorecard_tests::{seed, EXAMPLE_MEASUREMENTS, SEED_ZH};
use serde::de::DeserializeSeed;
use serde_json::value::RawValue;

const SPENDING: &str = "265.90300000000000000001";

/// The example record with `spending` written as `value` (JSON text).
fn record_with_spending(value: &str) -> String {
    let example = "\"spending\": \"2700000元\"";
    assert!(EXAMPLE_MEASUREMENTS.contains(example));
    EXAMPLE_MEASUREMENTS.replace(example, &format!("\"spending\": {value}"))
}

fn total(card: &Scorecard, record: &scorecard::Record) -> Decimal {
    card.score(record).unwrap().total
}

#[test]
fn the_float_would_score_89_and_the_text_scores_81() {
    let card = seed();
    assert_eq!(total(card, &card.parse_record(&record_with_spending("265.903")).unwrap()), Decimal::from(89));
    assert_eq!(total(card, &card.parse_record(&record_with_spending(SPENDING)).unwrap()), Decimal::from(81));
}

#[test]
fn raw_value_entry_scores_81() {
    let card = seed();
    let body = record_with_spending(SPENDING);
    let raw: Box<RawValue> = serde_json::from_str(&body).unwrap();
    assert_eq!(total(card, &card.parse_raw(&raw).unwrap()), Decimal::from(81));
}

#[test]
fn value_entry_refuses_a_number_that_went_through_a_float() {
    let card = seed();
    let value: serde_json::Value = serde_json::from_str(&record_with_spending(SPENDING)).unwrap();
    let e = card.parse_value(&value).unwrap_err();
    // `complaint_rate: 12.5` is refused too: a float cannot tell 12.5 from 12.50000000000000000001.
    let keys: Vec<&str> = e.errors.iter().filter_map(|e| e.input.as_ref()).map(|i| i.key.as_str()).collect();
    assert_eq!(keys, ["complaint_rate", "spending"], "{e}");
    let error = &e.errors[1];
    assert!(matches!(error.kind, DataErrorKind::InexactNumber { .. }), "{error:?}");
    assert_eq!(error.input.as_ref().map(|i| i.key.as_str()), Some("spending"));
    assert!(error.to_string().contains("`spending`"), "{error}");
    assert!(error.message_in(Lang::En).contains("may have lost digits"), "{}", error.message_in(Lang::En));
}

#[test]
fn value_entry_reads_integers_and_strings_exactly() {
    let card = seed();
    let text = |spending: &str| record_with_spending(spending).replace("12.5", "\"12.5\"");
    let value: serde_json::Value = serde_json::from_str(&text(&format!("\"{SPENDING}\""))).unwrap();
    assert_eq!(total(card, &card.parse_value(&value).unwrap()), Decimal::from(81));
    let whole: serde_json::Value = serde_json::from_str(&text("266")).unwrap();
    assert_eq!(total(card, &card.parse_value(&whole).unwrap()), Decimal::from(81));
    let not_object = card.parse_value(&serde_json::json!([1, 2])).unwrap_err();
    assert!(matches!(not_object.errors[0].kind, DataErrorKind::NotAnObject), "{not_object:?}");
}

#[test]
fn record_seed_reads_a_record_inside_a_larger_body() {
    let card = seed();
    let body = format!("{{\"id\": 7, \"record\": {}}}", record_with_spending(SPENDING));
    // A body type would call the seed from its own visitor; here the record's text is cut out by hand.
    let inner = &body[body.find("\"record\": ").unwrap() + 10..body.len() - 1];
    let mut de = serde_json::Deserializer::from_str(inner);
    let record = card.record_seed().deserialize(&mut de).unwrap().unwrap();
    de.end().unwrap();
    assert_eq!(total(card, &record), Decimal::from(81));
    // Syntax errors are the deserializer's; bad values are the inner error.
    assert!(card.record_seed().deserialize(&mut serde_json::Deserializer::from_str("{\"cases\": }")).is_err());
    let bad = record_with_spending("\"lots\"");
    let inner = card.record_seed().deserialize(&mut serde_json::Deserializer::from_str(&bad)).unwrap();
    assert!(matches!(inner.unwrap_err().errors[0].kind, DataErrorKind::NotANumber { .. }));
}

#[test]
fn typed_setters_take_integers_decimals_and_text_with_units() {
    let card = seed();
    let mut record = card.record();
    for (key, value) in [("cases", 1_500_000), ("cases_last_year", 1_800_000), ("staff_satisfaction", 85)] {
        card.set(&mut record, card.input(key).unwrap(), value).unwrap();
    }
    card.set_str(&mut record, card.input("on_time_rate").unwrap(), "92.5%").unwrap();
    card.set(&mut record, card.input("complaint_rate").unwrap(), Decimal::new(125, 1)).unwrap();
    card.set(&mut record, card.input("blacklist_count").unwrap(), 0u8).unwrap();
    card.set(&mut record, card.input("public_satisfaction").unwrap(), 91i64).unwrap();
    let spending = card.input("spending").unwrap();
    card.set(&mut record, spending, SPENDING.parse::<Decimal>().unwrap()).unwrap();
    assert_eq!(total(card, &record), Decimal::from(81));
    card.set_str(&mut record, spending, "2659030.0000000000000001元").unwrap();
    assert_eq!(total(card, &record), Decimal::from(81));
    card.set_str(&mut record, spending, "241.73万元").unwrap();
    assert_eq!(total(card, &record), Decimal::from(89));
    let wrong = card.set_str(&mut record, spending, "5件").unwrap_err();
    assert!(matches!(wrong.errors[0].kind, DataErrorKind::IncompatibleUnit { .. }), "{wrong:?}");
}

#[test]
fn an_unknown_key_is_an_error_with_a_suggestion() {
    let card = seed();
    let e = card.input("spendng").unwrap_err();
    assert!(matches!(&e.errors[0].kind, DataErrorKind::UnknownKey { suggestion: Some(s), .. } if s == "spending"));
    assert!(e.to_string().contains("是否想写 `spending`"), "{e}");
    let far = card.input("budget").unwrap_err();
    assert!(matches!(&far.errors[0].kind, DataErrorKind::UnknownKey { suggestion: None, .. }), "{far:?}");
}

#[test]
fn scores_name_their_indicators_and_grade() {
    let card = seed();
    let scores = card.score(&card.parse_record(&record_with_spending(SPENDING)).unwrap()).unwrap();
    let named: Vec<(&str, Decimal)> = scores.named(card).map(|(n, s)| (n, s.score)).collect();
    assert_eq!(named.len(), 7);
    assert_eq!(named[0].0, "年办件量");
    assert_eq!(named[3], ("严格按照厉行节约，控制支出成本", Decimal::from(7)));
    assert_eq!(scores.grade(card), "良");
    assert_eq!(scores.grade(card), card.evaluate_json(&record_with_spending(SPENDING)).unwrap().grade);
}

#[test]
fn one_serialised_shape_with_exact_numbers() {
    let card = seed();
    let report = card.evaluate_json(&record_with_spending(SPENDING)).unwrap();
    let serde_text = serde_json::to_string(&report).unwrap();
    assert_eq!(report.to_json(), serde_text);
    assert!(serde_text.starts_with("{\"schema_version\":1,\"scorecard\":"), "{serde_text}");
    assert!(serde_text.contains("\"total\":81,\"full_marks\":100,"), "{serde_text}");
    let back: Report = serde_json::from_str(&serde_text).unwrap();
    assert_eq!(back, report);
    assert_eq!(serde_json::to_string(&back).unwrap(), serde_text);
    let scores = card.score(&card.parse_record(&record_with_spending(SPENDING)).unwrap()).unwrap();
    let text = serde_json::to_string(&scores).unwrap();
    assert!(text.starts_with("{\"total\":81,\"indicators\":[{\"points\":8,"), "{text}");
    assert_eq!(serde_json::from_str::<Scores>(&text).unwrap(), scores);
}

#[test]
fn decimals_with_many_digits_round_trip_exactly() {
    let card = Scorecard::compile(
        "计分表 「比例」\n总分 10分\n舍入 四舍五入，保留10位\n输入 执行数 = spent（万元）\n常量 预算 = 3万元\n\
         一级指标 成本\n  三级指标 预算执行率\n    分值 10分\n    得分 = 分值 × （执行数 ÷ 预算）\n",
    )
    .unwrap();
    let report = card.evaluate_json("{\"spent\": 1}").unwrap();
    let text = report.to_json();
    assert!(text.contains("\"total\":3.3333333333,"), "{text}");
    let back: Report = serde_json::from_str(&text).unwrap();
    assert_eq!(back.total.to_string(), report.total.to_string());
    // Reading back never goes through a float: 26 significant digits survive.
    let long = text.replacen("\"total\":3.3333333333,", "\"total\":3.3333333333333333333333333,", 1);
    let back: Report = serde_json::from_str(&long).unwrap();
    assert_eq!(back.total.to_string(), "3.3333333333333333333333333");
    let too_long = text.replacen("\"total\":3.3333333333,", "\"total\":3.33333333333333333333333333333333,", 1);
    assert!(serde_json::from_str::<Report>(&too_long).is_err(), "more digits than a decimal holds is refused");
    // A `Value` holds a fractional number as a float: reading a report from it
    // is refused, not guessed at from the float's digits.
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let e = serde_json::from_value::<Report>(value).unwrap_err();
    assert!(e.to_string().contains("binary float"), "{e}");
}

#[test]
fn a_report_of_a_future_schema_is_refused() {
    let card = seed();
    let text = card.evaluate_json(&record_with_spending("250")).unwrap().to_json();
    let future = text.replacen("\"schema_version\":1", "\"schema_version\":2", 1);
    let e = serde_json::from_str::<Report>(&future).unwrap_err();
    assert!(e.to_string().contains("schema_version 2 is not supported"), "{e}");
}

#[test]
fn codes_severities_and_statuses_serialise_as_their_names() {
    assert_eq!(serde_json::to_string(&Code::UnknownName).unwrap(), "\"E0201\"");
    assert_eq!(serde_json::from_str::<Code>("\"W0401\"").unwrap(), Code::TierNeverApplies);
    assert!(serde_json::from_str::<Code>("\"E9999\"").is_err());
    assert_eq!(serde_json::to_string(&Severity::Warning).unwrap(), "\"warning\"");
    assert_eq!(serde_json::to_string(&Lang::En).unwrap(), "\"en\"");
    assert_eq!(serde_json::to_string(&scorecard::Status::NotApplicable).unwrap(), "\"not_applicable\"");
}

#[test]
fn serialised_data_errors_carry_their_message() {
    let card = seed();
    let e = card.evaluate_json(&record_with_spending("\"lots\"")).unwrap_err();
    let v: serde_json::Value = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["errors"][0]["kind"], "not_a_number");
    assert_eq!(v["errors"][0]["input"]["key"], "spending");
    assert_eq!(v["errors"][0]["message"], e.errors[0].message());
}

const BROKEN: &str = "计分表 「甲」\n输入 件数 = n（件）\n三级指标 乙\n  评分 件树低于5件，扣3分\n";

#[test]
fn compile_errors_show_line_and_column_and_serialise_located() {
    let e = Scorecard::compile(BROKEN).unwrap_err().with_path("甲.rules");
    assert!(e.has(Code::UnknownName));
    let shown = e.to_string();
    assert!(shown.starts_with("甲.rules:4:6: error[E0201]: "), "{shown}");
    let v: serde_json::Value = serde_json::to_value(&e).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["file"], "甲.rules");
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["code"].as_str(), d["severity"].as_str(), d["line"].as_u64(), d["col"].as_u64()),
        (Some("E0201"), Some("error"), Some(4), Some(6))
    );
    assert_eq!(d["span"]["start"].as_u64(), Some(BROKEN.find("件树").unwrap() as u64));
    assert!(d["message"].as_str().unwrap().contains("件树"));
}

#[test]
fn the_caller_chooses_the_message_language() {
    let zh = Scorecard::compile(BROKEN).unwrap_err();
    let en = Scorecard::compile_with(BROKEN, &Limits::default().with_lang(Lang::En)).unwrap_err();
    assert!(zh.diagnostics[0].message.contains("未声明") || zh.diagnostics[0].message.contains("名称"), "{zh}");
    assert!(en.diagnostics[0].message.is_ascii() || en.diagnostics[0].message.contains("件树"), "{en}");
    assert_ne!(zh.diagnostics[0].message, en.diagnostics[0].message);
    let card = Scorecard::compile_with(SEED_ZH, &Limits::default().with_lang(Lang::En)).unwrap();
    assert_eq!(card.lang(), Lang::En);
    let report = card.evaluate_json(&record_with_spending(SPENDING)).unwrap();
    assert!(report.indicators[3].explanation.contains("more than 10%: −8"), "{}", report.indicators[3].explanation);
    let missing = card.evaluate_json("{}").unwrap_err();
    assert!(missing.to_string().contains("missing"), "{missing}");
    let big = Scorecard::compile_with("计分表 「甲」\n", &Limits::default().with_max_file_bytes(3).with_lang(Lang::En));
    assert!(big.unwrap_err().diagnostics[0].message.contains("over the limit"));
}

#[test]
fn format_errors_are_errors() {
    fn takes_error(_: &dyn std::error::Error) {}
    let e = scorecard::format("计分表 「甲」\n三级指标 乙\n  评分 甲低与5件，扣3分\n", &Limits::default()).unwrap_err();
    takes_error(&e);
    assert!(matches!(e, FormatError::Invalid(_)));
    assert!(e.to_string().contains("E0101"), "{e}");
}

#[test]
fn compile_errors_are_std_errors_with_the_source() {
    let e: CompileError = Scorecard::compile(BROKEN).unwrap_err();
    let boxed: Box<dyn std::error::Error + Send + Sync> = Box::new(e.clone());
    assert_eq!(boxed.to_string(), e.to_string());
    assert_eq!(e.source_text(), BROKEN);
    assert_eq!(e.path(), None);
}
