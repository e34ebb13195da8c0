//! `scorecard eval RULES --data FILE`: score every record, in input order;
//! a bad record is reported and the rest are still scored. Batches are
//! scored on `--jobs` threads (see [`batch`]).

mod batch;
mod progress;

use std::io::{self, BufWriter};
use std::num::NonZeroUsize;

use scorecard::{Lang, Scorecard};

use self::batch::{Sink, Stopped};
use self::progress::{Measure, Progress};
use crate::args::{EvalArgs, Format};
use crate::exit::{note, CliError, Exit};
use crate::files;
use crate::input::{self, Bounds, Data, InputFormat, Source, Tracked};
use crate::output::{Output, Style};
use crate::render::Renderer;
use crate::rules;
use crate::text::one_line;

/// Output buffer: large writes keep the writer thread from contending for stdout.
const OUTPUT_BUFFER: usize = 256 * 1024;

/// Scores the data against the rules. Exit 1 if the rules or any record are invalid.
pub fn run(args: &EvalArgs) -> Result<Exit, CliError> {
    if args.brief && args.format == Format::Table {
        note("scorecard: --brief writes scores only, in json, jsonl or csv; the table always explains (表格格式总是附带说明；--brief 请配合 --format json、jsonl 或 csv)");
        return Ok(Exit::Usage);
    }
    if args.rules.is_stdin() && args.data_is_stdin() {
        note("scorecard: only one of the rules and the data can be read from stdin (`-`) (规则文件与数据只能有一个从标准输入读取)");
        return Ok(Exit::Usage);
    }
    let compiled = rules::compile(&args.rules)?;
    let reader = files::open_data(&args.data, args.data_is_stdin())?;
    let card = match &compiled.result {
        Ok(card) => card,
        Err(_) => {
            let rendered = compiled.render(&Renderer::for_stream(&io::stderr()));
            note(&format!("{rendered}\n{}", compiled.summary()));
            return Ok(Exit::Invalid);
        }
    };
    if !card.warnings().is_empty() {
        note(&warnings_hint(card, &compiled.name));
    }
    let options = input::Options {
        bounds: Bounds { max_data_bytes: args.max_data_bytes, max_record_bytes: args.max_record_bytes },
        format: args.input_format.resolve(&args.data),
        encoding: args.encoding,
    };
    let stream = Tracked::new(reader, args.data_is_stdin());
    let data = input::open(stream, options).map_err(|e| CliError::read(&args.data, e))?;
    let mut run = Run::new(card, args, options.format);
    run.all(data)?;
    Ok(run.finish())
}

/// The data's name in messages.
fn data_name(args: &EvalArgs) -> String {
    if args.data_is_stdin() {
        "<stdin>".to_owned()
    } else {
        args.data.display().to_string()
    }
}

fn warnings_hint(card: &Scorecard, rules: &str) -> String {
    let n = card.warnings().len();
    card.lang().pick(
        format!("提示：规则文件有 {n} 个警告，运行 `scorecard check {rules}` 查看"),
        format!("note: the rule file has {n} warning(s); run `scorecard check {rules}` to see them"),
    )
}

/// One run over the data: the scorecard, the arguments, and the counts.
struct Run<'c> {
    card: &'c Scorecard,
    args: &'c EvalArgs,
    format: InputFormat,
    data: String,
    records: u64,
    failed: u64,
}

impl<'c> Run<'c> {
    fn new(card: &'c Scorecard, args: &'c EvalArgs, format: InputFormat) -> Self {
        Run { card, args, format, data: data_name(args), records: 0, failed: 0 }
    }

    /// Reads, scores and writes every record.
    fn all(&mut self, data: Data) -> Result<(), CliError> {
        match data {
            Data::Empty => self.empty(),
            Data::Whole(whole) => {
                let mut records = whole.records(self.lang());
                let measure = Measure::Records(records.len());
                self.batch(&mut records, whole.is_batch(), measure)?;
            }
            Data::Stream(mut stream) => {
                self.unknown_columns(stream.columns());
                let batch = stream.is_batch().map_err(|e| CliError::read(&self.args.data, e))?;
                self.batch(&mut stream, batch, self.stream_measure())?;
                if self.records == 0 {
                    self.empty();
                }
            }
        }
        Ok(())
    }

    /// Scores the records of `source` on `--jobs` threads and writes them in order.
    fn batch(&mut self, source: &mut impl Source, batch: bool, measure: Measure) -> Result<(), CliError> {
        let lang = self.lang();
        let style = Style::new(self.args.format, batch, self.card, self.args.brief);
        let out = Output::new(BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout()), &style);
        let progress = if batch { Progress::new(measure, lang) } else { Progress::hidden(lang) };
        let mut sink = Sink::new(out, &self.data, lang, progress, self.args.data_is_stdin());
        let jobs = if batch { jobs(self.args.jobs) } else { 1 };
        let result = batch::run(source, self.card, &style, &mut sink, jobs);
        (self.records, self.failed) = sink.counts();
        match result {
            Ok(()) => sink.finish().map_err(CliError::Write),
            // Keep what was written, unclosed: the output is not complete.
            Err(Stopped::Read(e)) => {
                sink.abandon();
                Err(CliError::read(&self.args.data, e))
            }
            Err(Stopped::Write(e)) => {
                sink.abandon();
                Err(CliError::Write(e))
            }
        }
    }

    /// Notes CSV columns that are not inputs of the scorecard: they are
    /// ignored, and a misspelt key would otherwise only show up as a missing value.
    fn unknown_columns(&self, columns: &[String]) {
        let unknown: Vec<String> =
            columns.iter().filter(|c| self.card.input(c).is_err()).map(|c| format!("`{}`", one_line(c))).collect();
        if unknown.is_empty() {
            return;
        }
        let (zh, en) = (unknown.join("、"), unknown.join(", "));
        note(&self.lang().pick(
            format!("提示：{} 的列 {zh} 不是规则文件的输入，已忽略", self.data),
            format!("note: column(s) {en} of {} are not inputs of the rule file and are ignored", self.data),
        ));
    }

    /// The size of a data file, for the progress bar; unknown for stdin.
    fn stream_measure(&self) -> Measure {
        match std::fs::metadata(&self.args.data) {
            Ok(meta) if meta.is_file() && !self.args.data_is_stdin() => Measure::Bytes(meta.len()),
            _ => Measure::Unknown,
        }
    }

    fn empty(&mut self) {
        self.failed = 1;
        let message = if self.format == InputFormat::Csv {
            self.lang().pick(
                format!("错误：{} 中没有记录（CSV 应有一行表头，其后每行一条记录）", self.data),
                format!("error: no records in {} (a CSV file needs a header row, then one row per record)", self.data),
            )
        } else {
            self.lang().pick(
                format!("错误：{} 中没有记录（应为 JSON 对象、JSON 数组或每行一个对象）", self.data),
                format!(
                    "error: no records in {} (expected a JSON object, a JSON array, or one object a line)",
                    self.data
                ),
            )
        };
        note(&message);
    }

    /// The summary and exit code.
    fn finish(self) -> Exit {
        if self.failed == 0 {
            return Exit::Success;
        }
        if self.records > 0 {
            note(&self.lang().pick(
                format!("{} 条记录中有 {} 条有错误", self.records, self.failed),
                format!("{} of {} records had errors", self.failed, self.records),
            ));
        }
        Exit::Invalid
    }

    fn lang(&self) -> Lang {
        self.card.lang()
    }
}

/// Worker threads for `--jobs N`: 0 means one per available core.
fn jobs(requested: usize) -> usize {
    match requested {
        0 => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        n => n,
    }
}
