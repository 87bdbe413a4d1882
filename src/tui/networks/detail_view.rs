//! One network opened: its plan, figures and note on top, then its members
//! (one a line, selectable: Enter opens the contact, `a` adds members, `x`
//! removes the selected one) and its interactions, newest first. ←/→ move
//! the keyboard between the two panes; the movement keys move in the one
//! that has it.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget,
};

use super::plan_table::trim_number;
use crate::tui::action::Action;
use crate::tui::review::network_flags;
use crate::tui::scroll;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar, cell_text, fit_line, fit_text};
use ties::Store;
use ties::dates::relative;
use ties::model::{ContactRef, NetworkRef};
use ties::review::NetworkEntry;
use ties::store::NetworkDetail;

/// Interactions the view reads: the newest are the ones worth seeing.
const INTERACTIONS: usize = 50;
const WIDE: u16 = 100;
/// The members' column on a wide screen.
const MEMBERS_WIDTH: u16 = 34;

/// The part of the view the movement keys move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Members,
    Interactions,
}

pub struct NetworkView {
    pub detail: NetworkDetail,
    /// The review's figures for it, when the plan list has them.
    pub entry: Option<NetworkEntry>,
    pub pane: Pane,
    /// The selected member.
    pub members: TableState,
    /// Members on screen at the last draw: what a page moves.
    member_rows: usize,
    pub scroll: u16,
    /// Lines of interactions on screen at the last draw: what a page moves.
    pub interaction_rows: u16,
}

impl NetworkView {
    pub fn open(store: &Store, id: i64, entry: Option<NetworkEntry>) -> ties::Result<NetworkView> {
        let detail = store.network_detail(id, Some(INTERACTIONS))?;
        let members =
            TableState::default().with_selected((!detail.members.is_empty()).then_some(0));
        Ok(NetworkView {
            detail,
            entry,
            pane: Pane::default(),
            members,
            member_rows: 0,
            scroll: 0,
            interaction_rows: 0,
        })
    }

    /// The same network read again, keeping the pane, the scroll and the
    /// selected member (or the one that took its place).
    pub fn reopen(&self, store: &Store, entry: Option<NetworkEntry>) -> ties::Result<NetworkView> {
        let mut fresh = NetworkView::open(store, self.id(), entry)?;
        fresh.pane = self.pane;
        fresh.scroll = self.scroll;
        let selected = self.selected_member().map(|m| m.id);
        let position = selected
            .and_then(|id| fresh.detail.members.iter().position(|m| m.id == id))
            .or(self.members.selected())
            .map(|i| i.min(fresh.detail.members.len().saturating_sub(1)));
        if !fresh.detail.members.is_empty() {
            fresh.members.select(position.or(Some(0)));
        }
        Ok(fresh)
    }

    pub fn id(&self) -> i64 {
        self.detail.network.id
    }

    pub fn network_ref(&self) -> NetworkRef {
        NetworkRef {
            id: self.id(),
            name: self.detail.network.name.clone(),
        }
    }

    pub fn selected_member(&self) -> Option<&ContactRef> {
        self.detail.members.get(self.members.selected()?)
    }

    /// Movement in the pane that has the keyboard, and ←/→ between panes.
    pub fn update(&mut self, action: Action) {
        match (action, self.pane) {
            (Action::SwitchPane, Pane::Members) => self.pane = Pane::Interactions,
            (Action::SwitchPane, Pane::Interactions) => self.pane = Pane::Members,
            (_, Pane::Members) => {
                let len = self.detail.members.len();
                scroll::in_table(&mut self.members, action, len, self.member_rows);
            }
            (_, Pane::Interactions) => {
                if let Some(scroll) = scroll::in_view(action, self.scroll, self.interaction_rows) {
                    self.scroll = scroll;
                }
            }
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme, today: NaiveDate) {
        let head_lines: Vec<Line> = self
            .head_lines(theme, today)
            .into_iter()
            .map(|l| fit_line(l, usize::from(area.width)))
            .collect();
        let [head, body] = Layout::vertical([
            Constraint::Length(head_lines.len() as u16),
            Constraint::Fill(1),
        ])
        .areas(area);
        Paragraph::new(head_lines).render(head, buf);
        let [members, interactions] = if body.width >= WIDE {
            Layout::horizontal([Constraint::Length(MEMBERS_WIDTH), Constraint::Fill(1)]).areas(body)
        } else {
            // Members above, as many as fit in half the room (they scroll).
            let most = (body.height / 2).saturating_sub(1).max(1);
            let rows = (self.detail.members.len() as u16).clamp(1, most) + 1;
            Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(body)
        };
        self.render_members(members, buf, theme);
        self.render_interactions(interactions, buf, theme, today);
    }

    /// A pane's title: marked while it has the keyboard.
    fn title(&self, pane: Pane, text: String, theme: &Theme) -> Span<'static> {
        if self.pane == pane {
            Span::styled(format!(" ▸ {text} "), theme.title)
        } else {
            Span::styled(format!(" {text} "), theme.dim)
        }
    }

    fn head_lines(&self, theme: &Theme, today: NaiveDate) -> Vec<Line<'static>> {
        let n = &self.detail.network;
        let review = match n.review_on {
            Some(date) if date.year() == today.year() => {
                format!(
                    " · review {} ({})",
                    date.format("%-d %b"),
                    relative(date, today)
                )
            }
            Some(date) => format!(
                " · review {} ({})",
                date.format("%-d %b %Y"),
                relative(date, today)
            ),
            None => " · no review date".into(),
        };
        let mut lines = vec![Line::from(vec![
            Span::styled(cell_text(&n.name), theme.title),
            Span::styled(format!("  {} · {}{review}", n.role, n.intent), theme.dim),
        ])];
        lines.push(if n.goal.is_empty() {
            Line::styled("No goal yet: e sets one.", theme.dim)
        } else {
            Line::from(vec![
                Span::styled("goal  ", theme.dim),
                Span::raw(cell_text(&n.goal)),
            ])
        });
        if let Some(note) = one_line(&n.note) {
            lines.push(Line::from(vec![
                Span::styled("note  ", theme.dim),
                Span::raw(note),
            ]));
        }
        if let Some(e) = &self.entry {
            let mut figures = Vec::new();
            match e.hours_budget {
                Some(budget) if budget > 0.0 => {
                    figures.push(Span::raw(format!(
                        "{:.1} of {} hours a month ",
                        e.hours_logged,
                        trim_number(budget)
                    )));
                    figures.push(Span::styled(bar(e.hours_logged / budget, 8), theme.accent));
                }
                _ => figures.push(Span::raw(format!(
                    "{:.1} hours a month, no budget",
                    e.hours_logged
                ))),
            }
            figures.push(Span::styled(
                format!(" · gave {:.1} · got {:.1}", e.gave, e.got),
                theme.dim,
            ));
            lines.push(Line::from(figures));
            let flags = network_flags(e);
            if !flags.is_empty() {
                lines.push(Line::styled(flags.join(" · "), theme.notice));
            }
        }
        lines
    }

    fn render_members(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let count = self.detail.members.len();
        let title = self.title(Pane::Members, format!("Members · {count}"), theme);
        let block = Block::new().borders(Borders::TOP).title(title);
        let inner = block.inner(area);
        block.render(area, buf);
        self.member_rows = usize::from(inner.height);
        if count == 0 {
            let line = Line::styled("No members yet: a adds some.", theme.dim);
            Paragraph::new(fit_line(line, usize::from(inner.width))).render(inner, buf);
            return;
        }
        let width = usize::from(inner.width);
        let rows = self
            .detail
            .members
            .iter()
            .map(|m| Row::new([Cell::from(fit_text(&m.name, width))]));
        // The selection shows in full while the members have the keyboard.
        let highlight = if self.pane == Pane::Members {
            theme.selected
        } else {
            theme.dim
        };
        let table = Table::new(rows, [Constraint::Fill(1)]).row_highlight_style(highlight);
        StatefulWidget::render(table, inner, buf, &mut self.members);
    }

    fn render_interactions(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        today: NaiveDate,
    ) {
        let width = usize::from(area.width);
        let mut lines: Vec<Line> = Vec::new();
        for i in &self.detail.interactions {
            let names: Vec<&str> = i.participants.iter().map(|p| p.name.as_str()).collect();
            let mut head = vec![
                Span::styled(i.date.to_string(), theme.accent),
                Span::styled(format!(" {:<10}", relative(i.date, today)), theme.dim),
                Span::raw(i.channel.to_string()),
            ];
            if let Some(minutes) = i.minutes {
                head.push(Span::styled(format!(" {minutes} min"), theme.dim));
            }
            if !names.is_empty() {
                head.push(Span::raw(format!(
                    "  with {}",
                    cell_text(&names.join(", "))
                )));
            }
            lines.push(fit_line(Line::from(head), width));
            if let Some(note) = i.note.lines().next().filter(|n| !n.is_empty()) {
                let line = Line::styled(format!("    {}", cell_text(note)), theme.dim);
                lines.push(fit_line(line, width));
            }
        }
        if lines.is_empty() {
            lines.push(Line::styled(
                "No interactions logged in this network yet: l logs one.",
                theme.dim,
            ));
        }
        self.interaction_rows = area.height.saturating_sub(1);
        let max_scroll = (lines.len() as u16).saturating_sub(self.interaction_rows);
        self.scroll = self.scroll.min(max_scroll);
        let title = self.title(
            Pane::Interactions,
            "Interactions, newest first".into(),
            theme,
        );
        Paragraph::new(lines)
            .block(Block::new().borders(Borders::TOP).title(title))
            .scroll((self.scroll, 0))
            .render(area, buf);
    }
}

/// A note's lines on one line ("a · b"), safe for the screen; `None` when
/// blank.
pub fn one_line(note: &str) -> Option<String> {
    let lines: Vec<String> = note
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(cell_text)
        .collect();
    (!lines.is_empty()).then(|| lines.join(" · "))
}
