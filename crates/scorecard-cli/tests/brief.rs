//! `scorecard eval --brief`: scores only, on the fast path. Every number must
//! be exactly what the full report says, bad records keep their place, and
//! parallel runs write what one job writes.

#![allow(clippy::unwrap_used, clippy::arithmetic_side_effects, reason = "tests fail loudly; small counters")]

mod common;

use common::{arg, scorecard, temp_file, SEED};
use serde::Deserialize;
use serde_json::value::RawValue;

/// What the brief format promises of a report, numbers kept as their exact text.
#[derive(Debug, Deserialize)]
struct Summary {
    total: Box<RawValue>,
    full_marks: Box<RawValue>,
    grade: String,
    disqualified: bool,
    indicators: Vec<Indicator>,
}

#[derive(Debug, Deserialize)]
struct Indicator {
    name: String,
    score: Box<RawValue>,
    deduction: Box<RawValue>,
    status: String,
}

impl Summary {
    /// The summary as comparable text.
    fn key(&self) -> String {
        let indicators: Vec<String> = self
            .indicators
            .iter()
            .map(|i| format!("{} {} {} {}", i.name, i.score.get(), i.deduction.get(), i.status))
            .collect();
        format!(
            "{} {} {} {} [{}]",
            self.total.get(),
            self.full_marks.get(),
            self.grade,
            self.disqualified,
            indicators.join("; ")
        )
    }
}

/// Varied seed records, with a bad one every 17th.
fn batch(n: usize) -> String {
    (0..n)
        .map(|i| {
            if i % 17 == 5 {
                return r#"{"cases": "很多"}"#.to_owned();
            }
            format!(
                r#"{{"cases": {}, "cases_last_year": 1800000, "staff_satisfaction": {}.{}, "on_time_rate": "{}%", "spending": {}.{}, "complaint_rate": {}, "blacklist_count": {}, "public_satisfaction": {}}}"#,
                900_000 + (i * 104_729) % 1_200_000,
                55 + i % 45,
                i % 100,
                80 + i % 20,
                150 + (i * 37) % 170,
                i % 100,
                i % 30,
                i % 3,
                60 + (i * 7) % 40,
            )
        })
        .map(|line| line + "\n")
        .collect()
}

#[test]
fn brief_lines_hold_exactly_the_scores_of_the_full_reports() {
    let path = temp_file("brief.jsonl", batch(400).as_bytes());
    let full = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl"]);
    let brief = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl", "--brief"]);
    assert_eq!((full.code, brief.code), (1, 1), "{}", brief.stderr);
    assert_eq!(full.stderr, brief.stderr);
    let (full_lines, brief_lines): (Vec<&str>, Vec<&str>) =
        (full.stdout.lines().collect(), brief.stdout.lines().collect());
    assert_eq!(brief_lines.len(), 400);
    assert_eq!(full_lines.len(), brief_lines.len());
    let mut compared = 0;
    for (i, (f, b)) in full_lines.iter().zip(&brief_lines).enumerate() {
        if i % 17 == 5 {
            // A bad record: the same error object, at its place.
            assert_eq!(f, b, "line {}", i + 1);
            assert!(b.starts_with(&format!("{{\"line\":{}", i + 1)), "{b}");
            continue;
        }
        let (f, b): (Summary, Summary) = (serde_json::from_str(f).unwrap(), serde_json::from_str(b).unwrap());
        assert_eq!(f.key(), b.key(), "line {}", i + 1);
        compared += 1;
    }
    assert!(compared > 350);
    // The brief output is the small one.
    assert!(brief.stdout.len() * 3 < full.stdout.len());
}

#[test]
fn brief_output_does_not_depend_on_the_number_of_jobs() {
    let path = temp_file("brief-jobs.jsonl", batch(1500).as_bytes());
    for format in ["jsonl", "json", "csv"] {
        let run = |jobs: &str| {
            scorecard(&["eval", SEED, "--data", arg(&path), "--format", format, "--brief", "--jobs", jobs])
        };
        let (one, four) = (run("1"), run("4"));
        assert_eq!(one.code, 1, "{format}: {}", one.stderr);
        assert!(one.stdout == four.stdout, "{format}: --jobs 4 wrote a different output than --jobs 1");
    }
}

#[test]
fn a_brief_json_batch_is_an_array_of_summaries() {
    let path = temp_file("brief.json", batch(3).as_bytes());
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "json", "--brief"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all: Vec<Summary> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all.iter().map(|s| s.indicators.len()).collect::<Vec<_>>(), [7, 7, 7]);
}

#[test]
fn brief_csv_has_a_score_and_a_deduction_per_indicator_and_keeps_bad_rows() {
    let path = temp_file("brief-csv.jsonl", batch(20).as_bytes());
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "csv", "--brief"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let rows: Vec<&str> = run.stdout.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 21);
    let header = rows.first().unwrap();
    assert!(header.starts_with("\u{feff}行号,总分,等级,年办件量 得分,年办件量 扣分,"), "{header}");
    assert!(header.ends_with(",办事群众满意 得分,办事群众满意 扣分,错误"), "{header}");
    // 3 + 2 × 7 + 1 columns in every row; no cell holds a comma here.
    for row in &rows {
        assert_eq!(row.split(',').count(), 18, "{row}");
    }
    let bad = rows.get(6).unwrap();
    assert!(bad.starts_with("6,,,"), "{bad}");
    assert!(bad.ends_with("缺少该数据") || bad.contains("cases"), "{bad}");
    let good = rows.get(1).unwrap();
    assert!(good.starts_with("1,") && good.ends_with(','), "{good}");
}

#[test]
fn brief_with_the_table_format_is_a_usage_error() {
    let run = scorecard(&["eval", SEED, "--data", common::MEASUREMENTS, "--brief"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--format json, jsonl or csv") || run.stderr.contains("json、jsonl"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}
