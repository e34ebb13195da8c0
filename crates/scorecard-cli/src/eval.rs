//! `scorecard eval RULES --data FILE`: score every record, in input order;
//! a bad record is reported and the rest are still scored.

use std::io::{self, BufRead, BufWriter, Write};

use scorecard::{Lang, Scorecard};

use crate::args::EvalArgs;
use crate::exit::{note, CliError, Exit};
use crate::failure::Failure;
use crate::files;
use crate::input::{self, Bounds, Data};
use crate::output::Output;
use crate::render::Renderer;
use crate::rules;

/// Scores the data against the rules. Exit 1 if the rules or any record are invalid.
pub fn run(args: &EvalArgs) -> Result<Exit, CliError> {
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
    let bounds = Bounds { max_data_bytes: args.max_data_bytes, max_record_bytes: args.max_record_bytes };
    let data = input::open(reader, bounds).map_err(|e| CliError::read(&args.data, e))?;
    let mut run = Run::new(card, data_name(args), args.data_is_stdin());
    run.all(data, args)?;
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

/// One run over the data: the scorecard, where the data came from, and the counts.
struct Run<'c> {
    card: &'c Scorecard,
    data: String,
    streamed: bool,
    records: u64,
    failed: u64,
}

impl<'c> Run<'c> {
    fn new(card: &'c Scorecard, data: String, streamed: bool) -> Self {
        Run { card, data, streamed, records: 0, failed: 0 }
    }

    /// Reads, scores and writes every record.
    fn all<R: BufRead>(&mut self, data: Data<R>, args: &EvalArgs) -> Result<(), CliError> {
        let read_error = |e: io::Error| CliError::read(&args.data, e);
        let stdout = io::stdout();
        match data {
            Data::Empty => self.empty(),
            Data::Whole(whole) => {
                let mut out = Output::new(BufWriter::new(stdout.lock()), args.format, whole.is_batch(), self.lang());
                whole.for_each(self.lang(), |line, text| self.one(&mut out, line, text))?;
                out.finish()?;
            }
            Data::Lines(mut lines) => {
                let batch = lines.is_batch().map_err(read_error)?;
                let mut out = Output::new(BufWriter::new(stdout.lock()), args.format, batch, self.lang());
                while let Some(record) = lines.next_record().map_err(read_error)? {
                    self.one(&mut out, record.line, record.text.as_deref())?;
                }
                out.finish()?;
            }
        }
        Ok(())
    }

    /// Scores one record and writes its report, or reports why it failed.
    fn one<W: Write>(&mut self, out: &mut Output<W>, line: u64, text: Result<&str, &Failure>) -> io::Result<()> {
        self.records = self.records.saturating_add(1);
        let result = match text {
            Ok(text) => self.card.evaluate_json(text).map_err(Failure::Record),
            Err(failure) => Err(failure.clone()),
        };
        match result {
            Ok(report) => out.report(line, &report)?,
            Err(failure) => {
                self.failed = self.failed.saturating_add(1);
                for message in failure.messages(self.lang()) {
                    note(&self.lang().pick(
                        format!("错误：{}:{line}：{message}", self.data),
                        format!("error: {}:{line}: {message}", self.data),
                    ));
                }
                out.failure(line, &failure)?;
            }
        }
        if self.streamed {
            out.flush()?;
        }
        Ok(())
    }

    fn empty(&mut self) {
        self.failed = 1;
        note(&self.lang().pick(
            format!("错误：{} 中没有记录（应为 JSON 对象、JSON 数组或每行一个对象）", self.data),
            format!("error: no records in {} (expected a JSON object, a JSON array, or one object a line)", self.data),
        ));
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
