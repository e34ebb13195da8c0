//! `Scorecard::parse_serialize`: a record from any `T: Serialize` keeps every
//! digit. The seed record with spending `265.90300000000000000001` 万元
//! scores 81 from a typed struct with `Decimal` fields, from a map of strings
//! with units, and from serde_json's exact raw text; a binary float (which
//! would score 89) is refused with an error naming the input.

use std::collections::BTreeMap;

use scorecard::{DataErrorKind, Decimal};
use scorecard_tests::seed;
use serde::Serialize;
use serde_json::value::RawValue;

const SPENDING: &str = "265.90300000000000000001";

/// The seed's measurements as a service would hold them.
#[derive(Serialize)]
struct Measured<S: Serialize> {
    cases: u64,
    cases_last_year: u64,
    staff_satisfaction: u8,
    on_time_rate: &'static str,
    spending: S,
    complaint_rate: &'static str,
    blacklist_count: i32,
    public_satisfaction: Option<u8>,
    /// Not an input of the scorecard: ignored.
    office: &'static str,
}

fn measured<S: Serialize>(spending: S) -> Measured<S> {
    Measured {
        cases: 1_500_000,
        cases_last_year: 1_800_000,
        staff_satisfaction: 85,
        on_time_rate: "92.5%",
        spending,
        complaint_rate: "12.5",
        blacklist_count: 0,
        public_satisfaction: Some(91),
        office: "成功办",
    }
}

fn total<T: Serialize>(value: &T) -> Result<Decimal, scorecard::RecordError> {
    let card = seed();
    Ok(card.score(&card.parse_serialize(value)?)?.total)
}

#[test]
fn a_typed_struct_with_decimal_fields_scores_81() {
    let spending: Decimal = SPENDING.parse().unwrap();
    assert_eq!(spending.to_string(), SPENDING, "the decimal holds every digit");
    assert_eq!(total(&measured(spending)).unwrap(), Decimal::from(81));
    // The same struct with the float's value scores 89: the digits matter.
    assert_eq!(total(&measured("265.903".parse::<Decimal>().unwrap())).unwrap(), Decimal::from(89));
}

#[test]
fn strings_with_units_and_raw_json_text_score_81() {
    assert_eq!(total(&measured("2659030.0000000000000001元")).unwrap(), Decimal::from(81));
    assert_eq!(total(&measured(format!("{SPENDING}万元"))).unwrap(), Decimal::from(81));
    let raw: Box<RawValue> = RawValue::from_string(SPENDING.to_owned()).unwrap();
    assert_eq!(total(&measured(raw)).unwrap(), Decimal::from(81));
    let mut map: BTreeMap<&str, String> = BTreeMap::new();
    for (key, value) in [
        ("cases", "1500000"),
        ("cases_last_year", "1800000"),
        ("staff_satisfaction", "85"),
        ("on_time_rate", "92.5%"),
        ("spending", SPENDING),
        ("complaint_rate", "12.5"),
        ("blacklist_count", "0"),
        ("public_satisfaction", "91"),
    ] {
        map.insert(key, value.to_owned());
    }
    assert_eq!(total(&map).unwrap(), Decimal::from(81));
}

#[test]
fn a_binary_float_is_refused_naming_the_input_never_89() {
    let spending: f64 = SPENDING.parse().unwrap();
    let e = total(&measured(spending)).unwrap_err();
    assert_eq!(e.errors.len(), 1, "{e}");
    let error = &e.errors[0];
    assert!(matches!(&error.kind, DataErrorKind::InexactNumber { text } if text == "265.903"), "{error:?}");
    assert_eq!(error.input.as_ref().map(|i| i.key.as_str()), Some("spending"));
    // A serde_json::Value holds fractions as floats: refused the same way.
    let value: serde_json::Value = serde_json::to_value(measured(SPENDING)).unwrap();
    let mut value = value;
    value["spending"] = serde_json::json!(spending);
    let e = total(&value).unwrap_err();
    assert!(matches!(e.errors[0].kind, DataErrorKind::InexactNumber { .. }), "{e:?}");
}

#[test]
fn every_problem_is_reported_and_a_non_record_is_refused() {
    #[derive(Serialize)]
    struct Bad {
        cases: Vec<u8>,
        on_time_rate: &'static str,
    }
    let e = total(&Bad { cases: vec![1], on_time_rate: "很高" }).unwrap_err();
    let kinds: Vec<(&str, &DataErrorKind)> =
        e.errors.iter().filter_map(|e| Some((e.input.as_ref()?.key.as_str(), &e.kind))).collect();
    assert!(kinds.contains(&("cases", &DataErrorKind::WrongType { found: "array" })), "{kinds:?}");
    assert!(kinds.iter().any(|(k, kind)| *k == "on_time_rate" && matches!(kind, DataErrorKind::NotANumber { .. })));
    assert!(kinds.iter().any(|(k, kind)| *k == "spending" && **kind == DataErrorKind::Missing), "{kinds:?}");
    for not_a_record in [total(&[1, 2]).unwrap_err(), total(&"text").unwrap_err()] {
        assert!(matches!(not_a_record.errors[0].kind, DataErrorKind::NotAnObject), "{not_a_record:?}");
    }
}
