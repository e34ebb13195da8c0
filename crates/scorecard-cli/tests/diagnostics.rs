//! Every diagnostic code, reached from a real bad rule file or record and
//! rendered the way an analyst sees it.
//!
//! - `tests/fixtures/rules/{zh,en}/*.rules` (at the repository root): one bad
//!   rule file per mistake, named after the code it should produce. A first
//!   line `# args: …` passes flags (the limits). Each is run through
//!   `scorecard check` and the whole transcript is snapshotted, so a review
//!   sees the carets under Chinese text.
//! - Rule files that need bytes a text fixture should not hold (a NUL byte,
//!   invalid UTF-8) are written by [`generated`] into a temporary directory:
//!   the bytes are visible here, and no editor or Git filter can "repair"
//!   them.
//! - `tests/fixtures/data/*.jsonl`: good and bad records for the seed, scored
//!   with `scorecard eval --format jsonl` against the Chinese and the English
//!   seed.
//!
//! Besides the snapshots, every rendered diagnostic is checked mechanically:
//! its code is the one the file is named after, the caret sits at the column
//! the header names (counted in characters, drawn in display columns), the
//! words are in the file's language, and no grammar internals show.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    reason = "test helpers fail the test loudly, on small fixture-sized numbers"
)]

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{scorecard_in, Run};
use scorecard::{Code, Lang};
use unicode_width::UnicodeWidthStr;

/// The seed rule files, relative to the repository root.
const SEED_ZH: &str = "rules/chenggong-2021-window-service.rules";
const SEED_EN: &str = "rules/chenggong-2021-window-service.en.rules";

/// The repository root: fixture paths in the output are relative to it.
fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// `path` relative to `base`, with `/` separators.
fn relative(path: &Path, base: &Path) -> String {
    let rel = path.canonicalize().unwrap();
    let rel = rel.strip_prefix(base).unwrap_or(&rel);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// The language a fixture is written in, from its directory.
fn lang_of(rel: &str) -> Lang {
    if rel.split('/').any(|part| part == "en") {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// The flags a fixture asks for on its first line: `# args: --max-tiers 3`.
fn fixture_args(bytes: &[u8]) -> Vec<String> {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    first.strip_prefix("# args:").map(|a| a.split_whitespace().map(str::to_owned).collect()).unwrap_or_default()
}

/// Runs `scorecard check [args] rel` in `dir`; returns the command line and the run.
fn check(dir: &Path, rel: &str) -> (String, Run) {
    let mut args = vec!["check".to_owned()];
    args.extend(fixture_args(&std::fs::read(dir.join(rel)).unwrap()));
    args.push(rel.to_owned());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    (format!("scorecard {}", args.join(" ")), scorecard_in(dir, &argv, b""))
}

/// What a reviewer reads: the command, its exit code, and both streams.
fn transcript(command: &str, run: &Run, stdout: &str) -> String {
    format!("$ {command}\nexit {}\n── stdout\n{stdout}── stderr\n{}", run.code, run.stderr)
}

// ───────────────────────────── rule files ─────────────────────────────

#[test]
fn rule_fixtures_render_well() {
    let repo = repo();
    insta::glob!("../../../tests/fixtures/rules", "*/*.rules", |path| {
        let rel = relative(path, &repo);
        let (command, run) = check(&repo, &rel);
        review(&rel, &run);
        insta::assert_snapshot!(transcript(&command, &run, &run.stdout));
    });
}

/// Rule files whose bytes are written here rather than committed: the path
/// (relative to the directory they are written to) and the bytes.
fn generated() -> Vec<(&'static str, Vec<u8>)> {
    let utf16 = "scorecard \"window service\"\ninput satisfaction = satisfaction (%), range 0 to 100\n";
    vec![
        (
            "generated/zh/E0004-nul-byte.rules",
            "# 从网页复制指标名称时夹带了一个 NUL 字符。\n计分表 「窗口服务」\n输入 满意度 = satisfaction（%），范围 0～100\n三级指标 满意度\0调查\n  评分 满意度低于90%，扣3分\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            // Saved from Notepad as "Unicode" without a byte-order mark: every ASCII byte is followed by a NUL.
            "generated/en/E0004-utf16-without-bom.rules",
            utf16.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ),
        (
            // The scoring line was pasted from a GBK (GB18030) export; the rest is UTF-8.
            "generated/zh/E0006-gbk-line.rules",
            [
                "# 评分一行是从 GBK 编码的 Excel 导出文件中粘贴的。\n计分表 「窗口服务」\n输入 满意度 = satisfaction（%），范围 0～100\n三级指标 满意度\n".as_bytes(),
                b"  \xc6\xc0\xb7\xd6 \xc2\xfa\xd2\xe2\xb6\xc8\xb5\xcd\xd3\xda90%\xa3\xac\xbf\xdb3\xb7\xd6\n",
            ]
            .concat(),
        ),
        (
            // Pasted from Word: curly quotes and é in Windows-1252.
            "generated/en/E0006-windows-1252-quotes.rules",
            b"# The name was pasted from Word, with Windows-1252 quotes.\nscorecard \"window service\"\ninput satisfaction = satisfaction (%), range 0 to 100\nindicator \x93caf\xe9 service\x94\n  scoring: satisfaction below 90% -> -3\n"
                .to_vec(),
        ),
    ]
}

/// Writes the generated rule files under a fresh directory named `name`; returns it.
fn write_generated(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("diagnostics-{}-{name}", std::process::id()));
    for (rel, bytes) in generated() {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

#[test]
fn generated_rule_files_render_well() {
    let dir = write_generated("render");
    for (rel, _) in generated() {
        let (command, run) = check(&dir, rel);
        review(rel, &run);
        let name = rel.trim_start_matches("generated/").trim_end_matches(".rules").replace('/', "__");
        insta::assert_snapshot!(format!("generated__{name}"), transcript(&command, &run, &run.stdout));
    }
}

/// Every code in `Code::ALL` is produced by at least one Chinese and one English fixture.
#[test]
fn every_code_is_reached_in_both_languages() {
    let repo = repo();
    let dir = write_generated("coverage");
    let mut runs: Vec<(String, Run)> = Vec::new();
    for lang in ["zh", "en"] {
        for entry in std::fs::read_dir(repo.join("tests/fixtures/rules").join(lang)).unwrap() {
            let rel = relative(&entry.unwrap().path(), &repo);
            runs.push((rel.clone(), check(&repo, &rel).1));
        }
    }
    for (rel, _) in generated() {
        runs.push((rel.to_owned(), check(&dir, rel).1));
    }
    let mut seen: BTreeSet<(&'static str, bool)> = BTreeSet::new();
    for (rel, run) in &runs {
        for code in codes_in(&run.stderr) {
            seen.insert((code.as_str(), lang_of(rel) == Lang::En));
        }
    }
    let missing: Vec<String> = Code::ALL
        .iter()
        .flat_map(|c| [(c.as_str(), false), (c.as_str(), true)])
        .filter(|key| !seen.contains(key))
        .map(|(code, en)| format!("{code} ({})", if en { "en" } else { "zh" }))
        .collect();
    assert!(missing.is_empty(), "codes no fixture reaches: {missing:?}");
}

/// The codes of the rendered diagnostics: miette prints each on a line of its own.
fn codes_in(text: &str) -> Vec<Code> {
    text.lines().filter_map(|l| Code::parse(l).filter(|c| c.as_str() == l.trim())).collect()
}

// ───────────────────────────── reviewing one output ─────────────────────────────

/// The mechanical part of reviewing a fixture's output.
fn review(rel: &str, run: &Run) {
    let lang = lang_of(rel);
    let stem = rel.rsplit('/').next().unwrap_or(rel);
    let warnings_only = stem.starts_with('W');
    assert_eq!(run.code, if warnings_only { 0 } else { 1 }, "{rel}: exit code\n{}", run.stderr);
    assert!(run.stdout.is_empty(), "{rel}: check wrote to stdout:\n{}", run.stdout);
    if let Some(code) = stem.get(..5).and_then(Code::parse) {
        assert!(codes_in(&run.stderr).contains(&code), "{rel}: no {code} in\n{}", run.stderr);
    }
    for internal in ["kw_", "_tier", "EOI", "Rule::", "pest", "Limits::"] {
        assert!(!run.stderr.contains(internal), "{rel}: shows `{internal}`:\n{}", run.stderr);
    }
    let blocks = blocks(&run.stderr);
    assert!(!blocks.is_empty(), "{rel}: no diagnostic rendered:\n{}", run.stderr);
    for block in &blocks {
        check_language(rel, lang, block);
        check_caret(rel, block);
    }
    let summary = run.stderr.lines().last().unwrap_or_default();
    let summary_words = if lang == Lang::Zh { "个错误" } else { " error" };
    assert!(summary.contains(summary_words), "{rel}: summary not in the file's language: {summary}");
}

/// The rendered diagnostics, one string each (from a code line to the next).
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut blocks: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        if !codes_in(line).is_empty() {
            blocks.push(Vec::new());
        }
        if let Some(block) = blocks.last_mut() {
            block.push(line);
        }
    }
    blocks
}

/// The message, label and help of a block, each joined across wrapped lines.
fn texts(block: &[&str]) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    let mut current: Option<String> = None;
    for line in block {
        let start = ["  × ", "  ⚠ ", "  help: "].iter().find_map(|p| line.strip_prefix(p));
        let label = line.split_once("╰── ").map(|(_, l)| l);
        let more = line.strip_prefix("  │ ").or_else(|| line.strip_prefix("        "));
        if let Some(text) = start.or(label) {
            texts.extend(current.take());
            current = Some(text.to_owned());
        } else if let (Some(text), Some(cur)) = (more, current.as_mut()) {
            cur.push_str(text);
        } else {
            texts.extend(current.take());
        }
    }
    texts.extend(current);
    texts
}

/// Text with quoted user input (`…`, 「…」, "…") and flags removed.
fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '「' => closing = Some('」'),
                '"' => closing = Some('"'),
                '“' => closing = Some('”'),
                c => out.push(c),
            },
        }
    }
    without_flags(&out)
}

/// Text with command-line flags such as `--max-tiers` removed.
fn without_flags(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("--") {
        out.push_str(&rest[..at]);
        let flag = rest[at..].trim_start_matches('-');
        rest = flag.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '-');
    }
    out.push_str(rest);
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FF65}').contains(&c)
}

/// The longest run of ASCII letters in `text`.
fn longest_ascii_word(text: &str) -> usize {
    text.split(|c: char| !c.is_ascii_alphabetic()).map(str::len).max().unwrap_or(0)
}

/// Chinese files get Chinese words and no English ones; English files get
/// English words and no Chinese punctuation. Quoted text (names, keywords,
/// examples) and Chinese units are allowed in both.
fn check_language(rel: &str, lang: Lang, block: &[&str]) {
    for text in texts(block) {
        let words = unquoted(&text);
        match lang {
            Lang::Zh => {
                assert!(words.chars().any(is_cjk), "{rel}: not Chinese: {text}");
                assert!(longest_ascii_word(&words) < 4, "{rel}: English words in a Chinese message: {text}");
            }
            Lang::En => {
                assert!(longest_ascii_word(&words) >= 1, "{rel}: not English: {text}");
                let chinese_punctuation = words.chars().find(|c| "，。：；、（）！？".contains(*c));
                assert!(chinese_punctuation.is_none(), "{rel}: Chinese punctuation in an English message: {text}");
            }
        }
    }
}

/// The header `[file:line:col]` counts characters; the underline below the
/// source line must start at the display column of that character.
fn check_caret(rel: &str, block: &[&str]) {
    let Some((line, col)) = block.iter().find_map(|l| header_position(l)) else {
        panic!("{rel}: no position in\n{}", block.join("\n"));
    };
    if block.iter().any(|l| l.contains('▶')) {
        return; // a span over several lines is drawn in the gutter instead
    }
    let Some(row) = block.iter().position(|l| source_row(l).is_some_and(|(n, _)| n == line)) else {
        panic!("{rel}: line {line} is not shown in\n{}", block.join("\n"));
    };
    let (_, text) = source_row(block[row]).unwrap();
    let expected = text.chars().take(col - 1).collect::<String>().width();
    let under = block[row + 1];
    let marks = under.split_once("· ").map(|(_, m)| m).unwrap_or_else(|| panic!("{rel}: no underline: {under}"));
    let at = marks.chars().take_while(|c| *c == ' ').count();
    assert_eq!(at, expected, "{rel}: the caret is not under {line}:{col}\n{}", block.join("\n"));
}

/// `(line, col)` from `╭─[path:line:col]`.
fn header_position(line: &str) -> Option<(usize, usize)> {
    let inside = line.split_once("╭─[")?.1.strip_suffix(']')?;
    let mut parts = inside.rsplitn(3, ':');
    let col = parts.next()?.parse().ok()?;
    let line = parts.next()?.parse().ok()?;
    Some((line, col))
}

/// `(number, text)` of a source row ` 12 │ text`.
fn source_row(line: &str) -> Option<(usize, &str)> {
    let (number, text) = line.split_once(" │")?;
    let number = number.trim().parse().ok()?;
    Some((number, text.strip_prefix(' ').unwrap_or(text)))
}

// ───────────────────────────── records ─────────────────────────────

#[test]
fn data_fixtures_report_every_bad_record() {
    let repo = repo();
    insta::glob!("../../../tests/fixtures/data", "*.jsonl", |path| {
        let rel = relative(path, &repo);
        let input = std::fs::read_to_string(path).unwrap();
        for (lang, seed) in [("zh", SEED_ZH), ("en", SEED_EN)] {
            let args = ["eval", seed, "--data", &rel, "--format", "jsonl"];
            let run = scorecard_in(&repo, &args, b"");
            review_records(&rel, &input, &run);
            let command = format!("scorecard {}", args.join(" "));
            insta::assert_snapshot!(lang, transcript(&command, &run, &condensed(&run.stdout)));
        }
    });
}

/// One output line per non-blank input line, in input order: a report for a
/// good record, `{"line":N,…}` for a bad one, with N its line in the file.
fn review_records(rel: &str, input: &str, run: &Run) {
    let records: Vec<usize> =
        input.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, _)| i + 1).collect();
    let outputs: Vec<serde_json::Value> =
        run.stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{rel}: {e}: {l}"))).collect();
    assert_eq!(outputs.len(), records.len(), "{rel}: one output line per record\n{}", run.stdout);
    let mut failed = 0;
    for (line, output) in records.iter().zip(&outputs) {
        if let Some(reported) = output.get("line") {
            failed += 1;
            assert_eq!(reported.as_u64(), Some(*line as u64), "{rel}: out of order: {output}");
            let errors = output["errors"].as_array().unwrap();
            assert!(!errors.is_empty(), "{rel}:{line}: no errors listed");
            let in_stderr = format!(":{line}");
            assert!(run.stderr.contains(&in_stderr), "{rel}:{line}: not on stderr:\n{}", run.stderr);
        } else {
            assert!(output.get("total").is_some(), "{rel}:{line}: neither a report nor a failure: {output}");
        }
    }
    assert_eq!(run.code, if failed > 0 { 1 } else { 0 }, "{rel}: exit code");
    let summary = run.stderr.lines().last().unwrap_or_default();
    if failed > 0 {
        let counts = [format!("{} 条记录中有 {failed} 条", records.len()), format!("{failed} of {}", records.len())];
        assert!(counts.iter().any(|c| summary.contains(c.as_str())), "{rel}: summary: {summary}");
    }
}

/// Reports shortened to their total and grade (the seed's snapshots show them
/// whole); failures kept as they are.
fn condensed(stdout: &str) -> String {
    stdout
        .lines()
        .map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            match (value.get("total"), value.get("grade")) {
                (Some(total), Some(grade)) => format!("report: total {total}, grade {grade}\n"),
                _ => format!("{line}\n"),
            }
        })
        .collect()
}

/// Every kind of data error a JSON record can cause in the seed table is
/// produced by some record of the data fixtures. The kinds that need other
/// constructs (dates, grades, yes/no inputs, formulas, bands, discretionary
/// deductions) or the typed API are reached in the workspace tests
/// `tests/semantics.rs`, `tests/vocabulary_*.rs` and `tests/data_errors.rs`.
#[test]
fn every_data_error_kind_is_reached() {
    // Kinds only other constructs or the typed API can cause, and the tests that reach them.
    const ELSEWHERE: [&str; 14] = [
        "not_a_rank",            // ranks: tests/vocabulary_bands.rs
        "not_a_date",            // dates: tests/semantics.rs
        "wrong_scorecard",       // typed API: tests/data_errors.rs
        "not_yes_no",            // yes/no inputs: tests/vocabulary_types.rs
        "unknown_grade",         // grade inputs: tests/vocabulary_grades.rs
        "divide_by_zero",        // formulas: tests/vocabulary_formula.rs
        "no_band",               // bands: tests/vocabulary_bands.rs
        "outside_grade_band",    // assessed grades: tests/vocabulary_grades.rs
        "unmapped_grade",        // grade mappings: tests/vocabulary_grades.rs
        "above_bound",           // discretionary deductions: tests/vocabulary_na_discretionary.rs
        "assessed_outside_band", // ranges of points: tests/assessor.rs
        "not_assessed",          // ranges of points: tests/assessor.rs
        "empty_list",            // lists of readings: tests/lists.rs
        "bad_reading",           // lists of readings: tests/lists.rs
    ];
    // Every kind a suite may name is either reached here or listed above.
    let kinds: Vec<&str> = scorecard_suite::ERROR_KINDS.iter().copied().filter(|k| !ELSEWHERE.contains(k)).collect();
    assert_eq!(kinds.len() + ELSEWHERE.len(), scorecard_suite::ERROR_KINDS.len(), "ELSEWHERE names an unknown kind");
    let repo = repo();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for entry in std::fs::read_dir(repo.join("tests/fixtures/data")).unwrap() {
        let rel = relative(&entry.unwrap().path(), &repo);
        let run = scorecard_in(&repo, &["eval", SEED_ZH, "--data", &rel, "--format", "jsonl"], b"");
        for line in run.stdout.lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            for error in value.get("errors").and_then(|e| e.as_array()).into_iter().flatten() {
                seen.extend(error.get("kind").and_then(|k| k.as_str()).map(str::to_owned));
            }
        }
    }
    let missing: Vec<&str> = kinds.iter().copied().filter(|k| !seen.contains(*k)).collect();
    assert!(missing.is_empty(), "data error kinds no record reaches: {missing:?}");
}

/// The mechanical checks above can fail: a caret one column off, or a
/// Chinese message for an English file, is caught.
#[test]
fn the_review_checks_can_fail() {
    let good = [
        "E0201",
        "",
        "  × 未声明的名称 `年办件数`",
        "   ╭─[t.rules:6:6]",
        " 6 │   评分 年办件数低于上期90%",
        "   ·        ────┬───",
        "   ·            ╰── 未声明",
        "   ╰────",
    ];
    check_caret("good", &good);
    check_language("good", Lang::Zh, &good);
    let mut off_by_one = good;
    off_by_one[5] = "   ·       ────┬───";
    assert!(std::panic::catch_unwind(|| check_caret("off by one", &off_by_one)).is_err());
    let mut byte_column = good;
    byte_column[3] = "   ╭─[t.rules:6:10]";
    assert!(std::panic::catch_unwind(|| check_caret("byte column", &byte_column)).is_err());
    assert!(std::panic::catch_unwind(|| check_language("wrong language", Lang::En, &good)).is_err());
    let mut english_in_chinese = good;
    english_in_chinese[2] = "  × unknown name `年办件数`";
    assert!(std::panic::catch_unwind(|| check_language("english", Lang::Zh, &english_in_chinese)).is_err());
}
