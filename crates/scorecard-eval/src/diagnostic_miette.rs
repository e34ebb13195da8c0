//! Diagnostics as `miette::Diagnostic`s (the `miette` feature), with the
//! header's column counted in characters:
//!
//! - a [`CompileError`] is one report: every error and warning underlined in
//!   one snippet of the rule file;
//! - a [`ShownDiagnostic`] is one diagnostic about a [`SourceSnippet`], for a
//!   tool that prints each diagnostic on its own (the CLI does).
//!
//! miette's own `SourceCode` for `str` counts the header column in bytes, so
//! each Chinese character before a mark would add 3 to it; here the source
//! answers miette's queries with character columns (lines break at `\n`, as
//! `LineIndex` does). A very long line is shown only around its mark.

use std::fmt;

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use scorecard_syntax::{Diagnostic, Severity};

use crate::compile_error::CompileError;

/// Bytes shown on either side of a mark on a very long line.
const WINDOW: usize = 240;

impl miette::Diagnostic for CompileError {
    /// The code when there is one diagnostic (`E0201`); none for several.
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self.diagnostics.as_slice() {
            [only] => Some(Box::new(only.code.as_str())),
            _ => None,
        }
    }

    fn severity(&self) -> Option<miette::Severity> {
        let error = self.diagnostics.iter().any(|d| d.severity == Severity::Error);
        Some(if error { miette::Severity::Error } else { miette::Severity::Warning })
    }

    /// Each diagnostic's help, prefixed by its code when there are several.
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let several = self.diagnostics.len() > 1;
        let helps: Vec<String> = self
            .diagnostics
            .iter()
            .filter_map(|d| d.help.as_ref().map(|h| if several { format!("{}: {h}", d.code) } else { h.clone() }))
            .collect();
        (!helps.is_empty()).then(|| Box::new(helps.join("\n")) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self)
    }

    /// One label per diagnostic: `E0201: label` under its span.
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let text = self.source_text();
        Some(Box::new(self.diagnostics.iter().map(move |d| {
            let (start, len) = clamped(text, d);
            let what = if d.label.is_empty() { &d.message } else { &d.label };
            LabeledSpan::new(Some(format!("{}: {what}", d.code)), start, len)
        })))
    }
}

impl SourceCode for CompileError {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text = self.source_text();
        read_span(text, &line_starts(text), self.path(), span, (before, after))
    }
}

/// A rule file prepared for display, with its name: the [`SourceCode`] of a
/// [`ShownDiagnostic`]. ASCII control characters other than tab and line
/// breaks are shown as `?` and a lone CR (an old Mac line break, and a line
/// break to the grammar) as a line break, one byte for one byte, so byte
/// offsets and character columns are those of the file; a final line break
/// is added if missing, so a mark at the end of the file has a place to show.
#[derive(Debug, Clone)]
pub struct SourceSnippet {
    name: String,
    text: String,
    starts: Vec<usize>,
}

impl SourceSnippet {
    /// Prepares `text`, named `name` in headers (a path, or `<stdin>`).
    pub fn new(name: impl Into<String>, text: &str) -> Self {
        let mut text = neutralise_source(text);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let starts = line_starts(&text);
        SourceSnippet { name: name.into(), text, starts }
    }

    /// The text as shown: byte offsets and character columns as in the file.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl SourceCode for SourceSnippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        read_span(&self.text, &self.starts, Some(&self.name), span, (before, after))
    }
}

/// One engine [`Diagnostic`] about a [`SourceSnippet`], as a
/// `miette::Diagnostic`: its code, severity and help, and its label under its
/// span (none when the label is empty). Control characters in the message,
/// label and help are shown as `?`. A span outside the text (or inside a
/// character) is clamped rather than trusted.
#[derive(Debug)]
pub struct ShownDiagnostic<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a SourceSnippet,
    message: String,
    label: String,
    help: Option<String>,
    span: (usize, usize),
}

impl<'a> ShownDiagnostic<'a> {
    /// `diagnostic`, whose span points into `source`.
    pub fn new(diagnostic: &'a Diagnostic, source: &'a SourceSnippet) -> Self {
        ShownDiagnostic {
            diagnostic,
            source,
            message: neutralise(&diagnostic.message),
            label: neutralise(&diagnostic.label),
            help: diagnostic.help.as_deref().map(neutralise),
            span: clamped(source.text(), diagnostic),
        }
    }
}

impl fmt::Display for ShownDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ShownDiagnostic<'_> {}

impl miette::Diagnostic for ShownDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            _ => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = (!self.label.is_empty()).then(|| self.label.clone());
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(label, self.span))))
    }
}

/// The byte offset of each line's start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i.saturating_add(1))).collect()
}

/// miette's query answered with character columns: the lines around `span`
/// (`context` lines before and after), only around the span on a very long line.
fn read_span<'a>(
    text: &'a str,
    starts: &[usize],
    name: Option<&str>,
    span: &SourceSpan,
    (before, after): (usize, usize),
) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
    let start = span.offset();
    let end = start.checked_add(span.len()).filter(|&e| e <= text.len()).ok_or(MietteError::OutOfBounds)?;
    let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
    let line_start = |line: usize| starts.get(line).copied().unwrap_or(text.len());
    let (first, last) = (line_of(start), line_of(end.saturating_sub(1).max(start)));
    let ctx_first = first.saturating_sub(before);
    let ctx_last = last.saturating_add(after).min(starts.len().saturating_sub(1));
    // Like miette's own: without context, the contents are the span itself.
    let data_start = if before == 0 { start } else { line_start(ctx_first) };
    let data_end = if after == 0 { end } else { line_start(ctx_last.saturating_add(1)) };
    // A very long line is shown only around the span (miette starts its lines where the data starts).
    let data_start = data_start.max(floor_char(text, start.saturating_sub(WINDOW)));
    let data_end = data_end.min(ceil_char(text, end.saturating_add(WINDOW)));
    let data = text.as_bytes().get(data_start..data_end).ok_or(MietteError::OutOfBounds)?;
    let line = line_of(data_start);
    let column = text.get(line_start(line)..data_start).map_or(0, |s| s.chars().count());
    let contents = SourceSpan::from((data_start, data.len()));
    let lines = ctx_last.saturating_sub(line);
    Ok(Box::new(match name {
        Some(name) => MietteSpanContents::new_named(name.to_owned(), data, contents, line, column, lines),
        None => MietteSpanContents::new(data, contents, line, column, lines),
    }))
}

/// A diagnostic's span in `text` as (start, length), on character boundaries.
fn clamped(text: &str, d: &Diagnostic) -> (usize, usize) {
    let start = floor_char(text, d.span.start as usize);
    let end = floor_char(text, d.span.end as usize).max(start);
    (start, end.saturating_sub(start))
}

/// Rounds a byte offset down to a character boundary within `text`.
fn floor_char(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at = at.saturating_sub(1);
    }
    at
}

/// Rounds a byte offset up to a character boundary within `text`.
fn ceil_char(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at = at.saturating_add(1);
    }
    at
}

/// Control characters that could move the cursor or change colours shown as
/// `?`; tabs, line breaks and the CR of a CRLF kept. One byte for one byte.
fn neutralise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = !c.is_ascii_control() || matches!(c, '\t' | '\n') || (c == '\r' && chars.peek() == Some(&'\n'));
        out.push(if keep { c } else { '?' });
    }
    out
}

/// [`neutralise`] for a rule file, with a lone CR made a line break.
fn neutralise_source(text: &str) -> String {
    let bytes = text.as_bytes();
    let lone_cr = |i: usize| bytes.get(i) == Some(&b'\r') && bytes.get(i.saturating_add(1)) != Some(&b'\n');
    let unified: String = text.char_indices().map(|(i, c)| if lone_cr(i) { '\n' } else { c }).collect();
    neutralise(&unified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_column_counts_characters() {
        let src = SourceSnippet::new("t.rules", "计分表 「甲」\n  三级指标 年办件量 x\n");
        let at = src.text.find('x').unwrap();
        let c = src.read_span(&SourceSpan::from((at, 1)), 0, 0).unwrap();
        assert_eq!((c.line(), c.column()), (1, 12));
        let c = src.read_span(&SourceSpan::from((at, 1)), 1, 1).unwrap();
        assert_eq!((c.line(), c.column()), (0, 0));
        assert_eq!(c.data(), src.text.as_bytes());
    }

    #[test]
    fn long_lines_are_shown_around_the_span() {
        let line = format!("{}x{}", "年".repeat(1000), "a".repeat(1000));
        let src = SourceSnippet::new("t", &line);
        let at = line.find('x').unwrap();
        let c = src.read_span(&SourceSpan::from((at, 1)), 1, 1).unwrap();
        assert!(c.data().len() <= 2 * WINDOW + 1);
        assert_eq!(c.column(), 1000 - WINDOW / 3);
        assert!(std::str::from_utf8(c.data()).is_ok());
    }

    #[test]
    fn spans_outside_the_text_are_refused() {
        let src = SourceSnippet::new("t", "abc");
        assert!(src.read_span(&SourceSpan::from((2, 5)), 1, 1).is_err());
        assert!(src.read_span(&SourceSpan::from((3, 0)), 1, 1).is_ok());
        assert!(SourceSnippet::new("e", "").read_span(&SourceSpan::from((0, 0)), 1, 1).is_ok());
    }

    #[test]
    fn control_characters_are_neutralised_byte_for_byte() {
        assert_eq!(neutralise("a\u{1b}[31m\0b\rc\r\n"), "a?[31m?b?c\r\n");
        assert_eq!(SourceSnippet::new("t", "a\u{1b}b\rc\r\nd\r").text(), "a?b\nc\r\nd\n");
    }

    #[test]
    fn a_shown_diagnostic_has_its_code_in_the_header_and_its_label_alone() {
        let text = "计分表 「甲」\n  评分 件树低于5件\n";
        let at = text.find("件树").unwrap();
        let span = scorecard_syntax::Span { start: at as u32, end: (at + "件树".len()) as u32 };
        let d = Diagnostic::error(scorecard_syntax::Code::UnknownName, span, "unknown name", "not declared");
        let src = SourceSnippet::new("甲.rules", text);
        let shown = ShownDiagnostic::new(&d, &src);
        let code = miette::Diagnostic::code(&shown).map(|c| c.to_string());
        assert_eq!(code.as_deref(), Some("E0201"));
        let labels: Vec<_> = miette::Diagnostic::labels(&shown).unwrap().collect();
        assert_eq!(labels[0].label(), Some("not declared"), "the code is in the header, not repeated");
        assert!(labels[0].primary());
        let contents = src.read_span(labels[0].inner(), 0, 0).unwrap();
        assert_eq!((contents.name(), contents.line(), contents.column()), (Some("甲.rules"), 1, 5));
    }
}
