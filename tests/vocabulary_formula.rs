//! Derived values (`计算` / `let`) and score formulas (`得分 =` / `score =`):
//! results capped to the points and floored at 0, a percentage result read as
//! a share, `较小值`/`min`, `较大值`/`max`, `取整`/`floor`, division by zero
//! with and without `除数为零时为` / `if zero`, and percent versus
//! percentage points (个百分点 / pp).

#[path = "vocabulary_common.rs"]
mod common;

use common::{assert_compile_error, assert_mentions, both, card, expect, indicator, one_error, run};
use scorecard::{Code, DataErrorKind};

const EXEC_ZH: &str = "计分表 「执行率」
输入 执行数 = spent（万元）
输入 预算数 = budget（万元）
计算 执行率 = 执行数 ÷ 预算数，除数为零时为 0%
三级指标 预算执行率
  分值 10分
  得分 = 分值 × 执行率
";

const EXEC_EN: &str = "scorecard \"execution\"
input spent = spent (万元)
input budget = budget (万元)
let execution rate = spent / budget, if zero 0%
indicator \"budget execution\"
  points 10
  score = points × execution rate
";

fn money(spent: &str, budget: &str) -> String {
    format!(r#"{{"spent": {spent}, "budget": {budget}}}"#)
}

#[test]
fn points_times_a_rate_takes_that_share_of_the_points() {
    for c in &both(EXEC_ZH, EXEC_EN) {
        expect(c, &money("90", "100"), 0, "9");
        expect(c, &money("100", "100"), 0, "10");
        expect(c, &money("1", "8"), 0, "1.25");
        expect(c, &money("0", "100"), 0, "0");
        // units convert exactly: 2,417,300元 of 241.73万元 is 100%
        expect(c, r#"{"spent": "2417300元", "budget": 241.73}"#, 0, "10");
    }
}

#[test]
fn a_formula_result_is_capped_at_the_points() {
    for c in &both(EXEC_ZH, EXEC_EN) {
        // 120% of 10 points would be 12
        let r = expect(c, &money("120", "100"), 0, "10");
        common::assert_exact(indicator(&r, 0).deduction, "0", "nothing is deducted");
    }
}

#[test]
fn a_repeating_rate_is_rounded_once_at_the_end() {
    // 10 × 2/3 = 6.666…, rounded half-up to 2 places: 6.67.
    // 10 × 241.73/300 = 8.0576666…: 8.06.
    for c in &both(EXEC_ZH, EXEC_EN) {
        expect(c, &money("2", "3"), 0, "6.67");
        expect(c, &money("241.73", "300"), 0, "8.06");
        expect(c, &money("1", "3"), 0, "3.33");
    }
}

#[test]
fn a_zero_divisor_takes_the_declared_value() {
    for c in &both(EXEC_ZH, EXEC_EN) {
        expect(c, &money("0", "0"), 0, "0");
        expect(c, &money("45", "0"), 0, "0");
    }
    let zh = card(&EXEC_ZH.replace("除数为零时为 0%", "除数为零时为 100%"));
    let en = card(&EXEC_EN.replace("if zero 0%", "if zero 100%"));
    for c in [&zh, &en] {
        expect(c, &money("45", "0"), 0, "10");
        expect(c, &money("45", "100"), 0, "4.5");
    }
}

#[test]
fn a_zero_divisor_without_a_declared_value_is_a_data_error() {
    let zh = card(&EXEC_ZH.replace("，除数为零时为 0%", ""));
    let en = card(&EXEC_EN.replace(", if zero 0%", ""));
    for (c, name) in [(&zh, "执行率"), (&en, "execution rate")] {
        expect(c, &money("45", "100"), 0, "4.5");
        let e = one_error(c, &money("45", "0"));
        assert_eq!(e.kind, DataErrorKind::DivideByZero { name: name.to_owned() }, "[{}]", common::lang(c));
        assert!(e.message().contains(name), "{}", e.message());
    }
}

#[test]
fn a_zero_divisor_inside_a_score_formula_is_a_data_error_naming_the_indicator() {
    let zh = card(
        "计分表 「公式内除法」
输入 执行数 = spent（万元）
输入 预算数 = budget（万元）
三级指标 直接公式
  分值 10分
  得分 = 分值 × (执行数 ÷ 预算数)
",
    );
    let en = card(
        "scorecard \"division in a formula\"
input spent = spent (万元)
input budget = budget (万元)
indicator \"direct formula\"
  points 10
  score = points × (spent / budget)
",
    );
    for (c, name) in [(&zh, "直接公式"), (&en, "direct formula")] {
        expect(c, &money("30", "40"), 0, "7.5");
        let e = one_error(c, &money("30", "0"));
        assert_eq!(e.kind, DataErrorKind::DivideByZero { name: name.to_owned() }, "[{}]", common::lang(c));
        assert_eq!(e.indicators, vec![name.to_owned()]);
    }
}

const SHARE_ZH: &str = "计分表 「份额」
输入 完成率 = rate（%）
三级指标 完成情况
  分值 20分
  得分 = 完成率 × 20
";

const SHARE_EN: &str = "scorecard \"share\"
input completion = rate (%)
indicator completion
  points 20
  score = completion × 20
";

#[test]
fn a_percentage_result_is_a_share_of_the_number() {
    // 85% × 20 = 17 points, not 1,700.
    for c in &both(SHARE_ZH, SHARE_EN) {
        expect(c, r#"{"rate": 85}"#, 0, "17");
        expect(c, r#"{"rate": 100}"#, 0, "20");
        expect(c, r#"{"rate": 120}"#, 0, "20");
        expect(c, r#"{"rate": 0}"#, 0, "0");
        // 33.333% × 20 = 6.6666: 6.67
        expect(c, r#"{"rate": 33.333}"#, 0, "6.67");
        expect(c, r#"{"rate": "12.5%"}"#, 0, "2.5");
    }
}

const FLOOR_ZH: &str = "计分表 「下限」
输入 核减 = cut（分）
三级指标 核减后得分
  分值 10分
  得分 = 分值 − 核减
";

const FLOOR_EN: &str = "scorecard \"floor at zero\"
input cut = cut (分)
indicator \"after cuts\"
  points 10
  score = points − cut
";

#[test]
fn a_formula_result_is_floored_at_zero_and_capped_at_the_points() {
    for c in &both(FLOOR_ZH, FLOOR_EN) {
        expect(c, r#"{"cut": 3}"#, 0, "7");
        expect(c, r#"{"cut": 0.25}"#, 0, "9.75");
        expect(c, r#"{"cut": 10}"#, 0, "0");
        let r = expect(c, r#"{"cut": 12}"#, 0, "0");
        common::assert_exact(indicator(&r, 0).deduction, "10", "all 10 points lost");
        expect(c, r#"{"cut": -2}"#, 0, "10");
    }
}

const FUNCS_ZH: &str = "计分表 「函数」
输入 甲分 = a（分）
输入 乙分 = b（分）
三级指标 取小
  分值 10分
  得分 = 较小值(甲分, 乙分)
三级指标 取大
  分值 10分
  得分 = 较大值(甲分，乙分)
三级指标 向下取整
  分值 10分
  得分 = 取整(甲分)
";

const FUNCS_EN: &str = "scorecard \"functions\"
input first mark = a (分)
input second mark = b (分)
indicator smaller
  points 10
  score = min(first mark, second mark)
indicator larger
  points 10
  score = max(first mark, second mark)
indicator \"whole points\"
  points 10
  score = floor(first mark)
";

#[test]
fn min_max_and_floor() {
    for c in &both(FUNCS_ZH, FUNCS_EN) {
        let r = run(c, r#"{"a": 7.5, "b": 3.25}"#);
        let scores: Vec<String> = r.indicators.iter().map(|i| i.score.to_string()).collect();
        assert_eq!(scores, ["3.25", "7.5", "7"], "[{}]", common::lang(c));
        common::assert_exact(r.total, "17.75", "total");
        // floor(7.99) is 7, not 8
        expect(c, r#"{"a": 7.99, "b": 8}"#, 2, "7");
        expect(c, r#"{"a": 7.99, "b": 8}"#, 0, "7.99");
        expect(c, r#"{"a": 7.99, "b": 8}"#, 1, "8");
        // max 12.9 is capped at 10; floor(12.9) = 12 is capped at 10
        expect(c, r#"{"a": 12.9, "b": 3}"#, 1, "10");
        expect(c, r#"{"a": 12.9, "b": 3}"#, 2, "10");
        // floor(−0.5) = −1, floored at 0; min(−0.5, 3) = −0.5, floored at 0
        expect(c, r#"{"a": -0.5, "b": 3}"#, 2, "0");
        expect(c, r#"{"a": -0.5, "b": 3}"#, 0, "0");
    }
}

#[test]
fn min_of_a_rate_and_100_percent() {
    let zh = card(
        "计分表 「封顶」
输入 执行数 = spent（万元）
输入 预算数 = budget（万元）
计算 有效率 = 较小值(执行数 ÷ 预算数, 100%)
三级指标 执行
  分值 8分
  得分 = 分值 × 有效率
",
    );
    let en = card(
        "scorecard \"capped rate\"
input spent = spent (万元)
input budget = budget (万元)
let effective rate = min(spent / budget, 100%)
indicator execution
  points 8
  score = points × effective rate
",
    );
    for c in [&zh, &en] {
        expect(c, &money("75", "100"), 0, "6");
        expect(c, &money("130", "100"), 0, "8");
    }
}

const GAP_ZH: &str = "计分表 「百分点」
输入 实际率 = actual（%）
输入 目标率 = goal（%）
计算 差距 = 目标率 − 实际率
三级指标 差距控制
  分值 4分
  评分 差距超过5个百分点，扣2分；差距超过10个百分点，扣4分
";

const GAP_EN: &str = "scorecard \"percentage points\"
input actual = actual (%)
input goal = goal (%)
let gap = goal − actual
indicator \"gap control\"
  points 4
  scoring: gap above 5 pp → −2, above 10 pp → −4
";

#[test]
fn a_rate_minus_a_rate_is_in_percentage_points() {
    for c in &both(GAP_ZH, GAP_EN) {
        // 90% − 86% = 4 pp: not over 5 pp
        expect(c, r#"{"goal": 90, "actual": 86}"#, 0, "4");
        // exactly 5 pp is not over 5 pp
        expect(c, r#"{"goal": 90, "actual": 85}"#, 0, "4");
        expect(c, r#"{"goal": 90, "actual": 84.99}"#, 0, "2");
        expect(c, r#"{"goal": 90, "actual": 80}"#, 0, "2");
        expect(c, r#"{"goal": 90, "actual": 79.99}"#, 0, "0");
        // a negative gap (above the goal) is not over 5 pp
        expect(c, r#"{"goal": 90, "actual": 99}"#, 0, "4");
    }
}

const CEILING_ZH: &str = "计分表 「上限」
输入 实际率 = actual（%）
输入 目标率 = goal（%）
计算 上限 = 目标率 + 5个百分点
三级指标 上限控制
  分值 4分
  评分 实际率较上限每超过1个百分点扣1分
";

const CEILING_EN: &str = "scorecard \"ceiling\"
input actual = actual (%)
input goal = goal (%)
let ceiling = goal + 5 pp
indicator \"ceiling control\"
  points 4
  scoring: actual each 1 pp over ceiling → −1
";

fn a_rate_plus_percentage_points_is_a_rate(zh: &str, en: &str) {
    for c in &both(zh, en) {
        // ceiling = 90% + 5 pp = 95%; 97.5% is 2.5 pp over: 2 whole steps
        expect(c, r#"{"goal": 90, "actual": 97.5}"#, 0, "2");
        expect(c, r#"{"goal": 90, "actual": 95}"#, 0, "4");
        expect(c, r#"{"goal": 90, "actual": 96}"#, 0, "3");
        expect(c, r#"{"goal": 80, "actual": 96}"#, 0, "0");
    }
    let [zh, en] = both(zh, en);
    let r = run(&zh, r#"{"goal": 90, "actual": 97.5}"#);
    assert_mentions(
        &indicator(&r, 0).explanation,
        &["实际率 97.5%", "比上限 95% 高 2.5 个百分点", "不足 1 个百分点的部分不计", "扣 2 分"],
    );
    let r = run(&en, r#"{"goal": 90, "actual": 97.5}"#);
    assert_mentions(&indicator(&r, 0).explanation, &["actual 97.5%", "2.5 pp over ceiling 95%", "−2"]);
}

#[test]
fn a_rate_plus_percentage_points_is_a_rate_written_pp() {
    // `pp` is documented as the same unit as `个百分点`.
    a_rate_plus_percentage_points_is_a_rate(CEILING_ZH, CEILING_EN);
}

#[test]
fn a_rate_plus_percentage_points_is_a_rate_written_in_chinese_units() {
    a_rate_plus_percentage_points_is_a_rate(CEILING_ZH, &CEILING_EN.replace("5 pp", "5个百分点"));
}

#[test]
fn amounts_of_one_kind_divide_to_a_percentage_whatever_their_unit() {
    // 万元 and 元 are one kind (money): their quotient is a percentage.
    let zh = card(
        "计分表 「同类相除」
输入 执行数 = spent（万元）
输入 预算数 = budget（元）
计算 执行率 = 执行数 ÷ 预算数
三级指标 执行
  分值 10分
  得分 = 分值 × 执行率
",
    );
    let en = card(
        "scorecard \"one kind, divided\"
input spent = spent (万元)
input budget = budget (元)
let execution rate = spent / budget
indicator execution
  points 10
  score = points × execution rate
",
    );
    for c in [&zh, &en] {
        // 85万元 ÷ 1,000,000元 = 85%: 8.5 points
        expect(c, r#"{"spent": 85, "budget": 1000000}"#, 0, "8.5");
    }
}

#[test]
fn amounts_of_one_kind_add_up_whatever_their_unit() {
    // 万元 + 元 is an amount of money.
    let zh = card(
        "计分表 「同类相加」
输入 执行数 = spent（万元）
输入 补充 = extra（元）
输入 预算数 = budget（万元）
计算 总支出 = 执行数 + 补充
计算 执行率 = 总支出 ÷ 预算数
三级指标 执行
  分值 10分
  得分 = 分值 × 执行率
",
    );
    let en = card(
        "scorecard \"one kind, added\"
input spent = spent (万元)
input extra = extra (元)
input budget = budget (万元)
let overall spent = spent + extra
let execution rate = overall spent / budget
indicator execution
  points 10
  score = points × execution rate
",
    );
    for c in [&zh, &en] {
        // (80万元 + 50,000元) ÷ 100万元 = 85%: 8.5 points
        expect(c, r#"{"spent": 80, "extra": 50000, "budget": 100}"#, 0, "8.5");
    }
}

#[test]
fn comparing_percentage_points_with_a_percentage_is_a_compile_error() {
    assert_compile_error(&GAP_ZH.replace("差距超过5个百分点", "差距超过5%"), Code::UnitMismatch);
    assert_compile_error(&GAP_EN.replace("gap above 5 pp", "gap above 5%"), Code::UnitMismatch);
    // a rate compared with percentage points is just as wrong
    assert_compile_error(
        "计分表 「t」\n输入 实际率 = actual（%）\n三级指标 甲\n  评分 实际率低于90个百分点，扣1分\n",
        Code::UnitMismatch,
    );
    assert_compile_error(
        "scorecard \"t\"\ninput actual = actual (%)\nindicator x\n  scoring: actual below 90 pp → −1\n",
        Code::UnitMismatch,
    );
}

#[test]
fn adding_unlike_kinds_is_a_compile_error() {
    assert_compile_error(
        "计分表 「t」\n输入 执行数 = spent（万元）\n输入 完成率 = rate（%）\n计算 坏 = 执行数 + 完成率\n三级指标 甲\n  评分 完成率低于90%，扣1分\n",
        Code::UnitMismatch,
    );
    assert_compile_error(
        "scorecard \"t\"\ninput spent = spent (万元)\ninput completion = rate (%)\nlet bad = spent + completion\nindicator x\n  scoring: completion below 90% → −1\n",
        Code::UnitMismatch,
    );
}

#[test]
fn a_formula_without_declared_points_is_a_compile_error() {
    assert_compile_error(&EXEC_ZH.replace("  分值 10分\n", ""), Code::PointsUnbounded);
    assert_compile_error(&EXEC_EN.replace("  points 10\n", ""), Code::PointsUnbounded);
    assert_compile_error(&SHARE_ZH.replace("  分值 20分\n", ""), Code::PointsUnbounded);
    assert_compile_error(&SHARE_EN.replace("  points 20\n", ""), Code::PointsUnbounded);
}

#[test]
fn formula_explanations_quote_the_formula_and_the_score() {
    let [zh, en] = both(EXEC_ZH, EXEC_EN);
    let r = run(&zh, &money("90", "100"));
    assert_eq!(indicator(&r, 0).explanation, "分值 10 × 执行率 90% = 9 分");
    let r = run(&en, &money("90", "100"));
    assert_eq!(indicator(&r, 0).explanation, "points 10 × execution rate 90% = 9");
}

const CAPPED_ZH: &str = "计分表 「公式封顶后扣分」
输入 执行数 = spent（万元）
输入 预算数 = budget（万元）
输入 满意度 = sat（%）
输入 报道 = articles（篇）
计算 执行率 = 执行数 ÷ 预算数，除数为零时为 0%
三级指标 预算执行率
  分值 10分
  得分 = 分值 × 执行率
  评分 满意度低于90%，扣3分
  加分 每篇报道，加1分，最多加2分
";

const CAPPED_EN: &str = "scorecard \"formula capped before deductions\"
input spent = spent (万元)
input budget = budget (万元)
input satisfaction = sat (%)
input articles = articles (篇)
let execution rate = spent / budget, if zero 0%
indicator \"budget execution\"
  points 10
  score = points × execution rate
  scoring: satisfaction below 90% → −3
  bonus: each 篇 articles → +1, at most +2
";

fn full(spent: &str, sat: &str, articles: u32) -> String {
    format!(r#"{{"spent": {spent}, "budget": 100, "sat": {sat}, "articles": {articles}}}"#)
}

#[test]
fn deductions_come_off_the_capped_formula_result() {
    // The formula gives 12, capped to the 10 points; then −3: 7 (not 12 − 3 = 9).
    for c in &both(CAPPED_ZH, CAPPED_EN) {
        expect(c, &full("80", "95", 0), 0, "8");
        expect(c, &full("80", "85", 0), 0, "5");
        expect(c, &full("80", "85", 1), 0, "6");
        expect(c, &full("120", "85", 0), 0, "7");
    }
}

#[test]
fn with_bonus_may_exceed_only_bonuses_lift_a_formula_above_its_points() {
    let zh = card(&CAPPED_ZH.replace("输入 执行数", "加分可超过满分\n输入 执行数"));
    let en = card(&CAPPED_EN.replace("input spent", "bonus may exceed full marks\ninput spent"));
    for c in [&zh, &en] {
        // 120% of the points is capped at 10; no bonus: 10
        expect(c, &full("120", "95", 0), 0, "10");
        // capped 10, plus a bonus of 2: 12
        expect(c, &full("120", "95", 2), 0, "12");
        expect(c, &full("90", "95", 2), 0, "11");
    }
}

#[test]
fn a_capped_formula_is_explained_with_the_score_it_gives() {
    // 120% of 10 points is capped at 10: the sentence shows the formula's 12 and the cap.
    let [zh, en] = both(EXEC_ZH, EXEC_EN);
    let r = run(&zh, &money("120", "100"));
    let e = &indicator(&r, 0).explanation;
    common::assert_exact(indicator(&r, 0).score, "10", "score");
    assert_eq!(e, "分值 10 × 执行率 120% = 12 分，以分值 10 分为限");
    let r = run(&en, &money("120", "100"));
    let e = &indicator(&r, 0).explanation;
    assert_eq!(e, "points 10 × execution rate 120% = 12, capped at 10");
}

/// A derived amount is in the base unit of its dimension (元), whatever the
/// units and the order of its inputs: a bare threshold and a bare zero-divisor
/// value are read in 元, as the reference says.
#[test]
fn a_derived_amount_is_in_the_base_unit_whatever_its_inputs() {
    let c = card(
        "计分表 「差额」
输入 执行数 = spent（万元）
输入 结转数 = carry（元）
计算 差额 = 执行数 − 结转数
计算 负差额 = −结转数 + 执行数
计算 比 = 执行数 ÷ 结转数 × 执行数，除数为零时为 5
三级指标 一
  分值 10分
  评分 差额高于10，扣2分
三级指标 二
  分值 10分
  评分 负差额高于10，扣2分
三级指标 三
  分值 10分
  评分 比高于4，扣1分；比高于6，扣3分
",
    );
    let r = expect(&c, r#"{"spent": 5, "carry": 0}"#, 0, "8");
    assert_mentions(&indicator(&r, 0).explanation, &["差额 50,000元", "高于 10元"]);
    expect(&c, r#"{"spent": 5, "carry": 0}"#, 1, "8");
    // 5元 by the fallback: above 4元, not above 6元
    expect(&c, r#"{"spent": 5, "carry": 0}"#, 2, "9");
}
