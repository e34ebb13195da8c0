//! Line and column lookup, with columns counted in characters.

use crate::Span;

/// A 1-based line and column; the column counts Unicode characters, not
/// bytes, so a caret lines up with what an editor shows for Chinese text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl std::fmt::Display for LineCol {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// Precomputed line starts of one source text.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `src`.
    pub fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i.saturating_add(1)));
        LineIndex { starts }
    }

    /// The line and character column of byte `offset` in `src`.
    pub fn line_col(&self, src: &str, offset: usize) -> LineCol {
        let offset = offset.min(src.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts.get(line.saturating_sub(1)).copied().unwrap_or(0);
        let column = src.get(start..offset).map_or(0, |s| s.chars().count()).saturating_add(1);
        LineCol { line: u32::try_from(line).unwrap_or(u32::MAX), column: u32::try_from(column).unwrap_or(u32::MAX) }
    }

    /// The text of the line containing byte `offset`, without its line break.
    pub fn line_text<'s>(&self, src: &'s str, offset: usize) -> &'s str {
        let lc = self.line_col(src, offset);
        let idx = (lc.line as usize).saturating_sub(1);
        let start = self.starts.get(idx).copied().unwrap_or(0);
        let end = self.starts.get(idx.saturating_add(1)).copied().unwrap_or(src.len());
        src.get(start..end).unwrap_or("").trim_end_matches(['\n', '\r'])
    }

    /// The start position of a span.
    pub fn span_start(&self, src: &str, span: Span) -> LineCol {
        self.line_col(src, span.start as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "计分表 「甲」\n  低于上期90%";
        let idx = LineIndex::new(src);
        let at = src.find("90").unwrap();
        assert_eq!(idx.line_col(src, at), LineCol { line: 2, column: 7 });
        assert_eq!(idx.line_text(src, at), "  低于上期90%");
        assert_eq!(idx.line_col(src, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(src, src.len() + 10).line, 2);
    }
}
