//! The directory the workbench serves: every path a request names is
//! resolved inside it, and nothing outside it is ever read or written.
//!
//! A request path must be relative, without `..`, and once symlinks are
//! resolved it must still lie inside the directory. Only `*.rules` files are
//! written.

use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

/// Deepest directory level listed below the root.
const MAX_DEPTH: usize = 8;
/// Most rule files listed.
const MAX_LISTED: usize = 5_000;
/// The extension of rule files.
pub const RULES_EXTENSION: &str = "rules";

/// The served directory, canonical.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
}

/// Why a path was refused or could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathError {
    /// Absolute, with `..`, empty, or otherwise not a plain relative path.
    NotRelative,
    /// Outside the served directory once symlinks are resolved.
    Outside,
    /// Not a rule file (`*.rules`), for a write.
    NotRules,
    /// No such file.
    Missing,
    /// Larger than the limit, in bytes.
    TooLarge(u64),
    /// Any other I/O failure.
    Io(String),
}

impl Workspace {
    /// The workspace rooted at `root` (which must be a directory).
    pub fn new(root: &Path) -> io::Result<Workspace> {
        let root = root.canonicalize()?;
        if !root.is_dir() {
            return Err(io::Error::new(io::ErrorKind::NotADirectory, format!("{} is not a directory", root.display())));
        }
        Ok(Workspace { root })
    }

    /// The canonical root directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// An existing file named by a request, inside the root.
    pub fn existing(&self, rel: &str) -> Result<PathBuf, PathError> {
        let joined = self.root.join(plain_relative(rel)?);
        self.confine(&joined)
    }

    /// Where a write of `rel` goes: an existing rule file, or a new one in an existing directory.
    pub fn writable(&self, rel: &str) -> Result<PathBuf, PathError> {
        let rel = plain_relative(rel)?;
        if rel.extension().is_none_or(|e| e != RULES_EXTENSION) {
            return Err(PathError::NotRules);
        }
        let joined = self.root.join(rel);
        if fs::symlink_metadata(&joined).is_ok() {
            return self.confine(&joined);
        }
        let parent = joined.parent().ok_or(PathError::NotRelative)?;
        let name = joined.file_name().ok_or(PathError::NotRelative)?;
        Ok(self.confine(parent)?.join(name))
    }

    /// `path` with symlinks resolved, if it lies inside the root.
    pub fn confine(&self, path: &Path) -> Result<PathBuf, PathError> {
        let canonical = path.canonicalize().map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => PathError::Missing,
            _ => PathError::Io(e.to_string()),
        })?;
        if canonical.starts_with(&self.root) {
            Ok(canonical)
        } else {
            Err(PathError::Outside)
        }
    }

    /// `path` (inside the root) relative to the root, with `/` separators.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let rel = path.strip_prefix(&self.root).ok()?;
        let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        Some(parts.join("/"))
    }

    /// Every rule file below the root (bounded in depth and number), sorted.
    pub fn rule_files(&self) -> Vec<String> {
        let mut found = Vec::new();
        self.walk(&self.root, 0, &mut found);
        found.sort();
        found
    }

    fn walk(&self, dir: &Path, depth: usize, found: &mut Vec<String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            if found.len() >= MAX_LISTED {
                return;
            }
            let path = entry.path();
            let Ok(inside) = self.confine(&path) else { continue };
            if inside.is_dir() && depth < MAX_DEPTH && inside.starts_with(dir) {
                self.walk(&inside, depth.saturating_add(1), found);
            } else if inside.is_file() && path.extension().is_some_and(|e| e == RULES_EXTENSION) {
                found.extend(self.relative(&path));
            }
        }
    }
}

/// A request path as a plain relative path: no root, no prefix, no `..`.
fn plain_relative(rel: &str) -> Result<&Path, PathError> {
    let path = Path::new(rel);
    let plain = !rel.is_empty()
        && !rel.contains(['\\', '\0'])
        && path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if plain {
        Ok(path)
    } else {
        Err(PathError::NotRelative)
    }
}

/// Reads a file of at most `max` bytes.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, PathError> {
    let file = fs::File::open(path).map_err(|e| PathError::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes).map_err(|e| PathError::Io(e.to_string()))?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > max {
        return Err(PathError::TooLarge(max));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn only_plain_relative_paths_pass() {
        assert!(plain_relative("a.rules").is_ok());
        assert!(plain_relative("sub/./a.rules").is_ok());
        for bad in ["", "/etc/passwd", "../x.rules", "a/../../x", "a\\b", "a\0b"] {
            assert_eq!(plain_relative(bad), Err(PathError::NotRelative), "{bad:?}");
        }
    }
}
