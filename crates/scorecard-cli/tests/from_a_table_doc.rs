//! docs/from-a-table.md runs as written: every `$ scorecard …` line of its
//! `console` blocks is run, in order, in a fresh directory holding
//! `examples/`, and must print exactly the block's text (stdout, then stderr).
#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a test fails loudly when the binary cannot run or the doc is malformed"
)]

mod common;

use std::path::{Path, PathBuf};

use common::{scorecard_in, Run};

/// (command line, expected output) for each `$` line of the doc's console blocks.
fn commands(doc: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_block = false;
    for line in doc.lines() {
        if line == "```console" {
            in_block = true;
        } else if in_block && line == "```" {
            in_block = false;
        } else if in_block {
            match (line.strip_prefix("$ "), out.last_mut()) {
                (Some(cmd), _) => out.push((cmd.to_owned(), String::new())),
                (None, Some((_, expected))) => {
                    expected.push_str(line);
                    expected.push('\n');
                }
                (None, None) => panic!("a console block starts without a `$` line: {line}"),
            }
        }
    }
    out
}

fn workdir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("from-a-table-doc");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    copy_dir(&examples, &dir.join("examples"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("copy examples");
    for entry in std::fs::read_dir(from).expect("read examples") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

#[test]
fn every_command_in_the_walkthrough_prints_what_the_doc_shows() {
    let doc = include_str!("../../../docs/from-a-table.md");
    let commands = commands(doc);
    assert!(commands.len() >= 8, "the walkthrough's commands: {commands:?}");
    let dir = workdir();
    for (line, expected) in &commands {
        let args: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(args.first(), Some(&"scorecard"), "{line}");
        let Run { code, stdout, stderr } = scorecard_in(&dir, args.get(1..).unwrap_or_default(), b"");
        assert_eq!(code, 0, "{line}\n{stderr}");
        let got = format!("{stdout}{stderr}");
        assert_eq!(got.trim_start_matches('\u{feff}').replace("\r\n", "\n"), *expected, "{line}");
    }
    let form = std::fs::read(dir.join("自评表.xlsx")).expect("the 自评表 workbook is written");
    assert!(form.starts_with(b"PK\x03\x04"), "an xlsx is a zip");
}
