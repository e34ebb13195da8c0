//! The pest binding. Nothing outside this crate sees `Rule` or pest types.

#![allow(missing_docs, clippy::indexing_slicing)] // generated code

#[derive(pest_derive::Parser)]
#[grammar = "../../grammar/scorecard.pest"]
pub(crate) struct ScorecardParser;
