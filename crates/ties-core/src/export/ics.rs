//! A calendar of what ties knows is coming (RFC 5545 iCalendar), for any
//! calendar program: birthdays and yearly dates as all-day events that
//! repeat every year, one-off dates, reconnects falling due and your open
//! promises, each an all-day event on its day.
//!
//! Events rather than to-dos (VTODO): Google Calendar, Outlook and Apple
//! Calendar import only the events of a file and drop its to-dos; only
//! Thunderbird and Evolution show both. A reconnect or a promise whose day
//! has passed is put on the day of the export, so it is not lost in the
//! past.
//!
//! Every event has a UID made from the contact's own UID (and the date's
//! label, or the promise's item id), so importing a newer export into the
//! same calendar updates the events instead of adding them again.
//!
//! The writing (content lines folded at 75 octets on character
//! boundaries, CRLF, TEXT escaped) is the `icalendar` crate's.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use icalendar::{Calendar, Component, EventLike, Property};

use crate::config::Config;
use crate::error::Result;
use crate::occasions::{BIRTHDAY, MonthDay};
use crate::store::Store;

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub uid: String,
    /// Its day (the first one, for a yearly event).
    pub day: NaiveDate,
    pub summary: String,
    pub description: String,
    /// `FREQ=YEARLY…` for yearly events.
    pub rrule: Option<String>,
}

/// Everything to put in the calendar: yearly dates whenever they fall,
/// and one-off dates, reconnects and promises due up to `until`.
pub fn entries(store: &Store, config: &Config, until: NaiveDate) -> Result<Vec<Entry>> {
    let today = store.clock().today;
    let mut out = Vec::new();
    for row in store.calendar_rows(today, until)? {
        let Some(md) = MonthDay::parse(&row.date) else {
            continue;
        };
        let uid_of_contact = store.contact_uid(row.contact.id)?;
        let name = &row.contact.name;
        let birthday = row.label == BIRTHDAY;
        let (uid, summary) = if birthday {
            (
                format!("ties-birthday-{}", uid_part(&uid_of_contact)),
                format!("Birthday: {name}"),
            )
        } else {
            (
                format!(
                    "ties-date-{}-{}",
                    uid_part(&crate::rules::date_label_key(&row.label)),
                    uid_part(&uid_of_contact)
                ),
                format!("{name}: {}", row.label),
            )
        };
        let description = match (md.year, birthday) {
            (Some(year), true) => format!("Born {year}. Contact #{} in ties.", row.contact.id),
            (Some(year), false) if row.yearly => {
                format!("Since {year}. Contact #{} in ties.", row.contact.id)
            }
            _ => format!("Contact #{} in ties.", row.contact.id),
        };
        let (day, rrule) = if row.yearly {
            // The first year: its own, or this one when it has none.
            let year = md.year.unwrap_or_else(|| chrono::Datelike::year(&today));
            let Some(day) = md.in_year(year) else {
                continue;
            };
            // 29 February falls on the last day of February in every year.
            let rule = if md.month == 2 && md.day == 29 {
                "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
            } else {
                "FREQ=YEARLY"
            };
            (day, Some(rule.to_string()))
        } else {
            match NaiveDate::parse_from_str(&row.date, "%Y-%m-%d") {
                Ok(day) => (day, None),
                Err(_) => continue,
            }
        };
        out.push(Entry {
            uid,
            day,
            summary,
            description,
            rrule,
        });
    }
    for r in crate::review::reconnects_due_by(store, config, until)? {
        let uid = store.contact_uid(r.contact.id)?;
        let last = r
            .last_interaction
            .map(|d| format!("last interaction {d}"))
            .unwrap_or_else(|| "no interaction yet".into());
        out.push(Entry {
            uid: format!("ties-reconnect-{}", uid_part(&uid)),
            day: r.due.max(today),
            summary: format!("Reconnect with {}", r.contact.name),
            description: format!(
                "Every {} days; {last}; due {}. Contact #{} in ties.",
                r.cadence_days, r.due, r.contact.id
            ),
            rrule: None,
        });
    }
    let made_by = until - Duration::days(i64::from(config.due.promise_days));
    for p in store.my_open_promises_made_by(made_by, today)? {
        let uid = store.contact_uid(p.contact.id)?;
        out.push(Entry {
            uid: format!("ties-promise-{}-{}", p.item_id, uid_part(&uid)),
            day: crate::due::promise_due(p.since, config).max(today),
            summary: format!("Promised {}: {}", p.contact.name, p.text),
            description: format!(
                "Promised on {}; `ties done {}` marks it kept.",
                p.since, p.item_id
            ),
            rrule: None,
        });
    }
    Ok(out)
}

/// A UID part made of letters, digits, `-`, `.` and `:` only: anything else
/// written as `_` and its hex code, so two different texts never give the
/// same part.
fn uid_part(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | ':') {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

/// The calendar as text: CRLF line ends, lines folded at 75 octets, every
/// event stamped with `stamp`.
pub fn write(entries: &[Entry], stamp: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            concat!("-//ties//ties ", env!("CARGO_PKG_VERSION"), "//EN"),
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", "ties"));
    for e in entries {
        let mut event = icalendar::Event::with_uid(&format!("{}@ties", e.uid));
        event
            .timestamp(stamp)
            .starts(e.day)
            .ends(e.day + Duration::days(1))
            .summary(&e.summary)
            .description(&e.description)
            // All-day reminders do not make the user busy.
            .add_property("TRANSP", "TRANSPARENT");
        if let Some(rule) = &e.rrule {
            event.add_property("RRULE", rule);
        }
        calendar.push(event.done());
    }
    calendar.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_parts_keep_texts_apart() {
        assert_eq!(uid_part("urn:uuid:1-2"), "urn:uuid:1-2");
        assert_eq!(uid_part("a b_c"), "a_20_b_5f_c");
        assert_ne!(uid_part("name day"), uid_part("name-day"));
        assert_eq!(uid_part("ä"), "_e4_");
    }
}
