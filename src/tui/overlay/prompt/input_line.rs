//! One line of text input (a `tui_input::Input`) drawn into a buffer, with
//! its cursor shown as a reversed cell, and pasted text made single-line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Widget};
use tui_input::{Input, InputRequest};

use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;

/// Draws `input` in `area` (one line). Focused, it scrolls to keep the
/// cursor in view; unfocused, it shows the start, cut with `…`.
pub fn draw_input(input: &Input, focused: bool, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    // Escaping control characters can only lengthen the text, so the
    // cursor stays put for the ordinary text people type.
    let shown = cell_text(input.value());
    if !focused {
        let cut = ties::text::truncate(&shown, usize::from(area.width)).into_owned();
        Paragraph::new(Span::styled(cut, Style::new())).render(area, buf);
        return;
    }
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    let scroll = input.visual_scroll(width);
    let visible: String = skip_columns(&shown, scroll);
    Paragraph::new(Span::styled(visible, Style::new())).render(area, buf);
    // The cursor: a reversed cell (the terminal's own cursor stays hidden).
    let x = input
        .visual_cursor()
        .saturating_sub(scroll)
        .min(usize::from(area.width) - 1) as u16;
    buf[(area.x + x, area.y)].set_style(theme.selected);
}

/// The text after its first `columns` display columns.
fn skip_columns(text: &str, columns: usize) -> String {
    let mut skipped = 0;
    let mut chars = text.chars().peekable();
    while skipped < columns {
        let Some(c) = chars.next() else { break };
        skipped += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    chars.collect()
}

/// Inserts pasted text at the cursor: line breaks become spaces and other
/// control characters are dropped, so a field stays one clean line.
pub fn paste_into(input: &mut Input, text: &str) {
    for c in text.chars() {
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        if !c.is_control() {
            input.handle(InputRequest::InsertChar(c));
        }
    }
}
