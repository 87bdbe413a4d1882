//! A single-line text field on top of `tui_input::Input`: the one text
//! field of every form and prompt, so the same keys do the same thing
//! everywhere.
//!
//! When focus arrives at a filled field, its text is selected (drawn
//! highlighted) with the cursor at its end: typing or pasting replaces it;
//! any other key keeps it and edits as usual (Backspace deletes the last
//! character, ←/→, Home and End move). So a prefilled `today` or `30d` is
//! replaced by what you type, and a list you want to add to starts with
//! End. The editing keys are
//! `tui_input`'s: Ctrl-U clears, Ctrl-W deletes a word, Ctrl-K deletes to
//! the end, Home/End (or Ctrl-A/E) jump.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use tui_input::backend::crossterm::to_input_request;
use tui_input::{Input, InputRequest};

use super::line::{draw_line, typeable};

/// The keys of every text field, for the help overlay.
pub const TEXT_KEYS: [(&str, &str); 6] = [
    ("typing", "replaces a highlighted (prefilled) text"),
    ("← → Home End", "move (and keep a highlighted text)"),
    ("Backspace Del", "delete a character"),
    ("Ctrl-U", "clear the field"),
    ("Ctrl-W", "delete the word before the cursor"),
    ("Ctrl-K", "delete to the end"),
];

pub struct TextField {
    input: Input,
    /// Which characters the field takes (all typeable ones, or digits only).
    accepts: fn(char) -> bool,
    max_chars: usize,
    /// The whole text is selected: focus arrived at a filled field and no
    /// key has been pressed since.
    selected: bool,
}

impl Default for TextField {
    fn default() -> Self {
        TextField::new("")
    }
}

impl TextField {
    pub fn new(value: &str) -> TextField {
        TextField {
            input: Input::new(value.to_string()),
            accepts: typeable,
            max_chars: 2000,
            selected: false,
        }
    }

    /// A field that takes digits only, at most `max_chars` of them.
    pub fn digits(max_chars: usize) -> TextField {
        TextField {
            input: Input::default(),
            accepts: |c| c.is_ascii_digit(),
            max_chars,
            selected: false,
        }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn is_blank(&self) -> bool {
        self.input.value().trim().is_empty()
    }

    pub fn clear(&mut self) {
        self.input.reset();
        self.selected = false;
    }

    pub fn at_start(&self) -> bool {
        self.input.cursor() == 0
    }

    pub fn at_end(&self) -> bool {
        self.input.cursor() == self.input.value().chars().count()
    }

    /// Focus arrived: the cursor goes to the end and a filled field selects
    /// its text, so that typing replaces it.
    pub fn focus(&mut self) {
        self.input.handle(InputRequest::GoToEnd);
        self.selected = !self.input.value().is_empty();
    }

    /// Whether typing would replace the whole text.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Edits the text with `key`; false when the key is not an editing key
    /// (Up, Down, Enter, Tab, Esc, Ctrl-S…) and the form should handle it.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        let Some(request) = to_input_request(&Event::Key(*key)) else {
            return false;
        };
        let selected = std::mem::take(&mut self.selected);
        match request {
            // Characters the field does not take are swallowed, not passed on.
            InputRequest::InsertChar(c) => {
                if (self.accepts)(c) {
                    if selected {
                        self.input.reset();
                    }
                    self.insert(c);
                } else {
                    self.selected = selected;
                }
            }
            InputRequest::GoToPrevChar | InputRequest::GoToPrevWord if selected => {
                self.input.handle(InputRequest::GoToStart);
            }
            InputRequest::GoToNextChar | InputRequest::GoToNextWord if selected => {
                self.input.handle(InputRequest::GoToEnd);
            }
            other => {
                self.input.handle(other);
            }
        }
        true
    }

    fn insert(&mut self, c: char) {
        if self.input.value().chars().count() < self.max_chars {
            self.input.handle(InputRequest::InsertChar(c));
        }
    }

    /// Inserts pasted text at the cursor (replacing selected text); line
    /// breaks become spaces, and control and bidirectional-override
    /// characters are dropped.
    pub fn paste(&mut self, text: &str) {
        if std::mem::take(&mut self.selected) {
            self.input.reset();
        }
        for c in text.chars() {
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            if (self.accepts)(c) {
                self.insert(c);
            }
        }
    }

    /// Draws the value; with focus, with its cursor, or highlighted whole
    /// while it is selected.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool, style: Style) {
        if focused && self.selected {
            draw_line(
                buf,
                area,
                self.input.value(),
                None,
                style.add_modifier(Modifier::REVERSED),
            );
            return;
        }
        let cursor = focused.then(|| self.input.cursor());
        draw_line(buf, area, self.input.value(), cursor, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn typed(field: &mut TextField, text: &str) {
        for c in text.chars() {
            field.handle_key(&key(KeyCode::Char(c)));
        }
    }

    #[test]
    fn digits_only_fields_swallow_letters() {
        let mut minutes = TextField::digits(5);
        for c in "4a5x".chars() {
            assert!(minutes.handle_key(&key(KeyCode::Char(c))));
        }
        assert_eq!(minutes.value(), "45");
        minutes.paste("123456");
        assert_eq!(minutes.value(), "45123");
        let alt_gr = KeyEvent::new(
            KeyCode::Char('@'),
            KeyModifiers::CONTROL | KeyModifiers::ALT,
        );
        minutes.clear();
        minutes.handle_key(&alt_gr);
        assert_eq!(minutes.value(), "", "AltGr characters are filtered too");
    }

    #[test]
    fn navigation_keys_are_left_to_the_form() {
        let mut field = TextField::new("anna");
        assert!(!field.handle_key(&key(KeyCode::Up)));
        assert!(!field.handle_key(&key(KeyCode::Enter)));
        assert!(!field.handle_key(&key(KeyCode::Tab)));
        assert!(!field.handle_key(&ctrl('s')));
        assert!(field.handle_key(&key(KeyCode::Left)));
        assert!(field.handle_key(&key(KeyCode::Backspace)));
        assert_eq!(field.value(), "ana");
        field.paste("a\nb\u{1b}\u{202e}");
        assert_eq!(
            field.value(),
            "ana ba",
            "pasted at the cursor, escape and bidi override dropped"
        );
    }

    #[test]
    fn typing_replaces_a_freshly_focused_text_and_moving_keeps_it() {
        let mut date = TextField::new("today");
        date.focus();
        assert!(date.is_selected());
        typed(&mut date, "yesterday");
        assert_eq!(date.value(), "yesterday");

        let mut cadence = TextField::new("30d");
        cadence.focus();
        cadence.handle_key(&key(KeyCode::End));
        typed(&mut cadence, "0");
        assert_eq!(cadence.value(), "30d0", "End keeps the text");

        let mut goal = TextField::new("meet founders");
        goal.focus();
        goal.handle_key(&key(KeyCode::Home));
        typed(&mut goal, "Q: ");
        assert_eq!(goal.value(), "Q: meet founders", "Home keeps it too");

        let mut emails = TextField::new("mia@example.org, mia");
        emails.focus();
        for _ in 0..5 {
            emails.handle_key(&key(KeyCode::Backspace));
        }
        assert_eq!(
            emails.value(),
            "mia@example.org",
            "Backspace edits the text"
        );

        let mut empty = TextField::new("");
        empty.focus();
        assert!(!empty.is_selected());

        let mut pasted = TextField::new("old");
        pasted.focus();
        pasted.paste("new");
        assert_eq!(pasted.value(), "new");
    }

    #[test]
    fn ctrl_u_clears_and_ctrl_w_deletes_a_word() {
        let mut field = TextField::new("send the slides");
        field.handle_key(&ctrl('w'));
        assert_eq!(field.value(), "send the ");
        field.handle_key(&ctrl('u'));
        assert_eq!(field.value(), "");
    }
}
