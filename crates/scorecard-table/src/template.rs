//! The data-entry sheet for year-end values: one column per input, in CSV or xlsx.
//!
//! The first column is for the record's name (a department or project; it
//! names the record's form sheet). Then one column per input, headed by the
//! input's name. The row below the header is a note row, skipped when the
//! sheet is read back: its first cell starts with `#`, and each cell shows
//! the input's key, unit and what it accepts (`staff_satisfaction · % · 0～100`).
//! In xlsx, each input column also checks what is typed: numbers within the
//! range, `是`/`否` for yes/no inputs, a list for grade inputs, a date for
//! date inputs (formatted as a date); selecting a cell shows the note.

use std::path::Path;

use rust_xlsxwriter::{DataValidation, DataValidationRule, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use scorecard::{Decimal, InputInfo, InputKind, Lang, Scorecard};
use unicode_width::UnicodeWidthStr;

/// Rows below the note row that the xlsx checks cover.
const CHECKED_ROWS: u32 = 10_000;

/// One column of the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The header: the input's name.
    pub header: String,
    /// The note: key, unit and what the column accepts.
    pub note: String,
}

/// The name column's header: `名称` or `name`.
#[must_use]
pub fn name_header(lang: Lang) -> &'static str {
    lang.pick("名称", "name")
}

/// Whether a header names the record (a department or project) rather
/// than an input: `名称`, `单位`, `部门`, `项目`, any header ending in `名称`, or `name`.
#[must_use]
pub fn is_name_header(header: &str) -> bool {
    let h = header.trim();
    h.ends_with("名称") || ["单位", "部门", "项目", "name"].iter().any(|n| h.eq_ignore_ascii_case(n))
}

/// The columns of `card`'s sheet, the name column first.
#[must_use]
pub fn columns(card: &Scorecard) -> Vec<Column> {
    let lang = card.lang();
    let first = Column {
        header: name_header(lang).to_owned(),
        note: lang
            .pick("# 每行一条记录；本行为说明，读取时跳过", "# one record a row; this note row is skipped")
            .to_owned(),
    };
    let inputs = card.inputs().filter(|i| !i.key.is_empty());
    std::iter::once(first).chain(inputs.map(|i| Column { header: i.name.to_owned(), note: note(&i, lang) })).collect()
}

/// `staff_satisfaction · % · 0～100`, `task_split · 是/否`, `done · 日期`.
fn note(input: &InputInfo<'_>, lang: Lang) -> String {
    let mut parts = vec![input.key.to_owned()];
    match input.kind {
        InputKind::YesNo => parts.push(lang.pick("是/否", "yes/no").to_owned()),
        InputKind::Grades(labels) => parts.push(labels.join("/")),
        InputKind::Date => parts.push(lang.pick("日期", "date").to_owned()),
        InputKind::Number => {
            if !input.unit.is_empty() {
                parts.push(input.unit.to_owned());
            }
            if let Some((lo, hi)) = input.range {
                parts.push(format!("{lo}～{hi}"));
            }
        }
    }
    parts.join(" · ")
}

/// The sheet as CSV for Excel: a UTF-8 byte-order mark, the header and the note row, CRLF line ends.
#[must_use]
pub fn csv(card: &Scorecard) -> String {
    let cols = columns(card);
    let header: Vec<String> = cols.iter().map(|c| csv_cell(&c.header)).collect();
    let note: Vec<String> = cols.iter().map(|c| csv_cell(&c.note)).collect();
    format!("\u{feff}{}\r\n{}\r\n", header.join(","), note.join(","))
}

/// A CSV cell, quoted when it must be.
fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// Writes the sheet as an xlsx workbook at `path`.
///
/// # Errors
/// The workbook cannot be written.
pub fn write_xlsx(card: &Scorecard, path: &Path) -> Result<(), XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(card.lang().pick("填报表", "Data"))?;
    let head = Format::new().set_bold();
    let note = Format::new().set_italic().set_font_color("#666666").set_text_wrap();
    for (col, column) in (0..).zip(columns(card)) {
        let width = column.header.width().max(column.note.width().min(30)).max(10).saturating_add(2);
        sheet.set_column_width(col, u32::try_from(width).unwrap_or(12))?;
        sheet.write_string_with_format(0, col, &column.header, &head)?;
        sheet.write_string_with_format(1, col, &column.note, &note)?;
    }
    let inputs: Vec<InputInfo<'_>> = card.inputs().filter(|i| !i.key.is_empty()).collect();
    for (col, input) in (1..).zip(&inputs) {
        check_column(sheet, col, input, card.lang())?;
    }
    sheet.set_freeze_panes(2, 0)?;
    book.save(path)
}

/// The check on what is typed in an input's column, with the note as its prompt.
fn check_column(sheet: &mut Worksheet, col: u16, input: &InputInfo<'_>, lang: Lang) -> Result<(), XlsxError> {
    let check = match input.kind {
        InputKind::YesNo => {
            DataValidation::new().allow_list_strings(&[lang.pick("是", "yes"), lang.pick("否", "no")])?
        }
        InputKind::Grades(labels) => DataValidation::new().allow_list_strings(labels)?,
        InputKind::Date => {
            let date = Format::new().set_num_format("yyyy-mm-dd");
            sheet.set_column_format(col, &date)?;
            let (first, last) = (ExcelDateTime::from_ymd(1900, 1, 1)?, ExcelDateTime::from_ymd(9999, 12, 31)?);
            DataValidation::new().allow_date(DataValidationRule::Between(first, last))
        }
        InputKind::Number => match input.range {
            Some((lo, hi)) => {
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(double(lo), double(hi)))
            }
            None => return Ok(()),
        },
    };
    let message = note(input, lang);
    let check = check.set_input_title(truncate(input.name, 32))?.set_input_message(truncate(&message, 255))?;
    sheet.add_data_validation(2, col, CHECKED_ROWS.saturating_add(1), col, &check)?;
    Ok(())
}

fn truncate(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// A range bound as the double a validation rule holds (bounds are short decimals).
fn double(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or(0.0)
}
