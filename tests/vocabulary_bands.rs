//! `得分` / `score` bands: first match wins; range bounds (lower included,
//! upper excluded unless `（含）`/`inclusive`, lower excluded with
//! `（不含）`/`exclusive`); `否则` / `otherwise`; every outcome; rank bands;
//! cumulative checklists; no band matching is a data error naming the
//! indicator. Every rule is written with Chinese and with English keywords.

#[path = "vocabulary_common.rs"]
mod common;

use common::{assert_compile_error, assert_mentions, both, card, expect, expect_total, indicator, one_error, run};
use scorecard::{Code, DataErrorKind, Status};

const ADJUST_ZH: &str = "计分表 「档位」
输入 调整率 = adj（%）
三级指标 预算调整率
  分值 3分
  得分 调整率=0，计3分；0-10%(含)，计2分；10-20%(含)，计1分；20-30%(含)，计0.5分；否则不得分
";

const ADJUST_EN: &str = "scorecard \"bands\"
input adjustment = adj (%)
indicator \"budget adjustment\"
  points 3
  score: adjustment = 0 → 3, 0 to 10% inclusive → 2, 10 to 20% inclusive → 1, 20 to 30% inclusive → 0.5, otherwise → 0
";

#[test]
fn first_matching_band_wins_and_inclusive_upper_bounds_match() {
    // 0 lies in `=0` and in `0-10%`: the first band gives 3.
    let cases = [
        ("0", "3"),
        ("0.01", "2"),
        ("9.99", "2"),
        ("10", "2"),
        ("10.01", "1"),
        ("20", "1"),
        ("20.5", "0.5"),
        ("30", "0.5"),
        ("30.01", "0"),
        ("75", "0"),
        ("-1", "0"),
    ];
    for c in &both(ADJUST_ZH, ADJUST_EN) {
        assert_eq!(c.full_marks().to_string(), "3");
        for (adj, score) in cases {
            expect(c, &format!(r#"{{"adj": {adj}}}"#), 0, score);
        }
    }
}

#[test]
fn band_explanations_quote_the_band_and_the_value() {
    let [zh, en] = both(ADJUST_ZH, ADJUST_EN);
    let r = run(&zh, r#"{"adj": 10}"#);
    let e = &indicator(&r, 0).explanation;
    assert_eq!(e, "调整率 10%，在 0%～10%（含）之间，得 2 分");
    assert_eq!(indicator(&r, 0).fired.len(), 1);
    let r = run(&en, r#"{"adj": 10}"#);
    let e = &indicator(&r, 0).explanation;
    assert_eq!(e, "adjustment 10% is within 0% to 10% (inclusive): scores 2");
    let r = run(&en, r#"{"adj": 31}"#);
    assert_eq!(indicator(&r, 0).explanation, "adjustment 31% is above 30%: scores 0");
    let r = run(&zh, r#"{"adj": 31}"#);
    assert_eq!(indicator(&r, 0).explanation, "调整率 31%，高于 30%，不得分");
}

const DEFAULT_ZH: &str = "计分表 「默认边界」
输入 完成率 = rate（%）
三级指标 完成率档位
  得分 完成率0-60%，计1分；60-80%，计2分；80-100%，计3分
";

const DEFAULT_EN: &str = "scorecard \"default bounds\"
input completion = rate (%)
indicator \"completion bands\"
  score: completion 0 to 60% → 1, 60 to 80% → 2, 80 to 100% → 3
";

#[test]
fn by_default_the_lower_bound_is_in_and_the_upper_bound_out() {
    for c in &both(DEFAULT_ZH, DEFAULT_EN) {
        // every band gives fixed points: the indicator's points are the largest, 3
        assert_eq!(c.full_marks().to_string(), "3", "[{}]", common::lang(c));
        for (rate, score) in [("0", "1"), ("59.99", "1"), ("60", "2"), ("79.99", "2"), ("80", "3"), ("99.99", "3")] {
            expect(c, &format!(r#"{{"rate": {rate}}}"#), 0, score);
        }
    }
}

#[test]
fn no_band_matching_is_a_data_error_naming_the_indicator() {
    let [zh, en] = both(DEFAULT_ZH, DEFAULT_EN);
    for (c, name) in [(&zh, "完成率档位"), (&en, "completion bands")] {
        // 100% is the excluded upper bound of the last band; −0.01% lies below the first.
        for (rate, shown) in [("100", "100%"), ("-0.01", "-0.01%"), ("150", "150%")] {
            let e = one_error(c, &format!(r#"{{"rate": {rate}}}"#));
            assert_eq!(e.kind, DataErrorKind::NoBand { value: shown.to_owned() }, "[{}] {rate}", common::lang(c));
            assert_eq!(e.indicators, vec![name.to_owned()], "[{}] {rate}", common::lang(c));
            assert_eq!(e.input.as_ref().map(|i| i.key.as_str()), Some("rate"));
            assert!(e.message().contains(name), "{}", e.message());
        }
    }
}

const EXCLUSIVE_ZH: &str = "计分表 「不含下限」
输入 完成率 = rate（%）
三级指标 完成情况
  分值 5分
  得分 完成率80%（不含）-100%（含），得满分；60%(不含)-80%(含)，得80%分值；否则不得分
";

const EXCLUSIVE_EN: &str = "scorecard \"exclusive lower bounds\"
input completion = rate (%)
indicator completion
  points 5
  score: completion 80% exclusive to 100% inclusive → full, 60% exclusive to 80% inclusive → 80%, otherwise → 0
";

#[test]
fn an_exclusive_lower_bound_does_not_match() {
    let cases = [
        ("100", "5"),
        ("100.01", "0"),
        ("80.01", "5"),
        // 80 is excluded from the first band and included in the second: 80% of 5
        ("80", "4"),
        ("60.01", "4"),
        ("60", "0"),
        ("0", "0"),
    ];
    for c in &both(EXCLUSIVE_ZH, EXCLUSIVE_EN) {
        for (rate, score) in cases {
            expect(c, &format!(r#"{{"rate": {rate}}}"#), 0, score);
        }
    }
}

const OUTCOMES_ZH: &str = "计分表 「结果」
输入 完成率 = rate（%）
三级指标 完成情况
  分值 5分
  得分 完成率达到100%，得满分；达到90%，得80%分值；达到80%，扣1.5分；达到70%，得1分；达到60%，计0.5分；否则不得分
";

const OUTCOMES_EN: &str = "scorecard \"outcomes\"
input completion = rate (%)
indicator completion
  points 5
  score: completion at least 100% → full, at least 90% → 80%, at least 80% → −1.5, at least 70% → 1, at least 60% → 0.5, otherwise → 0
";

#[test]
fn every_band_outcome_gives_what_it_says() {
    // full = 5; 80% of 5 = 4; 5 − 1.5 = 3.5; 1; 0.5; 0.
    let cases = [
        ("100", "5"),
        ("99.99", "4"),
        ("90", "4"),
        ("89.99", "3.5"),
        ("80", "3.5"),
        ("79.99", "1"),
        ("70", "1"),
        ("60", "0.5"),
        ("59.99", "0"),
    ];
    for c in &both(OUTCOMES_ZH, OUTCOMES_EN) {
        for (rate, score) in cases {
            let r = expect(c, &format!(r#"{{"rate": {rate}}}"#), 0, score);
            let ind = indicator(&r, 0);
            assert_eq!(ind.status, Status::Scored);
            assert_eq!(ind.deduction, ind.points - ind.score);
        }
    }
}

const RANK_ZH: &str = "计分表 「排名」
输入 排名 = rank（名）
三级指标 考核排名
  分值 2分
  度量 排名
  得分 前5名，得满分；6-10名（含），扣0.5分；否则扣1分
三级指标 默认上限
  分值 2分
  度量 排名
  得分 前5名，得满分；6-10名，扣0.5分；否则扣1分
";

const RANK_EN: &str = "scorecard \"rank\"
input rank = rank (名)
indicator \"assessment rank\"
  points 2
  measure rank
  score: top 5 → full, 6 to 10 inclusive → −0.5, otherwise → −1
indicator \"default upper bound\"
  points 2
  measure rank
  score: top 5 → full, 6 to 10 → −0.5, otherwise → −1
";

#[test]
fn rank_bands_count_from_the_top() {
    // `前5名` is ranks 1 to 5 inclusive; `6-10名（含）` is 6 to 10; the rest lose 1 of 2.
    for c in &both(RANK_ZH, RANK_EN) {
        for (rank, score) in [("1", "2"), ("5", "2"), ("6", "1.5"), ("9", "1.5"), ("10", "1.5"), ("11", "1")] {
            expect(c, &format!(r#"{{"rank": {rank}}}"#), 0, score);
        }
        // Ranks are whole places: `6-10名` includes the 10th even without `（含）`;
        // the 11th falls to `否则`.
        expect(c, r#"{"rank": 10}"#, 1, "1.5");
        expect(c, r#"{"rank": 11}"#, 1, "1");
        // a rank is a count: it cannot be negative
        let e = one_error(c, r#"{"rank": -1}"#);
        assert!(matches!(e.kind, DataErrorKind::Negative { .. }), "{e:?}");
        // nor fall between whole places, where it would match no range
        for bad in ["5.5", "10.5", "0"] {
            let e = one_error(c, &format!(r#"{{"rank": {bad}}}"#));
            assert!(matches!(e.kind, DataErrorKind::NotARank { .. }), "rank {bad}: {e:?}");
        }
        expect(c, r#"{"rank": 10.0}"#, 0, "1.5");
    }
}

const DATE_RANGE_ZH: &str = "计分表 「日期区间」
输入 完成日期 = done（日期）
三级指标 完成时间
  分值 10分
  得分 完成日期2021年6月30日前，得满分；2021年7月1日至2021年7月31日，得5分；否则不得分
";

const DATE_RANGE_EN: &str = "scorecard \"date ranges\"
input done on = done (date)
indicator \"completion\"
  points 10
  score: done on before 2021-07-01 → full, 2021-07-01 to 2021-07-31 → 5, otherwise → 0
";

/// A date threshold is explained as a date with a date word (`晚于
/// 2021-06-30`), not as its day number.
#[test]
fn date_thresholds_are_explained_as_dates() {
    let zh = card(
        "计分表 「日期」
输入 完成日期 = done（日期）
三级指标 按期完成
  分值 10分
  评分 完成日期晚于2021年6月30日扣2分
",
    );
    let en = card(
        "scorecard \"dates\"
input done on = done (date)
indicator \"on time\"
  points 10
  scoring: done on after 2021-06-30 → −2
",
    );
    let late = r#"{"done": "2021-07-01"}"#;
    let early = r#"{"done": "2021-06-01"}"#;
    assert_mentions(&indicator(&run(&zh, late), 0).explanation, &["2021-07-01，晚于 2021-06-30", "扣 2 分"]);
    assert_mentions(&indicator(&run(&zh, early), 0).explanation, &["不晚于 2021-06-30"]);
    assert_mentions(&indicator(&run(&en, late), 0).explanation, &["2021-07-01 is after 2021-06-30"]);
    assert_mentions(&indicator(&run(&en, early), 0).explanation, &["on or before 2021-06-30"]);
    // a word unit is set off by a space: `each 30 days`, not `each 30days`
    let steps = card(
        "scorecard \"steps\"
input done on = done (date)
indicator \"on time\"
  target <= 2021-06-30
  points 10
  scoring: done on each 30 days late → −1 pro rata
",
    );
    let r = run(&steps, r#"{"done": "2021-07-15"}"#);
    assert_mentions(
        &indicator(&r, 0).explanation,
        &["15 days after 2021-06-30", "for each 30 days after", "15 days ÷ 30 days = 0.5", "pro rata: −0.5"],
    );
}

/// Dates are whole days: a range of dates includes its last day, as
/// `7月1日至7月31日` does in the prose.
#[test]
fn a_range_of_dates_includes_both_days() {
    for c in &both(DATE_RANGE_ZH, DATE_RANGE_EN) {
        for (day, score) in
            [("2021-06-30", "10"), ("2021-07-01", "5"), ("2021-07-15", "5"), ("2021-07-31", "5"), ("2021-08-01", "0")]
        {
            expect(c, &format!(r#"{{"done": "{day}"}}"#), 0, score);
        }
    }
}

const CHECKLIST_ZH: &str = "计分表 「清单」
输入 制度健全 = rules（是否）
输入 制度合规 = compliant（是否）
输入 有效执行 = enforced（是否）
三级指标 制度建设
  得分 累计：制度健全，得1分；制度合规，得1分；有效执行，得1.5分
";

const CHECKLIST_EN: &str = "scorecard \"checklist\"
input rules in place = rules (yes/no)
input rules compliant = compliant (yes/no)
input enforced = enforced (yes/no)
indicator \"rule building\"
  score cumulative: rules in place → 1, rules compliant → 1, enforced → 1.5
";

#[test]
fn a_cumulative_checklist_adds_every_item_that_holds() {
    let cases = [
        (r#"{"rules": true, "compliant": true, "enforced": true}"#, "3.5"),
        (r#"{"rules": true, "compliant": false, "enforced": true}"#, "2.5"),
        (r#"{"rules": false, "compliant": true, "enforced": false}"#, "1"),
        (r#"{"rules": "是", "compliant": "否", "enforced": "是"}"#, "2.5"),
        (r#"{"rules": "yes", "compliant": "yes", "enforced": "no"}"#, "2"),
        // nothing holds: 0, not a data error
        (r#"{"rules": false, "compliant": "否", "enforced": "no"}"#, "0"),
    ];
    for c in &both(CHECKLIST_ZH, CHECKLIST_EN) {
        // the points are the sum of every item: 1 + 1 + 1.5
        assert_eq!(c.full_marks().to_string(), "3.5", "[{}]", common::lang(c));
        for (json, score) in cases {
            expect(c, json, 0, score);
        }
        let r = run(c, r#"{"rules": true, "compliant": false, "enforced": true}"#);
        assert_eq!(indicator(&r, 0).fired.len(), 2, "[{}] both items that hold are quoted", common::lang(c));
    }
    let [zh, en] = both(CHECKLIST_ZH, CHECKLIST_EN);
    let r = run(&zh, r#"{"rules": true, "compliant": false, "enforced": true}"#);
    assert_eq!(
        indicator(&r, 0).explanation,
        "制度健全 是，得 1 分；制度合规 否，不得该 1 分；有效执行 是，得 1.5 分；合计 2.5 分"
    );
    let r = run(&en, r#"{"rules": true, "compliant": false, "enforced": true}"#);
    assert_eq!(
        indicator(&r, 0).explanation,
        "rules in place yes: scores 1; rules compliant no: 0 of 1; enforced yes: scores 1.5; 2.5 in all"
    );
}

const FLAGS_ZH: &str = "计分表 「标志」
输入 任务分解 = split（是否）
输入 评价 = grade（等级：好、中、差）
三级指标 任务分解情况
  分值 2分
  得分 任务分解，得2分；否则不得分
三级指标 评价情况
  分值 4分
  得分 评价为好，得满分；评价为中，得50%分值；否则不得分
";

const FLAGS_EN: &str = "scorecard \"flags\"
input split = split (yes/no)
input rating = grade (grade: good, fair, poor)
indicator \"task split\"
  points 2
  score: split → 2, otherwise → 0
indicator \"rating\"
  points 4
  score: rating is good → full, rating is fair → 50%, otherwise → 0
";

#[test]
fn flag_bands_test_yes_no_and_grade_inputs() {
    let [zh, en] = both(FLAGS_ZH, FLAGS_EN);
    for (c, [good, fair, poor]) in [(&zh, ["好", "中", "差"]), (&en, ["good", "fair", "poor"])] {
        let r = expect(c, &format!(r#"{{"split": true, "grade": "{good}"}}"#), 0, "2");
        common::assert_exact(indicator(&r, 1).score, "4", "good → full");
        expect(c, &format!(r#"{{"split": false, "grade": "{fair}"}}"#), 0, "0");
        // 50% of 4
        expect(c, &format!(r#"{{"split": false, "grade": "{fair}"}}"#), 1, "2");
        expect(c, &format!(r#"{{"split": "是", "grade": "{poor}"}}"#), 1, "0");
        expect_total(c, &format!(r#"{{"split": "是", "grade": "{poor}"}}"#), "2");
    }
}

#[test]
fn score_statements_add_up_and_deductions_come_off_them() {
    let zh = card(
        "计分表 「组合」
输入 甲 = a（是否）
输入 乙 = b（是否）
输入 差错 = errors（次）
三级指标 组合
  分值 3分
  得分 甲，得1分；否则不得分
  得分 乙，得2分；否则不得分
  评分 差错达到1次，扣1.5分
",
    );
    let en = card(
        "scorecard \"sum\"
input first = a (yes/no)
input second = b (yes/no)
input errors = errors (次)
indicator combined
  points 3
  score: first → 1, otherwise → 0
  score: second → 2, otherwise → 0
  scoring: errors at least 1次 → −1.5
",
    );
    for c in [&zh, &en] {
        expect(c, r#"{"a": true, "b": true, "errors": 0}"#, 0, "3");
        expect(c, r#"{"a": false, "b": true, "errors": 0}"#, 0, "2");
        expect(c, r#"{"a": true, "b": true, "errors": 1}"#, 0, "1.5");
        // 1 − 1.5 would be negative: the score stops at 0
        expect(c, r#"{"a": true, "b": false, "errors": 2}"#, 0, "0");
    }
}

#[test]
fn a_full_or_share_outcome_needs_declared_points() {
    for src in [
        "计分表 「t」\n输入 完成率 = rate（%）\n三级指标 甲\n  得分 完成率达到100%，得满分；否则不得分\n",
        "计分表 「t」\n输入 完成率 = rate（%）\n三级指标 甲\n  得分 完成率达到100%，得80%分值；否则不得分\n",
        "scorecard \"t\"\ninput completion = rate (%)\nindicator x\n  score: completion at least 100% → full, otherwise → 0\n",
        "scorecard \"t\"\ninput completion = rate (%)\nindicator x\n  score: completion at least 100% → 80%, otherwise → 0\n",
        "scorecard \"t\"\ninput completion = rate (%)\nindicator x\n  score: completion at least 100% → −1, otherwise → 0\n",
    ] {
        assert_compile_error(src, Code::PointsUnbounded);
    }
}

#[test]
fn a_flag_band_on_a_numeric_input_is_a_compile_error() {
    assert_compile_error(
        "计分表 「t」\n输入 完成率 = rate（%）\n三级指标 甲\n  分值 2分\n  得分 完成率，得2分；否则不得分\n",
        Code::WrongKind,
    );
    assert_compile_error(
        "scorecard \"t\"\ninput completion = rate (%)\nindicator x\n  points 2\n  score: completion → 2, otherwise → 0\n",
        Code::WrongKind,
    );
}
