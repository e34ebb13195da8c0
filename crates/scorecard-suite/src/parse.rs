//! Reading a suite file: TOML → [`Suite`], with every problem located.
//! Numbers are read from their source text, never through a float.

use std::collections::HashMap;

use rust_decimal::Decimal;
use toml_edit::{Document, Item, Table, TableLike, Value};

use crate::error::{Problem, ProblemKind, ValueType};
use crate::names::{closest, status_of, ERROR_KINDS, STATUSES};
use crate::number::{parse_float, Number};
use crate::pos::Pos;
use crate::suite::{Case, Expect, ExpectError, IndicatorExpect, Input, InputValue, Scored, StatusExpect, Suite};

/// Keys at the top of a suite file.
pub const ROOT_KEYS: &[&str] = &["rules", "case"];

/// Keys of a `[[case]]` table.
pub const CASE_KEYS: &[&str] =
    &["name", "input", "total", "grade", "scores", "deductions", "disqualified", "status", "error", "error_input"];

/// The keys of a case that expect a score, not a data error.
const SCORE_KEYS: &[&str] = &["total", "grade", "scores", "deductions", "disqualified", "status"];

/// Parses a suite file. Every problem in the file is reported, not just the first.
pub fn parse(text: &str) -> Result<Suite, Vec<Problem>> {
    let doc = Document::parse(text).map_err(|e| {
        vec![Problem { pos: Pos::of(text, e.span()), kind: ProblemKind::Toml { detail: e.message().to_owned() } }]
    })?;
    let mut reader = Reader { text, problems: Vec::new() };
    let suite = reader.suite(doc.as_table());
    if reader.problems.is_empty() {
        Ok(suite)
    } else {
        reader.problems.sort_by_key(|p| p.pos);
        Err(reader.problems)
    }
}

struct Reader<'t> {
    text: &'t str,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, pos: Option<Pos>, kind: ProblemKind) {
        self.problems.push(Problem { pos, kind });
    }

    fn key_pos(&self, table: &dyn TableLike, key: &str) -> Option<Pos> {
        let span = table.key(key).and_then(toml_edit::Key::span).or_else(|| table.get(key).and_then(Item::span));
        Pos::of(self.text, span)
    }

    fn suite(&mut self, root: &Table) -> Suite {
        self.unknown_keys(root, ROOT_KEYS);
        let rules = self.string(root, "rules");
        let cases = match root.get("case") {
            None => {
                self.problem(None, ProblemKind::NoCases);
                Vec::new()
            }
            Some(Item::ArrayOfTables(tables)) => self.cases(tables.iter()),
            Some(_) => {
                let pos = self.key_pos(root, "case");
                self.problem(pos, ProblemKind::CasesNotTables);
                Vec::new()
            }
        };
        Suite { rules, cases }
    }

    fn cases<'a>(&mut self, tables: impl Iterator<Item = &'a Table>) -> Vec<Case> {
        let mut first_line: HashMap<String, u32> = HashMap::new();
        let mut cases = Vec::new();
        for table in tables {
            let Some(case) = self.case(table) else { continue };
            match first_line.get(&case.name) {
                Some(&first) => {
                    let pos = self.key_pos(table, "name");
                    self.problem(pos, ProblemKind::DuplicateName { name: case.name.clone(), first });
                }
                None => {
                    first_line.insert(case.name.clone(), case.pos.line);
                }
            }
            cases.push(case);
        }
        cases
    }

    fn case(&mut self, table: &Table) -> Option<Case> {
        let pos = Pos::of(self.text, table.span()).unwrap_or_default();
        self.unknown_keys(table, CASE_KEYS);
        let name = self.string(table, "name");
        if name.is_none() && !table.contains_key("name") {
            self.problem(Some(pos), ProblemKind::MissingName);
        }
        let input = self.inputs(table);
        let expect = self.expect(table)?;
        Some(Case { name: name?, pos, input, expect })
    }

    fn expect(&mut self, table: &Table) -> Option<Expect> {
        let error = self.string(table, "error");
        let error_input = self.string(table, "error_input");
        if let Some(kind) = &error {
            if !ERROR_KINDS.contains(&kind.as_str()) {
                let suggestion = closest(kind, ERROR_KINDS.iter().copied());
                let pos = Pos::of(self.text, table.get("error").and_then(Item::span));
                self.problem(pos, ProblemKind::UnknownErrorKind { kind: kind.clone(), suggestion });
            }
        }
        let scored = Scored {
            total: self.number_at(table, "total"),
            grade: self.string(table, "grade"),
            scores: self.indicators(table, "scores"),
            deductions: self.indicators(table, "deductions"),
            disqualified: self.boolean(table, "disqualified"),
            statuses: self.statuses(table),
        };
        match error {
            Some(kind) => {
                for key in SCORE_KEYS.iter().copied().filter(|k| table.contains_key(k)) {
                    let pos = self.key_pos(table, key);
                    self.problem(pos, ProblemKind::ErrorWithScores { key: key.to_owned() });
                }
                let pos = self.key_pos(table, "error").unwrap_or_default();
                Some(Expect::Error(ExpectError { kind, input: error_input, pos }))
            }
            None => {
                if table.contains_key("error_input") {
                    let pos = self.key_pos(table, "error_input");
                    self.problem(pos, ProblemKind::ErrorInputWithoutError);
                }
                Some(Expect::Scored(scored))
            }
        }
    }

    fn unknown_keys(&mut self, table: &dyn TableLike, known: &'static [&'static str]) {
        let unknown: Vec<String> =
            table.iter().map(|(k, _)| k.to_owned()).filter(|k| !known.contains(&k.as_str())).collect();
        for key in unknown {
            let suggestion = closest(&key, known.iter().copied());
            let pos = self.key_pos(table, &key);
            self.problem(pos, ProblemKind::UnknownKey { key, suggestion });
        }
    }

    fn string(&mut self, table: &dyn TableLike, key: &str) -> Option<String> {
        let item = table.get(key)?;
        match item.as_str() {
            Some(s) => Some(s.to_owned()),
            None => {
                let pos = self.key_pos(table, key);
                self.problem(pos, ProblemKind::WrongType { key: key.to_owned(), expected: ValueType::String });
                None
            }
        }
    }

    fn boolean(&mut self, table: &dyn TableLike, key: &str) -> Option<bool> {
        let item = table.get(key)?;
        match item.as_bool() {
            Some(b) => Some(b),
            None => {
                let pos = self.key_pos(table, key);
                self.problem(pos, ProblemKind::WrongType { key: key.to_owned(), expected: ValueType::Bool });
                None
            }
        }
    }

    fn number_at(&mut self, table: &dyn TableLike, key: &str) -> Option<Number> {
        let item = table.get(key)?;
        let number = self.number(item);
        if number.is_none() {
            let pos = self.key_pos(table, key);
            self.problem(pos, ProblemKind::WrongType { key: key.to_owned(), expected: ValueType::Number });
        }
        number.and_then(|n| self.exact(n, item))
    }

    /// The number's source text and exact value; `None` if it is not a number.
    fn number(&self, item: &Item) -> Option<Result<Number, (String, crate::number::NumberProblem)>> {
        self.number_value(item.as_value()?)
    }

    /// [`Self::number`] for a value, such as an element of an array.
    fn number_value(&self, value: &Value) -> Option<Result<Number, (String, crate::number::NumberProblem)>> {
        let raw = value.span().and_then(|s| self.text.get(s)).map(str::trim);
        match value {
            Value::Integer(i) => {
                let text = raw.map_or_else(|| i.value().to_string(), str::to_owned);
                Some(Ok(Number { text, value: Decimal::from(*i.value()) }))
            }
            Value::Float(f) => {
                let text = raw.map_or_else(|| f.display_repr().into_owned(), str::to_owned);
                Some(parse_float(&text).map(|value| Number { text: text.clone(), value }).map_err(|p| (text, p)))
            }
            _ => None,
        }
    }

    fn exact(&mut self, number: Result<Number, (String, crate::number::NumberProblem)>, item: &Item) -> Option<Number> {
        self.exact_at(number, item.span())
    }

    /// [`Self::exact`] for a number written at `span`.
    fn exact_at(
        &mut self,
        number: Result<Number, (String, crate::number::NumberProblem)>,
        span: Option<std::ops::Range<usize>>,
    ) -> Option<Number> {
        match number {
            Ok(n) => Some(n),
            Err((text, problem)) => {
                let pos = Pos::of(self.text, span);
                self.problem(pos, ProblemKind::BadNumber { text, problem });
                None
            }
        }
    }

    fn table<'a>(&mut self, table: &'a Table, key: &str) -> Option<&'a dyn TableLike> {
        let item = table.get(key)?;
        let found = item.as_table_like();
        if found.is_none() {
            let pos = self.key_pos(table, key);
            self.problem(pos, ProblemKind::WrongType { key: key.to_owned(), expected: ValueType::Table });
        }
        found
    }

    fn inputs(&mut self, table: &Table) -> Vec<Input> {
        let Some(input) = self.table(table, "input") else { return Vec::new() };
        let mut inputs = Vec::new();
        for (key, item) in input.iter() {
            let pos = self.key_pos(input, key).unwrap_or_default();
            let value = match item.as_value() {
                Some(Value::String(s)) => Some(InputValue::Text(s.value().clone())),
                Some(Value::Boolean(b)) => Some(InputValue::Bool(*b.value())),
                Some(Value::Array(items)) => self.list(key, items, pos),
                _ => match self.number(item) {
                    Some(n) => self.exact(n, item).map(InputValue::Number),
                    None => {
                        let kind = ProblemKind::WrongType { key: key.to_owned(), expected: ValueType::Scalar };
                        self.problem(Some(pos), kind);
                        None
                    }
                },
            };
            if let Some(value) = value {
                inputs.push(Input { key: key.to_owned(), value, pos });
            }
        }
        inputs
    }

    /// The readings of a list input: strings, booleans and exact numbers;
    /// a nested array or a table is a problem at the key.
    fn list(&mut self, key: &str, items: &toml_edit::Array, pos: Pos) -> Option<InputValue> {
        let mut values = Vec::with_capacity(items.len());
        for v in items.iter() {
            values.push(match v {
                Value::String(s) => InputValue::Text(s.value().clone()),
                Value::Boolean(b) => InputValue::Bool(*b.value()),
                _ => match self.number_value(v) {
                    Some(n) => InputValue::Number(self.exact_at(n, v.span())?),
                    None => {
                        let kind = ProblemKind::WrongType { key: key.to_owned(), expected: ValueType::Scalar };
                        self.problem(Some(pos), kind);
                        return None;
                    }
                },
            });
        }
        Some(InputValue::List(values))
    }

    fn indicators(&mut self, table: &Table, key: &str) -> Vec<IndicatorExpect> {
        let Some(scores) = self.table(table, key) else { return Vec::new() };
        let mut out = Vec::new();
        for (name, _) in scores.iter() {
            let pos = self.key_pos(scores, name).unwrap_or_default();
            if let Some(value) = self.number_at(scores, name) {
                out.push(IndicatorExpect { name: name.to_owned(), value, pos });
            }
        }
        out
    }

    fn statuses(&mut self, table: &Table) -> Vec<StatusExpect> {
        let Some(statuses) = self.table(table, "status") else { return Vec::new() };
        let mut out = Vec::new();
        for (name, item) in statuses.iter() {
            let pos = self.key_pos(statuses, name).unwrap_or_default();
            let Some(written) = self.string(statuses, name) else { continue };
            match status_of(&written) {
                Some(status) => out.push(StatusExpect { name: name.to_owned(), status, pos }),
                None => {
                    let suggestion = closest(&written, STATUSES.iter().copied());
                    let at = Pos::of(self.text, item.span()).or(Some(pos));
                    self.problem(at, ProblemKind::UnknownStatus { status: written, suggestion });
                }
            }
        }
        out
    }
}
