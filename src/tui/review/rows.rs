//! The review screen as rows: a heading per part with its count, under it
//! the week's suggestions of that part, or (once the part is opened in
//! place) its whole list. Rows point into the `Review` by index, so
//! building them copies nothing and costs no query.

use std::collections::HashSet;

use ties::model::ContactRef;
use ties::review::{NetworkEntry, PromiseEntry, Review, Section, Suggestion};

/// A part of the screen: one of the queue's sections, or what the week did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Queue(Section),
    /// The week's suggestions that were acted on.
    Handled,
    ThisWeek,
    /// Birthdays and other dates of the next 14 days.
    Dates,
    Networks,
}

impl Part {
    /// In screen order: the queue's sections by the priority rule, then
    /// what the week did, then the networks; once the week is reviewed,
    /// what it did comes first.
    pub fn in_order(reviewed: bool) -> Vec<Part> {
        let queue = Section::PRIORITY.into_iter().map(Part::Queue);
        let did = [Part::Handled, Part::ThisWeek];
        let mut parts: Vec<Part> = if reviewed {
            did.into_iter().chain(queue).collect()
        } else {
            queue.chain(did).collect()
        };
        parts.push(Part::Dates);
        parts.push(Part::Networks);
        parts
    }

    pub fn name(self) -> &'static str {
        match self {
            Part::Queue(Section::OpenPromises) => "Open promises",
            Part::Queue(Section::Reconnect) => "Reconnect",
            Part::Queue(Section::YouMayOwe) => "You may owe",
            Part::Queue(Section::Rekindle) => "Rekindle",
            Part::Queue(Section::OneSided) => "One-sided",
            Part::Handled => "Handled this week",
            Part::ThisWeek => "This week",
            Part::Dates => "Dates",
            Part::Networks => "Networks to reconsider",
        }
    }

    /// Entries of the part's whole list (as far as the screen read it).
    pub fn len(self, review: &Review) -> usize {
        match self {
            Part::Queue(Section::OpenPromises) => review.open_promises.len(),
            Part::Queue(Section::Reconnect) => review.reconnect.len(),
            Part::Queue(Section::YouMayOwe) => review.you_may_owe.len(),
            Part::Queue(Section::Rekindle) => review.rekindle.len(),
            Part::Queue(Section::OneSided) => review.one_sided.len(),
            Part::Handled => review.handled.len(),
            Part::ThisWeek => review.logged.len(),
            Part::Dates => review.dates.len(),
            Part::Networks => networks_to_reconsider(review).count(),
        }
    }

    /// The part's true total, whatever the screen read of it.
    pub fn total(self, review: &Review) -> usize {
        match self {
            Part::Queue(section) => review.totals.of(section),
            Part::Handled => review.handled.len(),
            Part::ThisWeek => review.logged_count,
            Part::Dates => review.totals.dates,
            Part::Networks => networks_to_reconsider(review).count(),
        }
    }
}

/// Networks worth a look this week: costing more than they return, or due
/// for their planned review.
pub fn networks_to_reconsider(review: &Review) -> impl Iterator<Item = &NetworkEntry> {
    review
        .networks
        .iter()
        .filter(|n| n.costs_exceed_benefits || n.review_due)
}

/// The week's open suggestions of a section, with their index in the queue.
pub fn suggestions_of(
    review: &Review,
    section: Section,
) -> impl Iterator<Item = (usize, &Suggestion)> {
    review
        .queue
        .iter()
        .enumerate()
        .filter(move |(_, s)| s.section == section)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Header(Part),
    /// The week is done (or had nothing to suggest), or reviewed: what to
    /// do now, or what was decided.
    Done,
    /// The n-th suggestion of the queue.
    Suggestion(usize),
    /// The n-th entry of a part's whole list, shown once it is opened.
    Entry(Part, usize),
}

impl Row {
    pub fn is_header(self) -> bool {
        matches!(self, Row::Header(_))
    }

    pub fn is_selectable(self) -> bool {
        !matches!(self, Row::Done)
    }

    #[cfg(test)]
    pub fn part(self, review: &Review) -> Option<Part> {
        match self {
            Row::Header(part) | Row::Entry(part, _) => Some(part),
            Row::Suggestion(n) => review.queue.get(n).map(|s| Part::Queue(s.section)),
            Row::Done => None,
        }
    }
}

/// Which parts are opened in place: the ones the user opened, and after
/// the week is marked reviewed what it did, unless the user closed it.
#[derive(Debug, Clone, Default)]
pub struct Opened {
    pub open: HashSet<Part>,
    pub closed: HashSet<Part>,
}

impl Opened {
    pub fn is_open(&self, part: Part, review: &Review) -> bool {
        let shown_when_reviewed = review.reviewed_this_week
            && matches!(part, Part::Handled | Part::ThisWeek)
            && !self.closed.contains(&part);
        self.open.contains(&part) || shown_when_reviewed
    }

    pub fn toggle(&mut self, part: Part, review: &Review) {
        if self.is_open(part, review) {
            self.open.remove(&part);
            self.closed.insert(part);
        } else {
            self.closed.remove(&part);
            self.open.insert(part);
        }
    }
}

/// What the screen shows: every part's heading, under each queue section
/// its suggestions, and the whole list of every part that is open.
pub fn rows(review: &Review, opened: &Opened) -> Vec<Row> {
    let mut rows = Vec::new();
    let done = review.queue.is_empty() && review.current;
    if done || review.reviewed_this_week {
        rows.push(Row::Done);
    }
    for part in Part::in_order(review.reviewed_this_week) {
        // Nothing handled yet: no heading to spend a line on.
        if part == Part::Handled && review.handled.is_empty() {
            continue;
        }
        rows.push(Row::Header(part));
        if opened.is_open(part, review) {
            rows.extend((0..part.len(review)).map(|i| Row::Entry(part, i)));
        } else if let Part::Queue(section) = part {
            rows.extend(suggestions_of(review, section).map(|(i, _)| Row::Suggestion(i)));
        }
    }
    rows
}

/// What a row is about, for the one-key actions.
pub enum Target<'a> {
    Contact(ContactRef),
    Promise(&'a PromiseEntry),
    /// A promise suggestion: its item and contact.
    Suggested(&'a Suggestion),
    Network(&'a NetworkEntry),
}

impl<'a> Target<'a> {
    pub fn of(review: &'a Review, row: Row) -> Option<Target<'a>> {
        Some(match row {
            Row::Header(_) | Row::Done => return None,
            Row::Suggestion(n) => {
                let s = review.queue.get(n)?;
                if s.item_id.is_some() {
                    Target::Suggested(s)
                } else {
                    Target::Contact(s.contact.clone())
                }
            }
            Row::Entry(part, n) => match part {
                Part::Queue(Section::OpenPromises) => Target::Promise(review.open_promises.get(n)?),
                Part::Queue(Section::Reconnect) => {
                    Target::Contact(review.reconnect.get(n)?.contact.clone())
                }
                Part::Queue(Section::YouMayOwe) => {
                    Target::Contact(review.you_may_owe.get(n)?.contact.clone())
                }
                Part::Queue(Section::Rekindle) => {
                    Target::Contact(review.rekindle.get(n)?.contact.clone())
                }
                Part::Queue(Section::OneSided) => {
                    Target::Contact(review.one_sided.get(n)?.contact.clone())
                }
                Part::Handled => Target::Contact(review.handled.get(n)?.suggestion.contact.clone()),
                // An interaction row stands for its first participant.
                Part::ThisWeek => {
                    Target::Contact(review.logged.get(n)?.participants.first()?.clone())
                }
                Part::Dates => Target::Contact(review.dates.get(n)?.contact.clone()),
                Part::Networks => Target::Network(networks_to_reconsider(review).nth(n)?),
            },
        })
    }

    pub fn contact(&self) -> Option<ContactRef> {
        match self {
            Target::Contact(contact) => Some(contact.clone()),
            Target::Promise(promise) => Some(promise.contact.clone()),
            Target::Suggested(s) => Some(s.contact.clone()),
            Target::Network(_) => None,
        }
    }

    /// The promise to settle: its item, and whose it is.
    pub fn promise(&self) -> Option<(i64, ContactRef, bool)> {
        match self {
            Target::Promise(p) => Some((
                p.item_id,
                p.contact.clone(),
                p.direction == ties::model::Direction::Gave,
            )),
            Target::Suggested(s) => Some((s.item_id?, s.contact.clone(), true)),
            _ => None,
        }
    }
}
