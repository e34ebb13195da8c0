//! Reporting several syntax errors at once. After an error, the statement
//! block that contains it (from the nearest line that starts a declaration or
//! an indicator, to the next such line) is blanked out with spaces, keeping
//! every byte offset, and the file is parsed again.

use pest::Parser as _;

use crate::grammar::{Rule, ScorecardParser};
use crate::keywords::{Keyword, Place, KEYWORDS};
use crate::{syntax_error, Diagnostic, Lang};

/// Most syntax errors reported for one file.
const MAX_ERRORS: usize = 20;

/// Every syntax error of `src`, the first being `first` at byte `first_at`.
pub(crate) fn collect(src: &str, lang: Lang, first: Diagnostic) -> Vec<Diagnostic> {
    let mut diags = vec![first];
    let mut text = src.to_owned();
    let mut last_at = diags.first().map_or(0, |d| d.span.start as usize);
    while diags.len() < MAX_ERRORS {
        blank_block(&mut text, last_at);
        let Err(e) = ScorecardParser::parse(Rule::file, &text) else { break };
        let d = syntax_error::convert(&e, &text, lang);
        let at = d.span.start as usize;
        if at <= last_at {
            break;
        }
        last_at = at;
        diags.push(d);
    }
    diags
}

/// Replaces the block containing byte `at` with spaces, keeping line breaks.
fn blank_block(text: &mut String, at: usize) {
    let (start, end) = block_around(text, at);
    let blanked: String = text
        .get(start..end)
        .unwrap_or("")
        .chars()
        .map(|c| if c == '\n' || c == '\r' { c.to_string() } else { " ".repeat(c.len_utf8()) })
        .collect();
    text.replace_range(start..end, &blanked);
}

/// The byte range of the statement block around `at`.
fn block_around(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let mut start = 0;
    let mut end = text.len();
    for offset in std::iter::once(0).chain(crate::line_starts(text)) {
        if starts_block(text.get(offset..).unwrap_or("")) {
            if offset <= at {
                start = offset;
            } else {
                end = offset;
                break;
            }
        }
    }
    (start, end)
}

fn starts_block(line: &str) -> bool {
    let t = line.trim_start_matches([' ', '\t', '\u{3000}', '\u{FEFF}']);
    KEYWORDS
        .iter()
        .filter(|k| matches!(k.place, Place::Header | Place::Statement | Place::Heading))
        .flat_map(Keyword::spellings)
        .any(|k| t.starts_with(k))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanking_keeps_offsets_and_line_breaks() {
        let mut text = "输入 甲\n三级指标 乙\n  评分 错\n三级指标 丙\n".to_owned();
        let len = text.len();
        let at = text.find("错").unwrap();
        blank_block(&mut text, at);
        assert_eq!(text.len(), len);
        assert!(text.starts_with("输入 甲\n"));
        assert!(text.ends_with("三级指标 丙\n"));
        assert!(!text.contains('乙'));
        assert_eq!(text.matches('\n').count(), 4);
    }
}
