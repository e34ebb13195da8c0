//! What running a suite found: for each case, what the engine returned and
//! every expectation it did not meet.

use rust_decimal::Decimal;
use scorecard_eval::{Lang, RecordError, Report, Status};

use crate::names::IndicatorId;
use crate::number::Number;
use crate::pos::Pos;

/// The result of running every case of one suite.
#[derive(Debug, Clone)]
pub struct SuiteOutcome {
    /// The suite file, as found.
    pub path: String,
    /// The rule file it tests.
    pub rules: String,
    /// The rule file as the suite names it (relative to the suite file).
    pub rules_written: String,
    /// The scorecard's name.
    pub scorecard: String,
    /// The rule file's language: messages and the diff use it.
    pub lang: Lang,
    /// One outcome per case, in file order.
    pub cases: Vec<CaseOutcome>,
}

impl SuiteOutcome {
    /// Cases that met every expectation.
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.passed()).count()
    }

    /// Cases that did not.
    pub fn failed(&self) -> usize {
        self.cases.iter().filter(|c| !c.passed()).count()
    }
}

/// The result of one case.
#[derive(Debug, Clone)]
pub struct CaseOutcome {
    /// The case's name.
    pub name: String,
    /// Its index among the file's `[[case]]` tables.
    pub index: usize,
    /// Where it starts.
    pub pos: Pos,
    /// What the engine returned for the case's record.
    pub result: Result<Report, RecordError>,
    /// Every expectation not met; empty when the case passes.
    pub mismatches: Vec<Mismatch>,
}

impl CaseOutcome {
    /// Whether every expectation was met.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty()
    }
}

/// Which number of an indicator an expectation is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// `[case.scores]`: points kept.
    Score,
    /// `[case.deductions]`: points deducted.
    Deduction,
}

impl Measure {
    /// The suite-file table it is written in.
    pub fn table(self) -> &'static str {
        match self {
            Measure::Score => "scores",
            Measure::Deduction => "deductions",
        }
    }
}

/// One expectation that was not met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The case has neither `total` nor `error`.
    NoExpectation,
    /// `total` differs.
    Total {
        /// As written in the suite.
        expected: Number,
        /// The engine's total.
        got: Decimal,
    },
    /// `grade` differs.
    Grade {
        /// As written in the suite.
        expected: String,
        /// The engine's grade.
        got: String,
    },
    /// An indicator's score or deduction differs.
    Indicator {
        /// Score or deduction.
        measure: Measure,
        /// The key as written in the suite.
        written: String,
        /// The indicator it names.
        id: IndicatorId,
        /// As written in the suite.
        expected: Number,
        /// The engine's number.
        got: Decimal,
        /// The engine's explanation of the indicator.
        explanation: String,
    },
    /// `disqualified` differs.
    Disqualified {
        /// As written in the suite.
        expected: bool,
        /// Whether the engine disqualified the scorecard.
        got: bool,
    },
    /// An indicator's status (`[case.status]`) differs.
    Status {
        /// The key as written in the suite.
        written: String,
        /// The indicator it names.
        id: IndicatorId,
        /// As written in the suite.
        expected: Status,
        /// The engine's status.
        got: Status,
        /// The engine's explanation of the indicator.
        explanation: String,
    },
    /// A data error was expected, but the record was scored.
    ExpectedError {
        /// The expected kind.
        kind: String,
        /// The expected record key.
        input: Option<String>,
    },
    /// The record was expected to be scored, but it was rejected.
    UnexpectedError,
    /// The record was rejected, but not with the expected error.
    WrongError {
        /// The expected kind.
        kind: String,
        /// The expected record key.
        input: Option<String>,
    },
}
