//! A rule file as miette source code, reporting columns in characters.
//!
//! miette's own `SourceCode` for `str` counts the header column in bytes, so
//! `年办件量` would move a caret's reported column by 3 per character. This
//! wrapper answers miette's queries itself: lines break at `\n` (as
//! [`scorecard::LineIndex`] does), columns count characters.

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Bytes shown on either side of a span on a very long line.
const WINDOW: usize = 240;

/// Rule text prepared for display, with its name and line starts.
#[derive(Debug)]
pub struct Snippet {
    name: String,
    text: String,
    starts: Vec<usize>,
}

impl Snippet {
    /// Prepares `text` (named `name` in headers) for display. ASCII control
    /// characters other than tab and line breaks are shown as `?`, which keeps
    /// byte offsets and character columns unchanged; a final line break is
    /// added if missing, so a mark at the end of the file has a place to show.
    pub fn new(name: impl Into<String>, text: &str) -> Self {
        let mut text = crate::text::neutralise_source(text);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)));
        Snippet { name: name.into(), text, starts }
    }

    /// The text as shown: byte offsets and character columns as in the file.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Rounds a byte offset down to a character boundary within the text.
    pub fn floor_char(&self, offset: usize) -> usize {
        let mut at = offset.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at = at.saturating_sub(1);
        }
        at
    }

    /// Rounds a byte offset up to a character boundary within the text.
    fn ceil_char(&self, offset: usize) -> usize {
        let mut at = offset.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at = at.saturating_add(1);
        }
        at
    }

    /// The 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }

    /// The end of `line`, including its line break.
    fn line_end(&self, line: usize) -> usize {
        self.starts.get(line.saturating_add(1)).copied().unwrap_or(self.text.len())
    }

    /// The 0-based character column of byte `offset`.
    fn char_column(&self, offset: usize) -> usize {
        let start = self.line_start(self.line_of(offset));
        self.text.get(start..offset).map_or(0, |s| s.chars().count())
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset();
        let end = start.checked_add(span.len()).filter(|&e| e <= self.text.len()).ok_or(MietteError::OutOfBounds)?;
        let first = self.line_of(start);
        let last = self.line_of(end.saturating_sub(1).max(start));
        let ctx_first = first.saturating_sub(before);
        let ctx_last = last.saturating_add(after).min(self.starts.len().saturating_sub(1));
        // Like miette's own implementation: without context the contents start (and end) at the span itself.
        let data_start = if before == 0 { start } else { self.line_start(ctx_first) };
        let data_end = if after == 0 { end } else { self.line_end(ctx_last) };
        // A very long line is shown only around the span (miette starts its lines where the data starts).
        let data_start = data_start.max(self.floor_char(start.saturating_sub(WINDOW)));
        let data_end = data_end.min(self.ceil_char(end.saturating_add(WINDOW)));
        let data = self.text.as_bytes().get(data_start..data_end).ok_or(MietteError::OutOfBounds)?;
        let line = self.line_of(data_start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            data,
            SourceSpan::from((data_start, data.len())),
            line,
            self.char_column(data_start),
            ctx_last.saturating_sub(line),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_column_counts_characters() {
        let src = Snippet::new("t.rules", "计分表 「甲」\n  三级指标 年办件量 x\n");
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
        let src = Snippet::new("t", &line);
        let at = line.find('x').unwrap();
        let c = src.read_span(&SourceSpan::from((at, 1)), 1, 1).unwrap();
        assert!(c.data().len() <= 2 * WINDOW + 1);
        assert_eq!(c.column(), 1000 - WINDOW / 3);
        assert!(std::str::from_utf8(c.data()).is_ok());
    }

    #[test]
    fn spans_outside_the_text_are_refused() {
        let src = Snippet::new("t", "abc");
        assert!(src.read_span(&SourceSpan::from((2, 5)), 1, 1).is_err());
        assert!(src.read_span(&SourceSpan::from((3, 0)), 1, 1).is_ok());
        assert!(Snippet::new("e", "").read_span(&SourceSpan::from((0, 0)), 1, 1).is_ok());
    }
}
