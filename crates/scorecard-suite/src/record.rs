//! The JSON record of a case, built from its input table: numbers as their
//! exact decimal text, strings JSON-escaped.

use crate::suite::{Input, InputValue};

/// `{"key": value, …}` in the order written.
pub fn json(inputs: &[Input]) -> String {
    let fields: Vec<String> =
        inputs.iter().map(|input| format!("{}:{}", quote(&input.key), value(&input.value))).collect();
    format!("{{{}}}", fields.join(","))
}

/// One value as JSON.
fn value(v: &InputValue) -> String {
    match v {
        // Plain notation keeping the scale (`92.50` stays `92.50`), as a JSON number.
        InputValue::Number(n) => n.value.to_string(),
        InputValue::Text(s) => quote(s),
        InputValue::Bool(b) => b.to_string(),
        InputValue::List(items) => format!("[{}]", items.iter().map(value).collect::<Vec<_>>().join(",")),
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::Number;
    use crate::pos::Pos;

    #[test]
    fn numbers_keep_their_digits() {
        let n =
            |text: &str, value: &str| InputValue::Number(Number { text: text.into(), value: value.parse().unwrap() });
        let inputs = vec![
            Input { key: "spending".into(), value: n("2.659031e2", "265.9031"), pos: Pos::default() },
            Input { key: "rate".into(), value: n("92.50", "92.50"), pos: Pos::default() },
            Input { key: "名\"称".into(), value: InputValue::Text("92.5%".into()), pos: Pos::default() },
            Input { key: "flag".into(), value: InputValue::Bool(true), pos: Pos::default() },
        ];
        assert_eq!(json(&inputs), r#"{"spending":265.9031,"rate":92.50,"名\"称":"92.5%","flag":true}"#);
    }
}
