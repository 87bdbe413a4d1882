//! A choice among a few values: ←/→ or Space cycle, a letter jumps to the
//! next value starting with it.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::line::draw_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::{cell_text, fit_line};

pub struct Choice<T> {
    options: Vec<(T, String)>,
    index: usize,
}

impl<T: PartialEq> Choice<T> {
    /// `options` with their labels; `selected` when it is one of them, else
    /// the first. `options` must not be empty.
    pub fn new(options: Vec<(T, String)>, selected: &T) -> Choice<T> {
        let index = options
            .iter()
            .position(|(value, _)| value == selected)
            .unwrap_or(0);
        Choice { options, index }
    }

    pub fn value(&self) -> &T {
        &self.options[self.index].0
    }

    pub fn label(&self) -> &str {
        &self.options[self.index].1
    }

    pub fn index(&self) -> usize {
        self.index
    }

    pub fn len(&self) -> usize {
        self.options.len()
    }

    /// Chooses the option at `index`, if there is one.
    pub fn select(&mut self, index: usize) {
        if index < self.options.len() {
            self.index = index;
        }
    }

    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.options.iter().map(|(_, label)| label.as_str())
    }

    pub fn next(&mut self) {
        self.index = (self.index + 1) % self.options.len();
    }

    pub fn prev(&mut self) {
        self.index = (self.index + self.options.len() - 1) % self.options.len();
    }

    /// Moves to the next option (after the current one) whose label starts
    /// with `letter`, ignoring case; false when none does.
    pub fn jump_to(&mut self, letter: char) -> bool {
        let letter = letter.to_lowercase().collect::<String>();
        let count = self.options.len();
        let found = (1..=count)
            .map(|step| (self.index + step) % count)
            .find(|&i| self.options[i].1.to_lowercase().starts_with(&letter));
        if let Some(i) = found {
            self.index = i;
        }
        found.is_some()
    }

    /// ←/→, Space, Backspace and letters change the choice; false for keys
    /// the form should handle.
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match key.code {
            KeyCode::Right | KeyCode::Char(' ') => self.next(),
            KeyCode::Left | KeyCode::Backspace => self.prev(),
            KeyCode::Char(c) => {
                self.jump_to(c);
            }
            _ => return false,
        }
        true
    }

    /// Every option in a row, the chosen one in brackets: for a short
    /// ladder (a network role) where seeing the others says what it means.
    pub fn render_all(&self, area: Rect, buf: &mut Buffer, focused: bool, theme: &Theme) {
        let mut spans = Vec::new();
        for (i, (_, label)) in self.options.iter().enumerate() {
            if i > 0 {
                spans.push(Span::raw(" "));
            }
            let label = cell_text(label);
            spans.push(if i == self.index {
                let style = if focused { theme.selected } else { theme.title };
                Span::styled(format!("[{label}]"), style)
            } else {
                Span::styled(label, theme.dim)
            });
        }
        // Options that do not fit end in `…`, never silently.
        let line = fit_line(Line::from(spans), usize::from(area.width));
        buf.set_line(area.x, area.y, &line, area.width);
    }

    /// `‹ label ›` with focus (the arrows say how to change it), else the
    /// label alone.
    pub fn render(&self, area: Rect, buf: &mut Buffer, focused: bool, style: Style) {
        let text = if focused {
            format!("‹ {} ›", self.label())
        } else {
            self.label().to_string()
        };
        draw_line(buf, area, &text, None, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice() -> Choice<u8> {
        let options = ["meeting", "call", "message", "event"];
        Choice::new(
            options
                .iter()
                .enumerate()
                .map(|(i, l)| (i as u8, l.to_string()))
                .collect(),
            &0,
        )
    }

    #[test]
    fn letters_jump_and_arrows_cycle() {
        let mut c = choice();
        assert!(c.jump_to('m'));
        assert_eq!(c.label(), "message");
        assert!(c.jump_to('M'));
        assert_eq!(c.label(), "meeting");
        assert!(!c.jump_to('z'));
        c.prev();
        assert_eq!(c.label(), "event");
        c.next();
        assert_eq!(*c.value(), 0);
    }

    #[test]
    fn options_that_do_not_fit_end_in_an_ellipsis() {
        let drawn = |width: u16| {
            let area = Rect::new(0, 0, width, 1);
            let mut buf = Buffer::empty(area);
            choice().render_all(area, &mut buf, true, &Theme::monochrome());
            (0..width)
                .map(|x| buf[(x, 0)].symbol().to_string())
                .collect::<String>()
        };
        assert_eq!(drawn(40).trim_end(), "[meeting] call message event");
        // "message" ends exactly at the edge: "event" is still marked.
        assert_eq!(drawn(22), "[meeting] call messag…");
        assert_eq!(drawn(12), "[meeting] c…");
    }
}
