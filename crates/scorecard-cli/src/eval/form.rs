//! `eval --format xlsx -o FILE`: the 绩效自评表 workbook, records scored one by one in input order.

use std::path::Path;

use scorecard::Scorecard;
use scorecard_table::form::{json_values, FormOptions, FormRecord, FormWriter, XlsxError};
use scorecard_table::template;

use crate::exit::{note, CliError};
use crate::input::{OwnedRecord, Places, Source};

/// What the workbook needs beyond the records.
pub struct Target<'a> {
    /// The workbook to write.
    pub path: &'a Path,
    /// The data's name in messages.
    pub data: &'a str,
    /// The data file's path, for read errors.
    pub data_path: &'a Path,
    /// Records that get a form sheet.
    pub max_forms: usize,
    /// The header text of the batch's name column, if it has one.
    pub name_column: Option<&'a str>,
}

/// Scores every record of `source` into the workbook; the records and how many failed.
pub fn write(card: &Scorecard, source: &mut dyn Source, target: &Target<'_>) -> Result<(u64, u64), CliError> {
    let options = FormOptions { max_forms: target.max_forms };
    let failed_write = |e: XlsxError| CliError::WriteFile {
        path: target.path.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    };
    let mut writer = FormWriter::new(card, options, target.name_column.is_some()).map_err(failed_write)?;
    let places = source.places();
    let (mut records, mut failed) = (0u64, 0u64);
    while let Some(record) = source.next_record().map_err(|e| CliError::read(target.data_path, e))? {
        records = records.saturating_add(1);
        if !add(card, &mut writer, &record, target, &places).map_err(failed_write)? {
            failed = failed.saturating_add(1);
        }
    }
    if records > 0 {
        let forms = writer.forms();
        let total = records;
        if u64::try_from(forms).unwrap_or(u64::MAX) < total {
            note(&card.lang().pick(
                format!("提示：共 {total} 条记录，前 {forms} 条各有一张绩效自评表，全部记录见汇总表（--max-forms 可调）"),
                format!("note: {total} records; the first {forms} have a form sheet each, all are on the summary sheet (--max-forms)"),
            ));
        }
    }
    writer.save(target.path).map_err(failed_write)?;
    Ok((records, failed))
}

/// Scores one record into the workbook, naming the cell of each rejected value; whether it was scored.
fn add(
    card: &Scorecard,
    writer: &mut FormWriter<'_>,
    record: &OwnedRecord,
    target: &Target<'_>,
    places: &Places,
) -> Result<bool, XlsxError> {
    let lang = card.lang();
    // A row with an unreadable cell keeps its readable ones: its name and values.
    let values = match &record.text {
        Ok(json) => json_values(json),
        Err(failure) => failure.readable().map(json_values).unwrap_or_default(),
    };
    let name = target.name_column.and_then(|col| values.iter().find(|(k, _)| k == col)).map(|(_, v)| v.as_str());
    let report = match &record.text {
        // A value the engine rejects is named by its cell (`Sheet1!C7`) when the data is a table.
        Ok(json) => card.evaluate_json(json).map_err(|e| places.rejected(record.line, e, lang)),
        Err(failure) => Err(failure.clone()),
    };
    let outcome = report.as_ref().map_err(|failure| failure.messages(lang));
    if let Err(messages) = &outcome {
        for message in messages {
            note(&lang.pick(
                format!("错误：{}:{}：{message}", target.data, record.line),
                format!("error: {}:{}: {message}", target.data, record.line),
            ));
        }
    }
    let scored = outcome.is_ok();
    writer.add(&FormRecord { line: record.line, name, values: &values, outcome })?;
    Ok(scored)
}

/// The name column among a header's columns: the first that names no input and reads like a name.
pub fn name_column<'h>(columns: &'h [String], card: &Scorecard) -> Option<&'h str> {
    let names = crate::input::Names::new(card);
    columns.iter().map(String::as_str).find(|c| names.key(c).is_none() && template::is_name_header(c))
}
