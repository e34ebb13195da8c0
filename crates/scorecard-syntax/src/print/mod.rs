//! Printing a syntax tree back as rule-file text, in the tree's keyword set.
//!
//! [`to_source`] writes the canonical words (`低于`, `扣3分`, `→ −3`) and the
//! canonical layout; names and labels are written bare when they read back
//! as themselves and quoted otherwise. For every tree [`crate::parse`]
//! produces, `parse(to_source(tree)) == tree` (spans aside): the workspace
//! tests check this on generated trees covering every construct.
//!
//! The wording of the source is not kept in the tree (`未达到` and `低于` are
//! both [`crate::ast::Cmp::Lt`]), so to tidy a file without rewording it use
//! [`crate::format`], which keeps every token.

mod expr;
mod rules;
mod tree;
mod words;

use crate::ast::*;
use crate::Lang;

/// Writes `file` as rule-file text in `file.lang`'s keyword set.
///
/// A tree that [`crate::parse`] cannot produce (a name holding both `」`
/// and `"`, a unit the grammar does not know) prints as text that does not
/// parse back; nothing panics.
///
/// ```
/// use scorecard_syntax::{parse, print, Limits};
/// let file = parse("计分表 「甲」\n三级指标 满意度\n  评分 满意度未达到90%，扣3分", &Limits::default()).unwrap();
/// let text = print::to_source(&file);
/// assert_eq!(text, "计分表 「甲」\n三级指标 满意度\n  评分 满意度低于90%，扣3分\n");
/// assert_eq!(parse(&text, &Limits::default()).unwrap(), file);
/// ```
pub fn to_source(file: &File) -> String {
    let mut p = Printer { lang: file.lang, out: String::new(), pending: None };
    p.file(file);
    p.out
}

/// The text being written, in one keyword set.
struct Printer {
    lang: Lang,
    out: String,
    /// A bare name or label just written, checked once the text after it is known.
    pending: Option<Bare>,
}

/// A bare word whose end depends on what follows it: `满意不` reads as
/// itself before `，` but as `满意` before `低于` (`不低于` is a comparison).
struct Bare {
    /// Where it starts in the output.
    start: usize,
    /// Its length in bytes.
    len: usize,
    /// What reads it.
    kind: words::Bare,
    /// The text, for quoting it instead.
    text: String,
}

impl Printer {
    /// Appends text. A bare word written before it is settled once a word
    /// or a line break follows it (spaces alone do not end an English name).
    fn w(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        let spaces_only = text.chars().all(|c| c == ' ');
        if let Some(bare) = self.pending.take() {
            if spaces_only {
                self.pending = Some(bare);
            } else {
                self.settle(bare, text);
            }
        }
        self.out.push_str(text);
    }

    /// Keeps a bare word if it still reads as itself with what follows it;
    /// otherwise separates it with a space, or quotes it if even that is not enough.
    fn settle(&mut self, bare: Bare, next: &str) {
        let end = bare.start.saturating_add(bare.len);
        let (Some(written), Some(between)) = (self.out.get(bare.start..end), self.out.get(end..)) else { return };
        let after = format!("{between}{next}");
        if bare.kind.ends_before(written, &after) {
            return;
        }
        if bare.kind.ends_before(written, &format!(" {after}")) {
            self.out.insert(end, ' ');
            return;
        }
        let quoted = words::quoted(self.lang, &bare.text);
        self.out.replace_range(bare.start..end, &quoted);
    }

    /// Appends the Chinese or the English form.
    fn kw(&mut self, zh: &str, en: &str) {
        self.w(self.lang.pick(zh, en));
    }

    /// Starts a line at `level` (two spaces each).
    fn line(&mut self, level: usize) {
        if !self.out.is_empty() {
            self.w("\n");
        }
        self.out.extend(std::iter::repeat_n(' ', level.saturating_mul(2)));
    }

    /// A list separator: `，` / `, `.
    fn comma(&mut self) {
        self.kw("，", ", ");
    }

    /// Writes `text` bare if it reads back as itself (checked again against
    /// what follows it), quoted otherwise.
    fn bare_or_quoted(&mut self, kind: words::Bare, text: &str) {
        if kind.reads_whole(text) {
            let start = self.out.len();
            self.w(text);
            self.pending = Some(Bare { start, len: text.len(), kind, text: text.to_owned() });
        } else {
            self.w(&words::quoted(self.lang, text));
        }
    }

    fn name(&mut self, text: &str) {
        self.bare_or_quoted(words::Bare::Name, text);
    }

    fn label(&mut self, text: &str) {
        self.bare_or_quoted(words::Bare::Label, text);
    }

    fn quoted(&mut self, text: &str) {
        self.w(&words::quoted(self.lang, text));
    }

    fn quantity(&mut self, q: &Quantity) {
        self.w(&words::quantity(q));
    }

    /// Points: `5分` / `5`.
    fn points(&mut self, value: rust_decimal::Decimal) {
        let n = words::number(value);
        self.w(&n);
        self.kw("分", "");
    }

    fn file(&mut self, f: &File) {
        self.kw("计分表 ", "scorecard ");
        self.quoted(&f.name.node);
        if let Some(total) = &f.total {
            self.line(0);
            self.kw("总分 ", "total ");
            self.points(total.node);
        }
        if let Some(rounding) = &f.rounding {
            self.rounding(&rounding.node);
        }
        if let Some(grades) = &f.grades {
            self.grades(&grades.node);
        }
        if let Some(policy) = &f.na_policy {
            self.line(0);
            match policy.node {
                NaPolicy::FullPoints => self.kw("不适用指标 得满分", "not applicable: full points"),
                NaPolicy::Rescale => self.kw("不适用指标 剔除后折算", "not applicable: rescale"),
            }
        }
        if f.bonus_may_exceed.is_some() {
            self.line(0);
            self.kw("加分可超过满分", "bonus may exceed full marks");
        }
        if let Some(policy) = &f.unassessed {
            self.line(0);
            match policy.node {
                Unassessed::Top => self.kw("未评定时 取上限", "if not assessed: top of range"),
                Unassessed::Bottom => self.kw("未评定时 取下限", "if not assessed: bottom of range"),
                Unassessed::Middle => self.kw("未评定时 取中间值", "if not assessed: middle of range"),
            }
        }
        for input in &f.inputs {
            self.input(input);
        }
        for c in &f.consts {
            self.line(0);
            self.kw("常量 ", "const ");
            self.name(&c.name.node);
            self.w(" = ");
            self.quantity(&c.value.node);
        }
        for calc in &f.calcs {
            self.line(0);
            self.kw("计算 ", "let ");
            self.name(&calc.name.node);
            self.w(" = ");
            self.expr(&calc.expr.node);
            if let Some(q) = &calc.if_zero {
                self.kw("，除数为零时为 ", ", if zero ");
                self.quantity(&q.node);
            }
        }
        for item in &f.items {
            self.item(item, 0);
        }
        self.w("\n");
    }

    fn rounding(&mut self, r: &Rounding) {
        self.line(0);
        self.kw("舍入 ", "rounding ");
        match r.mode {
            RoundingMode::HalfUp => self.kw("四舍五入", "half-up"),
            RoundingMode::HalfEven => self.kw("四舍六入五成双", "half-even"),
        }
        if let Some(places) = &r.places {
            let n = places.node.to_string();
            self.kw("，保留", ", ");
            self.w(&n);
            self.kw("位", " places");
        }
    }

    fn grades(&mut self, grades: &[Grade]) {
        self.line(0);
        self.kw("等级 ", "grades ");
        for (i, g) in grades.iter().enumerate() {
            if i > 0 {
                self.comma();
            }
            self.name(&g.name.node);
            if let Some(min) = &g.min {
                let n = words::number(min.node);
                self.w(" ");
                self.w(&n);
            }
        }
    }

    fn input(&mut self, input: &InputDecl) {
        self.line(0);
        self.kw("输入 ", "input ");
        self.name(&input.name.node);
        if input.key.node != input.name.node {
            let key = words::key(self.lang, &input.key.node);
            self.w(" = ");
            self.w(&key);
        }
        self.kw("（", " (");
        match &input.kind.node {
            InputKind::Unit(unit) if unit == "日期" => self.kw("日期", "date"),
            InputKind::Unit(unit) => self.w(unit),
            InputKind::YesNo => self.kw("是否", "yes/no"),
            InputKind::Grades(labels) => {
                self.kw("等级：", "grade: ");
                for (i, l) in labels.iter().enumerate() {
                    if i > 0 {
                        self.kw("、", ", ");
                    }
                    self.label(&l.node);
                }
            }
        }
        if input.list {
            self.kw("，列表", ", list");
        }
        self.kw("）", ")");
        if let Some(range) = &input.range {
            let (lo, hi) = range.node;
            self.kw("，范围 ", ", range ");
            let (lo, hi) = (words::number(lo), words::number(hi));
            self.w(&lo);
            self.kw("～", " to ");
            self.w(&hi);
        }
    }
}

#[cfg(test)]
mod tests;
