//! Rendering rule-file diagnostics with source snippets (miette, through
//! the library's `miette` feature), and the one-line summary after them.

use std::io::IsTerminal;

use miette::{GraphicalReportHandler, GraphicalTheme};
use scorecard::{Diagnostic, Lang, ShownDiagnostic};

/// A rule file prepared for display: the library's, with character columns.
pub use scorecard::SourceSnippet as Snippet;

/// Renders diagnostics as text, with or without colours.
pub struct Renderer {
    handler: GraphicalReportHandler,
}

impl Renderer {
    /// A renderer for a stream: colours only on a terminal, and never when `NO_COLOR` is set.
    pub fn for_stream(stream: &impl IsTerminal) -> Self {
        Renderer::new(stream.is_terminal() && !no_color())
    }

    /// A renderer with or without colours; without, the output is stable plain Unicode text.
    pub fn new(color: bool) -> Self {
        let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
        let handler = GraphicalReportHandler::new_themed(theme).with_links(false).with_width(100);
        Renderer { handler }
    }

    /// Renders one diagnostic about `source`.
    pub fn render(&self, diagnostic: &Diagnostic, source: &Snippet) -> String {
        let mut out = String::new();
        let shown = ShownDiagnostic::new(diagnostic, source);
        if self.handler.render_report(&mut out, &shown).is_err() {
            // miette could not read the snippet: fall back to the plain message.
            out = format!("{}: {}\n", diagnostic.code.as_str(), shown);
        }
        out
    }
}

/// Whether `NO_COLOR` asks for no colours (set and not empty).
fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `2 errors, 1 warning` / `2 个错误，1 个警告`.
pub fn counts(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len().saturating_sub(errors);
    lang.pick(
        format!("{errors} 个错误，{warnings} 个警告"),
        format!("{errors} error{}, {warnings} warning{}", plural(errors), plural(warnings)),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
