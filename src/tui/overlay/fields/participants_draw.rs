//! Drawing people picked by fuzzy search: the chips flowed into lines with
//! the query after them, and the dropdown of matches under the field.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, Clear, Widget};

use super::line::draw_line;
use super::participants::{Chip, ParticipantsField, Person, Suggestion};
use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;

/// Widest the dropdown gets.
const DROPDOWN_WIDTH: u16 = 52;

/// What goes on one line of the field: chips, then the query.
pub type ChipLine = Vec<Token>;

pub enum Token {
    /// An index into the chips.
    Chip(usize),
    Query,
}

fn chip_label(person: &Person) -> String {
    match person {
        Person::Stored(contact) => format!("[{}]", cell_text(&contact.name)),
        Person::New(name) => format!("[+ {}]", cell_text(name)),
    }
}

fn chip_text(person: &Person, theme: &Theme) -> (String, Style) {
    let style = match person {
        Person::Stored(_) => theme.accent,
        Person::New(_) => theme.notice,
    };
    (chip_label(person), style)
}

/// Flows the chips and the query into lines of `width` columns.
pub fn chip_lines(chips: &[Chip], width: u16, query: &str) -> Vec<ChipLine> {
    let width = usize::from(width.max(1));
    let mut lines: Vec<ChipLine> = vec![Vec::new()];
    let mut used = 0;
    let widths = chips
        .iter()
        .map(|chip| ties::text::width(&chip_label(&chip.person)) + 1);
    for (index, chip_width) in widths.enumerate() {
        if used > 0 && used + chip_width > width {
            lines.push(Vec::new());
            used = 0;
        }
        if let Some(line) = lines.last_mut() {
            line.push(Token::Chip(index));
        }
        used += chip_width;
    }
    // The query wants room for what is typed plus a few columns.
    let query_width = ties::text::width(&cell_text(query)) + 12;
    if used > 0 && used + query_width.min(width) > width {
        lines.push(Vec::new());
    }
    if let Some(line) = lines.last_mut() {
        line.push(Token::Query);
    }
    lines
}

/// Draws the chips of `lines` over `value`'s rows (the last lines when not
/// all fit: the query is there); returns where the query goes.
pub fn draw_chip_lines(
    field: &ParticipantsField,
    value: Rect,
    lines: &[ChipLine],
    buf: &mut Buffer,
    theme: &Theme,
) -> Rect {
    let mut query_at = Rect { height: 1, ..value };
    let hidden = lines.len().saturating_sub(usize::from(value.height));
    for (row, tokens) in lines.iter().skip(hidden).enumerate() {
        let mut x = value.x;
        let line_y = value.y + row as u16;
        for token in tokens {
            let right = value.x + value.width;
            let area = Rect::new(x, line_y, right.saturating_sub(x), 1);
            match token {
                Token::Chip(index) => {
                    let Some(chip) = field.chips.get(*index) else {
                        continue;
                    };
                    let (text, style) = chip_text(&chip.person, theme);
                    draw_line(buf, area, &text, None, style);
                    x = x
                        .saturating_add(ties::text::width(&text) as u16 + 1)
                        .min(right);
                }
                Token::Query => query_at = area,
            }
        }
    }
    query_at
}

/// The dropdown of matches, from the row of `value` down to `bottom`
/// (drawn over what is there); with nothing to offer, `none` says so.
pub fn draw_dropdown(
    field: &ParticipantsField,
    value: Rect,
    bottom: u16,
    none: Option<&str>,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let rows = field.suggestions.len().max(usize::from(none.is_some())) as u16;
    let height = (rows + 2).min(bottom.saturating_sub(value.y));
    if height < 3 {
        return;
    }
    let area = Rect::new(
        value.x.saturating_sub(1),
        value.y,
        value.width.min(DROPDOWN_WIDTH) + 1,
        height,
    );
    Clear.render(area, buf);
    let block = Block::bordered().border_style(theme.dim);
    let list = block.inner(area);
    block.render(area, buf);
    if field.suggestions.is_empty()
        && let Some(none) = none
    {
        draw_line(buf, Rect { height: 1, ..list }, none, None, theme.dim);
        return;
    }
    for (i, suggestion) in field
        .suggestions
        .iter()
        .enumerate()
        .take(usize::from(list.height))
    {
        let picked = i == field.picked;
        let (text, style) = match suggestion {
            Suggestion::Contact(index) => match field.candidate(*index) {
                Some(c) if c.archived => (format!("{} (archived)", c.name), theme.dim),
                Some(c) => (c.name.clone(), theme.text),
                None => continue,
            },
            Suggestion::AddNew(name) => (format!("+ add \"{name}\" as a new person"), theme.notice),
        };
        let row = Rect::new(list.x, list.y + i as u16, list.width, 1);
        let style = if picked {
            style.patch(theme.selected)
        } else {
            style
        };
        if picked {
            buf.set_style(row, theme.selected);
        }
        draw_line(
            buf,
            row,
            &format!("{} {text}", if picked { "▸" } else { " " }),
            None,
            style,
        );
    }
}
