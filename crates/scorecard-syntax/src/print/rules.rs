//! Scoring statements: tiers, conditions, bands, grade mappings and vetoes.

use rust_decimal::Decimal;

use super::{words, Printer};
use crate::ast::*;
use crate::Lang;

impl Printer {
    /// The body of a `评分` / `加分` statement.
    pub(super) fn scoring(&mut self, s: &Scoring, bonus: bool) {
        if s.cumulative {
            self.kw("累计：", "cumulative: ");
        }
        for (i, tier) in s.tiers.iter().enumerate() {
            if i > 0 {
                self.comma();
            }
            self.tier(&tier.node);
        }
        if let Some(cap) = &s.cap {
            self.comma();
            self.cap(cap.node, bonus);
        }
    }

    fn tier(&mut self, tier: &Tier) {
        match tier {
            Tier::Condition { subject, test, deduct, sign } => {
                self.subject_test(subject.as_ref().map(|s| s.node.as_str()), &test.node);
                self.kw("，", " ");
                self.action(deduct.node, *sign);
            }
            Tier::Each { subject, test, deduct, sign } => {
                self.kw("每次", "every ");
                self.subject_test(Some(subject.node.as_str()), &test.node);
                self.kw("，", " ");
                self.action(deduct.node, *sign);
            }
            Tier::PerStep { step, subject, deduct, sign, dir, from, pro_rata } => {
                self.per_step(step.as_ref().map(|s| &s.node), subject.as_ref().map(|s| s.node.as_str()), *dir, from);
                self.kw("", " ");
                self.action(deduct.node, *sign);
                if *pro_rata {
                    self.kw("（按比例）", " pro rata");
                }
            }
        }
    }

    /// `扣3分` / `→ −3`, `加3分` / `→ +3`.
    fn action(&mut self, amount: Decimal, sign: Sign) {
        let n = words::number(amount);
        match sign {
            Sign::Deduct => self.kw("扣", "→ −"),
            Sign::Add => self.kw("加", "→ +"),
        }
        self.w(&n);
        self.kw("分", "");
    }

    /// `黑榜次数每1次`, `较100%每超过1个百分点`, `rate each 1 pp over 100%`.
    fn per_step(
        &mut self,
        step: Option<&Quantity>,
        subject: Option<&str>,
        dir: Option<Dir>,
        from: &Option<crate::Spanned<StepRef>>,
    ) {
        if let Some(subject) = subject {
            self.name(subject);
            self.kw("", " ");
        }
        let from = from.as_ref().map(|f| &f.node);
        // In English a direction goes after the step, with its reference
        // (`each 1 pp over 100%`); with no step it would be read as the step's
        // start, so the reference goes first (`from 100% each over`).
        let english_after = self.lang == Lang::En && step.is_some();
        if let Some(from) = from.filter(|_| !english_after || dir.is_none()) {
            self.kw("较", "from ");
            self.step_ref(from);
            self.kw("", " ");
        }
        self.kw("每", "each");
        if self.lang == Lang::Zh {
            if let Some(dir) = dir {
                self.dir(dir);
            }
        }
        if let Some(step) = step {
            self.kw("", " ");
            self.quantity(step);
        }
        if self.lang == Lang::En {
            if let Some(dir) = dir {
                self.w(" ");
                self.dir(dir);
                if let Some(from) = from.filter(|_| english_after) {
                    self.w(" ");
                    self.step_ref(from);
                }
            }
        }
    }

    fn dir(&mut self, dir: Dir) {
        match dir {
            Dir::Above => self.kw("超过", "over"),
            Dir::Below => self.kw("低于", "under"),
            Dir::Both => self.kw("相差", "off"),
        }
    }

    fn step_ref(&mut self, r: &StepRef) {
        match r {
            StepRef::Value(q) => self.quantity(q),
            StepRef::Name(n) => self.name(n),
        }
    }

    /// A condition with its optional subject: `满意度低于90%`, `rate below 90%`.
    fn subject_test(&mut self, subject: Option<&str>, test: &Test) {
        if let Some(subject) = subject {
            self.name(subject);
            if !matches!(test, Test::Range { .. }) {
                self.kw("", " ");
            }
        }
        self.test(test);
    }

    fn test(&mut self, test: &Test) {
        match test {
            Test::Compare { cmp, reference } => {
                let word = match cmp {
                    Cmp::Lt => self.lang.pick("低于", "below "),
                    Cmp::Le => self.lang.pick("不超过", "at most "),
                    Cmp::Gt => self.lang.pick("高于", "above "),
                    Cmp::Ge => self.lang.pick("不低于", "at least "),
                    Cmp::Eq => self.lang.pick("等于", "is "),
                };
                self.w(word);
                match reference {
                    Reference::Value(q) => self.quantity(&q.node),
                    Reference::ShareOf { share, base } if self.lang == Lang::Zh => {
                        self.name(&base.node);
                        self.quantity(&share.node);
                    }
                    Reference::ShareOf { share, base } => {
                        self.quantity(&share.node);
                        self.w(" of ");
                        self.name(&base.node);
                    }
                }
            }
            Test::Range { low, low_inclusive, high, high_inclusive } => {
                self.quantity(&low.node);
                if !low_inclusive {
                    self.kw("（不含）", " exclusive");
                }
                self.kw("～", " to ");
                self.quantity(&high.node);
                if *high_inclusive {
                    self.kw("（含）", " inclusive");
                }
            }
            Test::Flag { name, label } => {
                self.name(&name.node);
                if let Some(label) = label {
                    self.kw("为", " is ");
                    self.label(&label.node);
                }
            }
            Test::Otherwise => self.kw("否则", "otherwise"),
            Test::All(parts) => {
                for (i, (subject, test)) in parts.iter().enumerate() {
                    if i > 0 {
                        self.kw("且", " and ");
                    }
                    self.subject_test(subject.as_ref().map(|s| s.node.as_str()), &test.node);
                }
            }
            Test::Deviation { base, share, inclusive } => {
                self.kw("超出（低于）", "over or under ");
                match base {
                    Some(base) if self.lang == Lang::Zh => self.name(&base.node),
                    Some(base) => {
                        self.name(&base.node);
                        self.w(" by ");
                    }
                    None => self.kw("", "by "),
                }
                self.quantity(&share.node);
                if *inclusive {
                    self.kw("（含）", " inclusive");
                }
            }
        }
    }

    /// A `得分` / `score` statement.
    pub(super) fn score(&mut self, s: &ScoreStmt) {
        match s {
            ScoreStmt::Formula(e) => {
                self.kw("得分 = ", "score = ");
                self.expr(&e.node);
            }
            ScoreStmt::Grades { input, entries, assessed } => {
                self.kw("得分 按等级 ", "score by grade ");
                self.name(&input.node);
                self.kw("：", ": ");
                for (i, entry) in entries.iter().enumerate() {
                    if i > 0 {
                        self.comma();
                    }
                    self.label(&entry.label.node);
                    self.w(" ");
                    self.quantity(&entry.low.node);
                    if entry.low.node != entry.high.node {
                        self.kw("～", " to ");
                        self.quantity(&entry.high.node);
                    }
                }
                if let Some(assessed) = assessed {
                    self.kw("，评定分 ", ", assessed ");
                    self.name(&assessed.node);
                }
            }
            ScoreStmt::Bands { cumulative, bands, assessed } => {
                self.kw("得分 ", "score: ");
                if *cumulative {
                    self.kw("累计：", "cumulative: ");
                }
                for (i, band) in bands.iter().enumerate() {
                    if i > 0 {
                        self.kw("；", "; ");
                    }
                    let b = &band.node;
                    self.subject_test(b.subject.as_ref().map(|s| s.node.as_str()), &b.test.node);
                    self.kw("，", " ");
                    self.outcome(&b.outcome.node);
                }
                if let Some(assessed) = assessed {
                    self.kw("；评定分 ", "; assessed ");
                    self.name(&assessed.node);
                }
            }
        }
    }

    fn outcome(&mut self, o: &Outcome) {
        match o {
            Outcome::Full => self.kw("得满分", "→ full"),
            Outcome::Points(n) if n.is_zero() => self.kw("不得分", "→ 0"),
            Outcome::Points(n) => {
                let n = words::number(*n);
                self.kw("计", "→ ");
                self.w(&n);
                self.kw("分", "");
            }
            Outcome::Share(p) => {
                let p = words::number(*p);
                self.kw("得", "→ ");
                self.w(&p);
                self.kw("%分值", "%");
            }
            Outcome::Deduct(n) => self.action(*n, Sign::Deduct),
            Outcome::Range(low, high) => {
                let (low, high) = (words::number(*low), words::number(*high));
                self.kw("得", "→ ");
                self.w(&low);
                self.kw("～", " to ");
                self.w(&high);
                self.kw("分", "");
            }
        }
    }

    /// `否决 …`, `veto: …`.
    pub(super) fn veto(&mut self, v: &Veto) {
        self.kw("否决 ", "veto: ");
        self.subject_test(v.subject.as_ref().map(|s| s.node.as_str()), &v.test.node);
        match (v.disqualify, v.zero) {
            (true, true) => self.kw("，取消资格", ", disqualify"),
            (true, false) => self.kw("，仅取消资格", ", disqualify only"),
            _ => {}
        }
    }
}
