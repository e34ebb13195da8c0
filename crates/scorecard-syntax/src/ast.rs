//! The typed, spanned syntax tree of a rule file.
//!
//! Equality ignores spans (see [`Spanned`]), so two files that say the same
//! thing in different layouts or keyword sets compare equal.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::{Lang, Span, Spanned};

/// A whole rule file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct File {
    /// The language of the file's keywords, taken from its header.
    #[serde(skip)]
    pub lang: Lang,
    /// `计分表 「…」` / `scorecard "…"`.
    pub name: Spanned<String>,
    /// `总分` / `total`.
    pub total: Option<Spanned<Decimal>>,
    /// `舍入` / `rounding`.
    pub rounding: Option<Spanned<Rounding>>,
    /// `等级` / `grades`.
    pub grades: Option<Spanned<Vec<Grade>>>,
    /// `不适用指标` / `not applicable`: what a not-applicable indicator is worth.
    pub na_policy: Option<Spanned<NaPolicy>>,
    /// `加分可超过满分` / `bonus may exceed full marks`.
    pub bonus_may_exceed: Option<Spanned<()>>,
    /// `未评定时 取上限` / `if not assessed: top of range`: the points of a
    /// range band when no assessor's score is given.
    pub unassessed: Option<Spanned<Unassessed>>,
    /// Input declarations, in file order.
    pub inputs: Vec<InputDecl>,
    /// Constant declarations, in file order.
    pub consts: Vec<ConstDecl>,
    /// Derived values (`计算` / `let`), in file order.
    pub calcs: Vec<CalcDecl>,
    /// The top level of the indicator tree, in file order.
    pub items: Vec<Item>,
}

impl File {
    /// A file with only a header: no settings, declarations or indicators yet.
    pub fn new(lang: Lang, name: Spanned<String>) -> Self {
        File {
            lang,
            name,
            total: None,
            rounding: None,
            grades: None,
            na_policy: None,
            bonus_may_exceed: None,
            unassessed: None,
            inputs: Vec::new(),
            consts: Vec::new(),
            calcs: Vec::new(),
            items: Vec::new(),
        }
    }
}

/// How each indicator's score is rounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rounding {
    /// The strategy.
    pub mode: RoundingMode,
    /// Decimal places kept; `None` means the default, 2.
    pub places: Option<Spanned<u32>>,
}

/// A rounding strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RoundingMode {
    /// 四舍五入: half away from zero.
    HalfUp,
    /// 四舍六入五成双 (GB/T 8170): half to even.
    HalfEven,
}

/// One grade band of the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Grade {
    /// The grade's name, e.g. `优`.
    pub name: Spanned<String>,
    /// The lowest total (inclusive) earning it; `None` for the catch-all last band.
    pub min: Option<Spanned<Decimal>>,
}

/// What a not-applicable indicator is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NaPolicy {
    /// 得满分: its full points.
    FullPoints,
    /// 剔除后折算: it is left out and the total rescaled to the full score.
    Rescale,
}

/// Which points of a range (`得3～5分`) a band gives without an assessor's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Unassessed {
    /// 取上限: the top.
    Top,
    /// 取下限: the bottom.
    Bottom,
    /// 取中间值: the middle.
    Middle,
}

/// What an input holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum InputKind {
    /// A number in a unit, e.g. `件`.
    Unit(String),
    /// Yes or no (`是否`).
    YesNo,
    /// One of the listed grades.
    Grades(Vec<Spanned<String>>),
}

/// `输入 年办件量 = cases（件）`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputDecl {
    /// The name rules use.
    pub name: Spanned<String>,
    /// The key in a data record; the name itself when not given.
    pub key: Spanned<String>,
    /// What it holds (for numbers, the unit bare numbers are in).
    pub kind: Spanned<InputKind>,
    /// The inclusive range of allowed values, in `unit`.
    pub range: Option<Spanned<(Decimal, Decimal)>>,
    /// `（%，列表）` / `(%, list)`: the input holds several readings.
    pub list: bool,
}

/// `常量 年初预算 = 241.73万元`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConstDecl {
    /// The name rules use.
    pub name: Spanned<String>,
    /// The value.
    pub value: Spanned<Quantity>,
}

/// `计算 执行率 = 执行数 ÷ 预算数，除数为零时为 100%`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalcDecl {
    /// The name rules use.
    pub name: Spanned<String>,
    /// The formula.
    pub expr: Spanned<Expr>,
    /// The value when a divisor is zero; without it a zero divisor is a data error.
    pub if_zero: Option<Spanned<Quantity>>,
}

/// An arithmetic expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Expr {
    /// A number with an optional unit.
    Quantity(Quantity),
    /// An input, constant or derived value.
    Name(String),
    /// `分值` / `points`: the indicator's points (score formulas only).
    Points,
    /// `−x`.
    Neg(Box<Spanned<Expr>>),
    /// `a op b`.
    Binary {
        /// The operator.
        op: BinOp,
        /// Left operand.
        lhs: Box<Spanned<Expr>>,
        /// Right operand.
        rhs: Box<Spanned<Expr>>,
    },
    /// `较小值(a, b)` and friends.
    Call {
        /// The function.
        func: Func,
        /// The arguments.
        args: Vec<Spanned<Expr>>,
    },
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BinOp {
    /// `+`
    Add,
    /// `−`
    Sub,
    /// `×`
    Mul,
    /// `÷`
    Div,
}

/// A function in an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Func {
    /// 较小值 / min.
    Min,
    /// 较大值 / max.
    Max,
    /// 取整 / floor.
    Floor,
    /// 平均 / average, of a list's readings.
    Average,
    /// 最低 / lowest reading of a list.
    Lowest,
    /// 最高 / highest reading of a list.
    Highest,
    /// 合计 / sum of a list's readings.
    Sum,
    /// 个数 / count of a list's readings.
    Count,
}

/// A number with an optional unit, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    /// The number.
    pub value: Decimal,
    /// The unit text, e.g. `万件` or `%`.
    pub unit: Option<String>,
}

/// A node of the indicator tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Item {
    /// 一级指标 or 二级指标.
    Group(Group),
    /// 三级指标.
    Indicator(Box<Indicator>),
}

/// A first- or second-level indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// 1 for 一级指标, 2 for 二级指标.
    pub level: u8,
    /// Its name.
    pub name: Spanned<String>,
    /// Declared points, checked against the sum of its children.
    pub points: Option<Spanned<Decimal>>,
    /// What it contains.
    pub items: Vec<Item>,
}

/// A scored indicator (三级指标) with its table columns.
///
/// Equality ignores [`Indicator::span`], like every span in the tree.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    /// Its name.
    pub name: Spanned<String>,
    /// 指标性质 + 指标值 + 度量单位.
    pub target: Option<Spanned<Target>>,
    /// 指标属性: 定量 or 定性.
    pub nature: Option<Spanned<Nature>>,
    /// 评（扣）分标准: the criterion's original text.
    pub criterion: Option<Spanned<String>>,
    /// 指标内容.
    pub content: Option<Spanned<String>>,
    /// 设定依据.
    pub basis: Option<Spanned<String>>,
    /// 数据来源.
    pub source: Option<Spanned<String>>,
    /// 评分待定: why the scoring still needs a person (a warning, W0208).
    pub pending: Option<Spanned<String>>,
    /// 分值: declared points.
    pub points: Option<Spanned<Decimal>>,
    /// 度量: the input compared by tiers that name no subject.
    pub measure: Option<Spanned<String>>,
    /// 评分: the deduction rules, in file order.
    pub scoring: Vec<Scoring>,
    /// 得分: how the base score is computed (bands, formula or grades); several add up.
    pub score: Vec<Spanned<ScoreStmt>>,
    /// 加分: bonus rules.
    pub bonus: Vec<Scoring>,
    /// 否决: vetoes.
    pub vetoes: Vec<Spanned<Veto>>,
    /// 酌情扣分: an assessor-supplied deduction and its bound.
    pub discretionary: Option<Spanned<Discretionary>>,
    /// 不适用条件: the yes/no input that marks the indicator not applicable.
    pub not_applicable: Option<Spanned<String>>,
    /// The whole indicator, header to last property.
    pub span: Span,
}

impl Indicator {
    /// An indicator with only a name: no columns and no rules yet.
    pub fn new(name: Spanned<String>, span: Span) -> Self {
        Indicator {
            name,
            target: None,
            nature: None,
            criterion: None,
            content: None,
            basis: None,
            source: None,
            pending: None,
            points: None,
            measure: None,
            scoring: Vec::new(),
            score: Vec::new(),
            bonus: Vec::new(),
            vetoes: Vec::new(),
            discretionary: None,
            not_applicable: None,
            span,
        }
    }
}

impl PartialEq for Indicator {
    fn eq(&self, other: &Self) -> bool {
        // Destructured so that a new field cannot be forgotten here.
        let Indicator {
            name,
            target,
            nature,
            criterion,
            content,
            basis,
            source,
            pending,
            points,
            measure,
            scoring,
            score,
            bonus,
            vetoes,
            discretionary,
            not_applicable,
            span: _,
        } = self;
        *name == other.name
            && *target == other.target
            && *nature == other.nature
            && *criterion == other.criterion
            && *content == other.content
            && *basis == other.basis
            && *source == other.source
            && *pending == other.pending
            && *points == other.points
            && *measure == other.measure
            && *scoring == other.scoring
            && *score == other.score
            && *bonus == other.bonus
            && *vetoes == other.vetoes
            && *discretionary == other.discretionary
            && *not_applicable == other.not_applicable
    }
}

/// An indicator's target: 指标性质 (the operator) and 指标值 with its unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    /// `=`, `≥`, ….
    pub op: TargetOp,
    /// The value and unit.
    pub value: Quantity,
}

/// 指标性质.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TargetOp {
    /// `=`
    Eq,
    /// `≥`
    Ge,
    /// `>`
    Gt,
    /// `≤`
    Le,
    /// `<`
    Lt,
}

/// 指标属性.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Nature {
    /// 定量指标.
    Quantitative,
    /// 定性指标.
    Qualitative,
}

/// One `评分` / `scoring` (or `加分` / `bonus`) statement: a list of tiers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scoring {
    /// `累计` / `cumulative`: all matching tiers count.
    pub cumulative: bool,
    /// The tiers, in file order.
    pub tiers: Vec<Spanned<Tier>>,
    /// `最多扣6分` / `at most −6`: the most the statement deducts (or adds).
    pub cap: Option<Spanned<Decimal>>,
}

/// How the base score of an indicator is computed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ScoreStmt {
    /// `得分 = 分值 × 执行率`.
    Formula(Spanned<Expr>),
    /// `得分 按等级 评价：达成 80%～100%，…`.
    Grades {
        /// The grade input.
        input: Spanned<String>,
        /// Each grade and what it earns.
        entries: Vec<GradeEntry>,
        /// The input holding the assessor's score, if any.
        assessed: Option<Spanned<String>>,
    },
    /// `得分 0-10%(含)，计2分；…`.
    Bands {
        /// `累计`: every band that holds adds its points.
        cumulative: bool,
        /// The bands, in order.
        bands: Vec<Spanned<Band>>,
        /// `评定分 评审得分` / `assessed score`: the input with the assessor's
        /// score for a band that gives a range of points.
        assessed: Option<Spanned<String>>,
    },
}

/// One grade of a `按等级` statement.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeEntry {
    /// The grade's label.
    pub label: Spanned<String>,
    /// Its lowest and highest value: points, or shares of the points; equal for a single value.
    pub low: Spanned<Quantity>,
    /// The highest value.
    pub high: Spanned<Quantity>,
}

/// A band: a condition and what it gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    /// The compared input (as in tiers).
    pub subject: Option<Spanned<String>>,
    /// The condition.
    pub test: Spanned<Test>,
    /// What the band gives.
    pub outcome: Spanned<Outcome>,
}

/// What a band gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Outcome {
    /// 得满分.
    Full,
    /// N points (不得分 is 0).
    Points(Decimal),
    /// A share of the points, in percent.
    Share(Decimal),
    /// 扣N分: the points less N.
    Deduct(Decimal),
    /// `得3～5分`: a range of points, lowest first as written; the assessor picks.
    Range(Decimal, Decimal),
}

/// `否决 重大事故达到1起，取消资格`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Veto {
    /// The compared input.
    pub subject: Option<Spanned<String>>,
    /// The condition.
    pub test: Spanned<Test>,
    /// `取消资格`: the whole scorecard is disqualified, not only this indicator.
    pub disqualify: bool,
    /// Whether the indicator scores 0 (false for `仅取消资格` / `disqualify only`).
    pub zero: bool,
}

/// `酌情扣分 扣分值，最多6分`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discretionary {
    /// The input with the assessor's deduction (in 分).
    pub input: Spanned<String>,
    /// The most it may deduct.
    pub max: Spanned<Decimal>,
}

/// Whether a tier deducts or adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Sign {
    /// 扣 / −.
    Deduct,
    /// 加 / +.
    Add,
}

/// Which side of a per-step reference counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Dir {
    /// 超过 / over.
    Above,
    /// 低于 / under.
    Below,
    /// 相差 / off.
    Both,
}

/// The reference a per-step distance is measured from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum StepRef {
    /// A quantity, e.g. `100%`.
    Value(Quantity),
    /// An input or constant.
    Name(String),
}

/// One tier of a scoring rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Tier {
    /// `低于上期90%，扣3分`.
    Condition {
        /// The compared input; `None` to reuse the previous tier's, or the measure.
        subject: Option<Spanned<String>>,
        /// The comparison.
        test: Spanned<Test>,
        /// Points deducted (or added) when the comparison holds.
        deduct: Spanned<Decimal>,
        /// Deduct or add.
        sign: Sign,
    },
    /// `每次抽检合格率低于95%扣0.5分`: on a list of readings, the points
    /// count once for every reading that meets the condition.
    Each {
        /// The list input.
        subject: Spanned<String>,
        /// The comparison each reading is tested with.
        test: Spanned<Test>,
        /// Points deducted (or added) per reading that meets it.
        deduct: Spanned<Decimal>,
        /// Deduct or add.
        sign: Sign,
    },
    /// `每次黑榜扣25分`: points deducted per step of the subject, or of its
    /// distance from a reference.
    PerStep {
        /// The size of one step; `None` means one of the subject's unit.
        step: Option<Spanned<Quantity>>,
        /// The counted input; `None` for the measure.
        subject: Option<Spanned<String>>,
        /// Points deducted (or added) per step.
        deduct: Spanned<Decimal>,
        /// Deduct or add.
        sign: Sign,
        /// Which side of the reference counts; `None` counts the value itself.
        dir: Option<Dir>,
        /// The reference; `None` with a direction means the indicator's 指标值.
        from: Option<Spanned<StepRef>>,
        /// `按比例` / `pro rata`: part steps count in proportion.
        pro_rata: bool,
    },
}

/// A comparison of the subject with a threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Test {
    /// `低于90%`, `低于上期90%`, `90%以下`.
    Compare {
        /// The comparison word's meaning.
        cmp: Cmp,
        /// What the subject is compared with.
        reference: Reference,
    },
    /// `0-10%(含)`: between two bounds.
    Range {
        /// The lower bound.
        low: Spanned<Quantity>,
        /// Whether the lower bound matches (default yes; `（不含）` no).
        low_inclusive: bool,
        /// The upper bound.
        high: Spanned<Quantity>,
        /// Whether the upper bound matches (default no; `（含）` yes).
        high_inclusive: bool,
    },
    /// `制度健全`, `评价为达成`: a yes/no input that is yes, or an input equal to a label.
    Flag {
        /// The input.
        name: Spanned<String>,
        /// The label; `None` means yes.
        label: Option<Spanned<String>>,
    },
    /// `否则` / `otherwise`.
    Otherwise,
    /// `A且B` / `A and B`: every part holds; each part has its own subject.
    All(Vec<(Option<Spanned<String>>, Spanned<Test>)>),
    /// `超出（低于）年初预算10%`: |subject − base| compared with a share of base.
    Deviation {
        /// The base; `None` to reuse the previous tier's.
        base: Option<Spanned<String>>,
        /// The tolerated share of the base, e.g. `10%`.
        share: Spanned<Quantity>,
        /// `（含）`: the boundary also matches (≥ instead of >).
        inclusive: bool,
    },
}

/// The meaning of a comparison word, after `（含）` is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Cmp {
    /// strictly below.
    Lt,
    /// at most.
    Le,
    /// strictly above.
    Gt,
    /// at least.
    Ge,
    /// equal.
    Eq,
}

/// A threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Reference {
    /// A fixed quantity: `90%`, `1次`.
    Value(Spanned<Quantity>),
    /// A share of a baseline: `上期90%`, `90% of last year`.
    ShareOf {
        /// The share, e.g. `90%`.
        share: Spanned<Quantity>,
        /// The baseline input or constant.
        base: Spanned<String>,
    },
}
