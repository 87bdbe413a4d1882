//! The Networks tab: the network plan (role, intent, hours budgeted against
//! logged, give and take, flags) as a table; Enter opens a network's members
//! and interactions, `e` edits its plan.

mod detail_view;
mod plan_table;

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::TableState;

use super::action::Action;
use super::app::ScreenOutcome;
use super::overlay::{NetworkForm, Overlay};
use super::scroll;
use super::theme::Theme;
use ties::config::Config;
use ties::model::Network;
use ties::review::{self, NetworkEntry};
use ties::{Result, Store};

pub use detail_view::NetworkView;

/// One network: the plan as stored, and what happened against it.
pub struct PlanRow {
    pub network: Network,
    pub entry: NetworkEntry,
}

#[derive(Default)]
pub struct NetworksScreen {
    pub rows: Vec<PlanRow>,
    pub state: TableState,
    pub detail: Option<NetworkView>,
    today: Option<NaiveDate>,
    /// Rows of the plan table on screen at the last draw: what a page moves.
    page: usize,
}

impl NetworksScreen {
    pub fn load(&mut self, store: &Store, config: &Config) -> Result<()> {
        let selected = self.selected_id();
        let today = store.clock().today;
        let mut plans: HashMap<i64, Network> = store
            .list_networks()?
            .into_iter()
            .map(|n| (n.id, n))
            .collect();
        // The review's figures for every network, the ones to reconsider first.
        let entries = review::network_plan(store, config)?;
        self.rows = entries
            .into_iter()
            .filter_map(|entry| {
                Some(PlanRow {
                    network: plans.remove(&entry.id)?,
                    entry,
                })
            })
            .collect();
        self.today = Some(today);
        let position = selected
            .and_then(|id| self.rows.iter().position(|r| r.network.id == id))
            .or(self.state.selected())
            .map(|i| i.min(self.rows.len().saturating_sub(1)));
        self.state.select(if self.rows.is_empty() {
            None
        } else {
            position.or(Some(0))
        });
        if let Some(view) = &mut self.detail {
            view.entry = self
                .rows
                .iter()
                .find(|r| r.network.id == view.id())
                .map(|r| r.entry.clone());
        }
        Ok(())
    }

    /// Reads the open network again (after an edit, or on focus); closes the
    /// view when the network is gone.
    pub fn reload_detail(&mut self, store: &Store) {
        let Some(view) = &self.detail else { return };
        let entry = self
            .rows
            .iter()
            .find(|r| r.network.id == view.id())
            .map(|r| r.entry.clone());
        self.detail = NetworkView::open(store, view.id(), entry)
            .ok()
            .map(|mut fresh| {
                fresh.scroll = view.scroll;
                fresh
            });
    }

    fn selected_id(&self) -> Option<i64> {
        self.rows.get(self.state.selected()?).map(|r| r.network.id)
    }

    pub fn select(&mut self, index: usize) {
        if index < self.rows.len() {
            self.state.select(Some(index));
        }
    }

    pub fn update(&mut self, action: Action, store: &mut Store, _config: &Config) -> ScreenOutcome {
        if let Some(view) = &mut self.detail {
            return match action {
                Action::Back => {
                    self.detail = None;
                    ScreenOutcome::Nothing
                }
                Action::EditNetwork => edit(store, view.id()),
                other => {
                    view.update(other);
                    ScreenOutcome::Nothing
                }
            };
        }
        match action {
            Action::Open => {
                let Some(row) = self.state.selected().and_then(|i| self.rows.get(i)) else {
                    return ScreenOutcome::Nothing;
                };
                match NetworkView::open(store, row.network.id, Some(row.entry.clone())) {
                    Ok(view) => {
                        self.detail = Some(view);
                        ScreenOutcome::Nothing
                    }
                    Err(error) => {
                        ScreenOutcome::Failed(format!("cannot open the network: {error}"))
                    }
                }
            }
            Action::EditNetwork => match self.selected_id() {
                Some(id) => edit(store, id),
                None => ScreenOutcome::Nothing,
            },
            other => {
                scroll::in_table(&mut self.state, other, self.rows.len(), self.page);
                ScreenOutcome::Nothing
            }
        }
    }

    /// Draws the plan (or the open network); returns the table's area and
    /// first visible row, for mouse clicks.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) -> (Rect, usize) {
        let today = self.today.unwrap_or_default();
        if let Some(view) = &mut self.detail {
            view.render(area, buf, theme, today);
            return (Rect::default(), 0);
        }
        plan_table::render(self, area, buf, theme, today)
    }
}

fn edit(store: &Store, id: i64) -> ScreenOutcome {
    match NetworkForm::edit(store, id) {
        Ok(form) => ScreenOutcome::Overlay(Box::new(Overlay::Network(Box::new(form)))),
        Err(error) => ScreenOutcome::Failed(format!("cannot edit the network: {error}")),
    }
}
