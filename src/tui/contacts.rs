//! The Contacts tab: everyone in a table, filtered as you type, sorted four ways.
//!
//! `/` filters by name, organisation, tags and expertise (fuzzy); Tab while
//! typing switches to full-text search, which also looks through every
//! note (of contacts, interactions and items), ranked, with the text found
//! shown beside the name; Tab again switches back, Esc clears either.

mod table;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::TableState;

use super::action::Action;
use super::filter::{Filter, FilterKey};
use super::scroll;
use super::theme::Theme;
use ties::config::Config;
use ties::model::{ContactRef, ContactSummary};
use ties::review::{self, ContactSignal};
use ties::search::Fuzzy;
use ties::{Result, Store};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    LastInteraction,
    Balance,
    Overdue,
}

impl Sort {
    fn next(self) -> Sort {
        match self {
            Sort::Name => Sort::LastInteraction,
            Sort::LastInteraction => Sort::Balance,
            Sort::Balance => Sort::Overdue,
            Sort::Overdue => Sort::Name,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::LastInteraction => "last interaction",
            Sort::Balance => "balance",
            Sort::Overdue => "overdue",
        }
    }
}

/// A part of a contact the filter matched: an expertise or a tag, or an
/// organisation (which has its own column, when that shows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    pub text: String,
    pub organisation: bool,
}

pub struct ContactRow {
    pub contact: ContactSummary,
    pub signal: Option<ContactSignal>,
}

#[derive(Default)]
pub struct ContactsScreen {
    pub rows: Vec<ContactRow>,
    /// What the filter matches against, one per row: name, organisations,
    /// tags, expertise.
    haystacks: Vec<String>,
    /// Indices into `rows`, in display order.
    pub visible: Vec<usize>,
    pub filter: Filter,
    /// The contact selected when `/` was pressed, to come back to.
    selected_before_filter: Option<i64>,
    pub sort: Sort,
    pub state: TableState,
    fuzzy: Fuzzy,
    today: Option<chrono::NaiveDate>,
    /// The widest name, in columns: what the name column would like.
    longest_name: usize,
    /// Rows of the table on screen at the last draw: what a page moves.
    page: usize,
    /// Full-text search (names and notes) instead of the name filter.
    pub full_text: bool,
    /// The contacts the full-text search found, best first, each with the
    /// text found (hits in brackets).
    found: Vec<(i64, String)>,
    /// The archived contacts instead of the active ones (`A`).
    pub archived: bool,
    /// Each name followed by its id (`#`), to tell two of one name apart.
    pub show_ids: bool,
}

impl ContactsScreen {
    pub fn load(&mut self, store: &Store, config: &Config) -> Result<()> {
        let selected = self.selected_ref().map(|c| c.id);
        let contacts = store.list_contacts(&ties::store::ListFilter {
            archived: self.archived,
            ..Default::default()
        })?;
        let mut signals = review::contact_signals(store, config)?;
        self.today = Some(store.clock().today);
        self.haystacks = contacts
            .iter()
            .map(|c| {
                let mut text = c.name.clone();
                for part in c.organisations.iter().chain(&c.tags).chain(&c.expertise) {
                    text.push(' ');
                    text.push_str(part);
                }
                text
            })
            .collect();
        self.longest_name = contacts
            .iter()
            .map(|c| ties::text::width(&c.name))
            .max()
            .unwrap_or(0);
        self.rows = contacts
            .into_iter()
            .map(|contact| ContactRow {
                signal: signals.remove(&contact.id),
                contact,
            })
            .collect();
        self.apply();
        self.select_id(selected);
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn filter_text(&self) -> &str {
        self.filter.value()
    }

    /// Runs the full-text search for the filter's text (in that mode).
    fn search(&mut self, store: &Store) {
        self.found.clear();
        if !self.full_text {
            return;
        }
        // A text with nothing to look for finds nothing yet: the list stays whole.
        let Ok(hits) = store.search(self.filter.value(), 500) else {
            return;
        };
        for hit in hits {
            for contact in &hit.contacts {
                if !self.found.iter().any(|(id, _)| *id == contact.id) {
                    let text = hit.marked("[", "]").replace('\n', " ");
                    self.found.push((contact.id, text));
                }
            }
        }
    }

    /// Whether the rows are what the full-text search found.
    fn showing_found(&self) -> bool {
        self.full_text && ties::fulltext::query(self.filter.value()).is_ok()
    }

    /// Recomputes the visible rows from the filter and the sort.
    fn apply(&mut self) {
        if self.showing_found() {
            let index: std::collections::HashMap<i64, usize> = self
                .rows
                .iter()
                .enumerate()
                .map(|(i, row)| (row.contact.id, i))
                .collect();
            self.visible = self
                .found
                .iter()
                .filter_map(|(id, _)| index.get(id).copied())
                .collect();
            let selected = self.state.selected().unwrap_or(0);
            self.state
                .select((!self.visible.is_empty()).then(|| selected.min(self.visible.len() - 1)));
            return;
        }
        let query = match self.full_text {
            true => String::new(),
            false => self.filter.value().to_string(),
        };
        let mut visible = self.fuzzy.rank(&query, &self.haystacks);
        // A filter ranks by match quality; without one, the chosen sort decides.
        if query.trim().is_empty() {
            let rows = &self.rows;
            match self.sort {
                Sort::Name => {}
                Sort::LastInteraction => visible.sort_by(|&a, &b| {
                    rows[b]
                        .contact
                        .last_interaction
                        .cmp(&rows[a].contact.last_interaction)
                }),
                Sort::Balance => visible.sort_by(|&a, &b| {
                    let balance = |i: usize| rows[i].signal.map_or(0.0, |s| s.balance);
                    balance(a).total_cmp(&balance(b))
                }),
                Sort::Overdue => visible.sort_by(|&a, &b| {
                    let overdue = |i: usize| {
                        rows[i]
                            .signal
                            .and_then(|s| s.overdue_days)
                            .unwrap_or(i64::MIN)
                    };
                    overdue(b).cmp(&overdue(a))
                }),
            }
        }
        self.visible = visible;
        let selected = self.state.selected().unwrap_or(0);
        self.state
            .select((!self.visible.is_empty()).then(|| selected.min(self.visible.len() - 1)));
    }

    pub fn selected_ref(&self) -> Option<ContactRef> {
        let index = *self.visible.get(self.state.selected()?)?;
        let contact = &self.rows[index].contact;
        Some(ContactRef {
            id: contact.id,
            name: contact.name.clone(),
        })
    }

    pub fn select(&mut self, position: usize) {
        if position < self.visible.len() {
            self.state.select(Some(position));
        }
    }

    pub fn update(&mut self, action: Action) {
        match action {
            Action::Filter => {
                self.selected_before_filter = self.selected_ref().map(|c| c.id);
                self.filter.start();
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.apply();
                self.state.select((!self.visible.is_empty()).then_some(0));
            }
            other => {
                scroll::in_table(&mut self.state, other, self.visible.len(), self.page);
            }
        }
    }

    /// A key while the filter has the keyboard; false when it is no text
    /// key (the list may move with it). Tab switches between the name
    /// filter and full-text search.
    pub fn handle_filter_key(&mut self, key: KeyEvent, store: &Store) -> bool {
        if key.code == ratatui::crossterm::event::KeyCode::Tab {
            self.full_text = !self.full_text;
            self.state.select(Some(0));
            self.search(store);
            self.apply();
            return true;
        }
        match self.filter.handle_key(&key) {
            FilterKey::Changed => {
                self.state.select(Some(0));
                self.search(store);
                self.apply();
            }
            FilterKey::Cleared => self.clear_filter(),
            FilterKey::Kept | FilterKey::Done => {}
            FilterKey::Unused => return false,
        }
        true
    }

    pub fn paste(&mut self, text: &str, store: &Store) {
        self.filter.paste(text);
        self.state.select(Some(0));
        self.search(store);
        self.apply();
    }

    /// Clears the filter; the contact selected in the filtered list (or,
    /// when it showed none, before filtering) stays selected.
    pub fn clear_filter(&mut self) {
        let selected = self
            .selected_ref()
            .map(|c| c.id)
            .or(self.selected_before_filter);
        self.filter.clear();
        self.full_text = false;
        self.found.clear();
        self.apply();
        self.select_id(selected);
    }

    fn select_id(&mut self, id: Option<i64>) {
        if let Some(id) = id
            && let Some(position) = self
                .visible
                .iter()
                .position(|&i| self.rows[i].contact.id == id)
        {
            self.state.select(Some(position));
        }
    }

    /// What the filter matched in row `index` besides the name: the
    /// expertise and tags (then the organisations) that match a word of
    /// the filter; empty when the name alone matches, or without a filter.
    pub fn matched_beyond_name(&mut self, index: usize) -> Vec<Matched> {
        let query = self.filter.value().trim();
        let Some(row) = self.rows.get(index) else {
            return Vec::new();
        };
        // Full-text search: the text it found.
        if self.showing_found() {
            let id = row.contact.id;
            return self
                .found
                .iter()
                .find(|(found, _)| *found == id)
                .map(|(_, text)| Matched {
                    text: text.clone(),
                    organisation: false,
                })
                .into_iter()
                .collect();
        }
        let c = &row.contact;
        if query.is_empty() || !self.fuzzy.rank(query, &[c.name.as_str()]).is_empty() {
            return Vec::new();
        }
        let parts: Vec<(&str, bool)> = c
            .expertise
            .iter()
            .chain(&c.tags)
            .map(|p| (p.as_str(), false))
            .chain(c.organisations.iter().map(|o| (o.as_str(), true)))
            .collect();
        let texts: Vec<&str> = parts.iter().map(|(text, _)| *text).collect();
        let mut found: Vec<usize> = Vec::new();
        // A negated word (`!x`) matches by absence: nothing to show for it.
        for word in query.split_whitespace().filter(|w| !w.starts_with('!')) {
            for i in self.fuzzy.rank(word, &texts) {
                if !found.contains(&i) {
                    found.push(i);
                }
            }
        }
        found.sort_unstable();
        found
            .into_iter()
            .map(|i| Matched {
                text: parts[i].0.to_string(),
                organisation: parts[i].1,
            })
            .collect()
    }

    /// Draws the filter line and the table; returns the table's area and
    /// first visible row, for mouse clicks.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) -> (Rect, usize) {
        table::render(self, area, buf, theme)
    }

    /// The visible rows that fit in `height` lines, scrolled just enough to
    /// keep the selection in view (the offset is kept between frames).
    fn window(&mut self, height: usize) -> std::ops::Range<usize> {
        let height = height.max(1);
        self.page = height;
        let selected = self.state.selected().unwrap_or(0);
        let mut offset = self
            .state
            .offset()
            .min(self.visible.len().saturating_sub(1));
        if selected < offset {
            offset = selected;
        } else if selected >= offset + height {
            offset = selected + 1 - height;
        }
        *self.state.offset_mut() = offset;
        offset..(offset + height).min(self.visible.len())
    }
}
