//! A rule file that failed to compile, and diagnostics located by line and
//! character column: the form `scorecard check --format json` prints.

use std::sync::Arc;

use scorecard_syntax::{Code, Diagnostic, Fix, LineIndex, Severity, Span};
use serde::{Serialize, Serializer};

/// A diagnostic with its position: the file, the 1-based line and the
/// 1-based column counted in characters, beside the byte span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LocatedDiagnostic {
    /// The stable code, e.g. `E0201`.
    pub code: Code,
    /// `error` or `warning`.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// The label of the underlined text.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The rule file's path, when the caller gave one.
    pub file: Option<String>,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub col: u32,
    /// The byte span in the rule file.
    pub span: Span,
    /// Sure fixes, as byte-span text edits (omitted when there are none).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

impl LocatedDiagnostic {
    /// Locates `d`, a diagnostic about `src` (whose line starts are `lines`), in file `file`.
    pub fn locate(d: &Diagnostic, src: &str, lines: &LineIndex, file: Option<&str>) -> Self {
        let at = lines.span_start(src, d.span);
        LocatedDiagnostic {
            code: d.code,
            severity: d.severity,
            message: d.message.clone(),
            label: d.label.clone(),
            help: d.help.clone(),
            file: file.map(str::to_owned),
            line: at.line,
            col: at.column,
            span: d.span,
            fixes: d.fixes.clone(),
        }
    }
}

impl std::fmt::Display for LocatedDiagnostic {
    /// `path:3:7: error[E0201]: message` (without the path when none was given).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
        }
        let severity = if self.severity == Severity::Error { "error" } else { "warning" };
        write!(f, "{}:{}: {severity}[{}]: {}", self.line, self.col, self.code, self.message)
    }
}

/// Locates every diagnostic of `src`, in the order given.
pub(crate) fn locate(diagnostics: &[Diagnostic], src: &str, file: Option<&str>) -> Vec<LocatedDiagnostic> {
    let lines = LineIndex::new(src);
    diagnostics.iter().map(|d| LocatedDiagnostic::locate(d, src, &lines, file)).collect()
}

/// A rule file that failed to compile: every error and warning found, with
/// the text they point into (and its path, if the caller names it with
/// [`CompileError::with_path`]). Display shows each error as
/// `path:line:col: error[code]: message`; serialised, it is
/// `{"schema_version":1,"file":…,"message":…,"diagnostics":[…]}` with each
/// diagnostic located (see [`LocatedDiagnostic`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.summary())]
#[non_exhaustive]
pub struct CompileError {
    /// The diagnostics, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    text: Arc<str>,
    path: Option<String>,
}

impl CompileError {
    /// The diagnostics of `text`.
    pub(crate) fn new(diagnostics: Vec<Diagnostic>, text: &str) -> Self {
        CompileError { diagnostics, text: Arc::from(text), path: None }
    }

    /// Names the rule file in messages and positions.
    #[must_use]
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// The rule file's path, if named.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The rule text the spans point into (after UTF-8 decoding; for bytes
    /// that are not UTF-8, the valid text before the first bad byte).
    pub fn source_text(&self) -> &str {
        &self.text
    }

    /// Every diagnostic with its line and character column.
    pub fn located(&self) -> Vec<LocatedDiagnostic> {
        locate(&self.diagnostics, &self.text, self.path.as_deref())
    }

    /// Whether some diagnostic has `code`.
    pub fn has(&self, code: Code) -> bool {
        self.diagnostics.iter().any(|d| d.code == code)
    }

    fn summary(&self) -> String {
        let errors: Vec<String> =
            self.located().iter().filter(|d| d.severity == Severity::Error).map(ToString::to_string).collect();
        errors.join("\n")
    }
}

#[derive(Serialize)]
struct CompileErrorJson<'a> {
    #[serde(serialize_with = "crate::schema::schema_version")]
    schema_version: u32,
    file: Option<&'a str>,
    message: String,
    diagnostics: Vec<LocatedDiagnostic>,
}

impl Serialize for CompileError {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        CompileErrorJson {
            schema_version: crate::schema::SCHEMA_VERSION,
            file: self.path.as_deref(),
            message: self.summary(),
            diagnostics: self.located(),
        }
        .serialize(s)
    }
}
