//! The readable diff: `PASS`/`FAIL` lines, and for each failure what was
//! expected, what the engine gave, and its explanation, in aligned plain
//! text in the rule file's language. Expected numbers are shown as written
//! in the suite; results without trailing zeros.

use scorecard_eval::{Lang, RecordError, Report};

use crate::error::SuiteError;
use crate::names::{error_tag, status_tag};
use crate::number::plain;
use crate::outcome::{CaseOutcome, Measure, Mismatch, SuiteOutcome};
use crate::text::{columns, one_line};

const INDENT: &str = "    ";

/// The suite's header line, then a `PASS name` or `FAIL name` line per
/// case, each failure followed by its diff.
pub fn render(outcome: &SuiteOutcome) -> String {
    let mut lines = vec![header(outcome)];
    for case in &outcome.cases {
        lines.push(render_case(outcome, case));
    }
    lines.join("\n")
}

/// Only the failing cases of a suite, each with its diff; empty if all passed.
pub fn render_failures(outcome: &SuiteOutcome) -> String {
    let failures: Vec<String> = outcome.cases.iter().filter(|c| !c.passed()).map(|c| render_case(outcome, c)).collect();
    if failures.is_empty() {
        String::new()
    } else {
        format!("{}\n{}", header(outcome), failures.join("\n"))
    }
}

/// `测试集 x.suite.toml（规则 x.rules，8 个用例）` / `suite x.suite.toml (rules x.rules, 8 cases)`.
pub fn header(outcome: &SuiteOutcome) -> String {
    let n = outcome.cases.len();
    outcome.lang.pick(
        format!("测试集 {}（规则 {}，{n} 个用例）", outcome.path, outcome.rules),
        format!("suite {} (rules {}, {n} case{})", outcome.path, outcome.rules, plural(n)),
    )
}

/// `PASS name`, or `FAIL name` followed by the diff.
pub fn render_case(outcome: &SuiteOutcome, case: &CaseOutcome) -> String {
    let name = one_line(&case.name);
    if case.passed() {
        return format!("PASS {name}");
    }
    let lang = outcome.lang;
    let mut lines = vec![format!("FAIL {name}")];
    lines.push(format!("{INDENT}{} {}:{}", lang.pick("位置", "at"), outcome.path, case.pos.line));
    lines.extend(table(case, lang));
    lines.extend(notes(case, lang));
    lines.join("\n")
}

/// The expected-versus-got table of the numbers and grade that differ.
fn table(case: &CaseOutcome, lang: Lang) -> Vec<String> {
    let mut rows = Vec::new();
    for m in &case.mismatches {
        match m {
            Mismatch::Total { expected, got } => {
                rows.push(vec![lang.pick("总分", "total").to_owned(), expected.text.clone(), plain(*got)]);
            }
            Mismatch::Grade { expected, got } => {
                rows.push(vec![lang.pick("等级", "grade").to_owned(), one_line(expected), one_line(got)]);
            }
            Mismatch::Indicator { measure, written, expected, got, explanation, .. } => {
                let what = match measure {
                    Measure::Score => lang.pick("得分", "score of"),
                    Measure::Deduction => lang.pick("扣分", "deduction of"),
                };
                let label = format!("{what} {}", one_line(written));
                rows.push(vec![label, expected.text.clone(), plain(*got), one_line(explanation)]);
            }
            Mismatch::Disqualified { expected, got } => {
                rows.push(vec![
                    lang.pick("取消资格", "disqualified").to_owned(),
                    expected.to_string(),
                    got.to_string(),
                ]);
            }
            Mismatch::Status { written, expected, got, explanation, .. } => {
                let label = format!("{} {}", lang.pick("状态", "status of"), one_line(written));
                let show = |s| match lang {
                    Lang::Zh => format!("{}（{}）", status_tag(s), status_zh(s)),
                    _ => status_tag(s).to_owned(),
                };
                rows.push(vec![label, show(*expected), show(*got), one_line(explanation)]);
            }
            _ => {}
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let head = lang.pick(["项目", "期望", "实际"], ["what", "expected", "got"]);
    rows.insert(0, head.iter().map(|s| (*s).to_owned()).collect());
    columns(&rows, INDENT, &[])
}

/// Sentences for mismatches that are not numbers, and the deductions the
/// engine made when the total, grade or kind of result is in question.
fn notes(case: &CaseOutcome, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let mut show_deductions = false;
    for m in &case.mismatches {
        match (m, &case.result) {
            (Mismatch::NoExpectation, Ok(report)) => {
                let total = plain(report.total);
                lines.push(format!("{INDENT}{}", lang.pick(
                    format!("未写期望（total 或 error）。实际总分 {total}，等级 {}；可写入 `total = {total}`，或运行 `scorecard test --bless`", report.grade),
                    format!("no expectation (total or error) is written. The total is {total}, grade {}; write `total = {total}`, or run `scorecard test --bless`", report.grade),
                )));
                show_deductions = true;
            }
            (Mismatch::NoExpectation, Err(errors)) => {
                let kind = errors.errors.first().map_or_else(String::new, |e| error_tag(&e.kind));
                lines.push(format!("{INDENT}{}", lang.pick(
                    format!("未写期望（total 或 error）。实际为数据错误；可写入 `error = \"{kind}\"`，或运行 `scorecard test --bless`："),
                    format!("no expectation (total or error) is written. The record is rejected; write `error = \"{kind}\"`, or run `scorecard test --bless`:"),
                )));
                lines.extend(error_rows(errors));
            }
            (Mismatch::UnexpectedError, Err(errors)) => {
                lines.push(format!(
                    "{INDENT}{}",
                    lang.pick("期望得分，实际为数据错误：", "expected a score, got data errors:")
                ));
                lines.extend(error_rows(errors));
            }
            (Mismatch::ExpectedError { kind, input }, Ok(report)) => {
                let (total, grade) = (plain(report.total), one_line(&report.grade));
                lines.push(format!(
                    "{INDENT}{}",
                    lang.pick(
                        format!(
                            "期望数据错误 {}，实际得分 {total}（{grade}）",
                            expected_error(kind, input.as_deref(), lang)
                        ),
                        format!(
                            "expected data error {}, got a score of {total} ({grade})",
                            expected_error(kind, input.as_deref(), lang)
                        ),
                    )
                ));
                show_deductions = true;
            }
            (Mismatch::WrongError { kind, input }, Err(errors)) => {
                let expected = expected_error(kind, input.as_deref(), lang);
                lines.push(format!(
                    "{INDENT}{}",
                    lang.pick(
                        format!("期望数据错误 {expected}，实际："),
                        format!("expected data error {expected}, got:")
                    )
                ));
                lines.extend(error_rows(errors));
            }
            (Mismatch::Total { .. } | Mismatch::Grade { .. } | Mismatch::Disqualified { .. }, _) => {
                show_deductions = true;
            }
            _ => {}
        }
    }
    if let (true, Ok(report)) = (show_deductions, &case.result) {
        lines.extend(deductions(report, lang));
    }
    lines
}

/// The status in Chinese, shown beside its tag in a Chinese diff.
fn status_zh(status: scorecard_eval::Status) -> &'static str {
    match status {
        scorecard_eval::Status::Scored => "按规则计分",
        scorecard_eval::Status::NotApplicable => "不适用",
        scorecard_eval::Status::Vetoed => "一票否决",
        other => other.as_str(),
    }
}

fn expected_error(kind: &str, input: Option<&str>, lang: Lang) -> String {
    match input {
        Some(key) => lang.pick(format!("`{kind}`（输入 `{key}`）"), format!("`{kind}` (input `{key}`)")),
        None => format!("`{kind}`"),
    }
}

fn error_rows(errors: &RecordError) -> Vec<String> {
    let rows: Vec<Vec<String>> = errors
        .errors
        .iter()
        .map(|e| {
            let key = e.input.as_ref().map_or_else(String::new, |i| i.key.clone());
            vec![error_tag(&e.kind), one_line(&key), one_line(&e.message())]
        })
        .collect();
    columns(&rows, "      ", &[])
}

/// A deduction as a change of points: `−2`, or `+2` when bonuses lifted the
/// score above the points (a negative deduction).
fn points_change(deduction: rust_decimal::Decimal) -> String {
    if deduction.is_sign_negative() {
        format!("+{}", plain(deduction.abs()))
    } else {
        format!("−{}", plain(deduction))
    }
}

/// Every indicator that lost points, with the engine's explanation.
fn deductions(report: &Report, lang: Lang) -> Vec<String> {
    let rows: Vec<Vec<String>> = report
        .indicators
        .iter()
        .filter(|i| !i.deduction.is_zero())
        .map(|i| vec![one_line(&i.name), points_change(i.deduction), one_line(&i.explanation)])
        .collect();
    if rows.is_empty() {
        return vec![format!("{INDENT}{}", lang.pick("实际扣分：无", "deductions: none"))];
    }
    let mut lines = vec![format!("{INDENT}{}", lang.pick("实际扣分：", "deductions:"))];
    lines.extend(columns(&rows, "      ", &[]));
    lines
}

/// Counts over a run of several suites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Suites run.
    pub suites: usize,
    /// Cases run.
    pub cases: usize,
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
    /// Suites that could not be run.
    pub broken: usize,
}

impl Counts {
    /// Adds a suite's result.
    pub fn add(&mut self, result: &Result<SuiteOutcome, SuiteError>) {
        match result {
            Ok(outcome) => {
                self.suites = self.suites.saturating_add(1);
                self.cases = self.cases.saturating_add(outcome.cases.len());
                self.passed = self.passed.saturating_add(outcome.passed());
                self.failed = self.failed.saturating_add(outcome.failed());
            }
            Err(_) => self.broken = self.broken.saturating_add(1),
        }
    }

    /// Whether everything ran and passed.
    pub fn ok(&self) -> bool {
        self.failed == 0 && self.broken == 0
    }

    /// `测试集 2 个，用例 16 个：15 个通过，1 个失败` / `2 suites, 16 cases: 15 passed, 1 failed`.
    pub fn summary(&self, lang: Lang) -> String {
        let Counts { suites, cases, passed, failed, broken } = *self;
        let mut line = lang.pick(
            format!("测试集 {suites} 个，用例 {cases} 个：{passed} 个通过，{failed} 个失败"),
            format!(
                "{suites} suite{}, {cases} case{}: {passed} passed, {failed} failed",
                plural(suites),
                plural(cases)
            ),
        );
        if broken > 0 {
            line.push_str(&lang.pick(
                format!("；{broken} 个测试集无法运行"),
                format!("; {broken} suite{} could not run", plural(broken)),
            ));
        }
        line
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    #[test]
    fn a_negative_deduction_reads_as_points_gained() {
        assert_eq!(super::points_change(Decimal::new(25, 1)), "−2.5");
        assert_eq!(super::points_change(Decimal::new(-2, 0)), "+2");
    }
}
