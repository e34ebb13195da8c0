//! Command-line arguments: `scorecard check`, `scorecard eval` and `scorecard explain-error`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use scorecard::{Lang, Limits};

use crate::input::{InputFormat, TextEncoding};

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
    /// Explain a diagnostic code, such as E0201, with an example and the fix.
    ExplainError(ExplainArgs),
    /// Run the regression suites beside rule files (`<stem>.suite.toml`); `--bless` rewrites failing expectations.
    Test(crate::test_cmd::TestArgs),
    /// Trace how each record is scored, tier by tier, and what each indicator that lost points needed.
    Explain(crate::explain_cmd::ExplainCmdArgs),
    /// Lay rule files out canonically, keeping their words and comments; `--check` only reports.
    Fmt(crate::fmt_cmd::FmtArgs),
    /// Run the language server over standard input and output, for editors (see docs/editors.md).
    Lsp,
    /// Write a draft rule file from a 绩效目标表 (.xlsx/.xls/.ods, .docx, .csv or a text cell dump).
    Import(crate::import_cmd::ImportArgs),
    /// Write the data-entry sheet for a rule file: one column per input (CSV or xlsx).
    Template(crate::template_cmd::TemplateArgs),
    /// Serve the workbench in the browser: edit, check, read back and score rule files.
    Serve(crate::serve_cmd::ServeArgs),
    /// Print a shell completion script: `scorecard completions bash > /etc/bash_completion.d/scorecard`.
    Completions(crate::completions::CompletionsArgs),
    /// Print the manual page (roff): `scorecard man > scorecard.1`.
    Man,
}

/// The rule file and the limits it is read with (shared by `check` and `eval`).
#[derive(Debug, clap::Args)]
pub struct RuleFile {
    /// The rule file (UTF-8); `-` reads it from standard input.
    #[arg(value_name = "RULES")]
    pub path: PathBuf,
    /// The limits it is read with.
    #[command(flatten)]
    pub limits: LimitFlags,
    /// The language of messages and explanations (default: the rule file's keywords).
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
}

impl RuleFile {
    /// The engine limits the flags ask for, with the message language if one is chosen.
    pub fn limits(&self) -> Limits {
        let limits = self.limits.limits();
        match self.lang {
            Some(lang) => limits.with_lang(lang.into()),
            None => limits,
        }
    }

    /// Whether the rules come from standard input.
    pub fn is_stdin(&self) -> bool {
        self.path.as_os_str() == "-"
    }
}

/// `--max-file-bytes`, `--max-indicators`, `--max-tiers`: the limits a rule file is read with.
#[derive(Debug, clap::Args)]
pub struct LimitFlags {
    /// Largest rule file accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = default_limit(|l| l.max_file_bytes()),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_file_bytes: u64,
    /// Most indicators (三级指标) in the rule file.
    #[arg(long, value_name = "N", default_value_t = default_limit(|l| l.max_indicators()),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_indicators: u64,
    /// Most tiers in one indicator, its `得分` bands and `按等级` grades included.
    #[arg(long, value_name = "N", default_value_t = default_limit(|l| l.max_tiers()),
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_tiers: u64,
}

impl LimitFlags {
    /// The engine limits these flags ask for.
    pub fn limits(&self) -> Limits {
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Limits::default()
            .with_max_file_bytes(size(self.max_file_bytes))
            .with_max_indicators(size(self.max_indicators))
            .with_max_tiers(size(self.max_tiers))
    }
}

/// One of the engine's default limits, as a flag default.
fn default_limit(pick: fn(&Limits) -> usize) -> u64 {
    u64::try_from(pick(&Limits::default())).unwrap_or(u64::MAX)
}

/// Arguments of `scorecard check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The rule file and its limits.
    #[command(flatten)]
    pub rules: RuleFile,
    /// `text`: diagnostics with source snippets; `json`: one JSON object on
    /// stdout (code, severity, message, file, line, col, span of each
    /// diagnostic), with the snippets on stderr.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// Output formats of `scorecard check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics with source snippets, then a summary line.
    Text,
    /// A JSON object for scripts and editors (schema: docs/schema/check.schema.json).
    Json,
}

/// Arguments of `scorecard eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The rule file and its limits.
    #[command(flatten)]
    pub rules: RuleFile,
    /// The measurements: one JSON object, JSON Lines, a JSON array of objects, or CSV; `-` reads stdin.
    #[arg(long, value_name = "FILE")]
    pub data: PathBuf,
    /// How to print the reports.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// How the data file is laid out; `auto` reads `*.csv` as CSV and tells JSON Lines from JSON by the first line.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// The character encoding of the data file.
    #[arg(long, value_enum, default_value_t = TextEncoding::Utf8)]
    pub encoding: TextEncoding,
    /// Largest data file read whole (a JSON object or array), in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DATA_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_data_bytes: u64,
    /// Largest line of a JSON Lines file, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_RECORD_BYTES,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_record_bytes: u64,
    /// Scores only: the total, grade and each indicator's score and deduction,
    /// without explanations or group subtotals; the fast path for large
    /// batches. Only with --format json, jsonl or csv.
    #[arg(long)]
    pub brief: bool,
    /// Worker threads scoring records; 0 means all available cores. The
    /// output keeps the input order whatever the number.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// The sheet of a spreadsheet data file to read (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Write the output to this file (required with --format xlsx).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With --format xlsx: records that get their own 绩效自评表 sheet (the
    /// first ones); every record is on the summary sheet.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_forms: usize,
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
    /// CSV for Excel (UTF-8 with a BOM): line, total, grade, then each indicator's score,
    /// deduction and explanation, then an error column (filled for a record not scored).
    Csv,
    /// An Excel workbook (needs -o FILE): a summary sheet with a row per record,
    /// and a 绩效自评表 sheet per record (see --max-forms).
    Xlsx,
}

impl EvalArgs {
    /// Whether the data comes from standard input.
    pub fn data_is_stdin(&self) -> bool {
        self.data.as_os_str() == "-"
    }
}

/// Arguments of `scorecard explain-error`.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The code, as shown in a diagnostic: `E0201`, `W0401` (case does not matter).
    pub code: String,
    /// The language of the explanation.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    pub lang: LangArg,
}

/// `--lang zh|en`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文.
    Zh,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}
