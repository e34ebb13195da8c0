//! `scorecard test [PATHS…] [--bless]`: run the regression suites kept
//! beside rule files (`<stem>.suite.toml`), print `PASS`/`FAIL` per case with
//! a diff for each failure, or rewrite failing expectations with `--bless`.
//!
//! Exit codes: 0 every case passed (or, with `--bless`, every failing case was
//! rewritten); 1 a case failed, a suite could not be run, or a case needs a
//! hand edit; 2 a path that does not exist.

use std::io::{self, Write};
use std::path::PathBuf;

use scorecard::Lang;
use scorecard_suite::diff::{self, Counts};
use scorecard_suite::{Blessed, NotFound, NotFoundReason, SuiteError};

use crate::exit::{CliError, Exit};

/// Where suites are looked for when no path is given.
const DEFAULT_PATH: &str = "rules";

/// Arguments of `scorecard test`.
#[derive(Debug, clap::Args)]
pub struct TestArgs {
    /// Suites (`*.suite.toml`), rule files (the `<stem>.suite.toml` beside
    /// each), or directories (every `*.suite.toml` below). Default: `rules/`.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Rewrite the expectations of failing cases from the current results,
    /// keeping the files' comments and layout, and print what changed.
    #[arg(long)]
    pub bless: bool,
}

/// Runs (or blesses) every suite named by the arguments.
pub fn run(args: &TestArgs) -> Result<Exit, CliError> {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(DEFAULT_PATH)] } else { args.paths.clone() };
    let suites = scorecard_suite::find(&paths).map_err(not_found)?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    if suites.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        writeln!(
            out,
            "no suites found in {} (未找到测试集): write `<stem>.suite.toml` beside a rule file; see docs/suites.md",
            shown.join(", ")
        )?;
        return Ok(Exit::Invalid);
    }
    let exit = if args.bless { bless_all(&suites, &mut out)? } else { test_all(&suites, &mut out)? };
    out.flush()?;
    Ok(exit)
}

/// A path that names no suite, as a read error (exit 2).
fn not_found(e: NotFound) -> CliError {
    let source = match e.reason {
        NotFoundReason::Missing(detail) => io::Error::new(io::ErrorKind::NotFound, detail),
        NotFoundReason::NoSuiteBeside(suite) => io::Error::new(
            io::ErrorKind::NotFound,
            format!("no suite `{}` beside it (旁边没有测试集)", suite.display()),
        ),
    };
    CliError::read(&e.path, source)
}

/// `PASS`/`FAIL` lines and diffs for every suite, then the summary.
fn test_all(suites: &[PathBuf], out: &mut impl Write) -> Result<Exit, CliError> {
    let mut counts = Counts::default();
    let mut langs = Langs::default();
    for (i, path) in suites.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let result = scorecard_suite::run(path);
        counts.add(&result);
        match &result {
            Ok(outcome) => {
                langs.add(outcome.lang);
                writeln!(out, "{}", diff::render(outcome))?;
            }
            Err(e) => {
                langs.add(e.lang);
                write_error(out, e)?;
            }
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", counts.summary(langs.most()))?;
    Ok(if counts.ok() { Exit::Success } else { Exit::Invalid })
}

/// The languages of the suites run, for the summary: the most common one (Chinese on a tie).
#[derive(Debug, Default, Clone, Copy)]
struct Langs {
    zh: usize,
    en: usize,
}

impl Langs {
    fn add(&mut self, lang: Lang) {
        match lang {
            Lang::Zh => self.zh = self.zh.saturating_add(1),
            Lang::En => self.en = self.en.saturating_add(1),
        }
    }

    fn most(self) -> Lang {
        if self.en > self.zh {
            Lang::En
        } else {
            Lang::Zh
        }
    }
}

fn write_error(out: &mut impl Write, e: &SuiteError) -> io::Result<()> {
    for line in e.lines() {
        writeln!(out, "ERROR {line}")?;
    }
    Ok(())
}

/// Blesses every suite, printing each rewritten expectation and each case left alone.
fn bless_all(suites: &[PathBuf], out: &mut impl Write) -> Result<Exit, CliError> {
    let mut tally = Tally::default();
    for path in suites {
        match scorecard_suite::bless(path) {
            Ok(blessed) => {
                tally.langs.add(blessed.lang);
                write_blessed(out, &blessed)?;
                tally.add(&blessed);
            }
            Err(e) => {
                tally.langs.add(e.lang);
                tally.broken = tally.broken.saturating_add(1);
                write_error(out, &e)?;
            }
        }
    }
    writeln!(out, "{}", tally.summary())?;
    Ok(if tally.broken == 0 && tally.refused == 0 { Exit::Success } else { Exit::Invalid })
}

fn write_blessed(out: &mut impl Write, blessed: &Blessed) -> io::Result<()> {
    for line in blessed.lines() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// What a `--bless` run did, for its summary.
#[derive(Debug, Default)]
struct Tally {
    langs: Langs,
    changes: usize,
    cases: usize,
    files: usize,
    refused: usize,
    broken: usize,
}

impl Tally {
    fn add(&mut self, blessed: &Blessed) {
        let mut cases: Vec<&str> = blessed.changes.iter().map(|c| c.case.as_str()).collect();
        cases.dedup();
        self.changes = self.changes.saturating_add(blessed.changes.len());
        self.cases = self.cases.saturating_add(cases.len());
        self.files = self.files.saturating_add(usize::from(!blessed.changes.is_empty()));
        self.refused = self.refused.saturating_add(blessed.refused.len());
    }

    fn summary(&self) -> String {
        let lang = self.langs.most();
        let Tally { changes, cases, files, refused, broken, .. } = *self;
        let mut line = if changes == 0 {
            lang.pick("没有需要更新的期望".to_owned(), "nothing to update".to_owned())
        } else {
            lang.pick(
                format!("已更新 {changes} 处期望（{cases} 个用例，{files} 个文件）"),
                format!("updated {changes} expectation(s) in {cases} case(s), {files} file(s)"),
            )
        };
        if refused > 0 {
            line.push_str(
                &lang.pick(format!("；{refused} 个用例需手工修改"), format!("; {refused} case(s) need a hand edit")),
            );
        }
        if broken > 0 {
            line.push_str(
                &lang.pick(format!("；{broken} 个测试集无法运行"), format!("; {broken} suite(s) could not run")),
            );
        }
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed_suites() -> Vec<PathBuf> {
        let rules = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        ["chenggong-2021-window-service.suite.toml", "chenggong-2021-window-service.en.suite.toml"]
            .iter()
            .map(|name| rules.join(name))
            .collect()
    }

    #[test]
    fn the_seed_suites_pass() {
        let mut out = Vec::new();
        let exit = test_all(&seed_suites(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(exit, Exit::Success, "{text}");
        assert!(text.contains("PASS 典型：示例数据"), "{text}");
        assert!(text.trim_end().ends_with("0 个失败"), "the summary is in the language of most suites: {text}");
    }

    #[test]
    fn a_failing_case_exits_with_1_and_bless_fixes_it() {
        let dir = std::env::temp_dir().join(format!("scorecard-test-cmd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let rules =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules/chenggong-2021-window-service.en.rules");
        std::fs::copy(rules, dir.join("seed.en.rules")).unwrap();
        let suite = dir.join("seed.en.suite.toml");
        let case = "[[case]]\nname = \"perfect\"\ninput = { cases = 2000000, cases_last_year = 1800000, staff_satisfaction = 95, on_time_rate = 100, spending = 241.73, complaint_rate = 0, blacklist_count = 0, public_satisfaction = 99 }\n";
        std::fs::write(&suite, format!("{case}total = 99 # wrong\n")).unwrap();

        let mut out = Vec::new();
        assert_eq!(test_all(std::slice::from_ref(&suite), &mut out).unwrap(), Exit::Invalid);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("FAIL perfect") && text.contains("1 suite, 1 case: 0 passed, 1 failed"), "{text}");

        let mut out = Vec::new();
        assert_eq!(bless_all(std::slice::from_ref(&suite), &mut out).unwrap(), Exit::Success);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\"perfect\" total: 99 → 100"), "{text}");
        assert!(text.contains("updated 1 expectation(s) in 1 case(s), 1 file(s)"), "{text}");
        assert_eq!(std::fs::read_to_string(&suite).unwrap(), format!("{case}total = 100 # wrong\n"));

        let mut out = Vec::new();
        assert_eq!(test_all(std::slice::from_ref(&suite), &mut out).unwrap(), Exit::Success);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_summary_language_is_the_most_common() {
        let mut langs = Langs::default();
        langs.add(Lang::En);
        langs.add(Lang::Zh);
        assert_eq!(langs.most(), Lang::Zh, "a tie is Chinese");
        langs.add(Lang::En);
        assert_eq!(langs.most(), Lang::En);
    }
}
