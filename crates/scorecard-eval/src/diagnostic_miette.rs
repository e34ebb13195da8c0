//! `CompileError` as a `miette::Diagnostic` (the `miette` feature): every
//! error and warning underlined in one snippet of the rule file, with the
//! header's column counted in characters.
//!
//! miette's own `SourceCode` for `str` counts the header column in bytes, so
//! each Chinese character before a mark would add 3 to it; here the error is
//! its own source code and answers miette's queries with character columns
//! (lines break at `\n`, as `LineIndex` does).

use std::fmt;

use miette::{LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use scorecard_syntax::Severity;

use crate::compile_error::CompileError;

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
            let start = floor_char(text, d.span.start as usize);
            let end = floor_char(text, d.span.end as usize).max(start);
            let what = if d.label.is_empty() { &d.message } else { &d.label };
            LabeledSpan::new(Some(format!("{}: {what}", d.code)), start, end.saturating_sub(start))
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
        let start = span.offset();
        let end = start.checked_add(span.len()).filter(|&e| e <= text.len()).ok_or(MietteError::OutOfBounds)?;
        let starts: Vec<usize> =
            std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i.saturating_add(1))).collect();
        let line_of = |offset: usize| starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let line_start = |line: usize| starts.get(line).copied().unwrap_or(text.len());
        let (first, last) = (line_of(start), line_of(end.saturating_sub(1).max(start)));
        let ctx_first = first.saturating_sub(before);
        let ctx_last = last.saturating_add(after).min(starts.len().saturating_sub(1));
        // Like miette's own: without context, the contents are the span itself.
        let data_start = if before == 0 { start } else { line_start(ctx_first) };
        let data_end = if after == 0 { end } else { line_start(ctx_last.saturating_add(1)) };
        let data = text.as_bytes().get(data_start..data_end).ok_or(MietteError::OutOfBounds)?;
        let line = line_of(data_start);
        let column = text.get(line_start(line)..data_start).map_or(0, |s| s.chars().count());
        let contents = SourceSpan::from((data_start, data.len()));
        let lines = ctx_last.saturating_sub(line);
        Ok(Box::new(match self.path() {
            Some(path) => MietteSpanContents::new_named(path.to_owned(), data, contents, line, column, lines),
            None => MietteSpanContents::new(data, contents, line, column, lines),
        }))
    }
}

/// Rounds a byte offset down to a character boundary within `text`.
fn floor_char(text: &str, offset: usize) -> usize {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at = at.saturating_sub(1);
    }
    at
}
