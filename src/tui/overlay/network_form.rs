//! Placeholder while the NetworkForm is being built: it only closes.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use super::OverlayOutcome;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use ties::Store;

pub struct NetworkForm;

impl NetworkForm {
    pub fn handle_key(&mut self, _key: KeyEvent, _keymap: &Keymap, _store: &mut Store) -> OverlayOutcome {
        OverlayOutcome::Close
    }

    pub fn paste(&mut self, _text: &str) {}

    pub fn render(&mut self, _area: Rect, _buf: &mut Buffer, _theme: &Theme) {}
}
