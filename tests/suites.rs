//! Every rule suite under `rules/` (each `*.suite.toml` beside its rule
//! file) run through scorecard-suite, as `scorecard test` runs them: the
//! seed suites now, the corpus suites as they are added. Any failing case
//! fails this test with the readable diff.

use std::path::PathBuf;

use scorecard::Lang;
use scorecard_suite::diff::{self, Counts};

#[test]
fn every_rule_suite_passes() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let rules = manifest.parent().unwrap_or(&manifest).join("rules");
    let suites = scorecard_suite::find(&[rules]).unwrap();
    let names: Vec<String> =
        suites.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).collect();
    assert!(
        names.iter().any(|n| n == "chenggong-2021-window-service.suite.toml"),
        "the seed suite is found: {names:?}"
    );
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    for path in &suites {
        let result = scorecard_suite::run(path);
        counts.add(&result);
        match &result {
            Ok(outcome) if outcome.failed() > 0 => failures.push(diff::render_failures(outcome)),
            Ok(_) => {}
            Err(e) => failures.push(e.to_string()),
        }
    }
    let summary = counts.summary(Lang::En);
    assert!(failures.is_empty(), "{}\n\n{summary}", failures.join("\n\n"));
    assert!(counts.cases >= 6, "{summary}");
    println!("{summary}");
}
