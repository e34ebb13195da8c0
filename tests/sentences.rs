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

/// The backticked sentences of the table in docs/language.md's
/// "Explanations" section.
fn documented_sentences(doc: &str) -> Vec<String> {
    let start = doc.find("## Explanations\n").expect("an Explanations section");
    let section = &doc[start..];
    let end = section.get(1..).and_then(|s| s.find("\n## ")).map_or(section.len(), |e| e + 1);
    let mut out = Vec::new();
    for row in
        section[..end].lines().filter(|l| l.starts_with("| ") && !l.starts_with("| rule") && !l.starts_with("| test"))
    {
        for cell in row.split(" | ").skip(1) {
            let cell = cell.trim_end_matches(" |").trim();
            let text = cell.trim_start_matches("``").trim_end_matches("``").trim_matches('`').trim();
            if !text.is_empty() && cell.starts_with('`') {
                out.push(text.to_owned());
            }
        }
    }
    out
}

#[test]
fn the_docs_explanation_table_holds_real_sentences() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("../docs/language.md")).unwrap();
    let mut snapshots = String::new();
    for entry in std::fs::read_dir(root.join("snapshots")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("sentences__")) {
            snapshots.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    let sentences = documented_sentences(&doc);
    assert!(sentences.len() >= 50, "the table has a Chinese and an English sentence per form: {sentences:?}");
    for s in &sentences {
        assert!(snapshots.contains(s.as_str()), "docs/language.md shows a sentence no rule file gives: {s}");
    }
}

/// Each rule file in docs/language.md and README.md followed by a record and
/// an `output` block of explanations explains that record as shown.
#[test]
fn documented_examples_explain_as_shown() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for file in ["../docs/language.md", "../README.md"] {
        let doc = std::fs::read_to_string(root.join(file)).unwrap();
        let blocks = fenced(&doc);
        for w in blocks.windows(3) {
            let [(k1, rules), (k2, record), (k3, output)] = w else { continue };
            if (k1.as_str(), k2.as_str(), k3.as_str()) != ("text", "json", "output") {
                continue;
            }
            // A fragment (`# 摘自 …`) or an example of an error is not a whole scorecard.
            let Ok(card) = Scorecard::compile(rules) else { continue };
            let Ok(report) = card.evaluate_json(record) else { continue };
            let got: Vec<&str> = report.indicators.iter().map(|i| i.explanation.as_str()).collect();
            let shown: Vec<&str> = output.lines().collect();
            assert_eq!(got, shown, "{file}: the example\n{rules}");
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} examples were checked");
}

/// The fenced blocks of a Markdown text: (info string, body).
fn fenced(doc: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(kind) = line.strip_prefix("```").filter(|k| !k.is_empty()) else { continue };
        let mut body = String::new();
        for l in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        out.push((kind.to_owned(), body));
    }
    out
}

/// Advice keeps its promise: the value it names earns what it says, and a
/// value just short of it does not.
#[test]
fn band_and_formula_advice_hold_when_re_scored() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sentences");
    let card = Scorecard::compile(&std::fs::read_to_string(root.join("bands.zh.rules")).unwrap()).unwrap();
    let base = r#"{"balance": 10.01, "carry": 10, "done": "2021-04-01", "days": 5, "complete": true, "adj": 31, "rules": true, "compliant": true, "enforced": true, "rate": RATE}"#;
    let rec = |rate: &str| card.parse_record(&base.replace("RATE", rate)).unwrap();
    let trace = card.trace(&rec("85")).unwrap();
    let completion = trace.indicators.iter().find(|i| i.name == "完成情况").unwrap();
    assert_eq!(completion.what_if, ["完成率需达到 90% 方可得 5 分"]);
    let score = |rate: &str| card.report(&rec(rate)).unwrap().indicators[4].score.to_string();
    assert_eq!((score("90"), score("89.99")), ("5".to_owned(), "3".to_owned()));

    let card = Scorecard::compile(&std::fs::read_to_string(root.join("formulas.zh.rules")).unwrap()).unwrap();
    let base = r#"{"completion": RATE, "new_farmland": 10, "farmland_target": 30, "done": 1, "planned": 3}"#;
    let rec = |rate: &str| card.parse_record(&base.replace("RATE", rate)).unwrap();
    let trace = card.trace(&rec("95.5")).unwrap();
    assert_eq!(trace.indicators[1].what_if, ["完成率再提高 1 个百分点可多得 0.2 分"]);
    let score = |rate: &str| card.report(&rec(rate)).unwrap().indicators[1].score.to_string();
    assert_eq!((score("95.5"), score("96.5")), ("19.1".to_owned(), "19.3".to_owned()));
}
