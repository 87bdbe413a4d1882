//! The review as text: the week's suggestions with the command each one
//! calls for, then every section with its true total.

use std::io::Write;

use anyhow::Result;

use super::output::{DIM, GOOD, HEADING, NOTICE, Table, styled};
use super::words;
use ties::dates;
use ties::model::Direction;
use ties::review::{Review, Section, Suggestion};

pub fn weeks(n: u32) -> String {
    if n == 1 {
        "1 week".into()
    } else {
        format!("{n} weeks")
    }
}

/// "11 suggestions left" / "the week is done".
pub fn left(open: usize) -> String {
    match open {
        0 => "the week is done: nothing left to suggest".into(),
        1 => "1 suggestion left".into(),
        n => format!("{n} suggestions left"),
    }
}

pub fn drew_more(out: &mut impl Write, drawn: usize) -> std::io::Result<()> {
    match drawn {
        0 => writeln!(
            out,
            "{}",
            styled(
                DIM,
                "Nobody else to suggest this week: the sections below are all there is."
            )
        ),
        n => writeln!(
            out,
            "{}",
            styled(
                GOOD,
                &format!("Drew {n} more suggestion{}.", if n == 1 { "" } else { "s" })
            )
        ),
    }
}

fn heading(out: &mut impl Write, title: &str, detail: &str) -> std::io::Result<()> {
    writeln!(out)?;
    if detail.is_empty() {
        writeln!(out, "{}", styled(HEADING, title))
    } else {
        writeln!(out, "{}  {}", styled(HEADING, title), styled(DIM, detail))
    }
}

fn calm(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    writeln!(out, "  {}", styled(DIM, text))
}

/// The section's heading: its true total and how many of its entries are
/// among the week's suggestions still standing ("3 of 30 suggested").
fn section_heading(
    out: &mut impl Write,
    r: &Review,
    title: &str,
    section: Section,
    explanation: &str,
) -> std::io::Result<()> {
    let total = r.totals.of(section);
    let suggested = r.queue.iter().filter(|s| s.section == section).count();
    let count = if suggested > 0 {
        format!("{suggested} of {total} suggested")
    } else {
        format!("{total}")
    };
    heading(out, title, &format!("{count} · {explanation}"))
}

/// "… and 20 more (`--limit 0` lists them all)" under a cut list.
fn more_rows(out: &mut impl Write, shown: usize, total: usize) -> std::io::Result<()> {
    if total > shown {
        calm(
            out,
            &format!("… and {} more (`--limit 0` lists them all)", total - shown),
        )?;
    }
    Ok(())
}

/// The command a suggestion's reason calls for.
fn command(s: &Suggestion) -> String {
    let who = format!("#{}", s.contact.id);
    match (s.section, s.item_id) {
        (Section::OpenPromises, Some(item)) => format!("ties done {item}"),
        (Section::OneSided, _) => format!("ties edit {who} --reminders off"),
        _ => format!("ties log {who}"),
    }
}

fn section_word(section: Section) -> &'static str {
    match section {
        Section::OpenPromises => "promise",
        Section::Reconnect => "reconnect",
        Section::YouMayOwe => "you may owe",
        Section::Rekindle => "rekindle",
        Section::OneSided => "one-sided",
    }
}

fn suggestions(out: &mut impl Write, r: &Review) -> Result<()> {
    let drawn = r.queue.len() + r.handled.len();
    let title = if r.current {
        "This week's suggestions"
    } else {
        "Suggested that week"
    };
    let detail = match (r.current, r.queue.len()) {
        (_, _) if drawn == 0 => "nothing to suggest".to_string(),
        (true, 0) => format!("all {drawn} handled: the week is done"),
        (true, n) => format!("{n} of {drawn} left"),
        (false, 0) => format!("all {drawn} handled that week"),
        (false, n) => format!("{n} of {drawn} left open at the week's end"),
    };
    heading(out, title, &detail)?;
    if !r.queue.is_empty() {
        let mut table = Table::new(&["SECTION", "CONTACT", "REASON", "DO"]);
        for s in &r.queue {
            table.row(vec![
                section_word(s.section).to_string(),
                s.contact.name.clone(),
                s.reason.clone(),
                if r.current { command(s) } else { String::new() },
            ]);
        }
        indent(out, &table)?;
    }
    if !r.handled.is_empty() {
        let done: Vec<String> = r
            .handled
            .iter()
            .map(|h| format!("{} ({})", h.suggestion.contact.name, h.outcome.words()))
            .collect();
        writeln!(
            out,
            "  {} {}",
            styled(GOOD, "Handled:"),
            ties::text::printable(&done.join(", "))
        )?;
    }
    if r.current {
        let hint = if r.queue.is_empty() && drawn > 0 {
            "`ties review --done` marks the week reviewed; `ties review --more` draws more"
        } else if r.queue.is_empty() {
            "`ties review --done` marks the week reviewed"
        } else {
            "act on each, or `ties review --skip CONTACT` for not this week; `--more` draws more"
        };
        calm(out, hint)?;
    }
    Ok(())
}

pub fn print(out: &mut impl Write, r: &Review) -> Result<()> {
    let today = r.as_of;
    let reviewed = match (&r.last_review, r.reviewed_this_week) {
        (_, true) => format!("reviewed · streak {}", weeks(r.streak)),
        (Some(last), false) => format!(
            "last reviewed the week of {} · streak {}",
            last.week_start,
            weeks(r.streak)
        ),
        (None, false) => "not reviewed yet: `ties review --done` when you are through".to_string(),
    };
    let title = format!("Week {} · {} – {}", r.week.iso, r.week.start, r.week.end);
    let title = if r.current {
        title
    } else {
        format!("{title} · as of {}", r.as_of)
    };
    writeln!(
        out,
        "{}  {}",
        styled(HEADING, &title),
        styled(DIM, &reviewed)
    )?;

    suggestions(out, r)?;

    let logged_title = if r.current { "This week" } else { "That week" };
    heading(out, logged_title, &format!("{} logged", r.logged_count))?;
    if r.logged.is_empty() {
        calm(
            out,
            if r.current {
                "Nothing logged yet this week."
            } else {
                "Nothing was logged that week."
            },
        )?;
    } else {
        let mut table = Table::new(&["DATE", "CHANNEL", "WITH", "NOTE"]);
        for i in &r.logged {
            let names: Vec<&str> = i.participants.iter().map(|p| p.name.as_str()).collect();
            table.row(vec![
                i.date.to_string(),
                i.channel.to_string(),
                names.join(", "),
                i.note.lines().next().unwrap_or("").to_string(),
            ]);
        }
        indent(out, &table)?;
        more_rows(out, r.logged.len(), r.logged_count)?;
    }

    promises(out, r)?;
    reconnect(out, r)?;
    for (title, section, entries, empty) in [
        (
            "You may owe",
            Section::YouMayOwe,
            &r.you_may_owe,
            "Nobody: what you received is matched by what you gave.",
        ),
        (
            "One-sided",
            Section::OneSided,
            &r.one_sided,
            "No tie is one-sided.",
        ),
    ] {
        section_heading(out, r, title, section, "decayed weight, gave − got")?;
        if entries.is_empty() {
            calm(out, empty)?;
            continue;
        }
        let mut table = Table::new(&["ID", "CONTACT", "BALANCE", "GAVE", "GOT", "LAST"]);
        for e in entries {
            table.row(vec![
                e.contact.id.to_string(),
                e.contact.name.clone(),
                words::signed_figure(e.balance),
                words::figure(e.gave),
                words::figure(e.got),
                e.last_interaction
                    .map(|d| dates::relative(d, today))
                    .unwrap_or_else(|| "never".into()),
            ]);
        }
        indent(out, &table)?;
        more_rows(out, entries.len(), r.totals.of(section))?;
    }
    rekindle(out, r)?;
    networks(out, r)?;
    occasions(out, r)?;

    let peak = r.activity.iter().copied().max().unwrap_or(0);
    heading(
        out,
        "Activity",
        &format!(
            "interactions per week, last {} weeks, peak {peak}",
            r.activity.len()
        ),
    )?;
    writeln!(out, "  {}", sparkline(&r.activity))?;
    Ok(())
}

fn promises(out: &mut impl Write, r: &Review) -> Result<()> {
    section_heading(
        out,
        r,
        "Open promises",
        Section::OpenPromises,
        "oldest first; settle with `ties done ITEM`",
    )?;
    if r.open_promises.is_empty() {
        calm(out, "No open promises.")?;
        return Ok(());
    }
    let mut table = Table::new(&["ITEM", "WHO", "PROMISE", "SINCE"]);
    for p in &r.open_promises {
        let who = match p.direction {
            Direction::Gave => format!("you → {}", p.contact.name),
            Direction::Got => format!("{} → you", p.contact.name),
        };
        table.row(vec![
            p.item_id.to_string(),
            who,
            p.text.clone(),
            format!("{} d", p.age_days),
        ]);
    }
    indent(out, &table)?;
    more_rows(out, r.open_promises.len(), r.totals.open_promises)?;
    Ok(())
}

fn reconnect(out: &mut impl Write, r: &Review) -> Result<()> {
    section_heading(
        out,
        r,
        "Reconnect",
        Section::Reconnect,
        "most overdue for their cadence first",
    )?;
    if r.reconnect.is_empty() {
        calm(out, "Everyone is within their cadence.")?;
        return Ok(());
    }
    let mut table = Table::new(&["ID", "CONTACT", "CADENCE", "LAST", "DUE"]);
    for e in &r.reconnect {
        let due = match e.overdue_days {
            0 => "due today".to_string(),
            d => format!("{d} d overdue"),
        };
        table.row(vec![
            e.contact.id.to_string(),
            e.contact.name.clone(),
            format!("every {} d", e.cadence_days),
            e.last_interaction
                .map(|d| dates::relative(d, r.as_of))
                .unwrap_or_else(|| "never".into()),
            due,
        ]);
    }
    indent(out, &table)?;
    more_rows(out, r.reconnect.len(), r.totals.reconnect)?;
    Ok(())
}

fn rekindle(out: &mut impl Write, r: &Review) -> Result<()> {
    section_heading(
        out,
        r,
        "Rekindle",
        Section::Rekindle,
        "dormant ties with a shared past, the richest first",
    )?;
    if r.rekindle.is_empty() {
        calm(out, "No dormant tie with a substantial past.")?;
        return Ok(());
    }
    for e in &r.rekindle {
        let last = e
            .last_interaction
            .map(|d| format!("last {d}"))
            .unwrap_or_default();
        writeln!(
            out,
            "  {}  {}",
            styled(HEADING, &format!("#{} {}", e.contact.id, e.contact.name)),
            styled(
                DIM,
                &format!(
                    "{last} · {} interactions, {} points exchanged",
                    e.interactions, e.weight_exchanged
                )
            )
        )?;
        if let Some(note) = &e.last_note {
            writeln!(
                out,
                "    {} {}",
                styled(DIM, &format!("last note {}:", note.date)),
                ties::text::printable(note.note.lines().next().unwrap_or(""))
            )?;
        }
        if !e.they_gave.is_empty() {
            let given: Vec<String> = e
                .they_gave
                .iter()
                .map(|g| {
                    let note = if g.note.is_empty() {
                        String::new()
                    } else {
                        format!(" \"{}\"", g.note)
                    };
                    format!("{} {}{note} ({})", g.kind, g.weight, g.date)
                })
                .collect();
            writeln!(
                out,
                "    {} {}",
                styled(DIM, "they gave you:"),
                ties::text::printable(&given.join(", "))
            )?;
        }
        for p in &e.open_promises {
            let who = match p.direction {
                Direction::Gave => "you promised",
                Direction::Got => "they promised",
            };
            writeln!(
                out,
                "    {} {} (item {}, since {})",
                styled(NOTICE, &format!("{who}:")),
                ties::text::printable(&p.text),
                p.item_id,
                p.since
            )?;
        }
    }
    more_rows(out, r.rekindle.len(), r.totals.rekindle)?;
    Ok(())
}

fn networks(out: &mut impl Write, r: &Review) -> Result<()> {
    heading(
        out,
        "Networks",
        &format!(
            "{} · hours per month over 3 months against the plan",
            r.totals.networks
        ),
    )?;
    if r.networks.is_empty() {
        calm(
            out,
            "No networks in your plan yet: `ties network add NAME`.",
        )?;
        return Ok(());
    }
    let mut table = Table::new(&[
        "ID", "NETWORK", "ROLE", "INTENT", "HOURS", "GAVE", "GOT", "FLAGS",
    ]);
    for n in &r.networks {
        let hours = match n.hours_budget {
            Some(budget) => format!("{} / {budget}", words::figure(n.hours_logged)),
            None => words::figure(n.hours_logged),
        };
        let mut flags = Vec::new();
        if n.costs_exceed_benefits {
            flags.push("costs more than it returns");
        }
        if n.review_due {
            flags.push("review due");
        }
        table.row(vec![
            n.id.to_string(),
            n.name.clone(),
            n.role.to_string(),
            n.intent.to_string(),
            hours,
            words::figure(n.gave),
            words::figure(n.got),
            flags.join(", "),
        ]);
    }
    indent(out, &table)?;
    Ok(())
}

fn occasions(out: &mut impl Write, r: &Review) -> Result<()> {
    heading(
        out,
        "Dates",
        &format!(
            "{} · birthdays and other dates, next 14 days",
            r.totals.dates
        ),
    )?;
    if r.dates.is_empty() {
        calm(out, "No birthdays or dates coming up.")?;
        return Ok(());
    }
    let mut table = Table::new(&["DATE", "WHEN", "CONTACT", "WHAT"]);
    for o in &r.dates {
        table.row(vec![
            o.on.to_string(),
            dates::relative(o.on, r.as_of),
            o.contact.name.clone(),
            super::dates::what(o),
        ]);
    }
    indent(out, &table)?;
    more_rows(out, r.dates.len(), r.totals.dates)?;
    Ok(())
}

fn indent(out: &mut impl Write, table: &Table) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    table.write(&mut buffer)?;
    for line in String::from_utf8_lossy(&buffer).lines() {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// Block characters scaled to the largest value; a zero week is a space-like low bar.
pub fn sparkline(values: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let peak = values.iter().copied().max().unwrap_or(0).max(1);
    values
        .iter()
        .map(|&v| {
            if v == 0 {
                '·'
            } else {
                BARS[((v as usize * 7) / peak as usize).min(7)]
            }
        })
        .collect()
}
