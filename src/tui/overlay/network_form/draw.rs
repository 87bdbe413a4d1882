//! Drawing the network form: one line per field, its error under it, and a
//! hint for the focused field (or the discard question) at the bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};
use tui_input::Input;

use super::{Field, NetworkForm};
use crate::tui::overlay::prompt::draw_input;
use crate::tui::theme::Theme;
use crate::tui::widgets::{cell_text, centered};
use ties::model::{Intent, Role};

const WIDTH: u16 = 70;
const LABEL: usize = 14;

fn label(field: Field) -> &'static str {
    match field {
        Field::Role => "Role",
        Field::Intent => "Intent",
        Field::Hours => "Hours a month",
        Field::Goal => "Goal",
        Field::Review => "Review on",
    }
}

fn hint(field: Field) -> &'static str {
    match field {
        Field::Role => "←/→ chooses: your part, from reading along to leading",
        Field::Intent => "←/→ chooses: what you mean to do with this network",
        Field::Hours => "the time you mean to give it · blank: no budget",
        Field::Goal => "what you want from it, in a sentence",
        Field::Review => "2027-03-01, a span from today like 3m, or blank",
    }
}

pub fn render(form: &NetworkForm, area: Rect, buf: &mut Buffer, theme: &Theme) {
    // Each field's line, and where typed fields go once the text is laid out.
    let mut lines: Vec<Line> = Vec::new();
    let mut inputs: Vec<(usize, &Input, bool)> = Vec::new();
    for field in Field::ALL {
        let focused = form.focus == field;
        let marker = if focused { "▸ " } else { "  " };
        let label_style = if focused { theme.accent } else { theme.dim };
        let mut spans = vec![
            Span::styled(marker, theme.accent),
            Span::styled(format!("{:<LABEL$}", label(field)), label_style),
        ];
        match field {
            Field::Role => spans.extend(choices(Role::ALL, form.role, focused, theme)),
            Field::Intent => spans.extend(choices(Intent::ALL, form.intent, focused, theme)),
            Field::Hours => inputs.push((lines.len(), &form.hours, focused)),
            Field::Goal => inputs.push((lines.len(), &form.goal, focused)),
            Field::Review => inputs.push((lines.len(), &form.review, focused)),
        }
        lines.push(Line::from(spans));
        if let Some(error) = form.error(field) {
            lines.push(Line::styled(
                format!("{:width$}{}", "", cell_text(&error), width = LABEL + 2),
                theme.error,
            ));
        }
    }
    lines.push(Line::raw(""));
    lines.push(if form.confirming_discard {
        Line::styled(
            "Discard your changes? y discards · any other key keeps editing",
            theme.notice,
        )
    } else {
        Line::styled(hint(form.focus), theme.dim)
    });

    let width = WIDTH.min(area.width.saturating_sub(4)).max(30);
    let height = lines.len() as u16 + 4;
    let popup = centered(area, width, height);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(Span::styled(
            format!(" Plan: {} ", cell_text(&form.network.name)),
            theme.title,
        ))
        .title_bottom(Span::styled(
            " Ctrl-S saves · Tab next field · Esc cancels ",
            theme.dim,
        ));
    let inner = block.inner(popup).inner(Margin::new(1, 1));
    block.render(popup, buf);
    Paragraph::new(lines).render(inner, buf);
    let offset = (LABEL + 2) as u16;
    for (row, input, focused) in inputs {
        let y = inner.y + row as u16;
        if y < inner.bottom() && inner.width > offset {
            let field = Rect::new(inner.x + offset, y, inner.width - offset, 1);
            draw_input(input, focused, field, buf, theme);
        }
    }
}

/// Every value of a closed set in a row, the chosen one in brackets.
fn choices<T: Copy + PartialEq + std::fmt::Display>(
    all: &[T],
    chosen: T,
    focused: bool,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (n, value) in all.iter().enumerate() {
        if n > 0 {
            spans.push(Span::raw(" "));
        }
        if *value == chosen {
            let style = if focused { theme.selected } else { theme.title };
            spans.push(Span::styled(format!("[{value}]"), style));
        } else {
            spans.push(Span::styled(value.to_string(), theme.dim));
        }
    }
    spans
}
