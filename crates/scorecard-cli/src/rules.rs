//! Reading and compiling a rule file, keeping what is needed to show its diagnostics.

use scorecard::{Diagnostic, Lang, LineIndex, LocatedDiagnostic, Scorecard};

use crate::args::RuleFile;
use crate::exit::CliError;
use crate::files;
use crate::render::{self, Renderer, Snippet};

/// A compiled rule file, or every diagnostic that stopped it.
pub struct Compiled {
    /// The scorecard, or the diagnostics (errors and warnings) if it did not compile.
    pub result: Result<Scorecard, Vec<Diagnostic>>,
    /// The text for snippets.
    pub snippet: Snippet,
    /// The file's language, for messages.
    pub lang: Lang,
    /// The path as given.
    pub name: String,
}

/// Reads and compiles the rule file named on the command line, with the
/// limits its flags set (`--max-file-bytes`, `--max-indicators`, `--max-tiers`).
pub fn compile(rules: &RuleFile) -> Result<Compiled, CliError> {
    let limits = rules.limits();
    let path = rules.path.as_path();
    let (bytes, name) = if rules.is_stdin() {
        (files::read_stdin(limits.max_file_bytes())?, "<stdin>".to_owned())
    } else {
        (files::read_rules(path, limits.max_file_bytes())?, path.display().to_string())
    };
    // Invalid bytes become U+FFFD: offsets up to the first one (where the engine reports it) are unchanged.
    let text = String::from_utf8_lossy(&bytes);
    let snippet = Snippet::new(name.clone(), &text);
    let result =
        Scorecard::compile_bytes(&bytes, &limits).map_err(|e| e.diagnostics.into_iter().map(with_flag_names).collect());
    let lang = match &result {
        Ok(card) => card.lang(),
        Err(_) => limits.lang().unwrap_or_else(|| Lang::detect(&text)),
    };
    Ok(Compiled { result, snippet, lang, name })
}

/// The engine's help for a limit names the embedding API (`Limits::with_max_tiers`);
/// on the command line the limit is a flag, so the help names the flag.
fn with_flag_names(mut diagnostic: Diagnostic) -> Diagnostic {
    const FLAGS: [(&str, &str); 3] = [
        ("Limits::with_max_file_bytes", "--max-file-bytes"),
        ("Limits::with_max_indicators", "--max-indicators"),
        ("Limits::with_max_tiers", "--max-tiers"),
    ];
    if let Some(help) = diagnostic.help.as_mut() {
        for (api, flag) in FLAGS {
            if help.contains(api) {
                *help = help.replace(api, flag);
            }
        }
    }
    diagnostic
}

impl Compiled {
    /// Every diagnostic, in source order: the errors that stopped it, or the warnings of a usable file.
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = match &self.result {
            Ok(card) => card.warnings().iter().collect(),
            Err(diagnostics) => diagnostics.iter().collect(),
        };
        all.sort_by_key(|d| (d.span.start, d.span.end));
        all
    }

    /// Every diagnostic in source order, with its line and character column.
    pub fn located(&self) -> Vec<LocatedDiagnostic> {
        let diagnostics: Vec<Diagnostic> = self.diagnostics().into_iter().cloned().collect();
        let text = self.snippet.text();
        let lines = LineIndex::new(text);
        diagnostics.iter().map(|d| LocatedDiagnostic::locate(d, text, &lines, Some(&self.name))).collect()
    }

    /// Every diagnostic rendered with its snippet.
    pub fn render(&self, renderer: &Renderer) -> String {
        self.diagnostics().into_iter().map(|d| renderer.render(d, &self.snippet)).collect::<Vec<_>>().join("\n")
    }

    /// The one-line summary after the diagnostics.
    pub fn summary(&self) -> String {
        let diagnostics: Vec<Diagnostic> = self.diagnostics().into_iter().cloned().collect();
        let counts = render::counts(&diagnostics, self.lang);
        match &self.result {
            Ok(card) if diagnostics.is_empty() => {
                let n = card.indicator_names().count();
                let total = card.full_marks().normalize();
                self.lang.pick(
                    format!("{}：检查通过（{n} 个指标，总分 {total}）", self.name),
                    format!("{}: ok ({n} indicator{}, total {total})", self.name, if n == 1 { "" } else { "s" }),
                )
            }
            _ => self.lang.pick(format!("{}：{counts}", self.name), format!("{}: {counts}", self.name)),
        }
    }
}
