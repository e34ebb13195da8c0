//! Hover text: a diagnostic's long explanation, a name's declaration and
//! uses, or how the engine reads the indicator under the cursor.

use scorecard::Span;

use super::{Analysis, NameKind};

/// Markdown for the hover at byte `offset`, and the span it is about.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<(String, Span)> {
    let mut parts = Vec::new();
    let mut about = None;
    let lang = analysis.lang;
    for d in analysis.diagnostics.iter().filter(|d| contains(d.span, offset)) {
        let mut text = format!("**{}** {}", d.code.as_str(), d.message);
        if let Some(help) = &d.help {
            text.push_str(&format!("\n\n{}{help}", lang.pick("建议：", "help: ")));
        }
        text.push_str(&format!("\n\n{}", d.code.explanation(lang)));
        parts.push(text);
        about = about.or(Some(d.span));
    }
    if let Some((named, span)) = analysis.name_at(offset) {
        parts.push(name_text(analysis, &named.name, named.kind));
        about = about.or(Some(span));
    } else if let Some(ind) = analysis.reading.as_ref().and_then(|r| r.indicator_at(offset)) {
        parts.push(format!("```text\n{}```", ind.text(lang)));
        about = about.or(Some(ind.span));
    }
    Some((parts.join("\n\n---\n\n"), about?))
}

fn contains(span: Span, offset: usize) -> bool {
    (span.start as usize) <= offset && offset <= (span.end as usize).max((span.start as usize).saturating_add(1))
}

/// What a declared name is: key, unit, range and where it is used.
fn name_text(analysis: &Analysis, name: &str, kind: NameKind) -> String {
    let lang = analysis.lang;
    let reading = analysis.reading.as_ref();
    let what = kind.word(lang);
    let detail =
        reading.and_then(|r| {
            r.inputs.iter().find(|i| i.name == name).map(|i| i.text(lang)).or_else(|| {
                r.constants.iter().find(|c| c.name == name).map(|c| format!("{} = {}", c.name, c.value.shown))
            })
        });
    match detail {
        Some(d) => format!("{what} `{name}`\n\n{d}"),
        None => format!("{what} `{name}`"),
    }
}
