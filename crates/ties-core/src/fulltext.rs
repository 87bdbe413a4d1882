//! Full-text search over everything written: contacts' names, nicknames,
//! notes, how you met, tags and expertise, and the notes of interactions
//! and items. The store keeps an SQLite FTS5 index of it (see
//! migrations/0005_dates_search.sql); this module turns what a user types
//! into a query, and the index's marked snippets into text and offsets.
//!
//! Every word typed must match the start of a word (`kub` finds
//! "Kubernetes"), case and accents ignored (`jarvinen` finds "Järvinen").
//! What is typed is never FTS5 syntax: each word is quoted, so `"`, `-`,
//! `AND` or `*` are only text.

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::{Error, Field, Result};
use crate::model::ContactRef;

/// The marks the index puts around each hit of a snippet: control
/// characters the indexed text never holds (the index leaves them out).
pub const HIT_START: char = '\u{2}';
pub const HIT_END: char = '\u{3}';

/// What a search text must hold, in words.
pub const SEARCH_ACCEPTED: &str = "a word or more to look for, like kubernetes";

/// The FTS5 query for what the user typed: each word a quoted prefix, all
/// of them required. Refused when nothing in it can be looked for.
pub fn query(text: &str) -> Result<String> {
    let terms: Vec<String> = text
        .split_whitespace()
        .filter(|word| word.chars().any(char::is_alphanumeric))
        .map(|word| format!("\"{}\"*", word.replace('"', "\"\"")))
        .collect();
    if terms.is_empty() {
        return Err(Error::invalid(
            Field::SearchText,
            text.trim(),
            SEARCH_ACCEPTED,
        ));
    }
    Ok(terms.join(" "))
}

/// Where a hit was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    Contact,
    Interaction,
    Item,
}

/// A stretch of a snippet that matched, in characters (Unicode scalar
/// values) from the snippet's start; `end` is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Highlight {
    pub start: usize,
    pub end: usize,
}

/// One search result: what was found, whose it is, its date, and a
/// snippet of the text with the hits marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub kind: HitKind,
    /// The contact; an interaction's participants; an item's counterparty.
    pub contacts: Vec<ContactRef>,
    pub interaction_id: Option<i64>,
    pub item_id: Option<i64>,
    /// An interaction's or item's day; for a contact, the day it was last
    /// changed.
    pub date: Option<NaiveDate>,
    /// The field the snippet is from: name, nickname, note, met_how, tags
    /// or expertise.
    pub field: &'static str,
    /// The text around the hits, `…` where it was cut.
    pub snippet: String,
    pub highlights: Vec<Highlight>,
}

impl Hit {
    /// The snippet with each hit between `open` and `close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.snippet.len() + 8);
        let mut next = self.highlights.iter().peekable();
        for (index, c) in self.snippet.chars().enumerate() {
            if let Some(h) = next.peek()
                && h.start == index
            {
                out.push_str(open);
            }
            out.push(c);
            if let Some(h) = next.peek()
                && h.end == index + 1
            {
                out.push_str(close);
                next.next();
            }
        }
        out
    }
}

/// A marked snippet from the index as plain text and its highlights.
pub fn unmark(marked: &str) -> (String, Vec<Highlight>) {
    let mut text = String::with_capacity(marked.len());
    let mut highlights = Vec::new();
    let mut count = 0;
    let mut start = None;
    for c in marked.chars() {
        match c {
            HIT_START => start = Some(count),
            HIT_END => {
                if let Some(start) = start.take()
                    && count > start
                {
                    highlights.push(Highlight { start, end: count });
                }
            }
            c => {
                text.push(c);
                count += 1;
            }
        }
    }
    (text, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_is_quoted_prefixes_never_syntax() {
        assert_eq!(query("kub").unwrap(), "\"kub\"*");
        assert_eq!(
            query(" Järvinen  climbing ").unwrap(),
            "\"Järvinen\"* \"climbing\"*"
        );
        assert_eq!(
            query("say \"hi\" AND -x").unwrap(),
            "\"say\"* \"\"\"hi\"\"\"* \"AND\"* \"-x\"*"
        );
        for empty in ["", "   ", "!!", "- *"] {
            let message = query(empty).unwrap_err().to_string();
            assert!(message.contains("a word or more"), "{empty:?}: {message}");
        }
    }

    #[test]
    fn snippets_become_text_and_character_offsets() {
        let (text, highlights) = unmark("…knows \u{2}Kübernetes\u{3} well");
        assert_eq!(text, "…knows Kübernetes well");
        assert_eq!(highlights, vec![Highlight { start: 7, end: 17 }]);
        let hit = Hit {
            kind: HitKind::Contact,
            contacts: Vec::new(),
            interaction_id: None,
            item_id: None,
            date: None,
            field: "note",
            snippet: text,
            highlights,
        };
        assert_eq!(hit.marked("[", "]"), "…knows [Kübernetes] well");
    }
}
