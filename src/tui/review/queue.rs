//! The review as one queue: a header row per section, then its entries.
//! Rows point into the `Review` by index, so building the queue copies
//! nothing and costs no query.

use ratatui::text::{Line, Span};

use crate::tui::theme::Theme;
use crate::tui::widgets::{balance_span, cell_text};
use ties::dates::relative;
use ties::model::{ContactRef, Direction};
use ties::review::{NetworkEntry, PromiseEntry, Review};
use ties::text::{pad, width};

/// The week's log is there to look back on, not to act on: its newest few
/// are enough, and the sections below stay in reach.
const THIS_WEEK_ROWS: usize = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    ThisWeek,
    YouMayOwe,
    OneSided,
    Reconnect,
    Promises,
    Networks,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::ThisWeek,
        Section::YouMayOwe,
        Section::OneSided,
        Section::Reconnect,
        Section::Promises,
        Section::Networks,
    ];

    /// The entries of the section, in the order the review ranks them.
    pub fn len(self, review: &Review) -> usize {
        match self {
            Section::ThisWeek => review.logged.len().min(THIS_WEEK_ROWS),
            Section::YouMayOwe => review.you_may_owe.len(),
            Section::OneSided => review.one_sided.len(),
            Section::Reconnect => review.reconnect.len(),
            Section::Promises => review.open_promises.len(),
            Section::Networks => networks_to_reconsider(review).count(),
        }
    }

    fn title(self, review: &Review) -> String {
        let name = match self {
            Section::ThisWeek => "This week",
            Section::YouMayOwe => "You may owe",
            Section::OneSided => "One-sided",
            Section::Reconnect => "Reconnect",
            Section::Promises => "Open promises",
            Section::Networks => "Networks to reconsider",
        };
        match (self, self.len(review)) {
            (_, 0) => name.to_string(),
            (Section::ThisWeek, _) => format!("{name} · {} logged", review.logged_count),
            (_, count) => format!("{name} · {count}"),
        }
    }

    /// What the section means, beside its title.
    fn explanation(self, review: &Review) -> String {
        let text = match self {
            Section::ThisWeek if review.logged_count > self.len(review) => {
                return format!("the newest {} here", self.len(review));
            }
            Section::ThisWeek => "newest first",
            Section::YouMayOwe => "you received more than you gave",
            Section::OneSided => "you gave much more than came back",
            Section::Reconnect => "past their cadence, most overdue first",
            Section::Promises => "oldest first · d settles",
            Section::Networks => "the whole plan is on tab 3",
        };
        text.to_string()
    }

    /// A calm line for a section with nothing in it.
    fn empty_text(self, review: &Review) -> &'static str {
        match self {
            Section::Networks if review.networks.is_empty() => "No networks in your plan yet.",
            Section::ThisWeek => "Nothing logged yet this week: l logs a meeting.",
            Section::YouMayOwe => "Nobody: what you received is matched by what you gave.",
            Section::OneSided => "No tie is one-sided.",
            Section::Reconnect => "Everyone is within their cadence.",
            Section::Promises => "No open promises.",
            Section::Networks => "Each network returns about what it costs; no review is due.",
        }
    }
}

/// Networks worth a look this week: costing more than they return, or due
/// for their planned review.
pub fn networks_to_reconsider(review: &Review) -> impl Iterator<Item = &NetworkEntry> {
    review
        .networks
        .iter()
        .filter(|n| n.costs_exceed_benefits || n.review_due)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueRow {
    Header(Section),
    /// The n-th entry of a section.
    Item(Section, usize),
}

impl QueueRow {
    pub fn is_item(self) -> bool {
        matches!(self, QueueRow::Item(..))
    }
}

pub fn rows(review: &Review) -> Vec<QueueRow> {
    let mut rows = Vec::new();
    for section in Section::ALL {
        rows.push(QueueRow::Header(section));
        rows.extend((0..section.len(review)).map(|i| QueueRow::Item(section, i)));
    }
    rows
}

/// What an item row is about, for the one-key actions.
pub enum Target<'a> {
    Contact(ContactRef),
    Promise(&'a PromiseEntry),
    Network(&'a NetworkEntry),
}

impl<'a> Target<'a> {
    pub fn of(review: &'a Review, section: Section, index: usize) -> Option<Target<'a>> {
        Some(match section {
            // An interaction row stands for its first participant.
            Section::ThisWeek => {
                Target::Contact(review.logged.get(index)?.participants.first()?.clone())
            }
            Section::YouMayOwe => Target::Contact(review.you_may_owe.get(index)?.contact.clone()),
            Section::OneSided => Target::Contact(review.one_sided.get(index)?.contact.clone()),
            Section::Reconnect => Target::Contact(review.reconnect.get(index)?.contact.clone()),
            Section::Promises => Target::Promise(review.open_promises.get(index)?),
            Section::Networks => Target::Network(networks_to_reconsider(review).nth(index)?),
        })
    }

    pub fn contact(&self) -> Option<ContactRef> {
        match self {
            Target::Contact(contact) => Some(contact.clone()),
            Target::Promise(promise) => Some(promise.contact.clone()),
            Target::Network(_) => None,
        }
    }
}

/// Column widths of item rows, from the width the list has.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    name: usize,
    detail: usize,
    figure: usize,
    when: usize,
}

impl Columns {
    pub fn for_width(total: usize) -> Columns {
        let (figure, when) = (13, 9);
        let name = (total * 3 / 10).clamp(12, 28);
        let detail = total.saturating_sub(name + figure + when + 3);
        Columns {
            name,
            detail,
            figure,
            when,
        }
    }
}

pub fn header_line(review: &Review, section: Section, theme: &Theme) -> Line<'static> {
    let note = if section.len(review) == 0 {
        section.empty_text(review).to_string()
    } else {
        section.explanation(review)
    };
    Line::from(vec![
        Span::styled(section.title(review), theme.title),
        Span::raw("  "),
        Span::styled(note, theme.dim),
    ])
}

pub fn item_line(
    review: &Review,
    section: Section,
    index: usize,
    columns: Columns,
    theme: &Theme,
) -> Line<'static> {
    let today = review.today;
    let last = |date: Option<chrono::NaiveDate>| {
        date.map_or_else(|| "never".to_string(), |d| relative(d, today))
    };
    let (name, detail, figure, when) = match section {
        Section::ThisWeek => {
            let Some(i) = review.logged.get(index) else {
                return Line::default();
            };
            let names: Vec<&str> = i.participants.iter().map(|p| p.name.as_str()).collect();
            let note = i.note.lines().next().unwrap_or("");
            let detail = if note.is_empty() {
                i.channel.to_string()
            } else {
                format!("{} · {note}", i.channel)
            };
            let figure = i.minutes.map(|m| format!("{m} min")).unwrap_or_default();
            (
                names.join(", "),
                detail,
                Span::styled(figure, theme.dim),
                relative(i.date, today),
            )
        }
        Section::YouMayOwe | Section::OneSided => {
            let list = if section == Section::YouMayOwe {
                &review.you_may_owe
            } else {
                &review.one_sided
            };
            let Some(e) = list.get(index) else {
                return Line::default();
            };
            let detail = format!("gave {:.1} · got {:.1}", e.gave, e.got);
            (
                e.contact.name.clone(),
                detail,
                balance_span(e.balance, theme),
                last(e.last_interaction),
            )
        }
        Section::Reconnect => {
            let Some(e) = review.reconnect.get(index) else {
                return Line::default();
            };
            let due = match e.overdue_days {
                0 => "due today".to_string(),
                d => format!("{d} d overdue"),
            };
            let detail = format!("every {} d", e.cadence_days);
            (
                e.contact.name.clone(),
                detail,
                Span::styled(due, theme.notice),
                last(e.last_interaction),
            )
        }
        Section::Promises => {
            let Some(p) = review.open_promises.get(index) else {
                return Line::default();
            };
            let who = match p.direction {
                Direction::Gave => "you promised",
                Direction::Got => "they promised",
            };
            let text = if p.text.is_empty() {
                "(no note)"
            } else {
                p.text.as_str()
            };
            (
                p.contact.name.clone(),
                format!("{who}: {text}"),
                Span::raw(""),
                relative(p.since, today),
            )
        }
        Section::Networks => {
            let Some(n) = networks_to_reconsider(review).nth(index) else {
                return Line::default();
            };
            let detail = format!("{} · {} · {}", n.role, n.intent, flags(n).join(", "));
            let hours = match n.hours_budget {
                Some(budget) => format!("{:.1} / {budget} h", n.hours_logged),
                None => format!("{:.1} h", n.hours_logged),
            };
            let when = n.review_on.map(|d| relative(d, today)).unwrap_or_default();
            (n.name.clone(), detail, Span::styled(hours, theme.dim), when)
        }
    };
    let figure_text = figure.content.to_string();
    Line::from(vec![
        Span::raw(pad(&cell_text(&name), columns.name)),
        Span::raw(" "),
        Span::raw(pad(&cell_text(&detail), columns.detail)),
        Span::raw(" "),
        Span::styled(align_right(&figure_text, columns.figure), figure.style),
        Span::raw(" "),
        Span::styled(pad(&when, columns.when), theme.dim),
    ])
}

/// The flags of a network, in the review's neutral words.
pub fn flags(network: &NetworkEntry) -> Vec<&'static str> {
    let mut flags = Vec::new();
    if network.costs_exceed_benefits {
        flags.push("costs more than it returns");
    }
    if network.review_due {
        flags.push("review due");
    }
    flags
}

fn align_right(text: &str, columns: usize) -> String {
    let cut = ties::text::truncate(text, columns);
    format!("{}{cut}", " ".repeat(columns.saturating_sub(width(&cut))))
}
