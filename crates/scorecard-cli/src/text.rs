//! Text for the terminal. Widths and columns are laid out by
//! `scorecard_suite::text`; rule files shown in snippets are neutralised by
//! the library's `SourceSnippet`.

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
    fn one_line_neutralises_control_characters() {
        assert_eq!(one_line("a\tb\nc\u{1b}"), "a b c?");
    }
}
