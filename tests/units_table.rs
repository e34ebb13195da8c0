//! The unit table is written in four places: the grammar's `unit` rule, the
//! engine's `UNITS`, the table in docs/language.md and the help texts that
//! list known units. These tests keep all four equal to `UNITS`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use scorecard::units::{known_symbols, Unit, UNITS};
use scorecard::{Code, Scorecard};

/// Units written after a number (the date pseudo-unit is a type, `（日期）`).
fn written_units() -> impl Iterator<Item = &'static Unit> {
    UNITS.iter().filter(|u| u.base != "日期")
}

#[test]
fn every_unit_is_read_by_the_grammar_and_declares_an_input() {
    for unit in written_units() {
        let src = format!(
            "计分表 「单位」\n输入 数量 = amount（{}）\n三级指标 甲\n  评分 数量低于3{}，扣1分\n",
            unit.symbol, unit.symbol
        );
        let card = Scorecard::compile(&src);
        assert!(card.is_ok(), "unit `{}` is not read: {:?}", unit.symbol, card.err());
    }
}

#[test]
fn counts_and_durations_are_never_negative() {
    for symbol in
        ["次", "天", "周", "小时", "个月", "月", "年", "台", "台次", "辆", "套", "所", "家", "场", "期", "批次"]
    {
        let unit = Unit::lookup(symbol).unwrap();
        assert!(unit.is_count(), "`{symbol}` should refuse negative values");
        let src =
            format!("计分表 「单位」\n输入 数量 = amount（{symbol}）\n三级指标 甲\n  评分 数量低于3{symbol}，扣1分\n");
        let card = Scorecard::compile(&src).unwrap();
        let err = card.evaluate_json(&format!(r#"{{"amount": "-1{symbol}"}}"#)).unwrap_err();
        assert!(err.to_string().contains("负"), "`-1{symbol}`: {err}");
    }
    for symbol in ["%", "元", "公顷", "平方米", "公里", "吨"] {
        assert!(!Unit::lookup(symbol).unwrap().is_count(), "`{symbol}` may be negative (a change, a balance)");
    }
}

#[test]
fn the_reference_table_lists_every_unit_with_its_base_scale_and_count() {
    let doc = include_str!("../docs/language.md");
    let start = doc.find("| unit | dimension (base) | scale | count? |").expect("unit table in docs/language.md");
    let mut documented = BTreeMap::new();
    for line in doc[start..].lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let (base, scale, count) = (cells[1], cells[2].replace(',', ""), cells[3] == "yes");
        for symbol in cells[0].split('`').skip(1).step_by(2) {
            documented.insert(symbol.to_owned(), (base.to_owned(), scale.clone(), count));
        }
    }
    let expected: BTreeMap<String, (String, String, bool)> = written_units()
        .map(|u| (u.symbol.to_owned(), (u.base.to_owned(), u.scale.to_string(), u.is_count())))
        .collect();
    assert_eq!(documented, expected, "docs/language.md's unit table differs from UNITS");
}

#[test]
fn help_texts_list_every_unit() {
    let listed = known_symbols();
    for unit in written_units().filter(|u| u.symbol != "％") {
        assert!(listed.split(' ').any(|s| s == unit.symbol), "known_symbols() lacks `{}`", unit.symbol);
    }
    for lang in [scorecard::Lang::Zh, scorecard::Lang::En] {
        let doc = Code::UnknownUnit.explanation(lang);
        for unit in written_units().filter(|u| u.symbol != "％" && u.base != "日期") {
            assert!(
                doc.split([' ', '：', '。', '.', '\n']).any(|s| s == unit.symbol),
                "explain-error E0301 ({lang:?}) lacks `{}`",
                unit.symbol
            );
        }
    }
}

#[test]
fn kilograms_tons_and_wan_mu_convert_in_rules() {
    // 吨 = 1,000 公斤 (千克 the same), 万亩 = 10,000 亩: a threshold in one
    // compares with an input in the other, exactly.
    let src = "计分表 「换算」\n输入 重量 = w（公斤）\n输入 面积 = a（亩）\n三级指标 甲\n  分值 5分\n  评分 重量超过1.5吨，扣1分\n  评分 面积低于2万亩，扣2分\n";
    let card = Scorecard::compile(src).unwrap();
    assert_eq!(card.evaluate_json(r#"{"w": 1500, "a": 20000}"#).unwrap().total.to_string(), "5");
    assert_eq!(card.evaluate_json(r#"{"w": "1500.5千克", "a": "1.99万亩"}"#).unwrap().total.to_string(), "2");
    assert!(Scorecard::compile(&src.replace("（公斤）", "（千克）")).is_ok());
}
