//! The contact page's timeline: every interaction with its note and items,
//! newest first. With the keys on it (Enter or →), a cursor marks one
//! interaction (▸, highlighted) for `e`/Enter (edit), `d` (delete) and `o`
//! (reopen a settled promise); the view scrolls to keep it in sight.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget};

use super::DetailScreen;
use crate::tui::action::Action;
use crate::tui::scroll;
use crate::tui::theme::Theme;
use crate::tui::widgets::{cell_text, fit_line};
use ties::model::{Direction, Interaction, Item, ItemState};

/// Lines an interaction takes at least (its head and a note or an item),
/// to turn a page of lines into a page of interactions.
const LINES_PER_INTERACTION: u16 = 2;

impl DetailScreen {
    /// The interaction under the cursor, while the timeline has the keys.
    pub fn selected_interaction(&self) -> Option<&Interaction> {
        self.timeline_focused
            .then(|| self.detail.interactions.get(self.cursor))
            .flatten()
    }

    /// Gives the keys to the timeline (true) or back to the page.
    pub fn focus_timeline(&mut self, on: bool) {
        self.timeline_focused = on && !self.detail.interactions.is_empty();
        self.cursor = self
            .cursor
            .min(self.detail.interactions.len().saturating_sub(1));
    }

    /// Moves the cursor; false when the action is no movement.
    pub(super) fn move_cursor(&mut self, action: Action) -> bool {
        let page = usize::from((self.timeline_rows / LINES_PER_INTERACTION).max(1));
        let len = self.detail.interactions.len();
        match scroll::in_list(action, self.cursor, 0, len, page) {
            Some((cursor, _)) => {
                self.cursor = cursor;
                true
            }
            None => false,
        }
    }

    pub(super) fn render_timeline(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let me = self.detail.contact.id;
        let width = usize::from(area.width);
        let focused = self.timeline_focused;
        let mut lines: Vec<Line> = Vec::new();
        // The cursor's interaction: its first line and the line after it.
        let mut cursor_lines = (0, 0);
        for (n, interaction) in self.detail.interactions.iter().enumerate() {
            let start = lines.len();
            let mut head = head(interaction, me, theme);
            if focused {
                let gutter = if n == self.cursor { "▸ " } else { "  " };
                head.insert(0, Span::styled(gutter, theme.accent));
            }
            lines.push(fit_line(Line::from(head), width));
            for note in interaction.note.lines() {
                let line = Line::raw(format!("    {}", cell_text(note)));
                lines.push(fit_line(line, width));
            }
            for item in &interaction.items {
                let text = cell_text(&item_text(item, interaction));
                lines.push(fit_line(Line::styled(text, theme.dim), width));
            }
            if focused && n == self.cursor {
                cursor_lines = (start, lines.len());
                for line in &mut lines[start..] {
                    line.style = theme.selected;
                }
            }
        }
        if lines.is_empty() {
            lines.push(Line::styled("No interactions yet: l logs one.", theme.dim));
        }
        self.timeline_rows = area.height.saturating_sub(1);
        let rows = usize::from(self.timeline_rows);
        if focused {
            // The cursor's interaction in view, its head first.
            let (start, end) = cursor_lines;
            let mut scroll = usize::from(self.scroll);
            if end > scroll + rows {
                scroll = end.saturating_sub(rows);
            }
            scroll = scroll.min(start);
            self.scroll = scroll as u16;
        }
        let max_scroll = (lines.len() as u16).saturating_sub(self.timeline_rows);
        self.scroll = self.scroll.min(max_scroll);
        let title = if focused {
            format!(
                " Timeline · {} of {} ",
                self.cursor + 1,
                self.detail.interactions.len()
            )
        } else {
            " Timeline ".to_string()
        };
        Paragraph::new(lines)
            .block(
                Block::new()
                    .borders(Borders::TOP)
                    .title(Span::styled(title, theme.title)),
            )
            .scroll((self.scroll, 0))
            .render(area, buf);
    }
}

/// "2026-11-20  meeting 45 min  with Anna, Bob  · Design Systems".
fn head<'a>(i: &Interaction, me: i64, theme: &Theme) -> Vec<Span<'a>> {
    let others: Vec<&str> = i
        .participants
        .iter()
        .filter(|p| p.id != me)
        .map(|p| p.name.as_str())
        .collect();
    let mut head = vec![
        Span::styled(i.date.to_string(), theme.accent),
        Span::raw(format!("  {}", i.channel)),
    ];
    if let Some(minutes) = i.minutes {
        head.push(Span::styled(format!(" {minutes} min"), theme.dim));
    }
    if !others.is_empty() {
        head.push(Span::raw(format!(
            "  with {}",
            cell_text(&others.join(", "))
        )));
    }
    if let Some(network) = &i.network {
        head.push(Span::styled(
            format!("  · {}", cell_text(&network.name)),
            theme.dim,
        ));
    }
    head
}

/// One item's line: an open promise, a kept one (`o` opens it again), or
/// what was given or received.
fn item_text(item: &Item, interaction: &Interaction) -> String {
    if is_kept_promise(item, interaction) {
        let who = match item.direction {
            Direction::Gave => "you kept",
            Direction::Got => "they kept",
        };
        let on = item
            .settled_on
            .map(|d| format!(" · {d}"))
            .unwrap_or_default();
        return format!("    ✓ {who}: {}{on}", item.note);
    }
    match (item.state, item.direction) {
        (ItemState::Open, Direction::Gave) => format!("    ○ I promised: {}", item.note),
        (ItemState::Open, Direction::Got) => format!("    ○ they promised: {}", item.note),
        (ItemState::Done, direction) => format!(
            "    {} {} {} {}{}",
            if direction == Direction::Gave {
                "→ gave"
            } else {
                "← got "
            },
            item.kind,
            "●".repeat(usize::from(item.weight)),
            item.counterparty.name,
            if item.note.is_empty() {
                String::new()
            } else {
                format!(" ({})", item.note)
            }
        ),
    }
}

/// A promise kept after the day it was made (settled later), which `o`
/// can open again. Items given on the day are done from the start.
pub fn is_kept_promise(item: &Item, interaction: &Interaction) -> bool {
    item.state == ItemState::Done && item.settled_on.is_some_and(|day| day > interaction.date)
}
