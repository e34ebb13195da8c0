//! Turning pest's parse failures into diagnostics an analyst can act on:
//! what was expected in the language's own terms, never grammar rule names.

use crate::grammar::Rule;
use crate::{Code, Diagnostic, Lang, Span};

/// Converts a pest error into a diagnostic in the file's language.
pub(crate) fn convert(err: &pest::error::Error<Rule>, src: &str, lang: Lang) -> Diagnostic {
    let at = match err.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let positives: &[Rule] = match &err.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives,
        pest::error::ErrorVariant::CustomError { .. } => &[],
    };
    let mut expected: Vec<&'static str> = Vec::new();
    // Optional extras (end of file, `（含）`) are noise next to what is really missing.
    let optional = |r: &Rule| matches!(r, Rule::EOI | Rule::inclusive | Rule::exclusive);
    for rule in positives.iter().filter(|r| !optional(r) || positives.len() == 1) {
        if let Some(words) = describe(*rule, lang) {
            if !expected.contains(&words) {
                expected.push(words);
            }
        }
    }
    let mut found = found_text(src, at);
    // When the statement is cut short, point just after its last token, not at
    // the start of the next line.
    let prev = end_of_previous_token(src, at);
    let line_break_between = src.get(prev..at).is_some_and(|gap| gap.contains(['\n', '\r']));
    let at = if found.is_none() || found.as_deref() == Some("↵") {
        prev
    } else if line_break_between && !positives.iter().any(|r| starts_statement(*r)) {
        found = Some("↵".to_owned());
        prev
    } else {
        at
    };
    let width = match found.as_deref() {
        Some("↵") | None => 0,
        Some(f) => f.len(),
    };
    let span = Span::new(at, at.saturating_add(width));
    let found_words = match found.as_deref() {
        Some("↵") => lang.pick("行尾", "the end of the line").to_owned(),
        Some(f) => format!("`{f}`"),
        None => lang.pick("文件结尾", "the end of the file").to_owned(),
    };
    let message = if expected.is_empty() {
        lang.pick(format!("此处不应出现 {found_words}"), format!("unexpected {found_words}"))
    } else {
        let list = expected.join(lang.pick("、", ", "));
        lang.pick(format!("此处应为 {list}，但看到的是 {found_words}"), format!("expected {list}, found {found_words}"))
    };
    let label = lang.pick("无法识别", "not understood here");
    let mut d = Diagnostic::error(Code::Syntax, span, message, label);
    if let Some(help) = comparison_in_name(src, at, lang) {
        d = d.with_help(help);
    } else if let Some(help) = help_for(positives, found.as_deref(), lang) {
        d = d.with_help(help);
    }
    let fix = if positives.contains(&Rule::fen) {
        crate::quick_fix::add_fen(src, span, lang)
    } else {
        crate::quick_fix::quote_heading(src, span, lang)
    };
    if let Some(fix) = fix {
        d = d.with_fix(fix);
    }
    d
}

/// Comparison words, each a rule of the grammar.
const COMPARISON_WORDS: [Rule; 7] =
    [Rule::cmp_le, Rule::cmp_ge, Rule::cmp_lt, Rule::cmp_gt, Rule::cmp_le_post, Rule::cmp_ge_post, Rule::cmp_deviation];

/// The comparison word `text` starts with, if any.
fn comparison_at(text: &str) -> Option<String> {
    use pest::Parser as _;
    COMPARISON_WORDS.iter().find_map(|rule| {
        let pair = crate::grammar::ScorecardParser::parse(*rule, text).ok()?.next()?;
        Some(pair.as_str().to_owned())
    })
}

/// The quoting hint when parsing stopped at a comparison word in the middle
/// of a Chinese name (`输入 质量未达到设计要求 = …` stops at `未达到`): a bare
/// name ends before a comparison word, so such a name must be quoted.
fn comparison_in_name(src: &str, at: usize, lang: Lang) -> Option<String> {
    let (before, rest) = (src.get(..at)?, src.get(at..)?);
    let is_cjk = |c: char| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}');
    if !before.chars().next_back().is_some_and(is_cjk) {
        return None;
    }
    let head: String = {
        let mut chars: Vec<char> = before.chars().rev().take_while(|c| is_cjk(*c)).collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    let (word, name) = match comparison_at(rest) {
        // The name goes on after the word (`质量未达到设计要求`); a word that
        // ends the run is the comparison itself (`年办件量低于100万件`).
        Some(word) => {
            let tail: String = rest.chars().take_while(|c| is_cjk(*c)).collect();
            if tail.len() <= word.len() {
                return None;
            }
            (word, format!("{head}{tail}"))
        }
        // Stopped after the name: it is one only if the file quotes it elsewhere
        // (`评分 质量未达到设计要求，扣1分` after `输入 「质量未达到设计要求」`).
        None if src.contains(&format!("「{head}」")) || src.contains(&format!("\"{head}\"")) => {
            let inner = head.char_indices().skip(1).find_map(|(i, _)| comparison_at(head.get(i..)?))?;
            (inner, head)
        }
        None => return None,
    };
    Some(match lang {
        Lang::Zh => format!("名称 `{name}` 中含有比较词 `{word}`，不加引号会从这里断开；请用「」括起来：「{name}」"),
        Lang::En => format!(
            "the name `{name}` contains the comparison word `{word}`, which ends a bare name; quote it: 「{name}」"
        ),
    })
}

/// The token-like text at `at`: up to the next space or punctuation, at most 12 characters.
fn found_text(src: &str, at: usize) -> Option<String> {
    let rest = src.get(at..)?;
    let first = rest.chars().next()?;
    if first == '\n' || first == '\r' {
        return Some(lang_neutral_newline());
    }
    let text: String = if first.is_alphanumeric() || first == '_' {
        rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').take(12).collect()
    } else {
        first.to_string()
    };
    Some(text)
}

/// Whether a rule can begin a new line's statement (so a failure there may be
/// about that line, not the previous one).
fn starts_statement(rule: Rule) -> bool {
    use Rule::*;
    matches!(
        rule,
        EOI | kw_total
            | kw_rounding
            | kw_grades
            | kw_input
            | kw_const
            | kw_group1
            | kw_group2
            | kw_indicator
            | kw_target
            | kw_nature
            | quantitative
            | qualitative
            | kw_criterion
            | kw_content
            | kw_basis
            | kw_source
            | kw_pending
            | kw_points
            | kw_measure
            | kw_scoring
    )
}

/// The offset just after the last non-space character before `at`.
fn end_of_previous_token(src: &str, at: usize) -> usize {
    src.get(..at).map_or(at, |s| s.trim_end_matches(|c: char| c.is_whitespace()).len())
}

fn lang_neutral_newline() -> String {
    "↵".to_owned()
}

/// Human words for what a rule stands for, or `None` for rules never worth naming.
fn describe(rule: Rule, lang: Lang) -> Option<&'static str> {
    use Rule::*;
    let (zh, en) = match rule {
        EOI => ("文件结尾", "the end of the file"),
        header | kw_scorecard => ("表头 `计分表 「名称」`", "the header `scorecard \"name\"`"),
        name | bare_name | subject => ("名称", "a name"),
        quoted | quoted_cjk | quoted_ascii => ("引号括起的文字 「…」", "quoted text \"…\""),
        number | signed_number | points_amount | deduct_amount => ("数字", "a number"),
        quantity | step_quantity | reference | ratio_zh | step => {
            ("数值（如 `90%`、`上期90%`）", "a value such as `90%` or `90% of last year`")
        }
        unit | unknown_unit | input_type => {
            ("单位（如 `%`、`件`、`万元`、`次`）", "a unit such as `%`, `件`, `万元` or `次`")
        }
        cmp_lt | cmp_gt | cmp_le | cmp_ge | cmp_deviation | condition | deviation | prefix_comparison => {
            ("比较词（如 `低于`、`超过`、`达到`）", "a comparison word such as `below`, `above` or `at least`")
        }
        cmp_le_post | cmp_ge_post | postfix_comparison => ("`以上` 或 `以下`", "`or more` or `or less`"),
        inclusive => ("`（含）`", "`inclusive`"),
        deduction | deduct_zh | deduct_en | kw_deduct | arrow => ("扣分（如 `扣3分`）", "a deduction such as `→ −3`"),
        minus => ("负号 `−`", "a minus sign `−`"),
        fen => ("`分`", "`分`"),
        tier | condition_tier | per_tier | kw_each => {
            ("评分条件（如 `低于90%，扣3分`）", "a tier such as `below 90% → −3`")
        }
        kw_total | kw_rounding | kw_grades | kw_input | kw_const => (
            "设置或声明（`总分`、`舍入`、`等级`、`输入`、`常量`）",
            "a setting or declaration (`total`, `rounding`, `grades`, `input`, `const`)",
        ),
        kw_group1 | kw_group2 | kw_indicator => {
            ("`一级指标`、`二级指标` 或 `三级指标`", "`group`, `subgroup` or `indicator`")
        }
        kw_target | kw_nature | quantitative | qualitative | kw_criterion | kw_content | kw_basis | kw_source
        | kw_pending | kw_points | kw_measure | kw_scoring => (
            "指标的栏目（如 `指标值`、`分值`、`评分`）",
            "an indicator property such as `target`, `points` or `scoring`",
        ),
        rounding_mode | half_up | half_even => ("舍入方式 `四舍五入` 或 `四舍六入五成双`", "`half-up` or `half-even`"),
        places | places_word | keep => ("保留位数（如 `保留2位`）", "decimal places such as `2 places`"),
        grade => ("等级（如 `优 90`）", "a grade such as `优 90`"),
        input_key | key_word => ("数据中的字段名（如 `cases`）", "the record key, such as `cases`"),
        range | kw_range => ("`范围`", "`range`"),
        range_to => ("`～`", "`to`"),
        take_top | take_bottom | take_middle => ("`取上限`、`取下限` 或 `取中间值`", "`top`, `bottom` or `middle`"),
        eq => ("`=`", "`=`"),
        target_op | ge_sign => ("`=`、`≥` 或 `≤`", "`=`, `>=` or `<=`"),
        colon => ("`：`", "`:`"),
        sep => ("分隔符 `，`", "a separator `,`"),
        open_paren => ("`（`", "`(`"),
        close_paren => ("`）`", "`)`"),
        kw_of | kw_by | points_word if lang == Lang::Zh => return None,
        kw_of => ("`of`", "`of`"),
        kw_by => ("`by`", "`by`"),
        cumulative => ("`累计`", "`cumulative`"),
        points_word => ("`points`", "`points`"),
        _ => return None,
    };
    Some(lang.pick(zh, en))
}

/// A hint that depends only on the text found.
fn help_for_found(found: Option<&str>, lang: Lang) -> Option<&'static str> {
    let f = found?;
    let first = f.chars().next()?;
    if matches!(first, '“' | '”' | '‘' | '’') {
        return Some(lang.pick(
            "弯引号“…”不是名称的引号；请用「…」或英文直引号 \"…\"",
            "curly quotes “…” do not quote names; use straight quotes \"…\" or 「…」",
        ));
    }
    if first == '「' {
        return Some(lang.pick("「 没有配对的 」；请补上右引号", "`「` has no closing `」`; add it"));
    }
    if "一二三四五六七八九十百千两零".contains(first) {
        return Some(
            lang.pick("数字请用阿拉伯数字书写，如 `扣15分`、`90%`", "write numbers in digits, e.g. `15` or `90%`"),
        );
    }
    let keywords = [
        "of", "by", "at", "or", "each", "is", "off", "top", "from", "below", "under", "above", "over", "before",
        "after",
    ];
    if keywords.contains(&f) {
        return Some(lang.pick(
            "这是英文关键字；名称中含有关键字时，请用引号括起来",
            "this word is a keyword; put names that contain a keyword in quotes, e.g. \"share of cases\"",
        ));
    }
    None
}

/// A hint for the most common mistakes.
fn help_for(positives: &[Rule], found: Option<&str>, lang: Lang) -> Option<&'static str> {
    let expects = |r: Rule| positives.contains(&r);
    let first = found.and_then(|f| f.chars().next());
    let found_cjk = first.is_some_and(|c| !c.is_ascii());
    if let Some(help) = help_for_found(found, lang) {
        return Some(help);
    }
    if expects(Rule::input_type) {
        return Some(lang.pick(
            "每个输入要在括号中写明单位或类型，如 `（件）`、`（%）`、`（是否）`、`（等级：好、较好、一般、差）`",
            "each input names its unit or kind in parentheses, e.g. `(件)`, `(%)`, `(yes/no)`, `(grade: good, fair, poor)`",
        ));
    }
    if first.is_some_and(|c| c.is_ascii_digit()) && (expects(Rule::kw_scoring) || expects(Rule::kw_indicator)) {
        return Some(lang.pick(
            "名称中含有数字时，请用「」括起来，例如 「保障123个窗口运行」",
            "put names that contain digits in quotes, e.g. \"window 123\"",
        ));
    }
    if expects(Rule::cmp_le_post) || expects(Rule::cmp_ge_post) {
        return Some(lang.pick(
            "每一档需要一个比较词，如 `低于90%`、`高于10%`、`达到1次`、`90%以下`；请检查比较词是否写错",
            "each tier needs a comparison word, e.g. `below 90%`, `above 10%`, `at least 1次`, `90% or less`; check its spelling",
        ));
    }
    if expects(Rule::deduction) || expects(Rule::deduct_zh) || expects(Rule::kw_deduct) || expects(Rule::arrow) {
        return Some(lang.pick(
            "每一档写成「条件，扣N分」，例如 `低于上期90%，扣3分`",
            "write each tier as a condition and a deduction, e.g. `below 90% of last year → −3`",
        ));
    }
    if expects(Rule::fen) {
        return Some(lang.pick(
            "分数后面要写“分”，例如 `扣3分`",
            "in English write the number alone, e.g. `total 100`, `points 8`, `→ −3`",
        ));
    }
    if expects(Rule::unit) {
        return Some(lang.pick(
            "可用的单位：% 个百分点 百分点 pp 件 万件 元 千元 万元 亿元 次 人次 万人次 人 万人 天 日 周 小时 个月 月 年 个 户 项 起 篇 名 台 台次 辆 套 所 家 场 期 批次 公顷 亩 万亩 平方米 公里 公斤 千克 吨 分",
            "known units: % 个百分点 百分点 pp 件 万件 元 千元 万元 亿元 次 人次 万人次 人 万人 天 日 周 小时 个月 月 年 个 户 项 起 篇 名 台 台次 辆 套 所 家 场 期 批次 公顷 亩 万亩 平方米 公里 公斤 千克 吨 分",
        ));
    }
    if expects(Rule::name) && found.is_some() {
        return Some(lang.pick(
            "名称中含有数字、标点或关键字时，请用「」括起来，例如 「保障123个窗口运行」",
            "put names that contain digits, punctuation or keywords in quotes, e.g. \"window 123\"",
        ));
    }
    if expects(Rule::kw_scoring) && found_cjk {
        return Some(lang.pick(
            "指标的每一栏以关键字开头（`指标值`、`分值`、`度量`、`评分` 等）；评分条件写在 `评分` 之后",
            "each indicator property starts with a keyword (`target`, `points`, `measure`, `scoring`, …)",
        ));
    }
    if expects(Rule::header) || expects(Rule::kw_scorecard) {
        return Some(lang.pick("规则文件以 `计分表 「名称」` 开头", "a rule file starts with `scorecard \"name\"`"));
    }
    None
}
