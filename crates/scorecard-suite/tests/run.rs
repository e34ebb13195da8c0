//! Running suites: pass and fail detection, and the rendered diff.

mod common;

use common::{mismatch_tags, scrub, Scratch, SEED_SUITE};
use scorecard_suite::{diff, run, Measure, Mismatch, Snapshot};

const EXAMPLE: &str = r#"{ cases = 1500000, cases_last_year = 1800000, staff_satisfaction = 85, on_time_rate = "92.5%", spending = "2700000元", complaint_rate = 12.5, blacklist_count = 0, public_satisfaction = 91 }"#;

/// A suite about the example record (81, 良) whose expectations are wrong in every way.
fn wrong_suite() -> String {
    format!(
        r#"
[[case]]
name = "总分与等级不对"
input = {EXAMPLE}
total = 82.50
grade = "优"

[[case]]
name = "指标得分不对"
input = {EXAMPLE}
total = 81
scores = {{ "年办件量" = 8, "「严格按照厉行节约，控制支出成本」" = 7 }}
deductions = {{ "政务服务水平建设" = 0 }}

[[case]]
name = "期望数据错误却得分"
input = {EXAMPLE}
error = "missing"
error_input = "spending"

[[case]]
name = "数据错误的类型不对"
input = {{ cases = 1500000, cases_last_year = 0, staff_satisfaction = 85, on_time_rate = 92.5, spending = 270, complaint_rate = 12.5, blacklist_count = 0, public_satisfaction = 91 }}
error = "missing"

[[case]]
name = "期望得分却是数据错误"
input = {{ cases = 1500000 }}
total = 81

[[case]]
name = "没写期望"
input = {EXAMPLE}

[[case]]
name = "通过"
input = {EXAMPLE}
total = 81.00
"#
    )
}

#[test]
fn the_seed_suite_passes() {
    let scratch = Scratch::new();
    let outcome = run(&scratch.seed(SEED_SUITE)).unwrap();
    let rendered = diff::render(&outcome);
    assert_eq!(outcome.failed(), 0, "{rendered}");
    assert!(outcome.cases.len() >= 6);
    assert!(rendered.lines().skip(1).all(|l| l.starts_with("PASS ")), "{rendered}");
}

#[test]
fn every_kind_of_failure_is_detected() {
    let scratch = Scratch::new();
    let outcome = run(&scratch.seed(&wrong_suite())).unwrap();
    let kinds = mismatch_tags(&outcome);
    assert_eq!(
        kinds,
        vec![
            vec!["total 82.50 81".to_owned(), "grade 优 良".to_owned()],
            vec![
                "scores 产出指标/数量指标/年办件量 8 5".to_owned(),
                "deductions 效益指标/社会效益指标/政务服务水平建设 0 5".to_owned(),
            ],
            vec!["expected_error missing".to_owned()],
            vec!["wrong_error missing".to_owned()],
            vec!["unexpected_error".to_owned()],
            vec!["no_expectation".to_owned()],
            vec![],
        ]
    );
    assert_eq!((outcome.passed(), outcome.failed()), (1, 6));
    let Mismatch::Indicator { measure, explanation, .. } = &outcome.cases[1].mismatches[0] else { panic!() };
    assert_eq!(*measure, Measure::Score);
    assert_eq!(explanation, "年办件量 1,500,000件，为上期 1,800,000件 的 83.33%，低于 90%，扣 3 分");
}

#[test]
fn the_diff_shows_expected_got_and_why() {
    let scratch = Scratch::new();
    let outcome = run(&scratch.seed(&wrong_suite())).unwrap();
    insta::assert_snapshot!("diff_zh", scrub(&diff::render(&outcome), &scratch.dir));
    let failures = diff::render_failures(&outcome);
    assert!(!failures.contains("PASS"), "{failures}");
    assert_eq!(failures.matches("FAIL ").count(), 6);
}

#[test]
fn the_diff_is_in_the_rule_files_language() {
    let scratch = Scratch::new();
    let suite = format!(
        r#"
[[case]]
name = "typical record"
input = {EXAMPLE}
total = 80
scores = {{ "annual cases" = 8, "keep spending within the budget, strictly economical" = 15 }}

[[case]]
name = "missing spending"
input = {{ cases = 1500000, cases_last_year = 1800000, staff_satisfaction = 85, on_time_rate = 92.5, complaint_rate = 12.5, blacklist_count = 0, public_satisfaction = 91 }}
error = "out_of_range"
"#
    );
    let outcome = run(&scratch.seed_en(&suite)).unwrap();
    insta::assert_snapshot!("diff_en", scrub(&diff::render(&outcome), &scratch.dir));
}

#[test]
fn the_snapshot_holds_every_score_and_explanation() {
    let scratch = Scratch::new();
    let outcome = run(&scratch.seed(&wrong_suite())).unwrap();
    let snapshot = Snapshot::of(&outcome);
    assert_eq!(snapshot.rules, "seed.rules");
    assert_eq!(snapshot.cases[0].total.as_deref(), Some("81"));
    assert_eq!(snapshot.cases[0].indicators.len(), 7);
    assert_eq!(snapshot.cases[3].errors[0].kind, "bad_baseline");
    insta::assert_yaml_snapshot!("snapshot", snapshot);
}

#[test]
fn counts_summarise_a_run() {
    let scratch = Scratch::new();
    let results = vec![run(&scratch.seed(&wrong_suite())), run(&scratch.dir.join("absent.suite.toml"))];
    let mut counts = diff::Counts::default();
    for r in &results {
        counts.add(r);
    }
    assert!(!counts.ok());
    assert_eq!(
        counts.summary(scorecard_eval_lang_zh()),
        "测试集 1 个，用例 7 个：1 个通过，6 个失败；1 个测试集无法运行"
    );
}

fn scorecard_eval_lang_zh() -> scorecard_eval::Lang {
    scorecard_eval::Lang::Zh
}
