//! `scorecard import TABLE [-o FILE] [--table N] [--json]`: a draft rule file from a 绩效目标表.
//!
//! The work is in `scorecard_table`; this module picks the table, writes the
//! draft and prints the summary (stderr, or JSON on stdout).

use std::io::Write as _;
use std::path::PathBuf;

use scorecard_table::document::{self, ReadLimits};
use scorecard_table::import::{self, Draft, Reading};

use crate::exit::{note, CliError, Exit};

/// Arguments of `scorecard import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The table: .xlsx/.xls/.ods, .docx, .csv, or a text file with one cell per line.
    #[arg(value_name = "TABLE")]
    pub path: PathBuf,
    /// Write the draft here instead of standard output.
    #[arg(short, long, value_name = "FILE.rules")]
    pub output: Option<PathBuf>,
    /// Which table of the workbook or document (1 = the first sheet or table).
    #[arg(long, value_name = "N")]
    pub table: Option<usize>,
    /// Print the summary as JSON on standard output (`indicators`, `as_written`, `needs_review`).
    #[arg(long)]
    pub json: bool,
    /// The largest file read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = ReadLimits::default().max_file_bytes)]
    pub max_file_bytes: u64,
}

/// Runs `scorecard import`.
pub fn run(args: &ImportArgs) -> Result<Exit, CliError> {
    let limits = ReadLimits { max_file_bytes: args.max_file_bytes, ..ReadLimits::default() };
    let file = args.path.display().to_string();
    let tables = match document::read(&args.path, &limits) {
        Ok(t) => t,
        Err(e) => {
            note(&format!("scorecard import: {e}"));
            return Ok(Exit::Usage);
        }
    };
    let table = match import::choose(&tables, args.table, &file) {
        Ok(t) => t,
        Err(e) => {
            note(&format!("scorecard import: {e}"));
            return Ok(Exit::Usage);
        }
    };
    let draft = match import::import(table, &file) {
        Ok(d) => d,
        Err(e) => {
            note(&format!("scorecard import: {e}"));
            return Ok(Exit::Invalid);
        }
    };
    write_draft(&draft, args)?;
    summarize(&draft, args)?;
    Ok(Exit::Success)
}

fn write_draft(draft: &Draft, args: &ImportArgs) -> Result<(), CliError> {
    let text = draft.to_source();
    match &args.output {
        Some(path) => std::fs::write(path, text)
            .map_err(|source| CliError::WriteFile { path: path.display().to_string(), source }),
        None if args.json => Ok(()),
        None => std::io::stdout().write_all(text.as_bytes()).map_err(CliError::Write),
    }
}

fn summarize(draft: &Draft, args: &ImportArgs) -> Result<(), CliError> {
    let s = draft.summary();
    note(&format!(
        "导入 {} 个指标：{} 个评分标准按原文读出，{} 个需要人工核对 (imported {} indicators: {} criteria as written, {} need a person)",
        s.indicators,
        s.as_written,
        s.needs_review.len(),
        s.indicators,
        s.as_written,
        s.needs_review.len()
    ));
    for imp in &draft.indicators {
        if let Reading::Pending { reason, proposal, .. } = &imp.reading {
            let proposed = proposal.as_ref().map_or_else(String::new, |p| format!("；建议：{}", p.text));
            note(&format!("  - {}：{reason}{proposed}", imp.name));
        }
    }
    if args.json {
        let json = serde_json::to_string(&s).map_err(|e| CliError::Write(e.into()))?;
        println!("{json}");
        if args.output.is_none() {
            note("（未写出草稿：用 -o FILE.rules 写入文件 / the draft was not written: give -o FILE.rules）");
        }
    }
    Ok(())
}
