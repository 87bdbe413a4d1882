//! Drawing the contacts: the count (or the filter) on top, then the table
//! with its columns fitted to the width. The name keeps at least
//! `NAME_MIN` columns; on a narrow screen the organisation, then the
//! circle, then the reconnect marker give way.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Row, StatefulWidget, Table, TableState};

use super::{ContactRow, ContactsScreen, Matched};
use crate::tui::columns::{self, Column, NAME_MIN};
use crate::tui::theme::Theme;
use crate::tui::widgets::{balance_span, fit_line, fit_text};
use ties::dates::relative;
use ties::model::Kind;

/// The columns in display order. `Matched` shows while a filter matched
/// something besides a name (an expertise, a tag): right after the name,
/// so "who knows Kubernetes?" is answered on the row.
const NAME: usize = 0;
const MATCHED: usize = 1;
const CIRCLE: usize = 2;
const ORGANISATION: usize = 3;
const LAST: usize = 4;
const BALANCE: usize = 5;
const RECONNECT: usize = 6;
const HEADERS: [&str; 7] = [
    "Name",
    "Matched",
    "Circle",
    "Organisation",
    "Last",
    "Balance",
    "Reconnect",
];

/// Names wider than this are cut even on a wide screen, so the other
/// columns keep their room.
const NAME_WANT: u16 = 32;

fn layout(longest_name: usize, width: u16, matched: bool) -> columns::Widths {
    // With a match to show, the name grows little and the match takes the
    // room (the rest still goes to the name).
    let name_want = if matched {
        NAME_MIN + 2
    } else {
        (longest_name as u16).clamp(NAME_MIN, NAME_WANT)
    };
    let columns = [
        Column::flexible(NAME_MIN, name_want, 0),
        if matched {
            Column::flexible(10, 24, 1)
        } else {
            Column::ABSENT
        },
        // "acquaintance"
        Column::fixed(12, 4),
        Column::flexible(12, 30, 5),
        // "1234 d ago"
        Column::fixed(11, 1),
        // "Balance", "+176.3"
        Column::fixed(7, 2),
        // "Reconnect", "● 1234 d"
        Column::fixed(9, 3),
    ];
    columns::fit(&columns, width, NAME)
}

pub fn render(
    screen: &mut ContactsScreen,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> (Rect, usize) {
    let [top, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    render_top(screen, top, buf, theme);

    let today = screen.today.unwrap_or_default();
    // Only the rows on screen are built: with 10,000 contacts, making a
    // Row for each on every keystroke would cost more than the filtering.
    let window = screen.window(body.height.saturating_sub(1) as usize);
    let shown = screen.visible[window.clone()].to_vec();
    let matched: Vec<Vec<Matched>> = shown
        .iter()
        .map(|&i| screen.matched_beyond_name(i))
        .collect();
    let beyond_organisations = matched.iter().flatten().any(|m| !m.organisation);
    let mut widths = layout(screen.longest_name, body.width, beyond_organisations);
    // A match on an organisation shows in its own column, unless that gave way.
    let with_organisations = widths.of(ORGANISATION).is_none();
    if with_organisations && !beyond_organisations && matched.iter().any(|m| !m.is_empty()) {
        widths = layout(screen.longest_name, body.width, true);
    }
    let rows: Vec<Row> = screen.visible[window.clone()]
        .iter()
        .zip(&matched)
        .map(|(&i, matched)| {
            let matched: Vec<&str> = matched
                .iter()
                .filter(|m| with_organisations || !m.organisation)
                .map(|m| m.text.as_str())
                .collect();
            let row = &screen.rows[i];
            let name = match screen.show_ids {
                true => format!("{} #{}", row.contact.name, row.contact.id),
                false => row.contact.name.clone(),
            };
            table_row(row, &name, &matched.join(", "), &widths, today, theme)
        })
        .collect();
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
    let mut shown =
        TableState::default().with_selected(screen.state.selected().map(|s| s - window.start));
    StatefulWidget::render(table, body, buf, &mut shown);
    (body, window.start)
}

/// The count and sort, or how many match the filter and the filter itself.
fn render_top(screen: &ContactsScreen, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let which = if screen.archived {
        "archived contacts"
    } else {
        "contacts"
    };
    let count = if screen.filter.value().is_empty() {
        format!(
            "{} {which} · sorted by {}",
            screen.rows.len(),
            screen.sort.label()
        )
    } else if screen.archived {
        format!(
            "{} of {} archived contacts match",
            screen.visible.len(),
            screen.rows.len()
        )
    } else {
        format!("{} of {} match", screen.visible.len(), screen.rows.len())
    };
    // While typing, how to switch between the name filter and full text.
    let count = match (screen.filter.is_typing(), screen.full_text) {
        (true, false) => format!("{count} · names (Tab: notes too)"),
        (true, true) => format!("{count} · names and notes (Tab: names only)"),
        (false, true) => format!("{count} · names and notes"),
        (false, false) => count,
    };
    screen.filter.render_line(&count, area, buf, theme);
}

fn table_row<'a>(
    row: &ContactRow,
    name: &str,
    matched: &str,
    widths: &columns::Widths,
    today: chrono::NaiveDate,
    theme: &Theme,
) -> Row<'a> {
    let c = &row.contact;
    let width = |i: usize| widths.of(i).unwrap_or(0);
    let kind = match (c.kind, c.circle) {
        (Kind::Person, Some(circle)) => circle.to_string(),
        (kind, _) => kind.to_string(),
    };
    let last = c
        .last_interaction
        .map(|d| relative(d, today))
        .unwrap_or_else(|| "never".into());
    let reconnect = match row.signal.and_then(|s| s.overdue_days) {
        Some(0) => Span::styled("● due", theme.notice),
        Some(days) => Span::styled(format!("● {days} d"), theme.notice),
        None => Span::raw(""),
    };
    let balance = balance_span(row.signal.map_or(0.0, |s| s.balance), theme);
    let cells = [
        Cell::from(fit_text(name, width(NAME))),
        Cell::from(Span::styled(fit_text(matched, width(MATCHED)), theme.dim)),
        Cell::from(Span::styled(fit_text(&kind, width(CIRCLE)), theme.dim)),
        Cell::from(fit_text(&c.organisations.join(", "), width(ORGANISATION))),
        Cell::from(fit_text(&last, width(LAST))),
        Cell::from(fit_line(Line::from(balance), width(BALANCE))),
        Cell::from(fit_line(Line::from(reconnect), width(RECONNECT))),
    ];
    Row::new(widths.shown(cells))
}
