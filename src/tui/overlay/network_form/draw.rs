//! Drawing the network form in the frame every form shares: one labelled
//! row per field, a note beside a typed field (how it is read, or what is
//! wrong with it), and one line of guidance at the bottom.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Field, NetworkForm, check};
use crate::tui::overlay::fields::{
    draw_discard_question, draw_form_box, draw_label, draw_line, field_row, hint_line,
};
use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;

const MAX_WIDTH: u16 = 76;
/// Columns of a typed value before the note beside it.
const INPUT_WIDTH: u16 = 14;

fn label(field: Field) -> &'static str {
    match field {
        Field::Role => "Role",
        Field::Intent => "Intent",
        Field::Hours => "Hours a month",
        Field::Goal => "Goal",
        Field::Review => "Review on",
        Field::Note => "Note",
    }
}

fn hint(field: Field) -> &'static str {
    match field {
        Field::Role => "←/→ or Space change it · your part, from reading along to leading",
        Field::Intent => "←/→ or Space change it · what you mean to do with this network",
        Field::Hours => "the time you mean to give it · blank: no budget",
        Field::Goal => "what you want from it, in a sentence",
        Field::Review => "2027-03-01, a span from today like 3m, or blank",
        Field::Note => "anything to remember about it · Enter starts a new line",
    }
}

impl NetworkForm {
    /// `keys`: the form keys for the bottom edge, from the keymap in use.
    pub fn render(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keys: &[(String, &'static str)],
    ) {
        let gap = u16::from(area.height >= 20);
        let single = Field::ALL.len() as u16 - 1;
        // The note grows with its text, within what the screen leaves.
        let room = area.height.saturating_sub(4 + 2 + single + gap + 1);
        let note_rows = (self.note.line_count() as u16).clamp(2, 5).min(room).max(1);
        let rows = single + note_rows + gap + 1;
        let width = area.width.saturating_sub(2).min(MAX_WIDTH);
        let title = format!(
            "Plan: {}",
            ties::text::truncate(&cell_text(&self.network.name), 50)
        );
        let (form, inner) = draw_form_box(area, buf, theme, keys, &title, width, rows + 2);
        for (y, field) in Field::ALL.into_iter().enumerate() {
            let focused = self.state.focus == field;
            let height = if field == Field::Note { note_rows } else { 1 };
            let (label_area, value) = field_row(inner, y as u16, height);
            draw_label(buf, label_area, label(field), focused, theme);
            match field {
                Field::Role => self.role.render_all(value, buf, focused, theme),
                Field::Intent => self.intent.render_all(value, buf, focused, theme),
                Field::Goal => self.goal.render(value, buf, focused, theme.text),
                Field::Hours | Field::Review => self.draw_typed(field, value, buf, theme),
                Field::Note if self.note.is_blank() && !focused => {
                    draw_line(buf, value, "no note", None, theme.dim);
                }
                Field::Note => self.note.render(value, buf, focused, theme.text),
            }
        }
        let hint_area = Rect {
            y: inner.y + single + note_rows + gap,
            height: 1,
            ..inner
        };
        if hint_area.y < inner.y + inner.height {
            match &self.state.message {
                Some(message) => hint_line(buf, hint_area, &format!("✗ {message}"), theme.error),
                None => hint_line(buf, hint_area, hint(self.state.focus), theme.dim),
            }
        }
        if self.state.confirming_discard {
            draw_discard_question(form, buf, theme);
        }
    }

    /// Hours or the review date, with how it reads or its problem beside it.
    fn draw_typed(&self, field: Field, value: Rect, buf: &mut Buffer, theme: &Theme) {
        let focused = self.state.focus == field;
        let input = Rect {
            width: INPUT_WIDTH.min(value.width),
            ..value
        };
        let after = Rect {
            x: input.x + input.width + 1,
            width: value.width.saturating_sub(input.width + 1),
            ..value
        };
        let (text, placeholder) = match field {
            Field::Hours => (&self.hours, "no budget"),
            _ => (&self.review, "no review date"),
        };
        if text.is_blank() && !focused {
            draw_line(buf, value, placeholder, None, theme.dim);
            return;
        }
        let side: Option<(String, Style)> = match field {
            Field::Hours => match check::hours(self.hours.value()) {
                Err(problem) if self.state.shows_problem(field) => {
                    Some((format!("✗ {problem}"), theme.error))
                }
                _ => None,
            },
            _ => match check::review_date(self.review.value(), self.today) {
                Ok(Some(date)) => Some((format!("→ {}", self.day(date)), theme.dim)),
                Err(problem) if self.state.shows_problem(field) => {
                    Some((format!("✗ {problem}"), theme.error))
                }
                _ => None,
            },
        };
        text.render(input, buf, focused, theme.text);
        if let Some((note, style)) = side {
            draw_line(buf, after, &note, None, style);
        }
    }

    /// "Mon 1 Mar 2027 · in 95 d".
    fn day(&self, date: chrono::NaiveDate) -> String {
        let shown = if date.year() == self.today.year() {
            date.format("%a %-d %b")
        } else {
            date.format("%a %-d %b %Y")
        };
        format!("{shown} · {}", ties::dates::relative(date, self.today))
    }
}
