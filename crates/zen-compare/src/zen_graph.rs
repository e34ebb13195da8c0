//! Path 2: seven decision tables (hit policy "first") in one JDM graph,
//! input node → 7 tables → output node, evaluated by zen-engine's
//! `DecisionEngine`-created `Decision`. The future is not `Send` (zen's
//! values are `Rc`); no I/O happens, so `pollster::block_on` drives it.

use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use zen_engine::model::DecisionContent;
use zen_engine::{Decision, DecisionEngine};
use zen_expression::variable::Variable;

/// Output field, input column expression, and (unary cell, deduction) rows;
/// a final catch-all row (empty cell) yields 0. Written the way a JDM author
/// would: a ratio/deviation column and one threshold per row, worst first.
const TABLES: [(&str, &str, &[(&str, &str)]); 7] = [
    ("cases", "cases / cases_last_year", &[("< 0.6", "8"), ("< 0.7", "6"), ("< 0.8", "5"), ("< 0.9", "3")]),
    ("staff_satisfaction", "staff_satisfaction", &[("< 70", "7"), ("< 80", "5"), ("< 90", "3")]),
    ("on_time_rate", "on_time_rate", &[("< 90", "15")]),
    ("spending", "abs(spending - 241.73) / 241.73", &[("> 0.2", "15"), ("> 0.1", "8")]),
    ("complaint_rate", "complaint_rate", &[("> 20", "8"), ("> 10", "5")]),
    ("blacklist_count", "blacklist_count", &[(">= 1", "25")]),
    ("public_satisfaction", "public_satisfaction", &[("< 70", "22"), ("< 80", "15"), ("< 90", "8")]),
];

/// The JDM graph as JSON.
pub fn jdm() -> Value {
    let mut nodes = vec![json!({"id": "input", "name": "request", "type": "inputNode", "content": {}})];
    let mut edges = Vec::new();
    for (field, column, rows) in TABLES {
        let id = format!("t_{field}");
        let mut rules: Vec<Value> = rows
            .iter()
            .enumerate()
            .map(|(i, (cell, out))| json!({"_id": format!("{id}_{i}"), "in": cell, "out": out}))
            .collect();
        rules.push(json!({"_id": format!("{id}_else"), "in": "", "out": "0"}));
        nodes.push(json!({
            "id": id, "name": field, "type": "decisionTableNode",
            "content": {
                "hitPolicy": "first",
                "inputs": [{"id": "in", "name": column, "field": column}],
                "outputs": [{"id": "out", "name": "deduction", "field": field}],
                "rules": rules,
            }
        }));
        edges.push(json!({"id": format!("e_in_{field}"), "sourceId": "input", "targetId": id}));
        edges.push(json!({"id": format!("e_{field}_out"), "sourceId": id, "targetId": "output"}));
    }
    nodes.push(json!({"id": "output", "name": "response", "type": "outputNode", "content": {}}));
    json!({"nodes": nodes, "edges": edges})
}

/// The compiled decision.
pub struct ZenGraph {
    decision: Decision,
}

impl ZenGraph {
    pub fn load() -> Result<ZenGraph, String> {
        let content: DecisionContent =
            serde_json::from_value(jdm()).map_err(|e| format!("zen JDM graph does not load: {e}"))?;
        let engine = DecisionEngine::default();
        let mut decision =
            engine.create_decision(Arc::new(content)).map_err(|e| format!("zen create_decision: {e:?}"))?;
        decision.compile();
        decision.validate().map_err(|e| format!("zen graph invalid: {e}"))?;
        Ok(ZenGraph { decision })
    }

    /// The seven deductions for one context.
    pub fn deductions(&self, ctx: Variable) -> Result<[Decimal; 7], String> {
        let resp = pollster::block_on(self.decision.evaluate(ctx)).map_err(|e| format!("zen graph evaluation: {e}"))?;
        let mut out = [Decimal::ZERO; 7];
        for (slot, (field, _, _)) in out.iter_mut().zip(TABLES) {
            let v =
                resp.result.dot(field).ok_or_else(|| format!("zen graph result has no {field}: {}", resp.result))?;
            *slot = v.as_number().ok_or_else(|| format!("zen graph {field} = {v}, not a number"))?;
        }
        Ok(out)
    }
}
