//! A contact's page: fields, affiliations, networks, balance, two years of
//! activity, open promises and the timeline of interactions with their items.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph, Sparkline, Widget, Wrap};

mod timeline;

pub use timeline::is_kept_promise;

use super::action::Action;
use super::scroll;
use super::theme::Theme;
use super::widgets::{balance_span, cell_text, fit_line};
use ties::config::Config;
use ties::dates::relative;
use ties::model::{ContactRef, Direction, Kind};
use ties::review::{self, ContactStanding};
use ties::store::ContactDetail;
use ties::{Result, Store};

/// Months of activity the sparkline shows.
const MONTHS: usize = 24;
/// Rows the timeline keeps under the facts on a narrow, short screen.
const TIMELINE_MIN: u16 = 5;

pub struct DetailScreen {
    pub detail: ContactDetail,
    pub standing: ContactStanding,
    /// Interactions per month, oldest first, ending this month.
    pub monthly: Vec<u64>,
    pub today: NaiveDate,
    pub scroll: u16,
    /// Lines of the timeline on screen at the last draw: what a page moves.
    timeline_rows: u16,
    /// Whether the keys move a cursor through the timeline (Enter or →).
    pub timeline_focused: bool,
    /// The interaction under the cursor, by position (newest first).
    pub cursor: usize,
}

impl DetailScreen {
    pub fn open(store: &Store, config: &Config, id: i64) -> Result<DetailScreen> {
        let detail = store.contact_detail(id, None)?;
        let standing = review::contact_standing(store, config, id)?;
        let today = store.clock().today;
        let monthly = per_month(detail.interactions.iter().map(|i| i.date), today);
        Ok(DetailScreen {
            detail,
            standing,
            monthly,
            today,
            scroll: 0,
            timeline_rows: 0,
            timeline_focused: false,
            cursor: 0,
        })
    }

    /// Reads the page again, keeping its scroll and the cursor's place.
    pub fn reload(&mut self, store: &Store, config: &Config) -> Result<()> {
        let scroll = self.scroll;
        let rows = self.timeline_rows;
        let (focused, cursor) = (self.timeline_focused, self.cursor);
        *self = DetailScreen::open(store, config, self.detail.contact.id)?;
        self.scroll = scroll;
        self.timeline_rows = rows;
        self.cursor = cursor;
        self.focus_timeline(focused);
        Ok(())
    }

    pub fn contact_ref(&self) -> ContactRef {
        ContactRef {
            id: self.detail.contact.id,
            name: self.detail.contact.name.clone(),
        }
    }

    /// Movement: the cursor while the timeline has the keys, else the
    /// timeline scrolls by lines.
    pub fn update(&mut self, action: Action) {
        if self.timeline_focused {
            self.move_cursor(action);
        } else if let Some(scroll) = scroll::in_view(action, self.scroll, self.timeline_rows) {
            self.scroll = scroll;
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer, theme: &Theme) {
        let c = &self.detail.contact;
        let [head, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Fill(1)]).areas(area);
        let kind = match c.circle {
            Some(circle) => format!("{} · {circle}", c.kind),
            None => c.kind.to_string(),
        };
        let mut title = vec![
            Span::styled(cell_text(&c.name), theme.title),
            Span::styled(format!("  #{}  {kind}", c.id), theme.dim),
        ];
        if c.archived {
            title.push(Span::styled("  archived", theme.notice));
        }
        Paragraph::new(fit_line(Line::from(title), usize::from(head.width))).render(head, buf);

        let wide = body.width >= 100;
        let [left, right] = if wide {
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body)
        } else {
            // The timeline keeps a few lines on a short screen.
            let facts = body.height.saturating_sub(TIMELINE_MIN).min(13);
            Layout::vertical([Constraint::Length(facts), Constraint::Fill(1)]).areas(body)
        };
        self.render_facts(left, buf, theme, wide);
        self.render_timeline(right, buf, theme);
    }

    fn render_facts(&self, area: Rect, buf: &mut Buffer, theme: &Theme, wide: bool) {
        let d = &self.detail;
        let c = &d.contact;
        let s = &self.standing;
        let mut lines: Vec<Line> = Vec::new();
        let width = usize::from(area.width);
        let mut field = |label: &str, value: String| {
            if !value.is_empty() {
                let line = Line::from(vec![
                    Span::styled(format!("{label:<10}"), theme.dim),
                    Span::raw(cell_text(&value)),
                ]);
                lines.push(fit_line(line, width));
            }
        };
        let join = |values: Vec<String>| values.join(", ");
        field(
            "email",
            join(c.emails.iter().map(|e| e.value.clone()).collect()),
        );
        field(
            "phone",
            join(c.phones.iter().map(|p| p.value.clone()).collect()),
        );
        let orgs = d.affiliations.iter().map(|a| a.seen_from(c.id)).collect();
        field(
            if c.kind == Kind::Org {
                "people"
            } else {
                "orgs"
            },
            join(orgs),
        );
        field(
            "networks",
            join(d.networks.iter().map(|n| n.name.clone()).collect()),
        );
        field("expertise", c.expertise.join(", "));
        field("tags", c.tags.join(", "));
        // Birthdays and dates with when they next fall.
        let next = |date: &str, yearly: bool| match ties::occasions::next_on_or_after(
            date, yearly, self.today,
        ) {
            Some(on) => format!("{date} · {}", relative(on, self.today)),
            None => format!("{date} · past"),
        };
        if let Some(birthday) = &c.birthday {
            field("birthday", next(birthday, true));
        }
        let dates: Vec<String> = c
            .dates
            .iter()
            .map(|d| format!("{} {}", d.label, next(&d.date, d.yearly)))
            .collect();
        field("dates", dates.join(", "));
        let cadence = match (s.effective_cadence_days, s.overdue_days) {
            (Some(days), Some(over)) if over >= 0 => format!("every {days} d · {over} d overdue"),
            (Some(days), _) => format!(
                "every {days} d · next {}",
                s.due
                    .map(|due| relative(due, self.today))
                    .unwrap_or_default()
            ),
            (None, _) if !c.reminders => "no reminders · let go".into(),
            (None, _) => "no reminders".into(),
        };
        field("cadence", cadence);
        field(
            "last",
            d.last_interaction
                .map(|date| {
                    format!(
                        "{} · {} interactions",
                        relative(date, self.today),
                        d.interaction_count
                    )
                })
                .unwrap_or_else(|| "no interactions yet".into()),
        );
        field("note", c.note.clone());
        let facts_height = lines.len() as u16;
        // Short of room for the gauge, the sparkline and two lines of
        // promises, the balance is one line and the sparkline goes.
        let roomy = wide || area.height >= facts_height + 6;
        let [facts, balance, activity, promises] = Layout::vertical([
            Constraint::Length(facts_height),
            Constraint::Length(if wide {
                3
            } else if roomy {
                2
            } else {
                1
            }),
            Constraint::Length(if wide {
                4
            } else if roomy {
                2
            } else {
                0
            }),
            Constraint::Fill(1),
        ])
        .areas(area);
        Paragraph::new(lines).render(facts, buf);

        // Balance: the share of the give and take that was mine.
        let total = s.gave + s.got;
        let ratio = if total > 0.0 { s.gave / total } else { 0.5 };
        let [label, gauge] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(balance);
        let line = Line::from(vec![
            Span::styled("balance   ", theme.dim),
            balance_span(s.balance, theme),
            Span::styled(
                format!("  gave {:.1} · got {:.1}", s.gave, s.got),
                theme.dim,
            ),
        ]);
        Paragraph::new(fit_line(line, width)).render(label, buf);
        Gauge::default()
            .ratio(ratio.clamp(0.0, 1.0))
            .label(Span::styled("gave ◀ ▶ got", theme.dim))
            .gauge_style(theme.accent)
            .render(gauge, buf);

        let [label, spark] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(activity);
        Paragraph::new(Span::styled("per month, last two years", theme.dim)).render(label, buf);
        Sparkline::default()
            .data(&self.monthly)
            .style(theme.accent)
            .render(spark, buf);

        let mut lines = vec![Line::styled("Open promises", theme.title)];
        if s.open_promises.is_empty() {
            lines.push(Line::styled("none", theme.dim));
        }
        for p in &s.open_promises {
            let who = match p.direction {
                Direction::Gave => "you promised",
                Direction::Got => "they promised",
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{who}: "), theme.dim),
                Span::raw(cell_text(&p.text)),
                Span::styled(format!("  {} d", p.age_days), theme.dim),
            ]));
        }
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .render(promises, buf);
    }
}

/// Counts per calendar month, oldest first, the last of them `today`'s month.
pub fn per_month(dates: impl Iterator<Item = NaiveDate>, today: NaiveDate) -> Vec<u64> {
    let month_index = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
    let current = month_index(today);
    let mut counts = vec![0u64; MONTHS];
    for date in dates {
        let back = current - month_index(date);
        if (0..MONTHS as i32).contains(&back) {
            counts[MONTHS - 1 - back as usize] += 1;
        }
    }
    counts
}
