//! `disqualified` and `[case.status]`: read, compared, shown in the diff
//! and rewritten by `--bless`.

mod common;

use common::{mismatch_tags, scrub, Scratch};
use scorecard_eval::Status;
use scorecard_suite::{bless, diff, parse, run, status_tag, Expect, ProblemKind};

/// Three indicators: one that may be not applicable, one with a veto that
/// disqualifies (and zeroes it), one with a veto that only disqualifies.
const RULES: &str = "计分表 「状态」
输入 没有该项任务 = no_task（是否）
输入 满意度 = satisfaction（%）
输入 重大事故 = major（起）
输入 「较大事故」 = moderate（起）
三级指标 任务
  分值 3分
  不适用条件 没有该项任务
  评分 满意度低于90%，扣3分
三级指标 安全
  分值 5分
  评分 满意度低于90%，扣1分
  否决 重大事故达到1起，取消资格
三级指标 评优
  分值 2分
  评分 满意度低于90%，扣1分
  否决 「较大事故」达到1起，仅取消评优资格
";

const RULES_EN: &str = "scorecard \"status\"
input no task = no_task (yes/no)
input satisfaction = satisfaction (%)
input major = major (起)
input moderate = moderate (起)
indicator task
  points 3
  not applicable if no task
  scoring: satisfaction below 90% → −3
indicator safety
  points 5
  scoring: satisfaction below 90% → −1
  veto: major at least 1, disqualify
indicator awards
  points 2
  scoring: satisfaction below 90% → −1
  veto: moderate at least 1, disqualify only
";

fn write(scratch: &Scratch, suite: &str) -> std::path::PathBuf {
    scratch.write("s.rules", RULES);
    scratch.write("s.suite.toml", suite)
}

/// Every status and both kinds of veto, all expected correctly.
const PASSING: &str = r#"
[[case]]
name = "不适用，且重大事故：否决并取消资格"
input = { no_task = true, satisfaction = 85, major = 1, moderate = 0 }
total = 4            # 任务 3（不适用，得满分）+ 安全 0（否决）+ 评优 1
disqualified = true

[case.status]
"任务" = "not_applicable"
"安全" = "vetoed"
"评优" = "scored"

[[case]]
name = "较大事故：仅取消资格，得分不变"
input = { no_task = false, satisfaction = 85, major = 0, moderate = 1 }
total = 5            # 任务 0 + 安全 4 + 评优 1
disqualified = true  # 仅取消评优资格
status = { "评优" = "scored", "安全" = "scored" }
scores = { "评优" = 1 }

[[case]]
name = "没有事故"
input = { no_task = false, satisfaction = 95, major = 0, moderate = 0 }
total = 10
disqualified = false
"#;

#[test]
fn disqualified_and_status_are_parsed() {
    let suite = parse(PASSING).unwrap();
    let Expect::Scored(first) = &suite.cases[0].expect else { panic!("a scored case") };
    assert_eq!(first.disqualified, Some(true));
    let statuses: Vec<(&str, &str, u32)> =
        first.statuses.iter().map(|s| (s.name.as_str(), status_tag(s.status), s.pos.line)).collect();
    assert_eq!(statuses, [("任务", "not_applicable", 9), ("安全", "vetoed", 10), ("评优", "scored", 11)]);
    let Expect::Scored(third) = &suite.cases[2].expect else { panic!("a scored case") };
    assert_eq!((third.disqualified, third.statuses.len()), (Some(false), 0));
    let Expect::Scored(second) = &suite.cases[1].expect else { panic!("a scored case") };
    assert_eq!(second.statuses[0].status, Status::Scored, "an inline table works too");
}

#[test]
fn a_bad_status_or_disqualified_is_located() {
    let text = "[[case]]\nname = \"a\"\ntotal = 1\ndisqualified = \"yes\"\n\n[case.status]\n\"任务\" = \"veto\"\n\"安全\" = 1\n\n[[case]]\nname = \"b\"\nerror = \"missing\"\ndisqualified = false\nstatus = { \"任务\" = \"scored\" }\n";
    let problems = parse(text).unwrap_err();
    let kinds: Vec<(u32, ProblemKind)> = problems.iter().map(|p| (p.pos.unwrap().line, p.kind.clone())).collect();
    assert_eq!(
        kinds,
        [
            (4, ProblemKind::WrongType { key: "disqualified".into(), expected: scorecard_suite::ValueType::Bool }),
            (7, ProblemKind::UnknownStatus { status: "veto".into(), suggestion: Some("vetoed") }),
            (8, ProblemKind::WrongType { key: "安全".into(), expected: scorecard_suite::ValueType::String }),
            (13, ProblemKind::ErrorWithScores { key: "disqualified".into() }),
            (14, ProblemKind::ErrorWithScores { key: "status".into() }),
        ]
    );
    let scratch = Scratch::new();
    let lines = run(&write(&scratch, text)).unwrap_err().lines();
    let lines: Vec<String> = lines.iter().map(|l| scrub(l, &scratch.dir)).collect();
    assert_eq!(lines[1], "<dir>/s.suite.toml:7:8: 未知的指标状态 `veto`；是否应为 `vetoed`？；可用的状态：`scored`、`not_applicable`、`vetoed`");
}

#[test]
fn an_unknown_indicator_in_status_is_an_error() {
    let scratch = Scratch::new();
    let text = "[[case]]\nname = \"a\"\ninput = { no_task = false, satisfaction = 95, major = 0, moderate = 0 }\ntotal = 10\nstatus = { \"安权\" = \"scored\" }\n";
    let error = run(&write(&scratch, text)).unwrap_err();
    assert_eq!(error.problems.len(), 1);
    assert_eq!(error.problems[0].pos.unwrap().line, 5);
    assert!(
        matches!(&error.problems[0].kind, ProblemKind::UnknownIndicator { suggestion: Some(s), .. } if s == "安全")
    );
}

#[test]
fn right_expectations_pass() {
    let scratch = Scratch::new();
    let outcome = run(&write(&scratch, PASSING)).unwrap();
    assert_eq!(outcome.failed(), 0, "{}", diff::render(&outcome));
}

/// `PASSING` with the disqualification and statuses of its first two cases wrong.
fn wrong() -> String {
    let mut text = PASSING.to_owned();
    for (from, to) in [
        ("disqualified = true\n", "disqualified = false  # 写错了\n"),
        ("\"安全\" = \"vetoed\"", "\"安全\" = \"scored\""),
        ("\"评优\" = \"scored\", \"安全\" = \"scored\"", "\"评优\" = \"vetoed\", \"安全\" = \"scored\""),
        ("disqualified = true  # 仅取消评优资格", "disqualified = false  # 仅取消评优资格"),
    ] {
        assert!(text.contains(from), "`{from}`");
        text = text.replacen(from, to, 1);
    }
    text
}

#[test]
fn wrong_expectations_fail_with_a_row_each() {
    let scratch = Scratch::new();
    let outcome = run(&write(&scratch, &wrong())).unwrap();
    let found = mismatch_tags(&outcome);
    assert_eq!(
        found,
        [
            vec!["disqualified false true".to_owned(), "status 安全 scored vetoed".to_owned()],
            vec!["disqualified false true".to_owned(), "status 评优 vetoed scored".to_owned()],
            vec![],
        ]
    );
    insta::assert_snapshot!("status_diff_zh", scrub(&diff::render_failures(&outcome), &scratch.dir));
}

#[test]
fn the_rows_are_in_english_for_an_english_rule_file() {
    let scratch = Scratch::new();
    scratch.write("s.en.rules", RULES_EN);
    let text = "[[case]]\nname = \"major accident\"\ninput = { no_task = true, satisfaction = 85, major = 1, moderate = 0 }\ntotal = 4\ndisqualified = false\nstatus = { task = \"scored\", safety = \"vetoed\" }\n";
    let outcome = run(&scratch.write("s.en.suite.toml", text)).unwrap();
    insta::assert_snapshot!("status_diff_en", scrub(&diff::render_failures(&outcome), &scratch.dir));
}

#[test]
fn bless_rewrites_disqualified_and_status_and_keeps_comments() {
    let scratch = Scratch::new();
    let suite = write(&scratch, &wrong());
    let blessed = bless(&suite).unwrap();
    let changes: Vec<String> = blessed
        .changes
        .iter()
        .map(|c| format!("{}: {} → {}", c.key, c.from.as_deref().unwrap_or("-"), c.to.as_deref().unwrap_or("-")))
        .collect();
    assert_eq!(
        changes,
        [
            "disqualified: false → true",
            "status.安全: \"scored\" → \"vetoed\"",
            "disqualified: false → true",
            "status.评优: \"vetoed\" → \"scored\"",
        ]
    );
    assert!(blessed.refused.is_empty());
    let after = scratch.read("s.suite.toml");
    assert_eq!(after, PASSING.replacen("disqualified = true\n", "disqualified = true  # 写错了\n", 1));
    assert_eq!(run(&suite).unwrap().failed(), 0);
}
