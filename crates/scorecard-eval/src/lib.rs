//! Checking, compiling and evaluating scorecard rule files.
//!
//! The pipeline is `compile` (names → slots, units → base units, points
//! checked) → [`Scorecard`] (immutable, `Send + Sync`) → `eval` (scores, no
//! allocation beyond the result) → `explain`/`report` (sentences, only when
//! asked). All arithmetic uses checked [`rust_decimal::Decimal`] operations.

mod compile;
mod compile_error;
mod entries;
mod error;
mod eval;
mod exact;
mod explain;
mod format;
mod json;
mod plan;
pub mod reading;
mod record;
mod report;
mod scorecard;
mod suggest;
pub mod units;
mod value;

pub use compile_error::{CompileError, LocatedDiagnostic};
pub use entries::RecordSeed;
pub use error::{DataError, DataErrorKind, InputRef, RecordError};
pub use eval::{IndicatorScore, Scores, Status};
pub use explain::trace::{IndicatorTrace, TierStep, Trace};
pub use json::SCHEMA_VERSION;
pub use reading::Reading;
pub use record::{InputKey, Record};
pub use report::{FiredRule, GroupReport, IndicatorReport, Report};
pub use scorecard::{InputInfo, Scorecard};
pub use scorecard_syntax::{
    format, format_bytes, Code, Diagnostic, FormatError, Lang, Limits, LineCol, LineIndex, Severity, Span,
};

/// Compile-time proof that a compiled scorecard can be shared across threads.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Scorecard>();
};
