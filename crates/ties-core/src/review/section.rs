//! The sections a week's suggestions are drawn from, in the order of the
//! priority rule, and what makes a dormant tie worth rekindling.
//!
//! The priority rule: the draw takes one suggestion from each section in
//! turn, in `Section::PRIORITY` order (each section's best first, by its
//! own ranking), until the queue holds `review.queue` suggestions; a
//! section that runs out gives its turns to the others, and a contact is
//! suggested once a week, for the first section that reaches it. So a full
//! week of 12 holds about as many of each kind, the more pressing kinds
//! first when there is not room for all: what you promised, then ties past
//! their cadence, then what you may owe, then dormant ties, then the
//! one-sided ones.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Open promises you owe, oldest first.
    OpenPromises,
    /// Ties past their cadence, the latest relative to it first.
    Reconnect,
    /// Ties where you received clearly more, the largest balance first.
    YouMayOwe,
    // UpcomingDates (issue 14): birthdays and other dates of the next 14
    // days belong here, after what you may owe and before the dormant ties
    // (a date will not wait, a dormant tie will). Adding it means a variant,
    // its place in PRIORITY, its name, its candidates in `current.rs` and
    // `history.rs`, and its rule in `queue::still_stands`.
    /// Dormant ties with a substantial past, the richest past first.
    Rekindle,
    /// Ties where you gave clearly more and little came back.
    OneSided,
}

impl Section {
    /// The priority rule's order (see the module's documentation).
    pub const PRIORITY: [Section; 5] = [
        Section::OpenPromises,
        Section::Reconnect,
        Section::YouMayOwe,
        Section::Rekindle,
        Section::OneSided,
    ];

    /// The name in JSON, the same as the section's list.
    pub fn name(self) -> &'static str {
        match self {
            Section::OpenPromises => "open_promises",
            Section::Reconnect => "reconnect",
            Section::YouMayOwe => "you_may_owe",
            Section::Rekindle => "rekindle",
            Section::OneSided => "one_sided",
        }
    }

    pub fn from_name(name: &str) -> Option<Section> {
        Section::PRIORITY.into_iter().find(|s| s.name() == name)
    }

    /// Its place in the priority rule.
    pub fn rank(self) -> usize {
        Section::PRIORITY
            .iter()
            .position(|s| *s == self)
            .unwrap_or(usize::MAX)
    }
}

/// A dormant tie is worth rekindling when it had at least this many
/// interactions…
pub const REKINDLE_MIN_INTERACTIONS: u32 = 5;
/// …or this much weight exchanged (done items, both directions, not
/// decayed: an old favour still counts in full as a shared past). Five
/// meetings, or two or three real favours each way, make a tie one would
/// pick up again; fewer is an acquaintance that faded. The store's partial
/// index (migrations/0008_review.sql) holds the same two numbers.
pub const REKINDLE_MIN_WEIGHT: u32 = 10;

/// Whether a past is substantial enough to rekindle.
pub fn has_substantial_past(interactions: u32, weight_exchanged: u32) -> bool {
    interactions >= REKINDLE_MIN_INTERACTIONS || weight_exchanged >= REKINDLE_MIN_WEIGHT
}

/// What rekindle ranks by: interactions plus weight exchanged.
pub fn past(interactions: u32, weight_exchanged: u32) -> u32 {
    interactions + weight_exchanged
}

/// The true number of entries of every section, whatever a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub logged: usize,
    pub open_promises: usize,
    pub reconnect: usize,
    pub you_may_owe: usize,
    pub rekindle: usize,
    pub one_sided: usize,
    pub networks: usize,
    /// Birthdays and other dates of the next 14 days.
    pub dates: usize,
}

impl Totals {
    pub fn of(&self, section: Section) -> usize {
        match section {
            Section::OpenPromises => self.open_promises,
            Section::Reconnect => self.reconnect,
            Section::YouMayOwe => self.you_may_owe,
            Section::Rekindle => self.rekindle,
            Section::OneSided => self.one_sided,
        }
    }
}
