//! Why a table document cannot be read: each error names the file and, where there is one, the cell or line.

use thiserror::Error;

/// A document that cannot be read as tables.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentError {
    /// The file cannot be opened or read.
    #[error("{file}: cannot read the file: {reason}")]
    Io {
        /// The file.
        file: String,
        /// What the system said.
        reason: String,
    },
    /// The file is larger than the limit; nothing was read.
    #[error("{file}: the file has {bytes} bytes, more than the limit of {limit}; a 绩效目标表 is a few hundred KB at most: check that this is the right file")]
    TooLarge {
        /// The file.
        file: String,
        /// Its size.
        bytes: u64,
        /// The limit.
        limit: u64,
    },
    /// The workbook or document is damaged or not what its extension says.
    #[error("{file}: the file is damaged or not a {kind} file ({reason}); open it in Excel or Word and save it again")]
    Corrupt {
        /// The file.
        file: String,
        /// `workbook` or `Word document`.
        kind: &'static str,
        /// What the reader said.
        reason: String,
    },
    /// The file is password-protected.
    #[error("{file}: the file is encrypted (password-protected); save an unprotected copy and import that")]
    Encrypted {
        /// The file.
        file: String,
    },
    /// No table with any text was found.
    #[error("{file}: the file holds no table with any text")]
    Empty {
        /// The file.
        file: String,
    },
    /// A text file that is not UTF-8.
    #[error("{file}:{line}: the text is not UTF-8; save the file as UTF-8 (GBK exports: convert with iconv -f GB18030 -t UTF-8)")]
    NotUtf8 {
        /// The file.
        file: String,
        /// The first line with a bad byte.
        line: usize,
    },
    /// More cells than the limit.
    #[error("{file}: the document has more than {limit} cells; a 绩效目标表 has a few hundred")]
    TooManyCells {
        /// The file.
        file: String,
        /// The limit.
        limit: usize,
    },
    /// A cell cannot be read.
    #[error("{file}: {at}: {reason}")]
    BadCell {
        /// The file.
        file: String,
        /// The cell, e.g. `Sheet1!C7`.
        at: String,
        /// Why.
        reason: String,
    },
}
