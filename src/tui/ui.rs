//! Drawing the whole screen: tabs on top, the current screen, a status line
//! and a footer of the keys that matter, any overlay on top of it all.

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::app::{App, Tab};
use super::theme::Theme;
use super::widgets::{cell_text, fit_text};

/// Below this the screen only says it is too small.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    render(app, area, frame.buffer_mut());
}

pub fn render(app: &mut App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!(
            "ties needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this terminal is {}×{}. Make it larger, or press q to quit.",
            area.width, area.height
        );
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(theme.notice)
            .render(area, buf);
        return;
    }
    let [tabs, body, status, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_tabs(app, tabs, buf);

    if !app.loaded {
        Paragraph::new(Span::styled("Loading…", theme.dim)).render(body, buf);
    } else if app.contacts.is_empty() && !app.contacts.archived && app.tab == Tab::Contacts {
        render_welcome(app, body, buf);
    } else {
        let hit = match app.tab {
            Tab::Contacts => match &mut app.detail {
                Some(detail) => {
                    detail.render(body, buf, &theme);
                    (Rect::default(), 0)
                }
                None => app.contacts.render(body, buf, &theme),
            },
            Tab::Review => app.review.render(body, buf, &theme),
            Tab::Networks => app.networks.render(body, buf, &theme),
        };
        app.hits.list = hit.0;
        app.hits.list_offset = hit.1;
    }

    if let Some(message) = &app.status {
        let style = if message.error {
            theme.error
        } else {
            theme.good
        };
        let text = fit_status(&message.text, usize::from(status.width));
        Paragraph::new(Span::styled(text, style)).render(status, buf);
    }
    // The keys of what has the keyboard: an overlay's own, or the screen's.
    let keys = match &app.overlay {
        Some(overlay) => overlay.keys(&app.keymap),
        None => app
            .filter_keys()
            .unwrap_or_else(|| app.keymap.footer(app.scope())),
    };
    Paragraph::new(footer_line(keys, footer.width, &theme)).render(footer, buf);

    if let Some(overlay) = &mut app.overlay {
        overlay.render(area, buf, &theme, &app.keymap);
    }
}

/// A status message cut to `width`, keeping its last part (after the last
/// " · ": "u to undo", what to press next) whole when the message is long:
/// "Deleted Bob Smith #141: 14 interactions (3 sha… · u to undo".
fn fit_status(text: &str, width: usize) -> String {
    let fits = ties::text::width(text) <= width;
    match text.rsplit_once(" · ") {
        Some((head, tail)) if !fits && ties::text::width(tail) + 3 < width / 2 => {
            let room = width - ties::text::width(tail) - 3;
            format!("{} · {}", fit_text(head, room), fit_text(tail, width))
        }
        _ => fit_text(text, width),
    }
}

/// The keys that fit whole, in their order: a key is never shown without
/// what it does (help lists the rest).
fn footer_line(keys: Vec<(String, &'static str)>, width: u16, theme: &Theme) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, label) in keys {
        let entry = format!(" {label}");
        let needed = ties::text::width(&key) + ties::text::width(&entry);
        if used + needed > usize::from(width) {
            break;
        }
        used += needed + 2;
        spans.push(Span::styled(key, theme.accent));
        spans.push(Span::styled(format!("{entry}  "), theme.dim));
    }
    Line::from(spans)
}

fn render_tabs(app: &mut App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let mut spans = vec![Span::styled(" ties ", theme.title), Span::raw(" ")];
    app.hits.tabs.clear();
    let mut x = area.x + 7;
    for (n, tab) in Tab::ALL.iter().enumerate() {
        let label = format!(" {} {} ", n + 1, tab.title());
        let width = label.chars().count() as u16;
        app.hits.tabs.push((Rect::new(x, area.y, width, 1), *tab));
        x += width + 1;
        let style = if *tab == app.tab {
            theme.tab_active
        } else {
            theme.dim
        };
        spans.push(Span::styled(label, style));
        spans.push(Span::raw(" "));
    }
    let today = app.today().format("%a %-d %b %Y").to_string();
    let used: usize = spans.iter().map(|s| s.content.chars().count()).sum();
    let gap = (area.width as usize).saturating_sub(used + today.len() + 1);
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(today, theme.dim));
    Paragraph::new(Line::from(spans)).render(Rect { height: 1, ..area }, buf);
}

fn render_welcome(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme;
    let lines = vec![
        Line::styled("Welcome to ties.", theme.title),
        Line::raw(""),
        Line::raw("Your network is empty. To begin:"),
        Line::raw(""),
        Line::from(vec![
            Span::styled("  a  ", theme.accent),
            Span::raw("add a first contact"),
        ]),
        Line::from(vec![
            Span::styled("  l  ", theme.accent),
            Span::raw("log a meeting (new names can be added on the spot)"),
        ]),
        Line::from(vec![
            Span::styled("  D  ", theme.accent),
            Span::raw("fill this database with a demo network to look around"),
        ]),
        Line::from(vec![
            Span::styled("  ?  ", theme.accent),
            Span::raw("every key"),
        ]),
        Line::raw(""),
        Line::styled(
            "Or try the demo without touching this database:  ties --demo",
            theme.dim,
        ),
        Line::styled(
            format!(
                "Your data stays in {}",
                cell_text(&app.store.path().display().to_string())
            ),
            theme.dim,
        ),
    ];
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .render(area.inner(ratatui::layout::Margin::new(2, 1)), buf);
}
