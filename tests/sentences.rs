//! Every explanation form, in both languages: each rule file in
//! `fixtures/sentences/` is scored against the records in the `.jsonl` file
//! of the same topic, and the snapshot holds, per record and indicator, the
//! explanation and the what-if advice. Each accepted line has been read as
//! the analyst who signs the 自评表 would read it: true, natural, says why.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

use std::fmt::Write as _;
use std::path::Path;

use scorecard::Scorecard;

/// The records of a topic: `steps.zh.rules` and `steps.en.rules` read
/// `steps.jsonl`, or `steps.zh.jsonl` when the records differ by language
/// (grade labels).
fn records(rules: &Path) -> String {
    let name = rules.file_name().and_then(|n| n.to_str()).unwrap();
    let own = rules.with_file_name(name.replace(".rules", ".jsonl"));
    let topic = name.split('.').next().unwrap();
    std::fs::read_to_string(own)
        .or_else(|_| std::fs::read_to_string(rules.with_file_name(format!("{topic}.jsonl"))))
        .unwrap()
}

/// The explanations and advice for every record, one block per record.
fn sentences(card: &Scorecard, records: &str) -> String {
    let mut out = String::new();
    for line in records.lines().filter(|l| !l.trim().is_empty()) {
        let report = card.evaluate_json(line).unwrap_or_else(|e| panic!("{line}: {e}"));
        let trace = card.trace(&card.parse_record(line).unwrap()).unwrap();
        writeln!(out, "── {line}").unwrap();
        for (ind, t) in report.indicators.iter().zip(&trace.indicators) {
            assert_eq!(ind.explanation, t.explanation, "the trace explains as the report does");
            writeln!(out, "{}: {}", ind.name, ind.explanation).unwrap();
            for hint in &t.what_if {
                writeln!(out, "  → {hint}").unwrap();
            }
        }
    }
    out
}

#[test]
fn every_explanation_form_reads_as_its_snapshot() {
    insta::glob!("fixtures/sentences", "*.rules", |path| {
        let source = std::fs::read_to_string(path).unwrap();
        let card = Scorecard::compile(&source).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        insta::assert_snapshot!(sentences(&card, &records(path)));
    });
}

#[test]
fn both_languages_cover_the_same_topics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sentences");
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if let Some(topic) = name.strip_suffix(".zh.rules") {
            zh.push(topic.to_owned());
        } else if let Some(topic) = name.strip_suffix(".en.rules") {
            en.push(topic.to_owned());
        }
    }
    zh.sort();
    en.sort();
    assert_eq!(zh, en);
    assert!(zh.len() >= 6, "{zh:?}");
}
