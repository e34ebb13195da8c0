//! Errors in measured data: each names the input, and the indicators that
//! need it, so a bad record is never silently scored as "no deduction".

use scorecard_syntax::Lang;
use serde::Serialize;

/// What is wrong with one value of a record. Serialised with its name in
/// `kind` (`"not_a_number"`) beside its fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DataErrorKind {
    /// The record is not valid JSON.
    Json {
        /// serde_json's description.
        detail: String,
        /// 1-based line within the record.
        line: usize,
        /// 1-based column within the record.
        column: usize,
    },
    /// The record is valid JSON but not an object.
    NotAnObject,
    /// A required input is absent (or `null`).
    Missing,
    /// The value is a boolean, array or object.
    WrongType {
        /// What was found: `boolean`, `array`, `object`.
        found: &'static str,
    },
    /// A string value that is not a number with an optional unit.
    NotANumber {
        /// The text.
        text: String,
    },
    /// A unit this engine does not know.
    UnknownUnit {
        /// The unit as written.
        unit: String,
    },
    /// A known unit that cannot be converted to the input's unit.
    IncompatibleUnit {
        /// The unit as written.
        unit: String,
        /// The input's declared unit.
        expected: &'static str,
    },
    /// Outside the input's declared range.
    OutOfRange {
        /// The value, in the input's unit.
        value: String,
        /// Lowest allowed.
        min: String,
        /// Highest allowed.
        max: String,
    },
    /// A negative count.
    Negative {
        /// The value.
        value: String,
    },
    /// A rank (`名`) that is not a whole place from 1 up.
    NotARank {
        /// The value.
        value: String,
    },
    /// Too many digits to represent exactly.
    TooLarge {
        /// The text.
        text: String,
    },
    /// More than 28 decimal places (`1e-400`): not representable exactly,
    /// and refused rather than rounded.
    TooPrecise {
        /// The text.
        text: String,
    },
    /// The same key appears twice in one record.
    DuplicateKey,
    /// A ratio or deviation baseline that is zero or negative.
    BadBaseline {
        /// The baseline's name.
        base: String,
        /// Its value.
        value: String,
    },
    /// An intermediate result exceeded the exact decimal range.
    Overflow,
    /// A date input holds something that is not a date.
    NotADate {
        /// The value as written.
        text: String,
    },
    /// A typed record built for another scorecard.
    WrongScorecard,
    /// A yes/no input holds something else.
    NotYesNo {
        /// The value as written.
        text: String,
    },
    /// A grade input holds a grade that is not declared.
    UnknownGrade {
        /// The value as written.
        text: String,
        /// The declared grades.
        allowed: Vec<String>,
    },
    /// A derived value divides by zero and declares no fallback.
    DivideByZero {
        /// The derived value's name.
        name: String,
    },
    /// No band of a `得分` statement matches the value.
    NoBand {
        /// The value.
        value: String,
    },
    /// An assessed score lies outside its grade's band.
    OutsideGradeBand {
        /// The grade.
        grade: String,
        /// The score given.
        score: String,
        /// The band's lowest score.
        low: String,
        /// The band's highest score.
        high: String,
    },
    /// An assessor's score outside the range of points of the band that holds.
    AssessedOutsideBand {
        /// The band, as written.
        band: String,
        /// The score given.
        score: String,
        /// The bottom of the range.
        low: String,
        /// The top of the range.
        high: String,
    },
    /// A band that gives a range of points holds, the record has no
    /// assessor's score, and the file does not say which points to take.
    NotAssessed {
        /// The band, as written.
        band: String,
        /// The bottom of the range.
        low: String,
        /// The top of the range.
        high: String,
    },
    /// A list of readings with none in it.
    EmptyList,
    /// One reading of a list is not a valid value of the input.
    BadReading {
        /// Its position in the list, from 1.
        position: usize,
        /// What is wrong with it.
        reading: Box<DataErrorKind>,
    },
    /// A grade that the mapping does not give points for.
    UnmappedGrade {
        /// The grade.
        grade: String,
    },
    /// A number that went through a binary float (a `serde_json::Value`
    /// number with a fraction, or beyond 64 bits) and may have lost digits.
    InexactNumber {
        /// The number as the float holds it.
        text: String,
    },
    /// A record key the scorecard does not read (from `Scorecard::input`).
    UnknownKey {
        /// The key asked for.
        key: String,
        /// The closest key the scorecard reads, if one is close.
        suggestion: Option<String>,
    },
    /// A discretionary deduction above its bound (or negative).
    AboveBound {
        /// The value.
        value: String,
        /// The bound.
        max: String,
    },
}

/// The input an error is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct InputRef {
    /// The key in the record.
    pub key: String,
    /// The name rules use.
    pub name: String,
}

/// One problem with a record. Serialised as its kind's fields, `input`,
/// `indicators` and `message` (in [`DataError::lang`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
#[non_exhaustive]
pub struct DataError {
    /// What is wrong.
    pub kind: DataErrorKind,
    /// The input concerned, if any.
    pub input: Option<InputRef>,
    /// The indicators that need the input.
    pub indicators: Vec<String>,
    /// The language of [`DataError::message`]: the rule file's, or the one
    /// chosen with [`scorecard_syntax::Limits::with_lang`].
    pub lang: Lang,
}

/// The serialised form of a [`DataError`].
#[derive(Serialize)]
struct DataErrorJson<'a> {
    #[serde(flatten)]
    kind: &'a DataErrorKind,
    input: &'a Option<InputRef>,
    indicators: &'a [String],
    message: String,
}

impl Serialize for DataError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let json = DataErrorJson {
            kind: &self.kind,
            input: &self.input,
            indicators: &self.indicators,
            message: self.message(),
        };
        json.serialize(s)
    }
}

impl DataError {
    /// An error of `kind` about the whole record (no input), with messages in `lang`.
    pub fn new(kind: DataErrorKind, lang: Lang) -> Self {
        DataError { kind, input: None, indicators: Vec::new(), lang }
    }

    /// The message in [`DataError::lang`].
    pub fn message(&self) -> String {
        self.message_in(self.lang)
    }

    /// The message in `lang`, whatever the rule file's language, with
    /// invisible characters in the record's text shown (`<U+200B>`).
    pub fn message_in(&self, lang: Lang) -> String {
        scorecard_syntax::shown_string(DataError { lang, ..self.clone() }.compose())
    }

    fn compose(&self) -> String {
        let what = self.describe();
        let who = match (&self.input, self.indicators.as_slice()) {
            // A derived value has no record key: name it alone.
            (Some(i), inds) if i.key.is_empty() => self.lang.pick(
                format!("指标「{}」的计算值「{}」", inds.join("」「"), i.name),
                format!("derived value `{}` of indicator `{}`", i.name, inds.join("`, `")),
            ),
            (Some(i), []) => {
                self.lang.pick(format!("输入 `{}`（{}）", i.key, i.name), format!("input `{}` ({})", i.key, i.name))
            }
            (Some(i), inds) => self.lang.pick(
                format!("指标「{}」的输入 `{}`（{}）", inds.join("」「"), i.key, i.name),
                format!("input `{}` ({}) of indicator `{}`", i.key, i.name, inds.join("`, `")),
            ),
            (None, []) => String::new(),
            (None, inds) => {
                self.lang.pick(format!("指标「{}」", inds.join("」「")), format!("indicator `{}`", inds.join("`, `")))
            }
        };
        if who.is_empty() {
            what
        } else {
            self.lang.pick(format!("{who}：{what}"), format!("{who}: {what}"))
        }
    }

    fn describe(&self) -> String {
        let zh = self.lang == Lang::Zh;
        let pick = |z: String, e: String| if zh { z } else { e };
        match &self.kind {
            DataErrorKind::Json { detail, line, column } => pick(
                format!("JSON 格式错误（记录内第 {line} 行第 {column} 列）：{}", json_detail_zh(detail)),
                format!("invalid JSON at line {line}, column {column}: {detail}"),
            ),
            DataErrorKind::NotAnObject => {
                pick("记录应为 JSON 对象 {…}".into(), "a record must be a JSON object {…}".into())
            }
            DataErrorKind::Missing => pick("缺少该数据".into(), "missing".into()),
            DataErrorKind::WrongType { found } => pick(
                format!("应为数字或带单位的字符串，却是{}", found_zh(found)),
                format!("expected a number or a string with a unit, found {found}"),
            ),
            DataErrorKind::NotANumber { text } => pick(
                format!("`{text}` 不是数字（可写 92.5、\"92.5%\"、\"152.3万件\"）"),
                format!("`{text}` is not a number (write 92.5, \"92.5%\" or \"152.3万件\")"),
            ),
            DataErrorKind::UnknownUnit { unit } => {
                pick(format!("未知的单位 `{unit}`"), format!("unknown unit `{unit}`"))
            }
            DataErrorKind::IncompatibleUnit { unit, expected } => pick(
                format!("单位 `{unit}` 无法换算为 `{expected}`"),
                format!("unit `{unit}` cannot be converted to `{expected}`"),
            ),
            DataErrorKind::OutOfRange { value, min, max } => pick(
                format!("{value} 超出允许范围 {min}～{max}"),
                format!("{value} is outside the allowed range {min} to {max}"),
            ),
            DataErrorKind::Negative { value } => {
                pick(format!("计数不能为负数：{value}"), format!("a count cannot be negative: {value}"))
            }
            DataErrorKind::NotARank { value } => pick(
                format!("名次须为 1 起的整数：{value}（并列时填并列的名次）"),
                format!("a rank must be a whole place from 1 up: {value} (for a tie, give the shared place)"),
            ),
            DataErrorKind::TooLarge { text } => pick(
                format!("`{text}` 位数过多，无法精确表示"),
                format!("`{text}` has too many digits to represent exactly"),
            ),
            DataErrorKind::TooPrecise { text } => pick(
                format!("`{text}` 的小数位数超过 28 位，无法精确表示，也不会舍入为近似值"),
                format!(
                    "`{text}` has more than 28 decimal places and cannot be represented exactly; it is not rounded"
                ),
            ),
            DataErrorKind::DuplicateKey => pick("同一记录中出现两次".into(), "appears twice in the record".into()),
            DataErrorKind::BadBaseline { base, value } => pick(
                format!("基准 `{base}` 为 {value}，无法计算比例（基准须大于 0）"),
                format!("the baseline `{base}` is {value}; a ratio to it is undefined (it must be above 0)"),
            ),
            DataErrorKind::NotADate { text } => pick(
                format!("`{text}` 不是日期（可写 2021-06-30 或 2021年6月30日）"),
                format!("`{text}` is not a date (write 2021-06-30)"),
            ),
            DataErrorKind::WrongScorecard => pick(
                "这条记录是为另一份计分表建立的（用本计分表的 record() 建立记录）".into(),
                "this record was made for another scorecard (build it with this scorecard's record())".into(),
            ),
            DataErrorKind::NotYesNo { text } => pick(
                format!("`{text}` 不是“是/否”（可写 是、否、true、false）"),
                format!("`{text}` is not yes or no (write yes, no, true or false)"),
            ),
            DataErrorKind::UnknownGrade { text, allowed } => pick(
                format!("`{text}` 不是声明的等级（{}）", allowed.join("、")),
                format!("`{text}` is not a declared grade ({})", allowed.join(", ")),
            ),
            DataErrorKind::DivideByZero { name } => pick(
                format!("计算 `{name}` 时除数为 0，且未声明除数为零时的取值"),
                format!("`{name}` divides by zero and declares no value for that case"),
            ),
            DataErrorKind::NoBand { value } => pick(
                format!("{value} 不在任何一档之内（可加一档 `否则…`）"),
                format!("{value} falls in no band (add an `otherwise` band)"),
            ),
            DataErrorKind::OutsideGradeBand { grade, score, low, high } => pick(
                format!("等级「{grade}」的评定分 {score} 不在 {low}～{high} 分之间"),
                format!("the assessed score {score} for grade `{grade}` is outside {low} to {high}"),
            ),
            DataErrorKind::AssessedOutsideBand { band, score, low, high } => pick(
                format!("评定分 {score} 不在「{band}」的 {low}～{high} 分之间"),
                format!("the assessed score {score} is outside {low} to {high}, the range of `{band}`"),
            ),
            DataErrorKind::NotAssessed { band, low, high } => pick(
                format!("符合「{band}」，需由评审人在 {low}～{high} 分之间评定，但没有评定分"),
                format!("`{band}` holds and needs an assessed score from {low} to {high}, but none is given"),
            ),
            DataErrorKind::EmptyList => pick("列表中没有任何读数".into(), "the list has no readings".into()),
            DataErrorKind::BadReading { position, reading } => {
                let inner = DataError::new((**reading).clone(), self.lang).message();
                pick(format!("第 {position} 个读数：{inner}"), format!("reading {position}: {inner}"))
            }
            DataErrorKind::UnmappedGrade { grade } => {
                pick(format!("等级「{grade}」没有对应的分值"), format!("grade `{grade}` has no points in the mapping"))
            }
            DataErrorKind::AboveBound { value, max } => pick(
                format!("酌情扣分 {value} 超出 0～{max} 分"),
                format!("the discretionary deduction {value} is outside 0 to {max}"),
            ),
            DataErrorKind::InexactNumber { text } => pick(
                format!("数字 {text} 经过了二进制浮点数，可能已丢失位数；请以 JSON 文本或字符串（如 \"{text}\"）传入"),
                format!("the number {text} has been through a binary float and may have lost digits; pass the JSON text, or the number as a string (\"{text}\")"),
            ),
            DataErrorKind::UnknownKey { key, suggestion } => match suggestion {
                Some(s) => pick(
                    format!("计分表没有输入 `{key}`；是否想写 `{s}`？"),
                    format!("the scorecard has no input `{key}`; did you mean `{s}`?"),
                ),
                None => pick(format!("计分表没有输入 `{key}`"), format!("the scorecard has no input `{key}`")),
            },
            DataErrorKind::Overflow => pick(
                "计算结果超出 28 位有效数字，无法精确计算".into(),
                "a result needs more than 28 significant digits and cannot be computed exactly".into(),
            ),
        }
    }
}

/// Every problem found in one record. The record is not scored.
/// Serialised as `{"schema_version":1,"errors":[…]}`, each error with its `message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", self.errors.iter().map(DataError::message).collect::<Vec<_>>().join("; "))]
#[non_exhaustive]
pub struct RecordError {
    /// The version of the serialised shape, `SCHEMA_VERSION`.
    #[serde(serialize_with = "crate::schema::schema_version")]
    pub schema_version: u32,
    /// The problems, in input order.
    pub errors: Vec<DataError>,
}

impl RecordError {
    /// A record error holding `errors`.
    pub fn new(errors: Vec<DataError>) -> Self {
        RecordError { schema_version: crate::schema::SCHEMA_VERSION, errors }
    }
}

impl From<DataError> for RecordError {
    fn from(e: DataError) -> Self {
        RecordError::new(vec![e])
    }
}

/// A JSON value type in Chinese.
fn found_zh(found: &str) -> &'static str {
    match found {
        "boolean" => "布尔值（true/false）",
        "array" => "数组 […]",
        "object" => "对象 {…}",
        "number" => "数字",
        _ => "其他类型",
    }
}

/// serde_json's description of a syntax error, in Chinese.
fn json_detail_zh(detail: &str) -> &'static str {
    if detail.starts_with("EOF") {
        "内容不完整（缺少结尾的 } 或 \"）"
    } else if detail.contains("trailing") {
        "记录后面还有多余的内容"
    } else if detail.contains("key must be a string") {
        "字段名必须用双引号括起来"
    } else if detail.contains("recursion limit") {
        "嵌套层数过多"
    } else {
        "不是有效的 JSON"
    }
}
