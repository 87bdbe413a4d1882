//! The week's queue: drawing suggestions from the sections by the priority
//! rule (`section.rs`), the reason of each in words, and whether a drawn
//! suggestion still stands or was acted on.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::Serialize;

use super::section::Section;
use crate::model::ContactRef;

/// One suggestion of the week.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Suggestion {
    pub section: Section,
    /// Why, in words ("56 days past a 30-day cadence").
    pub reason: String,
    pub contact: ContactRef,
    /// The promise's item, for open promises; else `null`.
    pub item_id: Option<i64>,
    /// 0 for the week's first draw, 1 for the first "more", …
    pub round: u32,
    /// The figures behind the reason.
    #[serde(flatten)]
    pub why: Why,
}

/// The figures behind a suggestion, by section.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Why {
    Promise {
        /// The item's note, named as an item names it.
        #[serde(rename = "note", serialize_with = "crate::json_text::empty_as_null")]
        text: String,
        since: NaiveDate,
        age_days: i64,
    },
    Reconnect {
        cadence_days: u32,
        overdue_days: i64,
        last_interaction: Option<NaiveDate>,
    },
    Balance {
        balance: f64,
        gave: f64,
        got: f64,
        last_interaction: Option<NaiveDate>,
    },
    Rekindle {
        last_interaction: Option<NaiveDate>,
        interactions: u32,
        weight_exchanged: u32,
    },
}

impl Why {
    /// The reason in words, neutral: what is owed or due, never blame.
    pub fn words(&self) -> String {
        match self {
            Why::Promise { text, age_days, .. } => {
                let what = if text.is_empty() {
                    "you promised something".to_string()
                } else {
                    format!("you promised: {text}")
                };
                format!("{what} ({})", days_ago(*age_days))
            }
            Why::Reconnect {
                cadence_days,
                overdue_days,
                ..
            } => match overdue_days {
                0 => format!("due today (every {cadence_days} days)"),
                d => format!("{} past a {cadence_days}-day cadence", days(*d)),
            },
            Why::Balance { balance, .. } if *balance < 0.0 => {
                format!("you received {:.1} more than you gave", -balance)
            }
            Why::Balance { balance, got, .. } => {
                format!("you gave {balance:.1} more; {got:.1} came back")
            }
            Why::Rekindle {
                last_interaction,
                interactions,
                weight_exchanged,
            } => {
                let quiet = match last_interaction {
                    Some(day) => format!("quiet since {}", day.format("%b %Y")),
                    None => "quiet".to_string(),
                };
                let met = match interactions {
                    1 => "met once".to_string(),
                    n => format!("met {n} times"),
                };
                format!("{quiet}; {met}, {weight_exchanged} points exchanged")
            }
        }
    }
}

fn days(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn days_ago(n: i64) -> String {
    match n {
        0 => "today".into(),
        n => format!("{} ago", days(n)),
    }
}

/// What became of a suggestion that left the queue.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// You met them (an interaction since the week began).
    Logged,
    /// The promise was kept.
    Settled,
    Snoozed,
    /// A new cadence was set.
    CadenceChanged,
    LetGo,
    Archived,
    /// "Not this week".
    Skipped,
    /// The reason went away otherwise (a balance evened out, a promise
    /// removed).
    Resolved,
}

impl Outcome {
    pub fn words(self) -> &'static str {
        match self {
            Outcome::Logged => "logged",
            Outcome::Settled => "settled",
            Outcome::Snoozed => "snoozed",
            Outcome::CadenceChanged => "cadence set",
            Outcome::LetGo => "let go",
            Outcome::Archived => "archived",
            Outcome::Skipped => "not this week",
            Outcome::Resolved => "no longer due",
        }
    }
}

/// A suggestion of the week that was acted on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Handled {
    #[serde(flatten)]
    pub suggestion: Suggestion,
    pub outcome: Outcome,
}

/// A section's entry a draw may pick: its contact, the promise (for open
/// promises), its own cadence (for a reconnect) and the figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub contact: ContactRef,
    pub item_id: Option<i64>,
    pub cadence: Option<u32>,
    pub why: Why,
}

/// Draws up to `size` suggestions by the priority rule: one from each
/// section in turn, in priority order, each section's best first, a
/// contact at most once (nor any in `taken`). `candidates` holds each
/// section's entries in rank order, by `Section::rank`.
pub fn draw_round(
    candidates: &[Vec<Candidate>; 5],
    taken: &HashSet<i64>,
    size: usize,
) -> Vec<(Section, Candidate)> {
    let mut taken = taken.clone();
    let mut cursors = [0usize; 5];
    let mut picks = Vec::new();
    loop {
        let mut progressed = false;
        for section in Section::PRIORITY {
            if picks.len() >= size {
                return picks;
            }
            let list = &candidates[section.rank()];
            let cursor = &mut cursors[section.rank()];
            while let Some(candidate) = list.get(*cursor) {
                *cursor += 1;
                if taken.insert(candidate.contact.id) {
                    picks.push((section, candidate.clone()));
                    progressed = true;
                    break;
                }
            }
        }
        if !progressed {
            return picks;
        }
    }
}

/// How many entries each section must offer a draw of `size`: a section
/// picks at most `size`, and fewer than `size` of its entries can have
/// been taken by the others first.
pub fn candidates_needed(size: usize) -> usize {
    size.saturating_mul(2)
}

/// The queue's presentation order: by section, in priority order, then as
/// drawn.
pub fn in_queue_order<T>(items: &mut [(u32, T)], section: impl Fn(&T) -> Section) {
    items.sort_by_key(|(position, item)| (section(item).rank(), *position));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(id: i64) -> Candidate {
        Candidate {
            contact: ContactRef {
                id,
                name: format!("#{id}"),
            },
            item_id: None,
            cadence: None,
            why: Why::Balance {
                balance: 0.0,
                gave: 0.0,
                got: 0.0,
                last_interaction: None,
            },
        }
    }

    fn lists(ids: [&[i64]; 5]) -> [Vec<Candidate>; 5] {
        ids.map(|list| list.iter().map(|&id| candidate(id)).collect())
    }

    fn drawn(picks: &[(Section, Candidate)]) -> Vec<(Section, i64)> {
        picks.iter().map(|(s, c)| (*s, c.contact.id)).collect()
    }

    #[test]
    fn turns_go_round_the_sections_in_priority_order() {
        let candidates = lists([&[1, 2, 3], &[4, 5], &[6], &[], &[7, 8]]);
        let picks = draw_round(&candidates, &HashSet::new(), 6);
        use Section::*;
        assert_eq!(
            drawn(&picks),
            [
                (OpenPromises, 1),
                (Reconnect, 4),
                (YouMayOwe, 6),
                (OneSided, 7),
                (OpenPromises, 2),
                (Reconnect, 5),
            ]
        );
    }

    #[test]
    fn a_contact_is_suggested_once_and_a_short_section_gives_its_turns_away() {
        let candidates = lists([&[1], &[1, 2], &[2, 3], &[], &[]]);
        let taken: HashSet<i64> = [3].into();
        let picks = draw_round(&candidates, &taken, 12);
        use Section::*;
        assert_eq!(drawn(&picks), [(OpenPromises, 1), (Reconnect, 2)]);
    }

    #[test]
    fn enough_candidates_for_any_overlap() {
        // Every section offers the same contacts: each section still fills
        // its share from its first `candidates_needed` entries.
        let ids: Vec<i64> = (1..=candidates_needed(5) as i64).collect();
        let candidates = lists([&ids, &ids, &ids, &ids, &ids]);
        let picks = draw_round(&candidates, &HashSet::new(), 5);
        assert_eq!(picks.len(), 5);
        let unique: HashSet<i64> = picks.iter().map(|(_, c)| c.contact.id).collect();
        assert_eq!(unique.len(), 5);
    }

    #[test]
    fn reasons_are_neutral_words() {
        let why = Why::Reconnect {
            cadence_days: 30,
            overdue_days: 56,
            last_interaction: None,
        };
        assert_eq!(why.words(), "56 days past a 30-day cadence");
        let why = Why::Balance {
            balance: -8.66,
            gave: 0.0,
            got: 8.66,
            last_interaction: None,
        };
        assert_eq!(why.words(), "you received 8.7 more than you gave");
        let why = Why::Promise {
            text: "send slides".into(),
            since: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            age_days: 86,
        };
        assert_eq!(why.words(), "you promised: send slides (86 days ago)");
    }
}
