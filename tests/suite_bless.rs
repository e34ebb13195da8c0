//! `SCORECARD_BLESS=1 cargo test` for real: the suite harness that
//! `scorecard::rule_suites!` expands to, run as a child process over a copy
//! of the seed suite in a scratch directory (paths shown from that root):
//!
//! - without the variable a failure is reported, with paths relative to the
//!   root, and nothing is written;
//! - with it, the suite's expectations and its snapshot are both rewritten in
//!   one run, and a plain run then passes;
//! - a test filter limits blessing to the cases it selects.
//!
//! This file is its own `harness = false` target: run with
//! `SUITE_BLESS_CHILD_ROOT` set, it is the child (the harness over that
//! root); otherwise it runs the scenarios as tests.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use libtest_mimic::{Arguments, Failed, Trial};

const CHILD_ROOT: &str = "SUITE_BLESS_CHILD_ROOT";
const RULES: &str = include_str!("../rules/chenggong-2021-window-service.rules");
const SUITE: &str = include_str!("../rules/chenggong-2021-window-service.suite.toml");
const DOWNSTREAM_RULES: &str = include_str!("../examples/downstream/rules/library-2022.rules");
const DOWNSTREAM_SUITE: &str = include_str!("../examples/downstream/rules/library-2022.suite.toml");
const DOC: &str = include_str!("../docs/suites.md");

fn main() -> ExitCode {
    if let Some(root) = std::env::var_os(CHILD_ROOT) {
        let root = PathBuf::from(root);
        return scorecard::testing::__main(&root.to_string_lossy(), "rules/*.suite.toml", snapshot);
    }
    let args = Arguments::from_args();
    let trials = vec![
        Trial::test("a_plain_run_reports_with_relative_paths_and_writes_nothing", plain_run_writes_nothing),
        Trial::test("one_blessed_run_rewrites_the_suite_and_the_snapshot", one_run_blesses_both),
        Trial::test("a_filter_limits_what_is_blessed", a_filter_limits_blessing),
        Trial::test("the_failure_in_the_docs_is_what_the_harness_prints", the_documented_failure),
        Trial::test("every_cargo_command_in_the_docs_runs", every_documented_command_runs),
    ];
    libtest_mimic::run(&args, trials).exit_code()
}

/// The macro's snapshot assertion, with snapshots kept in the scratch root.
fn snapshot(name: &str, data: &scorecard::testing::Snapshot, input: &Path) {
    let root = PathBuf::from(std::env::var_os(CHILD_ROOT).unwrap_or_default());
    let mut settings = scorecard::testing::__insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("snapshots"));
    settings.bind(|| (scorecard::__rule_suite_snapshot!())(name, data, input));
}

/// A scratch copy of the seed rules and suite, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    /// A copy of the seed rules and suite.
    fn new(name: &str) -> Result<Scratch, Failed> {
        Scratch::holding(name, "chenggong-2021-window-service", RULES, SUITE)
    }

    /// `rules/<stem>.rules` and `rules/<stem>.suite.toml` in a fresh directory.
    fn holding(name: &str, stem: &str, rules: &str, suite: &str) -> Result<Scratch, Failed> {
        let dir = std::env::temp_dir().join(format!("scorecard-suite-bless-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("rules")).map_err(fail)?;
        std::fs::write(dir.join(format!("rules/{stem}.rules")), rules).map_err(fail)?;
        std::fs::write(dir.join(format!("rules/{stem}.suite.toml")), suite).map_err(fail)?;
        Ok(Scratch(dir))
    }

    fn suite(&self) -> PathBuf {
        self.0.join("rules/chenggong-2021-window-service.suite.toml")
    }

    fn snap(&self) -> PathBuf {
        self.0.join("snapshots/suite_bless__rules__chenggong-2021-window-service.snap")
    }

    fn read(&self, path: &Path) -> Result<String, Failed> {
        std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
    }

    /// Rewrites `from` to `to` in `path`, which must contain it.
    fn edit(&self, path: &Path, from: &str, to: &str) -> Result<(), Failed> {
        let text = self.read(path)?;
        if !text.contains(from) {
            return Err(format!("{} has no `{from}`", path.display()).into());
        }
        std::fs::write(path, text.replacen(from, to, 1)).map_err(fail)
    }

    /// Every file below the root, with its text.
    fn files(&self) -> Result<Vec<(PathBuf, String)>, Failed> {
        let mut out = Vec::new();
        for dir in [self.0.join("rules"), self.0.join("snapshots")] {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                out.push((entry.path(), self.read(&entry.path())?));
            }
        }
        out.sort();
        Ok(out)
    }

    /// Runs the harness over the root; `bless` sets `SCORECARD_BLESS=1`.
    fn harness(&self, bless: bool, args: &[&str]) -> Result<(bool, String), Failed> {
        let mut cmd = Command::new(std::env::current_exe().map_err(fail)?);
        cmd.args(args).env(CHILD_ROOT, &self.0).env_remove("INSTA_UPDATE").env_remove("CI");
        cmd.env_remove("SCORECARD_BLESS");
        if bless {
            cmd.env("SCORECARD_BLESS", "1");
        }
        let out = cmd.output().map_err(fail)?;
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        Ok((out.status.success(), text))
    }

    /// A first blessed run writes the snapshot of the seed suite as it is.
    fn with_snapshot(name: &str) -> Result<Scratch, Failed> {
        let scratch = Scratch::new(name)?;
        scratch.snapshot_taken()?;
        check(scratch.snap().is_file(), "the first blessed run writes the snapshot", "")?;
        check(scratch.read(&scratch.suite())? == SUITE, "a passing suite is not rewritten", "")?;
        Ok(scratch)
    }

    fn snapshot_taken(&self) -> Result<(), Failed> {
        let (ok, text) = self.harness(true, &[])?;
        check(ok, "the first blessed run passes", &text)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn fail(e: impl std::fmt::Display) -> Failed {
    e.to_string().into()
}

/// Whether libtest's output has the line `test <name> ... <status>` (names are padded).
fn reported(output: &str, name: &str, status: &str) -> bool {
    output.lines().any(|l| {
        l.starts_with("test ")
            && l.ends_with(&format!(" ... {status}"))
            && l.split(" ... ").next().is_some_and(|h| h.trim_end().ends_with(name))
    })
}

fn check(ok: bool, what: &str, output: &str) -> Result<(), Failed> {
    if ok {
        Ok(())
    } else {
        Err(format!("{what}\n--- harness output ---\n{output}").into())
    }
}

/// The spending rule deducts 6 instead of 8 beyond 10%: the typical case's
/// total (81), its cost score (7) and the snapshot's explanation all move.
fn change_rule(scratch: &Scratch) -> Result<(), Failed> {
    let rules = scratch.0.join("rules/chenggong-2021-window-service.rules");
    scratch.edit(&rules, "评分 超出（低于）年初预算金额10%扣8分", "评分 超出（低于）年初预算金额10%扣6分")
}

/// The same lines, except for values after `=` (each key and comment kept).
fn only_values_changed(before: &str, after: &str) -> bool {
    let key = |l: &str| l.split_once('=').map(|(k, _)| k.to_owned());
    let comment = |l: &str| l.split_once(" #").map(|(_, c)| c.to_owned());
    before.lines().count() == after.lines().count()
        && before.lines().zip(after.lines()).any(|(b, a)| b != a)
        && before
            .lines()
            .zip(after.lines())
            .all(|(b, a)| b == a || (key(b).is_some() && key(b) == key(a) && comment(b) == comment(a)))
}

fn plain_run_writes_nothing() -> Result<(), Failed> {
    let scratch = Scratch::with_snapshot("plain")?;
    change_rule(&scratch)?;
    let before = scratch.files()?;
    let (ok, text) = scratch.harness(false, &[])?;
    check(!ok, "the run fails", &text)?;
    check(
        reported(&text, " rules/chenggong-2021-window-service::典型：示例数据", "FAILED"),
        "the failing case is its own test",
        &text,
    )?;
    check(
        reported(&text, "[snapshot] rules/chenggong-2021-window-service", "FAILED"),
        "the snapshot test fails",
        &text,
    )?;
    check(
        text.contains("位置 rules/chenggong-2021-window-service.suite.toml:19"),
        "the case is located from the root",
        &text,
    )?;
    check(
        text.contains("测试集 rules/chenggong-2021-window-service.suite.toml（规则 rules/chenggong-2021-window-service.rules，13 个用例）"),
        "the suite and rules are named from the root",
        &text,
    )?;
    // insta names a snapshot outside the workspace (here, in /tmp) by its absolute path;
    // inside a workspace it shows it from there. Every other line is ours.
    let ours = text.lines().filter(|l| !l.starts_with("Snapshot file: ")).collect::<Vec<_>>().join("\n");
    check(!ours.contains(&*scratch.0.to_string_lossy()), "no absolute path is shown", &text)?;
    check(text.contains("SCORECARD_BLESS=1 cargo test"), "the failure says how to accept it", &text)?;
    check(scratch.files()? == before, "nothing is written (no suite edit, no .snap.new)", &text)
}

fn one_run_blesses_both() -> Result<(), Failed> {
    let scratch = Scratch::with_snapshot("both")?;
    let old_snap = scratch.read(&scratch.snap())?;
    change_rule(&scratch)?;
    let (ok, text) = scratch.harness(true, &[])?;
    check(ok, "the blessed run passes", &text)?;
    check(
        text.contains("更新 rules/chenggong-2021-window-service.suite.toml:19 「典型：示例数据」 total：81 → 83"),
        "the change is printed",
        &text,
    )?;
    let suite = scratch.read(&scratch.suite())?;
    check(
        only_values_changed(SUITE, &suite),
        "only expectations' values are rewritten; comments and layout stay",
        &suite,
    )?;
    check(suite.contains("total = 83\ngrade = \"良\""), "the typical case's total is rewritten", &suite)?;
    let snap = scratch.read(&scratch.snap())?;
    check(snap != old_snap && snap.contains("超出 10%，扣 6 分"), "the snapshot is rewritten", &snap)?;
    let (ok, text) = scratch.harness(false, &[])?;
    check(ok, "a plain run then passes", &text)
}

fn a_filter_limits_blessing() -> Result<(), Failed> {
    let scratch = Scratch::with_snapshot("filter")?;
    let old_snap = scratch.read(&scratch.snap())?;
    change_rule(&scratch)?;
    let (ok, text) = scratch.harness(true, &["chenggong-2021-window-service::典型"])?;
    check(ok, "the selected case passes once blessed", &text)?;
    let typical = SUITE.replacen("total = 81\n", "total = 83\n", 1).replacen(
        "\"严格按照厉行节约，控制支出成本\" = 7\n",
        "\"严格按照厉行节约，控制支出成本\" = 9\n",
        1,
    );
    let suite = scratch.read(&scratch.suite())?;
    check(suite == typical, "only the selected case is rewritten", &suite)?;
    check(scratch.read(&scratch.snap())? == old_snap, "an unselected snapshot is left alone", &text)?;
    let (ok, text) = scratch.harness(false, &[])?;
    let other = " rules/chenggong-2021-window-service::边界：支出超出预算 10% 又 0.0001万元，扣 8 分";
    check(!ok && reported(&text, other, "FAILED"), "another case still fails", &text)?;
    check(reported(&text, "[snapshot] rules/chenggong-2021-window-service", "FAILED"), "so does the snapshot", &text)
}

fn the_documented_failure() -> Result<(), Failed> {
    let block = DOC
        .split("```text\n")
        .find(|b| b.starts_with("---- rules/chenggong-2021-window-service::典型"))
        .and_then(|b| b.split("```").next())
        .ok_or("docs/suites.md shows no failure of the seed suite's typical case")?;
    let scratch = Scratch::with_snapshot("doc-failure")?;
    change_rule(&scratch)?;
    let (_, text) = scratch.harness(false, &[])?;
    check(text.contains(block.trim_end()), "docs/suites.md shows the harness's output verbatim", &text)
}

/// Every `cargo test` line in the docs' cargo-test section, run as the
/// harness with the same arguments and environment: `--test rule_suites`
/// over a copy of the downstream example, the workspace's `suites` over the
/// seed suite. Each passes and runs (or lists) at least one test.
fn every_documented_command_runs() -> Result<(), Failed> {
    let start = DOC.find("## Suites in `cargo test`").ok_or("no cargo test section")?;
    let section = DOC.get(start..).unwrap_or_default();
    let section = section.get(..section.find("\n## Problems").unwrap_or(section.len())).unwrap_or_default();
    let mut ran = 0;
    for block in section.split("```sh\n").skip(1) {
        for line in block.split("```").next().unwrap_or_default().lines() {
            let command = line.split("  #").next().unwrap_or_default().trim();
            if command.starts_with("git diff") {
                continue;
            }
            run_documented(command)?;
            ran += 1;
        }
    }
    check(ran >= 7, &format!("the docs' commands were found ({ran})"), section)
}

fn run_documented(command: &str) -> Result<(), Failed> {
    let (bless, rest) = match command.strip_prefix("SCORECARD_BLESS=1 ") {
        Some(rest) => (true, rest),
        None => (false, command),
    };
    let (cargo, args) = rest.split_once(" -- ").unwrap_or((rest, ""));
    let scratch = match cargo {
        "cargo test --test rule_suites" => {
            Scratch::holding("doc-command", "library-2022", DOWNSTREAM_RULES, DOWNSTREAM_SUITE)?
        }
        "cargo test" | "cargo test -p scorecard-tests --test suites" => Scratch::new("doc-command")?,
        other => return Err(format!("docs/suites.md runs `{other}`, which no test covers").into()),
    };
    scratch.snapshot_taken()?;
    let args = words(args);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (ok, text) = scratch.harness(bless, &args)?;
    let listed = args.contains(&"--list") && text.contains("::");
    let ran = text.contains("test result: ok.") && !text.contains("ok. 0 passed");
    check(ok && (listed || ran), &format!("`{command}` passes and runs a test"), &text)
}

/// Shell words: spaces separate, single quotes group.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, part) in text.split('\'').enumerate() {
        if i % 2 == 1 {
            out.push(part.to_owned());
        } else {
            out.extend(part.split_whitespace().map(str::to_owned));
        }
    }
    out
}
