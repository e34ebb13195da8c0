//! Compiled rule texts, kept so that scoring after a keystroke or a value
//! change compiles nothing: each text is compiled once, then reused.

use std::sync::{Arc, Mutex};

use scorecard::{CompileError, Limits, Scorecard};

/// How many distinct texts are kept (a few tabs or files at once).
const KEPT: usize = 4;

/// The result of compiling one text.
pub type Compiled = Arc<Result<Scorecard, CompileError>>;

/// The most recently compiled texts, newest last.
#[derive(Debug, Default)]
pub struct Cache {
    entries: Mutex<Vec<(Arc<str>, Compiled)>>,
}

impl Cache {
    /// The compiled `text`, from the cache or compiled now under `limits`.
    pub fn get(&self, text: &str, limits: &Limits) -> Compiled {
        if let Some(hit) = self.lookup(text) {
            return hit;
        }
        let compiled: Compiled = Arc::new(Scorecard::compile_with(text, limits));
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if entries.len() >= KEPT {
            entries.remove(0);
        }
        entries.push((Arc::from(text), compiled.clone()));
        compiled
    }

    fn lookup(&self, text: &str) -> Option<Compiled> {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let at = entries.iter().position(|(t, _)| **t == *text)?;
        let entry = entries.remove(at);
        let compiled = entry.1.clone();
        entries.push(entry);
        Some(compiled)
    }
}
