//! The compiled, immutable scorecard: compile once, evaluate many records.

use std::collections::HashMap;

use rust_decimal::Decimal;
use scorecard_syntax::{Diagnostic, Lang, Limits};

use crate::error::{DataErrorKind, RecordError};
use crate::eval::{self, Scores};
use crate::plan::{Plan, Slot, ValueKind};
use crate::record::{self, Errors, InputKey, Record};
use crate::report::{self, Report};
use crate::units::Unit;

/// A rule file that failed to compile: every error and warning found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The diagnostics, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let errors: Vec<String> = self.diagnostics.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
        f.write_str(&errors.join("; "))
    }
}

impl std::error::Error for CompileError {}

/// A compiled scorecard. Immutable, `Send + Sync`, cheap to share.
#[derive(Debug, Clone)]
pub struct Scorecard {
    plan: Plan,
    keys: HashMap<String, Slot>,
    warnings: Vec<Diagnostic>,
}

/// Describes one input a scorecard reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputInfo<'a> {
    /// The record key.
    pub key: &'a str,
    /// The name rules use.
    pub name: &'a str,
    /// The unit bare numbers are in, e.g. `万元`.
    pub unit: &'a str,
    /// Whether some indicator reads it (and so every record must have it).
    pub required: bool,
    /// What it holds: a number, yes/no, one of some grades, or a date.
    pub kind: InputKind<'a>,
    /// The allowed range (`范围 0～100`), both ends included, in `unit`.
    pub range: Option<(Decimal, Decimal)>,
    /// The indicators that read it, as indices in table order.
    pub used_by: &'a [usize],
}

/// What an input holds, for data-entry sheets and forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind<'a> {
    /// A number in the input's unit.
    Number,
    /// Yes or no (`是`/`否`).
    YesNo,
    /// One of these grade labels.
    Grades(&'a [String]),
    /// A calendar date.
    Date,
}

impl Scorecard {
    /// Parses, checks and compiles rule text with the default limits.
    pub fn compile(src: &str) -> Result<Scorecard, CompileError> {
        Scorecard::compile_with(src, &Limits::default())
    }

    /// Parses, checks and compiles rule text with the given limits.
    pub fn compile_with(src: &str, limits: &Limits) -> Result<Scorecard, CompileError> {
        let file = scorecard_syntax::parse(src, limits).map_err(|diagnostics| CompileError { diagnostics })?;
        let (plan, warnings) =
            crate::compile::compile(&file, src).map_err(|diagnostics| CompileError { diagnostics })?;
        // Derived values (计算) have no record key: they are never read from a record.
        let keys = plan
            .inputs
            .iter()
            .enumerate()
            .filter(|(_, spec)| spec.derived.is_none())
            .map(|(slot, spec)| (spec.key.clone(), slot))
            .collect();
        Ok(Scorecard { plan, keys, warnings })
    }

    /// Compiles rule bytes, checking they are UTF-8 first.
    pub fn compile_bytes(bytes: &[u8], limits: &Limits) -> Result<Scorecard, CompileError> {
        let src = scorecard_syntax::source::decode(bytes, limits).map_err(|d| CompileError { diagnostics: vec![d] })?;
        Scorecard::compile_with(src, limits)
    }

    /// Warnings found while compiling (the scorecard is usable).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The scorecard's name (计分表).
    pub fn name(&self) -> &str {
        &self.plan.name
    }

    /// The language of the rule file, messages and explanations.
    pub fn lang(&self) -> Lang {
        self.plan.lang
    }

    /// The full score.
    pub fn full_marks(&self) -> Decimal {
        self.plan.total
    }

    /// Decimal places scores are rounded to (`舍入 …，保留2位`; 2 by default).
    pub fn decimal_places(&self) -> u32 {
        self.plan.rounding.places
    }

    /// The rule file's text.
    pub fn source(&self) -> &str {
        &self.plan.source
    }

    /// The inputs a record carries, in declaration order. Derived values
    /// (`计算` / `let`) are not listed: a record never holds them, they are
    /// computed from the inputs. An input read only through a derived value
    /// is required when some indicator reads that derived value.
    pub fn inputs(&self) -> impl Iterator<Item = InputInfo<'_>> {
        self.plan.inputs.iter().filter(|s| s.derived.is_none()).map(|s| InputInfo {
            key: &s.key,
            name: &s.name,
            unit: s.unit.display(),
            required: !s.used_by.is_empty(),
            kind: match &s.kind {
                ValueKind::YesNo => InputKind::YesNo,
                ValueKind::Grades(labels) => InputKind::Grades(labels),
                ValueKind::Number if s.unit.is_date() => InputKind::Date,
                ValueKind::Number => InputKind::Number,
            },
            used_by: &s.used_by,
            range: s
                .range
                .and_then(|(lo, hi)| Some((s.unit.from_base(lo)?.normalize(), s.unit.from_base(hi)?.normalize()))),
        })
    }

    /// The names of the indicators, in table order.
    pub fn indicator_names(&self) -> impl Iterator<Item = &str> {
        self.plan.indicators.iter().map(|i| i.name.as_str())
    }

    /// Each indicator's `指标值` as written in the rule file (`= 200万件`), in table order.
    pub fn indicator_targets(&self) -> impl Iterator<Item = Option<&str>> {
        self.plan.indicators.iter().map(|i| i.target.map(|span| span.text(&self.plan.source)))
    }

    /// A prepared handle to the input with record key `key`.
    pub fn input(&self, key: &str) -> Option<InputKey> {
        self.keys.get(key).map(|&slot| InputKey { card: self.plan.id, slot })
    }

    /// An empty record for this scorecard.
    pub fn record(&self) -> Record {
        Record::empty(&self.plan)
    }

    /// Sets an input of `record` to `value`, given in the input's declared unit.
    /// A yes/no input takes 1 (yes) or 0 (no); a grade input takes the grade's
    /// position in the declared list, 0 for the first (`1.0` is the same as `1`).
    /// A date input takes a whole day number (days since 1970-01-01) of a
    /// date in the years 1 to 9999; anything else is `NotADate`.
    pub fn set(&self, record: &mut Record, key: InputKey, value: Decimal) -> Result<(), RecordError> {
        let errors = Errors::new(&self.plan);
        if !record.belongs_to(&self.plan) || key.card != self.plan.id {
            return Err(RecordError::from(errors.record_error(DataErrorKind::WrongScorecard)));
        }
        let unit: &Unit = self
            .plan
            .inputs
            .get(key.slot)
            .map(|s| s.unit)
            .ok_or_else(|| errors.input(key.slot, DataErrorKind::Missing))?;
        let base = unit.to_base(value).ok_or_else(|| errors.input(key.slot, DataErrorKind::Overflow))?;
        let base = record::validate(&self.plan, key.slot, base).map_err(|k| errors.input(key.slot, k))?;
        if let Some(cell) = record.values.get_mut(key.slot) {
            *cell = Some(base);
        }
        Ok(())
    }

    /// Reads one JSON object into a record. Numbers are read exactly; strings
    /// may carry a unit. Every problem in the record is reported.
    pub fn parse_record(&self, json: &str) -> Result<Record, RecordError> {
        record::from_json(&self.plan, &self.keys, json)
    }

    /// Scores a record without explanations (the fast path).
    pub fn score(&self, record: &Record) -> Result<Scores, RecordError> {
        eval::score(&self.plan, record)
    }

    /// The grade (等级) a total earns: the first band whose bound it reaches,
    /// or `""` when the file declares no grades. [`Scores`] carries no grade,
    /// so the fast path asks for it here.
    pub fn grade(&self, total: Decimal) -> &str {
        report::grade(&self.plan, total)
    }

    /// Scores a record and explains every indicator.
    pub fn report(&self, record: &Record) -> Result<Report, RecordError> {
        let values = eval::prepare(&self.plan, record)?;
        let scores = eval::score_values(&self.plan, &values)?;
        report::build(&self.plan, &values, &scores)
    }

    /// A step-by-step trace of a record: the values read, every tier tested,
    /// and, for each indicator that lost points, the measurement it needed.
    pub fn trace(&self, record: &Record) -> Result<crate::explain::trace::Trace, RecordError> {
        let values = eval::prepare(&self.plan, record)?;
        let scores = eval::score_values(&self.plan, &values)?;
        crate::explain::trace::trace(&self.plan, &values, &scores).map_err(|e| RecordError::from(*e))
    }

    /// How the engine reads every criterion, in the rule file's language.
    pub fn reading(&self) -> crate::reading::Reading {
        crate::reading::build(&self.plan, self.plan.lang)
    }

    /// How the engine reads every criterion, with sentences in `lang`.
    pub fn reading_in(&self, lang: Lang) -> crate::reading::Reading {
        crate::reading::build(&self.plan, lang)
    }

    /// Parses a JSON object and reports on it.
    pub fn evaluate_json(&self, json: &str) -> Result<Report, RecordError> {
        self.report(&self.parse_record(json)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn assert_send_sync<T: Send + Sync>() {}
    const _: () = assert_send_sync::<Scorecard>();

    /// Caps, equal deductions written at other scales, shares of an input.
    const PLAIN: &str = "计分表 「合成」
输入 甲 = a（%）
输入 乙 = b（件）
输入 丙 = c（件）
一级指标 全部
  三级指标 指标一
    分值 10分
    评分 甲低于90%，扣3分，低于80%，扣3.0分，低于70%，扣12分，最多扣6分
  三级指标 指标二
    分值 8.5分
    评分 乙低于丙90%，扣3分，低于丙80%，扣5.5分，低于丙70%，扣5.50分
";

    /// Every rule file of the repository that compiles, and [`PLAIN`].
    fn cards() -> Vec<Scorecard> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let dirs = ["rules", "rules/corpus", "tests/fixtures/rules/zh", "tests/fixtures/rules/en"];
        assert!(Scorecard::compile(PLAIN).is_ok(), "the synthetic card compiles");
        let mut sources = vec![PLAIN.to_owned()];
        for dir in dirs {
            let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().map(|e| e.unwrap().path()).collect();
            paths.sort();
            sources.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
        sources.iter().filter_map(|s| Scorecard::compile(s).ok()).collect()
    }

    #[test]
    fn precomputed_outcomes_score_as_the_general_path() {
        let values: Vec<Decimal> = [
            "0", "0.5", "1", "3", "59.99", "60", "69.999", "70", "0.7", "0.8", "0.85", "0.9", "0.95", "79", "80", "85",
            "89.9", "90", "100", "120", "1500000", "1620000", "1800000", "-1",
        ]
        .iter()
        .map(|v| v.parse().unwrap())
        .collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % 1_000_003).unwrap()
        };
        let mut plain = 0;
        for card in cards() {
            let with = card.plan.indicators.iter().filter(|i| i.outcomes.is_some()).count();
            if with == 0 {
                continue;
            }
            plain += with;
            let mut general = card.plan.clone();
            general.indicators.iter_mut().for_each(|i| i.outcomes = None);
            for _ in 0..300 {
                let mut record = card.record();
                for v in record.values.iter_mut() {
                    *v = values.get(next() % values.len()).copied();
                }
                let fast = crate::eval::score(&card.plan, &record);
                let slow = crate::eval::score(&general, &record);
                assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{}", card.name());
            }
        }
        assert!(plain > 20, "only {plain} plainly scored indicators were compared");
    }
}
