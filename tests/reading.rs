//! The reading model (`Scorecard::reading`): how the engine read each
//! criterion. Text snapshots of every rule file in `rules/`, a JSON snapshot
//! of the seed table, hand-checked machine forms of the seed's tiers, and a
//! check that the snapshots cover every kind of rule and condition.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeSet;

use scorecard::reading::{Rule, ScoreReading, Test};
use scorecard::{Lang, Reading, Scorecard};

fn compile(path: &std::path::Path) -> Option<Scorecard> {
    Scorecard::compile(&std::fs::read_to_string(path).unwrap()).ok()
}

fn seed(name: &str) -> Scorecard {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules").join(name);
    compile(&path).unwrap()
}

#[test]
fn every_rule_file_reads_as_its_snapshot() {
    insta::glob!("../rules", "**/*.rules", |path| {
        let card = compile(path).expect("every rule file in rules/ compiles");
        insta::assert_snapshot!(card.reading().text());
    });
}

#[test]
fn the_seed_reading_serialises_with_exact_numbers() {
    let reading = seed("chenggong-2021-window-service.rules").reading();
    let json = serde_json::to_string(&reading).unwrap();
    // Decimals are strings, never floats.
    assert!(json.contains(r#""value":"217.557""#), "{json}");
    assert!(json.contains(r#""share_percent":"90""#), "{json}");
    insta::assert_json_snapshot!(reading);
}

/// (cmp, strict, share or threshold, points) of each tier of each indicator.
fn tiers(reading: &Reading) -> Vec<Vec<(String, bool, String, String)>> {
    reading
        .indicators
        .iter()
        .map(|ind| {
            ind.rules
                .iter()
                .filter_map(|r| match r {
                    Rule::Deduction(st) => Some(st),
                    _ => None,
                })
                .flat_map(|st| &st.ladders)
                .flat_map(|l| &l.tiers)
                .map(|t| {
                    let points = t.points.normalize().to_string();
                    match &t.condition.test {
                        Test::Compare { cmp, strict, threshold } => {
                            (cmp.to_string(), *strict, threshold.value.normalize().to_string(), points)
                        }
                        Test::ShareOf { cmp, strict, share_percent, .. } => {
                            (cmp.to_string(), *strict, format!("{share_percent}%"), points)
                        }
                        Test::Deviation { inclusive, tolerance_percent, .. } => {
                            ("±".to_owned(), !inclusive, format!("{tolerance_percent}%"), points)
                        }
                        other => panic!("the seed has no {other:?}"),
                    }
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_seed_tiers_read_as_the_table_says() {
    let s = |c: &str, strict: bool, t: &str, p: &str| (c.to_owned(), strict, t.to_owned(), p.to_owned());
    let expected = vec![
        vec![s("<", true, "90%", "3"), s("<", true, "80%", "5"), s("<", true, "70%", "6"), s("<", true, "60%", "8")],
        vec![s("<", true, "90", "3"), s("<", true, "80", "5"), s("<", true, "70", "7")],
        vec![s("<", true, "90", "15")],
        vec![s("±", true, "10%", "8"), s("±", true, "20%", "15")],
        vec![s(">", true, "10", "5"), s(">", true, "20", "8")],
        vec![s("≥", false, "1", "25")],
        vec![s("<", true, "90", "8"), s("<", true, "80", "15"), s("<", true, "70", "22")],
    ];
    let zh = seed("chenggong-2021-window-service.rules").reading();
    let en = seed("chenggong-2021-window-service.en.rules").reading();
    assert_eq!(tiers(&zh), expected);
    assert_eq!(tiers(&en), expected, "both seed files are read alike");
    let policies: BTreeSet<bool> = zh
        .indicators
        .iter()
        .flat_map(|i| &i.rules)
        .filter_map(|r| if let Rule::Deduction(st) = r { Some(st) } else { None })
        .flat_map(|st| st.ladders.iter().map(|l| l.cumulative))
        .collect();
    assert_eq!(policies, BTreeSet::from([false]), "the seed's ladders count only the heaviest tier");
    let points: Vec<String> = zh.indicators.iter().map(|i| i.points.to_string()).collect();
    assert_eq!(points, ["8", "7", "15", "15", "8", "25", "22"]);
}

#[test]
fn the_caller_picks_the_language() {
    let card = seed("chenggong-2021-window-service.rules");
    let zh = card.reading();
    let en = card.reading_in(Lang::En);
    assert_eq!(zh.lang, "zh");
    assert_eq!(en.lang, "en");
    let first = |r: &Reading| match &r.indicators[0].rules[0] {
        Rule::Deduction(st) => st.ladders[0].tiers[0].words.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(first(&zh), "年办件量低于上期的 90%（不含本数），扣 3 分");
    assert_eq!(first(&en), "年办件量 below 90% of 上期 (not inclusive): −3");
}

#[test]
fn places_point_at_the_text() {
    let card = seed("chenggong-2021-window-service.rules");
    let reading = card.reading();
    let src = card.source();
    for ind in &reading.indicators {
        assert_eq!(ind.place.span.text(src).trim_matches(['「', '」']), ind.name, "{}", ind.name);
        assert_eq!(reading.indicator_at(ind.place.span.start as usize).map(|i| &i.name), Some(&ind.name));
    }
    let input = &reading.inputs[0];
    assert_eq!(input.place.span.text(src), "年办件量");
    assert_eq!((input.place.line, input.place.column), (13, 4));
}

/// Every kind of rule and condition appears in the snapshots above.
#[test]
fn the_snapshots_cover_every_kind() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    let mut kinds = BTreeSet::new();
    for dir in ["", "corpus", "examples"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rules") {
                for ind in compile(&path).unwrap().reading().indicators {
                    ind.rules.iter().for_each(|r| kinds.extend(kinds_of(r)));
                }
            }
        }
    }
    let all = [
        "score:bands",
        "score:formula",
        "score:grades",
        "deduction",
        "bonus",
        "veto",
        "discretionary",
        "not_applicable",
        "compare",
        "share_of",
        "deviation",
        "per_step",
        "range",
        "otherwise",
        "all",
        "cumulative",
    ];
    let missing: Vec<&str> = all.iter().copied().filter(|k| !kinds.contains(*k)).collect();
    assert!(missing.is_empty(), "no rule file in rules/ reads as {missing:?}");
}

fn kinds_of(rule: &Rule) -> Vec<&'static str> {
    let test = |t: &Test| match t {
        Test::Compare { .. } => "compare",
        Test::ShareOf { .. } => "share_of",
        Test::Deviation { .. } => "deviation",
        Test::PerStep { .. } => "per_step",
        Test::Range { .. } => "range",
        Test::Otherwise => "otherwise",
        Test::All { .. } => "all",
    };
    match rule {
        Rule::Deduction(st) | Rule::Bonus(st) => {
            let mut k = vec![if matches!(rule, Rule::Bonus(_)) { "bonus" } else { "deduction" }];
            for l in &st.ladders {
                if l.cumulative {
                    k.push("cumulative");
                }
                k.extend(l.tiers.iter().map(|t| test(&t.condition.test)));
            }
            k
        }
        Rule::Score(ScoreReading::Bands { bands, cumulative, .. }) => {
            let mut k = vec!["score:bands"];
            if *cumulative {
                k.push("cumulative");
            }
            k.extend(bands.iter().map(|b| test(&b.condition.test)));
            k
        }
        Rule::Score(ScoreReading::Formula { .. }) => vec!["score:formula"],
        Rule::Score(ScoreReading::Grades { .. }) => vec!["score:grades"],
        Rule::Veto(v) => vec!["veto", test(&v.condition.test)],
        Rule::Discretionary { .. } => vec!["discretionary"],
        Rule::NotApplicable { .. } => vec!["not_applicable"],
    }
}
