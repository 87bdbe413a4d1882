//! Drawing one line of typed text with its cursor. The forms draw into a
//! buffer, not a frame, so the cursor is a reversed cell where typing goes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthChar;

use crate::tui::widgets::cell_text;

/// Whether a typed or pasted character may enter a field: control
/// characters and bidirectional overrides never do, so what is stored is
/// what is shown.
pub fn typeable(c: char) -> bool {
    let mut one = [0u8; 4];
    let text: &str = c.encode_utf8(&mut one);
    cell_text(text) == text
}

/// Draws `text` on the first row of `area`. With a cursor (a char index),
/// the line scrolls so the cursor stays visible and its cell is reversed;
/// without one, text that does not fit ends in `…`.
pub fn draw_line(buf: &mut Buffer, area: Rect, text: &str, cursor: Option<usize>, style: Style) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let width = usize::from(area.width);
    let Some(cursor) = cursor else {
        let shown = cell_text(text);
        buf.set_string(area.x, area.y, ties::text::truncate(&shown, width), style);
        return;
    };
    let split = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i);
    let before = cell_text(&text[..split]);
    let after = cell_text(&text[split..]);
    let cursor_column = ties::text::width(&before);
    // Keep one cell free for the cursor itself.
    let skip = (cursor_column + 1).saturating_sub(width);
    let mut column = 0;
    let mut x = area.x;
    let right = area.x + area.width;
    for ch in before.chars().chain(after.chars()) {
        let w = ch.width().unwrap_or(0);
        let start = column;
        column += w;
        if start < skip {
            continue;
        }
        if x + w as u16 > right {
            break;
        }
        buf.set_string(x, area.y, ch.to_string(), style);
        x += w as u16;
    }
    let cursor_x = area.x + (cursor_column - skip) as u16;
    if cursor_x < right {
        buf[(cursor_x, area.y)].set_style(style.add_modifier(Modifier::REVERSED));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(text: &str, cursor: Option<usize>, width: u16) -> String {
        let area = Rect::new(0, 0, width, 1);
        let mut buf = Buffer::empty(area);
        draw_line(&mut buf, area, text, cursor, Style::new());
        (0..width)
            .map(|x| buf[(x, 0)].symbol().to_string())
            .collect()
    }

    #[test]
    fn long_text_scrolls_to_keep_the_cursor_in_view() {
        assert_eq!(
            drawn("abcdefgh", Some(8), 5),
            "efgh ",
            "the last cell is the cursor"
        );
        assert_eq!(drawn("abcdefgh", Some(2), 5), "abcde");
        assert_eq!(drawn("abcdefgh", None, 5), "abcd…");
    }

    #[test]
    fn control_characters_are_never_typed_or_drawn_raw() {
        assert!(!typeable('\u{1b}'));
        assert!(!typeable('\u{202e}'));
        assert!(typeable('ä') && typeable('王'));
        assert!(!drawn("a\u{1b}b", Some(0), 12).contains('\u{1b}'));
    }
}
