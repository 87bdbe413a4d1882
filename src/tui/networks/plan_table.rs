//! The network plan as a table, with the selected network's goal, members
//! and flags spelled out below it.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, Widget, Wrap};
use ties::text::truncate;

use super::{NetworksScreen, PlanRow};
use crate::tui::review::network_flags;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar, cell_text};
use ties::dates::relative;
use ties::review::NetworkEntry;

const WIDE: u16 = 100;
const GAUGE_WIDTH: usize = 5;

pub fn render(
    screen: &mut NetworksScreen,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    today: NaiveDate,
) -> (Rect, usize) {
    if screen.rows.is_empty() {
        let lines = vec![
            Line::styled("No networks in your plan yet.", theme.title),
            Line::raw(""),
            Line::raw(
                "A network is an association, a community or a partner group you take part in.",
            ),
            Line::raw("Add one from the shell, then plan it here with e:"),
            Line::styled(
                "  ties network add \"Tampere Tech\" --role member --intent deepen --hours 4",
                theme.accent,
            ),
        ];
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .render(area, buf);
        return (Rect::default(), 0);
    }
    let selected = screen.state.selected().and_then(|i| screen.rows.get(i));
    let pane_lines = selected
        .map(|row| pane_lines(row, theme, today))
        .unwrap_or_default();
    let pane_height = (wrapped_height(&pane_lines, area.width) + 1).min(area.height / 3);
    let [top, table_area, pane] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(pane_height),
    ])
    .areas(area);
    let flagged = screen
        .rows
        .iter()
        .filter(|r| r.entry.costs_exceed_benefits || r.entry.review_due)
        .count();
    Paragraph::new(Span::styled(
        format!(
            "{} networks · {flagged} to reconsider · hours a month, 3-month average / plan",
            screen.rows.len()
        ),
        theme.dim,
    ))
    .render(top, buf);

    let layout = Columns::for_width(area.width, &screen.rows);
    let rows = screen.rows.iter().map(|row| table_row(row, &layout, theme));
    let table = Table::new(rows, layout.widths())
        .header(Row::new(layout.header()).style(theme.title))
        .row_highlight_style(theme.selected)
        .column_spacing(1);
    screen.page = usize::from(table_area.height.saturating_sub(1));
    StatefulWidget::render(table, table_area, buf, &mut screen.state);

    Paragraph::new(pane_lines)
        .wrap(Wrap { trim: true })
        .block(Block::new().borders(Borders::TOP).border_style(theme.dim))
        .render(pane, buf);
    (table_area, screen.state.offset())
}

/// Which columns fit, and how wide the two flexible ones are.
struct Columns {
    /// Role and member count: on wide screens only (the pane has them).
    wide: bool,
    name: u16,
    flags: u16,
}

/// The fixed columns: role, intent, hours, gave, got, members.
const ROLE: u16 = 11;
const INTENT: u16 = 7;
const HOURS: u16 = 15;
const FIGURE: u16 = 5;
const MEMBERS: u16 = 7;
/// "costs more than it returns, review due".
const FULL_FLAGS: u16 = 38;
/// "costs more, review due".
const SHORT_FLAGS: u16 = 22;

impl Columns {
    fn for_width(width: u16, rows: &[PlanRow]) -> Columns {
        let wide = width >= WIDE;
        let (fixed, gaps) = if wide {
            (ROLE + INTENT + HOURS + 2 * FIGURE + MEMBERS, 7)
        } else {
            (INTENT + HOURS + 2 * FIGURE, 5)
        };
        let free = width.saturating_sub(fixed + gaps);
        let longest = rows
            .iter()
            .map(|r| ties::text::width(&r.network.name))
            .max()
            .unwrap_or(0) as u16;
        // Names up to 30 columns, as long as the short flags still fit; the
        // flags take the rest (in full words when there is room).
        let name = longest
            .clamp(12, 30)
            .min(free.saturating_sub(SHORT_FLAGS))
            .max(8);
        Columns {
            wide,
            name,
            flags: free.saturating_sub(name),
        }
    }

    fn widths(&self) -> Vec<Constraint> {
        let mut widths = vec![Constraint::Length(self.name)];
        if self.wide {
            widths.push(Constraint::Length(ROLE));
        }
        widths.extend([
            Constraint::Length(INTENT),
            Constraint::Length(HOURS),
            Constraint::Length(FIGURE),
            Constraint::Length(FIGURE),
        ]);
        if self.wide {
            widths.push(Constraint::Length(MEMBERS));
        }
        widths.push(Constraint::Fill(1));
        widths
    }

    fn header(&self) -> Vec<&'static str> {
        let mut header = vec!["Network"];
        if self.wide {
            header.push("Role");
        }
        header.extend(["Intent", "Hours a month", " Gave", "  Got"]);
        if self.wide {
            header.push("Members");
        }
        header.push("Flags");
        header
    }
}

fn table_row<'a>(row: &PlanRow, columns: &Columns, theme: &Theme) -> Row<'a> {
    let e = &row.entry;
    let name = truncate(&cell_text(&row.network.name), usize::from(columns.name)).into_owned();
    let mut cells = vec![Cell::from(name)];
    if columns.wide {
        cells.push(Cell::from(e.role.to_string()));
    }
    cells.push(Cell::from(e.intent.to_string()));
    cells.push(Cell::from(hours(e, theme)));
    cells.push(Cell::from(format!("{:>5.1}", e.gave)));
    cells.push(Cell::from(format!("{:>5.1}", e.got)));
    if columns.wide {
        cells.push(Cell::from(format!("{:>7}", row.network.member_count)));
    }
    let flags = if columns.flags >= FULL_FLAGS {
        network_flags(e).join(", ")
    } else {
        short_flags(e)
    };
    cells.push(Cell::from(Span::styled(flags, theme.notice)));
    Row::new(cells)
}

/// "3.2 / 4 ███░░": logged against budget, the gauge full (and marked)
/// when over it.
fn hours<'a>(e: &NetworkEntry, theme: &Theme) -> Line<'a> {
    match e.hours_budget {
        Some(budget) if budget > 0.0 => {
            let ratio = e.hours_logged / budget;
            let style = if ratio > 1.0 {
                theme.notice
            } else {
                theme.accent
            };
            Line::from(vec![
                Span::raw(format!(
                    "{:<9}",
                    format!("{:.1} / {}", e.hours_logged, trim_number(budget))
                )),
                Span::styled(bar(ratio, GAUGE_WIDTH), style),
            ])
        }
        Some(_) => Line::raw(format!("{:.1} / 0", e.hours_logged)),
        None => Line::from(vec![
            Span::raw(format!("{:<9}", format!("{:.1}", e.hours_logged))),
            Span::styled("no plan", theme.dim),
        ]),
    }
}

/// 4.0 → "4", 2.5 → "2.5".
pub fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

fn short_flags(e: &NetworkEntry) -> String {
    let mut flags = Vec::new();
    if e.costs_exceed_benefits {
        flags.push("costs more");
    }
    if e.review_due {
        flags.push("review due");
    }
    flags.join(", ")
}

/// The selected network in words: goal, members, role, review date, flags.
fn pane_lines(row: &PlanRow, theme: &Theme, today: NaiveDate) -> Vec<Line<'static>> {
    let n = &row.network;
    let e = &row.entry;
    let goal = if n.goal.is_empty() {
        Span::styled("no goal yet · e sets one", theme.dim)
    } else {
        Span::raw(cell_text(&n.goal))
    };
    let members = match n.member_count {
        1 => "1 member".to_string(),
        count => format!("{count} members"),
    };
    let review = match n.review_on {
        Some(date) => format!(
            "review {} ({})",
            date.format("%-d %b %Y"),
            relative(date, today)
        ),
        None => "no review date".to_string(),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}  ", cell_text(&n.name)), theme.title),
            goal,
        ]),
        Line::styled(
            format!("{members} · {} · {} · {review}", e.role, e.intent),
            theme.dim,
        ),
    ];
    let flags = network_flags(e);
    if !flags.is_empty() {
        lines.push(Line::styled(flags.join(" · "), theme.notice));
    }
    lines.push(Line::styled(
        "Enter shows members and interactions · e edits the plan",
        theme.dim,
    ));
    lines
}

/// Rows the lines take when wrapped to `width`, near enough (wrapping at
/// words can take a little more; the hint line is the last, so it goes first).
fn wrapped_height(lines: &[Line], width: u16) -> u16 {
    let width = usize::from(width.max(1));
    lines
        .iter()
        .map(|line| line.width().div_ceil(width).max(1))
        .sum::<usize>() as u16
}
