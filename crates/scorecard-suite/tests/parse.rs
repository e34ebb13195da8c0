//! Reading suite files: exact numbers, and every problem in a bad file
//! reported with its line and column.

mod common;

use common::{scrub, Scratch};
use scorecard_suite::{parse, run, Expect, InputValue, ProblemKind};

#[test]
fn numbers_are_read_exactly_from_their_text() {
    let suite = parse(
        r#"
rules = "other.rules"
[[case]]
name = "n"
input = { a = 265.90300000000000000001, b = 1_500_000, c = 2.659031e2, d = +5, e = 0x10, f = 92.50, g = "92.5%", h = true }
total = 92.50
"#,
    )
    .unwrap();
    assert_eq!(suite.rules.as_deref(), Some("other.rules"));
    let case = &suite.cases[0];
    let numbers: Vec<(String, String)> = case
        .input
        .iter()
        .map(|i| match &i.value {
            InputValue::Number(n) => (n.text.clone(), n.value.to_string()),
            InputValue::Text(s) => (format!("{s:?}"), String::new()),
            InputValue::Bool(b) => (b.to_string(), String::new()),
            InputValue::List(items) => (format!("{} readings", items.len()), String::new()),
        })
        .collect();
    let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect::<Vec<_>>();
    assert_eq!(
        numbers,
        pairs(&[
            ("265.90300000000000000001", "265.90300000000000000001"),
            ("1_500_000", "1500000"),
            ("2.659031e2", "265.9031"),
            ("+5", "5"),
            ("0x10", "16"),
            ("92.50", "92.50"),
            ("\"92.5%\"", ""),
            ("true", ""),
        ])
    );
    let Expect::Scored(scored) = &case.expect else { panic!("expected a scored case") };
    let total = scored.total.as_ref().unwrap();
    assert_eq!((total.text.as_str(), total.value.to_string().as_str()), ("92.50", "92.50"));
    assert_eq!(case.pos.line, 3);
    assert_eq!(case.input[0].pos.line, 5);
}

#[test]
fn the_input_may_be_a_table_and_names_may_be_dotted() {
    let suite = parse(
        "[[case]]\nname = \"t\"\ntotal = 1\nscores.\"年办件量\" = 5\n[case.input]\ncases = 1\n\"上期\" = \"2件\"\n",
    )
    .unwrap();
    let case = &suite.cases[0];
    assert_eq!(case.input.iter().map(|i| i.key.as_str()).collect::<Vec<_>>(), ["cases", "上期"]);
    let Expect::Scored(scored) = &case.expect else { panic!() };
    assert_eq!(scored.scores[0].name, "年办件量");
    assert_eq!(scored.scores[0].pos.line, 4);
}

#[test]
fn every_problem_in_a_file_is_reported_with_its_place() {
    let scratch = Scratch::new();
    let suite = scratch.seed(
        r#"rule = "seed.rules"

[[case]]
name = "a"
totl = 81
grade = 90

[[case]]
name = "a"
total = "81"
error = "mising"

[[case]]
input = { spending = inf, cases = { a = 1 } }
total = 1e40
error_input = "spending"
"#,
    );
    let error = run(&suite).unwrap_err();
    insta::assert_snapshot!("problems_zh", scrub(&error.to_string(), &scratch.dir));
    assert!(error.problems.iter().all(|p| p.pos.is_some()));
    assert!(matches!(error.problems[0].kind, ProblemKind::UnknownKey { suggestion: Some("rules"), .. }));
}

#[test]
fn names_are_checked_against_the_rule_file() {
    let scratch = Scratch::new();
    let suite = scratch.seed(
        r#"
[[case]]
name = "names"
input = { cases = 1500000, cases_lastyear = 1800000 }
total = 81
scores = { "年办件数" = 5, "严格按照厉行节约" = 7, "成本指标/「严格按照厉行节约，控制支出成本」" = 7 }
deductions = { "效益指标/办事群众满意" = 0 }

[[case]]
name = "error input"
input = {}
error = "missing"
error_input = "spend"
"#,
    );
    let error = run(&suite).unwrap_err();
    insta::assert_snapshot!("names_zh", scrub(&error.to_string(), &scratch.dir));
    assert_eq!(error.problems.len(), 5, "{error}");
}

#[test]
fn problems_are_in_english_for_an_english_rule_file() {
    let scratch = Scratch::new();
    let suite = scratch.seed_en("[[case]]\nname = \"x\"\ninput = { spend = 1 }\nscores = { \"annual case\" = 1 }\n");
    let error = run(&suite).unwrap_err();
    insta::assert_snapshot!("names_en", scrub(&error.to_string(), &scratch.dir));
}

#[test]
fn bad_toml_is_located() {
    let scratch = Scratch::new();
    let unterminated = scratch.seed("[[case]]\nname = \"a\n");
    let error = run(&unterminated).unwrap_err();
    assert_eq!(error.problems[0].pos.map(|p| p.line), Some(2), "{error}");
    let unquoted = scratch
        .write("other.suite.toml", "rules = \"seed.rules\"\n[[case]]\nname = \"a\"\n[case.scores]\n年办件量 = 5\n");
    let error = run(&unquoted).unwrap_err();
    insta::assert_snapshot!("unquoted_key", scrub(&error.to_string(), &scratch.dir));
}

#[test]
fn missing_files_and_broken_rules_are_suite_errors() {
    let scratch = Scratch::new();
    let error = run(&scratch.dir.join("absent.suite.toml")).unwrap_err();
    assert!(matches!(error.problems[0].kind, ProblemKind::Read { .. }), "{error}");
    scratch.write("broken.rules", "计分表 「坏」\n三级指标 甲\n  评分 满意度低于90%，扣3分\n");
    let suite = scratch.write("broken.suite.toml", "[[case]]\nname = \"a\"\ntotal = 1\n");
    let error = run(&suite).unwrap_err();
    assert!(matches!(&error.problems[0].kind, ProblemKind::Rules { errors, .. } if !errors.is_empty()), "{error}");
    let empty = scratch.write("empty.suite.toml", "rules = \"broken.rules\"\n");
    let error = run(&empty).unwrap_err();
    assert_eq!(error.problems[0].kind, ProblemKind::NoCases);
}
