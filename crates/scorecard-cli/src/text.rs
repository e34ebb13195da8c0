//! Text for the terminal: neutralising control characters. Widths and
//! columns are laid out by `scorecard_suite::text`.

/// Replaces control characters that could move the cursor or change colours
/// with `?`. Tabs, line breaks and the CR of a CRLF are kept; every
/// replacement is one byte for one byte, so offsets do not move.
pub fn neutralise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let keep = !c.is_ascii_control() || matches!(c, '\t' | '\n') || (c == '\r' && chars.peek() == Some(&'\n'));
        out.push(if keep { c } else { '?' });
    }
    out
}

/// [`neutralise`] for a rule file shown in a snippet: a lone CR (an old Mac
/// line break, and a line break to the grammar) becomes LF, so that the
/// snippet's lines are the lines positions count. One byte for one byte.
pub fn neutralise_source(text: &str) -> String {
    let bytes = text.as_bytes();
    let lone_cr = |i: usize| bytes.get(i) == Some(&b'\r') && bytes.get(i.saturating_add(1)) != Some(&b'\n');
    let unified: String = text.char_indices().map(|(i, c)| if lone_cr(i) { '\n' } else { c }).collect();
    neutralise(&unified)
}

pub use scorecard_suite::text::one_line;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_take_two_columns() {
        use scorecard_suite::text::{pad_left, pad_right, width};
        assert_eq!(width("年办件量"), 8);
        assert_eq!(pad_right("年办件量", 10), "年办件量  ");
        assert_eq!(pad_left("8.00", 6), "  8.00");
    }

    #[test]
    fn control_characters_are_neutralised() {
        assert_eq!(neutralise("a\u{1b}[31m\0b\rc\r\n"), "a?[31m?b?c\r\n");
        assert_eq!(neutralise_source("a\u{1b}b\rc\r\nd\r"), "a?b\nc\r\nd\n");
        assert_eq!(one_line("a\tb\nc\u{1b}"), "a b c?");
    }
}
