//! CSV in and out: UTF-8 with and without a BOM, GBK from Chinese Excel,
//! empty cells, quoted cells, line numbers, and the CSV report for Excel.

mod common;

use common::{arg, measurements, scorecard, temp_file, SEED};

/// The seed's input keys, in the header's order.
const HEADER: &str =
    "cases,cases_last_year,staff_satisfaction,on_time_rate,spending,complaint_rate,blacklist_count,public_satisfaction";
/// The seed measurements as a CSV row (the spending in 万元, with its unit).
const ROW: &str = "1500000,1800000,85,92.5%,270万元,12.5,0,91";
/// Columns of the CSV report: line, total, grade, 7 × (score, deduction, explanation), error.
const COLUMNS: usize = 3 + 7 * 3 + 1;

/// The seed measurements scored from JSON, as one JSON Lines report.
fn seed_report() -> String {
    let path = temp_file("seed.jsonl", measurements().as_bytes());
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout.trim_end().to_owned()
}

fn csv(name: &str, text: &str) -> std::path::PathBuf {
    temp_file(name, text.as_bytes())
}

#[test]
fn utf8_csv_with_or_without_a_bom_scores_like_the_json() {
    let seed = seed_report();
    for (name, text) in [
        ("plain.csv", format!("{HEADER}\n{ROW}\n{ROW}\n")),
        ("bom.csv", format!("\u{feff}{HEADER}\r\n{ROW}\r\n{ROW}\r\n")),
    ] {
        let run = scorecard(&["eval", SEED, "--data", arg(&csv(name, &text)), "--format", "jsonl"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let lines: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(lines, [seed.as_str(), seed.as_str()], "{name}");
    }
}

#[test]
fn gbk_csv_from_excel_reads_with_encoding_gbk() {
    let text = format!("{HEADER}\r\n{ROW}\r\n1500000,1800000,85,92.5%,2700000元,12.5,0,91\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    assert_ne!(gbk.as_ref(), text.as_bytes(), "the test needs non-ASCII bytes");
    let path = temp_file("gbk.csv", &gbk);
    for encoding in ["gbk", "gb18030"] {
        let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl", "--encoding", encoding]);
        assert_eq!(run.code, 0, "{encoding}: {}", run.stderr);
        assert_eq!(run.stdout.lines().collect::<Vec<_>>(), [seed_report(), seed_report()]);
    }
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl"]);
    assert_eq!(run.code, 1, "GBK read as UTF-8 is an error");
    assert!(run.stderr.contains("gbk.csv:2：") && run.stderr.contains("--encoding gbk"), "{}", run.stderr);
}

/// GB18030 has a byte-order mark of its own (84 31 95 33); Excel and other
/// tools may write it. It is dropped, not read as part of the first key.
#[test]
fn a_gb18030_byte_order_mark_is_dropped() {
    let text = format!("\u{feff}{HEADER}\r\n{ROW}\r\n");
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert_eq!(bytes.get(..4), Some(&[0x84, 0x31, 0x95, 0x33][..]), "the test needs the GB18030 mark");
    let path = temp_file("gb18030-bom.csv", &bytes);
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl", "--encoding", "gb18030"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.trim_end(), seed_report());
}

#[test]
fn an_empty_cell_is_a_missing_value_named_at_its_csv_line() {
    let text = format!("{HEADER}\n{ROW}\n1500000,,85,92.5%,270万元,12.5,0,91\n\n{ROW}\n");
    let run = scorecard(&["eval", SEED, "--data", arg(&csv("empty.csv", &text)), "--format", "jsonl"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[1].starts_with("{\"line\":3,") && lines[1].contains("\"kind\":\"missing\""), "{}", lines[1]);
    assert!(run.stderr.contains("empty.csv:3：") && run.stderr.contains("`cases_last_year`"), "{}", run.stderr);
    assert!(run.stderr.contains("3 条记录中有 1 条有错误"), "{}", run.stderr);
}

#[test]
fn line_numbers_count_quoted_line_breaks_and_bad_rows_keep_their_place() {
    let text = format!(
        "{HEADER},note\n{ROW},\"two\nlines\"\n{ROW},\"say \"\"hi\"\"\"\n1500000,1800000,85\n{ROW},x,extra\nabc,1800000,85,92.5%,270万元,12.5,0,91,\n"
    );
    let run = scorecard(&["eval", SEED, "--data", arg(&csv("quoted.csv", &text)), "--format", "jsonl"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", run.stdout);
    assert!(lines[0].contains("\"total\":81,") && lines[1].contains("\"total\":81,"));
    assert!(lines[2].starts_with("{\"line\":5,") && lines[2].contains("\"kind\":\"csv_cells\""), "{}", lines[2]);
    assert!(lines[3].starts_with("{\"line\":6,") && lines[3].contains("\"kind\":\"csv_cells\""), "{}", lines[3]);
    assert!(lines[4].starts_with("{\"line\":7,") && lines[4].contains("\"kind\":\"not_a_number\""), "{}", lines[4]);
    for line in ["quoted.csv:5：", "quoted.csv:6：", "quoted.csv:7："] {
        assert!(run.stderr.contains(line), "no {line} in {}", run.stderr);
    }
}

#[test]
fn the_input_format_can_be_named_or_taken_from_the_extension() {
    let text = format!("{HEADER}\n{ROW}\n");
    let upper = csv("DATA.CSV", &text);
    let run = scorecard(&["eval", SEED, "--data", arg(&upper), "--format", "jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let txt = csv("data.txt", &text);
    let run = scorecard(&["eval", SEED, "--data", arg(&txt), "--format", "jsonl", "--input-format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = scorecard(&["eval", SEED, "--data", arg(&upper), "--input-format", "jsonl"]);
    assert_eq!(run.code, 1, "a CSV read as JSON Lines is bad data");
    let run = scorecard(&["eval", SEED, "--data", arg(&csv("header.csv", &format!("{HEADER}\n"))), "--format", "csv"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.is_empty());
    assert!(run.stderr.contains("没有记录") && run.stderr.contains("CSV"), "{}", run.stderr);
}

/// Splits one CSV line into cells (quotes as RFC 4180; no line breaks inside).
fn cells(line: &str) -> Vec<String> {
    let (mut cells, mut cell, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(std::mem::take(&mut cell)),
            (c, _) => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

#[test]
fn csv_output_has_a_bom_a_header_and_a_row_per_record() {
    let text = format!("{HEADER}\n{ROW}\n1500000,,85,92.5%,270万元,12.5,0,91\n");
    let run = scorecard(&["eval", SEED, "--data", arg(&csv("out.csv", &text)), "--format", "csv", "--jobs", "2"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with('\u{feff}'), "no BOM");
    let rows: Vec<Vec<String>> = run.stdout.trim_start_matches('\u{feff}').split("\r\n").map(cells).collect();
    assert_eq!(rows.len(), 4, "header, two rows, and the empty string after the last CRLF");
    let header = &rows[0];
    assert_eq!(header.len(), COLUMNS);
    assert_eq!(header[..6], ["行号", "总分", "等级", "年办件量 得分", "年办件量 扣分", "年办件量 说明"]);
    assert_eq!(header[COLUMNS - 1], "错误");
    let good = &rows[1];
    assert_eq!(good.len(), COLUMNS);
    assert_eq!(good[..5], ["2", "81.00", "良", "5.00", "3.00"]);
    assert!(good[5].starts_with("年办件量 1,500,000件"), "{}", good[5]);
    assert_eq!(good[COLUMNS - 1], "");
    let bad = &rows[2];
    assert_eq!(bad.len(), COLUMNS);
    assert_eq!(bad[0], "3");
    assert!(bad[1..COLUMNS - 1].iter().all(String::is_empty), "{bad:?}");
    assert!(bad[COLUMNS - 1].contains("`cases_last_year`"), "{bad:?}");
    assert_eq!(rows[3], [""]);
}

#[test]
fn csv_output_for_english_rules_and_json_input() {
    let input = "{\"cases\": 100, \"cases_last_year\": 120, \"satisfaction\": \"85%\"}\n";
    let path = temp_file("en.jsonl", input.as_bytes());
    let run = scorecard(&["eval", "tests/fixtures/window-en.rules", "--data", arg(&path), "--format", "csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let header = cells(run.stdout.trim_start_matches('\u{feff}').lines().next().unwrap());
    assert_eq!(header[..3], ["line", "total", "grade"]);
    assert!(header[3].ends_with(" score") && header[4].ends_with(" deduction"), "{header:?}");
    assert_eq!(header.last().map(String::as_str), Some("error"));
}

#[test]
fn unknown_encodings_and_input_formats_are_usage_errors() {
    let path = csv("usage.csv", &format!("{HEADER}\n{ROW}\n"));
    for flags in [["--encoding", "latin1"], ["--input-format", "xml"], ["--jobs", "-1"]] {
        let run = scorecard(&["eval", SEED, "--data", arg(&path), flags[0], flags[1]]);
        assert_eq!(run.code, 2, "{flags:?}: {}", run.stderr);
    }
}

#[test]
fn columns_the_rules_do_not_read_are_named_once() {
    let header = HEADER.replace("cases,", "case,");
    let text = format!("{header},备注\n{ROW},ok\n{ROW},ok\n");
    let run = scorecard(&["eval", SEED, "--data", arg(&csv("typo.csv", &text)), "--format", "jsonl"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr.matches("不是规则文件的输入").count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("`case`、`备注`"), "{}", run.stderr);
    assert!(run.stderr.contains("typo.csv:2：") && run.stderr.contains("`cases`"), "{}", run.stderr);
}

#[test]
fn a_rejected_value_names_its_row_column_and_header() {
    let text = format!("{HEADER}\n{ROW}\n1500000,1800000,85,92.5%,很多,12.5,0,91\n");
    let data = csv("cell.csv", &text);
    let run = scorecard(&["eval", SEED, "--data", arg(&data), "--format", "jsonl", "--brief"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let bad: serde_json::Value = serde_json::from_str(run.stdout.lines().nth(1).unwrap()).unwrap();
    assert_eq!(bad["line"], 3);
    assert_eq!(bad["errors"][0]["cell"], "第 3 行第 5 列（spending）");
    assert!(bad["errors"][0]["message"].as_str().unwrap().starts_with("第 3 行第 5 列（spending）："), "{bad}");
    let table = scorecard(&["eval", SEED, "--data", arg(&data), "--format", "csv", "--lang", "en"]);
    assert!(table.stdout.contains("row 3, column 5 (spending): "), "{}", table.stdout);
}
