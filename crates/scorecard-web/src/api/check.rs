//! Checking as you type: the diagnostics of `scorecard check` with line and
//! character columns, the inputs the try-a-record form asks for, and `fmt`.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use scorecard::reading::{InputKind, InputReading};
use scorecard::{Decimal, Diagnostic, Lang, LineCol, LineIndex, Scorecard, Severity};
use serde::{Deserialize, Serialize};

use super::App;
use crate::error::ApiError;

/// A rule text sent by the page.
#[derive(Debug, Deserialize)]
pub struct Text {
    /// The rule file's text as in the editor.
    pub text: String,
}

/// What the page needs after each edit.
#[derive(Debug, Serialize)]
pub struct Checked {
    /// `zh` or `en`: the rule file's keyword language.
    lang: &'static str,
    /// The scorecard's name, when it compiles.
    name: Option<String>,
    /// Whether it compiles (warnings allowed).
    ok: bool,
    /// Errors and warnings, in file order.
    diagnostics: Vec<Diag>,
    /// The inputs a record holds, in declaration order (empty if it does not compile).
    inputs: Vec<Field>,
    /// The full score.
    full_marks: Option<Decimal>,
}

/// One diagnostic, placed by line and character column (1-based).
#[derive(Debug, Serialize)]
pub struct Diag {
    code: &'static str,
    severity: &'static str,
    message: String,
    label: String,
    help: Option<String>,
    start: LineCol,
    end: LineCol,
}

/// One field of the try-a-record form.
#[derive(Debug, Serialize)]
pub struct Field {
    key: String,
    name: String,
    unit: String,
    required: bool,
    /// `number`, `yesno`, `grade`, `date` or `rank`.
    kind: &'static str,
    /// The grades to pick from, best first, for `grade`.
    grades: Vec<String>,
    min: Option<Decimal>,
    max: Option<Decimal>,
}

/// `POST /api/check` `{text}`.
pub async fn check(State(app): State<Arc<App>>, Json(body): Json<Text>) -> Result<Json<Checked>, ApiError> {
    let text = body.text;
    let lang = Lang::detect(&text);
    app.with_card(text.clone(), move |compiled| {
        let index = LineIndex::new(&text);
        let diag = |d: &Diagnostic| to_diag(d, &text, &index);
        Json(match compiled.as_ref() {
            Ok(card) => Checked {
                lang: lang_tag(card.lang()),
                name: Some(card.name().to_owned()),
                ok: true,
                diagnostics: card.warnings().iter().map(diag).collect(),
                inputs: fields(card),
                full_marks: Some(card.full_marks()),
            },
            Err(e) => Checked {
                lang: lang_tag(lang),
                name: None,
                ok: false,
                diagnostics: e.diagnostics.iter().map(diag).collect(),
                inputs: Vec::new(),
                full_marks: None,
            },
        })
    })
    .await
}

/// `zh` or `en`.
pub fn lang_tag(lang: Lang) -> &'static str {
    lang.pick("zh", "en")
}

fn to_diag(d: &Diagnostic, text: &str, index: &LineIndex) -> Diag {
    let range = d.span.range();
    Diag {
        code: d.code.as_str(),
        severity: match d.severity {
            Severity::Error => "error",
            _ => "warning",
        },
        message: d.message.clone(),
        label: d.label.clone(),
        help: d.help.clone(),
        start: index.line_col(text, range.start),
        end: index.line_col(text, range.end),
    }
}

/// The form's fields: the record inputs of the reading model (derived values are computed, not asked for).
fn fields(card: &Scorecard) -> Vec<Field> {
    card.reading().inputs.into_iter().filter_map(field).collect()
}

fn field(input: InputReading) -> Option<Field> {
    let key = input.key?;
    let kind = match input.kind {
        InputKind::Derived => return None,
        InputKind::YesNo => "yesno",
        InputKind::Grades => "grade",
        InputKind::Number if input.unit == "日期" => "date",
        InputKind::Number if input.unit == "名" => "rank",
        InputKind::Number => "number",
    };
    let (min, max) = input.range.map(|(lo, hi)| (lo.value, hi.value)).unzip();
    Some(Field {
        key,
        name: input.name,
        unit: input.unit,
        required: !input.used_by.is_empty() && !input.optional,
        kind,
        grades: input.grades,
        min,
        max,
    })
}

/// `POST /api/reading` `{text}`: how the engine reads each criterion, or 422 if the text does not compile.
pub async fn reading(
    State(app): State<Arc<App>>,
    Json(body): Json<Text>,
) -> Result<Json<scorecard::Reading>, ApiError> {
    app.with_card(body.text, |compiled| match compiled.as_ref() {
        Ok(card) => Ok(Json(card.reading())),
        Err(_) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "规则文件有错误，改正后才能显示解读",
            "the rule file has errors; fix them to see how it is read",
        )),
    })
    .await?
}

/// The formatted text.
#[derive(Debug, Serialize)]
pub struct Formatted {
    text: String,
}

/// `POST /api/format` `{text}`: the canonical layout, or why the file cannot be formatted.
pub async fn format(State(app): State<Arc<App>>, Json(body): Json<Text>) -> Result<Json<Formatted>, ApiError> {
    let limits = app.limits;
    let result = app.pool.run(move || scorecard::format(&body.text, &limits)).await?;
    match result {
        Ok(text) => Ok(Json(Formatted { text })),
        Err(scorecard::FormatError::Invalid(_)) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "文件有错误，须先改正才能排版",
            "the file has errors; fix them before formatting",
        )),
        Err(scorecard::FormatError::TooLarge { bytes, limit }) => Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("排版后文件将有 {bytes} 字节，超过 {limit} 字节的上限"),
            format!("formatted, the file would be {bytes} bytes, over the limit of {limit}"),
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "排版程序无法保证结果与原文一致，已保留原文；请把文件报告给开发者",
            "the formatter could not vouch for its result, so the text is unchanged; please report the file",
        )),
    }
}
