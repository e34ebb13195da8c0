//! The version stamped on every serialised output, and how it is written and read.

use serde::{de, Deserialize, Deserializer, Serializer};

/// The version of every serialised output (reports, scores, errors). It
/// changes only when a field is removed or changes meaning.
pub const SCHEMA_VERSION: u32 = 1;

/// Serialises [`SCHEMA_VERSION`] whatever the field holds.
pub(crate) fn schema_version<S: Serializer>(_: &u32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u32(SCHEMA_VERSION)
}

/// Reads a schema version, refusing one this library does not know.
pub(crate) fn read_schema_version<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = u32::deserialize(d)?;
    if v == SCHEMA_VERSION {
        Ok(v)
    } else {
        Err(de::Error::custom(format_args!(
            "schema_version {v} is not supported (this library reads version {SCHEMA_VERSION})"
        )))
    }
}
