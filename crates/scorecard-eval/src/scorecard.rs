//! The compiled, immutable scorecard: compile once, evaluate many records.

use rust_decimal::Decimal;
use scorecard_syntax::{Diagnostic, Lang, Limits};

use crate::compile_error::{locate, CompileError, LocatedDiagnostic};
use crate::error::{DataError, DataErrorKind, RecordError};
use crate::eval;
use crate::plan::{Plan, ValueKind};
use crate::record::{self, Errors, InputKey, Record};
use crate::report::{self, Report};
use crate::scores::{IndicatorScore, Scores};
use crate::units::Unit;

/// A compiled scorecard. Immutable, `Send + Sync`, cheap to share.
#[derive(Debug, Clone)]
pub struct Scorecard {
    plan: Plan,
    keys: crate::record::Keys,
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
    /// Whether every record must carry it: some indicator reads it, and it is
    /// not an assessor's score read only when a range band holds.
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

    /// Parses, checks and compiles rule text with the given limits (and the
    /// message language [`Limits::with_lang`] chooses, if any).
    pub fn compile_with(src: &str, limits: &Limits) -> Result<Scorecard, CompileError> {
        let mut file = scorecard_syntax::parse(src, limits).map_err(|d| CompileError::new(d, src))?;
        if let Some(lang) = limits.lang() {
            file.lang = lang;
        }
        let (plan, warnings) = crate::compile::compile(&file, src).map_err(|d| CompileError::new(d, src))?;
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
        let src = scorecard_syntax::source::decode(bytes, limits)
            .map_err(|d| CompileError::new(vec![d], &String::from_utf8_lossy(bytes)))?;
        Scorecard::compile_with(src, limits)
    }

    /// Warnings found while compiling (the scorecard is usable).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// The warnings with their line and character column; `file` names the
    /// rule file in each.
    pub fn located_warnings(&self, file: Option<&str>) -> Vec<LocatedDiagnostic> {
        locate(&self.warnings, &self.plan.source, file)
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

    /// `value` rounded as the file's `舍入` setting rounds scores (its decimal
    /// places and rule), for showing a computed amount beside the explanation,
    /// which rounds the same way.
    ///
    /// ```
    /// # use scorecard_eval::Scorecard;
    /// # use rust_decimal::Decimal;
    /// let card = Scorecard::compile("计分表 「示例」\n总分 10分\n舍入 四舍五入，保留2位\n输入 完成率 = rate（%）\n一级指标 产出\n  二级指标 数量\n    三级指标 完成\n      分值 10分\n      评分 完成率低于90%，扣10分\n").unwrap();
    /// assert_eq!(card.round("4.71666".parse::<Decimal>().unwrap()).to_string(), "4.72");
    /// ```
    pub fn round(&self, value: Decimal) -> Decimal {
        value.round_dp_with_strategy(self.plan.rounding.places, self.plan.rounding.strategy)
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
            required: !s.used_by.is_empty() && !s.optional,
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

    /// A prepared handle to the input with record key `key`. An unknown key
    /// is an [`DataErrorKind::UnknownKey`] error that suggests the closest key.
    pub fn input(&self, key: &str) -> Result<InputKey, RecordError> {
        match self.keys.get(key) {
            Some(&slot) => Ok(InputKey { card: self.plan.id, slot }),
            None => Err(RecordError::from(DataError::new(
                DataErrorKind::UnknownKey { key: key.to_owned(), suggestion: self.closest_key(key) },
                self.plan.lang,
            ))),
        }
    }

    /// The record key closest to `key` in spelling, if one is close enough.
    fn closest_key(&self, key: &str) -> Option<String> {
        crate::suggest::closest(key, self.keys.keys().map(String::as_str)).map(str::to_owned)
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
    ///
    /// ```
    /// # let card = scorecard_eval::Scorecard::compile("计分表 「甲」\n输入 件数 = n（件）\n三级指标 乙\n  评分 件数低于5件，扣3分").unwrap();
    /// let mut record = card.record();
    /// card.set(&mut record, card.input("n")?, 4)?;
    /// assert_eq!(card.score(&record)?.total.to_string(), "0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn set(&self, record: &mut Record, key: InputKey, value: impl Into<Decimal>) -> Result<(), RecordError> {
        let value = value.into();
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
        if self.plan.inputs.get(key.slot).is_some_and(|s| s.list) {
            // A list input set to one value holds one reading.
            record.set_list(key.slot, vec![base]);
        } else if let Some(cell) = record.values.get_mut(key.slot) {
            *cell = Some(base);
        }
        Ok(())
    }

    /// Sets an input from text as an analyst writes it, with an optional
    /// unit: `"92.5%"`, `"241.73万元"`, `"是"`, a grade's name, or a date;
    /// for a list input, readings separated by `;`, `；` or `、` (`"92;96;94"`).
    /// [`Scorecard::set`] gives a list input one reading.
    pub fn set_str(&self, record: &mut Record, key: InputKey, text: &str) -> Result<(), RecordError> {
        let errors = Errors::new(&self.plan);
        if !record.belongs_to(&self.plan) || key.card != self.plan.id {
            return Err(RecordError::from(errors.record_error(DataErrorKind::WrongScorecard)));
        }
        let quoted = serde_json::to_string(text).map_err(|_| errors.input(key.slot, DataErrorKind::Overflow))?;
        if self.plan.inputs.get(key.slot).is_some_and(|s| s.list) {
            // The readings of a list, separated by `;`, `；` or `、`.
            let readings = record::read_list(&self.plan, key.slot, &quoted).map_err(|k| errors.input(key.slot, k))?;
            if let Some(readings) = readings {
                record.set_list(key.slot, readings);
            }
            return Ok(());
        }
        match record::read_value(&self.plan, key.slot, &quoted) {
            Ok(value) => {
                if let Some(cell) = record.values.get_mut(key.slot) {
                    *cell = value;
                }
                Ok(())
            }
            Err(kind) => Err(RecordError::from(errors.input(key.slot, kind))),
        }
    }

    /// Reads one JSON object into a record. Numbers are read exactly; strings
    /// may carry a unit. Every problem in the record is reported.
    pub fn parse_record(&self, json: &str) -> Result<Record, RecordError> {
        record::from_json(&self.plan, &self.keys, json)
    }

    /// Reads a record from serde_json's raw JSON text (e.g. a
    /// `Box<RawValue>` taken from a request), exactly like [`Scorecard::parse_record`].
    pub fn parse_raw(&self, json: &serde_json::value::RawValue) -> Result<Record, RecordError> {
        self.parse_record(json.get())
    }

    /// Reads a record from a parsed [`serde_json::Value`]. Integers are
    /// exact; a number with a fraction or beyond 64 bits has gone through a
    /// binary float and may have lost digits, so it is an
    /// [`DataErrorKind::InexactNumber`] error naming the input (unless
    /// serde_json's `arbitrary_precision` feature keeps its text). Strings
    /// such as `"265.90300000000000000001"` are always exact.
    pub fn parse_value(&self, value: &serde_json::Value) -> Result<Record, RecordError> {
        crate::entries::from_value(&self.plan, &self.keys, value)
    }

    /// Reads a record from any serialisable struct or map, keeping every
    /// digit: `Decimal` fields (rust_decimal's string form, or its
    /// `serde-with-arbitrary-precision` number form), integers, and strings
    /// with units such as `"92.5%"` or `"241.73万元"`. A binary float (an
    /// `f64` field, or a `Decimal` under rust_decimal's `serde-float`) may
    /// have lost digits, so it is an [`DataErrorKind::InexactNumber`] error
    /// naming the input, never a changed score. Fields the scorecard does not
    /// read are ignored.
    ///
    /// ```
    /// # let card = scorecard_eval::Scorecard::compile("计分表 「甲」\n输入 件数 = n（件）\n三级指标 乙\n  评分 件数低于5件，扣3分").unwrap();
    /// #[derive(serde::Serialize)]
    /// struct Measured { n: u32, note: &'static str }
    /// let record = card.parse_serialize(&Measured { n: 4, note: "ignored" })?;
    /// assert_eq!(card.score(&record)?.total.to_string(), "0");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn parse_serialize<T: serde::Serialize + ?Sized>(&self, value: &T) -> Result<Record, RecordError> {
        crate::capture::from_serialize(&self.plan, &self.keys, value)
    }

    /// A [`serde::de::DeserializeSeed`] that reads a record with this
    /// scorecard from any serde_json deserializer: the record inside a larger
    /// request body, without a copy.
    pub fn record_seed(&self) -> crate::entries::RecordSeed<'_> {
        crate::entries::RecordSeed::new(&self.plan, &self.keys)
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

impl Scores {
    /// Each indicator's name with its score, in table order; `card` is the
    /// scorecard that scored them.
    pub fn named<'a>(&'a self, card: &'a Scorecard) -> impl Iterator<Item = (&'a str, &'a IndicatorScore)> {
        card.indicator_names().zip(&self.indicators)
    }

    /// The grade (等级) of the total on `card`, the scorecard that scored
    /// them (`""` when it declares no grades).
    pub fn grade<'a>(&self, card: &'a Scorecard) -> &'a str {
        card.grade(self.total)
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
