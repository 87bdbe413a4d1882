//! The frame every form shares: a cleared, bordered box with a title and
//! the form keys along its bottom edge, a column of labels, and the small
//! "discard this entry?" question.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::line::draw_line;
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;

/// Columns for a label with its focus mark and the gap after it
/// ("▸ Organisation  ").
pub const LABEL_WIDTH: u16 = 16;

/// Draws the form's box, at most `width` × `height`, centred in `area`, with
/// `footer` (the form keys, from `Keymap::footer(Scope::Form)`) along its
/// bottom edge; returns the box and the area inside it (one column of
/// padding each side).
pub fn draw_form_box(
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    footer: &[(String, &'static str)],
    title: &str,
    width: u16,
    height: u16,
) -> (Rect, Rect) {
    let form = centered(area, width, height);
    Clear.render(form, buf);
    let mut keys = vec![Span::raw(" ")];
    for (key, label) in footer {
        keys.push(Span::styled(key.as_str(), theme.accent));
        keys.push(Span::styled(format!(" {label}  "), theme.dim));
    }
    let block = Block::bordered()
        .title(Span::styled(format!(" {title} "), theme.title))
        .title_bottom(Line::from(keys));
    let inner = block.inner(form).inner(Margin::new(1, 0));
    block.render(form, buf);
    (form, inner)
}

/// The label and value areas of a field that starts at row `y` of `inner`
/// and is `height` rows tall (clipped to `inner`).
pub fn field_row(inner: Rect, y: u16, height: u16) -> (Rect, Rect) {
    let bottom = inner.y + inner.height;
    let top = (inner.y + y).min(bottom);
    let height = height.min(bottom - top);
    let label_width = LABEL_WIDTH.min(inner.width);
    let label = Rect::new(inner.x, top, label_width, height);
    let value = Rect::new(
        inner.x + label_width,
        top,
        inner.width - label_width,
        height,
    );
    (label, value)
}

/// A field's label: marked and in the accent colour while it has focus.
pub fn draw_label(buf: &mut Buffer, area: Rect, text: &str, focused: bool, theme: &Theme) {
    let area = Rect {
        height: area.height.min(1),
        ..area
    };
    if focused {
        draw_line(buf, area, &format!("▸ {text}"), None, theme.accent);
    } else {
        draw_line(buf, area, &format!("  {text}"), None, theme.text);
    }
}

/// One line of guidance (or an error) at `area`'s first row.
pub fn hint_line(buf: &mut Buffer, area: Rect, text: &str, style: ratatui::style::Style) {
    draw_line(
        buf,
        Rect {
            height: area.height.min(1),
            ..area
        },
        text,
        None,
        style,
    );
}

/// "Discard this entry?" over the middle of the form.
pub fn draw_discard_question(form: Rect, buf: &mut Buffer, theme: &Theme) {
    let question = centered(form, 56, 3);
    Clear.render(question, buf);
    let line = Line::from(vec![
        Span::styled("Discard this entry?  ", theme.title),
        Span::styled("y Esc", theme.accent),
        Span::styled(" discard  ", theme.dim),
        Span::styled("n", theme.accent),
        Span::styled(" keep editing", theme.dim),
    ]);
    Paragraph::new(line)
        .block(
            Block::bordered()
                .border_style(theme.notice)
                .padding(ratatui::widgets::Padding::horizontal(1)),
        )
        .render(question, buf);
}
