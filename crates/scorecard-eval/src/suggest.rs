//! "Did you mean …?": the one place that picks the declared name closest to a typo.
//!
//! Rule files, suites and the CLI all suggest names through [`closest`], so a
//! typo is judged the same way everywhere. Distances come from `strsim`.

/// The candidate closest to `word`, if one is close enough to be a likely typo.
///
/// Distance is counted in characters (a Chinese character is one edit), case is
/// ignored, and two swapped neighbours count as one edit. A candidate that
/// contains the word, or is contained in it (`办结` ~ `办结率`), is close. A
/// candidate is close enough when it is at most a third of the longer name
/// away (at least one edit). Ties go to the earliest candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_len = word.chars().count();
    let lower = word.to_lowercase();
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let d = strsim::osa_distance(&lower, &candidate.to_lowercase());
        let limit = (word_len.max(candidate.chars().count()) / 3).max(1);
        let contains = word_len >= 2 && (candidate.contains(word) || word.contains(candidate));
        let d = if contains { d.min(limit) } else { d };
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn typos_in_chinese_names_count_characters() {
        let names = ["年办件量", "办结率", "满意度"];
        assert_eq!(closest("年办件数", names), Some("年办件量"));
        assert_eq!(closest("年件办量", names), Some("年办件量"), "a swap is one edit");
        assert_eq!(closest("办结", names), Some("办结率"), "a shortened name is close");
        assert_eq!(closest("预算执行率", names), None);
    }

    #[test]
    fn typos_in_english_names_ignore_case() {
        assert_eq!(closest("mising", ["json", "missing"]), Some("missing"));
        assert_eq!(closest("Totl", ["total", "grade"]), Some("total"));
        assert_eq!(closest("totla", ["total", "grade"]), Some("total"));
        assert_eq!(closest("xyz", ["total", "grade"]), None);
        assert_eq!(closest("", ["abc"]), None);
    }

    #[test]
    fn ties_go_to_the_earliest_candidate() {
        assert_eq!(closest("cas", ["cat", "car"]), Some("cat"));
        assert_eq!(closest("cas", ["car", "cat"]), Some("car"));
    }
}
