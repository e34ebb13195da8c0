//! A language server for scorecard rule files (`scorecard lsp`): diagnostics
//! as you type, hover readings, completion, go to definition, references,
//! rename, formatting, code actions and the indicator outline.
//!
//! [`ide`] holds the analyses, pure functions from text to data; `server`
//! moves them over the Language Server Protocol (stdio, via `lsp-server`).

pub mod ide;
mod server;

pub use server::{run_stdio, serve};
