//! Full-width digits and signs, as Chinese documents often write numbers.

/// Maps full-width digits `０`–`９`, the full-width point `．` and the minus
/// signs `−` `－` to their ASCII forms; other characters are kept. ASCII
/// text, the common case, is borrowed as it is.
pub fn to_ascii(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c).wrapping_sub(0xFF10).wrapping_add(u32::from('0'))).unwrap_or(c)
            }
            '．' => '.',
            '−' | '－' => '-',
            _ => c,
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    #[test]
    fn full_width_forms_become_ascii() {
        assert_eq!(super::to_ascii("９２．５％"), "92.5％");
        assert_eq!(super::to_ascii("−3"), "-3");
        assert_eq!(super::to_ascii("年办件量"), "年办件量");
    }
}
