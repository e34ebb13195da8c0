//! Positions in a document: byte offsets to and from (line, character)
//! in the client's encoding (UTF-16 code units by default, or UTF-8 bytes).

/// How the client counts characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units (the LSP default).
    Utf16,
    /// UTF-8 bytes.
    Utf8,
}

/// A 0-based line and character, in some [`Encoding`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// 0-based line.
    pub line: u32,
    /// 0-based character in the line, in the encoding's units.
    pub character: u32,
}

/// Line starts of one text.
#[derive(Debug, Clone)]
pub struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)));
        Lines { starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to a character boundary).
    pub fn pos(&self, text: &str, offset: usize, enc: Encoding) -> Pos {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset = offset.saturating_sub(1);
        }
        let line = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let before = text.get(start..offset).unwrap_or("");
        let character = match enc {
            Encoding::Utf16 => before.encode_utf16().count(),
            Encoding::Utf8 => before.len(),
        };
        Pos { line: to_u32(line), character: to_u32(character) }
    }

    /// The byte offset of `pos`; a character past the end of its line is the
    /// line's end, one inside a character is that character's start.
    pub fn offset(&self, text: &str, pos: Pos, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else { return text.len() };
        let end = self.starts.get((pos.line as usize).saturating_add(1)).copied().unwrap_or(text.len());
        let line = text.get(start..end).unwrap_or("");
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let want = pos.character as usize;
        let mut units = 0usize;
        for (i, c) in line.char_indices() {
            let width = match enc {
                Encoding::Utf16 => c.len_utf16(),
                Encoding::Utf8 => c.len_utf8(),
            };
            if units.saturating_add(width) > want {
                return start.saturating_add(i);
            }
            units = units.saturating_add(width);
        }
        start.saturating_add(line.len())
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_and_astral_characters_count_per_encoding() {
        let text = "ab\n年办件量𠀀x\n";
        let lines = Lines::new(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(lines.pos(text, x, Encoding::Utf16), Pos { line: 1, character: 6 });
        assert_eq!(lines.pos(text, x, Encoding::Utf8), Pos { line: 1, character: 16 });
        assert_eq!(lines.offset(text, Pos { line: 1, character: 6 }, Encoding::Utf16), x);
        assert_eq!(lines.offset(text, Pos { line: 1, character: 16 }, Encoding::Utf8), x);
        // Inside the surrogate pair: the character's start.
        assert_eq!(lines.offset(text, Pos { line: 1, character: 5 }, Encoding::Utf16), x.saturating_sub(4));
        // Past the end of a line or the text: clamped.
        assert_eq!(lines.offset(text, Pos { line: 0, character: 99 }, Encoding::Utf16), 2);
        assert_eq!(lines.offset(text, Pos { line: 9, character: 0 }, Encoding::Utf16), text.len());
        assert_eq!(lines.pos(text, 5, Encoding::Utf16), Pos { line: 1, character: 0 });
    }
}
