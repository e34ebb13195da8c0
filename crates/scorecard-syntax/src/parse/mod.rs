//! Conversion of pest pairs into the typed AST. Each grammar rule has one
//! `parse_<rule>` function; none of them can panic on any input.

use pest::iterators::Pair;
use pest::Parser as _;

use crate::ast::*;
use crate::grammar::{Rule, ScorecardParser};
use crate::{syntax_error, Code, Diagnostic, Lang, Limits, Span, Spanned};

mod decl;
mod expr;
mod pairs;
mod rules;

use decl::*;
use pairs::*;
use rules::*;

type Result<T> = std::result::Result<T, Diagnostic>;

/// Parses a rule file into its AST, or returns every diagnostic found.
pub fn parse(src: &str, limits: &Limits) -> std::result::Result<File, Vec<Diagnostic>> {
    crate::source::check_text(src, limits).map_err(|d| vec![d])?;
    let lang = limits.lang_of(src);
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
                "将表拆成几个文件，或调高上限（Limits::with_max_indicators）",
                "split the table into several files, or raise the limit (Limits::with_max_indicators)",
            ),
        ),
        Code::BadDate => (
            lang.pick(format!("`{text}` 不是有效的日期"), format!("`{text}` is not a real date")),
            lang.pick("日期无效", "invalid date"),
            lang.pick(
                "日期写成 `2021-06-30` 或 `2021年6月30日`，年份 1～9999",
                "write dates as `2021-06-30`, years 1 to 9999",
            ),
        ),
        Code::DuplicateSetting => (
            lang.pick(format!("`{text}`：同一项写了两次"), format!("`{text}` is given twice")),
            lang.pick("重复", "given again here"),
            lang.pick(
                "每项设置、每个指标的每一栏只能写一次；删除其中一处",
                "each setting and each indicator property may be given once; remove one",
            ),
        ),
        Code::TooDeep => (
            lang.pick(
                format!(
                    "表达式嵌套过深：括号和函数最多嵌套 {} 层，一个表达式最多连续运算 {} 步",
                    expr::MAX_DEPTH,
                    expr::MAX_HEIGHT
                ),
                format!(
                    "the expression is nested too deeply: at most {} levels of parentheses and calls, and at most {} operations in a row",
                    expr::MAX_DEPTH,
                    expr::MAX_HEIGHT
                ),
            ),
            lang.pick("从这里起超出上限", "over the limit from here"),
            lang.pick(
                "拆成几个 `计算` 步骤，每步算出其中一部分",
                "split it into several `let` steps, each computing a part of it",
            ),
        ),
        Code::TooManyTiers => (
            lang.pick(
                format!("一个指标的评分档位和分档合计超过 {} 档的上限", limits.max_tiers),
                format!("more than {} tiers and bands in one indicator", limits.max_tiers),
            ),
            lang.pick("档位过多", "too many tiers"),
            lang.pick(
                "拆分该指标，或调高上限（Limits::with_max_tiers）",
                "split the indicator, or raise the limit (Limits::with_max_tiers)",
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
impl Converter<'_> {
    fn parse_file(&mut self, pair: Pair<'_, Rule>) -> Result<File> {
        let mut file = File::new(Lang::Zh, Spanned::new(String::new(), Span::default()));
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
                Rule::calc_decl => file.calcs.push(parse_calc(p, &mut expr::Depth(0))?),
                Rule::na_policy => {
                    let policy = if p.into_inner().any(|q| q.as_rule() == Rule::na_rescale) {
                        NaPolicy::Rescale
                    } else {
                        NaPolicy::FullPoints
                    };
                    set_once(&mut file.na_policy, Spanned::new(policy, at), file.lang)?;
                }
                Rule::bonus_policy => file.bonus_may_exceed = Some(Spanned::new((), at)),
                Rule::unassessed => {
                    let policy = match p.into_inner().last().map(|q| q.as_rule()) {
                        Some(Rule::take_bottom) => Unassessed::Bottom,
                        Some(Rule::take_middle) => Unassessed::Middle,
                        _ => Unassessed::Top,
                    };
                    set_once(&mut file.unassessed, Spanned::new(policy, at), file.lang)?;
                }
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
            // Underline the header (`三级指标 名称`), not the whole indicator.
            let head = pair.clone().into_inner().take(2).fold(None::<Span>, |acc, p| {
                let s = span(&p);
                Some(acc.map_or(s, |a| a.join(s)))
            });
            return Err(Diagnostic::error(Code::TooManyIndicators, head.unwrap_or(at), "", ""));
        }
        let mut ind = Indicator::new(Spanned::new(String::new(), at), at);
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
                    Rule::kw_pending => &mut ind.pending,
                    _ => &mut ind.source,
                };
                set_once(slot, text, lang)?;
            }
            Rule::points_prop => {
                set_once(&mut ind.points, Spanned::new(parse_number(find(p, Rule::number)?)?, at), lang)?
            }
            Rule::measure_prop => set_once(&mut ind.measure, parse_name(find(p, Rule::name)?)?, lang)?,
            Rule::scoring | Rule::bonus_stmt => {
                let is_bonus = p.as_rule() == Rule::bonus_stmt;
                let scoring = parse_scoring(p)?;
                self.check_tiers(ind, scoring.tiers.len(), at)?;
                if is_bonus {
                    ind.bonus.push(scoring);
                } else {
                    ind.scoring.push(scoring);
                }
            }
            Rule::score_stmt => {
                let stmt = parse_score_stmt(p, &mut expr::Depth(0))?;
                self.check_tiers(ind, stmt_tiers(&stmt), at)?;
                ind.score.push(Spanned::new(stmt, at));
            }
            Rule::veto_stmt => ind.vetoes.push(Spanned::new(parse_veto(p)?, at)),
            Rule::discretionary => {
                let input = parse_name(find(p.clone(), Rule::name)?)?;
                let max = parse_cap(find(p, Rule::cap)?)?;
                set_once(&mut ind.discretionary, Spanned::new(Discretionary { input, max }, at), lang)?;
            }
            Rule::na_prop => set_once(&mut ind.not_applicable, parse_name(find(p, Rule::name)?)?, lang)?,
            _ => {}
        }
        Ok(())
    }
}

impl Converter<'_> {
    /// E0005 when `more` tiers would take the indicator over the limit. Tiers,
    /// bands and grades all count: the checks that compare them are not free.
    fn check_tiers(&self, ind: &Indicator, more: usize, at: Span) -> Result<()> {
        let tiers = ind.scoring.iter().chain(&ind.bonus).map(|s| s.tiers.len());
        let bands = ind.score.iter().map(|s| stmt_tiers(&s.node));
        if tiers.chain(bands).fold(more, usize::saturating_add) > self.limits.max_tiers {
            return Err(Diagnostic::error(Code::TooManyTiers, at, "", ""));
        }
        Ok(())
    }
}

/// How many tiers a `得分` statement has: its bands or grades.
fn stmt_tiers(stmt: &ScoreStmt) -> usize {
    match stmt {
        ScoreStmt::Formula(_) => 0,
        ScoreStmt::Grades { entries, .. } => entries.len(),
        ScoreStmt::Bands { bands, .. } => bands.len(),
    }
}

/// Stores a property, rejecting a second occurrence.
fn set_once<T>(slot: &mut Option<T>, value: T, _lang: Lang) -> Result<()>
where
    T: HasSpan,
{
    if slot.is_some() {
        return Err(Diagnostic::error(Code::DuplicateSetting, value.span(), "", ""));
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
