//! `scorecard template RULES [--format csv|xlsx] [-o FILE]`: the data-entry sheet for a rule file.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use scorecard_table::template;

use crate::args::RuleFile;
use crate::exit::{note, CliError, Exit};
use crate::render::Renderer;
use crate::rules;

/// Arguments of `scorecard template`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// The rule file and its limits.
    #[command(flatten)]
    pub rules: RuleFile,
    /// CSV (UTF-8 with a byte-order mark, for Excel) or an xlsx workbook
    /// whose cells check what is typed; default: from the -o extension, else CSV.
    #[arg(long, value_enum)]
    pub format: Option<TemplateFormat>,
    /// The file to write; CSV goes to standard output without it.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--format` of `scorecard template`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// CSV for Excel.
    Csv,
    /// An Excel workbook with checks on each input column.
    Xlsx,
}

/// Writes the template. Exit 1 if the rules are invalid.
pub fn run(args: &TemplateArgs) -> Result<Exit, CliError> {
    let compiled = rules::compile(&args.rules)?;
    let Ok(card) = &compiled.result else {
        let rendered = compiled.render(&Renderer::for_stream(&std::io::stderr()));
        note(&format!("{rendered}\n{}", compiled.summary()));
        return Ok(Exit::Invalid);
    };
    let xlsx_name = args.output.as_ref().is_some_and(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")));
    let format = args.format.unwrap_or(if xlsx_name { TemplateFormat::Xlsx } else { TemplateFormat::Csv });
    let failed =
        |path: &PathBuf, e: std::io::Error| CliError::WriteFile { path: path.display().to_string(), source: e };
    match (format, &args.output) {
        (TemplateFormat::Xlsx, None) => {
            note("scorecard: --format xlsx writes a workbook and needs -o FILE.xlsx (工作簿须用 -o 指定文件名)");
            return Ok(Exit::Usage);
        }
        (TemplateFormat::Xlsx, Some(path)) => {
            template::write_xlsx(card, path).map_err(|e| failed(path, std::io::Error::other(e.to_string())))?
        }
        (TemplateFormat::Csv, Some(path)) => std::fs::write(path, template::csv(card)).map_err(|e| failed(path, e))?,
        (TemplateFormat::Csv, None) => {
            let mut out = std::io::stdout().lock();
            out.write_all(template::csv(card).as_bytes())?;
            out.flush()?;
        }
    }
    Ok(Exit::Success)
}
