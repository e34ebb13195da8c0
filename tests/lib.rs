//! Shared helpers for the integration tests: the seed table in both keyword
//! sets, and seed records built from exact decimals (never from floats).

use std::sync::OnceLock;

use scorecard::{Decimal, Report, Scorecard};

pub mod ast_strategies;
pub mod fuzzing;
pub mod strategies;

/// The seed table with Chinese keywords.
pub const SEED_ZH: &str = include_str!("../rules/chenggong-2021-window-service.rules");

/// The seed table with English keywords.
pub const SEED_EN: &str = include_str!("../rules/chenggong-2021-window-service.en.rules");

/// The example record shipped with the seed table.
pub const EXAMPLE_MEASUREMENTS: &str = include_str!("../examples/chenggong-2021/measurements.json");

/// The seed's record keys, in declaration order.
pub const KEYS: [&str; 8] = [
    "cases",
    "cases_last_year",
    "staff_satisfaction",
    "on_time_rate",
    "spending",
    "complaint_rate",
    "blacklist_count",
    "public_satisfaction",
];

/// Indicator positions in the seed table, and their points.
pub mod ind {
    /// 年办件量 (8 points).
    pub const CASES: usize = 0;
    /// 保障入驻单位123个窗口的正常运行: staff satisfaction (7 points).
    pub const STAFF: usize = 1;
    /// 窗口服务办结率: on-time rate (15 points).
    pub const ON_TIME: usize = 2;
    /// 严格按照厉行节约，控制支出成本: spending vs budget (15 points).
    pub const SPENDING: usize = 3;
    /// 政务服务水平建设: complaint rate (8 points).
    pub const COMPLAINTS: usize = 4;
    /// 昆明市营商环境“红黑榜”评价: blacklist (25 points).
    pub const BLACKLIST: usize = 5;
    /// 办事群众满意: public satisfaction (22 points).
    pub const PUBLIC: usize = 6;
    /// Points of each indicator, in table order.
    pub const POINTS: [i64; 7] = [8, 7, 15, 15, 8, 25, 22];
}

/// The Chinese seed table, compiled once per test binary.
pub fn seed() -> &'static Scorecard {
    static CARD: OnceLock<Scorecard> = OnceLock::new();
    CARD.get_or_init(|| compile(SEED_ZH))
}

/// The English seed table, compiled once per test binary.
pub fn seed_en() -> &'static Scorecard {
    static CARD: OnceLock<Scorecard> = OnceLock::new();
    CARD.get_or_init(|| compile(SEED_EN))
}

/// Compiles rule text that must compile, with the diagnostics in the panic message.
pub fn compile(src: &str) -> Scorecard {
    match Scorecard::compile(src) {
        Ok(card) => card,
        Err(e) => panic!("rule file does not compile: {e}\n{:#?}", e.diagnostics),
    }
}

/// Exact decimal from text, e.g. `d("265.9031")`.
pub fn d(text: &str) -> Decimal {
    match Decimal::from_str_exact(text) {
        Ok(v) => v,
        Err(e) => panic!("bad decimal literal `{text}`: {e}"),
    }
}

/// One measurement set for the seed table, each value in its input's unit
/// (件, 件, %, %, 万元, %, 次, %).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedRecord {
    /// `cases`, 件.
    pub cases: Decimal,
    /// `cases_last_year`, 件.
    pub cases_last_year: Decimal,
    /// `staff_satisfaction`, %.
    pub staff_satisfaction: Decimal,
    /// `on_time_rate`, %.
    pub on_time_rate: Decimal,
    /// `spending`, 万元.
    pub spending: Decimal,
    /// `complaint_rate`, %.
    pub complaint_rate: Decimal,
    /// `blacklist_count`, 次.
    pub blacklist_count: Decimal,
    /// `public_satisfaction`, %.
    pub public_satisfaction: Decimal,
}

impl SeedRecord {
    /// A record that loses no points: cases grew, every rate is perfect,
    /// spending is exactly the budget.
    pub fn perfect() -> SeedRecord {
        SeedRecord {
            cases: Decimal::from(2_000_000),
            cases_last_year: Decimal::from(1_800_000),
            staff_satisfaction: Decimal::ONE_HUNDRED,
            on_time_rate: Decimal::ONE_HUNDRED,
            spending: d("241.73"),
            complaint_rate: Decimal::ZERO,
            blacklist_count: Decimal::ZERO,
            public_satisfaction: Decimal::ONE_HUNDRED,
        }
    }

    /// The values in [`KEYS`] order.
    pub fn values(&self) -> [Decimal; 8] {
        [
            self.cases,
            self.cases_last_year,
            self.staff_satisfaction,
            self.on_time_rate,
            self.spending,
            self.complaint_rate,
            self.blacklist_count,
            self.public_satisfaction,
        ]
    }

    /// The record as a JSON object whose numbers are the decimals' exact text.
    pub fn to_json(&self) -> String {
        self.json_with(&[])
    }

    /// The record as JSON, with some keys' raw JSON text replaced
    /// (e.g. `("spending", "\"2659030元\"")`); a key not in the record is added.
    pub fn json_with(&self, overrides: &[(&str, &str)]) -> String {
        let mut fields: Vec<(String, String)> =
            KEYS.iter().zip(self.values()).map(|(k, v)| ((*k).to_owned(), v.to_string())).collect();
        for (key, raw) in overrides {
            match fields.iter_mut().find(|(k, _)| k == key) {
                Some(field) => field.1 = (*raw).to_owned(),
                None => fields.push(((*key).to_owned(), (*raw).to_owned())),
            }
        }
        object(&fields)
    }

    /// The record as JSON without `key`.
    pub fn json_without(&self, key: &str) -> String {
        let fields: Vec<(String, String)> = KEYS
            .iter()
            .zip(self.values())
            .filter(|(k, _)| **k != key)
            .map(|(k, v)| ((*k).to_owned(), v.to_string()))
            .collect();
        object(&fields)
    }
}

fn object(fields: &[(String, String)]) -> String {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
    format!("{{{}}}", body.join(", "))
}

/// Scores a JSON record that must be valid.
pub fn report(card: &Scorecard, json: &str) -> Report {
    match card.evaluate_json(json) {
        Ok(r) => r,
        Err(e) => panic!("record rejected: {e}\nrecord: {json}"),
    }
}

/// The deductions of a report, in table order.
pub fn deductions(report: &Report) -> Vec<Decimal> {
    report.indicators.iter().map(|i| i.deduction).collect()
}

/// Integers as decimals, for comparing deduction lists: `ints(&[3, 0, 0])`.
pub fn ints(values: &[i64]) -> Vec<Decimal> {
    values.iter().copied().map(Decimal::from).collect()
}

/// Every rule file in `rules/`, `rules/corpus/` and `rules/examples/`, as
/// (path, text), sorted by path.
pub fn rule_files() -> Vec<(String, String)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../rules");
    let mut files = Vec::new();
    for dir in [root.to_owned(), format!("{root}/corpus"), format!("{root}/examples")] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.filter_map(|e| e.ok()).map(|e| e.path()) {
            if path.extension().is_some_and(|e| e == "rules") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    files.push((path.display().to_string(), text));
                }
            }
        }
    }
    files.sort();
    assert!(files.len() > 40, "the rule files are missing: {}", files.len());
    files
}
