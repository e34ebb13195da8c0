//! Spreadsheets in and out: the data-entry template, records read from
//! .xlsx cells as the analyst sees them, and the 绩效自评表 workbook.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::float_arithmetic)]

mod common;

use std::path::{Path, PathBuf};

use calamine::{open_workbook_auto, Data, Reader};
use common::{arg, scorecard, temp_file, SEED};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// Where a test writes its files.
fn dir() -> PathBuf {
    temp_file("x", b"").parent().unwrap().to_path_buf()
}

/// A workbook's sheet as text rows (numbers as calamine gives them).
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book = open_workbook_auto(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    range.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect()
}

fn sheet_names(path: &Path) -> Vec<String> {
    open_workbook_auto(path).unwrap().sheet_names()
}

/// Totals from `eval --format json` for the same data.
fn json_totals(data: &Path) -> Vec<String> {
    let run = scorecard(&["eval", SEED, "--data", arg(data), "--format", "jsonl"]);
    run.stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.get("total").map_or_else(|| "error".to_owned(), ToString::to_string)
        })
        .collect()
}

/// The seed measurements typed into a workbook the way analysts do: names as
/// headers, a percentage cell, a number stored as text, and a formula whose
/// double is 217.55699999999996 (Excel shows 217.557).
fn typed_workbook(path: &Path) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let percent = Format::new().set_num_format("0.0%");
    let heads = [
        "名称",
        "年办件量",
        "上期",
        "staff_satisfaction",
        "年办结率（%）",
        "支出金额",
        "群众办事投诉率",
        "黑榜次数",
        "办事群众满意度",
    ];
    for (col, h) in (0..).zip(heads) {
        sheet.write_string(0, col, h).unwrap();
    }
    sheet.write_string(1, 0, "# notes are skipped").unwrap();
    sheet.write_string(2, 0, "政务中心").unwrap();
    sheet.write_string(2, 1, "1500000").unwrap(); // a number stored as text
    sheet.write_number(2, 2, 1_800_000).unwrap();
    sheet.write_number(2, 3, 85).unwrap();
    sheet.write_number_with_format(2, 4, 0.925, &percent).unwrap(); // shows 92.5%
    let budget = Formula::new("=241.73*9/10").set_result((241.73_f64 * 9.0 / 10.0).to_string());
    sheet.write_formula(2, 5, budget).unwrap();
    sheet.write_number(2, 6, 12.5).unwrap();
    sheet.write_number(2, 7, 0).unwrap();
    sheet.write_number(2, 8, 91).unwrap();
    // A second record with an error cell in the budget column.
    sheet.write_string(3, 0, "=HYPERLINK(\"x\")").unwrap();
    for col in 1..=8 {
        sheet.write_number(3, col, 1).unwrap();
    }
    sheet.write_formula(3, 5, Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
    book.save(path).unwrap();
}

#[test]
fn cells_are_read_as_the_analyst_sees_them() {
    let xlsx = dir().join("typed.xlsx");
    typed_workbook(&xlsx);
    let run = scorecard(&["eval", SEED, "--data", arg(&xlsx), "--format", "jsonl"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    // The same record in JSON, with the values as Excel shows them.
    let json = r#"{"cases":"1500000","cases_last_year":"1800000","staff_satisfaction":"85","on_time_rate":"92.5%","spending":"217.557","complaint_rate":"12.5","blacklist_count":"0","public_satisfaction":"91"}"#;
    let expected =
        scorecard(&["eval", SEED, "--data", arg(&temp_file("r.json", json.as_bytes())), "--format", "jsonl"]);
    assert_eq!(lines[0], expected.stdout.trim_end());
    // 217.557 is exactly 10% under the budget of 241.73: no deduction (the raw double would lose 8 points).
    let report: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    let cost = &report["indicators"][3];
    assert_eq!(cost["deduction"], serde_json::json!(0), "{cost}");
    // The bad cell is named, and its row keeps its place.
    assert!(lines[1].starts_with(r#"{"line":4,"#), "{}", lines[1]);
    assert!(run.stderr.contains("typed.xlsx:4：单元格 Sheet1!F4 是错误值 #DIV/0!"), "{}", run.stderr);
    // The name column is known, and the note row is not a record.
    assert!(!run.stderr.contains("不是规则文件的输入"), "{}", run.stderr);
}

#[test]
fn a_date_cell_is_a_date() {
    let rules = temp_file(
        "date.rules",
        "计分表 「日期」\n总分 10分\n输入 完成日期 = done（日期）\n一级指标 产出\n  二级指标 时效\n    三级指标 项目完成进度\n      指标值 ≤ 2021年6月30日\n      分值 10分\n      评分 完成日期每滞后1天扣0.5分\n".as_bytes(),
    );
    let xlsx = dir().join("date.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "完成日期").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_datetime_with_format(1, 0, ExcelDateTime::from_ymd(2021, 7, 4).unwrap(), &date).unwrap();
    book.save(&xlsx).unwrap();
    let run = scorecard(&["eval", arg(&rules), "--data", arg(&xlsx), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"total\":8"), "{}", run.stdout);
    assert!(run.stdout.contains("2021-07-04"), "{}", run.stdout);
}

#[test]
fn template_csv_names_every_input_with_key_unit_and_range() {
    let run = scorecard(&["template", SEED]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut lines = run.stdout.lines();
    assert_eq!(
        lines.next().unwrap(),
        "\u{feff}名称,年办件量,上期,入驻窗口工作人员的满意度,年办结率,支出金额,群众办事投诉率,黑榜次数,办事群众满意度"
    );
    let note = lines.next().unwrap();
    assert!(note.starts_with('#'), "{note}");
    assert!(note.contains(",staff_satisfaction · % · 0～100,"), "{note}");
    assert!(note.contains(",spending · 万元,"), "{note}");
    // Filled in, it reads back: the note row is skipped.
    let filled = format!("{}政务中心,1500000,1800000,85,92.5%,270万元,12.5,0,91\r\n", run.stdout);
    let csv = temp_file("filled.csv", filled.as_bytes());
    let eval = scorecard(&["eval", SEED, "--data", arg(&csv), "--format", "jsonl"]);
    assert_eq!(eval.code, 0, "{}", eval.stderr);
    assert_eq!(eval.stdout.lines().count(), 1);
}

#[test]
fn template_xlsx_checks_what_is_typed() {
    let rules = temp_file(
        "kinds.rules",
        "计分表 「种类」\n总分 10分\n输入 满意度 = s（%），范围 0～100\n输入 任务分解 = split（是否）\n输入 评价 = rating（等级：达成、部分达成、未达成）\n输入 完成日期 = done（日期）\n一级指标 产出\n  二级指标 质量\n    三级指标 满意\n      分值 4分\n      评分 满意度低于90%，扣4分\n    三级指标 分解\n      分值 2分\n      评分 任务分解为否，扣2分\n    三级指标 评价\n      分值 2分\n      评分 评价为未达成，扣2分\n    三级指标 进度\n      指标值 ≤ 2021年6月30日\n      分值 2分\n      评分 完成日期每滞后1天扣0.5分\n".as_bytes(),
    );
    let xlsx = dir().join("template.xlsx");
    let run = scorecard(&["template", arg(&rules), "-o", arg(&xlsx)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rows = sheet_rows(&xlsx, "填报表");
    assert_eq!(rows[0], ["名称", "满意度", "任务分解", "评价", "完成日期"]);
    assert_eq!(rows[1][1..], ["s · % · 0～100", "split · 是/否", "rating · 达成/部分达成/未达成", "done · 日期"]);
    // The checks are in the sheet's XML: a decimal range, two lists and a date.
    let xml = unzip_sheet(&xlsx);
    assert!(
        xml.contains(r#"type="decimal""#) && xml.contains("<formula1>0</formula1><formula2>100</formula2>"),
        "{xml}"
    );
    assert!(xml.contains("\"是,否\""), "{xml}");
    assert!(xml.contains("\"达成,部分达成,未达成\""), "{xml}");
    assert!(xml.contains(r#"type="date""#), "{xml}");
}

/// The first worksheet's XML, unzipped with the system's `unzip`.
fn unzip_sheet(xlsx: &Path) -> String {
    let out = std::process::Command::new("unzip").args(["-p", arg(xlsx), "xl/worksheets/sheet1.xml"]).output();
    let out = out.expect("unzip must be installed (Debian package unzip)");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn round_trip_template_filled_xlsx_to_the_form_workbook() {
    let d = dir();
    let template = d.join("t.xlsx");
    assert_eq!(scorecard(&["template", SEED, "-o", arg(&template)]).code, 0);
    // Fill it as an analyst would: keep the header and note, add rows.
    let rows = sheet_rows(&template, "填报表");
    let filled = d.join("filled.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, row) in (0..).zip(&rows) {
        for (c, text) in (0..).zip(row) {
            sheet.write_string(r, c, text).unwrap();
        }
    }
    let values = [
        ["一号/单位:甲", "1500000", "1800000", "85", "92.5%", "270万元", "12.5", "0", "91"],
        ["一号/单位:甲", "1700000", "1800000", "95", "95%", "241.73", "1", "0", "99"],
        ["三号", "1500000", "", "85", "92.5%", "270万元", "12.5", "0", "91"],
    ];
    for (r, row) in (2..).zip(values) {
        for (c, text) in (0..).zip(row) {
            match text.parse::<f64>() {
                Ok(x) => sheet.write_number(r, c, x).unwrap(),
                Err(_) => sheet.write_string(r, c, text).unwrap(),
            };
        }
    }
    book.save(&filled).unwrap();
    let out = d.join("form.xlsx");
    let run = scorecard(&["eval", SEED, "--data", arg(&filled), "--format", "xlsx", "-o", arg(&out)]);
    assert_eq!(run.code, 1, "the third record lacks 上期: {}", run.stderr);
    assert!(run.stderr.contains("filled.xlsx:5"), "{}", run.stderr);
    // Sheets: the summary first, then one form per record, named from the name column (sanitised, unique).
    assert_eq!(sheet_names(&out), ["汇总", "一号_单位_甲", "一号_单位_甲 (2)", "三号"]);
    let summary = sheet_rows(&out, "汇总");
    assert_eq!(summary[0][..2], ["行号", "名称"]);
    assert_eq!(summary[0][9..], ["总分", "等级", "错误"]);
    let totals: Vec<String> = summary[1..].iter().map(|r| r[9].clone()).collect();
    assert_eq!(totals[..2], json_totals(&filled)[..2]);
    assert!(summary[3][11].contains("cases_last_year"), "{:?}", summary[3]);
    // The form: header, merged group cells, values with units, points, total and grade.
    let form = sheet_rows(&out, "一号_单位_甲");
    assert!(form[0][0].contains("绩效自评表"), "{:?}", form[0]);
    assert_eq!(form[1], ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "扣分说明"]);
    assert_eq!(form[2][..5], ["产出指标", "数量指标", "年办件量", "200万件", "年办件量 1500000件；上期 1800000件"]);
    let total_row = form.iter().find(|r| r[0] == "总分").unwrap();
    assert_eq!(total_row[6], totals[0]);
}

#[test]
fn numbers_are_numbers_with_the_rules_places_and_text_stays_text() {
    let d = dir();
    let csv = temp_file("in.csv", format!("名称,{KEYS}\n=1+2,{ROW}\n").as_bytes());
    let out = d.join("n.xlsx");
    let run = scorecard(&["eval", SEED, "--data", arg(&csv), "--format", "xlsx", "-o", arg(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut book = open_workbook_auto(&out).unwrap();
    let summary = book.worksheet_range("汇总").unwrap();
    assert_eq!(summary.get((1, 1)), Some(&Data::String("=1+2".into())));
    assert!(matches!(summary.get((1, 9)), Some(Data::Float(_))), "{:?}", summary.get((1, 9)));
    let styles = book.worksheet_style("汇总").unwrap();
    let format = styles.get((1, 9)).and_then(|s| s.number_format.clone()).unwrap();
    assert_eq!(format.format_code, "0.00");
}

#[test]
fn bad_workbooks_are_refused_clearly() {
    let d = dir();
    let corrupt = temp_file("corrupt.xlsx", b"PK\x03\x04 this is not a zip");
    let run = scorecard(&["eval", SEED, "--data", arg(&corrupt)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("corrupt.xlsx 不是可读的工作簿"), "{}", run.stderr);
    // An empty workbook has no records.
    let empty = d.join("empty.xlsx");
    Workbook::new().save(&empty).unwrap();
    let run = scorecard(&["eval", SEED, "--data", arg(&empty)]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("没有记录"), "{}", run.stderr);
    let run = scorecard(&["eval", SEED, "--data", arg(&empty), "--sheet", "数据"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("没有名为「数据」的工作表；现有：Sheet1"), "{}", run.stderr);
    // A 200 MB file is refused from its size, before it is opened.
    let big = d.join("big.xlsx");
    std::fs::File::create(&big).unwrap().set_len(200 * 1024 * 1024).unwrap();
    let run = scorecard(&["eval", SEED, "--data", arg(&big)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("big.xlsx 有 209715200 字节，超过 67108864 字节的上限"), "{}", run.stderr);
}

/// The seed measurements as a CSV row.
const ROW: &str = "1500000,1800000,85,92.5%,270万元,12.5,0,91";
/// The seed's input keys as a CSV header.
const KEYS: &str =
    "cases,cases_last_year,staff_satisfaction,on_time_rate,spending,complaint_rate,blacklist_count,public_satisfaction";

/// LibreOffice's CSV export: comma, quote, UTF-8, values as shown.
const UTF8_CSV: &str = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true";

#[test]
fn libreoffice_opens_the_workbook() {
    let d = dir();
    let csv = temp_file("lo.csv", format!("{KEYS}\n{ROW}\n").as_bytes());
    let out = d.join("lo.xlsx");
    assert_eq!(scorecard(&["eval", SEED, "--data", arg(&csv), "--format", "xlsx", "-o", arg(&out)]).code, 0);
    let soffice = std::process::Command::new("soffice")
        .args(["--headless", "--norestore", "--convert-to", UTF8_CSV, "--outdir", arg(&d), arg(&out)])
        .env("HOME", &d)
        .output()
        .expect("LibreOffice must be installed: apt-get install libreoffice-calc-nogui");
    assert!(soffice.status.success(), "{}", String::from_utf8_lossy(&soffice.stderr));
    let text = std::fs::read_to_string(d.join("lo.csv")).unwrap();
    assert!(text.starts_with("行号,"), "{text}");
    assert!(text.contains(",81.00,良,"), "{text}");
}

#[test]
fn a_rejected_value_names_its_cell() {
    let path = dir().join("rejected.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("数据").unwrap();
    let heads = ["备注", "cases", "cases_last_year", "staff_satisfaction", "on_time_rate", "spending"];
    for (col, h) in (1..).zip(heads) {
        sheet.write_string(0, col, h).unwrap(); // the table starts in column B
    }
    for col in 2..=5 {
        sheet.write_number(1, col, 90).unwrap();
        sheet.write_number(2, col, 90).unwrap();
    }
    sheet.write_string(1, 6, "270万元").unwrap();
    sheet.write_string(2, 6, "很多").unwrap();
    book.save(&path).unwrap();
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "jsonl"]);
    let bad: serde_json::Value = serde_json::from_str(run.stdout.lines().nth(1).unwrap()).unwrap();
    let spending = bad["errors"].as_array().unwrap().iter().find(|e| e["input"]["key"] == "spending").unwrap();
    assert_eq!(spending["cell"], "数据!G3", "{bad}");
    assert!(spending["message"].as_str().unwrap().starts_with("数据!G3："), "{bad}");
}

#[test]
fn the_form_names_the_cell_of_every_bad_value() {
    let d = dir();
    let path = d.join("cells.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("数据").unwrap();
    for (col, h) in (1..).zip(["名称"].into_iter().chain(KEYS.split(','))) {
        sheet.write_string(0, col, h).unwrap(); // the table starts in column B
    }
    for (r, name) in (1..).zip(["一号", "二号", "三号"]) {
        sheet.write_string(r, 1, name).unwrap();
        for (col, value) in (2..).zip(ROW.split(',')) {
            sheet.write_string(r, col, value).unwrap();
        }
    }
    sheet.write_string(2, 6, "很多").unwrap(); // spending, a value the engine rejects: 数据!G3
    sheet.write_formula(3, 4, Formula::new("=1/0").set_result("#DIV/0!")).unwrap(); // an error cell: 数据!E4
    book.save(&path).unwrap();
    let out = d.join("cells-form.xlsx");
    let run = scorecard(&["eval", SEED, "--data", arg(&path), "--format", "xlsx", "-o", arg(&out)]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("cells.xlsx:3：数据!G3："), "{}", run.stderr);
    assert!(run.stderr.contains("cells.xlsx:4：单元格 数据!E4 是错误值 #DIV/0!"), "{}", run.stderr);
    // The summary keeps every record in order; each failed row names its cell in the errors column.
    let summary = sheet_rows(&out, "汇总");
    let errors: Vec<&str> = summary[1..].iter().map(|r| r.last().unwrap().as_str()).collect();
    assert_eq!(errors[0], "", "{summary:?}");
    assert!(errors[1].starts_with("数据!G3："), "{summary:?}");
    assert!(errors[2].contains("数据!E4"), "{summary:?}");
    // So does each record's form sheet.
    let form = sheet_rows(&out, "二号");
    assert!(form[2][0].starts_with("数据!G3："), "{form:?}");
    // A row with an unreadable cell keeps its readable cells: the summary row shows its name
    // beside the error, and its form sheet is named from the name.
    assert_eq!(summary[3][1], "三号", "{summary:?}");
    assert!(errors[2].starts_with("单元格 数据!E4 是错误值 #DIV/0!"), "{summary:?}");
    assert!(!sheet_names(&out).iter().any(|n| n.starts_with("记录")), "{:?}", sheet_names(&out));
    let form = sheet_rows(&out, "三号");
    assert!(form[2][0].contains("数据!E4"), "{form:?}");
}

/// The imported seed with its proposals accepted (docs/from-a-table.md).
const ACCEPTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/chenggong-2021/accepted.rules");

#[test]
fn round_trip_from_the_imported_draft_totals_equal_eval_json() {
    let d = dir().join("imported-round-trip");
    std::fs::create_dir_all(&d).unwrap();
    let template = d.join("年终数据.xlsx");
    let run = scorecard(&["template", ACCEPTED, "--format", "xlsx", "-o", arg(&template)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Filled in as the analyst would, under the template's own header (the Chinese names).
    let rows = sheet_rows(&template, "填报表");
    let value = |head: &str| match head {
        "名称" => "政务中心",
        "年办件量" => "1500000",
        "上期" => "1800000",
        "入驻窗口工作人员的满意度" => "85",
        "年初预算金额" => "241.73",
        "实际支出金额" => "270",
        "群众办事投诉率" => "12.5",
        "办事群众满意度" => "91",
        "年办结率" => "92.5%",
        "黑榜次数" => "0",
        other => panic!("a column the test does not know: {other}"),
    };
    let filled = d.join("filled.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, head) in (0..).zip(&rows[0]) {
        sheet.write_string(0, c, head).unwrap();
        let v = value(head);
        match v.parse::<f64>() {
            Ok(x) => sheet.write_number(1, c, x).unwrap(),
            Err(_) => sheet.write_string(1, c, v).unwrap(),
        };
    }
    book.save(&filled).unwrap();
    let out = d.join("自评表.xlsx");
    let run = scorecard(&["eval", ACCEPTED, "--data", arg(&filled), "--format", "xlsx", "-o", arg(&out)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = scorecard(&["eval", ACCEPTED, "--data", arg(&filled), "--format", "json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["total"], serde_json::json!(81), "{}", json.stdout);
    let summary = sheet_rows(&out, "汇总");
    let total_col = summary[0].iter().position(|h| h == "总分").unwrap();
    assert_eq!(summary[1][total_col], report["total"].to_string());
    let form = sheet_rows(&out, "政务中心");
    let total_row = form.iter().find(|r| r[0] == "总分").unwrap();
    assert_eq!(total_row[6], report["total"].to_string());
}
