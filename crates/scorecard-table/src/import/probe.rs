//! Reading one criterion as written: parse it as a `评分` line, declare the inputs its words name, and compile.
//!
//! The parser decides what the subjects and references are (`年办件量`,
//! `上期`); this module only gives each name a unit: the threshold's unit,
//! else the 度量单位 column, else the unit of the 指标值. A deviation from a
//! budget (`超出（低于）年初预算金额10%`) gets a measured input in 万元.

use rust_decimal::Decimal;
use scorecard::units::Unit;
use scorecard::Scorecard;
use scorecard_syntax::ast::{self, InputDecl, InputKind, Reference, Scoring, Test, Tier};
use scorecard_syntax::{parse, Lang, Limits, Span, Spanned};

use super::rows::Entry;

/// A criterion read as written: its tiers, the inputs they need, and the measure if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// The `评分` statements.
    pub scoring: Vec<Scoring>,
    /// The inputs they name, with units.
    pub inputs: Vec<InputDecl>,
    /// The `度量` when tiers name no subject.
    pub measure: Option<String>,
}

/// Reads `text` as a `评分` line for `entry`; `Err` says why it cannot be read.
pub fn read(text: &str, entry: &Entry, declared: &[InputDecl]) -> Result<Read, String> {
    let probe = format!("计分表 「探」\n三级指标 甲\n  评分 {text}");
    let file = parse(&probe, &Limits::default()).map_err(|d| first_message(&d))?;
    let scoring = match file.items.first() {
        Some(ast::Item::Indicator(ind)) => ind.scoring.clone(),
        _ => return Err("读不出评分条件".to_owned()),
    };
    let mut names = Vec::new();
    let mut deviation = None;
    for tier in scoring.iter().flat_map(|s| &s.tiers) {
        collect(&tier.node, entry, &mut names, &mut deviation);
    }
    let measure = needs_measure(&scoring).then(|| deviation.as_ref().map(|(base, _)| measure_name(base)));
    let measure = match measure {
        Some(Some(m)) => Some(m),
        Some(None) => return Err("评分条件没有写出比较的对象（如“满意度低于90%”中的“满意度”）".to_owned()),
        None => None,
    };
    if let (Some(m), Some((_, unit))) = (&measure, &deviation) {
        names.push((m.clone(), unit.clone()));
    }
    let inputs = declare(names, declared)?;
    check(&scoring, &inputs, measure.as_deref(), super::draft::points(&entry.points))?;
    Ok(Read { scoring, inputs, measure })
}

fn first_message(d: &[scorecard_syntax::Diagnostic]) -> String {
    d.first().map_or_else(|| "读不出评分条件".to_owned(), |d| d.message.clone())
}

/// Whether the first tier names no subject, so the indicator needs a `度量`.
fn needs_measure(scoring: &[Scoring]) -> bool {
    matches!(
        scoring.first().and_then(|s| s.tiers.first()).map(|t| &t.node),
        Some(Tier::Condition { subject: None, .. })
    )
}

/// The measured input for a deviation from `base`: `年初预算金额` → `实际支出金额`.
fn measure_name(base: &str) -> String {
    if base.contains("预算") {
        base.replacen("年初预算", "实际支出", 1).replacen("预算", "实际支出", 1)
    } else {
        format!("{base}实际数")
    }
}

type Names = Vec<(String, Option<InputKind>)>;

fn collect(tier: &Tier, entry: &Entry, names: &mut Names, deviation: &mut Option<(String, Option<InputKind>)>) {
    match tier {
        Tier::Condition { subject, test, .. } => test_names(subject.as_ref(), &test.node, entry, names, deviation),
        Tier::Each { subject, test, .. } => test_names(Some(subject), &test.node, entry, names, deviation),
        Tier::PerStep { step, subject, from, .. } => {
            let unit = step.as_ref().and_then(|s| s.node.unit.clone()).map(InputKind::Unit).or_else(|| amount(entry));
            if let Some(s) = subject {
                names.push((s.node.clone(), unit.clone()));
            }
            if let Some(Spanned { node: ast::StepRef::Name(n), .. }) = from {
                names.push((n.clone(), unit));
            }
        }
    }
}

fn test_names(
    subject: Option<&Spanned<String>>,
    test: &Test,
    entry: &Entry,
    names: &mut Names,
    deviation: &mut Option<(String, Option<InputKind>)>,
) {
    let mut push = |name: Option<&Spanned<String>>, kind: Option<InputKind>| {
        if let Some(n) = name {
            names.push((n.node.clone(), kind));
        }
    };
    match test {
        Test::Compare { reference: Reference::Value(q), .. } => {
            push(subject, q.node.unit.clone().map(InputKind::Unit).or_else(|| column_unit(entry)));
        }
        Test::Compare { reference: Reference::ShareOf { base, .. }, .. } => {
            push(subject, amount(entry));
            push(Some(base), amount(entry));
        }
        Test::Range { low, .. } => {
            push(subject, low.node.unit.clone().map(InputKind::Unit).or_else(|| column_unit(entry)))
        }
        Test::Flag { name, label: None } => push(Some(name), Some(InputKind::YesNo)),
        Test::Flag { .. } | Test::Otherwise => {}
        Test::All(parts) => {
            for (s, t) in parts {
                test_names(s.as_ref(), &t.node, entry, names, deviation);
            }
        }
        Test::Deviation { base, .. } => {
            let kind = base.as_ref().and_then(|b| money(&b.node)).or_else(|| amount(entry));
            push(subject, kind.clone());
            if let Some(b) = base {
                names.push((b.node.clone(), kind.clone()));
                deviation.get_or_insert((b.node.clone(), kind));
            }
        }
    }
}

/// The 度量单位 column as a unit the engine knows.
fn column_unit(entry: &Entry) -> Option<InputKind> {
    known(&entry.unit)
}

/// The unit of an amount (not a share): the 度量单位 column unless it is `%`, else the 指标值's unit.
fn amount(entry: &Entry) -> Option<InputKind> {
    let value_unit: String = entry.value.chars().skip_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let found =
        [entry.unit.as_str(), value_unit.trim()].into_iter().filter(|u| *u != "%" && !u.is_empty()).find_map(known);
    found
}

fn money(name: &str) -> Option<InputKind> {
    ["金额", "预算", "资金", "经费", "支出", "成本"]
        .iter()
        .any(|w| name.contains(w))
        .then(|| InputKind::Unit("万元".to_owned()))
}

fn known(unit: &str) -> Option<InputKind> {
    let unit = unit.trim();
    Unit::lookup(unit).map(|_| InputKind::Unit(unit.to_owned()))
}

/// Input declarations for `names`, reusing inputs the draft already declares.
fn declare(names: Names, declared: &[InputDecl]) -> Result<Vec<InputDecl>, String> {
    let mut out: Vec<InputDecl> = Vec::new();
    for (name, kind) in names {
        if out.iter().any(|i| i.name.node == name) {
            continue;
        }
        if let Some(d) = declared.iter().find(|d| d.name.node == name) {
            out.push(d.clone());
            continue;
        }
        let kind = kind.ok_or_else(|| format!("读不出“{name}”的单位：度量单位栏和阈值都没有写明"))?;
        out.push(input(&name, kind));
    }
    Ok(out)
}

/// `输入 名称（单位）`: the key is the name itself, as an analyst types it in a header.
pub fn input(name: &str, kind: InputKind) -> InputDecl {
    let at = Span::default();
    InputDecl {
        name: Spanned::new(name.to_owned(), at),
        key: Spanned::new(name.to_owned(), at),
        kind: Spanned::new(kind, at),
        range: None,
        list: false,
    }
}

/// Compiles the tiers with their inputs alone (and the 分值 column's points,
/// which a per-step tier needs); the first error is the reason.
fn check(
    scoring: &[Scoring],
    inputs: &[InputDecl],
    measure: Option<&str>,
    points: Option<Decimal>,
) -> Result<(), String> {
    let mut ind = super::draft::indicator("甲");
    ind.points = points.map(|p| Spanned::new(p, Span::default()));
    ind.scoring = scoring.to_vec();
    ind.measure = measure.map(|m| Spanned::new(m.to_owned(), Span::default()));
    let mut file = super::draft::file("探");
    file.lang = Lang::Zh;
    file.inputs = inputs.to_vec();
    file.items = vec![ast::Item::Indicator(Box::new(ind))];
    let src = scorecard_syntax::print::to_source(&file);
    match Scorecard::compile(&src) {
        Ok(_) => Ok(()),
        Err(e) => Err(first_message(&e.diagnostics)),
    }
}
