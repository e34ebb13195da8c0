//! Loading a suite against its rule file (compiled once) and running its cases.

use std::path::{Path, PathBuf};

use scorecard_eval::{Lang, Limits, LineIndex, RecordError, Report, Scorecard};

use crate::error::{Problem, ProblemKind, SuiteError};
use crate::names::{closest, error_tag, IndicatorId, Indicators};
use crate::outcome::{CaseOutcome, Measure, Mismatch, SuiteOutcome};
use crate::parse;
use crate::record;
use crate::suite::{Case, Expect, ExpectError, IndicatorExpect, Scored, StatusExpect, Suite};

/// Largest suite file read, in bytes.
pub const MAX_SUITE_BYTES: u64 = 8 * 1024 * 1024;

/// A suite checked against its compiled rule file, ready to run.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The suite file, as found.
    pub path: String,
    /// The rule file it tests.
    pub rules: PathBuf,
    /// The rule file as the suite names it.
    pub rules_written: String,
    /// The suite file's text.
    pub text: String,
    /// The parsed suite.
    pub suite: Suite,
    /// The compiled rule file.
    pub card: Scorecard,
    plans: Vec<Plan>,
    /// The file it was read from (`None` for a suite held in memory).
    file: Option<PathBuf>,
}

/// A case with its record built and its indicator names resolved.
#[derive(Debug, Clone)]
struct Plan {
    json: String,
    indicators: Vec<(Measure, IndicatorExpect, IndicatorId)>,
    statuses: Vec<(StatusExpect, IndicatorId)>,
}

/// Reads, parses and checks a suite, and compiles its rule file.
pub fn load(path: &Path) -> Result<Loaded, SuiteError> {
    load_in(Path::new(""), path)
}

/// [`load`] for the suite at `base/relative`, naming it (and its rule file)
/// by `relative` in every message, the diff and [`Loaded::path`]: a test
/// harness reads from an absolute `base` and shows paths from the crate root.
pub fn load_in(base: &Path, relative: &Path) -> Result<Loaded, SuiteError> {
    let file = base.join(relative);
    let shown = relative.display().to_string();
    let fail = |lang: Lang, problems: Vec<Problem>| SuiteError { path: shown.clone(), lang, problems };
    let guess = guess_lang(&file);
    let unreadable = |kind: ProblemKind| fail(guess, vec![Problem { pos: None, kind: kind.shown_as(relative) }]);
    let text = read_text(&file, MAX_SUITE_BYTES).map_err(unreadable)?;
    let suite = parse::parse(&text).map_err(|problems| fail(guess, problems))?;
    let rules_written = suite.rules.clone().unwrap_or_else(|| default_rules(&file));
    let rules = relative.parent().unwrap_or(Path::new("")).join(&rules_written);
    let card = compile(&base.join(&rules), &rules).map_err(|kind| fail(guess, vec![Problem { pos: None, kind }]))?;
    let file = Some(file);
    checked(Loaded { path: shown, rules, rules_written, text, suite, card, plans: Vec::new(), file })
}

/// Checks a suite held in memory against a scorecard already compiled, for a
/// service that keeps both in memory: `path` is only how messages name the
/// suite, and no file is read (the suite's `rules` key is not followed).
///
/// # Errors
/// The suite is not well-formed, or names inputs or indicators the scorecard lacks.
pub fn load_text(path: &str, text: &str, card: Scorecard) -> Result<Loaded, SuiteError> {
    let fail = |lang: Lang, problems: Vec<Problem>| SuiteError { path: path.to_owned(), lang, problems };
    let suite = parse::parse(text).map_err(|problems| fail(card.lang(), problems))?;
    let rules_written = suite.rules.clone().unwrap_or_default();
    let rules = PathBuf::from(&rules_written);
    checked(Loaded {
        path: path.to_owned(),
        rules,
        rules_written,
        text: text.to_owned(),
        suite,
        card,
        plans: Vec::new(),
        file: None,
    })
}

/// Resolves every case's names against the compiled card and builds its record.
fn checked(mut loaded: Loaded) -> Result<Loaded, SuiteError> {
    let card = &loaded.card;
    let indicators = scorecard_syntax::parse(card.source(), &Limits::default())
        .map(|file| Indicators::of(&file))
        .unwrap_or_default();
    let mut problems = Vec::new();
    let plans = loaded.suite.cases.iter().map(|case| plan(case, card, &indicators, &mut problems)).collect();
    if !problems.is_empty() {
        problems.sort_by_key(|p: &Problem| p.pos);
        return Err(SuiteError { path: loaded.path, lang: loaded.card.lang(), problems });
    }
    loaded.plans = plans;
    Ok(loaded)
}

/// Loads a suite and runs every case.
pub fn run(path: &Path) -> Result<SuiteOutcome, SuiteError> {
    load(path).map(|loaded| loaded.run())
}

impl Loaded {
    /// The file the suite was read from; `None` for one given by [`load_text`].
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// Scores every case and compares it with its expectations.
    pub fn run(&self) -> SuiteOutcome {
        let cases = self
            .suite
            .cases
            .iter()
            .zip(&self.plans)
            .enumerate()
            .map(|(index, (case, plan))| {
                let result = self.card.evaluate_json(&plan.json);
                let mismatches = compare(&case.expect, plan, &result);
                CaseOutcome { name: case.name.clone(), index, pos: case.pos, result, mismatches }
            })
            .collect();
        SuiteOutcome {
            path: self.path.clone(),
            rules: self.rules.display().to_string(),
            rules_written: self.rules_written.clone(),
            scorecard: self.card.name().to_owned(),
            lang: self.card.lang(),
            cases,
        }
    }
}

/// `x.suite.toml` → `x.rules`.
fn default_rules(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stem = name.strip_suffix(".suite.toml").or_else(|| name.strip_suffix(".toml")).unwrap_or(&name);
    format!("{stem}.rules")
}

/// The language for messages about a suite whose rule file was not compiled.
fn guess_lang(path: &Path) -> Lang {
    let rules = path.parent().unwrap_or(Path::new("")).join(default_rules(path));
    match std::fs::read_to_string(rules) {
        Ok(text) => Lang::detect(&text),
        Err(_) => Lang::default(),
    }
}

fn read_text(path: &Path, max: u64) -> Result<String, ProblemKind> {
    use std::io::Read;
    let read = |detail: String| ProblemKind::Read { path: path.display().to_string(), detail };
    let file = std::fs::File::open(path).map_err(|e| read(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| read(e.to_string()))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max {
        return Err(read(format!("larger than {max} bytes")));
    }
    String::from_utf8(bytes).map_err(|e| read(format!("not UTF-8 text: {e}")))
}

/// Compiles the rule file at `rules`, naming it `shown` in messages.
fn compile(rules: &Path, shown: &Path) -> Result<Scorecard, ProblemKind> {
    let limits = Limits::default();
    let max = u64::try_from(limits.max_file_bytes()).unwrap_or(u64::MAX);
    let text = read_text(rules, max).map_err(|kind| kind.shown_as(shown))?;
    Scorecard::compile_with(&text, &limits).map_err(|e| {
        let lines = LineIndex::new(&text);
        let errors = e
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| {
                let at = lines.line_col(&text, usize::try_from(d.span.start).unwrap_or(usize::MAX));
                format!("{}:{}: {d}", at.line, at.column)
            })
            .collect();
        ProblemKind::Rules { path: shown.display().to_string(), errors }
    })
}

/// Builds a case's record and resolves its names, noting every problem.
fn plan(case: &Case, card: &Scorecard, indicators: &Indicators, problems: &mut Vec<Problem>) -> Plan {
    let keys: Vec<&str> = card.inputs().map(|i| i.key).collect();
    for input in case.input.iter().filter(|i| card.input(&i.key).is_err()) {
        let suggestion = closest(&input.key, keys.iter().copied()).map(str::to_owned);
        problems.push(Problem {
            pos: Some(input.pos),
            kind: ProblemKind::UnknownInput { key: input.key.clone(), suggestion },
        });
    }
    if let Expect::Error(ExpectError { input: Some(key), pos, .. }) = &case.expect {
        if card.input(key).is_err() {
            let suggestion = closest(key, keys.iter().copied()).map(str::to_owned);
            problems
                .push(Problem { pos: Some(*pos), kind: ProblemKind::UnknownInput { key: key.clone(), suggestion } });
        }
    }
    let mut resolved = Vec::new();
    let mut statuses = Vec::new();
    if let Expect::Scored(scored) = &case.expect {
        for e in &scored.statuses {
            match indicators.resolve(&e.name) {
                Ok(id) => statuses.push((e.clone(), id)),
                Err(kind) => problems.push(Problem { pos: Some(e.pos), kind }),
            }
        }
        let written = scored.scores.iter().map(|e| (Measure::Score, e));
        for (measure, e) in written.chain(scored.deductions.iter().map(|e| (Measure::Deduction, e))) {
            match indicators.resolve(&e.name) {
                Ok(id) => resolved.push((measure, e.clone(), id)),
                Err(kind) => problems.push(Problem { pos: Some(e.pos), kind }),
            }
        }
    }
    Plan { json: record::json(&case.input), indicators: resolved, statuses }
}

/// Every expectation of a case that the engine's result does not meet.
fn compare(expect: &Expect, plan: &Plan, result: &Result<Report, RecordError>) -> Vec<Mismatch> {
    match (expect, result) {
        (Expect::Scored(scored), Ok(report)) => compare_report(scored, plan, report),
        (Expect::Scored(scored), Err(_)) if scored.total.is_none() => vec![Mismatch::NoExpectation],
        (Expect::Scored(_), Err(_)) => vec![Mismatch::UnexpectedError],
        (Expect::Error(e), Ok(_)) => vec![Mismatch::ExpectedError { kind: e.kind.clone(), input: e.input.clone() }],
        (Expect::Error(e), Err(errors)) if error_matches(e, errors) => Vec::new(),
        (Expect::Error(e), Err(_)) => vec![Mismatch::WrongError { kind: e.kind.clone(), input: e.input.clone() }],
    }
}

/// Whether one of the record's errors is of the expected kind (and about the expected key).
pub(crate) fn error_matches(expect: &ExpectError, errors: &RecordError) -> bool {
    errors.errors.iter().any(|e| {
        error_tag(&e.kind) == expect.kind
            && expect.input.as_ref().is_none_or(|key| e.input.as_ref().is_some_and(|i| &i.key == key))
    })
}

fn compare_report(scored: &Scored, plan: &Plan, report: &Report) -> Vec<Mismatch> {
    let mut out = Vec::new();
    match &scored.total {
        None => out.push(Mismatch::NoExpectation),
        Some(expected) if expected.value != report.total => {
            out.push(Mismatch::Total { expected: expected.clone(), got: report.total });
        }
        Some(_) => {}
    }
    if let Some(expected) = scored.grade.as_ref().filter(|g| **g != report.grade) {
        out.push(Mismatch::Grade { expected: expected.clone(), got: report.grade.clone() });
    }
    if let Some(expected) = scored.disqualified.filter(|d| *d != report.disqualified) {
        out.push(Mismatch::Disqualified { expected, got: report.disqualified });
    }
    for (measure, e, id) in &plan.indicators {
        let Some(ind) = report.indicators.iter().find(|i| i.path == id.path && i.name == id.name) else { continue };
        let got = match measure {
            Measure::Score => ind.score,
            Measure::Deduction => ind.deduction,
        };
        if got != e.value.value {
            out.push(Mismatch::Indicator {
                measure: *measure,
                written: e.name.clone(),
                id: id.clone(),
                expected: e.value.clone(),
                got,
                explanation: ind.explanation.clone(),
            });
        }
    }
    for (e, id) in &plan.statuses {
        let Some(ind) = report.indicators.iter().find(|i| i.path == id.path && i.name == id.name) else { continue };
        if ind.status != e.status {
            out.push(Mismatch::Status {
                written: e.name.clone(),
                id: id.clone(),
                expected: e.status,
                got: ind.status,
                explanation: ind.explanation.clone(),
            });
        }
    }
    out
}
