//! `scorecard explain RULES --data FILE [--indicator NAME]`: a step-by-step
//! trace of each record (values read, tiers tested, which fired) and, for
//! every indicator that lost points, the measurement it needed.

use std::io::{self, Read, Write};
use std::path::PathBuf;

use scorecard::{Scorecard, Trace};

use crate::args::RuleFile;
use crate::exit::{note, CliError, Exit};
use crate::render::Renderer;
use crate::rules;

/// Arguments of `scorecard explain`.
#[derive(Debug, clap::Args)]
pub struct ExplainCmdArgs {
    /// The rule file and its limits.
    #[command(flatten)]
    pub rules: RuleFile,
    /// The measurements: one JSON object, or JSON Lines (each record is explained).
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// Explain only the indicator with this name.
    #[arg(long, value_name = "NAME")]
    pub indicator: Option<String>,
    /// Largest data file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024 * 1024)]
    pub max_data_bytes: u64,
}

/// Explains every record of the data file. Exit 1 if the rules or a record are invalid.
pub fn run(args: &ExplainCmdArgs) -> Result<Exit, CliError> {
    let compiled = rules::compile(&args.rules)?;
    let Ok(card) = &compiled.result else {
        note(&format!("{}\n{}", compiled.render(&Renderer::for_stream(&io::stderr())), compiled.summary()));
        return Ok(Exit::Invalid);
    };
    let file = std::fs::File::open(&args.data).map_err(|e| CliError::read(&args.data, e))?;
    let mut text = String::new();
    file.take(args.max_data_bytes).read_to_string(&mut text).map_err(|e| CliError::read(&args.data, e))?;
    let mut out = io::stdout().lock();
    let mut failed = false;
    for (line, record) in records(&text) {
        let lang = card.lang();
        writeln!(out, "{}", lang.pick(format!("── 记录（第 {line} 行）"), format!("── record (line {line})")))?;
        match card.parse_record(record).and_then(|r| card.trace(&r)) {
            Ok(trace) => write_trace(&mut out, card, &trace, args.indicator.as_deref())?,
            Err(e) => {
                failed = true;
                note(&format!("{}:{line}: {e}", args.data.display()));
            }
        }
    }
    out.flush()?;
    Ok(if failed { Exit::Invalid } else { Exit::Success })
}

/// The records of the file with their line numbers: one object, or one per line.
fn records(text: &str) -> Vec<(usize, &str)> {
    if serde_json::from_str::<&serde_json::value::RawValue>(text).is_ok() {
        return vec![(1, text)];
    }
    text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i.saturating_add(1), l)).collect()
}

fn write_trace(out: &mut impl Write, card: &Scorecard, trace: &Trace, only: Option<&str>) -> io::Result<()> {
    let lang = card.lang();
    for ind in trace.indicators.iter().filter(|i| only.is_none_or(|n| i.name == n)) {
        writeln!(out, "{}", ind.name)?;
        writeln!(out, "  {} {}", lang.pick("读取：", "read:"), ind.inputs.join(lang.pick("；", "; ")))?;
        for t in &ind.tiers {
            let mark = if t.held { "✓" } else { "✗" };
            let amount = t.amount.map(|a| format!(" ({})", a.normalize())).unwrap_or_default();
            writeln!(out, "  {mark} {}{amount}", t.text)?;
        }
        for hint in &ind.what_if {
            writeln!(out, "  {} {hint}", lang.pick("→ 若要改进：", "→ to do better:"))?;
        }
    }
    Ok(())
}
