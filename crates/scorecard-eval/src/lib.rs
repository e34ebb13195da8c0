//! Checking, compiling and evaluating scorecard rule files.
//!
//! The pipeline is `compile` (names → slots, units → base units, points
//! checked) → [`Scorecard`] (immutable, `Send + Sync`) → `eval` (scores, no
//! allocation beyond the result) → `explain`/`report` (sentences, only when
//! asked). All arithmetic uses checked [`rust_decimal::Decimal`] operations.

mod capture;
mod compile;
mod compile_error;
#[cfg(feature = "miette")]
mod diagnostic_miette;
mod entries;
mod error;
mod eval;
mod exact;
mod explain;
mod json;
mod list;
pub mod number;
mod plan;
pub mod reading;
mod record;
mod report;
mod schema;
mod scorecard;
mod scores;
pub mod suggest;
pub mod units;
mod value;

pub use compile_error::{CompileError, LocatedDiagnostic};
#[cfg(feature = "miette")]
pub use diagnostic_miette::{ShownDiagnostic, SourceSnippet};
pub use entries::RecordSeed;
pub use error::{DataError, DataErrorKind, InputRef, RecordError};
pub use explain::trace::{IndicatorTrace, StepKind, TierStep, Trace};
pub use reading::Reading;
pub use record::{InputKey, Record};
pub use report::{FiredRule, GroupReport, IndicatorReport, Report};
pub use schema::SCHEMA_VERSION;
pub use scorecard::{InputInfo, InputKind, Scorecard};
pub use scorecard_syntax::{
    format, format_bytes, Code, Diagnostic, FormatError, Lang, Limits, LineCol, LineIndex, Severity, Span,
};
pub use scores::{IndicatorScore, Scores, Status};

/// Compile-time proof that a compiled scorecard can be shared across threads.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Scorecard>();
};
