//! A careful manual timing loop: warm-up, calibrated repetitions, rounds
//! interleaved across paths (rotating order), median per path.

use std::time::Instant;

/// One timed path: a closure that processes every record once.
pub struct Path<'a> {
    pub name: &'static str,
    /// Whether this is one of zen's paths with a prebuilt context (the "zen best" candidates).
    pub zen_prebuilt: bool,
    pub pass: Box<dyn FnMut() + 'a>,
}

/// Nanoseconds per record: median, min and max over the rounds.
pub struct Timing {
    pub name: &'static str,
    pub zen_prebuilt: bool,
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

fn ns_per_record(p: &mut Path<'_>, reps: u32, records: usize) -> f64 {
    let start = Instant::now();
    for _ in 0..reps {
        (p.pass)();
    }
    let ns = start.elapsed().as_nanos() as f64;
    ns / (f64::from(reps) * records as f64)
}

/// Times every path over `rounds` rounds of at least ~`target_ms` each.
pub fn measure(paths: &mut [Path<'_>], records: usize, rounds: usize, target_ms: f64) -> Vec<Timing> {
    // Warm-up (two passes each) and calibration.
    let reps: Vec<u32> = paths
        .iter_mut()
        .map(|p| {
            ns_per_record(p, 1, records);
            let per_pass_ms = ns_per_record(p, 1, records) * records as f64 / 1e6;
            (target_ms / per_pass_ms.max(1e-3)).ceil().clamp(1.0, 1e6) as u32
        })
        .collect();
    let mut samples: Vec<Vec<f64>> = vec![Vec::with_capacity(rounds); paths.len()];
    for round in 0..rounds {
        for k in 0..paths.len() {
            let i = (k + round) % paths.len();
            if let (Some(p), Some(r), Some(s)) = (paths.get_mut(i), reps.get(i), samples.get_mut(i)) {
                s.push(ns_per_record(p, *r, records));
            }
        }
    }
    paths
        .iter()
        .zip(samples)
        .map(|(p, mut s)| {
            s.sort_by(f64::total_cmp);
            Timing {
                name: p.name,
                zen_prebuilt: p.zen_prebuilt,
                median: s.get(s.len() / 2).copied().unwrap_or(f64::NAN),
                min: s.first().copied().unwrap_or(f64::NAN),
                max: s.last().copied().unwrap_or(f64::NAN),
            }
        })
        .collect()
}

fn human(ns: f64) -> String {
    if ns >= 1000.0 {
        format!("{:.2} µs", ns / 1000.0)
    } else {
        format!("{ns:.0} ns")
    }
}

/// The results as a Markdown table; ratios use medians.
pub fn table(ts: &[Timing], ours_typed: &str) -> String {
    let base = ts.iter().find(|t| t.name == ours_typed).map_or(f64::NAN, |t| t.median);
    let zen_best = ts.iter().filter(|t| t.zen_prebuilt).map(|t| t.median).fold(f64::INFINITY, f64::min);
    let mut out = String::from(
        "| path | median / record | min – max | vs our typed path | vs zen's best path |\n|---|---:|---:|---:|---:|\n",
    );
    for t in ts {
        out.push_str(&format!(
            "| {} | {} | {} – {} | {:.2}× | {:.3}× |\n",
            t.name,
            human(t.median),
            human(t.min),
            human(t.max),
            t.median / base,
            t.median / zen_best
        ));
    }
    out
}
