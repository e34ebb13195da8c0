//! `scorecard eval RULES --data FILE`: score every record, in input order;
//! a bad record is reported and the rest are still scored. Batches are
//! scored on `--jobs` threads (see [`batch`]).

mod batch;
mod form;
mod progress;

use std::io::{self, BufWriter};
use std::num::NonZeroUsize;
use std::path::Path;

use scorecard::{Lang, Scorecard};
use scorecard_table::{records, template};

use self::batch::{Sink, Stopped};
use self::progress::{Measure, Progress};
use crate::args::{EvalArgs, Format};
use crate::exit::{note, CliError, Exit};
use crate::files;
use crate::input::{self, Bounds, Data, InputFormat, Names, Places, SheetSource, Source, Tracked};
use crate::output::{Output, Style};
use crate::render::Renderer;
use crate::rules;
use crate::text::one_line;

/// Output buffer: large writes keep the writer thread from contending for stdout.
const OUTPUT_BUFFER: usize = 256 * 1024;

/// Scores the data against the rules. Exit 1 if the rules or any record are invalid.
pub fn run(args: &EvalArgs) -> Result<Exit, CliError> {
    if args.brief && matches!(args.format, Format::Table | Format::Xlsx) {
        note("scorecard: --brief writes scores only, in json, jsonl or csv; the table and the workbook always explain (表格与工作簿总是附带说明；--brief 请配合 --format json、jsonl 或 csv)");
        return Ok(Exit::Usage);
    }
    if (args.format == Format::Xlsx) != args.output.is_some() {
        note("scorecard: --format xlsx writes a workbook and needs -o FILE.xlsx; other formats write to standard output (工作簿须用 --format xlsx 加 -o 文件名；其他格式输出到标准输出)");
        return Ok(Exit::Usage);
    }
    files::check_stdout()?;
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
    let names = Names::new(card);
    let options = input::Options {
        bounds: Bounds { max_data_bytes: args.max_data_bytes, max_record_bytes: args.max_record_bytes },
        format: args.input_format.resolve(&args.data),
        encoding: args.encoding,
        names: &names,
    };
    let data = if options.format == InputFormat::Sheet {
        match open_sheet(args, card, &names) {
            Some(sheet) => Data::Sheet(sheet),
            None => return Ok(Exit::Usage),
        }
    } else {
        let stream = Tracked::new(reader, args.data_is_stdin() && files::live_stdio());
        input::open(stream, options).map_err(|e| CliError::read(&args.data, e))?
    };
    let mut run = Run::new(card, args, options.format);
    match &args.output {
        Some(path) if args.format == Format::Xlsx => run.workbook(data, path)?,
        _ => run.all(data)?,
    }
    Ok(run.finish())
}

/// Reads the records of a spreadsheet; `None` (after saying why) if it cannot be read.
fn open_sheet(args: &EvalArgs, card: &Scorecard, names: &Names) -> Option<SheetSource> {
    let name = data_name(args);
    if args.data_is_stdin() {
        note(&card.lang().pick(
            "scorecard: 工作簿不能从标准输入读取，请给出文件名".to_owned(),
            "scorecard: a workbook cannot be read from standard input; name the file".to_owned(),
        ));
        return None;
    }
    match records::read_records(&args.data, args.sheet.as_deref(), args.max_data_bytes) {
        Ok(sheet) => Some(SheetSource::new(sheet, names)),
        Err(e) => {
            note(&format!("scorecard: {}", e.message(&name, card.lang())));
            None
        }
    }
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
                self.batch(&mut records, whole.is_batch(), measure, Places::None)?;
            }
            Data::Sheet(mut sheet) => {
                self.unknown_columns(sheet.columns());
                let measure = Measure::Records(sheet.len());
                let batch = sheet.len() > 1;
                let places = sheet.places();
                self.batch(&mut sheet, batch, measure, places)?;
                if self.records == 0 {
                    self.empty();
                }
            }
            Data::Stream(mut stream) => {
                self.unknown_columns(stream.columns());
                // JSON Lines and CSV print one record as they print many, so a
                // live stream is not read ahead to tell which it is.
                let alone = matches!(self.args.format, Format::Jsonl | Format::Csv) && self.live();
                let batch = alone || stream.is_batch().map_err(|e| CliError::read(&self.args.data, e))?;
                let places = stream.places();
                self.batch(&mut stream, batch, self.stream_measure(), places)?;
                if self.records == 0 {
                    self.empty();
                }
            }
        }
        Ok(())
    }

    /// Scores every record into the 绩效自评表 workbook at `path`.
    fn workbook(&mut self, data: Data, path: &Path) -> Result<(), CliError> {
        match data {
            Data::Empty => {
                self.empty();
                Ok(())
            }
            Data::Whole(whole) => self.form(&[], &mut whole.records(self.lang()), path),
            Data::Stream(mut stream) => {
                let columns = stream.columns().to_vec();
                self.form(&columns, &mut stream, path)
            }
            Data::Sheet(mut sheet) => {
                let columns = sheet.columns().to_vec();
                self.form(&columns, &mut sheet, path)
            }
        }
    }

    /// Writes the workbook of the records of `source`, whose header is `columns`.
    fn form(&mut self, columns: &[String], source: &mut dyn Source, path: &Path) -> Result<(), CliError> {
        let name_column = form::name_column(columns, self.card);
        self.unknown_columns(columns);
        let target = form::Target {
            path,
            data: &self.data,
            data_path: &self.args.data,
            max_forms: self.args.max_forms,
            name_column,
        };
        (self.records, self.failed) = form::write(self.card, source, &target)?;
        if self.records == 0 {
            self.empty();
        }
        Ok(())
    }

    /// Scores the records of `source` on `--jobs` threads and writes them in order.
    fn batch(
        &mut self,
        source: &mut impl Source,
        batch: bool,
        measure: Measure,
        places: Places,
    ) -> Result<(), CliError> {
        let lang = self.lang();
        let style = Style::new(self.args.format, batch, self.card, self.args.brief).with_places(places);
        let out = Output::new(BufWriter::with_capacity(OUTPUT_BUFFER, io::stdout()), &style);
        let progress = if batch { Progress::new(measure, lang) } else { Progress::hidden(lang) };
        let mut sink = Sink::new(out, &self.data, lang, progress, self.live());
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
        let names = Names::new(self.card);
        let unknown: Vec<String> = columns
            .iter()
            .filter(|c| names.key(c).is_none() && !template::is_name_header(c))
            .map(|c| format!("`{}`", one_line(c)))
            .collect();
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

    /// Whether the data is a live stream on stdin whose results go to a
    /// pipe or terminal: each result is then written as soon as it is ready.
    fn live(&self) -> bool {
        self.args.data_is_stdin() && files::live_stdio()
    }
}

/// Worker threads for `--jobs N`: 0 means one per available core.
fn jobs(requested: usize) -> usize {
    match requested {
        0 => std::thread::available_parallelism().map_or(1, NonZeroUsize::get),
        n => n,
    }
}
