//! The table format: one aligned row per group and indicator, widths measured
//! in display columns so Chinese text lines up, then the total and grade.

use std::io::{self, Write};

use scorecard::{GroupReport, IndicatorReport, Lang, Report};

use crate::failure::Failure;
use crate::text::{one_line, pad_left, pad_right, width};
use scorecard::number::fixed2;

/// Spaces between columns.
const GAP: &str = "  ";

/// One row: the first column left-aligned, the numbers right-aligned.
struct Row {
    name: String,
    numbers: [String; 3],
    explanation: String,
}

/// Writes the report as a table, in the language of the rule file.
pub fn write(w: &mut impl Write, report: &Report, lang: Lang) -> io::Result<()> {
    let header = Row {
        name: lang.pick("指标", "indicator").to_owned(),
        numbers: lang.pick(["分值", "扣分", "得分"], ["points", "deduction", "score"]).map(str::to_owned),
        explanation: lang.pick("说明", "explanation").to_owned(),
    };
    let rows = rows(report);
    let widths = column_widths(std::iter::once(&header).chain(&rows));
    write_row(w, &header, &widths)?;
    let rule_width = widths
        .iter()
        .sum::<usize>()
        .saturating_add(GAP.len().saturating_mul(4))
        .saturating_add(width(&header.explanation));
    writeln!(w, "{}", "-".repeat(rule_width))?;
    for row in &rows {
        write_row(w, row, &widths)?;
    }
    writeln!(w, "{}", total_line(report, lang))
}

/// Writes why a record was not scored, one line per problem.
pub fn write_failure(w: &mut impl Write, failure: &Failure, lang: Lang) -> io::Result<()> {
    for message in failure.messages(lang) {
        writeln!(w, "{}{}", lang.pick("未评分：", "not scored: "), one_line(&message))?;
    }
    Ok(())
}

/// Group rows (subtotals) before their first indicator, indented by depth.
fn rows(report: &Report) -> Vec<Row> {
    let mut rows = Vec::with_capacity(report.indicators.len().saturating_add(report.groups.len()));
    let mut open: &[String] = &[];
    for ind in &report.indicators {
        let common = open.iter().zip(&ind.path).take_while(|(a, b)| a == b).count();
        for depth in common..ind.path.len() {
            if let Some(group) = ind.path.get(..=depth).and_then(|prefix| find_group(report, prefix)) {
                rows.push(group_row(group, depth));
            }
        }
        open = &ind.path;
        rows.push(indicator_row(ind));
    }
    rows
}

/// The group whose path and name are `prefix`.
fn find_group<'r>(report: &'r Report, prefix: &[String]) -> Option<&'r GroupReport> {
    let (name, path) = prefix.split_last()?;
    report.groups.iter().find(|g| &g.name == name && g.path.as_slice() == path)
}

fn group_row(group: &GroupReport, depth: usize) -> Row {
    let deduction = group.points.checked_sub(group.score).map(fixed2).unwrap_or_default();
    Row {
        name: format!("{}{}", indent(depth), one_line(&group.name)),
        numbers: [fixed2(group.points), deduction, fixed2(group.score)],
        explanation: String::new(),
    }
}

fn indicator_row(ind: &IndicatorReport) -> Row {
    Row {
        name: format!("{}{}", indent(ind.path.len()), one_line(&ind.name)),
        numbers: [fixed2(ind.points), fixed2(ind.deduction), fixed2(ind.score)],
        explanation: one_line(&ind.explanation),
    }
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
}

/// The display width of the name column and of each number column.
fn column_widths<'a>(rows: impl Iterator<Item = &'a Row>) -> [usize; 4] {
    rows.fold([0; 4], |[n, a, b, c], row| {
        let [p, d, s] = &row.numbers;
        [n.max(width(&row.name)), a.max(width(p)), b.max(width(d)), c.max(width(s))]
    })
}

fn write_row(w: &mut impl Write, row: &Row, widths: &[usize; 4]) -> io::Result<()> {
    let [nw, pw, dw, sw] = *widths;
    let [p, d, s] = &row.numbers;
    let line = [pad_right(&row.name, nw), pad_left(p, pw), pad_left(d, dw), pad_left(s, sw), row.explanation.clone()]
        .join(GAP);
    writeln!(w, "{}", line.trim_end())
}

/// `总分 82.00/100.00，等级 良` / `total 82.00/100.00, grade 良`.
fn total_line(report: &Report, lang: Lang) -> String {
    let (total, full) = (fixed2(report.total), fixed2(report.full_marks));
    let grade = one_line(&report.grade);
    match (grade.is_empty(), lang) {
        (true, _) => lang.pick(format!("总分 {total}/{full}"), format!("total {total}/{full}")),
        (false, Lang::Zh) => format!("总分 {total}/{full}，等级 {grade}"),
        (false, Lang::En) => format!("total {total}/{full}, grade {grade}"),
    }
}
