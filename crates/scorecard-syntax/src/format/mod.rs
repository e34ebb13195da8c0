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
use crate::{Code, Diagnostic, Lang, Limits, Span};

/// Formats a rule file in the canonical layout.
///
/// Returns the file's diagnostics if it does not parse (a file must be
/// valid syntax to be formatted), or an internal error if formatting would
/// change what the file says.
///
/// ```
/// use scorecard_syntax::{format, Limits};
/// let messy = "计分表「示例」\n三级指标 满意度\n评分 满意度低于90%，扣3分 # 注\n";
/// let tidy = format(messy, &Limits::default()).unwrap();
/// assert_eq!(tidy, "计分表 「示例」\n三级指标 满意度\n  评分 满意度低于90%，扣3分  # 注\n");
/// ```
pub fn format(src: &str, limits: &Limits) -> Result<String, Vec<Diagnostic>> {
    let before = crate::parse(src, limits)?;
    let lang = before.lang;
    let laid = lay_out(src).map_err(|at| vec![refused(lang, at)])?;
    // The check reads text the formatter wrote, which may be longer than the input (indentation).
    let relaxed = Limits { max_file_bytes: limits.max_file_bytes.max(laid.text.len()), ..*limits };
    let after = crate::parse(&laid.text, &relaxed).map_err(|_| vec![refused(lang, 0)])?;
    let again = lay_out(&laid.text).map_err(|_| vec![refused(lang, 0)])?;
    if after != before || again.comments != laid.comments || again.text != laid.text {
        return Err(vec![refused(lang, 0)]);
    }
    Ok(laid.text)
}

/// Formats the bytes of a rule file: like [`format`], after the checks
/// [`crate::source::decode`] makes (size, UTF-8, NUL bytes), each an error with its position.
pub fn format_bytes(bytes: &[u8], limits: &Limits) -> Result<String, Vec<Diagnostic>> {
    let src = crate::source::decode(bytes, limits).map_err(|d| vec![d])?;
    format(src, limits)
}

/// Tokens and layout of text that parses.
fn lay_out(src: &str) -> Result<layout::Laid, usize> {
    let mut pairs = ScorecardParser::parse(Rule::file, src).map_err(|_| 0usize)?;
    let file = pairs.next().ok_or(0usize)?;
    layout::lay_out(src, &tokens::collect(file))
}

/// The error when the formatter cannot vouch for its result.
fn refused(lang: Lang, at: usize) -> Diagnostic {
    Diagnostic::error(
        Code::Syntax,
        Span::new(at, at),
        lang.pick(
            "内部错误：格式化会改变文件的含义，文件保持原样（请报告此问题）",
            "internal error: formatting would change what the file says, so it was left as it is (please report this)",
        ),
        lang.pick("此处", "here"),
    )
}

#[cfg(test)]
mod tests;
