//! Drawing the review's rows: a heading with its true count, a suggestion
//! with its reason and the key its reason calls for, an entry of an opened
//! part, and the line that says the week is done.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::rows::{Opened, Part, Row, networks_to_reconsider, suggestions_of};
use crate::tui::theme::Theme;
use crate::tui::widgets::{balance_span, cell_text};
use ties::dates::relative;
use ties::model::Direction;
use ties::review::{NetworkEntry, Review, Section};
use ties::text::{pad, width};

/// Column widths of rows, from the width the list has.
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

/// The one key a suggestion's reason calls for, and what it does.
pub fn key_for(section: Section) -> &'static str {
    match section {
        Section::OpenPromises => "d settle",
        Section::OneSided => "x let go",
        Section::Reconnect | Section::YouMayOwe | Section::Rekindle => "l log",
    }
}

fn explanation(part: Part) -> &'static str {
    match part {
        Part::Queue(Section::OpenPromises) => "yours and theirs, oldest first",
        Part::Queue(Section::Reconnect) => "past their cadence, most overdue first",
        Part::Queue(Section::YouMayOwe) => "you received more than you gave",
        Part::Queue(Section::Rekindle) => "quiet for long, with a shared past",
        Part::Queue(Section::OneSided) => "you gave much more than came back",
        Part::Handled => "what the week's suggestions became",
        Part::ThisWeek => "newest first",
        Part::Dates => "birthdays and other dates, next 14 days",
        Part::Networks => "the whole plan is on tab 3",
    }
}

fn empty_text(part: Part, review: &Review) -> &'static str {
    match part {
        Part::Queue(Section::OpenPromises) => "No open promises.",
        Part::Queue(Section::Reconnect) => "Everyone is within their cadence.",
        Part::Queue(Section::YouMayOwe) => "Nobody: what you received is matched by what you gave.",
        Part::Queue(Section::Rekindle) => "No dormant tie with a shared past.",
        Part::Queue(Section::OneSided) => "No tie is one-sided.",
        Part::Handled => "Nothing handled yet.",
        Part::ThisWeek if review.current => "Nothing logged yet this week: l logs a meeting.",
        Part::ThisWeek => "Nothing was logged that week.",
        Part::Dates => "No birthdays or dates in the next 14 days.",
        Part::Networks if review.networks.is_empty() => "No networks in your plan yet.",
        Part::Networks => "Each network returns about what it costs; no review is due.",
    }
}

pub fn header_line(review: &Review, part: Part, open: bool, theme: &Theme) -> Line<'static> {
    let total = part.total(review);
    let name = match part {
        Part::ThisWeek if !review.current => "That week",
        _ => part.name(),
    };
    let title = match part {
        Part::Queue(section) => match suggestions_of(review, section).count() {
            0 if total == 0 => name.to_string(),
            0 => format!("{name} · {total}"),
            suggested => format!("{name} · {suggested} of {total}"),
        },
        Part::ThisWeek => format!("{name} · {total} logged"),
        _ if total == 0 => name.to_string(),
        _ => format!("{name} · {total}"),
    };
    let shown = part.len(review);
    let note = if total == 0 {
        empty_text(part, review).to_string()
    } else if open && shown < total {
        format!("the first {shown} of {total} · Enter closes")
    } else if open {
        "Enter closes".to_string()
    } else {
        format!("{} · Enter opens", explanation(part))
    };
    Line::from(vec![
        Span::styled(if open { "− " } else { "+ " }, theme.dim),
        Span::styled(title, theme.title),
        Span::raw("  "),
        Span::styled(note, theme.dim),
    ])
}

/// The line at the top when there is nothing left to do, or once done.
pub fn done_line(review: &Review, theme: &Theme) -> Line<'static> {
    let drawn = review.queue.len() + review.handled.len();
    if review.reviewed_this_week {
        let mut spans = vec![
            Span::styled("Reviewed", theme.good),
            Span::styled(
                format!(
                    " · streak {} · {} of {drawn} handled · {} logged",
                    match review.streak {
                        1 => "1 week".to_string(),
                        n => format!("{n} weeks"),
                    },
                    review.handled.len(),
                    review.logged_count
                ),
                theme.dim,
            ),
        ];
        if let Some(last) = review
            .last_review
            .as_ref()
            .filter(|r| r.week_start == review.week.start && !r.note.is_empty())
        {
            spans.push(Span::styled(" · ", theme.dim));
            spans.push(Span::raw(cell_text(&last.note)));
        }
        return Line::from(spans);
    }
    if drawn == 0 {
        return Line::from(vec![
            Span::styled("Nothing to suggest this week", theme.good),
            Span::styled(" · R marks it reviewed", theme.dim),
        ]);
    }
    Line::from(vec![
        Span::styled("The week is done", theme.good),
        Span::styled(
            format!(": all {drawn} handled · R marks it reviewed · m draws more"),
            theme.dim,
        ),
    ])
}

pub fn row_line(
    review: &Review,
    row: Row,
    opened: &Opened,
    columns: Columns,
    theme: &Theme,
) -> Line<'static> {
    match row {
        Row::Header(part) => header_line(review, part, opened.is_open(part, review), theme),
        Row::Done => done_line(review, theme),
        Row::Suggestion(n) => suggestion_line(review, n, columns, theme),
        Row::Entry(part, n) => entry_line(review, part, n, columns, theme),
    }
}

fn suggestion_line(review: &Review, n: usize, columns: Columns, theme: &Theme) -> Line<'static> {
    let Some(s) = review.queue.get(n) else {
        return Line::default();
    };
    // The reason takes the figure and date columns too: it says both.
    let key_width = 8;
    let reason_width = columns.detail + columns.figure + columns.when + 1 - key_width;
    Line::from(vec![
        Span::raw(pad(&cell_text(&s.contact.name), columns.name)),
        Span::raw(" "),
        Span::raw(pad(&cell_text(&s.reason), reason_width)),
        Span::raw(" "),
        Span::styled(pad(key_for(s.section), key_width), theme.accent),
    ])
}

fn entry_line(
    review: &Review,
    part: Part,
    n: usize,
    columns: Columns,
    theme: &Theme,
) -> Line<'static> {
    let today = review.as_of;
    let last = |date: Option<chrono::NaiveDate>| {
        date.map_or_else(|| "never".to_string(), |d| relative(d, today))
    };
    let (name, detail, figure, when) = match part {
        Part::ThisWeek => {
            let Some(i) = review.logged.get(n) else {
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
        Part::Queue(Section::YouMayOwe) | Part::Queue(Section::OneSided) => {
            let list = if part == Part::Queue(Section::YouMayOwe) {
                &review.you_may_owe
            } else {
                &review.one_sided
            };
            let Some(e) = list.get(n) else {
                return Line::default();
            };
            (
                e.contact.name.clone(),
                format!("gave {:.1} · got {:.1}", e.gave, e.got),
                balance_span(e.balance, theme),
                last(e.last_interaction),
            )
        }
        Part::Queue(Section::Reconnect) => {
            let Some(e) = review.reconnect.get(n) else {
                return Line::default();
            };
            let due = match e.overdue_days {
                0 => "due today".to_string(),
                d => format!("{d} d overdue"),
            };
            (
                e.contact.name.clone(),
                format!("every {} d", e.cadence_days),
                Span::styled(due, theme.notice),
                last(e.last_interaction),
            )
        }
        Part::Queue(Section::OpenPromises) => {
            let Some(p) = review.open_promises.get(n) else {
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
        Part::Queue(Section::Rekindle) => {
            let Some(e) = review.rekindle.get(n) else {
                return Line::default();
            };
            let context = match (&e.last_note, e.they_gave.first(), e.open_promises.first()) {
                (_, _, Some(p)) => format!("open promise: {}", p.text),
                (Some(note), _, _) => {
                    format!("last note: {}", note.note.lines().next().unwrap_or(""))
                }
                (None, Some(given), _) => format!("they gave {} {}", given.kind, given.weight),
                (None, None, None) => String::new(),
            };
            let past = format!("{} met · {} pts", e.interactions, e.weight_exchanged);
            (
                e.contact.name.clone(),
                context,
                Span::styled(past, theme.dim),
                last(e.last_interaction),
            )
        }
        Part::Dates => {
            let Some(o) = review.dates.get(n) else {
                return Line::default();
            };
            let when = match o.in_days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                d => format!("in {d} d"),
            };
            (
                o.contact.name.clone(),
                occasion_words(o),
                Span::styled(o.on.format("%a %-d %b").to_string(), theme.dim),
                when,
            )
        }
        Part::Handled => {
            let Some(h) = review.handled.get(n) else {
                return Line::default();
            };
            (
                h.suggestion.contact.name.clone(),
                h.suggestion.reason.clone(),
                Span::styled(h.outcome.words().to_string(), theme.good),
                String::new(),
            )
        }
        Part::Networks => {
            let Some(n) = networks_to_reconsider(review).nth(n) else {
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
    cells(&name, &detail, figure, &when, columns, theme).into()
}

fn cells(
    name: &str,
    detail: &str,
    figure: Span<'static>,
    when: &str,
    columns: Columns,
    theme: &Theme,
) -> Vec<Span<'static>> {
    let figure_text = figure.content.to_string();
    let figure_style: Style = figure.style;
    vec![
        Span::raw(pad(&cell_text(name), columns.name)),
        Span::raw(" "),
        Span::raw(pad(&cell_text(detail), columns.detail)),
        Span::raw(" "),
        Span::styled(align_right(&figure_text, columns.figure), figure_style),
        Span::raw(" "),
        Span::styled(pad(when, columns.when), theme.dim),
    ]
}

/// What an occasion is, in a few words ("birthday, turns 36").
fn occasion_words(o: &ties::occasions::Occasion) -> String {
    match (o.years, o.is_birthday(), o.yearly) {
        (Some(years), true, _) => format!("birthday, turns {years}"),
        (_, true, _) => "birthday".to_string(),
        (Some(years), false, _) if years > 0 => format!("{}, {years} years", o.label),
        (_, _, false) => format!("{}, once", o.label),
        _ => o.label.clone(),
    }
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
