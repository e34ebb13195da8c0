//! Syntax of the scorecard rule language: the pest grammar in `grammar/`,
//! a typed and spanned AST, and parse diagnostics in the analyst's language.
//!
//! ```
//! use scorecard_syntax::{parse, Limits};
//! let file = parse("计分表 「示例」\n三级指标 满意度\n  评分 满意度低于90%，扣3分", &Limits::default()).unwrap();
//! assert_eq!(file.name.node, "示例");
//! ```
//!
//! pest stays inside this crate: no pest type appears in its public API.

pub mod ast;
mod code_docs;
pub mod date;
mod diagnostic;
pub mod digits;
mod format;
mod grammar;
pub mod keywords;
mod lang;
mod limits;
mod parse;
mod position;
pub mod print;
mod quick_fix;
mod recover;
mod shown;
pub mod source;
mod span;
mod syntax_error;

pub use diagnostic::{Code, Diagnostic, Fix, Severity, TextEdit};
pub use format::{format, format_bytes, FormatError};
pub use lang::Lang;
pub use limits::Limits;
pub use parse::parse;
pub use position::{line_starts, lines, LineCol, LineIndex};
pub use shown::{is_invisible, shown, shown_string};
pub use span::{Span, Spanned};
