//! The two keyword sets, and picking messages in the file's language.

use serde::{Deserialize, Serialize};

/// The language of a rule file's keywords, which is also the language of the
/// messages and explanations produced for it, unless the caller asks for
/// another ([`crate::Limits::with_lang`]). Serialised as `"zh"` or `"en"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Chinese keywords (`计分表`, `低于`, `扣3分`).
    #[default]
    Zh,
    /// English keywords (`scorecard`, `below`, `→ −3`).
    En,
}

impl Lang {
    /// Picks the Chinese or the English text.
    #[doc(hidden)]
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The language of a keyword as written: English if it starts with an ASCII letter.
    #[doc(hidden)]
    pub fn of_keyword(text: &str) -> Lang {
        match text.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// Guesses a file's language from its first token, for messages about a
    /// file that did not parse.
    pub fn detect(src: &str) -> Lang {
        crate::lines(src)
            .map(|l| l.trim_start_matches(['\u{FEFF}', ' ', '\t', '\u{3000}']))
            .find(|l| !l.is_empty() && !l.starts_with('#'))
            .map_or(Lang::Zh, Lang::of_keyword)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_language_from_first_token() {
        assert_eq!(Lang::detect("# 注释\n计分表 「甲」"), Lang::Zh);
        assert_eq!(Lang::detect("\n  scorecard \"x\""), Lang::En);
        assert_eq!(Lang::detect(""), Lang::Zh);
    }
}
