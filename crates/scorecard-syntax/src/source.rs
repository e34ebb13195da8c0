//! Turning raw bytes into rule text: UTF-8 validation, NUL bytes and size limits.

use crate::{Code, Diagnostic, Lang, Limits, Span};

/// Checks that `bytes` is a rule file this engine will read: within the size
/// limit, valid UTF-8, and free of NUL bytes. A leading byte-order mark is kept
/// (the grammar skips it) so spans stay byte-exact.
pub fn decode<'a>(bytes: &'a [u8], limits: &Limits) -> Result<&'a str, Diagnostic> {
    check_size(bytes.len(), limits, limits.lang.unwrap_or_else(|| lang_of_prefix(bytes)))?;
    let src = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let lang = limits.lang_of(std::str::from_utf8(bytes.get(..at).unwrap_or(&[])).unwrap_or(""));
        Diagnostic::error(
            Code::InvalidUtf8,
            Span::new(at, at),
            lang.pick("文件不是有效的 UTF-8 文本", "the file is not valid UTF-8 text"),
            lang.pick("此处字节无效", "invalid byte here"),
        )
        .with_help(lang.pick(
            "请将规则文件另存为 UTF-8 编码（GBK/GB18030 文件需先转换）",
            "save the rule file as UTF-8 (convert GBK/GB18030 files first)",
        ))
    })?;
    check_text(src, limits)?;
    Ok(src)
}

/// Checks size and NUL bytes of text that is already UTF-8.
pub fn check_text(src: &str, limits: &Limits) -> Result<(), Diagnostic> {
    check_size(src.len(), limits, limits.lang.unwrap_or_else(|| lang_of_prefix(src.as_bytes())))?;
    if let Some(at) = src.find('\0') {
        let lang = limits.lang_of(src.get(..at).unwrap_or(""));
        return Err(Diagnostic::error(
            Code::NulByte,
            Span::new(at, at.saturating_add(1)),
            lang.pick("文件中有 NUL 字节", "the file contains a NUL byte"),
            lang.pick("NUL 字节", "NUL byte"),
        )
        .with_help(lang.pick(
            "规则文件应为纯文本；请检查是否误选了二进制文件",
            "rule files are plain text; check that this is not a binary file",
        )));
    }
    Ok(())
}

fn check_size(len: usize, limits: &Limits, lang: Lang) -> Result<(), Diagnostic> {
    if len > limits.max_file_bytes || u32::try_from(len).is_err() {
        let max = limits.max_file_bytes;
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            Span::new(0, 0),
            lang.pick(
                format!("规则文件超过 {max} 字节的上限"),
                format!("the rule file is over the limit of {max} bytes"),
            ),
            lang.pick("文件过大", "file too large"),
        )
        .with_help(lang.pick(
            "将表拆成几个文件，或调高上限（Limits::with_max_file_bytes）",
            "split the table into several files, or raise the limit (Limits::with_max_file_bytes)",
        )));
    }
    Ok(())
}

/// The language of a possibly huge or invalid byte string, from its first kilobyte.
fn lang_of_prefix(bytes: &[u8]) -> Lang {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(bytes);
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(head.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
    };
    Lang::detect(valid)
}
