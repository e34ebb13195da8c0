//! `scorecard explain`: the trace and the what-if guidance, end to end.

#![allow(clippy::expect_used, reason = "a test fails loudly when the binary cannot run")]

use std::process::Command;

fn scorecard(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_scorecard"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

/// `scorecard explain` on the seed table's example record.
fn explain_example() -> (i32, String, String) {
    scorecard(&[
        "explain",
        "rules/chenggong-2021-window-service.rules",
        "--data",
        "examples/chenggong-2021/measurements.json",
    ])
}

#[test]
fn explains_the_example_record_with_what_it_needed() {
    let (code, out, err) = explain_example();
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("✓ 年办件量低于上期90%，扣3分（扣 3 分）"), "{out}");
    assert!(out.contains("说明： 年办件量 1,500,000件，为上期 1,800,000件 的 83.33%，低于 90%，扣 3 分"), "{out}");
    assert!(out.contains("✗ 低于上期80%，扣5分"), "{out}");
    assert!(out.contains("年办件量需达到上期的90%（≥1,620,000件）方可免扣 3 分"), "{out}");
}

/// docs/language.md shows the start of this trace; every line it shows is printed.
#[test]
fn the_documented_trace_is_what_explain_prints() {
    let doc = include_str!("../../../docs/language.md");
    let section = doc.split("### Tracing a record: `scorecard explain`").nth(1).expect("the explain section");
    let block = section.split("```text\n").nth(1).and_then(|b| b.split("```").next()).expect("its example");
    let (code, out, err) = explain_example();
    assert_eq!(code, 0, "{err}");
    let shown: Vec<&str> = block.lines().filter(|l| *l != "…").collect();
    assert!(shown.len() > 5, "{block}");
    let printed: Vec<&str> = out.lines().take(shown.len()).collect();
    assert_eq!(printed, shown, "the trace in docs/language.md differs from `scorecard explain`");
}

#[test]
fn one_indicator_and_bad_records() {
    let dir = std::env::temp_dir().join(format!("scorecard-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let data = dir.join("two.jsonl");
    std::fs::write(
        &data,
        "{\"cases\": 1500000, \"cases_last_year\": 1800000, \"staff_satisfaction\": 85, \"on_time_rate\": 95, \"spending\": 250, \"complaint_rate\": 5, \"blacklist_count\": 0, \"public_satisfaction\": 95}\n{\"cases\": true}\n",
    )
    .expect("write");
    let data = data.to_string_lossy().into_owned();
    let (code, out, err) = scorecard(&[
        "explain",
        "rules/chenggong-2021-window-service.rules",
        "--data",
        &data,
        "--indicator",
        "年办件量",
    ]);
    assert_eq!(code, 1, "the second record is bad");
    assert!(out.contains("年办件量\n") && !out.contains("窗口服务办结率"), "{out}");
    assert!(err.contains(":2:"), "the bad record is reported with its line: {err}");
}

mod common;

/// `--data -` reads standard input, as `eval` does; a file over the limit is
/// refused, never explained in part; an unknown `--indicator` is a usage error
/// that lists the names; bytes that are not UTF-8 are an error.
#[test]
fn explain_reads_stdin_and_refuses_what_it_cannot_read_whole() {
    let json = common::measurements();
    let run = common::scorecard_with_stdin(&["explain", common::SEED, "--data", "-"], json.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("年办件量需达到上期的90%（≥1,620,000件）方可免扣 3 分"), "{}", run.stdout);

    let run = common::scorecard(&["explain", common::SEED, "--data", common::MEASUREMENTS, "--max-data-bytes", "10"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing is explained from a truncated file: {}", run.stdout);
    assert!(run.stderr.contains("--max-data-bytes (10 bytes)"), "{}", run.stderr);

    let run = common::scorecard(&["explain", common::SEED, "--data", common::MEASUREMENTS, "--indicator", "年办件数"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("没有名为「年办件数」的指标") && run.stderr.contains("年办件量、"), "{}", run.stderr);

    let path = common::temp_file("explain-not-utf8.json", b"\xff\xfe{}");
    let run = common::scorecard(&["explain", common::SEED, "--data", common::arg(&path)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("not UTF-8"), "{}", run.stderr);
    run.no_panic();
}

/// Every rule kind prints its trace, the explanation and advice: bands
/// (with why `否则` held), a formula, grades, vetoes (a vetoed record says
/// why), bonuses and per-step tiers, in both languages.
#[test]
fn every_rule_kind_prints_its_trace_and_advice() {
    for topic in ["bands", "formulas", "vetoes", "others", "steps"] {
        for lang in ["zh", "en"] {
            let rules = format!("tests/fixtures/sentences/{topic}.{lang}.rules");
            let (code, out, err) =
                scorecard(&["explain", &rules, "--data", &format!("tests/fixtures/sentences/{topic}.jsonl")]);
            assert_eq!(code, 0, "{err}");
            insta::assert_snapshot!(format!("explain_{topic}_{lang}"), out);
        }
    }
}
