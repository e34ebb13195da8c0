//! The one table of the language's keywords: their spellings in both
//! keyword sets, where they are written and an example line. The language
//! server completes and colours from it, finds the lines that hold no name
//! references from it, and syntax recovery finds statement starts from it;
//! a test parses every example line, so the table cannot drift from the
//! grammar (`grammar/scorecard.pest`). Another test
//! (`crates/scorecard-lsp/tests/grammar.rs`) checks that every word the
//! grammar's keyword rules spell out is here and that the VS Code TextMate
//! grammar colours every spelling here.

/// Where a keyword is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// The first line of a file: `计分表 「名称」`.
    Header,
    /// Starts a file-level statement: a setting or a declaration.
    Statement,
    /// Starts a group or indicator heading.
    Heading,
    /// Starts an indicator's property line.
    Property,
    /// Inside a line: comparisons, deductions, options.
    Word,
}

/// One keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Keyword {
    /// Chinese spellings, the usual one first (empty if there is none).
    pub zh: &'static [&'static str],
    /// The English spelling (empty if there is none).
    pub en: &'static str,
    /// Where it is written.
    pub place: Place,
    /// Whether the rest of its line is prose or a setting, never a
    /// reference to an input or constant.
    pub prose: bool,
    /// A complete line using it, in Chinese and in English (empty for words).
    pub examples: [&'static str; 2],
}

impl Keyword {
    /// Every spelling, Chinese then English.
    pub fn spellings(&self) -> impl Iterator<Item = &'static str> {
        self.zh.iter().copied().chain(Some(self.en)).filter(|s| !s.is_empty())
    }

    /// Whether it begins a line (anything but a word inside one).
    pub fn starts_line(&self) -> bool {
        self.place != Place::Word
    }
}

const fn line(
    zh: &'static [&'static str],
    en: &'static str,
    place: Place,
    prose: bool,
    examples: [&'static str; 2],
) -> Keyword {
    Keyword { zh, en, place, prose, examples }
}

const fn word(zh: &'static [&'static str], en: &'static str) -> Keyword {
    Keyword { zh, en, place: Place::Word, prose: false, examples: ["", ""] }
}

use Place::{Header, Heading, Property, Statement};

/// Every keyword, in the order an analyst meets them.
pub const KEYWORDS: &[Keyword] = &[
    line(&["计分表", "绩效目标表"], "scorecard", Header, true, ["计分表 「表」", "scorecard \"card\""]),
    line(&["总分"], "total", Statement, true, ["总分 100分", "total 100"]),
    line(&["舍入"], "rounding", Statement, true, ["舍入 四舍五入，保留2位小数", "rounding half-up, 2 places"]),
    line(&["等级"], "grades", Statement, true, ["等级 优 90，良 80，中 60，差", "grades 优 90, 良 80, 中 60, 差"]),
    line(&["不适用指标"], "not applicable", Statement, true, ["不适用指标 得满分", "not applicable full points"]),
    line(
        &["加分可超过满分"],
        "bonus may exceed full marks",
        Statement,
        true,
        ["加分可超过满分", "bonus may exceed full marks"],
    ),
    line(&["未评定时"], "if not assessed", Statement, true, ["未评定时 取上限", "if not assessed: top of range"]),
    line(&["输入"], "input", Statement, false, ["输入 甲 = a（%）", "input a = a (%)"]),
    line(&["常量"], "const", Statement, false, ["常量 甲 = 5", "const a = 5"]),
    line(&["计算"], "let", Statement, false, ["计算 乙 = 甲 / 丙", "let b = a / c"]),
    line(&["一级指标"], "group", Heading, true, ["一级指标 产出指标", "group outputs"]),
    line(&["二级指标"], "subgroup", Heading, true, ["二级指标 数量指标", "subgroup quantity"]),
    line(&["三级指标"], "indicator", Heading, true, ["三级指标 「甲」", "indicator cases"]),
    line(&["指标值"], "target", Property, true, ["指标值 = 200万件，定量指标", "target = 200万件, quantitative"]),
    line(&["指标属性"], "nature", Property, true, ["指标属性 定量指标", "nature quantitative"]),
    line(
        &["评分标准", "评（扣）分标准", "评(扣)分标准"],
        "criterion",
        Property,
        true,
        ["评分标准 「原文」", "criterion \"text\""],
    ),
    line(&["指标内容", "内容"], "content", Property, true, ["指标内容 「内容」", "content \"text\""]),
    line(&["设定依据", "依据"], "basis", Property, true, ["设定依据 「依据」", "basis \"text\""]),
    line(&["数据来源", "来源"], "source", Property, true, ["数据来源 「来源」", "source \"text\""]),
    line(&["分值"], "points", Property, true, ["分值 5分", "points 5"]),
    line(&["评分待定"], "pending", Property, false, ["评分待定 「需人工评定」", "pending \"needs a person\""]),
    line(&["度量"], "measure", Property, false, ["度量 甲", "measure a"]),
    line(&["评分"], "scoring", Property, false, ["评分 甲低于90%，扣3分", "scoring: a below 90% → −3"]),
    line(&["得分"], "score", Property, false, ["得分 = 分值 × 甲", "score = points × a"]),
    line(
        &["加分"],
        "bonus",
        Property,
        false,
        ["加分 甲每增加1个百分点加0.5分，最多加2分", "bonus: a each 1 pp over b → +0.5"],
    ),
    line(
        &["一票否决", "否决"],
        "veto",
        Property,
        false,
        ["一票否决 甲达到1起，取消考核资格", "veto: a at least 1, disqualify"],
    ),
    line(&["酌情扣分"], "discretionary", Property, false, ["酌情扣分 甲，最多6分", "discretionary a, at most −6"]),
    line(
        &["不适用条件"],
        "not applicable if",
        Property,
        false,
        ["不适用条件 没有该项任务", "not applicable if no task"],
    ),
    word(&["低于", "少于", "小于", "不足", "早于"], "below"),
    word(&["高于", "大于", "晚于", "迟于"], "above"),
    word(&["不低于", "达到", "不少于", "不早于"], "at least"),
    word(&["不高于", "不超过", "不晚于", "不迟于"], "at most"),
    word(&["未达到", "未到达", "未达"], "less than"),
    word(&["超过", "超出"], "more than"),
    word(&["以上", "及以上", "以后", "及以后"], "or more"),
    word(&["以下", "及以下", "以内"], "or less"),
    word(&["偏离"], "over or under"),
    word(&["之前", "以前"], "before"),
    word(&["之后"], "after"),
    word(&["等于", "＝"], "is"),
    word(&["≥", "≧", "＞＝"], ">="),
    word(&["≤", "≦", "＜＝"], "<="),
    word(&["＞"], ">"),
    word(&["＜"], "<"),
    word(&[], "top"),
    word(&["每"], "each"),
    word(&["每次", "每个"], "every"),
    word(&["较"], "from"),
    word(&[], "of"),
    word(&[], "by"),
    word(&["扣"], ""),
    word(&["分"], ""),
    word(&["累计"], "cumulative"),
    word(&["否则"], "otherwise"),
    word(&["按比例"], "pro rata"),
    word(&["最多扣"], ""),
    word(&["最多", "至多", "扣满", "扣完"], ""),
    word(&["扣完为止", "扣完即止", "扣完该项分值为止"], ""),
    word(&["含"], "inclusive"),
    word(&["不含"], "exclusive"),
    word(&["且", "并且"], "and"),
    word(&["定量指标", "定量"], "quantitative"),
    word(&["定性指标", "定性"], "qualitative"),
    word(&["是否"], "yes/no"),
    word(&["日期"], "date"),
    word(&["列表", "多次"], "list"),
    word(&[], "grade"),
    word(&["范围"], "range"),
    word(&["～"], ""),
    word(&["按等级"], "by grade"),
    word(&["评定分"], "assessed"),
    word(&["取上限", "得上限"], "top of range"),
    word(&["取下限", "得下限"], "bottom of range"),
    word(&["取中值", "取中间值"], "middle of range"),
    word(&["较小值"], "min"),
    word(&["较大值"], "max"),
    word(&["取整"], "floor"),
    word(&["平均"], "average"),
    word(&["最低"], "lowest"),
    word(&["最高"], "highest"),
    word(&["合计"], "sum"),
    word(&["个数"], "count"),
];
