//! `scorecard fmt`: one canonical layout for a rule file.
//!
//! The formatter changes layout only. Every token is kept as written, so the
//! file keeps its keyword set and its wording (`未达到` stays `未达到`, it
//! is not rewritten as `低于`), and every comment is kept. Only whitespace
//! changes: see [`layout`] for the rules.
//!
//! Before it returns, [`format`] checks its own work: the result must parse
//! to the same syntax tree, hold the same comments, and format to itself.
//! If any of that fails, it returns an error and the caller keeps the file
//! as it was.

mod layout;
mod tokens;

use pest::Parser as _;

use crate::grammar::{Rule, ScorecardParser};
use crate::{Diagnostic, Limits};

/// Why a file was not formatted. The file is to be left as it is.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The file has errors (it must parse to be formatted): its diagnostics.
    #[error("the file has errors and was not formatted: {}", first_errors(.0))]
    Invalid(Vec<Diagnostic>),
    /// Formatted, the file would be `bytes` long, over the size limit the
    /// file is read with, so it could no longer be read.
    #[error("formatted, the file would be {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// The formatted size.
        bytes: usize,
        /// The limit ([`Limits::with_max_file_bytes`]).
        limit: usize,
    },
    /// The formatter could not vouch for its result: a bug in the formatter,
    /// not in the file. `at` is the byte offset where the check failed, if known.
    #[error("the formatter could not vouch for its result{}; the file was left as it is (a bug in the formatter)", .at.map(|a| format!(" at byte {a}")).unwrap_or_default())]
    Internal {
        /// Where the check failed, if known.
        at: Option<usize>,
    },
}

/// The messages of the errors among `diagnostics`, joined.
fn first_errors(diagnostics: &[Diagnostic]) -> String {
    let errors: Vec<String> = diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    errors.join("; ")
}

/// Formats a rule file in the canonical layout.
///
/// Returns [`FormatError::Invalid`] with the file's diagnostics if it does
/// not parse, [`FormatError::TooLarge`] if the result would be over the size
/// limit, and [`FormatError::Internal`] if formatting would change what the
/// file says (a bug; the check runs on every call).
///
/// ```
/// use scorecard_syntax::{format, Limits};
/// let messy = "计分表「示例」\n三级指标 满意度\n评分 满意度低于90%，扣3分 # 注\n";
/// let tidy = format(messy, &Limits::default()).unwrap();
/// assert_eq!(tidy, "计分表 「示例」\n三级指标 满意度\n  评分 满意度低于90%，扣3分  # 注\n");
/// ```
pub fn format(src: &str, limits: &Limits) -> Result<String, FormatError> {
    let before = crate::parse(src, limits).map_err(FormatError::Invalid)?;
    let laid = lay_out(src).map_err(|at| FormatError::Internal { at: Some(at) })?;
    // The check reads text the formatter wrote, which may be longer than the input (indentation).
    let relaxed = Limits { max_file_bytes: limits.max_file_bytes.max(laid.text.len()), ..*limits };
    let after = crate::parse(&laid.text, &relaxed).map_err(|_| FormatError::Internal { at: None })?;
    let again = lay_out(&laid.text).map_err(|_| FormatError::Internal { at: None })?;
    if after != before || again.comments != laid.comments || again.text != laid.text {
        return Err(FormatError::Internal { at: None });
    }
    if laid.text.len() > limits.max_file_bytes {
        return Err(FormatError::TooLarge { bytes: laid.text.len(), limit: limits.max_file_bytes });
    }
    Ok(laid.text)
}

/// Formats the bytes of a rule file: like [`format()`], after the checks
/// [`crate::source::decode`] makes (size, UTF-8, NUL bytes), each an error with its position.
pub fn format_bytes(bytes: &[u8], limits: &Limits) -> Result<String, FormatError> {
    let src = crate::source::decode(bytes, limits).map_err(|d| FormatError::Invalid(vec![d]))?;
    format(src, limits)
}

/// Tokens and layout of text that parses.
fn lay_out(src: &str) -> Result<layout::Laid, usize> {
    let mut pairs = ScorecardParser::parse(Rule::file, src).map_err(|_| 0usize)?;
    let file = pairs.next().ok_or(0usize)?;
    layout::lay_out(src, &tokens::collect(file))
}

#[cfg(test)]
mod tests;
