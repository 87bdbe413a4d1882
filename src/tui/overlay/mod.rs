//! Overlays drawn over a screen: help, the log form, the contact form, the
//! network form and small prompts. Each takes every key while it is open.

mod contact_form;
mod fields;
mod help;
mod log_form;
mod member_picker;
mod merge;
mod network_form;
mod prompt;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

pub use contact_form::ContactForm;
pub use fields::TextField;
pub use help::Help;
pub use log_form::LogForm;
pub use member_picker::MemberPicker;
pub use merge::MergeForm;
pub use network_form::NetworkForm;
pub use prompt::{Prompt, reopen};

use ratatui::crossterm::event::KeyCode;

use super::keymap::{Keymap, Scope};
use super::theme::Theme;
use fields::Form;
use ties::model::ContactRef;
use ties::{Result, Store};

/// What an overlay asks of the app after a key.
pub enum OverlayOutcome {
    /// Keep the overlay open.
    Stay,
    /// Close it; nothing was written.
    Close,
    /// The store was written: close, reload, and show this message.
    Done(String),
    /// As `Done`, for a change that took something away: the message
    /// also says how to undo it.
    Undoable(String),
    /// Keep the overlay open and show this error in the status line.
    Failed(String),
}

pub enum Overlay {
    Help(Help),
    Log(Box<LogForm>),
    Contact(Box<ContactForm>),
    Network(Box<NetworkForm>),
    Members(Box<MemberPicker>),
    Prompt(Box<Prompt>),
    Merge(Box<MergeForm>),
}

impl Overlay {
    pub fn help(keymap: &Keymap, scope: Scope) -> Overlay {
        Overlay::Help(Help::new(keymap, scope))
    }

    pub fn log(store: &Store, prefill: Vec<ContactRef>, today: NaiveDate) -> Overlay {
        Overlay::Log(Box::new(LogForm::new(store, prefill, today)))
    }

    /// The log form on a logged interaction, to change it.
    pub fn edit_log(
        store: &Store,
        interaction: ties::model::Interaction,
        today: NaiveDate,
    ) -> Overlay {
        Overlay::Log(Box::new(LogForm::edit(store, interaction, today)))
    }

    pub fn add_contact(store: &Store) -> Overlay {
        Overlay::Contact(Box::new(ContactForm::add(store)))
    }

    pub fn edit_contact(store: &Store, id: i64) -> Result<Overlay> {
        Ok(Overlay::Contact(Box::new(ContactForm::edit(store, id)?)))
    }

    pub fn handle_key(
        &mut self,
        key: KeyEvent,
        keymap: &Keymap,
        store: &mut Store,
    ) -> OverlayOutcome {
        match self {
            Overlay::Help(help) => help.handle_key(key, keymap),
            Overlay::Log(form) => form.handle_key(key, keymap, store),
            Overlay::Contact(form) => form.handle_key(key, keymap, store),
            Overlay::Network(form) => form.handle_key(key, keymap, store),
            Overlay::Members(form) => form.handle_key(key, keymap, store),
            Overlay::Prompt(prompt) => prompt.handle_key(key, keymap, store),
            Overlay::Merge(form) => form.handle_key(key, keymap, store),
        }
    }

    pub fn paste(&mut self, text: &str) {
        match self {
            Overlay::Help(_) => {}
            Overlay::Log(form) => form.paste(text),
            Overlay::Contact(form) => form.paste(text),
            Overlay::Network(form) => form.paste(text),
            Overlay::Members(form) => form.paste(text),
            Overlay::Prompt(prompt) => prompt.paste(text),
            Overlay::Merge(form) => form.paste(text),
        }
    }

    /// The keys of the overlay, for its frame and the screen's footer:
    /// what has the keyboard shows its own keys, and a text field with
    /// focus adds how to clear it (and, while typing would replace its
    /// text, how to keep it).
    pub fn keys(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        let mut keys = match self {
            Overlay::Help(help) => help.keys(keymap),
            Overlay::Prompt(prompt) => prompt.keys(keymap),
            Overlay::Merge(form) => form.keys(keymap),
            Overlay::Log(_) | Overlay::Contact(_) | Overlay::Network(_) | Overlay::Members(_) => {
                keymap.footer(Scope::Form)
            }
        };
        if let Some(text) = self.focused_text() {
            keys.push(("Ctrl-U".into(), "clear"));
            if text.is_selected() {
                keys.push(("End".into(), "keep text"));
            }
        }
        keys
    }

    /// The one-line text field with focus, if one has it.
    pub fn focused_text(&self) -> Option<&fields::TextField> {
        match self {
            Overlay::Help(_) => None,
            Overlay::Log(form) => form.focused_text(),
            Overlay::Contact(form) => form.focused_text(),
            Overlay::Network(form) => form.focused_text(),
            Overlay::Members(form) => form.focused_text(),
            Overlay::Prompt(prompt) => prompt.focused_text(),
            Overlay::Merge(form) => form.focused_text(),
        }
    }

    /// Draws over `area` (the whole screen); each overlay places itself.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme, keymap: &Keymap) {
        let keys = self.keys(keymap);
        match self {
            Overlay::Help(help) => help.render(area, buf, theme),
            Overlay::Log(form) => form.render(area, buf, theme, &keys),
            Overlay::Contact(form) => form.render(area, buf, theme, &keys),
            Overlay::Network(form) => form.render(area, buf, theme, &keys),
            Overlay::Members(form) => form.render(area, buf, theme, &keys),
            Overlay::Prompt(prompt) => prompt.render(area, buf, theme, &keys),
            Overlay::Merge(form) => form.render(area, buf, theme, &keys),
        }
    }
}

/// A form's answer to "discard this?": `y` or a second Esc throws it away
/// (so Esc, Esc always leaves a form), `n` goes back to editing, anything
/// else keeps asking.
pub(super) fn answer_discard(key: &KeyEvent, confirming: &mut bool) -> OverlayOutcome {
    match key.code {
        KeyCode::Char('y' | 'Y') | KeyCode::Esc => OverlayOutcome::Close,
        KeyCode::Char('n' | 'N') => {
            *confirming = false;
            OverlayOutcome::Stay
        }
        _ => OverlayOutcome::Stay,
    }
}
