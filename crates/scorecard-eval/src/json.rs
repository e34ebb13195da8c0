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

/// Appends `s` as a JSON string, escaped exactly as `serde_json` escapes it:
/// `"` and `\` with a backslash, the control characters with their short
/// escapes (`\n`) or `\u00XX` (lower-case hex), everything else as is.
pub(crate) fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (at, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(bytes.get(start..at).unwrap_or(&[]));
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(b"\\u00");
            out.push(HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'));
            out.push(HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0'));
        } else {
            out.extend_from_slice(escape);
        }
        start = at.saturating_add(1);
    }
    out.extend_from_slice(bytes.get(start..).unwrap_or(&[]));
    out.push(b'"');
}

/// Appends `d` as [`serialize`] writes it into JSON: its normalised digits.
pub(crate) fn push_decimal(out: &mut Vec<u8>, d: Decimal) {
    crate::number::push_json_number(out, d);
}

/// Appends an unsigned integer in decimal.
pub(crate) fn push_u32(out: &mut Vec<u8>, n: u32) {
    let mut buf = [0u8; 40];
    out.extend_from_slice(crate::number::digits(u128::from(n), &mut buf));
}

/// A list of strings as a JSON array.
pub(crate) fn push_strs(out: &mut Vec<u8>, list: &[String]) {
    out.push(b'[');
    for (i, s) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_str(out, s);
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("满意度 「引号」 \u{7f} \u{2028} é");
        for s in [all.as_str(), "", "plain", "a\"b\\c", "\u{1}\u{1f}"] {
            let mut out = Vec::new();
            push_str(&mut out, s);
            assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn decimals_and_integers_are_written_as_serialize_writes_them() {
        let cases = ["0", "-0", "0.00", "-0.000", "5.00", "-3.50", "265.90300000000000000001", "0.0001", "1e-28"];
        for text in cases {
            let d: Decimal =
                if text.contains('e') { Decimal::from_scientific(text).unwrap() } else { text.parse().unwrap() };
            for d in [d, -d, Decimal::MAX, Decimal::MIN] {
                let mut out = Vec::new();
                push_decimal(&mut out, d);
                assert_eq!(String::from_utf8(out).unwrap(), d.normalize().to_string(), "{d:?}");
            }
        }
        for n in [0, 7, 10, 4_294_967_295] {
            let mut out = Vec::new();
            push_u32(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
