//! One field's value as JSON text, exactly: the serializer behind
//! `Scorecard::parse_serialize` (see the parent module for why).

use serde::ser::{self, Impossible, Serialize, SerializeStruct};

use super::Failure;
use crate::error::DataErrorKind;

/// The struct names serde_json gives its exact number (rust_decimal's
/// `serde-with-arbitrary-precision` form) and its raw JSON text.
const EXACT_TEXT: [&str; 2] = ["$serde_json::private::Number", "$serde_json::private::RawValue"];

/// Serialises one value to its JSON text.
pub(super) struct Text;

fn wrong<T>(found: &'static str) -> Result<T, Failure> {
    Err(Failure(DataErrorKind::WrongType { found }))
}

fn quoted(text: &str) -> Result<String, Failure> {
    serde_json::to_string(text).map_err(|_| Failure(DataErrorKind::NotANumber { text: text.to_owned() }))
}

/// A binary float may already have lost digits, so it is refused.
fn inexact(text: String) -> Result<String, Failure> {
    Err(Failure(DataErrorKind::InexactNumber { text }))
}

macro_rules! integers {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<String, Failure> { Ok(v.to_string()) })*
    };
}

impl ser::Serializer for Text {
    type Ok = String;
    type Error = Failure;
    type SerializeSeq = Impossible<String, Failure>;
    type SerializeTuple = Impossible<String, Failure>;
    type SerializeTupleStruct = Impossible<String, Failure>;
    type SerializeTupleVariant = Impossible<String, Failure>;
    type SerializeMap = Impossible<String, Failure>;
    type SerializeStruct = ExactText;
    type SerializeStructVariant = Impossible<String, Failure>;

    integers!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
    );

    fn serialize_f32(self, v: f32) -> Result<String, Failure> {
        inexact(v.to_string())
    }
    fn serialize_f64(self, v: f64) -> Result<String, Failure> {
        inexact(v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<String, Failure> {
        quoted(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<String, Failure> {
        quoted(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Failure> {
        wrong("array")
    }
    fn serialize_none(self) -> Result<String, Failure> {
        Ok("null".to_owned())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Failure> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Failure> {
        Ok("null".to_owned())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Failure> {
        Ok("null".to_owned())
    }
    /// A fieldless enum variant is its name, as in serde_json (a grade such as `优`).
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, Failure> {
        quoted(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<String, Failure> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Failure> {
        wrong("object")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Failure> {
        wrong("array")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Failure> {
        wrong("array")
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Failure> {
        wrong("array")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Failure> {
        wrong("object")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Failure> {
        wrong("object")
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<ExactText, Failure> {
        if EXACT_TEXT.contains(&name) {
            Ok(ExactText(None))
        } else {
            wrong("object")
        }
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Failure> {
        wrong("object")
    }
}

/// serde_json's exact number or raw text: one string field holding the JSON text.
pub(super) struct ExactText(Option<String>);

impl SerializeStruct for ExactText {
    type Ok = String;
    type Error = Failure;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<(), Failure> {
        let quoted = value.serialize(Text)?;
        let text: String =
            serde_json::from_str(&quoted).map_err(|_| Failure(DataErrorKind::NotANumber { text: quoted.clone() }))?;
        self.0 = Some(text);
        Ok(())
    }

    fn end(self) -> Result<String, Failure> {
        self.0.ok_or(Failure(DataErrorKind::WrongType { found: "object" }))
    }
}
