//! A CLI-side wrapper that lets miette render an engine diagnostic.

use std::fmt;

use miette::{LabeledSpan, SourceCode};
use scorecard::{Diagnostic, Severity};

use super::source::Snippet;
use crate::text::neutralise;

/// An engine [`Diagnostic`] with its source, as a [`miette::Diagnostic`].
/// The library stays free of rendering; this type only adapts it.
#[derive(Debug)]
pub struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a Snippet,
    message: String,
    label: String,
    help: Option<String>,
    span: (usize, usize),
}

impl<'a> Shown<'a> {
    /// Adapts `diagnostic`, whose span points into `source`. A span outside
    /// the text (or inside a character) is clamped rather than trusted.
    pub fn new(diagnostic: &'a Diagnostic, source: &'a Snippet) -> Self {
        let start = source.floor_char(diagnostic.span.start as usize);
        let end = source.floor_char(diagnostic.span.end as usize).max(start);
        Shown {
            diagnostic,
            source,
            message: neutralise(&diagnostic.message),
            label: neutralise(&diagnostic.label),
            help: diagnostic.help.as_deref().map(neutralise),
            span: (start, end.saturating_sub(start)),
        }
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            _ => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display + 'b>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let label = (!self.label.is_empty()).then(|| self.label.clone());
        Some(Box::new(std::iter::once(LabeledSpan::new_primary_with_span(label, self.span))))
    }
}
