//! Names in a suite checked against the rule file: indicator names and
//! paths, data error kinds, and "did you mean" suggestions.

pub(crate) use scorecard_eval::suggest::closest;
use scorecard_eval::{DataErrorKind, Status};
use scorecard_syntax::ast::{File, Item};

use crate::error::ProblemKind;

/// The data error kinds a suite may expect, as serialised in `kind`
/// (snake_case). Keep in step with `DataErrorKind`: a kind missing here is
/// refused in `error = "…"` as unknown.
pub const ERROR_KINDS: &[&str] = &[
    "json",
    "not_an_object",
    "missing",
    "wrong_type",
    "not_a_number",
    "unknown_unit",
    "incompatible_unit",
    "out_of_range",
    "negative",
    "not_a_rank",
    "too_large",
    "too_precise",
    "duplicate_key",
    "bad_baseline",
    "overflow",
    "not_a_date",
    "wrong_scorecard",
    "not_yes_no",
    "unknown_grade",
    "divide_by_zero",
    "no_band",
    "outside_grade_band",
    "assessed_outside_band",
    "not_assessed",
    "empty_list",
    "bad_reading",
    "unmapped_grade",
    "above_bound",
];

/// The statuses a suite may expect in `[case.status]`, as the JSON report writes them.
pub const STATUSES: &[&str] = &["scored", "not_applicable", "vetoed"];

/// The status as the JSON report writes it: `scored`, `not_applicable` or `vetoed`.
pub fn status_tag(status: Status) -> &'static str {
    status.as_str()
}

/// The status a tag names, if any.
pub fn status_of(tag: &str) -> Option<Status> {
    Status::ALL.iter().copied().find(|s| status_tag(*s) == tag)
}

/// The `kind` tag of a data error, exactly as `#[serde(tag = "kind")]` writes it.
pub fn error_tag(kind: &DataErrorKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::Object(map)) => match map.get("kind") {
            Some(serde_json::Value::String(tag)) => tag.clone(),
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// One indicator of the rule file: its enclosing groups and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorId {
    /// Enclosing groups, outermost first.
    pub path: Vec<String>,
    /// The indicator's name.
    pub name: String,
}

impl IndicatorId {
    /// The full path, `产出指标/数量指标/年办件量`.
    pub fn full(&self) -> String {
        let mut parts = self.path.clone();
        parts.push(self.name.clone());
        parts.join("/")
    }
}

/// The indicators of a rule file, in table order.
#[derive(Debug, Clone, Default)]
pub struct Indicators {
    all: Vec<IndicatorId>,
}

impl Indicators {
    /// The indicators of a parsed rule file.
    pub fn of(file: &File) -> Indicators {
        let mut all = Vec::new();
        collect(&file.items, &mut Vec::new(), &mut all);
        Indicators { all }
    }

    /// The indicator a suite names: a bare name, a full path
    /// (`产出指标/数量指标/年办件量`) or the end of one (`数量指标/年办件量`).
    /// Quotes `「…」` around the name are ignored.
    pub fn resolve(&self, written: &str) -> Result<IndicatorId, ProblemKind> {
        let bare = unquote(written);
        let by_name: Vec<&IndicatorId> = self.all.iter().filter(|i| i.name == bare).collect();
        let found = if by_name.is_empty() && bare.contains('/') {
            let wanted: Vec<&str> = bare.split('/').map(unquote).collect();
            self.all.iter().filter(|i| ends_with(i, &wanted)).collect()
        } else {
            by_name
        };
        match found.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(ProblemKind::UnknownIndicator { name: written.to_owned(), suggestion: self.suggest(bare) }),
            many => Err(ProblemKind::AmbiguousIndicator {
                name: written.to_owned(),
                paths: many.iter().map(|i| i.full()).collect(),
            }),
        }
    }

    fn suggest(&self, written: &str) -> Option<String> {
        let names = self.all.iter().map(|i| i.name.as_str());
        closest(written, names).map(|name| {
            let same = self.all.iter().filter(|i| i.name == name).count();
            match self.all.iter().find(|i| i.name == name) {
                Some(i) if same > 1 => i.full(),
                _ => name.to_owned(),
            }
        })
    }
}

fn collect(items: &[Item], path: &mut Vec<String>, out: &mut Vec<IndicatorId>) {
    // `if let` rather than `match`: a new kind of item is skipped, not a build error.
    for item in items {
        if let Item::Group(g) = item {
            path.push(g.name.node.clone());
            collect(&g.items, path, out);
            path.pop();
        } else if let Item::Indicator(ind) = item {
            out.push(IndicatorId { path: path.clone(), name: ind.name.node.clone() });
        }
    }
}

/// Whether the indicator's full path ends with the segments `wanted`.
fn ends_with(id: &IndicatorId, wanted: &[&str]) -> bool {
    let full: Vec<&str> = id.path.iter().map(String::as_str).chain([id.name.as_str()]).collect();
    full.ends_with(wanted)
}

/// A name without surrounding spaces and `「」` or `""` quotes.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    for (open, close) in [('「', '」'), ('"', '"'), ('“', '”')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return inner.trim();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> Indicators {
        let id = |path: &[&str], name: &str| IndicatorId {
            path: path.iter().map(|s| (*s).to_owned()).collect(),
            name: name.to_owned(),
        };
        Indicators {
            all: vec![
                id(&["产出指标", "数量指标"], "年办件量"),
                id(&["产出指标", "数量指标"], "办结率"),
                id(&["效益指标", "社会效益指标"], "办结率"),
                id(&[], "办事群众满意"),
            ],
        }
    }

    #[test]
    fn names_and_paths_resolve() {
        let ids = ids();
        assert_eq!(ids.resolve("年办件量").unwrap().full(), "产出指标/数量指标/年办件量");
        assert_eq!(ids.resolve("「年办件量」").unwrap().name, "年办件量");
        assert_eq!(ids.resolve("效益指标/社会效益指标/办结率").unwrap().path[0], "效益指标");
        assert_eq!(ids.resolve("数量指标/办结率").unwrap().path[0], "产出指标");
        assert_eq!(ids.resolve("办事群众满意").unwrap().path, Vec::<String>::new());
    }

    #[test]
    fn ambiguous_and_unknown_names_are_explained() {
        let ids = ids();
        assert_eq!(
            ids.resolve("办结率"),
            Err(ProblemKind::AmbiguousIndicator {
                name: "办结率".into(),
                paths: vec!["产出指标/数量指标/办结率".into(), "效益指标/社会效益指标/办结率".into()],
            })
        );
        assert_eq!(
            ids.resolve("年办件数"),
            Err(ProblemKind::UnknownIndicator { name: "年办件数".into(), suggestion: Some("年办件量".into()) })
        );
        assert_eq!(
            ids.resolve("办结"),
            Err(ProblemKind::UnknownIndicator {
                name: "办结".into(),
                suggestion: Some("产出指标/数量指标/办结率".into())
            })
        );
        assert!(matches!(ids.resolve("完全无关"), Err(ProblemKind::UnknownIndicator { suggestion: None, .. })));
    }

    #[test]
    fn suggestions_catch_typos_only() {
        assert_eq!(closest("mising", ERROR_KINDS.iter().copied()), Some("missing"));
        assert_eq!(closest("totl", ["total", "grade"]), Some("total"));
        assert_eq!(closest("xyz", ["total", "grade"]), None);
    }

    #[test]
    fn error_tags_are_the_serde_tags() {
        assert_eq!(error_tag(&DataErrorKind::Missing), "missing");
        assert_eq!(error_tag(&DataErrorKind::NotAnObject), "not_an_object");
        assert_eq!(error_tag(&DataErrorKind::DuplicateKey), "duplicate_key");
        assert_eq!(error_tag(&DataErrorKind::EmptyList), "empty_list");
        assert_eq!(
            error_tag(&DataErrorKind::NotAssessed { band: String::new(), low: String::new(), high: String::new() }),
            "not_assessed"
        );
        for tag in [
            "missing",
            "not_an_object",
            "duplicate_key",
            "overflow",
            "empty_list",
            "bad_reading",
            "not_assessed",
            "assessed_outside_band",
        ] {
            assert!(ERROR_KINDS.contains(&tag));
        }
    }
}
