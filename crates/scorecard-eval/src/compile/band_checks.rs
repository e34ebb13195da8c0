//! Warnings about `得分` bands: values that fall in no band (gaps) and
//! values that fall in two (overlaps, where only the first counts).

use super::texts::Texts;
use rust_decimal::Decimal;
use scorecard_syntax::ast::Cmp;
use scorecard_syntax::{Code, Diagnostic, Lang, Span};

use super::Ctx;
use crate::plan::{BandPlan, InputSpec, TestPlan};

/// One end of an interval: a value and whether it is included; `None` is infinite.
type End = Option<(Decimal, bool)>;

/// The interval a band's test matches, when it is a simple one.
fn interval(test: &TestPlan) -> Option<(End, End)> {
    match *test {
        TestPlan::Range { lo, lo_inclusive, hi, hi_inclusive } => {
            Some((Some((lo, lo_inclusive)), Some((hi, hi_inclusive))))
        }
        TestPlan::Fixed { cmp, threshold: t } => Some(match cmp {
            Cmp::Lt => (None, Some((t, false))),
            Cmp::Le => (None, Some((t, true))),
            Cmp::Gt => (Some((t, false)), None),
            Cmp::Ge => (Some((t, true)), None),
            Cmp::Eq => (Some((t, true)), Some((t, true))),
        }),
        _ => None,
    }
}

/// Whether an interval starting at `lo` begins before (or touching) the end `hi` of another.
fn starts_by(lo: End, hi: End) -> bool {
    match (lo, hi) {
        (None, _) | (_, None) => true,
        (Some((l, li)), Some((h, hi_inc))) => l < h || (l == h && li && hi_inc),
    }
}

/// Checks the bands of one statement on one subject.
pub(super) fn check(bands: &[BandPlan], subject: &InputSpec, at: Span, cx: &mut Ctx<'_>) {
    // Yes/no and grade inputs are labels, not a number line.
    if subject.kind != crate::plan::ValueKind::Number {
        return;
    }
    let catch_all = bands.iter().any(|b| matches!(b.test, TestPlan::Always) || b.subject.is_none());
    let mut spans: Vec<(End, End, Span)> = Vec::new();
    for b in bands.iter().filter(|b| b.subject.is_some()) {
        match interval(&b.test) {
            Some((lo, hi)) => spans.push((lo, hi, b.span)),
            None => return,
        }
    }
    if let Some(d) = overlap(&spans, cx) {
        cx.push(d);
    }
    if catch_all {
        return;
    }
    if let Some((from, to)) = gap(spans, subject) {
        cx.push(gap_warning(from, to, subject, at, cx));
    }
}

/// The first overlap found, as a warning on the band written later. Sorting
/// by lower end and sweeping keeps this O(n log n) (64k bands once took 45 s).
fn overlap(spans: &[(End, End, Span)], cx: &Ctx<'_>) -> Option<Diagnostic> {
    let (a, b) = overlapping(spans)?;
    let (a, b) = if a.2.start <= b.2.start { (a, b) } else { (b, a) };
    Some(cx.warning_about(Code::BandsOverlap, b.2, a.2.text(cx.src()), &OVERLAPS_AN_EARLIER_BAND))
}

type Interval = (End, End, Span);

/// Two intervals that share a value, if any. After sorting by lower end, an
/// interval overlaps an earlier one exactly when it starts by the furthest
/// upper end seen so far.
fn overlapping(spans: &[Interval]) -> Option<(&Interval, &Interval)> {
    let mut sorted: Vec<&Interval> = spans.iter().collect();
    sorted.sort_by(|a, b| lower_order(a.0, b.0));
    let mut reach: Option<&Interval> = None;
    for b in sorted {
        if let Some(a) = reach {
            if starts_by(b.0, a.1) && starts_by(a.0, b.1) {
                return Some((a, b));
            }
        }
        reach = match reach {
            Some(a) if upper_order(a.1, b.1).is_ge() => Some(a),
            _ => Some(b),
        };
    }
    None
}

/// Lower ends in order: −∞ first; at one value, an included end first.
fn lower_order(a: End, b: End) -> std::cmp::Ordering {
    let key = |end: End| end.map(|(value, included)| (value, !included));
    key(a).cmp(&key(b))
}

/// Upper ends in order: +∞ last; at one value, an included end last.
fn upper_order(a: End, b: End) -> std::cmp::Ordering {
    let key = |end: End| (end.is_none(), end);
    key(a).cmp(&key(b))
}

/// How far the bands cover the domain from below.
#[derive(Clone, Copy)]
enum Cursor {
    /// Nothing covered, and the domain starts at −∞.
    NegInf,
    /// Everything below the value is covered; the value itself if `true`.
    At(Decimal, bool),
}

/// The first stretch of the input's domain that no band covers, if any.
fn gap(mut spans: Vec<Interval>, subject: &InputSpec) -> Option<(End, End)> {
    let (floor, ceiling): (End, End) = match subject.range {
        Some((lo, hi)) => (Some((lo, true)), Some((hi, true))),
        None if subject.unit.is_count() => (Some((Decimal::ZERO, true)), None),
        None => (None, None),
    };
    spans.sort_by(|a, b| lower_order(a.0, b.0));
    let mut cursor = floor.map_or(Cursor::NegInf, |(v, _)| Cursor::At(v, false));
    for (lo, hi, _) in &spans {
        let covered = match (cursor, *lo) {
            (_, None) => true,
            (Cursor::NegInf, Some(_)) => false,
            (Cursor::At(c, ci), Some((l, li))) => l < c || (l == c && (ci || li)),
        };
        if !covered {
            let from = match cursor {
                Cursor::NegInf => None,
                Cursor::At(c, ci) => Some((c, !ci)),
            };
            return Some((from, *lo));
        }
        // A band open above covers the rest of the domain.
        let (h, hi_inc) = (*hi)?;
        cursor = match cursor {
            Cursor::At(c, ci) if c > h || (c == h && ci) => Cursor::At(c, ci),
            _ => Cursor::At(h, hi_inc),
        };
    }
    match (cursor, ceiling) {
        (Cursor::At(c, ci), Some((m, _))) if c > m || (c == m && ci) => None,
        (Cursor::At(c, ci), _) => Some((Some((c, !ci)), ceiling)),
        (Cursor::NegInf, _) => Some((None, ceiling)),
    }
}

fn gap_warning(from: End, to: End, subject: &InputSpec, at: Span, cx: &Ctx<'_>) -> Diagnostic {
    let show = |e: End, unbounded: &str| e.map_or_else(|| unbounded.to_owned(), |(v, _)| subject.shown(v));
    let (a, b) = (show(from, cx.pick("负无穷", "−∞")), show(to, cx.pick("无穷大", "∞")));
    Diagnostic::warning(
        Code::BandsGap,
        at,
        match cx.lang {
            Lang::Zh => format!("`{}` 在 {a} 与 {b} 之间的值不属于任何一档，评分时会报错", subject.name),
            Lang::En => {
                format!("values of `{}` between {a} and {b} fall in no band and will be rejected", subject.name)
            }
        },
        cx.pick("各档之间有空档", "the bands leave a gap"),
    )
    .with_help(cx.pick(
        "补上缺少的一档，或以 `否则…` 结尾，如 `否则不得分`",
        "add the missing band, or end with `otherwise`, e.g. `otherwise → 0`",
    ))
}

const OVERLAPS_AN_EARLIER_BAND: Texts = Texts {
    zh: "这一档与「{}」有重叠，重叠部分只按前一档计分",
    zh_label: "与前一档重叠",
    zh_help: Some("用（含）/（不含）标明边界归哪一档，如 `0-10%(含)`、`10%(不含)-20%`"),
    en: "this band overlaps `{}`; values in both score by the earlier band",
    en_label: "overlaps an earlier band",
    en_help: Some("mark which band owns a bound with inclusive/exclusive, e.g. `0 to 10% inclusive`"),
};

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

    use proptest::prelude::*;

    use super::*;

    /// The quadratic check the sweep replaced: every pair.
    fn any_overlap(spans: &[Interval]) -> bool {
        spans
            .iter()
            .enumerate()
            .any(|(i, a)| spans.iter().skip(i + 1).any(|b| starts_by(a.0, b.1) && starts_by(b.0, a.1)))
    }

    /// A non-empty interval on a small grid, so that ends often coincide.
    fn interval() -> impl Strategy<Value = Interval> {
        let end = proptest::option::of((0i64..6, any::<bool>()));
        (end.clone(), end).prop_filter_map("empty", |(lo, hi)| {
            let lo = lo.map(|(v, i)| (Decimal::from(v), i));
            let hi = hi.map(|(v, i)| (Decimal::from(v), i));
            starts_by(lo, hi).then_some((lo, hi, Span::default()))
        })
    }

    proptest! {
        #[test]
        fn the_sweep_finds_an_overlap_exactly_when_some_pair_overlaps(
            spans in proptest::collection::vec(interval(), 0..8)
        ) {
            let found = overlapping(&spans);
            prop_assert_eq!(found.is_some(), any_overlap(&spans));
            if let Some((a, b)) = found {
                prop_assert!(starts_by(a.0, b.1) && starts_by(b.0, a.1));
            }
        }
    }
}
