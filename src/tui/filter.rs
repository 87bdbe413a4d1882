//! The `/` filter of a list, on the form kit's one text field: the same
//! keys as every other text field (typing replaces a highlighted filter,
//! Ctrl-U clears, Ctrl-W deletes a word, a paste goes in at the cursor
//! without control or bidirectional-override characters). Enter keeps the
//! filter and gives the keys back to the list, Esc clears it; the list's
//! movement keys that are not text (↑ ↓ PgDn PgUp Ctrl-D) still move.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;

use super::overlay::TextField;
use super::theme::Theme;
use super::widgets::fit_text;

#[derive(Default)]
pub struct Filter {
    field: TextField,
    typing: bool,
}

/// What a key did to a filter that has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKey {
    /// The text changed: filter again.
    Changed,
    /// Taken (the cursor moved, or nothing changed).
    Kept,
    /// Enter: the filter stays, the keys go back to the list.
    Done,
    /// Esc: the filter is gone.
    Cleared,
    /// Not a text key: the list may use it.
    Unused,
}

impl Filter {
    /// `/`: the keyboard goes to the filter; a filter already there is
    /// highlighted, so typing replaces it (End keeps it).
    pub fn start(&mut self) {
        self.typing = true;
        self.field.focus();
    }

    pub fn is_typing(&self) -> bool {
        self.typing
    }

    pub fn value(&self) -> &str {
        self.field.value()
    }

    /// Whether a filter is in effect or being typed.
    pub fn is_active(&self) -> bool {
        self.typing || !self.field.is_blank()
    }

    pub fn clear(&mut self) {
        self.typing = false;
        self.field.clear();
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> FilterKey {
        match key.code {
            KeyCode::Enter => {
                self.typing = false;
                FilterKey::Done
            }
            KeyCode::Esc => {
                self.clear();
                FilterKey::Cleared
            }
            _ => {
                let before = self.field.value().to_string();
                if !self.field.handle_key(key) {
                    FilterKey::Unused
                } else if self.field.value() == before {
                    FilterKey::Kept
                } else {
                    FilterKey::Changed
                }
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        self.field.paste(text);
    }

    /// A list's top line: `summary` (dimmed, cut to fit), then the filter
    /// when one is in effect or being typed.
    pub fn render_line(&self, summary: &str, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let summary = fit_text(summary, usize::from(area.width));
        buf.set_string(area.x, area.y, &summary, theme.dim);
        let used = ties::text::width(&summary) as u16 + 2;
        if self.is_active() && used < area.width {
            let rest = Rect {
                x: area.x + used,
                width: area.width - used,
                ..area
            };
            self.render(rest, buf, theme);
        }
    }

    /// `/ kub▏` at the start of `area`'s first row (the cursor while typing).
    fn render(&self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.width < 3 {
            return;
        }
        buf.set_string(area.x, area.y, "/ ", theme.accent);
        let field = Rect {
            x: area.x + 2,
            width: area.width - 2,
            height: 1,
            ..area
        };
        self.field.render(field, buf, self.typing, theme.text);
    }

    /// The filter's keys while it has the keyboard, for the footer.
    pub fn keys(&self) -> Vec<(String, &'static str)> {
        let mut keys = vec![
            ("Enter".to_string(), "done"),
            ("Esc".to_string(), "clear the filter"),
            ("↑↓ PgDn".to_string(), "move"),
            ("Ctrl-U".to_string(), "clear text"),
        ];
        if self.field.is_selected() {
            keys.push(("End".into(), "keep text"));
        }
        keys
    }
}
