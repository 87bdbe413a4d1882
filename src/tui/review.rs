//! The Review tab: the weekly review as one queue of sections with one-key
//! actions on each row, beside a chart of the largest balances, 26 weeks of
//! activity and the review streak. It shows what `ties review` prints: both
//! call `weekly_review`.

mod charts;
mod queue;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{
    HighlightSpacing, List, ListItem, ListState, Paragraph, StatefulWidget, Widget,
};

use super::action::Action;
use super::app::ScreenOutcome;
use super::overlay::{Overlay, Prompt};
use super::theme::Theme;
use queue::{Columns, QueueRow, Target};
use ties::config::Config;
use ties::model::{ContactRef, Direction};
use ties::review::{self, Review};
use ties::{Result, Store};

pub use charts::day_range;
pub use queue::flags as network_flags;

/// Rows per section on screen: enough to work through, few enough to read
/// fast on a large database.
const SCREEN_LIMIT: usize = 50;
/// Below this width the charts go under the queue instead of beside it.
const WIDE: u16 = 100;
const SIDE_WIDTH: u16 = 42;
const PAGE: usize = 10;
const HIGHLIGHT: &str = "▸ ";

#[derive(Default)]
pub struct ReviewScreen {
    review: Option<Review>,
    rows: Vec<QueueRow>,
    state: ListState,
}

impl ReviewScreen {
    pub fn load(&mut self, store: &Store, config: &Config) -> Result<()> {
        let review = review::weekly_review(store, config, store.clock().today, SCREEN_LIMIT)?;
        self.rows = queue::rows(&review);
        self.review = Some(review);
        // The same row index where possible: after a row leaves the queue
        // (snoozed, settled), the one that took its place is selected.
        let wanted = self.state.selected().unwrap_or(0);
        self.state.select(
            self.item_at_or_after(wanted)
                .or_else(|| self.item_before(wanted)),
        );
        Ok(())
    }

    /// Selects the row at a display index (a mouse click); a click on a
    /// header selects the first entry of its section.
    pub fn select(&mut self, index: usize) {
        match self.rows.get(index) {
            Some(QueueRow::Item(..)) => self.state.select(Some(index)),
            Some(QueueRow::Header(section)) => {
                if let Some(QueueRow::Item(s, _)) = self.rows.get(index + 1)
                    && s == section
                {
                    self.state.select(Some(index + 1));
                }
            }
            None => {}
        }
    }

    fn target(&self) -> Option<Target<'_>> {
        let review = self.review.as_ref()?;
        match self.rows.get(self.state.selected()?)? {
            QueueRow::Item(section, index) => Target::of(review, *section, *index),
            QueueRow::Header(_) => None,
        }
    }

    pub fn selected_contact(&self) -> Option<ContactRef> {
        self.target()?.contact()
    }

    fn item_at_or_after(&self, index: usize) -> Option<usize> {
        (index..self.rows.len()).find(|&i| self.rows[i].is_item())
    }

    fn item_before(&self, index: usize) -> Option<usize> {
        (0..index.min(self.rows.len()))
            .rev()
            .find(|&i| self.rows[i].is_item())
    }

    /// The first item of the next section that has any.
    fn section_after(&self, index: usize) -> Option<usize> {
        let header = (index + 1..self.rows.len()).find(|&i| !self.rows[i].is_item())?;
        self.item_at_or_after(header)
    }

    /// The first item of the nearest earlier section that has any.
    fn section_before(&self, index: usize) -> Option<usize> {
        let own_header = (0..=index.min(self.rows.len().saturating_sub(1)))
            .rev()
            .find(|&i| !self.rows[i].is_item())?;
        // Sections are contiguous: an earlier header's first item that comes
        // before our own header is in that section.
        (0..own_header)
            .rev()
            .filter(|&i| !self.rows[i].is_item())
            .find_map(|header| {
                self.item_at_or_after(header)
                    .filter(|&item| item < own_header)
            })
    }

    fn go(&mut self, action: Action) {
        let current = self.state.selected().unwrap_or(0);
        let next = match action {
            Action::Down => self.item_at_or_after(current + 1),
            Action::Up => self.item_before(current),
            Action::PageDown => self
                .item_at_or_after(current + PAGE)
                .or_else(|| self.item_before(self.rows.len())),
            Action::PageUp => self
                .item_before(current.saturating_sub(PAGE) + 1)
                .or_else(|| self.item_at_or_after(0)),
            Action::Top => self.item_at_or_after(0),
            Action::Bottom => self.item_before(self.rows.len()),
            Action::NextSection => self.section_after(current),
            Action::PrevSection => self.section_before(current),
            _ => None,
        };
        if next.is_some() {
            self.state.select(next);
        }
    }

    pub fn update(&mut self, action: Action, store: &mut Store, config: &Config) -> ScreenOutcome {
        match action {
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::Top
            | Action::Bottom
            | Action::NextSection
            | Action::PrevSection => {
                self.go(action);
                ScreenOutcome::Nothing
            }
            Action::Open => match self.target() {
                Some(Target::Network(network)) => ScreenOutcome::Failed(format!(
                    "{} is planned on the Networks tab: press 3, then Enter",
                    super::widgets::cell_text(&network.name)
                )),
                Some(target) => target
                    .contact()
                    .map_or(ScreenOutcome::Nothing, |c| ScreenOutcome::OpenContact(c.id)),
                None => ScreenOutcome::Nothing,
            },
            Action::Snooze => match self.contact_for("z snoozes") {
                Ok(contact) => prompt(Prompt::snooze(contact, store.clock().today)),
                Err(outcome) => outcome,
            },
            Action::SetCadence => match self.contact_for("c sets the cadence of") {
                Ok(contact) => match Prompt::cadence(store, config, contact) {
                    Ok(p) => prompt(p),
                    Err(error) => ScreenOutcome::Failed(format!("cannot set the cadence: {error}")),
                },
                Err(outcome) => outcome,
            },
            Action::Settle => self.settle(store),
            Action::LetGo => match self.contact_for("x lets go of") {
                Ok(contact) => match store.set_reminders(contact.id, false) {
                    Ok(()) => ScreenOutcome::Changed(format!(
                        "Let go of {}: no more reconnect suggestions",
                        super::widgets::cell_text(&contact.name)
                    )),
                    Err(error) => ScreenOutcome::Failed(format!("could not let go: {error}")),
                },
                Err(outcome) => outcome,
            },
            Action::MarkReviewed => match &self.review {
                Some(review) => prompt(Prompt::mark_reviewed(
                    review.week,
                    review.reviewed_this_week,
                )),
                None => ScreenOutcome::Nothing,
            },
            _ => ScreenOutcome::Nothing,
        }
    }

    /// The contact of the selected row, or what to say when there is none.
    fn contact_for(&self, what: &str) -> std::result::Result<ContactRef, ScreenOutcome> {
        match self.target() {
            Some(target) => target.contact().ok_or_else(|| {
                ScreenOutcome::Failed(format!("{what} a contact: pick a person's row"))
            }),
            None => Err(ScreenOutcome::Nothing),
        }
    }

    fn settle(&self, store: &mut Store) -> ScreenOutcome {
        let promise = match self.target() {
            Some(Target::Promise(promise)) => promise,
            Some(_) => {
                return ScreenOutcome::Failed(
                    "d settles a promise: pick one in Open promises".into(),
                );
            }
            None => return ScreenOutcome::Nothing,
        };
        match store.settle_item(promise.item_id) {
            Ok(item) => {
                let text = if item.note.is_empty() {
                    match promise.direction {
                        Direction::Gave => format!("your promise to {}", promise.contact.name),
                        Direction::Got => format!("{}'s promise", promise.contact.name),
                    }
                } else {
                    item.note
                };
                ScreenOutcome::Changed(format!("Settled: {}", super::widgets::cell_text(&text)))
            }
            Err(error) => ScreenOutcome::Failed(format!("could not settle: {error}")),
        }
    }

    /// Draws the queue and the charts; returns the queue's area (its first
    /// line is the week's status, rows start below it) and first row shown.
    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) -> (Rect, usize) {
        let Some(review) = &self.review else {
            Paragraph::new(Span::styled("Loading…", theme.dim)).render(area, buf);
            return (Rect::default(), 0);
        };
        let list_area = if area.width >= WIDE {
            let [list, _, side] = Layout::horizontal([
                Constraint::Fill(1),
                Constraint::Length(1),
                Constraint::Length(SIDE_WIDTH),
            ])
            .areas(area);
            render_side(review, side, buf, theme);
            list
        } else {
            // Narrow: the balance chart only when there is room for it, the
            // activity line always.
            let chart = if area.height >= 30 {
                charts::balance_rows(review) + 1
            } else {
                0
            };
            let [list, below, activity] = Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(chart),
                Constraint::Length(1),
            ])
            .areas(area);
            if chart > 0 {
                // The first line of `below` separates the chart from the queue.
                let chart_area = Rect {
                    y: below.y + 1,
                    height: below.height.saturating_sub(1),
                    ..below
                };
                charts::render_balances(review, chart_area, buf, theme);
            }
            charts::render_activity(review, activity, buf, theme);
            list
        };

        let [status, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(list_area);
        Paragraph::new(charts::week_status(review, theme)).render(status, buf);
        let columns =
            Columns::for_width(usize::from(body.width).saturating_sub(HIGHLIGHT.chars().count()));
        let items: Vec<ListItem> = self
            .rows
            .iter()
            .map(|row| match *row {
                QueueRow::Header(section) => {
                    ListItem::new(queue::header_line(review, section, theme))
                }
                QueueRow::Item(section, index) => {
                    ListItem::new(queue::item_line(review, section, index, columns, theme))
                }
            })
            .collect();
        // Keep a section's header in view when its first entry is selected.
        if let Some(selected) = self.state.selected()
            && selected > 0
            && self.state.offset() == selected
            && !self.rows[selected - 1].is_item()
        {
            *self.state.offset_mut() = selected - 1;
        }
        let list = List::new(items)
            .highlight_style(theme.selected)
            .highlight_symbol(HIGHLIGHT)
            .highlight_spacing(HighlightSpacing::Always);
        StatefulWidget::render(list, body, buf, &mut self.state);
        (list_area, self.state.offset())
    }
}

fn prompt(prompt: Prompt) -> ScreenOutcome {
    ScreenOutcome::Overlay(Box::new(Overlay::Prompt(Box::new(prompt))))
}

/// The column beside the queue on wide screens.
fn render_side(review: &Review, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let [balances, _, activity, _, last] = Layout::vertical([
        Constraint::Length(charts::balance_rows(review)),
        Constraint::Length(1),
        Constraint::Length(4),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    charts::render_balances(review, balances, buf, theme);
    charts::render_activity(review, activity, buf, theme);
    charts::render_last_review(review, last, buf, theme);
}

#[cfg(test)]
pub use queue::Section;

#[cfg(test)]
impl ReviewScreen {
    /// The section of the selected row, for tests that walk the queue by keys.
    pub fn selected_section(&self) -> Option<Section> {
        match self.rows.get(self.state.selected()?)? {
            QueueRow::Item(section, _) => Some(*section),
            QueueRow::Header(_) => None,
        }
    }

    pub fn review(&self) -> Option<&Review> {
        self.review.as_ref()
    }
}
