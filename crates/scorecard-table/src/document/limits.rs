//! Limits on what a document reader accepts, so a hostile file is refused quickly.

/// Limits on a table document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadLimits {
    /// The largest file read, in bytes (default 20 MiB; checked before reading).
    pub max_file_bytes: u64,
    /// The most cells read from one document (default 1,000,000).
    pub max_cells: usize,
    /// The largest unpacked `word/document.xml`, in bytes (default 64 MiB).
    pub max_xml_bytes: u64,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits { max_file_bytes: 20 * 1024 * 1024, max_cells: 1_000_000, max_xml_bytes: 64 * 1024 * 1024 }
    }
}
