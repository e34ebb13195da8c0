//! The reading model as plain text, for the terminal and editor hovers.

use std::fmt::Write;

use scorecard_syntax::Lang;

use super::{IndicatorReading, InputKind, InputReading, Reading, Rule, ScoreReading, StatementReading};
use crate::number::plain;

impl Reading {
    /// The language of the sentences.
    pub fn language(&self) -> Lang {
        if self.lang == "en" {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// The whole reading as text: settings, inputs, constants, then each indicator.
    pub fn text(&self) -> String {
        let lang = self.language();
        let mut out = match lang {
            Lang::Zh => format!("计分表「{}」，总分 {} 分\n", self.name, plain(self.total)),
            Lang::En => format!("scorecard `{}`, {} points in all\n", self.name, plain(self.total)),
        };
        let _ = writeln!(out, "{}{}", self.rounding, lang.pick("。", "."));
        let _ = writeln!(out, "{}{}", self.not_applicable, lang.pick("。", "."));
        if !self.grades.is_empty() {
            let grades: Vec<String> = self
                .grades
                .iter()
                .map(|g| g.min.map_or_else(|| g.name.clone(), |m| format!("{} ≥ {}", g.name, plain(m))))
                .collect();
            let _ = writeln!(out, "{}{}", lang.pick("等级：", "grades: "), grades.join(lang.pick("，", ", ")));
        }
        let _ = writeln!(out, "\n{}", lang.pick("输入：", "inputs:"));
        for input in &self.inputs {
            let _ = writeln!(out, "  {}", input.text(lang));
        }
        if !self.constants.is_empty() {
            let _ = writeln!(out, "\n{}", lang.pick("常量：", "constants:"));
            for c in &self.constants {
                let _ = writeln!(out, "  {} = {}", c.name, c.value.shown);
            }
        }
        for ind in &self.indicators {
            let _ = write!(out, "\n{}", ind.text(lang));
        }
        out
    }
}

impl InputReading {
    /// One line: name, key, unit or kind, range and where it is used.
    pub fn text(&self, lang: Lang) -> String {
        let what = match (self.kind, lang) {
            (InputKind::YesNo, _) => lang.pick("是否", "yes/no").to_owned(),
            (InputKind::Grades, _) => self.grades.join(lang.pick("、", "/")),
            _ if self.unit.is_empty() => lang.pick("数值", "number").to_owned(),
            _ if self.list => format!("{}{}", self.unit, lang.pick("，列表", ", list")),
            _ => self.unit.clone(),
        };
        let mut line = match (&self.key, &self.formula) {
            (Some(key), _) => match lang {
                Lang::Zh => format!("{} = {key}（{what}）", self.name),
                Lang::En => format!("{} = {key} ({what})", self.name),
            },
            (None, Some(f)) => match lang {
                Lang::Zh => format!("{} = {f}（计算）", self.name),
                Lang::En => format!("{} = {f} (derived)", self.name),
            },
            (None, None) => self.name.clone(),
        };
        if let Some((lo, hi)) = &self.range {
            let _ = write!(line, "{}{}～{}", lang.pick("，范围 ", ", range "), lo.shown, hi.shown);
        }
        let used = if self.used_by.is_empty() {
            lang.pick("未被使用", "not used").to_owned()
        } else {
            format!("{}{}", lang.pick("用于 ", "used by "), self.used_by.join(lang.pick("、", ", ")))
        };
        let _ = write!(line, "{}{used}", lang.pick("；", "; "));
        line
    }
}

impl IndicatorReading {
    /// The indicator's rules as text: a heading, then one line per tier or band.
    pub fn text(&self, lang: Lang) -> String {
        let mut path = self.path.clone();
        path.push(self.name.clone());
        let mut out = match lang {
            Lang::Zh => format!("{}（{} 分，第 {} 行）\n", path.join(" / "), plain(self.points), self.place.line),
            Lang::En => format!("{} ({} points, line {})\n", path.join(" / "), plain(self.points), self.place.line),
        };
        for rule in &self.rules {
            rule_text(&mut out, rule, lang);
        }
        let _ = writeln!(out, "  {}", self.bounds);
        out
    }
}

fn rule_text(out: &mut String, rule: &Rule, lang: Lang) {
    match rule {
        Rule::Deduction(st) => statement_text(out, st, lang.pick("评分", "deductions"), lang),
        Rule::Bonus(st) => statement_text(out, st, lang.pick("加分", "bonuses"), lang),
        Rule::Score(ScoreReading::Bands { policy, bands, .. }) => {
            let _ = match lang {
                Lang::Zh => writeln!(out, "  得分（{policy}）"),
                Lang::En => writeln!(out, "  score ({policy})"),
            };
            for b in bands {
                let _ = writeln!(out, "    · {}", b.words);
            }
        }
        Rule::Score(ScoreReading::Formula { formula, words, .. }) => {
            let _ = match lang {
                Lang::Zh => writeln!(out, "  得分：{formula}（{words}）"),
                Lang::En => writeln!(out, "  score: {formula} ({words})"),
            };
        }
        Rule::Score(ScoreReading::Grades { input, grades, words, .. }) => {
            let _ = match lang {
                Lang::Zh => writeln!(out, "  按{input}的等级得分（{words}）"),
                Lang::En => writeln!(out, "  score by the grade of `{input}` ({words})"),
            };
            for g in grades {
                let range = match (g.low, g.high) {
                    (Some(lo), Some(hi)) => format!("{}～{}", plain(lo), plain(hi)),
                    _ => lang.pick("未规定", "not mapped").to_owned(),
                };
                let _ = writeln!(out, "    · {}{}{range}", g.grade, lang.pick("：", ": "));
            }
        }
        Rule::Veto(v) => {
            let _ = writeln!(out, "  {}{}", lang.pick("一票否决：", "veto: "), v.words);
        }
        Rule::Discretionary { words, .. } | Rule::NotApplicable { words, .. } => {
            let _ = writeln!(out, "  {words}");
        }
    }
}

fn statement_text(out: &mut String, st: &StatementReading, label: &str, lang: Lang) {
    for ladder in &st.ladders {
        let _ = match lang {
            Lang::Zh => writeln!(out, "  {label}（{}）", ladder.policy),
            Lang::En => writeln!(out, "  {label} ({})", ladder.policy),
        };
        for tier in &ladder.tiers {
            let _ = writeln!(out, "    · {}", tier.words);
        }
    }
    if !st.words.is_empty() {
        let _ = writeln!(out, "  {}", st.words);
    }
}
