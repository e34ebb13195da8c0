//! No code: this crate exists for its test (`tests/exact.rs`), built with
//! rust_decimal's `serde-float` and `serde-with-str` features on.
