//! `scorecard eval`: formats, batches, bad records and hostile input.

mod common;

use common::{arg, measurements, scorecard, scorecard_with_stdin, temp_file, MEASUREMENTS, SEED};
use unicode_width::UnicodeWidthStr;

const EN: &str = "tests/fixtures/window-en.rules";

#[test]
fn the_readme_job_prints_a_table_with_the_total() {
    let run = scorecard(&["eval", SEED, "--data", MEASUREMENTS]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("指标"), "{}", run.stdout);
    for word in ["分值", "扣分", "得分", "说明", "年办件量", "产出指标"] {
        assert!(run.stdout.contains(word), "missing {word}:\n{}", run.stdout);
    }
    assert!(run.stdout.contains("总分 81.00/100.00，等级 良"), "{}", run.stdout);
    assert!(!run.stdout.contains("记录"), "a single record has no heading");
}

/// The right edge of the score column, in display columns, is the same on
/// every row: the character ending there is a digit, followed by the gap or the end.
#[test]
fn table_columns_line_up_under_chinese_text() {
    let run = scorecard(&["eval", SEED, "--data", MEASUREMENTS]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    let header = lines[0];
    let edge = header[..header.find("得分").unwrap() + "得分".len()].width();
    let rows = &lines[2..lines.len() - 1];
    assert_eq!(rows.len(), 7 + 3 + 5, "7 indicators, 3 groups, 5 subgroups:\n{}", run.stdout);
    for row in rows {
        let end = byte_at_width(row, edge).unwrap_or_else(|| panic!("no column edge in {row:?}"));
        assert!(row[..end].ends_with(|c: char| c.is_ascii_digit()), "misaligned row {row:?}");
        assert!(row[end..].is_empty() || row[end..].starts_with("  "), "misaligned row {row:?}");
    }
}

/// The byte offset at which `text` reaches `columns` display columns.
fn byte_at_width(text: &str, columns: usize) -> Option<usize> {
    let mut width = 0;
    for (at, c) in text.char_indices() {
        if width == columns {
            return Some(at);
        }
        width = width.saturating_add(c.to_string().width());
    }
    (width == columns).then_some(text.len())
}

#[test]
fn json_format_keeps_exact_numbers() {
    let run = scorecard(&["eval", SEED, "--data", MEASUREMENTS, "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"total\":81,"), "{}", run.stdout);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let indicators = report["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 7);
    assert_eq!(indicators[0]["name"], "年办件量");
    for field in ["points", "deduction", "score", "explanation", "path", "fired"] {
        assert!(indicators[0].get(field).is_some(), "no {field}");
    }
}

#[test]
fn jsonl_reports_a_bad_record_at_its_own_position() {
    let good = measurements();
    let input = format!("{good}\n{{\"cases\": \"很多\"}}\n\n{good}\n");
    let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "jsonl"], input.as_bytes());
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    for line in &lines {
        assert!(serde_json::from_str::<serde_json::Value>(line).is_ok(), "not JSON: {line}");
    }
    assert!(lines[0].contains("\"total\":81,") && lines[2].contains("\"total\":81,"));
    assert!(lines[1].starts_with("{\"line\":2,\"errors\":[{"), "{}", lines[1]);
    assert!(lines[1].contains("\"message\":"), "{}", lines[1]);
    assert!(run.stderr.contains("<stdin>:2"), "{}", run.stderr);
    assert!(run.stderr.contains("3 条记录中有 1 条有错误"), "{}", run.stderr);
}

#[test]
fn a_json_array_is_a_batch_in_input_order() {
    let good = measurements();
    let input = format!("[\n  {good},\n  {{\"cases\": 1}},\n  {good}\n]\n");
    let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "json"], input.as_bytes());
    assert_eq!(run.code, 1);
    let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[1]["line"], 3);
    assert!(items[1]["errors"].as_array().is_some_and(|e| !e.is_empty()));
    assert_eq!(items[2]["grade"], "良");
}

#[test]
fn batch_tables_are_headed_by_line_number() {
    let good = measurements();
    let input = format!("{good}\n\n{{\"cases\": -1}}\n{good}\n");
    let run = scorecard_with_stdin(&["eval", SEED, "--data", "-"], input.as_bytes());
    assert_eq!(run.code, 1);
    for heading in ["记录 1\n", "记录 3\n未评分：", "记录 4\n"] {
        assert!(run.stdout.contains(heading), "no {heading:?} in\n{}", run.stdout);
    }
    assert_eq!(run.stdout.matches("总分 81.00/100.00").count(), 2);
}

#[test]
fn english_rules_get_english_tables() {
    let input = "{\"cases\": 100, \"cases_last_year\": 120, \"satisfaction\": \"85%\"}\n{\"cases\": 1}\n";
    let run = scorecard_with_stdin(&["eval", EN, "--data", "-"], input.as_bytes());
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("record 1\nindicator"), "{}", run.stdout);
    assert!(run.stdout.contains("points  deduction  score  explanation"), "{}", run.stdout);
    assert!(run.stdout.contains("total 14.00/20.00, grade fair"), "{}", run.stdout);
    assert!(run.stderr.contains("1 of 2 records had errors"), "{}", run.stderr);
}

#[test]
fn a_pretty_printed_object_is_one_record() {
    let pretty = measurements().replace(", ", ",\n  ");
    let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "json"], pretty.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("{\"schema_version\":1,\"scorecard\""), "{}", run.stdout);
}

#[test]
fn a_one_line_array_is_a_batch() {
    let input = format!("[{}]", measurements());
    let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "json"], input.as_bytes());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("[\n{\"schema_version\":1,\"scorecard\""), "{}", run.stdout);
}

#[test]
fn hostile_data_is_an_error_not_a_crash() {
    let good = measurements();
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let digits = good.replace("1500000", &"9".repeat(100));
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("blank", b"\n  \n\t\n".to_vec()),
        ("not utf-8", format!("{good}\n{{\"cases\": \"\u{0}\"}}\n").into_bytes()),
        ("invalid utf-8", [good.as_bytes(), b"\n{\"cases\": \"\xff\"}\n"].concat()),
        ("nul", b"{\"cases\":\0 1}".to_vec()),
        ("deep nesting", deep.into_bytes()),
        ("deep object line", format!("{good}\n{}\n", "{\"a\":".repeat(100_000)).into_bytes()),
        ("100 digits", digits.into_bytes()),
        ("not an object", b"42\n".to_vec()),
        ("truncated", b"{\"cases\": ".to_vec()),
    ];
    for (name, input) in cases {
        let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "jsonl"], &input);
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(!run.stderr.is_empty(), "{name}: no message");
    }
}

#[test]
fn a_malformed_first_line_does_not_hide_the_records_after_it() {
    let input = format!("{{\"cases\": 1,,}}\n{}\n", measurements());
    let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "jsonl"], input.as_bytes());
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with("{\"line\":1,") && lines[0].contains("\"kind\":\"json\""), "{}", lines[0]);
    assert!(lines[1].contains("\"total\":81,"), "{}", lines[1]);
}

#[test]
fn invalid_utf8_names_the_line() {
    let input = [measurements().as_bytes(), b"\n{\"cases\": \"\xff\"}\n"].concat();
    let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "jsonl"], &input);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("<stdin>:2"), "{}", run.stderr);
    assert!(run.stdout.lines().nth(1).unwrap().contains("\"kind\":\"invalid_utf8\""), "{}", run.stdout);
}

#[test]
fn size_limits_apply() {
    let good = measurements();
    let long = format!("{good}\n{{\"x\": \"{}\"}}\n{good}\n", "a".repeat(5000));
    let args = ["eval", SEED, "--data", "-", "--format", "jsonl", "--max-record-bytes", "1000"];
    let run = scorecard_with_stdin(&args, long.as_bytes());
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout.lines().count(), 3);
    assert!(run.stdout.contains("\"kind\":\"line_too_long\""), "{}", run.stdout);

    let pretty = good.replace(", ", ",\n  ");
    let args = ["eval", SEED, "--data", "-", "--max-data-bytes", "50"];
    let run = scorecard_with_stdin(&args, pretty.as_bytes());
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("--max-data-bytes"), "{}", run.stderr);
}

#[test]
fn unreadable_files_exit_2_naming_the_path() {
    let run = scorecard(&["eval", SEED, "--data", "no/such/data.json"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such/data.json"), "{}", run.stderr);
    let run = scorecard(&["eval", "no/such.rules", "--data", MEASUREMENTS]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no/such.rules"), "{}", run.stderr);
    let run = scorecard(&["eval", SEED, "--data", "tests"]);
    assert_eq!(run.code, 2, "a directory cannot be read: {}", run.stderr);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["eval", SEED, "--data", MEASUREMENTS, "--frmat", "json"][..],
        &["eval", SEED][..],
        &["eval", SEED, "--data", MEASUREMENTS, "--format", "xml"][..],
        &["frobnicate"][..],
        &[][..],
    ] {
        assert_eq!(scorecard(args).code, 2, "{args:?}");
    }
}

#[test]
fn bad_rules_stop_eval_with_diagnostics() {
    let run = scorecard(&["eval", "tests/fixtures/broken-zh.rules", "--data", MEASUREMENTS]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("broken-zh.rules:3:20"), "{}", run.stderr);
    assert!(run.stderr.contains("E0101"), "{}", run.stderr);
}

#[test]
fn data_from_a_file_with_a_bom_and_crlf() {
    let path = temp_file("bom.jsonl", format!("\u{feff}{}\r\n{}\r\n", measurements(), measurements()).as_bytes());
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 2);
}

/// JSON Lines with LF, CRLF or a lone CR (old Mac files) between records
/// read the same records at the same lines: a lone CR once merged them into
/// one bad record (issue 10).
#[test]
fn every_line_break_separates_json_lines() {
    let good = measurements();
    for (name, brk) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
        let input = format!("{good}{brk}{{\"cases\": \"很多\"}}{brk}{brk}{good}{brk}");
        for format in ["jsonl", "auto"] {
            let run = scorecard_with_stdin(
                &["eval", SEED, "--data", "-", "--input-format", format, "--format", "jsonl"],
                input.as_bytes(),
            );
            let lines: Vec<&str> = run.stdout.lines().collect();
            assert_eq!(lines.len(), 3, "{name} {format}: {}", run.stdout);
            assert!(lines[0].contains("\"total\":81,") && lines[2].contains("\"total\":81,"), "{name} {format}");
            assert!(lines[1].starts_with("{\"line\":2,"), "{name} {format}: {}", lines[1]);
        }
        let file = temp_file(&format!("cr-{name}.jsonl"), input.as_bytes());
        let run = scorecard(&["explain", SEED, "--data", arg(&file)]);
        assert!(run.stdout.matches("年办件量").count() >= 2, "{name}: {}", run.stdout);
        assert!(run.stderr.contains(":2"), "{name}: {}", run.stderr);
    }
}

/// A JSON array with LF, CRLF or lone CR line breaks gives each record the
/// line it starts on, and a JSON syntax error the line it is on (issue 10:
/// with lone CRs every line was 1).
#[test]
fn json_array_lines_are_right_for_every_line_break() {
    let good = measurements();
    for (name, brk) in [("LF", "\n"), ("CRLF", "\r\n"), ("CR", "\r")] {
        let input = format!("[{brk}  {good},{brk}{brk}  {{\"cases\": 1}},{brk}  {good}{brk}]{brk}");
        let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "json"], input.as_bytes());
        let items: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(items.len(), 3, "{name}");
        assert_eq!(items[1]["line"], 4, "{name}: {}", items[1]);
        assert_eq!(items[2]["grade"], "良", "{name}");
        let broken = format!("[{brk}  {good},{brk}  {{\"cases\": }}{brk}]{brk}");
        let run = scorecard_with_stdin(&["eval", SEED, "--data", "-", "--format", "jsonl"], broken.as_bytes());
        assert!(run.stdout.contains("\"line\":3,"), "{name}: {}", run.stdout);
        // A single object spread over lines reports its JSON error's line too.
        let object = format!("{{{brk}\"cases\": 1,{brk}\"spending\": }}{brk}");
        let run = scorecard_with_stdin(
            &["eval", SEED, "--data", "-", "--input-format", "json", "--format", "jsonl"],
            object.as_bytes(),
        );
        assert!(run.stdout.contains("\"kind\":\"json\",\"line\":3,"), "{name}: {}", run.stdout);
    }
}
