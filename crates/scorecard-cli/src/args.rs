//! Command-line arguments: `scorecard check` and `scorecard eval`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Default bound on a whole (non-JSON-Lines) data file: 64 MiB.
const DEFAULT_MAX_DATA_BYTES: u64 = 64 * 1024 * 1024;
/// Default bound on one JSON Lines record: 1 MiB.
const DEFAULT_MAX_RECORD_BYTES: u64 = 1024 * 1024;

/// Performance-table scoring rules that run, can be checked, and explain themselves.
#[derive(Debug, Parser)]
#[command(
    name = "scorecard",
    version,
    about,
    propagate_version = true,
    after_help = "Exit codes: 0 ok (warnings allowed); 1 invalid rules or data; 2 usage error or unreadable file."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a rule file: print every error and warning, exit 1 if there is an error.
    Check(CheckArgs),
    /// Score measured data against a rule file.
    Eval(EvalArgs),
}

/// Arguments of `scorecard check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The rule file (UTF-8).
    pub rules: PathBuf,
}

/// Arguments of `scorecard eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The rule file (UTF-8).
    pub rules: PathBuf,
    /// The measurements: one JSON object, JSON Lines, or a JSON array of objects; `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// How to print the reports.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Largest data file read whole (a JSON object or array), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DATA_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_data_bytes: u64,
    /// Largest line of a JSON Lines file, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_RECORD_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_record_bytes: u64,
}

/// Output formats of `scorecard eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned tables with the explanation of every indicator.
    Table,
    /// One report, or a JSON array of reports for a batch.
    Json,
    /// One JSON object per input record, one per line.
    Jsonl,
}

impl EvalArgs {
    /// Whether the data comes from standard input.
    pub fn data_is_stdin(&self) -> bool {
        self.data.as_os_str() == "-"
    }
}
