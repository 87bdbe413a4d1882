//! The log form (`l` from anywhere): participants picked by fuzzy search
//! (new names added on the spot; the selected row comes prefilled), date, a
//! multi-line note, give/take items, then channel, minutes and network,
//! saved with Ctrl-S in one transaction. The fields come in the order a
//! meeting is told (who, when, what happened, what was exchanged, the
//! details), so the common entry is a few Tabs. Problems show next to their
//! field.

mod check;
mod draw;
mod edit;
mod items;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;
use ties::Store;
use ties::model::{Channel, ContactRef, NetworkRef};

use super::OverlayOutcome;
use super::fields::{
    self, Chip, Choice, Form, FormState, NoteField, ParticipantsField, Person, TextField,
};
use crate::tui::keymap::Keymap;
use check::Entry;
use items::ItemsField;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Participants,
    Date,
    Note,
    Items,
    Channel,
    Minutes,
    Network,
    Time,
}

impl Field {
    const ALL: [Field; 8] = [
        Field::Participants,
        Field::Date,
        Field::Note,
        Field::Items,
        Field::Channel,
        Field::Minutes,
        Field::Network,
        Field::Time,
    ];
}

pub struct LogForm {
    today: NaiveDate,
    state: FormState<Field>,
    date: TextField,
    participants: ParticipantsField,
    channel: Choice<Channel>,
    minutes: TextField,
    /// The time of day, `HH:MM`, when it matters (last: rarely wanted).
    time: TextField,
    network: Choice<Option<NetworkRef>>,
    note: NoteField,
    items: ItemsField,
    /// The contacts the form opened with (the selected row): shown as a
    /// prefill, and removing them is no change to discard.
    prefilled: Vec<i64>,
    /// The interaction the form changes, when it edits one (`edit.rs`).
    editing: Option<edit::Editing>,
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
        let mut state = FormState::new(Field::Participants);
        state.message = message;
        LogForm {
            today,
            state,
            date: TextField::new("today"),
            participants: ParticipantsField::new(candidates, prefill),
            channel: Choice::new(channels, &Channel::Meeting),
            minutes: TextField::digits(5),
            time: TextField::new(""),
            network: Choice::new(network_options, &None),
            note: NoteField::new(""),
            items: ItemsField::default(),
            prefilled,
            editing: None,
        }
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut Store,
    ) -> OverlayOutcome {
        fields::handle_key(self, key, keymap, store)
    }

    pub fn paste(&mut self, text: &str) {
        fields::paste(self, text);
    }

    /// Whether the participants are still just the prefilled ones.
    fn showing_prefill(&self) -> bool {
        self.editing.is_none()
            && !self.participants.chips.is_empty()
            && self.participants.query.is_blank()
            && self
                .participants
                .chips
                .iter()
                .all(|chip| self.is_prefilled(chip))
    }

    fn is_prefilled(&self, chip: &Chip) -> bool {
        matches!(&chip.person, Person::Stored(contact) if self.prefilled.contains(&contact.id))
    }

    fn entry(&self) -> Entry<'_> {
        Entry {
            date_text: self.date.value(),
            today: self.today,
            chips: &self.participants.chips,
            channel: *self.channel.value(),
            minutes_text: self.minutes.value(),
            time_text: self.time.value(),
            network: self.network.value().as_ref(),
            note: self.note.text(),
            rows: &self.items.rows,
        }
    }
}

impl Form for LogForm {
    type Field = Field;

    fn state(&self) -> &FormState<Field> {
        &self.state
    }

    fn state_mut(&mut self) -> &mut FormState<Field> {
        &mut self.state
    }

    fn fields(&self) -> Vec<Field> {
        Field::ALL.to_vec()
    }

    fn field_key(&mut self, key: &KeyEvent) -> bool {
        match self.state.focus {
            Field::Date => self.date.handle_key(key),
            Field::Participants => self.participants.handle_key(key),
            Field::Channel => self.channel.handle_key(key),
            Field::Minutes => self.minutes.handle_key(key),
            Field::Time => self.time.handle_key(key),
            Field::Network => self.network.handle_key(key),
            Field::Note => self.note.handle_key(key),
            Field::Items => self.items.handle_key(key, &self.participants.chips),
        }
    }

    fn field_paste(&mut self, text: &str) {
        match self.state.focus {
            Field::Date => self.date.paste(text),
            Field::Participants => self.participants.paste(text),
            Field::Minutes => self.minutes.paste(text),
            Field::Time => self.time.paste(text),
            Field::Note => self.note.paste(text),
            Field::Items => self.items.paste(text),
            Field::Channel | Field::Network => {}
        }
    }

    fn focus_arrived(&mut self, field: Field) {
        match field {
            Field::Date => self.date.focus(),
            Field::Minutes => self.minutes.focus(),
            Field::Time => self.time.focus(),
            Field::Note => self.note.focus(),
            Field::Items => self.items.focus(),
            Field::Participants | Field::Channel | Field::Network => {}
        }
    }

    fn focused_text(&self) -> Option<&TextField> {
        match self.state.focus {
            Field::Date => Some(&self.date),
            Field::Participants => Some(&self.participants.query),
            Field::Minutes => Some(&self.minutes),
            Field::Time => Some(&self.time),
            Field::Items => self.items.editing(),
            Field::Channel | Field::Network | Field::Note => None,
        }
    }

    /// Whether anything was entered: removing the prefilled participant is
    /// not, so Esc then closes at once.
    fn is_touched(&self) -> bool {
        if let Some(editing) = &self.editing {
            return self.edit_touched(editing);
        }
        self.date.value().trim() != "today"
            || !self
                .participants
                .chips
                .iter()
                .all(|chip| self.is_prefilled(chip))
            || !self.participants.query.is_blank()
            || *self.channel.value() != Channel::Meeting
            || !self.minutes.is_blank()
            || !self.time.is_blank()
            || self.network.index() != 0
            || !self.note.is_blank()
            || !self.items.rows.is_empty()
    }

    /// Ctrl-S: writes the new people and the interaction in one
    /// transaction, or marks what stands in the way and writes nothing.
    fn save(&mut self, store: &mut Store) -> OverlayOutcome {
        if self.editing.is_some() {
            return self.save_edit(store);
        }
        let entry = self.entry();
        let Some((new_people, interaction)) = check::build(&entry) else {
            let count = check::problems(&entry).count();
            return self.state.refuse_save(count);
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
                self.state.message = Some(format!("Not saved: {error}"));
                OverlayOutcome::Failed(format!("could not log: {error}"))
            }
        }
    }
}
