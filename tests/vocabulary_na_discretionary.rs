//! Discretionary deductions (`酌情扣分` / `discretionary`) within and outside
//! their bound, and not-applicable indicators (`不适用条件` / `not applicable
//! if`) under `得满分` / `full points` (the default) and `剔除后折算` /
//! `rescale` (the total is rescaled and rounded once).

#[path = "vocabulary_common.rs"]
mod common;

use common::{assert_compile_error, assert_mentions, both, card, expect, expect_total, indicator, one_error, run};
use scorecard::{Code, DataErrorKind, Status};

const MANUAL_ZH: &str = "计分表 「酌情」
输入 酌情 = manual（分）
三级指标 组织管理
  分值 6分
  酌情扣分 酌情，最多6分
";

const MANUAL_EN: &str = "scorecard \"discretionary\"
input manual = manual (分)
indicator organisation
  points 6
  discretionary manual, at most −6
";

fn manual(v: &str) -> String {
    format!(r#"{{"manual": {v}}}"#)
}

#[test]
fn a_discretionary_deduction_within_its_bound() {
    for c in &both(MANUAL_ZH, MANUAL_EN) {
        for (v, score) in [("0", "6"), ("2", "4"), ("2.5", "3.5"), ("5.99", "0.01"), ("6", "0")] {
            expect(c, &manual(v), 0, score);
        }
    }
}

#[test]
fn a_discretionary_deduction_outside_its_bound_is_a_data_error() {
    let [zh, en] = both(MANUAL_ZH, MANUAL_EN);
    for (c, name) in [(&zh, "组织管理"), (&en, "organisation")] {
        for (v, shown) in [("6.01", "6.01"), ("7", "7"), ("-1", "-1")] {
            let e = one_error(c, &manual(v));
            assert_eq!(
                e.kind,
                DataErrorKind::AboveBound { value: shown.to_owned(), max: "6".to_owned() },
                "[{}] {v}",
                common::lang(c)
            );
            assert_eq!(e.indicators, vec![name.to_owned()]);
            assert_eq!(e.input.as_ref().map(|i| i.key.as_str()), Some("manual"));
        }
    }
}

const MIXED_ZH: &str = "计分表 「酌情与扣分」
输入 满意度 = sat（%）
输入 酌情 = manual（分）
三级指标 服务
  分值 10分
  评分 满意度低于90%，扣3分
  酌情扣分 酌情，最多扣4分
";

const MIXED_EN: &str = "scorecard \"discretionary and deductions\"
input satisfaction = sat (%)
input manual = manual (分)
indicator service
  points 10
  scoring: satisfaction below 90% → −3
  discretionary manual, at most −4
";

#[test]
fn a_discretionary_deduction_comes_off_with_the_others() {
    for c in &both(MIXED_ZH, MIXED_EN) {
        expect(c, r#"{"sat": 95, "manual": 1.25}"#, 0, "8.75");
        expect(c, r#"{"sat": 85, "manual": 4}"#, 0, "3");
        expect(c, r#"{"sat": 85, "manual": 0}"#, 0, "7");
        // the bound is the statement's own 4, not the 10 points
        let e = one_error(c, r#"{"sat": 95, "manual": 4.5}"#);
        assert_eq!(e.kind, DataErrorKind::AboveBound { value: "4.5".to_owned(), max: "4".to_owned() });
    }
    let [zh, en] = both(MIXED_ZH, MIXED_EN);
    let r = run(&zh, r#"{"sat": 85, "manual": 2}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["满意度 85%", "扣 3 分", "酌情扣 2 分（最多 4 分）", "得 5 分"]);
    let r = run(&en, r#"{"sat": 85, "manual": 2}"#);
    assert_mentions(
        &indicator(&r, 0).explanation,
        &["satisfaction 85%", "−3", "discretionary −2 (at most 4)", "score 5"],
    );
}

#[test]
fn a_discretionary_input_must_be_in_points() {
    assert_compile_error(&MANUAL_ZH.replace("manual（分）", "manual（件）"), Code::UnitMismatch);
    assert_compile_error(&MANUAL_EN.replace("manual (分)", "manual (件)"), Code::UnitMismatch);
}

const NA_ZH: &str = "计分表 「不适用」
输入 控制率 = rate（%）
输入 没有该项任务 = na（是否）
三级指标 新增耕地
  分值 2分
  不适用条件 没有该项任务
  评分 控制率低于100%，扣2分
三级指标 控制
  分值 8分
  评分 控制率低于90%，扣3分
";

const NA_EN: &str = "scorecard \"not applicable\"
input rate = rate (%)
input no task = na (yes/no)
indicator \"new farmland\"
  points 2
  not applicable if no task
  scoring: rate below 100% → −2
indicator control
  points 8
  scoring: rate below 90% → −3
";

#[test]
fn a_not_applicable_indicator_gets_full_points_by_default() {
    let explicit_zh = NA_ZH.replace("输入 控制率", "不适用指标 得满分\n输入 控制率");
    let explicit_en = NA_EN.replace("input rate", "not applicable: full points\ninput rate");
    for c in [&card(NA_ZH), &card(NA_EN), &card(&explicit_zh), &card(&explicit_en)] {
        // not applicable: 2 (whatever its rules say) + 8 − 3
        let r = expect(c, r#"{"rate": 80, "na": true}"#, 0, "2");
        assert_eq!(indicator(&r, 0).status, Status::NotApplicable);
        common::assert_exact(indicator(&r, 0).deduction, "0", "deduction");
        common::assert_exact(r.total, "7", "total");
        // applicable: 0 + 5
        let r = expect(c, r#"{"rate": 80, "na": false}"#, 0, "0");
        assert_eq!(indicator(&r, 0).status, Status::Scored);
        common::assert_exact(r.total, "5", "total");
        expect_total(c, r#"{"rate": 80, "na": "否"}"#, "5");
        expect_total(c, r#"{"rate": 80, "na": "是"}"#, "7");
    }
    let [zh, en] = both(NA_ZH, NA_EN);
    let r = run(&zh, r#"{"rate": 80, "na": true}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["没有该项任务", "不适用", "得满分 2 分"]);
    let r = run(&en, r#"{"rate": 80, "na": true}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["no task", "not applicable", "full 2 points"]);
}

#[test]
fn a_not_applicable_indicator_is_left_out_and_the_total_rescaled() {
    let zh = card(&NA_ZH.replace("输入 控制率", "不适用指标 剔除后折算\n输入 控制率"));
    let en = card(&NA_EN.replace("input rate", "not applicable: rescale\ninput rate"));
    for c in [&zh, &en] {
        // 5 of the 8 applicable points, scaled to the full 10: 6.25
        let r = expect(c, r#"{"rate": 80, "na": true}"#, 0, "0");
        assert_eq!(indicator(&r, 0).status, Status::NotApplicable);
        common::assert_exact(r.total, "6.25", "total");
        common::assert_exact(r.full_marks, "10", "full marks");
        // 8 of 8: the full 10
        expect_total(c, r#"{"rate": 95, "na": true}"#, "10");
        // applicable: no rescaling, 0 + 5
        expect_total(c, r#"{"rate": 80, "na": false}"#, "5");
    }
    let r = run(&zh, r#"{"rate": 80, "na": true}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["没有该项任务", "不适用", "折算"]);
    let r = run(&en, r#"{"rate": 80, "na": true}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["no task", "not applicable", "rescaled"]);
}

const ROUND_ZH: &str = "计分表 「折算舍入」
不适用指标 剔除后折算
输入 甲差错 = a（次）
输入 乙差错 = b（次）
输入 丙差错 = c（次）
输入 丙不适用 = na（是否）
三级指标 甲
  分值 3分
  评分 每次甲差错扣2分
三级指标 乙
  分值 3分
  评分 每次乙差错扣2分
三级指标 丙
  分值 4分
  不适用条件 丙不适用
  评分 每次丙差错扣2分
";

const ROUND_EN: &str = "scorecard \"rescale rounding\"
not applicable: rescale
input first errors = a (次)
input second errors = b (次)
input third errors = c (次)
input third waived = na (yes/no)
indicator first
  points 3
  scoring: each 次 first errors → −2
indicator second
  points 3
  scoring: each 次 second errors → −2
indicator third
  points 4
  not applicable if third waived
  scoring: each 次 third errors → −2
";

#[test]
fn the_rescaled_total_is_rounded_once() {
    // 1 + 1 of 6 applicable points, scaled to 10: 3.333… → 3.33.
    // (Rescaling each indicator first, 1.67 + 1.67, would give 3.34.)
    for c in &both(ROUND_ZH, ROUND_EN) {
        let r = expect_total(c, r#"{"a": 1, "b": 1, "c": 0, "na": true}"#, "3.33");
        let scores: Vec<String> = r.indicators.iter().map(|i| i.score.to_string()).collect();
        assert_eq!(scores, ["1", "1", "0"], "[{}]", common::lang(c));
        // 3 + 0 of 6: 5; 3 + 1 of 6: 6.666… → 6.67
        expect_total(c, r#"{"a": 0, "b": 2, "c": 0, "na": true}"#, "5");
        expect_total(c, r#"{"a": 0, "b": 1, "c": 0, "na": true}"#, "6.67");
        // all applicable: the plain sum, 3 + 1 + 2
        expect_total(c, r#"{"a": 0, "b": 1, "c": 1, "na": false}"#, "6");
    }
}

#[test]
fn the_not_applicable_flag_must_be_a_yes_no_input() {
    assert_compile_error(&NA_ZH.replace("na（是否）", "na（件）"), Code::WrongKind);
    assert_compile_error(&NA_EN.replace("na (yes/no)", "na (件)"), Code::WrongKind);
}
