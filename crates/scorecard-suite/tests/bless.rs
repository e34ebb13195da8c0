//! `--bless`: failing expectations rewritten from current results, with the
//! file's comments and layout kept.

mod common;

use common::{Scratch, SEED_SUITE, SEED_SUITE_EN};
use scorecard_suite::{bless, run, RefuseReason};

/// The seed suite with some expectations made wrong, each still written the same way.
fn perturbed() -> String {
    let mut text = SEED_SUITE.to_owned();
    for (from, to) in [
        ("total = 81\ngrade = \"良\"", "total = 82\ngrade = \"优\""),
        ("\"年办件量\" = 5\n", "\"年办件量\" = 6\n"),
        ("deductions = { \"年办件量\" = 3 }", "deductions = { \"年办件量\" = 5 }"),
        ("error = \"bad_baseline\"", "error = \"missing\""),
        ("total = 25\n", "total = 24.5\n"),
    ] {
        assert!(text.contains(from), "the seed suite has `{from}`");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn bless_then_run_passes_and_restores_the_file_exactly() {
    let scratch = Scratch::new();
    let suite = scratch.seed(&perturbed());
    let before = run(&suite).unwrap();
    assert_eq!(before.failed(), 4, "{}", scorecard_suite::diff::render(&before));
    let blessed = bless(&suite).unwrap();
    let changes: Vec<String> = blessed
        .changes
        .iter()
        .map(|c| {
            format!("{} {}: {} → {}", c.case, c.key, c.from.as_deref().unwrap_or("-"), c.to.as_deref().unwrap_or("-"))
        })
        .collect();
    assert_eq!(
        changes,
        [
            "典型：示例数据 total: 82 → 81",
            "典型：示例数据 grade: \"优\" → \"良\"",
            "典型：示例数据 scores.年办件量: 6 → 5",
            "边界：年办件量差 1 件不到上期的 90%，扣 3 分 deductions.年办件量: 5 → 3",
            "带单位的字符串 total: 24.5 → 25",
            "数据错误：上期办件量为 0，无法计算比例 error: \"missing\" → \"bad_baseline\"",
        ]
    );
    assert!(blessed.refused.is_empty());
    assert_eq!(run(&suite).unwrap().failed(), 0);
    assert_eq!(scratch.read("seed.suite.toml"), SEED_SUITE, "comments, layout and order are kept");
    let again = bless(&suite).unwrap();
    assert!(again.changes.is_empty(), "blessing a passing suite changes nothing");
}

#[test]
fn a_case_without_expectations_is_filled_in() {
    let scratch = Scratch::new();
    let text = "# 新用例\n[[case]]\nname = \"新\"  # 先不写期望\ninput = { cases = 1500000, cases_last_year = 1800000, staff_satisfaction = 85, on_time_rate = 92.5, spending = 270, complaint_rate = 12.5, blacklist_count = 0, public_satisfaction = 91 }\n\n[[case]]\nname = \"缺数据\"\ninput = { cases = 1 }\n";
    let suite = scratch.seed(text);
    bless(&suite).unwrap();
    let after = scratch.read("seed.suite.toml");
    insta::assert_snapshot!("filled_in", after);
    assert_eq!(run(&suite).unwrap().failed(), 0);
}

#[test]
fn a_changed_kind_of_result_needs_a_person() {
    let scratch = Scratch::new();
    let text = "[[case]]\nname = \"现在能得分\"\ninput = { cases = 1500000, cases_last_year = 1800000, staff_satisfaction = 85, on_time_rate = 92.5, spending = 270, complaint_rate = 12.5, blacklist_count = 0, public_satisfaction = 91 }\nerror = \"missing\"\n\n[[case]]\nname = \"现在是数据错误\"\ninput = { cases = 1 }\ntotal = 81\n";
    let suite = scratch.seed(text);
    let blessed = bless(&suite).unwrap();
    let reasons: Vec<RefuseReason> = blessed.refused.iter().map(|r| r.reason).collect();
    assert_eq!(reasons, [RefuseReason::NowScored, RefuseReason::NowRejected]);
    assert!(blessed.changes.is_empty());
    assert_eq!(scratch.read("seed.suite.toml"), text, "the file is untouched");
}

#[test]
fn trailing_comments_stay_with_rewritten_values() {
    let scratch = Scratch::new();
    let original = SEED_SUITE_EN;
    let from = "\"annual cases\" = 5                                               # 83.33% of last year: −3";
    assert!(original.contains(from));
    let wrong = original.replacen(from, &from.replacen("= 5", "= 8", 1), 1);
    let suite = scratch.seed_en(&wrong);
    let blessed = bless(&suite).unwrap();
    assert_eq!(blessed.changes.len(), 1, "{blessed:?}");
    assert_eq!(scratch.read("seed.en.suite.toml"), original);
}
