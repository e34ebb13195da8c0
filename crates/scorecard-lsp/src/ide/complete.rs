//! Completion items: keywords in the file's language, declared names, units
//! and grade names.

use super::Analysis;

/// What a completion is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    /// A keyword.
    Keyword,
    /// An input, constant or derived value.
    Name,
    /// A unit.
    Unit,
    /// A grade.
    Grade,
}

/// One completion item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The text inserted.
    pub label: String,
    /// What it is.
    pub kind: CompletionKind,
    /// A short note shown beside it.
    pub detail: String,
}

const KEYWORDS_ZH: &[&str] = &[
    "计分表",
    "总分",
    "舍入",
    "等级",
    "输入",
    "常量",
    "计算",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "指标属性",
    "评分标准",
    "指标内容",
    "设定依据",
    "数据来源",
    "分值",
    "度量",
    "评分",
    "得分",
    "加分",
    "一票否决",
    "酌情扣分",
    "不适用条件",
    "不适用指标",
    "低于",
    "高于",
    "不低于",
    "不高于",
    "达到",
    "未达到",
    "超过",
    "超出",
    "每",
    "较",
    "扣",
    "分",
    "累计",
    "否则",
    "按比例",
    "最多扣",
    "含",
    "且",
    "是否",
    "范围",
    "按等级",
    "评定分",
];

const KEYWORDS_EN: &[&str] = &[
    "scorecard",
    "total",
    "rounding",
    "grades",
    "input",
    "const",
    "let",
    "group",
    "subgroup",
    "indicator",
    "target",
    "nature",
    "criterion",
    "content",
    "basis",
    "source",
    "points",
    "measure",
    "scoring",
    "score",
    "bonus",
    "veto",
    "discretionary",
    "not applicable if",
    "below",
    "above",
    "at least",
    "at most",
    "more than",
    "less than",
    "each",
    "from",
    "of",
    "cumulative",
    "otherwise",
    "pro rata",
    "inclusive",
    "and",
    "yes/no",
    "range",
    "by grade",
    "assessed",
];

/// The keywords of a language, for completion and colouring.
pub(super) fn keywords(lang: scorecard::Lang) -> Vec<&'static str> {
    lang.pick(KEYWORDS_ZH, KEYWORDS_EN).to_vec()
}

/// Every completion for the document (the client filters by what is typed).
pub fn completions(analysis: &Analysis) -> Vec<Completion> {
    let lang = analysis.lang;
    let keywords = lang.pick(KEYWORDS_ZH, KEYWORDS_EN);
    let item =
        |label: &str, kind, detail: &str| Completion { label: label.to_owned(), kind, detail: detail.to_owned() };
    let mut out: Vec<Completion> =
        keywords.iter().map(|k| item(k, CompletionKind::Keyword, lang.pick("关键字", "keyword"))).collect();
    for named in &analysis.declared {
        let detail = named.kind.word(lang);
        out.push(item(&named.name, CompletionKind::Name, detail));
    }
    for unit in scorecard::units::UNITS.iter().filter(|u| u.symbol != "％" && !u.symbol.is_empty()) {
        out.push(item(unit.symbol, CompletionKind::Unit, lang.pick("单位", "unit")));
    }
    let mut grades: Vec<String> = Vec::new();
    if let Some(file) = &analysis.file {
        grades.extend(file.grades.iter().flat_map(|g| g.node.iter().map(|g| g.name.node.clone())));
        for input in &file.inputs {
            if let scorecard_syntax::ast::InputKind::Grades(labels) = &input.kind.node {
                grades.extend(labels.iter().map(|l| l.node.clone()));
            }
        }
    }
    grades.sort();
    grades.dedup();
    out.extend(grades.iter().map(|g| item(g, CompletionKind::Grade, lang.pick("等级", "grade"))));
    out
}
