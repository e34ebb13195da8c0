//! With rust_decimal's `serde-float` on, a `Decimal`'s own `Serialize`
//! writes a binary float (`265.903` for `265.90300000000000000001`). Every
//! report, score and error of scorecard still writes exact JSON numbers, and
//! reads them back exactly.

use scorecard::{Decimal, Report, Scorecard, Scores};

const SEED: &str = include_str!("../../../rules/chenggong-2021-window-service.rules");
const MEASUREMENTS: &str = include_str!("../../../examples/chenggong-2021/measurements.json");
const SPENDING: &str = "265.90300000000000000001";

fn record() -> String {
    MEASUREMENTS.replace("\"spending\": \"2700000元\"", &format!("\"spending\": {SPENDING}"))
}

/// The premise: in this build a bare `Decimal` really does serialise as a float.
#[test]
fn serde_float_is_on_in_this_build() {
    let d: Decimal = SPENDING.parse().unwrap();
    assert_eq!(serde_json::to_string(&d).unwrap(), "265.903");
    // serde-with-str's module is there too, and still exact.
    let mut out = Vec::new();
    rust_decimal::serde::str::serialize(&d, &mut serde_json::Serializer::new(&mut out)).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), format!("\"{SPENDING}\""));
}

#[test]
fn reports_write_exact_numbers_and_read_back() {
    let card = Scorecard::compile(SEED).unwrap();
    let report = card.evaluate_json(&record()).unwrap();
    let text = serde_json::to_string(&report).unwrap();
    assert_eq!(text, report.to_json());
    assert!(text.contains("\"total\":81,\"full_marks\":100,"), "{text}");
    assert!(!text.contains("81.0"), "{text}");
    let back: Report = serde_json::from_str(&text).unwrap();
    assert_eq!(back, report);
    assert_eq!(serde_json::to_string(&back).unwrap(), text);
}

#[test]
fn long_decimals_in_reports_keep_every_digit() {
    let card = Scorecard::compile(
        "计分表 「比例」\n总分 10分\n舍入 四舍五入，保留10位\n输入 执行数 = spent（万元）\n常量 预算 = 3万元\n\
         一级指标 成本\n  三级指标 预算执行率\n    分值 10分\n    得分 = 分值 × （执行数 ÷ 预算）\n",
    )
    .unwrap();
    let text = card.evaluate_json("{\"spent\": 1}").unwrap().to_json();
    assert!(text.contains("\"total\":3.3333333333,"), "{text}");
    let long = text.replacen("\"total\":3.3333333333,", "\"total\":3.3333333333333333333333333,", 1);
    let back: Report = serde_json::from_str(&long).unwrap();
    assert_eq!(back.total.to_string(), "3.3333333333333333333333333");
}

#[test]
fn scores_write_exact_numbers() {
    let card = Scorecard::compile(SEED).unwrap();
    let scores = card.score(&card.parse_record(&record()).unwrap()).unwrap();
    let text = serde_json::to_string(&scores).unwrap();
    assert!(text.starts_with("{\"total\":81,\"indicators\":[{\"points\":8,"), "{text}");
    assert_eq!(serde_json::from_str::<Scores>(&text).unwrap(), scores);
}

#[test]
fn errors_write_exact_numbers_and_messages() {
    let card = Scorecard::compile(SEED).unwrap();
    // A value out of its declared range: the error quotes it digit for digit.
    let e = card
        .evaluate_json(
            &MEASUREMENTS.replace("\"staff_satisfaction\": 85", "\"staff_satisfaction\": 100.00000000000000000001"),
        )
        .unwrap_err();
    let text = serde_json::to_string(&e).unwrap();
    assert!(text.contains("100.00000000000000000001"), "{text}");
    assert!(text.contains("\"message\":"), "{text}");
    let compile = Scorecard::compile(
        "计分表 「甲」\n输入 件数 = n（件）\n三级指标 乙\n  评分 件树低于5.000000000000000001件，扣3分\n",
    )
    .unwrap_err();
    let text = serde_json::to_string(&compile).unwrap();
    assert!(text.contains("\"code\":\"E0201\""), "{text}");
}

/// Through `parse_serialize`, a `Decimal` field under serde-float arrives as a
/// float, so it is refused by name rather than scored as 89.
#[test]
fn a_serde_float_decimal_field_is_refused_not_scored_89() {
    #[derive(serde::Serialize)]
    struct Spending {
        spending: Decimal,
    }
    let card = Scorecard::compile(SEED).unwrap();
    let e = card.parse_serialize(&Spending { spending: SPENDING.parse().unwrap() }).unwrap_err();
    let spending = e.errors.iter().find(|e| e.input.as_ref().is_some_and(|i| i.key == "spending")).unwrap();
    assert!(matches!(spending.kind, scorecard::DataErrorKind::InexactNumber { .. }), "{spending:?}");
}
