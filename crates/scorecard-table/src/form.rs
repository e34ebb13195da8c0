//! The 绩效自评表 workbook: one form sheet per record, laid out like the official form, and a summary sheet.
//!
//! Each form sheet has 一级/二级/三级指标 (group cells merged), 指标值,
//! 实际完成值 (the values read, with units), 分值, 得分 and 扣分说明 (the
//! explanation sentence), then the total and the grade. Only the first
//! [`FormOptions::max_forms`] records get a form sheet; every record gets a
//! row on the summary sheet, which comes first and is written in constant
//! memory, so a batch of any size is bounded by its largest record.
//!
//! Numbers are stored as numbers with the rule file's decimal places as the
//! cell format; text is always stored as text, so a value like `=1+2` is
//! never run as a formula.

use std::collections::HashSet;
use std::path::Path;

use rust_xlsxwriter::{ColNum, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet};
use scorecard::{Decimal, InputInfo, Report, Scorecard};

use crate::cell::excel_decimal;
use unicode_width::UnicodeWidthStr;

pub use rust_xlsxwriter::XlsxError;

/// Longest sheet name Excel accepts.
const SHEET_NAME_CHARS: usize = 31;
/// Widest column, in character cells; longer text wraps.
const MAX_WIDTH: usize = 60;

/// How the workbook is laid out.
#[derive(Debug, Clone, Copy)]
pub struct FormOptions {
    /// Records that get their own form sheet (the first ones in input order).
    pub max_forms: usize,
}

impl Default for FormOptions {
    fn default() -> Self {
        FormOptions { max_forms: 100 }
    }
}

/// One record, as the workbook shows it.
#[derive(Debug)]
pub struct FormRecord<'a> {
    /// Where the record is in the input: its line or row.
    pub line: u64,
    /// Its name, from the batch's name column, if any.
    pub name: Option<&'a str>,
    /// The values read, as (input key, text) pairs: `("cases", "1500000")`, `("on_time_rate", "92.5%")`.
    pub values: &'a [(String, String)],
    /// The report, or the record's error messages.
    pub outcome: Result<&'a Report, Vec<String>>,
}

/// A record's JSON object as the (key, text) pairs a [`FormRecord`] shows:
/// strings as they are, numbers as written (never through a float), nulls left out.
#[must_use]
pub fn json_values(json: &str) -> Vec<(String, String)> {
    use serde_json::value::RawValue;
    let Ok(map) = serde_json::from_str::<std::collections::BTreeMap<String, &RawValue>>(json) else {
        return Vec::new();
    };
    map.into_iter()
        .filter_map(|(key, raw)| {
            let text = raw.get();
            let value = match serde_json::from_str::<String>(text) {
                Ok(s) => s,
                Err(_) if text == "null" => return None,
                Err(_) => text.to_owned(),
            };
            Some((key, value))
        })
        .collect()
}

/// Writes the workbook record by record.
pub struct FormWriter<'c> {
    book: Workbook,
    card: &'c Scorecard,
    options: FormOptions,
    styles: Styles,
    names: HashSet<String>,
    forms: usize,
    summary_row: RowNum,
    summary_named: bool,
}

/// Cell formats, made once.
struct Styles {
    title: Format,
    head: Format,
    text: Format,
    /// Text on one line (summary cells, whose rows do not grow).
    line: Format,
    number: Format,
}

impl Styles {
    fn new(places: u32) -> Self {
        let decimals = "0".repeat(usize::try_from(places).unwrap_or(2));
        let code = if decimals.is_empty() { "0".to_owned() } else { format!("0.{decimals}") };
        let cell = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
        Styles {
            title: Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center),
            head: cell.clone().set_bold().set_align(FormatAlign::Center).set_text_wrap(),
            text: cell.clone().set_text_wrap(),
            line: cell.clone(),
            number: cell.set_num_format(code),
        }
    }
}

impl<'c> FormWriter<'c> {
    /// A workbook for `card`'s reports; `named` says whether records have names.
    ///
    /// # Errors
    /// The summary sheet's temporary file cannot be created.
    pub fn new(card: &'c Scorecard, options: FormOptions, named: bool) -> Result<Self, XlsxError> {
        let mut book = Workbook::new();
        let styles = Styles::new(card.decimal_places());
        let summary = book.add_worksheet_with_constant_memory()?;
        let title = card.lang().pick("汇总", "Summary");
        summary.set_name(title)?;
        summary_header(summary, card, &styles, named)?;
        let names = HashSet::from([title.to_lowercase()]);
        Ok(FormWriter { book, card, options, styles, names, forms: 0, summary_row: 1, summary_named: named })
    }

    /// Adds a record: its summary row, and its form sheet while under the limit.
    ///
    /// # Errors
    /// The workbook refuses a cell (beyond Excel's row limit, for example).
    pub fn add(&mut self, record: &FormRecord<'_>) -> Result<(), XlsxError> {
        self.summary(record)?;
        if self.forms < self.options.max_forms {
            self.forms = self.forms.saturating_add(1);
            let name = self.sheet_name(record);
            let sheet = self.book.add_worksheet();
            sheet.set_name(name)?;
            write_form(sheet, self.card, &self.styles, record)?;
        }
        Ok(())
    }

    /// Records that got a form sheet.
    #[must_use]
    pub fn forms(&self) -> usize {
        self.forms
    }

    /// Writes the workbook to `path`.
    ///
    /// # Errors
    /// The file cannot be written.
    pub fn save(mut self, path: &Path) -> Result<(), XlsxError> {
        self.book.save(path)
    }

    fn summary(&mut self, record: &FormRecord<'_>) -> Result<(), XlsxError> {
        let row = self.summary_row;
        self.summary_row = row.saturating_add(1);
        let sheet = self.book.worksheet_from_index(0)?;
        let styles = &self.styles;
        write_line_number(sheet, row, record.line, &styles.line)?;
        let mut col: ColNum = 1;
        if self.summary_named {
            sheet.write_string_with_format(row, col, record.name.unwrap_or_default(), &styles.line)?;
            col = col.saturating_add(1);
        }
        match &record.outcome {
            Ok(report) => {
                for ind in &report.indicators {
                    write_decimal(sheet, row, col, ind.score, &styles.number)?;
                    col = col.saturating_add(1);
                }
                write_decimal(sheet, row, col, report.total, &styles.number)?;
                sheet.write_string_with_format(row, col.saturating_add(1), &report.grade, &styles.line)?;
            }
            Err(errors) => {
                let skip = ColNum::try_from(self.card.indicator_names().count()).unwrap_or(ColNum::MAX);
                let at = col.saturating_add(skip).saturating_add(2);
                sheet.write_string_with_format(
                    row,
                    at,
                    errors.join(self.card.lang().pick("；", "; ")),
                    &styles.line,
                )?;
            }
        }
        Ok(())
    }

    /// A unique sheet name: the record's name, or `记录 N` / `record N`, made valid.
    fn sheet_name(&mut self, record: &FormRecord<'_>) -> String {
        let lang = self.card.lang();
        let fallback = lang.pick(format!("记录 {}", record.line), format!("record {}", record.line));
        let base = record.name.map(sanitize).filter(|n| !n.is_empty()).unwrap_or(fallback);
        let mut name = truncate(&base, SHEET_NAME_CHARS);
        let mut n = 1u32;
        while self.names.contains(&name.to_lowercase()) {
            n = n.saturating_add(1);
            let suffix = format!(" ({n})");
            let room = SHEET_NAME_CHARS.saturating_sub(suffix.chars().count());
            name = format!("{}{suffix}", truncate(&base, room));
        }
        self.names.insert(name.to_lowercase());
        name
    }
}

/// The summary's header row and column widths (set first: the sheet streams its rows).
fn summary_header(sheet: &mut Worksheet, card: &Scorecard, styles: &Styles, named: bool) -> Result<(), XlsxError> {
    let lang = card.lang();
    let mut heads: Vec<String> = vec![lang.pick("行号", "line").to_owned()];
    if named {
        heads.push(lang.pick("名称", "name").to_owned());
    }
    heads.extend(card.indicator_names().map(str::to_owned));
    heads.extend(
        [lang.pick("总分", "total"), lang.pick("等级", "grade"), lang.pick("错误", "errors")].map(str::to_owned),
    );
    let last = heads.len().saturating_sub(1);
    for (i, head) in heads.iter().enumerate() {
        let col = ColNum::try_from(i).unwrap_or(ColNum::MAX);
        let name_column = named && i == 1;
        let width = if i == last {
            MAX_WIDTH
        } else if name_column {
            30
        } else {
            head.width().clamp(8, 24).saturating_add(2)
        };
        sheet.set_column_width(col, u32::try_from(width).unwrap_or(10))?;
        sheet.write_string_with_format(0, col, head, &styles.head)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_paper_size(9).set_landscape();
    Ok(())
}

/// One record's form sheet.
fn write_form(
    sheet: &mut Worksheet,
    card: &Scorecard,
    styles: &Styles,
    record: &FormRecord<'_>,
) -> Result<(), XlsxError> {
    let lang = card.lang();
    let heads = lang.pick(
        ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分", "扣分说明"],
        ["Level 1", "Level 2", "Indicator", "Target", "Actual", "Points", "Score", "Deductions explained"],
    );
    let title = match record.name {
        Some(name) => format!("{}·{name}", card.name()),
        None => card.name().to_owned(),
    };
    sheet.merge_range(
        0,
        0,
        0,
        7,
        &format!("{title} {}", lang.pick("绩效自评表", "self-evaluation form")),
        &styles.title,
    )?;
    let mut widths = Widths::new(&heads);
    for (col, head) in (0..).zip(heads) {
        sheet.write_string_with_format(1, col, head, &styles.head)?;
    }
    match &record.outcome {
        Ok(report) => write_indicators(sheet, card, styles, record, report, &mut widths)?,
        Err(errors) => {
            let text = errors.join("\n");
            widths.fit(7, &text);
            sheet.merge_range(2, 0, 2, 7, &text, &styles.text)?;
        }
    }
    widths.apply(sheet)?;
    sheet.set_freeze_panes(2, 0)?;
    print_setup(sheet);
    Ok(())
}

/// Prints as the official form does: A4 landscape, one page wide.
fn print_setup(sheet: &mut Worksheet) {
    sheet.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0).set_print_center_horizontally(true);
}

/// The indicator rows, the total and the grade.
fn write_indicators(
    sheet: &mut Worksheet,
    card: &Scorecard,
    styles: &Styles,
    record: &FormRecord<'_>,
    report: &Report,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let inputs: Vec<InputInfo<'_>> = card.inputs().filter(|i| !i.key.is_empty()).collect();
    let targets: Vec<Option<&str>> = card.indicator_targets().collect();
    let first: RowNum = 2;
    let mut row = first;
    for (i, ind) in report.indicators.iter().enumerate() {
        let target = targets.get(i).copied().flatten().map(clean_target).unwrap_or_default();
        let actual = actual_values(&inputs, i, record.values);
        let texts = [(3, target.as_str()), (4, actual.as_str()), (7, ind.explanation.as_str())];
        sheet.write_string_with_format(row, 2, &ind.name, &styles.text)?;
        widths.fit(2, &ind.name);
        for (col, text) in texts {
            sheet.write_string_with_format(row, col, text, &styles.text)?;
            widths.fit(col, text);
        }
        write_decimal(sheet, row, 5, ind.points, &styles.number)?;
        write_decimal(sheet, row, 6, ind.score, &styles.number)?;
        row = row.saturating_add(1);
    }
    merge_groups(sheet, styles, &report.indicators, first, widths)?;
    let lang = card.lang();
    sheet.merge_range(row, 0, row, 4, lang.pick("总分", "Total"), &styles.head)?;
    write_decimal(sheet, row, 5, report.full_marks, &styles.number)?;
    write_decimal(sheet, row, 6, report.total, &styles.number)?;
    sheet.write_string_with_format(row, 7, "", &styles.text)?;
    let grade_row = row.saturating_add(1);
    sheet.merge_range(grade_row, 0, grade_row, 4, lang.pick("等级", "Grade"), &styles.head)?;
    sheet.merge_range(grade_row, 5, grade_row, 7, &report.grade, &styles.text)?;
    Ok(())
}

/// Writes the 一级 and 二级 group cells, merged over the indicators they hold.
fn merge_groups(
    sheet: &mut Worksheet,
    styles: &Styles,
    indicators: &[scorecard::IndicatorReport],
    first: RowNum,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    for level in 0..2usize {
        let key = |i: &scorecard::IndicatorReport| i.path.get(..=level).map(<[String]>::to_vec);
        let mut start = 0usize;
        while start < indicators.len() {
            let group = indicators.get(start).and_then(key);
            let len = indicators.get(start..).unwrap_or_default().iter().take_while(|i| key(i) == group).count().max(1);
            let text = group.as_ref().and_then(|g| g.last()).map_or("", String::as_str);
            let col = ColNum::try_from(level).unwrap_or(0);
            let top = first.saturating_add(RowNum::try_from(start).unwrap_or(RowNum::MAX));
            let bottom = top.saturating_add(RowNum::try_from(len).unwrap_or(1)).saturating_sub(1);
            if bottom > top {
                sheet.merge_range(top, col, bottom, col, text, &styles.text)?;
            } else {
                sheet.write_string_with_format(top, col, text, &styles.text)?;
            }
            widths.fit(col, text);
            start = start.saturating_add(len);
        }
    }
    Ok(())
}

/// `年办件量 1500000件；上期 1800000件`: the values the indicator reads, with units.
fn actual_values(inputs: &[InputInfo<'_>], indicator: usize, values: &[(String, String)]) -> String {
    inputs
        .iter()
        .filter(|i| i.used_by.contains(&indicator))
        .filter_map(|i| {
            let text = values.iter().find(|(k, _)| k == i.key).map(|(_, v)| v)?;
            let bare = text.parse::<Decimal>().is_ok();
            let unit = if bare { i.unit } else { "" };
            Some(format!("{} {text}{unit}", i.name))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// `指标值 = 200万件` → `200万件`; other comparisons keep their sign (`≤ 2021年6月30日`).
fn clean_target(text: &str) -> String {
    let t = text.find(['=', '≥', '≤', '>', '<', '＝']).and_then(|at| text.get(at..)).unwrap_or(text);
    t.trim_start_matches(['=', '＝']).trim().to_owned()
}

/// Column widths that fit their text, in character cells (a Chinese character is two).
struct Widths([usize; 8]);

impl Widths {
    fn new(heads: &[&str; 8]) -> Self {
        let mut w = [0usize; 8];
        for (slot, head) in w.iter_mut().zip(heads) {
            *slot = head.width().saturating_add(2);
        }
        Widths(w)
    }

    fn fit(&mut self, col: ColNum, text: &str) {
        let longest = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0).saturating_add(2);
        if let Some(w) = self.0.get_mut(usize::from(col)) {
            *w = (*w).max(longest.min(MAX_WIDTH));
        }
    }

    fn apply(&self, sheet: &mut Worksheet) -> Result<(), XlsxError> {
        for (col, w) in (0..).zip(self.0) {
            sheet.set_column_width(col, u32::try_from(w).unwrap_or(10))?;
        }
        Ok(())
    }
}

/// Excel's sheet-name rules: no `[]:*?/\`, not starting or ending with `'`.
fn sanitize(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if "[]:*?/\\".contains(c) || c.is_control() { '_' } else { c }).collect();
    cleaned.trim().trim_matches('\'').trim().to_owned()
}

fn truncate(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// Writes a score into a number cell when the double an xlsx cell holds shows
/// as exactly this decimal at Excel's 15 significant digits ([`excel_decimal`]);
/// otherwise into a text cell with its exact digits. The form never shows a
/// number that differs from the score. (The double exists only here, at the
/// file format's boundary: xlsx number cells are IEEE doubles.)
fn write_decimal(
    sheet: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    d: Decimal,
    format: &Format,
) -> Result<(), XlsxError> {
    let text = d.normalize().to_string();
    let exact = text.parse::<f64>().ok().filter(|x| excel_decimal(*x) == Some(d));
    match exact {
        Some(x) => sheet.write_number_with_format(row, col, x, format)?,
        None => sheet.write_string_with_format(row, col, text, format)?,
    };
    Ok(())
}

/// Writes a record's line number: a number cell, or text past 2³² lines.
fn write_line_number(sheet: &mut Worksheet, row: RowNum, line: u64, format: &Format) -> Result<(), XlsxError> {
    match u32::try_from(line) {
        Ok(n) => sheet.write_number_with_format(row, 0, n, format)?,
        Err(_) => sheet.write_string_with_format(row, 0, line.to_string(), format)?,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use std::io::Cursor;

    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

    use super::*;

    fn written(values: &[&str]) -> Vec<Data> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (col, v) in values.iter().enumerate() {
            let col = ColNum::try_from(col).unwrap();
            write_decimal(sheet, 0, col, v.parse().unwrap(), &Format::new()).unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let mut back: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let range = back.worksheet_range_at(0).unwrap().unwrap();
        range.rows().next().unwrap().to_vec()
    }

    #[test]
    fn scores_are_numbers_unless_a_double_cannot_show_them_exactly() {
        let cells = written(&["81", "6.67", "217.557", "0.1", "1234567890.123456789012", "-0.00"]);
        assert_eq!(cells[0], Data::Float(81.0));
        assert_eq!(cells[1], Data::Float(6.67));
        assert_eq!(cells[2], Data::Float(217.557));
        assert_eq!(cells[3], Data::Float(0.1));
        assert_eq!(cells[4], Data::String("1234567890.123456789012".into()), "22 digits stay exact as text");
        assert_eq!(cells[5], Data::Float(0.0));
    }
}
