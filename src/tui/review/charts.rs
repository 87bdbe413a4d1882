//! The review's pictures: the week's status line, the largest balances as a
//! bar chart and 26 weeks of activity as a sparkline.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Paragraph, Sparkline, Widget, Wrap};

use crate::tui::theme::Theme;
use crate::tui::widgets::cell_text;
use ties::review::{BalanceEntry, Review};
use ties::text::{pad, truncate};

/// Bars in the balance chart.
pub const CHART_BARS: usize = 8;

/// "Week 2026-W48 · 23–29 Nov · reviewed · streak 3 weeks".
pub fn week_status(review: &Review, theme: &Theme) -> Line<'static> {
    let week = &review.week;
    let range = day_range(week.start, week.end);
    let mut spans = vec![
        Span::styled(format!("Week {}", week.iso), theme.title),
        Span::styled(format!(" · {range} · "), theme.dim),
    ];
    if review.reviewed_this_week {
        spans.push(Span::styled("reviewed", theme.good));
    } else {
        spans.push(Span::styled("not reviewed yet", theme.notice));
        spans.push(Span::styled(" · R marks it", theme.dim));
    }
    if review.streak > 0 {
        spans.push(Span::styled(
            format!(" · streak {}", weeks(review.streak)),
            theme.dim,
        ));
    }
    Line::from(spans)
}

/// "23–29 Nov", or "30 Nov–6 Dec" across a month's end.
pub fn day_range(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if start.month() == end.month() {
        format!("{}–{}", start.format("%-d"), end.format("%-d %b"))
    } else {
        format!("{}–{}", start.format("%-d %b"), end.format("%-d %b"))
    }
}

pub fn weeks(n: u32) -> String {
    if n == 1 {
        "1 week".into()
    } else {
        format!("{n} weeks")
    }
}

/// The ties furthest from even, either way, largest first.
pub fn largest_balances(review: &Review) -> Vec<&BalanceEntry> {
    let mut entries: Vec<&BalanceEntry> =
        review.you_may_owe.iter().chain(&review.one_sided).collect();
    entries.sort_by(|a, b| {
        b.balance
            .abs()
            .total_cmp(&a.balance.abs())
            .then(a.contact.id.cmp(&b.contact.id))
    });
    entries.truncate(CHART_BARS);
    entries
}

/// A title line and the bars (one row each), or a calm line when every tie
/// is even. Returns the rows it wants, so callers can size the area.
pub fn balance_rows(review: &Review) -> u16 {
    1 + largest_balances(review).len().max(1) as u16
}

pub fn render_balances(review: &Review, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let [title, chart] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    Paragraph::new(Line::from(vec![
        Span::styled("Largest balances", theme.title),
        Span::styled("  + gave more · - got more", theme.dim),
    ]))
    .render(title, buf);
    let entries = largest_balances(review);
    if entries.is_empty() {
        Paragraph::new(Span::styled("Every tie is about even.", theme.dim)).render(chart, buf);
        return;
    }
    let bars: Vec<Bar> = entries
        .iter()
        .map(|e| {
            let style = if e.balance < 0.0 {
                theme.notice
            } else {
                theme.accent
            };
            // The figure goes in the label, so short bars stay readable
            // and the bars themselves stay clean.
            let label = format!(
                "{} {:>6}",
                pad(&short_name(&e.contact.name), 12),
                format!("{:+.1}", e.balance)
            );
            Bar::default()
                .value((e.balance.abs() * 10.0).round() as u64)
                .text_value(String::new())
                .label(Line::from(label))
                .style(style)
        })
        .collect();
    BarChart::horizontal(bars)
        .bar_width(1)
        .bar_gap(0)
        .render(chart, buf);
}

/// "Vilja Ikonen" → "Vilja I.": short enough for a chart label, still telling
/// two Annas apart.
pub fn short_name(name: &str) -> String {
    let name = cell_text(name);
    let words: Vec<&str> = name.split_whitespace().collect();
    let short = match words.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        [first, .., last] => match last.chars().next() {
            Some(initial) => format!("{first} {initial}."),
            None => (*first).to_string(),
        },
    };
    truncate(&short, 12).into_owned()
}

fn peak(review: &Review) -> u32 {
    review.activity.iter().copied().max().unwrap_or(0)
}

/// A labelled sparkline over `area`: the label on the first line, the bars
/// below; or, in one line, label and bars side by side.
pub fn render_activity(review: &Review, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let weeks = review.activity.len();
    if peak(review) == 0 {
        let text = format!("Activity: nothing logged in the last {weeks} weeks.");
        Paragraph::new(Span::styled(text, theme.dim)).render(area, buf);
        return;
    }
    let data: Vec<u64> = review.activity.iter().map(|&n| u64::from(n)).collect();
    if area.height <= 1 {
        let label = format!("Activity, {weeks} weeks ");
        let [label_area, spark, peak_area] = Layout::horizontal([
            Constraint::Length(label.chars().count() as u16),
            Constraint::Length(weeks as u16),
            Constraint::Fill(1),
        ])
        .areas(area);
        Paragraph::new(Span::styled(label, theme.dim)).render(label_area, buf);
        Sparkline::default()
            .data(&data)
            .style(theme.accent)
            .render(spark, buf);
        Paragraph::new(Span::styled(
            format!(" peak {} a week", peak(review)),
            theme.dim,
        ))
        .render(peak_area, buf);
        return;
    }
    let [title, spark] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    Paragraph::new(Line::from(vec![
        Span::styled("Activity", theme.title),
        Span::styled(
            format!("  {weeks} weeks · peak {} a week", peak(review)),
            theme.dim,
        ),
    ]))
    .render(title, buf);
    let spark = Rect {
        width: spark.width.min(weeks as u16),
        ..spark
    };
    Sparkline::default()
        .data(&data)
        .style(theme.accent)
        .render(spark, buf);
}

/// The last review and its note, wrapped.
pub fn render_last_review(review: &Review, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(last) = &review.last_review else {
        Paragraph::new(Span::styled("No week reviewed yet.", theme.dim)).render(area, buf);
        return;
    };
    let mut lines = vec![Line::from(vec![
        Span::styled("Last review", theme.title),
        Span::styled(
            format!("  week of {}", last.week_start.format("%-d %b %Y")),
            theme.dim,
        ),
    ])];
    if !last.note.is_empty() {
        lines.extend(last.note.lines().map(|line| Line::raw(cell_text(line))));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: true })
        .render(area, buf);
}
