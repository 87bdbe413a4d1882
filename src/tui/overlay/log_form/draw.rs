//! Drawing the log form: one labelled row per field, the participants'
//! dropdown over the rows below them, the items as a small table, the
//! details (channel, minutes, network, time) below them, and one line of guidance
//! (or the reason a save was refused) at the bottom.

use chrono::Datelike;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ties::dates::relative;

use super::check;
use super::items::{Cell, ItemRow};
use super::{Field, LogForm};
use crate::tui::overlay::fields::{
    ChipLine, LABEL_WIDTH, chip_lines, draw_chip_lines, draw_discard_question, draw_dropdown,
    draw_form_box, draw_label, draw_line, field_row, hint_line,
};
use crate::tui::theme::Theme;

const MAX_WIDTH: u16 = 96;
/// Columns of the date's text box; the parsed date shows after it.
const DATE_WIDTH: u16 = 18;
/// Columns of the flow ("they promised") and weight ("●●●○○") cells.
const FLOW_WIDTH: u16 = 13;
const WEIGHT_WIDTH: u16 = 6;
/// Rows every form shows whatever its content: date, the items' header,
/// channel, minutes, network, time and the hint line (plus three blank
/// separators where the screen has room).
const FIXED_ROWS: u16 = 7;
/// Below this many rows the blank separators go.
const ROOMY_HEIGHT: u16 = 20;

/// The rows each part gets, after fitting the form to the screen.
struct Heights {
    /// A blank separator's rows: 1, or 0 on a small screen.
    gap: u16,
    participants: u16,
    note: u16,
    items: u16,
}

impl LogForm {
    /// `keys`: the form keys for the bottom edge, from the keymap in use.
    pub fn render(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        keys: &[(String, &'static str)],
    ) {
        let width = area.width.saturating_sub(2).min(MAX_WIDTH);
        let value_width = width.saturating_sub(4 + LABEL_WIDTH);
        let chip_lines = chip_lines(
            &self.participants.chips,
            value_width,
            self.participants.query.value(),
        );
        let heights = self.heights(area, chip_lines.len() as u16);
        let inner_height =
            FIXED_ROWS + 3 * heights.gap + heights.participants + heights.note + heights.items;
        let (form, inner) = draw_form_box(
            area,
            buf,
            theme,
            keys,
            &self.title(),
            width,
            inner_height + 2,
        );
        let mut y = 0;
        self.draw_participants(inner, y, heights.participants, &chip_lines, buf, theme);
        y += heights.participants;
        let dropdown_top = y;
        self.draw_date(inner, y, buf, theme);
        y += 1 + heights.gap;
        self.draw_note(inner, y, heights.note, buf, theme);
        y += heights.note + heights.gap;
        self.draw_items(inner, y, heights.items, buf, theme);
        y += 1 + heights.items + heights.gap;
        self.draw_channel_minutes_network(inner, y, buf, theme);
        y += 3;
        self.draw_time(inner, y, buf, theme);
        y += 1;
        self.draw_hint(inner, y, buf, theme);
        if self.state.focus == Field::Participants && self.participants.dropdown_open() {
            self.draw_dropdown(inner, dropdown_top, buf, theme);
        }
        if self.state.confirming_discard {
            draw_discard_question(form, buf, theme);
        }
    }

    /// Grows the note and the items with their content, and shrinks them
    /// (the note first) until the form fits the screen.
    fn heights(&self, area: Rect, chip_lines: u16) -> Heights {
        let participants = chip_lines.clamp(1, 3);
        let gap = u16::from(area.height >= ROOMY_HEIGHT);
        let room = area
            .height
            .saturating_sub(4)
            .saturating_sub(FIXED_ROWS + 3 * gap + participants);
        let wanted_note = (self.note.line_count() as u16).clamp(3, 8);
        let wanted_items = (self.items.rows.len() as u16).clamp(2, 10);
        let items = wanted_items.min(room.saturating_sub(1)).max(1);
        let note = wanted_note.min(room.saturating_sub(items)).max(1);
        Heights {
            gap,
            participants,
            note,
            items,
        }
    }

    fn draw_date(&self, inner: Rect, y: u16, buf: &mut Buffer, theme: &Theme) {
        let focused = self.state.focus == Field::Date;
        let (label, value) = field_row(inner, y, 1);
        draw_label(buf, label, "Date", focused, theme);
        let input = Rect {
            width: DATE_WIDTH.min(value.width),
            ..value
        };
        self.date.render(input, buf, focused, theme.text);
        let after = Rect {
            x: input.x + input.width + 1,
            width: value.width.saturating_sub(input.width + 1),
            ..value
        };
        match check::date(self.date.value(), self.today) {
            Ok(date) => {
                let shown = if date.year() == self.today.year() {
                    date.format("%a %-d %b").to_string()
                } else {
                    date.format("%a %-d %b %Y").to_string()
                };
                let text = format!("→ {shown} · {}", relative(date, self.today));
                draw_line(buf, after, &text, None, theme.dim);
            }
            Err(problem) if self.state.shows_problem(Field::Date) => {
                draw_line(buf, after, &format!("✗ {problem}"), None, theme.error);
            }
            Err(_) => {}
        }
    }

    fn draw_participants(
        &self,
        inner: Rect,
        y: u16,
        height: u16,
        lines: &[ChipLine],
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let focused = self.state.focus == Field::Participants;
        let (label, value) = field_row(inner, y, height);
        draw_label(buf, label, "Participants", focused, theme);
        let query_at = draw_chip_lines(&self.participants, value, lines, buf, theme);
        // After the cursor's cell when focused, so the cursor shows.
        let skip = u16::from(focused || self.state.tried_to_save);
        let after = Rect {
            x: query_at.x + skip,
            width: query_at.width.saturating_sub(skip),
            ..query_at
        };
        if self.showing_prefill() {
            let text = if focused {
                "← from the list · Backspace removes it"
            } else {
                "← from the list"
            };
            draw_line(buf, after, text, None, theme.dim);
        } else if self.participants.chips.is_empty() && self.participants.query.value().is_empty() {
            if self.state.tried_to_save {
                draw_line(
                    buf,
                    after,
                    "✗ add at least one participant",
                    None,
                    theme.error,
                );
            } else {
                draw_line(buf, after, "type a name", None, theme.dim);
            }
        }
        self.participants
            .query
            .render(query_at, buf, focused, theme.text);
    }

    fn draw_dropdown(&self, inner: Rect, top: u16, buf: &mut Buffer, theme: &Theme) {
        let (_, value) = field_row(inner, top, 1);
        let bottom = inner.y + inner.height;
        draw_dropdown(&self.participants, value, bottom, None, buf, theme);
    }

    fn draw_channel_minutes_network(&self, inner: Rect, y: u16, buf: &mut Buffer, theme: &Theme) {
        let (label, value) = field_row(inner, y, 1);
        let focused = self.state.focus == Field::Channel;
        draw_label(buf, label, "Channel", focused, theme);
        self.channel.render(value, buf, focused, theme.text);

        let (label, value) = field_row(inner, y + 1, 1);
        let focused = self.state.focus == Field::Minutes;
        draw_label(buf, label, "Minutes", focused, theme);
        let input = Rect {
            width: 6.min(value.width),
            ..value
        };
        self.minutes.render(input, buf, focused, theme.text);
        let after = Rect {
            x: input.x + 7,
            width: value.width.saturating_sub(7),
            ..value
        };
        match check::minutes(self.minutes.value()) {
            Err(problem) if self.state.shows_problem(Field::Minutes) => {
                draw_line(buf, after, &format!("✗ {problem}"), None, theme.error)
            }
            Err(_) => {}
            Ok(_) if self.minutes.is_blank() && !focused => {
                draw_line(buf, input, "—", None, theme.dim)
            }
            Ok(_) => {}
        }

        let (label, value) = field_row(inner, y + 2, 1);
        let focused = self.state.focus == Field::Network;
        draw_label(buf, label, "Network", focused, theme);
        let style = if self.network.index() == 0 {
            theme.dim
        } else {
            theme.text
        };
        self.network.render(value, buf, focused, style);
    }

    fn draw_time(&self, inner: Rect, y: u16, buf: &mut Buffer, theme: &Theme) {
        let (label, value) = field_row(inner, y, 1);
        let focused = self.state.focus == Field::Time;
        draw_label(buf, label, "Time", focused, theme);
        let input = Rect {
            width: 6.min(value.width),
            ..value
        };
        self.time.render(input, buf, focused, theme.text);
        let after = Rect {
            x: input.x + 7,
            width: value.width.saturating_sub(7),
            ..value
        };
        match check::time(self.time.value()) {
            Err(problem) if self.state.shows_problem(Field::Time) => {
                draw_line(buf, after, &format!("✗ {problem}"), None, theme.error)
            }
            Ok(None) if !focused => draw_line(buf, input, "—", None, theme.dim),
            _ => {}
        }
    }

    fn draw_note(&mut self, inner: Rect, y: u16, height: u16, buf: &mut Buffer, theme: &Theme) {
        let focused = self.state.focus == Field::Note;
        let (label, value) = field_row(inner, y, height);
        draw_label(buf, label, "Note", focused, theme);
        if self.note.is_blank() && self.note.line_count() == 1 && !focused {
            draw_line(buf, value, "what happened, what was said", None, theme.dim);
        } else {
            self.note.render(value, buf, focused, theme.text);
        }
    }

    fn draw_items(&mut self, inner: Rect, y: u16, height: u16, buf: &mut Buffer, theme: &Theme) {
        let focused = self.state.focus == Field::Items;
        let (label, header) = field_row(inner, y, 1);
        draw_label(buf, label, "Items", focused, theme);
        let columns = Columns::new(header);
        let head = [
            (columns.flow, "direction"),
            (columns.what, "kind · promise"),
            (columns.weight, "weight"),
            (columns.with, "with"),
        ];
        for (area, text) in head {
            draw_line(buf, area, text, None, theme.dim);
        }
        let (_, body) = field_row(inner, y + 1, height);
        if self.items.rows.is_empty() {
            let text = if focused {
                "none yet: + gave · - got · p I promised · e they promised"
            } else {
                "none yet: what was given, received or promised"
            };
            draw_line(buf, body, text, None, theme.dim);
            return;
        }
        let visible = usize::from(body.height);
        if visible == 0 {
            return;
        }
        let selected = self.items.selected;
        if selected < self.items.scroll {
            self.items.scroll = selected;
        } else if selected >= self.items.scroll + visible {
            self.items.scroll = selected + 1 - visible;
        }
        for (offset, row) in self
            .items
            .rows
            .iter()
            .enumerate()
            .skip(self.items.scroll)
            .take(visible)
        {
            let line = Rect {
                y: body.y + (offset - self.items.scroll) as u16,
                height: 1,
                ..body
            };
            let current = focused && offset == selected;
            if current {
                draw_line(
                    buf,
                    Rect::new(line.x - 2, line.y, 1, 1),
                    "▸",
                    None,
                    theme.accent,
                );
            }
            let focus_cell = current.then(|| self.items.cell());
            self.draw_item(row, Columns::new(line), focus_cell, buf, theme);
        }
    }

    fn draw_item(
        &self,
        row: &ItemRow,
        columns: Columns,
        focus: Option<Cell>,
        buf: &mut Buffer,
        theme: &Theme,
    ) {
        let style_of = |cell: Cell, base: Style| {
            if focus == Some(cell) {
                base.patch(theme.selected)
            } else {
                base
            }
        };
        draw_line(
            buf,
            columns.flow,
            row.flow.label(),
            None,
            style_of(Cell::Flow, theme.text),
        );
        if row.flow.is_promise() {
            let editing = focus == Some(Cell::What);
            if row.promise.value().is_empty() && !editing {
                let style = if self.state.tried_to_save {
                    theme.error
                } else {
                    theme.dim
                };
                draw_line(buf, columns.what, "what was promised", None, style);
            } else {
                row.promise.render(columns.what, buf, editing, theme.text);
            }
        } else {
            draw_line(
                buf,
                columns.what,
                row.kind.as_str(),
                None,
                style_of(Cell::What, theme.text),
            );
        }
        let weight = format!(
            "{}{}",
            "●".repeat(usize::from(row.weight)),
            "○".repeat(5usize.saturating_sub(usize::from(row.weight)))
        );
        draw_line(
            buf,
            columns.weight,
            &weight,
            None,
            style_of(Cell::Weight, theme.accent),
        );
        let with = row.with.and_then(|serial| self.participants.chip(serial));
        match with {
            Some(chip) => draw_line(
                buf,
                columns.with,
                chip.name(),
                None,
                style_of(Cell::With, theme.text),
            ),
            None => draw_line(
                buf,
                columns.with,
                "? who",
                None,
                style_of(Cell::With, theme.error),
            ),
        }
    }

    fn draw_hint(&self, inner: Rect, y: u16, buf: &mut Buffer, theme: &Theme) {
        let area = Rect {
            y: inner.y + y,
            height: 1,
            ..inner
        };
        if area.y >= inner.y + inner.height {
            return;
        }
        if let Some(message) = &self.state.message {
            hint_line(buf, area, &format!("✗ {message}"), theme.error);
            return;
        }
        if self.state.focus == Field::Items
            && let Some(row) = self.items.rows.get(self.items.selected)
            && let Some(problem) = check::row(row, &self.participants.chips)
            && (self.state.tried_to_save || row.with.is_none())
        {
            hint_line(buf, area, &format!("✗ {problem}"), theme.error);
            return;
        }
        let hint = match self.state.focus {
            Field::Date => "today, yesterday, -3d, 2w ago, friday, 2026-11-20 or 11-20",
            Field::Participants => {
                "type a name · ↑↓ choose · Enter adds · Backspace removes the last"
            }
            Field::Channel | Field::Network => "←/→ or Space change it · a letter jumps",
            Field::Minutes => "how long it took, in minutes (optional)",
            Field::Time => "the time of day, like 14:30 (optional)",
            Field::Note => "Enter starts a new line",
            Field::Items if self.items.editing_text() => {
                "type what was promised · @ who · Enter or ←/→ at either end move on"
            }
            Field::Items if self.items.rows.is_empty() => {
                "+ gave · - got · p I promised · e they promised: each adds a row"
            }
            Field::Items => "+ - p e add · a i h r s g o kind · 1-5 weight · @ who · Del removes",
        };
        hint_line(buf, area, hint, theme.dim);
    }
}

/// The four cells of an item row within `line`.
struct Columns {
    flow: Rect,
    what: Rect,
    weight: Rect,
    with: Rect,
}

impl Columns {
    fn new(line: Rect) -> Columns {
        // The kind or promise and the counterparty share what is left.
        let shared = line
            .width
            .saturating_sub(FLOW_WIDTH + 1 + WEIGHT_WIDTH + 1 + 1);
        let with_width = (shared / 2).clamp(8, 24);
        let what_width = shared.saturating_sub(with_width);
        let mut x = line.x;
        let mut next = |width: u16, gap: u16| {
            let cell = Rect::new(x, line.y, width, 1).intersection(line);
            x += width + gap;
            cell
        };
        Columns {
            flow: next(FLOW_WIDTH, 1),
            what: next(what_width, 1),
            weight: next(WEIGHT_WIDTH, 1),
            with: next(with_width, 0),
        }
    }
}
