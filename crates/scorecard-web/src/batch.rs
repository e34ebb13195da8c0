//! A batch of records as the page sends it: CSV (a header row of input
//! keys), JSON Lines, a JSON array, or one JSON object; and the results as
//! CSV for Excel, in the same columns as `scorecard eval --format csv`.
//!
//! CSV cells become JSON strings, so the engine reads every value exactly,
//! units included; an empty cell is a missing value.

use scorecard::number::fixed2;
use scorecard::{Lang, RecordError, Report, Scorecard};
use serde_json::value::RawValue;

/// One record read from the batch: where it starts, and its JSON text or why it could not be read.
#[derive(Debug)]
pub struct Row {
    /// 1-based line (CSV, JSON Lines) or position in the array (JSON).
    pub line: u64,
    /// The record as a JSON object, or a message.
    pub json: Result<String, String>,
    /// For a spreadsheet row, the cell of each input's value: input key and `Sheet1!C7`.
    pub cells: Vec<(String, String)>,
}

impl Row {
    /// A record read from text, whose values have no cells.
    fn text(line: u64, json: Result<String, String>) -> Self {
        Row { line, json, cells: Vec::new() }
    }

    /// The record scored by `card`: its report, or why not, each problem naming its cell when the row is from a spreadsheet.
    pub fn evaluate(self, card: &Scorecard) -> Result<Report, String> {
        let json = self.json?;
        card.evaluate_json(&json).map_err(|e| rejected(&self.cells, &e, card.lang()))
    }
}

/// The engine's problems with a record, `Sheet1!C7：…` where the value's cell is known, joined by `; `.
fn rejected(cells: &[(String, String)], error: &RecordError, lang: Lang) -> String {
    if cells.is_empty() {
        return error.to_string();
    }
    let cell = |key: &str| cells.iter().find(|(k, _)| k == key).map(|(_, c)| c.as_str());
    error
        .errors
        .iter()
        .map(|e| match e.input.as_ref().and_then(|input| cell(&input.key)) {
            Some(cell) => format!("{cell}{}{}", lang.pick("：", ": "), e.message()),
            None => e.message(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The records of a spreadsheet upload (.xlsx, .xls, .ods), read by the
/// shared record reader: each cell as Excel shows it, headers matched to
/// input keys or names, problems named by cell.
pub fn sheet_rows(card: &Scorecard, name: &str, bytes: &[u8]) -> Vec<Row> {
    let names = scorecard_table::records::Names::new(card);
    scorecard_table::records::rows(name, bytes, card.lang())
        .into_iter()
        .map(|row| {
            let cells = row.cells.iter().map(|(header, cell)| (names.key_or_text(header).to_owned(), cell.clone()));
            Row { line: row.line, json: row.json(&names), cells: cells.collect() }
        })
        .collect()
}

/// The records of `data`, a file named `name`.
pub fn rows(name: &str, data: &str, lang: Lang) -> Vec<Row> {
    let data = data.strip_prefix('\u{feff}').unwrap_or(data);
    let csv = name.rsplit('.').next().is_some_and(|ext| ext.eq_ignore_ascii_case("csv"));
    if csv {
        return csv_rows(data, lang);
    }
    let trimmed = data.trim_start();
    if trimmed.starts_with('[') {
        return array_rows(data, lang);
    }
    if serde_json::from_str::<&RawValue>(data).is_ok() {
        return vec![Row::text(1, Ok(data.trim().to_owned()))];
    }
    json_lines(data)
}

fn json_lines(data: &str) -> Vec<Row> {
    (1u64..)
        .zip(data.lines())
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(line, text)| Row::text(line, Ok(text.to_owned())))
        .collect()
}

fn array_rows(data: &str, lang: Lang) -> Vec<Row> {
    match serde_json::from_str::<Vec<&RawValue>>(data) {
        Ok(items) => (1u64..).zip(items).map(|(line, v)| Row::text(line, Ok(v.get().to_owned()))).collect(),
        Err(e) => vec![Row::text(
            u64::try_from(e.line()).unwrap_or(0),
            Err(lang.pick(format!("JSON 数组格式错误：{e}"), format!("invalid JSON array: {e}"))),
        )],
    }
}

fn csv_rows(data: &str, lang: Lang) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(data.as_bytes());
    let keys: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|k| k.trim().to_owned()).collect(),
        Err(e) => return vec![Row::text(1, Err(csv_problem(&e, lang)))],
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        let row = match record {
            Ok(r) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Ok(r) => Row::text(r.position().map_or(0, csv::Position::line), Ok(csv_object(&keys, &r))),
            Err(e) => Row::text(e.position().map_or(0, csv::Position::line), Err(csv_problem(&e, lang))),
        };
        rows.push(row);
    }
    rows
}

fn csv_object(keys: &[String], record: &csv::StringRecord) -> String {
    let object: serde_json::Map<String, serde_json::Value> = keys
        .iter()
        .zip(record.iter())
        .filter(|(k, v)| !k.is_empty() && !v.trim().is_empty())
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.trim().to_owned())))
        .collect();
    serde_json::Value::Object(object).to_string()
}

fn csv_problem(e: &csv::Error, lang: Lang) -> String {
    lang.pick(format!("CSV 无法读取：{e}（请另存为 UTF-8 或 GBK 的 CSV）"), format!("cannot read the CSV: {e}"))
}

/// The UTF-8 byte-order mark, which tells Excel the file is UTF-8.
const BOM: &str = "\u{feff}";

/// The results as CSV: header, then one row per record; a record not scored keeps its row and its errors.
pub fn to_csv(card: &Scorecard, results: &[(u64, Result<Report, String>)]) -> Result<String, csv::Error> {
    let lang = card.lang();
    let mut out = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut header: Vec<String> =
        lang.pick(["行号", "总分", "等级"], ["line", "total", "grade"]).map(str::to_owned).into();
    let what = lang.pick(["得分", "扣分", "说明"], ["score", "deduction", "explanation"]);
    let indicators: Vec<&str> = card.indicator_names().collect();
    for name in &indicators {
        header.extend(what.iter().map(|w| text_cell(&format!("{name} {w}"))));
    }
    header.push(lang.pick("错误", "error").to_owned());
    out.write_record(&header)?;
    for (line, result) in results {
        let mut cells = vec![line.to_string()];
        match result {
            Ok(report) => {
                cells.extend([fixed2(report.total), text_cell(&report.grade)]);
                for ind in &report.indicators {
                    cells.extend([fixed2(ind.score), fixed2(ind.deduction), text_cell(&ind.explanation)]);
                }
                cells.push(String::new());
            }
            Err(message) => {
                let empty = indicators.len().saturating_mul(3).saturating_add(2);
                cells.extend(std::iter::repeat_n(String::new(), empty));
                cells.push(text_cell(message));
            }
        }
        out.write_record(&cells)?;
    }
    let bytes = out.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(format!("{BOM}{}", String::from_utf8_lossy(&bytes)))
}

/// Text Excel would run as a formula (`=`, `+`, `-`, `@` first) gets a `'` in front.
fn text_cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn csv_cells_become_strings_and_blank_rows_are_skipped() {
        let rows = rows("x.CSV", "\u{feff}a,b\n1,92.5%\n,\n\"3,5\",\n", Lang::Zh);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].json.as_deref().unwrap(), r#"{"a":"1","b":"92.5%"}"#);
        assert_eq!(rows[1].line, 4);
        assert_eq!(rows[1].json.as_deref().unwrap(), r#"{"a":"3,5"}"#);
    }

    #[test]
    fn json_forms_are_told_apart() {
        assert_eq!(rows("x.json", "{\n \"a\": 1\n}\n", Lang::Zh).len(), 1);
        let lines = rows("x.jsonl", "{\"a\":1}\n\n{\"a\":2}\n", Lang::Zh);
        assert_eq!(lines.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 3]);
        let array = rows("x.json", "[{\"a\":1},{\"a\":2}]", Lang::Zh);
        assert_eq!(array.len(), 2);
        assert!(rows("x.json", "[{\"a\":1},", Lang::En)[0].json.is_err());
    }

    #[test]
    fn numbers_keep_two_decimals_and_formulas_are_defused() {
        assert_eq!(fixed2("81".parse().unwrap()), "81.00");
        assert_eq!(fixed2("7.125".parse().unwrap()), "7.125");
        assert_eq!(text_cell("=1+1"), "'=1+1");
    }
}
