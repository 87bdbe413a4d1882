//! Fuzzy search as you type ("kub" finds whoever knows Kubernetes, "zoe bro"
//! finds Zoë Brontë-Ōkubo), ranked best first. Built on nucleo's matcher, which
//! folds accents and ranks like fzf.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A reusable matcher: keeps its scratch memory between keystrokes.
pub struct Fuzzy {
    matcher: Matcher,
    buffer: Vec<char>,
}

impl Default for Fuzzy {
    fn default() -> Self {
        Fuzzy {
            matcher: Matcher::new(Config::DEFAULT),
            buffer: Vec::new(),
        }
    }
}

impl Fuzzy {
    /// The indices of `haystacks` that match `query`, best match first (ties
    /// keep their original order). An empty query keeps everything in order.
    pub fn rank<S: AsRef<str>>(&mut self, query: &str, haystacks: &[S]) -> Vec<usize> {
        if query.trim().is_empty() {
            return (0..haystacks.len()).collect();
        }
        let pattern = pattern(query);
        let mut scored: Vec<(u32, usize)> = haystacks
            .iter()
            .enumerate()
            .filter_map(|(index, haystack)| {
                let text = Utf32Str::new(haystack.as_ref(), &mut self.buffer);
                pattern
                    .score(text, &mut self.matcher)
                    .map(|score| (score, index))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, index)| index).collect()
    }
}

/// A filter's query as nucleo reads it: case ignored, accents matched
/// smartly. The one reading of a query, here and in `matcher`.
pub(crate) fn pattern(query: &str) -> Pattern {
    Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_accented_names_and_expertise() {
        let haystacks = [
            "Anna Järvinen climbing kubernetes",
            "Zoë Brontë-Ōkubo design",
            "Bob Smith Kasvu Oy",
        ];
        let mut fuzzy = Fuzzy::default();
        assert_eq!(fuzzy.rank("zoe bro", &haystacks), vec![1]);
        assert_eq!(fuzzy.rank("kubernetes", &haystacks), vec![0]);
        assert_eq!(fuzzy.rank("jarv", &haystacks), vec![0]);
        assert_eq!(fuzzy.rank("", &haystacks), vec![0, 1, 2]);
        assert!(fuzzy.rank("qqqq", &haystacks).is_empty());
    }
}
