//! Positions in a suite file: 1-based lines and columns counted in characters.

use serde::Serialize;

/// Where something is written in a suite file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Pos {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters (a Chinese character counts as one).
    pub column: u32,
}

impl Pos {
    /// The position of byte `offset` in `text`. An offset past the end or
    /// inside a character is moved back to the nearest character boundary.
    pub fn at(text: &str, offset: usize) -> Pos {
        let mut end = offset.min(text.len());
        while !text.is_char_boundary(end) {
            end = end.saturating_sub(1);
        }
        let before = text.get(..end).unwrap_or_default();
        let line_start = before.rfind('\n').map_or(0, |i| i.saturating_add(1));
        let line = before.matches('\n').count().saturating_add(1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()).saturating_add(1);
        Pos { line: to_u32(line), column: to_u32(column) }
    }

    /// The position of the start of `span`, if there is one.
    pub(crate) fn of(text: &str, span: Option<std::ops::Range<usize>>) -> Option<Pos> {
        span.map(|s| Pos::at(text, s.start))
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let text = "a = 1\n名称 = 2\n";
        assert_eq!(Pos::at(text, 0), Pos { line: 1, column: 1 });
        assert_eq!(Pos::at(text, text.find('=').unwrap()), Pos { line: 1, column: 3 });
        let second = text.rfind('=').unwrap();
        assert_eq!(Pos::at(text, second), Pos { line: 2, column: 4 });
        assert_eq!(Pos::at(text, second - 1), Pos { line: 2, column: 3 });
        assert_eq!(Pos::at(text, 7), Pos { line: 2, column: 1 }, "inside a character moves back");
    }
}
