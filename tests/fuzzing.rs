//! The bodies of the fuzz targets in `fuzz/`, as plain functions, so that a
//! stable `cargo test` (`fuzz_bodies.rs`) runs every seed through them and
//! the harness cannot rot while nobody has nightly at hand.
//!
//! Each body takes any bytes and must not panic; where it can, it checks a
//! promise (the full report and the fast path agree, scores stay within
//! their points, formatting is stable). A body that panics is a finding.
//!
//! Inputs that hold two texts (rules and a record, rules and a suite) split
//! them at the first NUL byte, [`SPLIT`].

use scorecard::{Limits, Record, RecordError, Report, Scorecard};
use serde::de::DeserializeSeed;

/// The byte between the two texts of a two-part input.
pub const SPLIT: u8 = 0;

/// The fuzz targets, by the names `cargo fuzz run` takes.
pub const TARGETS: [&str; 6] = ["compile", "score", "format", "json_records", "csv_records", "suite"];

/// Runs the body of the target named `target` on `data`.
///
/// # Panics
/// On an unknown target name, and whenever the body finds a broken promise.
pub fn run(target: &str, data: &[u8]) {
    match target {
        "compile" => compile(data),
        "score" => score(data),
        "format" => format(data),
        "json_records" => json_records(data),
        "csv_records" => csv_records(data),
        "suite" => suite(data),
        _ => panic!("no fuzz target `{target}`"),
    }
}

/// The two texts of a two-part input: before and after the first [`SPLIT`].
pub fn split(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == SPLIT) {
        Some(at) => (data.get(..at).unwrap_or_default(), data.get(at.saturating_add(1)..).unwrap_or_default()),
        None => (data, &[]),
    }
}

/// `compile`: any bytes as a rule file; what compiles can be read and listed.
pub fn compile(data: &[u8]) {
    let Ok(card) = Scorecard::compile_bytes(data, &Limits::default()) else { return };
    let _ = card.reading();
    let _ = card.located_warnings(Some("fuzz.rules"));
    assert!(card.inputs().all(|i| !i.key.is_empty()), "an input without a key");
}

/// `score`: rules, NUL, a JSON record. Both paths agree and scores stay in bounds.
pub fn score(data: &[u8]) {
    let (rules, record) = split(data);
    let Ok(card) = Scorecard::compile_bytes(rules, &Limits::default()) else { return };
    let Ok(json) = std::str::from_utf8(record) else { return };
    let parsed = card.parse_record(json);
    if let Ok(record) = &parsed {
        let _ = card.trace(record);
    }
    let report = agree(&card, &parsed);
    assert_eq!(report.as_ref().err(), card.evaluate_json(json).as_ref().err());
    if let Ok(report) = report {
        within_bounds(&card, &report);
    }
}

/// `format`: any bytes as a rule file. Formatting is idempotent, and the
/// formatted file compiles exactly when the original does, to the same inputs.
pub fn format(data: &[u8]) {
    let limits = Limits::default();
    let Ok(once) = scorecard::format_bytes(data, &limits) else { return };
    let relaxed = Limits::default().with_max_file_bytes(limits.max_file_bytes().max(once.len()));
    let twice = scorecard::format(&once, &relaxed);
    assert_eq!(twice.as_ref().ok(), Some(&once), "formatting twice changes the text");
    let before = Scorecard::compile_bytes(data, &limits);
    let after = Scorecard::compile_with(&once, &relaxed);
    assert_eq!(before.is_ok(), after.is_ok(), "formatting changes whether the file compiles");
    if let (Ok(before), Ok(after)) = (before, after) {
        let keys = |c: &Scorecard| c.inputs().map(|i| i.key.to_owned()).collect::<Vec<_>>();
        assert_eq!(keys(&before), keys(&after));
        assert_eq!(before.full_marks(), after.full_marks());
    }
}

/// `json_records`: any bytes as JSON for the seed table, through every entry:
/// text, a parsed value, and a `DeserializeSeed`. Entries that read the same
/// text agree.
pub fn json_records(data: &[u8]) {
    let card = crate::seed();
    let Ok(json) = std::str::from_utf8(data) else { return };
    let parsed = card.parse_record(json);
    let report = agree(card, &parsed);
    let mut de = serde_json::Deserializer::from_str(json);
    if let Ok(seeded) = card.record_seed().deserialize(&mut de) {
        if de.end().is_ok() {
            assert_eq!(agree(card, &seeded).ok().map(|r| r.total), report.as_ref().ok().map(|r| r.total));
        }
    }
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(json) {
        let values = match &value {
            serde_json::Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for value in values {
            let _ = agree(card, &card.parse_value(value));
        }
    }
    if let Ok(report) = report {
        within_bounds(card, &report);
    }
}

/// `csv_records`: any bytes as CSV for the seed table, read by the csv crate
/// as tables are: a header row of input keys or names, then one record a row,
/// each cell set from its text as an analyst writes it.
pub fn csv_records(data: &[u8]) {
    let card = crate::seed();
    let Ok(tables) = scorecard_table::document::read_csv(data, "fuzz.csv") else { return };
    for table in tables {
        let mut rows = table.rows.iter();
        let Some(header) = rows.next() else { continue };
        let keys: Vec<_> = header.cells.iter().map(|c| input_named(card, &c.text)).collect();
        for row in rows {
            let mut record = card.record();
            let mut set = Ok(());
            for (cell, key) in row.cells.iter().zip(&keys) {
                if let (Some(key), false) = (key, cell.text.is_empty()) {
                    set = set.and(card.set_str(&mut record, *key, &cell.text));
                }
            }
            if let Ok(report) = agree(card, &set.map(|()| record)) {
                within_bounds(card, &report);
            }
        }
    }
}

/// The input a CSV header cell names: by key, by name, or by name with its unit.
fn input_named(card: &Scorecard, header: &str) -> Option<scorecard::InputKey> {
    let names = |i: &scorecard::InputInfo<'_>| {
        header == i.name
            || [("（", "）"), ("(", ")")].iter().any(|(l, r)| header == format!("{}{l}{}{r}", i.name, i.unit))
    };
    let key = card.inputs().find(names).map_or(header, |i| i.key);
    card.input(key).ok()
}

/// `suite`: rules, NUL, a suite. A suite that loads runs and renders, and
/// blessing it gives a suite that still loads.
pub fn suite(data: &[u8]) {
    let (rules, suite) = split(data);
    let Ok(card) = Scorecard::compile_bytes(rules, &Limits::default()) else { return };
    let Ok(text) = std::str::from_utf8(suite) else { return };
    let Ok(loaded) = scorecard_suite::load_text("fuzz.suite.toml", text, card.clone()) else { return };
    let outcome = loaded.run();
    let _ = scorecard_suite::diff::render(&outcome);
    let _ = scorecard_suite::Snapshot::of(&outcome);
    if let Ok((blessed, _, _)) = scorecard_suite::bless_text(text, &outcome) {
        let again = scorecard_suite::load_text("fuzz.suite.toml", &blessed, card);
        assert!(again.is_ok(), "a blessed suite does not load:\n{blessed}\n{:?}", again.err());
    }
}

/// Scores a record both ways, the full report and the fast path, and checks
/// they agree: the same total and indicator scores, or the same errors.
///
/// # Panics
/// When the two paths disagree.
pub fn agree(card: &Scorecard, record: &Result<Record, RecordError>) -> Result<Report, RecordError> {
    let record = record.as_ref().map_err(Clone::clone)?;
    let report = card.report(record);
    let scores = card.score(record);
    match (&report, &scores) {
        (Ok(report), Ok(scores)) => {
            assert_eq!((report.total, report.disqualified), (scores.total, scores.disqualified));
            for (r, s) in report.indicators.iter().zip(&scores.indicators) {
                assert_eq!((r.score, r.deduction, r.status), (s.score, s.deduction, s.status), "{}", r.name);
            }
        }
        (Err(r), Err(s)) => assert_eq!(r, s),
        (r, s) => panic!("the paths disagree\nreport: {:?}\nscore: {:?}", r.as_ref().err(), s.as_ref().err()),
    }
    report
}

/// Every indicator scores within [0, its points] and the total within
/// [0, full marks], unless the file lets bonuses exceed full marks.
///
/// # Panics
/// When a score is out of bounds.
pub fn within_bounds(card: &Scorecard, report: &Report) {
    if bonuses_may_exceed(card.source()) {
        return;
    }
    for i in &report.indicators {
        assert!(i.score >= scorecard::Decimal::ZERO && i.score <= i.points, "{}: {} of {}", i.name, i.score, i.points);
    }
    let total = report.total;
    assert!(total >= scorecard::Decimal::ZERO && total <= report.full_marks, "total {total} of {}", report.full_marks);
}

/// Whether a rule file says bonuses may lift a score past full marks.
pub fn bonuses_may_exceed(src: &str) -> bool {
    src.contains("加分可超过满分") || src.contains("exceed")
}
