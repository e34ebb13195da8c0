//! Finding suites: a directory stands for every `*.suite.toml` below it, a
//! rule file for the suite beside it.

use std::path::{Path, PathBuf};

/// The ending of a suite file's name.
pub const SUITE_SUFFIX: &str = ".suite.toml";

/// A path that names no suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    /// The path as given.
    pub path: PathBuf,
    /// Why nothing was found there.
    pub reason: NotFoundReason,
}

/// Why a path names no suite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotFoundReason {
    /// Nothing exists at the path (or it cannot be read).
    Missing(String),
    /// A rule file with no `<stem>.suite.toml` beside it.
    NoSuiteBeside(PathBuf),
}

/// The suites named by `paths`, in order: a directory gives every
/// `*.suite.toml` below it (sorted; hidden directories, `target` and links
/// to directories are skipped), a `x.rules` file gives `x.suite.toml` beside it, and any other
/// file is taken as a suite. Each suite appears once.
pub fn find(paths: &[PathBuf]) -> Result<Vec<PathBuf>, NotFound> {
    expand(paths, SUITE_SUFFIX, |path| {
        if path.extension().is_some_and(|e| e == "rules") {
            let suite = suite_beside(path);
            if !suite.is_file() {
                return Err(NotFound { path: path.to_owned(), reason: NotFoundReason::NoSuiteBeside(suite) });
            }
            return Ok(suite);
        }
        Ok(path.to_owned())
    })
}

/// The files named by `paths`, in order and each once: a directory gives
/// every file below it whose name ends with `suffix` (sorted), a file gives
/// what `file` makes of it.
fn expand(
    paths: &[PathBuf],
    suffix: &str,
    file: impl Fn(&Path) -> Result<PathBuf, NotFound>,
) -> Result<Vec<PathBuf>, NotFound> {
    let mut found = Vec::new();
    for path in paths {
        let missing =
            |e: std::io::Error| NotFound { path: path.clone(), reason: NotFoundReason::Missing(e.to_string()) };
        if std::fs::metadata(path).map_err(missing)?.is_dir() {
            let mut below = Vec::new();
            files_below(path, suffix, &mut below).map_err(missing)?;
            below.sort();
            found.extend(below);
        } else {
            found.push(file(path)?);
        }
    }
    // One file named twice (`a.rules ./a.rules`, or through a link) is done once.
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(std::fs::canonicalize(p).unwrap_or_else(|_| p.clone())));
    Ok(found)
}

/// `dir/x.rules` → `dir/x.suite.toml`.
pub fn suite_beside(rules: &Path) -> PathBuf {
    let stem = rules.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    rules.with_file_name(format!("{stem}{SUITE_SUFFIX}"))
}

/// The rule files named by `paths`, in order: a directory gives every
/// `*.rules` file below it (sorted; hidden directories, `target` and links
/// to directories are skipped), and a file is taken as it is. Each file appears once.
pub fn rule_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, NotFound> {
    expand(paths, ".rules", |path| Ok(path.to_owned()))
}

/// Every file below `dir` whose name ends with `suffix`, skipping hidden
/// directories, `target`, and links to directories (which could loop).
fn files_below(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        // The entry's own type: a link to a directory is not a directory here.
        if entry.file_type()?.is_dir() {
            if !name.starts_with('.') && name != "target" {
                files_below(&path, suffix, out)?;
            }
        } else if name.ends_with(suffix) {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_files_map_to_the_suite_beside_them() {
        assert_eq!(suite_beside(Path::new("rules/a.en.rules")), PathBuf::from("rules/a.en.suite.toml"));
    }
}
