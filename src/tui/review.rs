//! Placeholder while the Review screen is being built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::ScreenOutcome;
use super::theme::Theme;
use ties::config::Config;
use ties::model::ContactRef;
use ties::{Result, Store};

#[derive(Default)]
pub struct ReviewScreen;

impl ReviewScreen {
    pub fn load(&mut self, _store: &Store, _config: &Config) -> Result<()> {
        Ok(())
    }

    pub fn select(&mut self, _index: usize) {}

    pub fn selected_contact(&self) -> Option<ContactRef> {
        None
    }

    pub fn update(&mut self, _action: Action, _store: &mut Store, _config: &Config) -> ScreenOutcome {
        ScreenOutcome::Nothing
    }

    pub fn render(&mut self, area: Rect, _buf: &mut Buffer, _theme: &Theme) -> (Rect, usize) {
        (area, 0)
    }
}
