//! The log form (`l` from anywhere): date, participants picked by fuzzy
//! search (new names added on the spot), channel, minutes, network, a
//! multi-line note and give/take items, saved with Ctrl-S in one
//! transaction. Problems show next to their field.

mod check;
mod draw;
mod items;
mod participants;

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ties::Store;
use ties::model::{Channel, ContactRef, NetworkRef};

use super::OverlayOutcome;
use super::fields::{Choice, NoteField, TextField};
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Scope};
use check::Entry;
use items::ItemsField;
use participants::{ParticipantsField, Person};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Participants,
    Channel,
    Minutes,
    Network,
    Note,
    Items,
}

impl Field {
    const ALL: [Field; 7] = [
        Field::Date,
        Field::Participants,
        Field::Channel,
        Field::Minutes,
        Field::Network,
        Field::Note,
        Field::Items,
    ];

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }

    /// The next field, wrapping (Tab).
    fn next(self) -> Field {
        Field::ALL[(self.index() + 1) % Field::ALL.len()]
    }

    /// The previous field, wrapping (Shift-Tab).
    fn prev(self) -> Field {
        Field::ALL[(self.index() + Field::ALL.len() - 1) % Field::ALL.len()]
    }

    /// The field below, not wrapping (↓).
    fn below(self) -> Field {
        Field::ALL[(self.index() + 1).min(Field::ALL.len() - 1)]
    }

    /// The field above, not wrapping (↑).
    fn above(self) -> Field {
        Field::ALL[self.index().saturating_sub(1)]
    }
}

pub struct LogForm {
    today: NaiveDate,
    focus: Field,
    date: TextField,
    /// True until the date is edited: the first letter typed replaces the
    /// default "today" instead of being appended to it.
    date_is_default: bool,
    participants: ParticipantsField,
    channel: Choice<Channel>,
    minutes: TextField,
    network: Choice<Option<NetworkRef>>,
    note: NoteField,
    items: ItemsField,
    /// The contacts the form opened with, to tell a touched form.
    prefilled: Vec<i64>,
    /// Set by a refused save: from then on every problem shows.
    tried_to_save: bool,
    /// An error to show at the bottom of the form.
    message: Option<String>,
    confirming_discard: bool,
}

impl LogForm {
    pub fn new(store: &Store, prefill: Vec<ContactRef>, today: NaiveDate) -> LogForm {
        let mut message = None;
        let candidates = store.contact_candidates(None).unwrap_or_else(|error| {
            message = Some(format!("could not read the contacts: {error}"));
            Vec::new()
        });
        let networks = store.list_networks().unwrap_or_else(|error| {
            message = Some(format!("could not read the networks: {error}"));
            Vec::new()
        });
        let mut network_options = vec![(None, "none".to_string())];
        network_options.extend(networks.into_iter().map(|n| {
            let label = n.name.clone();
            (
                Some(NetworkRef {
                    id: n.id,
                    name: n.name,
                }),
                label,
            )
        }));
        let channels = Channel::ALL
            .iter()
            .map(|c| (*c, c.as_str().to_string()))
            .collect();
        let prefilled = prefill.iter().map(|c| c.id).collect();
        LogForm {
            today,
            focus: Field::Participants,
            date: TextField::new("today"),
            date_is_default: true,
            participants: ParticipantsField::new(candidates, prefill),
            channel: Choice::new(channels, &Channel::Meeting),
            minutes: TextField::digits(5),
            network: Choice::new(network_options, &None),
            note: NoteField::new(""),
            items: ItemsField::default(),
            prefilled,
            tried_to_save: false,
            message,
            confirming_discard: false,
        }
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut Store,
    ) -> OverlayOutcome {
        if self.confirming_discard {
            return super::answer_discard(&key, &mut self.confirming_discard);
        }
        self.message = None;
        match keymap.action(Scope::Form, Key::from_event(&key)) {
            Some(Action::Save) => return self.save(store),
            Some(Action::Cancel) => return self.cancel(),
            Some(Action::NextField) => {
                self.focus = self.focus.next();
                return OverlayOutcome::Stay;
            }
            Some(Action::PrevField) => {
                self.focus = self.focus.prev();
                return OverlayOutcome::Stay;
            }
            _ => {}
        }
        if !self.field_key(&key) {
            match key.code {
                KeyCode::Up => self.focus = self.focus.above(),
                KeyCode::Down | KeyCode::Enter => self.focus = self.focus.below(),
                _ => {}
            }
        }
        OverlayOutcome::Stay
    }

    /// Gives `key` to the focused field; false when the field does not use it.
    fn field_key(&mut self, key: &KeyEvent) -> bool {
        match self.focus {
            Field::Date => {
                if self.date_is_default && matches!(key.code, KeyCode::Char(_)) {
                    self.date.clear();
                }
                let used = self.date.handle_key(key);
                self.date_is_default &= !used;
                used
            }
            Field::Participants => self.participants.handle_key(key),
            Field::Channel => self.channel.handle_key(key),
            Field::Minutes => self.minutes.handle_key(key),
            Field::Network => self.network.handle_key(key),
            Field::Note => self.note.handle_key(key),
            Field::Items => self.items.handle_key(key, &self.participants.chips),
        }
    }

    pub fn paste(&mut self, text: &str) {
        if self.confirming_discard {
            return;
        }
        match self.focus {
            Field::Date => {
                if self.date_is_default {
                    self.date.clear();
                    self.date_is_default = false;
                }
                self.date.paste(text);
            }
            Field::Participants => self.participants.paste(text),
            Field::Minutes => self.minutes.paste(text),
            Field::Note => self.note.paste(text),
            Field::Items => self.items.paste(text),
            Field::Channel | Field::Network => {}
        }
    }

    /// Esc: closes the dropdown first; then closes an untouched form, or
    /// asks before throwing a filled one away.
    fn cancel(&mut self) -> OverlayOutcome {
        if self.focus == Field::Participants && self.participants.dropdown_open() {
            self.participants.clear_query();
            return OverlayOutcome::Stay;
        }
        if self.is_touched() {
            self.confirming_discard = true;
            OverlayOutcome::Stay
        } else {
            OverlayOutcome::Close
        }
    }

    /// Whether anything differs from how the form opened.
    fn is_touched(&self) -> bool {
        let chosen: Vec<Option<i64>> = self
            .participants
            .chips
            .iter()
            .map(|chip| match &chip.person {
                Person::Stored(contact) => Some(contact.id),
                Person::New(_) => None,
            })
            .collect();
        let prefilled: Vec<Option<i64>> = self.prefilled.iter().map(|id| Some(*id)).collect();
        self.date.value().trim() != "today"
            || chosen != prefilled
            || !self.participants.query.is_blank()
            || *self.channel.value() != Channel::Meeting
            || !self.minutes.is_blank()
            || self.network.index() != 0
            || !self.note.is_blank()
            || !self.items.rows.is_empty()
    }

    fn entry(&self) -> Entry<'_> {
        Entry {
            date_text: self.date.value(),
            today: self.today,
            chips: &self.participants.chips,
            channel: *self.channel.value(),
            minutes_text: self.minutes.value(),
            network: self.network.value().as_ref(),
            note: self.note.text(),
            rows: &self.items.rows,
        }
    }

    /// Ctrl-S: writes the new people and the interaction in one
    /// transaction, or marks what stands in the way and writes nothing.
    fn save(&mut self, store: &mut Store) -> OverlayOutcome {
        let entry = self.entry();
        let Some((new_people, interaction)) = check::build(&entry) else {
            let count = check::problems(&entry).count();
            self.tried_to_save = true;
            self.message = Some(match count {
                1 => "One field needs attention before saving".to_string(),
                n => format!("{n} fields need attention before saving"),
            });
            return OverlayOutcome::Stay;
        };
        match store.log_with_new_contacts(&new_people, &interaction) {
            Ok(_) => OverlayOutcome::Done(format!(
                "Logged {} with {} on {}",
                interaction.channel,
                check::names(&self.participants.chips),
                interaction.date
            )),
            Err(error) => {
                let error = crate::tui::words::error(&error);
                self.message = Some(format!("Not saved: {error}"));
                OverlayOutcome::Failed(format!("could not log: {error}"))
            }
        }
    }
}
