//! A multi-line note: Enter breaks the line, the arrows move through the
//! text, and ↑ on the first line or ↓ on the last leave the field. Its line
//! keys are those of a text field (Ctrl-U clears the line, Ctrl-W deletes a
//! word, Ctrl-K deletes to the end); unlike a one-line field it never
//! replaces its text on the first key: a note is kept and added to.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::line::{draw_line, typeable};

/// More than a note needs; keeps a runaway paste from growing without end.
const MAX_CHARS: usize = 20_000;

pub struct NoteField {
    lines: Vec<String>,
    row: usize,
    /// The cursor within its line, as a char index.
    column: usize,
    /// The first line shown, kept so the cursor's line stays in view.
    scroll: usize,
}

impl NoteField {
    pub fn new(text: &str) -> NoteField {
        let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        NoteField {
            lines,
            row: 0,
            column: 0,
            scroll: 0,
        }
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn is_blank(&self) -> bool {
        self.lines.iter().all(|line| line.trim().is_empty())
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    fn line_len(&self) -> usize {
        self.lines[self.row].chars().count()
    }

    fn byte_at(&self, column: usize) -> usize {
        let line = &self.lines[self.row];
        line.char_indices()
            .nth(column)
            .map_or(line.len(), |(i, _)| i)
    }

    /// Focus arrived: the cursor goes to the end of the text.
    pub fn focus(&mut self) {
        self.row = self.lines.len() - 1;
        self.column = self.line_len();
    }

    fn total_chars(&self) -> usize {
        self.lines.iter().map(|l| l.chars().count() + 1).sum()
    }

    fn insert(&mut self, c: char) {
        if self.total_chars() >= MAX_CHARS {
            return;
        }
        if c == '\n' {
            let at = self.byte_at(self.column);
            let rest = self.lines[self.row].split_off(at);
            self.lines.insert(self.row + 1, rest);
            self.row += 1;
            self.column = 0;
        } else if typeable(c) {
            let at = self.byte_at(self.column);
            self.lines[self.row].insert(at, c);
            self.column += 1;
        }
    }

    fn backspace(&mut self) {
        if self.column > 0 {
            self.column -= 1;
            let at = self.byte_at(self.column);
            self.lines[self.row].remove(at);
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.column = self.line_len();
            self.lines[self.row].push_str(&line);
        }
    }

    fn delete(&mut self) {
        if self.column < self.line_len() {
            let at = self.byte_at(self.column);
            self.lines[self.row].remove(at);
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    /// Ctrl-W: the word before the cursor, and the spaces after it.
    fn delete_word(&mut self) {
        let line: Vec<char> = self.lines[self.row].chars().collect();
        let mut start = self.column;
        while start > 0 && line[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !line[start - 1].is_whitespace() {
            start -= 1;
        }
        let (from, to) = (self.byte_at(start), self.byte_at(self.column));
        self.lines[self.row].replace_range(from..to, "");
        self.column = start;
    }

    /// Edits or moves with `key`; false when the key should move focus
    /// instead (↑ on the first line, ↓ on the last, Tab, Esc…).
    pub fn handle_key(&mut self, key: &KeyEvent) -> bool {
        if key.modifiers.contains(KeyModifiers::CONTROL)
            && !key.modifiers.contains(KeyModifiers::ALT)
        {
            match key.code {
                KeyCode::Char('u') => {
                    self.lines[self.row].clear();
                    self.column = 0;
                }
                KeyCode::Char('w') => self.delete_word(),
                KeyCode::Char('k') => {
                    let at = self.byte_at(self.column);
                    self.lines[self.row].truncate(at);
                }
                KeyCode::Char('a') => self.column = 0,
                KeyCode::Char('e') => self.column = self.line_len(),
                _ => return false,
            }
            return true;
        }
        if key.modifiers.contains(KeyModifiers::ALT)
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            return false;
        }
        match key.code {
            KeyCode::Char(c) => self.insert(c),
            KeyCode::Enter => self.insert('\n'),
            KeyCode::Backspace => self.backspace(),
            KeyCode::Delete => self.delete(),
            KeyCode::Left if self.column > 0 => self.column -= 1,
            KeyCode::Left if self.row > 0 => {
                self.row -= 1;
                self.column = self.line_len();
            }
            KeyCode::Right if self.column < self.line_len() => self.column += 1,
            KeyCode::Right if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.column = 0;
            }
            KeyCode::Left | KeyCode::Right => {}
            KeyCode::Home => self.column = 0,
            KeyCode::End => self.column = self.line_len(),
            KeyCode::Up if self.row > 0 => {
                self.row -= 1;
                self.column = self.column.min(self.line_len());
            }
            KeyCode::Down if self.row + 1 < self.lines.len() => {
                self.row += 1;
                self.column = self.column.min(self.line_len());
            }
            _ => return false,
        }
        true
    }

    /// Inserts pasted text at the cursor, line breaks and all.
    pub fn paste(&mut self, text: &str) {
        let text = text
            .replace("\r\n", "\n")
            .replace(['\r'], "\n")
            .replace('\t', " ");
        for c in text.chars() {
            self.insert(c);
        }
    }

    /// Draws the lines that fit, scrolled so the cursor's line shows.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, focused: bool, style: Style) {
        let height = usize::from(area.height);
        if height == 0 {
            return;
        }
        if self.row < self.scroll {
            self.scroll = self.row;
        } else if self.row >= self.scroll + height {
            self.scroll = self.row + 1 - height;
        }
        for (offset, line) in self.lines.iter().skip(self.scroll).take(height).enumerate() {
            let row = self.scroll + offset;
            let line_area = Rect::new(area.x, area.y + offset as u16, area.width, 1);
            let cursor = (focused && row == self.row).then_some(self.column);
            draw_line(buf, line_area, line, cursor, style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(note: &mut NoteField, code: KeyCode) -> bool {
        note.handle_key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn enter_breaks_lines_and_backspace_joins_them() {
        let mut note = NoteField::new("");
        for c in "coffee".chars() {
            press(&mut note, KeyCode::Char(c));
        }
        press(&mut note, KeyCode::Enter);
        for c in "slides".chars() {
            press(&mut note, KeyCode::Char(c));
        }
        assert_eq!(note.text(), "coffee\nslides");
        press(&mut note, KeyCode::Home);
        press(&mut note, KeyCode::Backspace);
        assert_eq!(note.text(), "coffeeslides");
    }

    #[test]
    fn arrows_leave_the_field_only_at_its_edges() {
        let mut note = NoteField::new("one\ntwo");
        assert!(!press(&mut note, KeyCode::Up), "first line: ↑ leaves");
        assert!(press(&mut note, KeyCode::Down));
        assert!(!press(&mut note, KeyCode::Down), "last line: ↓ leaves");
    }

    #[test]
    fn line_keys_are_those_of_a_text_field() {
        let mut note = NoteField::new("coffee\nsend the slides");
        note.focus();
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        note.handle_key(&ctrl('w'));
        assert_eq!(note.text(), "coffee\nsend the ");
        note.handle_key(&ctrl('u'));
        assert_eq!(note.text(), "coffee\n", "Ctrl-U clears the line only");
        press(&mut note, KeyCode::Char('x'));
        assert_eq!(note.text(), "coffee\nx", "typing adds at the end");
    }

    #[test]
    fn pasted_line_breaks_are_kept_and_controls_dropped() {
        let mut note = NoteField::new("");
        note.paste("a\r\nb\u{1b}[2Jc");
        assert_eq!(note.text(), "a\nb[2Jc");
    }
}
