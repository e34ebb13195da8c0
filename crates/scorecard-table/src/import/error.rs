//! Why a table cannot be imported: each error names the file and the table or header cell.

use thiserror::Error;

/// A table that is not a 绩效目标表 import can read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// No row names the indicator levels.
    #[error("{file}: {table}: no header row: no row names 三级指标 (or 二级指标); a 绩效目标表 needs a header row with 一级指标, 二级指标, 三级指标 and 评（扣）分标准")]
    NoHeader {
        /// The document.
        file: String,
        /// The sheet or table.
        table: String,
    },
    /// The header has no criterion column.
    #[error("{file}: {at}: the header row has no 评（扣）分标准 column; add one (the criteria are what import turns into rules)")]
    NoCriterionColumn {
        /// The document.
        file: String,
        /// The header row's first cell.
        at: String,
    },
    /// No row under the header names a 三级指标.
    #[error("{file}: {at}: no indicator under the header row: no row below it has a 三级指标")]
    NoIndicators {
        /// The document.
        file: String,
        /// The header row's first cell.
        at: String,
    },
    /// A merged region in the indicator rows that cannot be read row by row.
    #[error("{file}: {range}: merged cells: {what}; unmerge the region and fill in the cell of each row")]
    OddMerge {
        /// The document.
        file: String,
        /// The region, e.g. `Sheet1!C5:C6`.
        range: String,
        /// What is wrong with it.
        what: String,
    },
    /// Several tables have a header and none was chosen.
    #[error("{file} holds {count} tables with a 绩效目标表 header ({list}); choose one with --table N (one draft per table)")]
    SeveralTables {
        /// The document.
        file: String,
        /// How many.
        count: usize,
        /// `1 = Sheet1, 2 = Sheet2`.
        list: String,
    },
    /// `--table N` beyond the document's tables.
    #[error("{file}: there is no table {n}: the file has {count} table(s), numbered from 1 ({list})")]
    NoSuchTable {
        /// The document.
        file: String,
        /// The number asked for.
        n: usize,
        /// How many tables there are.
        count: usize,
        /// `1 = Sheet1, 2 = Sheet2`.
        list: String,
    },
}
