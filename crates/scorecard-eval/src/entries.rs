//! Records from the other shapes a service holds JSON in: a parsed
//! `serde_json::Value`, and a `DeserializeSeed` for a record inside a larger
//! body. Every entry reads numbers exactly or refuses them.

use std::sync::OnceLock;

use serde::de::DeserializeSeed;
use serde_json::Value;

use crate::error::{DataErrorKind, RecordError};
use crate::plan::Plan;
use crate::record::{Builder, Fill, Record};

/// Reads a record from a parsed JSON value (see `Scorecard::parse_value`).
pub(crate) fn from_value(plan: &Plan, keys: &crate::record::Keys, value: &Value) -> Result<Record, RecordError> {
    let mut builder = Builder::new(plan);
    let Value::Object(map) = value else { return Err(builder.fail(DataErrorKind::NotAnObject)) };
    for (key, v) in map {
        let Some(&slot) = keys.get(key) else { continue };
        match v {
            Value::Number(n) if !exact(n) => builder.reject(slot, DataErrorKind::InexactNumber { text: n.to_string() }),
            _ => builder.put(slot, &v.to_string()),
        }
    }
    builder.finish()
}

/// Whether a parsed number still holds the digits it was written with:
/// integers always do; other numbers only with serde_json's `arbitrary_precision`.
fn exact(n: &serde_json::Number) -> bool {
    n.is_i64() || n.is_u64() || arbitrary_precision()
}

/// Whether serde_json keeps number text (its `arbitrary_precision` feature,
/// which any crate in the build may turn on).
fn arbitrary_precision() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        const PROBE: &str = "0.10000000000000000000000000001";
        serde_json::from_str::<serde_json::Number>(PROBE).is_ok_and(|n| n.to_string() == PROBE)
    })
}

/// Reads one record with a compiled scorecard from a serde_json deserializer
/// that borrows its input (`serde_json::from_str`, `from_slice`), e.g. a
/// record field inside a larger request body. Syntax errors are the
/// deserializer's errors; problems with the record's values are the inner
/// [`RecordError`], so a bad value never hides the rest of the body.
#[derive(Debug, Clone, Copy)]
pub struct RecordSeed<'c> {
    plan: &'c Plan,
    keys: &'c crate::record::Keys,
}

impl<'c> RecordSeed<'c> {
    pub(crate) fn new(plan: &'c Plan, keys: &'c crate::record::Keys) -> Self {
        RecordSeed { plan, keys }
    }
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Result<Record, RecordError>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        let mut builder = Builder::new(self.plan);
        Fill { keys: self.keys, builder: &mut builder }.deserialize(d)?;
        Ok(builder.finish())
    }
}
