//! CSV text as rows of cells, read by the `csv` crate.
//!
//! Quoting follows RFC 4180 as Excel writes it: a cell that starts with `"`
//! runs to the closing `"`, `""` inside it is one quote, and it may hold
//! commas and line breaks; a quote inside an unquoted cell is kept as text.
//! Lines may end in LF or CRLF. Blank lines, rows whose cells are all blank
//! (Excel writes `,,,` for empty formatted rows) and note rows (the first
//! non-blank cell starts with `#`, as templates have below their header) are
//! skipped. A row's line is the line it starts on.
//!
//! A quote that is never closed would swallow every row after it; it is
//! reported instead, with the line and column where it opened.

/// One CSV row: the line it starts on, and its cells or why it cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvRow {
    /// 1-based line the row starts on.
    pub line: u64,
    /// The cells, untrimmed, or the problem.
    pub cells: Result<Vec<String>, CsvProblem>,
}

/// Why a CSV row cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvProblem {
    /// A quoted cell opened at `line`, `column` (1-based, in characters) is never closed.
    UnterminatedQuote {
        /// Line of the opening quote.
        line: u64,
        /// Column of the opening quote, in characters.
        column: u64,
    },
    /// The `csv` reader failed (it reads from memory, so this is not expected).
    Unreadable(String),
}

impl CsvProblem {
    /// The message in language `lang`, saying how to fix it.
    #[must_use]
    pub fn message(&self, lang: scorecard::Lang) -> String {
        match self {
            Self::UnterminatedQuote { line, column } => lang.pick(
                format!("第 {line} 行第 {column} 列的引号 \" 没有配对的结束引号，其后各行都会被读进这一格；请补上结束引号，或把格内的引号写成 \"\""),
                format!("the quote \" at line {line}, column {column} is never closed, so every row after it would fall into this cell; close it, or write a quote inside a cell as \"\""),
            ),
            Self::Unreadable(why) => lang.pick(format!("CSV 无法读取：{why}"), format!("cannot read the CSV: {why}")),
        }
    }
}

/// The rows of CSV `text` (already decoded, without a byte-order mark), blank and note rows left out.
#[must_use]
pub fn csv_rows(text: &str) -> Vec<CsvRow> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut lines = Lines { text, byte: 0, line: 1 };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(lines.line, |p| lines.at(p.byte()));
                rows.push(CsvRow { line, cells: Err(CsvProblem::Unreadable(e.to_string())) });
                break;
            }
        }
        let start = record.position().map_or(0, csv::Position::byte);
        let line = lines.at(start);
        let at_end = usize::try_from(reader.position().byte()).is_ok_and(|b| b >= text.len());
        if at_end {
            if let Some((l, column)) = open_quote(text.get(lines.byte..).unwrap_or_default()) {
                let problem = CsvProblem::UnterminatedQuote { line: line.saturating_add(l), column };
                rows.push(CsvRow { line, cells: Err(problem) });
                break;
            }
        }
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(|c| c.trim().is_empty()) || is_note(&cells) {
            continue;
        }
        rows.push(CsvRow { line, cells: Ok(cells) });
    }
    rows
}

/// Line numbers of byte offsets, counted forward as the reader goes, so the whole text is scanned once.
struct Lines<'a> {
    text: &'a str,
    /// Where the last record's text starts.
    byte: usize,
    /// Its 1-based line.
    line: u64,
}

impl Lines<'_> {
    /// The line of the first character of the record the reader placed at
    /// `byte`: the reader may leave the previous line break (and blank lines) before it.
    fn at(&mut self, byte: u64) -> u64 {
        let from = usize::try_from(byte).unwrap_or(usize::MAX).max(self.byte);
        let rest = self.text.get(from..).unwrap_or_default();
        let start = from.saturating_add(rest.len().saturating_sub(rest.trim_start_matches(['\r', '\n']).len()));
        let between = self.text.get(self.byte..start).unwrap_or_default();
        let breaks = between.bytes().filter(|b| *b == b'\n').count();
        self.line = self.line.saturating_add(u64::try_from(breaks).unwrap_or(u64::MAX));
        self.byte = start;
        self.line
    }
}

/// Whether a row is a note: its first non-blank cell starts with `#`.
#[must_use]
pub fn is_note(cells: &[String]) -> bool {
    cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()).is_some_and(|c| c.starts_with('#'))
}

/// Where a quoted cell that never closes opens in `text` (the last record
/// and all after it): lines after the first, and 1-based character column.
#[must_use]
pub fn open_quote(text: &str) -> Option<(u64, u64)> {
    let (mut line, mut column) = (0u64, 0u64);
    let mut opened: Option<(u64, u64)> = None;
    let mut quote_seen = false;
    let mut cell_start = true;
    for c in text.chars() {
        column = column.saturating_add(1);
        match (opened.is_some(), c) {
            (true, '"') => quote_seen = !quote_seen,
            (true, _) if quote_seen => {
                // The cell's quoting has ended; the rest of the cell is text.
                opened = None;
                quote_seen = false;
                cell_start = c == ',' || c == '\n' || c == '\r';
            }
            (true, _) => {}
            (false, '"') if cell_start => {
                opened = Some((line, column));
                cell_start = false;
            }
            (false, ',' | '\r') => cell_start = true,
            (false, '\n') => cell_start = true,
            (false, _) => cell_start = false,
        }
        if c == '\n' {
            line = line.saturating_add(1);
            column = 0;
        }
    }
    opened.filter(|_| !quote_seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(text: &str) -> Vec<(u64, Vec<String>)> {
        csv_rows(text).into_iter().map(|r| (r.line, r.cells.unwrap())).collect()
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        let got = cells("a,\"b,c\",\"say \"\"hi\"\"\",,x\"y\r\n");
        assert_eq!(got[0].1, ["a", "b,c", r#"say "hi""#, "", r#"x"y"#]);
    }

    #[test]
    fn embedded_line_breaks_keep_the_starting_line() {
        let got = cells("a,b\r\n\"x\r\ny\",2\r\n\r\n,,\r\n# note\r\n3,4\r\n");
        assert_eq!(
            got,
            [
                (1, vec!["a".into(), "b".into()]),
                (2, vec!["x\r\ny".into(), "2".into()]),
                (7, vec!["3".into(), "4".into()])
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opened() {
        let rows = csv_rows("a,b\n1,2\n3,\"x\n4,5\n6,7\n");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].line, 3);
        assert_eq!(rows[2].cells, Err(CsvProblem::UnterminatedQuote { line: 3, column: 3 }));
        assert!(rows[2].cells.clone().unwrap_err().message(scorecard::Lang::Zh).contains("第 3 行第 3 列"));
    }

    #[test]
    fn a_closed_quote_at_the_end_is_no_problem() {
        assert_eq!(cells("a\n\"x\"\"\"\n")[1].1, ["x\""]);
        assert_eq!(cells("a\n\"x\"y\n")[1].1, ["xy"]);
    }
}
