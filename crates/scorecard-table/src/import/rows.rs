//! The rows under the header as indicators: group rows, merged or empty 一级/二级 cells, `空` placeholders.
//!
//! A row with a 三级指标 is an indicator; its empty 一级/二级 cells continue
//! the ones above (merged cells read as empty). A row without one but with
//! a 一级 or 二级 name is a group row: it opens that group. Other rows
//! (blank, notes under the table) are skipped. `空`, `无` and `/` are empty.
//! Text keeps its words; only a cell holding both `」` and `"` has its
//! ASCII quotes written full-width (`＂`), since no quoting could hold both.

use super::header::{Column, Header};
use crate::document::{Origin, Row, Table};

/// One indicator row, its columns as text (empty when the table has none).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// 一级指标 in force.
    pub level1: String,
    /// 二级指标 in force.
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// Where the 三级指标 cell is.
    pub origin: Option<Origin>,
    /// 指标性质.
    pub op: String,
    /// 指标值.
    pub value: String,
    /// 度量单位.
    pub unit: String,
    /// 指标属性.
    pub nature: String,
    /// 评（扣）分标准.
    pub criterion: String,
    /// 指标内容.
    pub content: String,
    /// 设定依据.
    pub basis: String,
    /// 数据来源.
    pub source: String,
    /// 分值.
    pub points: String,
}

/// The indicator rows of a table, below its header.
#[must_use]
pub fn entries(table: &Table, header: &Header) -> Vec<Entry> {
    let mut out = Vec::new();
    let (mut l1, mut l2) = (String::new(), String::new());
    for row in table.rows.iter().skip(header.row.saturating_add(1)) {
        let get = |k| text(row, header, k);
        let (a, b, name) = (get(Column::Level1), get(Column::Level2), get(Column::Level3));
        if !a.is_empty() {
            l1 = a;
            l2 = String::new();
        }
        if !b.is_empty() {
            l2 = b;
        }
        if name.is_empty() {
            continue;
        }
        out.push(Entry {
            level1: l1.clone(),
            level2: l2.clone(),
            origin: header.col(Column::Level3).and_then(|c| row.get(c)).map(|c| c.origin.clone()),
            name,
            op: get(Column::Op),
            value: get(Column::Value),
            unit: get(Column::Unit),
            nature: get(Column::Nature),
            criterion: get(Column::Criterion),
            content: get(Column::Content),
            basis: get(Column::Basis),
            source: get(Column::Source),
            points: get(Column::Points),
        });
    }
    out
}

/// A cell's text under a column: line breaks joined, control characters
/// (invisible, and refused in a rule file) dropped, placeholders empty.
fn text(row: &Row, header: &Header, kind: Column) -> String {
    let raw = header.col(kind).and_then(|c| row.get(c)).map_or("", |c| c.text.as_str());
    let joined: String = raw.lines().map(str::trim).collect::<String>().chars().filter(|c| !c.is_control()).collect();
    let joined = quotable(joined);
    match joined.as_str() {
        "空" | "无" | "/" | "—" | "-" => String::new(),
        _ => joined,
    }
}

/// Rule-file text is quoted with 「…」 or "…"; text holding both closing
/// marks could not be quoted, so its ASCII quotes become full-width ones.
pub(super) fn quotable(text: String) -> String {
    if text.contains('」') && text.contains('"') {
        text.replace('"', "＂")
    } else {
        text
    }
}
