//! Regression suites for scorecard rule files.
//!
//! Analysts keep `<stem>.suite.toml` beside `<stem>.rules`: named cases,
//! each a record and what it should score. This crate reads a suite (numbers
//! exactly, from their TOML source text), compiles its rule file once, scores
//! every case, and says exactly what moved:
//!
//! - [`find`] turns paths into suite files (a directory → every `*.suite.toml` below it);
//! - [`run`] loads and runs one suite, giving a [`SuiteOutcome`] or a [`SuiteError`];
//! - [`diff::render`] shows `PASS`/`FAIL` lines with expected versus got and
//!   the engine's explanation, aligned for Chinese text;
//! - [`bless`] rewrites failing expectations from current results, keeping
//!   comments and layout;
//! - [`Snapshot`] is a suite's full outcome as plain data for snapshot tests;
//! - [`glob`] picks suites by a pattern relative to a crate's root, for a test harness.
//!
//! The format is described in `docs/suites.md`.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = std::env::temp_dir().join(format!("scorecard-suite-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! std::fs::write(dir.join("demo.rules"), "计分表 「示例」
//! 输入 满意度 = satisfaction（%），范围 0～100
//! 三级指标 办事群众满意
//!   评分 满意度未达到90%，扣8分，未到达80%扣15分")?;
//! std::fs::write(dir.join("demo.suite.toml"), r#"
//! [[case]]
//! name = "85% loses 8 points"
//! input = { satisfaction = 85 }
//! total = 7
//! "#)?;
//! let outcome = scorecard_suite::run(&dir.join("demo.suite.toml"))?;
//! assert_eq!(outcome.failed(), 0);
//! assert!(scorecard_suite::diff::render(&outcome).ends_with("PASS 85% loses 8 points"));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(())
//! # }
//! ```

mod bless;
pub mod diff;
mod discover;
mod error;
mod glob;
mod names;
mod number;
mod outcome;
mod parse;
mod pos;
mod record;
mod run;
mod snapshot;
mod suite;
pub mod text;

pub use bless::{bless, bless_text, Blessed, Change, RefuseReason, Refused};
pub use discover::{find, rule_files, suite_beside, NotFound, NotFoundReason, SUITE_SUFFIX};
pub use error::{Problem, ProblemKind, SuiteError, ValueType};
pub use glob::{glob, GlobError, Matched};
pub use names::{error_tag, status_tag, IndicatorId, ERROR_KINDS, STATUSES};
pub use number::{plain, Number, NumberProblem};
pub use outcome::{CaseOutcome, Measure, Mismatch, SuiteOutcome};
pub use parse::{parse, CASE_KEYS, ROOT_KEYS};
pub use pos::Pos;
pub use run::{load, load_in, load_text, run, Loaded, MAX_SUITE_BYTES};
pub use snapshot::{CaseSnapshot, ErrorSnapshot, IndicatorSnapshot, Snapshot};
pub use suite::{Case, Expect, ExpectError, IndicatorExpect, Input, InputValue, Scored, StatusExpect, Suite};
