//! Problems that stop a suite from running: an unreadable or malformed file,
//! rules that do not compile, names that match nothing. Each carries a
//! position; messages are in the rule file's language.

use scorecard_eval::Lang;
use scorecard_syntax::shown;

use crate::number::NumberProblem;
use crate::pos::Pos;

/// A suite that cannot be run, with every problem found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuiteError {
    /// The suite file, as found.
    pub path: String,
    /// The language messages are written in (the rule file's).
    pub lang: Lang,
    /// The problems, in file order.
    pub problems: Vec<Problem>,
}

/// One problem in a suite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where it is, when it has a place in the suite file.
    pub pos: Option<Pos>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// The type a key's value should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// A TOML integer or float.
    Number,
    /// A TOML string.
    String,
    /// A table (`[case.scores]` or `{ … }`).
    Table,
    /// A TOML number, string or boolean.
    Scalar,
    /// `true` or `false`.
    Bool,
}

/// What is wrong in a suite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// A file (the suite or its rule file) cannot be read.
    Read {
        /// The path.
        path: String,
        /// Why.
        detail: String,
    },
    /// The file is not valid TOML.
    Toml {
        /// The TOML parser's description.
        detail: String,
    },
    /// The rule file does not compile.
    Rules {
        /// The rule file.
        path: String,
        /// Its errors, as `line:column: message`.
        errors: Vec<String>,
    },
    /// No `[[case]]` tables.
    NoCases,
    /// `case` is not written as `[[case]]` tables.
    CasesNotTables,
    /// A key this format does not have (a typo would otherwise be ignored).
    UnknownKey {
        /// The key.
        key: String,
        /// A known key close to it.
        suggestion: Option<&'static str>,
    },
    /// A key's value has the wrong type.
    WrongType {
        /// The key.
        key: String,
        /// The type it should have.
        expected: ValueType,
    },
    /// A case without `name`.
    MissingName,
    /// Two cases with the same name.
    DuplicateName {
        /// The name.
        name: String,
        /// The line of the first case with it.
        first: u32,
    },
    /// A number that cannot be read exactly.
    BadNumber {
        /// The text as written.
        text: String,
        /// Why.
        problem: NumberProblem,
    },
    /// A record key that the rule file does not declare.
    UnknownInput {
        /// The key.
        key: String,
        /// A declared key close to it.
        suggestion: Option<String>,
    },
    /// An indicator name that matches no indicator.
    UnknownIndicator {
        /// The name as written.
        name: String,
        /// An indicator name close to it.
        suggestion: Option<String>,
    },
    /// A bare indicator name shared by several indicators.
    AmbiguousIndicator {
        /// The name as written.
        name: String,
        /// The full paths it could mean.
        paths: Vec<String>,
    },
    /// An `error` that is not a data error kind.
    UnknownErrorKind {
        /// The kind as written.
        kind: String,
        /// A known kind close to it.
        suggestion: Option<&'static str>,
    },
    /// A `[case.status]` value that is not a status.
    UnknownStatus {
        /// The value as written.
        status: String,
        /// A known status close to it.
        suggestion: Option<&'static str>,
    },
    /// `error_input` without `error`.
    ErrorInputWithoutError,
    /// `error` together with a score expectation.
    ErrorWithScores {
        /// The score expectation's key (`total`, `grade`, `scores`, `deductions`, `disqualified`, `status`).
        key: String,
    },
}

impl SuiteError {
    /// A suite error with one problem.
    pub fn one(path: &str, lang: Lang, pos: Option<Pos>, kind: ProblemKind) -> SuiteError {
        SuiteError { path: path.to_owned(), lang, problems: vec![Problem { pos, kind }] }
    }

    /// Every problem as `path:line:column: message`, one a line.
    pub fn lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| match p.pos {
                Some(pos) => format!("{}:{}: {}", shown(&self.path), pos, p.kind.message(self.lang)),
                None => format!("{}: {}", shown(&self.path), p.kind.message(self.lang)),
            })
            .collect()
    }
}

impl std::fmt::Display for SuiteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.lines().join("\n"))
    }
}

impl std::error::Error for SuiteError {}

impl ValueType {
    fn name(self, lang: Lang) -> &'static str {
        match self {
            ValueType::Number => lang.pick("数字（如 81 或 7.5）", "a number (such as 81 or 7.5)"),
            ValueType::String => lang.pick("字符串（加引号）", "a string (in quotes)"),
            ValueType::Table => lang.pick("表（[case.xxx] 或 { … }）", "a table ([case.xxx] or { … })"),
            ValueType::Scalar => {
                lang.pick("数字、字符串、true/false 或数组", "a number, a string, true/false or an array")
            }
            ValueType::Bool => lang.pick("true 或 false（不加引号）", "true or false (without quotes)"),
        }
    }
}

fn did_you_mean(lang: Lang, suggestion: Option<&str>) -> String {
    suggestion.map_or_else(String::new, |s| lang.pick(format!("；是否应为 `{s}`？"), format!("; did you mean `{s}`?")))
}

impl ProblemKind {
    /// A read problem naming the file as `shown` rather than where it was read.
    pub(crate) fn shown_as(self, shown: &std::path::Path) -> ProblemKind {
        match self {
            ProblemKind::Read { detail, .. } => ProblemKind::Read { path: shown.display().to_string(), detail },
            other => other,
        }
    }

    /// The message in language `lang`: lowercase, user text in backticks
    /// (invisible characters shown as `<U+200B>`), with how to fix it.
    pub fn message(&self, lang: Lang) -> String {
        scorecard_syntax::shown_string(self.compose(lang))
    }

    fn compose(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let pick = |z: String, e: String| if zh { z } else { e };
        match self {
            ProblemKind::Read { path, detail } => {
                pick(format!("无法读取 `{path}`：{detail}"), format!("cannot read `{path}`: {detail}"))
            }
            ProblemKind::Toml { detail } if detail.contains("unquoted key") => pick(
                format!("TOML 格式错误：{detail}；中文等非 ASCII 的键须加引号，如 `\"年办件量\" = 5`"),
                format!("invalid TOML: {detail}; a key with characters other than ASCII letters, digits, `-` and `_` needs quotes, as in `\"年办件量\" = 5`"),
            ),
            ProblemKind::Toml { detail } => pick(format!("TOML 格式错误：{detail}"), format!("invalid TOML: {detail}")),
            ProblemKind::Rules { path, errors } => pick(
                format!("规则文件 `{path}` 有错误（用 `scorecard check {path}` 查看详情）：{}", errors.join("；")),
                format!("the rule file `{path}` has errors (see `scorecard check {path}`): {}", errors.join("; ")),
            ),
            ProblemKind::NoCases => pick(
                "没有用例：每个用例写成一个 [[case]] 表".into(),
                "no cases: write each case as a [[case]] table".into(),
            ),
            ProblemKind::CasesNotTables => pick(
                "`case` 应写成 [[case]] 表（每个用例一个）".into(),
                "`case` must be written as [[case]] tables, one for each case".into(),
            ),
            ProblemKind::UnknownKey { key, suggestion } => pick(
                format!("未知的键 `{key}`{}", did_you_mean(lang, *suggestion)),
                format!("unknown key `{key}`{}", did_you_mean(lang, *suggestion)),
            ),
            ProblemKind::WrongType { key, expected } => pick(
                format!("`{key}` 应为{}", expected.name(lang)),
                format!("`{key}` must be {}", expected.name(lang)),
            ),
            ProblemKind::MissingName => {
                pick("用例缺少 `name`".into(), "the case has no `name`".into())
            }
            ProblemKind::DuplicateName { name, first } => pick(
                format!("用例名 `{name}` 重复（第 {first} 行已使用）；用例名在文件内须唯一"),
                format!("the case name `{name}` is already used on line {first}; names must be unique in the file"),
            ),
            ProblemKind::BadNumber { text, problem } => match problem {
                NumberProblem::NotFinite => {
                    pick(format!("`{text}` 不是有限的数"), format!("`{text}` is not a finite number"))
                }
                NumberProblem::TooPrecise => pick(
                    format!("`{text}` 无法精确表示（最多约 28 位有效数字）"),
                    format!("`{text}` cannot be represented exactly (at most about 28 significant digits)"),
                ),
            },
            ProblemKind::UnknownInput { key, suggestion } => pick(
                format!("规则文件没有声明输入 `{key}`{}", did_you_mean(lang, suggestion.as_deref())),
                format!("the rule file declares no input `{key}`{}", did_you_mean(lang, suggestion.as_deref())),
            ),
            ProblemKind::UnknownIndicator { name, suggestion } => pick(
                format!("没有名为 `{name}` 的指标{}", did_you_mean(lang, suggestion.as_deref())),
                format!("no indicator is named `{name}`{}", did_you_mean(lang, suggestion.as_deref())),
            ),
            ProblemKind::AmbiguousIndicator { name, paths } => pick(
                format!("有多个指标名为 `{name}`，请写出完整路径：`{}`", paths.join("`、`")),
                format!("several indicators are named `{name}`; write the full path: `{}`", paths.join("`, `")),
            ),
            ProblemKind::UnknownErrorKind { kind, suggestion } => pick(
                format!("未知的数据错误类型 `{kind}`{}", did_you_mean(lang, *suggestion)),
                format!("unknown data error kind `{kind}`{}", did_you_mean(lang, *suggestion)),
            ),
            ProblemKind::UnknownStatus { status, suggestion } => pick(
                format!(
                    "未知的指标状态 `{status}`{}；可用的状态：`{}`",
                    did_you_mean(lang, *suggestion),
                    crate::names::STATUSES.join("`、`")
                ),
                format!(
                    "unknown indicator status `{status}`{}; the statuses are `{}`",
                    did_you_mean(lang, *suggestion),
                    crate::names::STATUSES.join("`, `")
                ),
            ),
            ProblemKind::ErrorInputWithoutError => pick(
                "`error_input` 须与 `error` 一起写".into(),
                "`error_input` needs `error`".into(),
            ),
            ProblemKind::ErrorWithScores { key } => pick(
                format!("期望数据错误（`error`）的用例不能再写 `{key}`"),
                format!("a case that expects a data error (`error`) cannot also have `{key}`"),
            ),
        }
    }
}
