//! Naming a contact (or a network) the way people do, safely, since a name
//! can pick whom to delete or merge: a query names a contact when it is its
//! id or its whole name; else when it starts a word of exactly one
//! contact's name; else when it is part of exactly one contact's name. A
//! query of one or two letters must be a whole word. Case, accents and
//! decorative punctuation are ignored, but not the symbols that tell names
//! apart ("C++" is not "C#"). A query that fits several contacts is an
//! error that lists them; one that fits none suggests the closest names.

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
    /// Archived contacts are named like the others.
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
        // A whole name is looked up, not searched for.
        if let Some(exact) = self.by_key.get(&key) {
            let exact: Vec<&Candidate> = exact.iter().map(|&i| &self.candidates[i]).collect();
            return one_of(self.what, trimmed, exact);
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

/// Queries of at most this many letters must be a whole word of a name.
const SHORT_QUERY: usize = 2;

/// The tiers of `pick`, in order: the whole name, the start of a word, a
/// part of the name. The first tier anything fits in decides: one fit is
/// the answer, more are ambiguous.
fn search<'a>(
    what: &'static str,
    query: &str,
    key: &str,
    candidates: &'a [Candidate],
) -> Result<&'a Candidate> {
    let exact: Vec<&Candidate> = candidates.iter().filter(|c| c.key == key).collect();
    if !exact.is_empty() {
        return one_of(what, query, exact);
    }
    let words: Vec<&str> = key.split(' ').collect();
    let short = key.chars().filter(|c| *c != ' ').count() <= SHORT_QUERY;
    let fits = |test: WordTest| -> Vec<&'a Candidate> {
        candidates
            .iter()
            .filter(|c| {
                words
                    .iter()
                    .all(|w| c.key.split(' ').any(|part| test(part, w)))
            })
            .collect()
    };
    let starts = fits(if short { whole_word } else { word_start });
    if !starts.is_empty() {
        return one_of(what, query, starts);
    }
    if short {
        // Too short to name a contact by a part of its name: the names it
        // starts a word of are suggested instead.
        let suggestions = fits(word_start)
            .into_iter()
            .take(5)
            .map(|c| c.reference())
            .collect();
        return Err(not_found(what, query, suggestions));
    }
    let parts = matching(key, candidates);
    if !parts.is_empty() {
        return one_of(what, query, parts);
    }
    Err(not_found(what, query, closest(key, candidates, 3)))
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

/// Whether a word of a name fits a word of the query.
type WordTest = fn(&str, &str) -> bool;

fn whole_word(part: &str, word: &str) -> bool {
    part == word
}

fn word_start(part: &str, word: &str) -> bool {
    part.starts_with(word)
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

    /// Hundreds of "Kasvu …" make a line to choose from, with the count.
    #[test]
    fn a_name_of_hundreds_lists_twelve_and_counts_the_rest() {
        let names: Vec<String> = (1..=40).map(|n| format!("Kasvu {n:02} Oy")).collect();
        let pairs: Vec<(&str, bool)> = names.iter().map(|n| (n.as_str(), false)).collect();
        let message = pick("contact", "kasvu", &people(&pairs))
            .unwrap_err()
            .to_string();
        assert!(message.contains("matches 40 contacts"), "{message}");
        assert!(
            message.contains("Kasvu 12 Oy (#12) … and 28 more;"),
            "{message}"
        );
        assert!(!message.contains("Kasvu 13 Oy"), "{message}");
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
        // "bob" starts a word of two names: it names neither.
        assert!(matches!(
            pick("contact", "bob", &all),
            Err(Error::Ambiguous { candidates, .. }) if candidates.len() == 2
        ));
        assert_eq!(pick("contact", "bob s", &all).unwrap().id, 4);
        let all = people(&[("Jacob Kebob", false), ("Bobby Tables", false)]);
        assert_eq!(pick("contact", "bob", &all).unwrap().id, 2);
        // Part of exactly one name, when no word starts with it.
        assert_eq!(pick("contact", "ebo", &all).unwrap().id, 1);
    }

    #[test]
    fn archived_contacts_are_named_like_the_others() {
        let all = people(&[("Bob Smith", true), ("Bob Jones", false)]);
        assert!(matches!(
            pick("contact", "bob", &all),
            Err(Error::Ambiguous { .. })
        ));
        assert_eq!(pick("contact", "bob smith", &all).unwrap().id, 1);
    }

    /// Issue 11: `ties show o` opened Kasvu Oy and `ties log a` logged with
    /// Anna, although many names hold those letters.
    #[test]
    fn a_query_of_one_or_two_letters_must_be_a_whole_word() {
        let all = people(&[
            ("Anna Järvinen", false),
            ("Kasvu Oy", false),
            ("Bob Smith", false),
            ("Li Wei", false),
        ]);
        for query in ["o", "a", "an", "k", "sm", "ab"] {
            assert!(
                matches!(pick("contact", query, &all), Err(Error::NotFound { .. })),
                "{query}"
            );
        }
        let err = pick("contact", "o", &all).unwrap_err().to_string();
        assert!(err.contains("Kasvu Oy (#2)"), "suggested: {err}");
        assert_eq!(pick("contact", "oy", &all).unwrap().id, 2);
        assert_eq!(pick("contact", "li", &all).unwrap().id, 4);
        assert_eq!(pick("contact", "ann", &all).unwrap().id, 1);
        assert_eq!(pick("contact", "nna", &all).unwrap().id, 1);
        let resolver = Resolver::new("contact", all.clone());
        for query in ["o", "oy", "an", "ann", "nna", "li"] {
            assert_eq!(
                resolver
                    .pick(query)
                    .map(|c| c.id)
                    .map_err(|e| e.to_string()),
                pick("contact", query, &all)
                    .map(|c| c.id)
                    .map_err(|e| e.to_string()),
                "{query}"
            );
        }
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
