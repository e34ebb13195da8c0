//! `--encoding`: the command-line face of [`scorecard_table::records::text`], which decodes.

use clap::ValueEnum;
use scorecard_table::records::text;

pub use scorecard_table::records::text::Undecodable;

use crate::failure::InputProblem;

/// `--encoding`: the character encoding of the data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// GBK, as Excel on a Chinese system saves "CSV"; read as its superset GB18030.
    Gbk,
    /// GB18030.
    Gb18030,
}

impl TextEncoding {
    /// The shared decoder's encoding.
    fn shared(self) -> text::TextEncoding {
        match self {
            TextEncoding::Utf8 => text::TextEncoding::Utf8,
            TextEncoding::Gbk => text::TextEncoding::Gbk,
            TextEncoding::Gb18030 => text::TextEncoding::Gb18030,
        }
    }

    /// Decodes `bytes` strictly: invalid text is an error, never a silent U+FFFD.
    pub fn decode(self, bytes: Vec<u8>) -> Result<String, Undecodable> {
        self.shared().decode(bytes)
    }

    /// The problem to report for invalid text starting at 1-based byte `byte` of its line.
    pub fn problem(self, byte: usize) -> InputProblem {
        match self {
            TextEncoding::Utf8 => InputProblem::InvalidUtf8 { byte },
            TextEncoding::Gbk | TextEncoding::Gb18030 => {
                InputProblem::InvalidEncoding { encoding: self.shared().name(), byte }
            }
        }
    }
}
