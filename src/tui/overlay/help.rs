//! `?`: every key of the current screen, generated from the keymap table
//! that input handling uses, then the keys of the forms: between fields,
//! in a text field, and in the log form's items. The panel is as wide as
//! its widest line (within the screen), in two columns when it is taller
//! than the screen and the screen is wide enough, and scrolls when even
//! that does not fit.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::OverlayOutcome;
use super::fields::TEXT_KEYS;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Scope};
use crate::tui::scroll;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, fit_line};

/// Keys that work in every form besides the keymap's (which are rebindable).
const FORM_KEYS: [(&str, &str); 3] = [
    ("↑ ↓", "the field above or below"),
    ("Enter", "the next field; on the last, save"),
    ("Esc Esc", "leave without saving"),
];

/// The items of the log form, a row each.
const ITEM_KEYS: [(&str, &str); 6] = [
    ("+ - p e", "add: gave, got, I promised, they promised"),
    ("a i h r s g o", "kind by first letter (i, r twice: next)"),
    ("1-5", "weight, from anywhere in the row"),
    ("@", "with the next participant"),
    ("← → Space", "reach a cell, change it"),
    ("Del", "remove the row"),
];

pub struct Help {
    pub scope: Scope,
    /// Titled sections of (keys, what they do).
    sections: Vec<Section>,
    scroll: u16,
    /// Lines in view at the last draw: what a page scrolls.
    rows: u16,
}

impl Help {
    pub fn new(keymap: &Keymap, scope: Scope) -> Help {
        let mut sections: Vec<Section> = Vec::new();
        for (row_scope, keys, action) in keymap.help(scope) {
            let title = row_scope.title();
            if sections.last().is_none_or(|(t, _)| *t != title) {
                sections.push((title, Vec::new()));
            }
            if let Some((_, rows)) = sections.last_mut() {
                rows.push((keys, action.label().to_string()));
            }
        }
        let fixed = |rows: &[(&str, &str)]| -> Vec<(String, String)> {
            rows.iter()
                .map(|(keys, what)| (keys.to_string(), what.to_string()))
                .collect()
        };
        let mut form: Vec<(String, String)> = keymap
            .help(Scope::Form)
            .into_iter()
            .map(|(_, keys, action)| (keys, action.label().to_string()))
            .collect();
        form.extend(fixed(&FORM_KEYS));
        sections.push(("In forms and prompts", form));
        sections.push(("In a text field", fixed(&TEXT_KEYS)));
        sections.push(("In the log form's items", fixed(&ITEM_KEYS)));
        Help {
            scope,
            sections,
            scroll: 0,
            rows: 0,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> OverlayOutcome {
        let action = keymap.action(self.scope, Key::from_event(&key));
        // The screen's movement keys scroll (j k ↑ ↓ PgDn Ctrl-D g G…).
        if let Some(scroll) = action.and_then(|a| scroll::in_view(a, self.scroll, self.rows)) {
            self.scroll = scroll;
            return OverlayOutcome::Stay;
        }
        match key.code {
            KeyCode::Down => self.scroll = self.scroll.saturating_add(1),
            KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
            // Esc, q, ? (or whatever help is bound to) close it.
            KeyCode::Esc | KeyCode::Char('q') => return OverlayOutcome::Close,
            _ if action == Some(Action::Help) => return OverlayOutcome::Close,
            _ => {}
        }
        OverlayOutcome::Stay
    }

    /// The help overlay's own keys, for the screen's footer.
    pub fn keys(&self, keymap: &Keymap) -> Vec<(String, &'static str)> {
        let help_key = keymap
            .help(self.scope)
            .into_iter()
            .find(|(_, _, action)| *action == Action::Help)
            .map_or_else(|| "?".to_string(), |(_, keys, _)| keys);
        vec![
            (format!("Esc q {help_key}"), "close"),
            ("j k ↑ ↓ PgUp PgDn".into(), "scroll"),
        ]
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        // The tabs above and the status and footer lines below stay in view.
        let room = area.height.saturating_sub(4);
        let whole = Column::of(&self.sections, theme);
        // Taller than the screen but wide enough: two columns, sections kept whole.
        let columns = match self.split(theme) {
            Some((left, right))
                if whole.lines.len() as u16 + 2 > room
                    && (left.width + COLUMN_GAP + right.width + 4) as u16 <= area.width =>
            {
                vec![left, right]
            }
            _ => vec![whole],
        };
        let content_width: usize =
            columns.iter().map(|c| c.width).sum::<usize>() + COLUMN_GAP * (columns.len() - 1);
        let tallest = columns.iter().map(|c| c.lines.len()).max().unwrap_or(0) as u16;
        // Borders and a column of padding each side.
        let width = (content_width as u16 + 4).min(area.width);
        let height = (tallest + 2).min(room);
        self.rows = height.saturating_sub(2);
        let max_scroll = tallest.saturating_sub(self.rows);
        self.scroll = self.scroll.min(max_scroll);
        let popup = centered(area, width, height);
        Clear.render(popup, buf);
        let more = if self.scroll < max_scroll {
            " ↓ more "
        } else {
            ""
        };
        let block = Block::bordered()
            .padding(ratatui::widgets::Padding::horizontal(1))
            .title(Span::styled(" Keys ", theme.title))
            .title_bottom(Span::styled(format!(" Esc closes {more}"), theme.dim));
        let inner = block.inner(popup);
        block.render(popup, buf);
        let mut x = inner.x;
        for column in columns {
            let area = Rect {
                x,
                width: (column.width as u16).min((inner.x + inner.width).saturating_sub(x)),
                ..inner
            };
            x = x.saturating_add((column.width + COLUMN_GAP) as u16);
            // Narrower than its widest line: those lines end in `…`.
            let lines: Vec<Line> = column
                .lines
                .into_iter()
                .map(|line| fit_line(line, usize::from(area.width)))
                .collect();
            Paragraph::new(lines)
                .scroll((self.scroll, 0))
                .render(area, buf);
        }
    }

    /// The sections in two columns of about equal height.
    fn split(&self, theme: &Theme) -> Option<(Column, Column)> {
        let height = |sections: &[Section]| Column::of(sections, theme).lines.len();
        let at = (1..self.sections.len())
            .min_by_key(|&at| height(&self.sections[..at]).max(height(&self.sections[at..])))?;
        Some((
            Column::of(&self.sections[..at], theme),
            Column::of(&self.sections[at..], theme),
        ))
    }
}

/// Columns between two columns of keys.
const COLUMN_GAP: usize = 3;

type Section = (&'static str, Vec<(String, String)>);

/// Sections laid out as lines, and the width of the widest.
struct Column {
    lines: Vec<Line<'static>>,
    width: usize,
}

impl Column {
    fn of(sections: &[Section], theme: &Theme) -> Column {
        let key_width = sections
            .iter()
            .flat_map(|(_, rows)| rows.iter().map(|(keys, _)| ties::text::width(keys)))
            .max()
            .unwrap_or(0)
            + 2;
        let mut lines = Vec::new();
        let mut width = 0;
        for (n, (title, rows)) in sections.iter().enumerate() {
            if n > 0 {
                lines.push(Line::raw(""));
            }
            width = width.max(ties::text::width(title));
            lines.push(Line::styled(*title, theme.title));
            for (keys, what) in rows {
                let pad = key_width - ties::text::width(keys);
                width = width.max(2 + key_width + ties::text::width(what));
                lines.push(Line::from(vec![
                    Span::styled(format!("  {keys}{}", " ".repeat(pad)), theme.accent),
                    Span::raw(what.clone()),
                ]));
            }
        }
        Column { lines, width }
    }
}
