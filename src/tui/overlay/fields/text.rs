//! A single-line text field on top of `tui_input::Input`.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use tui_input::backend::crossterm::{EventHandler, to_input_request};
use tui_input::{Input, InputRequest};

use super::line::{draw_line, typeable};

pub struct TextField {
    input: Input,
    /// Which characters the field takes (all typeable ones, or digits only).
    accepts: fn(char) -> bool,
    max_chars: usize,
}

impl TextField {
    pub fn new(value: &str) -> TextField {
        TextField {
            input: Input::new(value.to_string()),
            accepts: typeable,
            max_chars: 2000,
        }
    }

    /// A field that takes digits only, at most `max_chars` of them.
    pub fn digits(max_chars: usize) -> TextField {
        TextField {
            input: Input::default(),
            accepts: |c| c.is_ascii_digit(),
            max_chars,
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
    }

    pub fn at_start(&self) -> bool {
        self.input.cursor() == 0
    }

    pub fn at_end(&self) -> bool {
        self.input.cursor() == self.input.value().chars().count()
    }

    /// Edits the text with `key`; false when the key is not an editing key
    /// (Up, Down, Enter, Tab, Esc…) and the form should handle it.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            // Characters the field does not take are swallowed, not passed on.
            if (self.accepts)(c) && self.input.value().chars().count() < self.max_chars {
                self.input.handle(InputRequest::InsertChar(c));
            }
            return true;
        }
        let event = Event::Key(*key);
        if to_input_request(&event).is_none() {
            return false;
        }
        self.input.handle_event(&event);
        true
    }

    /// Inserts pasted text at the cursor; line breaks become spaces.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            let c = if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            };
            if (self.accepts)(c) && self.input.value().chars().count() < self.max_chars {
                self.input.handle(InputRequest::InsertChar(c));
            }
        }
    }

    /// Draws the value; with focus, with its cursor.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool, style: Style) {
        let cursor = focused.then(|| self.input.cursor());
        draw_line(buf, area, self.input.value(), cursor, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
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
    }

    #[test]
    fn navigation_keys_are_left_to_the_form() {
        let mut field = TextField::new("anna");
        assert!(!field.handle_key(&key(KeyCode::Up)));
        assert!(!field.handle_key(&key(KeyCode::Enter)));
        assert!(field.handle_key(&key(KeyCode::Left)));
        assert!(field.handle_key(&key(KeyCode::Backspace)));
        assert_eq!(field.value(), "ana");
        field.paste("a\nb\u{1b}");
        assert_eq!(
            field.value(),
            "ana ba",
            "pasted at the cursor, escape dropped"
        );
    }
}
