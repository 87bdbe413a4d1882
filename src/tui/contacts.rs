//! The Contacts tab: everyone in a table, filtered as you type, sorted four ways.
//!
//! `/` filters by name, organisation, tags and expertise (fuzzy); Tab while
//! filtering switches to full-text search, which also looks through every
//! note (of contacts, interactions and items), ranked, with the text found
//! shown in place of the organisation; Tab again switches back.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table, TableState, Widget};
use tui_input::Input;
use tui_input::backend::crossterm::EventHandler;

use super::action::Action;
use super::theme::Theme;
use super::widgets::{balance_span, cell_text};
use ties::config::Config;
use ties::dates::relative;
use ties::model::{ContactRef, ContactSummary, Kind};
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
    pub filter: Input,
    pub filtering: bool,
    pub sort: Sort,
    pub state: TableState,
    fuzzy: Fuzzy,
    today: Option<chrono::NaiveDate>,
    /// Full-text search (names and notes) instead of the name filter.
    pub full_text: bool,
    /// The contacts the full-text search found, best first, each with the
    /// text found (hits in brackets).
    found: Vec<(i64, String)>,
}

impl ContactsScreen {
    pub fn load(&mut self, store: &Store, config: &Config) -> Result<()> {
        let selected = self.selected_ref().map(|c| c.id);
        let contacts = store.list_contacts(&Default::default())?;
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
        self.rows = contacts
            .into_iter()
            .map(|contact| ContactRow {
                signal: signals.remove(&contact.id),
                contact,
            })
            .collect();
        self.apply();
        if let Some(id) = selected
            && let Some(position) = self
                .visible
                .iter()
                .position(|&i| self.rows[i].contact.id == id)
        {
            self.state.select(Some(position));
        }
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
                    self.found
                        .push((contact.id, hit.marked("[", "]").replace('\n', " ")));
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
        let query = self.filter.value().to_string();
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
        let query = if self.full_text { String::new() } else { query };
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
        let last = self.visible.len().saturating_sub(1);
        let current = self.state.selected().unwrap_or(0);
        let page = 10;
        let next = match action {
            Action::Down => current.saturating_add(1).min(last),
            Action::Up => current.saturating_sub(1),
            Action::PageDown => current.saturating_add(page).min(last),
            Action::PageUp => current.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Filter => {
                self.filtering = true;
                return;
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.apply();
                self.state.select((!self.visible.is_empty()).then_some(0));
                return;
            }
            _ => return,
        };
        if !self.visible.is_empty() {
            self.state.select(Some(next));
        }
    }

    /// Keys while the filter has focus: text edits it (and filters at once);
    /// Tab switches between the name filter and full-text search; Enter
    /// keeps the filter, Esc clears it.
    pub fn handle_filter_key(&mut self, key: KeyEvent, store: &Store) {
        match key.code {
            KeyCode::Enter => self.filtering = false,
            KeyCode::Esc => self.clear_filter(),
            KeyCode::Tab => {
                self.full_text = !self.full_text;
                self.state.select(Some(0));
                self.search(store);
                self.apply();
            }
            KeyCode::Down | KeyCode::Up => {
                self.update(if key.code == KeyCode::Down {
                    Action::Down
                } else {
                    Action::Up
                });
            }
            _ => {
                if self.filter.handle_event(&Event::Key(key)).is_some() {
                    self.state.select(Some(0));
                    self.search(store);
                    self.apply();
                }
            }
        }
    }

    pub fn paste(&mut self, text: &str, store: &Store) {
        let value = format!("{}{}", self.filter.value(), text.replace(['\n', '\r'], " "));
        self.filter = Input::new(value);
        self.search(store);
        self.apply();
    }

    pub fn clear_filter(&mut self) {
        self.filtering = false;
        self.full_text = false;
        self.found.clear();
        self.filter.reset();
        self.apply();
    }

    /// Draws the filter line and the table; returns the table's area and
    /// first visible row, for mouse clicks.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) -> (Rect, usize) {
        let [top, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let count = if self.filter.value().is_empty() {
            format!(
                "{} contacts · sorted by {}",
                self.rows.len(),
                self.sort.label()
            )
        } else {
            format!("{} of {} match", self.visible.len(), self.rows.len())
        };
        let mut spans = vec![Span::styled(count, theme.dim)];
        if self.filtering || !self.filter.value().is_empty() {
            spans.push(Span::styled("  / ", theme.accent));
            spans.push(Span::raw(cell_text(self.filter.value())));
            if self.filtering {
                spans.push(Span::styled("▏", theme.accent));
                let mode = if self.full_text {
                    "  names and notes · Tab: names only"
                } else {
                    "  Tab: search notes too"
                };
                spans.push(Span::styled(mode, theme.dim));
            }
        }
        Paragraph::new(Line::from(spans)).render(top, buf);

        let today = self.today.unwrap_or_default();
        // Only the rows on screen are built: with 10,000 contacts, making a
        // Row for each on every keystroke would cost more than the filtering.
        let window = self.window(body.height.saturating_sub(1) as usize);
        let found = self.showing_found();
        let rows = self.visible[window.clone()].iter().map(|&i| {
            let row = &self.rows[i];
            let c = &row.contact;
            let third = if found {
                self.found
                    .iter()
                    .find(|(id, _)| *id == c.id)
                    .map(|(_, text)| text.clone())
                    .unwrap_or_default()
            } else {
                c.organisations.join(", ")
            };
            let kind = match (c.kind, c.circle) {
                (Kind::Person, Some(circle)) => circle.to_string(),
                (kind, _) => kind.to_string(),
            };
            let last = c
                .last_interaction
                .map(|d| relative(d, today))
                .unwrap_or_else(|| "never".into());
            let reconnect = match row.signal.and_then(|s| s.overdue_days) {
                Some(0) => Span::styled("● due", theme.notice),
                Some(days) => Span::styled(format!("● {days} d"), theme.notice),
                None => Span::raw(""),
            };
            Row::new(vec![
                Cell::from(cell_text(&c.name)),
                Cell::from(Span::styled(kind, theme.dim)),
                Cell::from(cell_text(&third)),
                Cell::from(last),
                Cell::from(balance_span(row.signal.map_or(0.0, |s| s.balance), theme)),
                Cell::from(reconnect),
            ])
        });
        let header = Row::new([
            "Name",
            "Circle",
            if found { "Found" } else { "Organisation" },
            "Last",
            "Balance",
            "Reconnect",
        ])
        .style(theme.title);
        let table = Table::new(
            rows,
            [
                Constraint::Fill(3),
                Constraint::Length(12),
                Constraint::Fill(2),
                Constraint::Length(11),
                Constraint::Length(8),
                Constraint::Length(10),
            ],
        )
        .header(header)
        .row_highlight_style(theme.selected)
        .column_spacing(1);
        let mut shown =
            TableState::default().with_selected(self.state.selected().map(|s| s - window.start));
        ratatui::widgets::StatefulWidget::render(table, body, buf, &mut shown);
        (body, window.start)
    }

    /// The visible rows that fit in `height` lines, scrolled just enough to
    /// keep the selection in view (the offset is kept between frames).
    fn window(&mut self, height: usize) -> std::ops::Range<usize> {
        let height = height.max(1);
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
