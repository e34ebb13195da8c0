//! Sure fixes for unknown names, attached where E0201 is made: write the
//! suggested name, or declare the name as an input with the unit its
//! threshold implies.

use scorecard_syntax::{Fix, Lang, Span};

use crate::units::UNITS;

/// Replace the unknown name at `at` by `suggestion`.
pub(super) fn did_you_mean(at: Span, suggestion: &str, lang: Lang) -> Fix {
    let title = match lang {
        Lang::Zh => format!("改为 `{suggestion}`"),
        Lang::En => format!("change to `{suggestion}`"),
    };
    Fix::replace(title, at, suggestion)
}

/// Declare the unknown name at `at` as an input on a new line after byte
/// `after` (the end of the last declaration), with the unit of the first
/// number after the name on its line, e.g. `满意率低于90%` → `（%）`.
pub(super) fn declare_input(src: &str, at: Span, after: u32, lang: Lang) -> Option<Fix> {
    let name = at.text(src);
    let rest = src.get(at.end as usize..)?;
    let unit = unit_after(rest.split('\n').next()?)?;
    let line_end = src.get(after as usize..)?.find('\n').map(|i| i.saturating_add(after as usize))?;
    let insert = Span::new(line_end.saturating_add(1), line_end.saturating_add(1));
    Some(match lang {
        Lang::Zh => Fix::replace(format!("声明输入 `{name}`（{unit}）"), insert, format!("输入 {name}（{unit}）\n")),
        Lang::En => {
            Fix::replace(format!("declare input `{name}` ({unit})"), insert, format!("input {name} ({unit})\n"))
        }
    })
}

/// The unit written just after the first number of `text`, if it is a known
/// unit other than points.
fn unit_after(text: &str) -> Option<&'static str> {
    let digit = text.find(|c: char| c.is_ascii_digit())?;
    let rest = text.get(digit..)?.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.').trim_start();
    let unit = UNITS
        .iter()
        .map(|u| u.symbol)
        .filter(|u| !u.is_empty() && *u != "分" && rest.starts_with(u))
        .max_by_key(|u| u.len())?;
    Some(if unit == "％" { "%" } else { unit })
}
