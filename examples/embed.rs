//! Embedding scorecard in a Rust service: compile the seed table once, then
//! score records from JSON (with explanations) and from typed values (fast path).
//!
//! Run with `cargo run -p scorecard --example embed`.

use scorecard::Scorecard;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rules = include_str!("../rules/chenggong-2021-window-service.rules");
    let card = Scorecard::compile(rules)?;

    // A record as JSON: numbers are read exactly; strings may carry a unit.
    let json = include_str!("chenggong-2021/measurements.json");
    let report = card.evaluate_json(json)?;
    for ind in &report.indicators {
        println!("{:<24} {:>6} / {:<4} {}", ind.name, ind.score, ind.points, ind.explanation);
    }
    println!("total {} ({})", report.total, report.grade);

    // The typed path: resolve keys once, then set values without string lookups.
    let keys: Vec<_> = ["cases", "cases_last_year", "staff_satisfaction", "on_time_rate"]
        .iter()
        .map(|k| card.input(k))
        .collect::<Result<_, _>>()?;
    let mut record = card.record();
    for (key, value) in keys.iter().zip([1_700_000, 1_800_000, 95, 97]) {
        card.set(&mut record, *key, value)?;
    }
    // Text as an analyst writes it, with a unit; an unknown key suggests the closest one.
    card.set_str(&mut record, card.input("spending")?, "241.73万元")?;
    if let Err(e) = card.input("spendng") {
        println!("{e}");
    }
    // The remaining inputs are required too: a missing one is an error, never a silent zero.
    match card.score(&record) {
        Ok(scores) => println!("typed total {}", scores.total),
        Err(e) => println!("typed record rejected: {e}"),
    }
    Ok(())
}
