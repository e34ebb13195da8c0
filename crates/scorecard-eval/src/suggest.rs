//! "Did you mean": the closest known name to a misspelt one.

/// The candidate closest to `word` by edit distance, if it is close enough
/// to be a likely typo (at most a third of its characters differ, and at
/// least one may); ties go to the first in sorted order.
pub(crate) fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .map(|c| (distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for ca in &a {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = first.saturating_add(1);
        }
        for (j, cb) in b.iter().enumerate() {
            let above = row.get(j.saturating_add(1)).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let cost = usize::from(ca != cb);
            let best = above.saturating_add(1).min(left.saturating_add(1)).min(diagonal.saturating_add(cost));
            diagonal = above;
            if let Some(cell) = row.get_mut(j.saturating_add(1)) {
                *cell = best;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        let keys = ["spending", "cases", "cases_last_year"];
        assert_eq!(closest("spendng", keys.into_iter()), Some("spending"));
        assert_eq!(closest("case", keys.into_iter()), Some("cases"));
        assert_eq!(closest("budget", keys.into_iter()), None);
        assert_eq!(distance("年办件量", "年办件数"), 1);
        assert_eq!(distance("cases", "case"), 1);
        assert_eq!(distance("", "abc"), 3);
    }
}
