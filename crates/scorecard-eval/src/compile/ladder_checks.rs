//! Warnings about ladders that do not say what was probably meant: tiers
//! that can never fire, and tiers that never apply because a tier which
//! always fires with them deducts at least as much (a worse value getting a
//! smaller deduction).

use rust_decimal::Decimal;
use scorecard_syntax::ast::Cmp;
use scorecard_syntax::{Code, Diagnostic, Lang};

use super::Ctx;
use crate::number;
use crate::plan::{InputSpec, Ladder, Operand, TestPlan, TierPlan};

/// A tier's condition as a half-line on one scale: `x < t`, `x ≤ t`, `x > t`,
/// `x ≥ t`, where the scale is the subject itself, a share of one baseline,
/// or the distance from one reference.
#[derive(Clone, Copy, PartialEq)]
enum Scale {
    Value,
    Share(Operand),
    Distance(Operand),
}

#[derive(Clone, Copy)]
struct HalfLine {
    scale: Scale,
    below: bool,
    strict: bool,
    at: Decimal,
}

fn half_line(test: &TestPlan) -> Option<HalfLine> {
    let (cmp, scale, at) = match test {
        TestPlan::Fixed { cmp, threshold } => (*cmp, Scale::Value, *threshold),
        TestPlan::ShareOf { cmp, factor, base, .. } => (*cmp, Scale::Share(*base), *factor),
        TestPlan::Deviation { inclusive: true, factor, base, .. } => (Cmp::Ge, Scale::Distance(*base), *factor),
        TestPlan::Deviation { inclusive: false, factor, base, .. } => (Cmp::Gt, Scale::Distance(*base), *factor),
        TestPlan::PerStep { .. }
        | TestPlan::Range { .. }
        | TestPlan::Always
        | TestPlan::All(_)
        | TestPlan::Each { .. } => return None,
    };
    let (below, strict) = match cmp {
        Cmp::Lt => (true, true),
        Cmp::Le => (true, false),
        Cmp::Gt => (false, true),
        Cmp::Ge => (false, false),
        Cmp::Eq => return None,
    };
    Some(HalfLine { scale, below, strict, at })
}

impl PartialEq for Operand {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Operand::Const(a), Operand::Const(b)) => a == b,
            (Operand::Input(a), Operand::Input(b)) => a == b,
            _ => false,
        }
    }
}

/// Whether every value matching `a` also matches `b`.
fn within(a: HalfLine, b: HalfLine) -> bool {
    if a.scale != b.scale || a.below != b.below {
        return false;
    }
    let tighter = if a.below { a.at < b.at } else { a.at > b.at };
    tighter || (a.at == b.at && (a.strict || !b.strict))
}

/// Checks one ladder, warning about tiers that never fire or never apply.
pub(super) fn check(ladder: &Ladder, subject: &InputSpec, cx: &mut Ctx<'_>) {
    let impossible: Vec<bool> = ladder.tiers.iter().map(|t| never_fires(t, subject, cx)).collect();
    if ladder.cumulative {
        return;
    }
    for (i, a) in ladder.tiers.iter().enumerate() {
        if impossible.get(i).copied().unwrap_or(false) {
            continue;
        }
        let Some(ha) = half_line(&a.test) else { continue };
        let dominated_by = ladder.tiers.iter().enumerate().find(|(j, b)| {
            *j != i
                && half_line(&b.test).is_some_and(|hb| within(ha, hb))
                && (b.deduct > a.deduct || (b.deduct == a.deduct && *j < i))
        });
        if let Some((_, b)) = dominated_by {
            cx.push(never_applies(a, b, cx));
        }
    }
}

fn never_applies(a: &TierPlan, b: &TierPlan, cx: &Ctx<'_>) -> Diagnostic {
    let (ta, tb) = (a.span.text(cx.src()), b.span.text(cx.src()));
    Diagnostic::warning(
        Code::TierNeverApplies,
        a.span,
        match cx.lang {
            Lang::Zh => format!(
                "这一档永远不会生效：凡满足它的值也满足「{tb}」，而那一档扣 {} 分，不少于这一档的 {} 分",
                number::plain(b.deduct),
                number::plain(a.deduct)
            ),
            Lang::En => format!(
                "this tier never applies: every value it matches also matches `{tb}`, which deducts {}, at least its {}",
                number::plain(b.deduct),
                number::plain(a.deduct)
            ),
        },
        cx.pick("被更重的一档覆盖", "always overridden"),
    )
    .with_help(match cx.lang {
        Lang::Zh => format!("更差的值应扣更多分；检查「{ta}」的阈值或扣分是否写反"),
        Lang::En => format!("a worse value should deduct more; check whether the threshold or deduction of `{ta}` is swapped"),
    })
}

/// Warns about a tier whose threshold lies outside the input's declared
/// range; returns whether it did.
fn never_fires(tier: &TierPlan, subject: &InputSpec, cx: &mut Ctx<'_>) -> bool {
    let (TestPlan::Fixed { cmp, threshold }, Some((lo, hi))) = (&tier.test, subject.range) else { return false };
    let (cmp, threshold) = (*cmp, *threshold);
    let impossible = match cmp {
        Cmp::Lt => threshold <= lo,
        Cmp::Le => threshold < lo,
        Cmp::Gt => threshold >= hi,
        Cmp::Ge => threshold > hi,
        Cmp::Eq => threshold < lo || threshold > hi,
    };
    if impossible {
        cx.push(
            Diagnostic::warning(
                Code::TierNeverFires,
                tier.span,
                match cx.lang {
                    Lang::Zh => format!(
                        "这一档永远不会触发：`{}` 的取值范围是 {}～{}",
                        subject.name,
                        subject.shown(lo),
                        subject.shown(hi)
                    ),
                    Lang::En => format!(
                        "this tier can never fire: `{}` ranges from {} to {}",
                        subject.name,
                        subject.shown(lo),
                        subject.shown(hi)
                    ),
                },
                cx.pick("不可能满足", "cannot match"),
            )
            .with_help(cx.pick("检查阈值或输入的范围", "check the threshold or the input's range")),
        );
    }
    impossible
}
