//! `?`: every key of the current screen, generated from the keymap table
//! that input handling uses.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::OverlayOutcome;
use crate::tui::action::Action;
use crate::tui::keymap::{Key, Keymap, Scope};
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;

pub struct Help {
    pub scope: Scope,
    rows: Vec<(Scope, String, Action)>,
    scroll: u16,
}

impl Help {
    pub fn new(keymap: &Keymap, scope: Scope) -> Help {
        Help {
            scope,
            rows: keymap.help(scope),
            scroll: 0,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent, keymap: &Keymap) -> OverlayOutcome {
        let pressed = Key::from_event(&key);
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => self.scroll = self.scroll.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => self.scroll = self.scroll.saturating_sub(1),
            // Esc, q, ? (or whatever help is bound to) close it.
            _ if key.code == KeyCode::Esc
                || keymap.action(self.scope, pressed) == Some(Action::Help) =>
            {
                return OverlayOutcome::Close;
            }
            KeyCode::Char('q') => return OverlayOutcome::Close,
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
            ("j k ↑ ↓".into(), "scroll"),
        ]
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let mut lines = Vec::new();
        let mut current: Option<Scope> = None;
        for (scope, keys, action) in &self.rows {
            if current != Some(*scope) {
                if current.is_some() {
                    lines.push(Line::raw(""));
                }
                lines.push(Line::styled(scope.title(), theme.title));
                current = Some(*scope);
            }
            lines.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme.accent),
                Span::raw(action.label()),
            ]));
        }
        let height = (lines.len() as u16 + 2).min(area.height);
        let popup = centered(area, 44, height);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .scroll((self.scroll, 0))
            .block(
                Block::bordered()
                    .title(Span::styled(" Keys ", theme.title))
                    .title_bottom(Span::styled(" Esc closes ", theme.dim)),
            )
            .render(popup, buf);
    }
}
