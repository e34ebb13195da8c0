//! One spreadsheet cell as the analyst sees it: numbers at Excel's 15 significant digits, never a double's noise.
//!
//! Excel stores every number as an IEEE double and shows at most 15
//! significant digits of it. A cell computed as `=241.73*9/10` holds the
//! double 217.55699999999996 and shows 217.557; the analyst means 217.557,
//! and that is what the engine must score. So a numeric cell is read by
//! rounding its double, correctly, to 15 significant digits (what Excel
//! displays in General format), then removing trailing zeros. The double is
//! only ever formatted as text, never used in arithmetic.
//!
//! Other rules, in one place for every reader (records in, tables imported):
//! - A cell whose number format shows a percentage (`0%`, `0.0%`, …) holds a
//!   fraction: 0.925 shown as 92.5% is read as 92.5 **percent**.
//! - A date-formatted cell is a calendar date; a time of day in it is refused,
//!   since rule files compare whole days.
//! - Text is trimmed; an empty or all-blank cell is empty.
//! - An error cell (`#DIV/0!`, `#N/A`, …) is reported as such, never as zero.

use std::fmt;

use calamine::{Data, ExcelDateTime};
use rust_decimal::Decimal;

/// Significant digits Excel keeps and displays.
pub const EXCEL_DIGITS: usize = 15;

/// What one cell holds, read as the analyst sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellValue {
    /// No value.
    Empty,
    /// A number, exactly as displayed.
    Number(Decimal),
    /// A percentage-formatted number, in percent (0.925 shown as 92.5% is `92.5`).
    Percent(Decimal),
    /// A calendar date.
    Date {
        /// Year, 1–9999.
        year: u16,
        /// Month, 1–12.
        month: u8,
        /// Day of the month.
        day: u8,
    },
    /// A boolean cell (TRUE/FALSE).
    Bool(bool),
    /// Text, trimmed.
    Text(String),
}

/// Why a cell cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellProblem {
    /// An Excel error value such as `#DIV/0!`.
    ErrorValue(String),
    /// A number that is not finite, or has no 28-digit decimal form.
    NotANumber,
    /// A date cell that also holds a time of day, or a duration.
    NotADate,
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::ErrorValue(v) => write!(f, "the cell holds the error value `{v}`"),
            Self::NotANumber => f.write_str("the cell's number cannot be read as a decimal"),
            Self::NotADate => f.write_str("the cell holds a time or a duration, not a calendar date"),
        }
    }
}

impl std::error::Error for CellProblem {}

impl CellProblem {
    /// The message for cell `cell` (`Sheet1!C7`) in language `lang`, saying how to fix it.
    #[must_use]
    pub fn message(&self, cell: &str, lang: scorecard::Lang) -> String {
        match self {
            Self::ErrorValue(value) => lang.pick(
                format!("单元格 {cell} 是错误值 {value}，请改正其公式或填入数值"),
                format!("cell {cell} holds the error value {value}; fix its formula or type the value"),
            ),
            Self::NotANumber => lang.pick(
                format!("单元格 {cell} 的数值无法读取（超出范围）"),
                format!("cell {cell} holds a number that cannot be read (out of range)"),
            ),
            Self::NotADate => lang.pick(
                format!("单元格 {cell} 含时刻或时长，不是日期；请只填日期"),
                format!("cell {cell} holds a time or a duration, not a date; type the date alone"),
            ),
        }
    }
}

impl CellValue {
    /// The text a record reader takes for this value: `217.557`, `92.5%`,
    /// `2021-03-31`, `是`/`否` for a boolean, the text itself; `None` when empty.
    #[must_use]
    pub fn to_input_text(&self) -> Option<String> {
        match self {
            Self::Empty => None,
            Self::Number(d) => Some(d.to_string()),
            Self::Percent(d) => Some(format!("{d}%")),
            Self::Date { year, month, day } => Some(format!("{year:04}-{month:02}-{day:02}")),
            Self::Bool(b) => Some(if *b { "是" } else { "否" }.to_owned()),
            Self::Text(t) => Some(t.clone()),
        }
    }
}

/// Reads a cell. `number_format` is the cell's format code (for example
/// `0.0%`), when the workbook gives one.
///
/// # Errors
/// An error value, a non-finite number, or a date that is really a time.
pub fn read_cell(data: &Data, number_format: Option<&str>) -> Result<CellValue, CellProblem> {
    let percent = number_format.is_some_and(is_percent_format);
    match data {
        Data::Empty => Ok(CellValue::Empty),
        Data::Int(i) => Ok(number(Decimal::from(*i), percent)),
        Data::Float(x) => excel_decimal(*x).map(|d| number(d, percent)).ok_or(CellProblem::NotANumber),
        Data::String(s) | Data::DateTimeIso(s) => Ok(text(s)),
        Data::Bool(b) => Ok(CellValue::Bool(*b)),
        Data::DateTime(dt) => date(dt),
        Data::DurationIso(_) => Err(CellProblem::NotADate),
        Data::Error(e) => Err(CellProblem::ErrorValue(e.to_string())),
    }
}

fn number(d: Decimal, percent: bool) -> CellValue {
    if !percent {
        return CellValue::Number(d);
    }
    // A percentage cell stores the fraction; ×100 is a shift of the decimal point.
    match d.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => CellValue::Percent(p.normalize()),
        None => CellValue::Number(d),
    }
}

fn text(s: &str) -> CellValue {
    let t = s.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if t.is_empty() {
        CellValue::Empty
    } else {
        CellValue::Text(t.to_owned())
    }
}

fn date(dt: &ExcelDateTime) -> Result<CellValue, CellProblem> {
    if !dt.is_datetime() {
        return Err(CellProblem::NotADate);
    }
    let (year, month, day, hour, minute, second, milli) = dt.to_ymd_hms_milli();
    if (hour, minute, second, milli) != (0, 0, 0, 0) {
        return Err(CellProblem::NotADate);
    }
    Ok(CellValue::Date { year, month, day })
}

/// Whether an Excel number format code shows the value as a percentage: a
/// `%` outside quotes, brackets and escapes, in the format's first section.
#[must_use]
pub fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    let mut quoted = false;
    let mut bracket = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

/// The decimal Excel displays for a double: rounded to 15 significant
/// digits, trailing zeros removed. `None` for NaN, infinities and values
/// beyond a decimal's range.
///
/// ```
/// use scorecard_table::cell::excel_decimal;
/// // `=241.73*9/10` holds 217.55699999999996; Excel shows 217.557.
/// assert_eq!(excel_decimal(241.73 * 9.0 / 10.0).unwrap().to_string(), "217.557");
/// assert_eq!(excel_decimal(0.1 + 0.2).unwrap().to_string(), "0.3");
/// ```
#[must_use]
pub fn excel_decimal(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    // `{:.14e}` is Rust's correctly rounded shortest-free formatting: exactly
    // 15 significant digits of the double's exact binary value.
    let sci = format!("{x:.14e}");
    let (mantissa, exponent) = sci.split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let unsigned = shift_point(&digits, exponent)?;
    let sign = if negative { "-" } else { "" };
    let value = Decimal::from_str_exact(&format!("{sign}{unsigned}")).ok()?.normalize();
    Some(if value.is_zero() { Decimal::ZERO } else { value })
}

/// `d.ddddd × 10^exponent` as plain decimal text, given the 15 digits.
fn shift_point(digits: &str, exponent: i32) -> Option<String> {
    // Digits before the point: exponent + 1 (may be ≤ 0 or beyond the digits).
    let before = exponent.checked_add(1)?;
    let len = i32::try_from(digits.len()).ok()?;
    if before <= 0 {
        let zeros = usize::try_from(before.checked_neg()?).ok()?;
        if zeros > 28 {
            // Smaller than a decimal's finest step: Excel shows it, but no
            // rule compares at that scale. Round it to zero explicitly.
            return Some("0".to_owned());
        }
        return Some(format!("0.{}{digits}", "0".repeat(zeros)));
    }
    if before >= len {
        let zeros = usize::try_from(before.checked_sub(len)?).ok()?;
        if zeros > 14 {
            return None; // ≥ 10^29: beyond a decimal's range.
        }
        return Some(format!("{digits}{}", "0".repeat(zeros)));
    }
    let split = usize::try_from(before).ok()?;
    let (int, frac) = (digits.get(..split)?, digits.get(split..)?);
    Some(format!("{int}.{frac}"))
}

/// An A1-style reference with its sheet, as analysts write it: `Sheet1!C7`.
/// `row` and `col` count from 0.
#[must_use]
pub fn cell_ref(sheet: &str, row: u32, col: u32) -> String {
    let quoted = sheet.chars().any(|c| !c.is_alphanumeric() && c != '_');
    let row1 = u64::from(row).saturating_add(1);
    if quoted {
        format!("'{}'!{}{row1}", sheet.replace('\'', "''"), column_name(col))
    } else {
        format!("{sheet}!{}{row1}", column_name(col))
    }
}

/// Excel's column letters for a 0-based column index: 0 → `A`, 26 → `AA`.
#[must_use]
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col).saturating_add(1);
    let mut letters = Vec::new();
    while n > 0 {
        let rem = n.saturating_sub(1) % 26;
        letters.push(char::from(b'A'.saturating_add(u8::try_from(rem).unwrap_or(0))));
        n = n.saturating_sub(1) / 26;
    }
    letters.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::float_arithmetic)]
    use super::*;

    fn shown(x: f64) -> String {
        excel_decimal(x).unwrap().to_string()
    }

    #[test]
    fn binary_noise_is_gone_at_fifteen_digits() {
        assert_eq!(241.73 * 9.0 / 10.0, 217.556_999_999_999_96);
        assert_eq!(shown(241.73 * 9.0 / 10.0), "217.557");
        assert_eq!(shown(0.1 + 0.2), "0.3");
        assert_eq!(shown(1.0 - 0.9), "0.1");
        assert_eq!(shown(92.5), "92.5");
        assert_eq!(shown(-3.0), "-3");
        assert_eq!(shown(0.0), "0");
        assert_eq!(shown(-0.0), "0");
        assert_eq!(shown(-1e-40), "0");
    }

    #[test]
    fn fifteen_digits_are_kept_and_the_sixteenth_rounds() {
        assert_eq!(shown(123_456_789_012_345.0), "123456789012345");
        assert_eq!(shown(1_234_567_890_123_456.0), "1234567890123460");
        assert_eq!(shown(0.123_456_789_012_345_6), "0.123456789012346");
        assert_eq!(shown(1e-5), "0.00001");
        assert_eq!(shown(2.5e20), "250000000000000000000");
    }

    #[test]
    fn out_of_range_and_non_finite_are_refused() {
        assert_eq!(excel_decimal(f64::NAN), None);
        assert_eq!(excel_decimal(f64::INFINITY), None);
        assert_eq!(excel_decimal(1e30), None);
        assert_eq!(shown(1e-40), "0");
    }

    #[test]
    fn percentage_cells_are_read_in_percent() {
        assert_eq!(read_cell(&Data::Float(0.925), Some("0.0%")), Ok(CellValue::Percent("92.5".parse().unwrap())));
        assert_eq!(read_cell(&Data::Float(0.925), Some("General")), Ok(CellValue::Number("0.925".parse().unwrap())));
        assert_eq!(read_cell(&Data::Int(1), Some("0%")).unwrap().to_input_text().unwrap(), "100%");
        assert!(!is_percent_format("\"%\"0.00"));
        assert!(!is_percent_format("0.00\\%"));
        assert!(!is_percent_format("0;0%"));
        assert!(is_percent_format("[Red]0.0%"));
    }

    #[test]
    fn text_dates_and_errors() {
        assert_eq!(read_cell(&Data::String("  92.5 ".into()), None), Ok(CellValue::Text("92.5".into())));
        assert_eq!(read_cell(&Data::String(" ".into()), None), Ok(CellValue::Empty));
        let day = ExcelDateTime::new(44286.0, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(read_cell(&Data::DateTime(day), None).unwrap().to_input_text().unwrap(), "2021-03-31");
        let noon = ExcelDateTime::new(44286.5, calamine::ExcelDateTimeType::DateTime, false);
        assert_eq!(read_cell(&Data::DateTime(noon), None), Err(CellProblem::NotADate));
        let err = read_cell(&Data::Error(calamine::CellErrorType::Div0), None).unwrap_err();
        assert_eq!(err.to_string(), "the cell holds the error value `#DIV/0!`");
    }

    #[test]
    fn references_read_like_excel() {
        assert_eq!(cell_ref("Sheet1", 6, 2), "Sheet1!C7");
        assert_eq!(cell_ref("自评表", 0, 26), "自评表!AA1");
        assert_eq!(cell_ref("My Sheet", 0, 0), "'My Sheet'!A1");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }
}
