//! Parallel batches: several thousand records, good and bad, scored on four
//! threads come out byte for byte as on one, in input order, with every bad
//! record at its own place and line number.

#![allow(clippy::arithmetic_side_effects, reason = "small counters generating test data")]

mod common;

use common::{arg, scorecard, scorecard_with_stdin, temp_file, SEED};

/// Records in the generated batch.
const RECORDS: usize = 3000;

/// Records that are all bad, so quick to score: the chunk holding them
/// finishes long before the chunk before it, and must still wait its turn.
const QUICK: std::ops::Range<usize> = 600..1000;

/// The `i`-th generated record: varied values, with bad records mixed in.
fn record(i: usize) -> String {
    if i % 41 == 19 {
        return "{\"cases\": 1,,}".to_owned();
    }
    if is_bad(i) {
        return r#"{"cases": "很多", "cases_last_year": 1800000}"#.to_owned();
    }
    format!(
        concat!(
            r#"{{"cases": {}, "cases_last_year": 1800000, "staff_satisfaction": {}, "on_time_rate": "{}.{}%", "#,
            r#""spending": "{}元", "complaint_rate": {}.25, "blacklist_count": {}, "public_satisfaction": {}}}"#
        ),
        cases(i),
        60 + i % 40,
        80 + i % 20,
        i % 10,
        1_800_000 + (i * 7919) % 1_200_000,
        i % 25,
        i % 3,
        60 + (i * 7) % 40,
    )
}

/// The `cases` value of record `i`.
fn cases(i: usize) -> usize {
    900_000 + (i * 104_729) % 1_200_000
}

/// `1234567` as `1,234,567`, as explanations print counts.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (at, c) in digits.chars().enumerate() {
        if at > 0 && (digits.len() - at).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The batch as JSON Lines, with a blank line after every 100th record so
/// line numbers and record numbers differ; and each record's line.
fn batch() -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut lines = Vec::new();
    let mut line = 0;
    for i in 0..RECORDS {
        line += 1;
        lines.push(line);
        text.push_str(&record(i));
        text.push('\n');
        if i % 100 == 99 {
            line += 1;
            text.push('\n');
        }
    }
    (text, lines)
}

fn is_bad(i: usize) -> bool {
    matches!(i % 41, 7 | 19) || QUICK.contains(&i)
}

#[test]
fn four_jobs_write_what_one_job_writes_in_every_format() {
    let (text, _) = batch();
    let path = temp_file("order.jsonl", text.as_bytes());
    for format in ["jsonl", "json", "table", "csv"] {
        let run = |jobs: &str| scorecard(&["eval", SEED, "--data", arg(&path), "--format", format, "--jobs", jobs]);
        let (one, four) = (run("1"), run("4"));
        assert_eq!(one.code, 1, "{format}: {}", one.stderr);
        assert_eq!(four.code, one.code, "{format}");
        assert!(one.stdout == four.stdout, "{format}: --jobs 4 wrote a different output than --jobs 1");
        assert_eq!(four.stderr, one.stderr, "{format}");
    }
}

#[test]
fn reports_come_out_in_input_order_with_bad_records_in_place() {
    let (text, lines) = batch();
    let path = temp_file("order-check.jsonl", text.as_bytes());
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl", "--jobs", "4"]);
    let out: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(out.len(), RECORDS);
    for (i, report) in out.iter().enumerate() {
        if is_bad(i) {
            assert!(report.starts_with(&format!("{{\"line\":{},", lines[i])), "record {i}: {report}");
            assert!(run.stderr.contains(&format!(":{}：", lines[i])), "record {i} not on stderr");
        } else {
            let wanted = format!("年办件量 {}件", grouped(cases(i)));
            assert!(report.contains(&wanted), "record {i} out of place: wanted {wanted}, got {report}");
        }
    }
    let bad = (0..RECORDS).filter(|i| is_bad(*i)).count();
    assert!(run.stderr.ends_with(&format!("{RECORDS} 条记录中有 {bad} 条有错误\n")), "{}", run.stderr);
}

#[test]
fn stdin_batches_keep_their_order_too() {
    let (text, _) = batch();
    let args = |jobs| ["eval", SEED, "--data", "-", "--format", "jsonl", "--jobs", jobs];
    let one = scorecard_with_stdin(&args("1"), text.as_bytes());
    let four = scorecard_with_stdin(&args("4"), text.as_bytes());
    assert!(one.stdout == four.stdout, "stdin: --jobs 4 wrote a different output than --jobs 1");
    assert_eq!(one.stderr, four.stderr);
    assert_eq!(one.stdout.lines().count(), RECORDS);
}

#[test]
fn a_json_array_batch_is_scored_in_parallel_in_order() {
    // Only records that are valid JSON: one broken element breaks the whole array.
    let items: Vec<String> = (0..500).filter(|i| i % 41 != 19).map(record).collect();
    let text = format!("[\n{}\n]\n", items.join(",\n"));
    let args = |jobs| ["eval", SEED, "--data", "-", "--format", "json", "--jobs", jobs];
    let one = scorecard_with_stdin(&args("1"), text.as_bytes());
    let four = scorecard_with_stdin(&args("4"), text.as_bytes());
    assert!(one.stdout == four.stdout);
    let reports: Vec<serde_json::Value> = serde_json::from_str(&four.stdout).unwrap();
    assert_eq!(reports.len(), items.len());
    assert_eq!(reports[7]["line"], 9, "record 7 is on line 9 (after the bracket)");
}

#[test]
fn jobs_0_means_every_core_and_a_huge_number_is_capped() {
    let (text, _) = batch();
    let path = temp_file("jobs.jsonl", text.as_bytes());
    let base = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl", "--jobs", "1"]);
    for jobs in ["0", "100000"] {
        let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl", "--jobs", jobs]);
        assert!(run.stdout == base.stdout, "--jobs {jobs}");
    }
}
