//! Drawing the contact form: one labelled row per field, a note beside a
//! field when it has something to say (what the text will be read as, or
//! what is wrong with it), and one line of guidance at the bottom.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::check::{self, Organisation};
use super::{ContactForm, Field};
use crate::tui::overlay::fields::Form;
use crate::tui::overlay::fields::{
    draw_discard_question, draw_form_box, draw_label, draw_line, field_row, hint_line,
};
use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;

const MAX_WIDTH: u16 = 88;

impl ContactForm {
    /// `keys`: the form keys for the bottom edge, from the keymap in use.
    pub fn render(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keys: &[(String, &'static str)],
    ) {
        let fields = self.fields();
        let single_rows = fields.len() as u16 - 1;
        // Borders, the hint line, and a blank row above it when there is room.
        let gap = u16::from(area.height >= 20);
        let room = area.height.saturating_sub(2 + 2 + 1 + gap + single_rows);
        let note_rows = (self.note.line_count() as u16).clamp(3, 6).min(room).max(1);
        let width = area.width.saturating_sub(2).min(MAX_WIDTH);
        let title = match &self.original {
            None => "Add a contact".to_string(),
            Some(original) => format!(
                "Edit {}",
                ties::text::truncate(&cell_text(&original.contact.name), 40)
            ),
        };
        let (form, inner) = draw_form_box(
            area,
            buf,
            theme,
            keys,
            &title,
            width,
            single_rows + note_rows + 1 + gap + 2,
        );
        let problems = check::problems(self);
        let mut y = 0;
        for field in fields {
            let focused = self.state.focus == field;
            let height = if field == Field::Note { note_rows } else { 1 };
            let (label, value) = field_row(inner, y, height);
            draw_label(buf, label, field.label(), focused, theme);
            if field == Field::Note && self.note.is_blank() && !focused {
                draw_line(buf, value, "anything worth remembering", None, theme.dim);
            } else if field == Field::Note {
                self.note.render(value, buf, focused, theme.text);
            } else {
                self.draw_single(field, value, &problems, buf, theme);
            }
            y += height;
        }
        self.draw_hint(
            Rect {
                y: inner.y + y + gap,
                height: 1,
                ..inner
            },
            inner,
            buf,
            theme,
        );
        if self.state.confirming_discard {
            draw_discard_question(form, buf, theme);
        }
    }

    fn draw_single(
        &mut self,
        field: Field,
        value: Rect,
        problems: &check::Problems,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let focused = self.state.focus == field;
        let side = self.side_note(field, problems, theme);
        // A note takes what the input leaves, and the input shrinks (to no
        // less than 16 columns) for a long one.
        let input = match &side {
            Some((text, _)) => {
                let room = value
                    .width
                    .saturating_sub(ties::text::width(text) as u16 + 1);
                Rect {
                    width: room
                        .clamp(16, (value.width * 3 / 5).max(16))
                        .min(value.width),
                    ..value
                }
            }
            None => value,
        };
        match field {
            Field::Kind => self.kind.render(input, buf, focused, theme.text),
            Field::Circle => self.circle.render(input, buf, focused, theme.text),
            Field::Cadence if self.cadence.is_blank() && !focused => {
                draw_line(buf, input, "the circle's default", None, theme.dim);
            }
            other => {
                if let Some(text) = self.text_field(other) {
                    text.render(input, buf, focused, theme.text);
                }
            }
        }
        if let Some((text, style)) = side {
            let after = Rect {
                x: input.x + input.width + 1,
                width: value.width.saturating_sub(input.width + 1),
                ..value
            };
            draw_line(buf, after, &text, None, style);
        }
    }

    /// What to say beside a field: its problem, or how its text is read.
    fn side_note(
        &self,
        field: Field,
        problems: &check::Problems,
        theme: &Theme,
    ) -> Option<(String, Style)> {
        let problem = |p: &Option<String>| p.as_ref().map(|p| (format!("✗ {p}"), theme.error));
        match field {
            Field::Name if self.state.tried_to_save => problem(&problems.name),
            Field::Emails if self.state.shows_problem(field) => problem(&problems.emails),
            Field::Phones if self.state.shows_problem(field) => problem(&problems.phones),
            Field::Title if self.state.shows_problem(field) && problems.title.is_some() => {
                problem(&problems.title)
            }
            Field::Title if !self.other_organisations.is_empty() => Some((
                format!("also in {}", self.other_organisations.join(", ")),
                theme.dim,
            )),
            Field::Organisation => {
                match check::organisation(self.organisation.value(), &self.organisations) {
                    Ok(Organisation::None) => None,
                    // Typed in full, the name needs no echo.
                    Ok(Organisation::Existing(org))
                        if ties::text::clean(self.organisation.value()) == org.name =>
                    {
                        None
                    }
                    Ok(Organisation::Existing(org)) => {
                        Some((format!("→ {} · #{}", org.name, org.id), theme.dim))
                    }
                    Ok(Organisation::New { near, .. }) => Some(match near.first() {
                        Some(like) => {
                            (format!("→ new (did you mean {}?)", like.name), theme.notice)
                        }
                        None => ("→ new organisation".to_string(), theme.notice),
                    }),
                    Err(_) if self.state.shows_problem(field) => problem(&problems.organisation),
                    Err(_) => None,
                }
            }
            Field::Birthday => match check::birthday(self.birthday.value()) {
                Ok(Some(day)) => ties::occasions::next_on_or_after(&day, true, self.today)
                    .map(|on| (format!("→ next {on}"), theme.dim)),
                Ok(None) => None,
                Err(_) if self.state.shows_problem(field) => problem(&problems.birthday),
                Err(_) => None,
            },
            Field::Dates if self.state.shows_problem(field) && problems.dates.is_some() => {
                problem(&problems.dates)
            }
            Field::Cadence => match check::cadence(self.cadence.value()) {
                Ok(Some(days)) => Some((format!("→ every {days} days"), theme.dim)),
                Ok(None) => None,
                Err(_) if self.state.shows_problem(field) => problem(&problems.cadence),
                Err(_) => None,
            },
            _ => None,
        }
    }

    fn draw_hint(&self, area: Rect, inner: Rect, buf: &mut Buffer, theme: &Theme) {
        if area.y >= inner.y + inner.height {
            return;
        }
        if let Some(message) = &self.state.message {
            hint_line(buf, area, &format!("✗ {message}"), theme.error);
            return;
        }
        let hint = match self.state.focus {
            Field::Kind => "←/→ or Space: a person or an organisation",
            Field::Name => "the name as you say it",
            Field::Circle => "←/→ or Space change it · how close you are",
            Field::Emails => "comma-separated: anna@example.org, anna@work.fi",
            Field::Phones => "comma-separated: +358 40 123 4567",
            Field::Tags => "comma-separated words to group by: climbing, board",
            Field::Expertise => "comma-separated: what they know about",
            Field::Organisation => "found by name if stored, else added on save",
            Field::Title => "their role there (optional)",
            Field::Cadence => "how often to reconnect: 30d, 2w, 3m; blank for the circle's",
            Field::Birthday => "1990-02-14, or --02-14 without the year; blank for none",
            Field::Dates => {
                "comma-separated: anniversary=2015-06-01, name day=12-09; add ' once' for a one-off"
            }
            Field::MetHow => "where or how you met (optional)",
            Field::Note => "Enter starts a new line",
        };
        hint_line(buf, area, hint, theme.dim);
    }
}
