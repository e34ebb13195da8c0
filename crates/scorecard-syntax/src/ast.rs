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
    /// Input declarations, in file order.
    pub inputs: Vec<InputDecl>,
    /// Constant declarations, in file order.
    pub consts: Vec<ConstDecl>,
    /// The top level of the indicator tree, in file order.
    pub items: Vec<Item>,
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

/// `输入 年办件量 = cases（件）`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InputDecl {
    /// The name rules use.
    pub name: Spanned<String>,
    /// The key in a data record; the name itself when not given.
    pub key: Spanned<String>,
    /// The unit bare numbers are in.
    pub unit: Spanned<String>,
    /// The inclusive range of allowed values, in `unit`.
    pub range: Option<Spanned<(Decimal, Decimal)>>,
}

/// `常量 年初预算 = 241.73万元`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConstDecl {
    /// The name rules use.
    pub name: Spanned<String>,
    /// The value.
    pub value: Spanned<Quantity>,
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
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// 分值: declared points.
    pub points: Option<Spanned<Decimal>>,
    /// 度量: the input compared by tiers that name no subject.
    pub measure: Option<Spanned<String>>,
    /// 评分: the scoring rules, in file order.
    pub scoring: Vec<Scoring>,
    /// The whole indicator, header to last property.
    pub span: Span,
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

/// One `评分` / `scoring` statement: a list of tiers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scoring {
    /// `累计` / `cumulative`: all matching tiers deduct.
    pub cumulative: bool,
    /// The tiers, in file order.
    pub tiers: Vec<Spanned<Tier>>,
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
        /// Points deducted when the comparison holds.
        deduct: Spanned<Decimal>,
    },
    /// `每次黑榜扣25分`: points deducted per step of the subject.
    PerStep {
        /// The size of one step; `None` means one of the subject's unit.
        step: Option<Spanned<Quantity>>,
        /// The counted input; `None` for the measure.
        subject: Option<Spanned<String>>,
        /// Points deducted per step.
        deduct: Spanned<Decimal>,
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
