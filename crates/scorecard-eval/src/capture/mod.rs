//! A record from any `T: Serialize` (`Scorecard::parse_serialize`): a small
//! serde serializer that captures each field as JSON text, keeping every
//! digit, and hands it to the same reader as a JSON record.
//!
//! Hand-written because no serializer in the ecosystem refuses binary floats:
//! serde_json would print an `f64` (or a `Decimal` under rust_decimal's
//! `serde-float`) as its shortest float text, silently changing a value such
//! as `265.90300000000000000001` into `265.903`. Here integers, strings,
//! booleans and decimal text (rust_decimal's default string form, and its
//! `serde-with-arbitrary-precision` number form) are exact; a float is an
//! [`DataErrorKind::InexactNumber`] naming the input.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct};

use crate::error::{DataErrorKind, RecordError};
use crate::plan::{Plan, Slot};
use crate::record::{Builder, Record};

mod text;
use text::Text;

/// Reads a record from any serialisable value: a struct or a map.
pub(crate) fn from_serialize<T: Serialize + ?Sized>(
    plan: &Plan,
    keys: &crate::record::Keys,
    value: &T,
) -> Result<Record, RecordError> {
    let mut builder = Builder::new(plan);
    match value.serialize(Top { keys, builder: &mut builder, key: None }) {
        Ok(()) => builder.finish(),
        Err(Failure(kind)) => Err(builder.fail(kind)),
    }
}

/// Why a value could not be captured: the data error to report.
#[derive(Debug)]
struct Failure(DataErrorKind);

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.0)
    }
}

impl std::error::Error for Failure {}

impl ser::Error for Failure {
    /// A `Serialize` impl that fails on its own: its message, as unreadable text.
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Failure(DataErrorKind::NotANumber { text: msg.to_string() })
    }
}

/// The top level: a struct or map whose entries are the record's inputs.
struct Top<'a, 'p> {
    keys: &'a crate::record::Keys,
    builder: &'a mut Builder<'p>,
    /// The slot of the map key just read (`None`: a key the scorecard ignores).
    key: Option<Option<Slot>>,
}

impl Top<'_, '_> {
    fn field<V: Serialize + ?Sized>(&mut self, slot: Option<Slot>, value: &V) {
        let Some(slot) = slot else { return };
        match value.serialize(Text) {
            Ok(raw) => self.builder.put(slot, &raw),
            Err(Failure(kind)) => self.builder.reject(slot, kind),
        }
    }
}

impl SerializeStruct for Top<'_, '_> {
    type Ok = ();
    type Error = Failure;

    fn serialize_field<V: Serialize + ?Sized>(&mut self, key: &'static str, value: &V) -> Result<(), Failure> {
        let slot = self.keys.get(key).copied();
        self.field(slot, value);
        Ok(())
    }

    fn end(self) -> Result<(), Failure> {
        Ok(())
    }
}

impl SerializeMap for Top<'_, '_> {
    type Ok = ();
    type Error = Failure;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Failure> {
        let raw = key.serialize(Text)?;
        let name: String = serde_json::from_str(&raw).map_err(|_| Failure(DataErrorKind::NotAnObject))?;
        self.key = Some(self.keys.get(&name).copied());
        Ok(())
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Failure> {
        let slot = self.key.take().flatten();
        self.field(slot, value);
        Ok(())
    }

    fn end(self) -> Result<(), Failure> {
        Ok(())
    }
}

/// Anything but a struct or map at the top level is not a record.
fn not_an_object<T>() -> Result<T, Failure> {
    Err(Failure(DataErrorKind::NotAnObject))
}

macro_rules! refuse_scalars {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, _: $ty) -> Result<(), Failure> { not_an_object() })*
    };
}

impl<'a, 'p> ser::Serializer for Top<'a, 'p> {
    type Ok = ();
    type Error = Failure;
    type SerializeSeq = Impossible<(), Failure>;
    type SerializeTuple = Impossible<(), Failure>;
    type SerializeTupleStruct = Impossible<(), Failure>;
    type SerializeTupleVariant = Impossible<(), Failure>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), Failure>;

    refuse_scalars!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_none(self) -> Result<(), Failure> {
        not_an_object()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Failure> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Failure> {
        not_an_object()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> Result<(), Failure> {
        not_an_object()
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<(), Failure> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Failure> {
        not_an_object()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Failure> {
        not_an_object()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Failure> {
        not_an_object()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Failure> {
        not_an_object()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Failure> {
        not_an_object()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, Failure> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Failure> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Failure> {
        not_an_object()
    }
}
