//! A suite as written: the rule file it tests and its named cases.

use scorecard_eval::Status;

use crate::number::Number;
use crate::pos::Pos;

/// A parsed suite file, before it is checked against its rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suite {
    /// The `rules = "…"` key: a path relative to the suite file.
    pub rules: Option<String>,
    /// The `[[case]]` tables, in file order.
    pub cases: Vec<Case>,
}

/// One `[[case]]`: a record and what it should score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// `name`, unique in the file.
    pub name: String,
    /// Where the case starts (its `[[case]]` header).
    pub pos: Pos,
    /// The record, in the order written.
    pub input: Vec<Input>,
    /// What the record should give.
    pub expect: Expect,
}

/// One value of a case's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The record key.
    pub key: String,
    /// The value.
    pub value: InputValue,
    /// Where the key is written.
    pub pos: Pos,
}

/// A record value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputValue {
    /// A TOML integer or float, read exactly; passed on as a JSON number.
    Number(Number),
    /// A TOML string such as `"92.5%"` or `"2417300元"`; passed on as a JSON string.
    Text(String),
    /// `true` or `false`; the engine rejects it (`wrong_type`), which a case may expect.
    Bool(bool),
    /// A TOML array, for an input that holds a list of readings
    /// (`rates = [92, 96, "94%"]`); passed on as a JSON array.
    List(Vec<InputValue>),
}

/// What a case expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// The record is scored.
    Scored(Scored),
    /// The record is rejected with a data error.
    Error(ExpectError),
}

/// The expectations of a record that is scored. Only what is written is checked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scored {
    /// `total`; a case without it fails until it is written (or blessed).
    pub total: Option<Number>,
    /// `grade`.
    pub grade: Option<String>,
    /// `[case.scores]`: indicator → score.
    pub scores: Vec<IndicatorExpect>,
    /// `[case.deductions]`: indicator → points deducted.
    pub deductions: Vec<IndicatorExpect>,
    /// `disqualified = true|false`: whether a veto disqualified the scorecard.
    pub disqualified: Option<bool>,
    /// `[case.status]`: indicator → `scored`, `not_applicable` or `vetoed`.
    pub statuses: Vec<StatusExpect>,
}

/// An expected status for one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusExpect {
    /// The indicator as written.
    pub name: String,
    /// The expected status.
    pub status: Status,
    /// Where the name is written.
    pub pos: Pos,
}

/// An expected number for one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorExpect {
    /// The indicator as written: a name, or a path such as `产出指标/数量指标/年办件量`.
    pub name: String,
    /// The expected number.
    pub value: Number,
    /// Where the name is written.
    pub pos: Pos,
}

/// An expected data error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectError {
    /// `error`: the error's `kind` tag, e.g. `missing`.
    pub kind: String,
    /// `error_input`: the record key the error must be about.
    pub input: Option<String>,
    /// Where `error` is written.
    pub pos: Pos,
}
