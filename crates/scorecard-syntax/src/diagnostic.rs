//! Diagnostics as data: a stable code, a span, and messages already written
//! in the rule file's language. Rendering with snippets happens in the CLI.

use serde::{Deserialize, Serialize};

use crate::shown::shown_string;
use crate::Span;

/// How serious a diagnostic is. Serialised as `"error"` or `"warning"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file works but probably does not say what was meant.
    Warning,
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal ),* $(,)?) => {
        /// A stable diagnostic code, e.g. `E0101`; serialised as that text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in messages, e.g. `"E0101"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( Code::$variant => $code, )*
                }
            }
        }
    };
}

codes! {
    /// The rule file is larger than the configured limit.
    FileTooLarge = "E0001",
    /// The rule file declares more indicators than the configured limit.
    TooManyIndicators = "E0002",
    /// A number has more digits than can be represented exactly.
    NumberOutOfRange = "E0003",
    /// The rule file contains a NUL byte.
    NulByte = "E0004",
    /// An indicator has more tiers than the configured limit.
    TooManyTiers = "E0005",
    /// The rule file is not valid UTF-8.
    InvalidUtf8 = "E0006",
    /// An expression is nested too deeply.
    TooDeep = "E0007",
    /// A date that is not a real calendar date.
    BadDate = "E0008",
    /// The text does not follow the language's syntax.
    Syntax = "E0101",
    /// A name is used but never declared.
    UnknownName = "E0201",
    /// A name is declared twice.
    DuplicateName = "E0202",
    /// Two indicators at the same place in the tree have the same name.
    DuplicateIndicator = "E0203",
    /// Two inputs read the same record key.
    DuplicateKey = "E0204",
    /// A tier does not say which input it compares.
    NoSubject = "E0205",
    /// A deviation tier does not say what it deviates from.
    NoDeviationBase = "E0206",
    /// A name refers to the wrong kind of thing.
    WrongKind = "E0207",
    /// An indicator has no scoring rule.
    NoScoring = "E0208",
    /// A band gives a range of points but nothing says which: no assessor's
    /// score (`评定分`) and no `未评定时` setting.
    NoAssessor = "E0209",
    /// A list of readings where one value is needed, or one value where a list is.
    ListMismatch = "E0210",
    /// A unit is not one the engine knows.
    UnknownUnit = "E0301",
    /// Two quantities of incompatible units are compared.
    UnitMismatch = "E0302",
    /// A share or tolerance is not written as a percentage.
    NotAPercentage = "E0303",
    /// An input's range is empty or reversed.
    BadRange = "E0304",
    /// A divisor is the constant zero.
    DivideByZero = "E0305",
    /// An indicator's points cannot be derived and are not declared.
    PointsUnbounded = "E0401",
    /// The indicators' points do not add up to the declared total.
    TotalMismatch = "E0402",
    /// A group's children do not add up to its declared points.
    GroupPointsMismatch = "E0403",
    /// A tier deducts more than the indicator's points.
    DeductionExceedsPoints = "W0403",
    /// Grade bands are not in descending order.
    BadGrades = "E0405",
    /// Too many decimal places for rounding.
    BadRounding = "E0406",
    /// A setting or property is given twice.
    DuplicateSetting = "E0407",
    /// A ratio or deviation baseline constant is zero or negative.
    BadBaseline = "E0408",
    /// An indicator's points have more decimal places than the rounding keeps.
    PointsFinerThanRounding = "E0409",
    /// `按比例` on a step of calendar months or years.
    ProRataMonths = "E0410",
    /// An input is declared but no tier reads it.
    UnusedInput = "W0201",
    /// An indicator's scoring is marked `评分待定`: a person must still read its criterion.
    ScoringPending = "W0208",
    /// A tier is always overridden by a tier that deducts at least as much.
    TierNeverApplies = "W0401",
    /// A tier's threshold lies outside its input's declared range.
    TierNeverFires = "W0402",
    /// Two bands of a `得分` statement overlap.
    BandsOverlap = "W0404",
    /// Some values fall in no band of a `得分` statement.
    BandsGap = "W0405",
    /// A divisor may be zero and no fallback is declared.
    MayDivideByZero = "W0406",
    /// A bonus can never count: nothing lowers the indicator below its points.
    BonusNeverCounts = "W0407",
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Code::parse(&text).ok_or_else(|| serde::de::Error::custom(format_args!("unknown diagnostic code `{text}`")))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem found in a rule file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable code.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Where the problem is.
    pub span: Span,
    /// A short sentence: what is wrong.
    pub message: String,
    /// A label for the underlined text.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Sure repairs, as text edits, made where the diagnostic is made (an
    /// editor offers them as code actions). Empty when no fix is certain.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<Fix>,
}

/// A sure repair of one diagnostic: what it does and the edits that do it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fix {
    /// What the fix does, in the rule file's language, e.g. ``改为 `年办件量` ``.
    pub title: String,
    /// The replacements, in any order; their spans do not overlap.
    pub edits: Vec<TextEdit>,
}

impl Fix {
    /// A fix of one replacement: `span` becomes `text` (an empty span inserts).
    pub fn replace(title: impl Into<String>, span: Span, text: impl Into<String>) -> Fix {
        Fix { title: title.into(), edits: vec![TextEdit { span, text: text.into() }] }
    }
}

/// One replacement of a fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextEdit {
    /// The bytes replaced; empty to insert at `span.start`.
    pub span: Span,
    /// The new text.
    pub text: String,
}

impl Diagnostic {
    /// An error with a message and label (used by the engine's checks).
    #[doc(hidden)]
    pub fn error(code: Code, span: Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        let (message, label) = (shown_string(message.into()), shown_string(label.into()));
        Diagnostic { code, severity: Severity::Error, span, message, label, help: None, fixes: Vec::new() }
    }

    /// A warning with a message and label (used by the engine's checks).
    #[doc(hidden)]
    pub fn warning(code: Code, span: Span, message: impl Into<String>, label: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, span, message, label) }
    }

    /// Adds help text (used by the engine's checks).
    #[doc(hidden)]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(shown_string(help.into()));
        self
    }

    /// Adds a sure fix (used by the engine's checks).
    #[doc(hidden)]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fixes.push(fix);
        self
    }

    /// Whether this is an error (as opposed to a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {}", self.code, self.message)
    }
}

impl std::error::Error for Diagnostic {}
