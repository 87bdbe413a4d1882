//! What the prompts ask and what an answer writes: snooze a contact, set a
//! contact's cadence, mark the week reviewed (the review's), remove a
//! member from a network.

use chrono::{Datelike, NaiveDate};

use super::Prompt;
use crate::tui::review::day_range;
use crate::tui::widgets::cell_text;
use ties::config::Config;
use ties::dates::{Span, SpanUnit, parse_cadence};
use ties::input::optional;
use ties::model::{ContactRef, Kind, NetworkRef};
use ties::review::{self, Week};
use ties::store::ContactEdit;
use ties::{Result, Store};

pub enum Purpose {
    /// Until which of these dates to snooze.
    Snooze {
        contact: ContactRef,
        until: Vec<NaiveDate>,
    },
    /// The circle's cadence, which `none` falls back to.
    Cadence {
        contact: ContactRef,
        default_days: Option<u32>,
    },
    MarkReviewed {
        week: Week,
    },
    /// Whether to take `contact` out of `network`.
    RemoveMember {
        network: NetworkRef,
        contact: ContactRef,
    },
    /// Deleting and reopening what was logged (`fixes.rs`).
    Fix(super::fixes::Fix),
}

/// The answer as given.
pub enum Given {
    Choice(usize),
    Text(String),
    Yes,
}

/// Why an answer wrote nothing.
pub enum Refusal {
    /// The answer cannot be used; the prompt says why and stays open.
    Invalid(String),
    /// The store refused or failed.
    Failed(String),
}

/// The periods a snooze offers.
const SNOOZE_PERIODS: [(u32, SpanUnit); 5] = [
    (1, SpanUnit::Week),
    (2, SpanUnit::Week),
    (1, SpanUnit::Month),
    (3, SpanUnit::Month),
    (6, SpanUnit::Month),
];

impl Prompt {
    pub fn snooze(contact: ContactRef, today: NaiveDate) -> Prompt {
        let mut options = Vec::new();
        let mut until = Vec::new();
        for (count, unit) in SNOOZE_PERIODS {
            let span = Span { count, unit };
            let Some(date) = span.forward_from(today) else {
                continue;
            };
            let label = match (count, unit) {
                (1, SpanUnit::Week) => "1 week".to_string(),
                (n, SpanUnit::Week) => format!("{n} weeks"),
                (1, SpanUnit::Month) => "1 month".to_string(),
                (n, _) => format!("{n} months"),
            };
            options.push(format!("{label:<10} until {}", day_label(date, today)));
            until.push(date);
        }
        let question = format!(
            "Leave {} out of reconnect and balance suggestions for a while:",
            contact.name
        );
        Prompt::choice(
            "Snooze".into(),
            question,
            options,
            Purpose::Snooze { contact, until },
        )
    }

    /// Reads the contact's own cadence and its circle's, to show and prefill.
    pub fn cadence(store: &Store, config: &Config, contact: ContactRef) -> Result<Prompt> {
        let stored = store.contact(contact.id)?;
        let default_days = match (stored.kind, stored.circle) {
            (Kind::Person, Some(circle)) => config.circle_cadence(circle),
            _ => None,
        };
        let now = match (stored.cadence_days, default_days) {
            (Some(days), _) => format!("now every {days} d, its own"),
            (None, Some(days)) => format!("now every {days} d, the circle's default"),
            (None, None) => "now no reminders".to_string(),
        };
        let fallback = match default_days {
            Some(days) => format!("none: the circle's default (every {days} d)"),
            None => "none: no reminders".to_string(),
        };
        let question = format!("Reconnect with {} how often? ({now})", contact.name);
        let value = stored
            .cadence_days
            .map(|d| format!("{d}d"))
            .unwrap_or_default();
        let hint = format!("30d, 2w, 3m or 1y · {fallback}");
        Ok(Prompt::text(
            "Cadence".into(),
            question,
            value,
            hint,
            Purpose::Cadence {
                contact,
                default_days,
            },
        ))
    }

    pub fn mark_reviewed(week: Week, already: bool) -> Prompt {
        let range = day_range(week.start, week.end);
        let question = if already {
            format!(
                "Week {} ({range}) is marked reviewed. Enter marks it again; a new note replaces the old one.",
                week.iso
            )
        } else {
            format!(
                "Mark week {} ({range}) reviewed. A note for the record, if you like:",
                week.iso
            )
        };
        Prompt::text(
            format!("Review of week {}", week.iso),
            question,
            String::new(),
            "optional: what you decided, whom to see".into(),
            Purpose::MarkReviewed { week },
        )
    }
}

impl Prompt {
    /// Asks before a member leaves: the membership (with the day they
    /// joined) is not undone by joining again, so the question comes first.
    pub fn remove_member(network: NetworkRef, contact: ContactRef) -> Prompt {
        let question = format!(
            "Remove {} from {}? Their interactions stay; only the membership goes.",
            contact.name, network.name
        );
        Prompt::confirm(
            "Remove a member".into(),
            question,
            "remove",
            Purpose::RemoveMember { network, contact },
        )
    }
}

impl Purpose {
    pub fn apply(&self, given: Given, store: &mut Store) -> std::result::Result<String, Refusal> {
        let failed = |e: ties::Error| {
            Refusal::Failed(format!("could not save: {}", crate::tui::words::error(&e)))
        };
        match (self, given) {
            (Purpose::Snooze { contact, until }, Given::Choice(index)) => {
                let date = *until
                    .get(index)
                    .ok_or_else(|| Refusal::Invalid("pick a period".into()))?;
                let edit = ContactEdit {
                    snoozed_until: Some(Some(date)),
                    ..Default::default()
                };
                store.edit_contact(contact.id, &edit).map_err(failed)?;
                let today = store.clock().today;
                Ok(format!(
                    "Snoozed {} until {}",
                    cell_text(&contact.name),
                    short_date(date, today)
                ))
            }
            (
                Purpose::Cadence {
                    contact,
                    default_days,
                },
                Given::Text(text),
            ) => {
                let name = cell_text(&contact.name);
                let wanted =
                    optional(&text, parse_cadence).map_err(|e| Refusal::Invalid(e.to_string()))?;
                let Some(days) = wanted else {
                    let edit = ContactEdit {
                        cadence_days: Some(None),
                        ..Default::default()
                    };
                    store.edit_contact(contact.id, &edit).map_err(failed)?;
                    return Ok(match default_days {
                        Some(days) => {
                            format!("{name}: back to the circle's default, every {days} d")
                        }
                        None => format!("{name}: no cadence of their own, so no reminders"),
                    });
                };
                let edit = ContactEdit {
                    cadence_days: Some(Some(days)),
                    ..Default::default()
                };
                store.edit_contact(contact.id, &edit).map_err(failed)?;
                // Asking for a cadence is asking for reminders: undo a let-go.
                store.set_reminders(contact.id, true).map_err(failed)?;
                Ok(format!("{name}: reconnect every {days} d"))
            }
            (Purpose::MarkReviewed { week }, Given::Text(note)) => {
                store.mark_reviewed(week.start, &note).map_err(failed)?;
                let weeks = store.reviewed_weeks().map_err(failed)?;
                let streak = review::streak(&weeks, week.start);
                let plural = if streak == 1 { "" } else { "s" };
                Ok(format!(
                    "Week {} reviewed · streak {streak} week{plural}",
                    week.iso
                ))
            }
            (Purpose::RemoveMember { network, contact }, Given::Yes) => {
                let removed = store
                    .leave_network(network.id, &[contact.id])
                    .map_err(failed)?;
                let (name, network) = (cell_text(&contact.name), cell_text(&network.name));
                Ok(if removed == 0 {
                    format!("{name} was no longer a member of {network}")
                } else {
                    format!("Removed {name} from {network}")
                })
            }
            (Purpose::Fix(fix), given) => fix.apply(given, store),
            _ => Err(Refusal::Invalid(
                "that answer does not fit this question".into(),
            )),
        }
    }

    /// Whether the answer takes something away, so its message says how
    /// to take it back.
    pub fn undoable(&self) -> bool {
        matches!(self, Purpose::Fix(_))
    }
}

/// "10 Dec", with the year when it is not this year's.
fn short_date(date: NaiveDate, today: NaiveDate) -> String {
    if date.year() == today.year() {
        date.format("%-d %b").to_string()
    } else {
        date.format("%-d %b %Y").to_string()
    }
}

/// "Thu 10 Dec", with the year when it is not this year's.
fn day_label(date: NaiveDate, today: NaiveDate) -> String {
    format!("{} {}", date.format("%a"), short_date(date, today))
}
