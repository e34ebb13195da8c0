//! Code actions: the sure fixes the engine attaches to its diagnostics
//! (`Diagnostic::fixes`), for the diagnostics a range touches. Nothing here
//! reads message text; the fixes are made where the diagnostics are made.

use scorecard::{Diagnostic, Span};

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
        .flat_map(|d| {
            d.fixes.iter().map(move |f| Fix {
                title: f.title.clone(),
                diagnostic: d.clone(),
                edits: f.edits.iter().map(|e| Edit { span: e.span, text: e.text.clone() }).collect(),
            })
        })
        .collect()
}
