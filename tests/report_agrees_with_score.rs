//! The full report and the fast path agree on every record: both score it,
//! with the same total and indicator scores, or both refuse it with the
//! same errors. Records are generated for every rule file in `rules/`, with
//! values that break arithmetic: extremes near 28 digits, zeros written with
//! decimals, negatives, the smallest fractions, and strings with units.

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::select;
use scorecard::Scorecard;

/// A compiled rule file, its input keys and the words its grade inputs take.
struct Card {
    path: String,
    card: Scorecard,
    /// Key, unit, grade words, and whether the input holds a list of readings.
    inputs: Vec<(String, String, Vec<String>, bool)>,
}

fn cards() -> &'static [Card] {
    static CARDS: OnceLock<Vec<Card>> = OnceLock::new();
    CARDS.get_or_init(|| {
        let files = scorecard_tests::rule_files();
        let mut cards: Vec<Card> = files.iter().map(|(path, src)| compiled(path, src)).collect();
        cards.extend(ZEROS.iter().map(|src| compiled("zeros", src)));
        cards.extend(LISTS.iter().map(|src| compiled("lists", src)));
        cards
    })
}

/// Rules with amounts of zero written with decimals, which rust_decimal
/// adds at a scale of their own (issue 10, D4).
const ZEROS: [&str; 3] = [
    "计分表 「零」\n输入 满意度 = s（%）\n输入 投诉率 = c（%）\n三级指标 甲\n  分值 8分\n  \
     评分 满意度低于90%，扣0.0分；投诉率高于10%，扣3分\n三级指标 乙\n  分值 8分\n  \
     得分 满意度低于90%，计0.0分；否则计8分\n  评分 投诉率高于10%，扣1分\n",
    "计分表 「零」\n舍入 四舍五入，保留2位\n输入 支出 = x（万元）\n三级指标 甲\n  分值 10.00分\n  \
     评分 支出高于100万元，扣0.000分；高于200万元，扣2.5分\n  加分 支出低于50万元，加0.00分\n",
    "scorecard \"zeros\"\ninput a = a (%)\ninput b = b (%)\nindicator x\n  points 6\n  \
     scoring: a below 90% -> -0.0; b above 10% -> -1\n",
];

/// Rules with lists of readings (issue 12): per-reading tiers with a cap,
/// list functions in derived values, and a range band chosen by an assessor.
const LISTS: [&str; 2] = [
    "计分表 「列表」\n未评定时 取中间值\n输入 抽检合格率 = rates（%，列表）\n输入 评审得分 = review（分）\n\
     计算 平均合格率 = 平均(抽检合格率)\n计算 最低合格率 = 最低(抽检合格率)\n三级指标 抽检\n  分值 5分\n  \
     评分 每次抽检合格率低于95%扣0.5分，最多扣2分\n  加分 每次抽检合格率达到99%加0.5分\n三级指标 平均\n  分值 5分\n  \
     得分 平均合格率达到95%，得3～5分；否则，计2分；评定分 评审得分\n  评分 最低合格率低于80%，扣1分\n",
    "scorecard \"lists\"\ninput counts = counts (次, list)\nlet count sum = sum(counts)\nlet readings = count(counts)\n\
     indicator a\n  points 6\n  scoring: every counts above 2次 → −1; every counts above 5次 → −2\n\
     indicator b\n  points 4\n  scoring: count sum above 10次 → −2; readings below 3 → −1\n",
];

fn compiled(path: &str, src: &str) -> Card {
    let card = Scorecard::compile(src).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    let inputs = card
        .inputs()
        .map(|i| (i.key.to_owned(), i.unit.to_owned(), grade_words(src, i.key), is_list(src, i.key)))
        .collect();
    Card { path: path.to_owned(), card, inputs }
}

/// Whether input `key` is declared a list (`= key（%，列表）`, `= key (次, list)`).
fn is_list(src: &str, key: &str) -> bool {
    src.lines().any(|l| l.contains(&format!("= {key}")) && (l.contains("，列表）") || l.contains(", list)")))
}

/// The readings of a list input: a JSON array (sometimes empty, sometimes
/// with a reading of another kind) or text with separators.
fn list_value(one: BoxedStrategy<String>) -> BoxedStrategy<String> {
    let array = proptest::collection::vec(one, 0..=5).prop_map(|v| format!("[{}]", v.join(", ")));
    let text = (proptest::collection::vec(number(), 1..=4), select(vec![";", "；", "、"]))
        .prop_map(|(v, sep)| format!("\"{}\"", v.join(sep)));
    prop_oneof![6 => array, 2 => text, 1 => Just("\"\"".to_owned()), 1 => number()].boxed()
}

/// The grades of a grade input, read from its declaration (`= key（等级：甲、乙）`).
fn grade_words(src: &str, key: &str) -> Vec<String> {
    let decl =
        src.lines().find(|l| l.contains(&format!("= {key}（等级：")) || l.contains(&format!("= {key} (grades:")));
    let Some(decl) = decl else { return Vec::new() };
    let list = decl.split_once('：').or_else(|| decl.split_once(':')).map_or("", |(_, l)| l);
    let list = list.split(['）', ')']).next().unwrap_or("");
    list.split(['、', ',']).map(|w| w.trim().to_owned()).filter(|w| !w.is_empty()).collect()
}

/// A number's text: extremes, zeros with scales, negatives, small values.
fn number() -> impl Strategy<Value = String> {
    let extreme = select(vec![
        "79228162514264337593543950335",
        "-79228162514264337593543950335",
        "7922816251426433759354395033.5",
        "-7.9228162514264337593543950335",
        "0.0000000000000000000000000001",
        "-0.0000000000000000000000000001",
        "9999999999999999999999999999",
        "1.000000000000000000000000000",
    ]);
    let zero = select(vec!["0", "-0", "0.0", "0.00", "0.000000", "0.0000000000000000000000000000"]);
    let near_28 = (any::<i64>(), any::<u32>(), 0u32..=28).prop_map(|(hi, lo, scale)| {
        let m = (i128::from(hi) << 32 | i128::from(lo)) >> 1;
        scorecard::Decimal::from_i128_with_scale(m, scale).to_string()
    });
    let small = (-2_000i64..=200_000, 0u32..=4).prop_map(|(m, s)| scorecard::Decimal::new(m, s).to_string());
    let largest = select(vec!["79228162514264337593543950335", "-79228162514264337593543950335"]);
    prop_oneof![
        2 => extreme.prop_map(str::to_owned),
        2 => largest.prop_map(str::to_owned),
        2 => zero.prop_map(str::to_owned),
        2 => near_28,
        4 => small,
    ]
}

/// One value for an input of `unit`: mostly one of its kind (a number, a
/// number with its unit, yes/no, a grade or a date), sometimes one of another.
fn value(unit: &str, grades: &[String]) -> BoxedStrategy<String> {
    let yes_no = select(vec!["\"是\"", "\"否\"", "1", "0", "1.0", "0.00"]).prop_map(str::to_owned);
    let date =
        select(vec!["\"2021-06-30\"", "\"0001-01-01\"", "\"9999-12-31\"", "\"2020-02-29\""]).prop_map(str::to_owned);
    let own = match unit {
        "是否" => yes_no.clone().boxed(),
        "日期" => date.clone().boxed(),
        "等级" if !grades.is_empty() => select(grades.to_vec()).prop_map(|g| format!("\"{g}\"")).boxed(),
        _ => {
            // The declared unit, or another of its kind (a base unit reaches the extremes).
            let units = vec![unit.to_owned(), "元".to_owned(), "万元".to_owned(), "%".to_owned(), "个".to_owned()];
            let with_unit = (number(), select(units)).prop_map(|(n, u)| format!("\"{n}{u}\""));
            let largest = (
                select(vec!["79228162514264337593543950335", "-79228162514264337593543950335"]),
                select(vec![unit.to_owned(), "元".to_owned()]),
            )
                .prop_map(|(n, u)| format!("\"{n}{u}\""));
            prop_oneof![4 => number(), 2 => with_unit, 1 => largest].boxed()
        }
    };
    prop_oneof![20 => own, 1 => number(), 1 => yes_no, 1 => date].boxed()
}

/// A rule file and a record for it, as JSON text.
fn case() -> impl Strategy<Value = (usize, String)> {
    (0..cards().len()).prop_flat_map(|at| {
        let card = &cards()[at];
        let values: Vec<_> = card
            .inputs
            .iter()
            .map(|(_, unit, grades, list)| if *list { list_value(value(unit, grades)) } else { value(unit, grades) })
            .collect();
        (Just(at), values).prop_map(|(at, values)| {
            let fields: Vec<String> =
                cards()[at].inputs.iter().zip(values).map(|((key, ..), v)| format!("{key:?}: {v}")).collect();
            (at, format!("{{{}}}", fields.join(", ")))
        })
    })
}

proptest! {
    #![proptest_config(scorecard_tests::strategies::config("proptest-regressions/report_agrees_with_score.txt", 3000))]

    #[test]
    fn the_report_and_the_fast_path_agree((at, json) in case()) {
        check(&cards()[at], &json)?;
    }

    #[test]
    fn the_paths_agree_on_stressed_seed_records((at, json) in seed_case()) {
        check(&cards()[at], &json)?;
    }
}

/// The seed table and its English twin, with valid records whose values
/// are replaced by stressing ones, one or two at a time, so that every
/// stress meets records that are otherwise scored.
fn seed_case() -> impl Strategy<Value = (usize, String)> {
    let seeds: Vec<usize> = (0..cards().len()).filter(|&i| cards()[i].path.contains("chenggong")).collect();
    let field = || {
        let base = select(vec!["".to_owned(), "元".to_owned(), "万元".to_owned(), "%".to_owned()]);
        (select(scorecard_tests::KEYS.to_vec()), number(), base).prop_map(|(key, n, unit)| {
            let raw = if unit.is_empty() { n } else { format!("\"{n}{unit}\"") };
            (key, raw)
        })
    };
    (select(seeds), scorecard_tests::strategies::seed_record(), field(), field())
        .prop_map(|(at, record, a, b)| (at, record.json_with(&[(a.0, &a.1), (b.0, &b.1)])))
}

fn check(card: &Card, json: &str) -> Result<(), TestCaseError> {
    let c = &card.card;
    let report = c.evaluate_json(json);
    let scores = c.parse_record(json).and_then(|r| c.score(&r));
    match (report, scores) {
        (Ok(report), Ok(scores)) => {
            prop_assert_eq!(report.total, scores.total, "{}: {}", card.path, json);
            prop_assert_eq!(report.disqualified, scores.disqualified);
            for (r, s) in report.indicators.iter().zip(&scores.indicators) {
                prop_assert_eq!((r.score, r.deduction, r.status), (s.score, s.deduction, s.status), "{}", r.name);
            }
        }
        (Err(r), Err(s)) => prop_assert_eq!(r, s, "{}: {}", card.path, json),
        (r, s) => prop_assert!(false, "{}: {}\nreport: {:?}\nscore: {:?}", card.path, json, r.err(), s.err()),
    }
    Ok(())
}

/// The records of issue 10 that once split the two paths.
#[test]
fn records_that_once_split_the_paths_now_agree() {
    let seed = compiled("seed", scorecard_tests::SEED_ZH);
    let spent =
        scorecard_tests::SeedRecord::perfect().json_with(&[("spending", "\"-79228162514264337593543950335元\"")]);
    let report = seed.card.evaluate_json(&spent).unwrap();
    assert_eq!(report.indicators[scorecard_tests::ind::SPENDING].deduction.to_string(), "15");
    check(&seed, &spent).unwrap();
    let zero =
        |rules: &str| compiled("d4", &format!("计分表 「t」\n输入 满意度 = s（%）\n输入 投诉率 = c（%）\n{rules}"));
    let d4 = zero("三级指标 甲\n  分值 8分\n  评分 满意度低于90%，扣0.0分；投诉率高于10%，扣3分\n");
    assert_eq!(d4.card.evaluate_json(r#"{"s":50,"c":5}"#).unwrap().total.to_string(), "8");
    check(&d4, r#"{"s":50,"c":5}"#).unwrap();
    let d4 = zero("三级指标 甲\n  分值 8分\n  得分 满意度低于90%，计0.0分；否则计8分\n  评分 投诉率高于10%，扣1分\n");
    assert_eq!(d4.card.evaluate_json(r#"{"s":50,"c":20}"#).unwrap().total.to_string(), "0");
    check(&d4, r#"{"s":50,"c":20}"#).unwrap();
}
