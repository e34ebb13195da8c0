//! Editor services with no I/O: from a document's text to diagnostics,
//! hovers, completions, name navigation, code actions and the outline. The
//! server (`crate::server`) only moves these over the protocol.
//!
//! They live in this crate rather than a crate of their own because the
//! language server is their one user; the workbench shares the part worth
//! sharing, the reading model, from `scorecard-eval`.

mod actions;
mod complete;
mod hover;
pub mod lines;
mod names;
mod symbols;
mod tokens;

use scorecard::{Diagnostic, Lang, Limits, Reading, Scorecard, Span};
use scorecard_syntax::ast;

pub use actions::{code_actions, Edit, Fix};
pub use complete::{completions, Completion, CompletionKind};
pub use hover::hover;
pub use names::{NameKind, Named};
pub use symbols::{outline, Symbol, SymbolKind};
pub use tokens::{tokens, Token, TokenKind};

/// Everything known about one version of a document.
#[derive(Debug)]
pub struct Analysis {
    /// The text.
    pub source: String,
    /// Its keyword language.
    pub lang: Lang,
    /// Errors and warnings, as `scorecard check` reports them.
    pub diagnostics: Vec<Diagnostic>,
    /// The reading, when the file compiles.
    pub reading: Option<Reading>,
    /// The syntax tree, when the file parses.
    file: Option<ast::File>,
    /// Declared inputs, constants and derived values.
    declared: Vec<Named>,
}

impl Analysis {
    /// Checks and reads `source` within the default limits.
    pub fn new(source: String) -> Analysis {
        let limits = Limits::default();
        let (diagnostics, reading) = match Scorecard::compile_with(&source, &limits) {
            Ok(card) => (card.warnings().to_vec(), Some(card.reading())),
            Err(e) => (e.diagnostics, None),
        };
        let file = scorecard_syntax::parse(&source, &limits).ok();
        let lang = file.as_ref().map_or_else(|| Lang::detect(&source), |f| f.lang);
        let declared = file.as_ref().map(names::declared).unwrap_or_default();
        Analysis { source, lang, diagnostics, reading, file, declared }
    }

    /// The declared name written at byte `offset` (at its declaration or a use).
    pub fn name_at(&self, offset: usize) -> Option<(&Named, Span)> {
        names::at(self, offset)
    }

    /// Where the name is declared and every place it is used, declaration first.
    pub fn occurrences(&self, named: &Named) -> Vec<Span> {
        names::occurrences(self, named)
    }

    /// Edits renaming `named` to `new_name` everywhere; `None` if the new name is empty
    /// or already declared.
    pub fn rename(&self, named: &Named, new_name: &str) -> Option<Vec<Edit>> {
        names::rename(self, named, new_name)
    }

    /// The whole text laid out by `scorecard fmt`, or `None` if it does not parse or is unchanged.
    pub fn formatted(&self) -> Option<String> {
        scorecard::format(&self.source, &Limits::default()).ok().filter(|f| *f != self.source)
    }
}
