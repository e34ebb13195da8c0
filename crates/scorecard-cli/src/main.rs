//! The `scorecard` command (placeholder).

fn main() {}
