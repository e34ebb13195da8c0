//! Messages for what analysts write first (issue 12, items 4 and 7): unknown
//! units (E0301, with a did-you-mean), names with a comparison word in them,
//! a count written around a declared name, and a formula whose quotient needs
//! parentheses. Each in both keyword sets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use scorecard::{Code, Diagnostic, LineIndex, Scorecard};

/// Every diagnostic of a file that must not compile (parse errors included).
fn errors(src: &str) -> Vec<Diagnostic> {
    match Scorecard::compile(src) {
        Ok(_) => panic!("compiles, but should not:\n{src}"),
        Err(e) => e.diagnostics.into_iter().filter(Diagnostic::is_error).collect(),
    }
}

/// The one error with `code`; its help; and the text it underlines.
fn the_error(src: &str, code: Code) -> (String, String) {
    let all = errors(src);
    let found: Vec<&Diagnostic> = all.iter().filter(|d| d.code == code).collect();
    assert_eq!(found.len(), 1, "one {code} expected in:\n{src}\n{all:#?}");
    let d = found[0];
    (d.help.clone().unwrap_or_default(), d.span.text(src).to_owned())
}

#[test]
fn an_unknown_unit_is_e0301_wherever_it_is_written() {
    let cases = [
        // input declaration, constant, threshold
        ("计分表 「单位」\n输入 设备 = n（台数）\n三级指标 甲\n  评分 设备低于3台，扣1分\n", "台数", "是否想写 `台`"),
        (
            "计分表 「单位」\n输入 重量 = w（吨）\n常量 上限 = 5斤\n三级指标 甲\n  评分 重量低于上限90%，扣1分\n",
            "斤",
            "可用的单位",
        ),
        (
            "计分表 「单位」\n输入 维修 = n（批次）\n三级指标 甲\n  评分 维修低于3批欠，扣1分\n",
            "批欠",
            "是否想写 `批次`",
        ),
        // `3台欠`: a known unit run on into a typo is read whole, not cut at `欠`.
        ("计分表 「单位」\n输入 维修 = n（台次）\n三级指标 甲\n  评分 维修低于3台欠，扣1分\n", "台欠", "`台次`"),
        (
            "scorecard \"units\"\ninput devices = n (sets)\nindicator a\n  scoring: devices below 3台 → −1\n",
            "sets",
            "known units",
        ),
        (
            "scorecard \"units\"\ninput weight = w (吨)\nindicator a\n  scoring: weight below 5kg → −1\n",
            "kg",
            "known units",
        ),
    ];
    for (src, unit, help) in cases {
        let (got, underlined) = the_error(src, Code::UnknownUnit);
        assert_eq!(underlined, unit, "{src}");
        assert!(got.contains(help), "{src}\nhelp: {got}");
        assert!(got.contains("台次") && got.contains("公顷"), "the known units are listed: {got}");
    }
}

#[test]
fn a_count_word_after_a_number_is_still_the_counted_input() {
    // `每2次黑榜`: the unit is known, the name after it is the subject.
    let src = "计分表 「单位」\n输入 黑榜 = n（次）\n三级指标 甲\n  分值 10分\n  评分 每2次黑榜扣1分\n";
    let card = Scorecard::compile(src).unwrap();
    let r = card.evaluate_json(r#"{"n": 5}"#).unwrap();
    assert_eq!(r.total.to_string(), "8");
}

#[test]
fn a_name_with_a_comparison_word_gets_the_quoting_hint_where_it_is_declared_and_used() {
    let declared =
        "计分表 「质量」\n输入 质量未达到设计要求 = q（是否）\n三级指标 甲\n  评分 「质量未达到设计要求」，扣1分\n";
    let (help, _) = the_error(declared, Code::Syntax);
    assert!(help.contains("比较词 `未达到`") && help.contains("「质量未达到设计要求」"), "{help}");
    let used =
        "计分表 「质量」\n输入 「质量未达到设计要求」 = q（是否）\n三级指标 甲\n  评分 质量未达到设计要求，扣1分\n";
    let (help, _) = the_error(used, Code::Syntax);
    assert!(help.contains("比较词 `未达到`") && help.contains("「质量未达到设计要求」"), "{help}");
    let heading = "计分表 「质量」\n输入 q = q（是否）\n三级指标 质量低于标准\n  评分 q，扣1分\n";
    let (help, _) = the_error(heading, Code::Syntax);
    assert!(help.contains("「质量低于标准」"), "{help}");
    let en = "scorecard \"quality\"\ninput quality below standard = q (yes/no)\nindicator a\n  scoring: q → −1\n";
    let (help, _) = the_error(en, Code::Syntax);
    assert!(help.contains("keyword") && help.contains("quotes"), "{help}");
    // Quoted everywhere, it compiles.
    let fixed = declared.replace("输入 质量未达到设计要求", "输入 「质量未达到设计要求」");
    assert!(Scorecard::compile(&fixed).is_ok(), "{fixed}");
}

#[test]
fn a_count_written_around_a_declared_name_suggests_the_per_count_form() {
    let zh = "计分表 「质量」\n输入 不符合要求 = n（次）\n三级指标 甲\n  分值 5分\n  评分 每出现一次不符合要求扣1分\n";
    let (help, underlined) = the_error(zh, Code::UnknownName);
    assert_eq!(underlined, "出现一次不符合要求");
    assert_eq!(help, "是否想写 `不符合要求`？按次数扣分写成 `每次不符合要求扣1分`");
    let fixed = zh.replace("每出现一次不符合要求扣1分", "每次不符合要求扣1分");
    let r = Scorecard::compile(&fixed).unwrap().evaluate_json(r#"{"n": 2}"#).unwrap();
    assert_eq!(r.total.to_string(), "3");
    let en = "scorecard \"quality\"\ninput nonconformity = n (次)\nindicator a\n  points 5\n  scoring: each occurrence nonconformity → −1\n";
    let (help, _) = the_error(en, Code::UnknownName);
    assert_eq!(help, "did you mean `nonconformity`? to deduct per count, write `each nonconformity → −1`");
}

#[test]
fn a_product_that_needs_the_quotient_first_says_to_add_parentheses() {
    let zh = "计分表 「面积」\n输入 新增面积 = b（公顷）\n输入 目标任务 = a（公顷）\n三级指标 甲\n  分值 5分\n  得分 = 分值 × 新增面积 ÷ 目标任务\n";
    let (help, underlined) = the_error(zh, Code::UnitMismatch);
    assert_eq!(underlined, "分值 × 新增面积");
    assert!(help.contains("`分值 × (新增面积 ÷ 目标任务)`"), "{help}");
    let fixed = zh.replace("分值 × 新增面积 ÷ 目标任务", "分值 × (新增面积 ÷ 目标任务)");
    let r = Scorecard::compile(&fixed).unwrap().evaluate_json(r#"{"a": 10, "b": 8}"#).unwrap();
    assert_eq!(r.total.to_string(), "4");
    let en = "scorecard \"area\"\ninput added = b (公顷)\ninput planned = a (公顷)\nindicator a\n  points 5\n  score = points × added / planned\n";
    let (help, _) = the_error(en, Code::UnitMismatch);
    assert!(help.contains("put it in parentheses: `points × (added ÷ planned)`"), "{help}");
}

/// The caret of an unknown unit stands under the unit, counted in characters.
#[test]
fn the_unknown_unit_is_underlined_alone() {
    let src = "计分表 「单位」\n输入 重量 = w（吨）\n三级指标 甲\n  评分 重量低于90斤，扣1分\n";
    let all = errors(src);
    let d = all.iter().find(|d| d.code == Code::UnknownUnit).unwrap();
    let at = LineIndex::new(src).span_start(src, d.span);
    assert_eq!((at.line, at.column), (4, 12), "{at:?}");
}
