//! Header matching: which header texts name which inputs.
//!
//! A header cell names an input by its key (`cases`), its name (`年办件量`)
//! or its name with its unit (`年办件量（件）`, `年办件量(件)`); a header that
//! names no input keeps its text as the record key (the engine ignores it).

use std::collections::HashMap;

use scorecard::Scorecard;

/// Header texts that name an input: key, name, and name with unit.
#[derive(Debug, Default)]
pub struct Names {
    keys: HashMap<String, String>,
}

impl Names {
    /// The header texts of `card`'s inputs.
    #[must_use]
    pub fn new(card: &Scorecard) -> Self {
        let mut keys = HashMap::new();
        for input in card.inputs().filter(|i| !i.key.is_empty()) {
            let key = input.key.to_owned();
            keys.insert(input.name.to_owned(), key.clone());
            if !input.unit.is_empty() {
                keys.insert(format!("{}（{}）", input.name, input.unit), key.clone());
                keys.insert(format!("{}({})", input.name, input.unit), key.clone());
            }
            keys.insert(key.clone(), key);
        }
        Names { keys }
    }

    /// The input key a header cell names, if it names one.
    #[must_use]
    pub fn key(&self, header: &str) -> Option<&str> {
        self.keys.get(header).map(String::as_str)
    }

    /// The record key for header text `header`: the input it names, else the text itself.
    #[must_use]
    pub fn key_or_text<'a>(&'a self, header: &'a str) -> &'a str {
        self.key(header).unwrap_or(header)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_inputs_by_key_name_or_name_with_unit() {
        let src = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../rules/chenggong-2021-window-service.rules"
        ))
        .unwrap();
        let names = Names::new(&Scorecard::compile(&src).unwrap());
        assert_eq!(names.key("cases"), Some("cases"));
        assert_eq!(names.key("年办件量"), Some("cases"));
        assert_eq!(names.key("年办件量（件）"), Some("cases"));
        assert_eq!(names.key("支出金额(万元)"), Some("spending"));
        assert_eq!(names.key("年办件量（万件）"), None);
        assert_eq!(names.key_or_text("备注"), "备注");
    }
}
