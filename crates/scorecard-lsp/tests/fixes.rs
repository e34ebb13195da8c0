//! Every fix the engine offers is sure: applied, it makes its diagnostic go
//! away. Editors (code actions) and `scorecard check` rely on this, so it is
//! checked over every rule file in the repository: fixtures, seeds, examples
//! and the corpus, and over each of their lines cut short.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]
#![allow(clippy::arithmetic_side_effects)]

use scorecard_lsp::ide::{code_actions, Analysis, Fix};

/// Every `.rules` file under the repository's rule and fixture folders.
fn rule_files() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dirs = ["rules", "examples", "tests/fixtures", "crates/scorecard-cli/tests/fixtures"];
    let mut files = Vec::new();
    let mut stack: Vec<_> = dirs.iter().map(|d| root.join(d)).collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rules") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// `src` with the fix's edits applied (back to front, so offsets hold).
fn apply(src: &str, fix: &Fix) -> String {
    let mut out = src.to_owned();
    let mut edits = fix.edits.clone();
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for e in edits {
        out.replace_range(e.span.start as usize..e.span.end as usize, &e.text);
    }
    out
}

/// Where byte `at` of the old text lands after the fix.
fn moved(at: usize, fix: &Fix) -> usize {
    let shift: isize = fix
        .edits
        .iter()
        .filter(|e| (e.span.end as usize) <= at)
        .map(|e| e.text.len() as isize - (e.span.end - e.span.start) as isize)
        .sum();
    at.saturating_add_signed(shift)
}

fn line_of(src: &str, at: usize) -> usize {
    src.get(..at).unwrap_or(src).matches('\n').count()
}

/// Every fix of `src`'s diagnostics, checked; the number checked.
fn check_fixes(name: &str, src: &str) -> usize {
    let analysis = Analysis::new(src.to_owned());
    let fixes = code_actions(&analysis, 0..src.len());
    for fix in &fixes {
        let fixed = apply(src, fix);
        let after = Analysis::new(fixed.clone());
        let d = &fix.diagnostic;
        // The diagnostic is gone if none of its code is left on its line up to
        // where it ended or the fix's text ends: a later one on the line (a
        // second missing `分`) is a new finding.
        let end = fix.edits.iter().map(|e| moved(e.span.start as usize, fix) + e.text.len());
        let end = end.chain([moved(d.span.end as usize, fix)]).max().unwrap_or(0);
        let start = fixed[..moved(d.span.start as usize, fix)].rfind('\n').map_or(0, |i| i + 1);
        let same =
            after.diagnostics.iter().find(|a| a.code == d.code && (start..=end).contains(&(a.span.start as usize)));
        assert!(
            same.is_none(),
            "{name}: the fix `{}` for {} `{}` leaves {:?}\n--- fixed line:\n{}",
            fix.title,
            d.code.as_str(),
            d.message,
            same.map(|a| &a.message),
            fixed.lines().nth(line_of(&fixed, start)).unwrap_or("")
        );
    }
    fixes.len()
}

#[test]
fn every_offered_fix_removes_its_diagnostic() {
    let files = rule_files();
    assert!(files.len() > 150, "{}", files.len());
    let mut checked = 0;
    for path in &files {
        let src = std::fs::read_to_string(path).unwrap();
        checked += check_fixes(&path.display().to_string(), &src);
    }
    eprintln!("{checked} fixes checked");
    assert!(checked >= 5, "{checked}");
}

/// Lines cut short make the errors that carry fixes: `扣3` without its `分`,
/// a name cut to a misspelling, a heading line that runs on. Each line of
/// every rule file is cut before its last character and before its last `分`
/// (every cut would be too many parses).
#[test]
fn fixes_stay_sure_on_lines_cut_short() {
    let mut checked = 0;
    for path in rule_files() {
        let src = std::fs::read_to_string(&path).unwrap();
        for (i, line) in src.lines().enumerate() {
            for cut in cuts(line) {
                let mut lines: Vec<&str> = src.lines().collect();
                lines[i] = &line[..cut];
                let name = format!("{}:{} cut at {cut}", path.display(), i + 1);
                checked += check_fixes(&name, &lines.join("\n"));
            }
        }
    }
    eprintln!("{checked} fixes checked");
    assert!(checked >= 20, "{checked}");
}

/// Byte offsets to cut `line` at.
fn cuts(line: &str) -> Vec<usize> {
    let mut cuts: Vec<usize> = line.char_indices().last().map(|(i, _)| i).into_iter().collect();
    cuts.extend(line.rfind('分'));
    cuts.retain(|c| *c > 0);
    cuts.dedup();
    cuts
}
