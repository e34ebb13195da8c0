//! Names, labels, quoted text, numbers and quantities as the printer writes them.

use pest::Parser as _;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::ast::Quantity;
use crate::grammar::{Rule, ScorecardParser};
use crate::Lang;

/// Keywords that are tested by look-ahead where a name may stand (the next
/// column of an indicator, a cap, `否则`, `评定分`, a setting): a bare name
/// starting with one would be read as the keyword, so such names are quoted.
const LEADING_KEYWORDS: [Rule; 34] = [
    Rule::kw_unassessed,
    Rule::cumulative,
    Rule::kw_scoring,
    Rule::kw_points,
    Rule::kw_measure,
    Rule::kw_target,
    Rule::kw_nature,
    Rule::quantitative,
    Rule::qualitative,
    Rule::kw_criterion,
    Rule::kw_content,
    Rule::kw_basis,
    Rule::kw_source,
    Rule::kw_pending,
    Rule::kw_group1,
    Rule::kw_group2,
    Rule::kw_indicator,
    Rule::kw_score,
    Rule::kw_bonus,
    Rule::kw_veto,
    Rule::kw_discretionary,
    Rule::kw_na_if,
    Rule::kw_na_policy,
    Rule::kw_at_most,
    Rule::otherwise,
    Rule::kw_assessed,
    Rule::kw_total,
    Rule::kw_rounding,
    Rule::kw_grades,
    Rule::kw_input,
    Rule::kw_const,
    Rule::kw_calc,
    Rule::kw_scorecard,
    Rule::bonus_policy,
];

/// Whether all of `text` is read by `rule`.
fn whole(rule: Rule, text: &str) -> bool {
    ScorecardParser::parse(rule, text)
        .ok()
        .and_then(|mut pairs| pairs.next())
        .is_some_and(|p| p.as_span().end() == text.len())
}

/// A word that may be written bare: a name or a grade label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bare {
    /// A name (`bare_name`).
    Name,
    /// A grade label (`bare_label`).
    Label,
}

impl Bare {
    fn rule(self) -> Rule {
        match self {
            Bare::Name => Rule::bare_name,
            Bare::Label => Rule::bare_label,
        }
    }

    /// Whether `text` alone reads back as itself, bare: all of it is read,
    /// it starts with no keyword tried before a name, and it has no runs of
    /// spaces (a bare English name has them made one).
    pub(super) fn reads_whole(self, text: &str) -> bool {
        !text.is_empty()
            // Quotes are read as quotes, even where a bare word could hold them.
            && !text.starts_with(['「', '"'])
            && whole(self.rule(), text)
            && !LEADING_KEYWORDS.iter().any(|&k| ScorecardParser::parse(k, text).is_ok())
            && !text.contains("  ")
            && !text.contains(['\t', '\u{3000}'])
    }

    /// Whether `written`, followed by `next`, is still read as exactly `written`.
    pub(super) fn ends_before(self, written: &str, next: &str) -> bool {
        let joined = format!("{written}{next}");
        ScorecardParser::parse(self.rule(), &joined)
            .ok()
            .and_then(|mut pairs| pairs.next())
            .is_some_and(|p| p.as_span().end() == written.len())
    }
}

/// Quoted text: `「…」` in Chinese files and `"…"` in English ones, or the
/// other pair when the text holds the closing quote.
pub(super) fn quoted(lang: Lang, text: &str) -> String {
    let cjk = match lang {
        Lang::Zh => !text.contains('」'),
        Lang::En => text.contains('"'),
    };
    if cjk {
        format!("「{text}」")
    } else {
        format!("\"{text}\"")
    }
}

/// A record key, bare when it is a plain word (`cases_last_year`), quoted otherwise.
pub(super) fn key(lang: Lang, text: &str) -> String {
    if !text.is_empty() && whole(Rule::key_word, text) {
        text.to_owned()
    } else {
        quoted(lang, text)
    }
}

/// A number as written: `90`, `241.73`, `-5` (the sign is only ever set in an input's range).
pub(super) fn number(value: Decimal) -> String {
    value.to_string()
}

/// A quantity: `90%`, `241.73万元`, `30 days`, or a date `2021-06-30`.
pub(super) fn quantity(q: &Quantity) -> String {
    match q.unit.as_deref() {
        Some("日期") => q.value.to_i64().map_or_else(|| q.value.to_string(), crate::date::format),
        Some(unit) if unit.starts_with(|c: char| c.is_ascii_alphabetic()) => format!("{} {unit}", number(q.value)),
        Some(unit) => format!("{}{unit}", number(q.value)),
        None => number(q.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_bare_only_when_they_read_back_as_themselves() {
        let bare = |text: &str| Bare::Name.reads_whole(text);
        assert!(bare("年办件量") && bare("annual cases") && bare("满意不"));
        // A stop word inside, a keyword in front, digits, spaces, an English keyword, nothing.
        for odd in ["不低于率", "分值率", "否则情况", "累计次数", "2021年预算", "甲 乙", "a  b", "points earned", ""]
        {
            assert!(!bare(odd), "{odd}");
        }
        // What follows matters: 满意不 runs into 低于.
        assert!(Bare::Name.ends_before("满意不", "，扣3分"));
        assert!(!Bare::Name.ends_before("满意不", "低于90%"));
        assert!(!Bare::Name.ends_before("abc", "90%"));
    }

    #[test]
    fn quotes_switch_when_the_text_holds_the_closing_one() {
        assert_eq!(quoted(Lang::Zh, "「甲」"), "\"「甲」\"");
        assert_eq!(quoted(Lang::En, "say \"hi\""), "「say \"hi\"」");
        // A label that starts with a quote is read as quoted text, so it is never bare.
        assert!(!Bare::Label.reads_whole("「良」"));
        assert!(Bare::Label.reads_whole("部分达成"));
        assert!(!Bare::Label.reads_whole("评定分"));
    }

    #[test]
    fn quantities_keep_their_unit_and_dates_print_as_dates() {
        let q = |value: Decimal, unit: Option<&str>| Quantity { value, unit: unit.map(str::to_owned) };
        assert_eq!(quantity(&q(Decimal::new(24173, 2), Some("万元"))), "241.73万元");
        assert_eq!(quantity(&q(Decimal::new(30, 0), Some("days"))), "30 days");
        assert_eq!(quantity(&q(Decimal::new(18_808, 0), Some("日期"))), "2021-06-30");
        assert_eq!(quantity(&q(Decimal::new(900, 1), None)), "90.0");
    }
}
