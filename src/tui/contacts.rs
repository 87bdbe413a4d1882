//! The Contacts tab: everyone in a table, filtered as you type, sorted four ways.
//!
//! Only the rows on screen are read: the list in a sort comes a page at a
//! time from that sort's index (`Store::contact_page`), a page starting
//! after or before a row already read, so scrolling anywhere costs a
//! screen of rows. The filter matches every contact on a thread of its own
//! (`ties::matcher`), the newest query winning; its answer is the ids to
//! show, whose rows are read as they come into view.
//!
//! `/` filters by name, organisation, tags and expertise (fuzzy); Tab while
//! typing switches to full-text search, which also looks through every
//! note (of contacts, interactions and items), ranked, with the text found
//! shown beside the name; Tab again switches back, Esc clears either.

mod table;
mod window;

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::TableState;

use super::action::Action;
use super::filter::{Filter, FilterKey};
use super::scroll;
use super::theme::Theme;
use ties::config::Config;
use ties::matcher::Matcher;
use ties::model::{ContactRef, ContactSummary};
use ties::review::ContactSignal;
use ties::search::Fuzzy;
use ties::store::ListOrder;
use ties::{Result, Store};
use window::Window;

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

    /// The index this sort reads from; the overdue sort has none yet.
    fn order(self) -> Option<ListOrder> {
        match self {
            Sort::Name => Some(ListOrder::Name),
            Sort::LastInteraction => Some(ListOrder::LastInteraction),
            Sort::Balance => Some(ListOrder::Balance),
            Sort::Overdue => None,
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

#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub contact: ContactSummary,
    pub signal: ContactSignal,
}

/// What the list shows, in display order.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// Every listed contact, straight from a sort's index.
    Indexed(ListOrder),
    /// These contacts (a filter's matches, the overdue order).
    Ids(Vec<i64>),
}

/// Rows a page moves before the table has been drawn (and knows its height).
const UNDRAWN_PAGE: usize = 10;

/// How long the screen waits for the matches of what was just typed
/// before it draws without them (and again when they come): on most
/// databases they come well within it, so the count does not flicker.
pub const MATCH_WAIT: Duration = Duration::from_millis(10);

#[derive(Default)]
pub struct ContactsScreen {
    pub filter: Filter,
    /// The contact selected when `/` was pressed, to come back to.
    selected_before_filter: Option<i64>,
    pub sort: Sort,
    pub state: TableState,
    fuzzy: Fuzzy,
    today: Option<chrono::NaiveDate>,
    config: Config,
    half_life: f64,
    /// Every listed contact, however many are shown.
    total: usize,
    /// The widest name, in columns: what the name column would like.
    longest_name: usize,
    /// Rows of the table on screen at the last draw: what a page moves.
    page: usize,
    shown: Shown,
    /// The rows read, around what is on screen.
    window: Window,
    matcher: Option<Matcher>,
    /// The query asked of the matcher whose answer has not come yet.
    asked: Option<u64>,
    /// What went wrong reading rows, shown instead of them.
    error: Option<String>,
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

impl Default for Shown {
    fn default() -> Self {
        Shown::Indexed(ListOrder::Name)
    }
}

impl ContactsScreen {
    /// Reads what the list needs to open: the count, the widest name, the
    /// rows on screen. The filter's haystacks are read on the matcher's
    /// thread meanwhile.
    pub fn load(&mut self, store: &Store, config: &Config) -> Result<()> {
        let selected = self.selected_id();
        self.today = Some(store.clock().today);
        self.config = config.clone();
        self.half_life = f64::from(store.half_life()?);
        self.total = store.count_listed(self.archived)?;
        self.longest_name = store.widest_listed_name(self.archived)?;
        self.window = Window::default();
        self.error = None;
        // Opened once the screen is up (`start_matcher`), or now if a
        // filter already waits for it: opening it and reading every
        // contact's haystack would otherwise delay the first rows.
        self.matcher = None;
        self.asked = None;
        if self.filtering() {
            self.start_matcher(store)?;
        }
        if self.showing_found() {
            self.search(store);
            self.shown = Shown::Ids(self.found_ids());
        } else if !self.filtering() {
            self.shown = self.unfiltered(store)?;
        } else {
            // The last matches stay until the new ones come.
            self.ask();
        }
        self.clamp_selection();
        self.select_id(store, selected)?;
        self.ensure_view(store);
        Ok(())
    }

    /// The list without a filter, in the chosen sort.
    fn unfiltered(&self, store: &Store) -> Result<Shown> {
        Ok(match self.sort.order() {
            Some(order) => Shown::Indexed(order),
            None => Shown::Ids(ties::listing::overdue_order(
                store,
                &self.config,
                self.archived,
            )?),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many rows the list shows.
    pub fn visible_len(&self) -> usize {
        match &self.shown {
            Shown::Indexed(_) => self.total,
            Shown::Ids(ids) => ids.len(),
        }
    }

    /// The row at `position` in the list, when it has been read.
    pub fn row(&self, position: usize) -> Option<&ContactRow> {
        self.window.get(position)
    }

    pub fn filter_text(&self) -> &str {
        self.filter.value()
    }

    fn query(&self) -> &str {
        self.filter.value().trim()
    }

    /// Whether the list waits for the matches of the filter as typed.
    pub fn is_searching(&self) -> bool {
        self.asked.is_some()
    }

    /// Whether the filter's matcher runs (it starts once the screen is up).
    #[cfg(test)]
    pub fn matcher_started(&self) -> bool {
        self.matcher.is_some()
    }

    /// Starts the filter's matcher on its thread, if it is not running.
    pub fn start_matcher(&mut self, store: &Store) -> Result<()> {
        if self.matcher.is_none() {
            self.matcher = Some(start_matcher(store, self.archived)?);
        }
        Ok(())
    }

    /// Sends the filter to the matcher.
    fn ask(&mut self) {
        let query = self.filter.value().to_string();
        if let Some(matcher) = &self.matcher {
            self.asked = Some(matcher.ask(&query));
        }
    }

    /// Runs the full-text search for the filter's text (in that mode):
    /// the listed contacts it finds, best first, with the text found.
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
        let ids: Vec<i64> = self.found_ids();
        match store.only_listed(self.archived, &ids) {
            Ok(listed) => self.found.retain(|(id, _)| listed.contains(id)),
            Err(error) => self.cannot_read(error),
        }
    }

    /// Whether the rows are what the full-text search found.
    fn showing_found(&self) -> bool {
        self.full_text && ties::fulltext::query(self.filter.value()).is_ok()
    }

    /// Whether a filter narrows the list (in full-text mode, a text with
    /// something to look for).
    fn filtering(&self) -> bool {
        if self.full_text {
            self.showing_found()
        } else {
            !self.query().is_empty()
        }
    }

    /// Takes the matcher's answer when it has come, waiting up to
    /// `timeout` for it; returns whether the list changed.
    pub fn settle(&mut self, store: &Store, timeout: Duration) -> bool {
        let (Some(asked), Some(matcher)) = (self.asked, &self.matcher) else {
            return false;
        };
        if !matcher.wait(timeout) {
            return false;
        }
        if let Some(failed) = matcher.failed() {
            self.asked = None;
            self.cannot_read(failed);
            return true;
        }
        let Some(answer) = matcher.answer().filter(|a| a.generation == asked) else {
            return false;
        };
        self.asked = None;
        self.shown = Shown::Ids(answer.ids.clone());
        self.window = Window::default();
        self.state.select((!answer.ids.is_empty()).then_some(0));
        *self.state.offset_mut() = 0;
        self.ensure_view(store);
        true
    }

    /// The list again after the filter changed: the chosen sort without a
    /// filter, else the matches (when they come).
    fn refilter(&mut self, store: &Store) {
        if self.showing_found() {
            self.asked = None;
            self.show(Shown::Ids(self.found_ids()));
            self.ensure_view(store);
        } else if !self.filtering() {
            self.asked = None;
            match self.unfiltered(store) {
                Ok(shown) => self.show(shown),
                Err(error) => self.cannot_read(error),
            }
            self.ensure_view(store);
        } else {
            if let Err(error) = self.start_matcher(store) {
                self.cannot_read(error);
            }
            self.ask();
        }
    }

    /// Says, where the rows would be, that reading them failed and why.
    fn cannot_read(&mut self, error: impl std::fmt::Display) {
        self.error = Some(format!("could not read the contacts: {error}"));
    }

    /// The ids the full-text search found, best first.
    fn found_ids(&self) -> Vec<i64> {
        self.found.iter().map(|(id, _)| *id).collect()
    }

    fn show(&mut self, shown: Shown) {
        if shown != self.shown {
            self.shown = shown;
            self.window = Window::default();
        }
        self.clamp_selection();
    }

    /// A selection within the list, on its first row when there was none.
    fn clamp_selection(&mut self) {
        let len = self.visible_len();
        let selected = self.state.selected().unwrap_or(0);
        self.state.select((len > 0).then(|| selected.min(len - 1)));
    }

    pub fn selected_ref(&self) -> Option<ContactRef> {
        let contact = &self.row(self.state.selected()?)?.contact;
        Some(ContactRef {
            id: contact.id,
            name: contact.name.clone(),
        })
    }

    fn selected_id(&self) -> Option<i64> {
        let position = self.state.selected()?;
        match &self.shown {
            Shown::Ids(ids) => ids.get(position).copied(),
            Shown::Indexed(_) => self.row(position).map(|r| r.contact.id),
        }
    }

    pub fn select(&mut self, position: usize, store: &Store) {
        if position < self.visible_len() {
            self.state.select(Some(position));
            self.ensure_view(store);
        }
    }

    pub fn update(&mut self, action: Action, store: &Store) {
        match action {
            Action::Filter => {
                self.selected_before_filter = self.selected_id();
                self.filter.start();
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                if !self.filtering() {
                    match self.unfiltered(store) {
                        Ok(shown) => self.show(shown),
                        Err(error) => self.cannot_read(error),
                    }
                }
                self.state.select((self.visible_len() > 0).then_some(0));
            }
            other => {
                let (rows, len) = (self.page, self.visible_len());
                scroll::in_table(&mut self.state, other, len, rows);
            }
        }
        self.ensure_view(store);
    }

    /// A key while the filter has the keyboard; false when it is no text
    /// key (the list may move with it). Tab switches between the name
    /// filter and full-text search.
    pub fn handle_filter_key(&mut self, key: KeyEvent, store: &Store) -> bool {
        if key.code == ratatui::crossterm::event::KeyCode::Tab {
            self.full_text = !self.full_text;
            self.state.select(Some(0));
            self.search(store);
            self.refilter(store);
            return true;
        }
        match self.filter.handle_key(&key) {
            FilterKey::Changed => {
                self.state.select(Some(0));
                self.search(store);
                self.refilter(store);
            }
            FilterKey::Cleared => self.clear_filter(store),
            FilterKey::Kept | FilterKey::Done => {}
            FilterKey::Unused => return false,
        }
        true
    }

    pub fn paste(&mut self, text: &str, store: &Store) {
        self.filter.paste(text);
        self.state.select(Some(0));
        self.search(store);
        self.refilter(store);
    }

    /// Clears the filter; the contact selected in the filtered list (or,
    /// when it showed none, before filtering) stays selected.
    pub fn clear_filter(&mut self, store: &Store) {
        let selected = self.selected_id().or(self.selected_before_filter);
        self.filter.clear();
        self.full_text = false;
        self.found.clear();
        self.refilter(store);
        if let Err(error) = self.select_id(store, selected) {
            self.cannot_read(error);
        }
        self.ensure_view(store);
    }

    /// Selects the contact `id` where it is in the list, if it is there.
    fn select_id(&mut self, store: &Store, id: Option<i64>) -> Result<()> {
        let Some(id) = id else {
            return Ok(());
        };
        let position = match &self.shown {
            Shown::Ids(ids) => ids.iter().position(|&i| i == id),
            Shown::Indexed(order) => store.position_in_list(self.archived, *order, id)?,
        };
        if let Some(position) = position {
            self.state.select(Some(position));
        }
        Ok(())
    }

    /// What the filter matched in the row at `position` besides the name:
    /// the expertise and tags (then the organisations) that match a word
    /// of the filter; empty when the name alone matches, or without a filter.
    pub fn matched_beyond_name(&mut self, position: usize) -> Vec<Matched> {
        let query = self.filter.value().trim();
        let Some(row) = self.window.get(position) else {
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
    pub fn render(
        &mut self,
        area: Rect,
        buf: &mut Buffer,
        theme: &Theme,
        store: &Store,
    ) -> (Rect, usize) {
        table::render(self, area, buf, theme, store)
    }

    /// The positions on screen for a table of `height` rows, scrolled just
    /// enough to keep the selection in view (the offset is kept between
    /// frames).
    fn view(&mut self, height: usize) -> std::ops::Range<usize> {
        let height = height.max(1);
        let len = self.visible_len();
        let selected = self.state.selected().unwrap_or(0);
        let mut offset = self.state.offset().min(len.saturating_sub(1));
        if selected < offset {
            offset = selected;
        } else if selected >= offset + height {
            offset = selected + 1 - height;
        }
        *self.state.offset_mut() = offset;
        offset..(offset + height).min(len)
    }

    /// Reads the rows of the view (at the last drawn height) that are not
    /// read yet, so the selection is known without a draw.
    fn ensure_view(&mut self, store: &Store) {
        let height = if self.page == 0 {
            UNDRAWN_PAGE
        } else {
            self.page
        };
        let view = self.view(height);
        self.ensure(store, view);
    }

    /// Reads the rows at `positions` unless they are read already.
    fn ensure(&mut self, store: &Store, positions: std::ops::Range<usize>) {
        let today = self.today.unwrap_or_default();
        let signal = |fact: &_| ContactSignal::of(fact, &self.config, today, self.half_life);
        let read = match &self.shown {
            Shown::Indexed(order) => self.window.read_indexed(
                store,
                self.archived,
                *order,
                positions,
                self.total,
                signal,
            ),
            Shown::Ids(ids) => self
                .window
                .read_ids(store, self.archived, ids, positions, signal),
        };
        if let Err(error) = read {
            self.cannot_read(error);
        }
    }

    /// Every row the list shows, read a page at a time (for tests that
    /// look at the whole list).
    #[cfg(test)]
    pub fn all_rows(&mut self, store: &Store) -> Vec<ContactRow> {
        let mut rows = Vec::new();
        let len = self.visible_len();
        let mut start = 0;
        while start < len {
            let end = (start + 25).min(len);
            self.ensure(store, start..end);
            rows.extend((start..end).filter_map(|p| self.row(p).cloned()));
            start = end;
        }
        self.window = Window::default();
        self.ensure_view(store);
        rows
    }
}

/// The matcher of this database's contacts: it reads their haystacks on
/// its own thread, from its own connection.
fn start_matcher(store: &Store, archived: bool) -> Result<Matcher> {
    let reader = store.reader()?;
    Ok(Matcher::start(move |each| {
        reader
            .each_listed_haystack(archived, each)
            .map_err(|error| error.to_string())
    }))
}
