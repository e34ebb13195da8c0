//! The report: every indicator's points, deduction, score, the rule that
//! fired and an explanation sentence; group subtotals, the total and a grade.

use rust_decimal::Decimal;
use scorecard_syntax::Span;
use serde::{Deserialize, Serialize};

use crate::error::RecordError;
use crate::eval::{Scores, Status};
use crate::explain;
use crate::json;
use crate::plan::Plan;
use crate::record::Record;

/// A scored and explained record. Field order is fixed, so serialised
/// reports are deterministic. Every decimal serialises as a JSON number with
/// its exact digits (as a string in formats other than JSON), and a report
/// reads back from its JSON with [`serde_json::from_str`]. The shape is
/// described by `docs/schema/report.schema.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// The version of this shape, `SCHEMA_VERSION`.
    #[serde(serialize_with = "crate::schema::schema_version", deserialize_with = "crate::schema::read_schema_version")]
    pub schema_version: u32,
    /// The scorecard's name.
    pub scorecard: String,
    /// Sum of the indicators' scores.
    #[serde(with = "json")]
    pub total: Decimal,
    /// The full score.
    #[serde(with = "json")]
    pub full_marks: Decimal,
    /// The grade band the total falls in.
    pub grade: String,
    /// Whether a veto (一票否决 … 取消资格) disqualified the whole scorecard.
    pub disqualified: bool,
    /// Subtotals of 一级 and 二级 groups, in table order.
    pub groups: Vec<GroupReport>,
    /// Every indicator, in table order.
    pub indicators: Vec<IndicatorReport>,
}

/// A group's subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupReport {
    /// Enclosing groups, outermost first.
    pub path: Vec<String>,
    /// The group's name.
    pub name: String,
    /// Sum of its indicators' points.
    #[serde(with = "json")]
    pub points: Decimal,
    /// Sum of its indicators' scores.
    #[serde(with = "json")]
    pub score: Decimal,
}

/// One indicator's result and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IndicatorReport {
    /// Enclosing groups, outermost first.
    pub path: Vec<String>,
    /// The indicator's name.
    pub name: String,
    /// Its points.
    #[serde(with = "json")]
    pub points: Decimal,
    /// Points deducted.
    #[serde(with = "json")]
    pub deduction: Decimal,
    /// Points kept.
    #[serde(with = "json")]
    pub score: Decimal,
    /// Scored, not applicable, or vetoed.
    pub status: Status,
    /// The rules that fired (empty if none did).
    pub fired: Vec<FiredRule>,
    /// A sentence in the rule file's language explaining the score.
    pub explanation: String,
}

/// A tier that fired, quoted from the rule file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FiredRule {
    /// The tier's text as written.
    pub text: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// Byte span in the rule file.
    pub span: Span,
}

/// Builds the report of a record that has already been scored.
pub(crate) fn build(plan: &Plan, record: &Record, scores: &Scores) -> Result<Report, RecordError> {
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    for (ind, score) in plan.indicators.iter().zip(&scores.indicators) {
        let explained = explain::indicator(plan, ind, record, score).map_err(|e| RecordError::from(*e))?;
        let fired = explained.fired.iter().map(|span| fired_rule(plan, *span)).collect();
        indicators.push(IndicatorReport {
            path: ind.path.clone(),
            name: ind.name.clone(),
            points: score.points,
            deduction: score.deduction,
            score: score.score,
            status: score.status,
            fired,
            explanation: explained.sentence,
        });
    }
    let groups = plan
        .groups
        .iter()
        .map(|g| {
            let (points, score) = g
                .indicators
                .iter()
                .filter_map(|i| scores.indicators.get(*i))
                .try_fold((Decimal::ZERO, Decimal::ZERO), |(p, s), x| {
                    Some((crate::exact::add(p, x.points)?, crate::exact::add(s, x.score)?))
                })
                .unwrap_or((Decimal::MAX, Decimal::MAX));
            GroupReport { path: g.path.clone(), name: g.name.clone(), points, score }
        })
        .collect();
    Ok(Report {
        schema_version: crate::schema::SCHEMA_VERSION,
        scorecard: plan.name.clone(),
        total: scores.total,
        full_marks: plan.total,
        grade: grade(plan, scores.total).to_owned(),
        disqualified: scores.disqualified,
        groups,
        indicators,
    })
}

fn fired_rule(plan: &Plan, span: Span) -> FiredRule {
    let at = plan.lines.span_start(&plan.source, span);
    FiredRule { text: span.text(&plan.source).to_owned(), line: at.line, column: at.column, span }
}

/// The first band whose bound the total reaches (empty when the file declares no grades).
pub(crate) fn grade(plan: &Plan, total: Decimal) -> &str {
    plan.grades.iter().find(|g| g.min.is_none_or(|m| total >= m)).map_or("", |g| g.name.as_str())
}

impl Report {
    /// The report as compact JSON, with every decimal written as an exact
    /// JSON number: the same text as `serde_json::to_string(&report)`.
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(1024);
        self.write_json(&mut out);
        // Every piece written is UTF-8 (strings as given, ASCII around them).
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends the report as compact JSON to `out`: the same bytes as
    /// [`Report::to_json`] and `serde_json::to_string(&report)`, written
    /// straight into the buffer (the batch writers' hot path).
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"schema_version\":");
        json::push_u32(out, crate::schema::SCHEMA_VERSION);
        out.extend_from_slice(b",\"scorecard\":");
        json::push_str(out, &self.scorecard);
        out.extend_from_slice(b",\"total\":");
        json::push_decimal(out, self.total);
        out.extend_from_slice(b",\"full_marks\":");
        json::push_decimal(out, self.full_marks);
        out.extend_from_slice(b",\"grade\":");
        json::push_str(out, &self.grade);
        out.extend_from_slice(if self.disqualified {
            b",\"disqualified\":true,\"groups\":["
        } else {
            b",\"disqualified\":false,\"groups\":["
        });
        for (i, g) in self.groups.iter().enumerate() {
            item_head(out, i == 0, &g.path, &g.name, g.points);
            out.extend_from_slice(b",\"score\":");
            json::push_decimal(out, g.score);
            out.push(b'}');
        }
        out.extend_from_slice(b"],\"indicators\":[");
        for (i, ind) in self.indicators.iter().enumerate() {
            item_head(out, i == 0, &ind.path, &ind.name, ind.points);
            out.extend_from_slice(b",\"deduction\":");
            json::push_decimal(out, ind.deduction);
            out.extend_from_slice(b",\"score\":");
            json::push_decimal(out, ind.score);
            out.extend_from_slice(b",\"status\":\"");
            out.extend_from_slice(ind.status.as_str().as_bytes());
            out.extend_from_slice(b"\",\"fired\":[");
            for (j, f) in ind.fired.iter().enumerate() {
                out.extend_from_slice(if j == 0 { b"{\"text\":" } else { b",{\"text\":" });
                json::push_str(out, &f.text);
                out.extend_from_slice(b",\"line\":");
                json::push_u32(out, f.line);
                out.extend_from_slice(b",\"column\":");
                json::push_u32(out, f.column);
                out.extend_from_slice(b",\"span\":{\"start\":");
                json::push_u32(out, f.span.start);
                out.extend_from_slice(b",\"end\":");
                json::push_u32(out, f.span.end);
                out.extend_from_slice(b"}}");
            }
            out.extend_from_slice(b"],\"explanation\":");
            json::push_str(out, &ind.explanation);
            out.push(b'}');
        }
        out.extend_from_slice(b"]}");
    }
}

/// The fields a group and an indicator open with, as their serde form writes
/// them: `{"path":[…],"name":…,"points":…`, after a comma unless `first`.
fn item_head(out: &mut Vec<u8>, first: bool, path: &[String], name: &str, points: Decimal) {
    out.extend_from_slice(if first { b"{\"path\":" } else { b",{\"path\":" });
    json::push_strs(out, path);
    out.extend_from_slice(b",\"name\":");
    json::push_str(out, name);
    out.extend_from_slice(b",\"points\":");
    json::push_decimal(out, points);
}
