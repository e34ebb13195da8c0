//! Conversion of pest pairs into the typed AST. Each grammar rule has one
//! `parse_<rule>` function; none of them can panic on any input.

use pest::iterators::{Pair, Pairs};
use pest::Parser as _;
use rust_decimal::Decimal;

use crate::ast::*;
use crate::grammar::{Rule, ScorecardParser};
use crate::{syntax_error, Code, Diagnostic, Lang, Limits, Span, Spanned};

type Result<T> = std::result::Result<T, Diagnostic>;

/// Parses a rule file into its AST, or returns every diagnostic found.
pub fn parse(src: &str, limits: &Limits) -> std::result::Result<File, Vec<Diagnostic>> {
    crate::source::check_text(src, limits).map_err(|d| vec![d])?;
    let lang = Lang::detect(src);
    let mut pairs = ScorecardParser::parse(Rule::file, src)
        .map_err(|e| crate::recover::collect(src, lang, syntax_error::convert(&e, src, lang)))?;
    let file = pairs.next().ok_or_else(|| vec![internal(Span::default())])?;
    let mut conv = Converter { limits, indicators: 0 };
    conv.parse_file(file).map_err(|d| vec![localize(d, src, lang, limits)])
}

/// Writes the message of a conversion error in the file's language. The
/// converter only records the code and span; the words are chosen here.
fn localize(d: Diagnostic, src: &str, lang: Lang, limits: &Limits) -> Diagnostic {
    let text = d.span.text(src);
    let (message, label, help) = match d.code {
        Code::NumberOutOfRange => (
            lang.pick(
                format!("`{text}` 位数过多，无法精确表示"),
                format!("`{text}` has too many digits to be represented exactly"),
            ),
            lang.pick("数字过大", "number out of range"),
            lang.pick("数字最多 28 位有效数字", "numbers may have at most 28 significant digits"),
        ),
        Code::BadRounding => (
            lang.pick("保留位数必须是整数".to_owned(), "decimal places must be a whole number".to_owned()),
            lang.pick("不是整数", "not a whole number"),
            lang.pick("例如 `保留2位`", "e.g. `2 places`"),
        ),
        Code::TooManyIndicators => (
            lang.pick(
                format!("指标超过 {} 个的上限", limits.max_indicators),
                format!("more than {} indicators in one file", limits.max_indicators),
            ),
            lang.pick("超出上限的指标", "this indicator is over the limit"),
            lang.pick(
                "将表拆成几个文件，或调高上限（Limits::max_indicators）",
                "split the table into several files, or raise the limit (Limits::max_indicators)",
            ),
        ),
        Code::TooManyTiers => (
            lang.pick(
                format!("一个指标的评分条件超过 {} 档的上限", limits.max_tiers),
                format!("more than {} tiers in one indicator", limits.max_tiers),
            ),
            lang.pick("档位过多", "too many tiers"),
            lang.pick(
                "拆分该指标，或调高上限（Limits::max_tiers）",
                "split the indicator, or raise the limit (Limits::max_tiers)",
            ),
        ),
        _ => return d,
    };
    Diagnostic { message, label: label.to_owned(), help: Some(help.to_owned()), ..d }
}

struct Converter<'l> {
    limits: &'l Limits,
    indicators: usize,
}

/// The span of a pair, ending at its last token: pest counts whitespace
/// skipped before an optional element that then did not match.
fn span(pair: &Pair<'_, Rule>) -> Span {
    let s = pair.as_span();
    let mut end = s.end();
    let mut last = pair.clone().into_inner().last();
    while let Some(p) = last {
        end = p.as_span().end();
        last = p.into_inner().last();
    }
    Span::new(s.start(), end)
}

fn internal(span: Span) -> Diagnostic {
    Diagnostic::error(
        Code::Syntax,
        span,
        "internal error: the parser produced an unexpected tree (please report this)",
        "here",
    )
}

/// The next inner pair, or an internal error.
fn next<'i>(pairs: &mut Pairs<'i, Rule>, at: Span) -> Result<Pair<'i, Rule>> {
    pairs.next().ok_or_else(|| internal(at))
}

impl Converter<'_> {
    fn parse_file(&mut self, pair: Pair<'_, Rule>) -> Result<File> {
        let mut file = File {
            lang: Lang::Zh,
            name: Spanned::new(String::new(), Span::default()),
            total: None,
            rounding: None,
            grades: None,
            inputs: Vec::new(),
            consts: Vec::new(),
            items: Vec::new(),
        };
        for p in pair.into_inner() {
            let at = span(&p);
            match p.as_rule() {
                Rule::header => {
                    let mut inner = p.into_inner();
                    let kw = next(&mut inner, at)?;
                    file.lang = Lang::of_keyword(kw.as_str());
                    file.name = parse_name(last(inner, at)?)?;
                }
                Rule::total => {
                    set_once(&mut file.total, Spanned::new(parse_number(find(p, Rule::number)?)?, at), file.lang)?
                }
                Rule::rounding => set_once(&mut file.rounding, Spanned::new(parse_rounding(p)?, at), file.lang)?,
                Rule::grades => set_once(&mut file.grades, Spanned::new(parse_grades(p)?, at), file.lang)?,
                Rule::input_decl => file.inputs.push(parse_input(p)?),
                Rule::const_decl => file.consts.push(parse_const(p)?),
                Rule::group1 | Rule::group2 => file.items.push(Item::Group(self.parse_group(p)?)),
                Rule::indicator => file.items.push(Item::Indicator(Box::new(self.parse_indicator(p)?))),
                _ => {}
            }
        }
        Ok(file)
    }

    fn parse_group(&mut self, pair: Pair<'_, Rule>) -> Result<Group> {
        let at = span(&pair);
        let level = if pair.as_rule() == Rule::group1 { 1 } else { 2 };
        let mut group = Group { level, name: Spanned::new(String::new(), at), points: None, items: Vec::new() };
        for p in pair.into_inner() {
            let ps = span(&p);
            match p.as_rule() {
                Rule::name => group.name = parse_name(p)?,
                Rule::group_points => {
                    let points = find(p, Rule::points_prop)?;
                    group.points = Some(Spanned::new(parse_number(find(points, Rule::number)?)?, ps));
                }
                Rule::group2 => group.items.push(Item::Group(self.parse_group(p)?)),
                Rule::indicator => group.items.push(Item::Indicator(Box::new(self.parse_indicator(p)?))),
                _ => {}
            }
        }
        Ok(group)
    }

    fn parse_indicator(&mut self, pair: Pair<'_, Rule>) -> Result<Indicator> {
        let at = span(&pair);
        self.indicators = self.indicators.saturating_add(1);
        if self.indicators > self.limits.max_indicators {
            return Err(Diagnostic::error(Code::TooManyIndicators, at, "", ""));
        }
        let mut ind = Indicator {
            name: Spanned::new(String::new(), at),
            target: None,
            nature: None,
            criterion: None,
            content: None,
            basis: None,
            source: None,
            points: None,
            measure: None,
            scoring: Vec::new(),
            span: at,
        };
        let lang = pair.clone().into_inner().next().map_or(Lang::Zh, |k| Lang::of_keyword(k.as_str()));
        for p in pair.into_inner() {
            self.parse_property(&mut ind, p, lang)?;
        }
        Ok(ind)
    }

    fn parse_property(&mut self, ind: &mut Indicator, p: Pair<'_, Rule>, lang: Lang) -> Result<()> {
        let at = span(&p);
        match p.as_rule() {
            Rule::name => ind.name = parse_name(p)?,
            Rule::target_prop => set_once(&mut ind.target, Spanned::new(parse_target(p)?, at), lang)?,
            Rule::nature_prop => {
                let nature = if p.into_inner().any(|q| q.as_rule() == Rule::qualitative) {
                    Nature::Qualitative
                } else {
                    Nature::Quantitative
                };
                set_once(&mut ind.nature, Spanned::new(nature, at), lang)?;
            }
            Rule::text_prop => {
                let mut inner = p.into_inner();
                let key = next(&mut inner, at)?;
                let text = parse_quoted(last(inner, at)?)?;
                let slot = match key.as_rule() {
                    Rule::kw_criterion => &mut ind.criterion,
                    Rule::kw_content => &mut ind.content,
                    Rule::kw_basis => &mut ind.basis,
                    _ => &mut ind.source,
                };
                set_once(slot, text, lang)?;
            }
            Rule::points_prop => {
                set_once(&mut ind.points, Spanned::new(parse_number(find(p, Rule::number)?)?, at), lang)?
            }
            Rule::measure_prop => set_once(&mut ind.measure, parse_name(find(p, Rule::name)?)?, lang)?,
            Rule::scoring => {
                let scoring = parse_scoring(p)?;
                let tiers = ind.scoring.iter().map(|s| s.tiers.len()).sum::<usize>();
                if tiers.saturating_add(scoring.tiers.len()) > self.limits.max_tiers {
                    return Err(Diagnostic::error(Code::TooManyTiers, at, "", ""));
                }
                ind.scoring.push(scoring);
            }
            _ => {}
        }
        Ok(())
    }
}

/// Stores a property, rejecting a second occurrence.
fn set_once<T>(slot: &mut Option<T>, value: T, lang: Lang) -> Result<()>
where
    T: HasSpan,
{
    if slot.is_some() {
        return Err(Diagnostic::error(
            Code::DuplicateSetting,
            value.span(),
            lang.pick("同一项写了两次", "this is given twice"),
            lang.pick("重复", "given again here"),
        )
        .with_help(lang.pick("删除其中一处", "remove one of them")));
    }
    *slot = Some(value);
    Ok(())
}

trait HasSpan {
    fn span(&self) -> Span;
}

impl<T> HasSpan for Spanned<T> {
    fn span(&self) -> Span {
        self.span
    }
}

/// The first descendant pair of the given rule.
fn find(pair: Pair<'_, Rule>, rule: Rule) -> Result<Pair<'_, Rule>> {
    let at = span(&pair);
    pair.into_inner().flatten().find(|p| p.as_rule() == rule).ok_or_else(|| internal(at))
}

/// The last pair of an iterator.
fn last<'i>(pairs: Pairs<'i, Rule>, at: Span) -> Result<Pair<'i, Rule>> {
    pairs.last().ok_or_else(|| internal(at))
}

fn parse_name(pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    match inner.as_rule() {
        Rule::quoted => parse_quoted(inner),
        _ => Ok(Spanned::new(normalize_spaces(inner.as_str()), at)),
    }
}

/// Collapses runs of horizontal space inside an English name to one space.
fn normalize_spaces(text: &str) -> String {
    text.split([' ', '\t', '\u{3000}']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn parse_quoted(pair: Pair<'_, Rule>) -> Result<Spanned<String>> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    Ok(Spanned::new(inner.as_str().to_owned(), at))
}

/// Parses a number exactly; full-width digits and `．` are accepted.
fn parse_number(pair: Pair<'_, Rule>) -> Result<Decimal> {
    parse_decimal_text(pair.as_str(), span(&pair))
}

fn parse_decimal_text(text: &str, at: Span) -> Result<Decimal> {
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c).wrapping_sub(0xFF10).wrapping_add(u32::from('0'))).unwrap_or(c)
            }
            '．' => '.',
            '−' | '－' => '-',
            _ => c,
        })
        .collect();
    Decimal::from_str_exact(&ascii).map_err(|_| Diagnostic::error(Code::NumberOutOfRange, at, "", ""))
}

fn parse_signed(pair: Pair<'_, Rule>) -> Result<Decimal> {
    parse_decimal_text(&pair.as_str().replace([' ', '\t'], ""), span(&pair))
}

fn parse_quantity(pair: Pair<'_, Rule>) -> Result<Spanned<Quantity>> {
    let at = span(&pair);
    let mut value = None;
    let mut unit = None;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::number => value = Some(parse_number(p)?),
            Rule::unit => unit = Some(p.as_str().to_owned()),
            _ => {}
        }
    }
    let value = value.ok_or_else(|| internal(at))?;
    Ok(Spanned::new(Quantity { value, unit }, at))
}

fn parse_rounding(pair: Pair<'_, Rule>) -> Result<Rounding> {
    let mut rounding = Rounding { mode: RoundingMode::HalfUp, places: None };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::rounding_mode if p.clone().into_inner().any(|q| q.as_rule() == Rule::half_even) => {
                rounding.mode = RoundingMode::HalfEven;
            }
            Rule::places => {
                let at = span(&p);
                let n = parse_number(find(p, Rule::number)?)?;
                let places = u32::try_from(n.trunc().mantissa()).ok().filter(|_| n.fract().is_zero());
                let places = places.ok_or_else(|| Diagnostic::error(Code::BadRounding, at, "", ""))?;
                rounding.places = Some(Spanned::new(places, at));
            }
            _ => {}
        }
    }
    Ok(rounding)
}

fn parse_grades(pair: Pair<'_, Rule>) -> Result<Vec<Grade>> {
    let mut grades = Vec::new();
    for g in pair.into_inner().filter(|p| p.as_rule() == Rule::grade) {
        let at = span(&g);
        let mut inner = g.into_inner();
        let name = parse_name(next(&mut inner, at)?)?;
        let min = match inner.flatten().find(|p| p.as_rule() == Rule::number) {
            Some(n) => {
                let s = span(&n);
                Some(Spanned::new(parse_number(n)?, s))
            }
            None => None,
        };
        grades.push(Grade { name, min });
    }
    Ok(grades)
}

fn parse_input(pair: Pair<'_, Rule>) -> Result<InputDecl> {
    let at = span(&pair);
    let mut name = None;
    let mut key = None;
    let mut unit = None;
    let mut range = None;
    for p in pair.into_inner() {
        let ps = span(&p);
        match p.as_rule() {
            Rule::name => name = Some(parse_name(p)?),
            Rule::input_key => {
                let inner = p.into_inner().next().ok_or_else(|| internal(ps))?;
                key = Some(match inner.as_rule() {
                    Rule::quoted => parse_quoted(inner)?,
                    _ => Spanned::new(inner.as_str().to_owned(), ps),
                });
            }
            Rule::unit_paren => {
                let u = find(p, Rule::unit)?;
                unit = Some(Spanned::new(u.as_str().to_owned(), span(&u)));
            }
            Rule::range => {
                let nums: Vec<_> = p.into_inner().filter(|q| q.as_rule() == Rule::signed_number).collect();
                match nums.as_slice() {
                    [lo, hi] => {
                        range = Some(Spanned::new((parse_signed(lo.clone())?, parse_signed(hi.clone())?), ps));
                    }
                    _ => return Err(internal(ps)),
                }
            }
            _ => {}
        }
    }
    let name = name.ok_or_else(|| internal(at))?;
    let key = key.unwrap_or_else(|| name.clone());
    let unit = unit.ok_or_else(|| internal(at))?;
    Ok(InputDecl { name, key, unit, range })
}

fn parse_const(pair: Pair<'_, Rule>) -> Result<ConstDecl> {
    let at = span(&pair);
    let mut inner = pair.into_inner();
    let _kw = next(&mut inner, at)?;
    let name = parse_name(next(&mut inner, at)?)?;
    let value = parse_quantity(find_in(inner, Rule::quantity, at)?)?;
    Ok(ConstDecl { name, value })
}

fn find_in<'i>(mut pairs: Pairs<'i, Rule>, rule: Rule, at: Span) -> Result<Pair<'i, Rule>> {
    pairs.find(|p| p.as_rule() == rule).ok_or_else(|| internal(at))
}

fn parse_target(pair: Pair<'_, Rule>) -> Result<Target> {
    let at = span(&pair);
    let op_pair = find(pair.clone(), Rule::target_op)?;
    let op = match op_pair.as_str() {
        "≥" | ">=" => TargetOp::Ge,
        "≤" | "<=" => TargetOp::Le,
        ">" | "＞" => TargetOp::Gt,
        "<" | "＜" => TargetOp::Lt,
        _ => TargetOp::Eq,
    };
    let value = parse_quantity(find_in(pair.into_inner(), Rule::quantity, at)?)?.node;
    Ok(Target { op, value })
}

fn parse_scoring(pair: Pair<'_, Rule>) -> Result<Scoring> {
    let mut scoring = Scoring { cumulative: false, tiers: Vec::new() };
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::cumulative => scoring.cumulative = true,
            Rule::tier => {
                let at = span(&p);
                let inner = p.into_inner().next().ok_or_else(|| internal(at))?;
                let tier = match inner.as_rule() {
                    Rule::per_tier => parse_per_tier(inner)?,
                    _ => parse_condition_tier(inner)?,
                };
                scoring.tiers.push(Spanned::new(tier, at));
            }
            _ => {}
        }
    }
    Ok(scoring)
}

fn parse_per_tier(pair: Pair<'_, Rule>) -> Result<Tier> {
    let at = span(&pair);
    let mut step = None;
    let mut subject = None;
    let mut deduct = None;
    for p in pair.into_inner() {
        let ps = span(&p);
        match p.as_rule() {
            Rule::step => {
                let inner = p.into_inner().next().ok_or_else(|| internal(ps))?;
                step = Some(match inner.as_rule() {
                    Rule::quantity => parse_quantity(inner)?,
                    _ => Spanned::new(Quantity { value: Decimal::ONE, unit: Some(inner.as_str().to_owned()) }, ps),
                });
            }
            Rule::subject => subject = Some(parse_name(find(p, Rule::name)?)?),
            Rule::deduction => deduct = Some(parse_deduction(p)?),
            _ => {}
        }
    }
    let deduct = deduct.ok_or_else(|| internal(at))?;
    Ok(Tier::PerStep { step, subject, deduct })
}

fn parse_condition_tier(pair: Pair<'_, Rule>) -> Result<Tier> {
    let at = span(&pair);
    let mut inner = pair.into_inner();
    let condition = next(&mut inner, at)?;
    let deduct = parse_deduction(find_in(inner, Rule::deduction, at)?)?;
    let mut subject = None;
    let mut test = None;
    for p in condition.into_inner() {
        let ps = span(&p);
        match p.as_rule() {
            Rule::subject => subject = Some(parse_name(find(p, Rule::name)?)?),
            Rule::deviation => test = Some(Spanned::new(parse_deviation(p)?, ps)),
            Rule::prefix_comparison | Rule::postfix_comparison => {
                test = Some(Spanned::new(parse_comparison(p)?, ps));
            }
            _ => {}
        }
    }
    let test = test.ok_or_else(|| internal(at))?;
    Ok(Tier::Condition { subject, test, deduct })
}

fn parse_deduction(pair: Pair<'_, Rule>) -> Result<Spanned<Decimal>> {
    let at = span(&pair);
    let inner = pair.into_inner().next().ok_or_else(|| internal(at))?;
    let n = find(inner, Rule::number)?;
    let ns = span(&n);
    Ok(Spanned::new(parse_number(n)?, ns))
}

fn parse_deviation(pair: Pair<'_, Rule>) -> Result<Test> {
    let at = span(&pair);
    let mut base = None;
    let mut share = None;
    let mut inclusive = false;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::deviation_ref => {
                for q in p.into_inner() {
                    match q.as_rule() {
                        Rule::name => base = Some(parse_name(q)?),
                        Rule::quantity => share = Some(parse_quantity(q)?),
                        _ => {}
                    }
                }
            }
            Rule::inclusive => inclusive = true,
            _ => {}
        }
    }
    let share = share.ok_or_else(|| internal(at))?;
    Ok(Test::Deviation { base, share, inclusive })
}

fn parse_comparison(pair: Pair<'_, Rule>) -> Result<Test> {
    let at = span(&pair);
    let mut cmp = None;
    let mut reference = None;
    let mut inclusive = false;
    for p in pair.into_inner() {
        match p.as_rule() {
            Rule::cmp_lt => cmp = Some(Cmp::Lt),
            Rule::cmp_gt => cmp = Some(Cmp::Gt),
            Rule::cmp_le | Rule::cmp_le_post => cmp = Some(Cmp::Le),
            Rule::cmp_ge | Rule::cmp_ge_post => cmp = Some(Cmp::Ge),
            Rule::reference => reference = Some(parse_reference(p)?),
            Rule::inclusive => inclusive = true,
            _ => {}
        }
    }
    let mut cmp = cmp.ok_or_else(|| internal(at))?;
    if inclusive {
        cmp = match cmp {
            Cmp::Lt => Cmp::Le,
            Cmp::Gt => Cmp::Ge,
            other => other,
        };
    }
    let reference = reference.ok_or_else(|| internal(at))?;
    Ok(Test::Compare { cmp, reference })
}

/// `上期90%` (ratio_zh), `90% of last year` (quantity, of, name) or `90%` (quantity).
fn parse_reference(pair: Pair<'_, Rule>) -> Result<Reference> {
    let at = span(&pair);
    let mut inner = pair.into_inner();
    let first = next(&mut inner, at)?;
    let parts: Vec<Pair<'_, Rule>> = match first.as_rule() {
        Rule::ratio_zh => first.into_inner().collect(),
        _ => std::iter::once(first).chain(inner).collect(),
    };
    let mut share = None;
    let mut base = None;
    for p in parts {
        match p.as_rule() {
            Rule::quantity => share = Some(parse_quantity(p)?),
            Rule::name => base = Some(parse_name(p)?),
            _ => {}
        }
    }
    match (share, base) {
        (Some(share), Some(base)) => Ok(Reference::ShareOf { share, base }),
        (Some(value), None) => Ok(Reference::Value(value)),
        _ => Err(internal(at)),
    }
}
