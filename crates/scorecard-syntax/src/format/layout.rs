//! Writing tokens and comments out in the canonical layout.
//!
//! - Each statement starts its own line, indented two spaces per level of
//!   the indicator tree. A line break the author put inside a statement is
//!   kept; the continuation line is aligned under the statement's first word
//!   after its keyword (Chinese characters count two columns, as editors
//!   show them), or four spaces deeper when the keyword stands alone. A break
//!   right after the `-` of a range is not kept (the grammar needs a digit or
//!   a space after it on the same line). `定量指标` after `指标值` keeps the
//!   line it was written on.
//! - Within a line: one space after the statement's keyword; no space before
//!   `，：）` and after `（`; one space after ASCII `,;:`; none between a
//!   number and a Chinese unit (`10分`), a Chinese keyword and a number
//!   (`低于80%`, `扣5分`, `～-3`), or a number and a Chinese keyword (`80%以下`);
//!   otherwise one space where the author had any and none where there was
//!   none (a space can end a name, so that choice is the author's).
//! - Comments stay where they were: at the end of a line, or on their own
//!   line before the next token, at its indentation; a separator or closing
//!   bracket after a comment moves ahead of it. Runs of blank lines become
//!   one; blank lines inside a statement and at the start go.

use super::tokens::{hugs_numbers, Kind, Role, Token};
use crate::grammar::Rule;

/// The layout of a file, and the comments in it (for the caller's check that none was lost).
pub(super) struct Laid {
    /// The formatted text.
    pub text: String,
    /// Every comment, trimmed, in order.
    pub comments: Vec<String>,
}

/// A gap between two tokens.
struct Gap<'s> {
    /// Comments, each with the number of line breaks before it.
    comments: Vec<(usize, &'s str)>,
    /// Line breaks after the last comment (or in the whole gap, if none).
    breaks_after: usize,
    /// Whether the gap had any whitespace at all.
    spaced: bool,
    /// Whether the gap had a line break at all.
    broken: bool,
}

/// Reads the gap `text`, which starts at byte `at`; anything but whitespace and comments is an error at its offset.
fn gap(text: &str, at: usize) -> Result<Gap<'_>, usize> {
    let mut g = Gap { comments: Vec::new(), breaks_after: 0, spaced: !text.is_empty(), broken: false };
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        match c {
            // LF, CRLF and a lone CR each end one line.
            '\n' => {
                g.breaks_after = g.breaks_after.saturating_add(1);
                g.broken = true;
            }
            '\r' if !rest.starts_with("\r\n") => {
                g.breaks_after = g.breaks_after.saturating_add(1);
                g.broken = true;
            }
            ' ' | '\t' | '\u{3000}' | '\r' | '\u{FEFF}' => {}
            '#' => {
                let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
                let comment = rest.get(..end).unwrap_or("");
                g.comments.push((g.breaks_after, comment.trim_end()));
                g.breaks_after = 0;
                rest = rest.get(end..).unwrap_or("");
                continue;
            }
            _ => return Err(at.saturating_add(text.len().saturating_sub(rest.len()))),
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    Ok(g)
}

/// The text of a token as printed: quoted text as written, any other token
/// with its inner runs of spaces made one space (`at  most` → `at most`).
fn token_text(src: &str, t: &Token) -> String {
    let text = src.get(t.start..t.end).unwrap_or("");
    if text.starts_with(['「', '"']) {
        return text.to_owned();
    }
    text.split([' ', '\t', '\u{3000}']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The output being written.
struct Writer {
    text: String,
    /// Whether the current line has content.
    open: bool,
    /// Byte offset where the current line starts.
    line_start: usize,
}

impl Writer {
    fn end_line(&mut self) {
        if self.open {
            self.text.push('\n');
            self.open = false;
        }
    }

    fn start_line(&mut self, indent: usize, blank_before: bool) {
        self.end_line();
        if blank_before && !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
        self.line_start = self.text.len();
        self.text.extend(std::iter::repeat_n(' ', indent));
        self.open = true;
    }

    /// The display width of the current line so far.
    fn column(&self) -> usize {
        self.text.get(self.line_start..).unwrap_or("").chars().map(width).sum()
    }
}

/// Columns a character takes in an editor: two for East Asian wide characters, one otherwise.
fn width(c: char) -> usize {
    match c {
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}' => 2,
        _ => 1,
    }
}

/// Spaces per level of the indicator tree.
const INDENT: usize = 2;
/// Extra indentation of a statement's continuation lines.
const CONTINUATION: usize = 4;

/// Lays out `tokens` of `src`. `Err` holds the offset of text between tokens
/// that is neither whitespace nor a comment (a grammar change the layout does not know).
pub(super) fn lay_out(src: &str, tokens: &[Token]) -> Result<Laid, usize> {
    let mut w = Writer { text: String::with_capacity(src.len()), open: false, line_start: 0 };
    let mut comments = Vec::new();
    let mut pos = 0;
    let mut prev: Option<(&Token, String)> = None;
    let mut last_line_indent = 0;
    // The column continuation lines of the current statement align to, once its first word is written.
    let mut align: Option<usize> = None;
    // Comments read before a separator that was written ahead of them.
    let mut deferred: Vec<(usize, &str)> = Vec::new();
    for t in tokens {
        let g = gap(src.get(pos..t.start).unwrap_or(""), pos)?;
        pos = t.end;
        let text = token_text(src, t);
        // A separator or a closing bracket stays right after what it follows, ahead of any comment.
        let glued = matches!(t.kind, Kind::Sep | Kind::Colon | Kind::Close);
        // Its comments wait until after the run of such marks (`（%），  # 注`).
        if glued && w.open && matches!(t.role, Role::Continue(_) | Role::Flexible(_)) {
            w.text.push_str(&text);
            prev = Some((t, text));
            deferred.extend(g.comments.iter().copied());
            continue;
        }
        let pending: Vec<(usize, &str)> = deferred.drain(..).chain(g.comments.iter().copied()).collect();
        // Where own-line comments before this token go, and whether blank lines may separate them.
        let (indent, blanks) = match t.role {
            Role::Line(level) => (level.saturating_mul(INDENT), true),
            Role::Flexible(level) if g.broken => (level.saturating_mul(INDENT), true),
            Role::Continue(level) | Role::Flexible(level) => {
                (align.unwrap_or(level.saturating_mul(INDENT).saturating_add(CONTINUATION)), false)
            }
            Role::End => (last_line_indent, true),
        };
        comments_before(&mut w, &mut comments, &pending, indent, blanks);
        // A `-` between the bounds of a range must be followed by a digit or a space on its line.
        let unbreakable = prev.as_ref().is_some_and(|(p, _)| p.rule == Rule::range_dash);
        let breaks = g.broken && !unbreakable;
        match t.role {
            Role::End => break,
            Role::Line(level) => {
                last_line_indent = level.saturating_mul(INDENT);
                w.start_line(last_line_indent, g.breaks_after >= 2);
                align = None;
            }
            Role::Flexible(level) if breaks || !w.open => {
                last_line_indent = level.saturating_mul(INDENT);
                w.start_line(last_line_indent, false);
                align = None;
            }
            Role::Continue(_) | Role::Flexible(_) => {
                let after_open = prev.as_ref().is_some_and(|(p, _)| p.kind == Kind::Open);
                if !w.open || (breaks && !glued && !after_open) {
                    w.start_line(indent, false);
                } else if let Some((p, p_text)) = &prev {
                    if space_between(p, p_text, t, &text, g.spaced) {
                        w.text.push(' ');
                    }
                }
                if align.is_none() && t.kind.is_word() && w.text.len() > w.line_start {
                    align = Some(w.column());
                }
            }
        }
        w.text.push_str(&text);
        prev = Some((t, text));
    }
    w.end_line();
    Ok(Laid { text: w.text, comments })
}

/// Writes the comments of a gap: one on the same line as what came before
/// stays at its end; the others go on their own lines at `indent`.
fn comments_before(w: &mut Writer, comments: &mut Vec<String>, pending: &[(usize, &str)], indent: usize, blanks: bool) {
    for (breaks, comment) in pending {
        if *breaks == 0 && w.open {
            w.text.push_str("  ");
        } else {
            w.start_line(indent, blanks && *breaks >= 2);
        }
        w.text.push_str(comment);
        w.end_line();
        comments.push((*comment).to_owned());
    }
}

/// Whether one space goes between two tokens on the same line.
fn space_between(prev: &Token, prev_text: &str, next: &Token, next_text: &str, spaced: bool) -> bool {
    if matches!(next.kind, Kind::Sep | Kind::Colon | Kind::Close) || prev.kind == Kind::Open {
        return false;
    }
    let chinese = |text: &str| text.chars().next().is_some_and(|c| !c.is_ascii());
    match (prev.kind, next.kind) {
        (Kind::Sep | Kind::Colon, _) => match prev_text {
            "/" => spaced,
            t => t.is_ascii(),
        },
        _ if matches!(prev.role, Role::Line(_)) => true,
        (Kind::Number, Kind::Unit) if chinese(next_text) => false,
        (Kind::Keyword, Kind::Number) if chinese(prev_text) && hugs_numbers(prev.rule) => false,
        (Kind::Number | Kind::Unit, Kind::Keyword) if chinese(next_text) && hugs_numbers(next.rule) => false,
        _ => spaced,
    }
}
