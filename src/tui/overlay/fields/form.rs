//! The skeleton every form and prompt shares, so the keys between fields
//! mean the same everywhere: the form keys of the keymap first (save,
//! cancel, next and previous field), then the focused field, then ↑/↓ and
//! Enter move between fields (Enter on the last field saves). Esc asks
//! before throwing typed work away, with one answer (`answer_discard`), and
//! a second Esc discards: Esc, Esc always leaves a form.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ties::Store;

use super::TextField;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Scope};
use crate::tui::overlay::{OverlayOutcome, answer_discard};

/// What every form keeps besides its fields.
pub struct FormState<F> {
    pub focus: F,
    /// Set by a refused save: from then on every problem shows.
    pub tried_to_save: bool,
    /// An error to show at the bottom of the form.
    pub message: Option<String>,
    pub confirming_discard: bool,
}

impl<F: Copy + PartialEq> FormState<F> {
    pub fn new(focus: F) -> FormState<F> {
        FormState {
            focus,
            tried_to_save: false,
            message: None,
            confirming_discard: false,
        }
    }

    /// Whether a field's problem shows: once focus has left it, or after a
    /// refused save. Nothing is marked wrong while it is being typed.
    pub fn shows_problem(&self, field: F) -> bool {
        self.tried_to_save || self.focus != field
    }

    /// A save refused for `count` problems: every problem shows from now on.
    pub fn refuse_save(&mut self, count: usize) -> OverlayOutcome {
        self.tried_to_save = true;
        self.message = Some(match count {
            1 => "One field needs attention before saving".to_string(),
            n => format!("{n} fields need attention before saving"),
        });
        OverlayOutcome::Stay
    }
}

/// A form: its fields, what each does with a key, and how it saves.
pub trait Form {
    type Field: Copy + PartialEq;

    fn state(&self) -> &FormState<Self::Field>;
    fn state_mut(&mut self) -> &mut FormState<Self::Field>;
    /// The fields shown now, in Tab order.
    fn fields(&self) -> Vec<Self::Field>;
    /// Gives `key` to the focused field; false when the field does not use it.
    fn field_key(&mut self, key: &KeyEvent) -> bool;
    /// Pasted text for the focused field.
    fn field_paste(&mut self, text: &str);
    /// Focus arrived at `field` (a text field selects its text).
    fn focus_arrived(&mut self, field: Self::Field);
    /// The one-line text field with focus, if one has it.
    fn focused_text(&self) -> Option<&TextField>;
    /// Whether anything was typed or chosen that Esc would throw away.
    fn is_touched(&self) -> bool;
    fn save(&mut self, store: &mut Store) -> OverlayOutcome;
}

/// Moves focus to `field`.
pub fn focus<F: Form>(form: &mut F, field: F::Field) {
    form.state_mut().focus = field;
    form.focus_arrived(field);
}

/// Moves focus `step` fields on, wrapping around (Tab) or stopping at the
/// ends (↑/↓).
fn step<F: Form>(form: &mut F, step: isize, wrap: bool) {
    let fields = form.fields();
    if fields.is_empty() {
        return;
    }
    let at = fields
        .iter()
        .position(|f| *f == form.state().focus)
        .unwrap_or(0) as isize;
    let len = fields.len() as isize;
    let next = if wrap {
        (at + step).rem_euclid(len)
    } else {
        (at + step).clamp(0, len - 1)
    };
    if next != at {
        focus(form, fields[next as usize]);
    }
}

fn on_last_field<F: Form>(form: &F) -> bool {
    form.fields().last() == Some(&form.state().focus)
}

/// Esc: closes an untouched form, or asks before discarding a touched one.
fn cancel<F: Form>(form: &mut F) -> OverlayOutcome {
    if form.is_touched() {
        form.state_mut().confirming_discard = true;
        OverlayOutcome::Stay
    } else {
        OverlayOutcome::Close
    }
}

/// A key for a form.
pub fn handle_key<F: Form>(
    form: &mut F,
    key: KeyEvent,
    keymap: &Keymap,
    store: &mut Store,
) -> OverlayOutcome {
    let action = keymap.action(Scope::Form, Key::from_event(&key));
    if form.state().confirming_discard {
        if action == Some(Action::Cancel) {
            return OverlayOutcome::Close;
        }
        return answer_discard(&key, &mut form.state_mut().confirming_discard);
    }
    form.state_mut().message = None;
    match action {
        Some(Action::Save) => return form.save(store),
        Some(Action::Cancel) => return cancel(form),
        Some(Action::NextField) => {
            step(form, 1, true);
            return OverlayOutcome::Stay;
        }
        Some(Action::PrevField) => {
            step(form, -1, true);
            return OverlayOutcome::Stay;
        }
        _ => {}
    }
    if form.field_key(&key) {
        return OverlayOutcome::Stay;
    }
    match key.code {
        KeyCode::Up => step(form, -1, false),
        KeyCode::Enter if on_last_field(form) => return form.save(store),
        KeyCode::Down | KeyCode::Enter => step(form, 1, false),
        _ => {}
    }
    OverlayOutcome::Stay
}

/// Pasted text for a form: into the focused field, unless a question is up.
pub fn paste<F: Form>(form: &mut F, text: &str) {
    if !form.state().confirming_discard {
        form.field_paste(text);
    }
}
