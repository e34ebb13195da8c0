//! `--bless`: rewrite the expectations of failing cases from what the engine
//! now gives, keeping the file's comments and layout. Only expectations
//! already written are changed (a case with none gets `total` and `grade`,
//! or `error`). A case whose kind of result changed (a score where an error
//! was expected, or the reverse) is left alone: that needs a person.

use std::path::Path;

use rust_decimal::Decimal;
use scorecard_eval::{DataError, Lang, RecordError, Report};
use toml_edit::{DocumentMut, Item, Table, Value};

use crate::error::{ProblemKind, SuiteError};
use crate::names::{error_tag, status_tag};
use crate::number::plain;
use crate::outcome::{CaseOutcome, Mismatch, SuiteOutcome};
use crate::run;

/// What blessing a suite changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blessed {
    /// The suite file.
    pub path: String,
    /// The rule file's language.
    pub lang: Lang,
    /// Every expectation rewritten.
    pub changes: Vec<Change>,
    /// Failing cases left alone.
    pub refused: Vec<Refused>,
}

/// One rewritten expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The case's name.
    pub case: String,
    /// The line its `[[case]]` header is on.
    pub line: u32,
    /// The key: `total`, `grade`, `scores.年办件量`, `error`, …
    pub key: String,
    /// The old value as written; `None` when the key is new.
    pub from: Option<String>,
    /// The new value; `None` when the key was removed.
    pub to: Option<String>,
}

/// A failing case that bless did not change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The case's name.
    pub case: String,
    /// The line its `[[case]]` header is on.
    pub line: u32,
    /// Why.
    pub reason: RefuseReason,
}

/// Why a failing case was not blessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefuseReason {
    /// A data error was expected and the record is now scored.
    NowScored,
    /// A score was expected and the record is now rejected.
    NowRejected,
}

impl RefuseReason {
    /// The reason in language `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        match self {
            RefuseReason::NowScored => lang.pick(
                "期望数据错误，现在却能得分：请手工修改该用例",
                "a data error was expected and the record is now scored: edit the case by hand",
            ),
            RefuseReason::NowRejected => lang.pick(
                "期望得分，现在却是数据错误：请手工修改该用例（或补全输入）",
                "a score was expected and the record is now rejected: edit the case by hand (or complete its input)",
            ),
        }
    }
}

/// Runs a suite and rewrites the expectations of its failing cases in place.
/// The file is written only if something changed.
pub fn bless(path: &Path) -> Result<Blessed, SuiteError> {
    let loaded = run::load(path)?;
    let outcome = loaded.run();
    loaded.bless(&outcome)
}

impl run::Loaded {
    /// Rewrites, in the file the suite was read from, the expectations of
    /// the failing cases in `outcome` (a run of this suite; leave out cases
    /// that should stay as they are). The file is written only if something
    /// changed; a suite given by [`load_text`](crate::load_text) is never
    /// written, and the result still says what would change.
    pub fn bless(&self, outcome: &SuiteOutcome) -> Result<Blessed, SuiteError> {
        let lang = outcome.lang;
        let io = |detail: String| {
            SuiteError::one(&self.path, lang, None, ProblemKind::Read { path: self.path.clone(), detail })
        };
        let (text, changes, refused) = bless_text(&self.text, outcome).map_err(|e| io(e.to_string()))?;
        if let (Some(file), true) = (self.file(), text != self.text) {
            write(file, &text).map_err(|e| io(e.to_string()))?;
        }
        Ok(Blessed { path: self.path.clone(), lang, changes, refused })
    }
}

impl Blessed {
    /// One line per rewritten expectation, then one per case left alone, in
    /// the rule file's language: `更新 rules/x.suite.toml:19 「典型」 total：82 → 81`.
    pub fn lines(&self) -> Vec<String> {
        let lang = self.lang;
        let changes = self.changes.iter().map(|c| {
            let from = c.from.clone().unwrap_or_else(|| lang.pick("（新增）", "(new)").to_owned());
            let to = c.to.clone().unwrap_or_else(|| lang.pick("（删除）", "(removed)").to_owned());
            lang.pick(
                format!("更新 {}:{} 「{}」 {}：{from} → {to}", self.path, c.line, c.case, c.key),
                format!("updated {}:{} \"{}\" {}: {from} → {to}", self.path, c.line, c.case, c.key),
            )
        });
        let refused = self.refused.iter().map(|r| {
            lang.pick(
                format!("未更新 {}:{} 「{}」：{}", self.path, r.line, r.case, r.reason.message(lang)),
                format!("not blessed {}:{} \"{}\": {}", self.path, r.line, r.case, r.reason.message(lang)),
            )
        });
        changes.chain(refused).collect()
    }
}

/// Writes through a temporary file beside `path`, so a failed write leaves the suite intact.
fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.bless"));
    std::fs::write(&temp, text)?;
    std::fs::rename(&temp, path)
}

/// The suite text with the failing cases' expectations rewritten.
pub fn bless_text(
    text: &str,
    outcome: &SuiteOutcome,
) -> Result<(String, Vec<Change>, Vec<Refused>), toml_edit::TomlError> {
    let mut doc: DocumentMut = text.parse()?;
    let mut changes = Vec::new();
    let mut refused = Vec::new();
    for case in outcome.cases.iter().filter(|c| !c.passed()) {
        let table = doc.get_mut("case").and_then(Item::as_array_of_tables_mut).and_then(|a| a.get_mut(case.index));
        let Some(table) = table else { continue };
        let mut edit = Edit { table, case, changes: &mut changes };
        if let Some(reason) = edit.apply() {
            refused.push(Refused { case: case.name.clone(), line: case.pos.line, reason });
        }
    }
    Ok((doc.to_string(), changes, refused))
}

struct Edit<'a> {
    table: &'a mut Table,
    case: &'a CaseOutcome,
    changes: &'a mut Vec<Change>,
}

impl Edit<'_> {
    /// Rewrites every mismatch of the case, or says why it cannot.
    fn apply(&mut self) -> Option<RefuseReason> {
        let case = self.case;
        for m in &case.mismatches {
            match (m, &case.result) {
                (Mismatch::Total { got, .. }, _) => self.number("total", *got),
                (Mismatch::Grade { got, .. }, _) => self.string("grade", got),
                (Mismatch::Indicator { measure, written, got, .. }, _) => {
                    self.indicator(measure.table(), written, *got);
                }
                (Mismatch::Disqualified { got, .. }, _) => self.boolean("disqualified", *got),
                (Mismatch::Status { written, got, .. }, _) => self.status(written, status_tag(*got)),
                (Mismatch::NoExpectation, Ok(report)) => self.fill(report),
                (Mismatch::NoExpectation, Err(errors)) if !self.has_score_keys() => self.error(errors),
                (Mismatch::WrongError { kind, input }, Err(errors)) => {
                    let chosen = errors.errors.iter().find(|e| error_tag(&e.kind) == *kind).or(errors.errors.first());
                    let keep_input = input.is_some();
                    if let Some(e) = chosen {
                        self.set_error(e, keep_input);
                    }
                }
                (Mismatch::ExpectedError { .. }, _) => return Some(RefuseReason::NowScored),
                _ => return Some(RefuseReason::NowRejected),
            }
        }
        None
    }

    fn has_score_keys(&self) -> bool {
        ["grade", "scores", "deductions", "disqualified", "status"].iter().any(|k| self.table.contains_key(k))
    }

    /// A case with no expectation gets `total` (and `grade`, if absent).
    fn fill(&mut self, report: &Report) {
        self.number("total", report.total);
        if !self.table.contains_key("grade") {
            self.string("grade", &report.grade);
        }
    }

    /// A case with no expectation whose record is rejected gets `error` (and `error_input`).
    fn error(&mut self, errors: &RecordError) {
        if let Some(e) = errors.errors.first() {
            self.set_error(e, true);
        }
    }

    fn set_error(&mut self, e: &DataError, with_input: bool) {
        self.string("error", &error_tag(&e.kind));
        match (&e.input, with_input) {
            (Some(input), true) => self.string("error_input", &input.key),
            (None, _) if self.table.contains_key("error_input") => {
                let old = self.table.remove("error_input").and_then(|i| i.as_str().map(str::to_owned));
                self.record("error_input", old, None);
            }
            _ => {}
        }
    }

    fn number(&mut self, key: &str, got: Decimal) {
        let text = plain(got);
        let Ok(value) = text.parse::<Value>() else { return };
        let old = replace(self.table, key, value);
        self.record(key, old, Some(text));
    }

    fn string(&mut self, key: &str, got: &str) {
        let value = Value::from(got);
        let to = value.to_string();
        let old = replace(self.table, key, value);
        if old.as_deref() != Some(to.as_str()) {
            self.record(key, old, Some(to));
        }
    }

    fn boolean(&mut self, key: &str, got: bool) {
        let old = replace(self.table, key, Value::from(got));
        self.record(key, old, Some(got.to_string()));
    }

    fn status(&mut self, written: &str, got: &str) {
        let value = Value::from(got);
        let to = value.to_string();
        let Some(statuses) = self.table.get_mut("status").and_then(Item::as_table_like_mut) else { return };
        let Some(item) = statuses.get_mut(written) else { return };
        let old = replace_item(item, value);
        self.record(&format!("status.{written}"), old, Some(to));
    }

    fn indicator(&mut self, table: &str, written: &str, got: Decimal) {
        let text = plain(got);
        let Ok(value) = text.parse::<Value>() else { return };
        let Some(scores) = self.table.get_mut(table).and_then(Item::as_table_like_mut) else { return };
        let Some(item) = scores.get_mut(written) else { return };
        let old = replace_item(item, value);
        self.record(&format!("{table}.{written}"), old, Some(text));
    }

    fn record(&mut self, key: &str, from: Option<String>, to: Option<String>) {
        let case = self.case;
        self.changes.push(Change { case: case.name.clone(), line: case.pos.line, key: key.to_owned(), from, to });
    }
}

/// Sets `key` to `value`, keeping the old value's spacing and comment; returns the old text.
fn replace(table: &mut Table, key: &str, value: Value) -> Option<String> {
    match table.get_mut(key) {
        Some(item) => replace_item(item, value),
        None => {
            table.insert(key, Item::Value(value));
            None
        }
    }
}

fn replace_item(item: &mut Item, mut value: Value) -> Option<String> {
    let old = item.as_value().map(|v| {
        *value.decor_mut() = v.decor().clone();
        v.clone().decorated("", "").to_string()
    });
    *item = Item::Value(value);
    old
}
