//! The suite beside a rule file (`<stem>.suite.toml`), run against the saved
//! file: each case passing or failing, with the diff of `scorecard test`.

use std::path::Path;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::Json;
use scorecard_suite::{diff, SuiteError, SuiteOutcome};
use serde::Serialize;

use super::files::PathQuery;
use super::App;
use crate::error::ApiError;
use crate::workspace::{read_bounded, PathError, Workspace};

/// A suite's outcome, or why it could not run.
#[derive(Debug, Serialize)]
pub struct SuiteView {
    /// The suite file, relative to the served directory.
    suite: String,
    /// Whether there is one beside the rule file.
    found: bool,
    passed: usize,
    failed: usize,
    cases: Vec<CaseView>,
    /// Why the suite could not run, one line per problem.
    problems: Vec<String>,
}

/// One case: `PASS`/`FAIL` and its diff.
#[derive(Debug, Serialize)]
pub struct CaseView {
    name: String,
    passed: bool,
    /// `PASS name`, or `FAIL name` and the diff.
    text: String,
}

/// `GET /api/suite?path=RULES`.
pub async fn suite(State(app): State<Arc<App>>, Query(q): Query<PathQuery>) -> Result<Json<SuiteView>, ApiError> {
    let rules = app.workspace.existing(&q.path).map_err(|e| ApiError::path(&q.path, e))?;
    let suite = scorecard_suite::suite_beside(&rules);
    let shown = app.workspace.relative(&suite).unwrap_or_default();
    let empty =
        |found, problems| SuiteView { suite: shown.clone(), found, passed: 0, failed: 0, cases: Vec::new(), problems };
    if !suite.is_file() {
        return Ok(Json(empty(false, Vec::new())));
    }
    confine_rules(&app.workspace, &suite).map_err(|e| ApiError::path(&shown, e))?;
    let root = format!("{}/", app.workspace.root().display());
    let result = app.pool.run(move || scorecard_suite::run(&suite)).await?;
    let strip = |s: String| s.replace(&root, "");
    Ok(Json(match result {
        Ok(outcome) => view(&outcome, shown, strip),
        Err(e) => empty(true, problems(&e).into_iter().map(strip).collect()),
    }))
}

/// Refuses a suite whose `rules = "…"` names a file outside the served directory.
fn confine_rules(workspace: &Workspace, suite: &Path) -> Result<(), PathError> {
    let text = read_bounded(suite, scorecard_suite::MAX_SUITE_BYTES)?;
    let Ok(parsed) = scorecard_suite::parse(&String::from_utf8_lossy(&text)) else { return Ok(()) };
    match parsed.rules {
        Some(rules) => {
            let dir = suite.parent().ok_or(PathError::Outside)?;
            match workspace.confine(&dir.join(rules)) {
                Err(PathError::Missing) => Ok(()),
                other => other.map(|_| ()),
            }
        }
        None => Ok(()),
    }
}

fn view(outcome: &SuiteOutcome, suite: String, strip: impl Fn(String) -> String) -> SuiteView {
    let cases: Vec<CaseView> = outcome
        .cases
        .iter()
        .map(|c| CaseView { name: c.name.clone(), passed: c.passed(), text: strip(diff::render_case(outcome, c)) })
        .collect();
    SuiteView { suite, found: true, passed: outcome.passed(), failed: outcome.failed(), cases, problems: Vec::new() }
}

fn problems(e: &SuiteError) -> Vec<String> {
    e.lines()
}
