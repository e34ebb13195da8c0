//! Suites chosen by a glob pattern relative to a crate's root, as a test
//! harness names them: `rules/**/*.suite.toml`.

use std::path::{Component, Path, PathBuf};

use globset::GlobBuilder;

use crate::discover::files_below;

/// A suite file matched by [`glob`]: read at `base/shown`, named `shown`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// The crate's root, or the ancestor of it that holds the suite (the
    /// workspace root for `../rules/…`).
    pub base: PathBuf,
    /// The suite's path from `base`, without `..`: `rules/x.suite.toml`.
    pub shown: PathBuf,
}

impl Matched {
    /// Where the file is.
    pub fn path(&self) -> PathBuf {
        self.base.join(&self.shown)
    }

    /// The suite's name in tests and snapshots: `shown` without
    /// `.suite.toml` (or `.toml`), `/`-separated: `rules/x`.
    pub fn name(&self) -> String {
        let parts: Vec<String> =
            self.shown.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        let joined = parts.join("/");
        let stem = joined.strip_suffix(crate::SUITE_SUFFIX).or_else(|| joined.strip_suffix(".toml"));
        stem.map(str::to_owned).unwrap_or(joined)
    }
}

/// Why a pattern gave no suites.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GlobError {
    /// The pattern is not a valid glob.
    Pattern {
        /// The pattern.
        pattern: String,
        /// What is wrong with it.
        detail: String,
    },
    /// No file matches (or the directory it names cannot be read).
    NoMatch {
        /// The pattern.
        pattern: String,
        /// The directory it is relative to.
        root: PathBuf,
    },
}

impl std::fmt::Display for GlobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GlobError::Pattern { pattern, detail } => write!(f, "`{pattern}` is not a valid glob pattern: {detail}"),
            GlobError::NoMatch { pattern, root } => write!(
                f,
                "no suite matches `{pattern}` below {}: the pattern is relative to the crate's root (its Cargo.toml)",
                root.display()
            ),
        }
    }
}

impl std::error::Error for GlobError {}

/// Every file below `root` matching `pattern` (`*` stays within a directory,
/// `**` crosses directories), sorted by path. Hidden directories and
/// `target` are skipped, as [`find`](crate::find) does. At least one file
/// must match.
pub fn glob(root: &Path, pattern: &str) -> Result<Vec<Matched>, GlobError> {
    let matcher = GlobBuilder::new(pattern)
        .literal_separator(true)
        .build()
        .map_err(|e| GlobError::Pattern { pattern: pattern.to_owned(), detail: e.kind().to_string() })?
        .compile_matcher();
    let no_match = || GlobError::NoMatch { pattern: pattern.to_owned(), root: root.to_path_buf() };
    let literal: PathBuf = Path::new(pattern).components().take_while(|c| !is_wild(c)).collect();
    let start = if Path::new(pattern).components().count() == literal.components().count() {
        literal.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        literal
    };
    let files = files_below(&root.join(&start), "").map_err(|_| no_match())?;
    let mut found: Vec<Matched> = files
        .iter()
        .filter_map(|file| file.strip_prefix(root).ok())
        .filter(|relative| matcher.is_match(relative))
        .map(|relative| shown_from(root, relative))
        .collect();
    found.sort_by(|a, b| a.shown.cmp(&b.shown));
    found.dedup();
    if found.is_empty() {
        return Err(no_match());
    }
    Ok(found)
}

fn is_wild(c: &Component<'_>) -> bool {
    c.as_os_str().to_string_lossy().contains(['*', '?', '[', '{'])
}

/// `../rules/x.suite.toml` from `/w/tests` is `rules/x.suite.toml` from `/w`.
fn shown_from(root: &Path, relative: &Path) -> Matched {
    let mut base = root.to_path_buf();
    let mut shown = PathBuf::new();
    for c in relative.components() {
        match c {
            Component::ParentDir if shown.as_os_str().is_empty() => {
                base = base.parent().map(Path::to_path_buf).unwrap_or(base);
            }
            Component::ParentDir => {
                shown.pop();
            }
            Component::CurDir => {}
            other => shown.push(other),
        }
    }
    Matched { base, shown }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parent_directories_move_the_base_not_the_name() {
        let m = shown_from(Path::new("/w/tests"), Path::new("../rules/corpus/R01.suite.toml"));
        assert_eq!(m.base, PathBuf::from("/w"));
        assert_eq!(m.shown, PathBuf::from("rules/corpus/R01.suite.toml"));
        assert_eq!(m.name(), "rules/corpus/R01");
        assert_eq!(m.path(), PathBuf::from("/w/rules/corpus/R01.suite.toml"));
    }

    #[test]
    fn a_bad_pattern_and_no_match_are_errors() {
        assert!(matches!(glob(Path::new("."), "rules/[x"), Err(GlobError::Pattern { .. })));
        let err = glob(Path::new("/no/such/dir"), "rules/**/*.suite.toml").unwrap_err();
        assert!(err.to_string().starts_with("no suite matches `rules/**/*.suite.toml` below /no/such/dir"), "{err}");
    }
}
