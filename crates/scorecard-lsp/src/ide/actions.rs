//! Code actions: the fixes a diagnostic makes certain.
//!
//! - `E0201` with a did-you-mean: write the suggested name.
//! - `E0201` without one: declare the input, with the unit its threshold implies.
//! - `E0101` at a missing `分`: add it.
//! - `E0101` in a heading whose name needs quotes: quote the name.

use scorecard::{Code, Diagnostic, Lang, Span};

use super::Analysis;

/// A text replacement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes replaced (empty to insert).
    pub span: Span,
    /// The new text.
    pub text: String,
}

/// A fix for one diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    /// What it does, in the file's language.
    pub title: String,
    /// The diagnostic it fixes.
    pub diagnostic: Diagnostic,
    /// The edits.
    pub edits: Vec<Edit>,
}

/// The fixes for the diagnostics that touch `range` (byte offsets).
pub fn code_actions(analysis: &Analysis, range: std::ops::Range<usize>) -> Vec<Fix> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| (d.span.start as usize) <= range.end && range.start <= d.span.end as usize)
        .filter_map(|d| fix(analysis, d))
        .collect()
}

fn fix(analysis: &Analysis, d: &Diagnostic) -> Option<Fix> {
    let lang = analysis.lang;
    let one = |title: String, span: Span, text: String| Fix {
        title,
        diagnostic: d.clone(),
        edits: vec![Edit { span, text }],
    };
    match d.code {
        Code::UnknownName => match suggestion(d) {
            Some(s) => Some(one(lang.pick(format!("改为 `{s}`"), format!("change to `{s}`")), d.span, s)),
            None => declare(analysis, d),
        },
        Code::Syntax if d.message.starts_with("此处应为 `分`") => {
            let at = Span { start: d.span.start, end: d.span.start };
            Some(one("补上“分”".to_owned(), at, "分".to_owned()))
        }
        Code::Syntax if d.help.as_deref().is_some_and(|h| h.contains('「') || h.contains("in quotes")) => {
            quote_heading(analysis, d)
        }
        _ => None,
    }
}

/// The name a did-you-mean help suggests.
fn suggestion(d: &Diagnostic) -> Option<String> {
    let help = d.help.as_deref()?;
    let rest = help.strip_prefix("是否想写 `").or_else(|| help.strip_prefix("did you mean `"))?;
    Some(rest.split('`').next()?.to_owned())
}

/// Declares an unknown name as an input, with the unit of the threshold after it.
fn declare(analysis: &Analysis, d: &Diagnostic) -> Option<Fix> {
    let src = analysis.source.as_str();
    let name = d.span.text(src);
    let line_end =
        src.get(d.span.end as usize..)?.find('\n').map_or(src.len(), |i| i.saturating_add(d.span.end as usize));
    let unit = unit_after(src.get(d.span.end as usize..line_end)?)?;
    let after = last_declaration_end(src)?;
    let (line, title) = match analysis.lang {
        Lang::Zh => (format!("输入 {name}（{unit}）\n"), format!("声明输入 `{name}`（{unit}）")),
        Lang::En => (format!("input {name} ({unit})\n"), format!("declare input `{name}` ({unit})")),
    };
    let at = Span { start: after, end: after };
    Some(Fix { title, diagnostic: d.clone(), edits: vec![Edit { span: at, text: line }] })
}

/// The unit of the first number in `text`, e.g. `低于90%，扣3分` → `%`.
fn unit_after(text: &str) -> Option<&'static str> {
    let digit = text.find(|c: char| c.is_ascii_digit())?;
    let rest = text.get(digit..)?.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = rest.trim_start();
    let mut units: Vec<&'static str> = scorecard::units::UNITS.iter().map(|u| u.symbol).collect();
    units.sort_by_key(|u| std::cmp::Reverse(u.len()));
    units
        .into_iter()
        .find(|u| !u.is_empty() && *u != "分" && rest.starts_with(u))
        .map(|u| if u == "％" { "%" } else { u })
}

/// The byte just after the last `输入`/`input` line (or the last declaration of any kind).
fn last_declaration_end(src: &str) -> Option<u32> {
    let mut offset = 0usize;
    let mut last = None;
    for line in src.split_inclusive('\n') {
        offset = offset.saturating_add(line.len());
        let body = line.trim_start();
        if ["输入", "常量", "计算", "input", "const", "let"].iter().any(|k| body.starts_with(k)) {
            last = Some(offset);
        }
    }
    u32::try_from(last?).ok()
}

/// Quotes the name of the group or indicator heading on the diagnostic's line.
fn quote_heading(analysis: &Analysis, d: &Diagnostic) -> Option<Fix> {
    let src = analysis.source.as_str();
    let start = src.get(..d.span.start as usize)?.rfind('\n').map_or(0, |i| i.saturating_add(1));
    let end = src.get(start..)?.find('\n').map_or(src.len(), |i| i.saturating_add(start));
    let line = src.get(start..end)?.trim_end_matches('\r');
    let body = line.trim_start();
    let keyword = ["一级指标", "二级指标", "三级指标", "subgroup", "group", "indicator"]
        .into_iter()
        .find(|k| body.starts_with(k))?;
    let name_start = start.saturating_add(line.len().saturating_sub(body.len())).saturating_add(keyword.len());
    let name = src.get(name_start..start.saturating_add(line.len()))?;
    let trimmed = name.trim();
    if trimmed.is_empty() || trimmed.starts_with(['「', '"']) {
        return None;
    }
    let lead = name.len().saturating_sub(name.trim_start().len());
    let from = name_start.saturating_add(lead);
    let span = Span::new(from, from.saturating_add(trimmed.len()));
    let (text, title) = match analysis.lang {
        Lang::Zh => (format!("「{trimmed}」"), format!("用「」括起名称 `{trimmed}`")),
        Lang::En => (format!("\"{trimmed}\""), format!("quote the name `{trimmed}`")),
    };
    Some(Fix { title, diagnostic: d.clone(), edits: vec![Edit { span, text }] })
}
