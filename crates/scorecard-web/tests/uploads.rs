//! Uploads over a real socket: a spreadsheet batch scored through the shared
//! record reader, the 自评表 workbook download, and a 绩效目标表 imported
//! into a draft; with their bad requests (corrupt file, bad base64, size limit).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use base64::Engine as _;
use common::*;
use scorecard_web::Config;
use serde_json::json;

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The example record and a bad one as an .xlsx, headers as input keys, numbers as numbers.
fn batch_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "cases",
        "cases_last_year",
        "staff_satisfaction",
        "on_time_rate",
        "spending",
        "complaint_rate",
        "blacklist_count",
        "public_satisfaction",
    ];
    for (c, h) in (0u16..).zip(header) {
        sheet.write_string(0, c, h).unwrap();
    }
    for (c, v) in (0u16..).zip([1_500_000.0, 1_800_000.0, 85.0, 0.0, 0.0, 12.5, 0.0, 91.0]) {
        sheet.write_number(1, c, v).unwrap();
    }
    sheet.write_string(1, 3, "92.5%").unwrap();
    sheet.write_string(1, 4, "2700000元").unwrap();
    for c in 0u16..8 {
        sheet.write_string(2, c, "1").unwrap();
    }
    sheet.write_string(2, 2, "abc").unwrap();
    book.save_to_buffer().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_xlsx_batch_is_scored_by_cell() {
    let dir = seed_dir("xlsx-batch");
    let s = serve(&dir).await;
    let body = json!({"text": seed_text(), "name": "年终数据.xlsx", "base64": b64(&batch_xlsx())});
    let table = post(&s, "/api/batch", body).await.json();
    assert_eq!(table["scored"], json!(1), "{table}");
    assert_eq!(table["rows"][0]["line"], json!(2));
    assert_eq!(table["rows"][0]["total"], json!("81"));
    let error = table["rows"][1]["error"].as_str().unwrap();
    assert!(error.contains("abc"), "{error}");
    // The value the engine rejects is named by its cell, as `scorecard eval` names it.
    assert!(error.starts_with("Sheet1!C3："), "{error}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_results_download_as_the_form_workbook() {
    let dir = seed_dir("xlsx-form");
    let s = serve(&dir).await;
    let body = json!({"text": seed_text(), "name": "年终数据.xlsx", "base64": b64(&batch_xlsx())});
    let reply = post(&s, "/api/batch/xlsx", body).await;
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert!(reply.header("content-disposition").unwrap().contains("results.xlsx"));
    let path = dir.join("results.xlsx");
    std::fs::write(&path, &reply.body).unwrap();
    let tables = scorecard_table::document::read(&path, &Default::default()).unwrap();
    let summary = tables.iter().find(|t| t.name == "汇总").expect("a summary sheet");
    let cells: Vec<&str> = summary.rows.iter().flat_map(|r| &r.cells).map(|c| c.text.as_str()).collect();
    assert!(cells.contains(&"81"), "{cells:?}");
    assert!(
        cells.iter().any(|c| c.starts_with("Sheet1!C3：") && c.contains("abc")),
        "the record not scored keeps its error, naming its cell: {cells:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_spreadsheet_uploads_are_refused_with_the_file_named() {
    let dir = seed_dir("xlsx-bad");
    let s = serve(&dir).await;
    let corrupt = json!({"text": seed_text(), "name": "坏.xlsx", "base64": b64(b"PK\x03\x04 not a zip")});
    let table = post(&s, "/api/batch", corrupt).await.json();
    assert_eq!(table["scored"], json!(0));
    assert!(table["rows"][0]["error"].as_str().unwrap().contains("坏.xlsx"), "{table}");

    let not_base64 = post(&s, "/api/batch", json!({"text": seed_text(), "name": "a.xlsx", "base64": "%%%"})).await;
    assert_eq!(not_base64.status, 400);
    assert!(not_base64.text().contains("a.xlsx"), "{}", not_base64.text());
    let missing = post(&s, "/api/batch", json!({"text": seed_text(), "name": "a.xlsx", "data": "x"})).await;
    assert_eq!(missing.status, 400);

    let mut config = Config::local(&dir, 0);
    config.max_body_bytes = 64 * 1024;
    let small = serve_with(config).await;
    let big = json!({"text": seed_text(), "name": "big.xlsx", "base64": b64(&vec![0u8; 100 * 1024])});
    assert_eq!(post(&small, "/api/batch", big.clone()).await.status, 413);
    assert_eq!(post(&small, "/api/import", json!({"name": "big.xlsx", "base64": big["base64"]})).await.status, 413);
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("crates/scorecard-table/tests/fixtures").join(name)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_table_becomes_the_draft_import_writes() {
    let dir = seed_dir("import");
    let s = serve(&dir).await;
    for ext in ["xlsx", "docx", "txt"] {
        let name = format!("education-2023.{ext}");
        let body = json!({"name": name, "base64": b64(&fixture(&format!("tables/{name}")))});
        let reply = post(&s, "/api/import", body).await;
        assert_eq!(reply.status, 200, "{}", reply.text());
        let imported = reply.json();
        let text = imported["text"].as_str().unwrap();
        assert!(text.contains("计分表 「2023年度学生资助资金项目绩效目标表」"), "{text}");
        assert!(text.contains(&format!("从 {name} 生成的草稿")), "{text}");
        assert_eq!(imported["summary"]["indicators"], json!(6));
        assert_eq!(imported["summary"]["as_written"], json!(5));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_that_cannot_be_imported_says_why_naming_the_upload() {
    let dir = seed_dir("import-bad");
    let s = serve(&dir).await;
    let encrypted =
        post(&s, "/api/import", json!({"name": "目标表.xlsx", "base64": b64(&fixture("encrypted/table.xlsx"))})).await;
    assert_eq!(encrypted.status, 422);
    let message = encrypted.json()["error"]["zh"].as_str().unwrap().to_owned();
    assert!(message.starts_with("目标表.xlsx: the file is encrypted"), "{message}");
    let corrupt = post(&s, "/api/import", json!({"name": "x.docx", "base64": b64(b"hello")})).await;
    assert_eq!(corrupt.status, 422);
    assert!(corrupt.text().contains("x.docx: the file is damaged"), "{}", corrupt.text());
    let no_header = post(&s, "/api/import", json!({"name": "t.txt", "base64": b64("\t甲\n\t乙\n".as_bytes())})).await;
    assert_eq!(no_header.status, 422);
    assert!(no_header.text().contains("no header row"), "{}", no_header.text());
}
