//! The indicator tree: groups, indicators and their columns.

use super::Printer;
use crate::ast::*;

impl Printer {
    pub(super) fn item(&mut self, item: &Item, level: usize) {
        match item {
            Item::Group(g) => self.group(g, level),
            Item::Indicator(ind) => self.indicator(ind, level),
        }
    }

    fn group(&mut self, g: &Group, level: usize) {
        self.line(level);
        if g.level == 1 {
            self.kw("一级指标 ", "group ");
        } else {
            self.kw("二级指标 ", "subgroup ");
        }
        self.name(&g.name.node);
        if let Some(points) = &g.points {
            self.kw(" 分值 ", " points ");
            self.points(points.node);
        }
        for item in &g.items {
            self.item(item, level.saturating_add(1));
        }
    }

    fn indicator(&mut self, ind: &Indicator, level: usize) {
        self.line(level);
        self.kw("三级指标 ", "indicator ");
        self.name(&ind.name.node);
        let at = level.saturating_add(1);
        if let Some(target) = &ind.target {
            self.line(at);
            self.target(&target.node);
            if let Some(nature) = &ind.nature {
                self.comma();
                self.nature(nature.node);
            }
        } else if let Some(nature) = &ind.nature {
            self.line(at);
            self.nature(nature.node);
        }
        let texts = [
            (&ind.criterion, "评分标准 ", "criterion "),
            (&ind.content, "指标内容 ", "content "),
            (&ind.basis, "设定依据 ", "basis "),
            (&ind.source, "数据来源 ", "source "),
            (&ind.pending, "评分待定 ", "pending "),
        ];
        for (text, zh, en) in texts {
            if let Some(text) = text {
                self.line(at);
                self.kw(zh, en);
                self.quoted(&text.node);
            }
        }
        if let Some(points) = &ind.points {
            self.line(at);
            self.kw("分值 ", "points ");
            self.points(points.node);
        }
        if let Some(measure) = &ind.measure {
            self.line(at);
            self.kw("度量 ", "measure ");
            self.name(&measure.node);
        }
        for scoring in &ind.scoring {
            self.line(at);
            self.kw("评分 ", "scoring: ");
            self.scoring(scoring, false);
        }
        for score in &ind.score {
            self.line(at);
            self.score(&score.node);
        }
        for bonus in &ind.bonus {
            self.line(at);
            self.kw("加分 ", "bonus: ");
            self.scoring(bonus, true);
        }
        for veto in &ind.vetoes {
            self.line(at);
            self.veto(&veto.node);
        }
        if let Some(d) = &ind.discretionary {
            self.line(at);
            self.kw("酌情扣分 ", "discretionary ");
            self.name(&d.node.input.node);
            self.comma();
            self.cap(d.node.max.node, false);
        }
        if let Some(na) = &ind.not_applicable {
            self.line(at);
            self.kw("不适用条件 ", "not applicable if ");
            self.name(&na.node);
        }
    }

    fn target(&mut self, t: &Target) {
        self.kw("指标值 ", "target ");
        let op = match t.op {
            TargetOp::Eq => "= ",
            TargetOp::Ge => self.lang.pick("≥ ", ">= "),
            TargetOp::Gt => "> ",
            TargetOp::Le => self.lang.pick("≤ ", "<= "),
            TargetOp::Lt => "< ",
        };
        self.w(op);
        self.quantity(&t.value);
    }

    fn nature(&mut self, nature: Nature) {
        match nature {
            Nature::Quantitative => self.kw("定量指标", "quantitative"),
            Nature::Qualitative => self.kw("定性指标", "qualitative"),
        }
    }

    /// `最多扣6分` / `at most −6` (`最多加5分` / `at most +5` for a bonus).
    pub(super) fn cap(&mut self, max: rust_decimal::Decimal, bonus: bool) {
        let n = super::words::number(max);
        if bonus {
            self.kw("最多加", "at most +");
        } else {
            self.kw("最多扣", "at most −");
        }
        self.w(&n);
        self.kw("分", "");
    }
}
