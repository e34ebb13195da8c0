//! Finding suites: a directory stands for every `*.suite.toml` below it, a
//! rule file for the suite beside it.

use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

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
            found.extend(files_below(path, suffix).map_err(missing)?);
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

/// Every file below `dir` whose name ends with `suffix`, in path order,
/// skipping hidden directories, `target`, and links to directories (which
/// could loop; `walkdir` does not follow links unless asked).
pub(crate) fn files_below(dir: &Path, suffix: &str) -> std::io::Result<Vec<PathBuf>> {
    let skipped = |e: &DirEntry| {
        let name = e.file_name().to_string_lossy();
        e.depth() > 0 && e.file_type().is_dir() && (name.starts_with('.') || name == "target")
    };
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name().into_iter().filter_entry(|e| !skipped(e)) {
        let entry = entry?;
        if !entry.file_type().is_dir() && entry.file_name().to_string_lossy().ends_with(suffix) {
            out.push(entry.into_path());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh directory under the system's temporary directory.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("scorecard-discover-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn touch(dir: &Path, file: &str) {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "").unwrap();
    }

    #[test]
    fn a_directory_gives_its_suites_in_path_order_skipping_hidden_and_target() {
        let dir = scratch("order");
        for file in ["b.suite.toml", "a/z.suite.toml", "a.suite.toml", "a/b/c.suite.toml", "a/x.rules"] {
            touch(&dir, file);
        }
        for file in [".git/h.suite.toml", "target/t.suite.toml", "a/.hidden/h.suite.toml"] {
            touch(&dir, file);
        }
        let found: Vec<String> = find(std::slice::from_ref(&dir))
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(found, ["a/b/c.suite.toml", "a/z.suite.toml", "a.suite.toml", "b.suite.toml"]);
        assert_eq!(rule_files(std::slice::from_ref(&dir)).unwrap(), [dir.join("a/x.rules")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn links_to_directories_are_skipped_and_a_suite_named_twice_runs_once() {
        let dir = scratch("links");
        touch(&dir, "sub/a.suite.toml");
        touch(&dir, "sub/a.rules");
        std::os::unix::fs::symlink(&dir, dir.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(dir.join("sub"), dir.join("again")).unwrap();
        let paths = [dir.clone(), dir.join("sub/a.rules"), dir.join("again/a.suite.toml")];
        assert_eq!(find(&paths).unwrap(), [dir.join("sub/a.suite.toml")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_missing_path_is_reported() {
        let missing = PathBuf::from("/no/such/scorecard/dir");
        let err = find(std::slice::from_ref(&missing)).unwrap_err();
        assert_eq!(err.path, missing);
        assert!(matches!(err.reason, NotFoundReason::Missing(_)));
    }

    #[test]
    fn rule_files_map_to_the_suite_beside_them() {
        assert_eq!(suite_beside(Path::new("rules/a.en.rules")), PathBuf::from("rules/a.en.suite.toml"));
    }
}
