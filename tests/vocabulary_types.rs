//! Input types: yes/no inputs (accepted spellings, NotYesNo), flag conditions
//! in deduction tiers (`上报不及时，扣5分`, `…为否`), flags on numeric inputs
//! (a compile error), the new units (名, 公顷, 亩, 分, pp) and names that must
//! be quoted because they contain a stop word (加, 为, 较, 等于).

#[path = "vocabulary_common.rs"]
mod common;

use common::{assert_compile_error, assert_mentions, both, card, compile_errors, expect, indicator, one_error, run};
use scorecard::{Code, DataErrorKind};

const FLAG_ZH: &str = "计分表 「是否」
输入 上报不及时 = late（是否）
输入 任务分解 = split（是否）
三级指标 报送
  分值 8分
  评分 上报不及时，扣5分
  评分 任务分解为否，扣2分
";

const FLAG_EN: &str = "scorecard \"yes or no\"
input overdue = late (yes/no)
input split = split (yes/no)
indicator reporting
  points 8
  scoring: overdue → −5
  scoring: split is no → −2
";

fn flags(late: &str, split: &str) -> String {
    format!(r#"{{"late": {late}, "split": {split}}}"#)
}

#[test]
fn yes_no_inputs_accept_booleans_and_words() {
    for c in &both(FLAG_ZH, FLAG_EN) {
        for yes in ["true", r#""是""#, r#""yes""#] {
            for no in ["false", r#""否""#, r#""no""#] {
                // late: −5; split done: nothing
                expect(c, &flags(yes, yes), 0, "3");
                // on time, split not done: −2
                expect(c, &flags(no, no), 0, "6");
                expect(c, &flags(no, yes), 0, "8");
                expect(c, &flags(yes, no), 0, "1");
            }
        }
    }
}

#[test]
fn anything_else_in_a_yes_no_input_is_a_data_error() {
    let [zh, en] = both(FLAG_ZH, FLAG_EN);
    for c in [&zh, &en] {
        for (raw, text) in [(r#""maybe""#, "maybe"), (r#""不确定""#, "不确定"), (r#""""#, "")] {
            let e = one_error(c, &flags(raw, "true"));
            assert_eq!(e.kind, DataErrorKind::NotYesNo { text: text.to_owned() }, "[{}] {raw}", common::lang(c));
            assert_eq!(e.input.as_ref().map(|i| i.key.as_str()), Some("late"));
        }
        // a yes/no input is required like any other
        let e = one_error(c, r#"{"split": true}"#);
        assert_eq!(e.kind, DataErrorKind::Missing);
    }
}

#[test]
fn flag_tier_explanations_say_yes_or_no() {
    let [zh, en] = both(FLAG_ZH, FLAG_EN);
    let r = run(&zh, &flags("true", "false"));
    assert_mentions(&indicator(&r, 0).explanation, &["上报不及时 是", "扣 5 分", "任务分解 否", "扣 2 分"]);
    assert_eq!(indicator(&r, 0).fired.len(), 2);
    let r = run(&en, &flags("true", "false"));
    assert_mentions(&indicator(&r, 0).explanation, &["overdue yes", "−5", "split no", "−2"]);
}

#[test]
fn a_flag_condition_on_a_numeric_input_is_a_compile_error() {
    assert_compile_error(
        "计分表 「t」\n输入 满意度 = sat（%）\n三级指标 甲\n  分值 5分\n  评分 满意度，扣5分\n",
        Code::WrongKind,
    );
    assert_compile_error(
        "scorecard \"t\"\ninput satisfaction = sat (%)\nindicator x\n  points 5\n  scoring: satisfaction → −5\n",
        Code::WrongKind,
    );
    // a yes/no value that is neither yes nor no
    assert_compile_error(&FLAG_ZH.replace("任务分解为否", "任务分解为也许"), Code::UnknownName);
    assert_compile_error(&FLAG_EN.replace("split is no", "split is maybe"), Code::UnknownName);
}

#[test]
fn yes_no_and_grade_inputs_cannot_be_used_in_arithmetic() {
    let codes = compile_errors(
        "计分表 「t」\n输入 任务分解 = split（是否）\n计算 坏 = 任务分解 × 2\n三级指标 甲\n  分值 2分\n  得分 任务分解，得2分；否则不得分\n",
    );
    assert!(codes.contains(&Code::UnitMismatch), "{codes:?}");
    let codes = compile_errors(
        "scorecard \"t\"\ninput split = split (yes/no)\nlet bad = split × 2\nindicator x\n  points 2\n  score: split → 2, otherwise → 0\n",
    );
    assert!(codes.contains(&Code::UnitMismatch), "{codes:?}");
}

const UNITS_ZH: &str = "计分表 「单位」
输入 新增面积 = area（公顷）
输入 差距 = gap（pp）
输入 评定 = mark（分）
三级指标 耕地
  分值 4分
  评分 新增面积低于100公顷，扣2分；新增面积低于50公顷，扣4分
三级指标 差距控制
  分值 3分
  评分 差距超过2个百分点，扣1分；差距超过5pp，扣3分
三级指标 评定得分
  分值 10分
  得分 = 评定
";

const UNITS_EN: &str = "scorecard \"units\"
input new area = area (公顷)
input gap = gap (pp)
input mark = mark (分)
indicator farmland
  points 4
  scoring: new area below 100公顷 → −2, below 50公顷 → −4
indicator \"gap control\"
  points 3
  scoring: gap above 2个百分点 → −1, above 5 pp → −3
indicator rating
  points 10
  score = mark
";

#[test]
fn hectares_percentage_points_and_points_inputs() {
    for c in &both(UNITS_ZH, UNITS_EN) {
        let r = run(c, r#"{"area": 120, "gap": 2, "mark": 7.5}"#);
        let scores: Vec<String> = r.indicators.iter().map(|i| i.score.to_string()).collect();
        assert_eq!(scores, ["4", "3", "7.5"], "[{}]", common::lang(c));
        let r = run(c, r#"{"area": 99.5, "gap": 2.01, "mark": 11}"#);
        let scores: Vec<String> = r.indicators.iter().map(|i| i.score.to_string()).collect();
        assert_eq!(scores, ["2", "2", "10"], "[{}]", common::lang(c));
        let r = run(c, r#"{"area": 49.9, "gap": 5.5, "mark": 0}"#);
        let scores: Vec<String> = r.indicators.iter().map(|i| i.score.to_string()).collect();
        assert_eq!(scores, ["0", "0", "0"], "[{}]", common::lang(c));
        // values may carry their unit
        expect(c, r#"{"area": "100公顷", "gap": "5个百分点", "mark": "6分"}"#, 1, "2");
    }
}

#[test]
fn hectares_and_mu_do_not_mix_nor_do_pp_and_percent() {
    assert_compile_error(&UNITS_ZH.replace("低于100公顷", "低于100亩"), Code::UnitMismatch);
    assert_compile_error(&UNITS_EN.replace("below 100公顷", "below 100亩"), Code::UnitMismatch);
    assert_compile_error(&UNITS_ZH.replace("超过5pp", "超过5%"), Code::UnitMismatch);
    assert_compile_error(&UNITS_EN.replace("above 5 pp", "above 5%"), Code::UnitMismatch);
}

#[test]
fn a_record_value_in_the_wrong_unit_is_a_data_error() {
    for c in &both(UNITS_ZH, UNITS_EN) {
        let e = one_error(c, r#"{"area": "100亩", "gap": 1, "mark": 5}"#);
        assert!(matches!(e.kind, DataErrorKind::IncompatibleUnit { .. }), "{e:?}");
        let e = one_error(c, r#"{"area": 100, "gap": "1%", "mark": 5}"#);
        assert!(matches!(e.kind, DataErrorKind::IncompatibleUnit { .. }), "{e:?}");
    }
}

#[test]
fn names_with_a_stop_word_must_be_quoted() {
    // 增加值 contains 加; 认为 为; 比较 较; 不等于 等于
    for name in ["增加值", "认为合格率", "比较值", "不等于数"] {
        let bare =
            format!("计分表 「t」\n输入 {name} = x（件）\n三级指标 甲\n  分值 2分\n  评分 「{name}」低于5件，扣2分\n");
        compile_errors(&bare);
        let quoted = format!(
            "计分表 「t」\n输入 「{name}」 = x（件）\n三级指标 甲\n  分值 2分\n  评分 「{name}」低于5件，扣2分\n"
        );
        let c = card(&quoted);
        expect(&c, r#"{"x": 4}"#, 0, "0");
        expect(&c, r#"{"x": 5}"#, 0, "2");
    }
}
