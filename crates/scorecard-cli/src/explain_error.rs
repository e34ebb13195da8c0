//! `scorecard explain-error CODE`: the long explanation of a diagnostic code.

use std::io::{self, Write};

use scorecard::{Code, Lang};

use crate::args::ExplainArgs;
use crate::exit::{note, CliError, Exit};

/// Prints the explanation of the code in `args`; an unknown code is a usage error (exit 2).
pub fn run(args: &ExplainArgs) -> Result<Exit, CliError> {
    let lang = Lang::from(args.lang);
    let Some(code) = Code::parse(&args.code) else {
        note(&unknown(&args.code, lang));
        return Ok(Exit::Usage);
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{code}: {}", kind(code, lang))?;
    writeln!(out)?;
    writeln!(out, "{}", code.explanation(lang))?;
    out.flush()?;
    Ok(Exit::Success)
}

/// `error` or `warning`, from the code's letter.
fn kind(code: Code, lang: Lang) -> &'static str {
    if code.as_str().starts_with('W') {
        lang.pick("警告", "warning")
    } else {
        lang.pick("错误", "error")
    }
}

/// The message for a code that does not exist, listing the valid ones.
fn unknown(text: &str, lang: Lang) -> String {
    let shown = crate::text::one_line(text);
    let valid: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let valid = valid.join(", ");
    lang.pick(
        format!("scorecard: 没有诊断代码 `{shown}`；可用的代码：{valid}"),
        format!("scorecard: there is no diagnostic code `{shown}`; valid codes: {valid}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_codes_list_every_valid_code() {
        let message = unknown("E9999", Lang::En);
        assert!(message.contains("`E9999`"), "{message}");
        for code in Code::ALL {
            assert!(message.contains(code.as_str()), "{code} missing: {message}");
        }
    }

    #[test]
    fn codes_starting_with_w_are_warnings() {
        assert_eq!(kind(Code::TierNeverApplies, Lang::Zh), "警告");
        assert_eq!(kind(Code::UnknownName, Lang::En), "error");
    }
}
