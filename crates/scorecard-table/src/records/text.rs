//! Decoding data text: UTF-8, or GBK/GB18030 as Chinese Excel exports write it.
//!
//! Decoding is strict: a malformed byte is an error with its offset, never a
//! silent U+FFFD, so a wrongly chosen encoding cannot turn into wrong values.

use encoding_rs::{DecoderResult, GB18030};

/// The character encoding of a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    Utf8,
    /// GBK, as Excel on a Chinese system saves "CSV"; read as its superset GB18030.
    Gbk,
    /// GB18030.
    Gb18030,
}

/// Bytes that are not valid text in the encoding, given back with the
/// 0-based offset of the first bad byte.
#[derive(Debug)]
pub struct Undecodable {
    /// The bytes as read.
    pub bytes: Vec<u8>,
    /// Where the first invalid sequence starts.
    pub at: usize,
}

impl TextEncoding {
    /// Decodes `bytes` without replacing anything: invalid text is an error,
    /// never a silent U+FFFD. UTF-8 is checked in place, without a copy.
    ///
    /// # Errors
    /// The bytes are not valid text in this encoding.
    pub fn decode(self, bytes: Vec<u8>) -> Result<String, Undecodable> {
        match self {
            TextEncoding::Utf8 => String::from_utf8(bytes).map_err(|e| {
                let at = e.utf8_error().valid_up_to();
                Undecodable { bytes: e.into_bytes(), at }
            }),
            TextEncoding::Gbk | TextEncoding::Gb18030 => decode_gb18030(bytes),
        }
    }

    /// The encoding's name, as messages give it.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Gbk => "GBK",
            TextEncoding::Gb18030 => "GB18030",
        }
    }
}

/// The encoding of an upload whose encoding nobody named: UTF-8 when the
/// bytes are valid UTF-8 (or start with its byte-order mark), otherwise GBK,
/// which is what Excel on a Chinese system writes.
#[must_use]
pub fn guess_encoding(bytes: &[u8]) -> TextEncoding {
    if bytes.starts_with(BOM) || std::str::from_utf8(bytes).is_ok() {
        TextEncoding::Utf8
    } else {
        TextEncoding::Gbk
    }
}

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// `bytes` without a leading UTF-8 byte-order mark.
#[must_use]
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// GB18030 (and so GBK) to UTF-8. ASCII bytes decode to themselves, and
/// every byte of a multi-byte character is at or above 0x30 (trail bytes of
/// two-byte characters at or above 0x40), so line breaks, commas and quotes
/// can be found in the raw bytes before decoding.
fn decode_gb18030(bytes: Vec<u8>) -> Result<String, Undecodable> {
    if bytes.is_ascii() {
        return String::from_utf8(bytes).map_err(|e| Undecodable { at: 0, bytes: e.into_bytes() });
    }
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let room = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len());
    let mut text = String::with_capacity(room);
    let mut read = 0usize;
    loop {
        let rest = bytes.get(read..).unwrap_or_default();
        let (result, used) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        read = read.saturating_add(used);
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(rest.len().saturating_add(16)),
            DecoderResult::Malformed(bad, after) => {
                let at = read.saturating_sub(usize::from(after)).saturating_sub(usize::from(bad));
                return Err(Undecodable { bytes, at });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_decodes_chinese_and_reports_the_first_bad_byte() {
        let (gbk, _, _) = encoding_rs::GBK.encode("年办件量,92.5%");
        assert_eq!(TextEncoding::Gbk.decode(gbk.to_vec()).unwrap(), "年办件量,92.5%");
        let mut bad = gbk.to_vec();
        bad.insert(2, 0xFF);
        assert_eq!(TextEncoding::Gbk.decode(bad).unwrap_err().at, 2);
        assert_eq!(TextEncoding::Gb18030.decode(b"plain".to_vec()).unwrap(), "plain");
    }

    #[test]
    fn utf8_errors_give_the_offset() {
        assert_eq!(TextEncoding::Utf8.decode(b"ab\xffc".to_vec()).unwrap_err().at, 2);
        assert_eq!(TextEncoding::Utf8.decode("中".as_bytes().to_vec()).unwrap(), "中");
    }

    #[test]
    fn an_unnamed_encoding_is_utf8_unless_the_bytes_say_otherwise() {
        let (gbk, _, _) = encoding_rs::GBK.encode("年办件量");
        assert_eq!(guess_encoding(&gbk), TextEncoding::Gbk);
        assert_eq!(guess_encoding("年办件量".as_bytes()), TextEncoding::Utf8);
        assert_eq!(strip_bom(b"\xEF\xBB\xBFa"), b"a");
    }
}
