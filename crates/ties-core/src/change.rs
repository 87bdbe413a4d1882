//! What a change did, as data: the description every entry of the history
//! carries (`store::history`), whichever face made it. Worded here in
//! neutral words ("logged a meeting with Anna Järvinen on 2026-11-20"), for
//! the history, the message of an undo, logs and tests; a face may word it
//! its own way from the same data.
//!
//! Stored as JSON in the database: variants and fields may be added, never
//! renamed.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Field, shown_value};
use crate::model::{Channel, Circle, ContactRef, Direction, ItemKind, Kind, NetworkRef};

/// One change, as the user would say they made it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    AddedContact {
        contact: ContactRef,
        kind: Kind,
        /// An organisation made together with the person.
        #[serde(default)]
        new_org: Option<ContactRef>,
    },
    EditedContact {
        contact: ContactRef,
        fields: Vec<FieldChange>,
        #[serde(default)]
        new_org: Option<ContactRef>,
    },
    Archived {
        contact: ContactRef,
    },
    Unarchived {
        contact: ContactRef,
    },
    /// Reminders switched off ("let go") or back on.
    Reminders {
        contact: ContactRef,
        on: bool,
    },
    DeletedContact {
        contact: ContactRef,
        interactions: usize,
        items: usize,
    },
    Merged {
        kept: ContactRef,
        other: ContactRef,
    },
    Logged {
        interaction: InteractionRef,
        /// People added together with the interaction.
        #[serde(default)]
        new_contacts: Vec<ContactRef>,
    },
    EditedInteraction {
        interaction: InteractionRef,
        fields: Vec<FieldChange>,
    },
    DeletedInteraction {
        interaction: InteractionRef,
    },
    Settled {
        item: ItemRef,
    },
    Reopened {
        item: ItemRef,
    },
    EditedItem {
        item: ItemRef,
        fields: Vec<FieldChange>,
    },
    DeletedItem {
        item: ItemRef,
    },
    AddedNetwork {
        network: NetworkRef,
    },
    EditedNetwork {
        network: NetworkRef,
        fields: Vec<FieldChange>,
    },
    Joined {
        network: NetworkRef,
        contacts: Vec<ContactRef>,
    },
    Left {
        network: NetworkRef,
        contacts: Vec<ContactRef>,
    },
    Reviewed {
        week_start: NaiveDate,
    },
    /// The configured half-life changed the kept balances' basis.
    HalfLife {
        days: u32,
    },
    /// The configured circle cadences changed the kept due dates (derived
    /// figures only: no entry of the history).
    CircleCadences {
        /// Each changed circle with its cadence in days (none: no reminders).
        circles: Vec<(Circle, Option<u32>)>,
    },
    /// The review drew the week's suggestions (round 0) or more of them
    /// (bookkeeping only: no entry of the history).
    ReviewDrawn {
        week_start: NaiveDate,
        round: u32,
    },
    /// "Not this week": contacts set aside from the week's review.
    NotThisWeek {
        week_start: NaiveDate,
        contacts: Vec<ContactRef>,
    },
    Imported {
        /// "vCard", "Google CSV", "ties JSON", …
        format: String,
        files: Vec<String>,
        added: usize,
        merged: usize,
        #[serde(default)]
        interactions: usize,
    },
    Demo {
        contacts: usize,
        interactions: usize,
    },
    /// An undo: shown in the history, never undone itself.
    Undid {
        entry: i64,
        change: Box<Change>,
    },
}

/// An interaction as a change names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InteractionRef {
    pub id: i64,
    pub channel: Channel,
    pub date: NaiveDate,
    /// The first few participants, by name.
    pub with: Vec<ContactRef>,
    /// How many more participants there were.
    #[serde(default)]
    pub others: usize,
}

/// Participants named in a description; the rest are counted.
pub const NAMED_PARTICIPANTS: usize = 4;

impl InteractionRef {
    pub fn new(id: i64, channel: Channel, date: NaiveDate, participants: &[ContactRef]) -> Self {
        InteractionRef {
            id,
            channel,
            date,
            with: participants
                .iter()
                .take(NAMED_PARTICIPANTS)
                .cloned()
                .collect(),
            others: participants.len().saturating_sub(NAMED_PARTICIPANTS),
        }
    }

    fn people(&self) -> String {
        let names: Vec<&str> = self.with.iter().map(|c| c.name.as_str()).collect();
        let mut text = match names.as_slice() {
            [] => String::new(),
            [one] => one.to_string(),
            [init @ .., last] if self.others == 0 => format!("{} and {last}", init.join(", ")),
            all => all.join(", "),
        };
        if self.others > 0 {
            text.push_str(&format!(" and {} more", self.others));
        }
        text
    }
}

/// An item as a change names it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemRef {
    pub id: i64,
    pub counterparty: ContactRef,
    pub direction: Direction,
    pub kind: ItemKind,
    pub weight: u8,
    /// A promise (open, or settled from one).
    pub open: bool,
    #[serde(
        default,
        serialize_with = "crate::json_text::empty_as_null",
        deserialize_with = "crate::json_text::null_as_empty"
    )]
    pub note: String,
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = &self.counterparty.name;
        let note = if self.note.trim().is_empty() {
            self.kind.to_string().into()
        } else {
            shown_value(&self.note)
        };
        match (self.open, self.direction) {
            (true, Direction::Gave) => {
                write!(f, "item #{} (your promise to {who}: {note})", self.id)
            }
            (true, Direction::Got) => write!(f, "item #{} ({who}'s promise: {note})", self.id),
            (false, Direction::Gave) => {
                write!(
                    f,
                    "item #{} (gave {} {} to {who})",
                    self.id, self.kind, self.weight
                )
            }
            (false, Direction::Got) => {
                write!(
                    f,
                    "item #{} (got {} {} from {who})",
                    self.id, self.kind, self.weight
                )
            }
        }
    }
}

/// One field of a record, before and after. For a list (emails, tags,
/// participants…), one value added (`before` empty) or removed (`after`
/// empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: Field,
    /// Empty (`null` in JSON) when a value was added.
    #[serde(
        serialize_with = "crate::json_text::empty_as_null",
        deserialize_with = "crate::json_text::null_as_empty"
    )]
    pub before: String,
    /// Empty (`null` in JSON) when a value was removed.
    #[serde(
        serialize_with = "crate::json_text::empty_as_null",
        deserialize_with = "crate::json_text::null_as_empty"
    )]
    pub after: String,
}

impl FieldChange {
    pub fn new(field: Field, before: impl Into<String>, after: impl Into<String>) -> Self {
        FieldChange {
            field,
            before: before.into(),
            after: after.into(),
        }
    }

    /// The change of a field, or nothing when it is the same.
    pub fn of<T: PartialEq>(
        field: Field,
        before: &T,
        after: &T,
        show: impl Fn(&T) -> String,
    ) -> Option<FieldChange> {
        (before != after).then(|| FieldChange::new(field, show(before), show(after)))
    }

    /// The values added to and removed from a list, one change each.
    pub fn of_list(field: Field, before: &[String], after: &[String]) -> Vec<FieldChange> {
        let removed = before
            .iter()
            .filter(|v| !after.contains(v))
            .map(|v| FieldChange::new(field, v.clone(), ""));
        let added = after
            .iter()
            .filter(|v| !before.contains(v))
            .map(|v| FieldChange::new(field, "", v.clone()));
        removed.chain(added).collect()
    }
}

/// Fields holding a list: their changes are one value added or removed.
fn is_list(field: Field) -> bool {
    matches!(
        field,
        Field::Email
            | Field::Phone
            | Field::Url
            | Field::Address
            | Field::Tag
            | Field::Expertise
            | Field::Organisation
            | Field::ContactDate
            | Field::Participant
            | Field::Promise
    )
}

impl fmt::Display for FieldChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (before, after) = (shown_value(&self.before), shown_value(&self.after));
        let field = self.field.name();
        if self.field == Field::Item {
            return match (before.is_empty(), after.is_empty()) {
                (true, _) => write!(f, "+ {after}"),
                (_, true) => write!(f, "− {before}"),
                _ => write!(f, "{before} → {after}"),
            };
        }
        match (before.is_empty(), after.is_empty()) {
            (true, false) if is_list(self.field) => write!(f, "{field} + {after}"),
            (false, true) if is_list(self.field) => write!(f, "{field} − {before}"),
            (true, false) => write!(f, "{field} set to {after}"),
            (false, true) => write!(f, "{field} cleared (was {before})"),
            _ => write!(f, "{field} {before} → {after}"),
        }
    }
}

fn with_id(c: &ContactRef) -> String {
    format!("{} #{}", c.name, c.id)
}

fn names(contacts: &[ContactRef]) -> String {
    contacts
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn fields(list: &[FieldChange]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = list.iter().take(6).map(|c| c.to_string()).collect();
    let more = if list.len() > 6 {
        format!(" and {} more", list.len() - 6)
    } else {
        String::new()
    };
    format!(": {}{more}", shown.join(", "))
}

fn a(channel: Channel) -> &'static str {
    match channel {
        Channel::Meeting => "a meeting",
        Channel::Call => "a call",
        Channel::Message => "a message",
        Channel::Event => "an event",
        Channel::Other => "an interaction",
    }
}

fn the(interaction: &InteractionRef) -> String {
    let people = interaction.people();
    let with = if people.is_empty() {
        String::new()
    } else {
        format!(" with {people}")
    };
    format!(
        "the {} of {}{with} (#{})",
        interaction.channel, interaction.date, interaction.id
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::AddedContact {
                contact,
                kind,
                new_org,
            } => {
                write!(f, "added {kind} {}", with_id(contact))?;
                if let Some(org) = new_org {
                    write!(f, " with the new organisation {}", with_id(org))?;
                }
                Ok(())
            }
            Change::EditedContact {
                contact,
                fields: list,
                new_org,
            } => {
                write!(f, "edited {}{}", with_id(contact), fields(list))?;
                if let Some(org) = new_org {
                    write!(f, " (added the organisation {})", with_id(org))?;
                }
                Ok(())
            }
            Change::Archived { contact } => write!(f, "archived {}", with_id(contact)),
            Change::Unarchived { contact } => write!(f, "unarchived {}", with_id(contact)),
            Change::Reminders { contact, on: false } => {
                write!(f, "let go of {} (no reminders)", with_id(contact))
            }
            Change::Reminders { contact, on: true } => {
                write!(f, "turned reminders on for {}", with_id(contact))
            }
            Change::DeletedContact {
                contact,
                interactions,
                items,
            } => write!(
                f,
                "deleted {} ({}, {})",
                with_id(contact),
                plural(*interactions, "interaction", "interactions"),
                plural(*items, "item", "items")
            ),
            Change::Merged { kept, other } => {
                write!(f, "merged {} into {}", with_id(other), with_id(kept))
            }
            Change::Logged {
                interaction,
                new_contacts,
            } => {
                write!(f, "logged {}", a(interaction.channel))?;
                let people = interaction.people();
                if !people.is_empty() {
                    write!(f, " with {people}")?;
                }
                write!(f, " on {} (#{})", interaction.date, interaction.id)?;
                if !new_contacts.is_empty() {
                    write!(f, ", adding {}", names(new_contacts))?;
                }
                Ok(())
            }
            Change::EditedInteraction {
                interaction,
                fields: list,
            } => write!(f, "edited {}{}", the(interaction), fields(list)),
            Change::DeletedInteraction { interaction } => {
                write!(f, "deleted {}", the(interaction))
            }
            Change::Settled { item } => write!(f, "settled {item}"),
            Change::Reopened { item } => write!(f, "reopened {item}"),
            Change::EditedItem { item, fields: list } => {
                write!(f, "edited {item}{}", fields(list))
            }
            Change::DeletedItem { item } => write!(f, "deleted {item}"),
            Change::AddedNetwork { network } => {
                write!(f, "added the network {} #{}", network.name, network.id)
            }
            Change::EditedNetwork {
                network,
                fields: list,
            } => write!(
                f,
                "edited the network {} #{}{}",
                network.name,
                network.id,
                fields(list)
            ),
            Change::Joined { network, contacts } => {
                write!(f, "added {} to {}", names(contacts), network.name)
            }
            Change::Left { network, contacts } => {
                write!(f, "removed {} from {}", names(contacts), network.name)
            }
            Change::Reviewed { week_start } => {
                write!(f, "marked the week of {week_start} reviewed")
            }
            Change::HalfLife { days } => {
                write!(f, "changed the half-life of give and take to {days} days")
            }
            Change::CircleCadences { circles } => {
                let list: Vec<String> = circles
                    .iter()
                    .map(|(circle, days)| match days {
                        Some(days) => format!("{circle} every {days} days"),
                        None => format!("{circle} without a cadence"),
                    })
                    .collect();
                write!(f, "set the circles' cadences: {}", list.join(", "))
            }
            Change::ReviewDrawn { week_start, round } => match round {
                0 => write!(f, "drew the review of the week of {week_start}"),
                _ => write!(f, "drew more for the review of the week of {week_start}"),
            },
            Change::NotThisWeek {
                week_start,
                contacts,
            } => write!(
                f,
                "set {} aside for the week of {week_start}",
                names(contacts)
            ),
            Change::Imported {
                format,
                files,
                added,
                merged,
                interactions,
            } => {
                write!(
                    f,
                    "imported {} ({format}): {} added, {merged} merged",
                    files.join(", "),
                    plural(*added, "contact", "contacts")
                )?;
                if *interactions > 0 {
                    write!(
                        f,
                        ", {}",
                        plural(*interactions, "interaction", "interactions")
                    )?;
                }
                Ok(())
            }
            Change::Demo {
                contacts,
                interactions,
            } => write!(
                f,
                "added demo data: {}, {}",
                plural(*contacts, "contact", "contacts"),
                plural(*interactions, "interaction", "interactions")
            ),
            Change::Undid { entry, change } => write!(f, "undid #{entry}: {change}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: i64, name: &str) -> ContactRef {
        ContactRef {
            id,
            name: name.into(),
        }
    }

    #[test]
    fn changes_read_as_the_user_would_say_them() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let logged = Change::Logged {
            interaction: InteractionRef::new(
                5,
                Channel::Meeting,
                day,
                &[person(1, "Anna"), person(2, "Bob")],
            ),
            new_contacts: Vec::new(),
        };
        assert_eq!(
            logged.to_string(),
            "logged a meeting with Anna and Bob on 2026-11-20 (#5)"
        );
        let merged = Change::Merged {
            kept: person(12, "Bob Smith"),
            other: person(141, "Bob Smith"),
        };
        assert_eq!(
            merged.to_string(),
            "merged Bob Smith #141 into Bob Smith #12"
        );
        let edited = Change::EditedContact {
            contact: person(1, "Anna Järvinen"),
            fields: vec![
                FieldChange::new(Field::Circle, "work", "friend"),
                FieldChange::new(Field::Tag, "", "climbing"),
            ],
            new_org: None,
        };
        assert_eq!(
            edited.to_string(),
            "edited Anna Järvinen #1: circle work → friend, tag + climbing"
        );
        let undid = Change::Undid {
            entry: 3,
            change: Box::new(merged),
        };
        assert!(undid.to_string().starts_with("undid #3: merged"));
    }

    #[test]
    fn many_participants_are_counted_not_listed() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let people: Vec<ContactRef> = (1..=10).map(|i| person(i, &format!("P{i}"))).collect();
        let r = InteractionRef::new(1, Channel::Event, day, &people);
        assert_eq!(r.with.len(), NAMED_PARTICIPANTS);
        assert_eq!(r.people(), "P1, P2, P3, P4 and 6 more");
    }

    #[test]
    fn empty_values_are_written_null_and_older_records_with_empty_text_still_read() {
        let old = r#"{"type":"edited_contact","contact":{"id":1,"name":"Anna"},"fields":[{"field":"met_how","before":"","after":"climbing"}]}"#;
        let change: Change = serde_json::from_str(old).unwrap();
        let Change::EditedContact {
            fields, new_org, ..
        } = &change
        else {
            panic!("{change:?}")
        };
        assert_eq!(fields[0].before, "");
        assert_eq!(new_org, &None);
        let written = serde_json::to_string(&change).unwrap();
        assert!(written.contains(r#""before":null"#), "{written}");
        assert!(written.contains(r#""new_org":null"#), "{written}");
        assert_eq!(serde_json::from_str::<Change>(&written).unwrap(), change);
    }

    #[test]
    fn changes_survive_their_json() {
        let change = Change::Imported {
            format: "vCard".into(),
            files: vec!["cards.vcf".into()],
            added: 3,
            merged: 1,
            interactions: 0,
        };
        let text = serde_json::to_string(&change).unwrap();
        assert_eq!(serde_json::from_str::<Change>(&text).unwrap(), change);
    }
}
