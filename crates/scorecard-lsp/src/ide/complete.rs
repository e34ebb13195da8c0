//! Completion items: keywords in the file's language, declared names, units
//! and grade names.

use scorecard::Lang;
use scorecard_syntax::keywords::{Keyword, KEYWORDS};

use super::Analysis;

/// What a completion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A keyword.
    Keyword,
    /// An input, constant or derived value.
    Name,
    /// A unit.
    Unit,
    /// A grade.
    Grade,
}

/// One completion item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The text inserted.
    pub label: String,
    /// What it is.
    pub kind: CompletionKind,
    /// A short note shown beside it.
    pub detail: String,
}

/// The keywords of a language, for completion and colouring.
pub(super) fn keywords(lang: scorecard::Lang) -> Vec<&'static str> {
    let spellings = |k: &Keyword| match lang {
        Lang::Zh => k.zh.to_vec(),
        Lang::En => vec![k.en],
    };
    KEYWORDS.iter().flat_map(spellings).filter(|s| !s.is_empty()).collect()
}

/// Every completion for the document (the client filters by what is typed).
pub fn completions(analysis: &Analysis) -> Vec<Completion> {
    let lang = analysis.lang;
    let keywords = keywords(lang);
    let item =
        |label: &str, kind, detail: &str| Completion { label: label.to_owned(), kind, detail: detail.to_owned() };
    let mut out: Vec<Completion> =
        keywords.iter().map(|k| item(k, CompletionKind::Keyword, lang.pick("关键字", "keyword"))).collect();
    for named in &analysis.declared {
        let detail = named.kind.word(lang);
        out.push(item(&named.name, CompletionKind::Name, detail));
    }
    for unit in scorecard::units::UNITS.iter().filter(|u| u.symbol != "％" && !u.symbol.is_empty()) {
        out.push(item(unit.symbol, CompletionKind::Unit, lang.pick("单位", "unit")));
    }
    let mut grades: Vec<String> = Vec::new();
    if let Some(file) = &analysis.file {
        grades.extend(file.grades.iter().flat_map(|g| g.node.iter().map(|g| g.name.node.clone())));
        for input in &file.inputs {
            if let scorecard_syntax::ast::InputKind::Grades(labels) = &input.kind.node {
                grades.extend(labels.iter().map(|l| l.node.clone()));
            }
        }
    }
    grades.sort();
    grades.dedup();
    out.extend(grades.iter().map(|g| item(g, CompletionKind::Grade, lang.pick("等级", "grade"))));
    out
}
