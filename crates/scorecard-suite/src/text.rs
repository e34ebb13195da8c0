//! Plain-text layout: display widths (a CJK character takes two columns),
//! padding, and aligned columns.

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

/// Rows of cells laid out in aligned columns, each line starting with
/// `indent`. The last cell of a row is not padded, so no line ends in spaces.
pub fn columns(rows: &[Vec<String>], indent: &str) -> Vec<String> {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width(cell)),
                None => widths.push(width(cell)),
            }
        }
    }
    rows.iter()
        .map(|row| {
            let last = row.len().saturating_sub(1);
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(
                    |(i, cell)| {
                        if i == last {
                            cell.clone()
                        } else {
                            pad_right(cell, widths.get(i).copied().unwrap_or(0))
                        }
                    },
                )
                .collect();
            format!("{indent}{}", cells.join("  ")).trim_end().to_owned()
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
            columns(&rows, "  "),
            vec!["  项目           期望  实际", "  得分 年办件量  8     5     说明", "  total          100   92"]
        );
    }
}
