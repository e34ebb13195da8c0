use scorecard::Lang;

use super::*;

fn fields(row: &Row) -> Vec<(&str, &str)> {
    row.fields.as_ref().unwrap().iter().map(|(h, v)| (h.as_str(), v.as_str())).collect()
}

#[test]
fn csv_uploads_give_rows_with_their_lines() {
    let data = "\u{feff}cases, rate ,\r\n1500000,92.5%,\r\n\r\n,\"1,5\"\r\n\"多\r\n行\",\"say \"\"hi\"\"\"\r\n";
    let rows = rows("数据.csv", data.as_bytes(), Lang::Zh);
    assert_eq!(rows.len(), 3);
    assert_eq!((rows[0].line, fields(&rows[0])), (2, vec![("cases", "1500000"), ("rate", "92.5%")]));
    assert_eq!((rows[1].line, fields(&rows[1])), (4, vec![("rate", "1,5")]));
    assert_eq!((rows[2].line, fields(&rows[2])), (5, vec![("cases", "多\r\n行"), ("rate", "say \"hi\"")]));
}

#[test]
fn gbk_uploads_are_read_and_a_bad_byte_is_placed() {
    let (gbk, _, _) = encoding_rs::GBK.encode("名称,年办件量\n一号,5\n");
    let got = rows("a.csv", &gbk, Lang::Zh);
    assert_eq!(fields(&got[0]), [("名称", "一号"), ("年办件量", "5")]);
    let mut bad = gbk.to_vec();
    let at = bad.len().saturating_sub(2);
    bad.insert(at, 0xFF);
    let got = rows("a.csv", &bad, Lang::En);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].line, 2);
    assert!(got[0].fields.as_ref().unwrap_err().contains("not valid GBK text from line 2, byte 6"), "{got:?}");
}

#[test]
fn extra_cells_and_open_quotes_are_row_errors() {
    let got = rows("a.csv", b"a,b\n1,2,3\n4,5\n6,\"7\n8,9\n", Lang::En);
    assert!(got[0].fields.as_ref().unwrap_err().contains("3 cells"));
    assert_eq!(fields(&got[1]), [("a", "4"), ("b", "5")]);
    assert_eq!(got[2].line, 4);
    assert!(got[2].fields.as_ref().unwrap_err().contains("line 4, column 3"), "{got:?}");
}

#[test]
fn json_names_inputs_by_header() {
    let src = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../rules/chenggong-2021-window-service.rules"
    ))
    .unwrap();
    let names = Names::new(&scorecard::Scorecard::compile(&src).unwrap());
    let got = rows("a.csv", "年办件量（件）,备注\n5,x\n".as_bytes(), Lang::Zh);
    assert_eq!(got[0].json(&names).unwrap(), r#"{"cases":"5","备注":"x"}"#);
}

#[test]
fn workbook_uploads_name_bad_cells() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("数据").unwrap();
    sheet.write(0, 0, "cases").unwrap();
    sheet.write(0, 1, "rate").unwrap();
    sheet.write(1, 0, 1500000).unwrap();
    sheet.write(1, 1, "92.5%").unwrap();
    sheet.write(2, 0, 7).unwrap();
    sheet.write_formula(2, 1, rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let got = rows("数据.xlsx", &bytes, Lang::Zh);
    assert_eq!((got[0].line, fields(&got[0])), (2, vec![("cases", "1500000"), ("rate", "92.5%")]));
    assert_eq!(got[1].line, 3);
    assert!(got[1].fields.as_ref().unwrap_err().contains("数据!B3"), "{got:?}");
    // Each input's cell is known, so a value the engine rejects can be named.
    assert_eq!(got[0].cell("rate", &Names::default()), Some("数据!B2"));
    assert_eq!(got[1].cell("cases", &Names::default()), Some("数据!A3"));
    assert_eq!(got[0].cell("other", &Names::default()), None);
    let broken = rows("x.xlsx", b"not a workbook", Lang::En);
    assert_eq!(broken[0].line, 0);
    assert!(broken[0].fields.as_ref().unwrap_err().contains("x.xlsx is not a readable workbook"));
}
