//! The log form on a logged interaction (Enter or `e` on the contact
//! page's timeline): filled in with what was logged, saved as one
//! `Store::edit_interaction`, which changes the fields, the participants
//! and the items at once (new rows added, removed rows deleted, changed
//! rows edited), so one undo takes the whole edit back.

use chrono::NaiveDate;
use ties::Store;
use ties::model::{ContactRef, Interaction, Item};
use ties::store::{InteractionEdit, ItemEdit, NewInteraction};

use super::LogForm;
use super::check;
use super::items::ItemRow;
use crate::tui::overlay::OverlayOutcome;
use crate::tui::overlay::fields::Person;
use crate::tui::widgets::cell_text;

/// What the form edits: the interaction as it was read.
pub struct Editing {
    pub original: Interaction,
}

impl LogForm {
    /// The form filled in with `interaction`: its date, channel, minutes,
    /// note, network, time, participants and items.
    pub fn edit(store: &Store, interaction: Interaction, today: NaiveDate) -> LogForm {
        let participants: Vec<ContactRef> = interaction.participants.clone();
        let mut form = LogForm::new(store, participants, today);
        form.prefilled.clear();
        form.date = crate::tui::overlay::fields::TextField::new(
            &interaction.date.format("%Y-%m-%d").to_string(),
        );
        form.channel.select(
            ties::model::Channel::ALL
                .iter()
                .position(|c| *c == interaction.channel)
                .unwrap_or(0),
        );
        if let Some(minutes) = interaction.minutes {
            form.minutes.paste(&minutes.to_string());
        }
        if let Some(time) = &interaction.time {
            form.time = crate::tui::overlay::fields::TextField::new(time);
        }
        let network = interaction.network.as_ref().map(|n| n.id);
        let at = (0..form.network.len()).find(|&i| {
            form.network.select(i);
            form.network.value().as_ref().map(|n| n.id) == network
        });
        form.network.select(at.unwrap_or(0));
        form.note = crate::tui::overlay::fields::NoteField::new(&interaction.note);
        let serial_of = |id: i64| {
            form.participants
                .chips
                .iter()
                .find(|chip| matches!(&chip.person, Person::Stored(c) if c.id == id))
                .map(|chip| chip.serial)
        };
        form.items.rows = interaction
            .items
            .iter()
            .map(|item| ItemRow::stored(item, serial_of(item.counterparty.id)))
            .collect();
        form.editing = Some(Editing {
            original: interaction,
        });
        form
    }

    pub(super) fn save_edit(&mut self, store: &mut Store) -> OverlayOutcome {
        let Some(editing) = &self.editing else {
            return OverlayOutcome::Stay;
        };
        let entry = self.entry();
        let Some((new_people, wanted)) = check::build(&entry) else {
            let count = check::problems(&entry).count();
            return self.state.refuse_save(count);
        };
        if !new_people.is_empty() {
            let message = "Participants: new people are added when logging; \
                           here pick contacts you have"
                .to_string();
            self.state.message = Some(format!("Not saved: {message}"));
            return OverlayOutcome::Failed(message);
        }
        let original = &editing.original;
        let edit = edit_of(original, &wanted, &self.items.rows);
        if is_nothing(&edit) {
            return OverlayOutcome::Done("Nothing changed".into());
        }
        match store.edit_interaction(original.id, &edit) {
            Ok(now) => OverlayOutcome::Done(format!(
                "Saved the {} of {} with {}",
                now.channel,
                now.date,
                check::names(&self.participants.chips)
            )),
            Err(error) => {
                let error = crate::tui::words::error(&error);
                self.state.message = Some(format!("Not saved: {error}"));
                OverlayOutcome::Failed(format!("could not save: {error}"))
            }
        }
    }

    pub(super) fn title(&self) -> String {
        match &self.editing {
            Some(editing) => format!(
                "Edit the {} of {}",
                editing.original.channel,
                cell_text(&editing.original.date.to_string())
            ),
            None => "Log an interaction".into(),
        }
    }

    /// Whether the form differs from the interaction it edits.
    pub(super) fn edit_touched(&self, editing: &Editing) -> bool {
        let entry = self.entry();
        if !self.participants.query.is_blank() {
            return true;
        }
        match check::build(&entry) {
            Some((new_people, wanted)) => {
                !new_people.is_empty()
                    || !is_nothing(&edit_of(&editing.original, &wanted, &self.items.rows))
            }
            None => true,
        }
    }
}

/// The changes from `original` to what the form holds (`wanted`, its items
/// in the order of `rows`).
fn edit_of(original: &Interaction, wanted: &NewInteraction, rows: &[ItemRow]) -> InteractionEdit {
    let mut edit = InteractionEdit::default();
    if wanted.date != original.date {
        edit.date = Some(wanted.date);
    }
    if wanted.time != original.time {
        edit.time = Some(wanted.time.clone());
    }
    if wanted.channel != original.channel {
        edit.channel = Some(wanted.channel);
    }
    if wanted.minutes != original.minutes {
        edit.minutes = Some(wanted.minutes);
    }
    if wanted.note != original.note {
        edit.note = Some(wanted.note.clone());
    }
    let network = original.network.as_ref().map(|n| n.id);
    if wanted.network != network {
        edit.network = Some(wanted.network);
    }
    let before: Vec<i64> = original.participants.iter().map(|p| p.id).collect();
    edit.add_participants = wanted
        .participants
        .iter()
        .filter(|id| !before.contains(id))
        .copied()
        .collect();
    edit.remove_participants = before
        .iter()
        .filter(|id| !wanted.participants.contains(id))
        .copied()
        .collect();
    let mut kept = Vec::new();
    for (row, item) in rows.iter().zip(&wanted.items) {
        let old = row
            .item
            .and_then(|id| original.items.iter().find(|i| i.id == id));
        match old {
            None => edit.add_items.push(item.clone()),
            // Open ↔ done is no field of an item: the row replaces it.
            Some(old) if old.state != item.state => {
                edit.remove_items.push(old.id);
                edit.add_items.push(item.clone());
            }
            Some(old) => {
                kept.push(old.id);
                let changes = item_edit(old, item, row.flow.is_promise());
                if !changes.is_empty() {
                    edit.edit_items.push((old.id, changes));
                }
            }
        }
    }
    for old in &original.items {
        if !kept.contains(&old.id) && !edit.remove_items.contains(&old.id) {
            edit.remove_items.push(old.id);
        }
    }
    edit
}

/// A kept row's changes. A promise's text is its note and its kind is not
/// shown; a done item's note is not shown, so it stays.
fn item_edit(old: &Item, new: &ties::store::NewItem, promise: bool) -> ItemEdit {
    ItemEdit {
        kind: (!promise && new.kind != old.kind).then_some(new.kind),
        weight: (new.weight != old.weight).then_some(new.weight),
        direction: (new.direction != old.direction).then_some(new.direction),
        note: (promise && new.note != old.note).then(|| new.note.clone()),
        counterparty: (new.counterparty != old.counterparty.id).then_some(new.counterparty),
    }
}

fn is_nothing(edit: &InteractionEdit) -> bool {
    edit.date.is_none()
        && edit.time.is_none()
        && edit.channel.is_none()
        && edit.minutes.is_none()
        && edit.note.is_none()
        && edit.network.is_none()
        && edit.add_participants.is_empty()
        && edit.remove_participants.is_empty()
        && edit.add_items.is_empty()
        && edit.edit_items.is_empty()
        && edit.remove_items.is_empty()
}
