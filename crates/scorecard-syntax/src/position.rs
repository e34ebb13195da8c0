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

/// The byte offsets where a line starts after a line break: LF, CRLF and a
/// lone CR (old Mac files) each end one line, as the grammar reads them.
pub fn line_starts(src: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = src.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, b)| {
        let next = i.saturating_add(1);
        let ends = *b == b'\n' || (*b == b'\r' && bytes.get(next) != Some(&b'\n'));
        ends.then_some(next)
    })
}

/// The lines of `src` without their line breaks, split as [`line_starts`] does.
pub fn lines(src: &str) -> impl Iterator<Item = &str> + '_ {
    let starts = std::iter::once(0).chain(line_starts(src));
    let ends = line_starts(src).chain(std::iter::once(src.len()));
    starts.zip(ends).map(|(s, e)| src.get(s..e).unwrap_or("").trim_end_matches(['\n', '\r']))
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
        starts.extend(line_starts(src));
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

    #[test]
    fn lf_crlf_and_a_lone_cr_each_end_a_line() {
        let src = "一\n二\r\n三\r四\r\r五";
        assert_eq!(lines(src).collect::<Vec<_>>(), ["一", "二", "三", "四", "", "五"]);
        let idx = LineIndex::new(src);
        let at = src.find('五').unwrap();
        assert_eq!(idx.line_col(src, at), LineCol { line: 6, column: 1 });
        assert_eq!(idx.line_text(src, src.find('三').unwrap()), "三");
    }
}
