//! How a rule file is read: limits that keep hostile files from exhausting
//! memory or time, and the language messages are written in.

use crate::Lang;

/// How a rule file is read. The default limits are generous for real tables
/// and small enough to reject hostile input quickly; messages are written in
/// the rule file's language unless [`Limits::with_lang`] chooses one.
///
/// ```
/// use scorecard_syntax::{Lang, Limits};
/// let limits = Limits::default().with_max_tiers(50).with_lang(Lang::En);
/// assert_eq!(limits.max_tiers(), 50);
/// assert_eq!(limits.max_indicators(), 10_000);
/// assert_eq!(limits.lang(), Some(Lang::En));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest rule file accepted, in bytes (default 4 MiB).
    pub(crate) max_file_bytes: usize,
    /// Most indicators (三级指标) in one file (default 10,000).
    pub(crate) max_indicators: usize,
    /// Most tiers in one indicator, counting the bands of `得分` lines and the
    /// grades of `按等级` (default 1,000).
    pub(crate) max_tiers: usize,
    /// The language of messages; `None` follows the rule file.
    pub(crate) lang: Option<Lang>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_bytes: 4 * 1024 * 1024, max_indicators: 10_000, max_tiers: 1_000, lang: None }
    }
}

impl Limits {
    /// Largest rule file accepted, in bytes (default 4 MiB).
    pub fn max_file_bytes(&self) -> usize {
        self.max_file_bytes
    }

    /// Most indicators (三级指标) in one file (default 10,000).
    pub fn max_indicators(&self) -> usize {
        self.max_indicators
    }

    /// Most tiers in one indicator (default 1,000).
    pub fn max_tiers(&self) -> usize {
        self.max_tiers
    }

    /// The language chosen for messages and explanations, if any (default:
    /// none, so the rule file's keywords decide).
    pub fn lang(&self) -> Option<Lang> {
        self.lang
    }

    /// Sets the largest rule file accepted, in bytes.
    #[must_use]
    pub fn with_max_file_bytes(self, bytes: usize) -> Self {
        Limits { max_file_bytes: bytes, ..self }
    }

    /// Sets the most indicators in one file.
    #[must_use]
    pub fn with_max_indicators(self, n: usize) -> Self {
        Limits { max_indicators: n, ..self }
    }

    /// Sets the most tiers in one indicator.
    #[must_use]
    pub fn with_max_tiers(self, n: usize) -> Self {
        Limits { max_tiers: n, ..self }
    }

    /// Writes diagnostics, data errors and explanations in `lang`, whatever
    /// the rule file's keywords.
    #[must_use]
    pub fn with_lang(self, lang: Lang) -> Self {
        Limits { lang: Some(lang), ..self }
    }

    /// The language of messages about `src`: the chosen one, or the file's.
    pub(crate) fn lang_of(&self, src: &str) -> Lang {
        self.lang.unwrap_or_else(|| Lang::detect(src))
    }
}
