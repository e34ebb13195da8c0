//! Finding the header row of a 绩效目标表 by its words, in any order, and what each column holds.
//!
//! The header is the first row naming both an indicator level (`三级指标`,
//! or `二级指标`) and a criterion (`评（扣）分标准`), possibly over two rows:
//! `绩效指标 | 评（扣）分标准 | …` above `一级指标 | 二级指标 | …`. An
//! empty cell of the lower row takes the word of the upper row at the same
//! column (spreadsheets, merged cells), or else the next unused word of the
//! upper row (text dumps, where merged cells collapse).

use crate::document::{Row, Table};

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 一级指标.
    Level1,
    /// 二级指标.
    Level2,
    /// 三级指标.
    Level3,
    /// 指标性质 (=, ≥ …).
    Op,
    /// 指标值.
    Value,
    /// 度量单位.
    Unit,
    /// 指标属性 (定量/定性).
    Nature,
    /// 评（扣）分标准.
    Criterion,
    /// 指标内容.
    Content,
    /// 设定依据 (also 设定依据及数据来源).
    Basis,
    /// 数据来源.
    Source,
    /// 分值 / 权重.
    Points,
}

impl Column {
    /// The header word an analyst knows the column by.
    #[must_use]
    pub fn word(self) -> &'static str {
        match self {
            Column::Level1 => "一级指标",
            Column::Level2 => "二级指标",
            Column::Level3 => "三级指标",
            Column::Op => "指标性质",
            Column::Value => "指标值",
            Column::Unit => "度量单位",
            Column::Nature => "指标属性",
            Column::Criterion => "评（扣）分标准",
            Column::Content => "指标内容",
            Column::Basis => "设定依据",
            Column::Source => "数据来源",
            Column::Points => "分值",
        }
    }
}

/// The column a header word names, if any. More specific words first.
#[must_use]
pub fn column_of(word: &str) -> Option<Column> {
    let w: String = word.chars().filter(|c| !c.is_whitespace()).collect();
    let w = w.replace(['（', '('], "(").replace(['）', ')'], ")");
    let has = |s: &str| w.contains(s);
    Some(if has("分标准") || has("评分办法") || has("评分规则") {
        Column::Criterion
    } else if has("依据") {
        Column::Basis
    } else if has("数据来源") {
        Column::Source
    } else if has("指标内容") || has("指标解释") || has("指标说明") {
        Column::Content
    } else if has("一级指标") {
        Column::Level1
    } else if has("二级指标") {
        Column::Level2
    } else if has("三级指标") {
        Column::Level3
    } else if has("性质") {
        Column::Op
    } else if has("属性") {
        Column::Nature
    } else if has("单位") {
        Column::Unit
    } else if has("分值") || has("权重") {
        Column::Points
    } else if has("指标值") || w == "目标值" {
        Column::Value
    } else {
        return None;
    })
}

/// The header found: which row, and the column of each kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Index of the (lower) header row in the table.
    pub row: usize,
    /// (column index, what it holds), left to right.
    pub columns: Vec<(usize, Column)>,
}

impl Header {
    /// The column index holding `kind`.
    #[must_use]
    pub fn col(&self, kind: Column) -> Option<usize> {
        self.columns.iter().find(|(_, k)| *k == kind).map(|(i, _)| *i)
    }
}

impl Header {
    /// Finds the header of a table; `None` when no row names an indicator level.
    #[must_use]
    pub fn find(table: &Table) -> Option<Header> {
        find(table)
    }
}

/// Finds the header of a table; `None` when no row names an indicator level.
#[must_use]
pub fn find(table: &Table) -> Option<Header> {
    let row = table.rows.iter().position(names_levels)?;
    let above = row.checked_sub(1).and_then(|r| table.rows.get(r));
    let cells = table.rows.get(row)?;
    Some(Header { row, columns: merge(cells, above) })
}

fn names_levels(row: &Row) -> bool {
    row.cells.iter().any(|c| matches!(column_of(&c.text), Some(Column::Level3 | Column::Level2)))
}

fn merge(row: &Row, above: Option<&Row>) -> Vec<(usize, Column)> {
    let mut columns: Vec<(usize, Column)> =
        row.cells.iter().enumerate().filter_map(|(i, c)| column_of(&c.text).map(|k| (i, k))).collect();
    let Some(above) = above else { return columns };
    let mut spare: Vec<Column> = Vec::new();
    for c in &above.cells {
        if let Some(k) = column_of(&c.text).filter(|k| !columns.iter().any(|(_, have)| have == k)) {
            if !spare.contains(&k) {
                spare.push(k);
            }
        }
    }
    let empties: Vec<usize> = row.cells.iter().enumerate().filter(|(_, c)| c.text.is_empty()).map(|(i, _)| i).collect();
    // Aligned first (a spreadsheet's merged cell above), then in order.
    for &i in &empties {
        if let Some(k) = above.get(i).and_then(|c| column_of(&c.text)).filter(|k| spare.contains(k)) {
            spare.retain(|s| *s != k);
            columns.push((i, k));
        }
    }
    let mut spare = spare.into_iter();
    for &i in &empties {
        if columns.iter().any(|(j, _)| *j == i) {
            continue;
        }
        match spare.next() {
            Some(k) => columns.push((i, k)),
            None => break,
        }
    }
    columns.sort_by_key(|(i, _)| *i);
    columns
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_words_in_any_spelling() {
        assert_eq!(column_of("评（扣）分标准"), Some(Column::Criterion));
        assert_eq!(column_of("绩效指标值设定依据及数据来源"), Some(Column::Basis));
        assert_eq!(column_of("指标值"), Some(Column::Value));
        assert_eq!(column_of("度量单位"), Some(Column::Unit));
        assert_eq!(column_of("分值（权重）"), Some(Column::Points));
        assert_eq!(column_of("绩效指标"), None);
    }
}
