//! Plain-text layout: display widths (a CJK character takes two columns),
//! padding, and aligned columns. The one table layout of the project: the
//! CLI's report table and the suite's diff both use [`columns`].
//!
//! Hand-written on purpose. `comfy-table` 7 (no borders, no padding) aligns
//! CJK text exactly as this does, but it pads the last column of every line
//! to the widest cell, so a table with one long explanation ends every line
//! in spaces, and its rules span that width; trimming its output afterwards
//! would leave more code than these few functions over `unicode-width`.

use unicode_width::UnicodeWidthStr;

/// Text for one cell: line breaks and tabs become spaces, other control characters `?`.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => ' ',
            c if c.is_control() => '?',
            c => c,
        })
        .collect()
}

/// The number of terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` followed by spaces up to `columns` display columns.
pub fn pad_right(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(width(text))))
}

/// Spaces up to `columns` display columns, followed by `text`.
pub fn pad_left(text: &str, columns: usize) -> String {
    format!("{}{text}", " ".repeat(columns.saturating_sub(width(text))))
}

/// How the cells of a column line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text starts at the column's left edge.
    Left,
    /// Text ends at the column's right edge (numbers).
    Right,
}

/// Spaces between two columns.
pub const GAP: &str = "  ";

/// The display width of each column: its widest cell.
pub fn widths(rows: &[Vec<String>]) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width(cell)),
                None => widths.push(width(cell)),
            }
        }
    }
    widths
}

/// Rows of cells laid out in aligned columns, [`GAP`] apart, each line
/// starting with `indent`. Column `i` is aligned as `align[i]` says (left
/// when it says nothing). The last cell of a row is not padded, so no line
/// ends in spaces.
pub fn columns(rows: &[Vec<String>], indent: &str, align: &[Align]) -> Vec<String> {
    let widths = widths(rows);
    let cell = |i: usize, text: &str, last: bool| {
        let w = widths.get(i).copied().unwrap_or(0);
        match align.get(i) {
            Some(Align::Right) => pad_left(text, w),
            _ if last => text.to_owned(),
            _ => pad_right(text, w),
        }
    };
    rows.iter()
        .map(|row| {
            let last = row.len().saturating_sub(1);
            let cells: Vec<String> = row.iter().enumerate().map(|(i, text)| cell(i, text, i == last)).collect();
            format!("{indent}{}", cells.join(GAP)).trim_end().to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_under_wide_characters() {
        let rows = vec![
            vec!["项目".to_owned(), "期望".to_owned(), "实际".to_owned()],
            vec!["得分 年办件量".to_owned(), "8".to_owned(), "5".to_owned(), "说明".to_owned()],
            vec!["total".to_owned(), "100".to_owned(), "92".to_owned()],
        ];
        assert_eq!(
            columns(&rows, "  ", &[]),
            vec!["  项目           期望  实际", "  得分 年办件量  8     5     说明", "  total          100   92"]
        );
    }

    #[test]
    fn numbers_align_right_and_no_line_ends_in_spaces() {
        let rows = vec![
            vec!["指标".to_owned(), "得分".to_owned(), "说明".to_owned()],
            vec!["年办件量".to_owned(), "5.00".to_owned(), "扣 3 分".to_owned()],
            vec!["total".to_owned(), "100.00".to_owned(), String::new()],
        ];
        assert_eq!(
            columns(&rows, "", &[Align::Left, Align::Right]),
            vec!["指标        得分  说明", "年办件量    5.00  扣 3 分", "total     100.00"]
        );
        assert_eq!(widths(&rows), [8, 6, 7]);
    }
}
