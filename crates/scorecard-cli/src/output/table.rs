//! The table format: one aligned row per group and indicator, widths measured
//! in display columns so Chinese text lines up, then the total and grade.

use std::io::{self, Write};

use scorecard::{GroupReport, IndicatorReport, Lang, Report};

use crate::failure::Failure;
use scorecard::number::fixed2;
use scorecard_suite::text::{columns, one_line, width, widths, Align, GAP};

/// How the columns line up: the name left, the numbers right, the explanation left.
const ALIGN: [Align; 4] = [Align::Left, Align::Right, Align::Right, Align::Right];

/// Writes the report as a table, in the language of the rule file.
pub fn write(w: &mut impl Write, report: &Report, lang: Lang) -> io::Result<()> {
    let header: Vec<String> = lang
        .pick(["指标", "分值", "扣分", "得分", "说明"], ["indicator", "points", "deduction", "score", "explanation"])
        .map(str::to_owned)
        .into();
    let rows: Vec<Vec<String>> = std::iter::once(header).chain(rows(report)).collect();
    let widths = widths(&rows);
    // The rule runs under the header: four columns, their gaps, and the word `说明`.
    let rule_width = widths
        .iter()
        .take(4)
        .sum::<usize>()
        .saturating_add(GAP.len().saturating_mul(4))
        .saturating_add(rows.first().and_then(|h| h.get(4)).map_or(0, |e| width(e)));
    let mut lines = columns(&rows, "", &ALIGN).into_iter();
    if let Some(header) = lines.next() {
        writeln!(w, "{header}")?;
    }
    writeln!(w, "{}", "-".repeat(rule_width))?;
    for line in lines {
        writeln!(w, "{line}")?;
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

/// Group rows (subtotals) before their first indicator, indented by depth:
/// name, points, deduction, score, explanation.
fn rows(report: &Report) -> Vec<Vec<String>> {
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

fn group_row(group: &GroupReport, depth: usize) -> Vec<String> {
    let deduction = group.points.checked_sub(group.score).map(fixed2).unwrap_or_default();
    let name = format!("{}{}", indent(depth), one_line(&group.name));
    vec![name, fixed2(group.points), deduction, fixed2(group.score), String::new()]
}

fn indicator_row(ind: &IndicatorReport) -> Vec<String> {
    let name = format!("{}{}", indent(ind.path.len()), one_line(&ind.name));
    vec![name, fixed2(ind.points), fixed2(ind.deduction), fixed2(ind.score), one_line(&ind.explanation)]
}

fn indent(depth: usize) -> String {
    "  ".repeat(depth)
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
