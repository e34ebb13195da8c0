//! The checks behind [`rule_suites!`](crate::rule_suites): one per suite case
//! and one per suite snapshot, blessed first when `SCORECARD_BLESS` asks.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use scorecard_suite::{diff, glob, load_in, Loaded, Matched, Snapshot, SuiteError, SuiteOutcome};

use crate::Lang;

/// Asserts one suite's snapshot in the calling crate: the snapshot's name,
/// the data, and the suite file (insta's `input_file`).
pub(crate) type SnapshotFn = fn(&str, &Snapshot, &Path);

/// What one check is about: a case, a suite's snapshot, or a suite that cannot run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Case,
    Snapshot,
    Suite,
}

impl Kind {
    /// The label shown before the name (`[snapshot] rules/x`); none for a case.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Kind::Case => "",
            Kind::Snapshot => "snapshot",
            Kind::Suite => "suite",
        }
    }
}

/// One test: its name, and what it checks.
pub(crate) struct Check {
    pub(crate) name: String,
    pub(crate) kind: Kind,
    pub(crate) run: Box<dyn FnOnce() -> Result<(), String> + Send>,
}

/// Whether `SCORECARD_BLESS` is set (and not empty or `0`).
pub(crate) fn bless_requested() -> bool {
    std::env::var("SCORECARD_BLESS").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// The checks for every suite matching `pattern` below `root`. With `bless`,
/// the failing cases that `selected` keeps are rewritten first and the suite
/// is run again, so the checks see the new expectations.
pub(crate) fn checks(
    root: &Path,
    pattern: &str,
    snapshot: SnapshotFn,
    bless: bool,
    selected: &dyn Fn(&str, Kind) -> bool,
) -> Vec<Check> {
    match glob(root, pattern) {
        Ok(found) => found.iter().flat_map(|m| suite_checks(m, snapshot, bless, selected)).collect(),
        Err(e) => vec![failing(pattern.to_owned(), Kind::Suite, e.to_string())],
    }
}

fn failing(name: String, kind: Kind, message: String) -> Check {
    Check { name, kind, run: Box::new(move || Err(message)) }
}

fn suite_checks(m: &Matched, snapshot: SnapshotFn, bless: bool, selected: &dyn Fn(&str, Kind) -> bool) -> Vec<Check> {
    let name = m.name();
    let case_name = |case: &str| format!("{name}::{}", scorecard_suite::text::one_line(case));
    let loaded = match load_in(&m.base, &m.shown) {
        Ok(loaded) => loaded,
        Err(e) => return vec![failing(name, Kind::Suite, e.to_string())],
    };
    let mut outcome = loaded.run();
    if bless {
        match bless_selected(m, &loaded, &outcome, &|case| selected(&case_name(case), Kind::Case)) {
            Ok(Some(again)) => outcome = again,
            Ok(None) => {}
            Err(e) => return vec![failing(name, Kind::Suite, e.to_string())],
        }
    }
    let hint = hint(outcome.lang, bless);
    let mut out: Vec<Check> = outcome
        .cases
        .iter()
        .map(|case| {
            let failure = (!case.passed())
                .then(|| format!("{}\n{}\n\n{hint}", diff::header(&outcome), diff::render_case(&outcome, case)));
            Check { name: case_name(&case.name), kind: Kind::Case, run: Box::new(move || failure.map_or(Ok(()), Err)) }
        })
        .collect();
    out.push(snapshot_check(name, Snapshot::of(&outcome), m.path(), snapshot, hint));
    out
}

/// Rewrites the selected failing cases; the suite run again if anything was written.
fn bless_selected(
    m: &Matched,
    loaded: &Loaded,
    outcome: &SuiteOutcome,
    selected: &dyn Fn(&str) -> bool,
) -> Result<Option<SuiteOutcome>, SuiteError> {
    let mut chosen = outcome.clone();
    chosen.cases.retain(|c| !c.passed() && selected(&c.name));
    if chosen.cases.is_empty() {
        return Ok(None);
    }
    let blessed = loaded.bless(&chosen)?;
    for line in blessed.lines() {
        println!("{line}");
    }
    if blessed.changes.is_empty() {
        return Ok(None);
    }
    load_in(&m.base, &m.shown).map(|again| Some(again.run()))
}

fn snapshot_check(name: String, data: Snapshot, file: PathBuf, snapshot: SnapshotFn, hint: String) -> Check {
    let snapshot_name = name.replace('/', "__");
    let run = move || {
        catch_unwind(AssertUnwindSafe(|| snapshot(&snapshot_name, &data, &file))).map_err(|_| {
            format!("the snapshot `{snapshot_name}` differs from what the engine now gives (see above)\n\n{hint}")
        })
    };
    Check { name, kind: Kind::Snapshot, run: Box::new(run) }
}

/// How to accept the engine's results, said under every failure.
fn hint(lang: Lang, bless: bool) -> String {
    if bless {
        return lang
            .pick(
                "已按 SCORECARD_BLESS 改写能改写的期望；余下的需手工修改（见上方“未更新”行）",
                "SCORECARD_BLESS rewrote what it could; the rest needs a hand edit (see the `not blessed` lines above)",
            )
            .to_owned();
    }
    lang.pick(
        "如变化符合预期，运行 `SCORECARD_BLESS=1 cargo test` 改写测试集的期望和快照",
        "if the change is intended, `SCORECARD_BLESS=1 cargo test` rewrites the suite's expectations and its snapshot",
    )
    .to_owned()
}
