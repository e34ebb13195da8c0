//! User text as a message shows it: invisible characters written as `<U+200B>`.
//!
//! A name with a zero-width space, a no-break space where a space was meant,
//! or a stray control character looks identical to the name the analyst
//! thinks they wrote, so an error quoting it would be no help. Every message
//! that quotes user text (diagnostics, data errors, suite errors) passes
//! through [`shown`]. Line breaks are kept: messages and help text use them.
//!
//! The list below is hand-written: it is the set of characters that render
//! as nothing or as an ordinary space (Unicode's `Default_Ignorable_Code_Point`
//! and the non-ASCII spaces other than U+3000, the ideographic space, which
//! Chinese text uses visibly), and no small crate exposes that property.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every invisible character replaced by `<U+XXXX>`; borrowed when there is none.
///
/// ```
/// use scorecard_syntax::shown;
/// assert_eq!(shown("满意\u{200B}度"), "满意<U+200B>度");
/// assert_eq!(shown("tab\there"), "tab<U+0009>here");
/// assert_eq!(shown("满意度\n"), "满意度\n");
/// ```
pub fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().saturating_add(16));
    for c in text.chars() {
        if is_invisible(c) {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`shown`] for an owned message, reusing it when nothing needs escaping.
pub fn shown_string(text: String) -> String {
    match shown(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped,
    }
}

/// Whether `c` shows as nothing, or as a space that is not one: control
/// characters other than the line feed, format and joiner characters,
/// variation selectors, fillers, and the non-ASCII spaces.
pub fn is_invisible(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{00A0}' | '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
            | '\u{180B}'..='\u{180F}' | '\u{2000}'..='\u{200F}' | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{206F}'
            | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_are_named_and_visible_ones_kept() {
        let cases = [
            ("甲\u{200B}乙", "甲<U+200B>乙"),
            ("\u{FEFF}满意度", "<U+FEFF>满意度"),
            ("a\u{00A0}b", "a<U+00A0>b"),
            ("右\u{202E}左", "右<U+202E>左"),
            ("cr\rlf", "cr<U+000D>lf"),
            ("nul\0", "nul<U+0000>"),
            ("选\u{FE0F}", "选<U+FE0F>"),
            ("tag\u{E0041}", "tag<U+E0041>"),
        ];
        for (text, want) in cases {
            assert_eq!(shown(text), want);
        }
        for kept in ["满意度　低于", "line\nbreak", "`92.5%`，扣3分", "ｆｕｌｌ－ｗｉｄｔｈ"] {
            assert!(matches!(shown(kept), Cow::Borrowed(_)), "{kept:?}");
        }
    }
}
