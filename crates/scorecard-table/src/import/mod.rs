//! From a 绩效目标表 to a draft rule file: find the header, read the rows, read each criterion as written.
//!
//! [`import`] turns one [`Table`] into a [`Draft`]: the rule file's syntax
//! tree (printed by the syntax crate's printer, so the text is canonical),
//! how each criterion was read, and the proposals a person may accept.
//! Nothing is guessed silently: a criterion the parser cannot read keeps its
//! text, gets `评分待定` with what is unclear and a proposed rewording, and
//! a `酌情扣分` stand-in so the draft still compiles and scores.

mod draft;
mod error;
mod header;
mod probe;
mod reword;
mod rows;

use rust_decimal::Decimal;
use scorecard_syntax::ast::{File, InputDecl, Item, Scoring};
use scorecard_syntax::Spanned;
use serde::Serialize;

pub use error::ImportError;
pub use header::{column_of, Column, Header};
pub use rows::{entries, Entry};

use crate::document::{Merged, Table};

/// How one criterion was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Reading {
    /// Read as written: these are its tiers.
    AsWritten(probe::Read),
    /// A person must read it.
    Pending {
        /// The note written in the draft (`评分待定 「…」`): what is unclear, and the proposal.
        note: String,
        /// Why, in one phrase (for the summary).
        reason: String,
        /// The likely rewording, read and checked like a criterion.
        proposal: Option<Proposal>,
        /// The largest deduction written in the criterion.
        max: Option<Decimal>,
    },
}

/// A rewording a person may accept: the `评分` line and the inputs it needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// The proposed criterion text, e.g. `黑榜次数达到1次，扣25分`.
    pub text: String,
    /// Its tiers.
    pub scoring: Vec<Scoring>,
    /// The inputs it needs that the draft does not declare yet.
    pub inputs: Vec<InputDecl>,
    /// The `度量` it needs, if any.
    pub measure: Option<String>,
}

/// One imported indicator: its name and how its criterion was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    /// The 三级指标.
    pub name: String,
    /// How its criterion was read.
    pub reading: Reading,
}

/// A draft rule file and what import found.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The rule file's syntax tree.
    pub file: File,
    /// Comment lines printed above the file (without `# `).
    pub notes: Vec<String>,
    /// Each indicator, in table order.
    pub indicators: Vec<Imported>,
}

/// The summary `scorecard import --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Indicators found.
    pub indicators: usize,
    /// Criteria turned into rules as written.
    pub as_written: usize,
    /// Indicators whose criterion needs a person, by name.
    pub needs_review: Vec<String>,
}

impl Draft {
    /// The rule file's text: the notes as comments, then the canonical printout.
    #[must_use]
    pub fn to_source(&self) -> String {
        let mut out: String = self.notes.iter().map(|n| format!("# {n}\n")).collect();
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&scorecard_syntax::print::to_source(&self.file));
        out
    }

    /// The summary of what was read.
    #[must_use]
    pub fn summary(&self) -> Summary {
        let pending: Vec<String> = self
            .indicators
            .iter()
            .filter(|i| matches!(i.reading, Reading::Pending { .. }))
            .map(|i| i.name.clone())
            .collect();
        Summary {
            indicators: self.indicators.len(),
            as_written: self.indicators.len().saturating_sub(pending.len()),
            needs_review: pending,
        }
    }

    /// The draft with every proposal accepted: each pending indicator that has
    /// a proposal gets its tiers, loses `评分待定` and its `酌情扣分`
    /// stand-in, and the inputs the proposals need are declared.
    #[must_use]
    pub fn accept_proposals(&self) -> Draft {
        let mut out = self.clone();
        for imp in &self.indicators {
            let Reading::Pending { proposal: Some(p), .. } = &imp.reading else { continue };
            let stand_in = draft::stand_in(&imp.name).name.node;
            out.file.inputs.retain(|i| i.name.node != stand_in);
            for input in &p.inputs {
                if !out.file.inputs.iter().any(|i| i.name.node == input.name.node) {
                    out.file.inputs.push(input.clone());
                }
            }
            for_each_indicator(&mut out.file.items, &mut |ind| {
                if ind.name.node == imp.name && ind.pending.is_some() {
                    ind.pending = None;
                    ind.discretionary = None;
                    ind.scoring.clone_from(&p.scoring);
                    ind.measure = p.measure.clone().map(|m| Spanned::new(m, scorecard_syntax::Span::default()));
                }
            });
        }
        out.indicators = out
            .indicators
            .into_iter()
            .map(|imp| match imp.reading {
                Reading::Pending { proposal: Some(p), .. } => Imported {
                    name: imp.name,
                    reading: Reading::AsWritten(probe::Read {
                        scoring: p.scoring,
                        inputs: p.inputs,
                        measure: p.measure,
                    }),
                },
                _ => imp,
            })
            .collect();
        out
    }
}

fn for_each_indicator(items: &mut [Item], f: &mut impl FnMut(&mut scorecard_syntax::ast::Indicator)) {
    // The tree is at most two groups deep (一级/二级), as import builds it.
    for item in items {
        match item {
            Item::Indicator(ind) => f(ind),
            Item::Group(g) => for_each_indicator(&mut g.items, f),
        }
    }
}

/// The table to import from a document: table `n` (1-based) when given,
/// else the only one with a header row (or the first, whose import then says
/// what is missing).
///
/// # Errors
/// `n` is out of range, or several tables have a header and none was chosen.
pub fn choose<'a>(tables: &'a [Table], n: Option<usize>, file: &str) -> Result<&'a Table, ImportError> {
    let list = |which: &[(usize, &Table)]| {
        which.iter().map(|(i, t)| format!("{} = {}", i.saturating_add(1), t.name)).collect::<Vec<_>>().join(", ")
    };
    let all: Vec<(usize, &Table)> = tables.iter().enumerate().collect();
    if let Some(n) = n {
        return n.checked_sub(1).and_then(|i| tables.get(i)).ok_or_else(|| ImportError::NoSuchTable {
            file: file.to_owned(),
            n,
            count: tables.len(),
            list: list(&all),
        });
    }
    let with_header: Vec<(usize, &Table)> = all.iter().copied().filter(|(_, t)| header::find(t).is_some()).collect();
    match with_header.as_slice() {
        [(_, only)] => Ok(only),
        [] => tables.first().ok_or_else(|| ImportError::NoSuchTable {
            file: file.to_owned(),
            n: 1,
            count: 0,
            list: String::new(),
        }),
        many => Err(ImportError::SeveralTables { file: file.to_owned(), count: many.len(), list: list(many) }),
    }
}

/// Imports one table. `file` names the document in errors and notes.
///
/// # Errors
/// The table has no header row, no criterion column, or no indicator rows.
pub fn import(table: &Table, file: &str) -> Result<Draft, ImportError> {
    let header = header::find(table)
        .ok_or_else(|| ImportError::NoHeader { file: file.to_owned(), table: table.name.clone() })?;
    let at = table.rows.get(header.row).and_then(|r| r.cells.first()).map(|c| c.origin.to_string()).unwrap_or_default();
    if header.col(Column::Criterion).is_none() {
        return Err(ImportError::NoCriterionColumn { file: file.to_owned(), at });
    }
    odd_merge(table, &header, file)?;
    let entries = rows::entries(table, &header);
    if entries.is_empty() {
        return Err(ImportError::NoIndicators { file: file.to_owned(), at });
    }
    Ok(build(table, &header, &entries, file))
}

/// Refuses a merged region below the header that import cannot read row by
/// row: see [`tall_merge`] and [`wide_merge`]. 一级/二级 merged down their
/// indicators (or across a group row) are how these tables are drawn and read as meant.
fn odd_merge(table: &Table, header: &Header, file: &str) -> Result<(), ImportError> {
    for m in table.merged.iter().filter(|m| m.first.0 > header.row) {
        if let Some(what) = tall_merge(table, header, m).or_else(|| wide_merge(table, header, m)) {
            return Err(ImportError::OddMerge { file: file.to_owned(), range: m.range.clone(), what });
        }
    }
    Ok(())
}

/// A region over several rows in a column of its own per indicator: a
/// 三级指标 over several rows (the rows after the first would be lost), or
/// another column shared by several indicators (only the first would get it).
fn tall_merge(table: &Table, header: &Header, m: &Merged) -> Option<String> {
    if m.last.0 <= m.first.0 {
        return None;
    }
    let kind = header.columns.iter().find(|(c, _)| *c == m.first.1).map(|(_, k)| *k)?;
    if matches!(kind, Column::Level1 | Column::Level2) {
        return None;
    }
    let names = indicator_names(table, header, m.first.0, m.last.0);
    if kind == Column::Level3 {
        Some(format!("one 三级指标 cell ({}) spans several rows; each indicator needs its own row", names.join("、")))
    } else if names.len() > 1 {
        Some(format!(
            "one {} cell is shared by {} indicators ({}); import would give it to the first only",
            kind.word(),
            names.len(),
            names.join("、")
        ))
    } else {
        None
    }
}

/// A region across the 评（扣）分标准 column and another column of an
/// indicator's row: one of the two would be read as empty.
fn wide_merge(table: &Table, header: &Header, m: &Merged) -> Option<String> {
    let covered: Vec<Column> =
        header.columns.iter().filter(|(c, _)| (m.first.1..=m.last.1).contains(c)).map(|(_, k)| *k).collect();
    if covered.len() < 2 || !covered.contains(&Column::Criterion) {
        return None;
    }
    let name = indicator_names(table, header, m.first.0, m.first.0).into_iter().next()?;
    let words: Vec<&str> = covered.iter().map(|k| k.word()).collect();
    Some(format!("one cell of {name} spans the {} columns; each column needs its own cell", words.join("、")))
}

/// The 三级指标 names in rows `first..=last`.
fn indicator_names<'t>(table: &'t Table, header: &Header, first: usize, last: usize) -> Vec<&'t str> {
    let Some(level3) = header.col(Column::Level3) else { return Vec::new() };
    (first..=last)
        .filter_map(|r| table.rows.get(r)?.get(level3))
        .map(|c| c.text.as_str())
        .filter(|t| !t.is_empty())
        .collect()
}

fn build(table: &Table, header: &Header, entries: &[Entry], file: &str) -> Draft {
    let mut inputs: Vec<InputDecl> = Vec::new();
    let mut indicators = Vec::new();
    let mut imported = Vec::new();
    for entry in entries {
        let reading = read_criterion(entry, &inputs);
        let stand_in = matches!(reading, Reading::Pending { .. }).then(|| draft::stand_in(&entry.name));
        match &reading {
            Reading::AsWritten(r) => add_inputs(&mut inputs, &r.inputs),
            Reading::Pending { .. } => add_inputs(&mut inputs, stand_in.as_slice()),
        }
        let ind = draft::indicator_of(entry, &reading, stand_in.as_ref());
        indicators.push((entry.level1.clone(), entry.level2.clone(), ind));
        imported.push(Imported { name: entry.name.clone(), reading });
    }
    let mut f = draft::file(&title(table, header, file));
    f.inputs = inputs;
    f.items = draft::tree(indicators);
    let (total, mut notes) = points_note(entries, &imported, file);
    notes.extend(entries.iter().filter_map(draft::unread_target));
    f.total = total.map(|t| Spanned::new(t, scorecard_syntax::Span::default()));
    Draft { file: f, notes, indicators: imported }
}

fn add_inputs(all: &mut Vec<InputDecl>, new: &[InputDecl]) {
    for i in new {
        if !all.iter().any(|a| a.name.node == i.name.node) {
            all.push(i.clone());
        }
    }
}

fn read_criterion(entry: &Entry, declared: &[InputDecl]) -> Reading {
    let text = entry.criterion.as_str();
    let max = reword::largest_deduction(text);
    if text.is_empty() {
        let reason = "表中没有评（扣）分标准".to_owned();
        return Reading::Pending { note: reason.clone(), reason, proposal: None, max };
    }
    let mut parse_reason = match probe::read(text, entry, declared) {
        Ok(read) => return Reading::AsWritten(read),
        Err(reason) => reason,
    };
    // With the name quoted the parser reads further, so its reason is the better one.
    match quoted_name(text, entry).map(|t| probe::read(&t, entry, declared)) {
        Some(Ok(read)) => return Reading::AsWritten(read),
        Some(Err(reason)) => parse_reason = reason,
        None => {}
    }
    let rewording = reword::propose(text, &entry.name);
    let proposal = rewording.as_ref().and_then(|r| {
        let read = probe::read(&r.text, entry, declared).ok()?;
        let inputs = read.inputs.into_iter().filter(|i| !declared.iter().any(|d| d.name == i.name)).collect();
        Some(Proposal { text: r.text.clone(), scoring: read.scoring, inputs, measure: read.measure })
    });
    let discretion = reword::discretionary(text).filter(|_| proposal.is_none());
    let reason = match (&rewording, &discretion) {
        (_, Some(why)) => why.clone(),
        (Some(r), None) => r.unclear.clone(),
        (None, None) => parse_reason,
    };
    let note = match (&proposal, &discretion) {
        (Some(p), _) => format!("{reason}。建议改写为“评分 {}”{}。", p.text, declare_note(&p.inputs)),
        (None, Some(_)) => format!("{reason}。"),
        (None, None) => format!("{reason}。请按原文写出评分条件。"),
    };
    Reading::Pending { note, reason, proposal, max }
}

/// The criterion with the indicator's own name quoted (`「65岁及以上老年人健康管理人数」低于5000人`)
/// when the name cannot stand bare: it starts with a digit or holds a word
/// such as `增加`. The words are the table's; only the quotes are added.
fn quoted_name(text: &str, entry: &Entry) -> Option<String> {
    let name = entry.name.as_str();
    let plain = !name.is_empty() && name.chars().all(|c| c.is_alphanumeric()) && text.contains(name);
    (plain && !text.contains('「')).then(|| text.replace(name, &format!("「{name}」")))
}

fn declare_note(inputs: &[InputDecl]) -> String {
    let decls: Vec<String> = inputs
        .iter()
        .map(|i| match &i.kind.node {
            scorecard_syntax::ast::InputKind::Unit(u) => format!("“输入 {}（{u}）”", i.name.node),
            _ => format!("“输入 {}”", i.name.node),
        })
        .collect();
    if decls.is_empty() {
        String::new()
    } else {
        format!("，并声明{}", decls.join("、"))
    }
}

/// The file's name: the title row above the header that names the table
/// (`…目标表`), else the first title row, else the file's stem.
fn title(table: &Table, header: &Header, file: &str) -> String {
    let above: Vec<&str> = table
        .rows
        .iter()
        .take(header.row)
        .flat_map(|r| r.cells.first())
        .map(|c| c.text.trim())
        .filter(|t| !t.is_empty() && column_of(t).is_none())
        .collect();
    let named = above.iter().find(|t| t.ends_with("目标表") && t.chars().count() > "项目绩效目标表".chars().count());
    let title = named.or(above.first()).map_or_else(
        || std::path::Path::new(file).file_stem().map_or_else(|| file.to_owned(), |s| s.to_string_lossy().into_owned()),
        |t| (*t).to_owned(),
    );
    rows::quotable(title.lines().collect::<String>().chars().filter(|c| !c.is_control()).collect())
}

/// 总分 (when every indicator's points are known) and the comments saying where points come from.
fn points_note(entries: &[Entry], imported: &[Imported], file: &str) -> (Option<Decimal>, Vec<String>) {
    let mut notes = vec![format!(
        "由 scorecard import 从 {file} 生成的草稿：表中每一栏都已保留；能按原文读出的评分标准已写成评分条件。"
    )];
    let from_column = entries.iter().any(|e| draft::points(&e.points).is_some());
    let points: Vec<Option<Decimal>> = entries.iter().zip(imported).map(|(e, i)| points_of(e, i)).collect();
    let total = points.iter().try_fold(Decimal::ZERO, |acc, p| acc.checked_add((*p)?));
    if from_column {
        notes.push("分值取自表中的分值栏。".to_owned());
    } else {
        let parts: Vec<String> = points.iter().map(|p| p.map_or_else(|| "?".to_owned(), |d| d.to_string())).collect();
        let sum = total.map_or_else(|| "无法相加：有指标读不出最大扣分".to_owned(), |t| t.to_string());
        notes.push(format!(
            "表中没有分值栏：每个指标的分值按其评（扣）分标准中的最大扣分计（{} = {sum}）。",
            parts.join(" + ")
        ));
    }
    notes.push(
        "输入的名称即测量数据中的字段名。带“评分待定”的指标须由人核对（scorecard check 显示 W0208）。".to_owned(),
    );
    (total, notes)
}

fn points_of(entry: &Entry, imported: &Imported) -> Option<Decimal> {
    if let Some(p) = draft::points(&entry.points) {
        return Some(p);
    }
    match &imported.reading {
        Reading::AsWritten(_) | Reading::Pending { .. } => reword::largest_deduction(&entry.criterion),
    }
}
