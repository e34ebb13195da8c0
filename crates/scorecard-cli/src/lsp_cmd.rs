//! `scorecard lsp`: the language server over standard input and output.

use crate::exit::{note, CliError, Exit};

/// Serves until the editor exits; exit 2 if the connection breaks.
pub fn run() -> Result<Exit, CliError> {
    match scorecard_lsp::run_stdio() {
        Ok(()) => Ok(Exit::Success),
        Err(e) => {
            note(&format!("scorecard lsp: {e}"));
            Ok(Exit::Usage)
        }
    }
}
