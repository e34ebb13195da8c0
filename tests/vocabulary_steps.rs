//! Per-step deductions: whole steps (default) versus `（按比例）` / `pro rata`;
//! the direction (over / under / off) and the reference (default: the
//! indicator's 指标值 / target); a `%` step relative to the reference versus
//! an absolute `个百分点` / `pp` step; per-count tiers; statement caps
//! (`最多扣N分` / `at most −N`).

#[path = "vocabulary_common.rs"]
mod common;

use common::{assert_compile_error, assert_mentions, both, card, expect, indicator, one_error, run};
use scorecard::{Code, DataErrorKind};

const TARGET_ZH: &str = "计分表 「按步」
输入 控制率 = rate（%）
三级指标 财政供养人员控制率
  指标值 ≤ 100%
  分值 5分
  评分 控制率每超过1个百分点扣0.5分
";

const TARGET_EN: &str = "scorecard \"per step\"
input rate = rate (%)
indicator \"staff control rate\"
  target <= 100%
  points 5
  scoring: rate each 1 pp over → −0.5
";

fn rate(r: &str) -> String {
    format!(r#"{{"rate": {r}}}"#)
}

#[test]
fn steps_are_counted_from_the_target_in_whole_steps() {
    let cases = [
        ("100", "5"),
        // below the target: the direction is over only
        ("90", "5"),
        // 0.99 pp over: no whole step yet
        ("100.99", "5"),
        ("101", "4.5"),
        // 3.9 pp over: 3 whole steps, 1.5 off
        ("103.9", "3.5"),
        ("109.99", "0.5"),
        ("110", "0"),
        // 20 steps would be 10 points: the deduction stops at the 5 points
        ("120", "0"),
    ];
    for c in &both(TARGET_ZH, TARGET_EN) {
        for (r, score) in cases {
            expect(c, &rate(r), 0, score);
        }
    }
}

#[test]
fn per_step_explanations_give_the_distance_and_the_steps() {
    let [zh, en] = both(TARGET_ZH, TARGET_EN);
    let r = run(&zh, &rate("103.9"));
    assert_mentions(
        &indicator(&r, 0).explanation,
        &[
            "控制率 103.9%",
            "比 100% 高 3.9 个百分点",
            "每高 1 个百分点扣 0.5 分",
            "不足 1 个百分点的部分不计",
            "扣 1.5 分",
        ],
    );
    let r = run(&en, &rate("103.9"));
    assert_mentions(
        &indicator(&r, 0).explanation,
        &["rate 103.9%", "3.9 pp over 100%", "part steps not counted", "−1.5"],
    );
}

#[test]
fn pro_rata_counts_part_steps() {
    let zh = card(&TARGET_ZH.replace("扣0.5分", "扣0.5分（按比例）"));
    let en = card(&TARGET_EN.replace("→ −0.5", "→ −0.5 pro rata"));
    for c in [&zh, &en] {
        expect(c, &rate("100"), 0, "5");
        expect(c, &rate("99"), 0, "5");
        // 0.5 pp over: half a step, 0.25 off
        expect(c, &rate("100.5"), 0, "4.75");
        // 3.9 steps × 0.5 = 1.95
        expect(c, &rate("103.9"), 0, "3.05");
        expect(c, &rate("110"), 0, "0");
        expect(c, &rate("112.5"), 0, "0");
    }
}

#[test]
fn pro_rata_explanations_count_the_part_steps() {
    // 3.9 steps of 0.5 are 1.95: the sentence must not say 3 steps and deduct 1.95.
    let zh = card(&TARGET_ZH.replace("扣0.5分", "扣0.5分（按比例）"));
    let en = card(&TARGET_EN.replace("→ −0.5", "→ −0.5 pro rata"));
    let r = run(&zh, &rate("103.9"));
    let e = &indicator(&r, 0).explanation;
    assert_eq!(e, "控制率 103.9%，比 100% 高 3.9 个百分点，每高 1 个百分点扣 0.5 分，按比例计，扣 1.95 分");
    let r = run(&en, &rate("103.9"));
    let e = &indicator(&r, 0).explanation;
    assert_eq!(e, "rate 103.9% is 3.9 pp over 100%, −0.5 for each 1 pp over, part steps counted pro rata: −1.95");
    assert!(!e.contains(", 3 in all"), "{e}");
}

#[test]
fn an_explicit_reference_replaces_the_target() {
    let zh = card(
        "计分表 「基准」\n输入 控制率 = rate（%）\n三级指标 控制\n  分值 5分\n  评分 控制率较95%每超过1个百分点扣0.5分\n",
    );
    let en = card(
        "scorecard \"reference\"\ninput rate = rate (%)\nindicator control\n  points 5\n  scoring: rate each 1 pp over 95% → −0.5\n",
    );
    for c in [&zh, &en] {
        expect(c, &rate("95"), 0, "5");
        expect(c, &rate("96"), 0, "4.5");
        expect(c, &rate("98.5"), 0, "3.5");
    }
    // The reference is written; the target is only the default.
    let zh = card(&TARGET_ZH.replace("控制率每超过", "控制率较95%每超过"));
    let en = card(&TARGET_EN.replace("over →", "over 95% →"));
    for c in [&zh, &en] {
        expect(c, &rate("98.5"), 0, "3.5");
    }
}

#[test]
fn a_direction_without_a_reference_or_target_is_a_compile_error() {
    assert_compile_error(&TARGET_ZH.replace("  指标值 ≤ 100%\n", ""), Code::NoDeviationBase);
    assert_compile_error(&TARGET_EN.replace("  target <= 100%\n", ""), Code::NoDeviationBase);
}

const RELATIVE_ZH: &str = "计分表 「相对与绝对」
输入 完成率 = done（%）
三级指标 相对
  分值 10分
  评分 完成率较80%每减少5%扣1分
三级指标 绝对
  分值 10分
  评分 完成率较80%每减少5个百分点扣1分
";

const RELATIVE_EN: &str = "scorecard \"relative and absolute\"
input completion = done (%)
indicator relative
  points 10
  scoring: completion each 5% under 80% → −1
indicator absolute
  points 10
  scoring: completion each 5 pp under 80% → −1
";

#[test]
fn a_percent_step_is_relative_to_the_reference_and_a_pp_step_absolute() {
    // relative: a step is 5% of 80% = 4 pp; absolute: 5 pp.
    let cases = [
        // (completion, relative score, absolute score)
        ("80", "10", "10"),
        ("90", "10", "10"),
        ("76.01", "10", "10"),
        ("76", "9", "10"),
        ("75", "9", "9"),
        ("72.01", "9", "9"),
        ("72", "8", "9"),
        ("70", "8", "8"),
        ("60", "5", "6"),
        ("0", "0", "0"),
    ];
    for c in &both(RELATIVE_ZH, RELATIVE_EN) {
        for (done, relative, absolute) in cases {
            let json = format!(r#"{{"done": {done}}}"#);
            expect(c, &json, 0, relative);
            expect(c, &json, 1, absolute);
        }
    }
}

#[test]
fn a_relative_step_with_pro_rata() {
    let zh = card(&RELATIVE_ZH.replace("每减少5%扣1分", "每减少5%扣1分（按比例）"));
    let en = card(&RELATIVE_EN.replace("each 5% under 80% → −1", "each 5% under 80% → −1 pro rata"));
    for c in [&zh, &en] {
        // 6 pp under, a step of 4 pp: 1.5 steps
        expect(c, r#"{"done": 74}"#, 0, "8.5");
        // the absolute tier is unchanged: 1 whole step
        expect(c, r#"{"done": 74}"#, 1, "9");
    }
}

const COUNTS_ZH: &str = "计分表 「数量」
输入 完成数 = done（件）
输入 计划数 = plan（件）
三级指标 完成数量
  分值 6分
  评分 完成数较计划数每减少5%扣1分
";

const COUNTS_EN: &str = "scorecard \"counts\"
input completed = done (件)
input planned = plan (件)
indicator \"completed count\"
  points 6
  scoring: completed each 5% under planned → −1
";

#[test]
fn a_percent_step_of_an_input_reference() {
    // plan 200: a step is 10件
    for c in &both(COUNTS_ZH, COUNTS_EN) {
        expect(c, r#"{"done": 200, "plan": 200}"#, 0, "6");
        expect(c, r#"{"done": 230, "plan": 200}"#, 0, "6");
        expect(c, r#"{"done": 191, "plan": 200}"#, 0, "6");
        expect(c, r#"{"done": 190, "plan": 200}"#, 0, "5");
        expect(c, r#"{"done": 181, "plan": 200}"#, 0, "5");
        expect(c, r#"{"done": 180, "plan": 200}"#, 0, "4");
        // plan 40: a step is 2件
        expect(c, r#"{"done": 35, "plan": 40}"#, 0, "4");
        // a step of 0% of a plan of 0 is undefined
        let e = one_error(c, r#"{"done": 0, "plan": 0}"#);
        assert!(matches!(e.kind, DataErrorKind::BadBaseline { .. }), "[{}] {e:?}", common::lang(c));
    }
}

const BOTH_ZH: &str = "计分表 「偏差」
输入 执行数 = spent（万元）
输入 预算数 = budget（万元）
三级指标 预算偏差
  分值 4分
  评分 执行数较预算数每相差3%扣1分
";

const BOTH_EN: &str = "scorecard \"deviation\"
input spent = spent (万元)
input budget = budget (万元)
indicator \"budget deviation\"
  points 4
  scoring: spent each 3% off budget → −1
";

/// Budget 100万元: a step is 3% of it, 3万元, either way.
const BOTH_CASES: [(&str, &str); 10] = [
    ("100", "4"),
    ("102.99", "4"),
    ("103", "3"),
    ("97.01", "4"),
    ("97", "3"),
    ("106", "2"),
    ("94", "2"),
    ("93.5", "2"),
    ("88", "0"),
    ("150", "0"),
];

fn both_sides(c: &scorecard::Scorecard) {
    for (spent, score) in BOTH_CASES {
        expect(c, &format!(r#"{{"spent": {spent}, "budget": 100}}"#), 0, score);
    }
}

#[test]
fn a_both_sides_step_counts_over_and_under_alike() {
    both_sides(&card(BOTH_ZH));
}

#[test]
fn a_both_sides_step_counts_over_and_under_alike_in_english() {
    // The documented English spelling `each 3% off plan → −1`.
    both_sides(&card(BOTH_EN));
}

#[test]
fn a_both_sides_step_in_english_with_the_reference_first() {
    // The same rule with `from`, the direction before the step, and the subject quoted.
    both_sides(&card(&BOTH_EN.replace("spent each 3% off budget", "\"spent\" from budget each off 3%")));
}

const DAYS_ZH: &str = "计分表 「滞后」
# 截止日期写成滞后天数：每滞后2天扣1分
输入 滞后天数 = late（天）
三级指标 按时完成
  指标值 ≤ 0天
  分值 3分
  评分 滞后天数每滞后2天扣1分
";

const DAYS_EN: &str = "scorecard \"late\"
# a deadline as a count of days late: −1 for each 2 days
input delay days = late (天)
indicator \"on time\"
  target <= 0天
  points 3
  scoring: delay days each 2天 late → −1
";

#[test]
fn days_late_in_whole_steps() {
    for c in &both(DAYS_ZH, DAYS_EN) {
        for (late, score) in [("0", "3"), ("1", "3"), ("2", "2"), ("5", "1"), ("6", "0"), ("30", "0")] {
            expect(c, &format!(r#"{{"late": {late}}}"#), 0, score);
        }
    }
}

const ACCIDENTS_ZH: &str = "计分表 「事故」
输入 一般事故 = minor（起）
输入 严重事故 = major（起）
三级指标 质量事故
  分值 15分
  评分 每起一般事故扣1分；每起严重事故扣2分，最多扣10分
";

const ACCIDENTS_EN: &str = "scorecard \"accidents\"
input minor accidents = minor (起)
input major accidents = major (起)
indicator \"quality accidents\"
  points 15
  scoring: each 起 minor accidents → −1; each 起 major accidents → −2, at most −10
";

fn accidents(minor: u32, major: u32) -> String {
    format!(r#"{{"minor": {minor}, "major": {major}}}"#)
}

#[test]
fn per_count_tiers_and_a_statement_cap() {
    // the cap is on the whole statement: both ladders together deduct at most 10
    let cases =
        [(0, 0, "15"), (3, 0, "12"), (0, 3, "9"), (1, 4, "6"), (2, 4, "5"), (3, 4, "5"), (20, 0, "5"), (0, 9, "5")];
    for c in &both(ACCIDENTS_ZH, ACCIDENTS_EN) {
        for (minor, major, score) in cases {
            expect(c, &accidents(minor, major), 0, score);
        }
    }
    let [zh, en] = both(ACCIDENTS_ZH, ACCIDENTS_EN);
    let r = run(&zh, &accidents(3, 4));
    assert_mentions(&indicator(&r, 0).explanation, &["一般事故 3起", "严重事故 4起", "合计扣 11 分，最多扣 10 分"]);
    let r = run(&en, &accidents(3, 4));
    assert_mentions(
        &indicator(&r, 0).explanation,
        &["minor accidents 3起", "major accidents 4起", "11 in all, at most 10"],
    );
}

#[test]
fn each_statement_has_its_own_cap() {
    let zh = card(
        "计分表 「分别封顶」
输入 一般事故 = minor（起）
输入 严重事故 = major（起）
三级指标 质量事故
  分值 15分
  评分 每起一般事故扣1分，最多扣2分
  评分 每起严重事故扣2分
",
    );
    let en = card(
        "scorecard \"separate caps\"
input minor accidents = minor (起)
input major accidents = major (起)
indicator \"quality accidents\"
  points 15
  scoring: each 起 minor accidents → −1, at most −2
  scoring: each 起 major accidents → −2
",
    );
    for c in [&zh, &en] {
        expect(c, &accidents(1, 0), 0, "14");
        expect(c, &accidents(5, 0), 0, "13");
        expect(c, &accidents(5, 1), 0, "11");
        expect(c, &accidents(5, 6), 0, "1");
        expect(c, &accidents(5, 7), 0, "0");
    }
}
