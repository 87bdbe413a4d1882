//! What is wrong with a log form, field by field, and what a valid one
//! writes: the new people and the interaction.

use chrono::NaiveDate;
use ties::Store;
use ties::dates::{parse_date, up_to_today};
use ties::input::{MAX_MINUTES, optional, parse_minutes};
use ties::model::{Channel, Circle, Kind, NetworkRef, WEIGHT_RANGE};
use ties::store::{NewContact, NewInteraction, NewItem};

use super::items::ItemRow;
use crate::tui::overlay::fields::{Chip, Person};

/// The problems of each field; all `None` (and no row problems) when the
/// form can be saved.
#[derive(Debug, Default, PartialEq)]
pub struct Problems {
    pub date: Option<String>,
    pub participants: Option<String>,
    pub minutes: Option<String>,
    pub time: Option<String>,
    /// One entry per item row.
    pub rows: Vec<Option<String>>,
}

impl Problems {
    pub fn count(&self) -> usize {
        [&self.date, &self.participants, &self.minutes, &self.time]
            .iter()
            .filter(|p| p.is_some())
            .count()
            + self.rows.iter().filter(|p| p.is_some()).count()
    }
}

/// The date typed, or why it is not one: a date up to today.
pub fn date(text: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let date = parse_date(text, today)
        .map_err(|_| "not a date: try today, yesterday, -3d, friday or 11-20".to_string())?;
    up_to_today(date, today).map_err(|_| "in the future: log what has happened".to_string())
}

/// The minutes typed (digits only), blank for none.
pub fn minutes(text: &str) -> Result<Option<u32>, String> {
    optional(text, parse_minutes).map_err(|_| format!("at most {MAX_MINUTES} (a week)"))
}

/// The time of day typed, `HH:MM`, blank for none.
pub fn time(text: &str) -> Result<Option<String>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    ties::rules::time(text)
        .map(Some)
        .map_err(|_| "a time of day like 14:30".to_string())
}

pub fn row(row: &ItemRow, chips: &[Chip]) -> Option<String> {
    if !row
        .with
        .is_some_and(|serial| chips.iter().any(|c| c.serial == serial))
    {
        return Some("choose who: one of the participants".into());
    }
    if !WEIGHT_RANGE.contains(&row.weight) {
        return Some("weight is 1 to 5".into());
    }
    if row.flow.is_promise() && row.promise.is_blank() {
        return Some("say what was promised".into());
    }
    None
}

pub struct Entry<'a> {
    pub date_text: &'a str,
    pub today: NaiveDate,
    pub chips: &'a [Chip],
    pub channel: Channel,
    pub minutes_text: &'a str,
    pub time_text: &'a str,
    pub network: Option<&'a NetworkRef>,
    pub note: String,
    pub rows: &'a [ItemRow],
}

pub fn problems(entry: &Entry<'_>) -> Problems {
    Problems {
        date: date(entry.date_text, entry.today).err(),
        participants: entry
            .chips
            .is_empty()
            .then(|| "add at least one participant".to_string()),
        minutes: minutes(entry.minutes_text).err(),
        time: time(entry.time_text).err(),
        rows: entry.rows.iter().map(|r| row(r, entry.chips)).collect(),
    }
}

/// The new people to create and the interaction to log, with new people
/// named by `Store::pending_contact_id`. `None` while there are problems.
pub fn build(entry: &Entry<'_>) -> Option<(Vec<NewContact>, NewInteraction)> {
    if problems(entry).count() > 0 {
        return None;
    }
    let mut new_people = Vec::new();
    let mut ids: Vec<(u32, i64)> = Vec::new();
    for chip in entry.chips {
        let id = match &chip.person {
            Person::Stored(contact) => contact.id,
            Person::New(name) => {
                let mut person = NewContact::new(Kind::Person, name.clone());
                person.circle = Some(Circle::Other);
                new_people.push(person);
                Store::pending_contact_id(new_people.len() - 1)
            }
        };
        ids.push((chip.serial, id));
    }
    let id_of = |serial: u32| ids.iter().find(|(s, _)| *s == serial).map(|(_, id)| *id);
    let mut items = Vec::new();
    for row in entry.rows {
        items.push(NewItem {
            counterparty: id_of(row.with?)?,
            direction: row.flow.direction(),
            kind: if row.flow.is_promise() {
                ties::model::ItemKind::Other
            } else {
                row.kind
            },
            weight: row.weight,
            state: row.flow.state(),
            note: if row.flow.is_promise() {
                row.promise.value().trim().to_string()
            } else {
                String::new()
            },
        });
    }
    let interaction = NewInteraction {
        date: date(entry.date_text, entry.today).ok()?,
        time: time(entry.time_text).ok()?,
        channel: entry.channel,
        minutes: minutes(entry.minutes_text).ok()?,
        network: entry.network.map(|n| n.id),
        note: entry.note.trim_end().to_string(),
        participants: ids.iter().map(|(_, id)| *id).collect(),
        items,
    };
    Some((new_people, interaction))
}

/// "Anna", "Anna and Bob", "Anna, Bob and Cecilia".
pub fn names(chips: &[Chip]) -> String {
    let names: Vec<&str> = chips.iter().map(|c| c.name()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_are_natural_and_never_in_the_future() {
        let today = day("2026-11-26");
        assert_eq!(date("yesterday", today), Ok(day("2026-11-25")));
        assert!(date("2026-12-01", today).unwrap_err().contains("future"));
        assert!(date("soon", today).unwrap_err().contains("not a date"));
    }

    #[test]
    fn times_are_optional_and_of_the_day() {
        assert_eq!(time(""), Ok(None));
        assert_eq!(time("9:05"), Ok(Some("09:05".into())));
        assert!(time("25:00").is_err());
    }

    #[test]
    fn minutes_are_optional_and_at_most_a_week() {
        assert_eq!(minutes(""), Ok(None));
        assert_eq!(minutes("45"), Ok(Some(45)));
        assert!(minutes("10081").is_err());
    }
}
