//! Password-protected workbooks and Word documents are refused by name, with what to do.
//!
//! The fixtures are written by `tests/fixtures/encrypted/make.py` (password `secret`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;

use scorecard_table::document::{read, DocumentError, ReadLimits};

fn refused(name: &str) -> DocumentError {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/encrypted").join(name);
    read(&path, &ReadLimits::default()).expect_err(name)
}

fn assert_encrypted(name: &str) {
    let e = refused(name);
    assert!(matches!(e, DocumentError::Encrypted { .. }), "{name}: {e:?}");
    let text = e.to_string();
    assert!(text.contains(&format!("encrypted/{name}: the file is encrypted")), "{text}");
    assert!(text.contains("save an unprotected copy"), "{text}");
}

#[test]
fn an_encrypted_xlsx_is_refused_by_name() {
    assert_encrypted("table.xlsx");
}

#[test]
fn an_encrypted_xls_is_refused_by_name() {
    assert_encrypted("table.xls");
}

#[test]
fn an_encrypted_ods_is_refused_by_name() {
    assert_encrypted("table.ods");
}

#[test]
fn an_encrypted_docx_is_refused_by_name() {
    assert_encrypted("table.docx");
}
