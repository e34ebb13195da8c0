//! `scorecard explain RULES --data FILE [--indicator NAME]`: a step-by-step
//! trace of each record (values read, tiers tested, which fired) and, for
//! every indicator that lost points, the measurement it needed; with
//! `--reading` instead, how the engine reads each criterion.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use scorecard::{Scorecard, StepKind, TierStep, Trace};

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
    /// The measurements: one JSON object, or JSON Lines (each record is
    /// explained); `-` reads standard input.
    #[arg(long, value_name = "FILE", required_unless_present = "reading")]
    pub data: Option<PathBuf>,
    /// Print how the engine reads each criterion (tiers, strictness, ladder
    /// policy, caps, inputs) instead of explaining records.
    #[arg(long, conflicts_with = "data")]
    pub reading: bool,
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
    if let Some(name) = args.indicator.as_deref() {
        if !card.indicator_names().any(|n| n == name) {
            let names: Vec<&str> = card.indicator_names().collect();
            note(&card.lang().pick(
                format!("错误：没有名为「{name}」的指标；可选：{}", names.join("、")),
                format!("error: no indicator is named `{name}`; the indicators are: {}", names.join(", ")),
            ));
            return Ok(Exit::Usage);
        }
    }
    let Some(data) = &args.data else { return print_reading(card, args.indicator.as_deref()) };
    let text = read_data(args, data)?;
    let mut out = io::stdout().lock();
    let mut failed = false;
    for (line, record) in records(&text) {
        let lang = card.lang();
        writeln!(out, "{}", lang.pick(format!("── 记录（第 {line} 行）"), format!("── record (line {line})")))?;
        match card.parse_record(record).and_then(|r| card.trace(&r)) {
            Ok(trace) => write_trace(&mut out, card, &trace, args.indicator.as_deref())?,
            Err(e) => {
                failed = true;
                note(&format!("{}:{line}: {e}", data.display()));
            }
        }
    }
    out.flush()?;
    Ok(if failed { Exit::Invalid } else { Exit::Success })
}

/// The whole data file (or standard input), refusing one larger than
/// `--max-data-bytes` rather than explaining a truncated part of it.
fn read_data(args: &ExplainCmdArgs, data: &Path) -> Result<String, CliError> {
    let source: Box<dyn Read> = if data.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(std::fs::File::open(data).map_err(|e| CliError::read(data, e))?)
    };
    let mut bytes = Vec::new();
    source.take(args.max_data_bytes.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| CliError::read(data, e))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > args.max_data_bytes {
        let limit = args.max_data_bytes;
        let message = format!("larger than --max-data-bytes ({limit} bytes); raise the limit or split the file");
        return Err(CliError::read(data, io::Error::new(io::ErrorKind::InvalidData, message)));
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let message = format!("not UTF-8 text (byte {at}); save the file as UTF-8");
        CliError::read(data, io::Error::new(io::ErrorKind::InvalidData, message))
    })
}

/// Prints the reading of every indicator (or of the one named).
fn print_reading(card: &Scorecard, only: Option<&str>) -> Result<Exit, CliError> {
    let reading = card.reading();
    let text = match only {
        None => reading.text(),
        Some(name) => reading
            .indicators
            .iter()
            .filter(|i| i.name == name)
            .map(|i| i.text(card.lang()))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(Exit::Success)
}

/// The records of the file with their line numbers: one object, or one per line.
fn records(text: &str) -> Vec<(usize, &str)> {
    if serde_json::from_str::<&serde_json::value::RawValue>(text).is_ok() {
        return vec![(1, text)];
    }
    // LF, CRLF and a lone CR each end a line, as JSON Lines are read for `eval`.
    let lines = text.split('\n').flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'));
    lines.enumerate().filter(|(_, l)| !l.trim().is_empty()).map(|(i, l)| (i.saturating_add(1), l)).collect()
}

fn write_trace(out: &mut impl Write, card: &Scorecard, trace: &Trace, only: Option<&str>) -> io::Result<()> {
    let lang = card.lang();
    for ind in trace.indicators.iter().filter(|i| only.is_none_or(|n| i.name == n)) {
        writeln!(out, "{}", ind.name)?;
        writeln!(out, "  {} {}", lang.pick("读取：", "read:"), ind.inputs.join(lang.pick("；", "; ")))?;
        for t in &ind.tiers {
            let mark = if t.held { "✓" } else { "✗" };
            writeln!(out, "  {mark} {}{}", t.text, effect(card, t))?;
        }
        writeln!(out, "  {} {}", lang.pick("说明：", "explanation:"), ind.explanation)?;
        for hint in &ind.what_if {
            writeln!(out, "  {} {hint}", lang.pick("→ 若要改进：", "→ to do better:"))?;
        }
    }
    Ok(())
}

/// What a step that held did: `（扣 3 分）` / ` (−3)`, `（得 5 分）` / ` (→ 5)`, `（否决）` / ` (veto)`.
/// An amount with more places than the file's scores (a formula's `4.7166…`)
/// is shown rounded as the file rounds and marked as such, as the explanation
/// shows it: `（约扣 1.33 分）` / ` (about −1.33)`.
fn effect(card: &Scorecard, t: &TierStep) -> String {
    let lang = card.lang();
    let Some(amount) = t.amount else {
        return if t.kind == StepKind::Veto && t.held {
            lang.pick("（否决）", " (veto)").to_owned()
        } else {
            String::new()
        };
    };
    let shown = card.round(amount);
    let n = shown.normalize().to_string();
    let (zh, en) = if shown == amount { ("", "") } else { ("约", "about ") };
    match t.kind {
        StepKind::Veto if t.held => lang.pick("（否决）", " (veto)").to_owned(),
        StepKind::Deduct => lang.pick(format!("（{zh}扣 {n} 分）"), format!(" ({en}−{n})")),
        StepKind::Add => lang.pick(format!("（{zh}加 {n} 分）"), format!(" ({en}+{n})")),
        StepKind::Score => lang.pick(format!("（{zh}得 {n} 分）"), format!(" (→ {en}{n})")),
        _ => String::new(),
    }
}
