//! Naming a contact (or a network) the way people do: by id, or by any part
//! of the name, ignoring case and accents. An ambiguous name is an error that
//! lists the candidates; an unknown one suggests the closest names.

use crate::error::{Error, Result};
use crate::model::ContactRef;
use crate::text::fold;

/// One record that can be named.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    /// `text::fold` of the name.
    pub key: String,
    /// Archived contacts are still found, but an active match wins.
    pub archived: bool,
}

impl Candidate {
    pub fn reference(&self) -> ContactRef {
        ContactRef {
            id: self.id,
            name: self.name.clone(),
        }
    }
}

/// Picks the one candidate `query` names. `what` is "contact" or "network",
/// for messages.
pub fn pick<'a>(
    what: &'static str,
    query: &str,
    candidates: &'a [Candidate],
) -> Result<&'a Candidate> {
    let trimmed = query.trim();
    if let Some(id) = parse_id(trimmed) {
        return candidates
            .iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::NotFound {
                what,
                query: trimmed.to_string(),
                suggestions: Vec::new(),
            });
    }
    let key = fold(trimmed);
    if key.is_empty() {
        return Err(Error::rejected(format!(
            "'{trimmed}' is not a {what} name: give an id or part of a name"
        )));
    }
    let matches = matching(&key, candidates);
    match narrow(&key, matches).as_slice() {
        [one] => Ok(one),
        [] => Err(Error::NotFound {
            what,
            query: trimmed.to_string(),
            suggestions: closest(&key, candidates, 3),
        }),
        many => Err(Error::Ambiguous {
            what,
            query: trimmed.to_string(),
            candidates: many.iter().map(|c| c.reference()).collect(),
        }),
    }
}

/// `12` or `#12`.
pub fn parse_id(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('#').unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse().ok()
    } else {
        None
    }
}

/// Every candidate whose folded name holds each word of the folded query.
pub fn matching<'a>(key: &str, candidates: &'a [Candidate]) -> Vec<&'a Candidate> {
    let words: Vec<&str> = key.split(' ').collect();
    candidates
        .iter()
        .filter(|c| words.iter().all(|w| c.key.contains(w)))
        .collect()
}

/// Among several matches, prefer an exact name, then names holding every
/// word of the query as a whole word ("bob" → "Bob Smith", not "Bobby"),
/// then names where every query word starts a word ("bob" → "Bobby", not
/// "Jacob Kebob"); within a tier, active contacts win over archived ones.
fn narrow<'a>(key: &str, matches: Vec<&'a Candidate>) -> Vec<&'a Candidate> {
    if matches.len() <= 1 {
        return matches;
    }
    let exact: Vec<_> = matches.iter().copied().filter(|c| c.key == key).collect();
    if !exact.is_empty() {
        return prefer_active(exact);
    }
    let words: Vec<&str> = key.split(' ').collect();
    let tiers: [WordTest; 2] = [whole_word, word_start];
    for fits in tiers {
        let narrowed: Vec<_> = matches
            .iter()
            .copied()
            .filter(|c| {
                words
                    .iter()
                    .all(|w| c.key.split(' ').any(|part| fits(part, w)))
            })
            .collect();
        if !narrowed.is_empty() {
            return prefer_active(narrowed);
        }
    }
    prefer_active(matches)
}

/// Whether a word of a name fits a word of the query.
type WordTest = fn(&str, &str) -> bool;

fn whole_word(part: &str, word: &str) -> bool {
    part == word
}

fn word_start(part: &str, word: &str) -> bool {
    part.starts_with(word)
}

fn prefer_active(matches: Vec<&Candidate>) -> Vec<&Candidate> {
    if matches.iter().any(|c| !c.archived) {
        matches.into_iter().filter(|c| !c.archived).collect()
    } else {
        matches
    }
}

/// The names most like `key`, for "did you mean …?": compared with the whole
/// name and with each of its words, so "jarvnen" suggests "Anna Järvinen".
pub fn closest(key: &str, candidates: &[Candidate], limit: usize) -> Vec<ContactRef> {
    let mut scored: Vec<(f64, &Candidate)> = candidates
        .iter()
        .map(|c| {
            let whole = strsim::jaro_winkler(key, &c.key);
            let best_word = c
                .key
                .split(' ')
                .map(|part| strsim::jaro_winkler(key, part))
                .fold(0.0, f64::max);
            (whole.max(best_word), c)
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    scored
        .into_iter()
        .take(limit)
        .map(|(_, c)| c.reference())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(names: &[(&str, bool)]) -> Vec<Candidate> {
        names
            .iter()
            .enumerate()
            .map(|(i, (name, archived))| Candidate {
                id: i as i64 + 1,
                name: name.to_string(),
                key: fold(name),
                archived: *archived,
            })
            .collect()
    }

    #[test]
    fn finds_by_any_part_ignoring_case_and_accents() {
        let all = people(&[("Anna Järvinen", false), ("Bob Smith", false)]);
        assert_eq!(pick("contact", "jarvinen", &all).unwrap().id, 1);
        assert_eq!(pick("contact", "ANNA", &all).unwrap().id, 1);
        assert_eq!(pick("contact", "smi", &all).unwrap().id, 2);
        assert_eq!(pick("contact", "#2", &all).unwrap().id, 2);
        assert_eq!(pick("contact", "2", &all).unwrap().id, 2);
    }

    #[test]
    fn ambiguous_lists_candidates_with_ids() {
        let all = people(&[("Anna Järvinen", false), ("Anna Virtanen", false)]);
        let message = pick("contact", "anna", &all).unwrap_err().to_string();
        assert!(message.contains("Anna Järvinen (#1)"), "{message}");
        assert!(message.contains("Anna Virtanen (#2)"), "{message}");
    }

    #[test]
    fn exact_and_word_start_matches_win() {
        let all = people(&[
            ("Anna", false),
            ("Annabel Lee", false),
            ("Jacob Bobrov", false),
            ("Bob Smith", false),
        ]);
        assert_eq!(pick("contact", "anna", &all).unwrap().id, 1);
        assert_eq!(pick("contact", "bob", &all).unwrap().id, 4);
        let all = people(&[("Jacob Kebob", false), ("Bobby Tables", false)]);
        assert_eq!(pick("contact", "bob", &all).unwrap().id, 2);
    }

    #[test]
    fn active_beats_archived() {
        let all = people(&[("Bob Smith", true), ("Bob Jones", false)]);
        assert_eq!(pick("contact", "bob", &all).unwrap().id, 2);
        assert_eq!(pick("contact", "bob smith", &all).unwrap().id, 1);
    }

    #[test]
    fn unknown_suggests_closest() {
        let all = people(&[("Anna Järvinen", false), ("Bob Smith", false)]);
        let message = pick("contact", "jarvnen", &all).unwrap_err().to_string();
        assert!(
            message.contains("no contact matches 'jarvnen'"),
            "{message}"
        );
        assert!(
            message.contains("did you mean Anna Järvinen (#1)?"),
            "{message}"
        );
    }
}
