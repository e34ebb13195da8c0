#![doc = include_str!("../../../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
//!
//! ## API in brief
//!
//! - [`Scorecard::compile`] parses, checks and compiles a rule file once.
//! - [`Scorecard::evaluate_json`] scores a JSON record and explains it.
//! - [`Scorecard::score`] is the fast path: typed input, no explanations.
//! - [`Scorecard::reading`] describes how each criterion was read (tiers,
//!   strictness, ladder policy, caps), for a reader to confirm the meaning.
//! - [`format()`] lays a rule file out canonically (`scorecard fmt`), keeping its words and comments.
//! - Errors are data: [`CompileError`] holds [`Diagnostic`]s with spans and
//!   stable codes; [`RecordError`] names the indicator and the input.
//!
//! ## Features
//!
//! - `miette`: [`CompileError`] implements `miette::Diagnostic` (with its
//!   source text and path, columns counted in characters), so a service or
//!   tool that uses miette renders it with snippets. [`ShownDiagnostic`]
//!   renders one [`Diagnostic`] on its own, about a [`SourceSnippet`].
//! - `testing`: `rule_suites!` makes every rule suite case a test, with
//!   snapshots and `SCORECARD_BLESS=1` (docs/suites.md).

pub use rust_decimal::Decimal;
pub use scorecard_eval::{
    format, format_bytes, Code, CompileError, DataError, DataErrorKind, Diagnostic, FiredRule, FormatError,
    GroupReport, IndicatorReport, IndicatorScore, IndicatorTrace, InputInfo, InputKey, InputKind, InputRef, Lang,
    Limits, LineCol, LineIndex, LocatedDiagnostic, Record, RecordError, RecordSeed, Report, Scorecard, Scores,
    Severity, Span, Status, StepKind, TierStep, Trace, SCHEMA_VERSION,
};
/// How the engine reads each criterion: [`Scorecard::reading`].
pub use scorecard_eval::{reading, Reading};
/// One diagnostic with its rule file as a `miette::Diagnostic` (feature `miette`).
#[cfg(feature = "miette")]
#[cfg_attr(docsrs, doc(cfg(feature = "miette")))]
pub use scorecard_eval::{ShownDiagnostic, SourceSnippet};

#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

/// Exact number text: how every view prints a `Decimal`.
pub mod number {
    pub use scorecard_eval::number::{fixed2, grouped, percent_of, plain, push_json_number};
}

/// Units of measure known to the engine.
pub mod units {
    pub use scorecard_eval::units::{known_symbols, Unit, UNITS};
}

/// Compile-time proof that a compiled scorecard can be shared across threads.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Scorecard>();
};
