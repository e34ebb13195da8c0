//! The one serialised form of every decimal: a JSON number with its exact
//! digits, whatever serde features other crates enable for `rust_decimal`.
//!
//! Serialised through serde_json (directly or through a wrapper such as
//! `serde_path_to_error`), a decimal is written as JSON number text, never
//! through a binary float: `81`, `265.90300000000000000001`. In any other
//! format (YAML, TOML, an insta snapshot) it is the same text as a string,
//! since those formats have no exact decimal numbers. Reading back accepts
//! both, and reads JSON text exactly.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::value::RawValue;

/// Whether `T` is (or wraps) one of serde_json's serializers or deserializers.
fn is_serde_json<T>() -> bool {
    std::any::type_name::<T>().contains("serde_json::")
}

/// Serialises a decimal exactly (see the module docs).
pub(crate) fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let text = value.normalize().to_string();
    if !is_serde_json::<S>() {
        return s.serialize_str(&text);
    }
    match RawValue::from_string(text) {
        Ok(raw) => serde::Serialize::serialize(&raw, s),
        Err(e) => Err(serde::ser::Error::custom(e)),
    }
}

/// Reads a decimal written by [`serialize`]: JSON number text read exactly,
/// or a string holding the number.
pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    if std::any::type_name::<D>().contains("serde_json::de::Deserializer") {
        let raw = <Box<RawValue>>::deserialize(d)?;
        let text = raw.get();
        let number = match text.strip_prefix('"') {
            Some(_) => serde_json::from_str::<String>(text).map_err(de::Error::custom)?,
            None => text.to_owned(),
        };
        return crate::value::parse_json_number(&number).map_err(|_| not_exact(&number));
    }
    d.deserialize_any(DecimalVisitor)
}

fn not_exact<E: de::Error>(text: &str) -> E {
    E::custom(format_args!("`{text}` is not a decimal number of at most 28 significant digits"))
}

/// Reads a decimal from a format without exact JSON number text.
struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        crate::value::parse_json_number(v).map_err(|_| not_exact(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    /// A number that a format (or a `serde_json::Value`) has already turned
    /// into a binary float may have lost digits, so it is refused rather than
    /// guessed at: write decimals as JSON text or as strings.
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
        Err(E::custom(
            "a decimal that was read as a binary float may have lost digits; read it from JSON text or a string",
        ))
    }
}

/// `Option<Decimal>` as [`serialize`] writes a decimal, or `null`.
pub(crate) fn serialize_option<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => serialize(v, s),
        None => s.serialize_none(),
    }
}
