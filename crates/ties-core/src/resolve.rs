//! Naming a contact (or a network) the way people do: by id, or by any part
//! of the name, ignoring case, accents and decorative punctuation (but not
//! the symbols that tell names apart: "C++" is not "C#"). An ambiguous name
//! is an error that lists the candidates; an unknown one suggests the
//! closest names.

use std::collections::HashMap;

use crate::error::{Error, Refusal, Result};
use crate::model::ContactRef;
use crate::text::fold_keeping_symbols;

/// One record that can be named. Not a `ContactRef`: it carries what naming
/// needs (the key, whether it is archived), for contacts and networks alike.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    /// `text::fold_keeping_symbols` of the name.
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
            .ok_or_else(|| not_found(what, trimmed, Vec::new()));
    }
    let key = query_key(what, trimmed)?;
    search(what, trimmed, &key, candidates)
}

/// Many names against one set of candidates (a `log` with many
/// participants): ids and exact names are looked up in a map, so naming
/// each of m participants among n contacts does not cost n·m.
pub struct Resolver {
    what: &'static str,
    candidates: Vec<Candidate>,
    by_id: HashMap<i64, usize>,
    by_key: HashMap<String, Vec<usize>>,
}

impl Resolver {
    pub fn new(what: &'static str, candidates: Vec<Candidate>) -> Self {
        let mut by_id = HashMap::with_capacity(candidates.len());
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::with_capacity(candidates.len());
        for (index, c) in candidates.iter().enumerate() {
            by_id.insert(c.id, index);
            by_key.entry(c.key.clone()).or_default().push(index);
        }
        Resolver {
            what,
            candidates,
            by_id,
            by_key,
        }
    }

    pub fn candidates(&self) -> &[Candidate] {
        &self.candidates
    }

    /// What `pick` would answer, without a scan when the query is an id or
    /// a whole name.
    pub fn pick(&self, query: &str) -> Result<&Candidate> {
        let trimmed = query.trim();
        if let Some(id) = parse_id(trimmed) {
            return self
                .by_id
                .get(&id)
                .map(|&i| &self.candidates[i])
                .ok_or_else(|| not_found(self.what, trimmed, Vec::new()));
        }
        let key = query_key(self.what, trimmed)?;
        // An exact name wins over every partial match (see `narrow`).
        if let Some(exact) = self.by_key.get(&key) {
            let exact: Vec<&Candidate> = exact.iter().map(|&i| &self.candidates[i]).collect();
            return one_of(self.what, trimmed, prefer_active(exact));
        }
        search(self.what, trimmed, &key, &self.candidates)
    }
}

fn query_key(what: &'static str, query: &str) -> Result<String> {
    let key = fold_keeping_symbols(query);
    if key.is_empty() {
        return Err(Refusal::NotAName {
            what,
            query: query.to_string(),
        }
        .into());
    }
    Ok(key)
}

fn search<'a>(
    what: &'static str,
    query: &str,
    key: &str,
    candidates: &'a [Candidate],
) -> Result<&'a Candidate> {
    let matches = matching(key, candidates);
    if matches.is_empty() {
        return Err(not_found(what, query, closest(key, candidates, 3)));
    }
    one_of(what, query, narrow(key, matches))
}

fn one_of<'a>(what: &'static str, query: &str, found: Vec<&'a Candidate>) -> Result<&'a Candidate> {
    match found.as_slice() {
        [one] => Ok(one),
        [] => Err(not_found(what, query, Vec::new())),
        many => Err(Error::Ambiguous {
            what,
            query: query.to_string(),
            candidates: many.iter().map(|c| c.reference()).collect(),
        }),
    }
}

fn not_found(what: &'static str, query: &str, suggestions: Vec<ContactRef>) -> Error {
    Error::NotFound {
        what,
        query: query.to_string(),
        suggestions,
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

/// Every candidate whose key holds each word of the query's key.
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
                key: fold_keeping_symbols(name),
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
    fn symbols_tell_names_apart() {
        let all = people(&[
            ("C# Foundation", false),
            ("C++ Foundation", false),
            ("F#", false),
        ]);
        assert_eq!(pick("contact", "C++ Foundation", &all).unwrap().id, 2);
        assert_eq!(pick("contact", "c# foundation", &all).unwrap().id, 1);
        assert!(matches!(
            pick("contact", "F+", &all),
            Err(Error::NotFound { .. })
        ));
        assert!(matches!(
            pick("contact", "foundation", &all),
            Err(Error::Ambiguous { .. })
        ));
    }

    #[test]
    fn the_resolver_answers_what_pick_answers() {
        let all = people(&[
            ("Anna", false),
            ("Annabel Lee", false),
            ("Bob Smith", true),
            ("Bob Smith", false),
            ("Jacob Kebob", false),
        ]);
        let resolver = Resolver::new("contact", all.clone());
        for query in [
            "anna",
            "Annabel",
            "bob smith",
            "bob",
            "kebob",
            "#3",
            "9",
            "zed",
            "",
            "lee",
        ] {
            let by_pick = pick("contact", query, &all)
                .map(|c| c.id)
                .map_err(|e| e.to_string());
            let by_resolver = resolver
                .pick(query)
                .map(|c| c.id)
                .map_err(|e| e.to_string());
            assert_eq!(by_pick, by_resolver, "{query}");
        }
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
