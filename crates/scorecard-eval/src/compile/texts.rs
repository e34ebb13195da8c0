//! The one way the compiler turns a diagnostic's fixed texts into a
//! [`Diagnostic`] in the file's language. Each check keeps its texts as a
//! [`Texts`] constant beside it, so a reviewer reads every sentence, in both
//! languages, in one block.

use scorecard_syntax::{Code, Diagnostic, Span};

use super::Ctx;

/// What one diagnostic says in Chinese, then in English: the message, the
/// label under the span, and how to fix it. In a message given to
/// [`Ctx::error_about`] or [`Ctx::warning_about`], each `{}` stands for the
/// name the diagnostic is about.
pub(crate) struct Texts {
    pub(crate) zh: &'static str,
    pub(crate) zh_label: &'static str,
    pub(crate) zh_help: Option<&'static str>,
    pub(crate) en: &'static str,
    pub(crate) en_label: &'static str,
    pub(crate) en_help: Option<&'static str>,
}

impl Ctx<'_> {
    /// Reports `d` and gives up on what was being compiled: `return cx.fail(…)`.
    pub(crate) fn fail<T>(&mut self, d: Diagnostic) -> Option<T> {
        self.push(d);
        None
    }

    /// An error saying `texts` at `span`.
    pub(crate) fn error(&self, code: Code, span: Span, texts: &Texts) -> Diagnostic {
        self.say(Diagnostic::error, code, span, self.lang.pick(texts.zh, texts.en).to_owned(), texts)
    }

    /// An error about `name`, which stands for each `{}` in the message.
    pub(crate) fn error_about(&self, code: Code, span: Span, name: &str, texts: &Texts) -> Diagnostic {
        self.say(Diagnostic::error, code, span, self.lang.pick(texts.zh, texts.en).replace("{}", name), texts)
    }

    /// A warning about `name`, which stands for each `{}` in the message.
    pub(crate) fn warning_about(&self, code: Code, span: Span, name: &str, texts: &Texts) -> Diagnostic {
        self.say(Diagnostic::warning, code, span, self.lang.pick(texts.zh, texts.en).replace("{}", name), texts)
    }

    fn say<F>(&self, make: F, code: Code, span: Span, message: String, texts: &Texts) -> Diagnostic
    where
        F: FnOnce(Code, Span, String, &'static str) -> Diagnostic,
    {
        let d = make(code, span, message, self.lang.pick(texts.zh_label, texts.en_label));
        match self.lang.pick(texts.zh_help, texts.en_help) {
            Some(help) => d.with_help(help),
            None => d,
        }
    }
}
