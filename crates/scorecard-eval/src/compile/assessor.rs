//! Bands that give a range of points (`得3～5分`) for an assessor to choose
//! within: the range is checked, and the assessor's score input (`评定分`)
//! must be in 分. Without one, the file's `未评定时` setting must say which
//! points of the range count (E0209 otherwise).

use super::texts::Texts;
use rust_decimal::Decimal;
use scorecard_syntax::{Code, Diagnostic, Lang, Span, Spanned};

use super::names::Names;
use super::Ctx;
use crate::plan::{BandPlan, Slot};
use crate::units;

/// The bottom of a range of points, after checking it is not reversed.
pub(super) fn range(low: Decimal, high: Decimal, at: Span, cx: &mut Ctx<'_>) -> Option<Decimal> {
    if low > high {
        cx.push(
            Diagnostic::error(
                Code::BadRange,
                at,
                match cx.lang {
                    Lang::Zh => format!("得分区间的下限 {low} 大于上限 {high}"),
                    Lang::En => format!("the range of points starts at {low}, above its end {high}"),
                },
                cx.pick("区间颠倒", "reversed range"),
            )
            .with_help(match cx.lang {
                Lang::Zh => format!("写成 `得{high}～{low}分`"),
                Lang::En => format!("write `→ {high} to {low}`"),
            }),
        );
        return None;
    }
    Some(low)
}

/// The assessor's score input of a `得分` line: declared in 分, and needed
/// (or the file's `未评定时` setting) when a band gives a range.
/// `Some(None)` when the line reads none; `None` after an error.
pub(super) fn input(
    bands: &[BandPlan],
    assessed: Option<&Spanned<String>>,
    at: Span,
    index: usize,
    names: &mut Names,
    cx: &mut Ctx<'_>,
) -> Option<Option<Slot>> {
    let Some(name) = assessed else {
        if bands.iter().any(|b| b.high.is_some()) && !cx.unassessed {
            cx.push(no_assessor(at, cx));
            return None;
        }
        return Some(None);
    };
    let slot = names.assessor(name, index, cx)?;
    let in_points = names.unit(slot).is_some_and(|u| u.base == units::POINTS.base);
    if !in_points {
        return cx.fail(cx.error_about(Code::UnitMismatch, name.span, &name.node, &NOT_IN_POINTS));
    }
    Some(Some(slot))
}

/// E0209: a range band with nothing to choose its points.
fn no_assessor(at: Span, cx: &Ctx<'_>) -> Diagnostic {
    cx.error(Code::NoAssessor, at, &NO_ASSESSED_SCORE)
}

const NOT_IN_POINTS: Texts = Texts {
    zh: "评定分 `{}` 应以“分”为单位",
    zh_label: "应为分",
    zh_help: Some("声明为 `输入 评审得分 = review_score（分）`"),
    en: "the assessed score `{}` must be in points (分)",
    en_label: "not in points",
    en_help: Some("declare it as `input review mark = review_mark (分)`"),
};

const NO_ASSESSED_SCORE: Texts = Texts {
    zh: "这一行有得分区间（如 `得3～5分`），但没有说明评定分从哪里读取",
    zh_label: "没有评定分",
    zh_help: Some("在行末写 `；评定分 评审得分` 并声明 `输入 评审得分 = review_score（分）`；或在文件开头写 `未评定时 取上限`（或 `取下限`、`取中间值`）"),
    en: "a band gives a range of points, but nothing says where the assessor's score is read",
    en_label: "no assessed score",
    en_help: Some("end the line with `; assessed review mark` and declare `input review mark = review_mark (分)`; or write `if not assessed: top of range` (or `bottom of range`, `middle of range`) at the top of the file"),
};
