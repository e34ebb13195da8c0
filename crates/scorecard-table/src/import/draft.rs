//! Building the draft rule file's syntax tree from the indicator rows, one column to one property.

use rust_decimal::Decimal;
use scorecard_syntax::ast::{
    Discretionary, File, Grade, Group, Indicator, InputDecl, InputKind, Item, Nature, Quantity, Rounding, RoundingMode,
    Target, TargetOp,
};
use scorecard_syntax::{Lang, Span, Spanned};

use super::probe::input;
use super::rows::Entry;
use super::Reading;

fn s<T>(node: T) -> Spanned<T> {
    Spanned::new(node, Span::default())
}

/// An empty file named `name`, with the national convention's settings:
/// 四舍五入 to 2 places, grades 优 90, 良 80, 中 60, 差.
pub(super) fn file(name: &str) -> File {
    let grade = |n: &str, min: Option<u32>| Grade { name: s(n.to_owned()), min: min.map(|m| s(Decimal::from(m))) };
    let mut file = File::new(Lang::Zh, s(name.to_owned()));
    file.rounding = Some(s(Rounding { mode: RoundingMode::HalfUp, places: Some(s(2)) }));
    file.grades = Some(s(vec![grade("优", Some(90)), grade("良", Some(80)), grade("中", Some(60)), grade("差", None)]));
    file
}

/// An indicator with only its name.
pub(super) fn indicator(name: &str) -> Indicator {
    Indicator::new(s(name.to_owned()), Span::default())
}

/// The indicator for one row and how its criterion was read. A pending
/// criterion gets `评分待定` and a `酌情扣分` on `stand_in` bounded by its points.
pub(super) fn indicator_of(entry: &Entry, reading: &Reading, stand_in: Option<&InputDecl>) -> Indicator {
    let mut ind = indicator(&entry.name);
    ind.target = target(entry).map(s);
    ind.nature = nature(&entry.nature).map(s);
    let text = |t: &str| (!t.is_empty()).then(|| s(t.to_owned()));
    ind.criterion = text(&entry.criterion);
    ind.content = text(&entry.content);
    ind.basis = text(&entry.basis);
    ind.source = text(&entry.source);
    ind.points = points(&entry.points).map(s);
    match reading {
        Reading::AsWritten(read) => {
            ind.scoring.clone_from(&read.scoring);
            ind.measure = read.measure.clone().map(s);
        }
        Reading::Pending { note, max, .. } => {
            ind.pending = Some(s(note.clone()));
            let bound = ind.points.as_ref().map(|p| p.node).or(*max);
            if let (Some(input), Some(bound)) = (stand_in, bound) {
                ind.discretionary = Some(s(Discretionary { input: input.name.clone(), max: s(bound) }));
            }
        }
    }
    ind
}

/// The input an assessor fills in for a pending indicator: `「名称」酌情扣分（分）`.
pub(super) fn stand_in(name: &str) -> InputDecl {
    input(&format!("{name}酌情扣分"), InputKind::Unit("分".to_owned()))
}

/// 分值 column: `8`, `8分`.
pub(super) fn points(text: &str) -> Option<Decimal> {
    Decimal::from_str_exact(text.trim_end_matches('分').trim()).ok()
}

fn nature(text: &str) -> Option<Nature> {
    if text.contains("定量") {
        Some(Nature::Quantitative)
    } else if text.contains("定性") {
        Some(Nature::Qualitative)
    } else {
        None
    }
}

/// 指标性质 + 指标值 + 度量单位, when the value is a number in a known unit.
pub(super) fn target(entry: &Entry) -> Option<Target> {
    let op = match entry.op.trim() {
        "=" | "＝" | "" => TargetOp::Eq,
        ">=" | "≥" | "≧" | "＞＝" => TargetOp::Ge,
        ">" | "＞" => TargetOp::Gt,
        "<=" | "≤" | "≦" | "＜＝" => TargetOp::Le,
        "<" | "＜" => TargetOp::Lt,
        _ => return None,
    };
    let value = entry.value.trim();
    let split = value.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(value.len());
    let (number, own_unit) = (value.get(..split)?, value.get(split..)?.trim());
    let number = Decimal::from_str_exact(number).ok()?;
    let unit = if own_unit.is_empty() { entry.unit.trim() } else { own_unit };
    let unit = (!unit.is_empty()).then(|| unit.to_owned());
    if unit.as_deref().is_some_and(|u| scorecard::units::Unit::lookup(u).is_none()) {
        return None;
    }
    Some(Target { op, value: Quantity { value: number, unit } })
}

/// The 指标性质/指标值/度量单位 cells as written, when they hold something
/// that is not a target the language can state (`较上年有所提高`): kept as a
/// comment so no column of the table is lost.
pub(super) fn unread_target(entry: &Entry) -> Option<String> {
    if target(entry).is_some() {
        return None;
    }
    let cells: Vec<&str> =
        [&entry.op, &entry.value, &entry.unit].into_iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    (!cells.is_empty()).then(|| format!("指标值（原文）：{}：{}", entry.name, cells.join(" ")))
}

/// Puts indicators into 一级/二级 groups, in table order.
pub(super) fn tree(indicators: Vec<(String, String, Indicator)>) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    for (l1, l2, ind) in indicators {
        let path: Vec<(u8, &str)> =
            [(1, l1.as_str()), (2, l2.as_str())].into_iter().filter(|(_, n)| !n.is_empty()).collect();
        push_in(&mut items, &path, Item::Indicator(Box::new(ind)));
    }
    items
}

/// Appends `item` under the groups of `path` (at most two levels), opening a
/// group unless the last one at that level has the same name.
fn push_in(items: &mut Vec<Item>, path: &[(u8, &str)], item: Item) {
    let Some(((level, name), rest)) = path.split_first() else {
        items.push(item);
        return;
    };
    let open = matches!(items.last(), Some(Item::Group(g)) if g.level == *level && g.name.node == *name);
    if !open {
        items.push(Item::Group(Group { level: *level, name: s((*name).to_owned()), points: None, items: Vec::new() }));
    }
    if let Some(Item::Group(g)) = items.last_mut() {
        push_in(&mut g.items, rest, item);
    }
}
