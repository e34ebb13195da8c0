//! A progress bar on stderr while a batch is scored. Shown only when stderr
//! is a terminal and stdout is not (reports printed to the screen are their
//! own progress); hidden otherwise, at no cost.

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use scorecard::Lang;

use crate::exit::note;

/// What the bar counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Bytes of a stream of known size.
    Bytes(u64),
    /// Records of a whole file.
    Records(u64),
    /// A stream of unknown size (stdin): a spinner.
    Unknown,
}

/// The progress bar, or nothing.
#[derive(Debug, Clone)]
pub struct Progress {
    bar: ProgressBar,
    lang: Lang,
}

impl Progress {
    /// A bar for a batch measured by `measure`; hidden unless it can be seen.
    pub fn new(measure: Measure, lang: Lang) -> Progress {
        if !io::stderr().is_terminal() || io::stdout().is_terminal() {
            return Progress::hidden(lang);
        }
        let (len, template) = match measure {
            Measure::Bytes(len) => (Some(len), "{elapsed_precise} {wide_bar} {bytes}/{total_bytes} {msg}"),
            Measure::Records(len) => (Some(len), "{elapsed_precise} {wide_bar} {msg}"),
            Measure::Unknown => (None, "{spinner} {elapsed_precise} {msg}"),
        };
        let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        Progress { bar, lang }
    }

    /// A bar that never draws.
    pub fn hidden(lang: Lang) -> Progress {
        Progress { bar: ProgressBar::hidden(), lang }
    }

    /// Moves the bar to `position` with `records` records written.
    pub fn update(&self, position: u64, records: u64) {
        if self.bar.is_hidden() {
            return;
        }
        self.bar.set_position(position);
        self.bar.set_message(self.lang.pick(format!("{records} 条记录"), format!("{records} records")));
    }

    /// Writes a line to stderr without tearing the bar.
    pub fn note(&self, line: &str) {
        self.bar.suspend(|| note(line));
    }

    /// Removes the bar.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
