//! Same process, same records, same semantics: scorecard vs GoRules
//! zen-engine 2.1.6, single-threaded. First every engine is checked to agree
//! exactly on every record; only then is anything timed.
//!
//! Run: `cargo run --release --manifest-path crates/zen-compare/Cargo.toml [-- --records N --rounds R]`

mod ours;
mod records;
mod semantics;
mod timing;
mod zen_expr;
mod zen_graph;

use std::hint::black_box;
use std::process::ExitCode;

use zen_expression::variable::Variable;

use records::{Rec, KEYS};
use semantics::Outcome;
use timing::Path;

const OURS_TYPED: &str = "ours: typed input (prebuilt Record), score";
const OURS_JSON: &str = "ours: JSON string, parse_record + score";
const ZEN_EXPR: &str = "zen: 7 compiled expressions (prebuilt context)";
const ZEN_GRAPH: &str = "zen: JDM graph, 7 decision tables (prebuilt context)";
const ZEN_EXPR_JSON: &str = "zen: 7 compiled expressions, JSON string → Variable";
const ZEN_GRAPH_JSON: &str = "zen: JDM graph, JSON string → Variable";

struct Engines {
    ours: ours::Ours,
    expr: zen_expr::ZenExpr,
    graph: zen_graph::ZenGraph,
}

/// All paths' outcomes for record `i`, in a fixed order with names.
fn outcomes(e: &mut Engines, r: &Rec, ctx: &Variable, json: &str) -> Result<Vec<(&'static str, Outcome)>, String> {
    let zen = |d: [rust_decimal::Decimal; 7]| Outcome::from_deductions(d).ok_or("decimal overflow".to_owned());
    Ok(vec![
        ("oracle (the brief's semantics, plain Rust)", semantics::oracle(r).ok_or("oracle overflow")?),
        (OURS_TYPED, ours::outcome(&e.ours.score(&e.ours.record(r)?)?)?),
        (OURS_JSON, ours::outcome(&e.ours.score_json(json)?)?),
        (ZEN_EXPR, zen(e.expr.deductions(ctx)?)?),
        (ZEN_GRAPH, zen(e.graph.deductions(ctx.clone())?)?),
    ])
}

fn describe(texts: &[String]) -> String {
    let (d, rest) = texts.split_at(7.min(texts.len()));
    let (s, t) = rest.split_at(7.min(rest.len()));
    format!("deductions {d:?}, scores {s:?}, total {t:?}")
}

/// Aborts (Err) on the first record where any required path disagrees.
fn check(e: &mut Engines, recs: &[Rec], ctxs: &[Variable], jsons: &[String]) -> Result<(), String> {
    for (i, ((r, ctx), json)) in recs.iter().zip(ctxs).zip(jsons).enumerate() {
        let all = outcomes(e, r, ctx, json).map_err(|m| format!("record #{i} {json}: {m}"))?;
        let Some((ref_name, reference)) = all.first() else { continue };
        let want = reference.texts();
        for (name, o) in &all {
            let got = o.texts();
            if got != want {
                return Err(format!(
                    "DISAGREEMENT on record #{i}: {json}\n  {ref_name}: {}\n  {name}: {}",
                    describe(&want),
                    describe(&got)
                ));
            }
        }
    }
    Ok(())
}

/// zen fed the JSON text (numbers via serde → f64 → Decimal): disagreements counted, not fatal.
fn check_zen_json(e: &mut Engines, recs: &[Rec], jsons: &[String]) -> Result<(usize, Option<String>), String> {
    let mut bad = 0;
    let mut first = None;
    for (r, json) in recs.iter().zip(jsons) {
        let want = semantics::oracle(r).ok_or("oracle overflow")?.texts();
        let v: Variable = serde_json::from_str(json).map_err(|m| format!("zen JSON: {m}"))?;
        let a = Outcome::from_deductions(e.expr.deductions(&v)?).ok_or("overflow")?.texts();
        let b = Outcome::from_deductions(e.graph.deductions(v.clone())?).ok_or("overflow")?.texts();
        if a != want || b != want {
            bad += 1;
            if first.is_none() {
                first = Some(format!(
                    "{json}\n  parsed by zen as {v}\n  expected {}\n  zen expr {}\n  zen graph {}",
                    describe(&want),
                    describe(&a),
                    describe(&b)
                ));
            }
        }
    }
    Ok((bad, first))
}

fn arg(name: &str, default: usize) -> Result<usize, String> {
    let args: Vec<String> = std::env::args().collect();
    match args.iter().position(|a| a == name) {
        None => Ok(default),
        Some(i) => args.get(i + 1).and_then(|v| v.parse().ok()).ok_or(format!("{name} needs a number")),
    }
}

fn run() -> Result<(), String> {
    let n = arg("--records", 4000)?;
    let rounds = arg("--rounds", 11)?;
    let mut e = Engines {
        ours: ours::Ours::compile()?,
        expr: zen_expr::ZenExpr::compile()?,
        graph: zen_graph::ZenGraph::load()?,
    };
    let recs = records::generate(n);
    let ctxs: Vec<Variable> = recs.iter().map(zen_expr::context).collect();
    let jsons: Vec<String> = recs.iter().map(Rec::json).collect();
    let typed = recs.iter().map(|r| e.ours.record(r)).collect::<Result<Vec<_>, _>>()?;
    let count = recs.len();
    let distinct_totals: std::collections::BTreeSet<String> =
        recs.iter().filter_map(semantics::oracle).map(|o| o.total.normalize().to_string()).collect();

    println!("records: {count} ({} fixed boundary records + {n} LCG-generated), inputs {KEYS:?}", count - n);
    println!("tier coverage (deduction: records), per indicator:");
    for ind in 0..7 {
        let mut seen = std::collections::BTreeMap::<rust_decimal::Decimal, usize>::new();
        for o in recs.iter().filter_map(semantics::oracle) {
            if let Some(d) = o.deductions.get(ind) {
                *seen.entry(*d).or_default() += 1;
            }
        }
        let tiers: Vec<String> = seen.iter().map(|(d, c)| format!("-{d}: {c}")).collect();
        println!("  {}: {}", ind + 1, tiers.join(", "));
    }
    check(&mut e, &recs, &ctxs, &jsons)?;
    println!(
        "agreement: all {count} records agree exactly (7 deductions, 7 scores, total; normalized decimal text) \
         across oracle, ours typed, ours JSON, zen expressions, zen graph; {} distinct totals",
        distinct_totals.len()
    );
    let (bad, first) = check_zen_json(&mut e, &recs, &jsons)?;
    println!("zen fed JSON text (serde → Variable): {bad} of {count} records disagree");
    if let Some(f) = first {
        println!("  first: {f}");
    }

    let Engines { ours, expr, graph } = &mut e;
    let (ours, graph) = (&*ours, &*graph);
    let expr = std::cell::RefCell::new(expr);
    let zen_total = |d: Result<[rust_decimal::Decimal; 7], String>| d.ok().and_then(Outcome::from_deductions);
    let mut paths = vec![
        Path {
            name: OURS_TYPED,
            zen_prebuilt: false,
            pass: Box::new(|| typed.iter().for_each(|r| drop(black_box(ours.score(black_box(r)))))),
        },
        Path {
            name: OURS_JSON,
            zen_prebuilt: false,
            pass: Box::new(|| jsons.iter().for_each(|j| drop(black_box(ours.score_json(black_box(j)))))),
        },
        Path {
            name: ZEN_EXPR,
            zen_prebuilt: true,
            pass: Box::new(|| {
                let mut x = expr.borrow_mut();
                ctxs.iter().for_each(|c| drop(black_box(zen_total(x.deductions(black_box(c))))));
            }),
        },
        Path {
            name: ZEN_GRAPH,
            zen_prebuilt: true,
            pass: Box::new(|| {
                ctxs.iter().for_each(|c| drop(black_box(zen_total(graph.deductions(black_box(c).clone())))))
            }),
        },
        Path {
            name: ZEN_EXPR_JSON,
            zen_prebuilt: false,
            pass: Box::new(|| {
                let mut x = expr.borrow_mut();
                jsons.iter().for_each(|j| {
                    let v: Result<Variable, _> = serde_json::from_str(black_box(j));
                    drop(black_box(v.map(|v| zen_total(x.deductions(&v)))));
                });
            }),
        },
        Path {
            name: ZEN_GRAPH_JSON,
            zen_prebuilt: false,
            pass: Box::new(|| {
                jsons.iter().for_each(|j| {
                    let v: Result<Variable, _> = serde_json::from_str(black_box(j));
                    drop(black_box(v.map(|v| zen_total(graph.deductions(v)))));
                });
            }),
        },
    ];
    println!("timing: single thread, {rounds} interleaved rounds of ≥100 ms per path, median per record ...");
    let ts = timing::measure(&mut paths, count, rounds, 100.0);
    drop(paths);
    // The prebuilt contexts were reused by every timed pass: confirm they still give the same answers.
    check(&mut e, &recs, &ctxs, &jsons).map_err(|m| format!("after timing: {m}"))?;
    println!("re-check after timing: all {count} records still agree\n");
    print!("{}", timing::table(&ts, OURS_TYPED));
    println!("\nratios use medians; \"zen's best path\" = the faster of zen's two prebuilt-context paths.");
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(m) => {
            eprintln!("zen-compare: {m}");
            ExitCode::FAILURE
        }
    }
}
