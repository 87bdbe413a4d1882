//! The Review tab: the week's queue you can finish. Every section's
//! heading with its true count ("Reconnect · 3 of 30"), under it the
//! week's suggestions of that section, each with the key its reason calls
//! for; Enter on a heading opens the whole section in place. Acting on a
//! suggestion removes it and nothing refills it; when none is left the
//! screen says the week is done and offers `R`, and `m` draws more. Beside
//! it (or below it, on a narrow terminal): the largest balances, 26 weeks
//! of activity and the last review. It shows what `ties review` prints:
//! both call `weekly_review`.

mod charts;
mod lines;
mod rows;

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
use super::widgets::cell_text;
use lines::Columns;
use rows::{Opened, Row, Target};
use ties::config::Config;
use ties::model::ContactRef;
use ties::review::{self, Review};
use ties::{Result, Store};

pub use charts::day_range;
pub use lines::flags as network_flags;

/// Entries of an opened section: enough to work through, few enough to
/// read fast on a large database.
const SCREEN_LIMIT: usize = 50;
/// Below this width the charts go under the queue instead of beside it.
const WIDE: u16 = 100;
const SIDE_WIDTH: u16 = 42;
const PAGE: usize = 10;
const HIGHLIGHT: &str = "▸ ";

#[derive(Default)]
pub struct ReviewScreen {
    review: Option<Review>,
    rows: Vec<Row>,
    opened: Opened,
    state: ListState,
}

impl ReviewScreen {
    /// Reads this week's review (making the week's draw on its first read).
    pub fn load(&mut self, store: &mut Store, config: &Config) -> Result<()> {
        let today = store.clock().today;
        let review = review::weekly_review(store, config, today, SCREEN_LIMIT)?;
        // A first look, or the week just marked reviewed: start at the top.
        let fresh = match &self.review {
            None => true,
            Some(before) => review.reviewed_this_week && !before.reviewed_this_week,
        };
        self.review = Some(review);
        self.rebuild();
        if fresh {
            // Start on the first suggestion, what the week asks; once it is
            // reviewed, at the top, on what it did.
            let reviewed = self.review.as_ref().is_some_and(|r| r.reviewed_this_week);
            let first = self
                .rows
                .iter()
                .position(|r| matches!(r, Row::Suggestion(_)))
                .filter(|_| !reviewed)
                .or_else(|| self.selectable_at_or_after(0));
            self.state.select(first);
            *self.state.offset_mut() = 0;
        }
        Ok(())
    }

    /// The rows again, keeping the selection at the same index where
    /// possible: after a suggestion leaves the queue, the row that took its
    /// place is selected.
    fn rebuild(&mut self) {
        let Some(review) = &self.review else {
            return;
        };
        self.rows = rows::rows(review, &self.opened);
        let wanted = self.state.selected().unwrap_or(0);
        self.state.select(
            self.selectable_at_or_after(wanted)
                .or_else(|| self.selectable_before(wanted)),
        );
    }

    /// Selects the row at a display index (a mouse click).
    pub fn select(&mut self, index: usize) {
        if self.rows.get(index).is_some_and(|r| r.is_selectable()) {
            self.state.select(Some(index));
        }
    }

    fn selected_row(&self) -> Option<Row> {
        self.rows.get(self.state.selected()?).copied()
    }

    fn target(&self) -> Option<Target<'_>> {
        Target::of(self.review.as_ref()?, self.selected_row()?)
    }

    pub fn selected_contact(&self) -> Option<ContactRef> {
        self.target()?.contact()
    }

    fn selectable_at_or_after(&self, index: usize) -> Option<usize> {
        (index..self.rows.len()).find(|&i| self.rows[i].is_selectable())
    }

    fn selectable_before(&self, index: usize) -> Option<usize> {
        (0..index.min(self.rows.len()))
            .rev()
            .find(|&i| self.rows[i].is_selectable())
    }

    fn header_after(&self, index: usize) -> Option<usize> {
        (index + 1..self.rows.len()).find(|&i| self.rows[i].is_header())
    }

    fn header_before(&self, index: usize) -> Option<usize> {
        (0..index.min(self.rows.len()))
            .rev()
            .find(|&i| self.rows[i].is_header())
    }

    fn go(&mut self, action: Action) {
        let current = self.state.selected().unwrap_or(0);
        let next = match action {
            Action::Down => self.selectable_at_or_after(current + 1),
            Action::Up => self.selectable_before(current),
            Action::PageDown => self
                .selectable_at_or_after(current + PAGE)
                .or_else(|| self.selectable_before(self.rows.len())),
            Action::PageUp => self
                .selectable_before(current.saturating_sub(PAGE) + 1)
                .or_else(|| self.selectable_at_or_after(0)),
            Action::Top => self.selectable_at_or_after(0),
            Action::Bottom => self.selectable_before(self.rows.len()),
            Action::NextSection => self.header_after(current),
            Action::PrevSection => self.header_before(current),
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
            Action::Open => self.open(),
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
                        cell_text(&contact.name)
                    )),
                    Err(error) => ScreenOutcome::Failed(format!("could not let go: {error}")),
                },
                Err(outcome) => outcome,
            },
            Action::NotThisWeek => match self.contact_for("n sets aside") {
                Ok(contact) => match review::skip(store, config, std::slice::from_ref(&contact)) {
                    Ok(()) => ScreenOutcome::Changed(format!(
                        "{}: not this week",
                        cell_text(&contact.name)
                    )),
                    Err(error) => ScreenOutcome::Failed(format!("could not set aside: {error}")),
                },
                Err(outcome) => outcome,
            },
            Action::DrawMore => match review::more(store, config) {
                Ok(drawn) if drawn.is_empty() => ScreenOutcome::Changed(
                    "Nobody else to suggest this week: the sections hold all there is".into(),
                ),
                Ok(drawn) => ScreenOutcome::Changed(format!(
                    "Drew {} more suggestion{}",
                    drawn.len(),
                    if drawn.len() == 1 { "" } else { "s" }
                )),
                Err(error) => ScreenOutcome::Failed(format!("could not draw more: {error}")),
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

    /// Enter: a heading opens or closes its section in place; a row opens
    /// its contact.
    fn open(&mut self) -> ScreenOutcome {
        if let (Some(Row::Header(part)), Some(review)) = (self.selected_row(), &self.review) {
            self.opened.toggle(part, review);
            self.rebuild();
            return ScreenOutcome::Nothing;
        }
        match self.target() {
            Some(Target::Network(network)) => ScreenOutcome::Failed(format!(
                "{} is planned on the Networks tab: press 3, then Enter",
                cell_text(&network.name)
            )),
            Some(target) => target
                .contact()
                .map_or(ScreenOutcome::Nothing, |c| ScreenOutcome::OpenContact(c.id)),
            None => ScreenOutcome::Nothing,
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
        let (item_id, contact, mine) = match self.target().map(|t| t.promise()) {
            Some(Some(promise)) => promise,
            Some(None) => {
                return ScreenOutcome::Failed(
                    "d settles a promise: pick one in Open promises".into(),
                );
            }
            None => return ScreenOutcome::Nothing,
        };
        match store.settle_item(item_id) {
            Ok(item) => {
                let text = if item.note.is_empty() {
                    if mine {
                        format!("your promise to {}", contact.name)
                    } else {
                        format!("{}'s promise", contact.name)
                    }
                } else {
                    item.note
                };
                ScreenOutcome::Changed(format!("Settled: {}", cell_text(&text)))
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
            // Narrow: every heading first; the charts take what is left.
            let needed = self.rows.len() as u16 + 1;
            let spare = area.height.saturating_sub(needed);
            let chart = if spare > charts::balance_rows(review) + 1 && area.height >= 30 {
                charts::balance_rows(review) + 1
            } else {
                0
            };
            let activity = u16::from(spare > chart);
            let [list, below, activity_area] = Layout::vertical([
                Constraint::Fill(1),
                Constraint::Length(chart),
                Constraint::Length(activity),
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
            if activity > 0 {
                charts::render_activity(review, activity_area, buf, theme);
            }
            list
        };

        // The week's status line gives way when every heading would not fit
        // otherwise (80x24 with every section): the footer offers R, and the
        // week done or reviewed has a row of its own.
        let closed = self
            .rows
            .iter()
            .filter(|row| !matches!(row, Row::Entry(..)))
            .count();
        let with_status = usize::from(list_area.height) > closed;
        let body = if with_status {
            let [status, body] =
                Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(list_area);
            Paragraph::new(charts::week_status(review, theme)).render(status, buf);
            body
        } else {
            list_area
        };
        let columns =
            Columns::for_width(usize::from(body.width).saturating_sub(HIGHLIGHT.chars().count()));
        let items: Vec<ListItem> = self
            .rows
            .iter()
            .map(|row| ListItem::new(lines::row_line(review, *row, &self.opened, columns, theme)))
            .collect();
        // Keep a section's heading in view when its first row is selected.
        if let Some(selected) = self.state.selected()
            && selected > 0
            && self.state.offset() == selected
            && self.rows[selected - 1].is_header()
        {
            *self.state.offset_mut() = selected - 1;
        }
        let list = List::new(items)
            .highlight_style(theme.selected)
            .highlight_symbol(HIGHLIGHT)
            .highlight_spacing(HighlightSpacing::Always);
        StatefulWidget::render(list, body, buf, &mut self.state);
        // Clicks count rows from one line below the area's top.
        let hit_area = Rect {
            y: body.y.saturating_sub(1),
            height: body.height + 1,
            ..body
        };
        (hit_area, self.state.offset())
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
pub use rows::Part as ReviewPart;

#[cfg(test)]
impl ReviewScreen {
    /// The part of the selected row, for tests that walk the screen by keys.
    pub fn selected_part(&self) -> Option<rows::Part> {
        self.selected_row()?.part(self.review.as_ref()?)
    }

    /// Whether the selected row is one of the week's suggestions.
    pub fn on_suggestion(&self) -> bool {
        matches!(self.selected_row(), Some(Row::Suggestion(_)))
    }

    pub fn on_header(&self) -> bool {
        matches!(self.selected_row(), Some(Row::Header(_)))
    }

    pub fn review(&self) -> Option<&Review> {
        self.review.as_ref()
    }
}
