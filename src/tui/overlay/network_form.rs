//! `e` on a network: edit its plan (role, intent, hours a month, goal,
//! review date) and its note in place, on the same form kit as the log and
//! contact forms (`n` in the network's view opens it at the note). Typed fields are read by the core's parsers; Ctrl-S (or Enter on
//! the last field) writes every change in one `edit_network`, Esc asks
//! before discarding.

mod check;
mod draw;

use chrono::NaiveDate;
use ratatui::crossterm::event::KeyEvent;

use super::OverlayOutcome;
use super::fields::{self, Choice, Form, FormState, NoteField, TextField};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::cell_text;
use ties::Store;
use ties::model::{Intent, Network, Role};
use ties::store::NetworkEdit;
use ties::text::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Role,
    Intent,
    Hours,
    Goal,
    Review,
    Note,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Role,
        Field::Intent,
        Field::Hours,
        Field::Goal,
        Field::Review,
        Field::Note,
    ];
}

pub struct NetworkForm {
    network: Network,
    today: NaiveDate,
    state: FormState<Field>,
    role: Choice<Role>,
    intent: Choice<Intent>,
    hours: TextField,
    goal: TextField,
    review: TextField,
    note: NoteField,
}

/// The problems of the typed fields; all `None` when the form can be saved.
#[derive(Debug, Default)]
pub struct Problems {
    pub hours: Option<String>,
    pub review: Option<String>,
}

impl Problems {
    fn count(&self) -> usize {
        usize::from(self.hours.is_some()) + usize::from(self.review.is_some())
    }
}

impl NetworkForm {
    pub fn edit(store: &Store, id: i64) -> ties::Result<NetworkForm> {
        let network = store.network(id)?;
        let mut form = NetworkForm {
            today: store.clock().today,
            state: FormState::new(Field::Role),
            role: closed_choice(Role::ALL, network.role),
            intent: closed_choice(Intent::ALL, network.intent),
            hours: TextField::new(&network.hours_per_month.map(hours_text).unwrap_or_default()),
            goal: TextField::new(&network.goal),
            review: TextField::new(&network.review_on.map(|d| d.to_string()).unwrap_or_default()),
            note: NoteField::new(&network.note),
            network,
        };
        fields::focus(&mut form, Field::Role);
        Ok(form)
    }

    /// The same form with the note focused.
    pub fn edit_note(store: &Store, id: i64) -> ties::Result<NetworkForm> {
        let mut form = NetworkForm::edit(store, id)?;
        fields::focus(&mut form, Field::Note);
        Ok(form)
    }

    pub fn problems(&self) -> Problems {
        Problems {
            hours: check::hours(self.hours.value()).err(),
            review: check::review_date(self.review.value(), self.today).err(),
        }
    }

    /// The changes as one edit; `None` fields are unchanged, and `None` in
    /// all while a typed field cannot be read.
    fn changes(&self) -> Option<NetworkEdit> {
        let hours = check::hours(self.hours.value()).ok()?;
        let review_on = check::review_date(self.review.value(), self.today).ok()?;
        let n = &self.network;
        let goal = self.goal.value().trim().to_string();
        let note = clean(&self.note.text());
        let (role, intent) = (*self.role.value(), *self.intent.value());
        Some(NetworkEdit {
            role: (role != n.role).then_some(role),
            intent: (intent != n.intent).then_some(intent),
            hours_per_month: (hours != n.hours_per_month).then_some(hours),
            goal: (goal != n.goal).then_some(goal),
            review_on: (review_on != n.review_on).then_some(review_on),
            note: (note != n.note).then_some(note),
            ..Default::default()
        })
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

    fn text_field(&mut self, field: Field) -> Option<&mut TextField> {
        match field {
            Field::Hours => Some(&mut self.hours),
            Field::Goal => Some(&mut self.goal),
            Field::Review => Some(&mut self.review),
            Field::Role | Field::Intent | Field::Note => None,
        }
    }
}

impl Form for NetworkForm {
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
            Field::Role => self.role.handle_key(key),
            Field::Intent => self.intent.handle_key(key),
            Field::Note => self.note.handle_key(key),
            field => self.text_field(field).is_some_and(|f| f.handle_key(key)),
        }
    }

    fn field_paste(&mut self, text: &str) {
        if self.state.focus == Field::Note {
            self.note.paste(text);
        } else if let Some(input) = self.text_field(self.state.focus) {
            input.paste(text);
        }
    }

    fn focus_arrived(&mut self, field: Field) {
        if field == Field::Note {
            self.note.focus();
        } else if let Some(input) = self.text_field(field) {
            input.focus();
        }
    }

    fn focused_text(&self) -> Option<&TextField> {
        match self.state.focus {
            Field::Hours => Some(&self.hours),
            Field::Goal => Some(&self.goal),
            Field::Review => Some(&self.review),
            Field::Role | Field::Intent | Field::Note => None,
        }
    }

    fn is_touched(&self) -> bool {
        match self.changes() {
            Some(edit) => {
                edit.role.is_some()
                    || edit.intent.is_some()
                    || edit.hours_per_month.is_some()
                    || edit.goal.is_some()
                    || edit.review_on.is_some()
                    || edit.note.is_some()
            }
            // Text that does not parse was typed, so something changed.
            None => true,
        }
    }

    fn save(&mut self, store: &mut Store) -> OverlayOutcome {
        let Some(edit) = self.changes() else {
            let count = self.problems().count();
            return self.state.refuse_save(count);
        };
        if !self.is_touched() {
            return OverlayOutcome::Close;
        }
        match store.edit_network(self.network.id, &edit) {
            Ok(()) => OverlayOutcome::Done(format!(
                "Saved the plan for {}",
                cell_text(&self.network.name)
            )),
            Err(error) => {
                let error = crate::tui::words::error(&error);
                self.state.message = Some(format!("Not saved: {error}"));
                OverlayOutcome::Failed(format!("could not save: {error}"))
            }
        }
    }
}

/// A choice among every value of a closed set, labelled as stored.
fn closed_choice<T: Copy + PartialEq + std::fmt::Display>(all: &[T], selected: T) -> Choice<T> {
    Choice::new(all.iter().map(|v| (*v, v.to_string())).collect(), &selected)
}

/// 4.0 → "4", 2.5 → "2.5".
fn hours_text(hours: f64) -> String {
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        hours.to_string()
    }
}
