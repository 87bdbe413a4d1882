//! `e` on a network: edit its plan (role, intent, hours a month, goal,
//! review date) in place. Typed fields are checked as you type; Ctrl-S
//! writes every change in one `edit_network`, Esc asks before discarding.

mod draw;
mod parse;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::Rect;
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::OverlayOutcome;
use super::prompt::paste_into;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;
use ties::Store;
use ties::model::{Intent, Network, Role};
use ties::store::NetworkEdit;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Role,
    Intent,
    Hours,
    Goal,
    Review,
}

impl Field {
    pub const ALL: [Field; 5] = [
        Field::Role,
        Field::Intent,
        Field::Hours,
        Field::Goal,
        Field::Review,
    ];

    fn position(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

pub struct NetworkForm {
    network: Network,
    today: NaiveDate,
    role: Role,
    intent: Intent,
    hours: Input,
    goal: Input,
    review: Input,
    focus: Field,
    /// Esc was pressed with changes: y discards them, anything else returns.
    confirming_discard: bool,
}

impl NetworkForm {
    pub fn edit(store: &Store, id: i64) -> ties::Result<NetworkForm> {
        let network = store.network(id)?;
        Ok(NetworkForm {
            today: store.clock().today,
            role: network.role,
            intent: network.intent,
            hours: Input::new(network.hours_per_month.map(hours_text).unwrap_or_default()),
            goal: Input::new(network.goal.clone()),
            review: Input::new(network.review_on.map(|d| d.to_string()).unwrap_or_default()),
            focus: Field::Role,
            confirming_discard: false,
            network,
        })
    }

    /// Why a typed field cannot be saved, if it cannot.
    pub fn error(&self, field: Field) -> Option<String> {
        match field {
            Field::Hours => parse::hours(self.hours.value()).err(),
            Field::Review => parse::review_date(self.review.value(), self.today).err(),
            _ => None,
        }
    }

    /// The changes as one edit; `None` fields are unchanged. Fails on the
    /// first field that cannot be read.
    fn changes(&self) -> Result<NetworkEdit, (Field, String)> {
        let hours = parse::hours(self.hours.value()).map_err(|e| (Field::Hours, e))?;
        let review_on =
            parse::review_date(self.review.value(), self.today).map_err(|e| (Field::Review, e))?;
        let n = &self.network;
        let goal = self.goal.value().trim().to_string();
        Ok(NetworkEdit {
            role: (self.role != n.role).then_some(self.role),
            intent: (self.intent != n.intent).then_some(self.intent),
            hours_per_month: (hours != n.hours_per_month).then_some(hours),
            goal: (goal != n.goal).then_some(goal),
            review_on: (review_on != n.review_on).then_some(review_on),
            ..Default::default()
        })
    }

    fn has_changes(&self) -> bool {
        match self.changes() {
            Ok(edit) => {
                edit.role.is_some()
                    || edit.intent.is_some()
                    || edit.hours_per_month.is_some()
                    || edit.goal.is_some()
                    || edit.review_on.is_some()
            }
            // Text that does not parse was typed, so something changed.
            Err(_) => true,
        }
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut Store,
    ) -> OverlayOutcome {
        if self.confirming_discard {
            self.confirming_discard = false;
            return match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => OverlayOutcome::Close,
                _ => OverlayOutcome::Stay,
            };
        }
        match keymap.action(Scope::Form, Key::from_event(&key)) {
            Some(Action::Save) => return self.save(store),
            Some(Action::Cancel) => return self.cancel(),
            Some(Action::NextField) => return self.move_focus(1),
            Some(Action::PrevField) => return self.move_focus(-1),
            _ => {}
        }
        match key.code {
            KeyCode::Esc => return self.cancel(),
            KeyCode::Down => return self.move_focus(1),
            KeyCode::Up => return self.move_focus(-1),
            // Enter moves on; on the last field it saves.
            KeyCode::Enter if self.focus == Field::Review => return self.save(store),
            KeyCode::Enter => return self.move_focus(1),
            _ => {}
        }
        match self.focus {
            Field::Role => self.role = cycle(Role::ALL, self.role, key.code),
            Field::Intent => self.intent = cycle(Intent::ALL, self.intent, key.code),
            Field::Hours | Field::Goal | Field::Review => {
                if let Some(input) = self.focused_input() {
                    input.handle_event(&Event::Key(key));
                }
            }
        }
        OverlayOutcome::Stay
    }

    fn focused_input(&mut self) -> Option<&mut Input> {
        match self.focus {
            Field::Hours => Some(&mut self.hours),
            Field::Goal => Some(&mut self.goal),
            Field::Review => Some(&mut self.review),
            Field::Role | Field::Intent => None,
        }
    }

    fn move_focus(&mut self, step: isize) -> OverlayOutcome {
        let count = Field::ALL.len() as isize;
        let next = (self.focus.position() as isize + step).rem_euclid(count);
        self.focus = Field::ALL[next as usize];
        OverlayOutcome::Stay
    }

    fn cancel(&mut self) -> OverlayOutcome {
        if self.has_changes() {
            self.confirming_discard = true;
            OverlayOutcome::Stay
        } else {
            OverlayOutcome::Close
        }
    }

    fn save(&mut self, store: &mut Store) -> OverlayOutcome {
        let edit = match self.changes() {
            Ok(edit) => edit,
            Err((field, message)) => {
                self.focus = field;
                return OverlayOutcome::Failed(message);
            }
        };
        if !self.has_changes() {
            return OverlayOutcome::Close;
        }
        match store.edit_network(self.network.id, &edit) {
            Ok(()) => OverlayOutcome::Done(format!(
                "Saved the plan for {}",
                cell_text(&self.network.name)
            )),
            Err(error) => OverlayOutcome::Failed(format!(
                "could not save: {}",
                crate::tui::words::error(&error)
            )),
        }
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(input) = self.focused_input() {
            paste_into(input, text);
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        draw::render(self, area, buf, theme);
    }
}

/// ←/→ (or h/l, Space) step through a closed set of values.
fn cycle<T: Copy + PartialEq>(all: &[T], current: T, code: KeyCode) -> T {
    let at = all.iter().position(|v| *v == current).unwrap_or(0);
    let n = all.len();
    match code {
        KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => all[(at + 1) % n],
        KeyCode::Left | KeyCode::Char('h') => all[(at + n - 1) % n],
        _ => current,
    }
}

/// 4.0 → "4", 2.5 → "2.5".
fn hours_text(hours: f64) -> String {
    if hours.fract() == 0.0 {
        format!("{hours:.0}")
    } else {
        hours.to_string()
    }
}
