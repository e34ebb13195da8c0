//! A record of measured values, by input slot, in base units; built from
//! JSON text or set one value at a time through the typed API.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rust_decimal::Decimal;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::error::{DataError, DataErrorKind, InputRef, RecordError};
use crate::number;
use crate::plan::{Plan, Slot, ValueKind};
use crate::value;

/// Record keys to input slots. Looking a key up is on the hot path of every
/// JSON record, so the map hashes with [`KeyHasher`] rather than SipHash; it
/// is built from the rule file, and data keys are only looked up, never
/// inserted, so a hostile record cannot flood it.
pub(crate) type Keys = HashMap<String, Slot, BuildHasherDefault<KeyHasher>>;

/// The Fx hash (as in rustc): a multiply and rotate per eight bytes.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            if let Some(head) = word.get_mut(..rest.len()) {
                head.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A prepared handle to one input, from `Scorecard::input`, valid
/// only with that scorecard; setting a value through it does no string lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InputKey {
    /// The [`Plan::id`] of the scorecard that resolved the key.
    pub(crate) card: u64,
    pub(crate) slot: Slot,
}

/// Measured values for one evaluation. Values are kept in base units.
#[derive(Debug, PartialEq, Eq)]
pub struct Record {
    /// The [`Plan::id`] of the scorecard that made this record.
    pub(crate) card: u64,
    pub(crate) values: Vec<Option<Decimal>>,
    /// The readings of list inputs, by slot (their count is in `values`).
    /// Empty for a scorecard without lists, so cloning allocates nothing.
    pub(crate) lists: Vec<(Slot, Vec<Decimal>)>,
}

impl Clone for Record {
    fn clone(&self) -> Self {
        Record { card: self.card, values: self.values.clone(), lists: self.lists.clone() }
    }

    /// Reuses this record's storage (scoring copies records into a kept buffer).
    fn clone_from(&mut self, source: &Self) {
        self.card = source.card;
        self.values.clone_from(&source.values);
        self.lists.clone_from(&source.lists);
    }
}

impl Record {
    pub(crate) fn empty(plan: &Plan) -> Record {
        Record { card: plan.id, values: vec![None; plan.inputs.len()], lists: Vec::new() }
    }

    /// Whether this record was made by the scorecard compiled as `plan`.
    pub(crate) fn belongs_to(&self, plan: &Plan) -> bool {
        self.card == plan.id && self.values.len() == plan.inputs.len()
    }

    pub(crate) fn get(&self, slot: Slot) -> Option<Decimal> {
        self.values.get(slot).copied().flatten()
    }

    /// The readings of list input `slot` (empty if it has none).
    pub(crate) fn list(&self, slot: Slot) -> &[Decimal] {
        self.lists.iter().find(|(s, _)| *s == slot).map_or(&[], |(_, v)| v.as_slice())
    }

    /// Sets the readings of list input `slot`, and their count as its value.
    pub(crate) fn set_list(&mut self, slot: Slot, readings: Vec<Decimal>) {
        if let Some(cell) = self.values.get_mut(slot) {
            *cell = Some(Decimal::from(readings.len()));
        }
        self.lists.retain(|(s, _)| *s != slot);
        self.lists.push((slot, readings));
    }
}

/// Builds data errors for one plan.
pub(crate) struct Errors<'p> {
    plan: &'p Plan,
    pub(crate) list: Vec<DataError>,
}

impl<'p> Errors<'p> {
    pub(crate) fn new(plan: &'p Plan) -> Self {
        Errors { plan, list: Vec::new() }
    }

    /// An error about input `slot`, naming the indicators that use it.
    pub(crate) fn input(&self, slot: Slot, kind: DataErrorKind) -> DataError {
        let spec = self.plan.inputs.get(slot);
        DataError {
            kind,
            input: spec.map(|s| InputRef { key: s.key.clone(), name: s.name.clone() }),
            indicators: spec
                .map(|s| {
                    s.used_by.iter().filter_map(|i| self.plan.indicators.get(*i)).map(|i| i.name.clone()).collect()
                })
                .unwrap_or_default(),
            lang: self.plan.lang,
        }
    }

    pub(crate) fn push(&mut self, slot: Slot, kind: DataErrorKind) {
        let e = self.input(slot, kind);
        self.list.push(e);
    }

    pub(crate) fn record(&mut self, kind: DataErrorKind) {
        let e = self.record_error(kind);
        self.list.push(e);
    }

    /// An error about the whole record.
    pub(crate) fn record_error(&self, kind: DataErrorKind) -> DataError {
        DataError { kind, input: None, indicators: Vec::new(), lang: self.plan.lang }
    }
}

/// Checks a value (in base units) against the input's declared constraints.
pub(crate) fn validate(plan: &Plan, slot: Slot, value: Decimal) -> Result<Decimal, DataErrorKind> {
    let Some(spec) = plan.inputs.get(slot) else { return Ok(value) };
    match &spec.kind {
        ValueKind::YesNo if value != Decimal::ZERO && value != Decimal::ONE => {
            return Err(DataErrorKind::NotYesNo { text: value.to_string() })
        }
        ValueKind::Grades(g)
            if !(value.fract().is_zero() && value >= Decimal::ZERO && value < Decimal::from(g.len())) =>
        {
            return Err(DataErrorKind::UnknownGrade { text: value.to_string(), allowed: g.clone() })
        }
        // Store the canonical form: `1.0` is grade 1 and yes, like `1`.
        ValueKind::YesNo | ValueKind::Grades(_) => return Ok(value.normalize()),
        _ => {}
    }
    if spec.unit.is_date() && !is_day_number(value) {
        return Err(DataErrorKind::NotADate { text: value.to_string() });
    }
    let shown = |v: Decimal| spec.unit.from_base(v).map_or_else(|| number::grouped(v), |u| spec.unit.amount(u));
    if spec.unit.is_count() && value.is_sign_negative() && !value.is_zero() {
        return Err(DataErrorKind::Negative { value: shown(value) });
    }
    if let Some((lo, hi)) = spec.range {
        if value < lo || value > hi {
            return Err(DataErrorKind::OutOfRange { value: shown(value), min: shown(lo), max: shown(hi) });
        }
    }
    // Rank bands are whole places (`6-10名` includes the 10th), so 5.5 or 0
    // would fall between them. Checked after the declared range, whose
    // message is more specific.
    if spec.unit.is_rank() && (!value.fract().is_zero() || value < Decimal::ONE) {
        return Err(DataErrorKind::NotARank { value: shown(value) });
    }
    Ok(value)
}

/// Whether `value` is the whole day number of a date in the years 1 to 9999,
/// the dates that are read and shown (a record read from JSON holds no other).
fn is_day_number(value: Decimal) -> bool {
    use scorecard_syntax::date::day_number;
    let (Some(first), Some(last)) = (day_number(1, 1, 1), day_number(9999, 12, 31)) else { return false };
    value.fract().is_zero() && value >= Decimal::from(first) && value <= Decimal::from(last)
}

/// A record being filled in from one source, collecting every problem.
pub(crate) struct Builder<'p> {
    plan: &'p Plan,
    record: Record,
    errors: Errors<'p>,
    seen: Seen,
}

/// The inputs a record has given a value, to catch a key given twice: a
/// bit set for up to 128 inputs (no allocation), else a flag per input.
enum Seen {
    Small(u128),
    Large(Vec<bool>),
}

impl Seen {
    fn new(inputs: usize) -> Self {
        if inputs <= 128 {
            Seen::Small(0)
        } else {
            Seen::Large(vec![false; inputs])
        }
    }

    /// Marks `slot` seen; whether it already was.
    fn mark(&mut self, slot: Slot) -> bool {
        match self {
            Seen::Small(bits) => {
                let bit = u32::try_from(slot).ok().and_then(|s| 1u128.checked_shl(s)).unwrap_or(0);
                let was = *bits & bit != 0;
                *bits |= bit;
                was
            }
            Seen::Large(flags) => flags.get_mut(slot).is_some_and(|f| std::mem::replace(f, true)),
        }
    }
}

impl<'p> Builder<'p> {
    pub(crate) fn new(plan: &'p Plan) -> Self {
        Builder { plan, record: Record::empty(plan), errors: Errors::new(plan), seen: Seen::new(plan.inputs.len()) }
    }

    /// Reads the raw JSON text of input `slot`'s value.
    pub(crate) fn put(&mut self, slot: Slot, raw: &str) {
        if self.seen.mark(slot) {
            self.errors.push(slot, DataErrorKind::DuplicateKey);
            return;
        }
        if self.plan.inputs.get(slot).is_some_and(|s| s.list) {
            match read_list(self.plan, slot, raw) {
                Ok(Some(readings)) => self.record.set_list(slot, readings),
                Ok(None) => {}
                Err(kind) => self.errors.push(slot, kind),
            }
            return;
        }
        match read_value(self.plan, slot, raw) {
            Ok(Some(v)) => {
                if let Some(cell) = self.record.values.get_mut(slot) {
                    *cell = Some(v);
                }
            }
            Ok(None) => {}
            Err(kind) => self.errors.push(slot, kind),
        }
    }

    /// Records a problem with input `slot` found before its value was read.
    pub(crate) fn reject(&mut self, slot: Slot, kind: DataErrorKind) {
        self.seen.mark(slot);
        self.errors.push(slot, kind);
    }

    /// A record-level error, replacing anything found so far.
    pub(crate) fn fail(mut self, kind: DataErrorKind) -> RecordError {
        self.errors.list.clear();
        self.errors.record(kind);
        RecordError::new(self.errors.list)
    }

    /// The record, or every problem found in it (with the missing inputs,
    /// so one pass shows everything wrong with the record).
    pub(crate) fn finish(mut self) -> Result<Record, RecordError> {
        if self.errors.list.is_empty() {
            return Ok(self.record);
        }
        for (slot, spec) in self.plan.inputs.iter().enumerate() {
            let reported = self.errors.list.iter().any(|e| e.input.as_ref().is_some_and(|i| i.key == spec.key));
            let required = spec.derived.is_none() && !spec.optional && !spec.used_by.is_empty();
            if required && self.record.get(slot).is_none() && !reported {
                self.errors.push(slot, DataErrorKind::Missing);
            }
        }
        Err(RecordError::new(self.errors.list))
    }
}

/// Parses one JSON object into a record; every problem is reported.
pub(crate) fn from_json(plan: &Plan, keys: &Keys, text: &str) -> Result<Record, RecordError> {
    let mut builder = Builder::new(plan);
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Fill { keys, builder: &mut builder }.deserialize(&mut de).and_then(|()| de.end());
    match result {
        Ok(()) => builder.finish(),
        Err(e) => Err(builder.fail(json_error(&e))),
    }
}

/// The data error for a record that serde_json could not read.
pub(crate) fn json_error(e: &serde_json::Error) -> DataErrorKind {
    if e.is_data() {
        DataErrorKind::NotAnObject
    } else {
        DataErrorKind::Json { detail: e.to_string(), line: e.line(), column: e.column() }
    }
}

/// Fills a [`Builder`] from a JSON object's entries.
pub(crate) struct Fill<'a, 'p> {
    pub(crate) keys: &'a Keys,
    pub(crate) builder: &'a mut Builder<'p>,
}

impl<'de> DeserializeSeed<'de> for Fill<'_, '_> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Fill<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(slot) = map.next_key_seed(KeySeed { keys: self.keys })? {
            let Some(slot) = slot else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let raw: &RawValue = map.next_value()?;
            self.builder.put(slot, raw.get());
        }
        Ok(())
    }
}

/// Resolves an object key to an input slot (`None` for keys the scorecard does not read).
struct KeySeed<'a> {
    keys: &'a Keys,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = Option<Slot>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Option<Slot>, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = Option<Slot>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Option<Slot>, E> {
        Ok(self.keys.get(v).copied())
    }
}

/// Reads one raw JSON value: `Ok(None)` for `null` (reported later as missing).
pub(crate) fn read_value(plan: &Plan, slot: Slot, raw: &str) -> Result<Option<Decimal>, DataErrorKind> {
    let Some(spec) = plan.inputs.get(slot) else { return Ok(None) };
    if spec.unit.is_date() {
        return read_date(raw);
    }
    match &spec.kind {
        ValueKind::Number => {}
        ValueKind::YesNo => return read_yes_no(raw),
        ValueKind::Grades(grades) => return read_grade(raw, grades),
    }
    let base = match raw.as_bytes().first() {
        Some(b'n') => return Ok(None),
        Some(b't' | b'f') => return Err(DataErrorKind::WrongType { found: "boolean" }),
        Some(b'[') => return Err(DataErrorKind::WrongType { found: "array" }),
        Some(b'{') => return Err(DataErrorKind::WrongType { found: "object" }),
        Some(b'"') => match plain_string(raw) {
            Some(text) => value::parse_text(text, spec.unit)?,
            None => {
                let text: String =
                    serde_json::from_str(raw).map_err(|_| DataErrorKind::NotANumber { text: raw.to_owned() })?;
                value::parse_text(&text, spec.unit)?
            }
        },
        _ => {
            let v = value::parse_json_number(raw)?;
            spec.unit.to_base(v).ok_or_else(|| DataErrorKind::TooLarge { text: raw.to_owned() })?
        }
    };
    validate(plan, slot, base).map(Some)
}

/// The text of a JSON string without escapes, read in place (no allocation):
/// `None` if it has a backslash, and serde_json must unescape it.
fn plain_string(raw: &str) -> Option<&str> {
    raw.strip_prefix('"')?.strip_suffix('"').filter(|t| !t.contains('\\'))
}

/// A date: a string such as "2021-06-30" or "2021年6月30日".
fn read_date(raw: &str) -> Result<Option<Decimal>, DataErrorKind> {
    if raw == "null" {
        return Ok(None);
    }
    let text = match string_value(raw) {
        Ok(t) => t,
        Err(DataErrorKind::WrongType { found: "number" }) => {
            return Err(DataErrorKind::NotADate { text: raw.to_owned() })
        }
        Err(e) => return Err(e),
    };
    match scorecard_syntax::date::parse(&text) {
        Some(days) => Ok(Some(Decimal::from(days))),
        None => Err(DataErrorKind::NotADate { text }),
    }
}

/// A yes/no value: JSON `true`/`false`, or a string such as "是"/"否".
fn read_yes_no(raw: &str) -> Result<Option<Decimal>, DataErrorKind> {
    let yes = match raw {
        "null" => return Ok(None),
        "true" | "1" => true,
        "false" | "0" => false,
        _ => {
            let text = string_value(raw)?;
            value::yes_no(&text).ok_or(DataErrorKind::NotYesNo { text })?
        }
    };
    Ok(Some(if yes { Decimal::ONE } else { Decimal::ZERO }))
}

/// A grade: a string equal to one of the declared grades.
fn read_grade(raw: &str, grades: &[String]) -> Result<Option<Decimal>, DataErrorKind> {
    if raw == "null" {
        return Ok(None);
    }
    let text = string_value(raw)?;
    match grades.iter().position(|g| *g == text.trim()) {
        Some(i) => Ok(Some(Decimal::from(i))),
        None => Err(DataErrorKind::UnknownGrade { text, allowed: grades.to_vec() }),
    }
}

/// The text of a JSON string value, or a type error.
fn string_value(raw: &str) -> Result<String, DataErrorKind> {
    match raw.as_bytes().first() {
        Some(b'"') => serde_json::from_str(raw).map_err(|_| DataErrorKind::NotANumber { text: raw.to_owned() }),
        Some(b'[') => Err(DataErrorKind::WrongType { found: "array" }),
        Some(b'{') => Err(DataErrorKind::WrongType { found: "object" }),
        Some(b't' | b'f') => Err(DataErrorKind::WrongType { found: "boolean" }),
        _ => Err(DataErrorKind::WrongType { found: "number" }),
    }
}

/// Reads the raw JSON value of list input `slot`: `Ok(None)` for `null`.
pub(crate) fn read_list(plan: &Plan, slot: Slot, raw: &str) -> Result<Option<Vec<Decimal>>, DataErrorKind> {
    let readings = match raw.as_bytes().first() {
        Some(b'n') => return Ok(None),
        Some(b'[') => {
            let items: Vec<&RawValue> =
                serde_json::from_str(raw).map_err(|_| DataErrorKind::WrongType { found: "array" })?;
            items.iter().enumerate().map(|(i, item)| element(plan, slot, i, item.get())).collect::<Result<_, _>>()?
        }
        Some(b'"') => {
            let text: String =
                serde_json::from_str(raw).map_err(|_| DataErrorKind::NotANumber { text: raw.to_owned() })?;
            let pieces: Vec<&str> = text.split(crate::list::SEPARATORS).collect();
            if text.trim().is_empty() {
                Vec::new()
            } else {
                pieces
                    .iter()
                    .enumerate()
                    .map(|(i, piece)| {
                        let quoted = serde_json::to_string(piece.trim()).unwrap_or_default();
                        element(plan, slot, i, &quoted)
                    })
                    .collect::<Result<_, _>>()?
            }
        }
        _ => vec![element(plan, slot, 0, raw)?],
    };
    if readings.is_empty() {
        return Err(DataErrorKind::EmptyList);
    }
    Ok(Some(readings))
}

/// Reading number `index` (from 0) of a list.
fn element(plan: &Plan, slot: Slot, index: usize, raw: &str) -> Result<Decimal, DataErrorKind> {
    let at = |reading: DataErrorKind| DataErrorKind::BadReading {
        position: index.saturating_add(1),
        reading: Box::new(reading),
    };
    match raw.as_bytes().first() {
        Some(b'[') => Err(at(DataErrorKind::WrongType { found: "array" })),
        _ => match read_value(plan, slot, raw) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(at(DataErrorKind::Missing)),
            Err(e) => Err(at(e)),
        },
    }
}
