//! One network opened: its plan and figures on top, then its members and
//! its interactions, newest first.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::plan_table::trim_number;
use crate::tui::action::Action;
use crate::tui::review::network_flags;
use crate::tui::scroll;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar, cell_text, fit_line, fit_text};
use ties::Store;
use ties::dates::relative;
use ties::review::NetworkEntry;
use ties::store::NetworkDetail;

/// Interactions the view reads: the newest are the ones worth seeing.
const INTERACTIONS: usize = 50;
const WIDE: u16 = 100;

pub struct NetworkView {
    pub detail: NetworkDetail,
    /// The review's figures for it, when the plan list has them.
    pub entry: Option<NetworkEntry>,
    pub scroll: u16,
    /// Lines of interactions on screen at the last draw: what a page moves.
    pub interaction_rows: u16,
}

impl NetworkView {
    pub fn open(store: &Store, id: i64, entry: Option<NetworkEntry>) -> ties::Result<NetworkView> {
        Ok(NetworkView {
            detail: store.network_detail(id, Some(INTERACTIONS))?,
            entry,
            scroll: 0,
            interaction_rows: 0,
        })
    }

    pub fn id(&self) -> i64 {
        self.detail.network.id
    }

    pub fn update(&mut self, action: Action) {
        if let Some(scroll) = scroll::in_view(action, self.scroll, self.interaction_rows) {
            self.scroll = scroll;
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme, today: NaiveDate) {
        let [head, body] =
            Layout::vertical([Constraint::Length(4), Constraint::Fill(1)]).areas(area);
        let lines = self.head_lines(theme, today).into_iter();
        let lines: Vec<Line> = lines
            .map(|l| fit_line(l, usize::from(head.width)))
            .collect();
        Paragraph::new(lines).render(head, buf);
        let wide = body.width >= WIDE;
        let [members, interactions] = if wide {
            Layout::horizontal([Constraint::Length(34), Constraint::Fill(1)]).areas(body)
        } else {
            let rows = member_rows(self.detail.members.len(), body.width);
            Layout::vertical([Constraint::Length(rows), Constraint::Fill(1)]).areas(body)
        };
        self.render_members(members, buf, theme, wide);
        self.render_interactions(interactions, buf, theme, today);
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

    fn render_members(&self, area: Rect, buf: &mut Buffer, theme: &Theme, wide: bool) {
        let members = &self.detail.members;
        let title = Span::styled(format!(" Members · {} ", members.len()), theme.title);
        let lines: Vec<Line> = if members.is_empty() {
            vec![Line::styled(
                "No members yet: ties network join NETWORK CONTACT…",
                theme.dim,
            )]
        } else if wide {
            members
                .iter()
                .map(|m| Line::raw(fit_text(&m.name, usize::from(area.width))))
                .collect()
        } else {
            let names: Vec<String> = members.iter().map(|m| cell_text(&m.name)).collect();
            vec![Line::raw(names.join(", "))]
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::new().borders(Borders::TOP).title(title))
            .render(area, buf);
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
        let title = Span::styled(" Interactions, newest first ", theme.title);
        Paragraph::new(lines)
            .block(Block::new().borders(Borders::TOP).title(title))
            .scroll((self.scroll, 0))
            .render(area, buf);
    }
}

/// Rows for the members paragraph on a narrow screen: the names wrapped, at
/// most four lines, plus the title.
fn member_rows(count: usize, width: u16) -> u16 {
    // About 16 columns a name with its comma.
    let per_line = (usize::from(width) / 16).max(1);
    (count.div_ceil(per_line).clamp(1, 4) + 1) as u16
}
