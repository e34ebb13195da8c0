//! Configurable limits that keep hostile rule files from exhausting memory or time.

/// Limits applied while reading a rule file. The defaults are generous for
/// real tables and small enough to reject hostile input quickly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest rule file accepted, in bytes (default 4 MiB).
    pub max_file_bytes: usize,
    /// Most indicators (三级指标) in one file (default 10,000).
    pub max_indicators: usize,
    /// Most tiers in one indicator, counting the bands of `得分` lines and the
    /// grades of `按等级` (default 1,000).
    pub max_tiers: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_file_bytes: 4 * 1024 * 1024, max_indicators: 10_000, max_tiers: 1_000 }
    }
}
