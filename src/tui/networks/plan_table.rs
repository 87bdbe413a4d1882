//! The network plan as a table, with the selected network's goal, members
//! and flags spelled out below it.

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, StatefulWidget, Table, Widget, Wrap};

use super::detail_view::one_line;
use super::{NetworksScreen, PlanRow};
use crate::tui::columns::{self, Column, NAME_MIN};
use crate::tui::review::network_flags;
use crate::tui::theme::Theme;
use crate::tui::widgets::{bar, cell_text, fit_line, fit_text};
use ties::dates::relative;
use ties::review::NetworkEntry;

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
    let pane_lines = screen
        .selected_row()
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
    let summary = if screen.filter.value().is_empty() {
        format!(
            "{} networks · {flagged} to reconsider · hours a month, 3-month average / plan",
            screen.rows.len()
        )
    } else {
        format!("{} of {} match", screen.visible.len(), screen.rows.len())
    };
    screen.filter.render_line(&summary, top, buf, theme);

    let widths = layout(area.width, &screen.rows);
    let rows = screen
        .visible
        .iter()
        .map(|&i| table_row(&screen.rows[i], &widths, theme));
    let header = widths.shown(
        HEADERS
            .iter()
            .enumerate()
            .map(|(i, title)| Cell::from(fit_text(title, widths.of(i).unwrap_or(0)))),
    );
    let table = Table::new(rows, widths.constraints())
        .header(Row::new(header).style(theme.title))
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

/// The columns in display order (as in `HEADERS`) that the code names.
const NAME: usize = 0;
const ROLE: usize = 1;
const INTENT: usize = 2;
const HOURS: usize = 3;
const FLAGS: usize = 7;
const HEADERS: [&str; 8] = [
    "Network",
    "Role",
    "Intent",
    "Hours a month",
    " Gave",
    "  Got",
    "Members",
    "Flags",
];
/// "costs more than it returns, review due".
const FULL_FLAGS: u16 = 38;
/// "costs more, review due".
const SHORT_FLAGS: u16 = 22;

/// The name keeps `NAME_MIN` columns, then come the hours and the flags (what
/// the plan is for); on a narrow screen the members, the role, the figures
/// and the intent give way (the pane below spells out the selected
/// network's).
fn layout(width: u16, rows: &[PlanRow]) -> columns::Widths {
    let longest = rows
        .iter()
        .map(|r| ties::text::width(&r.network.name))
        .max()
        .unwrap_or(0) as u16;
    let columns = [
        Column::flexible(NAME_MIN, longest.clamp(NAME_MIN, 30), 0),
        // "contributor"
        Column::fixed(11, 6),
        // "lighten"
        Column::fixed(7, 3),
        // "13.6 / 4 █████"
        Column::fixed(15, 1),
        Column::fixed(5, 4),
        Column::fixed(5, 5),
        Column::fixed(7, 7),
        Column::flexible(SHORT_FLAGS, FULL_FLAGS, 2),
    ];
    columns::fit(&columns, width, FLAGS)
}

fn table_row<'a>(row: &PlanRow, widths: &columns::Widths, theme: &Theme) -> Row<'a> {
    let e = &row.entry;
    let width = |i: usize| widths.of(i).unwrap_or(0);
    let flags = if width(FLAGS) >= usize::from(FULL_FLAGS) {
        network_flags(e).join(", ")
    } else {
        short_flags(e)
    };
    let cells = [
        Cell::from(fit_text(&row.network.name, width(NAME))),
        Cell::from(fit_text(&e.role.to_string(), width(ROLE))),
        Cell::from(fit_text(&e.intent.to_string(), width(INTENT))),
        Cell::from(fit_line(hours(e, theme), width(HOURS))),
        Cell::from(format!("{:>5.1}", e.gave)),
        Cell::from(format!("{:>5.1}", e.got)),
        Cell::from(format!("{:>7}", row.network.member_count)),
        Cell::from(Span::styled(fit_text(&flags, width(FLAGS)), theme.notice)),
    ];
    Row::new(widths.shown(cells))
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
    if let Some(note) = one_line(&n.note) {
        lines.push(Line::from(vec![
            Span::styled("note  ", theme.dim),
            Span::raw(note),
        ]));
    }
    let flags = network_flags(e);
    if !flags.is_empty() {
        lines.push(Line::styled(flags.join(" · "), theme.notice));
    }
    lines.push(Line::styled(
        "Enter shows and edits the members · e edits the plan and the note",
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
