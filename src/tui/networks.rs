//! The Networks tab: the network plan (role, intent, hours budgeted against
//! logged, give and take, flags) as a table, filtered with `/` by name, goal
//! and note; Enter opens a network's members and interactions, `e` edits
//! its plan.

mod detail_view;
mod plan_table;

use std::collections::HashMap;

use chrono::NaiveDate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::TableState;

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::app::ScreenOutcome;
use super::filter::{Filter, FilterKey};
use super::overlay::{MemberPicker, NetworkForm, Overlay, Prompt};
use super::scroll;
use super::theme::Theme;
use ties::config::Config;
use ties::model::Network;
use ties::review::{self, NetworkEntry};
use ties::search::Fuzzy;
use ties::{Result, Store};

pub use detail_view::NetworkView;
#[cfg(test)]
pub use detail_view::Pane;

/// One network: the plan as stored, and what happened against it.
pub struct PlanRow {
    pub network: Network,
    pub entry: NetworkEntry,
}

#[derive(Default)]
pub struct NetworksScreen {
    pub rows: Vec<PlanRow>,
    /// Indices into `rows` that the filter lets through, in display order;
    /// the table's state indexes these.
    pub visible: Vec<usize>,
    pub filter: Filter,
    /// The network selected when `/` was pressed, to come back to.
    selected_before_filter: Option<i64>,
    fuzzy: Fuzzy,
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
        self.apply_filter();
        self.select_id(selected);
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
        self.detail = view.reopen(store, entry).ok();
    }

    /// The rows the filter lets through: by name, goal and note, best
    /// match first; all of them, in the plan's order, without a filter.
    fn apply_filter(&mut self) {
        let haystacks: Vec<String> = self
            .rows
            .iter()
            .map(|r| format!("{} {} {}", r.network.name, r.network.goal, r.network.note))
            .collect();
        self.visible = self.fuzzy.rank(self.filter.value(), &haystacks);
        let selected = self.state.selected().unwrap_or(0);
        self.state
            .select((!self.visible.is_empty()).then(|| selected.min(self.visible.len() - 1)));
    }

    fn select_id(&mut self, id: Option<i64>) {
        if let Some(id) = id
            && let Some(position) = self
                .visible
                .iter()
                .position(|&i| self.rows[i].network.id == id)
        {
            self.state.select(Some(position));
        }
    }

    /// The selected network's row.
    pub fn selected_row(&self) -> Option<&PlanRow> {
        let index = *self.visible.get(self.state.selected()?)?;
        self.rows.get(index)
    }

    fn selected_id(&self) -> Option<i64> {
        self.selected_row().map(|r| r.network.id)
    }

    pub fn select(&mut self, index: usize) {
        if index < self.visible.len() {
            self.state.select(Some(index));
        }
    }

    /// A key while the filter has the keyboard; false when it is no text
    /// key (the list may move with it).
    pub fn handle_filter_key(&mut self, key: KeyEvent) -> bool {
        match self.filter.handle_key(&key) {
            FilterKey::Changed => {
                self.state.select(Some(0));
                self.apply_filter();
            }
            FilterKey::Cleared => self.clear_filter(),
            FilterKey::Kept | FilterKey::Done => {}
            FilterKey::Unused => return false,
        }
        true
    }

    pub fn paste(&mut self, text: &str) {
        self.filter.paste(text);
        self.state.select(Some(0));
        self.apply_filter();
    }

    /// Clears the filter; the network selected in the filtered list (or,
    /// when it showed none, before filtering) stays selected.
    pub fn clear_filter(&mut self) {
        let selected = self.selected_id().or(self.selected_before_filter);
        self.filter.clear();
        self.apply_filter();
        self.select_id(selected);
    }

    pub fn update(&mut self, action: Action, store: &mut Store, _config: &Config) -> ScreenOutcome {
        if let Some(view) = &mut self.detail {
            return match action {
                Action::Back => {
                    self.detail = None;
                    ScreenOutcome::Nothing
                }
                Action::EditNetwork => edit(store, view.id()),
                Action::EditNetworkNote => match NetworkForm::edit_note(store, view.id()) {
                    Ok(form) => ScreenOutcome::Overlay(Box::new(Overlay::Network(Box::new(form)))),
                    Err(error) => ScreenOutcome::Failed(format!("cannot edit the note: {error}")),
                },
                Action::Open => view
                    .selected_member()
                    .map_or(ScreenOutcome::Nothing, |m| ScreenOutcome::OpenContact(m.id)),
                Action::AddMember => {
                    let members = view.detail.members.iter().map(|m| m.id).collect();
                    match MemberPicker::new(store, view.network_ref(), members) {
                        Ok(picker) => {
                            ScreenOutcome::Overlay(Box::new(Overlay::Members(Box::new(picker))))
                        }
                        Err(error) => {
                            ScreenOutcome::Failed(format!("cannot read the contacts: {error}"))
                        }
                    }
                }
                Action::RemoveMember => match view.selected_member() {
                    Some(member) => {
                        let prompt = Prompt::remove_member(view.network_ref(), member.clone());
                        ScreenOutcome::Overlay(Box::new(Overlay::Prompt(Box::new(prompt))))
                    }
                    None => ScreenOutcome::Failed("No member to remove: a adds some".into()),
                },
                other => {
                    view.update(other);
                    ScreenOutcome::Nothing
                }
            };
        }
        match action {
            Action::Filter => {
                self.selected_before_filter = self.selected_id();
                self.filter.start();
                ScreenOutcome::Nothing
            }
            Action::Back if self.filter.is_active() => {
                self.clear_filter();
                ScreenOutcome::Nothing
            }
            Action::Open => {
                let Some(row) = self.selected_row() else {
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
                scroll::in_table(&mut self.state, other, self.visible.len(), self.page);
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
