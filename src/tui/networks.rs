//! Placeholder while the Networks screen is being built.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::ScreenOutcome;
use super::theme::Theme;
use ties::config::Config;
use ties::store::NetworkDetail;
use ties::{Result, Store};

#[derive(Default)]
pub struct NetworksScreen {
    pub detail: Option<NetworkDetail>,
}

impl NetworksScreen {
    pub fn load(&mut self, _store: &Store, _config: &Config) -> Result<()> {
        Ok(())
    }

    pub fn reload_detail(&mut self, _store: &Store) {}

    pub fn select(&mut self, _index: usize) {}

    pub fn update(&mut self, _action: Action, _store: &mut Store, _config: &Config) -> ScreenOutcome {
        ScreenOutcome::Nothing
    }

    pub fn render(&mut self, area: Rect, _buf: &mut Buffer, _theme: &Theme) -> (Rect, usize) {
        (area, 0)
    }
}
